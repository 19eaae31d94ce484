import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TestUser } from './dovecotConfig';
import {
  NtlmChallenge,
  ntlmAuthenticate,
  ntlmChallenge,
  ntlmMessage,
  ntlmV2Valid,
} from './ewsNtlm';

/** How a request to the EWS stand-in signed in. */
export type EwsAuthScheme = 'Basic' | 'NTLM' | 'Bearer' | 'None';

/** What the token check says about a bearer token. */
export interface EwsTokenInfo {
  active: boolean;
  /** The user the token was issued to. */
  username?: string;
  /** A client-credentials token: no user; only impersonation opens a mailbox. */
  appOnly?: boolean;
}

/** How the NTLM AUTHENTICATE message arrived relative to its challenge. */
export type NtlmHandshake = 'same-connection' | 'new-connection';

/** The outcome of authenticating one request. */
export type EwsAuthOutcome =
  | {
      ok: true;
      scheme: EwsAuthScheme;
      /** The account; `app` for app-only (client-credentials) tokens. */
      account: string;
      appOnly: boolean;
    }
  | {
      ok: false;
      scheme: EwsAuthScheme;
      /** An NTLM CHALLENGE to send (`NTLM <base64>`), for a NEGOTIATE. */
      ntlmChallenge?: string;
      /** x-ms-diagnostics of a refused bearer token. */
      diagnostics?: string;
    };

/** The account name of app-only tokens, for {@link EwsPeer.grantImpersonation}. */
export const APP_ACCOUNT = 'app';

// The stand-in accepts a type 3 on another connection within this time.
const CHALLENGE_LIFETIME_MS = 60_000;

/**
 * Checks the Authorization header as Exchange's IIS front end does: Basic,
 * NTLM (v2 only; the challenge belongs to its TCP connection, and a
 * connection that completed the handshake stays signed in) and Bearer.
 */
export class EwsAuthenticator {
  /** For each NTLM sign-in: did the type 3 come on the challenge's connection? */
  readonly handshakes: NtlmHandshake[] = [];
  private readonly challenges = new WeakMap<Socket, NtlmChallenge>();
  private readonly signedIn = new WeakMap<Socket, string>();
  private recent: NtlmChallenge[] = [];

  constructor(
    private readonly users: readonly TestUser[],
    private readonly acceptToken:
      | ((token: string) => EwsTokenInfo | Promise<EwsTokenInfo>)
      | undefined,
    private readonly domain: string,
  ) {}

  async authenticate(req: IncomingMessage): Promise<EwsAuthOutcome> {
    const header = req.headers.authorization ?? '';
    const [scheme, credentials = ''] = header.trim().split(/\s+/, 2);
    // A challenge answers the next request on its connection only.
    const own = this.challenges.get(req.socket);
    this.challenges.delete(req.socket);
    switch (scheme.toLowerCase()) {
      case 'basic':
        return this.basic(credentials);
      case 'ntlm':
      case 'negotiate':
        return this.ntlm(req.socket, credentials, own);
      case 'bearer':
        return this.bearer(credentials);
      default: {
        const account = header ? undefined : this.signedIn.get(req.socket);
        return account
          ? { ok: true, scheme: 'NTLM', account, appOnly: false }
          : { ok: false, scheme: 'None' };
      }
    }
  }

  /** The user named `user` (or `DOMAIN\user`), by its address or local part at the domain. */
  private userNamed(user: string, domain = ''): TestUser | undefined {
    const names = [user.toLowerCase()];
    if (domain) names.push(`${user}@${domain}`.toLowerCase());
    return this.users.find(u => names.includes(u.user.toLowerCase()));
  }

  private basic(credentials: string): EwsAuthOutcome {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const split = decoded.indexOf(':');
    const name = split < 0 ? decoded : decoded.slice(0, split);
    const password = split < 0 ? '' : decoded.slice(split + 1);
    const [domain, user] = name.includes('\\')
      ? name.split('\\', 2)
      : ['', name];
    const found = this.userNamed(user, domain);
    if (!found || found.password !== password)
      return { ok: false, scheme: 'Basic' };
    return {
      ok: true,
      scheme: 'Basic',
      account: found.user.toLowerCase(),
      appOnly: false,
    };
  }

  private ntlm(
    socket: Socket,
    token: string,
    own: NtlmChallenge | undefined,
  ): EwsAuthOutcome {
    const message = ntlmMessage(token);
    if (message?.type === 1) {
      const { header, challenge } = ntlmChallenge(message.bytes, this.domain);
      this.challenges.set(socket, challenge);
      const now = Date.now();
      this.recent = this.recent.filter(
        c => now - c.issuedAt < CHALLENGE_LIFETIME_MS,
      );
      this.recent.push(challenge);
      return { ok: false, scheme: 'NTLM', ntlmChallenge: header };
    }
    if (message?.type !== 3) return { ok: false, scheme: 'NTLM' };
    const candidates = own
      ? [own, ...this.recent.filter(c => c !== own)]
      : this.recent;
    for (const challenge of candidates) {
      const account = this.verify(message.bytes, challenge);
      if (!account) continue;
      // Each challenge answers one sign-in.
      this.recent = this.recent.filter(c => c !== challenge);
      this.handshakes.push(
        challenge === own ? 'same-connection' : 'new-connection',
      );
      this.signedIn.set(socket, account);
      return { ok: true, scheme: 'NTLM', account, appOnly: false };
    }
    // A failed answer uses up the challenge of its own connection.
    this.recent = this.recent.filter(c => c !== own);
    return { ok: false, scheme: 'NTLM' };
  }

  private verify(bytes: Buffer, challenge: NtlmChallenge): string | undefined {
    if (Date.now() - challenge.issuedAt >= CHALLENGE_LIFETIME_MS)
      return undefined;
    const message = ntlmAuthenticate(bytes, challenge.unicode);
    if (!message) return undefined;
    const found = this.userNamed(message.user, message.domain);
    if (!found || !ntlmV2Valid(message, found.password, challenge.challenge))
      return undefined;
    return found.user.toLowerCase();
  }

  private async bearer(token: string): Promise<EwsAuthOutcome> {
    const refused: EwsAuthOutcome = {
      ok: false,
      scheme: 'Bearer',
      diagnostics:
        '2000001;reason="The token is invalid or has expired.";error_category="invalid_token"',
    };
    if (!token || !this.acceptToken) return refused;
    let info: EwsTokenInfo;
    try {
      info = await this.acceptToken(token);
    } catch {
      return refused;
    }
    if (!info.active || (!info.appOnly && !info.username)) return refused;
    return info.appOnly
      ? { ok: true, scheme: 'Bearer', account: APP_ACCOUNT, appOnly: true }
      : {
          ok: true,
          scheme: 'Bearer',
          account: info.username!.toLowerCase(),
          appOnly: false,
        };
  }
}

/**
 * HTTP 401 with an empty body: an NTLM CHALLENGE for a NEGOTIATE, otherwise
 * every scheme on offer (Basic, NTLM, Bearer) as Exchange lists them.
 */
export function writeUnauthorized(
  res: ServerResponse,
  outcome: EwsAuthOutcome & { ok: false },
  realm: string,
): void {
  const headers: Record<string, string | string[]> = {
    'Content-Length': '0',
    'WWW-Authenticate': outcome.ntlmChallenge
      ? outcome.ntlmChallenge
      : [
          `Basic realm="${realm}"`,
          'NTLM',
          outcome.scheme === 'Bearer'
            ? 'Bearer error="invalid_token"'
            : 'Bearer',
        ],
  };
  if (outcome.diagnostics) headers['x-ms-diagnostics'] = outcome.diagnostics;
  res.writeHead(401, headers);
  res.end();
}
