import { MailDirection } from '@internal/plugin-emails-common';
import { Knex } from 'knex';
import { toIso } from './rows';

type Row = Record<string, any>;

/** The alert the admins were sent about a server and not yet told is over. */
export type ServerAlertKind = 'failing' | 'paused' | 'auth-expired';

/** What the caller of {@link ServerAlertStore.countFailure} must send. */
export type FailureDecision = 'alert' | 'remind' | 'none';

/** How a failure counts; the store decides who notifies. */
export interface FailureCounting {
  /** Consecutive failures that open the `failing` alert. */
  threshold: number;
  /** A reminder is due this long after the last notification; 0 for none. */
  remindAfterMs: number;
  /**
   * Already announced elsewhere (an expired OAuth sign-in): open the
   * `auth-expired` alert at once, without a notification of ours.
   */
  announced?: boolean;
  now?: Date;
}

/** A server's alert state. */
export interface ServerAlertState {
  failures: number;
  alert?: ServerAlertKind;
  alertedAt?: string;
  notifiedAt?: string;
}

/**
 * Health alert state, one row per server. Every decision reads and writes
 * the row in one transaction under its lock, so of two replicas counting the
 * same failure only one is told to notify, and a restart keeps the state.
 */
export class ServerAlertStore {
  constructor(private readonly db: Knex) {}

  /** The alert state of a server; no failures and no alert when unknown. */
  async get(
    direction: MailDirection,
    serverId: string,
  ): Promise<ServerAlertState> {
    const row = await this.db('server_alerts')
      .where({ direction, server_id: serverId })
      .first();
    return row ? fromRow(row) : { failures: 0 };
  }

  /** Counts one failed sync or send; answers what this caller must send. */
  async countFailure(
    direction: MailDirection,
    serverId: string,
    counting: FailureCounting,
  ): Promise<{ failures: number; decision: FailureDecision }> {
    const now = counting.now ?? new Date();
    let answer = { failures: 0, decision: 'none' as FailureDecision };
    await this.locked(direction, serverId, row => {
      const failures = Number(row.failures) + 1;
      answer = { failures, decision: 'none' };
      if (!row.alert && counting.announced) {
        return { failures, ...opened('auth-expired', now) };
      }
      if (!row.alert && failures >= counting.threshold) {
        answer.decision = 'alert';
        return { failures, ...opened('failing', now) };
      }
      if (row.alert === 'failing' && reminderDue(row, counting, now)) {
        answer.decision = 'remind';
        return { failures, notified_at: now };
      }
      return { failures };
    });
    return answer;
  }

  /** Opens the `paused` alert; true only for the caller that opened it. */
  async paused(serverId: string, now = new Date()): Promise<boolean> {
    let newly = false;
    await this.locked('incoming', serverId, row => {
      newly = row.alert !== 'paused';
      return newly ? opened('paused', now) : {};
    });
    return newly;
  }

  /**
   * Records a sync or send that worked: the count starts again and an open
   * alert closes. Answers the alert it closed, to the one caller that did.
   */
  async worked(
    direction: MailDirection,
    serverId: string,
  ): Promise<ServerAlertKind | undefined> {
    // Most calls find nothing to reset: decided without a write or a lock.
    const current = await this.get(direction, serverId);
    if (current.failures === 0 && !current.alert) return undefined;
    let closed: ServerAlertKind | undefined;
    await this.locked(direction, serverId, row => {
      closed = row.alert ?? undefined;
      return { failures: 0, alert: null, alerted_at: null, notified_at: null };
    });
    return closed;
  }

  /** Forgets a deleted server's alert state. */
  async forget(direction: MailDirection, serverId: string): Promise<void> {
    await this.db('server_alerts')
      .where({ direction, server_id: serverId })
      .delete();
  }

  /** Changes a server's row from its current value under the row's lock. */
  private async locked(
    direction: MailDirection,
    serverId: string,
    change: (row: Row) => Row,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const key = { direction, server_id: serverId };
      await tx('server_alerts')
        .insert({ ...key, failures: 0, updated_at: new Date() })
        .onConflict(['direction', 'server_id'])
        .ignore();
      let query = tx('server_alerts').where(key);
      // SQLite has no row locks: its write transactions run one at a time.
      if (tx.client.config.client === 'pg') query = query.forUpdate();
      const row = await query.first();
      await tx('server_alerts')
        .where(key)
        .update({ ...change(row), updated_at: new Date() });
    });
  }
}

function opened(alert: ServerAlertKind, now: Date): Row {
  return { alert, alerted_at: now, notified_at: now };
}

function reminderDue(row: Row, counting: FailureCounting, now: Date): boolean {
  if (!counting.remindAfterMs || !row.notified_at) return false;
  const last = new Date(toIso(row.notified_at)).getTime();
  return now.getTime() - last >= counting.remindAfterMs;
}

function fromRow(row: Row): ServerAlertState {
  return {
    failures: Number(row.failures),
    alert: row.alert ?? undefined,
    alertedAt: row.alerted_at ? toIso(row.alerted_at) : undefined,
    notifiedAt: row.notified_at ? toIso(row.notified_at) : undefined,
  };
}
