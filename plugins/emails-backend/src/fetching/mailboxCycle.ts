import { FolderSnapshot } from '../mail/MailFetcher';
import { finishImport, planCursor } from './cursorPlan';
import {
  BATCH_BYTES,
  BATCH_MESSAGES,
  BatchProgress,
  handleBatch,
} from './messageBatch';
import { MessageContext, MessageResult } from './messageHandler';

/** How one listing-and-handling cycle ended. */
export type CycleResult =
  /** Every new message was handled. */
  | 'caught-up'
  /** The run's time budget ran out between messages; the next run goes on. */
  | 'budget-spent'
  | Exclude<MessageResult, 'handled'>;

/** A cycle's context: a message's plus the run's budget. */
export interface CycleContext extends MessageContext {
  deadline: number;
}

async function startProgress(ctx: CycleContext, fresh: boolean) {
  if (fresh) {
    await ctx.health.setImportProgress(ctx.settings.serverId, {
      done: 0,
      total: 0,
    });
    return 0;
  }
  const health = await ctx.health.get('incoming', ctx.settings.serverId);
  return health.importProgress?.done ?? 0;
}

function describeStart(started: string, snapshot: FolderSnapshot): string {
  switch (started) {
    case 'only-new-mail':
      return `first connection: only mail arriving from now on (after UID ${
        snapshot.nextUid - 1
      })`;
    case 'import':
      return 'first connection: importing existing mail';
    default:
      return `UIDVALIDITY changed to ${snapshot.validity}: re-syncing unseen mail received since the last completed listing`;
  }
}

/**
 * Opens the folder, settles the cursor (first connection, UIDVALIDITY
 * change), lists what is new and handles it in UID order, a batch at a
 * time (bounded by count and bytes). Import progress (done / total) and the
 * mail still waiting on the server are kept on the health row for the
 * server card.
 */
export async function runCycle(ctx: CycleContext): Promise<CycleResult> {
  const { settings, fetcher } = ctx;
  const startedAt = new Date();
  const snapshot = await fetcher.open(settings.folders.inbox);
  const plan = await planCursor(ctx.cursors, settings, snapshot, startedAt);
  if (plan.started) {
    ctx.logger.info(
      `Incoming server ${settings.name}, folder ${
        snapshot.folder
      }: ${describeStart(plan.started, snapshot)}`,
    );
  }
  const refs = await fetcher.listNew(snapshot.folder, plan.filter);
  let done = plan.importing ? await startProgress(ctx, !!plan.started) : 0;
  let handled = 0;
  const progress = (more: number): BatchProgress => {
    const waitingOnServer = refs.length - handled - more;
    if (!plan.importing) return { waitingOnServer };
    return {
      waitingOnServer,
      importProgress: {
        done: done + more,
        total: done + more + waitingOnServer,
      },
    };
  };
  if (refs.length === 0) await ctx.health.caughtUp(settings.serverId);
  else await ctx.health.listed(settings.serverId, progress(0));
  while (handled < refs.length) {
    if (Date.now() >= ctx.deadline) return 'budget-spent';
    const next = refs.slice(handled, handled + BATCH_MESSAGES);
    const fetched = await fetcher.fetchMany(next, { maxBytes: BATCH_BYTES });
    // The contract says at least one; without it this loop would never end.
    if (fetched.length === 0) throw new Error('fetchMany answered no message');
    const batch = await handleBatch(ctx, fetched, progress);
    handled += batch.handled;
    done += batch.handled;
    if (batch.last) plan.cursor.lastUid = batch.last.uid;
    if (batch.result !== 'handled') return batch.result;
  }
  if (plan.importing) {
    await finishImport(ctx.cursors, plan.cursor, snapshot);
    ctx.logger.info(
      `Incoming server ${settings.name}: import finished, ${done} messages`,
    );
  }
  await ctx.cursors.markSynced(settings.serverId, snapshot.folder, startedAt);
  return 'caught-up';
}
