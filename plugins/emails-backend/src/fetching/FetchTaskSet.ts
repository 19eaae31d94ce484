import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { MailServerRecord } from '../database';
import { FETCHED_PROTOCOLS, mailboxSettings } from './mailboxSettings';
import { MailboxRunner } from './MailboxRunner';

/** The scheduler task id of an incoming server's fetching. */
export function fetchTaskId(serverId: string): string {
  return `emails:fetch:${serverId}`;
}

// Room past the run budget for the message in hand and the goodbye.
const TIMEOUT_MARGIN_SECONDS = 120;

interface Scheduled {
  /** Cadence and timeout: a change needs a new schedule. */
  key: string;
  controller: AbortController;
}

/** The schedule of a server's fetch task. */
export function fetchSchedule(record: MailServerRecord, holdSeconds: number) {
  const settings = mailboxSettings(record);
  // With real-time scanning a run holds IDLE for the whole budget and the
  // next run starts as soon as it returns; a cadence within the hold makes
  // that so. Without it, the cadence is the poll interval.
  const cadence = settings.realTime
    ? Math.min(settings.pollIntervalSeconds, holdSeconds)
    : settings.pollIntervalSeconds;
  const timeout = holdSeconds + TIMEOUT_MARGIN_SECONDS;
  return { cadence, timeout, key: `${cadence}/${timeout}` };
}

/**
 * Keeps one global scheduler task per enabled IMAP incoming server, so one
 * replica at a time fetches each mailbox. The scheduler has no way to remove
 * a task: a task of a server that went away is stopped through its signal
 * (here) and finds nothing to do (in the runner) on replicas not yet told.
 */
export class FetchTaskSet {
  private readonly tasks = new Map<string, Scheduled>();

  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      runner: MailboxRunner;
      logger: LoggerService;
      holdSeconds: number;
    },
  ) {}

  /** Server ids that have a task in this process. */
  ids(): string[] {
    return [...this.tasks.keys()];
  }

  has(serverId: string): boolean {
    return this.tasks.has(serverId);
  }

  /** Brings the tasks in line with the stored incoming servers. */
  async sync(records: MailServerRecord[]): Promise<void> {
    const wanted = new Map(
      records
        .filter(r => r.enabled && FETCHED_PROTOCOLS.includes(r.protocol))
        .map(r => [r.id, fetchSchedule(r, this.deps.holdSeconds)]),
    );
    for (const [id, task] of this.tasks) {
      if (wanted.get(id)?.key !== task.key) {
        task.controller.abort();
        this.tasks.delete(id);
      }
    }
    for (const [id, schedule] of wanted) {
      if (!this.tasks.has(id)) await this.schedule(id, schedule);
    }
  }

  /** Stops every task of this process. */
  stop(): void {
    for (const task of this.tasks.values()) task.controller.abort();
    this.tasks.clear();
  }

  private async schedule(
    serverId: string,
    schedule: ReturnType<typeof fetchSchedule>,
  ) {
    const controller = new AbortController();
    await this.deps.scheduler.scheduleTask({
      id: fetchTaskId(serverId),
      scope: 'global',
      frequency: { seconds: schedule.cadence },
      timeout: { seconds: schedule.timeout },
      signal: controller.signal,
      fn: signal => this.run(serverId, signal),
    });
    this.tasks.set(serverId, { key: schedule.key, controller });
  }

  private async run(serverId: string, signal: AbortSignal) {
    try {
      const result = await this.deps.runner.run(serverId, signal);
      this.deps.logger.debug(`Fetch run of ${serverId}: ${result}`);
    } catch (error) {
      // Mailbox trouble is on the health card; this is the backend's own (database down).
      this.deps.logger.error(`Fetch run of ${serverId} failed`, error as Error);
    }
  }
}
