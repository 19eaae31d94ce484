import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_EMAIL_PREFERENCES,
  EmailPreferences,
} from '@internal/plugin-emails-common';
import { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { createStores, Stores } from '../../src/database';
import { IngestService } from '../../src/ingest/IngestService';
import { Ingest } from '../../src/ingest/types';
import { imapFetcherFactory } from '../../src/fetching/mailboxSettings';
import { MailboxRunner } from '../../src/fetching/MailboxRunner';
import { DatabaseTicketing } from '../../src/ticketing/DatabaseTicketing';
import { ThreadTokens } from '../../src/threading';
import { benchSeq } from './messages';

/** Where a mailbox lives: the test bed's IMAPS endpoint and its credentials. */
export interface BenchImap {
  host: string;
  port: number;
  caPem: string;
  passwords: Record<string, string>;
}

/** When each bench message was committed (ms since epoch, by X-Bench-Seq), and where the time went. */
export interface Timings {
  processed: Map<number, number>;
  outcomes: Map<string, number>;
  /** Database queries sent by this replica's client. */
  queries: number;
  /** Milliseconds spent in ingest.record and ingest.process, summed. */
  recordMs: number;
  processMs: number;
}

const MB = 1024 * 1024;

/** A logger that drops everything: the bench prints figures only (and runs outside Jest too). */
export const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};

/**
 * What replies need, as the tests' testReplyDeps gives it; not imported from
 * there, as that module loads @backstage/backend-test-utils (about 70 MiB)
 * into the forked backends, which a production backend never carries.
 */
function benchReplyDeps() {
  return {
    tokens: new ThreadTokens(randomBytes(32)),
    isTechnician: async () => undefined,
    classify: {
      messageIdDomain: 'emails.test',
      trustedAuthservIds: ['mx.example.com'],
      dmarcFailure: 'no-thread' as const,
    },
  };
}

/**
 * One backend's fetching pipeline as plugin.ts wires it (IngestService on
 * the built-in ticketing, MailboxRunner over IMAPS), observed so the bench
 * sees when each message is committed.
 */
export async function benchReplica(
  knex: Knex,
  imap: BenchImap,
  options: {
    idleHoldMs?: number;
    preferences?: Partial<EmailPreferences>;
  } = {},
) {
  const stores: Stores = await createStores({ getClient: async () => knex });
  const preferences: EmailPreferences = {
    ...DEFAULT_EMAIL_PREFERENCES,
    ...options.preferences,
  };
  const ingest = new IngestService({
    stores,
    ticketing: () => new DatabaseTicketing(stores.tickets, stores.attachments),
    processors: [],
    preferences: async () => preferences,
    findUser: async () => undefined,
    logger: silentLogger,
    ...benchReplyDeps(),
  });
  const timings: Timings = {
    processed: new Map(),
    outcomes: new Map(),
    queries: 0,
    recordMs: 0,
    processMs: 0,
  };
  knex.on('query', () => timings.queries++);
  const seqOf = new Map<string, number>();
  const observed: Ingest = {
    record: async (source, raw) => {
      const began = Date.now();
      const recorded = await ingest.record(source, raw);
      timings.recordMs += Date.now() - began;
      const seq = benchSeq(raw);
      if (seq !== undefined) seqOf.set(recorded.id, seq);
      return recorded;
    },
    process: async (id, processOptions) => {
      const began = Date.now();
      const outcome = await ingest.process(id, processOptions);
      timings.processMs += Date.now() - began;
      const seq = seqOf.get(id);
      if (seq !== undefined) timings.processed.set(seq, Date.now());
      timings.outcomes.set(
        outcome.status,
        (timings.outcomes.get(outcome.status) ?? 0) + 1,
      );
      return outcome;
    },
  };
  const runner = new MailboxRunner({
    servers: {
      withSecrets: async id => {
        const record = await stores.incomingServers.get(id);
        return {
          record,
          secrets: { password: imap.passwords[record.email] },
        };
      },
    },
    stores,
    ingest: observed,
    logger: silentLogger,
    createFetcher: imapFetcherFactory({
      ca: [imap.caPem],
      maxMessageBytes: 200 * MB,
    }),
    idleHoldMs: options.idleHoldMs ?? 600_000,
    backoff: { initialMs: 100, maxMs: 1_000 },
  });
  return { stores, runner, timings };
}

/** Adds an IMAPS incoming server for `user`; `importSince` fetches mail already there. */
export function addMailbox(
  stores: Stores,
  imap: BenchImap,
  user: string,
  settings: Record<string, unknown> = {},
) {
  return stores.incomingServers.create({
    name: `bench ${user}`,
    email: user,
    protocol: 'imap',
    enabled: true,
    primary: false,
    settings: {
      host: imap.host,
      port: imap.port,
      security: 'ssl',
      authType: 'basic',
      username: user,
      errorThreshold: 100_000,
      ...settings,
    },
  });
}
