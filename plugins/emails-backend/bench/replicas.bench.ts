import { TestDatabases } from '@backstage/backend-test-utils';
import { TestBed } from '@internal/emails-test-bed';
import { Knex } from 'knex';
import { emailsTestDatabaseIds } from '../src/__testUtils__/testDatabases';
import { createStores } from '../src/database';
import { benchUsers, startBenchBed } from './support/bed';
import { BackendChild, forkBackend, killBackends } from './support/child';
import { note, report } from './support/figures';
import { msSince, now, scaled, sleep, until } from './support/measure';
import { smallMessage } from './support/messages';
import { BenchImap } from './support/replica';

// Figures, not assertions: run with `npm run bench` (see docs/testing.md).
jest.setTimeout(1_800_000);

const N = scaled(5000, 60);
const MAILBOXES = 20;
// LMTP deliveries at once while filling: Dovecot delivers them in parallel.
const FILL_LANES = 12;
const PG = emailsTestDatabaseIds().find(id => id.startsWith('POSTGRES'));
const SETS = ['one', 'three', 'killed'] as const;
type MailboxSet = (typeof SETS)[number];

const usersOf = (set: MailboxSet) =>
  Array.from({ length: MAILBOXES }, (_, i) => `${set}${i}@localhost`);

/** N small messages spread over the set's mailboxes; X-Bench-Seq 0..N-1. */
async function fill(bed: TestBed, set: MailboxSet) {
  const users = usersOf(set);
  let next = 0;
  const lane = async () => {
    while (next < N) {
      const seq = next++;
      const user = users[seq % users.length];
      await bed.deliver(user, smallMessage(seq, user));
    }
  };
  await Promise.all(Array.from({ length: FILL_LANES }, lane));
}

/** Lost and duplicated bench messages, from the tickets in the database. */
async function audit(knex: Knex) {
  const stores = await createStores({ getClient: async () => knex });
  const titles: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await stores.tickets.list({ limit: 200, cursor });
    titles.push(...page.items.map(t => t.title));
    cursor = page.nextCursor;
  } while (cursor);
  const seqs = titles
    .map(t => t.match(/^Printer (\d+) jams$/)?.[1])
    .filter((s): s is string => !!s);
  const distinct = new Set(seqs).size;
  return { lost: N - distinct, duplicated: seqs.length - distinct };
}

function processedBy(replicas: BackendChild[]) {
  return new Set(replicas.flatMap(r => [...r.processed.keys()])).size;
}

describe(`replicas on one PostgreSQL (${N} messages on ${MAILBOXES} mailboxes)`, () => {
  const databases = TestDatabases.create({ ids: PG ? [PG] : [] });
  let bed: TestBed;
  let imap: BenchImap;

  beforeAll(async () => {
    if (!PG) return;
    const names = SETS.flatMap(set => usersOf(set).map(u => u.split('@')[0]));
    ({ bed, imap } = await startBenchBed(benchUsers(names)));
  });
  afterAll(async () => {
    killBackends();
    await bed?.stop();
  });

  const start = async (set: MailboxSet, count: number) => {
    const knex = await databases.init(PG!);
    const database = (knex.client as any).config as Knex.Config;
    const replica = (createServers: boolean) =>
      forkBackend({
        imap,
        database,
        mailboxes: usersOf(set),
        createServers,
        serverSettings: {
          realTime: true,
          importSince: '2000-01-01T00:00:00.000Z',
        },
        idleHoldMs: 120_000,
        oneReplicaPerMailbox: true,
        waitForGo: true,
      });
    // The first one adds the incoming servers; the others find them.
    const first = replica(true);
    await first.next('ready');
    const replicas = [first];
    for (let i = 1; i < count; i++) replicas.push(replica(false));
    await Promise.all(replicas.slice(1).map(r => r.next('ready')));
    // All start together, timed from then, not from process start-up: a
    // replica up earlier would take every mailbox before the others could.
    replicas.forEach(r => r.send({ type: 'go' }));
    return { knex, replicas, began: now() };
  };

  it('none lost, none twice; throughput of three against one', async () => {
    if (!PG) {
      note(
        'replicas: left out, they need PostgreSQL (source scripts/postgres-env.sh)',
      );
      return;
    }
    const rates: number[] = [];
    for (const [set, count] of [
      ['one', 1],
      ['three', 3],
    ] as const) {
      await fill(bed, set);
      const { knex, replicas, began } = await start(set, count);
      await until(() => processedBy(replicas) >= N, 1_200_000, 20);
      expect(processedBy(replicas)).toBe(N);
      rates.push(processedBy(replicas) / (msSince(began) / 1000));
      await Promise.all(replicas.map(r => r.stop()));
      const { lost, duplicated } = await audit(knex);
      report({
        figure: `replicas ${count}: lost`,
        value: lost,
        unit: 'messages',
        better: 'lower',
        target: 0,
      });
      report({
        figure: `replicas ${count}: duplicated`,
        value: duplicated,
        unit: 'messages',
        better: 'lower',
        target: 0,
      });
    }
    report({
      figure: 'replicas 3 throughput',
      value: rates[1],
      unit: 'messages/s',
      baseline: rates[0],
      targetOf: 'ratio',
      better: 'higher',
      target: 1.8,
      note: 'a mailbox runs in one replica at a time (a global lock per mailbox, as the scheduler gives it)',
    });
  });

  it('a replica killed with SIGKILL halfway loses and duplicates nothing', async () => {
    if (!PG) return;
    await fill(bed, 'killed');
    const { knex, replicas } = await start('killed', 3);
    await until(() => processedBy(replicas) >= N / 2, 1_200_000, 5);
    // The busiest one: killed while it was surely working.
    const victim = [...replicas].sort(
      (a, b) => b.processed.size - a.processed.size,
    )[0];
    victim.process.kill('SIGKILL');
    const survivors = replicas.filter(r => r !== victim);
    // The survivors finish what they see; a message the killed one held
    // mid-processing shows up as lost unless a later run picks it up.
    await until(() => processedBy(replicas) >= N, 120_000, 50);
    await sleep(2_000);
    await Promise.all(survivors.map(r => r.stop()));
    const { lost, duplicated } = await audit(knex);
    report({
      figure: 'replica killed: lost',
      value: lost,
      unit: 'messages',
      better: 'lower',
      target: 0,
    });
    report({
      figure: 'replica killed: duplicated',
      value: duplicated,
      unit: 'messages',
      better: 'lower',
      target: 0,
    });
    expect(victim.process.signalCode).toBe('SIGKILL');
  });
});
