import {
  EwsPeer,
  GraphPeer,
  INBOX_ID,
  startBedEwsPeer,
  startBedGraphPeer,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { Knex } from 'knex';
import { Stores } from '../../database';
import { Ingest } from '../../ingest/types';
import { oauthFetch } from '../../oauth/http';
import { mailFetcherFactory } from '../mailboxSettings';
import { MailboxRunner } from '../MailboxRunner';
import { startDesk } from './desk';
import { folderState } from './mailboxFixture';

/** Every inbound driver, each run against the test bed's real or stand-in peer. */
export const DRIVERS = ['imap', 'pop3', 'graph', 'ews'] as const;
/** One inbound driver. */
export type Driver = (typeof DRIVERS)[number];

const subjectOf = (raw: Buffer) =>
  /^Subject: (.*)$/m.exec(raw.toString())![1].trim();

/**
 * The test bed with its Graph and EWS stand-ins, and what a driver test
 * does with them: a server per driver and user, delivery, the inbox's
 * subjects, and a helpdesk replica over the production fetcher factory.
 */
export async function startDriverBed(
  users: { user: string; password: string }[],
) {
  const bed: TestBed = await startTestBed({ users });
  const graph: GraphPeer = await startBedGraphPeer(bed);
  const ews: EwsPeer = await startBedEwsPeer(bed);

  const settingsOf = (
    driver: Driver,
    user: string,
    extra: Record<string, unknown>,
  ): Record<string, unknown> => {
    const folders = { inbox: 'INBOX', success: 'Processed', fail: 'Failed' };
    const base = {
      importSince: '2000-01-01T00:00:00.000Z',
      errorThreshold: 2,
      ...extra,
    };
    if (driver === 'graph') {
      return {
        ...base,
        provider: 'microsoft',
        authType: 'oauth',
        graphEndpoint: graph.endpoint,
        folders,
      };
    }
    if (driver === 'ews') {
      // NTLM, the account of the mailbox itself.
      return {
        ...base,
        ewsUrl: ews.url,
        authType: 'ntlm',
        username: user,
        folders,
      };
    }
    const port = driver === 'imap' ? bed.ports.imaps : bed.ports.pop3s;
    const own = driver === 'imap' ? { folders } : { deleteAfterFetch: true };
    return {
      ...base,
      ...own,
      host: bed.host,
      port,
      security: 'ssl',
      authType: 'basic',
      username: user,
    };
  };

  return {
    bed,
    graph,
    ews,
    async stop() {
      await ews.stop();
      await graph.stop();
      await bed.stop();
    },
    async deliver(driver: Driver, user: string, raw: string) {
      if (driver === 'graph') graph.mailbox(user).deliver(Buffer.from(raw));
      else if (driver === 'ews') ews.mailbox(user).deliver(Buffer.from(raw));
      else await bed.deliver(user, raw);
    },
    /** Subjects still in the inbox: handled mail was filed (moved, or deleted by POP3). */
    async inbox(driver: Driver, user: string): Promise<string[]> {
      if (driver === 'ews') {
        return ews
          .mailbox(user)
          .messages('Inbox')
          .map(m => subjectOf(m.raw));
      }
      if (driver === 'graph') {
        return [...graph.mailbox(user).messages.values()]
          .filter(m => m.folderId === INBOX_ID)
          .map(m => subjectOf(m.raw));
      }
      const state = (await folderState(bed, user, 'INBOX')) ?? [];
      return state.map(m => m.subject);
    },
    replica(
      knex: Knex,
      options: { ingest?: Ingest; breakMarkOnce?: boolean } = {},
    ) {
      return startDesk(knex, {
        ...options,
        secrets: record => ({ password: bed.passwordOf(record.email) }),
        fetchers: stores =>
          mailFetcherFactory({
            ca: [bed.caPem],
            uids: stores.messageNumbers,
            graphFetch: oauthFetch([bed.caPem], 10_000),
            oauthToken: async () => bed.issueAccessToken('support@localhost'),
          }),
      });
    },
    addServer(
      stores: Stores,
      driver: Driver,
      user: string,
      extra: Record<string, unknown> = {},
    ) {
      return stores.incomingServers.create({
        name: `${driver} ${user}`,
        email: user,
        protocol: driver,
        enabled: true,
        primary: false,
        settings: settingsOf(driver, user, extra),
      });
    },
  };
}

/** What {@link startDriverBed} answers. */
export type DriverBed = Awaited<ReturnType<typeof startDriverBed>>;

/** Runs the mailbox once, not aborted. */
export const runOnce = (runner: MailboxRunner, id: string) =>
  runner.run(id, new AbortController().signal);
