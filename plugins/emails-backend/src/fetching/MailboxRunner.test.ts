import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  buildTestMessage,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { createStores, Stores } from '../database';
import { FakeIngest } from './__testUtils__/FakeIngest';
import {
  addImapServer,
  bedServers,
  folderState,
  inspect,
} from './__testUtils__/mailboxFixture';
import { imapFetcherFactory } from './mailboxSettings';
import { MailboxRunner } from './MailboxRunner';

jest.setTimeout(60_000);

const USERS = ['deliver', 'seen', 'folders', 'new', 'import', 'validity'].map(
  name => ({ user: `${name}@localhost`, password: `${name}-password` }),
);

describe('MailboxRunner against Dovecot', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let bed: TestBed;
  let stores: Stores;

  beforeAll(async () => {
    bed = await startTestBed({ users: USERS });
    const knex = await databases.init('SQLITE_3');
    stores = await createStores({ getClient: async () => knex });
  });
  afterAll(() => bed?.stop());

  const runner = (ingest: FakeIngest) =>
    new MailboxRunner({
      servers: bedServers(stores, bed),
      stores,
      ingest,
      logger: mockServices.logger.mock(),
      createFetcher: imapFetcherFactory({ ca: [bed.caPem] }),
      idleHoldMs: 30_000,
      backoff: { initialMs: 100, maxMs: 1_000 },
    });
  const runOnce = (r: MailboxRunner, id: string) =>
    r.run(id, new AbortController().signal);
  const subjects = async (user: string, folder: string) =>
    (await folderState(bed, user, folder))?.map(m => m.subject);

  it('records, then processes, then moves a delivered message to the success folder', async () => {
    const user = 'deliver@localhost';
    const server = await addImapServer(stores, bed, user, {
      folders: { inbox: 'INBOX', success: 'Processed' },
    });
    const ingest = new FakeIngest();
    const r = runner(ingest);
    expect(await runOnce(r, server.id)).toBe('done'); // first connection: cursor only

    await bed.deliver(
      user,
      buildTestMessage({ subject: 'Printer on fire', to: user }),
    );
    let inboxWhenRecorded: unknown;
    ingest.afterRecord = async () => {
      inboxWhenRecorded = await folderState(bed, user, 'INBOX');
    };
    expect(await runOnce(r, server.id)).toBe('done');

    const [record] = ingest.records.values();
    expect(record.source.sourceId).toMatch(/^imap:INBOX:\d+:1$/);
    expect(ingest.calls).toEqual([
      `record:${record.source.sourceId}`,
      `process:${record.id}`,
    ]);
    // Nothing had changed on the server when the record was committed.
    expect(inboxWhenRecorded).toEqual([
      { subject: 'Printer on fire', seen: false },
    ]);
    expect(await subjects(user, 'INBOX')).toEqual([]);
    expect(await subjects(user, 'Processed')).toEqual(['Printer on fire']);
    expect((await stores.health.get('incoming', server.id)).status).toBe(
      'reachable',
    );
  });

  it('flags a handled message \\Seen when no folder is configured', async () => {
    const user = 'seen@localhost';
    const server = await addImapServer(stores, bed, user);
    const ingest = new FakeIngest();
    const r = runner(ingest);
    await runOnce(r, server.id);
    await bed.deliver(user, buildTestMessage({ subject: 'Keep me', to: user }));
    await runOnce(r, server.id);
    expect(await folderState(bed, user, 'INBOX')).toEqual([
      { subject: 'Keep me', seen: true },
    ]);
    // A second run finds nothing new: the cursor moved past it.
    await runOnce(r, server.id);
    expect(ingest.calls.filter(c => c.startsWith('record'))).toHaveLength(1);
  });

  it('files fail and exclusion outcomes into their folders, creating them', async () => {
    const user = 'folders@localhost';
    const server = await addImapServer(stores, bed, user, {
      folders: {
        inbox: 'INBOX',
        success: 'Done',
        fail: 'Failed',
        exclusion: 'Excluded',
      },
    });
    const ingest = new FakeIngest();
    ingest.outcome = rec => {
      if (rec.subject === 'broken')
        return { status: 'failed', disposition: 'fail' };
      if (rec.subject === 'newsletter')
        return { status: 'ignored', disposition: 'exclusion' };
      return { status: 'ticketed', disposition: 'success' };
    };
    const r = runner(ingest);
    await runOnce(r, server.id);
    for (const subject of ['broken', 'newsletter', 'question']) {
      await bed.deliver(user, buildTestMessage({ subject, to: user }));
    }
    await runOnce(r, server.id);
    expect(await subjects(user, 'Failed')).toEqual(['broken']);
    expect(await subjects(user, 'Excluded')).toEqual(['newsletter']);
    expect(await subjects(user, 'Done')).toEqual(['question']);
    expect(await subjects(user, 'INBOX')).toEqual([]);
  });

  it('imports only mail arriving after the first connection by default', async () => {
    const user = 'new@localhost';
    await bed.deliver(user, buildTestMessage({ subject: 'old one', to: user }));
    await bed.deliver(user, buildTestMessage({ subject: 'old two', to: user }));
    const server = await addImapServer(stores, bed, user);
    const ingest = new FakeIngest();
    const r = runner(ingest);
    await runOnce(r, server.id);
    expect(ingest.records.size).toBe(0);
    await bed.deliver(user, buildTestMessage({ subject: 'fresh', to: user }));
    await runOnce(r, server.id);
    expect(ingest.subjects()).toEqual(['fresh']);
    expect(
      (await stores.health.get('incoming', server.id)).importProgress,
    ).toBeUndefined();
  });

  it('imports existing mail since importSince with progress, then goes live', async () => {
    const user = 'import@localhost';
    await inspect(bed, user, client =>
      client.append(
        'INBOX',
        buildTestMessage({ subject: 'from 2020', to: user }),
        [],
        new Date('2020-03-01T10:00:00Z'),
      ),
    );
    await bed.deliver(
      user,
      buildTestMessage({ subject: 'recent one', to: user }),
    );
    await bed.deliver(
      user,
      buildTestMessage({ subject: 'recent two', to: user }),
    );
    const server = await addImapServer(stores, bed, user, {
      importSince: '2025-01-01T00:00:00.000Z',
    });
    const ingest = new FakeIngest();
    const seen: unknown[] = [];
    ingest.afterRecord = async () => {
      seen.push(
        (await stores.health.get('incoming', server.id)).importProgress,
      );
    };
    const r = runner(ingest);
    await runOnce(r, server.id);
    expect(ingest.subjects()).toEqual(['recent one', 'recent two']);
    // Progress is written per batch; both fit in one.
    expect(seen).toEqual([
      { done: 0, total: 2 },
      { done: 0, total: 2 },
    ]);
    const after = await serverView(server.id);
    expect(after.importProgress).toEqual({ done: 2, total: 2 });

    ingest.afterRecord = undefined;
    await bed.deliver(user, buildTestMessage({ subject: 'live', to: user }));
    await runOnce(r, server.id);
    expect(ingest.subjects()).toEqual(['recent one', 'recent two', 'live']);
    expect((await stores.mailboxCursors.get(server.id, 'INBOX'))?.mode).toBe(
      'live',
    );
  });

  it('re-syncs after a UIDVALIDITY change without importing anything twice', async () => {
    const user = 'validity@localhost';
    await inspect(bed, user, client => client.mailboxCreate('Tickets'));
    const server = await addImapServer(stores, bed, user, {
      folders: { inbox: 'Tickets' },
    });
    const ingest = new FakeIngest();
    const r = runner(ingest);
    await runOnce(r, server.id);
    const first = (await stores.mailboxCursors.get(server.id, 'Tickets'))!
      .validity;
    await inspect(bed, user, async client => {
      await client.append(
        'Tickets',
        buildTestMessage({ subject: 'one', to: user }),
      );
      await client.append(
        'Tickets',
        buildTestMessage({ subject: 'two', to: user }),
      );
    });
    await runOnce(r, server.id);
    expect(ingest.subjects()).toEqual(['one', 'two']);

    // The folder is rebuilt (as a server migration would): handled mail keeps
    // its \Seen, one message arrived meanwhile and nobody has seen it yet.
    await inspect(bed, user, async client => {
      await client.mailboxDelete('Tickets');
      await client.mailboxCreate('Tickets');
      await client.append(
        'Tickets',
        buildTestMessage({ subject: 'one', to: user }),
        ['\\Seen'],
      );
      await client.append(
        'Tickets',
        buildTestMessage({ subject: 'two', to: user }),
        ['\\Seen'],
      );
      await client.append(
        'Tickets',
        buildTestMessage({ subject: 'during the move', to: user }),
      );
    });
    await runOnce(r, server.id);
    const cursor = await stores.mailboxCursors.get(server.id, 'Tickets');
    expect(cursor?.validity).not.toBe(first);
    expect(ingest.subjects()).toEqual(['one', 'two', 'during the move']);
    const last = [...ingest.records.values()][2];
    expect(last.source.sourceId).toBe(`imap:Tickets:${cursor?.validity}:3`);

    await inspect(bed, user, client =>
      client.append(
        'Tickets',
        buildTestMessage({ subject: 'after', to: user }),
      ),
    );
    await runOnce(r, server.id);
    expect(ingest.subjects()).toEqual([
      'one',
      'two',
      'during the move',
      'after',
    ]);
  });

  async function serverView(id: string) {
    return bedServers(stores, bed).get(id);
  }
});
