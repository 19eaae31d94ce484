import {
  buildTestMessage,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { inspect } from '../__testUtils__/mailboxState';
import { MailFetchError } from '../MailFetcher';
import { bedImapFetchers } from '../__testUtils__/bedFetchers';
import { toSequenceSet } from './sequenceSet';

jest.setTimeout(60_000);

const USERS = ['fetch', 'oauth', 'wait', 'big'].map(name => ({
  user: `${name}@localhost`,
  password: `${name}-password`,
}));

describe('toSequenceSet', () => {
  it('writes runs as ranges', () => {
    expect(toSequenceSet([9, 1, 2, 3, 5, 10, 11, 3])).toBe('1:3,5,9:11');
    expect(toSequenceSet([42])).toBe('42');
  });
});

describe('ImapFetcher against Dovecot', () => {
  let bed: TestBed;
  const fetchers = bedImapFetchers(() => bed);

  beforeAll(async () => {
    bed = await startTestBed({ users: USERS });
  });
  afterEach(async () => {
    await fetchers.closeAll();
  });
  afterAll(() => bed?.stop());

  const connected = fetchers.connected.bind(fetchers);

  async function append(
    user: string,
    subject: string,
    flags: string[] = [],
    date?: Date,
  ) {
    await inspect(bed, user, client =>
      client.append(
        'INBOX',
        buildTestMessage({ subject, to: user }),
        flags,
        date,
      ),
    );
  }

  it('lists by UID, received date and \\Seen, and reads without setting \\Seen', async () => {
    const user = 'fetch@localhost';
    await append(user, 'old', [], new Date('2021-06-01T00:00:00Z'));
    await append(user, 'read already', ['\\Seen']);
    await append(user, 'fresh');
    const fetcher = await connected(user);
    const snapshot = await fetcher.open('INBOX');
    expect(snapshot).toMatchObject({ folder: 'INBOX', nextUid: 4, count: 3 });

    const all = await fetcher.listNew('INBOX', { afterUid: 0 });
    expect(all.map(m => m.uid)).toEqual([1, 2, 3]);
    // "4:*" names the last message on the wire; it must not come back.
    expect(await fetcher.listNew('INBOX', { afterUid: 3 })).toEqual([]);
    const recent = await fetcher.listNew('INBOX', {
      afterUid: 0,
      receivedSince: new Date('2024-01-01T00:00:00Z'),
      unseenOnly: true,
    });
    expect(recent.map(m => m.uid)).toEqual([3]);
    expect(recent[0].receivedAt).toBeInstanceOf(Date);

    const raw = await fetcher.fetchRaw(all[2]);
    expect(raw?.headersOnly).toBe(false);
    expect(raw?.raw.toString()).toContain('Subject: fresh');
    await fetcher.close();
    const again = await connected(user);
    const unseen = await again.listNew('INBOX', {
      afterUid: 0,
      unseenOnly: true,
    });
    expect(unseen.map(m => m.uid)).toEqual([1, 3]);
    expect(await again.fetchRaw({ ...all[0], uid: 99 })).toBeUndefined();
  });

  it('refuses to act on a UID listed under another UIDVALIDITY', async () => {
    const fetcher = await connected('fetch@localhost');
    const snapshot = await fetcher.open('INBOX');
    const stale = {
      folder: 'INBOX',
      validity: `${snapshot.validity}0`,
      uid: 1,
    };
    await expect(fetcher.mark(stale, { type: 'seen' })).rejects.toMatchObject({
      kind: 'validity-changed',
    });
  });

  it('records a message above the size limit from its headers only', async () => {
    const user = 'big@localhost';
    await bed.deliver(
      user,
      buildTestMessage({ subject: 'huge', to: user, body: 'x'.repeat(20_000) }),
    );
    const fetcher = await connected(user, { maxMessageBytes: 5_000 });
    await fetcher.open('INBOX');
    const [ref] = await fetcher.listNew('INBOX', { afterUid: 0 });
    const raw = await fetcher.fetchRaw(ref);
    expect(raw).toMatchObject({ headersOnly: true });
    expect(raw!.size).toBeGreaterThan(20_000);
    expect(raw!.raw.toString()).toContain('Subject: huge');
    expect(raw!.raw.length).toBeLessThan(5_000);
  });

  it('signs in with an OAuth access token, and names a refused password', async () => {
    const user = 'oauth@localhost';
    const token = await bed.issueAccessToken(user);
    const fetcher = await connected(user, {
      auth: { type: 'oauth', username: user, accessToken: token },
    });
    expect((await fetcher.open('INBOX')).folder).toBe('INBOX');

    const wrong = fetchers.make(user, {
      port: bed.ports.imap,
      security: 'starttls',
      auth: { type: 'basic', username: user, password: 'wrong' },
    });
    const error = await wrong.connect().catch(e => e);
    expect(error).toBeInstanceOf(MailFetchError);
    expect(error.kind).toBe('auth');
  });

  it('waits in IDLE until new mail, a timeout or an abort', async () => {
    const user = 'wait@localhost';
    const fetcher = await connected(user);
    await fetcher.open('INBOX');
    await fetcher.listNew('INBOX', { afterUid: 0 });
    const never = new AbortController().signal;

    const started = Date.now();
    expect(
      await fetcher.waitForNewMail('INBOX', { signal: never, maxWaitMs: 300 }),
    ).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);

    const abort = new AbortController();
    setTimeout(() => abort.abort(), 200);
    expect(
      await fetcher.waitForNewMail('INBOX', {
        signal: abort.signal,
        maxWaitMs: 30_000,
      }),
    ).toBe('aborted');

    const waiting = fetcher.waitForNewMail('INBOX', {
      signal: never,
      maxWaitMs: 30_000,
    });
    await new Promise(resolve => setTimeout(resolve, 200));
    await bed.deliver(user, buildTestMessage({ subject: 'wake up', to: user }));
    expect(await waiting).toBe('new-mail');
    // The connection is usable again after IDLE.
    expect(
      (await fetcher.listNew('INBOX', { afterUid: 0 })).map(m => m.uid),
    ).toEqual([1]);
  });
});
