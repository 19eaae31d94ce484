import { MailDirection, ServerHealth } from '@internal/plugin-emails-common';
import { Knex } from 'knex';
import { toIso } from './rows';

type Row = Record<string, any>;

/** What a health update may set; counters are the store's. */
export interface HealthObservation {
  status: Exclude<ServerHealth['status'], 'disabled' | 'paused'>;
  error?: string;
  tokenExpiresAt?: Date;
}

/** Health as stored: the card's health plus the mailbox state of incoming servers. */
export interface StoredHealth extends ServerHealth {
  /** Set while fetching is paused after too many consecutive message errors. */
  pausedReason?: string;
  /** Progress of an import of existing mail, while one runs or after it ran. */
  importProgress?: { done: number; total: number };
}

/** What one batch of handled messages leaves on an incoming server's row. */
export interface BatchOutcome {
  /** Consecutive message errors after the batch. */
  messageErrors: number;
  /** Set when a message of the batch reached the threshold: pauses fetching. */
  pauseReason?: string;
  /** Listed messages still on the mail server, not handled yet. */
  waitingOnServer: number;
  /** Import progress after the batch, while an import runs. */
  importProgress?: { done: number; total: number };
}

/** How each mail server is doing, one row per server. */
export class ServerHealthStore {
  constructor(private readonly db: Knex) {}

  /** Health of every server of a direction, by server id. */
  async byServer(direction: MailDirection): Promise<Map<string, StoredHealth>> {
    const rows = await this.db('server_health').where({ direction });
    return new Map(rows.map(row => [row.server_id, fromRow(row)]));
  }

  /** Health of one server; `unknown` when nothing was observed yet. */
  async get(direction: MailDirection, serverId: string): Promise<StoredHealth> {
    const row = await this.db('server_health')
      .where({ direction, server_id: serverId })
      .first();
    return row ? fromRow(row) : unknownHealth();
  }

  /** Records one observation: a success resets the failure count, a failure adds one. */
  async observe(
    direction: MailDirection,
    serverId: string,
    observation: HealthObservation,
  ): Promise<void> {
    const now = new Date();
    const success = observation.status === 'reachable';
    await this.upsert(direction, serverId, row => ({
      status: observation.status,
      last_sync_at: now,
      last_success_at: success ? now : row?.last_success_at ?? null,
      consecutive_failures: success
        ? 0
        : Number(row?.consecutive_failures ?? 0) + 1,
      last_error: success ? null : observation.error ?? null,
      token_expires_at:
        observation.tokenExpiresAt ?? row?.token_expires_at ?? null,
    }));
  }

  /** After a new OAuth sign-in: an auth-expired server is unknown again until it is next checked. */
  async signedIn(direction: MailDirection, serverId: string): Promise<void> {
    await this.upsert(direction, serverId, row => ({
      status: !row || row.status === 'auth-expired' ? 'unknown' : row.status,
      consecutive_failures: 0,
      last_error: null,
    }));
  }

  /** The consecutive message errors of an incoming server, for a batch to count on from. */
  async messageErrors(serverId: string): Promise<number> {
    const row = await this.db('server_health')
      .where({ direction: 'incoming', server_id: serverId })
      .first('message_errors');
    return Number(row?.message_errors ?? 0);
  }

  /**
   * Stores what a batch of handled messages counted, in one write: the
   * consecutive message errors, the pause when one reached the threshold
   * (true when this paused the server; a pause already set stays as it
   * was), the mail waiting on the server and the import progress.
   */
  async recordBatch(serverId: string, batch: BatchOutcome): Promise<boolean> {
    let paused = false;
    await this.upsert('incoming', serverId, row => {
      paused = !!batch.pauseReason && !row?.paused_reason;
      return {
        message_errors: batch.messageErrors,
        waiting_on_server: batch.waitingOnServer,
        ...(paused
          ? { paused_reason: batch.pauseReason, paused_at: new Date() }
          : {}),
        ...(batch.importProgress
          ? {
              import_done: batch.importProgress.done,
              import_total: batch.importProgress.total,
            }
          : {}),
      };
    });
    return paused;
  }

  /** What a listing found: the mail waiting on the server and, while importing, the progress. */
  async listed(
    serverId: string,
    listing: Omit<BatchOutcome, 'messageErrors' | 'pauseReason'>,
  ): Promise<void> {
    await this.upsert('incoming', serverId, () => ({
      waiting_on_server: listing.waitingOnServer,
      ...(listing.importProgress
        ? {
            import_done: listing.importProgress.done,
            import_total: listing.importProgress.total,
          }
        : {}),
    }));
  }

  /** A caught-up listing: nothing waits on the mail server (no write when that is known). */
  async caughtUp(serverId: string): Promise<void> {
    await this.db('server_health')
      .where({ direction: 'incoming', server_id: serverId })
      .whereNot('waiting_on_server', 0)
      .update({ waiting_on_server: 0, updated_at: new Date() });
  }

  /** Pauses fetching of an incoming server until {@link ServerHealthStore.resume}. */
  async pause(serverId: string, reason: string): Promise<void> {
    await this.upsert('incoming', serverId, () => ({
      paused_reason: reason,
      paused_at: new Date(),
    }));
  }

  /** Ends a pause and forgets the message errors that caused it. */
  async resume(serverId: string): Promise<void> {
    await this.db('server_health')
      .where({ direction: 'incoming', server_id: serverId })
      .update({
        paused_reason: null,
        paused_at: null,
        message_errors: 0,
        updated_at: new Date(),
      });
  }

  /** Shows the progress of an import of existing mail on the server card; undefined clears it. */
  async setImportProgress(
    serverId: string,
    progress: { done: number; total: number } | undefined,
  ): Promise<void> {
    await this.upsert('incoming', serverId, () => ({
      import_done: progress?.done ?? null,
      import_total: progress?.total ?? null,
    }));
  }

  /** Forgets a deleted server's health. */
  async forget(direction: MailDirection, serverId: string): Promise<void> {
    await this.db('server_health')
      .where({ direction, server_id: serverId })
      .delete();
  }

  /** Updates a server's row from its current value, creating it when missing. */
  private async upsert(
    direction: MailDirection,
    serverId: string,
    change: (row: Row | undefined) => Row,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const key = { direction, server_id: serverId };
      // Two replicas may observe the same server at once: the row is created
      // once, then read under its lock, so no insert collides and no count is lost.
      await tx('server_health')
        .insert({ ...key, status: 'unknown', updated_at: new Date() })
        .onConflict(['direction', 'server_id'])
        .ignore();
      const row = await tx('server_health').where(key).forUpdate().first();
      await tx('server_health')
        .where(key)
        .update({ ...change(row), updated_at: new Date() });
    });
  }
}

/** Health before anything was observed. */
export function unknownHealth(): ServerHealth {
  return {
    status: 'unknown',
    inboundQueue: 0,
    waitingOnServer: 0,
    consecutiveFailures: 0,
  };
}

function fromRow(row: Row): StoredHealth {
  const health: StoredHealth = {
    status: row.paused_reason ? 'paused' : row.status,
    lastSyncAt: row.last_sync_at ? toIso(row.last_sync_at) : undefined,
    lastSuccessAt: row.last_success_at ? toIso(row.last_success_at) : undefined,
    inboundQueue: 0,
    waitingOnServer: Number(row.waiting_on_server ?? 0),
    consecutiveFailures: Number(row.consecutive_failures),
    lastError: row.last_error ?? undefined,
    tokenExpiresAt: row.token_expires_at
      ? toIso(row.token_expires_at)
      : undefined,
  };
  if (row.paused_reason) health.pausedReason = row.paused_reason;
  if (row.import_total !== null && row.import_total !== undefined) {
    health.importProgress = {
      done: Number(row.import_done ?? 0),
      total: Number(row.import_total),
    };
  }
  return health;
}
