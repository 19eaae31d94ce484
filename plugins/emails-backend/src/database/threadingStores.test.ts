import { TestDatabases } from '@backstage/backend-test-utils';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { createStores } from './Stores';

jest.setTimeout(60_000);

describe('threading lookups in the stores', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  async function stores(databaseId: any) {
    const knex = await databases.init(databaseId);
    return createStores({ getClient: async () => knex });
  }

  const ticket = (key: string, extra: object = {}) => ({
    idempotencyKey: key,
    title: key,
    requester: { email: 'rita@example.com' },
    ccEmails: [],
    description: {
      idempotencyKey: `${key}:d`,
      kind: 'description' as const,
      author: { email: 'rita@example.com' },
      text: 'hi',
    },
    ...extra,
  });

  it.each(databases.eachSupportedId())(
    'finds tickets by earlier Message-IDs and spots duplicates on %p',
    async id => {
      const s = await stores(id);
      const { ticket: t } = await s.tickets.create(ticket('a'));
      const first = (
        await s.inboundMessages.record('srv', 'imap:1', Buffer.from('x'))
      ).record;
      await s.inboundMessages.update(first.id, {
        status: 'ticketed',
        ticketId: t.id,
        messageId: '<Abc@Example.COM>',
        trace: [],
      });
      // Angle brackets, spaces and case do not matter.
      expect(
        await s.inboundMessages.ticketForMessageId(' abc@example.com '),
      ).toBe(t.id);
      expect(
        await s.inboundMessages.ticketForMessageId('<other@example.com>'),
      ).toBeUndefined();

      const second = (
        await s.inboundMessages.record('srv2', 'imap:9', Buffer.from('x'))
      ).record;
      const since = new Date(Date.now() - 60_000);
      expect(
        await s.inboundMessages.sameMessageSince(
          '<abc@example.com>',
          since,
          second.id,
        ),
      ).toMatchObject({ id: first.id, serverId: 'srv', ticketId: t.id });
      expect(
        await s.inboundMessages.sameMessageSince(
          '<abc@example.com>',
          new Date(Date.now() + 60_000),
          second.id,
        ),
      ).toBeUndefined();
      expect(
        await s.inboundMessages.sameMessageSince(
          '<abc@example.com>',
          since,
          first.id,
        ),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'links follow-up tickets, keeps quoted history and bounced recipients on %p',
    async id => {
      const s = await stores(id);
      const { ticket: old } = await s.tickets.create(ticket('old'));
      await s.tickets.setStatus(old.id, 'closed');
      expect((await s.tickets.get(old.id)).closedAt).toBeDefined();
      const { ticket: next } = await s.tickets.create(
        ticket('new', { followsTicketId: old.id }),
      );
      expect(next.followsTicketId).toBe(old.id);

      await s.tickets.appendEntry(next.id, {
        idempotencyKey: 'reply-1',
        kind: 'reply',
        author: { email: 'rita@example.com' },
        text: 'Thanks!',
        quotedText: '> earlier',
        senderVerified: false,
        senderNote: 'Reply-To domain differs',
      });
      const entries = await s.tickets.entries(next.id);
      expect(entries[1]).toMatchObject({
        text: 'Thanks!',
        quotedText: '> earlier',
        senderVerified: false,
        senderNote: 'Reply-To domain differs',
      });
      expect(entries[0].senderVerified).toBeUndefined();

      await s.tickets.markUndeliverable(
        next.id,
        'Bob@Example.com',
        '550 5.1.1 no such user',
      );
      await s.tickets.markUndeliverable(
        next.id,
        'bob@example.com',
        '550 5.1.1 still no such user',
      );
      expect(await s.tickets.undeliverable(next.id)).toEqual([
        { address: 'bob@example.com', reason: '550 5.1.1 still no such user' },
      ]);
    },
  );
});
