import { TestDatabases } from '@backstage/backend-test-utils';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';
import { ServerAlertStore } from './ServerAlertStore';

jest.setTimeout(60_000);

const COUNTING = { threshold: 3, remindAfterMs: 0 };
const HOUR = 3600_000;

describe('ServerAlertStore', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'alerts once at the threshold, stays quiet, and closes the alert once on %p',
    async databaseId => {
      const store = new ServerAlertStore(
        await migratedKnex(databases, databaseId),
      );
      const decisions = [];
      for (let i = 0; i < 5; i++) {
        decisions.push(
          (await store.countFailure('incoming', 's1', COUNTING)).decision,
        );
      }
      expect(decisions).toEqual(['none', 'none', 'alert', 'none', 'none']);
      expect(await store.get('incoming', 's1')).toMatchObject({
        failures: 5,
        alert: 'failing',
      });
      // Another direction with the same id is another server.
      expect(await store.get('outgoing', 's1')).toEqual({ failures: 0 });

      expect(await store.worked('incoming', 's1')).toBe('failing');
      expect(await store.worked('incoming', 's1')).toBeUndefined();
      expect(await store.get('incoming', 's1')).toEqual({ failures: 0 });
    },
  );

  it.each(databases.eachSupportedId())(
    'a success between failures starts the count again on %p',
    async databaseId => {
      const store = new ServerAlertStore(
        await migratedKnex(databases, databaseId),
      );
      await store.countFailure('outgoing', 's1', COUNTING);
      await store.countFailure('outgoing', 's1', COUNTING);
      expect(await store.worked('outgoing', 's1')).toBeUndefined();
      const third = await store.countFailure('outgoing', 's1', COUNTING);
      expect(third).toEqual({ failures: 1, decision: 'none' });
    },
  );

  it.each(databases.eachSupportedId())(
    'reminds once per interval while it keeps failing on %p',
    async databaseId => {
      const store = new ServerAlertStore(
        await migratedKnex(databases, databaseId),
      );
      const at = (hours: number) => ({
        ...COUNTING,
        remindAfterMs: 24 * HOUR,
        now: new Date(Date.UTC(2026, 11, 1) + hours * HOUR),
      });
      await store.countFailure('incoming', 's1', at(0));
      await store.countFailure('incoming', 's1', at(0));
      expect((await store.countFailure('incoming', 's1', at(1))).decision).toBe(
        'alert',
      );
      expect(
        (await store.countFailure('incoming', 's1', at(24))).decision,
      ).toBe('none');
      expect(
        (await store.countFailure('incoming', 's1', at(25))).decision,
      ).toBe('remind');
      expect(
        (await store.countFailure('incoming', 's1', at(26))).decision,
      ).toBe('none');
    },
  );

  it.each(databases.eachSupportedId())(
    'of two replicas counting the same failures at once only one alerts, on %p',
    async databaseId => {
      const knex = await migratedKnex(databases, databaseId);
      const replicas = [new ServerAlertStore(knex), new ServerAlertStore(knex)];
      const all = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          replicas[i % 2].countFailure('incoming', 's1', COUNTING),
        ),
      );
      expect(all.filter(a => a.decision === 'alert')).toHaveLength(1);
      expect(all.map(a => a.failures).sort((a, b) => a - b)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8,
      ]);
      const closed = await Promise.all(
        replicas.map(r => r.worked('incoming', 's1')),
      );
      expect(closed.filter(Boolean)).toEqual(['failing']);
    },
  );

  it.each(databases.eachSupportedId())(
    'opens a pause alert once, and an announced expired sign-in without a notification, on %p',
    async databaseId => {
      const knex = await migratedKnex(databases, databaseId);
      const store = new ServerAlertStore(knex);
      expect(await store.paused('s1')).toBe(true);
      expect(await store.paused('s1')).toBe(false);
      // A restart: a new store on the same database keeps the state.
      const restarted = new ServerAlertStore(knex);
      expect(await restarted.paused('s1')).toBe(false);
      expect(await restarted.worked('incoming', 's1')).toBe('paused');

      const announced = await store.countFailure('incoming', 's2', {
        ...COUNTING,
        announced: true,
      });
      expect(announced.decision).toBe('none');
      expect((await store.get('incoming', 's2')).alert).toBe('auth-expired');
      expect(await store.worked('incoming', 's2')).toBe('auth-expired');
    },
  );
});
