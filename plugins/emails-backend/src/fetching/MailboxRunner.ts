import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { describeFailure, failureText } from '../health/failureStage';
import {
  MailboxCursorStore,
  MailServerRecord,
  ServerHealthStore,
} from '../database';
import { HealthAlertSink } from '../health/HealthAlerts';
import { Ingest } from '../ingest/types';
import { toMailFetchError } from '../mail/imap/imapClient';
import { MailFetcher, MailFetchError } from '../mail/MailFetcher';
import { SecretRedactor } from '../mail/secrets';
import { ServerSecrets } from '../servers/secretFields';
import {
  BackoffSettings,
  backoffDelay,
  DEFAULT_BACKOFF,
  pause,
} from './backoff';
import { CycleResult, runCycle } from './mailboxCycle';
import {
  FETCHED_PROTOCOLS,
  FetcherFactory,
  MailboxSettings,
  mailboxSettings,
} from './mailboxSettings';
import { usesOAuth } from '../oauth/clientSettings';
import { Waker } from './waker';

/** How a run ended. */
export type RunResult =
  | 'done'
  | 'paused'
  | 'skipped'
  | 'aborted'
  | 'failed'
  | 'retry-later';

/** What a {@link MailboxRunner} needs. */
export interface MailboxRunnerOptions {
  servers: {
    withSecrets(
      id: string,
    ): Promise<{ record: MailServerRecord; secrets: ServerSecrets }>;
  };
  stores: { health: ServerHealthStore; mailboxCursors: MailboxCursorStore };
  ingest: Ingest;
  logger: LoggerService;
  createFetcher: FetcherFactory;
  /**
   * True while the server's OAuth sign-in has expired: no run starts until an
   * admin signs in again, so a dead refresh token is not tried in a loop.
   */
  signInNeeded?: (serverId: string) => Promise<boolean>;
  /** Budget of one run: how long IDLE is held, and how long a run handles messages. */
  idleHoldMs: number;
  backoff?: BackoffSettings;
  /** Told every failed and working sync, and pauses, to alert the admins. */
  alerts?: HealthAlertSink;
}

type SessionResult = CycleResult | 'done' | 'closed' | MailFetchError;

interface Run {
  settings: MailboxSettings;
  record: MailServerRecord;
  secrets: ServerSecrets;
  /** The last line before health and the log: the server's secrets masked. */
  redactor: SecretRedactor;
  signal: AbortSignal;
  deadline: number;
  waker: Waker;
}

/**
 * Fetches one incoming server per run: connect, handle what is new, then
 * with real-time scanning hold IDLE until the run's budget is spent (a
 * catch-up listing at least every pollIntervalSeconds), reconnecting with
 * exponential back-off. A paused, disabled or deleted server is skipped.
 */
export class MailboxRunner {
  private readonly wakers = new Map<string, Waker>();

  constructor(private readonly options: MailboxRunnerOptions) {}

  /** One run for a server; resolves when done, never rejects for mailbox trouble. */
  async run(serverId: string, signal: AbortSignal): Promise<RunResult> {
    const run = await this.prepare(serverId, signal);
    if (!run) return 'skipped';
    if (
      (await this.options.stores.health.get('incoming', serverId)).pausedReason
    ) {
      return 'paused';
    }
    this.wakers.set(serverId, run.waker);
    try {
      return await this.attempts(run);
    } catch (error) {
      // Not mailbox trouble (the database), but it may quote what a server said.
      throw run.redactor.error(error);
    } finally {
      if (this.wakers.get(serverId) === run.waker) this.wakers.delete(serverId);
    }
  }

  /** Cuts short the IDLE wait of a run of this server in this process; false when none runs here. */
  wake(serverId: string): boolean {
    const waker = this.wakers.get(serverId);
    waker?.wake();
    return !!waker;
  }

  private async prepare(
    serverId: string,
    signal: AbortSignal,
  ): Promise<Run | undefined> {
    try {
      const { record, secrets } = await this.options.servers.withSecrets(
        serverId,
      );
      const settings = mailboxSettings(record);
      if (!settings.enabled || !FETCHED_PROTOCOLS.includes(settings.protocol))
        return undefined;
      if (await this.options.signInNeeded?.(serverId)) return undefined;
      const deadline = Date.now() + this.options.idleHoldMs;
      return {
        settings,
        record,
        secrets,
        redactor: SecretRedactor.forServer(record, secrets),
        signal,
        deadline,
        waker: new Waker(),
      };
    } catch (error) {
      if (error instanceof NotFoundError) return undefined; // deleted meanwhile
      throw error;
    }
  }

  /** Sessions until done; failures back off, bounded by the run's deadline. */
  private async attempts(run: Run): Promise<RunResult> {
    const { settings, signal } = run;
    let attempt = 0;
    for (;;) {
      const started = Date.now();
      const result = await this.session(run);
      if (signal.aborted) return 'aborted';
      if (
        result === 'caught-up' ||
        result === 'budget-spent' ||
        result === 'done'
      )
        return 'done';
      if (result === 'paused') await this.alertPaused(run);
      if (result === 'paused' || result === 'aborted') return result;
      attempt++;
      let failures = attempt;
      if (result instanceof MailFetchError) {
        failures = Math.max(attempt, await this.observeFailure(run, result));
      } else if (result === 'closed' && Date.now() - started > 5_000) {
        attempt = failures = 0; // a long session the server ended: reconnect at once
      }
      if (!settings.realTime || Date.now() >= run.deadline) {
        if (result === 'closed') return 'done';
        return result === 'retry-later' ? 'retry-later' : 'failed';
      }
      const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
      const wait = failures ? backoffDelay(failures, backoff) : 0;
      await pause(Math.min(wait, run.deadline - Date.now()), signal);
      if (signal.aborted) return 'aborted';
      if (Date.now() >= run.deadline) return 'failed';
    }
  }

  /** One connection: cycles, and between them IDLE when real-time scanning is on. */
  private async session(run: Run): Promise<SessionResult> {
    const { settings, signal } = run;
    let fetcher: MailFetcher | undefined;
    try {
      fetcher = this.options.createFetcher(run.record, run.secrets);
      await fetcher.connect();
      let restarts = 0;
      for (;;) {
        const ctx = {
          ...this.deps(),
          settings,
          fetcher,
          signal,
          deadline: run.deadline,
        };
        const result = await this.cycle(ctx, restarts);
        if (result === 'restart') {
          restarts++;
          continue;
        }
        if (result !== 'caught-up') return result;
        await this.options.stores.health.observe(
          'incoming',
          settings.serverId,
          { status: 'reachable' },
        );
        await this.options.alerts?.worked('incoming', run.record);
        const left = run.deadline - Date.now();
        if (!settings.realTime || left <= 0) return 'done';
        const woke = await run.waker.wait(wakeSignal =>
          fetcher!.waitForNewMail(settings.folders.inbox, {
            signal: AbortSignal.any([signal, wakeSignal]),
            maxWaitMs: Math.min(left, settings.pollIntervalSeconds * 1000),
          }),
        );
        if (woke === 'closed') return 'closed';
        if (signal.aborted) return 'aborted';
      }
    } catch (error) {
      return signal.aborted ? 'aborted' : toMailFetchError(error);
    } finally {
      await fetcher?.close();
    }
  }

  /**
   * A UIDVALIDITY change under a listed message ends the cycle; the next one
   * opens the folder again and re-syncs (cursorPlan.ts). Bounded, in case a
   * server keeps changing it.
   */
  private async cycle(
    ctx: Parameters<typeof runCycle>[0],
    restarts: number,
  ): Promise<CycleResult | 'restart'> {
    try {
      return await runCycle(ctx);
    } catch (error) {
      const changed =
        error instanceof MailFetchError && error.kind === 'validity-changed';
      if (changed && restarts < 3) return 'restart';
      throw error;
    }
  }

  private deps() {
    const { stores, ingest, logger } = this.options;
    return {
      ingest,
      logger,
      cursors: stores.mailboxCursors,
      health: stores.health,
    };
  }

  /** A message made the error threshold pause the server: the admins are told once. */
  private async alertPaused(run: Run): Promise<void> {
    const { alerts, stores } = this.options;
    if (!alerts) return;
    const health = await stores.health.get('incoming', run.settings.serverId);
    await alerts.paused(run.record, health.pausedReason ?? 'Fetching paused');
  }

  /** Shows the failure on the server card; answers the consecutive failures so far. */
  private async observeFailure(
    run: Run,
    error: MailFetchError,
  ): Promise<number> {
    const { settings } = run;
    const oauth = usesOAuth(run.record);
    const health = this.options.stores.health;
    // Drivers mask what they know; this also catches what they did not.
    const message = run.redactor.redact(error.message);
    const authExpired = error.kind === 'auth' && oauth;
    // Worded as Test Connection words it, so the card reads alike for both.
    const failed = describeFailure('incoming', run.record, {
      message,
      auth: error.kind === 'auth',
      oauth,
    });
    await health.observe('incoming', settings.serverId, {
      status: authExpired ? 'auth-expired' : 'unreachable',
      error: failureText(failed),
    });
    await this.options.alerts?.failed('incoming', run.record, {
      message,
      auth: error.kind === 'auth',
      authExpired,
    });
    this.options.logger.warn(`Incoming server ${settings.name}: ${message}`);
    return (await health.get('incoming', settings.serverId))
      .consecutiveFailures;
  }
}
