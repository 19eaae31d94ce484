import { ConflictError, NotFoundError } from '@backstage/errors';
import { MailDirection } from '@internal/plugin-emails-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { isUniqueViolation, toBool, toIso } from './rows';

/** A mail server as stored: filtered-on fields as properties, the rest in `settings`. */
export interface MailServerRecord {
  id: string;
  name: string;
  email: string;
  protocol: string;
  enabled: boolean;
  primary: boolean;
  proxyId?: string;
  /** Incoming servers only. */
  technicianGroup?: string;
  /** Incoming servers only. */
  outgoingServerId?: string;
  settings: Record<string, unknown>;
  /** Already encrypted by the caller; the store never sees plain secrets. */
  secrets?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy?: string;
  updatedBy?: string;
}

/** What a caller writes; id, version and timestamps are the store's. */
export type MailServerInput = Omit<
  MailServerRecord,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy'
>;

type Row = Record<string, any>;

/** Incoming or outgoing mail servers, one table per direction. */
export class MailServerStore {
  private readonly table: string;

  constructor(private readonly db: Knex, readonly direction: MailDirection) {
    this.table = `${direction}_servers`;
  }

  /** Every server of this direction, by name. */
  async list(): Promise<MailServerRecord[]> {
    const rows = await this.db(this.table).select().orderBy('name');
    return rows.map(row => this.fromRow(row));
  }

  /** One server; NotFoundError when there is none with that id. */
  async get(id: string, tx?: Knex.Transaction): Promise<MailServerRecord> {
    const row = await (tx ?? this.db)(this.table).where({ id }).first();
    if (!row) {
      throw new NotFoundError(`No ${this.direction} server with id ${id}`);
    }
    return this.fromRow(row);
  }

  /**
   * Adds a server; a new primary takes over from the old one in the same
   * transaction. Pass `outer` to commit together with other writes (the audit).
   */
  async create(
    input: MailServerInput,
    actor?: string,
    outer?: Knex.Transaction,
  ): Promise<MailServerRecord> {
    const id = randomUUID();
    const now = new Date();
    await this.write(
      async tx => {
        if (input.primary) {
          await this.clearPrimary(tx, id);
        }
        await tx(this.table).insert({
          id,
          ...this.toRow(input),
          version: 1,
          created_at: now,
          updated_at: now,
          created_by: actor ?? null,
          updated_by: actor ?? null,
        });
      },
      input.name,
      outer,
    );
    return this.get(id, outer);
  }

  /** Replaces a server's settings; ConflictError when `expectedVersion` is stale. */
  async update(
    id: string,
    expectedVersion: number,
    input: MailServerInput,
    actor?: string,
    outer?: Knex.Transaction,
  ): Promise<MailServerRecord> {
    await this.write(
      async tx => {
        if (input.primary) {
          await this.clearPrimary(tx, id);
        }
        const changed = await tx(this.table)
          .where({ id, version: expectedVersion })
          .update({
            ...this.toRow(input),
            version: expectedVersion + 1,
            updated_at: new Date(),
            updated_by: actor ?? null,
          });
        if (changed === 0) {
          const exists = await tx(this.table).where({ id }).first('version');
          if (!exists) {
            throw new NotFoundError(
              `No ${this.direction} server with id ${id}`,
            );
          }
          throw new ConflictError(
            `The ${this.direction} server was changed by someone else (version ${exists.version}, yours ${expectedVersion}); reload and try again`,
          );
        }
      },
      input.name,
      outer,
    );
    return this.get(id, outer);
  }

  /** Deletes a server; NotFoundError when there is none with that id. */
  async delete(id: string, tx?: Knex.Transaction): Promise<void> {
    const deleted = await (tx ?? this.db)(this.table).where({ id }).delete();
    if (deleted === 0) {
      throw new NotFoundError(`No ${this.direction} server with id ${id}`);
    }
  }

  private async write(
    work: (tx: Knex.Transaction) => Promise<void>,
    name: string,
    outer?: Knex.Transaction,
  ): Promise<void> {
    try {
      // Inside an outer transaction this is a savepoint.
      await (outer ?? this.db).transaction(work);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `An ${this.direction} server named "${name}" already exists`,
        );
      }
      throw error;
    }
  }

  // The old primary changes too, so its version moves on: a stale editor must reload.
  private async clearPrimary(tx: Knex.Transaction, exceptId: string) {
    await tx(this.table)
      .where({ is_primary: true })
      .whereNot({ id: exceptId })
      .update({ is_primary: false, version: tx.raw('version + 1') });
  }

  private toRow(input: MailServerInput): Row {
    const row: Row = {
      name: input.name,
      email: input.email,
      protocol: input.protocol,
      enabled: input.enabled,
      is_primary: input.primary,
      proxy_id: input.proxyId ?? null,
      settings: JSON.stringify(input.settings),
      secrets: input.secrets ?? null,
    };
    if (this.direction === 'incoming') {
      row.technician_group = input.technicianGroup ?? null;
      row.outgoing_server_id = input.outgoingServerId ?? null;
    }
    return row;
  }

  private fromRow(row: Row): MailServerRecord {
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      protocol: row.protocol,
      enabled: toBool(row.enabled),
      primary: toBool(row.is_primary),
      proxyId: row.proxy_id ?? undefined,
      technicianGroup: row.technician_group ?? undefined,
      outgoingServerId: row.outgoing_server_id ?? undefined,
      settings: JSON.parse(row.settings),
      secrets: row.secrets ?? undefined,
      version: Number(row.version),
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
      createdBy: row.created_by ?? undefined,
      updatedBy: row.updated_by ?? undefined,
    };
  }
}
