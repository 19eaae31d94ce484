import { FetchedMessage, MarkRequest, MessageRef } from '../mail/MailFetcher';
import {
  ErrorTally,
  handleMessage,
  MessageContext,
  MessageResult,
} from './messageHandler';

/** At most this many messages are fetched, handled and filed together. */
export const BATCH_MESSAGES = 50;
/**
 * At most this many bytes of whole messages are fetched together (the first
 * message of a batch always is), so a batch's memory stays bounded.
 */
export const BATCH_BYTES = 16 * 1024 * 1024;

/** A batch's context: a message's plus the run's budget. */
export interface BatchContext extends MessageContext {
  deadline: number;
}

/** How a batch ended: every message handled, or where it stopped and why. */
export interface BatchResult {
  result: MessageResult | 'budget-spent';
  /** How many of the batch's messages were handled, from its start. */
  handled: number;
  /** The last handled message: the cursor is past it. */
  last?: MessageRef;
}

/** What the batch leaves on the health row besides the error count. */
export interface BatchProgress {
  /** Listed messages not handled after this batch. */
  waitingOnServer: number;
  importProgress?: { done: number; total: number };
}

/** Handles the fetched messages in order until one stops the run; collects their marks. */
async function handleInOrder(
  ctx: BatchContext,
  fetched: readonly FetchedMessage[],
  tally: ErrorTally,
): Promise<BatchResult & { marks: MarkRequest[] }> {
  const marks: MarkRequest[] = [];
  let handled = 0;
  for (const item of fetched) {
    if (Date.now() >= ctx.deadline) {
      return { result: 'budget-spent', handled, marks };
    }
    if (ctx.signal.aborted) return { result: 'aborted', handled, marks };
    const { result, done, mark } = await handleMessage(ctx, item, tally);
    if (mark) marks.push({ ref: item.ref, mark });
    if (done) handled++;
    if (result !== 'handled') return { result, handled, marks };
  }
  return { result: 'handled', handled, marks };
}

/**
 * Handles a fetched batch, then files it in order: the marks of the handled
 * messages in one call, the cursor once past the last of them, then the
 * error count, the mail still waiting and the import progress in one write.
 * A message that stops the run ends the batch there; the ones before it are
 * filed all the same, and it comes again next run.
 */
export async function handleBatch(
  ctx: BatchContext,
  fetched: readonly FetchedMessage[],
  progress: (handled: number) => BatchProgress,
): Promise<BatchResult> {
  const { settings } = ctx;
  const tally: ErrorTally = {
    errors: await ctx.health.messageErrors(settings.serverId),
  };
  const { result, handled, marks } = await handleInOrder(ctx, fetched, tally);
  const last = handled > 0 ? fetched[handled - 1].ref : undefined;
  if (marks.length > 0) await ctx.fetcher.markMany(marks);
  if (last) {
    await ctx.cursors.advance(
      settings.serverId,
      last.folder,
      last.validity,
      last.uid,
    );
  }
  const paused = await ctx.health.recordBatch(settings.serverId, {
    messageErrors: tally.errors,
    pauseReason: tally.pauseReason,
    ...progress(handled),
  });
  if (paused) {
    ctx.logger.warn(
      `Incoming server ${settings.name} paused: ${tally.pauseReason}`,
    );
  }
  return { result, handled, last };
}
