import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { BenchImap } from './replica';

/**
 * The baseline of the IMAP figures: imapflow fetches every message of the
 * INBOX (read-only) and mailparser's simpleParser parses each, nothing stored.
 */
export async function bareImapFetch(
  imap: BenchImap,
  user: string,
): Promise<{ messages: number; attachments: number }> {
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: true,
    tls: { ca: [imap.caPem] },
    auth: { user, pass: imap.passwords[user] },
    logger: false,
  });
  await client.connect();
  let messages = 0;
  let attachments = 0;
  try {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      for await (const m of client.fetch('1:*', { uid: true, source: true })) {
        const parsed = await simpleParser(m.source!);
        messages++;
        attachments += parsed.attachments.length;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
  return { messages, attachments };
}
