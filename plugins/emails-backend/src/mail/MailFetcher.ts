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
  /** Waits until new mail arrives in the folder, `maxWaitMs` passes, the signal aborts or the connection closes. */
  waitForNewMail(
    folder: string,
    options: { signal: AbortSignal; maxWaitMs: number },
  ): Promise<WaitResult>;
  /** Signs out and closes; never throws. */
  close(): Promise<void>;
}
