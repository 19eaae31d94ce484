import { TestDatabases } from '@backstage/backend-test-utils';
import { MailboxCursorStore } from './MailboxCursorStore';
import { ServerHealthStore } from './ServerHealthStore';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

describe('MailboxCursorStore and the mailbox state of ServerHealthStore', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  const knexFor = (databaseId: any) => migratedKnex(databases, databaseId);

  it.each(databases.eachSupportedId())(
    'keeps a cursor per server and folder that only moves forward on %p',
    async databaseId => {
      const store = new MailboxCursorStore(await knexFor(databaseId));
      expect(await store.get('s1', 'INBOX')).toBeUndefined();
      const since = new Date('2025-01-01T00:00:00.000Z');
      await store.put({
        serverId: 's1',
        folder: 'INBOX',
        validity: '1700000000',
        lastUid: 0,
        mode: 'import',
        importSince: since,
        unseenOnly: true,
      });
      await store.advance('s1', 'INBOX', '1700000000', 7);
      await store.advance('s1', 'INBOX', '1700000000', 5); // never backwards
      await store.advance('s1', 'INBOX', '999', 9); // listed under another UIDVALIDITY
      expect(await store.get('s1', 'INBOX')).toEqual({
        serverId: 's1',
        folder: 'INBOX',
        validity: '1700000000',
        lastUid: 7,
        mode: 'import',
        importSince: since,
        unseenOnly: true,
        syncedAt: undefined,
      });
      const synced = new Date('2026-11-21T12:00:00.000Z');
      await store.markSynced('s1', 'INBOX', synced);
      await store.put({
        serverId: 's1',
        folder: 'INBOX',
        validity: '1700000000',
        lastUid: 4294967295,
        mode: 'live',
        unseenOnly: false,
        syncedAt: synced,
      });
      await store.put({
        serverId: 's1',
        folder: 'Other',
        validity: '1',
        lastUid: 1,
        mode: 'live',
        unseenOnly: false,
      });
      expect(await store.get('s1', 'INBOX')).toMatchObject({
        lastUid: 4294967295,
        mode: 'live',
        importSince: undefined,
        syncedAt: synced,
      });
      await store.forget('s1');
      expect(await store.get('s1', 'INBOX')).toBeUndefined();
      expect(await store.get('s1', 'Other')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'counts consecutive message errors, pauses at the threshold and resumes on %p',
    async databaseId => {
      const health = new ServerHealthStore(await knexFor(databaseId));
      // One message per batch, counted on from what the store holds.
      const count = async (error: boolean) => {
        const messageErrors = error
          ? (await health.messageErrors('s1')) + 1
          : 0;
        const paused = await health.recordBatch('s1', {
          messageErrors,
          waitingOnServer: 0,
          pauseReason: messageErrors >= 3 ? 'too many errors' : undefined,
        });
        return { messageErrors, paused };
      };
      expect(await count(true)).toEqual({ messageErrors: 1, paused: false });
      expect(await count(false)).toEqual({ messageErrors: 0, paused: false });
      await count(true);
      await count(true);
      expect(await count(true)).toEqual({ messageErrors: 3, paused: true });
      // Later errors do not pause again (the reason of the first pause stays).
      expect(await count(true)).toEqual({ messageErrors: 4, paused: false });
      expect(await health.get('incoming', 's1')).toMatchObject({
        status: 'paused',
        pausedReason: 'too many errors',
      });
      // A connection check does not hide the pause.
      await health.observe('incoming', 's1', { status: 'reachable' });
      expect((await health.get('incoming', 's1')).status).toBe('paused');

      await health.resume('s1');
      const resumed = await health.get('incoming', 's1');
      expect(resumed.status).toBe('reachable');
      expect(resumed.pausedReason).toBeUndefined();
      expect(await count(true)).toEqual({ messageErrors: 1, paused: false });

      await health.pause('s2', 'paused by hand');
      expect((await health.byServer('incoming')).get('s2')).toMatchObject({
        status: 'paused',
        pausedReason: 'paused by hand',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'shows import progress on the health row on %p',
    async databaseId => {
      const health = new ServerHealthStore(await knexFor(databaseId));
      await health.setImportProgress('s1', { done: 0, total: 250 });
      await health.observe('incoming', 's1', {
        status: 'unreachable',
        error: 'ECONNREFUSED',
      });
      await health.setImportProgress('s1', { done: 120, total: 250 });
      expect(await health.get('incoming', 's1')).toMatchObject({
        status: 'unreachable',
        consecutiveFailures: 1,
        lastError: 'ECONNREFUSED',
        importProgress: { done: 120, total: 250 },
      });
      await health.setImportProgress('s1', undefined);
      expect(
        (await health.get('incoming', 's1')).importProgress,
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'counts observations of replicas that report at the same moment, each once, on %p',
    async databaseId => {
      // Separate connections, as two backend replicas have.
      const knex = await knexFor(databaseId);
      const replicas = [
        new ServerHealthStore(knex),
        new ServerHealthStore(knex),
      ];
      await Promise.all(
        Array.from({ length: 8 }, (_, n) =>
          replicas[n % 2].observe('outgoing', 'raced', {
            status: 'unreachable',
            error: `failure ${n}`,
          }),
        ),
      );
      expect(await replicas[0].get('outgoing', 'raced')).toMatchObject({
        status: 'unreachable',
        consecutiveFailures: 8,
      });
    },
  );
});
