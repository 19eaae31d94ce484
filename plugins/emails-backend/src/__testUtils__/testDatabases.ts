import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { openDatabase } from '../database/migrations';

let announced = false;

/**
 * The engines store tests run on: SQLite always, PostgreSQL when a connection
 * string for it is configured (scripts/test.sh sets one when this machine has
 * a server). Says so when PostgreSQL is left out, so a green run cannot hide it.
 */
export function emailsTestDatabaseIds(): TestDatabaseId[] {
  const ids: TestDatabaseId[] = ['SQLITE_3'];
  const postgres = Object.keys(process.env)
    .map(k =>
      k.match(/^BACKSTAGE_TEST_DATABASE_(POSTGRES\d+)_CONNECTION_STRING$/),
    )
    .filter((m): m is RegExpMatchArray => !!m && !!process.env[m[0]])
    .map(m => m[1].replace(/^POSTGRES/, 'POSTGRES_') as TestDatabaseId);
  ids.push(...postgres);
  if (postgres.length === 0 && !announced) {
    announced = true;
    process.stderr.write(
      'emails: no PostgreSQL configured (BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING); store tests run on SQLite only\n',
    );
  }
  return ids;
}

/** A fresh database of this engine with every migration applied, for store tests. */
export async function migratedKnex(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<Knex> {
  const knex = await databases.init(databaseId);
  await openDatabase({ getClient: async () => knex });
  return knex;
}
