import { createTransport, Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import * as socks from 'socks';
import { MailServerRecord } from '../database';
import { XOAUTH2_METHOD, xoauth2Handler } from './smtpXoauth2';

/** A proxy the outgoing server connects through, password already opened. */
export interface OutboundProxy {
  protocol: 'http' | 'socks5';
  host: string;
  port: number;
  username?: string;
  password?: string;
}

/** Everything needed to open an SMTP transport for one outgoing server. */
export interface SmtpTransportInput {
  record: MailServerRecord;
  secrets: { password?: string };
  proxy?: OutboundProxy;
  /**
   * For OAuth servers: a fresh access token (XOAUTH2); `renew` is true when
   * the server refused the last one.
   */
  oauthToken?: (renew: boolean) => Promise<{ token: string; expiresAt?: Date }>;
  /** Extra CA certificates (PEM), `emails.tls.trustedCertificates`. */
  trustedCertificates?: string[];
  /** The SOCKS client for socks5 proxies; the `socks` package unless a test gives another. */
  socksModule?: unknown;
  connectionTimeoutMs?: number;
  /** Upper bound for one whole SMTP conversation step (greeting, commands). */
  socketTimeoutMs?: number;
}

/** The SMTP part of an outgoing server's settings. */
export interface SmtpSettings {
  host: string;
  port: number;
  security: 'none' | 'ssl' | 'starttls';
  authNeeded?: boolean;
  authType?: string;
  username?: string;
  senderName?: string;
  replyTo?: string;
}

/** Reads the SMTP settings of an outgoing server record. */
export function smtpSettings(record: MailServerRecord): SmtpSettings {
  const s = record.settings as Partial<SmtpSettings>;
  if (!s.host || !s.port) {
    throw new Error(`Outgoing server "${record.name}" has no host or port`);
  }
  return { security: 'starttls', ...s } as SmtpSettings;
}

/** Connections of one outgoing server's pool: the worker sends that many messages at once. */
export const SMTP_POOL_CONNECTIONS = 2;

/** nodemailer options for one outgoing server: security, auth, CA, pool, timeouts. */
export function smtpTransportOptions(
  input: SmtpTransportInput,
): SMTPPool.Options {
  const s = smtpSettings(input.record);
  const connectionTimeout = input.connectionTimeoutMs ?? 15_000;
  const ca = input.trustedCertificates?.length
    ? input.trustedCertificates
    : undefined;
  return {
    pool: true,
    maxConnections: SMTP_POOL_CONNECTIONS,
    maxMessages: 100,
    host: s.host,
    port: Number(s.port),
    // 'ssl' is implicit TLS; 'starttls' refuses to go on in the clear;
    // 'none' does not even try STARTTLS, as the administrator chose.
    secure: s.security === 'ssl',
    requireTLS: s.security === 'starttls',
    ignoreTLS: s.security === 'none',
    tls: ca ? { ca } : {},
    auth: authOf(s, input),
    customAuth: input.oauthToken
      ? {
          [XOAUTH2_METHOD]: xoauth2Handler(
            s.username || input.record.email,
            input.oauthToken,
          ),
        }
      : undefined,
    proxy: input.proxy ? proxyUrl(input.proxy) : undefined,
    connectionTimeout,
    greetingTimeout: connectionTimeout,
    socketTimeout: input.socketTimeoutMs ?? 60_000,
    logger: false,
  };
}

function authOf(s: SmtpSettings, input: SmtpTransportInput) {
  // "Authentication Needed" off: send without AUTH even if a password is stored.
  if (s.authNeeded === false) return undefined;
  const user = s.username || input.record.email;
  if (input.oauthToken) {
    // Signed in by the XOAUTH2 handler of smtpXoauth2.ts (customAuth below).
    return {
      type: 'custom' as const,
      method: XOAUTH2_METHOD,
      user,
      pass: 'oauth',
    };
  }
  return { user, pass: input.secrets.password ?? '' };
}

function proxyUrl(proxy: OutboundProxy): string {
  const url = new URL(`${proxy.protocol}://${proxy.host}:${proxy.port}`);
  if (proxy.username) {
    url.username = proxy.username;
    url.password = proxy.password ?? '';
  }
  return url.toString();
}

/** Opens a pooled nodemailer transport for one outgoing server. */
export function createSmtpTransport(input: SmtpTransportInput): Transporter {
  const transport = createTransport(smtpTransportOptions(input));
  if (input.proxy?.protocol === 'socks5') {
    transport.set('proxy_socks_module', input.socksModule ?? socks);
  }
  return transport;
}

/**
 * Pooled transports per outgoing server; a server whose version changed gets a
 * new transport and the old pool is closed.
 */
export class SmtpTransportCache {
  private readonly entries = new Map<
    string,
    { version: number; transport: Transporter }
  >();

  constructor(
    private readonly open: (
      input: SmtpTransportInput,
    ) => Transporter = createSmtpTransport,
  ) {}

  /** The transport of this server version, opened on first use. */
  get(input: SmtpTransportInput): Transporter {
    const { id, version } = input.record;
    const entry = this.entries.get(id);
    if (entry && entry.version === version) return entry.transport;
    entry?.transport.close();
    const transport = this.open(input);
    this.entries.set(id, { version, transport });
    return transport;
  }

  /** Whether `transport` is still the open pool of the server (not evicted since). */
  holds(serverId: string, transport: Transporter): boolean {
    return this.entries.get(serverId)?.transport === transport;
  }

  /** Closes the pool of one server, e.g. after it failed or was deleted. */
  evict(serverId: string): void {
    this.entries.get(serverId)?.transport.close();
    this.entries.delete(serverId);
  }

  /** Closes every pool. */
  closeAll(): void {
    for (const id of [...this.entries.keys()]) this.evict(id);
  }
}
