import { SchedulerService } from '@backstage/backend-plugin-api';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { EventsServiceSubscribeOptions } from '@backstage/plugin-events-node';
import {
  buildTestMessage,
  startTestBed,
  TestBed,
} from '@internal/emails-test-bed';
import { Knex } from 'knex';
import { createStores, Stores } from '../database';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { FakeIngest } from './__testUtils__/FakeIngest';
import {
  addImapServer,
  bedServers,
  eventually,
  folderState,
} from './__testUtils__/mailboxFixture';
import { imapFetcherFactory } from './mailboxSettings';
import { MailboxTasks, startMailboxTasks } from './mailboxTasks';

jest.setTimeout(90_000);

const USERS = ['tasks', 'live', 'change'].map(name => ({
  user: `${name}@localhost`,
  password: `${name}-password`,
}));

const noMetric = { add() {}, record() {} };

/** The real scheduler of @backstage/backend-defaults on a test database. */
function realScheduler(knex: Knex) {
  const hooks: (() => void | Promise<void>)[] = [];
  const scheduler: SchedulerService = DefaultSchedulerService.create({
    database: { getClient: async () => knex },
    logger: mockServices.logger.mock(),
    metrics: {
      createCounter: () => noMetric,
      createUpDownCounter: () => noMetric,
      createHistogram: () => noMetric,
      createGauge: () => noMetric,
    } as any,
    rootLifecycle: {
      addStartupHook() {},
      addBeforeShutdownHook() {},
      addShutdownHook(hook: any) {
        hooks.push(typeof hook === 'function' ? hook : hook.fn);
      },
    } as any,
    httpRouter: { use() {}, addAuthPolicy() {} },
    pluginMetadata: { getId: () => 'emails' },
  });
  return { scheduler, shutdown: () => Promise.all(hooks.map(h => h())) };
}

describe('startMailboxTasks with the real scheduler', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });
  let bed: TestBed;

  beforeAll(async () => {
    bed = await startTestBed({ users: USERS });
  });
  afterAll(() => bed?.stop());

  async function setup(databaseId: any) {
    const knex = await databases.init(databaseId);
    const stores: Stores = await createStores({ getClient: async () => knex });
    const { scheduler, shutdown } = realScheduler(knex);
    let onEvent: EventsServiceSubscribeOptions['onEvent'] | undefined;
    const ingest = new FakeIngest();
    const tasks: MailboxTasks = await startMailboxTasks({
      scheduler,
      logger: mockServices.logger.mock(),
      events: {
        publish: async () => {},
        subscribe: async options => {
          onEvent = options.onEvent;
        },
      },
      stores,
      servers: bedServers(stores, bed) as any,
      ingest,
      config: {
        fetching: { idleHoldMs: 20_000, maxMessageBytes: 1024 * 1024 },
        trustedCertificates: [],
      },
      createFetcher: imapFetcherFactory({ ca: [bed.caPem] }),
    });
    const serversChanged = (serverId?: string) =>
      onEvent!({
        topic: 'emails.servers',
        eventPayload: { direction: 'incoming', serverId },
      });
    const stop = async () => {
      tasks.stop();
      await shutdown();
    };
    return { knex, stores, tasks, ingest, serversChanged, stop };
  }

  it.each(databases.eachSupportedId())(
    'runs one global task per enabled IMAP server and follows server changes on %p',
    async databaseId => {
      const { knex, stores, tasks, ingest, serversChanged, stop } = await setup(
        databaseId,
      );
      try {
        const user = 'tasks@localhost';
        expect(tasks.taskServerIds()).toEqual([]);
        const server = await addImapServer(
          stores,
          bed,
          user,
          {},
          { name: `${databaseId} box` },
        );
        await stores.incomingServers.create({
          name: `${databaseId} push`,
          email: 'push@example.test',
          protocol: 'smtp-push',
          enabled: true,
          primary: false,
          settings: {},
        });
        await serversChanged();
        expect(tasks.taskServerIds()).toEqual([server.id]);
        const rows = await knex('backstage_backend_tasks__tasks').select('id');
        expect(rows.map(r => r.id)).toContain(`emails:fetch:${server.id}`);

        // The first run starts at once and sets the cursor (only new mail).
        await eventually(
          () => stores.mailboxCursors.get(server.id, 'INBOX'),
          c => !!c,
          15_000,
        );
        await bed.deliver(
          user,
          buildTestMessage({ subject: 'via the scheduler', to: user }),
        );
        await eventually(
          () =>
            tasks
              .syncNow(server.id)
              .then(r => r.status)
              .catch(e => e.name),
          status => status === 'started',
          15_000,
        );
        await eventually(
          () => ingest.subjects(),
          s => s.includes('via the scheduler'),
          15_000,
        );
        await eventually(
          () => folderState(bed, user, 'INBOX'),
          s => !!s?.[0]?.seen,
          10_000,
        );

        // Paused: Sync now refuses; resume clears the pause.
        await stores.health.pause(server.id, 'test pause');
        await expect(tasks.syncNow(server.id)).rejects.toThrow(
          /paused: resume it first/,
        );
        await tasks.resume(server.id);
        expect(
          (await stores.health.get('incoming', server.id)).pausedReason,
        ).toBeUndefined();

        // Disabled: the task goes away without a restart.
        const record = await stores.incomingServers.get(server.id);
        await stores.incomingServers.update(server.id, record.version, {
          ...record,
          enabled: false,
        });
        await serversChanged();
        expect(tasks.taskServerIds()).toEqual([]);
        await expect(tasks.syncNow(server.id)).rejects.toThrow(/disabled/);
      } finally {
        await stop();
      }
    },
  );

  it('fetches a changed server at once instead of at its next poll', async () => {
    const { stores, tasks, ingest, serversChanged, stop } = await setup(
      'SQLITE_3',
    );
    try {
      const user = 'change@localhost';
      const server = await addImapServer(stores, bed, user, {
        pollIntervalSeconds: 3600,
      });
      await serversChanged(server.id);
      await eventually(
        () => stores.mailboxCursors.get(server.id, 'INBOX'),
        c => !!c,
        15_000,
      );
      expect(tasks.taskServerIds()).toContain(server.id);
      await bed.deliver(
        user,
        buildTestMessage({ subject: 'after the edit', to: user }),
      );
      // An admin saves the server (say, fixes its password): the next poll
      // is an hour away, but the change is tried right away.
      await serversChanged(server.id);
      await eventually(
        () => ingest.subjects(),
        s => s.includes('after the edit'),
        20_000,
      );
    } finally {
      await stop();
    }
  });

  it('wakes a real-time run that holds IDLE in this process', async () => {
    const { stores, tasks, ingest, serversChanged, stop } = await setup(
      'SQLITE_3',
    );
    try {
      const user = 'live@localhost';
      const server = await addImapServer(stores, bed, user, {
        realTime: true,
        pollIntervalSeconds: 600,
      });
      await serversChanged();
      await eventually(
        () => stores.health.get('incoming', server.id),
        h => h.status === 'reachable',
        15_000,
      );
      expect(await tasks.syncNow(server.id)).toEqual({ status: 'running' });
      await bed.deliver(user, buildTestMessage({ subject: 'held', to: user }));
      await eventually(
        () => ingest.subjects(),
        s => s.includes('held'),
        15_000,
      );
    } finally {
      await stop();
    }
  });
});
