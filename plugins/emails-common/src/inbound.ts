/** What happened to an inbound message (API.md's processing log statuses). */
export type InboundStatus =
  | 'received'
  | 'ticketed'
  | 'appended'
  | 'ignored'
  | 'rejected'
  | 'failed'
  | 'quarantined'
  | 'duplicate';

/** One decision of the pipeline, in the message's decision trace. */
export interface TraceEntry {
  /** The pipeline step: record, parse, classify, filter, rules, thread, ticket, acknowledge, or a processor name. */
  step: string;
  at: string;
  /** What the step decided, in a few words (e.g. "allowed", "ignored: sender in Ignore list"). */
  decision: string;
  detail?: Record<string, unknown>;
}

/** A message in the processing log. */
export interface InboundMessage {
  id: string;
  serverId: string;
  serverName?: string;
  /** Where it came from on the mail server, e.g. `imap:INBOX:1700000000:42` or `push:<id>`. */
  sourceId: string;
  receivedAt: string;
  processedAt?: string;
  status: InboundStatus;
  /** Why it was ignored, rejected, quarantined or failed. */
  reason?: string;
  messageId?: string;
  subject?: string;
  from?: string;
  sizeBytes: number;
  ticketId?: string;
  attempts: number;
}

/** What a replay of a processed message did (POST /messages/:id/replay). */
export interface MessageReplay {
  /** `created` a ticket, `appended` to one, `reopened` a closed one by appending, or `none`. */
  action: 'created' | 'appended' | 'reopened' | 'none';
  /** The processing-log status before and after. */
  previousStatus: InboundStatus;
  status: InboundStatus;
  ticketId?: string;
  /** The internal note that tells the ticket's technicians, when there is a ticket. */
  noteEntryId?: string;
  /** One line in words, as the note says it. */
  summary: string;
}

/** A message with its decision trace, as GET /messages/:id returns it. */
export interface InboundMessageDetail extends InboundMessage {
  trace: TraceEntry[];
  to: string[];
  cc: string[];
  attachments: { filename: string; contentType: string; sizeBytes: number }[];
}

/** A page of a list, with the cursor of the next page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
