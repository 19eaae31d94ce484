import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { openDatabase } from './migrations';
import { ServerHealthStore } from './ServerHealthStore';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@internal/plugin-emails-backend',
  'migrations',
);
const name = '20261218100000_waiting_on_server.js';

describe('migration 20261218100000_waiting_on_server', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'adds and removes the mail waiting on the server on %p, keeping health rows',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await openDatabase({ getClient: async () => knex });
      const health = new ServerHealthStore(knex);
      await health.recordBatch('s1', { messageErrors: 1, waitingOnServer: 7 });
      expect(await health.get('incoming', 's1')).toMatchObject({
        waitingOnServer: 7,
      });

      await knex.migrate.down({ directory, name });
      expect(
        await knex.schema.hasColumn('server_health', 'waiting_on_server'),
      ).toBe(false);
      const [row] = await knex('server_health');
      expect([row.server_id, Number(row.message_errors)]).toEqual(['s1', 1]);

      await knex.migrate.up({ directory, name });
      // Rows from before the column count nothing waiting.
      expect(await health.get('incoming', 's1')).toMatchObject({
        waitingOnServer: 0,
      });
    },
  );
});
