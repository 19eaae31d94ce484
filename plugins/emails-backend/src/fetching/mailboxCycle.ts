import { FolderSnapshot } from '../mail/MailFetcher';
import { finishImport, planCursor } from './cursorPlan';
import { handleMessage, MessageContext, MessageResult } from './messageHandler';

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
 * change), lists what is new and handles it in UID order. Import progress
 * (done / total) is kept on the health row for the server card.
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
  const progress = () =>
    ctx.health.setImportProgress(settings.serverId, {
      done,
      total: done + refs.length - handled,
    });
  if (plan.importing) await progress();
  for (const ref of refs) {
    if (Date.now() >= ctx.deadline) return 'budget-spent';
    const result = await handleMessage(ctx, ref);
    if (result !== 'handled') return result;
    plan.cursor.lastUid = ref.uid;
    handled++;
    if (plan.importing) {
      done++;
      await progress();
    }
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
