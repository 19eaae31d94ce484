import { TestDatabases } from '@backstage/backend-test-utils';
import { mail, startPipeline } from '../src/ingest/__testUtils__/pipeline';
import { report } from './support/figures';
import { mib, msSince, now, percentile, scaled } from './support/measure';

// Figures, not assertions: run with `npm run bench` (see docs/testing.md).
jest.setTimeout(600_000);

const MESSAGES = scaled(300, 20);

describe('pipeline benchmark (no mail protocol)', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it(`records and tickets ${MESSAGES} messages`, async () => {
    const { deliver } = await startPipeline(databases, 'SQLITE_3');
    const body = 'The printer on floor 2 jams every morning.\r\n'.repeat(40);
    const attachment = Buffer.alloc(64 * 1024, 7)
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n');
    const latencies: number[] = [];
    const heapBefore = process.memoryUsage().heapUsed;
    const started = now();
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
      const t0 = now();
      const { outcome } = await deliver(raw);
      latencies.push(msSince(t0));
      expect(`${i}: ${outcome.status}`).toBe(`${i}: ticketed`);
    }
    const seconds = msSince(started) / 1000;
    report({
      figure: 'record+process, 64 KiB attachment, SQLITE_3',
      value: MESSAGES / seconds,
      unit: 'messages/s',
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      maxMs: Math.max(...latencies),
      heapGrowthMiB: mib(process.memoryUsage().heapUsed - heapBefore),
    });
  });
});
