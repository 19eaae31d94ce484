import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { EventsService } from '@backstage/plugin-events-node';
import { ConfigAuditRecorder } from '../audit/ConfigAuditRecorder';
import { createStores, Stores } from '../database';
import { PreferenceService } from '../servers/PreferenceService';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { RuleService } from './RuleService';
import { SettingsCache } from './settingsCache';
import { settingsChanges } from './settingsChanges';

jest.setTimeout(60_000);

const context = { actor: 'user:default/alice' };
const printers = {
  name: 'Printers',
  conditions: [{ field: 'subject', operator: 'contains', values: ['printer'] }],
  actions: [{ type: 'category', value: 'Hardware' }],
};

/** The events service of one backend without an event bus: every subscriber hears every event. */
function inProcessEvents(): EventsService {
  const subscribers: Parameters<EventsService['subscribe']>[0][] = [];
  return {
    publish: async params => {
      for (const s of subscribers) {
        if (s.topics.includes(params.topic)) await s.onEvent(params);
      }
    },
    subscribe: async options => {
      subscribers.push(options);
    },
  };
}

/** A replica's configuration services over a shared database, wired as wiring/configuration.ts does. */
async function replica(
  stores: Stores,
  options: { events?: EventsService; now?: () => number } = {},
) {
  const audit = new ConfigAuditRecorder(
    stores.configAudit,
    mockServices.auditor.mock(),
  );
  const changes = options.events && settingsChanges(options.events);
  const onSaved = async (document: string) => {
    await changes?.publish(document);
  };
  // A long recheck: within a test only a save or an event may refresh the copy.
  const recheckMs = options.now ? 2_000 : 3_600_000;
  const preferences = new PreferenceService({
    stores,
    audit,
    onSaved,
    recheckMs,
    now: options.now,
  });
  const rules = new RuleService({
    stores,
    audit,
    onSaved,
    recheckMs,
    now: options.now,
  });
  await changes?.subscribe(document =>
    document === 'email-preference'
      ? preferences.forget()
      : rules.forget(document),
  );
  return { preferences, rules };
}

describe('settings kept by version', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  async function shared(databaseId: any) {
    const knex = await databases.init(databaseId);
    const stores = await createStores({ getClient: async () => knex } as any);
    let queries = 0;
    knex.on('query', () => queries++);
    return { stores, queries: () => queries };
  }

  it.each(databases.eachSupportedId())(
    'reads the Email Preference and the incoming rules once, not per message, on %p',
    async databaseId => {
      const { stores, queries } = await shared(databaseId);
      const { preferences, rules } = await replica(stores);
      await preferences.get();
      await rules.incoming();
      const before = queries();
      for (let i = 0; i < 20; i++) {
        await preferences.get();
        await rules.incoming();
      }
      expect(queries() - before).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'sees a save in the same process at once on %p',
    async databaseId => {
      const { stores } = await shared(databaseId);
      const { preferences, rules } = await replica(stores);
      const read = await preferences.get();
      await rules.incoming();
      await preferences.put(
        { ...read, allowGuestRequests: !read.allowGuestRequests },
        context,
      );
      expect((await preferences.get()).allowGuestRequests).toBe(
        !read.allowGuestRequests,
      );
      await rules.putIncoming({ version: 0, rules: [printers] }, context);
      expect((await rules.incoming()).rules.map(r => r.name)).toEqual([
        'Printers',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "sees another replica's save at once through the settings event on %p",
    async databaseId => {
      const { stores } = await shared(databaseId);
      const events = inProcessEvents();
      const a = await replica(stores, { events });
      const b = await replica(stores, { events });
      const read = await b.preferences.get();
      expect((await b.rules.incoming()).version).toBe(0);

      await a.preferences.put(
        { ...read, allowGuestRequests: !read.allowGuestRequests },
        context,
      );
      await a.rules.putIncoming({ version: 0, rules: [printers] }, context);
      // B's copies would live for an hour: only the event can have dropped them.
      expect((await b.preferences.get()).allowGuestRequests).toBe(
        !read.allowGuestRequests,
      );
      expect((await b.rules.incoming()).version).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    "sees another replica's save within the recheck time without events on %p",
    async databaseId => {
      const { stores, queries } = await shared(databaseId);
      let clock = 1_000_000;
      const now = () => clock;
      const a = await replica(stores, { now });
      const b = await replica(stores, { now });
      const read = await b.preferences.get();
      await b.rules.incoming();

      await a.preferences.put(
        { ...read, allowGuestRequests: !read.allowGuestRequests },
        context,
      );
      await a.rules.putIncoming({ version: 0, rules: [printers] }, context);
      clock += 1_999;
      const before = queries();
      expect((await b.preferences.get()).allowGuestRequests).toBe(
        read.allowGuestRequests,
      );
      expect((await b.rules.incoming()).version).toBe(0);
      expect(queries() - before).toBe(0);

      clock += 1;
      expect((await b.preferences.get()).allowGuestRequests).toBe(
        !read.allowGuestRequests,
      );
      expect((await b.rules.incoming()).rules.map(r => r.name)).toEqual([
        'Printers',
      ]);
      // Once current again, a check costs one small read per recheck time.
      clock += 2_000;
      const checked = queries();
      await b.preferences.get();
      await b.preferences.get();
      expect(queries() - checked).toBe(1);
    },
  );
});

describe('SettingsCache', () => {
  it('keeps no read begun before an invalidation', async () => {
    let version = 1;
    let release!: () => void;
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const cache = new SettingsCache<string>({
      load: async () => {
        const seen = version;
        await gate;
        return { value: `v${seen}`, version: seen };
      },
      version: async () => version,
    });
    const early = cache.get();
    version = 2;
    cache.invalidate();
    release();
    expect((await early).version).toBe(1);
    expect(await cache.get()).toEqual({ value: 'v2', version: 2 });
  });

  it('reads again after a failed read instead of keeping the failure', async () => {
    let fail = true;
    const cache = new SettingsCache<string>({
      load: async () => {
        if (fail) throw new Error('database away');
        return { value: 'saved', version: 3 };
      },
      version: async () => 3,
    });
    await expect(cache.get()).rejects.toThrow('database away');
    fail = false;
    expect((await cache.get()).value).toBe('saved');
  });
});
