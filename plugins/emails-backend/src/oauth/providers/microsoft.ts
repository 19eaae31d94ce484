import {
  AuthenticationResult,
  ConfidentialClientApplication,
  ICachePlugin,
  LogLevel,
  TokenCacheContext,
} from '@azure/msal-node';
import { calculatePKCECodeChallenge } from 'openid-client';
import { msalNetworkClient, OAuthFetch } from '../http';
import {
  AuthorizationRequest,
  NoConsentError,
  OAuthClientSettings,
  OAuthProvider,
  scopeList,
  StoredTokens,
  TokenGrant,
} from './types';

/**
 * MSAL's cache plugin for one server: MSAL reads the server's cache before
 * each use and hands back the changed cache after it, which the caller then
 * stores sealed in the database in the same transaction as the expiry.
 */
export class ServerCachePlugin implements ICachePlugin {
  /** The serialized cache: loaded from the database, and what to store after. */
  cache?: string;

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    if (this.cache) context.tokenCache.deserialize(this.cache);
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (context.cacheHasChanged) this.cache = context.tokenCache.serialize();
  }
}

/** The authority (`https://host/<tenant>`) of a Microsoft authorization URL. */
export function authorityOf(settings: OAuthClientSettings): URL {
  const tenant = settings.tenantId || 'organizations';
  const url = new URL(settings.authorizationUrl.replace('{tenant}', tenant));
  const first = url.pathname.split('/').filter(Boolean)[0] ?? tenant;
  return new URL(`${url.origin}/${first}`);
}

/** Microsoft Entra ID through MSAL (ConfidentialClientApplication). */
export class MicrosoftProvider implements OAuthProvider {
  private readonly plugin = new ServerCachePlugin();
  private readonly app: ConfidentialClientApplication;

  constructor(
    private readonly settings: OAuthClientSettings,
    private readonly fetchFn: OAuthFetch,
  ) {
    this.app = this.newApp(this.plugin);
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    return this.app.getAuthCodeUrl({
      scopes: this.delegatedScopes(),
      redirectUri: request.redirectUri,
      state: request.state,
      codeChallenge: await calculatePKCECodeChallenge(request.codeVerifier),
      codeChallengeMethod: 'S256',
      responseMode: 'query',
      prompt: 'select_account',
    });
  }

  async redeem(
    request: AuthorizationRequest & { callbackUrl: URL },
  ): Promise<TokenGrant> {
    const error = request.callbackUrl.searchParams.get('error');
    if (error) {
      const description =
        request.callbackUrl.searchParams.get('error_description') ?? '';
      throw Object.assign(new Error(`${error}: ${description}`), {
        errorCode: error,
      });
    }
    // A new cache of its own: the new consent replaces the old one whole.
    const plugin = new ServerCachePlugin();
    const result = await this.newApp(plugin).acquireTokenByCode({
      code: request.callbackUrl.searchParams.get('code') ?? '',
      scopes: this.delegatedScopes(),
      redirectUri: request.redirectUri,
      codeVerifier: request.codeVerifier,
    });
    return this.toGrant(result, plugin);
  }

  async accessToken(
    stored: StoredTokens | undefined,
    options: { forceRefresh?: boolean } = {},
  ): Promise<TokenGrant> {
    this.plugin.cache = stored?.kind === 'msal' ? stored.cache : undefined;
    if (this.settings.grantType === 'client-credentials') {
      const result = await this.app.acquireTokenByClientCredential({
        scopes: [`${this.settings.appResource}/.default`],
        skipCache: options.forceRefresh,
      });
      if (!result) throw new NoConsentError();
      return this.toGrant(result, this.plugin);
    }
    const homeAccountId = stored?.kind === 'msal' ? stored.homeAccountId : '';
    const accounts = await this.app.getTokenCache().getAllAccounts();
    const account =
      accounts.find(a => a.homeAccountId === homeAccountId) ?? accounts[0];
    if (!account) throw new NoConsentError();
    const result = await this.app.acquireTokenSilent({
      account,
      scopes: this.delegatedScopes(),
      forceRefresh: options.forceRefresh ?? false,
    });
    return this.toGrant(result, this.plugin);
  }

  private delegatedScopes(): string[] {
    return scopeList(this.settings.scope);
  }

  private toGrant(
    result: AuthenticationResult,
    plugin: ServerCachePlugin,
  ): TokenGrant {
    return {
      accessToken: result.accessToken,
      expiresAt: result.expiresOn ?? undefined,
      account: result.account?.username || undefined,
      scopes: result.scopes,
      tokens: {
        kind: 'msal',
        cache: plugin.cache ?? '',
        homeAccountId: result.account?.homeAccountId,
      },
    };
  }

  private newApp(plugin: ServerCachePlugin): ConfidentialClientApplication {
    const authority = authorityOf(this.settings);
    return new ConfidentialClientApplication({
      auth: {
        clientId: this.settings.clientId,
        clientSecret: this.settings.clientSecret,
        authority: authority.href.replace(/\/$/, ''),
        // Trusted as configured: no instance discovery call to Microsoft first.
        knownAuthorities: [authority.host],
      },
      cache: { cachePlugin: plugin },
      system: {
        networkClient: msalNetworkClient(this.fetchFn),
        loggerOptions: {
          logLevel: LogLevel.Error,
          piiLoggingEnabled: false,
          loggerCallback: () => undefined,
        },
      },
    });
  }
}
