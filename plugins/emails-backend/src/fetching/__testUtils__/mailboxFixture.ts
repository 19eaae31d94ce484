import { inspect } from '../../mail/__testUtils__/mailboxState';
import { TestBed } from '@internal/emails-test-bed';
import { MailServerRecord, Stores } from '../../database';
import { toIncomingServer } from '../../service/serverView';

/** Adds an IMAP incoming server for a test bed user (IMAPS, basic auth). */
export async function addImapServer(
  stores: Stores,
  bed: TestBed,
  user: string,
  settings: Record<string, unknown> = {},
  options: { name?: string; enabled?: boolean } = {},
): Promise<MailServerRecord> {
  return stores.incomingServers.create({
    name: options.name ?? `mailbox ${user}`,
    email: user,
    protocol: 'imap',
    enabled: options.enabled ?? true,
    primary: false,
    settings: {
      host: bed.host,
      port: bed.ports.imaps,
      security: 'ssl',
      authType: 'basic',
      username: user,
      ...settings,
    },
  });
}

/** The part of MailServerService fetching uses, over the stores; passwords come from the test bed. */
export function bedServers(stores: Stores, bed: TestBed) {
  return {
    async withSecrets(id: string) {
      const record = await stores.incomingServers.get(id);
      return { record, secrets: { password: bed.passwordOf(record.email) } };
    },
    async get(id: string) {
      const record = await stores.incomingServers.get(id);
      return toIncomingServer(record, await stores.health.get('incoming', id));
    },
  };
}

export { inspect };

/** Subjects and flags of a folder's messages; missing folder = undefined. */
export async function folderState(
  bed: TestBed,
  user: string,
  folder: string,
): Promise<{ subject: string; seen: boolean }[] | undefined> {
  return inspect(bed, user, async client => {
    const list = await client.list();
    if (!list.some(f => f.path === folder)) return undefined;
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      if (!client.mailbox || !client.mailbox.exists) return [];
      const state: { subject: string; seen: boolean }[] = [];
      for await (const m of client.fetch('1:*', {
        envelope: true,
        flags: true,
      })) {
        state.push({
          subject: m.envelope?.subject ?? '',
          seen: !!m.flags?.has('\\Seen'),
        });
      }
      return state;
    } finally {
      lock.release();
    }
  });
}

/** Waits until `check` holds, polling; fails after `timeoutMs` with the last value. */
export async function eventually<T>(
  read: () => Promise<T> | T,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) {
      throw new Error(
        `Timed out after ${timeoutMs} ms; last value ${JSON.stringify(value)}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}
