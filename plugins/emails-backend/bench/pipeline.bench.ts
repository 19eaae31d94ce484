import { TestDatabases } from '@backstage/backend-test-utils';
import { mail, startPipeline } from '../src/ingest/__testUtils__/pipeline';

// Figures, not assertions: run with `npm run bench` (see docs/testing.md).
jest.setTimeout(300_000);

const MESSAGES = 300;

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

describe('pipeline benchmark', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it(`records and tickets ${MESSAGES} messages`, async () => {
    const { deliver } = await startPipeline(databases, 'SQLITE_3');
    const body = 'The printer on floor 2 jams every morning.\r\n'.repeat(40);
    const attachment = Buffer.alloc(64 * 1024, 7)
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n');
    const latencies: number[] = [];
    const heapBefore = process.memoryUsage().heapUsed;
    const started = process.hrtime.bigint();
    for (let i = 0; i < MESSAGES; i++) {
      const raw = mail(
        {
          From: `user${i}@example.com`,
          To: 'support@example.com',
          Subject: `Ticket ${i}`,
          'Content-Type': 'multipart/mixed; boundary="b"',
        },
        `--b\r\nContent-Type: text/plain\r\n\r\n${body}\r\n--b\r\nContent-Type: application/pdf; name="r.bin"\r\nContent-Disposition: attachment; filename="r.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${attachment}\r\n--b--\r\n`,
      );
      const t0 = process.hrtime.bigint();
      const { outcome } = await deliver(raw);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      expect(`${i}: ${outcome.status}`).toBe(`${i}: ticketed`);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const sorted = [...latencies].sort((a, b) => a - b);
    process.stdout.write(
      [
        '',
        `pipeline (SQLite, ${MESSAGES} messages of ~${
          Math.round(body.length / 1024) + 64
        } KiB with a 64 KiB attachment)`,
        `  throughput: ${(MESSAGES / seconds).toFixed(0)} messages/s`,
        `  record -> ticket latency: p50 ${percentile(sorted, 50).toFixed(
          1,
        )} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted[
          sorted.length - 1
        ].toFixed(1)} ms (target: < 1000 ms)`,
        `  heap growth: ${(
          (process.memoryUsage().heapUsed - heapBefore) /
          1024 /
          1024
        ).toFixed(1)} MiB`,
        '',
      ].join('\n'),
    );
  });
});
