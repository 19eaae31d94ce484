import { ImapFlow } from 'imapflow';
import { MailParser, simpleParser } from 'mailparser';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BenchImap } from './replica';

/** A signed-in imapflow client of the bench's Dovecot. */
async function connectedClient(imap: BenchImap, user: string) {
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: true,
    tls: { ca: [imap.caPem] },
    auth: { user, pass: imap.passwords[user] },
    logger: false,
  });
  await client.connect();
  return client;
}

/**
 * The baseline of the IMAP figures: imapflow fetches every message of the
 * INBOX (read-only) and mailparser's simpleParser parses each, nothing stored.
 */
export async function bareImapFetch(
  imap: BenchImap,
  user: string,
): Promise<{ messages: number; attachments: number }> {
  const client = await connectedClient(imap, user);
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

/**
 * What streaming can reach (the memory figure's second baseline): imapflow's
 * download() reads each message in 64 KiB partial FETCHes into mailparser's
 * MailParser, and every attachment is piped into a file under `dir` while
 * its SHA-256 is computed. Nothing holds a whole message or attachment.
 */
export async function bareImapStream(
  imap: BenchImap,
  user: string,
  dir: string,
): Promise<{ messages: number; attachments: number }> {
  const client = await connectedClient(imap, user);
  let messages = 0;
  let attachments = 0;
  try {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      for (const uid of uids) {
        const { content } = await client.download(String(uid), undefined, {
          uid: true,
        });
        const parser = new MailParser();
        const files: Promise<unknown>[] = [];
        parser.on('data', (data: any) => {
          if (data.type !== 'attachment') return;
          const hash = createHash('sha256');
          data.content.on('data', (chunk: Buffer) => hash.update(chunk));
          const file = join(dir, `${uid}-${files.length}`);
          files.push(
            pipeline(data.content, createWriteStream(file)).finally(() =>
              data.release(),
            ),
          );
        });
        await pipeline(content, parser);
        await Promise.all(files);
        attachments += files.length;
        messages++;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
  return { messages, attachments };
}
