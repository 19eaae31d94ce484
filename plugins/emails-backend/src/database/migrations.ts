import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-emails-backend',
  'migrations',
);

/** Opens the plugin's database and brings its schema up to date. */
export async function openDatabase(database: DatabaseService): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}

/** Rolls every migration back; for tests of the down path. */
export async function rollbackAll(client: Knex): Promise<void> {
  await client.migrate.rollback({ directory: migrationsDir }, true);
}
