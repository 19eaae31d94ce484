import { TestDatabases } from '@backstage/backend-test-utils';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';
import { MessageNumberStore } from './MessageNumberStore';

jest.setTimeout(60_000);

describe('MessageNumberStore', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'numbers keys in listing order, keeps them, never gives a number twice, and keeps delta links on %p',
    async databaseId => {
      const store = new MessageNumberStore(
        await migratedKnex(databases, databaseId),
      );
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
      // Changes (Graph delta): added keys get new numbers, removed ones go.
      const changed = await store.change('s1', ['f', 'g'], ['a']);
      expect(changed.get('f')).toBe(6);
      expect(changed.get('g')).toBe(7);
      expect(changed.has('a')).toBe(false);
      expect(await store.deltaLink('s1', 'inbox')).toBeUndefined();
      await store.setDeltaLink('s1', 'inbox', 'https://graph/delta?token=1');
      await store.setDeltaLink('s1', 'inbox', 'https://graph/delta?token=2');
      expect(await store.deltaLink('s1', 'inbox')).toBe(
        'https://graph/delta?token=2',
      );
      await store.forget('s1');
      expect(await store.deltaLink('s1', 'inbox')).toBeUndefined();
      expect((await store.assign('s1', ['z'])).get('z')).toBe(1);
    },
  );
});
