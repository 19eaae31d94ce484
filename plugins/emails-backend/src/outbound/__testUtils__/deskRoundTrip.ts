import { AuditorService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_EMAIL_PREFERENCES } from '@internal/plugin-emails-common';
import { TestBed } from '@internal/emails-test-bed';
import { createStores, Stores } from '../../database';
import {
  addImapServer,
  bedServers,
} from '../../fetching/__testUtils__/mailboxFixture';
import { imapFetcherFactory } from '../../fetching/mailboxSettings';
import { MailboxRunner } from '../../fetching/MailboxRunner';
import { testReplyDeps } from '../../ingest/__testUtils__/pipeline';
import { IngestService } from '../../ingest/IngestService';
import { Acknowledgements } from '../../notifications';
import { DatabaseTicketing } from '../../ticketing/DatabaseTicketing';
import { TicketMailDeps } from '../../ticketing/ticketMail';
import { outboundQueueOf } from '../queue';
import { sendThroughBedSubmission } from './bedSubmission';

/**
 * A helpdesk on real peers for round-trip tests: the test bed mailbox `user`
 * fetched over IMAPS by the real mailbox runner into the pipeline, and a
 * worker sending through the bed's submission service as that user. With
 * an `auditor`, new tickets are acknowledged.
 */
export async function startDeskRoundTrip(
  databases: TestDatabases,
  bed: TestBed,
  user: string,
  options: { name: string; auditor?: AuditorService },
) {
  const knex = await databases.init('SQLITE_3');
  const stores: Stores = await createStores({ getClient: async () => knex });
  const deps = testReplyDeps();
  const mailing: TicketMailDeps = {
    stores,
    queue: outboundQueueOf(stores.outbound),
    tokens: deps.tokens,
    messageIdDomain: deps.classify.messageIdDomain,
  };
  const ingest = new IngestService({
    stores,
    ticketing: () => new DatabaseTicketing(stores.tickets, stores.attachments),
    processors: [],
    preferences: async () => DEFAULT_EMAIL_PREFERENCES,
    findUser: async () => undefined,
    logger: mockServices.logger.mock(),
    ...deps,
    acknowledgements: options.auditor
      ? new Acknowledgements({ ...mailing, auditor: options.auditor })
      : undefined,
  });
  const runner = new MailboxRunner({
    servers: bedServers(stores, bed),
    stores,
    ingest,
    logger: mockServices.logger.mock(),
    createFetcher: imapFetcherFactory({ ca: [bed.caPem] }),
    idleHoldMs: 5_000,
    backoff: { initialMs: 100, maxMs: 1_000 },
  });
  const mailbox = await addImapServer(
    stores,
    bed,
    user,
    {},
    {
      name: options.name,
    },
  );
  const { server: submission, worker } = await sendThroughBedSubmission(
    stores,
    bed,
    user,
  );
  return {
    stores,
    mailing,
    submission,
    worker,
    /** One fetch run of the mailbox. */
    fetch: () => runner.run(mailbox.id, new AbortController().signal),
    /** One send run of the worker. */
    send: () => worker.runOnce(new Date(), new AbortController().signal),
  };
}
