import { randomBytes } from 'node:crypto';
import type { EwsEvent, EwsMailbox } from './ewsMailbox';

/** EventTypes of a pull subscription and the mailbox events behind them. */
export const EVENT_ELEMENTS: Record<EwsEvent['kind'], string> = {
  newmail: 'NewMailEvent',
  created: 'CreatedEvent',
  modified: 'ModifiedEvent',
  moved: 'MovedEvent',
  deleted: 'DeletedEvent',
};

interface Subscription {
  id: string;
  mailbox: EwsMailbox;
  folderIds: Set<string>;
  /** Event element names (`NewMailEvent`, ...). */
  types: Set<string>;
  timeoutMs: number;
  lastUsed: number;
}

/** What GetEvents answers. */
export interface EventBatch {
  mailbox: EwsMailbox;
  previousWatermark: string;
  events: { event: EwsEvent; watermark: string }[];
  moreEvents: boolean;
  /** The watermark of the StatusEvent sent when nothing happened. */
  status?: string;
}

const MAX_EVENTS = 50;

/** A watermark: the position in a mailbox's event log, base64 like Exchange's. */
export function watermark(mailbox: EwsMailbox, seq: number): string {
  return Buffer.from(`${mailbox.address}\0${seq}`).toString('base64');
}

function positionOf(mailbox: EwsMailbox, mark: string): number | undefined {
  const decoded = Buffer.from(mark, 'base64').toString();
  const [address, seq] = decoded.split('\0');
  if (address !== mailbox.address || !/^\d+$/.test(seq ?? '')) return undefined;
  const position = Number(seq);
  return position <= mailbox.position ? position : undefined;
}

/**
 * Pull subscriptions: each watches folders of one mailbox for some event
 * types and ends when GetEvents is not called within its timeout.
 */
export class Subscriptions {
  private readonly subscriptions = new Map<string, Subscription>();

  subscribe(
    mailbox: EwsMailbox,
    folderIds: string[],
    types: string[],
    timeoutMinutes: number,
    fromWatermark?: string,
  ): { id: string; watermark: string } | 'ErrorInvalidWatermark' {
    let position = mailbox.position;
    if (fromWatermark) {
      const from = positionOf(mailbox, fromWatermark);
      if (from === undefined) return 'ErrorInvalidWatermark';
      position = from;
    }
    const id = randomBytes(24).toString('base64');
    this.subscriptions.set(id, {
      id,
      mailbox,
      folderIds: new Set(folderIds),
      types: new Set(types),
      timeoutMs: timeoutMinutes * 60_000,
      lastUsed: Date.now(),
    });
    return { id, watermark: watermark(mailbox, position) };
  }

  /** The subscription, unless unknown or timed out. */
  private live(id: string): Subscription | undefined {
    const found = this.subscriptions.get(id);
    if (found && Date.now() - found.lastUsed > found.timeoutMs) {
      this.subscriptions.delete(id);
      return undefined;
    }
    return found;
  }

  events(
    id: string,
    fromWatermark: string,
  ): EventBatch | 'ErrorSubscriptionNotFound' | 'ErrorInvalidWatermark' {
    const subscription = this.live(id);
    if (!subscription) return 'ErrorSubscriptionNotFound';
    subscription.lastUsed = Date.now();
    const { mailbox } = subscription;
    const from = positionOf(mailbox, fromWatermark);
    if (from === undefined) return 'ErrorInvalidWatermark';
    const matching = mailbox.events.filter(
      e =>
        e.seq > from &&
        subscription.types.has(EVENT_ELEMENTS[e.kind]) &&
        (subscription.folderIds.has(e.folderId) ||
          (e.oldFolderId !== undefined &&
            subscription.folderIds.has(e.oldFolderId))),
    );
    const events = matching
      .slice(0, MAX_EVENTS)
      .map(event => ({ event, watermark: watermark(mailbox, event.seq) }));
    return {
      mailbox,
      previousWatermark: fromWatermark,
      events,
      moreEvents: matching.length > MAX_EVENTS,
      status:
        events.length === 0 ? watermark(mailbox, mailbox.position) : undefined,
    };
  }

  unsubscribe(id: string): boolean {
    const found = this.live(id);
    this.subscriptions.delete(id);
    return found !== undefined;
  }
}
