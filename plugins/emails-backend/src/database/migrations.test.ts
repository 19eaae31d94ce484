import { TestDatabases } from '@backstage/backend-test-utils';
import { openDatabase, rollbackAll } from './migrations';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const CONFIG_TABLES = [
  'undeliverable_recipients',
  'attachments',
  'ticket_entries',
  'tickets',
  'inbound_messages',
  'config_audit',
  'server_health',
  'incoming_servers',
  'outgoing_servers',
  'preferences',
  'proxies',
  'oauth_grants',
  'oauth_states',
  'message_numbers',
  'delta_links',
  'server_alerts',
];

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'creates and drops every table on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await openDatabase({ getClient: async () => knex });
      for (const table of CONFIG_TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      // The partial unique index allows one primary per direction only.
      const server = (id: string, primary: boolean) => ({
        id,
        name: id,
        email: `${id}@example.com`,
        protocol: 'imap',
        is_primary: primary,
        settings: '{}',
        created_at: new Date(),
        updated_at: new Date(),
      });
      await knex('incoming_servers').insert(server('a', true));
      await knex('incoming_servers').insert(server('b', false));
      await knex('incoming_servers').insert(server('c', false));
      const second = await knex('incoming_servers')
        .insert(server('d', true))
        .then(
          async () =>
            `accepted; rows ${JSON.stringify(
              await knex('incoming_servers').select('id', 'is_primary'),
            )}`,
          (e: Error) => e.message,
        );
      expect(second).toMatch(/UNIQUE|duplicate key/);

      await rollbackAll(knex);
      for (const table of CONFIG_TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      // And up again from nothing, as after a rollback in production.
      await openDatabase({ getClient: async () => knex });
      const [{ n }] = await knex('incoming_servers').count({ n: '*' });
      expect(Number(n)).toBe(0);
    },
  );
});
