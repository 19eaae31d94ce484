import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { GraphMailbox } from './graphMailbox';
import { graphError, routeMailbox } from './graphRoutes';
import { fetchTrustingCa } from './httpsFetch';
import { LOOPBACK } from './ports';
import type { TestBed } from './testBed';

/** A message the Graph stand-in accepted through sendMail. */
export interface GraphSentMessage {
  /** The mailbox in the URL (`/users/{mailbox}/sendMail`). */
  mailbox: string;
  /** The decoded MIME message. */
  raw: Buffer;
  /** The bearer token it came with. */
  token: string;
}

/** Options of {@link startGraphPeer}. */
export interface GraphPeerOptions {
  tls: { certPem: string; keyPem: string };
  /** Whether a bearer token is valid (e.g. issued by the test bed's OAuth server). */
  acceptToken(token: string): boolean | Promise<boolean>;
  /** Items per page of a delta listing; default 10. */
  pageSize?: number;
}

/**
 * A local HTTPS stand-in for Microsoft Graph (not Microsoft's service): it
 * answers the documented request and response shapes of the calls the
 * emails channel makes, from an in-memory mailbox per user.
 */
export interface GraphPeer {
  /** `https://127.0.0.1:<port>`: the Graph Endpoint to configure. */
  endpoint: string;
  readonly sent: readonly GraphSentMessage[];
  /** The mailbox of a user (`...@localhost`), created on first use. */
  mailbox(user: string): GraphMailbox;
  /** The next `count` requests answer 429 with `Retry-After: seconds`. */
  throttle(count: number, retryAfterSeconds: number): void;
  /** Mailboxes the token may not send as answer 403 ErrorAccessDenied. */
  denySendAs(mailbox: string): void;
  /** Mailboxes the token may not read answer 403 ErrorAccessDenied. */
  denyRead(mailbox: string): void;
  /** Every delta token issued so far answers 410 SyncStateNotFound. */
  expireDeltaTokens(): void;
  /** Requests so far, as `METHOD path`, oldest first. */
  readonly requests: readonly string[];
  stop(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const USER_PATH = /^\/v1\.0\/users\/([^/?]+)(\/[^?]*)?/;
// Only these mailboxes exist in the stand-in's tenant (others answer 404).
const KNOWN = /@localhost$/;

function sendMail(
  res: ServerResponse,
  body: Buffer,
  contentType: string,
): Buffer | undefined {
  // MIME sendMail: Content-Type text/plain, the message base64-encoded.
  const text = body.toString('ascii').replace(/\s+/g, '');
  if (!/^text\/plain/.test(contentType) || !/^[A-Za-z0-9+/]+=*$/.test(text)) {
    graphError(
      res,
      400,
      'ErrorMimeContentInvalidBase64String',
      'Invalid base64 string for MIME content.',
    );
    return undefined;
  }
  res.writeHead(202);
  res.end();
  return Buffer.from(text, 'base64');
}

/** Starts the Graph stand-in on a free loopback port. */
export async function startGraphPeer(
  options: GraphPeerOptions,
): Promise<GraphPeer> {
  const sent: GraphSentMessage[] = [];
  const requests: string[] = [];
  const mailboxes = new Map<string, GraphMailbox>();
  const denied = new Set<string>();
  const unreadable = new Set<string>();
  let throttled = 0;
  let retryAfter = 1;
  let endpoint = '';
  const mailboxOf = (user: string) => {
    const key = user.toLowerCase();
    if (!mailboxes.has(key)) mailboxes.set(key, new GraphMailbox());
    return mailboxes.get(key)!;
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await bodyOf(req);
    const url = new URL(req.url ?? '/', 'https://graph.local');
    requests.push(`${req.method} ${url.pathname}`);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !(await options.acceptToken(token))) {
      graphError(
        res,
        401,
        'InvalidAuthenticationToken',
        'Access token is empty or invalid.',
      );
      return;
    }
    if (throttled > 0) {
      throttled -= 1;
      graphError(
        res,
        429,
        'ApplicationThrottled',
        'Application is over its MailboxConcurrency limit.',
        {
          'Retry-After': String(retryAfter),
        },
      );
      return;
    }
    const user = USER_PATH.exec(url.pathname);
    const mailbox = user ? decodeURIComponent(user[1]).toLowerCase() : '';
    const path = user?.[2] ?? '';
    if (!user || !KNOWN.test(mailbox)) {
      graphError(
        res,
        404,
        'ErrorInvalidUser',
        `The requested user '${mailbox}' is invalid.`,
      );
      return;
    }
    if (req.method === 'POST' && path === '/sendMail') {
      if (denied.has(mailbox)) {
        graphError(
          res,
          403,
          'ErrorAccessDenied',
          'Access is denied. Check credentials and try again.',
        );
        return;
      }
      const raw = sendMail(res, body, req.headers['content-type'] ?? '');
      if (raw) sent.push({ mailbox, raw, token });
      return;
    }
    if (unreadable.has(mailbox)) {
      graphError(
        res,
        403,
        'ErrorAccessDenied',
        'Access is denied. Check credentials and try again.',
      );
      return;
    }
    const routed = routeMailbox(
      {
        method: req.method ?? 'GET',
        path,
        query: url.searchParams,
        body,
        mailbox: mailboxOf(mailbox),
        base: `${endpoint}/v1.0/users/${encodeURIComponent(mailbox)}`,
        pageSize: options.pageSize ?? 10,
      },
      res,
    );
    if (!routed) {
      graphError(
        res,
        404,
        'ResourceNotFound',
        `Resource not found for the segment '${path}'.`,
      );
    }
  }

  const server = https.createServer(
    { cert: options.tls.certPem, key: options.tls.keyPem },
    (req, res) => {
      handle(req, res).catch(error =>
        graphError(res, 500, 'generalException', String(error)),
      );
    },
  );
  await new Promise<void>(resolve => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as AddressInfo;
  endpoint = `https://${LOOPBACK}:${port}`;
  return {
    endpoint,
    get sent() {
      return sent;
    },
    get requests() {
      return requests;
    },
    mailbox: mailboxOf,
    throttle(count, seconds) {
      throttled = count;
      retryAfter = seconds;
    },
    denySendAs(mailbox) {
      denied.add(mailbox.toLowerCase());
    },
    denyRead(mailbox) {
      unreadable.add(mailbox.toLowerCase());
    },
    expireDeltaTokens() {
      for (const box of mailboxes.values())
        box.expiredBefore = box.position + 1;
    },
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A Graph stand-in that accepts the tokens of a test bed's OAuth server, checked by introspection as Dovecot checks them. */
export async function startBedGraphPeer(
  bed: Pick<TestBed, 'caPem' | 'certificates' | 'oauth'>,
  options: { pageSize?: number } = {},
): Promise<GraphPeer> {
  const introspect = fetchTrustingCa(bed.caPem);
  return startGraphPeer({
    tls: { certPem: bed.certificates.certPem, keyPem: bed.certificates.keyPem },
    pageSize: options.pageSize,
    acceptToken: async token => {
      const response = await introspect(bed.oauth.introspectionUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `token=${encodeURIComponent(token)}`,
      });
      return ((await response.json()) as { active?: boolean }).active === true;
    },
  });
}
