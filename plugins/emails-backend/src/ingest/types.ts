import { InboundStatus } from '@internal/plugin-emails-common';

/** Where a message came from: the incoming server and its id there. */
export interface MessageSource {
  serverId: string;
  /**
   * The message's stable id on the mail server, unique per server:
   * `imap:<folder>:<uidvalidity>:<uid>`, `pop3:<uidl>`, `push:<sha256 of the bytes>`.
   * With the server id it is the idempotency key.
   */
  sourceId: string;
}

/** The answer of {@link Ingest.record}. */
export interface RecordResult {
  /** The processing-log id of the message. */
  id: string;
  /** False when this source was recorded before (a re-fetch after a crash, say). */
  isNew: boolean;
  status: InboundStatus;
}

/** Where a processed message goes on the mail server (seed 004's folder mapping). */
export type Disposition = 'success' | 'fail' | 'exclusion';

/** The answer of {@link Ingest.process}. */
export interface IngestOutcome {
  id: string;
  status: InboundStatus;
  reason?: string;
  ticketId?: string;
  disposition: Disposition;
}

/**
 * The inbound pipeline as mail drivers see it. A driver records a message
 * (committed before it returns), then processes it, then moves or flags it on
 * the mail server. Both calls are safe to repeat after a crash at any point:
 * recording the same source again returns the same id, and processing a
 * message that already made its ticket makes no second one.
 */
export interface Ingest {
  record(source: MessageSource, raw: Buffer): Promise<RecordResult>;
  process(id: string, options?: ProcessOptions): Promise<IngestOutcome>;
}

/** What the caller of {@link Ingest.process} may already hold. */
export interface ProcessOptions {
  /**
   * The bytes just given to `record`, so they are not read back from the
   * database; they must be the recorded message's own bytes.
   */
  raw?: Buffer;
}
