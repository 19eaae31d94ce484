import { InboundStatus, MessageReplay } from '@internal/plugin-emails-common';
import { randomUUID } from 'node:crypto';
import { Stores } from '../database';
import { IngestService } from '../ingest/IngestService';

/** What a replay did, for the admin's answer and the conversation. */
export type ReplayResult = MessageReplay;

type TicketState = { id: string; status: 'open' | 'closed' } | undefined;

/**
 * Replays a processed message with today's settings and writes what that
 * did into the ticket's conversation as an internal note, so a ticket that
 * grew or reopened by a replay says by whom and why.
 */
export class MessageReplayService {
  constructor(
    private readonly deps: {
      stores: Pick<Stores, 'inboundMessages' | 'tickets'>;
      ingest: Pick<IngestService, 'process'>;
    },
  ) {}

  /** Replays message `id` for the admin `actor` (a user entity ref). */
  async replay(id: string, actor: string): Promise<ReplayResult> {
    const { stores, ingest } = this.deps;
    const before = await stores.inboundMessages.get(id);
    const ticketBefore = await this.ticketState(before.ticketId);
    const outcome = await ingest.process(id, { replay: true });
    const ticketAfter = await this.ticketState(
      outcome.ticketId ?? before.ticketId,
    );
    const action = actionOf(ticketBefore, ticketAfter, {
      previous: before.status,
      now: outcome.status,
    });
    const summary = describe(action, outcome.status, outcome.reason, actor);
    const result: ReplayResult = {
      action,
      previousStatus: before.status,
      status: outcome.status,
      ticketId: ticketAfter?.id,
      summary,
    };
    if (ticketAfter) {
      result.noteEntryId = await stores.tickets.appendEntry(ticketAfter.id, {
        // Each replay is its own event: two replays are two notes.
        idempotencyKey: `replay:${id}:${randomUUID()}`,
        kind: 'note',
        author: { email: '', name: 'Replay', userEntityRef: actor },
        text: summary,
        messageId: before.messageId,
      });
    }
    return result;
  }

  private async ticketState(ticketId?: string): Promise<TicketState> {
    if (!ticketId) return undefined;
    const ticket = await this.deps.stores.tickets
      .get(ticketId)
      .catch(() => undefined);
    return ticket ? { id: ticket.id, status: ticket.status } : undefined;
  }
}

const IN_CONVERSATION: InboundStatus[] = ['ticketed', 'appended'];

function actionOf(
  before: TicketState,
  after: TicketState,
  statuses: { previous: InboundStatus; now: InboundStatus },
): ReplayResult['action'] {
  if (!after) return 'none';
  if (!before || before.id !== after.id) {
    return statuses.now === 'ticketed' ? 'created' : 'appended';
  }
  if (before.status === 'closed' && after.status === 'open') return 'reopened';
  // The pipeline adds a message to a conversation once: again is no change.
  const added =
    IN_CONVERSATION.includes(statuses.now) &&
    !IN_CONVERSATION.includes(statuses.previous);
  return added ? 'appended' : 'none';
}

function describe(
  action: ReplayResult['action'],
  status: InboundStatus,
  reason: string | undefined,
  actor: string,
): string {
  const what = {
    created: 'created this ticket from the message',
    appended: 'added the message to this conversation',
    reopened: 'added the message to this conversation and reopened the ticket',
    none: `no change to the conversation (the message is ${status}${
      reason ? `: ${reason}` : ''
    })`,
  }[action];
  return `Replayed by ${actor}: ${what}.`;
}
