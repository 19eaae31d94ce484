// The batch cases of the inbound driver contract: every driver fetches,
// handles and files mail a batch at a time (IMAP with batch commands, the
// others one message at a time behind the same interface), against the test
// bed's Dovecot and its local stand-ins for Graph and EWS (not Microsoft's
// services).
import { TestDatabases } from '@backstage/backend-test-utils';
import { buildTestMessage } from '@internal/emails-test-bed';
import { FakeIngest } from './__testUtils__/FakeIngest';
import {
  DriverBed,
  DRIVERS,
  runOnce,
  startDriverBed,
} from './__testUtils__/driverBed';
import { withInboundQueue } from '../service/serverView';

jest.setTimeout(180_000);

const CASES = ['middle', 'lost'];
const USERS = DRIVERS.flatMap(d =>
  CASES.map(c => ({ user: `${d}-${c}@localhost`, password: `${d}-${c}-pw` })),
);

describe('the inbound driver contract, in batches', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let drivers: DriverBed;

  beforeAll(async () => {
    drivers = await startDriverBed(USERS);
  });
  afterAll(() => drivers?.stop());

  const deliverAll = async (
    driver: (typeof DRIVERS)[number],
    user: string,
    subjects: string[],
  ) => {
    for (const subject of subjects) {
      await drivers.deliver(
        driver,
        user,
        buildTestMessage({ subject, to: user }).replace(/\n/g, '\r\n'),
      );
    }
  };

  it.each(DRIVERS)(
    '%s: a message failing mid-batch files the ones before it, keeps the cursor there and comes again',
    async driver => {
      const user = `${driver}-middle@localhost`;
      const ingest = new FakeIngest();
      let failures = 0;
      ingest.beforeProcess = record => {
        if (record.subject === 'Middle 2' && failures++ === 0) {
          throw new Error('database went away');
        }
      };
      const { stores, runner } = await drivers.replica(
        await databases.init('SQLITE_3'),
        { ingest },
      );
      const server = await drivers.addServer(stores, driver, user, {
        errorThreshold: 5,
      });
      await deliverAll(driver, user, ['Middle 1', 'Middle 2', 'Middle 3']);

      expect(await runOnce(runner, server.id)).toBe('retry-later');
      expect(await drivers.inbox(driver, user)).toEqual([
        'Middle 2',
        'Middle 3',
      ]);
      const cursor = await stores.mailboxCursors.get(server.id, 'INBOX');
      expect(ingest.subjects()).toEqual(['Middle 1', 'Middle 2']);
      // Past the first message and not past the second: it is listed again.
      expect(cursor!.lastUid).toBeGreaterThan(0);
      const health = await stores.health.get('incoming', server.id);
      expect(health.waitingOnServer).toBe(2);
      expect(withInboundQueue(health, 1)!.inboundQueue).toBe(3);

      expect(await runOnce(runner, server.id)).toBe('done');
      expect(await drivers.inbox(driver, user)).toEqual([]);
      // The cursor stood between them: the first came once, the second again.
      const recordCalls = (subject: string) => {
        const { source } = [...ingest.records.values()].find(
          r => r.subject === subject,
        )!;
        return ingest.calls.filter(c => c === `record:${source.sourceId}`);
      };
      expect(recordCalls('Middle 1')).toHaveLength(1);
      expect(recordCalls('Middle 2')).toHaveLength(2);
      expect(
        [...ingest.records.values()].map(r => [r.subject, r.processed]),
      ).toEqual([
        ['Middle 1', 1],
        ['Middle 2', 1],
        ['Middle 3', 1],
      ]);
      expect(
        (await stores.mailboxCursors.get(server.id, 'INBOX'))!.lastUid,
      ).toBeGreaterThan(cursor!.lastUid);
      expect(
        (await stores.health.get('incoming', server.id)).waitingOnServer,
      ).toBe(0);
    },
  );

  it.each(DRIVERS)(
    '%s: a connection lost after a batch is recorded but before it is filed records nothing twice',
    async driver => {
      const user = `${driver}-lost@localhost`;
      const { stores, runner } = await drivers.replica(
        await databases.init('SQLITE_3'),
        { breakMarkOnce: true },
      );
      const server = await drivers.addServer(stores, driver, user);
      const subjects = ['Lost 1', 'Lost 2', 'Lost 3'];
      await deliverAll(driver, user, subjects);

      expect(await runOnce(runner, server.id)).not.toBe('done');
      expect(await drivers.inbox(driver, user)).toEqual(subjects);
      expect(await runOnce(runner, server.id)).toBe('done');
      const records = (
        await stores.inboundMessages.list({ serverId: server.id })
      ).items;
      expect(records.map(m => [m.subject, m.status]).sort()).toEqual(
        subjects.map(s => [s, 'ticketed']),
      );
      expect((await stores.tickets.list({})).items).toHaveLength(3);
      expect(await drivers.inbox(driver, user)).toEqual([]);
    },
  );
});
