import { TestDatabases } from '@backstage/backend-test-utils';
import { mail, startPipeline } from './__testUtils__/pipeline';

jest.setTimeout(60_000);

// A reply is credited to the catalog User who wrote it, whoever they are on
// the ticket (the ticket page shows a "Guest" chip otherwise).
describe('the author of a reply', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('is the catalog user behind a CC participant, and a guest stays a guest', async () => {
    const { deliver, stores } = await startPipeline(databases, 'SQLITE_3');
    const opened = await deliver(
      mail(
        {
          From: 'Gina <gina@example.com>',
          To: 'support@example.com',
          Cc: 'Rita <rita@example.com>, bob@example.com',
          Subject: 'Projector in room 4',
          'Message-ID': '<projector-1@example.com>',
        },
        'It shows no picture.',
      ),
    );
    expect(opened.outcome.status).toBe('ticketed');
    const ticketId = opened.outcome.ticketId!;
    const reply = (from: string, n: number) =>
      deliver(
        mail(
          {
            From: from,
            To: 'support@example.com',
            Subject: 'Re: Projector in room 4',
            'Message-ID': `<projector-reply-${n}@example.com>`,
            'In-Reply-To': '<projector-1@example.com>',
            References: '<projector-1@example.com>',
          },
          `Reply ${n}.`,
        ),
      );
    expect((await reply('Rita <rita@example.com>', 1)).outcome.status).toBe(
      'appended',
    );
    expect((await reply('bob@example.com', 2)).outcome.status).toBe('appended');

    const authors = (await stores.tickets.entries(ticketId))
      .filter(e => e.kind === 'reply')
      .map(e => [e.author.email, e.author.userEntityRef]);
    expect(authors).toEqual([
      ['rita@example.com', 'user:default/rita'],
      ['bob@example.com', undefined],
    ]);
  });
});
