import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { EmailRule } from '@internal/plugin-emails-common';
import { migratedKnex } from '../src/__testUtils__/testDatabases';
import { OutboundStore } from '../src/database/OutboundStore';
import { composeOutbound, OutboundWorker } from '../src/outbound';
import {
  LocalMessage,
  outgoingServer,
  startLocalSmtp,
} from '../src/outbound/__testUtils__/localSmtp';

// Figures, not assertions: run with `npm run bench` (see docs/testing.md).
jest.setTimeout(300_000);

const MESSAGES = 300;
const RULES = 20;

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

describe('outbound benchmark', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it(`queues, routes by ${RULES} rules and sends ${MESSAGES} messages`, async () => {
    const received: LocalMessage[] = [];
    const primarySink = await startLocalSmtp({}, received);
    const ruleSink = await startLocalSmtp({}, received);
    try {
      const store = new OutboundStore(
        await migratedKnex(databases, 'SQLITE_3'),
      );
      const primary = outgoingServer(
        'primary',
        { port: primarySink.port, security: 'none', authNeeded: false },
        { primary: true },
      );
      const routed = outgoingServer('routed', {
        port: ruleSink.port,
        security: 'none',
        authNeeded: false,
      });
      // Only the last rule matches half of the messages: the worst case for the search.
      const rules: EmailRule[] = Array.from({ length: RULES }, (_, i) => ({
        id: `r${i}`,
        name: `Rule ${i}`,
        enabled: true,
        match: 'all',
        conditions: [
          {
            field: 'requesterDomain',
            operator: 'is',
            values: [i === RULES - 1 ? 'even.example' : `nobody${i}.example`],
          },
        ],
        actions: [{ type: 'useOutgoingServer', serverId: 'routed' }],
        stopProcessing: false,
      }));
      const worker = new OutboundWorker({
        store,
        servers: {
          list: async () => [primary, routed],
          withSecrets: async id => ({
            record: id === 'routed' ? routed : primary,
            secrets: {},
          }),
        },
        routing: { rules: async () => rules, mailboxes: async () => [] },
        logger: mockServices.logger.mock(),
        batchSize: 50,
      });
      const body = 'Your request was updated.\r\n'.repeat(40);
      const heapBefore = process.memoryUsage().heapUsed;
      const queuedAt = new Map<string, number>();
      const enqueueStart = process.hrtime.bigint();
      for (let i = 0; i < MESSAGES; i++) {
        const requester = `user${i}@${i % 2 ? 'odd' : 'even'}.example`;
        const input = await composeOutbound(primary, {
          idempotencyKey: `bench-${i}`,
          to: [requester],
          subject: `Re: [REQ-${i}] Bench`,
          text: body,
        });
        const { preferredServerId: _chosen, ...unchosen } = input;
        const { message } = await store.enqueue({
          ...unchosen,
          routing: { requesterEmail: requester },
        });
        queuedAt.set(message.id, Date.now());
      }
      const enqueueSeconds =
        Number(process.hrtime.bigint() - enqueueStart) / 1e9;
      const sendStart = process.hrtime.bigint();
      const latencies: number[] = [];
      for (let run = 0; run < MESSAGES && received.length < MESSAGES; run++) {
        const before = Date.now();
        const result = await worker.runOnce();
        if (result.sent === 0) break;
        const sent = await store.list({ status: 'sent', limit: 500 });
        for (const m of sent) {
          const at = queuedAt.get(m.id);
          if (at !== undefined && m.sentAt) {
            latencies.push(Math.max(0, new Date(m.sentAt).getTime() - at));
            queuedAt.delete(m.id);
          }
        }
        if (Date.now() - before > 60_000) break;
      }
      const sendSeconds = Number(process.hrtime.bigint() - sendStart) / 1e9;
      worker.close();
      const sorted = [...latencies].sort((a, b) => a - b);
      const viaRule = received.filter(m =>
        m.to[0].endsWith('@even.example'),
      ).length;
      process.stdout.write(
        [
          '',
          `outbound (SQLite, ${MESSAGES} messages of ~1 KiB, ${RULES} outgoing rules, two local SMTP sinks)`,
          `  enqueue: ${(MESSAGES / enqueueSeconds).toFixed(0)} messages/s`,
          `  routing + sending: ${(received.length / sendSeconds).toFixed(
            0,
          )} messages/s (${
            received.length
          } delivered, ${viaRule} through the rule's server)`,
          `  queued -> sent (all queued first): p50 ${percentile(
            sorted,
            50,
          )} ms, p95 ${percentile(sorted, 95)} ms`,
          `  heap growth: ${(
            (process.memoryUsage().heapUsed - heapBefore) /
            1024 /
            1024
          ).toFixed(1)} MiB`,
          '',
        ].join('\n'),
      );
      expect(received).toHaveLength(MESSAGES);
    } finally {
      await primarySink.stop();
      await ruleSink.stop();
    }
  });
});
