import { Ticket } from '@internal/plugin-emails-common';
import { OutboundRouting, Stores } from '../database';
import { OutboundQueue } from '../outbound/queue';
import { ThreadTokens } from '../threading';

/** What everything that mails about a ticket needs: stores, the queue, thread tokens. */
export interface TicketMailDeps {
  stores: Stores;
  queue: OutboundQueue;
  tokens: ThreadTokens;
  /** The domain of the Message-IDs we make. */
  messageIdDomain: string;
}

/** What the outgoing email rules look at, from a ticket of the built-in ticketing. */
export function routingOf(ticket: Ticket): OutboundRouting {
  return {
    mailboxId: ticket.serverId,
    technicianGroup: ticket.technicianGroup,
    category: ticket.category,
    requesterEmail: ticket.requester.email,
    subject: ticket.title,
  };
}

/** Who mail about a ticket comes from. */
export interface TicketSender {
  address: string;
  name?: string;
}

/**
 * The mailbox the ticket came through, so answers go back to it; for a
 * ticket without one, the primary outgoing server's address; undefined when
 * there is neither.
 */
export async function ticketSender(
  stores: Stores,
  mailboxId: string | undefined,
): Promise<TicketSender | undefined> {
  const mailbox = mailboxId
    ? await stores.incomingServers.get(mailboxId).catch(() => undefined)
    : undefined;
  if (mailbox) return { address: mailbox.email, name: mailbox.name };
  const primary = (await stores.outgoingServers.list()).find(s => s.primary);
  return primary ? { address: primary.email } : undefined;
}
