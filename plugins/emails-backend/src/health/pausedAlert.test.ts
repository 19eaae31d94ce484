// The mailbox runner tells the health alerts when its error threshold
// pauses a mailbox, and when fetching works again after Resume.
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  buildTestMessage,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { ConfigAuditRecorder } from '../audit/ConfigAuditRecorder';
import { createStores, Stores } from '../database';
import { FakeIngest } from '../fetching/__testUtils__/FakeIngest';
import {
  addImapServer,
  bedServers,
} from '../fetching/__testUtils__/mailboxFixture';
import { imapFetcherFactory } from '../fetching/mailboxSettings';
import { MailboxRunner } from '../fetching/MailboxRunner';
import { AdminNotifier } from '../oauth/OAuthAlerts';
import { HealthAlerts } from './HealthAlerts';

jest.setTimeout(60_000);

describe('health alert of a mailbox paused by its error threshold', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let bed: TestBed;
  let stores: Stores;

  beforeAll(async () => {
    bed = await startTestBed();
    const knex = await databases.init('SQLITE_3');
    stores = await createStores({ getClient: async () => knex });
  });
  afterAll(() => bed?.stop());

  it('tells once that fetching paused, and once that it works again after Resume', async () => {
    const user = bed.users[0].user;
    const sent: Parameters<AdminNotifier['send']>[0][] = [];
    const alerts = new HealthAlerts({
      notifier: { send: async n => void sent.push(n) },
      settings: {
        failureThreshold: 5,
        alertRecipients: ['group:default/emails-admins'],
        reminderIntervalMs: 0,
      },
      stores,
      audit: new ConfigAuditRecorder(
        stores.configAudit,
        mockServices.auditor.mock(),
      ),
      logger: mockServices.logger.mock(),
    });
    const ingest = new FakeIngest();
    const runner = new MailboxRunner({
      servers: bedServers(stores, bed),
      stores,
      ingest,
      logger: mockServices.logger.mock(),
      createFetcher: imapFetcherFactory({ ca: [bed.caPem] }),
      idleHoldMs: 30_000,
      alerts,
    });
    const run = (id: string) => runner.run(id, new AbortController().signal);
    const server = await addImapServer(stores, bed, user, {
      errorThreshold: 2,
    });
    expect(await run(server.id)).toBe('done'); // sets the cursor
    ingest.outcome = () => ({
      status: 'quarantined',
      disposition: 'fail',
      reason: 'unparseable',
    });
    for (const subject of ['bad 1', 'bad 2']) {
      await bed.deliver(user, buildTestMessage({ subject, to: user }));
    }
    expect(await run(server.id)).toBe('paused');
    expect(await run(server.id)).toBe('paused');
    expect(sent.map(n => n.payload.title)).toEqual([
      `Fetching from the incoming email server "mailbox ${user}" (${user}) is paused`,
    ]);
    expect(sent[0].payload.description).toMatch(
      /^Fetching paused after 2 consecutive message errors \(last: unparseable\)/,
    );

    await stores.health.resume(server.id);
    expect(await run(server.id)).toBe('done');
    expect(await run(server.id)).toBe('done');
    expect(sent.map(n => n.payload.title)).toEqual([
      `Fetching from the incoming email server "mailbox ${user}" (${user}) is paused`,
      `The incoming email server "mailbox ${user}" (${user}) works again`,
    ]);
  });
});
