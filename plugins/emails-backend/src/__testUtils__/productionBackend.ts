// The test backend started as under NODE_ENV=production, where Backstage and
// this plugin decide once, at startup, how much an error body may say.
import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { startEmailsBackend } from './testBackend';

/** Starts the emails plugin with production semantics on `knex`, so a test can also break its database. */
export async function startProductionEmailsBackend(
  knex: Knex,
  emails: object = {},
) {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await startEmailsBackend(emails, [
      mockServices.database.factory({ knex }),
    ]);
  } finally {
    process.env.NODE_ENV = previous;
  }
}
