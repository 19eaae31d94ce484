// Mail on the requester's side of a journey: messages written as their mail
// client would, and their Dovecot mailbox read over IMAP.
import type { TestBed } from '@internal/emails-test-bed';
import { ImapFlow } from 'imapflow';
import { ParsedMail, simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import type { SendMailOptions, SentMessageInfo } from 'nodemailer';

/** The local portal's demo mailbox: SMTP push on 127.0.0.1:2525. */
export const DEMO_MAILBOX = 'support@localhost';

/**
 * Pushes each message to the local portal's demo mailbox over SMTP (one
 * connection for all); answers what the server said of each.
 */
export async function pushToDemoMailbox(
  ...messages: SendMailOptions[]
): Promise<SentMessageInfo[]> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: 2525,
    secure: false,
    ignoreTLS: true,
  });
  const sent: SentMessageInfo[] = [];
  try {
    for (const message of messages) {
      sent.push(await transport.sendMail({ to: DEMO_MAILBOX, ...message }));
    }
  } finally {
    transport.close();
  }
  return sent;
}

/** A plain-text message as a requester's mail client writes it, CRLF line ends. */
export function requesterMail(values: {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  text: string;
  inReplyTo?: string;
  references?: string[];
}): string {
  return [
    `From: ${values.from}`,
    `To: ${values.to}`,
    `Subject: ${values.subject}`,
    `Message-ID: ${values.messageId}`,
    `Date: ${new Date().toUTCString()}`,
    ...(values.inReplyTo ? [`In-Reply-To: ${values.inReplyTo}`] : []),
    ...(values.references?.length
      ? [`References: ${values.references.join(' ')}`]
      : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    values.text,
    '',
  ].join('\r\n');
}

/**
 * Reads a user's INBOX in the test bed over IMAP (plain IMAP on loopback)
 * and answers every message in it, parsed, oldest first.
 */
export async function readInbox(
  bed: TestBed,
  user: string,
): Promise<ParsedMail[]> {
  const client = new ImapFlow({
    host: bed.host,
    port: bed.ports.imap,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass: bed.passwordOf(user) },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const mails: ParsedMail[] = [];
      if (!(client.mailbox && client.mailbox.exists)) return mails;
      for await (const message of client.fetch('1:*', { source: true })) {
        if (message.source) mails.push(await simpleParser(message.source));
      }
      return mails;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** The Message-IDs a message's References header names. */
export function referencesOf(mail: ParsedMail): string[] {
  const refs = mail.references;
  if (!refs) return [];
  return Array.isArray(refs) ? refs : refs.split(/\s+/);
}

/** The relayed reply to a requester holding this text, as the bed's sink received it. */
export async function relayedReply(
  bed: TestBed,
  to: string,
  text: string,
): Promise<ParsedMail> {
  const sunk = await bed.waitForMessage(
    m => m.to.includes(to) && m.raw.toString().includes(text),
    60_000,
  );
  // The organisation's mail server hands it to the requester's mailbox.
  await bed.deliver(to, sunk.raw);
  return simpleParser(sunk.raw);
}
