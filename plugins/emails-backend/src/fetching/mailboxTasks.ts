import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import {
  EMAILS_SERVERS_TOPIC,
  EmailsServersChangedEvent,
  IncomingServer,
} from '@internal/plugin-emails-common';
import { EmailsConfig } from '../config';
import { Stores } from '../database';
import { HealthAlertSink } from '../health/HealthAlerts';
import { Ingest } from '../ingest/types';
import { MailServerService } from '../servers/MailServerService';
import { BackoffSettings } from './backoff';
import { fetchTaskId, FetchTaskSet } from './FetchTaskSet';
import { oauthFetch } from '../oauth/http';
import {
  FETCHED_PROTOCOLS,
  FetcherFactory,
  mailFetcherFactory,
  OAuthTokenSource,
} from './mailboxSettings';
import { MailboxRunner } from './MailboxRunner';

/** What {@link startMailboxTasks} needs. */
export interface MailboxTasksOptions {
  scheduler: SchedulerService;
  logger: LoggerService;
  /** Server changes on EMAILS_SERVERS_TOPIC re-sync the task set at once. */
  events?: EventsService;
  stores: Pick<
    Stores,
    'incomingServers' | 'health' | 'mailboxCursors' | 'messageNumbers'
  >;
  /** The incoming MailServerService. */
  servers: Pick<MailServerService, 'get' | 'withSecrets'>;
  ingest: Ingest;
  config: Pick<EmailsConfig, 'fetching' | 'trustedCertificates'>;
  /** How often every replica re-checks its task set; default 60 s. */
  refreshSeconds?: number;
  /** Access tokens of OAuth mailboxes, and whether a sign-in is needed first. */
  oauth?: {
    token: OAuthTokenSource;
    signInNeeded(serverId: string): Promise<boolean>;
  };
  /** Health alerts to the admins (emails.health). */
  alerts?: HealthAlertSink;
  /** For tests: another fetcher, another back-off. */
  createFetcher?: FetcherFactory;
  backoff?: BackoffSettings;
}

/** The answer of Sync now. */
export interface SyncNowResult {
  /** started: a run was triggered; running: a run holds the mailbox now (and was told to look). */
  status: 'started' | 'running';
}

/** Control of the fetch tasks, for the router and for plugin shutdown. */
export interface MailboxTasks {
  /** Fetches an incoming server now, whatever its protocol (POST /servers/incoming/:id/sync). */
  syncNow(serverId: string): Promise<SyncNowResult>;
  /** Ends a pause after errorThreshold message errors and fetches at once. */
  resume(serverId: string): Promise<void>;
  /** Re-syncs the task set with the stored servers. */
  refresh(): Promise<void>;
  /** Server ids with a fetch task in this process. */
  taskServerIds(): string[];
  /** Stops this process's fetch tasks. */
  stop(): void;
}

function isConflict(error: unknown): boolean {
  return (error as Error)?.name === 'ConflictError';
}

/** Refuses Sync now for a server that cannot be fetched, naming why. */
function checkFetchable(server: IncomingServer) {
  if (!FETCHED_PROTOCOLS.includes(server.protocol)) {
    throw new InputError(
      `Sync now fetches IMAP, POP3 and Microsoft Graph mailboxes; ${server.name} uses ${server.protocol}`,
    );
  }
  if (!server.enabled) {
    throw new ConflictError(`${server.name} is disabled: enable it to fetch`);
  }
  if (server.pausedReason) {
    throw new ConflictError(
      `Fetching from ${server.name} is paused: resume it first`,
    );
  }
}

function createRunner(options: MailboxTasksOptions): MailboxRunner {
  const { fetching, trustedCertificates } = options.config;
  return new MailboxRunner({
    servers: options.servers,
    stores: options.stores,
    ingest: options.ingest,
    logger: options.logger,
    createFetcher:
      options.createFetcher ??
      mailFetcherFactory({
        ca: trustedCertificates,
        maxMessageBytes: fetching.maxMessageBytes,
        oauthToken: options.oauth?.token,
        uids: options.stores.messageNumbers,
        graphFetch: oauthFetch(trustedCertificates, 60_000),
      }),
    signInNeeded: options.oauth?.signInNeeded,
    idleHoldMs: fetching.idleHoldMs,
    backoff: options.backoff,
    alerts: options.alerts,
  });
}

/** The fetch tasks of this process and what the router asks of them. */
class MailboxTaskControl implements MailboxTasks {
  private readonly runner: MailboxRunner;
  private readonly tasks: FetchTaskSet;
  private readonly stopping = new AbortController();
  private chain = Promise.resolve();

  constructor(private readonly options: MailboxTasksOptions) {
    this.runner = createRunner(options);
    this.tasks = new FetchTaskSet({
      scheduler: options.scheduler,
      runner: this.runner,
      logger: options.logger,
      holdSeconds: Math.ceil(options.config.fetching.idleHoldMs / 1000),
    });
  }

  /** First sync, then the periodic check and the events subscription. */
  async start(): Promise<void> {
    const { scheduler, logger, events } = this.options;
    await this.refresh();
    const refreshSeconds = this.options.refreshSeconds ?? 60;
    await scheduler.scheduleTask({
      id: 'emails:fetch-tasks:refresh',
      scope: 'local',
      frequency: { seconds: refreshSeconds },
      initialDelay: { seconds: refreshSeconds },
      timeout: { seconds: 60 },
      signal: this.stopping.signal,
      fn: () =>
        this.refresh().catch(error =>
          logger.error('Refreshing the fetch tasks failed', error as Error),
        ),
    });
    // With an event bus only one replica gets each event; the periodic check covers the others.
    await events?.subscribe({
      id: 'emails-fetch-tasks',
      topics: [EMAILS_SERVERS_TOPIC],
      onEvent: async params => {
        const payload = params.eventPayload as EmailsServersChangedEvent;
        if (payload?.direction !== 'incoming') return;
        await this.refresh();
        // A saved change (password fixed, Real Time Scanning turned on) is
        // tried at once rather than at the next poll.
        if (payload.serverId && this.tasks.has(payload.serverId)) {
          await this.syncNow(payload.serverId).catch(error =>
            logger.debug(
              `No fetch after the change of ${payload.serverId}: ${error}`,
            ),
          );
        }
      },
    });
  }

  refresh(): Promise<void> {
    // One sync at a time: an event and the periodic check may coincide.
    this.chain = this.chain
      .catch(() => undefined)
      .then(async () => {
        if (this.stopping.signal.aborted) return;
        await this.tasks.sync(await this.options.stores.incomingServers.list());
      });
    return this.chain;
  }

  async syncNow(serverId: string): Promise<SyncNowResult> {
    checkFetchable(
      (await this.options.servers.get(serverId)) as IncomingServer,
    );
    if (this.runner.wake(serverId)) return { status: 'running' };
    if (!this.tasks.has(serverId)) await this.refresh();
    try {
      await this.options.scheduler.triggerTask(fetchTaskId(serverId));
      return { status: 'started' };
    } catch (error) {
      // Running already, here or on another replica, which holds the mailbox.
      if (isConflict(error)) return { status: 'running' };
      throw error;
    }
  }

  async resume(serverId: string): Promise<void> {
    await this.options.servers.get(serverId);
    await this.options.stores.health.resume(serverId);
    this.options.logger.info(
      `Fetching from incoming server ${serverId} resumed`,
    );
    await this.syncNow(serverId).catch(error => {
      if (!isConflict(error)) throw error;
    });
  }

  taskServerIds(): string[] {
    return this.tasks.ids();
  }

  stop(): void {
    this.stopping.abort();
    this.tasks.stop();
  }
}

/**
 * Registers a global scheduler task `emails:fetch:<serverId>` per enabled
 * fetched incoming server (IMAP, POP3, Graph, EWS) and keeps the set current
 * (events topic plus a periodic local check), so new, changed, disabled and
 * deleted servers are picked up without a restart.
 */
export async function startMailboxTasks(
  options: MailboxTasksOptions,
): Promise<MailboxTasks> {
  const control = new MailboxTaskControl(options);
  await control.start();
  return control;
}
