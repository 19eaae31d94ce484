import {
  EmailTicket,
  EmailsTicketing,
  NewTicketFromEmail,
  TicketEntryFromEmail,
} from '@internal/plugin-emails-node';
import {
  OutsideReplyDecision,
  Ticket,
  TicketEntry,
} from '@internal/plugin-emails-common';
import { AttachmentStore, TicketStore } from '../database';
import {
  singleLine,
  singleLineName,
  withoutNul,
} from '../ingest/steps/singleLine';

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
    // Titles and names are one line without control characters; no text
    // keeps a NUL, which PostgreSQL refuses to store.
    const requester = {
      email: ticket.requester.address,
      name: singleLineName(ticket.requester.name),
      userEntityRef: ticket.requester.userEntityRef,
    };
    const { ticket: created } = await this.tickets.create(
      {
        idempotencyKey: ticket.idempotencyKey,
        title: singleLine(ticket.title) || '(no subject)',
        requester,
        ccEmails: ticket.ccUsers.map(c => c.address),
        technicianGroup: ticket.technicianGroup,
        category: ticket.category,
        company: ticket.company,
        serverId: ticket.serverId,
        followsTicketId: ticket.followsTicketId,
        // Priority, request type and setField fields have no column here:
        // they reach a host helpdesk's ticketing, the built-in one keeps none.
        assigneeRef: ticket.assigneeRef,
        description: {
          idempotencyKey: `${ticket.idempotencyKey}:description`,
          kind: 'description',
          author: requester,
          html: withoutNul(ticket.descriptionHtml),
          text: withoutNul(ticket.descriptionText),
          quotedHtml: withoutNul(ticket.descriptionQuotedHtml),
          quotedText: withoutNul(ticket.descriptionQuotedText),
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
          name: singleLineName(entry.author.name),
          userEntityRef:
            entry.author.userEntityRef ??
            (await this.requesterRefOf(entry.ticketId, entry.author.address)),
        },
        html: withoutNul(entry.bodyHtml),
        text: withoutNul(entry.bodyText),
        quotedHtml: withoutNul(entry.quotedHtml),
        quotedText: withoutNul(entry.quotedText),
        senderVerified: entry.senderVerified,
        senderNote: entry.senderNote,
        messageId: entry.messageId,
        // Only a note waits for review: a reply is in the conversation already.
        outsideConversation:
          entry.kind === 'note' && !!entry.outsideConversation,
      },
      (entryId, tx) => this.attachments.link(entryId, entry.attachmentIds, tx),
    );
  }

  /**
   * The requester's catalog user when they wrote the entry, so their reply
   * is credited to them (not shown as a guest) however the mail was read.
   */
  private async requesterRefOf(
    ticketId: string,
    address: string,
  ): Promise<string | undefined> {
    const { requester } = await this.tickets.get(ticketId);
    const same =
      requester.email.toLocaleLowerCase('en-US') ===
      address.toLocaleLowerCase('en-US');
    return same ? requester.userEntityRef : undefined;
  }

  /**
   * A technician's decision on a reply from outside the conversation:
   * `publish` makes it a reply in the conversation, `dismiss` hides it
   * (kept, with who dismissed it and when). 404 unknown, 409 not waiting.
   */
  async reviewOutsideReply(
    ticketId: string,
    entryId: string,
    decision: OutsideReplyDecision,
    reviewer: string,
  ): Promise<TicketEntry> {
    const entry = await this.tickets.reviewOutsideReply(ticketId, entryId, {
      decision,
      reviewer,
    });
    const files = await this.attachments.forEntries([entry.id]);
    return { ...entry, attachments: files.get(entry.id) ?? [] };
  }

  async reopenTicket(id: string): Promise<void> {
    await this.tickets.setStatus(id, 'open');
  }
}
