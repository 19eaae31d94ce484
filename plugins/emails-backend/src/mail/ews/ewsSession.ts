import https from 'node:https';
import { XhrApi } from '@ewsjs/xhr';
import {
  ConnectingIdType,
  ExchangeCredentials,
  ExchangeService,
  ExchangeVersion,
  FolderId,
  ImpersonatedUserId,
  IXHROptions,
  Mailbox,
  OAuthCredentials,
  Uri,
  WellKnownFolderName,
} from 'ews-javascript-api';
import { SecretRedactor } from '../secrets';
import { ewsProblem, EwsProblem } from './ewsProblem';
import { GuardedXhr } from './guardedXhr';
import { ntlmAuthProvider } from './ntlmAuth';

/** How an EWS account signs in: Basic, NTLM (v2), or an OAuth access token. */
export type EwsAuth =
  | { type: 'basic' | 'ntlm'; username: string; password: string }
  | { type: 'oauth'; token: () => Promise<string> };

/** One mailbox on an EWS endpoint. */
export interface EwsTarget {
  /** `https://<host>/EWS/Exchange.asmx`. */
  url: string;
  /** The SMTP address of the mailbox (the server's email). */
  mailbox: string;
  auth: EwsAuth;
  /**
   * Act as the mailbox through Exchange impersonation (ExchangeImpersonation
   * header; app-only tokens need it). Otherwise the account opens the
   * mailbox by address, which needs delegate access when it is another's.
   */
  impersonate: boolean;
  /** CAs trusted besides the system's. */
  ca?: string[];
  timeoutMs?: number;
}

/** Raised when an EWS call fails for good, with what the server said. */
export class EwsCallError extends Error {
  constructor(readonly what: string, readonly problem: EwsProblem) {
    super(`EWS ${what} failed: ${problem.text}`);
    this.name = 'EwsCallError';
  }
}

/** Credentials that set one Authorization header, or none (NTLM signs requests itself). */
class HeaderCredentials extends ExchangeCredentials {
  constructor(private readonly header?: string) {
    super();
  }

  PrepareWebRequest(request: IXHROptions): void {
    if (this.header)
      request.headers = { ...request.headers, Authorization: this.header };
  }
}

const BUSY_RETRIES = 3;
const MAX_BACK_OFF_MS = 60_000;

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Calls EWS for one mailbox through ews-javascript-api: the credentials of
 * the server (a fresh OAuth token per session, renewed once when refused),
 * impersonation or delegate access, our trusted CAs (also for NTLM), and
 * ErrorServerBusy retried after the back-off Exchange asks for.
 */
export class EwsSession {
  private service?: ExchangeService;
  /** What the library reports is masked before ewsProblem cuts it. */
  private readonly redactor: SecretRedactor;

  constructor(
    readonly target: EwsTarget,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    const { auth } = target;
    this.redactor =
      auth.type === 'oauth'
        ? new SecretRedactor()
        : new SecretRedactor([auth.password], auth.username);
  }

  /** A well-known folder of the mailbox, addressed by its SMTP address. */
  folderId(name: WellKnownFolderName): FolderId {
    return new FolderId(name, new Mailbox(this.target.mailbox));
  }

  /** Runs a call; rejects with EwsCallError naming `what`. */
  async call<T>(
    what: string,
    run: (service: ExchangeService) => Promise<T>,
  ): Promise<T> {
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      let problem: EwsProblem;
      try {
        return await this.bounded(what, run(await this.connected()));
      } catch (error) {
        if (error instanceof EwsCallError) throw error;
        problem = ewsProblem(this.redactor.error(error));
      }
      if (
        problem.status === 401 &&
        this.target.auth.type === 'oauth' &&
        !renewed
      ) {
        renewed = true;
        this.service = undefined;
        continue;
      }
      if (problem.code === 'ErrorServerBusy' && attempt < BUSY_RETRIES) {
        await this.wait(Math.min(problem.backOffMs ?? 1000, MAX_BACK_OFF_MS));
        continue;
      }
      throw new EwsCallError(what, problem);
    }
  }

  /** The library has no deadline of its own for a server that never answers. */
  private bounded<T>(what: string, call: Promise<T>): Promise<T> {
    const ms = this.target.timeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new EwsCallError(what, {
              text: `no answer within ${Math.round(ms / 1000)} s`,
            }),
          ),
        ms,
      );
    });
    return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
  }

  private async connected(): Promise<ExchangeService> {
    if (this.service) return this.service;
    const { target } = this;
    const service = new ExchangeService(ExchangeVersion.Exchange2010_SP2);
    service.Url = new Uri(target.url);
    service.Timeout = target.timeoutMs ?? 60_000;
    const agent = new https.Agent({ keepAlive: true, ca: target.ca });
    const xhr = new XhrApi({ httpsAgent: agent } as any);
    const { auth } = target;
    if (auth.type === 'oauth') {
      let token: string;
      try {
        token = await auth.token();
      } catch (error) {
        throw new EwsCallError('sign-in', {
          status: 401,
          text: `no OAuth token: ${(error as Error).message}`,
        });
      }
      this.redactor.learn(token);
      // Verbatim: not every provider's token is a JWT, which the library expects.
      service.Credentials = new OAuthCredentials(token, true);
    } else if (auth.type === 'ntlm') {
      // The NTLM provider signs each request on its own connection.
      service.Credentials = new HeaderCredentials();
      xhr.setAuthProvider(
        ntlmAuthProvider({
          ...auth,
          ca: target.ca,
          timeoutMs: target.timeoutMs,
        }),
      );
    } else {
      // UTF-8, as Exchange and IIS read it (the library's btoa takes Latin-1 only).
      const pair = Buffer.from(`${auth.username}:${auth.password}`, 'utf8');
      service.Credentials = new HeaderCredentials(
        `Basic ${pair.toString('base64')}`,
      );
    }
    service.XHRApi = new GuardedXhr(xhr);
    if (target.impersonate) {
      service.ImpersonatedUserId = new ImpersonatedUserId(
        ConnectingIdType.SmtpAddress,
        target.mailbox,
      );
    }
    // Exchange Online routes a request to the mailbox's server by this header.
    service.HttpHeaders.Add('X-AnchorMailbox', target.mailbox);
    this.service = service;
    return service;
  }
}
