import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { OutboundInput, OutboundStore } from './OutboundStore';
import { openDatabase, rollbackAll } from './migrations';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const input = (key: string): OutboundInput => ({
  idempotencyKey: key,
  from: 'support@example.com',
  to: ['customer@example.test'],
  cc: ['boss@example.test'],
  subject: `Re: ${key}`,
  messageId: `<${key}@example.com>`,
  raw: Buffer.from(`Subject: Re: ${key}\r\n\r\nbody \u00e9\r\n`, 'utf8'),
  ticketId: '42',
});

const t0 = new Date('2026-11-21T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('OutboundStore', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  async function open(databaseId: any) {
    const knex = await migratedKnex(databases, databaseId);
    return { knex, store: new OutboundStore(knex) };
  }

  it.each(databases.eachSupportedId())(
    'queues once per idempotency key and keeps the bytes on %p',
    async databaseId => {
      const { store } = await open(databaseId);
      const first = await store.enqueue(input('a'), t0);
      const again = await store.enqueue(input('a'), at(5));
      expect(first.created).toBe(true);
      expect(again).toEqual({ message: first.message, created: false });
      expect(first.message).toMatchObject({
        status: 'queued',
        attempts: 0,
        to: ['customer@example.test'],
        cc: ['boss@example.test'],
        bcc: [],
        ticketId: '42',
        nextAttemptAt: t0.toISOString(),
      });
      expect(first.message.raw.equals(input('a').raw)).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'claims due messages once, even with concurrent claims, on %p',
    async databaseId => {
      const { store } = await open(databaseId);
      for (let i = 0; i < 10; i++) await store.enqueue(input(`m${i}`), t0);
      const later = await store.enqueue(input('later'), at(600));
      const [a, b] = await Promise.all([
        store.claimDue('w1', 6, at(1)),
        store.claimDue('w2', 6, at(1)),
      ]);
      const ids = [...a, ...b].map(m => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(10);
      expect(ids).not.toContain(later.message.id);
      expect(a.every(m => m.status === 'sending' && m.claimedBy === 'w1')).toBe(
        true,
      );
      expect(a[0].attempts).toBe(1);
      expect(await store.claimDue('w3', 10, at(2))).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'claims no more than the limit in its one statement (PostgreSQL may run an IN subquery per row) on %p',
    async databaseId => {
      const { store } = await open(databaseId);
      for (let i = 0; i < 5; i++) await store.enqueue(input(`n${i}`), at(i));
      const first = await store.claimDue('w', 1, at(10));
      expect(first.map(m => m.idempotencyKey)).toEqual(['n0']);
      const next = await store.claimDue('w', 3, at(10));
      expect(next.map(m => m.idempotencyKey)).toEqual(['n1', 'n2', 'n3']);
      expect((await store.list({ status: 'queued' })).length).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'records a batch of outcomes, one update per distinct outcome, guarded by the status, on %p',
    async databaseId => {
      const { knex, store } = await open(databaseId);
      const ids: string[] = [];
      for (const [key, when] of [
        ['a', t0],
        ['b', t0],
        ['c', t0],
        ['d', at(5)],
      ] as const) {
        ids.push((await store.enqueue(input(key), when)).message.id);
      }
      const [a, b, c, d] = ids;
      expect(await store.claimDue('w', 10, at(1))).toHaveLength(3);
      const route = { serverId: 's1', by: 'rule' as const, ruleName: 'EU' };
      let updates = 0;
      const count = (q: { sql: string }) => {
        if (/^update/i.test(q.sql)) updates += 1;
      };
      knex.on('query', count);
      await store.recordOutcomes(
        [
          { id: a, status: 'sent', usedServerId: 's1', route },
          { id: b, status: 'sent', usedServerId: 's1', route },
          {
            id: c,
            status: 'queued',
            nextAttemptAt: at(60),
            error: '451 later',
            usedServerId: 's1',
            route,
          },
          // Never claimed: still queued, so a failed outcome must not touch it.
          { id: d, status: 'failed', error: '550 no', usedServerId: 's1' },
        ],
        at(2),
      );
      knex.off('query', count);
      expect(updates).toBe(3);
      for (const id of [a, b]) {
        expect(await store.get(id)).toMatchObject({
          status: 'sent',
          usedServerId: 's1',
          sentAt: at(2).toISOString(),
          route,
        });
      }
      expect(await store.get(c)).toMatchObject({
        status: 'queued',
        lastError: '451 later',
        nextAttemptAt: at(60).toISOString(),
      });
      expect(await store.get(d)).toMatchObject({ status: 'queued' });
      expect((await store.get(d)).lastError).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'records sent, retry, failure, stale sends and manual retry on %p',
    async databaseId => {
      const { store } = await open(databaseId);
      const ids = [];
      for (const key of ['s', 'r', 'f', 'stale']) {
        ids.push((await store.enqueue(input(key), t0)).message.id);
      }
      const [s, r, f, stale] = ids;
      await store.claimDue('w', 10, at(1));
      await store.recordOutcomes(
        [{ id: s, status: 'sent', usedServerId: 'server-1' }],
        at(2),
      );
      await store.recordOutcomes([
        {
          id: r,
          status: 'queued',
          nextAttemptAt: at(60),
          error: '451 try later',
          usedServerId: 'server-1',
        },
        {
          id: f,
          status: 'failed',
          error: '550 no such user',
          usedServerId: 'server-1',
        },
      ]);
      expect(await store.get(s)).toMatchObject({
        status: 'sent',
        usedServerId: 'server-1',
        sentAt: at(2).toISOString(),
      });
      expect(await store.get(r)).toMatchObject({
        status: 'queued',
        lastError: '451 try later',
        nextAttemptAt: at(60).toISOString(),
      });
      expect(await store.claimDue('w', 10, at(30))).toEqual([]);

      expect(await store.requeueStale(at(0), at(100))).toBe(0);
      expect(await store.requeueStale(at(50), at(100))).toBe(1);
      expect(await store.get(stale)).toMatchObject({
        status: 'queued',
        attempts: 1,
      });

      expect((await store.list({ status: 'failed' })).map(m => m.id)).toEqual([
        f,
      ]);
      expect(await store.list({ ticketId: '42' })).toHaveLength(4);
      await expect(store.retry(s)).rejects.toThrow(ConflictError);
      expect(await store.retry(f, at(200))).toMatchObject({
        status: 'queued',
        attempts: 0,
        nextAttemptAt: at(200).toISOString(),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down and up again on %p',
    async databaseId => {
      const { knex } = await open(databaseId);
      await rollbackAll(knex);
      expect(await knex.schema.hasTable('outbound_messages')).toBe(false);
      await openDatabase({ getClient: async () => knex });
      expect(await knex.schema.hasTable('outbound_messages')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'reads only the automatic mail to the recipient or about the ticket, with routing and route, on %p',
    async databaseId => {
      const { store } = await open(databaseId);
      const ack = (key: string, to: string, ticketId: string, when: Date) =>
        store.enqueue(
          { ...input(key), idempotencyKey: `ack:${key}`, to: [to], ticketId },
          when,
        );
      await ack('1', 'a_b@example.test', '1', at(0));
      await ack('2', 'axb@example.test', '2', at(10)); // `_` is no wildcard
      await ack('3', 'other@example.test', '7', at(20));
      await ack('old', 'a_b@example.test', '1', at(-7200));
      await store.enqueue(
        { ...input('reply'), to: ['A_B@example.test'] },
        at(30),
      );
      const rows = await store.automaticSince('ack:', at(-3600), {
        recipient: 'A_B@example.test',
        ticketId: '7',
      });
      expect(rows.map(r => [r.recipient, r.ticketId]).sort()).toEqual([
        ['a_b@example.test', '1'],
        ['other@example.test', '7'],
      ]);

      const routed = await store.enqueue(
        {
          ...input('routed'),
          routing: { mailboxId: 'm1', requesterEmail: 'r@example.test' },
        },
        t0,
      );
      expect(routed.message.routing).toEqual({
        mailboxId: 'm1',
        requesterEmail: 'r@example.test',
      });
      await store.setRoute(routed.message.id, {
        serverId: 's1',
        by: 'rule',
        ruleName: 'EU',
      });
      expect((await store.get(routed.message.id)).route).toEqual({
        serverId: 's1',
        by: 'rule',
        ruleName: 'EU',
      });
    },
  );
});
