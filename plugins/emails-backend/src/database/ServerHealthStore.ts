import { MailDirection, ServerHealth } from '@internal/plugin-emails-common';
import { Knex } from 'knex';
import { toIso } from './rows';

type Row = Record<string, any>;

/** What a health update may set; counters are the store's. */
export interface HealthObservation {
  status: Exclude<ServerHealth['status'], 'disabled'>;
  error?: string;
  tokenExpiresAt?: Date;
}

/** How each mail server is doing, one row per server. */
export class ServerHealthStore {
  constructor(private readonly db: Knex) {}

  /** Health of every server of a direction, by server id. */
  async byServer(direction: MailDirection): Promise<Map<string, ServerHealth>> {
    const rows = await this.db('server_health').where({ direction });
    return new Map(rows.map(row => [row.server_id, fromRow(row)]));
  }

  /** Health of one server; `unknown` when nothing was observed yet. */
  async get(direction: MailDirection, serverId: string): Promise<ServerHealth> {
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
    await this.db.transaction(async tx => {
      const row = await tx('server_health')
        .where({ direction, server_id: serverId })
        .first();
      const values = {
        status: observation.status,
        last_sync_at: now,
        last_success_at: success ? now : row?.last_success_at ?? null,
        consecutive_failures: success
          ? 0
          : Number(row?.consecutive_failures ?? 0) + 1,
        last_error: success ? null : observation.error ?? null,
        token_expires_at:
          observation.tokenExpiresAt ?? row?.token_expires_at ?? null,
        updated_at: now,
      };
      if (row) {
        await tx('server_health')
          .where({ direction, server_id: serverId })
          .update(values);
      } else {
        await tx('server_health').insert({
          direction,
          server_id: serverId,
          ...values,
        });
      }
    });
  }

  /** Forgets a deleted server's health. */
  async forget(direction: MailDirection, serverId: string): Promise<void> {
    await this.db('server_health')
      .where({ direction, server_id: serverId })
      .delete();
  }
}

/** Health before anything was observed. */
export function unknownHealth(): ServerHealth {
  return { status: 'unknown', inboundQueue: 0, consecutiveFailures: 0 };
}

function fromRow(row: Row): ServerHealth {
  return {
    status: row.status,
    lastSyncAt: row.last_sync_at ? toIso(row.last_sync_at) : undefined,
    lastSuccessAt: row.last_success_at ? toIso(row.last_success_at) : undefined,
    inboundQueue: 0,
    consecutiveFailures: Number(row.consecutive_failures),
    lastError: row.last_error ?? undefined,
    tokenExpiresAt: row.token_expires_at
      ? toIso(row.token_expires_at)
      : undefined,
  };
}
