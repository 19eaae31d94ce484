/** A folder as it was when it was opened. */
export interface FolderSnapshot {
  folder: string;
  /** IMAP UIDVALIDITY as text: when it changes, every UID of the folder changed meaning. */
  validity: string;
  /** The UID the next message will get (IMAP UIDNEXT). */
  nextUid: number;
  /** Messages in the folder. */
  count: number;
}

/** One message of a folder, pinned by UIDVALIDITY and UID. */
export interface MessageRef {
  folder: string;
  validity: string;
  uid: number;
  /** When the mail server received it (IMAP INTERNALDATE), when listed with a date filter. */
  receivedAt?: Date;
  /** The message's idempotency key on its server when the protocol has its own (POP3: the UIDL). */
  sourceId?: string;
}

/** Which messages {@link MailFetcher.listNew} returns. */
export interface ListFilter {
  /** Only UIDs above this one. */
  afterUid: number;
  /** Only messages received on or after this time. */
  receivedSince?: Date;
  /** Only messages without \Seen. */
  unseenOnly?: boolean;
}

/** The raw message, or its header block when it is larger than the fetcher's limit. */
export interface RawMessage {
  raw: Buffer;
  /** Size on the server in bytes. */
  size: number;
  /** True when `raw` holds only the header block. */
  headersOnly: boolean;
}

/** What happens to a handled message on the mail server. */
export type MailboxMark = { type: 'move'; folder: string } | { type: 'seen' };

/** One message of a batch and its bytes; `message` is undefined when it is gone from the server. */
export interface FetchedMessage {
  ref: MessageRef;
  message?: RawMessage;
}

/** A handled message and what happens to it on the mail server. */
export interface MarkRequest {
  ref: MessageRef;
  mark: MailboxMark;
}

/** Why {@link MailFetcher.waitForNewMail} returned. */
export type WaitResult = 'new-mail' | 'timeout' | 'aborted' | 'closed';

/** What went wrong talking to a mailbox, as health reports it. */
export type MailFetchErrorKind =
  | 'auth'
  | 'connection'
  | 'validity-changed'
  | 'protocol';

/** A mailbox-level failure; message-level problems are the pipeline's. */
export class MailFetchError extends Error {
  constructor(readonly kind: MailFetchErrorKind, message: string) {
    super(message);
    this.name = 'MailFetchError';
  }
}

/**
 * The one interface every inbound protocol implements. A fetcher is one
 * connection: connect once, use, close; build a new one to reconnect.
 * Nothing here changes a message except {@link MailFetcher.mark}, which the
 * caller uses only after the message is recorded.
 */
export interface MailFetcher {
  /** Connects and signs in; rejects with MailFetchError. */
  connect(): Promise<void>;
  /** Opens a folder and reports its UIDVALIDITY and next UID. */
  open(folder: string): Promise<FolderSnapshot>;
  /** Messages of a folder matching the filter, oldest UID first. */
  listNew(folder: string, filter: ListFilter): Promise<MessageRef[]>;
  /** The raw RFC 822 bytes, read without setting \Seen; undefined when the message is gone. */
  fetchRaw(ref: MessageRef): Promise<RawMessage | undefined>;
  /** Moves the message to a folder (created when missing) or flags it \Seen. */
  mark(ref: MessageRef, mark: MailboxMark): Promise<void>;
  /**
   * Reads a batch of messages of one folder (as fetchRaw, in the order
   * given): the longest leading run of `refs` whose bytes stay within
   * `maxBytes`, and always at least the first. The caller asks again for
   * the rest.
   */
  fetchMany(
    refs: readonly MessageRef[],
    limit: { maxBytes: number },
  ): Promise<FetchedMessage[]>;
  /** Files a batch of handled messages, as mark does for one. */
  markMany(marks: readonly MarkRequest[]): Promise<void>;
  /** Waits until new mail arrives in the folder, `maxWaitMs` passes, the signal aborts or the connection closes. */
  waitForNewMail(
    folder: string,
    options: { signal: AbortSignal; maxWaitMs: number },
  ): Promise<WaitResult>;
  /** Signs out and closes; never throws. */
  close(): Promise<void>;
}

/**
 * The batch operations for drivers whose protocol has no batch commands
 * (POP3, EWS, Graph): one message at a time through fetchRaw and mark.
 */
export abstract class OneByOneFetcher
  implements Pick<MailFetcher, 'fetchMany' | 'markMany'>
{
  abstract fetchRaw(ref: MessageRef): Promise<RawMessage | undefined>;
  abstract mark(ref: MessageRef, mark: MailboxMark): Promise<void>;

  async fetchMany(
    refs: readonly MessageRef[],
    limit: { maxBytes: number },
  ): Promise<FetchedMessage[]> {
    const fetched: FetchedMessage[] = [];
    let bytes = 0;
    for (const ref of refs) {
      if (fetched.length > 0 && bytes >= limit.maxBytes) break;
      const message = await this.fetchRaw(ref);
      bytes += message?.raw.length ?? 0;
      fetched.push({ ref, message });
    }
    return fetched;
  }

  async markMany(marks: readonly MarkRequest[]): Promise<void> {
    for (const { ref, mark } of marks) await this.mark(ref, mark);
  }
}
