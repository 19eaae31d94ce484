import {
  FolderSnapshot,
  ListFilter,
  MailboxMark,
  MailFetcher,
  OneByOneFetcher,
  MailFetchError,
  MessageRef,
  RawMessage,
  WaitResult,
} from '../MailFetcher';
import { MailTarget } from '../types';
import { Pop3Session } from './pop3Session';

/** The one folder a POP3 maildrop has. */
export const POP3_FOLDER = 'INBOX';
/** POP3 has no UIDVALIDITY: its numbers (UIDLs) never change meaning. */
const POP3_VALIDITY = 'pop3';
// The server's size is an estimate (line ends, dot-stuffing): allow some slack.
const slack = (bytes: number) => Math.ceil(bytes * 1.1) + 64 * 1024;

/** Where and how a {@link Pop3Fetcher} connects, and what it does after a message was handled. */
export interface Pop3FetcherOptions {
  serverId: string;
  /** Where and how to sign in; an OAuth token is asked for per connection. */
  target: Omit<MailTarget, 'auth'>;
  auth:
    | { type: 'basic'; username: string; password: string }
    | { type: 'oauth'; username: string; token?: () => Promise<string> };
  /** Numbers for UIDLs (MessageNumberStore), so the folder cursor works as for IMAP. */
  uids: {
    assign(
      serverId: string,
      uidls: readonly string[],
    ): Promise<Map<string, number>>;
  };
  /** "Delete after fetch": delete each handled message; otherwise keep it on the server. */
  deleteAfterFetch: boolean;
  ca?: string[];
  /** Larger messages are recorded from their headers; default 50 MiB. */
  maxMessageBytes?: number;
  /** Bound of one session; default 10 minutes. */
  sessionMs?: number;
}

/**
 * The POP3 MailFetcher. UIDL is the cursor: each UIDL gets a number that
 * only grows (MessageNumberStore), and a message's idempotency key is its UIDL.
 * POP3 has one folder and no flags, so handling a message either deletes
 * it (committed at QUIT, after the record was committed) or leaves it.
 */
export class Pop3Fetcher extends OneByOneFetcher implements MailFetcher {
  private session?: Pop3Session;
  private byUid = new Map<number, { number: number; uidl: string }>();

  constructor(private readonly options: Pop3FetcherOptions) {
    super();
  }

  async connect(): Promise<void> {
    if (this.session) throw new Error('A Pop3Fetcher connects once');
    this.session = await Pop3Session.open(await this.target(), {
      ca: this.options.ca,
      sessionMs: this.options.sessionMs ?? 10 * 60_000,
    });
  }

  async open(folder: string): Promise<FolderSnapshot> {
    if (folder.toUpperCase() !== POP3_FOLDER) {
      throw new MailFetchError(
        'protocol',
        `POP3 has only the inbox; folder "${folder}" does not exist there`,
      );
    }
    const listing = await this.live().uidl();
    const numbers = await this.options.uids.assign(
      this.options.serverId,
      listing.map(m => m.uidl),
    );
    this.byUid = new Map(listing.map(m => [numbers.get(m.uidl)!, m] as const));
    const highest = Math.max(0, ...numbers.values());
    return {
      folder: POP3_FOLDER,
      validity: POP3_VALIDITY,
      nextUid: highest + 1,
      count: listing.length,
    };
  }

  /** POP3 keeps no dates or flags: an import takes every message of the maildrop. */
  async listNew(folder: string, filter: ListFilter): Promise<MessageRef[]> {
    return [...this.byUid.entries()]
      .filter(([uid]) => uid > filter.afterUid)
      .sort(([a], [b]) => a - b)
      .map(([uid, m]) => ({
        folder,
        validity: POP3_VALIDITY,
        uid,
        sourceId: `pop3:${m.uidl}`,
      }));
  }

  async fetchRaw(ref: MessageRef): Promise<RawMessage | undefined> {
    const message = this.byUid.get(ref.uid);
    if (!message) return undefined;
    const session = this.live();
    const size = await session.size(message.number);
    const limit = this.options.maxMessageBytes ?? 50 * 1024 * 1024;
    if (size > limit) {
      return {
        raw: await session.headers(message.number),
        size,
        headersOnly: true,
      };
    }
    const raw = await session.retrieve(message.number, slack(limit));
    return { raw, size: size || raw.length, headersOnly: false };
  }

  /** Deletes after fetch when configured; POP3 has no folders or flags to set otherwise. */
  async mark(ref: MessageRef, _mark: MailboxMark): Promise<void> {
    const message = this.byUid.get(ref.uid);
    if (message && this.options.deleteAfterFetch) {
      await this.live().delete(message.number);
    }
  }

  /** POP3 cannot announce new mail: the scheduled poll fetches it. */
  async waitForNewMail(): Promise<WaitResult> {
    return 'timeout';
  }

  async close(): Promise<void> {
    await this.session?.quit();
  }

  private live(): Pop3Session {
    if (!this.session)
      throw new MailFetchError('connection', 'POP3: not connected');
    return this.session;
  }

  private async target(): Promise<MailTarget> {
    const { auth, target } = this.options;
    if (auth.type === 'basic') return { ...target, auth };
    if (!auth.token) {
      throw new MailFetchError(
        'auth',
        'The mailbox has no OAuth access token yet: complete the OAuth sign-in for this incoming server',
      );
    }
    try {
      const accessToken = await auth.token();
      return {
        ...target,
        auth: { type: 'oauth', username: auth.username, accessToken },
      };
    } catch (error) {
      throw new MailFetchError('auth', (error as Error).message);
    }
  }
}
