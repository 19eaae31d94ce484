import { OutboundStatus } from './outbound';

/** A person on a ticket: a catalog User when one has this email, else a guest. */
export interface TicketPerson {
  email: string;
  name?: string;
  /** Set when a catalog User has this email in its profile. */
  userEntityRef?: string;
}

/** A ticket of the built-in ticketing. */
export interface Ticket {
  id: string;
  /** Shown to people and used in subjects, e.g. REQ-42. */
  reference: string;
  title: string;
  status: 'open' | 'closed';
  requester: TicketPerson;
  ccEmails: string[];
  technicianGroup?: string;
  category?: string;
  company?: string;
  /** The incoming server (mailbox) the ticket came through. */
  serverId?: string;
  /** The closed ticket this one follows up (Email Preference: reply to a closed request). */
  followsTicketId?: string;
  /** The technician the ticket is assigned to, when assigned. */
  assigneeRef?: string;
  closedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** A file attached to a ticket entry; served only as a download. */
export interface TicketAttachment {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  /** An inline image referenced from the HTML by `cid:`. */
  inline: boolean;
  contentId?: string;
}

/**
 * A reply from someone outside the conversation (not the requester, a CC
 * user nor a technician, but quoting our signed token), kept as an internal
 * note: `pending` until a technician publishes it (it becomes a reply) or
 * dismisses it (hidden, kept for audit).
 */
export interface OutsideConversationReview {
  status: 'pending' | 'published' | 'dismissed';
  /** Who published or dismissed it (entity ref). */
  reviewedBy?: string;
  reviewedAt?: string;
}

/** What a technician does with a reply from outside the conversation. */
export type OutsideReplyDecision = 'publish' | 'dismiss';

/** One entry of a ticket's conversation. */
export interface TicketEntry {
  id: string;
  kind: 'description' | 'reply' | 'note';
  author: TicketPerson;
  /** Sanitised HTML (no scripts, no event handlers; remote images left for the UI to block). */
  html?: string;
  text?: string;
  createdAt: string;
  /** The inbound message it came from, when it came by email. */
  messageId?: string;
  /** The quoted history of a reply, kept apart from what is new; shown collapsed. */
  quotedHtml?: string;
  quotedText?: string;
  /** True when a trusted server verified the sender (DMARC); false when it failed; unset when unknown. */
  senderVerified?: boolean;
  /** Why the sender is flagged, e.g. a Reply-To in another domain. */
  senderNote?: string;
  /** Set when the entry came from someone outside the conversation. */
  outsideConversation?: OutsideConversationReview;
  attachments: TicketAttachment[];
}

/** Mail the channel sent (or is sending) about a ticket, as its technicians see it. */
export interface TicketMail {
  /** The Outgoing Queue message. */
  id: string;
  /** A technician's reply, the acknowledgement of the new ticket, the close notification, or other mail. */
  kind: 'reply' | 'acknowledgement' | 'closed' | 'other';
  /** The conversation entry a reply belongs to. */
  entryId?: string;
  status: OutboundStatus;
  to: string[];
  cc: string[];
  subject: string;
  attempts: number;
  /** Why it waits or failed; a server's remark on a sent one (e.g. refused recipients). */
  lastError?: string;
  createdAt: string;
  sentAt?: string;
}

/** A ticket with its conversation, as GET /tickets/:id returns it. */
export interface TicketDetail extends Ticket {
  entries: TicketEntry[];
  /** Mail sent about it, oldest first: whether each reply and notification went out. */
  mail: TicketMail[];
}
