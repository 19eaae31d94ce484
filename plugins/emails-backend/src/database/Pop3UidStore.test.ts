import { TestDatabases } from '@backstage/backend-test-utils';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';
import { Pop3UidStore } from './Pop3UidStore';

jest.setTimeout(60_000);

describe('Pop3UidStore', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'numbers UIDLs in maildrop order, keeps them, and never gives a number twice on %p',
    async databaseId => {
      const store = new Pop3UidStore(await migratedKnex(databases, databaseId));
      const first = await store.assign('s1', ['a', 'b', 'c']);
      expect([...first.entries()]).toEqual([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]);
      // Another server counts on its own.
      expect([...(await store.assign('s2', ['a'])).values()]).toEqual([1]);
      // b and c were deleted from the maildrop, d arrived: c's number is never reused.
      const second = await store.assign('s1', ['a', 'd']);
      expect([...second.entries()]).toEqual([
        ['a', 1],
        ['d', 4],
      ]);
      const third = await store.assign('s1', ['e']);
      expect(third.get('e')).toBe(5);
      await store.forget('s1');
      expect((await store.assign('s1', ['z'])).get('z')).toBe(1);
    },
  );
});
