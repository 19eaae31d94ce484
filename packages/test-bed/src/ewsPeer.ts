import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { TestUser } from './dovecotConfig';
import {
  EwsAuthenticator,
  EwsAuthScheme,
  EwsTokenInfo,
  NtlmHandshake,
  writeUnauthorized,
} from './ewsAuth';
import { dispatch } from './ewsDispatch';
import type { EwsMailbox } from './ewsMailbox';
import { soapFault } from './ewsSoap';
import { EwsSentMessage, EwsState } from './ewsState';
import { parseSoap } from './ewsXml';
import { fetchTrustingCa } from './httpsFetch';
import { LOOPBACK } from './ports';
import type { TestBed } from './testBed';

export type { EwsSentMessage } from './ewsState';
export type { EwsAuthScheme, EwsTokenInfo, NtlmHandshake } from './ewsAuth';

/** Options of {@link startEwsPeer}. */
export interface EwsPeerOptions {
  tls: { certPem: string; keyPem: string };
  /** Accounts for Basic and NTLM, like the bed's Dovecot users. */
  users?: readonly TestUser[];
  /** Checks a bearer token (e.g. by the bed's introspection); without it Bearer is refused. */
  acceptToken?(token: string): EwsTokenInfo | Promise<EwsTokenInfo>;
  /** NetBIOS domain of the NTLM challenge and realm of Basic; default `LOCALHOST`. */
  domain?: string;
}

/** One SOAP request the stand-in answered, as {@link EwsPeer.requestLog} lists it. */
export interface EwsRequestRecord {
  /** The operation element's name (`SyncFolderItems`); `Invalid` when the body is not SOAP. */
  operation: string;
  scheme: EwsAuthScheme;
  /** The account that signed in, when it did (`app` for app-only tokens). */
  account?: string;
  /** The ExchangeImpersonation address, when the request had the header. */
  impersonated?: string;
  /** HTTP status of the answer. */
  status: number;
}

/**
 * A local HTTPS stand-in for Exchange Web Services, not Microsoft's server:
 * it answers the documented EWS SOAP shapes (Exchange 2013+) of the calls
 * ews-javascript-api makes for folders, sync, items, sending and pull
 * notifications, from an in-memory mailbox per SMTP address (`...@localhost`).
 */
export interface EwsPeer {
  /** `https://127.0.0.1:<port>/EWS/Exchange.asmx`: the EWS URL to configure. */
  url: string;
  /** Messages sent so far (CreateItem SendOnly / SendAndSaveCopy), oldest first. */
  readonly sent: readonly EwsSentMessage[];
  /** SOAP requests so far as `<Operation> <scheme>` (`SyncFolderItems Basic`), oldest first; NTLM's negotiation GETs are not listed. */
  readonly requests: readonly string[];
  /** The same requests with account, impersonated address and status. */
  readonly requestLog: readonly EwsRequestRecord[];
  /** For each NTLM sign-in, whether the type 3 came on the connection that got the challenge. */
  readonly ntlmHandshakes: readonly NtlmHandshake[];
  /** The mailbox of an address, created on first use. */
  mailbox(address: string): EwsMailbox;
  /** The next `count` authenticated requests answer ErrorServerBusy (SOAP fault, HTTP 500) with this BackOffMilliseconds. */
  busy(count: number, backOffMilliseconds: number): void;
  /** Every sync state issued so far answers ErrorInvalidSyncStateData. */
  expireSyncStates(): void;
  /** Every call on this mailbox answers ErrorAccessDenied, whoever asks. */
  denyAccess(mailbox: string): void;
  /** Sending from this mailbox answers ErrorSendAsDenied. */
  denySend(mailbox: string): void;
  /** Gives `account` delegate (full) access to `mailbox`: it may open it by address. */
  grantDelegate(mailbox: string, account: string): void;
  /** Lets `account` impersonate every mailbox (ApplicationImpersonation); `'app'` for app-only tokens. */
  grantImpersonation(account: string): void;
  stop(): Promise<void>;
}

const EWS_PATH = '/EWS/Exchange.asmx';

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the EWS stand-in on a free loopback port. */
export async function startEwsPeer(options: EwsPeerOptions): Promise<EwsPeer> {
  const state = new EwsState();
  const domain = options.domain ?? 'LOCALHOST';
  const authenticator = new EwsAuthenticator(
    options.users ?? [],
    options.acceptToken,
    domain,
  );
  const log: EwsRequestRecord[] = [];
  let busyLeft = 0;
  let backOff = 0;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await bodyOf(req);
    const path = new URL(req.url ?? '/', 'https://ews.local').pathname;
    if (path.toLowerCase() !== EWS_PATH.toLowerCase()) {
      res.writeHead(404, { 'Content-Length': '0' });
      res.end();
      return;
    }
    const post = req.method === 'POST';
    const soap = post ? parseSoap(body.toString('utf8')) : undefined;
    const auth = await authenticator.authenticate(req);
    const record: EwsRequestRecord = {
      operation: soap?.name ?? 'Invalid',
      scheme: auth.scheme,
      account: auth.ok ? auth.account : undefined,
      impersonated: soap?.impersonate,
      status: 401,
    };
    if (post) log.push(record);
    if (!auth.ok) {
      writeUnauthorized(res, auth, domain);
      return;
    }
    const answer = (status: number, xml: string) => {
      record.status = status;
      res.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(xml);
    };
    if (!post) {
      record.status = 200;
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('A local stand-in for Exchange Web Services: POST SOAP here.');
      return;
    }
    if (busyLeft > 0) {
      busyLeft -= 1;
      answer(
        500,
        soapFault(
          'ErrorServerBusy',
          'The server cannot service this request right now. Try again later.',
          { BackOffMilliseconds: String(backOff) },
        ),
      );
      return;
    }
    const { status, xml } = dispatch(state, soap, auth);
    answer(status, xml);
  }

  const server = https.createServer(
    { cert: options.tls.certPem, key: options.tls.keyPem },
    (req, res) => {
      handle(req, res).catch(error => {
        if (res.headersSent) return;
        res.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8' });
        res.end(soapFault('ErrorInternalServerError', String(error)));
      });
    },
  );
  await new Promise<void>(resolve => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as AddressInfo;
  const lower = (address: string) => address.toLowerCase();
  return {
    url: `https://${LOOPBACK}:${port}${EWS_PATH}`,
    get sent() {
      return state.sent;
    },
    get requests() {
      return log.map(r => `${r.operation} ${r.scheme}`);
    },
    get requestLog() {
      return log;
    },
    get ntlmHandshakes() {
      return authenticator.handshakes;
    },
    mailbox: address => state.mailbox(address),
    busy(count, backOffMilliseconds) {
      busyLeft = count;
      backOff = backOffMilliseconds;
    },
    expireSyncStates: () => state.syncStates.expire(),
    denyAccess: mailbox => {
      state.denied.add(lower(mailbox));
    },
    denySend: mailbox => {
      state.sendDenied.add(lower(mailbox));
    },
    grantDelegate(mailbox, account) {
      const key = lower(mailbox);
      if (!state.delegates.has(key)) state.delegates.set(key, new Set());
      state.delegates.get(key)!.add(lower(account));
    },
    grantImpersonation: account => {
      state.impersonators.add(lower(account));
    },
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * An EWS stand-in with the bed's certificate and users (Basic and NTLM), and
 * bearer tokens checked by the bed's OAuth introspection. Introspection
 * names the client as `username` for client-credentials tokens (their `sub`
 * is the client id) and gives them no `email`: those are app-only.
 */
export async function startBedEwsPeer(
  bed: Pick<TestBed, 'caPem' | 'certificates' | 'oauth' | 'users'>,
  options: { users?: readonly TestUser[]; domain?: string } = {},
): Promise<EwsPeer> {
  const introspect = fetchTrustingCa(bed.caPem);
  return startEwsPeer({
    tls: { certPem: bed.certificates.certPem, keyPem: bed.certificates.keyPem },
    users: options.users ?? bed.users,
    domain: options.domain,
    acceptToken: async token => {
      const response = await introspect(bed.oauth.introspectionUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `token=${encodeURIComponent(token)}`,
      });
      const claims = (await response.json()) as Record<string, unknown>;
      const active = claims.active === true;
      const appOnly =
        active && claims.email === undefined && claims.client_id !== undefined;
      const username =
        typeof claims.username === 'string' ? claims.username : undefined;
      return { active, appOnly, username: appOnly ? undefined : username };
    },
  });
}
