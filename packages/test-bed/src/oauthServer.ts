import {
  createPublicKey,
  generateKeyPair,
  JsonWebKeyInput,
  randomUUID,
  verify,
} from 'node:crypto';
import { promisify } from 'node:util';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Events,
  MutableResponse,
  MutableToken,
  OAuth2Issuer,
  OAuth2Server,
} from 'oauth2-mock-server';
import { LOOPBACK } from './ports';

/** Options of {@link OAuthTestServer.issueAccessToken}. */
export interface IssueTokenOptions {
  /** Lifetime in seconds; default one hour. Negative values give an expired token. */
  expiresInSeconds?: number;
  scope?: string;
  /** Extra claims merged into the token payload. */
  claims?: Record<string, unknown>;
}

/** The OAuth2 authorization server of a test bed. */
export interface OAuthTestServer {
  port: number;
  issuer: string;
  discoveryUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  introspectionUrl: string;
  jwksUrl: string;
  /** The underlying oauth2-mock-server, for tests that need its event hooks. */
  server: OAuth2Server;
  issueAccessToken(user: string, options?: IssueTokenOptions): Promise<string>;
  /** Makes introspection report the token as inactive from now on. */
  revokeAccessToken(token: string): void;
  /** Sets whose tokens the authorization_code and refresh_token grants issue. */
  setAuthorizedUser(user: string): void;
  stop(): Promise<void>;
}

type Claims = Record<string, unknown>;

// oauth2-mock-server's own introspection says `active: true` for any string,
// so it moves aside and a verifying endpoint takes the standard path.
const UNVERIFIED_INTROSPECT = '/introspect-unverified';
const INTROSPECT = '/introspect';
const CLOCK_SKEW_SECONDS = 5;

function decodeSegment(segment: string): Claims | undefined {
  try {
    const value = JSON.parse(
      Buffer.from(segment, 'base64url').toString('utf8'),
    );
    return value && typeof value === 'object' && !Array.isArray(value)
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

function signatureValid(
  issuer: OAuth2Issuer,
  header: Claims,
  signed: string,
  signature: string,
): boolean {
  if (header.alg !== 'RS256' || typeof header.kid !== 'string') return false;
  const jwk = issuer.keys.toJSON().find(k => k.kid === header.kid);
  if (!jwk) return false;
  try {
    const key = createPublicKey({ key: jwk, format: 'jwk' } as JsonWebKeyInput);
    return verify(
      'sha256',
      Buffer.from(signed),
      key,
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

/** Returns the claims of a token this issuer signed and that is still valid. */
function verifiedClaims(
  issuer: OAuth2Issuer,
  token: string,
): Claims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [headerPart, payloadPart, signature] = parts;
  const header = decodeSegment(headerPart);
  const payload = decodeSegment(payloadPart);
  if (!header || !payload) return undefined;
  if (
    !signatureValid(issuer, header, `${headerPart}.${payloadPart}`, signature)
  )
    return undefined;
  const now = Math.floor(Date.now() / 1000);
  if (payload.iss !== issuer.url) return undefined;
  if (typeof payload.exp !== 'number' || payload.exp <= now) return undefined;
  if (typeof payload.nbf === 'number' && payload.nbf > now + CLOCK_SKEW_SECONDS)
    return undefined;
  return payload;
}

function introspectionBody(claims: Claims | undefined): Claims {
  if (!claims) return { active: false };
  const username = claims.username ?? claims.email ?? claims.sub;
  // Scalars only: Dovecot 2.3 flattens the JSON answer into passdb fields.
  const body: Claims = { active: true, token_type: 'Bearer', username };
  for (const key of [
    'sub',
    'email',
    'scope',
    'client_id',
    'exp',
    'iat',
    'iss',
  ]) {
    if (['string', 'number'].includes(typeof claims[key]))
      body[key] = claims[key];
  }
  return body;
}

function tokenFrom(req: IncomingMessage): string {
  const body = (req as IncomingMessage & { body?: unknown }).body;
  const token =
    body && typeof body === 'object' ? (body as Claims).token : undefined;
  return typeof token === 'string' ? token : '';
}

function sendJson(res: ServerResponse, body: Claims): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
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

function identityClaims(user: string): Claims {
  return { sub: user, username: user, email: user };
}

function installHooks(
  server: OAuth2Server,
  authorizedUser: () => string,
): void {
  const service = server.service;
  service.on(Events.BeforeIntrospect, (response: MutableResponse) => {
    response.body = { active: false };
  });
  service.on(
    Events.BeforeWellKnownOpenIdConfiguration,
    (response: MutableResponse) => {
      if (response.body)
        response.body.introspection_endpoint = `${server.issuer.url}${INTROSPECT}`;
    },
  );
  // Tokens from the HTTP grants must name a mailbox login, or Dovecot's
  // username_attribute check cannot match them.
  service.on(
    Events.BeforeTokenSigning,
    (token: MutableToken, req: IncomingMessage) => {
      const body = (req as IncomingMessage & { body?: Claims }).body ?? {};
      if (body.grant_type === 'password' && typeof body.username === 'string') {
        Object.assign(token.payload, identityClaims(body.username));
      } else if (
        body.grant_type === 'authorization_code' ||
        body.grant_type === 'refresh_token'
      ) {
        Object.assign(token.payload, identityClaims(authorizedUser()));
      }
    },
  );
}

/** Starts oauth2-mock-server on a free loopback port with a signature-checking introspection endpoint. */
export async function startOAuthServer(
  defaultUser: string,
): Promise<OAuthTestServer> {
  let authorizedUser = defaultUser;
  const revoked = new Set<string>();
  const server = new OAuth2Server(undefined, undefined, {
    endpoints: { introspect: UNVERIFIED_INTROSPECT },
  });
  await server.issuer.keys.add(await signingKey());
  installHooks(server, () => authorizedUser);
  server.service.addRoute('POST', INTROSPECT, (req, res) => {
    const token = tokenFrom(req);
    const claims = revoked.has(token)
      ? undefined
      : verifiedClaims(server.issuer, token);
    sendJson(res, introspectionBody(claims));
  });
  await server.start(0, LOOPBACK);
  const port = server.address().port;
  // The library would advertise `localhost`, which may resolve to ::1.
  const issuer = `http://${LOOPBACK}:${port}`;
  server.issuer.url = issuer;
  return {
    port,
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    authorizationUrl: `${issuer}/authorize`,
    tokenUrl: `${issuer}/token`,
    introspectionUrl: `${issuer}${INTROSPECT}`,
    jwksUrl: `${issuer}/jwks`,
    server,
    issueAccessToken: (user, options = {}) =>
      server.issuer.buildToken({
        expiresIn: options.expiresInSeconds ?? 3600,
        scopesOrTransform: (_header, payload) => {
          Object.assign(payload, identityClaims(user), options.claims ?? {});
          if (options.scope) payload.scope = options.scope;
        },
      }),
    revokeAccessToken: token => {
      revoked.add(token);
    },
    setAuthorizedUser: user => {
      authorizedUser = user;
    },
    stop: async () => {
      if (server.listening) await server.stop();
    },
  };
}
