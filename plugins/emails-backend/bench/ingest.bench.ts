import { TestDatabases } from '@backstage/backend-test-utils';
import { TestBed } from '@internal/emails-test-bed';
import { emailsTestDatabaseIds } from '../src/__testUtils__/testDatabases';
import { bareImapFetch } from './support/bare';
import { benchUsers, fillMailbox, startBenchBed } from './support/bed';
import { note, report } from './support/figures';
import { msSince, now, scaled, until } from './support/measure';
import { mixedMessage, smallMessage } from './support/messages';
import { addMailbox, benchReplica, BenchImap } from './support/replica';

// Figures, not assertions: run with `npm run bench` (see docs/testing.md).
jest.setTimeout(3_600_000);

const N = scaled(5000, 20);
const ENGINES = emailsTestDatabaseIds();
const KINDS = { mixed: mixedMessage, small: smallMessage };
type Kind = keyof typeof KINDS;

const userOf = (kind: Kind, engine: string) =>
  `${kind}-${engine.toLowerCase().replace(/_/g, '')}@localhost`;

describe(`ingest over IMAP (${N} messages a mailbox)`, () => {
  const databases = TestDatabases.create({ ids: ENGINES });
  let bed: TestBed;
  let imap: BenchImap;

  beforeAll(async () => {
    const names = (Object.keys(KINDS) as Kind[]).flatMap(kind =>
      ENGINES.map(engine => userOf(kind, engine).split('@')[0]),
    );
    ({ bed, imap } = await startBenchBed(benchUsers(names)));
    if (!ENGINES.some(e => e.startsWith('POSTGRES'))) {
      note(
        'ingest: PostgreSQL left out (no BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING; source scripts/postgres-env.sh)',
      );
    }
  });
  afterAll(() => bed?.stop());

  it.each(Object.keys(KINDS) as Kind[])(
    'fetches a %s mailbox through the pipeline and through imapflow + mailparser',
    async kind => {
      for (const engine of ENGINES) {
        await fillMailbox(bed, userOf(kind, engine), N, KINDS[kind]);
      }
      // The baseline reads the first engine's mailbox (read-only) before the pipeline does.
      const bareStart = now();
      const bare = await bareImapFetch(imap, userOf(kind, ENGINES[0]));
      const bareRate = bare.messages / (msSince(bareStart) / 1000);
      for (const engine of ENGINES) {
        const knex = await databases.init(engine);
        const { stores, runner, timings } = await benchReplica(knex, imap);
        const server = await addMailbox(stores, imap, userOf(kind, engine), {
          importSince: '2000-01-01T00:00:00.000Z',
        });
        timings.queries = 0;
        const start = now();
        await until(async () => {
          await runner.run(server.id, new AbortController().signal);
          return timings.processed.size >= N;
        }, 3_000_000);
        const seconds = msSince(start) / 1000;
        report({
          figure: `ingest IMAP ${kind} ${engine}`,
          value: timings.processed.size / seconds,
          unit: 'messages/s',
          baseline: bareRate,
          targetOf: 'ratio',
          better: 'higher',
          target: 0.85,
          messages: timings.processed.size,
          expected: N,
          baselineMessages: bare.messages,
          outcomes: Object.fromEntries(timings.outcomes),
          // Where the time goes: the rest of a message's time is IMAP and the runner.
          queriesPerMessage: timings.queries / timings.processed.size,
          recordMsPerMessage: timings.recordMs / timings.processed.size,
          processMsPerMessage: timings.processMs / timings.processed.size,
        });
        // The figure only counts when both sides handled every message.
        expect(timings.processed.size).toBe(N);
        expect(bare.messages).toBe(N);
      }
    },
  );
});
