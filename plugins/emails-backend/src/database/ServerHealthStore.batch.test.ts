import { TestDatabases } from '@backstage/backend-test-utils';
import { ServerHealthStore } from './ServerHealthStore';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

describe('ServerHealthStore, a batch of handled messages at a time', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'stores the error count, the pause, the mail waiting and the import progress in one write on %p',
    async databaseId => {
      const health = new ServerHealthStore(
        await migratedKnex(databases, databaseId),
      );
      expect(await health.messageErrors('s1')).toBe(0);
      await health.listed('s1', {
        waitingOnServer: 120,
        importProgress: { done: 0, total: 120 },
      });
      expect(
        await health.recordBatch('s1', {
          messageErrors: 2,
          waitingOnServer: 70,
          importProgress: { done: 50, total: 120 },
        }),
      ).toBe(false);
      expect(await health.messageErrors('s1')).toBe(2);
      expect(await health.get('incoming', 's1')).toMatchObject({
        status: 'unknown',
        waitingOnServer: 70,
        importProgress: { done: 50, total: 120 },
      });

      const pause = {
        messageErrors: 3,
        pauseReason: 'too many errors',
        waitingOnServer: 69,
      };
      expect(await health.recordBatch('s1', pause)).toBe(true);
      // A pause already set stays as it was, and is not announced again.
      expect(
        await health.recordBatch('s1', { ...pause, pauseReason: 'other' }),
      ).toBe(false);
      expect(await health.get('incoming', 's1')).toMatchObject({
        status: 'paused',
        pausedReason: 'too many errors',
        waitingOnServer: 69,
        importProgress: { done: 50, total: 120 },
      });

      await health.caughtUp('s1');
      await health.caughtUp('s2');
      expect((await health.get('incoming', 's1')).waitingOnServer).toBe(0);
      // No row is made for a server nothing was observed for.
      expect((await health.byServer('incoming')).has('s2')).toBe(false);
    },
  );
});
