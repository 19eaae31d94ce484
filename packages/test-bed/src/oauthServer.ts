import { generateKeyPair, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { IncomingMessage } from 'node:http';
import {
  Events,
  MutableRedirectUri,
  MutableResponse,
  OAuth2Server,
} from 'oauth2-mock-server';
import { OAuthTokenRequest, TokenEndpoint } from './oauthGrants';
import { identityClaims, sendJson } from './oauthReplies';
import { Claims, introspectionBody, verifiedClaims } from './oauthVerify';
import { LOOPBACK } from './ports';

/** Options of {@link OAuthTestServer.issueAccessToken}. */
export interface IssueTokenOptions {
  /** Lifetime in seconds; default one hour. Negative values give an expired token. */
  expiresInSeconds?: number;
  scope?: string;
  /** Extra claims merged into the token payload. */
  claims?: Record<string, unknown>;
}

/** Options of {@link startOAuthServer}. */
export interface OAuthServerOptions {
  /** PEM files of a certificate for IP:127.0.0.1; the server only speaks HTTPS. */
  tls: { certPath: string; keyPath: string };
  /** Tenant of the MSAL authority `<issuer>/<tenantId>`; default {@link TEST_TENANT_ID}. */
  tenantId?: string;
}

/** The OAuth2 authorization server of a test bed (HTTPS, trusted through the test CA). */
export interface OAuthTestServer {
  port: number;
  /** `https://127.0.0.1:<port>`: the `iss` of every token, and openid-client's issuer. */
  issuer: string;
  /** Tenant id: the `tid` claim, `utid` of MSAL's client_info and the authority path. */
  tenantId: string;
  /** MSAL authority `<issuer>/<tenantId>`; use `knownAuthorities: [new URL(issuer).host]`. */
  authority: string;
  discoveryUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  introspectionUrl: string;
  jwksUrl: string;
  /** The underlying oauth2-mock-server, for its discovery, authorize and userinfo hooks. */
  server: OAuth2Server;
  issueAccessToken(user: string, options?: IssueTokenOptions): Promise<string>;
  /** Makes introspection report the token as inactive from now on. */
  revokeAccessToken(token: string): void;
  /** Sets who signs in at /authorize from now on; issued codes and refresh tokens keep their user. */
  setAuthorizedUser(user: string): void;
  /** Sets the lifetime of access tokens from the token endpoint (default 3600 s; MSAL renews those within 300 s of expiry). */
  setAccessTokenLifetime(seconds: number): void;
  /** Makes refresh tokens issued so far answer 400 invalid_grant (AADSTS65001, suberror consent_required); a new sign-in works again. */
  revokeConsent(): void;
  /** Makes the token endpoint answer 401 invalid_client (AADSTS7000222, secret expired) for `secret`, or for any client secret. */
  rejectClientSecret(secret?: string): void;
  /** Undoes {@link OAuthTestServer.rejectClientSecret}. */
  acceptClientSecrets(): void;
  /** Requests the token endpoint answered so far, oldest first. */
  tokenRequests(): OAuthTokenRequest[];
  stop(): Promise<void>;
}

/** Default tenant id of the test server (GUID-shaped, like Entra ID's). */
export const TEST_TENANT_ID = '0e5a7c1b-7e57-4bed-8a11-5e1f7e57be0d';

// oauth2-mock-server's own introspection says `active: true` for any string,
// and its token endpoint checks neither codes nor refresh tokens, so both
// move aside and checking endpoints take the standard paths.
const UNVERIFIED_INTROSPECT = '/introspect-unverified';
const UNCHECKED_TOKEN = '/token-unchecked';
const INTROSPECT = '/introspect';
const TOKEN = '/token';

/** The discovery document, the same at the root and under the tenant. */
function openIdConfiguration(issuer: string): Claims {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}${TOKEN}`,
    introspection_endpoint: `${issuer}${INTROSPECT}`,
    userinfo_endpoint: `${issuer}/userinfo`,
    end_session_endpoint: `${issuer}/endsession`,
    revocation_endpoint: `${issuer}/revoke`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    subject_types_supported: ['public'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    grant_types_supported: [
      'authorization_code',
      'refresh_token',
      'client_credentials',
      'password',
    ],
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'client_secret_basic',
      'none',
    ],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['plain', 'S256'],
  };
}

/**
 * An RS256 private JWK as a plain object. The library's own generate() hands
 * a WebCrypto export straight to its plain-object check, which fails under
 * Jest because that object comes from another realm.
 */
async function signingKey(): Promise<Record<string, unknown>> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
  });
  return {
    ...privateKey.export({ format: 'jwk' }),
    alg: 'RS256',
    kid: randomUUID(),
  };
}

const queryText = (value: unknown) =>
  typeof value === 'string' ? value : undefined;

function installHooks(
  server: OAuth2Server,
  tokens: TokenEndpoint,
  authorizedUser: () => string,
): void {
  const service = server.service;
  service.on(Events.BeforeIntrospect, (response: MutableResponse) => {
    response.body = { active: false };
  });
  service.on(
    Events.BeforeWellKnownOpenIdConfiguration,
    (response: MutableResponse) => {
      response.body = openIdConfiguration(server.issuer.url ?? '');
    },
  );
  // The mock keeps code challenges and nonces to itself: note them (and
  // who consented) for the checking token endpoint.
  service.on(
    Events.BeforeAuthorizeRedirect,
    (
      { url }: MutableRedirectUri,
      req: IncomingMessage & { query?: Claims },
    ) => {
      const code = url.searchParams.get('code');
      const query = req.query ?? {};
      if (!code) return;
      const challenge = queryText(query.code_challenge);
      tokens.authorized(code, {
        user: authorizedUser(),
        redirectUri: queryText(query.redirect_uri) ?? '',
        clientId: queryText(query.client_id),
        scope: queryText(query.scope),
        nonce: queryText(query.nonce),
        challenge: challenge
          ? {
              value: challenge,
              method: queryText(query.code_challenge_method) ?? 'plain',
            }
          : undefined,
      });
    },
  );
}

function tokenFrom(req: IncomingMessage & { body?: unknown }): string {
  const token =
    req.body && typeof req.body === 'object'
      ? (req.body as Claims).token
      : undefined;
  return typeof token === 'string' ? token : '';
}

/** Starts oauth2-mock-server over HTTPS on a free loopback port, with checking token and introspection endpoints. */
export async function startOAuthServer(
  defaultUser: string,
  options: OAuthServerOptions,
): Promise<OAuthTestServer> {
  let authorizedUser = defaultUser;
  const tenantId = options.tenantId ?? TEST_TENANT_ID;
  const revoked = new Set<string>();
  const server = new OAuth2Server(options.tls.keyPath, options.tls.certPath, {
    endpoints: { introspect: UNVERIFIED_INTROSPECT, token: UNCHECKED_TOKEN },
  });
  await server.issuer.keys.add(await signingKey());
  const tokens = new TokenEndpoint(server.issuer, tenantId);
  installHooks(server, tokens, () => authorizedUser);
  server.service.addRoute('POST', TOKEN, tokens.handle);
  server.service.addRoute('POST', INTROSPECT, (req, res) => {
    const token = tokenFrom(req);
    const claims = revoked.has(token)
      ? undefined
      : verifiedClaims(server.issuer, token);
    sendJson(res, introspectionBody(claims));
  });
  // MSAL (AAD protocol mode) reads <authority>/v2.0/.well-known/openid-configuration.
  server.service.addRoute(
    'GET',
    `/${tenantId}/v2.0/.well-known/openid-configuration`,
    (_req, res) => sendJson(res, openIdConfiguration(server.issuer.url ?? '')),
  );
  await server.start(0, LOOPBACK);
  const port = server.address().port;
  // The library would advertise `localhost`, which may resolve to ::1.
  const issuer = `https://${LOOPBACK}:${port}`;
  server.issuer.url = issuer;
  return {
    port,
    issuer,
    tenantId,
    authority: `${issuer}/${tenantId}`,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    authorizationUrl: `${issuer}/authorize`,
    tokenUrl: `${issuer}${TOKEN}`,
    introspectionUrl: `${issuer}${INTROSPECT}`,
    jwksUrl: `${issuer}/jwks`,
    server,
    issueAccessToken: (user, tokenOptions = {}) =>
      server.issuer.buildToken({
        expiresIn: tokenOptions.expiresInSeconds ?? 3600,
        scopesOrTransform: (_header, payload) => {
          Object.assign(payload, identityClaims(user), tokenOptions.claims);
          if (tokenOptions.scope) payload.scope = tokenOptions.scope;
        },
      }),
    revokeAccessToken: token => {
      revoked.add(token);
    },
    setAuthorizedUser: user => {
      authorizedUser = user;
    },
    setAccessTokenLifetime: seconds => {
      tokens.accessTokenLifetime = seconds;
    },
    revokeConsent: () => tokens.revokeConsent(),
    rejectClientSecret: secret => tokens.rejectClientSecret(secret),
    acceptClientSecrets: () => tokens.acceptClientSecrets(),
    tokenRequests: () => tokens.requests(),
    stop: async () => {
      if (server.listening) await server.stop();
    },
  };
}
