import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { createStores } from './Stores';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@internal/plugin-emails-backend',
  'migrations',
);
const name = '20261214100000_outside_conversation.js';
const COLUMNS = ['outside_conversation', 'reviewed_by', 'reviewed_at'];

describe('migration 20261214100000_outside_conversation', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'adds and removes the review of replies from outside the conversation on %p, keeping the entries',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const stores = await createStores({ getClient: async () => knex });
      const { ticket } = await stores.tickets.create({
        idempotencyKey: 'k',
        title: 'Printer',
        requester: { email: 'rita@example.com' },
        ccEmails: [],
        description: {
          idempotencyKey: 'k:d',
          kind: 'description',
          author: { email: 'rita@example.com' },
        },
      });
      const entryId = await stores.tickets.appendEntry(ticket.id, {
        idempotencyKey: 'k:olga',
        kind: 'note',
        author: { email: 'olga@partner.example' },
        text: 'Me too',
        outsideConversation: true,
      });
      expect((await stores.tickets.entries(ticket.id))[1]).toMatchObject({
        id: entryId,
        outsideConversation: { status: 'pending' },
      });

      await knex.migrate.down({ directory, name });
      for (const column of COLUMNS) {
        expect(await knex.schema.hasColumn('ticket_entries', column)).toBe(
          false,
        );
      }
      // The note stays a note: nothing from outside reaches the conversation.
      const rows = await knex('ticket_entries')
        .where({ ticket_id: ticket.id })
        .orderBy('id')
        .select('kind', 'author_email');
      expect(rows).toEqual([
        { kind: 'description', author_email: 'rita@example.com' },
        { kind: 'note', author_email: 'olga@partner.example' },
      ]);

      await knex.migrate.up({ directory, name });
      for (const column of COLUMNS) {
        expect(await knex.schema.hasColumn('ticket_entries', column)).toBe(
          true,
        );
      }
      expect(
        (await stores.tickets.entries(ticket.id))[1].outsideConversation,
      ).toBeUndefined();
    },
  );
});
