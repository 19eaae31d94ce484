import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';
import { ServerActivityStore } from './ServerActivityStore';

jest.setTimeout(60_000);

describe('ServerActivityStore', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  async function message(
    knex: Knex,
    id: string,
    row: { server: string; received: Date; processed?: Date; ticket?: string },
  ) {
    await knex('inbound_messages').insert({
      id,
      server_id: row.server,
      source_id: id,
      received_at: row.received,
      processed_at: row.processed ?? null,
      status: row.processed ? 'processed' : 'received',
      size_bytes: 1,
      raw: Buffer.from('x'),
      ticket_id: row.ticket ?? null,
      trace: '[]',
    });
  }

  it.each(databases.eachSupportedId())(
    'reads the messages of one server processed since a time, oldest first, on %p',
    async databaseId => {
      const knex = await migratedKnex(databases, databaseId);
      const store = new ServerActivityStore(knex);
      const t0 = Date.UTC(2026, 11, 7, 10);
      const at = (minutes: number) => new Date(t0 + minutes * 60_000);
      await message(knex, 'old', {
        server: 'a',
        received: at(-120),
        processed: at(-119),
      });
      await message(knex, 'late', {
        server: 'a',
        received: at(-90),
        processed: at(5),
        ticket: '7',
      });
      await message(knex, 'new', {
        server: 'a',
        received: at(1),
        processed: at(2),
      });
      await message(knex, 'pending', { server: 'a', received: at(3) });
      await message(knex, 'other', {
        server: 'b',
        received: at(1),
        processed: at(2),
      });
      const rows = await store.processedSince('a', at(0));
      expect(rows).toEqual([
        {
          receivedAt: at(1).toISOString(),
          processedAt: at(2).toISOString(),
          ticketId: undefined,
        },
        {
          receivedAt: at(-90).toISOString(),
          processedAt: at(5).toISOString(),
          ticketId: '7',
        },
      ]);
    },
  );
});
