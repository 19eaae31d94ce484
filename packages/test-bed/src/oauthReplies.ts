import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Claims } from './oauthVerify';

/** Status and JSON body of a token-endpoint answer. */
export interface Reply {
  status: number;
  body: Claims;
}

const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Writes a JSON answer that no cache keeps (RFC 6749 5.1). */
export function sendJson(
  res: ServerResponse,
  body: Claims,
  status = 200,
): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  res.end(JSON.stringify(body));
}

/** The value if it is a string (form fields may repeat into arrays). */
export const text = (value: unknown) =>
  typeof value === 'string' ? value : undefined;

/**
 * An error in Microsoft Entra ID's shape: MSAL reads `error_codes` and
 * `suberror` (consent_required makes it an InteractionRequiredAuthError).
 */
export function aadError(
  status: number,
  error: string,
  code: number,
  description: string,
  suberror?: string,
): Reply {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').slice(0, 19);
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}Z`,
      error_codes: [code],
      timestamp: `${timestamp}Z`,
      trace_id: traceId,
      correlation_id: correlationId,
      ...(suberror ? { suberror } : {}),
    },
  };
}

/** A 400 invalid_grant with Entra ID's generic code. */
export const invalidGrant = (description: string) =>
  aadError(400, 'invalid_grant', 70000, description);

/** Client id and secret from HTTP Basic or the form (client_secret_post). */
export function clientOf(req: IncomingMessage, body: Claims) {
  const header = req.headers.authorization ?? '';
  if (/^basic /i.test(header)) {
    // RFC 6749 2.3.1: both halves are form-urlencoded before the base64.
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const split = decoded.includes(':') ? decoded.indexOf(':') : decoded.length;
    const unform = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    return {
      id: unform(decoded.slice(0, split)),
      secret: unform(decoded.slice(split + 1)),
    };
  }
  return { id: text(body.client_id), secret: text(body.client_secret) };
}

/** True when no challenge was sent, or the verifier answers it (RFC 7636 4.6). */
export function pkceMatches(
  challenge: { value: string; method: string } | undefined,
  verifier: string | undefined,
): boolean {
  if (!challenge) return true;
  if (!verifier || !PKCE_VERIFIER.test(verifier)) return false;
  const computed =
    challenge.method === 'S256'
      ? createHash('sha256').update(verifier).digest('base64url')
      : verifier;
  return computed === challenge.value;
}

/** A stable, GUID-shaped object id for a user, as Entra ID's `oid`. */
export function userObjectId(user: string): string {
  const hex = createHash('sha256').update(user).digest('hex');
  return [0, 8, 12, 16, 20]
    .map((at, i, all) => hex.slice(at, all[i + 1] ?? 32))
    .join('-');
}

/** Claims that name a mailbox user; Dovecot logs in the `username` one. */
export function identityClaims(user: string): Claims {
  return { sub: user, username: user, email: user };
}
