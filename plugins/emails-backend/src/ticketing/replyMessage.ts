import MailComposer from 'nodemailer/lib/mail-composer';
import { ThreadTokens } from '../threading';

/** Everything a reply email is made of, already checked. */
export interface ReplyMessageInput {
  ticketId: string;
  entryId: string;
  title: string;
  subjectFormat: string;
  from: { address: string; name?: string };
  replyTo?: string;
  to: string[];
  cc: string[];
  text: string;
  html?: string;
  /** Message-IDs of the ticket's earlier mail, oldest first, for In-Reply-To and References. */
  earlierMessageIds: string[];
  attachments: { filename: string; contentType: string; content: Buffer }[];
  messageIdDomain: string;
  /**
   * Mail nobody typed (RFC 3834): `auto-replied` answers a message (the
   * acknowledgement), `auto-generated` follows an event (ticket closed).
   */
  automatic?: 'auto-replied' | 'auto-generated';
  /** A subject from a template; it must hold the ticket reference. Default: `Re: <reference> <title>`. */
  subject?: string;
}

// RFC 5322 caps References in practice; the newest ids matter most.
const MAX_REFERENCES = 20;

/**
 * Builds the RFC 822 bytes of a reply: a signed Message-ID and a hidden body
 * marker that thread the requester's answer back, In-Reply-To/References to
 * the earlier mail, the ticket reference in the subject, and X-Loop so our
 * own mail coming back is recognised. nodemailer encodes every header.
 */
export async function buildReplyMessage(
  input: ReplyMessageInput,
  tokens: ThreadTokens,
): Promise<{ raw: Buffer; messageId: string; subject: string }> {
  const fields = { ticketId: input.ticketId, entryId: input.entryId };
  const messageId = tokens.messageId({
    ...fields,
    domain: input.messageIdDomain,
  });
  const marker = tokens.bodyMarker(fields);
  const reference = input.subjectFormat.replace('{number}', input.ticketId);
  const title = input.title.replace(/^(\s*(re|aw|sv|fw|fwd)\s*:\s*)+/i, '');
  const subject = (input.subject ?? `Re: ${reference} ${title}`).slice(0, 250);
  const references = input.earlierMessageIds.slice(-MAX_REFERENCES);
  const composer = new MailComposer({
    from: input.from,
    replyTo: input.replyTo,
    to: input.to,
    cc: input.cc.length ? input.cc : undefined,
    subject,
    messageId,
    inReplyTo: references[references.length - 1],
    references: references.length ? references : undefined,
    text: `${input.text}\n\n${marker.text}\n`,
    html: input.html ? `${input.html}${marker.html}` : undefined,
    headers: {
      'X-Loop': input.messageIdDomain,
      ...(input.automatic ? { 'Auto-Submitted': input.automatic } : {}),
    },
    attachments: input.attachments,
    disableUrlAccess: true,
    disableFileAccess: true,
  });
  const raw = await new Promise<Buffer>((resolve, reject) =>
    composer
      .compile()
      .build((error, message) => (error ? reject(error) : resolve(message))),
  );
  return { raw, messageId, subject };
}
