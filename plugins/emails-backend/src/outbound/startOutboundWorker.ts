import {
  LifecycleService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { OutboundRunResult, OutboundWorker } from './OutboundWorker';
import { OutboundWaker } from './OutboundWaker';

/** The scheduler task id of the outbound sender. */
export const OUTBOUND_TASK_ID = 'emails:outbound:send';

/** How long one drain keeps claiming full batches: below the task's 5 min timeout. */
const DRAIN_BUDGET_MS = 4 * 60_000;

/**
 * Runs the outbound worker as a global scheduler task (the safety net: a
 * crashed replica's messages are requeued by the next run) and returns the
 * waker that sends at once when a message is queued. Both drain the queue:
 * full batches are followed by the next one, so a burst is not sent 20 per run.
 */
export async function startOutboundWorker(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  worker: OutboundWorker;
  lifecycle?: LifecycleService;
  schedule?: Partial<SchedulerServiceTaskScheduleDefinition>;
}): Promise<OutboundWaker> {
  const { scheduler, worker } = options;
  const logger = options.logger.child({ task: OUTBOUND_TASK_ID });
  const waker = new OutboundWaker(
    signal => drainOutbound(worker, signal, DRAIN_BUDGET_MS, logger),
    error => logger.error('Outbound run failed', error as Error),
  );
  options.lifecycle?.addShutdownHook(async () => {
    await waker.stop();
    worker.close();
  });
  await scheduler.scheduleTask({
    id: OUTBOUND_TASK_ID,
    scope: 'global',
    frequency: { seconds: 5 },
    // Below the worker's stale limit (10 min), so a slow run is never requeued under it.
    timeout: { minutes: 5 },
    initialDelay: { seconds: 5 },
    ...options.schedule,
    fn: signal => waker.trigger(signal),
  });
  return waker;
}

/** Runs the worker until a run claims less than a full batch, the budget ends or the signal aborts. */
export async function drainOutbound(
  worker: OutboundWorker,
  signal: AbortSignal,
  budgetMs: number,
  logger: LoggerService,
): Promise<OutboundRunResult> {
  const until = Date.now() + budgetMs;
  const total: OutboundRunResult = { sent: 0, retrying: 0, failed: 0 };
  try {
    while (!signal.aborted) {
      const result = await worker.runOnce(new Date(), signal);
      total.sent += result.sent;
      total.retrying += result.retrying;
      total.failed += result.failed;
      const handled = result.sent + result.retrying + result.failed;
      if (handled < worker.batchSize || Date.now() >= until) break;
    }
  } finally {
    if (total.sent + total.retrying + total.failed > 0) {
      logger.info(
        `Outbound: ${total.sent} sent, ${total.retrying} to retry, ${total.failed} failed`,
      );
    }
  }
  return total;
}
