import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { randomUUID } from 'node:crypto';
import { OutboundStore } from '../database/OutboundStore';
import { OutboundWaker } from './OutboundWaker';

/** Events topic: a message is ready to send (queued or retried); the payload names no message. */
export const EMAILS_OUTBOUND_QUEUED_TOPIC = 'emails.outbound.queued';

/** The payload of {@link EMAILS_OUTBOUND_QUEUED_TOPIC}: only which replica queued. */
export interface OutboundQueuedEvent {
  origin: string;
}

/**
 * Wakes the worker when a message is ready: at once in this process after
 * the commit, and on another replica through the events service (with an
 * event bus one replica gets each event; without one it stays in-process).
 * Returns the wake for other callers, e.g. the retry route.
 */
export async function connectOutboundWake(options: {
  store: OutboundStore;
  waker: OutboundWaker;
  events: EventsService;
  logger: LoggerService;
}): Promise<() => void> {
  const { store, waker, events, logger } = options;
  const origin = randomUUID();
  // One publish at a time: a burst of 2,000 queued messages is a few events, not 2,000.
  const announcer = new OutboundWaker(
    () =>
      events.publish({
        topic: EMAILS_OUTBOUND_QUEUED_TOPIC,
        eventPayload: { origin } satisfies OutboundQueuedEvent,
      }),
    error => logger.debug(`Outbound wake not published: ${error}`),
  );
  const wake = () => {
    waker.wake();
    announcer.wake();
  };
  store.onReady(wake);
  await events.subscribe({
    id: 'emails-outbound-wake',
    topics: [EMAILS_OUTBOUND_QUEUED_TOPIC],
    onEvent: async params => {
      const payload = params.eventPayload as Partial<OutboundQueuedEvent>;
      // This replica woke its worker when it queued.
      if (payload?.origin !== origin) waker.wake();
    },
  });
  return wake;
}
