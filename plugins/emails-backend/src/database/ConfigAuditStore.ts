import { ConfigAuditEntry } from '@internal/plugin-emails-common';
import { Knex } from 'knex';
import { toIso } from './rows';

/** What a caller records; id and time are the store's. */
export type NewConfigAuditEntry = Omit<ConfigAuditEntry, 'id' | 'at'>;

/** The configuration audit trail: append-only. */
export class ConfigAuditStore {
  constructor(private readonly db: Knex) {}

  /** Appends an entry; `tx` lets it commit with the change it describes. */
  async append(
    entry: NewConfigAuditEntry,
    tx?: Knex.Transaction,
  ): Promise<void> {
    await (tx ?? this.db)('config_audit').insert({
      at: new Date(),
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      target_id: entry.targetId,
      target_name: entry.targetName ?? null,
      changes: JSON.stringify(entry.changes),
    });
  }

  /** Newest first, optionally for one target. */
  async list(
    options: { target?: string; targetId?: string; limit?: number } = {},
  ): Promise<ConfigAuditEntry[]> {
    let query = this.db('config_audit')
      .select()
      .orderBy('id', 'desc')
      .limit(Math.min(options.limit ?? 200, 1000));
    if (options.target) query = query.where({ target: options.target });
    if (options.targetId) query = query.where({ target_id: options.targetId });
    const rows = await query;
    return rows.map(row => ({
      id: String(row.id),
      at: toIso(row.at),
      actor: row.actor,
      action: row.action,
      target: row.target,
      targetId: row.target_id,
      targetName: row.target_name ?? undefined,
      changes: JSON.parse(row.changes),
    }));
  }
}
