import { EmailsTicketing } from '@internal/plugin-emails-node';
import { ParsedMail } from 'mailparser';
import { InboundRecord } from '../database';
import { splitQuotedHtml, splitQuotedText } from './history';
import { Classification } from './steps/classify';
import { addressesOf } from './steps/parse';
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
  const [from] = addressesOf(mail.from);
  const { classification, prefix } = entry;
  const text = mail.text ? splitQuotedText(mail.text) : undefined;
  const html =
    typeof mail.html === 'string' ? splitQuotedHtml(mail.html) : undefined;
  await ticketing.appendEntry({
    idempotencyKey: `inbound:${message.id}`,
    ticketId,
    author: {
      address: from?.address ?? 'unknown',
      name: singleLineName(from?.name),
    },
    kind: entry.kind,
    bodyHtml: html ? sanitizeMailHtml(html.freshHtml) : undefined,
    bodyText: prefix ? `${prefix}\n\n${text?.fresh ?? ''}`.trim() : text?.fresh,
    quotedHtml: html?.quotedHtml
      ? sanitizeMailHtml(html.quotedHtml)
      : undefined,
    quotedText: text?.quoted,
    messageId: message.id,
    senderVerified: classification?.senderVerified,
    senderNote: classification?.senderNote,
    outsideConversation: entry.outsideConversation,
    attachmentIds: entry.attachmentIds ?? [],
  });
}
