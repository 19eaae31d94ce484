import { OutboundInput, OutboundStore } from '../database';

/** The durable queue as senders see it: queue a message, get its id. */
export interface OutboundQueue {
  enqueue(message: OutboundInput): Promise<{ id: string }>;
}

/** The queue over its store; the same idempotency key queues once. */
export function outboundQueueOf(store: OutboundStore): OutboundQueue {
  return {
    enqueue: async message => ({
      id: (await store.enqueue(message)).message.id,
    }),
  };
}
