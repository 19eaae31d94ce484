import { EmailRule, OutboundRoute } from '@internal/plugin-emails-common';
import { randomUUID } from 'node:crypto';
import { HealthObservation, MailServerRecord } from '../database';
import { OutboundMessage, OutboundOutcome } from '../database/OutboundStore';
import { describeSendFailure, failureText } from '../health/failureStage';
import { usesOAuth } from '../oauth/clientSettings';
import { OutboundTransports, ServerWithSecrets } from './OutboundTransports';
import { routeMessage } from './routing';
import { classifySendError, SendFailure } from './sendErrors';
import { SendSlots } from './sendSlots';
import { chooseServers, ServerOutages } from './serverChoice';
import { SMTP_POOL_CONNECTIONS } from './smtpTransport';
import { OutboundRunResult, OutboundWorkerOptions } from './workerOptions';

export type {
  OutboundRunResult,
  OutboundWorkerOptions,
  OutgoingServerSource,
  RoutingSource,
} from './workerOptions';

type Counted = keyof OutboundRunResult;

/** What one run reads once and every send of it shares. */
interface RunContext {
  outgoing: MailServerRecord[];
  rules: EmailRule[];
  incoming: MailServerRecord[];
  /** Each server's secrets, read once per run rather than per message. */
  withSecrets: (id: string) => Promise<ServerWithSecrets>;
  now: Date;
  signal?: AbortSignal;
}

/** A message's attempt: what to store, and how the run counts it (not at all when not attempted). */
type Attempt = { outcome: OutboundOutcome; counted?: Counted };

/**
 * Sends queued messages: server choice, primary fallback, retries with
 * back-off. A claimed batch is sent concurrently, as many messages per server
 * at once as its transport's pool has connections.
 */
export class OutboundWorker {
  readonly workerId: string;
  private readonly transports: OutboundTransports;
  private readonly slots = new SendSlots(SMTP_POOL_CONNECTIONS);
  private readonly outages: ServerOutages;
  private reports: Promise<void> = Promise.resolve();
  private requeuedAt = -Infinity;
  private readonly observed = new Map<
    string,
    HealthObservation & { at: number }
  >();

  constructor(private readonly options: OutboundWorkerOptions) {
    this.workerId = options.workerId ?? `outbound-${randomUUID()}`;
    this.transports = new OutboundTransports(options);
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
    const { store, servers, routing } = this.options;
    await this.requeueStale(now);
    // Read before claiming: a failure here leaves no message stuck in sending.
    const secrets = new Map<string, Promise<ServerWithSecrets>>();
    const run: RunContext = {
      outgoing: await servers.list(),
      rules: (await routing?.rules()) ?? [],
      incoming: (await routing?.mailboxes()) ?? [],
      withSecrets: id => {
        if (!secrets.has(id)) secrets.set(id, servers.withSecrets(id));
        return secrets.get(id)!;
      },
      now,
      signal,
    };
    const claimed = await store.claimDue(this.workerId, this.batchSize, now);
    const attempts = await Promise.all(
      claimed.map(message => this.attempt(message, run)),
    );
    // One write for the batch (one statement per distinct outcome): a crash
    // before it sends this batch again after the stale limit (README.md).
    await store.recordOutcomes(
      attempts.map(a => a.outcome),
      new Date(),
    );
    const result: OutboundRunResult = { sent: 0, retrying: 0, failed: 0 };
    for (const { counted } of attempts) if (counted) result[counted] += 1;
    return result;
  }

  /**
   * Requeues the sends of crashed workers, at most every 30 s: a drain runs
   * many batches back to back, and a stale limit of minutes needs no more.
   */
  private async requeueStale(now: Date): Promise<void> {
    if (now.getTime() - this.requeuedAt < 30_000) return;
    const staleAfter = this.options.staleAfterMs ?? 10 * 60_000;
    await this.options.store.requeueStale(
      new Date(now.getTime() - staleAfter),
      now,
    );
    this.requeuedAt = now.getTime();
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

  /**
   * Runs health and alert reports one after another, in the order the sends
   * ended: they count consecutive failures, which concurrent sends would race.
   */
  private report(write: () => Promise<void>): Promise<void> {
    // Advisory, like the health itself: a failed report never fails a send.
    this.reports = this.reports
      .then(write)
      .catch(error =>
        this.options.logger.warn(
          `Outgoing server health report failed: ${error}`,
        ),
      );
    return this.reports;
  }

  /** Closes the pooled SMTP connections. */
  close(): void {
    this.transports.closeAll();
  }

  private async attempt(
    message: OutboundMessage,
    run: RunContext,
  ): Promise<Attempt> {
    const { now } = run;
    const route = routeMessage(message, run);
    const tries = chooseServers(
      route.serverId,
      run.outgoing,
      this.outages,
      now,
    );
    let failure: SendFailure = {
      kind: 'transient',
      message: 'No enabled outgoing server and no primary outgoing server',
    };
    let usedServer: MailServerRecord | undefined;
    for (const server of tries) {
      // Another message of the batch may have found it down meanwhile.
      if (server !== tries.at(-1) && this.outages.isDown(server.id, now)) {
        continue;
      }
      const sent = await this.slots.run(server.id, async () => {
        // Not attempted: due again at once, without losing an attempt's back-off.
        if (run.signal?.aborted) return undefined;
        try {
          const rejected = await this.transports.send(
            server,
            message,
            run.withSecrets,
          );
          return { rejected };
        } catch (error) {
          return { error };
        }
      });
      if (!sent) return stopped(message, route, now);
      usedServer = server;
      if ('rejected' in sent) {
        const { rejected } = sent;
        await this.sentThrough(server, now);
        this.trace(message, route, server, 'sent');
        const note = rejected?.length
          ? `Refused recipients: ${rejected.join(', ')}`
          : undefined;
        const outcome = { id: message.id, route, usedServerId: server.id };
        return {
          outcome: { ...outcome, status: 'sent', note },
          counted: 'sent',
        };
      }
      failure = classifySendError(sent.error);
      if (!(await this.failedOn(server, message, route, failure, now))) break;
    }
    return this.failedAttempt(message, route, failure, usedServer, now);
  }

  /** A send through `server` worked: its health and alerts learn it, outside the send slot. */
  private async sentThrough(server: MailServerRecord, now: Date) {
    this.outages.markUp(server.id);
    await this.report(async () => {
      await this.observe(server.id, { status: 'reachable' }, now);
      await this.options.alerts?.worked('outgoing', server);
    });
  }

  /** Records a failed try on `server`; answers whether the next server may take the message. */
  private async failedOn(
    server: MailServerRecord,
    message: OutboundMessage,
    route: OutboundRoute,
    failure: SendFailure,
    now: Date,
  ): Promise<boolean> {
    this.trace(
      message,
      route,
      server,
      `failed (${failure.kind}): ${failure.message}`,
    );
    await this.report(async () => {
      // Any answer about the message means the server itself works.
      await this.observe(
        server.id,
        failure.kind === 'server'
          ? { status: 'unreachable', error: this.worded(server, failure) }
          : { status: 'reachable' },
        now,
      );
      await (failure.kind === 'server'
        ? this.options.alerts?.failed('outgoing', server, failure)
        : this.options.alerts?.worked('outgoing', server));
    });
    if (failure.kind !== 'server') return false;
    this.transports.evict(server.id);
    if (server.id === route.serverId) this.outages.markDown(server.id, now);
    return true;
  }

  /** The failure as Test Connection words it, secrets already masked by the transports. */
  private worded(
    server: MailServerRecord | undefined,
    failure: SendFailure,
  ): string {
    if (!server) return failure.message;
    const oauth = usesOAuth(server);
    return failureText(describeSendFailure(server, { ...failure, oauth }));
  }

  private failedAttempt(
    message: OutboundMessage,
    route: OutboundRoute,
    failure: SendFailure,
    usedServer: MailServerRecord | undefined,
    now: Date,
  ): Attempt {
    const maxAttempts = this.options.maxAttempts ?? 8;
    const said = this.worded(usedServer, failure);
    const outcome = { id: message.id, route, usedServerId: usedServer?.id };
    if (failure.kind === 'permanent' || message.attempts >= maxAttempts) {
      const error =
        failure.kind === 'permanent'
          ? said
          : `Gave up after ${message.attempts} attempts: ${said}`;
      return {
        outcome: { ...outcome, status: 'failed', error },
        counted: 'failed',
      };
    }
    // A server that asked for a pause (Graph's Retry-After) gets at least that.
    const waitMs = Math.max(
      this.backoffMs(message.attempts),
      failure.retryAfterMs ?? 0,
    );
    const nextAttemptAt = new Date(now.getTime() + waitMs);
    return {
      outcome: { ...outcome, status: 'queued', nextAttemptAt, error: said },
      counted: 'retrying',
    };
  }

  /** 30 s * 2^(attempt-1), at most 1 h, +-20 % so retries of many messages spread out. */
  backoffMs(attempt: number): number {
    const base = this.options.backoffBaseMs ?? 30_000;
    const max = this.options.backoffMaxMs ?? 3_600_000;
    const delay = Math.min(base * 2 ** Math.max(0, attempt - 1), max);
    const jitter = 0.8 + 0.4 * (this.options.random ?? Math.random)();
    return Math.round(delay * jitter);
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

/** A message the stopped run did not attempt: due again at once, its route kept. */
function stopped(
  message: OutboundMessage,
  route: OutboundRoute,
  now: Date,
): Attempt {
  return {
    outcome: {
      id: message.id,
      route,
      status: 'queued',
      nextAttemptAt: now,
      error: 'Worker stopped',
    },
  };
}
