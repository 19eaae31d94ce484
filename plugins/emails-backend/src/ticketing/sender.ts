import { Stores } from '../database';

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
