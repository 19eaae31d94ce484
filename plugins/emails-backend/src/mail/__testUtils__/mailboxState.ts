import { Pop3Client, TestBed } from '@internal/emails-test-bed';
import { ImapFlow } from 'imapflow';

/** A separate IMAP client for looking at a user's mailbox from the outside. */
export async function inspect<T>(
  bed: TestBed,
  user: string,
  look: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = new ImapFlow({
    host: bed.host,
    port: bed.ports.imaps,
    secure: true,
    tls: { ca: bed.caPem },
    auth: { user, pass: bed.passwordOf(user) },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await look(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** UID and flags of every INBOX message, read with EXAMINE so reading changes nothing. */
export async function imapState(
  bed: TestBed,
  user: string,
): Promise<{ uid: number; flags: string[] }[]> {
  return inspect(bed, user, async client => {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      if (!client.mailbox || !client.mailbox.exists) return [];
      const state: { uid: number; flags: string[] }[] = [];
      for await (const m of client.fetch('1:*', { uid: true, flags: true })) {
        // \Recent belongs to the session that saw the message first, not to the mailbox.
        const flags = [...(m.flags ?? [])].filter(f => f !== '\\Recent');
        state.push({ uid: m.uid, flags: flags.sort() });
      }
      return state;
    } finally {
      lock.release();
    }
  });
}

/** The POP3 STAT of a mailbox: how many messages POP3 still offers. */
export async function pop3Count(bed: TestBed, user: string): Promise<number> {
  const client = await Pop3Client.connect({
    host: bed.host,
    port: bed.ports.pop3s,
    tls: 'implicit',
    ca: bed.caPem,
  });
  try {
    await client.login(user, bed.passwordOf(user));
    return (await client.stat()).count;
  } finally {
    await client.quit();
  }
}
