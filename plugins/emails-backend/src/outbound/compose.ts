import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { MailServerRecord } from '../database';
import { OutboundInput } from '../database/OutboundStore';

/** What to send; From, sender name and Reply-To come from the outgoing server. */
export interface OutboundDraft {
  idempotencyKey: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  text?: string;
  html?: string;
  /** Overrides the server's Reply-To. */
  replyTo?: string;
  /** Defaults to a random id at the server's domain. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Extra headers, e.g. `Auto-Submitted`; values are encoded by nodemailer. */
  headers?: Record<string, string>;
  ticketId?: string;
}

/**
 * Builds the RFC 822 bytes once, at enqueue time, so what is sent is exactly
 * what was queued, whichever server ends up sending it.
 */
export async function composeOutbound(
  server: MailServerRecord,
  draft: OutboundDraft,
  date: Date = new Date(),
): Promise<OutboundInput> {
  // Sender name and Reply-To belong to every outgoing server, whatever its protocol.
  const s = server.settings as { senderName?: string; replyTo?: string };
  const domain = server.email.split('@').pop() || 'localhost';
  const messageId = draft.messageId ?? `<${randomUUID()}@${domain}>`;
  const raw = await new MailComposer({
    from: s.senderName
      ? { name: s.senderName, address: server.email }
      : server.email,
    replyTo: draft.replyTo || s.replyTo || undefined,
    to: draft.to,
    cc: draft.cc,
    subject: draft.subject,
    text: draft.text,
    html: draft.html,
    messageId,
    inReplyTo: draft.inReplyTo,
    references: draft.references,
    headers: draft.headers,
    date,
  })
    .compile()
    .build();
  return {
    idempotencyKey: draft.idempotencyKey,
    preferredServerId: server.id,
    from: server.email,
    to: draft.to,
    cc: draft.cc,
    bcc: draft.bcc,
    subject: draft.subject,
    messageId,
    raw,
    ticketId: draft.ticketId,
  };
}
