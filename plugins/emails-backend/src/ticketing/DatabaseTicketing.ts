import {
  EmailTicket,
  EmailsTicketing,
  NewTicketFromEmail,
  TicketEntryFromEmail,
} from '@internal/plugin-emails-node';
import { Ticket } from '@internal/plugin-emails-common';
import { AttachmentStore, TicketStore } from '../database';

function toEmailTicket(ticket: Ticket): EmailTicket {
  return {
    id: ticket.id,
    reference: ticket.reference,
    status: ticket.status,
    requesterEmail: ticket.requester.email,
    ccEmails: ticket.ccEmails,
    technicianGroup: ticket.technicianGroup,
    assigneeRef: ticket.assigneeRef,
    closedAt: ticket.closedAt,
  };
}

/**
 * The built-in ticketing, used when no module of the host helpdesk sets
 * another: tickets live in the emails plugin's own database.
 */
export class DatabaseTicketing implements EmailsTicketing {
  constructor(
    private readonly tickets: TicketStore,
    private readonly attachments: AttachmentStore,
  ) {}

  async createTicket(ticket: NewTicketFromEmail): Promise<EmailTicket> {
    const { ticket: created } = await this.tickets.create(
      {
        idempotencyKey: ticket.idempotencyKey,
        title: ticket.title,
        requester: {
          email: ticket.requester.address,
          name: ticket.requester.name,
          userEntityRef: ticket.requester.userEntityRef,
        },
        ccEmails: ticket.ccUsers.map(c => c.address),
        technicianGroup: ticket.technicianGroup,
        category: ticket.category,
        company: ticket.company,
        serverId: ticket.serverId,
        followsTicketId: ticket.followsTicketId,
        description: {
          idempotencyKey: `${ticket.idempotencyKey}:description`,
          kind: 'description',
          author: {
            email: ticket.requester.address,
            name: ticket.requester.name,
            userEntityRef: ticket.requester.userEntityRef,
          },
          html: ticket.descriptionHtml,
          text: ticket.descriptionText,
          messageId: ticket.messageId,
          senderVerified: ticket.senderVerified,
          senderNote: ticket.senderNote,
        },
      },
      (entryId, tx) => this.attachments.link(entryId, ticket.attachmentIds, tx),
    );
    return toEmailTicket(created);
  }

  async findTicket(id: string): Promise<EmailTicket | undefined> {
    try {
      return toEmailTicket(await this.tickets.get(id));
    } catch {
      return undefined;
    }
  }

  async findTicketByReference(
    reference: string,
  ): Promise<EmailTicket | undefined> {
    const match = /^REQ-(\d+)$/i.exec(reference.trim());
    return match ? this.findTicket(match[1]) : undefined;
  }

  async appendEntry(entry: TicketEntryFromEmail): Promise<void> {
    await this.tickets.appendEntry(
      entry.ticketId,
      {
        idempotencyKey: entry.idempotencyKey,
        kind: entry.kind,
        author: {
          email: entry.author.address,
          name: entry.author.name,
          userEntityRef: entry.author.userEntityRef,
        },
        html: entry.bodyHtml,
        text: entry.bodyText,
        quotedHtml: entry.quotedHtml,
        quotedText: entry.quotedText,
        senderVerified: entry.senderVerified,
        senderNote: entry.senderNote,
        messageId: entry.messageId,
      },
      (entryId, tx) => this.attachments.link(entryId, entry.attachmentIds, tx),
    );
  }

  async reopenTicket(id: string): Promise<void> {
    await this.tickets.setStatus(id, 'open');
  }
}
