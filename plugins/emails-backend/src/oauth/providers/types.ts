import { EmailProvider, OAuthGrantType } from '@internal/plugin-emails-common';

/** What is kept, sealed, between token requests of one server. */
export type StoredTokens =
  | { kind: 'msal'; cache: string; homeAccountId?: string }
  | {
      kind: 'openid';
      refreshToken?: string;
      accessToken?: string;
      expiresAt?: string;
      scope?: string;
    };

/** An access token and what to keep for the next one. */
export interface TokenGrant {
  accessToken: string;
  expiresAt?: Date;
  /** The mailbox account the grant is for, when the provider names it. */
  account?: string;
  /** Scopes the provider granted, when it says. */
  scopes?: string[];
  /** The tokens to store (sealed) in place of the old ones. */
  tokens: StoredTokens;
}

/** A server's OAuth client settings, secret included; never logged. */
export interface OAuthClientSettings {
  provider: EmailProvider;
  grantType: OAuthGrantType;
  clientId: string;
  clientSecret: string;
  tenantId?: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** Space-separated, as configured. */
  scope: string;
  /** For app-only access: the resource whose `/.default` scope is asked for. */
  appResource?: string;
}

/** The start of an authorization code flow. */
export interface AuthorizationRequest {
  state: string;
  codeVerifier: string;
  redirectUri: string;
}

/** One OAuth provider's client: sign-in, code redemption and token refresh. */
export interface OAuthProvider {
  /** The URL the admin's browser opens to consent (PKCE S256 and state included). */
  authorizationUrl(request: AuthorizationRequest): Promise<string>;
  /** Redeems the code in the callback URL. */
  redeem(
    request: AuthorizationRequest & { callbackUrl: URL },
  ): Promise<TokenGrant>;
  /**
   * A valid access token from the stored tokens, refreshed ahead of its
   * expiry; app-only access needs no stored tokens.
   */
  accessToken(
    stored: StoredTokens | undefined,
    options?: { forceRefresh?: boolean },
  ): Promise<TokenGrant>;
}

/** Renewal margin: a token this close to expiry is refreshed first. */
export const RENEW_AHEAD_MS = 5 * 60_000;

/** Scopes of a space-separated scope string, without empties. */
export function scopeList(scope: string): string[] {
  return scope.split(/\s+/).filter(Boolean);
}

/** Nobody has signed in for this server yet, or nothing refreshable was kept. */
export class NoConsentError extends Error {
  constructor() {
    super('nobody has signed in to authorize this mailbox yet');
    this.name = 'NoConsentError';
  }
}
