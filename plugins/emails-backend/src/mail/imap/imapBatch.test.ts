import {
  buildTestMessage,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { ImapFlow } from 'imapflow';
import { inspect } from '../__testUtils__/mailboxState';
import { MailFetchError, MessageRef } from '../MailFetcher';
import { leadingRun } from './imapBatch';
import { bedImapFetchers } from '../__testUtils__/bedFetchers';

jest.setTimeout(60_000);

const USERS = ['sizes', 'gone', 'validity', 'grouped', 'bounded'].map(name => ({
  user: `${name}@localhost`,
  password: `${name}-password`,
}));

const ref = (uid: number): MessageRef => ({
  folder: 'INBOX',
  validity: '1',
  uid,
});

describe('leadingRun', () => {
  const limits = { maxBytes: 100, maxMessageBytes: 60 };

  it('stops before the message that would pass the byte bound, but always takes the first', () => {
    const sizes = new Map([
      [1, 50],
      [2, 40],
      [3, 20],
    ]);
    expect(leadingRun([ref(1), ref(2), ref(3)], sizes, limits)).toEqual([
      ref(1),
      ref(2),
    ]);
    const huge = new Map([[1, 500]]);
    expect(
      leadingRun([ref(1)], huge, { maxBytes: 10, maxMessageBytes: 1000 }),
    ).toEqual([ref(1)]);
  });

  it('counts an oversized message (read as headers) and a gone one as nothing', () => {
    const sizes = new Map([
      [1, 50],
      [2, 5_000],
      [4, 50],
    ]);
    expect(
      leadingRun([ref(1), ref(2), ref(3), ref(4)], sizes, limits),
    ).toHaveLength(4);
  });
});

describe('ImapFetcher batches against Dovecot', () => {
  let bed: TestBed;
  const fetchers = bedImapFetchers(() => bed);

  beforeAll(async () => {
    bed = await startTestBed({ users: USERS });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await fetchers.closeAll();
  });
  afterAll(() => bed?.stop());

  const connected = fetchers.connected.bind(fetchers);

  const fill = (user: string, folder: string, bodies: string[]) =>
    inspect(bed, user, async client => {
      for (const [i, body] of bodies.entries()) {
        await client.append(
          folder,
          buildTestMessage({ subject: `m${i + 1}`, to: user, body }),
        );
      }
    });

  const seenFlags = (user: string, folder: string) =>
    inspect(bed, user, async client => {
      const lock = await client.getMailboxLock(folder, { readOnly: true });
      try {
        const flags: boolean[] = [];
        for await (const m of client.fetch('1:*', { flags: true })) {
          flags.push(!!m.flags?.has('\\Seen'));
        }
        return flags;
      } finally {
        lock.release();
      }
    });

  it('reads a message above the size limit inside a batch as its header block, in three FETCHes', async () => {
    const user = 'sizes@localhost';
    await fill(user, 'INBOX', ['small', 'x'.repeat(20_000), 'small too']);
    const fetcher = await connected(user, { maxMessageBytes: 10_000 });
    await fetcher.open('INBOX');
    const refs = await fetcher.listNew('INBOX', { afterUid: 0 });
    const fetch = jest.spyOn(ImapFlow.prototype, 'fetch');
    const batch = await fetcher.fetchMany(refs, { maxBytes: 1 << 20 });
    // Sizes, whole messages, header blocks: not a few commands per message.
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(batch.map(b => [b.ref.uid, b.message?.headersOnly])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    const large = batch[1].message!;
    expect(large.size).toBeGreaterThan(20_000);
    expect(large.raw.toString()).toMatch(/Subject: m2/);
    expect(large.raw.toString()).not.toMatch(/xxxx/);
    expect(batch[2].message!.raw.toString()).toMatch(/small too/);
    // BODY.PEEK: reading a batch leaves \Seen alone.
    expect(await seenFlags(user, 'INBOX')).toEqual([false, false, false]);
  });

  it('answers undefined for a message expunged between listing and fetch', async () => {
    const user = 'gone@localhost';
    await fill(user, 'INBOX', ['one', 'two', 'three']);
    const fetcher = await connected(user);
    await fetcher.open('INBOX');
    const refs = await fetcher.listNew('INBOX', { afterUid: 0 });
    await inspect(bed, user, async client => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageDelete('2', { uid: true });
      } finally {
        lock.release();
      }
    });
    const batch = await fetcher.fetchMany(refs, { maxBytes: 1 << 20 });
    expect(batch.map(b => [b.ref.uid, !!b.message])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
  });

  it('refuses to read or file a batch listed before a UIDVALIDITY change, touching nothing', async () => {
    const user = 'validity@localhost';
    await inspect(bed, user, client => client.mailboxCreate('Tickets'));
    await fill(user, 'Tickets', ['one', 'two']);
    const lister = await connected(user);
    await lister.open('Tickets');
    const refs = await lister.listNew('Tickets', { afterUid: 0 });
    await lister.close();
    // The folder is rebuilt mid-batch: same UIDs, other messages.
    await inspect(bed, user, async client => {
      await client.mailboxDelete('Tickets');
      await client.mailboxCreate('Tickets');
    });
    await fill(user, 'Tickets', ['other one', 'other two']);
    const fetcher = await connected(user);
    const marks = refs.map(r => ({ ref: r, mark: { type: 'seen' as const } }));
    const failures = [
      await fetcher.markMany(marks).catch((e: unknown) => e),
      await fetcher
        .fetchMany(refs, { maxBytes: 1 << 20 })
        .catch((e: unknown) => e),
    ];
    for (const error of failures) {
      expect(error).toBeInstanceOf(MailFetchError);
      expect((error as MailFetchError).kind).toBe('validity-changed');
    }
    expect(await seenFlags(user, 'Tickets')).toEqual([false, false]);
  });

  it('files a batch with one STORE for the flagged and one MOVE per folder', async () => {
    const user = 'grouped@localhost';
    await fill(user, 'INBOX', ['a', 'b', 'c', 'd', 'e']);
    const fetcher = await connected(user);
    await fetcher.open('INBOX');
    const refs = await fetcher.listNew('INBOX', { afterUid: 0 });
    const store = jest.spyOn(ImapFlow.prototype, 'messageFlagsAdd');
    const move = jest.spyOn(ImapFlow.prototype, 'messageMove');
    const to = (folder: string) => ({ type: 'move' as const, folder });
    const seen = { type: 'seen' as const };
    await fetcher.markMany([
      { ref: refs[0], mark: seen },
      { ref: refs[1], mark: to('Processed') },
      { ref: refs[2], mark: seen },
      { ref: refs[3], mark: to('Failed') },
      { ref: refs[4], mark: to('Processed') },
    ]);
    expect(store.mock.calls.map(c => c[0])).toEqual(['1,3']);
    expect(move.mock.calls.map(c => [c[0], c[1]]).sort()).toEqual([
      ['2,5', 'Processed'],
      ['4', 'Failed'],
    ]);
    expect(await seenFlags(user, 'INBOX')).toEqual([true, true]);
    const count = (folder: string) =>
      inspect(bed, user, async client => {
        const status = await client.status(folder, { messages: true });
        return status ? status.messages : undefined;
      });
    expect(await count('Processed')).toBe(2);
    expect(await count('Failed')).toBe(1);
  });

  it('reads no more than the byte bound in one call, the rest in the next', async () => {
    const user = 'bounded@localhost';
    const body = 'y'.repeat(3_000);
    await fill(user, 'INBOX', [body, body, body]);
    const fetcher = await connected(user);
    await fetcher.open('INBOX');
    const refs = await fetcher.listNew('INBOX', { afterUid: 0 });
    const first = await fetcher.fetchMany(refs, { maxBytes: 7_000 });
    expect(first.map(b => b.ref.uid)).toEqual([1, 2]);
    const rest = await fetcher.fetchMany(refs.slice(first.length), {
      maxBytes: 7_000,
    });
    expect(rest.map(b => b.ref.uid)).toEqual([3]);
    expect(rest[0].message!.raw.toString()).toMatch(/Subject: m3/);
  });
});
