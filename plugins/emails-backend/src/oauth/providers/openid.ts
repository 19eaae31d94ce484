import * as client from 'openid-client';
import { OAuthFetch } from '../http';
import {
  AuthorizationRequest,
  NoConsentError,
  OAuthClientSettings,
  OAuthProvider,
  RENEW_AHEAD_MS,
  scopeList,
  StoredTokens,
  TokenGrant,
} from './types';

type OpenIdTokens = Extract<StoredTokens, { kind: 'openid' }>;

// Google's documented issuer; its token URL lives on another host.
const GOOGLE_ISSUER = 'https://accounts.google.com';

function configuration(
  settings: OAuthClientSettings,
  fetchFn: OAuthFetch,
): client.Configuration {
  const tokenUrl = new URL(settings.tokenUrl);
  const config = new client.Configuration(
    {
      issuer: settings.provider === 'google' ? GOOGLE_ISSUER : tokenUrl.origin,
      authorization_endpoint: settings.authorizationUrl,
      token_endpoint: settings.tokenUrl,
    },
    settings.clientId,
    undefined,
    client.ClientSecretPost(settings.clientSecret),
  );
  config[client.customFetch] = (url, options) =>
    fetchFn(url, options as RequestInit);
  // Plain HTTP only to this machine: a client secret never crosses a network in the clear.
  if (tokenUrl.protocol === 'http:' && isLoopback(tokenUrl.hostname)) {
    client.allowInsecureRequests(config);
  }
  return config;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

function toGrant(
  response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
  previous?: OpenIdTokens,
): TokenGrant {
  const expiresIn = response.expiresIn();
  const expiresAt =
    expiresIn !== undefined
      ? new Date(Date.now() + expiresIn * 1000)
      : undefined;
  const claims = response.claims();
  const account =
    (claims?.email as string | undefined) ??
    (claims?.preferred_username as string | undefined);
  return {
    accessToken: response.access_token,
    expiresAt,
    account,
    scopes: response.scope ? scopeList(response.scope) : undefined,
    tokens: {
      kind: 'openid',
      // Providers that do not rotate refresh tokens send none on refresh.
      refreshToken: response.refresh_token ?? previous?.refreshToken,
      accessToken: response.access_token,
      expiresAt: expiresAt?.toISOString(),
      scope: response.scope ?? previous?.scope,
    },
  };
}

/** Google and any standards-following provider, through openid-client. */
export class OpenIdProvider implements OAuthProvider {
  private readonly config: client.Configuration;

  constructor(
    private readonly settings: OAuthClientSettings,
    fetchFn: OAuthFetch,
  ) {
    this.config = configuration(settings, fetchFn);
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    const parameters: Record<string, string> = {
      redirect_uri: request.redirectUri,
      scope: this.settings.scope,
      state: request.state,
      code_challenge: await client.calculatePKCECodeChallenge(
        request.codeVerifier,
      ),
      code_challenge_method: 'S256',
    };
    if (this.settings.provider === 'google') {
      // Without both, Google issues no refresh token on a repeated consent.
      parameters.access_type = 'offline';
      parameters.prompt = 'consent';
    }
    return client.buildAuthorizationUrl(this.config, parameters).href;
  }

  async redeem(
    request: AuthorizationRequest & { callbackUrl: URL },
  ): Promise<TokenGrant> {
    const response = await client.authorizationCodeGrant(
      this.config,
      request.callbackUrl,
      { pkceCodeVerifier: request.codeVerifier, expectedState: request.state },
    );
    return toGrant(response);
  }

  async accessToken(
    stored: StoredTokens | undefined,
    options: { forceRefresh?: boolean } = {},
  ): Promise<TokenGrant> {
    const tokens = stored?.kind === 'openid' ? stored : undefined;
    if (!tokens?.refreshToken && !tokens?.accessToken) {
      throw new NoConsentError();
    }
    const expiresAt = tokens.expiresAt ? new Date(tokens.expiresAt) : undefined;
    const fresh =
      tokens.accessToken &&
      expiresAt &&
      expiresAt.getTime() - Date.now() > RENEW_AHEAD_MS;
    if (fresh && !options.forceRefresh) {
      return {
        accessToken: tokens.accessToken!,
        expiresAt,
        scopes: tokens.scope ? scopeList(tokens.scope) : undefined,
        tokens,
      };
    }
    if (!tokens.refreshToken) throw new NoConsentError();
    const response = await client.refreshTokenGrant(
      this.config,
      tokens.refreshToken,
    );
    return toGrant(response, tokens);
  }
}
