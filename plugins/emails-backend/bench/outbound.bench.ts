import { TestDatabases } from '@backstage/backend-test-utils';
import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { DEFAULT_EMAIL_PREFERENCES } from '@internal/plugin-emails-common';
import nodemailer from 'nodemailer';
import { MailServerRecord } from '../src/database';
import { migratedKnex } from '../src/__testUtils__/testDatabases';
import { OutboundStore } from '../src/database/OutboundStore';
import { mail, startPipeline } from '../src/ingest/__testUtils__/pipeline';
import { composeOutbound, OutboundWorker } from '../src/outbound';
import {
  LocalMessage,
  LocalSmtp,
  outgoingServer,
  startLocalSmtp,
} from '../src/outbound/__testUtils__/localSmtp';
import { startOutboundWorker } from '../src/outbound/startOutboundWorker';
import { report } from './support/figures';
import {
  msSince,
  now,
  percentile,
  scaled,
  sleep,
  until,
} from './support/measure';
import { silentLogger } from './support/replica';

// Figures, not assertions: run with `npm run bench` (see docs/testing.md).
jest.setTimeout(1_800_000);

const K = scaled(2000, 40);
const ACKS = scaled(40, 8);
// What production's outgoing server transport uses (src/outbound/smtpTransport.ts).
const POOL_CONNECTIONS = 2;
const BODY = 'Your request was updated.\r\n'.repeat(40);

function sinkServer(sink: LocalSmtp): MailServerRecord {
  return outgoingServer(
    'primary',
    { port: sink.port, security: 'none', authNeeded: false },
    { primary: true },
  );
}

function worker(store: OutboundStore, server: MailServerRecord) {
  return new OutboundWorker({
    store,
    servers: {
      list: async () => [server],
      withSecrets: async () => ({ record: server, secrets: {} }),
    },
    logger: silentLogger,
  });
}

async function drafts(server: MailServerRecord) {
  return Promise.all(
    Array.from({ length: K }, (_, i) =>
      composeOutbound(server, {
        idempotencyKey: `bench-${i}`,
        to: [`requester${i}@example.com`],
        subject: `Re: [REQ-${i}] Bench`,
        text: BODY,
      }),
    ),
  );
}

/**
 * A scheduler for one task that runs it as Backstage's does for a
 * frequency: after the initial delay, then each `frequency` after a start.
 */
function cadenceScheduler() {
  const controller = new AbortController();
  return {
    stop: () => controller.abort(),
    async scheduleTask(
      task: SchedulerServiceTaskScheduleDefinition & {
        fn: (signal: AbortSignal) => Promise<void>;
      },
    ) {
      const ms = (d: any) =>
        ((d?.seconds ?? 0) + (d?.minutes ?? 0) * 60) * 1000;
      const loop = async () => {
        await sleep(ms(task.initialDelay));
        while (!controller.signal.aborted) {
          const started = Date.now();
          await task.fn(controller.signal);
          await sleep(Math.max(0, ms(task.frequency) - (Date.now() - started)));
        }
      };
      loop();
    },
  };
}

describe(`sending (${K} notifications, ${ACKS} acknowledgements)`, () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('through the outbound queue and through nodemailer pooled directly', async () => {
    const received: LocalMessage[] = [];
    const sink = await startLocalSmtp({}, received);
    try {
      const server = sinkServer(sink);
      const inputs = await drafts(server);
      const direct = nodemailer.createTransport({
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        ignoreTLS: true,
        pool: true,
        maxConnections: POOL_CONNECTIONS,
      });
      const directStart = now();
      await Promise.all(
        inputs.map(i =>
          direct.sendMail({ envelope: { from: i.from, to: i.to }, raw: i.raw }),
        ),
      );
      const directRate = K / (msSince(directStart) / 1000);
      direct.close();

      received.length = 0;
      const store = new OutboundStore(
        await migratedKnex(databases, 'SQLITE_3'),
      );
      const queued = worker(store, server);
      const start = now();
      for (const { preferredServerId: _p, ...input } of inputs) {
        await store.enqueue(input);
      }
      const enqueueMs = msSince(start);
      // Back to back, as fast as the worker drains (production waits 5 s between runs).
      while (received.length < K && (await queued.runOnce()).sent > 0);
      const rate = received.length / (msSince(start) / 1000);
      queued.close();
      report({
        figure: 'outbound queue to SMTP sink (runs back to back)',
        value: rate,
        unit: 'messages/s',
        baseline: directRate,
        targetOf: 'ratio',
        better: 'higher',
        target: 0.8,
        sent: received.length,
        enqueueMs: Math.round(enqueueMs),
        drainMs: Math.round(msSince(start) - enqueueMs),
        note: 'woken or scheduled, a run keeps claiming full batches (20) until the queue is drained',
      });
      expect(received).toHaveLength(K);
    } finally {
      await sink.stop();
    }
  });

  it('from a new ticket to its acknowledgement leaving, the worker woken when queued', async () => {
    const received: LocalMessage[] = [];
    const sink = await startLocalSmtp({}, received);
    const scheduler = cadenceScheduler();
    // Requesters outside the catalog with no DKIM: acknowledged only with 'all'.
    const p = await startPipeline(databases, 'SQLITE_3', {
      acknowledge: true,
      preferences: {
        notifications: {
          ...DEFAULT_EMAIL_PREFERENCES.notifications,
          acknowledgeSenders: 'all',
        },
      },
    });
    const server = await p.stores.outgoingServers.create({
      name: 'Sink',
      email: 'support@example.com',
      protocol: 'smtp',
      enabled: true,
      primary: true,
      settings: {
        host: '127.0.0.1',
        port: sink.port,
        security: 'none',
        authNeeded: false,
      },
    });
    const sender = worker(p.stores.outbound, server);
    try {
      const waker = await startOutboundWorker({
        scheduler: scheduler as any,
        logger: silentLogger,
        worker: sender,
      });
      // As src/wiring/outbound.ts connects it (one process: no events needed).
      p.stores.outbound.onReady(() => waker.wake());
      const arrived = new Map<string, number>();
      const watch = setInterval(() => {
        for (const m of received)
          if (!arrived.has(m.to[0])) arrived.set(m.to[0], Date.now());
      }, 2);
      const createdAt = new Map<string, number>();
      for (let i = 0; i < ACKS; i++) {
        const requester = `requester${i}@example.com`;
        createdAt.set(requester, Date.now());
        await p.deliver(
          mail(
            {
              From: requester,
              To: 'support@example.com',
              Subject: `Ack ${i}`,
              'Message-ID': `<ack-${i}@example.com>`,
            },
            'Please help.',
          ),
        );
        // Tickets arrive spread over the worker's cadence, as real mail does.
        await sleep(700);
      }
      await until(() => arrived.size >= ACKS, 60_000);
      clearInterval(watch);
      const latencies = [...createdAt]
        .filter(([r]) => arrived.has(r))
        .map(([r, at]) => arrived.get(r)! - at);
      report({
        figure: 'new ticket to acknowledgement sent p50',
        value: percentile(latencies, 50),
        unit: 'ms',
        better: 'lower',
        target: 500,
        p99: percentile(latencies, 99),
        acknowledgements: latencies.length,
        expected: ACKS,
      });
      expect(latencies).toHaveLength(ACKS);
    } finally {
      scheduler.stop();
      sender.close();
      await sink.stop();
    }
  });
});
