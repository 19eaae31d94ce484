import { ImapFlow } from 'imapflow';
import {
  FetchedMessage,
  FolderSnapshot,
  ListFilter,
  MailboxMark,
  MailFetcher,
  MailFetchError,
  MarkRequest,
  MessageRef,
  RawMessage,
  WaitResult,
} from '../MailFetcher';
import {
  createImapClient,
  ImapConnectionOptions,
  toMailFetchError,
} from './imapClient';
import { SecretRedactor } from '../secrets';
import { idleUntilWoken, NewMailWatch } from './imapIdle';
import { toSequenceSet } from './sequenceSet';
import { markBatch, readBatch } from './imapBatch';

/** Options of an {@link ImapFetcher}. */
export interface ImapFetcherOptions extends ImapConnectionOptions {
  /** Larger messages are fetched as their header block only; default 50 MiB. */
  maxMessageBytes?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The folder of a batch: a batch never spans folders (one lock, one UIDVALIDITY). */
function oneFolder(refs: readonly MessageRef[]): string {
  const folder = refs[0].folder;
  if (refs.some(r => r.folder !== folder)) {
    throw new Error('A batch of messages spans more than one folder');
  }
  return folder;
}

/**
 * The IMAP MailFetcher, on imapflow: one client per connection, listeners
 * before connect, every mailbox use under getMailboxLock. Reads with
 * BODY.PEEK so fetching never sets \Seen; only mark() and markMany() change
 * a message. A batch costs a fixed number of commands, not a few per message.
 */
export class ImapFetcher implements MailFetcher {
  private client?: ImapFlow;
  private readonly watch = new NewMailWatch();
  private readonly knownFolders = new Set<string>();
  private lastError?: Error;
  /** Every error leaves this fetcher with the password or token masked. */
  private readonly redactor: SecretRedactor;

  constructor(private readonly options: ImapFetcherOptions) {
    const { auth } = options;
    this.redactor = new SecretRedactor(
      [auth.type === 'basic' ? auth.password : auth.accessToken],
      auth.username,
    );
  }

  async connect(): Promise<void> {
    if (this.client) throw new Error('An ImapFetcher connects once');
    const client = createImapClient(await this.withFreshToken());
    this.client = client;
    // Without an error listener a dropped socket would crash the process.
    client.on('error', error => {
      this.lastError = error;
    });
    client.on('close', () => undefined);
    client.on('exists', (data: { count: number; prevCount: number }) => {
      if (data.count > data.prevCount) this.watch.announce();
    });
    try {
      await client.connect();
    } catch (error) {
      throw this.failure(error);
    }
  }

  /** The options with a fresh OAuth access token for this connection. */
  private async withFreshToken(): Promise<ImapFetcherOptions> {
    const { auth } = this.options;
    if (auth.type !== 'oauth' || !auth.token) return this.options;
    let accessToken: string;
    try {
      accessToken = await auth.token();
    } catch (error) {
      // The token source says why (expired sign-in, revoked consent, ...).
      throw new MailFetchError('auth', (error as Error).message);
    }
    this.redactor.learn(accessToken);
    return { ...this.options, auth: { ...auth, accessToken } };
  }

  async open(folder: string): Promise<FolderSnapshot> {
    return this.locked(folder, async client => {
      const box = client.mailbox;
      if (!box) throw new MailFetchError('protocol', `${folder} did not open`);
      return {
        folder,
        validity: String(box.uidValidity),
        nextUid: Number(box.uidNext),
        count: box.exists,
      };
    });
  }

  async listNew(folder: string, filter: ListFilter): Promise<MessageRef[]> {
    return this.locked(folder, async (client, validity) => {
      this.watch.reset();
      if (!client.mailbox || client.mailbox.exists === 0) return [];
      const query: Record<string, unknown> = {
        uid: `${filter.afterUid + 1}:*`,
      };
      // SEARCH SINCE has day granularity in the server's time zone; the exact
      // INTERNALDATE check follows.
      if (filter.receivedSince) {
        query.since = new Date(filter.receivedSince.getTime() - DAY_MS);
      }
      if (filter.unseenOnly) query.seen = false;
      const found = await client.search(query, { uid: true });
      // "n:*" names the last message even when its UID is below n.
      const uids = (found || []).filter(uid => uid > filter.afterUid);
      uids.sort((a, b) => a - b);
      if (!filter.receivedSince || uids.length === 0) {
        return uids.map(uid => ({ folder, validity, uid }));
      }
      return this.receivedSince(client, folder, validity, uids, filter);
    });
  }

  async fetchRaw(ref: MessageRef): Promise<RawMessage | undefined> {
    const [fetched] = await this.fetchMany([ref], { maxBytes: Infinity });
    return fetched?.message;
  }

  async fetchMany(
    refs: readonly MessageRef[],
    limit: { maxBytes: number },
  ): Promise<FetchedMessage[]> {
    if (refs.length === 0) return [];
    return this.locked(oneFolder(refs), async client => {
      for (const ref of refs) this.checkValidity(client, ref);
      return readBatch(client, refs, {
        maxBytes: limit.maxBytes,
        maxMessageBytes: this.options.maxMessageBytes ?? 50 * 1024 * 1024,
      });
    });
  }

  async mark(ref: MessageRef, mark: MailboxMark): Promise<void> {
    await this.markMany([{ ref, mark }]);
  }

  async markMany(marks: readonly MarkRequest[]): Promise<void> {
    if (marks.length === 0) return;
    await this.locked(oneFolder(marks.map(m => m.ref)), async client => {
      for (const { ref } of marks) this.checkValidity(client, ref);
      await markBatch(client, marks, folder =>
        this.ensureFolder(client, folder),
      );
    });
  }

  async waitForNewMail(
    folder: string,
    options: { signal: AbortSignal; maxWaitMs: number },
  ): Promise<WaitResult> {
    const client = this.connected();
    if (!client.usable) return 'closed';
    try {
      const lock = await client.getMailboxLock(folder);
      try {
        return await idleUntilWoken(client, this.watch, options);
      } finally {
        lock.release();
      }
    } catch (error) {
      throw this.failure(error, client);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    if (!client) return;
    if (client.usable) {
      // LOGOUT is polite but must not keep a shutting-down run waiting.
      await Promise.race([
        client.logout().catch(() => undefined),
        new Promise(resolve => setTimeout(resolve, 2_000).unref()),
      ]);
    }
    client.close();
  }

  /** Runs `work` with the folder selected and locked; errors become MailFetchError. */
  private async locked<T>(
    folder: string,
    work: (client: ImapFlow, validity: string) => Promise<T>,
  ): Promise<T> {
    const client = this.connected();
    try {
      const lock = await client.getMailboxLock(folder);
      try {
        return await work(
          client,
          String(client.mailbox && client.mailbox.uidValidity),
        );
      } finally {
        lock.release();
      }
    } catch (error) {
      throw this.failure(error, client);
    }
  }

  /**
   * What went wrong as a MailFetchError with the secrets masked; on a dead
   * connection the socket's own error says more than the failed command.
   */
  private failure(error: unknown, client?: ImapFlow): MailFetchError {
    const cause =
      client && this.lastError && !client.usable ? this.lastError : error;
    return toMailFetchError(this.redactor.error(cause));
  }

  private connected(): ImapFlow {
    if (!this.client) throw new Error('ImapFetcher used before connect()');
    return this.client;
  }

  /** A UID means another message after a UIDVALIDITY change: never act on a stale one. */
  private checkValidity(client: ImapFlow, ref: MessageRef) {
    const now = String(client.mailbox && client.mailbox.uidValidity);
    if (now !== ref.validity) {
      throw new MailFetchError(
        'validity-changed',
        `UIDVALIDITY of ${ref.folder} changed from ${ref.validity} to ${now}`,
      );
    }
  }

  private async ensureFolder(client: ImapFlow, folder: string) {
    if (this.knownFolders.has(folder)) return;
    // Answers created: false when the folder exists (ALREADYEXISTS).
    await client.mailboxCreate(folder);
    this.knownFolders.add(folder);
  }

  private async receivedSince(
    client: ImapFlow,
    folder: string,
    validity: string,
    uids: number[],
    filter: ListFilter,
  ): Promise<MessageRef[]> {
    const since = filter.receivedSince!.getTime();
    const refs: MessageRef[] = [];
    for await (const m of client.fetch(
      toSequenceSet(uids),
      { uid: true, internalDate: true },
      { uid: true },
    )) {
      const receivedAt = m.internalDate ? new Date(m.internalDate) : undefined;
      if (receivedAt && receivedAt.getTime() >= since) {
        refs.push({ folder, validity, uid: m.uid, receivedAt });
      }
    }
    return refs.sort((a, b) => a.uid - b.uid);
  }
}
