import { TestDatabases } from '@backstage/backend-test-utils';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';
import { ConfigAuditStore } from './ConfigAuditStore';
import { ServerHealthStore } from './ServerHealthStore';

jest.setTimeout(60_000);

describe('ConfigAuditStore and ServerHealthStore', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  const knexFor = (databaseId: any) => migratedKnex(databases, databaseId);

  it.each(databases.eachSupportedId())(
    'appends audit entries and lists them newest first on %p',
    async databaseId => {
      const knex = await knexFor(databaseId);
      const store = new ConfigAuditStore(knex);
      await store.append({
        actor: 'user:default/a',
        action: 'create',
        target: 'proxy',
        targetId: 'p1',
        targetName: 'office',
        changes: [{ field: 'port', after: 3128 }],
      });
      // An entry written in a transaction that rolls back is not kept.
      await knex
        .transaction(async tx => {
          await store.append(
            {
              actor: 'user:default/a',
              action: 'update',
              target: 'proxy',
              targetId: 'p1',
              changes: [],
            },
            tx,
          );
          throw new Error('rolled back');
        })
        .catch(() => {});
      await store.append({
        actor: 'user:default/b',
        action: 'delete',
        target: 'incoming-server',
        targetId: 's1',
        changes: [],
      });
      const all = await store.list();
      expect(all.map(e => [e.action, e.actor])).toEqual([
        ['delete', 'user:default/b'],
        ['create', 'user:default/a'],
      ]);
      expect(all[1]).toMatchObject({
        targetName: 'office',
        changes: [{ field: 'port', after: 3128 }],
      });
      expect(await store.list({ target: 'proxy' })).toHaveLength(1);
      expect(await store.list({ limit: 1 })).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts consecutive failures until a success on %p',
    async databaseId => {
      const health = new ServerHealthStore(await knexFor(databaseId));
      expect(await health.get('incoming', 's1')).toMatchObject({
        status: 'unknown',
        consecutiveFailures: 0,
      });
      await health.observe('incoming', 's1', {
        status: 'unreachable',
        error: 'tcp: refused',
      });
      await health.observe('incoming', 's1', {
        status: 'unreachable',
        error: 'tcp: refused again',
      });
      expect(await health.get('incoming', 's1')).toMatchObject({
        status: 'unreachable',
        consecutiveFailures: 2,
        lastError: 'tcp: refused again',
      });
      await health.observe('incoming', 's1', { status: 'reachable' });
      const ok = await health.get('incoming', 's1');
      expect(ok).toMatchObject({ status: 'reachable', consecutiveFailures: 0 });
      expect(ok.lastError).toBeUndefined();
      expect(ok.lastSuccessAt).toBeDefined();
      expect((await health.byServer('outgoing')).size).toBe(0);
      await health.forget('incoming', 's1');
      expect((await health.get('incoming', 's1')).status).toBe('unknown');
    },
  );
});
