import { TicketEntry, TicketPerson } from '@internal/plugin-emails-common';
import { toIso } from './rows';

/** An entry to add to a ticket's conversation. */
export interface NewEntry {
  idempotencyKey: string;
  kind: TicketEntry['kind'];
  author: TicketPerson;
  html?: string;
  text?: string;
  quotedHtml?: string;
  quotedText?: string;
  senderVerified?: boolean;
  senderNote?: string;
  messageId?: string;
  /** From someone outside the conversation: kept as a note until reviewed. */
  outsideConversation?: boolean;
}

type Row = Record<string, any>;

/** A person as the tables keep them: email, name and catalog User in three columns. */
export function person(
  email: string,
  name?: string | null,
  ref?: string | null,
): TicketPerson {
  return { email, name: name ?? undefined, userEntityRef: ref ?? undefined };
}

/** The columns of a new `ticket_entries` row. */
export function entryRow(ticketId: string, entry: NewEntry): Row {
  return {
    ticket_id: ticketId,
    idempotency_key: entry.idempotencyKey,
    kind: entry.kind,
    author_email: entry.author.email,
    author_name: entry.author.name ?? null,
    author_ref: entry.author.userEntityRef ?? null,
    html: entry.html ?? null,
    text: entry.text ?? null,
    quoted_html: entry.quotedHtml ?? null,
    quoted_text: entry.quotedText ?? null,
    sender_verified: entry.senderVerified ?? null,
    sender_note: entry.senderNote ?? null,
    message_id: entry.messageId ?? null,
    outside_conversation: entry.outsideConversation ? 'pending' : null,
    created_at: new Date(),
  };
}

/** A `ticket_entries` row as the API shows it, without attachments. */
export function entryFromRow(row: Row): Omit<TicketEntry, 'attachments'> {
  return {
    id: String(row.id),
    kind: row.kind,
    author: person(row.author_email, row.author_name, row.author_ref),
    html: row.html ?? undefined,
    text: row.text ?? undefined,
    quotedHtml: row.quoted_html ?? undefined,
    quotedText: row.quoted_text ?? undefined,
    senderVerified:
      row.sender_verified === null || row.sender_verified === undefined
        ? undefined
        : !!row.sender_verified,
    senderNote: row.sender_note ?? undefined,
    createdAt: toIso(row.created_at),
    messageId: row.message_id ?? undefined,
    ...(row.outside_conversation
      ? {
          outsideConversation: {
            status: row.outside_conversation,
            reviewedBy: row.reviewed_by ?? undefined,
            reviewedAt: row.reviewed_at ? toIso(row.reviewed_at) : undefined,
          },
        }
      : {}),
  };
}
