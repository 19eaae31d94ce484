import { MailServerRecord, OutboundMessage } from '../database';
import { usesOAuth } from '../oauth/clientSettings';
import { OAuthFetch } from '../oauth/http';
import { createEwsTransport } from './ews/ewsTransport';
import { createGraphTransport } from './graph/graphTransport';
import { SendRedaction } from './sendRedaction';
import { bytesToSend } from './sentBytes';
import { OutboundProxy, SmtpTransportCache } from './smtpTransport';

/** An outgoing server with its secrets, as the worker reads it once per run. */
export interface ServerWithSecrets {
  record: MailServerRecord;
  secrets: { password?: string; clientSecret?: string };
}

/** What {@link OutboundTransports} needs besides the server. */
export interface OutboundTransportsOptions {
  /** Opens a proxy with its password, for servers that use one. */
  proxyFor?: (proxyId: string) => Promise<OutboundProxy>;
  trustedCertificates?: string[];
  /** Access tokens of OAuth outgoing servers; without it they cannot sign in. */
  oauthToken?: (
    serverId: string,
    renew: boolean,
  ) => Promise<{ token: string; expiresAt?: Date }>;
  transports?: SmtpTransportCache;
  /** HTTPS for Microsoft Graph outgoing servers (trusting emails.tls.trustedCertificates). */
  graphFetch?: OAuthFetch;
  connectionTimeoutMs?: number;
}

/**
 * The pooled transports of the outgoing servers (SMTP, Microsoft Graph, EWS)
 * and the one send through them, its error stripped of every secret.
 */
export class OutboundTransports {
  private readonly smtp: SmtpTransportCache;
  private readonly graph: SmtpTransportCache;
  private readonly ews: SmtpTransportCache;
  private readonly redaction = new SendRedaction();

  constructor(private readonly options: OutboundTransportsOptions) {
    this.smtp = options.transports ?? new SmtpTransportCache();
    this.graph = new SmtpTransportCache(input =>
      createGraphTransport({
        record: input.record,
        token: input.oauthToken ?? noToken,
        fetch: options.graphFetch ?? fetch,
      }),
    );
    this.ews = new SmtpTransportCache(input =>
      createEwsTransport({
        record: input.record,
        password: input.secrets.password,
        token: input.oauthToken,
        ca: input.trustedCertificates,
        timeoutMs: input.connectionTimeoutMs,
      }),
    );
  }

  /** Sends `message` through the server; answers the refused recipients. */
  async send(
    server: MailServerRecord,
    message: OutboundMessage,
    withSecrets: (id: string) => Promise<ServerWithSecrets>,
    retried = false,
  ): Promise<string[]> {
    if (!['smtp', 'graph', 'ews'].includes(server.protocol)) {
      // A server this worker cannot speak to: the primary takes the message.
      throw Object.assign(
        new Error(
          `Outgoing server "${server.name}" uses ${server.protocol}; only SMTP, EWS and Microsoft Graph servers send mail`,
        ),
        { code: 'EPROTOCOL' },
      );
    }
    const { record, secrets } = await withSecrets(server.id);
    const { proxyFor, oauthToken } = this.options;
    const proxy =
      record.proxyId && proxyFor ? await proxyFor(record.proxyId) : undefined;
    const caches: Record<string, SmtpTransportCache> = {
      graph: this.graph,
      ews: this.ews,
    };
    const cache = caches[record.protocol] ?? this.smtp;
    const transport = cache.get({
      record,
      secrets,
      proxy,
      oauthToken:
        usesOAuth(record) && oauthToken
          ? this.redaction.remembering(record, renew =>
              oauthToken(record.id, renew),
            )
          : undefined,
      trustedCertificates: this.options.trustedCertificates,
      connectionTimeoutMs: this.options.connectionTimeoutMs,
    });
    try {
      const info = await transport.sendMail({
        envelope: {
          from: record.email,
          to: [...message.to, ...message.cc, ...message.bcc],
        },
        raw: bytesToSend(message, record),
      });
      return (info.rejected ?? []).map(String);
    } catch (error) {
      // Another send found the server failing and closed the pool this one
      // waited in: try once more on a fresh pool, so what it says is the server's.
      if (
        !retried &&
        !cache.holds(record.id, transport) &&
        closedUnder(error)
      ) {
        return this.send(server, message, withSecrets, true);
      }
      // A server's refusal may repeat the password or token, also in base64.
      throw this.redaction.error(error, record, secrets, proxy?.password);
    }
  }

  /** Closes the pools of one server, e.g. after it failed. */
  evict(serverId: string): void {
    this.smtp.evict(serverId);
    this.graph.evict(serverId);
    this.ews.evict(serverId);
  }

  /** Closes every pool. */
  closeAll(): void {
    this.smtp.closeAll();
    this.graph.closeAll();
    this.ews.closeAll();
  }
}

/** The pool closed under a send that had not reached the server yet. */
function closedUnder(error: unknown): boolean {
  const e = error as { code?: string; responseCode?: number } | undefined;
  return !!e && typeof e === 'object' && !e.code && !e.responseCode;
}

async function noToken(): Promise<{ token: string }> {
  throw new Error('no OAuth token source for Microsoft Graph');
}
