import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { openDatabase } from './migrations';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@internal/plugin-emails-backend',
  'migrations',
);
const name = '20261121120100_mailbox_state.js';

describe('migration 20261121120100_mailbox_state', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'adds and removes the mailbox state on %p, keeping health rows',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await openDatabase({ getClient: async () => knex });
      expect(await knex.schema.hasTable('mailbox_cursors')).toBe(true);
      expect(
        await knex.schema.hasColumn('server_health', 'paused_reason'),
      ).toBe(true);
      const health = {
        direction: 'incoming',
        server_id: 's1',
        status: 'reachable',
        updated_at: new Date(),
      };
      await knex('server_health').insert({ ...health, message_errors: 2 });
      await knex('mailbox_cursors').insert({
        server_id: 's1',
        folder: 'INBOX',
        uid_validity: '4294967295',
        last_uid: 4294967295,
        mode: 'live',
        updated_at: new Date(),
      });
      const [cursor] = await knex('mailbox_cursors');
      // UIDs and UIDVALIDITY are unsigned 32-bit: above the int4 range.
      expect(Number(cursor.last_uid)).toBe(4294967295);

      await knex.migrate.down({ directory, name });
      expect(await knex.schema.hasTable('mailbox_cursors')).toBe(false);
      for (const column of [
        'paused_reason',
        'paused_at',
        'message_errors',
        'import_done',
        'import_total',
      ]) {
        expect(await knex.schema.hasColumn('server_health', column)).toBe(
          false,
        );
      }
      expect(await knex('server_health').select('server_id', 'status')).toEqual(
        [{ server_id: 's1', status: 'reachable' }],
      );
      // The primary key survived SQLite's table rebuild. (The message, not
      // the error object: drivers' errors may come from another realm.)
      const again = await knex('server_health')
        .insert(health)
        .then(
          () => 'accepted',
          (e: Error) => e.message,
        );
      expect(again).toMatch(/UNIQUE|duplicate key/);

      await knex.migrate.up({ directory, name });
      const [row] = await knex('server_health');
      expect(Number(row.message_errors)).toBe(0);
    },
  );
});
