import { LoggerService } from '@backstage/backend-plugin-api';
import { InboundStatus } from '@internal/plugin-emails-common';
import { MailboxCursorStore, ServerHealthStore } from '../database';
import { Disposition, Ingest, IngestOutcome } from '../ingest/types';
import {
  FetchedMessage,
  MailboxMark,
  MailFetcher,
  MessageRef,
} from '../mail/MailFetcher';
import { MailboxSettings } from './mailboxSettings';

/** What handling one message led to. */
export type MessageResult =
  /** Recorded and processed; its batch marks it and moves the cursor past it. */
  | 'handled'
  /** The run was aborted between steps; the message comes again next run. */
  | 'aborted'
  /** The pipeline threw; the cursor stays, so the message comes again. */
  | 'retry-later'
  /** This message made the errors reach the threshold; fetching is paused. */
  | 'paused';

/** What a message needs to be handled. */
export interface MessageContext {
  settings: MailboxSettings;
  fetcher: MailFetcher;
  ingest: Ingest;
  cursors: MailboxCursorStore;
  health: ServerHealthStore;
  logger: LoggerService;
  signal: AbortSignal;
}

// Statuses that count towards errorThreshold; anything else resets the count.
const MESSAGE_ERRORS: ReadonlySet<InboundStatus> = new Set<InboundStatus>([
  'failed',
  'quarantined',
]);

/** The idempotency key of a message on its server: the protocol's own, or IMAP's folder, UIDVALIDITY and UID. */
export function imapSourceId(ref: MessageRef): string {
  return ref.sourceId ?? `imap:${ref.folder}:${ref.validity}:${ref.uid}`;
}

/** Success, fail or exclusion folder when configured (seed 004), else \Seen. */
export function markFor(
  disposition: Disposition,
  settings: MailboxSettings,
): MailboxMark {
  const folder = settings.folders[disposition];
  // Moving into the folder being read would bring the message back as new.
  if (!folder || folder === settings.folders.inbox) return { type: 'seen' };
  return { type: 'move', folder };
}

/** Records then processes; only the pipeline's own failure is caught here. */
async function recordAndProcess(
  ctx: MessageContext,
  ref: MessageRef,
  raw: Buffer,
): Promise<IngestOutcome | 'aborted' | Error> {
  try {
    const source = {
      serverId: ctx.settings.serverId,
      sourceId: imapSourceId(ref),
    };
    const recorded = await ctx.ingest.record(source, raw);
    // Committed: from here a crash re-fetches the UID and record answers the same id.
    if (ctx.signal.aborted) return 'aborted';
    return await ctx.ingest.process(recorded.id, { raw });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * The consecutive message errors while a batch is handled: read once at
 * the batch's start, stored once at its end.
 */
export interface ErrorTally {
  errors: number;
  /** Set by the message that reached errorThreshold. */
  pauseReason?: string;
}

/** Adds the message's result to the tally; true when it reached errorThreshold. */
function count(
  ctx: MessageContext,
  tally: ErrorTally,
  error: boolean,
  reason: string,
): boolean {
  const threshold = ctx.settings.errorThreshold;
  tally.errors = error ? tally.errors + 1 : 0;
  if (tally.errors < threshold) return false;
  tally.pauseReason = `Fetching paused after ${threshold} consecutive message errors (last: ${reason}). Fix the cause, then resume fetching.`;
  return true;
}

/** What handling one fetched message led to, and how to file it on the server. */
export interface HandledMessage {
  result: MessageResult;
  /** True when the cursor may move past the message (its mark, if any, flushed first). */
  done: boolean;
  mark?: MailboxMark;
}

/**
 * One fetched message, in the order that makes a crash anywhere harmless:
 * record (committed), then process. Filing it on the server and moving the
 * cursor are the batch's, after this answers (mark before cursor).
 */
export async function handleMessage(
  ctx: MessageContext,
  fetched: FetchedMessage,
  tally: ErrorTally,
): Promise<HandledMessage> {
  const { settings } = ctx;
  const { ref, message } = fetched;
  // Expunged since it was listed (another client): nothing to record.
  if (!message) return { result: 'handled', done: true };
  if (message.headersOnly) {
    ctx.logger.warn(
      `Message ${imapSourceId(ref)} of ${settings.name} is ${
        message.size
      } bytes, above emails.fetching.maxMessageSizeMb: recorded from its headers only`,
    );
  }
  const outcome = await recordAndProcess(ctx, ref, message.raw);
  if (outcome === 'aborted') return { result: 'aborted', done: false };
  if (outcome instanceof Error) {
    ctx.logger.error(
      `Message ${imapSourceId(ref)} of ${settings.name} could not be handled: ${
        outcome.message
      }`,
    );
    const paused = count(ctx, tally, true, outcome.message);
    return { result: paused ? 'paused' : 'retry-later', done: false };
  }
  if (ctx.signal.aborted) return { result: 'aborted', done: false };
  const mark = markFor(outcome.disposition, settings);
  const error = MESSAGE_ERRORS.has(outcome.status);
  const paused = count(ctx, tally, error, outcome.reason ?? outcome.status);
  return { result: paused ? 'paused' : 'handled', done: true, mark };
}
