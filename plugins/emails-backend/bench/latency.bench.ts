import { TestBed } from '@internal/emails-test-bed';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchUsers, startBenchBed } from './support/bed';
import { BackendChild, forkBackend, killBackends } from './support/child';
import { report } from './support/figures';
import { deliveryLatencies } from './support/latency';
import { mib, percentile, scaled, sleep } from './support/measure';
import { BenchImap } from './support/replica';

// Figures, not assertions: run with `npm run bench` (see docs/testing.md).
jest.setTimeout(1_800_000);

const M = scaled(200, 10);
const MAILBOXES = scaled(200, 5);
const IDLE_WINDOW_MS = 10_000;
// The production default of emails.fetching.idleHoldSeconds (src/config.ts).
const IDLE_HOLD_MS = 240_000;

function latencyFigures(label: string, latencies: number[], missing: number) {
  report({
    figure: `LMTP to ticket p50 ${label}`,
    value: percentile(latencies, 50),
    unit: 'ms',
    better: 'lower',
    target: 500,
    messages: latencies.length,
    missing,
  });
  report({
    figure: `LMTP to ticket p99 ${label}`,
    value: percentile(latencies, 99),
    unit: 'ms',
    better: 'lower',
    target: 1500,
    messages: latencies.length,
    missing,
  });
}

describe(`delivery latency with IDLE (${M} messages), ${MAILBOXES} mailboxes`, () => {
  const names = Array.from({ length: MAILBOXES }, (_, i) => `idle${i}`);
  let bed: TestBed;
  let imap: BenchImap;
  let dir: string;
  let backend: BackendChild | undefined;

  beforeAll(async () => {
    ({ bed, imap } = await startBenchBed(benchUsers(['latency', ...names])));
    dir = mkdtempSync(join(tmpdir(), 'emails-bench-latency-'));
  });
  afterAll(async () => {
    killBackends();
    await bed?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (file: string, mailboxes: string[]) =>
    forkBackend({
      imap,
      database: {
        client: 'better-sqlite3',
        connection: { filename: join(dir, file) },
        useNullAsDefault: true,
      },
      mailboxes,
      createServers: true,
      serverSettings: { realTime: true },
      idleHoldMs: IDLE_HOLD_MS,
    });

  it('one mailbox: delivery over LMTP to committed ticket', async () => {
    backend = start('one.sqlite', ['latency@localhost']);
    await backend.next('ready');
    await sleep(2_000); // the first run connects and enters IDLE
    const { latencies, missing } = await deliveryLatencies(
      bed,
      backend,
      'latency@localhost',
      M,
      0,
    );
    latencyFigures('1 mailbox SQLITE_3', latencies, missing);
    expect(missing).toBe(0);
    await backend.stop();
    backend = undefined;
  });

  it(`${MAILBOXES} mailboxes in IDLE on one backend: RSS, CPU and latency`, async () => {
    const users = names.map(n => `${n}@localhost`);
    backend = start('many.sqlite', users);
    const ready = await backend.next('ready');
    // Every mailbox connects and enters IDLE; give them time before measuring.
    await sleep(5_000 + MAILBOXES * 25);
    backend.send({ type: 'measure-idle', ms: IDLE_WINDOW_MS });
    const idle = await backend.next('idle');
    report({
      figure: `idle RSS ${MAILBOXES} mailboxes`,
      value: mib(idle.rss),
      unit: 'MiB',
      better: 'lower',
      target: 300,
      rssAtStartMiB: mib(ready.rss),
      // What each connected mailbox adds (an imapflow client, its TLS socket, its runner).
      perMailboxMiB:
        Math.round(((idle.rss - ready.rss) / MAILBOXES / 1024 / 1024) * 100) /
        100,
      windowMs: IDLE_WINDOW_MS,
      // A figure over mailboxes that failed to connect would flatter it.
      mailboxesSynced: idle.reachable,
      mailboxesFailing: idle.failing,
      note:
        process.env.BENCH_TRANSFORM === '1'
          ? "TypeScript through Backstage's transform (BENCH_TRANSFORM=1)"
          : 'compiled JavaScript, as a built backend runs',
    });
    report({
      figure: `idle CPU ${MAILBOXES} mailboxes`,
      value: idle.cpuPercent,
      unit: '% of one core',
      better: 'lower',
      target: 5,
      windowMs: IDLE_WINDOW_MS,
    });
    expect({ synced: idle.reachable, failing: idle.failing }).toEqual({
      synced: MAILBOXES,
      failing: 0,
    });
    const { latencies, missing } = await deliveryLatencies(
      bed,
      backend,
      users[0],
      M,
      0,
    );
    latencyFigures(`${MAILBOXES} mailboxes SQLITE_3`, latencies, missing);
    expect(missing).toBe(0);
    await backend.stop();
    backend = undefined;
  });
});
