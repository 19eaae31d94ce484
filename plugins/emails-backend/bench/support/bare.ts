import { ImapFlow } from 'imapflow';
import { MailParser, simpleParser } from 'mailparser';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BenchImap } from './replica';

/** What a bare fetch read: messages and the attachments found in them. */
export interface BareResult {
  messages: number;
  attachments: number;
}

/**
 * Signs in to the bench's Dovecot as `user`, runs `read` with the INBOX
 * opened read-only (nothing is flagged), then logs out.
 */
async function readInbox(
  imap: BenchImap,
  user: string,
  read: (client: ImapFlow) => Promise<BareResult>,
): Promise<BareResult> {
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: true,
    tls: { ca: [imap.caPem] },
    auth: { user, pass: imap.passwords[user] },
    logger: false,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      return await read(client);
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/**
 * The baseline of the IMAP figures: imapflow fetches every message of the
 * INBOX (read-only) and mailparser's simpleParser parses each, nothing stored.
 */
export function bareImapFetch(
  imap: BenchImap,
  user: string,
): Promise<BareResult> {
  return readInbox(imap, user, async client => {
    let messages = 0;
    let attachments = 0;
    for await (const m of client.fetch('1:*', { uid: true, source: true })) {
      const parsed = await simpleParser(m.source!);
      messages++;
      attachments += parsed.attachments.length;
    }
    return { messages, attachments };
  });
}

/**
 * What streaming can reach (the memory figure's second baseline): imapflow's
 * download() reads each message in 64 KiB partial FETCHes into mailparser's
 * MailParser, and every attachment is piped into a file under `dir` while
 * its SHA-256 is computed. Nothing holds a whole message or attachment.
 */
export function bareImapStream(
  imap: BenchImap,
  user: string,
  dir: string,
): Promise<BareResult> {
  return readInbox(imap, user, async client => {
    let messages = 0;
    let attachments = 0;
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
    return { messages, attachments };
  });
}
