import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  DEFAULT_EMAIL_PREFERENCES,
  EmailPreferences,
  IncomingEmailRule,
} from '@internal/plugin-emails-common';
import { EmailsProcessor, EmailsTicketing } from '@internal/plugin-emails-node';
import { createStores, Stores } from '../../database';
import { DatabaseTicketing } from '../../ticketing/DatabaseTicketing';
import { randomBytes } from 'node:crypto';
import { ThreadTokens } from '../../threading';
import { IngestService } from '../IngestService';
import { Acknowledgements } from '../../notifications/Acknowledgements';
import { TestBed } from '@internal/emails-test-bed';
import { imapFetcherFactory } from '../../fetching/mailboxSettings';
import { MailboxRunner } from '../../fetching/MailboxRunner';
import { Ingest, IngestOutcome } from '../types';
import { outboundQueueOf } from '../../outbound/queue';
import { SenderVerifier } from '../classify';
import { RegexLimits } from '../../rules';

/** Thread tokens, technicians and sender authentication for pipelines in tests. */
export function testReplyDeps(
  options: {
    technicians?: Record<string, string>;
    dmarcFailure?: 'flag' | 'no-thread' | 'quarantine';
  } = {},
) {
  return {
    tokens: new ThreadTokens(randomBytes(32)),
    isTechnician: async (email: string, group?: string) =>
      group ? options.technicians?.[email] : undefined,
    classify: {
      messageIdDomain: 'emails.test',
      trustedAuthservIds: ['mx.example.com'],
      dmarcFailure: options.dmarcFailure ?? ('no-thread' as const),
    },
  };
}

/** The plain pipeline over `stores`: built-in ticketing, default Email Preference, no catalog users. */
export function plainIngest(stores: Stores): IngestService {
  return new IngestService({
    stores,
    ticketing: () => new DatabaseTicketing(stores.tickets, stores.attachments),
    processors: [],
    preferences: async () => DEFAULT_EMAIL_PREFERENCES,
    findUser: async () => undefined,
    logger: mockServices.logger.mock(),
    ...testReplyDeps(),
  });
}

/** Catalog users the tests know, by email. */
export const CATALOG_USERS: Record<string, string> = {
  'rita@example.com': 'user:default/rita',
  'tom@example.com': 'user:default/tom',
};

/** A pipeline on a real database, with settings the test may change. */
export async function startPipeline(
  databases: TestDatabases,
  databaseId: any,
  options: {
    preferences?: Partial<EmailPreferences>;
    ticketing?: (builtIn: EmailsTicketing) => EmailsTicketing;
    technicians?: Record<string, string>;
    dmarcFailure?: 'flag' | 'no-thread' | 'quarantine';
    processors?: EmailsProcessor[];
    serverSettings?: Record<string, unknown>;
    /** Acknowledge new tickets through the real outbound queue. */
    acknowledge?: boolean;
    /** The channel's own sender verification (a local zone's, in tests). */
    verifier?: SenderVerifier;
    /**
     * Deliver through this Dovecot mailbox: LMTP into the user's INBOX, then
     * an IMAP fetch by the real mailbox runner. Without it, messages go
     * straight to the pipeline.
     */
    mailbox?: { bed: TestBed; user: string };
    /** Incoming email rules, in order; the test may change `rules.current`. */
    incomingRules?: IncomingEmailRule[];
    /** Regular-expression time limits; the default's 50 ms can pass on a loaded machine. */
    regexLimits?: RegexLimits;
  } = {},
) {
  const knex = await databases.init(databaseId);
  const stores: Stores = await createStores({ getClient: async () => knex });
  const server = await stores.incomingServers.create({
    name: 'IT Support',
    email: 'support@example.com',
    protocol: 'imap',
    enabled: true,
    primary: true,
    technicianGroup: 'group:default/it-support',
    settings: {
      category: 'Hardware',
      company: 'Example Corp',
      aliases: ['help@example.com'],
      ...(options.mailbox && imapSettings(options.mailbox)),
      ...options.serverSettings,
    },
  });
  const prefs = {
    current: { ...DEFAULT_EMAIL_PREFERENCES, ...options.preferences },
  };
  const rules = { current: options.incomingRules ?? [] };
  const builtIn = new DatabaseTicketing(stores.tickets, stores.attachments);
  const replyDeps = testReplyDeps({
    technicians: options.technicians,
    dmarcFailure: options.dmarcFailure,
  });
  const ticketing = options.ticketing ? options.ticketing(builtIn) : builtIn;
  const auditor = mockServices.auditor.mock();
  const audited: unknown[] = [];
  auditor.createEvent.mockImplementation(async o => {
    audited.push({ eventId: o.eventId, ...o.meta });
    return { success: async () => {}, fail: async () => {} };
  });
  const acknowledgements = options.acknowledge
    ? new Acknowledgements({
        stores,
        queue: outboundQueueOf(stores.outbound),
        tokens: replyDeps.tokens,
        messageIdDomain: replyDeps.classify.messageIdDomain,
        auditor,
      })
    : undefined;
  const ingest = new IngestService({
    stores,
    ticketing: () => ticketing,
    processors: options.processors ?? [],
    preferences: async () => prefs.current,
    findUser: async email => CATALOG_USERS[email],
    logger: mockServices.logger.mock(),
    ...replyDeps,
    classify: { ...replyDeps.classify, verifier: options.verifier },
    acknowledgements,
    incomingRules: async () => rules.current,
    regexLimits: options.regexLimits,
  });
  let n = 0;
  /** Records and processes one raw message as a mailbox would deliver it. */
  const deliver = options.mailbox
    ? await throughDovecot(stores, ingest, server.id, options.mailbox)
    : async (raw: string | Buffer) => {
        const recorded = await ingest.record(
          { serverId: server.id, sourceId: `test:${++n}` },
          Buffer.from(raw),
        );
        return {
          recorded: { id: recorded.id },
          outcome: await ingest.process(recorded.id),
        };
      };
  return {
    audited,
    knex,
    stores,
    server,
    ingest,
    prefs,
    rules,
    deliver,
    tokens: replyDeps.tokens,
  };
}

/** A raw RFC 822 message. */
export function mail(headers: Record<string, string>, body: string): string {
  const lines = Object.entries({ 'MIME-Version': '1.0', ...headers }).map(
    ([k, v]) => `${k}: ${v}`,
  );
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

function imapSettings(mailbox: { bed: TestBed; user: string }) {
  return {
    host: mailbox.bed.host,
    port: mailbox.bed.ports.imaps,
    security: 'ssl',
    authType: 'basic',
    username: mailbox.user,
  };
}

/**
 * A `deliver` that hands the message to Dovecot over LMTP and lets the real
 * mailbox runner fetch it over IMAPS; it answers with what the pipeline
 * decided for that message. The mailbox is opened once first, so mail left
 * by an earlier test is not fetched again (a new mailbox starts from now).
 */
export async function throughDovecot(
  stores: Stores,
  ingest: IngestService,
  serverId: string,
  mailbox: { bed: TestBed; user: string },
) {
  const outcomes: IngestOutcome[] = [];
  const observed: Ingest = {
    record: (source, raw) => ingest.record(source, raw),
    process: async (id, options) => {
      const outcome = await ingest.process(id, options);
      outcomes.push(outcome);
      return outcome;
    },
  };
  const runner = new MailboxRunner({
    servers: {
      withSecrets: async id => ({
        record: await stores.incomingServers.get(id),
        secrets: { password: mailbox.bed.passwordOf(mailbox.user) },
      }),
    },
    stores,
    ingest: observed,
    logger: mockServices.logger.mock(),
    createFetcher: imapFetcherFactory({ ca: [mailbox.bed.caPem] }),
    idleHoldMs: 5_000,
    backoff: { initialMs: 100, maxMs: 1_000 },
  });
  const fetch = () => runner.run(serverId, new AbortController().signal);
  await fetch();
  return async (raw: string | Buffer) => {
    const before = outcomes.length;
    await mailbox.bed.deliver(mailbox.user, Buffer.from(raw));
    await fetch();
    const fetched = outcomes.slice(before);
    if (fetched.length !== 1) {
      throw new Error(
        `Expected the delivered message to be fetched once, got ${fetched.length}`,
      );
    }
    const [outcome] = fetched;
    return { recorded: { id: outcome.id }, outcome };
  };
}
