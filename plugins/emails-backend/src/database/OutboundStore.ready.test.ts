import { TestDatabases } from '@backstage/backend-test-utils';
import { OutboundInput, OutboundStore } from './OutboundStore';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const input = (key: string): OutboundInput => ({
  idempotencyKey: key,
  from: 'support@example.com',
  to: ['requester@example.test'],
  subject: `Re: ${key}`,
  messageId: `<${key}@example.com>`,
  raw: Buffer.from(`Subject: Re: ${key}\r\n\r\nbody\r\n`),
});

describe('OutboundStore.onReady', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'announces committed queued and retried messages, once each, on %p',
    async databaseId => {
      const knex = await migratedKnex(databases, databaseId);
      const store = new OutboundStore(knex);
      const visible: number[] = [];
      // What the worker would find at the moment it is woken.
      const remove = store.onReady(() => {
        knex('outbound_messages')
          .where({ status: 'queued' })
          .count({ n: '*' })
          .then(([row]) => visible.push(Number(row.n)));
      });

      await store.enqueue(input('a'));
      await store.enqueue(input('a'));
      await knex.transaction(tx => store.enqueue(input('b'), new Date(), tx));
      await new Promise(resolve => setTimeout(resolve, 50));
      // The duplicate key and the caller's own transaction announce nothing.
      expect(visible).toEqual([1]);

      const [claimed] = await store.claimDue('w', 1);
      await store.recordOutcomes([
        { id: claimed.id, status: 'failed', error: 'refused' },
      ]);
      await store.retry(claimed.id);
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(visible).toEqual([1, 2]);

      remove();
      await store.enqueue(input('c'));
      expect(visible).toHaveLength(2);
    },
  );

  it('keeps queueing when a listener throws', async () => {
    const knex = await migratedKnex(databases, 'SQLITE_3');
    const store = new OutboundStore(knex);
    store.onReady(() => {
      throw new Error('waker broken');
    });
    const { created } = await store.enqueue(input('a'));
    expect(created).toBe(true);
  });
});
