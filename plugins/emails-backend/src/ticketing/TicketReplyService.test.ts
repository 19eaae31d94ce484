import { TestDatabases } from '@backstage/backend-test-utils';
import { simpleParser } from 'mailparser';
import { mail, startPipeline } from '../ingest/__testUtils__/pipeline';
import { OutboundQueue, outboundQueueOf } from '../outbound';
import { TicketQueries } from './TicketQueries';
import { TicketReplyService } from './TicketReplyService';

jest.setTimeout(60_000);

describe('TicketReplyService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const pipeline = await startPipeline(databases, 'SQLITE_3');
    const queued: Parameters<OutboundQueue['enqueue']>[0][] = [];
    const service = new TicketReplyService({
      stores: pipeline.stores,
      queue: {
        // Recorded, and queued for real so the ticket can tell its state.
        enqueue: async m => {
          queued.push(m);
          return outboundQueueOf(pipeline.stores.outbound).enqueue(m);
        },
      },
      tokens: pipeline.tokens,
      messageIdDomain: 'emails.test',
      preferences: async () => pipeline.prefs.current,
      displayName: async ref => (ref === 'user:default/tom' ? 'Tom Tech' : ref),
    });
    const { outcome } = await pipeline.deliver(
      mail(
        {
          From: 'Rita <rita@example.com>',
          To: 'support@example.com',
          Cc: 'bob@example.com',
          Subject: 'Printer broken',
          'Message-ID': '<first@example.com>',
        },
        'It smokes.',
      ),
    );
    return { ...pipeline, service, queued, ticketId: outcome.ticketId! };
  }

  it('stores the reply and queues a threaded email the requester can answer into the same ticket', async () => {
    const { service, queued, ticketId, stores, deliver, tokens } =
      await setup();
    const { entryId } = await service.reply(
      ticketId,
      {
        body: 'Please **restart** it.',
        cc: ['carol@example.com'],
        attachments: [
          {
            filename: 'steps.txt',
            contentType: 'text/plain',
            contentBase64: Buffer.from('1. off 2. on').toString('base64'),
          },
        ],
      },
      { userEntityRef: 'user:default/tom' },
    );

    const entries = await stores.tickets.entries(ticketId);
    expect(entries.at(-1)).toMatchObject({
      id: entryId,
      kind: 'reply',
      text: 'Please **restart** it.',
      // The formatted text becomes the HTML of the entry and of the email.
      html: '<p>Please <strong>restart</strong> it.</p>',
      // Credited to the technician; the email comes from the mailbox.
      author: { userEntityRef: 'user:default/tom', name: 'Tom Tech' },
    });
    const [sent] = queued;
    expect(sent).toMatchObject({
      ticketId,
      to: ['rita@example.com'],
      cc: ['bob@example.com', 'carol@example.com'],
    });
    const parsed = await simpleParser(sent.raw);
    expect(parsed.subject).toBe(`Re: [REQ-${ticketId}] Printer broken`);
    expect(parsed.inReplyTo).toBe('<first@example.com>');
    expect(parsed.headers.get('x-loop')).toBe('emails.test');
    expect(tokens.verify(parsed.messageId)).toEqual([{ ticketId, entryId }]);
    expect(parsed.text).toContain('[ref:t.');
    expect(parsed.html).toContain('<p>Please <strong>restart</strong> it.</p>');
    expect(parsed.attachments.map(a => a.filename)).toEqual(['steps.txt']);
    // The ticket tells its technicians the reply's email and its state.
    const detail = await new TicketQueries(stores).get(ticketId);
    expect(detail.mail).toEqual([
      expect.objectContaining({
        kind: 'reply',
        entryId,
        status: 'queued',
        to: ['rita@example.com'],
      }),
    ]);

    // The requester answers the email: it lands in the same ticket.
    const answer = await deliver(
      mail(
        {
          From: 'rita@example.com',
          Subject: `Re: ${parsed.subject}`,
          'In-Reply-To': parsed.messageId!,
          References: `<first@example.com> ${parsed.messageId}`,
        },
        'Restarted, works now.',
      ),
    );
    expect(answer.outcome).toMatchObject({ status: 'appended', ticketId });
  });

  it.each([
    [
      { body: 'x', cc: ['a@b.com\r\nBcc: all@example.com'] },
      'Invalid reply: cc.0 must be a valid email address like name@example.com',
    ],
    [{ body: '   ' }, 'Invalid reply: body is required'],
    [
      {
        body: 'x',
        attachments: [
          {
            filename: 'a.txt',
            contentType: 'text/plain\r\nX-Evil: 1',
            contentBase64: '',
          },
        ],
      },
      'Invalid reply: attachments.0.contentType must not contain line breaks',
    ],
    [
      { body: 'x', outgoingServerId: 'any' },
      'Invalid reply: outgoingServerId may be chosen only when Allow User to select Outgoing Email is on',
    ],
  ])('refuses %p with a 400 naming the field', async (body, message) => {
    const { service, ticketId, queued } = await setup();
    await expect(
      service.reply(ticketId, body, { userEntityRef: 'user:default/tom' }),
    ).rejects.toThrow(message);
    expect(queued).toEqual([]);
  });

  it('leaves recipients whose mail bounced out of the CC', async () => {
    const { service, ticketId, queued, stores } = await setup();
    await stores.tickets.markUndeliverable(
      ticketId,
      'bob@example.com',
      '550 no such user',
    );
    await service.reply(
      ticketId,
      { body: 'Update' },
      { userEntityRef: 'user:default/tom' },
    );
    expect(queued[0].cc).toEqual([]);
  });

  it('never mails our own addresses: they leave the CC, and a requester of ours is refused', async () => {
    const { service, ticketId, queued, stores } = await setup();
    // support@example.com is the pipeline mailbox, help@example.com its alias.
    await service.reply(
      ticketId,
      { body: 'Update', cc: ['help@example.com', 'SUPPORT@example.com'] },
      { userEntityRef: 'user:default/tom' },
    );
    expect(queued[0].cc).toEqual(['bob@example.com']);

    await stores.outgoingServers.create({
      name: 'Rita as a relay',
      email: 'rita@example.com',
      protocol: 'smtp',
      enabled: true,
      primary: false,
      settings: { host: '127.0.0.1', port: 25 },
    });
    await expect(
      service.reply(
        ticketId,
        { body: 'Loop?' },
        { userEntityRef: 'user:default/tom' },
      ),
    ).rejects.toThrow(
      `Ticket ${ticketId}'s requester rita@example.com is one of our own addresses; the reply is not sent`,
    );
    expect(queued).toHaveLength(1);
  });
});
