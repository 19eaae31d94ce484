import { ImapFlow } from 'imapflow';
import net from 'node:net';
import { MailFetchError } from '../MailFetcher';
import { trustedTls } from '../net/transport';
import { MailSecurity } from '../types';

/**
 * How the fetcher signs in. OAuth takes a token, or `token` to ask for a
 * fresh one for each connection; an OAuth mailbox nobody authorized has neither.
 */
export type ImapFetcherAuth =
  | { type: 'basic'; username: string; password: string }
  | {
      type: 'oauth';
      username: string;
      accessToken?: string;
      token?: () => Promise<string>;
    };

/** Where and how an {@link ImapFetcher} connects. */
export interface ImapConnectionOptions {
  host: string;
  port: number;
  security: MailSecurity;
  auth: ImapFetcherAuth;
  /** Extra CA certificates (PEM) besides Node's default store. */
  ca?: string[];
  /** TCP plus TLS plus greeting; default 30 s. */
  connectTimeoutMs?: number;
  /** Silence after which a command counts as lost; default 90 s. IDLE is kept alive by imapflow. */
  socketTimeoutMs?: number;
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'ETIMEOUT',
  'NoConnection',
  'EConnectionClosed',
]);

/** A new, unconnected imapflow client: one per connection, never reused after close. */
export function createImapClient(options: ImapConnectionOptions): ImapFlow {
  const { auth } = options;
  if (auth.type === 'oauth' && !auth.accessToken) {
    throw new MailFetchError(
      'auth',
      'The mailbox has no OAuth access token yet: complete the OAuth sign-in for this incoming server',
    );
  }
  const connectMs = options.connectTimeoutMs ?? 30_000;
  return new ImapFlow({
    host: options.host,
    port: options.port,
    secure: options.security === 'ssl',
    // true makes STARTTLS mandatory; false never sends it.
    doSTARTTLS: options.security === 'starttls',
    servername: net.isIP(options.host) ? undefined : options.host,
    tls: trustedTls(options.ca),
    auth:
      auth.type === 'oauth'
        ? { user: auth.username, accessToken: auth.accessToken }
        : { user: auth.username, pass: auth.password },
    logger: false,
    // IDLE only when the runner asks for it, so it never lands between commands.
    disableAutoIdle: true,
    connectionTimeout: connectMs,
    greetingTimeout: Math.min(16_000, connectMs),
    socketTimeout: options.socketTimeoutMs ?? 90_000,
  });
}

/** What imapflow threw, as a mailbox-level failure the health card can show. */
export function toMailFetchError(error: unknown): MailFetchError {
  if (error instanceof MailFetchError) return error;
  const e = (error ?? {}) as {
    code?: string;
    authenticationFailed?: boolean;
    responseText?: string;
    message?: string;
  };
  const text = e.responseText || e.message || String(error);
  if (e.authenticationFailed) {
    return new MailFetchError('auth', `Sign-in refused: ${text}`);
  }
  if (e.code && (CONNECT_CODES.has(e.code) || /^ERR_(SSL|TLS)_/.test(e.code))) {
    return new MailFetchError('connection', `${e.code}: ${text}`);
  }
  if (/certificate|self[- ]signed/i.test(text)) {
    return new MailFetchError('connection', text);
  }
  return new MailFetchError('protocol', text);
}
