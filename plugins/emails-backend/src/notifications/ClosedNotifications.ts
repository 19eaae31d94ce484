import {
  EmailPreferences,
  formatSubjectReference,
  Ticket,
} from '@internal/plugin-emails-common';
import { buildReplyMessage } from '../ticketing/replyMessage';
import {
  routingOf,
  TicketMailDeps,
  ticketSender,
} from '../ticketing/ticketMail';
import { notificationBlocked, ownAddressesOf } from './recipients';
import { renderNotification } from './render';

/** What became of a close's notification. */
export type ClosedNotice =
  | { queued: true; outboundId: string; to: string }
  | { queued: false; reason: string };

/**
 * Tells the requester their ticket was closed, from the ticket's mailbox,
 * threaded into its conversation, with the resolution. It is automatic mail
 * about an event (Auto-Submitted: auto-generated, RFC 3834) and never goes to
 * our own addresses, to an address that bounced, or to a no-reply address.
 */
export class ClosedNotifications {
  constructor(private readonly deps: TicketMailDeps) {}

  async notify(input: {
    ticket: Ticket;
    closedAt: Date;
    resolution?: string;
    technicianName: string;
    prefs: EmailPreferences;
  }): Promise<ClosedNotice> {
    const { ticket, prefs } = input;
    const { stores } = this.deps;
    const to = ticket.requester.email;
    const blocked = notificationBlocked(to, {
      own: await ownAddressesOf(stores),
      undeliverable: new Set(
        (await stores.tickets.undeliverable(ticket.id)).map(u => u.address),
      ),
    });
    if (blocked) return { queued: false, reason: blocked };
    const from = await ticketSender(stores, ticket.serverId);
    if (!from) {
      return {
        queued: false,
        reason: 'no mailbox or primary outgoing server to send from',
      };
    }
    const rendered = renderNotification(
      prefs.notifications.templates.ticketClosed,
      {
        reference: formatSubjectReference(
          prefs.subjectReferenceFormat,
          ticket.id,
        ),
        title: ticket.title,
        requesterName: ticket.requester.name || to,
        requesterEmail: to,
        mailboxName: from.name ?? '',
        resolution: input.resolution?.trim() ?? '',
        technicianName: input.technicianName,
      },
    );
    const message = await buildReplyMessage(
      {
        ticketId: ticket.id,
        entryId: `closed-${input.closedAt.getTime()}`,
        title: ticket.title,
        subjectFormat: prefs.subjectReferenceFormat,
        subject: rendered.subject,
        from,
        to: [to],
        cc: [],
        text: rendered.text,
        html: rendered.html,
        earlierMessageIds: await stores.inboundMessages.messageIdsOfTicket(
          ticket.id,
        ),
        attachments: [],
        messageIdDomain: this.deps.messageIdDomain,
        automatic: 'auto-generated',
      },
      this.deps.tokens,
    );
    const queued = await this.deps.queue.enqueue({
      idempotencyKey: `closed:${ticket.id}:${input.closedAt.getTime()}`,
      ticketId: ticket.id,
      routing: routingOf(ticket),
      from: from.address,
      to: [to],
      subject: message.subject,
      messageId: message.messageId,
      raw: message.raw,
    });
    return { queued: true, outboundId: queued.id, to };
  }
}
