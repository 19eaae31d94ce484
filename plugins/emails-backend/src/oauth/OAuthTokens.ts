import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { MailDirection } from '@internal/plugin-emails-common';
import { ConfigAuditRecorder } from '../audit/ConfigAuditRecorder';
import { SecretBox } from '../crypto/SecretBox';
import { MailServerRecord, Stores } from '../database';
import { MailServerService } from '../servers/MailServerService';
import { ServerSecrets } from '../servers/secretFields';
import { OAuthAlerts, SYSTEM_ACTOR } from './OAuthAlerts';
import { classifyTokenFailure, TokenError, tokenError } from './failures';
import { clientSettings, providerFor, usesOAuth } from './clientSettings';
import { OAuthFetch } from './http';
import { OAuthProvider, StoredTokens, TokenGrant } from './providers/types';

/** A fresh access token for one connection, and whom it is for. */
export interface AccessToken {
  token: string;
  expiresAt?: Date;
  /** Scopes the provider granted, when it says. */
  scopes?: string[];
}

/**
 * Hands out access tokens for OAuth mail servers: refreshed ahead of expiry
 * under the grant's row lock, the rotated refresh token stored with the new
 * expiry, and a refresh that fails for good turned into `auth-expired` once.
 */
export class OAuthTokens {
  private readonly providers = new Map<
    string,
    { version: number; provider: OAuthProvider }
  >();
  private readonly inFlight = new Map<string, Promise<AccessToken>>();

  constructor(
    private readonly deps: {
      stores: Stores;
      secrets: SecretBox;
      servers: Record<MailDirection, MailServerService>;
      fetch: OAuthFetch;
      audit: ConfigAuditRecorder;
      alerts: OAuthAlerts;
      logger: LoggerService;
    },
  ) {}

  /**
   * An access token for a new connection to the server. Throws a
   * {@link TokenError}; a server whose sign-in expired fails at once,
   * without asking the provider again, until an admin signs in.
   */
  async accessToken(
    direction: MailDirection,
    serverId: string,
    options: { forceRefresh?: boolean } = {},
  ): Promise<AccessToken> {
    const key = `${direction}:${serverId}`;
    // One refresh per server at a time in this process; the row lock covers replicas.
    const running = this.inFlight.get(key);
    if (running && !options.forceRefresh) return running;
    const next = this.acquire(direction, serverId, options).finally(() => {
      if (this.inFlight.get(key) === next) this.inFlight.delete(key);
    });
    this.inFlight.set(key, next);
    return next;
  }

  private async acquire(
    direction: MailDirection,
    serverId: string,
    options: { forceRefresh?: boolean },
  ): Promise<AccessToken> {
    const { record, secrets } = await this.deps.servers[direction].withSecrets(
      serverId,
    );
    if (!usesOAuth(record)) {
      throw new InputError(
        `The ${direction} server "${record.name}" does not sign in with OAuth`,
      );
    }
    const { stores } = this.deps;
    let grant: TokenGrant;
    try {
      grant = await stores.oauth.locked(
        direction,
        serverId,
        async (row, tx) => {
          if (row?.status === 'expired') {
            throw tokenError(
              (row.failureKind as TokenError['kind']) ?? 'expired',
            );
          }
          const stored = row?.tokens
            ? this.deps.secrets.open<StoredTokens>(row.tokens)
            : undefined;
          const result = await this.provider(
            direction,
            record,
            secrets,
          ).accessToken(stored, options);
          if (JSON.stringify(result.tokens) !== JSON.stringify(stored)) {
            await stores.oauth.saveTokens(
              direction,
              serverId,
              {
                tokens: this.deps.secrets.seal(result.tokens),
                accessTokenExpiresAt: result.expiresAt,
                account: result.account,
              },
              tx,
            );
          }
          return result;
        },
      );
    } catch (error) {
      const failure = classifyTokenFailure(error);
      await this.onFailure(direction, record, failure);
      throw failure;
    }
    return {
      token: grant.accessToken,
      expiresAt: grant.expiresAt,
      scopes: grant.scopes,
    };
  }

  private provider(
    direction: MailDirection,
    record: MailServerRecord,
    secrets: ServerSecrets,
  ): OAuthProvider {
    const key = `${direction}:${record.id}`;
    const cached = this.providers.get(key);
    if (cached?.version === record.version) return cached.provider;
    // One client per server and settings version: MSAL keeps the authority's metadata.
    const provider = providerFor(
      clientSettings(record, secrets),
      this.deps.fetch,
    );
    this.providers.set(key, { version: record.version, provider });
    return provider;
  }

  private async onFailure(
    direction: MailDirection,
    record: MailServerRecord,
    failure: TokenError,
  ): Promise<void> {
    const { stores, logger } = this.deps;
    if (!failure.permanent || failure.kind === 'no-consent') {
      if (failure.kind === 'no-consent') {
        await stores.health.observe(direction, record.id, {
          status: 'auth-expired',
          error: failure.message,
        });
      }
      return;
    }
    const newly = await stores.oauth.expire(direction, record.id, {
      kind: failure.kind,
      message: failure.message,
    });
    await stores.health.observe(direction, record.id, {
      status: 'auth-expired',
      error: failure.message,
    });
    if (!newly) return;
    logger.warn(
      `OAuth sign-in of the ${direction} server "${record.name}" expired: ${failure.message}`,
    );
    const announce = await stores.transaction(tx =>
      this.deps.audit.record(
        {
          action: 'sign-in-expired',
          target: `${direction}-server`,
          targetId: record.id,
          targetName: record.name,
          changes: [
            {
              field: 'oauth.consent',
              before: 'active',
              after: failure.message,
            },
          ],
        },
        { actor: SYSTEM_ACTOR },
        tx,
      ),
    );
    await announce();
    await this.deps.alerts.signInExpired(direction, record, failure);
  }
}
