// One contract for every inbound driver: the same pipeline cases run over
// IMAP and POP3 (the test bed's Dovecot), Microsoft Graph and Exchange Web
// Services (the test bed's local HTTPS stand-ins for Graph and EWS, not
// Microsoft's services), each through the production fetcher factory, the
// real mailbox runner and the real pipeline.
import { TestDatabases } from '@backstage/backend-test-utils';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { FakeIngest } from './__testUtils__/FakeIngest';
import {
  DriverBed,
  DRIVERS,
  runOnce as run,
  startDriverBed,
} from './__testUtils__/driverBed';

jest.setTimeout(180_000);

// Replicas share one database: SQLite here, and PostgreSQL as production runs them.
const DATABASE_IDS = emailsTestDatabaseIds();
const CASES = [
  'ticket',
  'crash',
  'pause',
  'thread',
  ...DATABASE_IDS.map(id => `replicas-${id.toLowerCase()}`),
];
const USERS = DRIVERS.flatMap(d =>
  CASES.map(c => ({ user: `${d}-${c}@localhost`, password: `${d}-${c}-pw` })),
);

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.alloc(2000, 0x42),
]);
const messageIdOf = (to: string, subject: string) =>
  `<${subject.replace(/\W/g, '')}.${to}>`;
const mail = (to: string, subject: string, inReplyTo?: string) =>
  [
    'From: Rita <rita@example.com>',
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: ${messageIdOf(to, subject)}`,
    ...(inReplyTo
      ? [`In-Reply-To: ${inReplyTo}`, `References: ${inReplyTo}`]
      : []),
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    `About ${subject}.`,
    '--b',
    'Content-Type: application/pdf; name="report.pdf"',
    'Content-Disposition: attachment; filename="report.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    PDF.toString('base64').replace(/(.{76})/g, '$1\r\n'),
    '--b--',
    '',
  ].join('\r\n');

describe('the inbound driver contract', () => {
  const databases = TestDatabases.create({ ids: DATABASE_IDS });
  let drivers: DriverBed;

  beforeAll(async () => {
    drivers = await startDriverBed(USERS);
  });
  afterAll(() => drivers?.stop());

  const deliver = (
    driver: (typeof DRIVERS)[number],
    user: string,
    subject: string,
    inReplyTo?: string,
  ) => drivers.deliver(driver, user, mail(user, subject, inReplyTo));
  const inbox: DriverBed['inbox'] = (driver, user) =>
    drivers.inbox(driver, user);
  const replica: DriverBed['replica'] = (knex, options) =>
    drivers.replica(knex, options);
  const addServer: DriverBed['addServer'] = (stores, driver, user) =>
    drivers.addServer(stores, driver, user);

  it.each(DRIVERS)(
    '%s: a new message becomes a ticket with its attachment bytes and is filed',
    async driver => {
      const user = `${driver}-ticket@localhost`;
      const { stores, runner } = await replica(
        await databases.init('SQLITE_3'),
      );
      const server = await addServer(stores, driver, user);
      await deliver(driver, user, 'Printer jam');
      expect(await run(runner, server.id)).toBe('done');
      const [message] = (
        await stores.inboundMessages.list({ serverId: server.id })
      ).items;
      expect(message).toMatchObject({
        subject: 'Printer jam',
        status: 'ticketed',
      });
      const [entry] = await stores.tickets.entries(message.ticketId!);
      const [file] = (await stores.attachments.forEntries([entry.id])).get(
        entry.id,
      )!;
      expect(file.filename).toBe('report.pdf');
      expect((await stores.attachments.get(file.id)).content.equals(PDF)).toBe(
        true,
      );
      expect(await inbox(driver, user)).toEqual([]);
    },
  );

  it.each(DRIVERS)(
    '%s: a connection lost between record and filing records the message once',
    async driver => {
      const user = `${driver}-crash@localhost`;
      const { stores, runner } = await replica(
        await databases.init('SQLITE_3'),
        { breakMarkOnce: true },
      );
      const server = await addServer(stores, driver, user);
      await deliver(driver, user, 'Lost connection');
      expect(await run(runner, server.id)).not.toBe('done');
      expect(await inbox(driver, user)).toEqual(['Lost connection']);
      expect(await run(runner, server.id)).toBe('done');
      const records = (
        await stores.inboundMessages.list({ serverId: server.id })
      ).items;
      expect(records.map(m => [m.subject, m.status])).toEqual([
        ['Lost connection', 'ticketed'],
      ]);
      expect(await inbox(driver, user)).toEqual([]);
    },
  );

  it.each(DRIVERS.flatMap(d => DATABASE_IDS.map(id => [d, id] as const)))(
    '%s: two replicas on one %s database handle each message once',
    async (driver, databaseId) => {
      const user = `${driver}-replicas-${databaseId.toLowerCase()}@localhost`;
      const knex = await databases.init(databaseId);
      const [a, b] = [await replica(knex), await replica(knex)];
      const server = await addServer(a.stores, driver, user);
      for (const n of [1, 2, 3]) await deliver(driver, user, `Replica ${n}`);
      await Promise.all([run(a.runner, server.id), run(b.runner, server.id)]);
      await run(a.runner, server.id);
      const records = (
        await a.stores.inboundMessages.list({ serverId: server.id })
      ).items;
      expect(records.map(m => m.subject).sort()).toEqual([
        'Replica 1',
        'Replica 2',
        'Replica 3',
      ]);
      expect((await a.stores.tickets.list({})).items).toHaveLength(3);
    },
  );

  it.each(DRIVERS)(
    '%s: fetching pauses after errorThreshold consecutive message errors',
    async driver => {
      const user = `${driver}-pause@localhost`;
      const ingest = new FakeIngest();
      ingest.outcome = () => ({
        status: 'failed',
        disposition: 'fail',
        reason: 'broken',
      });
      const { stores, runner } = await replica(
        await databases.init('SQLITE_3'),
        { ingest },
      );
      const server = await addServer(stores, driver, user);
      for (const n of [1, 2, 3]) await deliver(driver, user, `Broken ${n}`);
      expect(await run(runner, server.id)).toBe('paused');
      expect(ingest.records.size).toBe(2);
      // Filed as failures (the fail folder; POP3 deletes), the third waits.
      expect(await inbox(driver, user)).toEqual(['Broken 3']);
      expect(
        (await stores.health.get('incoming', server.id)).pausedReason,
      ).toMatch(/after 2 consecutive message errors/);
    },
  );

  it.each(DRIVERS)(
    '%s: a reply threads into the ticket it answers',
    async driver => {
      const user = `${driver}-thread@localhost`;
      const { stores, runner } = await replica(
        await databases.init('SQLITE_3'),
      );
      const server = await addServer(stores, driver, user);
      await deliver(driver, user, 'VPN down');
      expect(await run(runner, server.id)).toBe('done');
      await deliver(
        driver,
        user,
        'Re: VPN down',
        messageIdOf(user, 'VPN down'),
      );
      expect(await run(runner, server.id)).toBe('done');
      const records = (
        await stores.inboundMessages.list({ serverId: server.id })
      ).items;
      expect(records.map(m => m.status).sort()).toEqual([
        'appended',
        'ticketed',
      ]);
      expect(new Set(records.map(m => m.ticketId)).size).toBe(1);
    },
  );
});
