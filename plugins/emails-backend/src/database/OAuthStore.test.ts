import { TestDatabases } from '@backstage/backend-test-utils';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';
import { OAuthStore } from './OAuthStore';

jest.setTimeout(60_000);

const STATE = {
  direction: 'incoming' as const,
  serverId: 's1',
  actor: 'user:default/admin',
  verifier: 'sealed-verifier',
};

describe('OAuthStore', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'takes a state once, and refuses an unknown, used or expired one on %p',
    async databaseId => {
      const store = new OAuthStore(await migratedKnex(databases, databaseId));
      await store.saveState('hash-1', STATE);
      await store.saveState('hash-2', STATE);

      const taken = await store.takeState('hash-1', 60_000);
      expect(taken).toMatchObject(STATE);
      expect(await store.takeState('hash-1', 60_000)).toEqual({
        refused: 'used',
      });
      expect(await store.takeState('hash-9', 60_000)).toEqual({
        refused: 'unknown',
      });
      // Older than the allowed age: refused, and used up all the same.
      await new Promise(r => setTimeout(r, 20));
      expect(await store.takeState('hash-2', 5)).toEqual({
        refused: 'expired',
      });
      expect(await store.takeState('hash-2', 60_000)).toEqual({
        refused: 'used',
      });
      expect(await store.pruneStates(new Date(Date.now() + 1000))).toBe(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a consent, its refreshed tokens, and expires it once on %p',
    async databaseId => {
      const knex = await migratedKnex(databases, databaseId);
      const store = new OAuthStore(knex);
      expect(await store.grant('incoming', 's1')).toBeUndefined();
      const expiry = new Date('2030-01-01T10:00:00Z');
      await knex.transaction(tx =>
        store.consent(
          'incoming',
          's1',
          {
            tokens: 'sealed-1',
            account: 'support@localhost',
            consentedBy: 'user:default/admin',
            accessTokenExpiresAt: expiry,
          },
          tx,
        ),
      );
      const later = new Date('2030-01-01T11:00:00Z');
      await store.locked('incoming', 's1', (grant, tx) => {
        expect(grant?.tokens).toBe('sealed-1');
        return store.saveTokens(
          'incoming',
          's1',
          { tokens: 'sealed-2', accessTokenExpiresAt: later },
          tx,
        );
      });
      expect(await store.grant('incoming', 's1')).toMatchObject({
        status: 'active',
        tokens: 'sealed-2',
        account: 'support@localhost',
        consentedBy: 'user:default/admin',
        accessTokenExpiresAt: later.toISOString(),
      });

      const failure = { kind: 'revoked', message: 'consent revoked' };
      const [first, second] = await Promise.all([
        store.expire('incoming', 's1', failure),
        store.expire('incoming', 's1', failure),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      expect(await store.grant('incoming', 's1')).toMatchObject({
        status: 'expired',
        failureKind: 'revoked',
        failure: 'consent revoked',
      });
      // A new sign-in clears the failure.
      await knex.transaction(tx =>
        store.consent(
          'incoming',
          's1',
          { tokens: 'sealed-3', consentedBy: 'user:default/other' },
          tx,
        ),
      );
      const again = await store.grant('incoming', 's1');
      expect(again).toMatchObject({ status: 'active', tokens: 'sealed-3' });
      expect(again?.failure).toBeUndefined();
      // A grant expires even when nobody signed in before (app-only access).
      expect(await store.expire('outgoing', 'o1', failure)).toBe(true);
      expect((await store.grants('outgoing')).get('o1')?.status).toBe(
        'expired',
      );
      await store.forget('incoming', 's1');
      expect(await store.grant('incoming', 's1')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'warns once per client-secret expiry date on %p',
    async databaseId => {
      const store = new OAuthStore(await migratedKnex(databases, databaseId));
      expect(await store.warnSecretExpiry('outgoing', 'o1', '2027-01-10')).toBe(
        true,
      );
      expect(await store.warnSecretExpiry('outgoing', 'o1', '2027-01-10')).toBe(
        false,
      );
      expect(await store.warnSecretExpiry('outgoing', 'o1', '2027-07-10')).toBe(
        true,
      );
      expect((await store.grant('outgoing', 'o1'))?.status).toBe('none');
    },
  );
});
