import { createPublicKey, JsonWebKeyInput, verify } from 'node:crypto';
import type { OAuth2Issuer } from 'oauth2-mock-server';

/** Claims of a JWT, or the fields of a JSON answer. */
export type Claims = Record<string, unknown>;

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
export function verifiedClaims(
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

/** The RFC 7662 introspection answer for a token's verified claims (or none). */
export function introspectionBody(claims: Claims | undefined): Claims {
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
