import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { createStores } from '../database';
import { DatabaseTicketing } from './DatabaseTicketing';

jest.setTimeout(60_000);

describe('DatabaseTicketing', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  async function setup(databaseId: any) {
    const knex = await databases.init(databaseId);
    const stores = await createStores({ getClient: async () => knex });
    const ticketing = new DatabaseTicketing(stores.tickets, stores.attachments);
    const ticket = await ticketing.createTicket({
      idempotencyKey: 'inbound:1',
      title: 'Printer\u0000on\u0007 fire\r\n',
      descriptionText: 'It\u0000 burns.\n',
      requester: { address: 'rita@example.com', name: 'Rita\u0000\u009b' },
      ccUsers: [],
      attachmentIds: [],
    });
    const fromOutside = async (key: string) => {
      await ticketing.appendEntry({
        idempotencyKey: key,
        ticketId: ticket.id,
        author: { address: 'olga@partner.example', name: 'Olga\u001b' },
        kind: 'note',
        bodyText: 'Me too.',
        outsideConversation: true,
        attachmentIds: [],
      });
      return (await stores.tickets.entries(ticket.id)).at(-1)!;
    };
    return { stores, ticketing, ticket, fromOutside };
  }

  it.each(databases.eachSupportedId())(
    'keeps titles and names on one line without control characters, and no NUL in bodies, on %p',
    async databaseId => {
      const { stores, ticket } = await setup(databaseId);
      const stored = await stores.tickets.get(ticket.id);
      expect(stored.title).toBe('Printer on fire');
      expect(stored.requester.name).toBe('Rita');
      const [description] = await stores.tickets.entries(ticket.id);
      expect(description.author.name).toBe('Rita');
      // A NUL in a body would fail PostgreSQL's insert: it is dropped, lines stay.
      expect(description.text).toBe('It burns.\n');
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the technician an incoming email rule assigned, and takes the fields it has no column for, on %p',
    async databaseId => {
      const { stores, ticketing } = await setup(databaseId);
      const ticket = await ticketing.createTicket({
        idempotencyKey: 'inbound:routed',
        title: 'Printer on fire',
        requester: { address: 'rita@example.com' },
        ccUsers: [],
        technicianGroup: 'group:default/printing',
        assigneeRef: 'user:default/tom',
        priority: 'High',
        requestType: 'Incident',
        fields: { floor: '4' },
        attachmentIds: [],
      });
      expect(ticket.assigneeRef).toBe('user:default/tom');
      expect(await stores.tickets.get(ticket.id)).toMatchObject({
        technicianGroup: 'group:default/printing',
        assigneeRef: 'user:default/tom',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the quoted history of a description apart, collapsed, on %p',
    async databaseId => {
      const { stores, ticketing } = await setup(databaseId);
      const ticket = await ticketing.createTicket({
        idempotencyKey: 'inbound:quoting',
        title: 'Printer still jams',
        descriptionText: 'Still broken.',
        descriptionHtml: '<p>Still broken.</p>',
        descriptionQuotedText: 'On Monday Bob wrote:\n> Fixed\u0000.',
        descriptionQuotedHtml: '<blockquote>Fixed.</blockquote>',
        requester: { address: 'rita@example.com' },
        ccUsers: [],
        attachmentIds: [],
      });
      const [description] = await stores.tickets.entries(ticket.id);
      expect(description).toMatchObject({
        kind: 'description',
        text: 'Still broken.',
        html: '<p>Still broken.</p>',
        quotedText: 'On Monday Bob wrote:\n> Fixed.',
        quotedHtml: '<blockquote>Fixed.</blockquote>',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'publishes a reply from outside the conversation as a reply, or dismisses it, once, on %p',
    async databaseId => {
      const { ticketing, ticket, fromOutside, stores } = await setup(
        databaseId,
      );
      const pending = await fromOutside('inbound:2');
      expect(pending).toMatchObject({
        kind: 'note',
        author: { name: 'Olga' },
        outsideConversation: { status: 'pending' },
      });
      const published = await ticketing.reviewOutsideReply(
        ticket.id,
        pending.id,
        'publish',
        'user:default/tom',
      );
      expect(published).toMatchObject({
        id: pending.id,
        kind: 'reply',
        attachments: [],
        outsideConversation: {
          status: 'published',
          reviewedBy: 'user:default/tom',
          reviewedAt: expect.any(String),
        },
      });
      // A second technician a moment later, or a repeated click, changes nothing.
      await expect(
        ticketing.reviewOutsideReply(
          ticket.id,
          pending.id,
          'dismiss',
          'user:default/tina',
        ),
      ).rejects.toThrow(
        new ConflictError(`Entry ${pending.id} was published already`),
      );

      const other = await fromOutside('inbound:3');
      const dismissed = await ticketing.reviewOutsideReply(
        ticket.id,
        other.id,
        'dismiss',
        'user:default/tina',
      );
      expect(dismissed).toMatchObject({
        kind: 'note',
        outsideConversation: {
          status: 'dismissed',
          reviewedBy: 'user:default/tina',
        },
      });
      // Kept for audit, with the text it came with.
      expect((await stores.tickets.entries(ticket.id)).at(-1)).toMatchObject({
        text: 'Me too.',
        outsideConversation: { status: 'dismissed' },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses entries that are not replies from outside the conversation on %p',
    async databaseId => {
      const { ticketing, ticket, stores } = await setup(databaseId);
      const [description] = await stores.tickets.entries(ticket.id);
      await expect(
        ticketing.reviewOutsideReply(
          ticket.id,
          description.id,
          'publish',
          'user:default/tom',
        ),
      ).rejects.toThrow(ConflictError);
      for (const [ticketId, entryId] of [
        [ticket.id, '999'],
        ['999', description.id],
        [ticket.id, 'x'],
      ]) {
        await expect(
          ticketing.reviewOutsideReply(
            ticketId,
            entryId,
            'publish',
            'user:default/tom',
          ),
        ).rejects.toThrow(NotFoundError);
      }
      // A reply (added as one by the Email Preference) never waits for review.
      await ticketing.appendEntry({
        idempotencyKey: 'inbound:4',
        ticketId: ticket.id,
        author: { address: 'olga@partner.example' },
        kind: 'reply',
        bodyText: 'Hi',
        outsideConversation: true,
        attachmentIds: [],
      });
      expect(
        (await stores.tickets.entries(ticket.id)).at(-1)?.outsideConversation,
      ).toBeUndefined();
    },
  );

  // A catalog user's answer showed a "Guest" chip: the entry had no user ref.
  it.each(databases.eachSupportedId())(
    "credits the requester's catalog user with their reply, not a stranger, on %p",
    async databaseId => {
      const { ticketing, stores } = await setup(databaseId);
      const ticket = await ticketing.createTicket({
        idempotencyKey: 'inbound:catalog-user',
        title: 'VPN down',
        requester: {
          address: 'Rita@Example.com',
          userEntityRef: 'user:default/rita',
        },
        ccUsers: [],
        attachmentIds: [],
      });
      const authorOf = async (key: string, address: string) => {
        await ticketing.appendEntry({
          idempotencyKey: key,
          ticketId: ticket.id,
          author: { address },
          kind: 'reply',
          bodyText: 'Still down.',
          attachmentIds: [],
        });
        return (await stores.tickets.entries(ticket.id)).at(-1)!.author;
      };
      expect(await authorOf('inbound:r1', 'rita@example.com')).toMatchObject({
        userEntityRef: 'user:default/rita',
      });
      expect(
        (await authorOf('inbound:r2', 'bob@example.com')).userEntityRef,
      ).toBeUndefined();
    },
  );
});
