import { EmailsTicketing } from '@internal/plugin-emails-node';
import { ParsedMail } from 'mailparser';
import { InboundRecord } from '../database';
import { splitQuotedHtml, splitQuotedText } from './history';
import { Classification } from './steps/classify';
import { senderOf } from './steps/sender';
import { sanitizeMailHtml } from './steps/sanitize';
import { singleLineName } from './steps/singleLine';

/** How a message is added to a ticket. */
export interface EntryOptions {
  kind: 'reply' | 'note';
  attachmentIds?: string[];
  classification?: Classification;
  /** A line put before the text, e.g. why an automatic reply is a note. */
  prefix?: string;
  /** From someone outside the conversation: a note to publish or dismiss. */
  outsideConversation?: boolean;
  /** The catalog User who wrote it, when the sender is one. */
  authorRef?: string;
}

/** A message body split into what the person wrote and the collapsed rest, sanitised. */
export interface SplitMailBody {
  html?: string;
  text?: string;
  quotedHtml?: string;
  quotedText?: string;
}

/**
 * Splits a message's text and HTML bodies into what the person wrote and
 * what goes collapsed (history, forwarded mail, signature), both sanitised.
 */
export function splitMailBody(mail: ParsedMail): SplitMailBody {
  const text = mail.text ? splitQuotedText(mail.text) : undefined;
  const html =
    typeof mail.html === 'string' ? splitQuotedHtml(mail.html) : undefined;
  return {
    html: html ? sanitizeMailHtml(html.freshHtml) : undefined,
    text: text?.fresh,
    quotedHtml: html?.quotedHtml
      ? sanitizeMailHtml(html.quotedHtml)
      : undefined,
    quotedText: text?.quoted,
  };
}

/**
 * Adds a message to a ticket, once per message: what is new becomes the
 * entry, the quoted history is kept apart, the author's name is one line.
 */
export async function appendMailEntry(
  ticketing: EmailsTicketing,
  message: InboundRecord,
  mail: ParsedMail,
  ticketId: string,
  entry: EntryOptions,
): Promise<void> {
  const from = senderOf(mail);
  const { classification, prefix } = entry;
  const body = splitMailBody(mail);
  await ticketing.appendEntry({
    idempotencyKey: `inbound:${message.id}`,
    ticketId,
    author: {
      address: from?.address ?? 'unknown',
      name: singleLineName(from?.name),
      ...(entry.authorRef ? { userEntityRef: entry.authorRef } : {}),
    },
    kind: entry.kind,
    bodyHtml: body.html,
    bodyText: prefix ? `${prefix}\n\n${body.text ?? ''}`.trim() : body.text,
    quotedHtml: body.quotedHtml,
    quotedText: body.quotedText,
    messageId: message.id,
    senderVerified: classification?.senderVerified,
    senderNote: classification?.senderNote,
    outsideConversation: entry.outsideConversation,
    attachmentIds: entry.attachmentIds ?? [],
  });
}

/** A new ticket's description: what the requester wrote, the rest collapsed. */
export function descriptionOf(mail: ParsedMail) {
  const body = splitMailBody(mail);
  return {
    descriptionHtml: body.html,
    descriptionText: body.text,
    descriptionQuotedHtml: body.quotedHtml,
    descriptionQuotedText: body.quotedText,
  };
}
