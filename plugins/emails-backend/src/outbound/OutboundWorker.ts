import { LoggerService } from '@backstage/backend-plugin-api';
import { EmailRule, OutboundRoute } from '@internal/plugin-emails-common';
import { randomUUID } from 'node:crypto';
import {
  HealthObservation,
  MailServerRecord,
  ServerHealthStore,
} from '../database';
import { OutboundMessage, OutboundStore } from '../database/OutboundStore';
import { HealthAlertSink } from '../health/HealthAlerts';
import { classifySendError, SendFailure } from './sendErrors';
import { routeMessage } from './routing';
import { chooseServers, ServerOutages } from './serverChoice';
import { usesOAuth } from '../oauth/clientSettings';
import { OAuthFetch } from '../oauth/http';
import { createEwsTransport } from './ews/ewsTransport';
import { createGraphTransport } from './graph/graphTransport';
import { SendRedaction } from './sendRedaction';
import { bytesToSend } from './sentBytes';
import { OutboundProxy, SmtpTransportCache } from './smtpTransport';

/** The outgoing servers, as MailServerService and the outgoing store give them. */
export interface OutgoingServerSource {
  list(): Promise<MailServerRecord[]>;
  withSecrets(id: string): Promise<{
    record: MailServerRecord;
    secrets: { password?: string; clientSecret?: string };
  }>;
}

/** What routing needs beyond the outgoing servers: the rules and the mailboxes' links. */
export interface RoutingSource {
  /** The outgoing email rules, in order. */
  rules(): Promise<EmailRule[]>;
  /** The incoming servers (mailboxes), for their linked outgoing server. */
  mailboxes(): Promise<MailServerRecord[]>;
}

/** Options of {@link OutboundWorker}; the defaults are those of the issue. */
export interface OutboundWorkerOptions {
  store: OutboundStore;
  servers: OutgoingServerSource;
  /** Without it, messages go to their chosen server or the primary. */
  routing?: RoutingSource;
  /** Where sending outcomes become the outgoing servers' health. */
  health?: Pick<ServerHealthStore, 'observe'>;
  /** Told every send, unthrottled, to alert the admins after consecutive failures. */
  alerts?: HealthAlertSink;
  logger: LoggerService;
  /** Opens a proxy with its password, for servers that use one. */
  proxyFor?: (proxyId: string) => Promise<OutboundProxy>;
  trustedCertificates?: string[];
  /** Access tokens of OAuth outgoing servers; without it they cannot sign in. */
  oauthToken?: (
    serverId: string,
    renew: boolean,
  ) => Promise<{ token: string; expiresAt?: Date }>;
  transports?: SmtpTransportCache;
  /** HTTPS for Microsoft Graph outgoing servers (trusting emails.tls.trustedCertificates). */
  graphFetch?: OAuthFetch;
  workerId?: string;
  batchSize?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How long a failed preferred server is skipped before it is probed again. */
  serverRetryAfterMs?: number;
  /** Messages in sending for longer than this lost their worker. */
  staleAfterMs?: number;
  connectionTimeoutMs?: number;
  /** For the back-off jitter; tests pin it. */
  random?: () => number;
}

/** Counts of one run. */
export interface OutboundRunResult {
  sent: number;
  retrying: number;
  failed: number;
}

type Outcome = keyof OutboundRunResult;

/** Sends queued messages: server choice, primary fallback, retries with back-off. */
export class OutboundWorker {
  readonly workerId: string;
  private readonly transports: SmtpTransportCache;
  private readonly graphTransports: SmtpTransportCache;
  private readonly ewsTransports: SmtpTransportCache;
  private readonly outages: ServerOutages;
  private readonly redaction = new SendRedaction();
  private readonly observed = new Map<
    string,
    HealthObservation & { at: number }
  >();

  constructor(private readonly options: OutboundWorkerOptions) {
    this.workerId = options.workerId ?? `outbound-${randomUUID()}`;
    this.transports = options.transports ?? new SmtpTransportCache();
    this.graphTransports = new SmtpTransportCache(input =>
      createGraphTransport({
        record: input.record,
        token: input.oauthToken ?? noToken,
        fetch: options.graphFetch ?? fetch,
      }),
    );
    this.ewsTransports = new SmtpTransportCache(input =>
      createEwsTransport({
        record: input.record,
        password: input.secrets.password,
        token: input.oauthToken,
        ca: input.trustedCertificates,
        timeoutMs: input.connectionTimeoutMs,
      }),
    );
    this.outages = new ServerOutages(options.serverRetryAfterMs ?? 60_000);
  }

  /** How many messages one run claims at most. */
  get batchSize(): number {
    return this.options.batchSize ?? 20;
  }

  /** Requeues lost sends, claims the due messages and sends each once. */
  async runOnce(
    now: Date = new Date(),
    signal?: AbortSignal,
  ): Promise<OutboundRunResult> {
    const { store } = this.options;
    const staleAfter = this.options.staleAfterMs ?? 10 * 60_000;
    await store.requeueStale(new Date(now.getTime() - staleAfter), now);
    // Read before claiming: a failure here leaves no message stuck in sending.
    const context = {
      outgoing: await this.options.servers.list(),
      rules: (await this.options.routing?.rules()) ?? [],
      incoming: (await this.options.routing?.mailboxes()) ?? [],
    };
    const claimed = await store.claimDue(this.workerId, this.batchSize, now);
    const result: OutboundRunResult = { sent: 0, retrying: 0, failed: 0 };
    if (claimed.length === 0) return result;
    for (const message of claimed) {
      if (signal?.aborted) {
        // Not attempted: due again at once, without losing an attempt's back-off.
        await store.markFailedAttempt(message.id, now, 'Worker stopped');
        continue;
      }
      const route = routeMessage(message, context);
      await store.setRoute(message.id, route);
      result[await this.deliver(message, route, context.outgoing, now)] += 1;
    }
    return result;
  }

  /**
   * Tells the server's health (the admin's server cards) what sending found;
   * written when it changed or a minute after the last write, not per message.
   */
  private async observe(
    serverId: string,
    observation: HealthObservation,
    now: Date,
  ): Promise<void> {
    const health = this.options.health;
    if (!health) return;
    const last = this.observed.get(serverId);
    const same =
      last?.status === observation.status && last.error === observation.error;
    if (same && now.getTime() - last.at < 60_000) return;
    this.observed.set(serverId, { ...observation, at: now.getTime() });
    try {
      await health.observe('outgoing', serverId, observation);
    } catch {
      // Health is advisory: a failed write must not fail the send.
    }
  }

  /** Closes the pooled SMTP connections. */
  close(): void {
    this.transports.closeAll();
    this.graphTransports.closeAll();
    this.ewsTransports.closeAll();
  }

  private async deliver(
    message: OutboundMessage,
    route: OutboundRoute,
    servers: MailServerRecord[],
    now: Date,
  ): Promise<Outcome> {
    const tries = chooseServers(route.serverId, servers, this.outages, now);
    let failure: SendFailure = {
      kind: 'transient',
      message: 'No enabled outgoing server and no primary outgoing server',
    };
    let usedServerId: string | undefined;
    for (const server of tries) {
      usedServerId = server.id;
      try {
        const rejected = await this.sendVia(server, message);
        this.outages.markUp(server.id);
        await this.observe(server.id, { status: 'reachable' }, now);
        await this.options.alerts?.worked('outgoing', server);
        await this.options.store.markSent(
          message.id,
          server.id,
          new Date(),
          rejected.length
            ? `Refused recipients: ${rejected.join(', ')}`
            : undefined,
        );
        this.trace(message, route, server, 'sent');
        return 'sent';
      } catch (error) {
        failure = classifySendError(error);
        this.trace(
          message,
          route,
          server,
          `failed (${failure.kind}): ${failure.message}`,
        );
        // Any answer about the message means the server itself works.
        await this.observe(
          server.id,
          failure.kind === 'server'
            ? { status: 'unreachable', error: failure.message }
            : { status: 'reachable' },
          now,
        );
        await (failure.kind === 'server'
          ? this.options.alerts?.failed('outgoing', server, failure)
          : this.options.alerts?.worked('outgoing', server));
        if (failure.kind !== 'server') break;
        this.transports.evict(server.id);
        this.graphTransports.evict(server.id);
        this.ewsTransports.evict(server.id);
        if (server.id === route.serverId) {
          this.outages.markDown(server.id, now);
        }
      }
    }
    return this.recordFailure(message, failure, usedServerId, now);
  }

  private async recordFailure(
    message: OutboundMessage,
    failure: SendFailure,
    usedServerId: string | undefined,
    now: Date,
  ): Promise<Outcome> {
    const maxAttempts = this.options.maxAttempts ?? 8;
    if (failure.kind === 'permanent' || message.attempts >= maxAttempts) {
      const why =
        failure.kind === 'permanent'
          ? failure.message
          : `Gave up after ${message.attempts} attempts: ${failure.message}`;
      await this.options.store.markFailed(message.id, why, usedServerId);
      return 'failed';
    }
    // A server that asked for a pause (Graph's Retry-After) gets at least that.
    const waitMs = Math.max(
      this.backoffMs(message.attempts),
      failure.retryAfterMs ?? 0,
    );
    await this.options.store.markFailedAttempt(
      message.id,
      new Date(now.getTime() + waitMs),
      failure.message,
      usedServerId,
    );
    return 'retrying';
  }

  /** 30 s * 2^(attempt-1), at most 1 h, +-20 % so retries of many messages spread out. */
  backoffMs(attempt: number): number {
    const base = this.options.backoffBaseMs ?? 30_000;
    const max = this.options.backoffMaxMs ?? 3_600_000;
    const delay = Math.min(base * 2 ** Math.max(0, attempt - 1), max);
    const jitter = 0.8 + 0.4 * (this.options.random ?? Math.random)();
    return Math.round(delay * jitter);
  }

  private async sendVia(
    server: MailServerRecord,
    message: OutboundMessage,
  ): Promise<string[]> {
    if (!['smtp', 'graph', 'ews'].includes(server.protocol)) {
      // A server this worker cannot speak to: the primary takes the message.
      throw Object.assign(
        new Error(
          `Outgoing server "${server.name}" uses ${server.protocol}; only SMTP, EWS and Microsoft Graph servers send mail`,
        ),
        { code: 'EPROTOCOL' },
      );
    }
    const { record, secrets } = await this.options.servers.withSecrets(
      server.id,
    );
    const proxy =
      record.proxyId && this.options.proxyFor
        ? await this.options.proxyFor(record.proxyId)
        : undefined;
    const oauthToken = this.options.oauthToken;
    const caches: Record<string, SmtpTransportCache> = {
      graph: this.graphTransports,
      ews: this.ewsTransports,
    };
    const cache = caches[record.protocol] ?? this.transports;
    const transport = cache.get({
      record,
      secrets,
      proxy,
      oauthToken:
        usesOAuth(record) && oauthToken
          ? this.redaction.remembering(record, renew =>
              oauthToken(record.id, renew),
            )
          : undefined,
      trustedCertificates: this.options.trustedCertificates,
      connectionTimeoutMs: this.options.connectionTimeoutMs,
    });
    try {
      const info = await transport.sendMail({
        envelope: {
          from: record.email,
          to: [...message.to, ...message.cc, ...message.bcc],
        },
        raw: bytesToSend(message, record),
      });
      return (info.rejected ?? []).map(String);
    } catch (error) {
      // A server's refusal may repeat the password or token, also in base64.
      throw this.redaction.error(error, record, secrets, proxy?.password);
    }
  }

  private trace(
    message: OutboundMessage,
    route: OutboundRoute,
    server: MailServerRecord,
    what: string,
  ) {
    const by = route.by === 'rule' ? `rule "${route.ruleName}"` : `${route.by}`;
    const fallback =
      route.serverId && route.serverId !== server.id
        ? ', primary fallback'
        : '';
    this.options.logger.info(
      `Outbound ${message.id} ${message.messageId} via "${server.name}" (${by}${fallback}): ${what}`,
    );
  }
}

async function noToken(): Promise<{ token: string }> {
  throw new Error('no OAuth token source for Microsoft Graph');
}
