/** A mail participant as parsed from a message. */
export interface EmailAddress {
  address: string;
  name?: string;
}

/** What the pipeline hands the ticketing system to open a ticket. */
export interface NewTicketFromEmail {
  /** Unique per inbound message; the same key twice must not create two tickets. */
  idempotencyKey: string;
  title: string;
  /** What the requester wrote: the ticket's description. */
  descriptionHtml?: string;
  descriptionText?: string;
  /** Quoted history, forwarded mail and signature below the description, kept apart. */
  descriptionQuotedHtml?: string;
  descriptionQuotedText?: string;
  requester: EmailAddress & { userEntityRef?: string };
  ccUsers: EmailAddress[];
  technicianGroup?: string;
  category?: string;
  company?: string;
  /** Set by an incoming email rule, e.g. `High`. */
  priority?: string;
  /** Set by an incoming email rule, e.g. `Incident`. */
  requestType?: string;
  /** The technician an incoming email rule assigned the ticket to (user entity ref). */
  assigneeRef?: string;
  /**
   * Fields of the host helpdesk's ticket set by incoming email rules
   * (`setField`), by the helpdesk's field name; a ticketing without such a
   * field ignores it.
   */
  fields?: Record<string, string>;
  /** Entity ref of the mailbox (Resource) the mail came through. */
  mailboxRef?: string;
  /** The incoming server the mail came through. */
  serverId?: string;
  /** The processing-log id of the message. */
  messageId?: string;
  /** The closed ticket this one follows up. */
  followsTicketId?: string;
  /** Whether a trusted server verified the sender, and why it is flagged. */
  senderVerified?: boolean;
  senderNote?: string;
  attachmentIds: string[];
}

/** What the pipeline hands the ticketing system to add a message to a ticket. */
export interface TicketEntryFromEmail {
  idempotencyKey: string;
  ticketId: string;
  author: EmailAddress & { userEntityRef?: string };
  kind: 'reply' | 'note';
  bodyHtml?: string;
  bodyText?: string;
  /** The quoted history, kept apart from the new part. */
  quotedHtml?: string;
  quotedText?: string;
  /** The processing-log id of the message. */
  messageId?: string;
  senderVerified?: boolean;
  senderNote?: string;
  /**
   * Set on a `note` from someone outside the conversation (not the
   * requester, a CC user nor a technician, but replying to our signed
   * mail): a technician should publish it as a reply or dismiss it. A
   * ticketing that cannot tell it apart keeps it as an internal note.
   */
  outsideConversation?: boolean;
  attachmentIds: string[];
}

/** A ticket as the emails plugin needs to see it. */
export interface EmailTicket {
  id: string;
  reference: string;
  status: 'open' | 'closed';
  requesterEmail: string;
  ccEmails: string[];
  technicianGroup?: string;
  assigneeRef?: string;
  closedAt?: string;
}

/** How tickets are created, found, appended to and reopened; set by the host helpdesk. */
export interface EmailsTicketing {
  createTicket(ticket: NewTicketFromEmail): Promise<EmailTicket>;
  findTicket(id: string): Promise<EmailTicket | undefined>;
  findTicketByReference(reference: string): Promise<EmailTicket | undefined>;
  appendEntry(entry: TicketEntryFromEmail): Promise<void>;
  reopenTicket(id: string): Promise<void>;
}
