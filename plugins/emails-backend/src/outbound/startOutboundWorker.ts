import {
  LifecycleService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { OutboundWorker } from './OutboundWorker';

/** The scheduler task id of the outbound sender. */
export const OUTBOUND_TASK_ID = 'emails:outbound:send';

/**
 * Runs the outbound worker as a global scheduler task: one replica at a time
 * sends, and a crashed replica's messages are requeued by the next run.
 */
export async function startOutboundWorker(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  worker: OutboundWorker;
  lifecycle?: LifecycleService;
  schedule?: Partial<SchedulerServiceTaskScheduleDefinition>;
}): Promise<void> {
  const { scheduler, worker } = options;
  const logger = options.logger.child({ task: OUTBOUND_TASK_ID });
  options.lifecycle?.addShutdownHook(() => worker.close());
  await scheduler.scheduleTask({
    id: OUTBOUND_TASK_ID,
    scope: 'global',
    frequency: { seconds: 5 },
    // Below the worker's stale limit (10 min), so a slow run is never requeued under it.
    timeout: { minutes: 5 },
    initialDelay: { seconds: 5 },
    ...options.schedule,
    fn: async signal => {
      try {
        const result = await worker.runOnce(new Date(), signal);
        if (result.sent + result.retrying + result.failed > 0) {
          logger.info(
            `Outbound: ${result.sent} sent, ${result.retrying} to retry, ${result.failed} failed`,
          );
        }
      } catch (error) {
        logger.error('Outbound run failed', error as Error);
      }
    },
  });
}
