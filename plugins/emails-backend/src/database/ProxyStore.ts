import { ConflictError, NotFoundError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { isUniqueViolation, toIso } from './rows';

/** A proxy server as stored. */
export interface ProxyRecord {
  id: string;
  name: string;
  protocol: string;
  host: string;
  port: number;
  username?: string;
  /** Already encrypted by the caller. */
  secrets?: string;
  version: number;
  updatedAt: string;
}

/** What a caller writes. */
export type ProxyInput = Omit<ProxyRecord, 'id' | 'version' | 'updatedAt'>;

type Row = Record<string, any>;

/** Proxy servers that mail servers may connect through. */
export class ProxyStore {
  constructor(private readonly db: Knex) {}

  /** Every proxy, by name. */
  async list(): Promise<ProxyRecord[]> {
    const rows = await this.db('proxies').select().orderBy('name');
    return rows.map(fromRow);
  }

  /** One proxy; NotFoundError when there is none with that id. */
  async get(id: string, tx?: Knex.Transaction): Promise<ProxyRecord> {
    const row = await (tx ?? this.db)('proxies').where({ id }).first();
    if (!row) {
      throw new NotFoundError(`No proxy with id ${id}`);
    }
    return fromRow(row);
  }

  /** Adds a proxy. */
  async create(
    input: ProxyInput,
    actor?: string,
    tx?: Knex.Transaction,
  ): Promise<ProxyRecord> {
    const id = randomUUID();
    const now = new Date();
    await this.guardName(input.name, () =>
      (tx ?? this.db)('proxies').insert({
        id,
        ...toRow(input),
        version: 1,
        created_at: now,
        updated_at: now,
        updated_by: actor ?? null,
      }),
    );
    return this.get(id, tx);
  }

  /** Replaces a proxy; ConflictError when `expectedVersion` is stale. */
  async update(
    id: string,
    expectedVersion: number,
    input: ProxyInput,
    actor?: string,
    tx?: Knex.Transaction,
  ): Promise<ProxyRecord> {
    const changed = await this.guardName(input.name, () =>
      (tx ?? this.db)('proxies')
        .where({ id, version: expectedVersion })
        .update({
          ...toRow(input),
          version: expectedVersion + 1,
          updated_at: new Date(),
          updated_by: actor ?? null,
        }),
    );
    if (changed === 0) {
      const current = await this.get(id, tx);
      throw new ConflictError(
        `The proxy was changed by someone else (version ${current.version}, yours ${expectedVersion}); reload and try again`,
      );
    }
    return this.get(id, tx);
  }

  /** Deletes a proxy; servers using it fall back to a direct connection. */
  async delete(id: string, tx?: Knex.Transaction): Promise<void> {
    const deleted = await (tx ?? this.db)('proxies').where({ id }).delete();
    if (deleted === 0) {
      throw new NotFoundError(`No proxy with id ${id}`);
    }
  }

  private async guardName<T>(name: string, work: () => PromiseLike<T>) {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`A proxy named "${name}" already exists`);
      }
      throw error;
    }
  }
}

function toRow(input: ProxyInput): Row {
  return {
    name: input.name,
    protocol: input.protocol,
    host: input.host,
    port: input.port,
    username: input.username ?? null,
    secrets: input.secrets ?? null,
  };
}

function fromRow(row: Row): ProxyRecord {
  return {
    id: row.id,
    name: row.name,
    protocol: row.protocol,
    host: row.host,
    port: Number(row.port),
    username: row.username ?? undefined,
    secrets: row.secrets ?? undefined,
    version: Number(row.version),
    updatedAt: toIso(row.updated_at),
  };
}
