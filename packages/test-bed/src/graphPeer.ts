import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { LOOPBACK } from './ports';

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
  /** The next `count` requests answer 429 with `Retry-After: seconds`. */
  throttle(count: number, retryAfterSeconds: number): void;
  /** Mailboxes the token may not send as answer 403 ErrorAccessDenied. */
  denySendAs(mailbox: string): void;
  /** Mailboxes the token may not read answer 403 ErrorAccessDenied. */
  denyRead(mailbox: string): void;
  stop(): Promise<void>;
}

function graphError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { code, message } }));
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const SEND_MAIL = /^\/v1\.0\/users\/([^/]+)\/sendMail$/;
const INBOX = /^\/v1\.0\/users\/([^/]+)\/mailFolders\/inbox$/;
// Only these mailboxes exist in the stand-in's tenant (others answer 404).
const KNOWN = /@localhost$/;

/** Starts the Graph stand-in on a free loopback port. */
export async function startGraphPeer(
  options: GraphPeerOptions,
): Promise<GraphPeer> {
  const sent: GraphSentMessage[] = [];
  const denied = new Set<string>();
  const unreadable = new Set<string>();
  let throttled = 0;
  let retryAfter = 1;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await bodyOf(req);
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
    const inbox = INBOX.exec(req.url ?? '');
    if (req.method === 'GET' && inbox) {
      const mailbox = decodeURIComponent(inbox[1]).toLowerCase();
      if (!KNOWN.test(mailbox)) {
        graphError(
          res,
          404,
          'ErrorInvalidUser',
          `The requested user '${mailbox}' is invalid.`,
        );
      } else if (unreadable.has(mailbox)) {
        graphError(
          res,
          403,
          'ErrorAccessDenied',
          'Access is denied. Check credentials and try again.',
        );
      } else {
        const count = sent.filter(m => m.mailbox === mailbox).length;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'AAMkInbox',
            displayName: 'Inbox',
            totalItemCount: count,
            unreadItemCount: 0,
          }),
        );
      }
      return;
    }
    const send = SEND_MAIL.exec(req.url ?? '');
    if (req.method !== 'POST' || !send) {
      graphError(
        res,
        404,
        'ResourceNotFound',
        `Resource not found for the segment '${req.url}'.`,
      );
      return;
    }
    const mailbox = decodeURIComponent(send[1]).toLowerCase();
    if (denied.has(mailbox)) {
      graphError(
        res,
        403,
        'ErrorAccessDenied',
        'Access is denied. Check credentials and try again.',
      );
      return;
    }
    // MIME sendMail: Content-Type text/plain, the message base64-encoded.
    const text = body.toString('ascii').replace(/\s+/g, '');
    if (
      !/^text\/plain/.test(req.headers['content-type'] ?? '') ||
      !/^[A-Za-z0-9+/]+=*$/.test(text)
    ) {
      graphError(
        res,
        400,
        'ErrorMimeContentInvalidBase64String',
        'Invalid base64 string for MIME content.',
      );
      return;
    }
    sent.push({ mailbox, raw: Buffer.from(text, 'base64'), token });
    res.writeHead(202);
    res.end();
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
  return {
    endpoint: `https://${LOOPBACK}:${port}`,
    get sent() {
      return sent;
    },
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
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
