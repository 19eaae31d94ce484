import { TestDatabases } from '@backstage/backend-test-utils';
import { IncomingServer } from '@internal/plugin-emails-common';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { createStores, Stores } from '../database';
import { MailServerService } from './MailServerService';

jest.setTimeout(60_000);

// The card's Inbound Queue was always 0: nothing counted what waits.
describe('the Inbound Queue of an incoming server', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  async function addServer(stores: Stores, name: string) {
    return stores.incomingServers.create({
      name,
      email: `${name}@example.com`,
      protocol: 'imap',
      enabled: true,
      primary: false,
      settings: {},
    });
  }

  it.each(databases.eachSupportedId())(
    'counts the messages recorded and not through the pipeline yet, per server, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const stores = await createStores({ getClient: async () => knex });
      const service = new MailServerService('incoming', {
        stores,
        // Views need none of these.
        secrets: undefined as any,
        references: undefined as any,
        audit: undefined as any,
        onChange: async () => undefined,
      });
      const busy = await addServer(stores, 'busy');
      const quiet = await addServer(stores, 'quiet');
      const ids: string[] = [];
      for (const n of [1, 2, 3, 4]) {
        const { record } = await stores.inboundMessages.record(
          busy.id,
          `imap:INBOX:1:${n}`,
          Buffer.from(`Subject: ${n}\r\n\r\nhi`),
        );
        ids.push(record.id);
      }
      // One is done, one failed and will be tried again, two wait.
      await stores.inboundMessages.update(ids[0], {
        status: 'ticketed',
        trace: [],
      });
      await stores.inboundMessages.update(ids[1], {
        status: 'failed',
        trace: [],
      });

      const queueOf = (servers: unknown[], id: string) =>
        (servers as IncomingServer[]).find(s => s.id === id)?.health
          .inboundQueue;
      const listed = await service.list();
      expect(queueOf(listed, busy.id)).toBe(3);
      expect(queueOf(listed, quiet.id)).toBe(0);
      expect((await service.get(busy.id)).health.inboundQueue).toBe(3);
      expect((await service.get(quiet.id)).health.inboundQueue).toBe(0);
    },
  );
});
