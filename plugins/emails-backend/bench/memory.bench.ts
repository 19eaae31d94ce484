import { TestBed } from '@internal/emails-test-bed';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchUsers, startBenchBed } from './support/bed';
import { forkBackend, killBackends } from './support/child';
import { report } from './support/figures';
import { mib, scaled, until } from './support/measure';
import { largeMessage } from './support/messages';
import { BenchImap } from './support/replica';

// Figures, not assertions: run with `npm run bench` (see docs/testing.md).
jest.setTimeout(1_800_000);

const ATTACHMENT_MB = scaled(50, 1);
const USER = 'large@localhost';

// Both sides run in a child process of their own, so the jest worker's heap
// (and what earlier benches left in it) does not blur the figure.
describe(`memory: one message with a ${ATTACHMENT_MB} MB attachment over IMAP`, () => {
  let bed: TestBed;
  let imap: BenchImap;
  let dir: string;

  beforeAll(async () => {
    ({ bed, imap } = await startBenchBed(benchUsers(['large'])));
    dir = mkdtempSync(join(tmpdir(), 'emails-bench-memory-'));
  });
  afterAll(async () => {
    killBackends();
    await bed?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('peak RSS increase of the backend against imapflow + mailparser', async () => {
    const raw = largeMessage(0, USER, ATTACHMENT_MB * 1000 * 1000);
    await bed.deliver(USER, raw);
    const database = {
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'memory.sqlite') },
      useNullAsDefault: true,
    };
    const bare = forkBackend({
      imap,
      database,
      mailboxes: [USER],
      createServers: false,
      idleHoldMs: 0,
      bare: true,
    });
    const bareDone = await bare.next('bare-done');
    await bare.stop();
    const streamed = forkBackend({
      imap,
      database,
      mailboxes: [USER],
      createServers: false,
      idleHoldMs: 0,
      bare: 'stream',
      streamDir: dir,
    });
    const streamedDone = await streamed.next('bare-done');
    await streamed.stop();

    const backend = forkBackend({
      imap,
      database,
      mailboxes: [USER],
      createServers: true,
      serverSettings: { importSince: '2000-01-01T00:00:00.000Z' },
      idleHoldMs: 600_000,
      maxSizeMb: 150,
    });
    await backend.next('ready');
    const ticketed = await until(() => backend.processed.has(0), 600_000, 20);
    const increase = await backend.stop();
    report({
      figure: `peak RSS increase ${ATTACHMENT_MB} MB attachment`,
      value: mib(increase ?? NaN),
      unit: 'MiB',
      baseline: mib(bareDone.peakIncrease),
      better: 'lower',
      target: 100 * Math.min(1, ATTACHMENT_MB / 50),
      messageMiB: mib(raw.length),
      ticketed,
      baselineAttachments: bareDone.attachments,
      // What streaming reaches on the same machine: download() in 64 KiB
      // partial FETCHes, MailParser, attachments piped to files.
      streamedBaselineMiB: mib(streamedDone.peakIncrease),
    });
    expect({
      ticketed,
      baselineAttachments: bareDone.attachments,
      streamedAttachments: streamedDone.attachments,
    }).toEqual({
      ticketed: true,
      baselineAttachments: 1,
      streamedAttachments: 1,
    });
  });
});
