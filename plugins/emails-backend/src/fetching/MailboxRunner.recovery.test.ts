import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  buildTestMessage,
  freePort,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { createStores, Stores } from '../database';
import { FakeIngest } from './__testUtils__/FakeIngest';
import {
  addImapServer,
  bedServers,
  eventually,
  folderState,
} from './__testUtils__/mailboxFixture';
import { imapFetcherFactory } from './mailboxSettings';
import { MailboxRunner } from './MailboxRunner';

jest.setTimeout(60_000);

const USERS = ['crash', 'crash2', 'errors', 'throws', 'idle'].map(name => ({
  user: `${name}@localhost`,
  password: `${name}-password`,
}));

describe('MailboxRunner recovery against Dovecot', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let bed: TestBed;
  let stores: Stores;

  beforeAll(async () => {
    bed = await startTestBed({ users: USERS });
    const knex = await databases.init('SQLITE_3');
    stores = await createStores({ getClient: async () => knex });
  });
  afterAll(() => bed?.stop());

  const runner = (ingest: FakeIngest, idleHoldMs = 30_000) =>
    new MailboxRunner({
      servers: bedServers(stores, bed),
      stores,
      ingest,
      logger: mockServices.logger.mock(),
      createFetcher: imapFetcherFactory({ ca: [bed.caPem] }),
      idleHoldMs,
      backoff: { initialMs: 100, maxMs: 1_000 },
    });
  const runOnce = (r: MailboxRunner, id: string) =>
    r.run(id, new AbortController().signal);
  const subjects = async (user: string, folder: string) =>
    (await folderState(bed, user, folder))?.map(m => m.subject);

  async function mailboxWith(user: string, settings: Record<string, unknown>) {
    const server = await addImapServer(stores, bed, user, settings);
    const ingest = new FakeIngest();
    const r = runner(ingest);
    await runOnce(r, server.id); // first connection sets the cursor
    return { server, ingest, r };
  }

  it('a run aborted after record processes the same record next time and moves the message once', async () => {
    const user = 'crash@localhost';
    const { server, ingest, r } = await mailboxWith(user, {
      folders: { inbox: 'INBOX', success: 'Done' },
    });
    await bed.deliver(
      user,
      buildTestMessage({ subject: 'crash test', to: user }),
    );
    const first = new AbortController();
    ingest.afterRecord = () => first.abort();
    expect(await r.run(server.id, first.signal)).toBe('aborted');
    expect(await subjects(user, 'INBOX')).toEqual(['crash test']);
    const [record] = ingest.records.values();
    expect(record.processed).toBe(0);

    ingest.afterRecord = undefined;
    expect(await runOnce(r, server.id)).toBe('done');
    expect(ingest.calls).toEqual([
      `record:${record.source.sourceId}`,
      `record:${record.source.sourceId}`,
      `process:${record.id}`,
    ]);
    expect(await subjects(user, 'Done')).toEqual(['crash test']);
    expect(await subjects(user, 'INBOX')).toEqual([]);
  });

  it('a run aborted after process runs process again on the same record id, then moves once', async () => {
    const user = 'crash2@localhost';
    const { server, ingest, r } = await mailboxWith(user, {
      folders: { inbox: 'INBOX', success: 'Done' },
    });
    await bed.deliver(
      user,
      buildTestMessage({ subject: 'twice processed', to: user }),
    );
    const first = new AbortController();
    ingest.beforeProcess = () => first.abort();
    expect(await r.run(server.id, first.signal)).toBe('aborted');
    expect(await subjects(user, 'INBOX')).toEqual(['twice processed']);

    ingest.beforeProcess = undefined;
    await runOnce(r, server.id);
    const [record] = ingest.records.values();
    expect(ingest.records.size).toBe(1);
    expect(record.processed).toBe(2);
    expect(ingest.calls.filter(c => c === `process:${record.id}`)).toHaveLength(
      2,
    );
    expect(await subjects(user, 'Done')).toEqual(['twice processed']);
  });

  it('pauses at errorThreshold consecutive message errors until resumed', async () => {
    const user = 'errors@localhost';
    const { server, ingest, r } = await mailboxWith(user, {
      errorThreshold: 2,
      folders: { inbox: 'INBOX', fail: 'Failed' },
    });
    ingest.outcome = rec =>
      rec.subject?.startsWith('bad')
        ? { status: 'quarantined', disposition: 'fail', reason: 'unparseable' }
        : { status: 'ticketed', disposition: 'success' };
    for (const subject of ['bad 1', 'good', 'bad 2', 'bad 3', 'after']) {
      await bed.deliver(user, buildTestMessage({ subject, to: user }));
    }
    // 'good' resets the count: the pause comes at 'bad 3'.
    expect(await runOnce(r, server.id)).toBe('paused');
    expect(ingest.subjects()).toEqual(['bad 1', 'good', 'bad 2', 'bad 3']);
    const paused = await bedServers(stores, bed).get(server.id);
    expect(paused.health.status).toBe('paused');
    expect(paused.pausedReason).toMatch(
      /2 consecutive message errors \(last: unparseable\)/,
    );
    expect(await subjects(user, 'Failed')).toEqual(['bad 1', 'bad 2', 'bad 3']);

    expect(await runOnce(r, server.id)).toBe('paused');
    expect(ingest.records.size).toBe(4);

    await stores.health.resume(server.id);
    expect(await runOnce(r, server.id)).toBe('done');
    expect(ingest.subjects()).toEqual([
      'bad 1',
      'good',
      'bad 2',
      'bad 3',
      'after',
    ]);
    const resumed = await bedServers(stores, bed).get(server.id);
    expect(resumed.pausedReason).toBeUndefined();
    expect(resumed.health.status).toBe('reachable');
  });

  it('keeps a message whose processing throws, retries it, and pauses when it keeps failing', async () => {
    const user = 'throws@localhost';
    const { server, ingest, r } = await mailboxWith(user, {
      errorThreshold: 3,
    });
    await bed.deliver(user, buildTestMessage({ subject: 'poison', to: user }));
    ingest.processError = new Error('ticketing database unavailable');
    expect(await runOnce(r, server.id)).toBe('retry-later');
    expect(await runOnce(r, server.id)).toBe('retry-later');
    expect(await folderState(bed, user, 'INBOX')).toEqual([
      { subject: 'poison', seen: false },
    ]);
    expect(await runOnce(r, server.id)).toBe('paused');
    expect(
      (await stores.health.get('incoming', server.id)).pausedReason,
    ).toMatch(/ticketing database unavailable/);
    ingest.processError = undefined;
    await stores.health.resume(server.id);
    expect(await runOnce(r, server.id)).toBe('done');
    expect(ingest.records.size).toBe(1);
    expect(await folderState(bed, user, 'INBOX')).toEqual([
      { subject: 'poison', seen: true },
    ]);
  });

  it('with real-time scanning IDLE hands a new message over long before the poll interval', async () => {
    const user = 'idle@localhost';
    const server = await addImapServer(stores, bed, user, {
      realTime: true,
      pollIntervalSeconds: 600,
    });
    const ingest = new FakeIngest();
    const r = runner(ingest, 120_000);
    const controller = new AbortController();
    const running = r.run(server.id, controller.signal);
    // Reachable is noted after the first listing, just before IDLE starts.
    await eventually(
      () => stores.health.get('incoming', server.id),
      h => h.status === 'reachable',
    );
    const sent = Date.now();
    await bed.deliver(
      user,
      buildTestMessage({ subject: 'real time', to: user }),
    );
    await eventually(
      () => ingest.subjects(),
      s => s.includes('real time'),
      20_000,
    );
    expect(Date.now() - sent).toBeLessThan(20_000);
    await eventually(
      () => folderState(bed, user, 'INBOX'),
      s => !!s?.[0]?.seen,
      10_000,
    );

    const stopping = Date.now();
    controller.abort();
    expect(await running).toBe('aborted');
    expect(Date.now() - stopping).toBeLessThan(5_000);
  });

  it('shows an unreachable mailbox on its health and backs off between attempts', async () => {
    const port = await freePort();
    const server = await addImapServer(
      stores,
      bed,
      'idle@localhost',
      {
        port,
        security: 'none',
        realTime: true,
      },
      { name: 'closed port' },
    );
    const ingest = new FakeIngest();
    const r = runner(ingest, 2_000);
    const started = Date.now();
    expect(await runOnce(r, server.id)).toBe('failed');
    const health = await stores.health.get('incoming', server.id);
    expect(health.status).toBe('unreachable');
    // Worded as Test Connection words it, with what the network said kept.
    expect(health.lastError).toMatch(
      new RegExp(
        `^tcp: Nothing accepts connections on port ${port}: .*ECONNREFUSED.*\\. Check the port number`,
      ),
    );
    // 100, 200, 400, 800 ms... within a 2 s budget: a few attempts, not hundreds.
    expect(health.consecutiveFailures).toBeGreaterThanOrEqual(2);
    expect(health.consecutiveFailures).toBeLessThan(10);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails with a clear auth error when an OAuth mailbox has no access token', async () => {
    const server = await addImapServer(
      stores,
      bed,
      'idle@localhost',
      {
        authType: 'oauth',
      },
      { name: 'oauth without token' },
    );
    expect(await runOnce(runner(new FakeIngest()), server.id)).toBe('failed');
    const health = await stores.health.get('incoming', server.id);
    expect(health.status).toBe('auth-expired');
    expect(health.lastError).toMatch(/no OAuth access token yet/);
  });
});
