import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { freePort } from '@internal/emails-test-bed';
import { SMTPServer } from 'smtp-server';
import { MailServerRecord } from '../database';
import { OutboundStore } from '../database/OutboundStore';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';
import { outgoingServer } from './__testUtils__/localSmtp';
import { composeOutbound } from './compose';
import { OutboundWorker } from './OutboundWorker';

jest.setTimeout(60_000);

/**
 * An SMTP sink that counts the messages in DATA at the same moment: each
 * waits there (at most 300 ms) for the next to arrive, so a worker sending
 * one at a time shows 1 and one using both pooled connections shows 2.
 */
async function startCountingSink() {
  let inData = 0;
  let wake: (() => void) | undefined;
  const sink = { port: 0, most: 0, received: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onData: (stream, _session, callback) => {
      inData += 1;
      sink.most = Math.max(sink.most, inData);
      wake?.();
      const next = new Promise<void>(resolve => {
        wake = resolve;
        setTimeout(resolve, 300);
      });
      stream.resume();
      stream.on('end', async () => {
        await next;
        inData -= 1;
        sink.received += 1;
        callback();
      });
    },
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  sink.port = (server.server.address() as { port: number }).port;
  return {
    sink,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

describe('OutboundWorker batches', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  async function setup(databaseId: any, server: MailServerRecord) {
    const knex = await migratedKnex(databases, databaseId);
    const store = new OutboundStore(knex);
    const observed: { status: string; error?: string }[] = [];
    const worker = new OutboundWorker({
      store,
      servers: {
        list: async () => [server],
        withSecrets: async () => ({ record: server, secrets: {} }),
      },
      health: {
        observe: async (_direction, _id, o) => void observed.push(o),
      },
      logger: mockServices.logger.mock(),
      connectionTimeoutMs: 5_000,
      random: () => 0.5,
    });
    const queue = async (key: string) =>
      (
        await store.enqueue(
          await composeOutbound(server, {
            idempotencyKey: key,
            to: ['customer@example.test'],
            subject: `Ticket ${key}`,
            text: `About ${key}`,
          }),
        )
      ).message;
    return { knex, store, worker, observed, queue };
  }

  it.each(databases.eachSupportedId())(
    'sends a batch on both pooled connections and stores it in three updates, on %p',
    async databaseId => {
      const { sink, stop } = await startCountingSink();
      const server = outgoingServer(
        'primary',
        { port: sink.port, security: 'none', authNeeded: false },
        { primary: true },
      );
      const { knex, store, worker, queue } = await setup(databaseId, server);
      try {
        for (let i = 0; i < 6; i++) await queue(`batch-${i}`);
        let updates = 0;
        const count = (q: { sql: string }) => {
          if (/^update/i.test(q.sql)) updates += 1;
        };
        knex.on('query', count);
        expect(await worker.runOnce()).toEqual({
          sent: 6,
          retrying: 0,
          failed: 0,
        });
        knex.off('query', count);
        expect(sink.received).toBe(6);
        // Never more than the pool's two connections, and both used.
        expect(sink.most).toBe(2);
        // The stale requeue, the claim, and one write for all six outcomes.
        expect(updates).toBe(3);
        const sent = await store.list({ status: 'sent' });
        expect(sent).toHaveLength(6);
        expect(sent.every(m => m.usedServerId === 'primary')).toBe(true);
      } finally {
        worker.close();
        await stop();
      }
    },
  );

  it('words a refused connection as Test Connection does, in the message and the health', async () => {
    const port = await freePort();
    const server = outgoingServer(
      'primary',
      { port, security: 'none', authNeeded: false },
      { primary: true },
    );
    const { store, worker, observed, queue } = await setup('SQLITE_3', server);
    try {
      const queued = await queue('refused');
      expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
      const worded = new RegExp(
        `^tcp: Nothing accepts connections on port ${port}: .*ECONNREFUSED 127\\.0\\.0\\.1:${port}\\. Check the port number`,
      );
      expect((await store.get(queued.id)).lastError).toMatch(worded);
      expect(observed).toEqual([
        { status: 'unreachable', error: expect.stringMatching(worded) },
      ]);
    } finally {
      worker.close();
    }
  });
});
