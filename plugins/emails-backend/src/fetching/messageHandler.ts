import { LoggerService } from '@backstage/backend-plugin-api';
import { InboundStatus } from '@internal/plugin-emails-common';
import { MailboxCursorStore, ServerHealthStore } from '../database';
import { Disposition, Ingest, IngestOutcome } from '../ingest/types';
import { MailboxMark, MailFetcher, MessageRef } from '../mail/MailFetcher';
import { MailboxSettings } from './mailboxSettings';

/** What handling one message led to. */
export type MessageResult =
  /** Recorded, processed, marked and the cursor moved past it. */
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
    return await ctx.ingest.process(recorded.id);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Adds the message's result to the consecutive-error count; true when that paused the server. */
async function count(
  ctx: MessageContext,
  error: boolean,
  reason: string,
): Promise<boolean> {
  const threshold = ctx.settings.errorThreshold;
  const { paused } = await ctx.health.countMessage(ctx.settings.serverId, {
    error,
    threshold,
    pauseReason: `Fetching paused after ${threshold} consecutive message errors (last: ${reason}). Fix the cause, then resume fetching.`,
  });
  if (paused) {
    ctx.logger.warn(
      `Incoming server ${ctx.settings.name} paused after ${threshold} consecutive message errors; last: ${reason}`,
    );
  }
  return paused;
}

/**
 * One message, in the order that makes a crash anywhere harmless: fetch,
 * record (committed), process, move or flag on the server, then advance the
 * cursor. Mailbox failures (fetch, mark) throw MailFetchError to the caller.
 */
export async function handleMessage(
  ctx: MessageContext,
  ref: MessageRef,
): Promise<MessageResult> {
  const { settings } = ctx;
  const advance = () =>
    ctx.cursors.advance(settings.serverId, ref.folder, ref.validity, ref.uid);
  const fetched = await ctx.fetcher.fetchRaw(ref);
  if (!fetched) {
    // Expunged since it was listed (another client): nothing to record.
    await advance();
    return 'handled';
  }
  if (fetched.headersOnly) {
    ctx.logger.warn(
      `Message ${imapSourceId(ref)} of ${settings.name} is ${
        fetched.size
      } bytes, above emails.fetching.maxMessageSizeMb: recorded from its headers only`,
    );
  }
  const outcome = await recordAndProcess(ctx, ref, fetched.raw);
  if (outcome === 'aborted') return 'aborted';
  if (outcome instanceof Error) {
    ctx.logger.error(
      `Message ${imapSourceId(ref)} of ${settings.name} could not be handled: ${
        outcome.message
      }`,
    );
    return (await count(ctx, true, outcome.message)) ? 'paused' : 'retry-later';
  }
  if (ctx.signal.aborted) return 'aborted';
  await ctx.fetcher.mark(ref, markFor(outcome.disposition, settings));
  await advance();
  const error = MESSAGE_ERRORS.has(outcome.status);
  const paused = await count(ctx, error, outcome.reason ?? outcome.status);
  return paused ? 'paused' : 'handled';
}
