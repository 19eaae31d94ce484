// Microsoft Graph fetching through the real mailbox runner and pipeline,
// against the test bed's local HTTPS stand-in for Graph (documented delta,
// $value, move and folder shapes; not Microsoft's service), whose tokens the
// bed's OAuth server issues and introspects.
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  GraphPeer,
  INBOX_ID,
  startBedGraphPeer,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { emailsTestDatabaseIds } from '../../__testUtils__/testDatabases';
import { Stores } from '../../database';
import { graphFetcherFactory } from '../../fetching/mailboxSettings';
import { MailboxRunner } from '../../fetching/MailboxRunner';
import { oauthFetch } from '../../oauth/http';
import { startDesk } from '../../fetching/__testUtils__/desk';

jest.setTimeout(120_000);

const mail = (to: string, subject: string) =>
  Buffer.from(
    `From: Rita <rita@example.com>\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(
      /\W/g,
      '',
    )}@example.com>\r\n\r\nBody of ${subject}.\r\n`,
  );

describe('Microsoft Graph fetching', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });
  let bed: TestBed;
  let graph: GraphPeer;

  beforeAll(async () => {
    bed = await startTestBed();
    // Small pages, so every listing follows next links.
    graph = await startBedGraphPeer(bed, { pageSize: 2 });
  });
  afterAll(async () => {
    await graph?.stop();
    await bed?.stop();
  });

  async function desk(
    databaseId: any,
    options: {
      breakMarkOnce?: boolean;
      idleHoldMs?: number;
      pollMs?: number;
    } = {},
  ) {
    const { pollMs = 200, ...deskOptions } = options;
    return startDesk(await databases.init(databaseId), {
      ...deskOptions,
      fetchers: stores =>
        graphFetcherFactory({
          numbers: stores.messageNumbers,
          graphFetch: oauthFetch([bed.caPem], 10_000),
          oauthToken: async () => bed.issueAccessToken('support@localhost'),
          pollMs,
        }),
    });
  }

  const addGraph = (stores: Stores, user: string, settings: object = {}) =>
    stores.incomingServers.create({
      name: `graph ${user}`,
      email: user,
      protocol: 'graph',
      enabled: true,
      primary: false,
      settings: {
        provider: 'microsoft',
        authType: 'oauth',
        graphEndpoint: graph.endpoint,
        folders: { inbox: 'INBOX', success: 'Processed' },
        ...settings,
      },
    });

  const run = (runner: MailboxRunner, id: string) =>
    runner.run(id, new AbortController().signal);

  const subjects = async (stores: Stores, serverId: string) =>
    (await stores.inboundMessages.list({ serverId })).items
      .map(m => `${m.subject}:${m.status}`)
      .sort();

  it.each(databases.eachSupportedId())(
    'fetches only new mail through paged delta listings, each once, and files it, on %p',
    async databaseId => {
      const user = `new-${databaseId.toLowerCase()}@localhost`;
      const box = graph.mailbox(user);
      const { stores, runner } = await desk(databaseId);
      box.deliver(mail(user, 'Before'));
      const server = await addGraph(stores, user);
      expect(await run(runner, server.id)).toBe('done');
      for (const n of [1, 2, 3]) box.deliver(mail(user, `New ${n}`));
      expect(await run(runner, server.id)).toBe('done');
      expect(await run(runner, server.id)).toBe('done');
      expect(await subjects(stores, server.id)).toEqual([
        'New 1:ticketed',
        'New 2:ticketed',
        'New 3:ticketed',
      ]);
      // Filed into the success folder (created on first use); "Before" stays.
      const processed = box.folderNamed('Processed')!;
      const where = [...box.messages.values()].map(m => m.folderId);
      expect(where.filter(f => f === processed)).toHaveLength(3);
      expect(where.filter(f => f === INBOX_ID)).toHaveLength(1);

      // An expired delta link starts a full listing: nothing comes twice.
      graph.expireDeltaTokens();
      box.deliver(mail(user, 'After expiry'));
      expect(await run(runner, server.id)).toBe('done');
      expect(await subjects(stores, server.id)).toEqual([
        'After expiry:ticketed',
        'New 1:ticketed',
        'New 2:ticketed',
        'New 3:ticketed',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'records a message once when the move after it failed, and waits out 429, on %p',
    async databaseId => {
      const user = `crash-${databaseId.toLowerCase()}@localhost`;
      const box = graph.mailbox(user);
      const { stores, runner } = await desk(databaseId, {
        breakMarkOnce: true,
      });
      box.deliver(mail(user, 'Moved late'));
      const server = await addGraph(stores, user, {
        importSince: '2000-01-01T00:00:00.000Z',
      });
      expect(await run(runner, server.id)).not.toBe('done');
      graph.throttle(1, 1);
      expect(await run(runner, server.id)).toBe('done');
      expect(await subjects(stores, server.id)).toEqual([
        'Moved late:ticketed',
      ]);
      const [message] = box.messages.values();
      expect(message.folderId).toBe(box.folderNamed('Processed'));
      expect(
        graph.requests.filter(r => r.endsWith('/$value')).length,
      ).toBeGreaterThanOrEqual(2);
    },
  );

  it('picks new mail up with Real Time Scanning by a short poll of the delta link', async () => {
    const user = 'live@localhost';
    const box = graph.mailbox(user);
    // The run holds the mailbox for 15 s; the poll interval is 60 s.
    const { stores, runner } = await desk('SQLITE_3', { idleHoldMs: 15_000 });
    const server = await addGraph(stores, user, {
      realTime: true,
      pollIntervalSeconds: 60,
    });
    const running = run(runner, server.id);
    try {
      // Once the first listing is done, new mail arrives while the run waits.
      await new Promise(r => setTimeout(r, 1_000));
      box.deliver(mail(user, 'Live one'));
      // Within the run, long before the next poll.
      const until = Date.now() + 12_000;
      let seen: string[] = [];
      while (Date.now() < until && seen[0] !== 'Live one:ticketed') {
        seen = await subjects(stores, server.id);
        await new Promise(r => setTimeout(r, 100));
      }
      expect(seen).toEqual(['Live one:ticketed']);
    } finally {
      await running;
    }
  });

  // A stopping backend waited out the poll, keeping the process (and a test
  // worker) alive after everything else had closed.
  it('ends a Real Time Scanning wait at once when the run is aborted', async () => {
    const user = 'stop@localhost';
    const { stores, runner } = await desk('SQLITE_3', {
      idleHoldMs: 30_000,
      pollMs: 20_000,
    });
    const server = await addGraph(stores, user, { realTime: true });
    const stop = new AbortController();
    const running = runner.run(server.id, stop.signal);
    // Past the first listing, into the wait between two polls.
    await new Promise(r => setTimeout(r, 1_500));
    const abortedAt = Date.now();
    stop.abort();
    await running;
    expect(Date.now() - abortedAt).toBeLessThan(2_000);
  });
});
