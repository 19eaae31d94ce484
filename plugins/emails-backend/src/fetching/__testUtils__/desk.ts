import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createStores, MailServerRecord, Stores } from '../../database';
import { plainIngest } from '../../ingest/__testUtils__/pipeline';
import { Ingest } from '../../ingest/types';
import { MailFetchError } from '../../mail/MailFetcher';
import { ServerSecrets } from '../../servers/secretFields';
import { FetcherFactory } from '../mailboxSettings';
import { MailboxRunner } from '../MailboxRunner';

/**
 * One helpdesk replica for driver tests: stores on `knex`, the real pipeline
 * (or `ingest`), and the real mailbox runner over the fetchers `fetchers`
 * makes. With `breakMarkOnce`, the first filing of a message fails as if the
 * connection were lost after the record.
 */
export async function startDesk(
  knex: Knex,
  options: {
    fetchers: (stores: Stores) => FetcherFactory;
    secrets?: (record: MailServerRecord) => ServerSecrets;
    ingest?: Ingest;
    breakMarkOnce?: boolean;
    idleHoldMs?: number;
  },
) {
  const stores: Stores = await createStores({ getClient: async () => knex });
  const ingest = options.ingest ?? plainIngest(stores);
  const factory = options.fetchers(stores);
  let broken = !options.breakMarkOnce;
  const runner = new MailboxRunner({
    servers: {
      async withSecrets(id: string) {
        const record = await stores.incomingServers.get(id);
        return { record, secrets: options.secrets?.(record) ?? {} };
      },
    },
    stores,
    ingest,
    logger: mockServices.logger.mock(),
    createFetcher: (record, secrets) => {
      const fetcher = factory(record, secrets);
      const markMany = fetcher.markMany.bind(fetcher);
      fetcher.markMany = async marks => {
        if (!broken) {
          broken = true;
          throw new MailFetchError('connection', 'connection lost');
        }
        return markMany(marks);
      };
      return fetcher;
    },
    idleHoldMs: options.idleHoldMs ?? 5_000,
    backoff: { initialMs: 50, maxMs: 200 },
  });
  const run = (serverId: string) =>
    runner.run(serverId, new AbortController().signal);
  return { stores, runner, run };
}
