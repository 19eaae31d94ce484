import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { isUniqueViolation, toIso } from './rows';

/** A named settings document with its version. */
export interface PreferenceRecord<T> {
  name: string;
  value: T;
  /** 0 while the document has never been saved. */
  version: number;
  updatedAt?: string;
  updatedBy?: string;
}

/** Settings documents such as the Email Preference, one row per name. */
export class PreferenceStore {
  constructor(private readonly db: Knex) {}

  /** The stored document, or `fallback` at version 0 when none was saved. */
  async get<T>(
    name: string,
    fallback: T,
    tx?: Knex.Transaction,
  ): Promise<PreferenceRecord<T>> {
    const row = await (tx ?? this.db)('preferences').where({ name }).first();
    if (!row) {
      return { name, value: fallback, version: 0 };
    }
    return {
      name,
      value: JSON.parse(row.value),
      version: Number(row.version),
      updatedAt: toIso(row.updated_at),
      updatedBy: row.updated_by ?? undefined,
    };
  }

  /** The saved version of a document, 0 when never saved: one cheap read to tell whether a copy is current. */
  async version(name: string): Promise<number> {
    const row = await this.db('preferences').where({ name }).first('version');
    return row ? Number(row.version) : 0;
  }

  /** Saves a document; ConflictError when `expectedVersion` is stale. */
  async put<T>(
    name: string,
    expectedVersion: number,
    value: T,
    actor?: string,
    outer?: Knex.Transaction,
  ): Promise<PreferenceRecord<T>> {
    const json = JSON.stringify(value);
    const now = new Date();
    await (outer ?? this.db)
      .transaction(async tx => {
        const row = await tx('preferences').where({ name }).first('version');
        const current = row ? Number(row.version) : 0;
        if (current !== expectedVersion) {
          throw new ConflictError(
            `The ${name} settings were changed by someone else (version ${current}, yours ${expectedVersion}); reload and try again`,
          );
        }
        if (row) {
          const changed = await tx('preferences')
            .where({ name, version: expectedVersion })
            .update({
              value: json,
              version: current + 1,
              updated_at: now,
              updated_by: actor ?? null,
            });
          if (changed === 0) {
            throw new ConflictError(
              `The ${name} settings were changed by someone else; reload and try again`,
            );
          }
        } else {
          await tx('preferences').insert({
            name,
            value: json,
            version: 1,
            updated_at: now,
            updated_by: actor ?? null,
          });
        }
      })
      .catch(error => {
        // Two first saves at once: the second loses the race like a stale version.
        if (isUniqueViolation(error)) {
          throw new ConflictError(
            `The ${name} settings were changed by someone else; reload and try again`,
          );
        }
        throw error;
      });
    return this.get(name, value, outer);
  }
}
