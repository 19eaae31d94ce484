import { MailDirection } from '@internal/plugin-emails-common';
import { Knex } from 'knex';
import { isUniqueViolation, toIso } from './rows';

type Row = Record<string, any>;

/** A server's OAuth grant as stored; `tokens` is sealed by the caller. */
export interface OAuthGrantRecord {
  direction: MailDirection;
  serverId: string;
  status: 'none' | 'active' | 'expired';
  tokens?: string;
  account?: string;
  consentedBy?: string;
  consentedAt?: string;
  accessTokenExpiresAt?: string;
  failureKind?: string;
  failure?: string;
  failedAt?: string;
  secretWarnedFor?: string;
  version: number;
}

/** What a sign-in stores; `tokens` already sealed. */
export interface OAuthConsentInput {
  tokens: string;
  account?: string;
  consentedBy: string;
  accessTokenExpiresAt?: Date;
}

/** A sign-in under way, as the callback finds it. */
export interface OAuthStateRecord {
  direction: MailDirection;
  serverId: string;
  actor: string;
  /** Sealed PKCE code verifier. */
  verifier: string;
  createdAt: Date;
}

/** Why a state was refused. */
export type StateRefusal = 'unknown' | 'used' | 'expired';

/** OAuth grants of mail servers and the states of sign-ins under way. */
export class OAuthStore {
  constructor(private readonly db: Knex) {}

  /** The grant of one server; undefined before anybody signed in. */
  async grant(
    direction: MailDirection,
    serverId: string,
    tx?: Knex.Transaction,
  ): Promise<OAuthGrantRecord | undefined> {
    const row = await (tx ?? this.db)('oauth_grants')
      .where({ direction, server_id: serverId })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** Every grant of a direction, by server id. */
  async grants(
    direction: MailDirection,
  ): Promise<Map<string, OAuthGrantRecord>> {
    const rows = await this.db('oauth_grants').where({ direction });
    return new Map(rows.map(row => [row.server_id, fromRow(row)]));
  }

  /**
   * Runs `work` holding the grant's row lock, so one replica at a time
   * refreshes a server's tokens and a rotated refresh token is never used twice.
   */
  async locked<T>(
    direction: MailDirection,
    serverId: string,
    work: (
      grant: OAuthGrantRecord | undefined,
      tx: Knex.Transaction,
    ) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async tx => {
      let query = tx('oauth_grants').where({
        direction,
        server_id: serverId,
      });
      if (tx.client.config.client === 'pg') query = query.forUpdate();
      const row = await query.first();
      return work(row ? fromRow(row) : undefined, tx);
    });
  }

  /** Stores refreshed tokens with their expiry in one write (inside {@link OAuthStore.locked}). */
  async saveTokens(
    direction: MailDirection,
    serverId: string,
    update: { tokens: string; accessTokenExpiresAt?: Date; account?: string },
    tx: Knex.Transaction,
  ): Promise<void> {
    await this.upsert(direction, serverId, tx, row => ({
      status: row?.status === 'expired' ? 'expired' : 'active',
      tokens: update.tokens,
      access_token_expires_at: update.accessTokenExpiresAt ?? null,
      account: update.account ?? row?.account ?? null,
    }));
  }

  /** Records a completed sign-in: new tokens, who consented, and no failure. */
  async consent(
    direction: MailDirection,
    serverId: string,
    input: OAuthConsentInput,
    tx: Knex.Transaction,
  ): Promise<void> {
    await this.upsert(direction, serverId, tx, () => ({
      status: 'active',
      tokens: input.tokens,
      account: input.account ?? null,
      consented_by: input.consentedBy,
      consented_at: new Date(),
      access_token_expires_at: input.accessTokenExpiresAt ?? null,
      failure_kind: null,
      failure: null,
      failed_at: null,
    }));
  }

  /**
   * Marks the grant as needing a new sign-in. True only for the write that
   * turned it from active to expired, so the admins hear of it once.
   */
  async expire(
    direction: MailDirection,
    serverId: string,
    failure: { kind: string; message: string },
  ): Promise<boolean> {
    const expire = this.db.transaction(async tx => {
      let query = tx('oauth_grants').where({
        direction,
        server_id: serverId,
      });
      if (tx.client.config.client === 'pg') query = query.forUpdate();
      const row = await query.first();
      if (row?.status === 'expired') return false;
      await this.upsert(direction, serverId, tx, () => ({
        status: 'expired',
        failure_kind: failure.kind,
        failure: failure.message,
        failed_at: new Date(),
      }));
      return true;
    });
    // Another replica inserting the same first row got there first.
    return expire.catch(error => {
      if (isUniqueViolation(error)) return false;
      throw error;
    });
  }

  /** True when the admins were not yet warned about this client-secret expiry date. */
  async warnSecretExpiry(
    direction: MailDirection,
    serverId: string,
    date: string,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const row = await tx('oauth_grants')
        .where({ direction, server_id: serverId })
        .first();
      if (row?.secret_warned_for === date) return false;
      await this.upsert(direction, serverId, tx, () => ({
        secret_warned_for: date,
      }));
      return true;
    });
  }

  /** Drops a deleted server's grant and its sign-ins under way. */
  async forget(direction: MailDirection, serverId: string): Promise<void> {
    await this.db('oauth_grants')
      .where({ direction, server_id: serverId })
      .delete();
    await this.db('oauth_states')
      .where({ direction, server_id: serverId })
      .delete();
  }

  /** Keeps a new sign-in's state (hashed) and its sealed PKCE verifier. */
  async saveState(
    stateHash: string,
    state: Omit<OAuthStateRecord, 'createdAt'>,
  ): Promise<void> {
    await this.db('oauth_states').insert({
      state_hash: stateHash,
      direction: state.direction,
      server_id: state.serverId,
      actor: state.actor,
      verifier: state.verifier,
      created_at: new Date(),
    });
  }

  /**
   * Takes a state for its one use: a second take, an unknown state or one
   * older than `maxAgeMs` is refused with the reason.
   */
  async takeState(
    stateHash: string,
    maxAgeMs: number,
  ): Promise<OAuthStateRecord | { refused: StateRefusal }> {
    const row = await this.db('oauth_states')
      .where({ state_hash: stateHash })
      .first();
    if (!row) return { refused: 'unknown' };
    const taken = await this.db('oauth_states')
      .where({ state_hash: stateHash })
      .whereNull('used_at')
      .update({ used_at: new Date() });
    if (taken === 0) return { refused: 'used' };
    const createdAt = new Date(toIso(row.created_at));
    if (Date.now() - createdAt.getTime() > maxAgeMs) {
      return { refused: 'expired' };
    }
    return {
      direction: row.direction,
      serverId: row.server_id,
      actor: row.actor,
      verifier: row.verifier,
      createdAt,
    };
  }

  /** Deletes states older than `olderThan`; they can no longer be used. */
  async pruneStates(olderThan: Date): Promise<number> {
    return this.db('oauth_states').where('created_at', '<', olderThan).delete();
  }

  private async upsert(
    direction: MailDirection,
    serverId: string,
    tx: Knex.Transaction,
    change: (row: Row | undefined) => Row,
  ): Promise<void> {
    const key = { direction, server_id: serverId };
    const row = await tx('oauth_grants').where(key).first();
    const values = { ...change(row), updated_at: new Date() };
    if (row) {
      await tx('oauth_grants')
        .where(key)
        .update({ ...values, version: Number(row.version) + 1 });
    } else {
      await tx('oauth_grants').insert({ ...key, status: 'none', ...values });
    }
  }
}

function optionalIso(value: unknown): string | undefined {
  return value ? toIso(value as Date | string) : undefined;
}

function fromRow(row: Row): OAuthGrantRecord {
  return {
    direction: row.direction,
    serverId: row.server_id,
    status: row.status,
    tokens: row.tokens ?? undefined,
    account: row.account ?? undefined,
    consentedBy: row.consented_by ?? undefined,
    consentedAt: optionalIso(row.consented_at),
    accessTokenExpiresAt: optionalIso(row.access_token_expires_at),
    failureKind: row.failure_kind ?? undefined,
    failure: row.failure ?? undefined,
    failedAt: optionalIso(row.failed_at),
    secretWarnedFor: row.secret_warned_for ?? undefined,
    version: Number(row.version),
  };
}
