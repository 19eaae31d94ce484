import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { PreferenceStore } from './PreferenceStore';
import { ProxyStore } from './ProxyStore';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

describe('PreferenceStore and ProxyStore', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  const knexFor = (databaseId: any) => migratedKnex(databases, databaseId);

  it.each(databases.eachSupportedId())(
    'saves settings documents with versions on %p',
    async databaseId => {
      const store = new PreferenceStore(await knexFor(databaseId));
      const fallback = { emailToTicket: true };
      expect(await store.get('email', fallback)).toEqual({
        name: 'email',
        value: fallback,
        version: 0,
      });
      const saved = await store.put(
        'email',
        0,
        { emailToTicket: false },
        'user:default/alice',
      );
      expect(saved).toMatchObject({
        version: 1,
        value: { emailToTicket: false },
        updatedBy: 'user:default/alice',
      });
      await expect(store.put('email', 0, fallback)).rejects.toThrow(
        ConflictError,
      );
      const again = await store.put('email', 1, { emailToTicket: true });
      expect(again.version).toBe(2);
      expect((await store.get('email', fallback)).value).toEqual({
        emailToTicket: true,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps proxies with versions and unique names on %p',
    async databaseId => {
      const store = new ProxyStore(await knexFor(databaseId));
      const proxy = {
        name: 'office',
        protocol: 'http',
        host: '127.0.0.1',
        port: 3128,
      };
      const created = await store.create(proxy);
      expect(created).toMatchObject({ ...proxy, version: 1 });
      await expect(store.create(proxy)).rejects.toThrow(
        'A proxy named "office" already exists',
      );
      const updated = await store.update(created.id, 1, {
        ...proxy,
        port: 8080,
        secrets: 'x',
      });
      expect(updated).toMatchObject({ port: 8080, version: 2, secrets: 'x' });
      await expect(store.update(created.id, 1, proxy)).rejects.toThrow(
        ConflictError,
      );
      expect((await store.list()).map(p => p.name)).toEqual(['office']);
      await store.delete(created.id);
      expect(await store.list()).toEqual([]);
    },
  );
});
