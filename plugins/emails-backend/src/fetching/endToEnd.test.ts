import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_EMAIL_PREFERENCES } from '@internal/plugin-emails-common';
import { startTestBed, TestBed } from '@internal/emails-test-bed';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { createStores, Stores } from '../database';
import { testReplyDeps } from '../ingest/__testUtils__/pipeline';
import { IngestService } from '../ingest/IngestService';
import { DatabaseTicketing } from '../ticketing/DatabaseTicketing';
import {
  addImapServer,
  bedServers,
  folderState,
} from './__testUtils__/mailboxFixture';
import { imapFetcherFactory } from './mailboxSettings';
import { MailboxRunner } from './MailboxRunner';

jest.setTimeout(120_000);

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.alloc(3000, 0x41),
]);

function withAttachment(subject: string, n = 0) {
  return [
    'From: Rita <rita@example.com>',
    'To: e2e@localhost',
    'Cc: bob@example.com',
    `Subject: ${subject}`,
    `Message-ID: <e2e-${n}-${subject.replace(/\W/g, '')}@example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="x"',
    '',
    '--x',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The report is attached.',
    '--x',
    'Content-Type: application/pdf; name="report.pdf"',
    'Content-Disposition: attachment; filename="report.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    PDF.toString('base64').replace(/(.{76})/g, '$1\r\n'),
    '--x--',
    '',
  ].join('\r\n');
}

/** One backend replica: its own database client, pipeline and mailbox runner. */
async function replica(knex: Knex, bed: TestBed) {
  const stores: Stores = await createStores({ getClient: async () => knex });
  const ingest = new IngestService({
    stores,
    ticketing: () => new DatabaseTicketing(stores.tickets, stores.attachments),
    processors: [],
    preferences: async () => DEFAULT_EMAIL_PREFERENCES,
    findUser: async email =>
      email === 'rita@example.com' ? 'user:default/rita' : undefined,
    logger: mockServices.logger.mock(),
    ...testReplyDeps(),
  });
  const runner = new MailboxRunner({
    servers: bedServers(stores, bed),
    stores,
    ingest,
    logger: mockServices.logger.mock(),
    createFetcher: imapFetcherFactory({ ca: [bed.caPem] }),
    idleHoldMs: 5_000,
    backoff: { initialMs: 100, maxMs: 1_000 },
  });
  return { stores, ingest, runner };
}

const USERS = [
  { user: 'thread@localhost', password: 'thread-password' },
  { user: 'e2e@localhost', password: 'e2e-password' },
  { user: 'shared@localhost', password: 'shared-password' },
  { user: 'corpus@localhost', password: 'corpus-password' },
];

// ../shared/corpora beside the repository (see shared/corpora/README.md).
const CORPUS = resolve(__dirname, '../../../../../shared/corpora/james-mime4j');

function corpusFiles(): Buffer[] {
  return ['testmsgs', 'mimetools-testmsgs'].flatMap(folder =>
    readdirSync(join(CORPUS, folder))
      .filter(f => f.endsWith('.msg'))
      .sort()
      .map(f => readFileSync(join(CORPUS, folder, f))),
  );
}

describe('a Dovecot mailbox through the real pipeline', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });
  let bed: TestBed;

  beforeAll(async () => {
    bed = await startTestBed({ users: USERS });
  });
  afterAll(() => bed?.stop());

  it.each(databases.eachSupportedId())(
    'turns a message delivered over LMTP into a ticket with its attachment, then files it, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { stores, runner } = await replica(knex, bed);
      const server = await addImapServer(
        stores,
        bed,
        'e2e@localhost',
        {
          folders: { inbox: 'INBOX', success: 'Ticketed' },
        },
        { name: `e2e ${databaseId}` },
      );
      const run = () => runner.run(server.id, new AbortController().signal);
      await run(); // first connection: only mail arriving from now on
      await bed.deliver(
        'e2e@localhost',
        withAttachment(`Scanner offline ${databaseId}`),
      );
      await run();

      const { items } = await stores.tickets.list({});
      expect(items.map(t => t.title)).toEqual([
        `Scanner offline ${databaseId}`,
      ]);
      expect(items[0]).toMatchObject({
        requester: {
          email: 'rita@example.com',
          userEntityRef: 'user:default/rita',
        },
        ccEmails: ['bob@example.com'],
        serverId: server.id,
      });
      const [entry] = await stores.tickets.entries(items[0].id);
      expect(entry.text).toContain('The report is attached.');
      const [file] = (await stores.attachments.forEntries([entry.id])).get(
        entry.id,
      )!;
      expect((await stores.attachments.get(file.id)).content.equals(PDF)).toBe(
        true,
      );
      expect(
        (await folderState(bed, 'e2e@localhost', 'Ticketed'))?.map(
          m => m.subject,
        ),
      ).toContain(`Scanner offline ${databaseId}`);
    },
  );

  it('decides every corpus message delivered to the mailbox: none lost, none twice', async () => {
    const knex = await databases.init('SQLITE_3');
    const { stores, runner } = await replica(knex, bed);
    const server = await addImapServer(
      stores,
      bed,
      'corpus@localhost',
      {
        folders: {
          inbox: 'INBOX',
          success: 'Ticketed',
          fail: 'Failed',
          exclusion: 'Excluded',
        },
        // Should corpus messages fail, the default of 5 such errors in a row
        // would pause the mailbox (seed 003), not the point here.
        errorThreshold: 1000,
      },
      { name: 'corpus' },
    );
    const run = () => runner.run(server.id, new AbortController().signal);
    await run();
    const files = corpusFiles();
    expect(files).toHaveLength(80);
    for (const raw of files) {
      await bed.deliver('corpus@localhost', raw);
    }
    // One run handles what its time budget allows (5 s); on a loaded machine
    // the rest waits for the next run, as it would for the next poll.
    for (let runs = 0; runs < 10; runs++) {
      await run();
      const recorded = await stores.inboundMessages.list({ limit: 200 });
      if (recorded.items.length >= 80) break;
    }

    const { items } = await stores.inboundMessages.list({ limit: 200 });
    expect(items).toHaveLength(80);
    const statuses = items.reduce<Record<string, number>>((acc, m) => {
      acc[m.status] = (acc[m.status] ?? 0) + 1;
      return acc;
    }, {});
    // Automatic mail (bounces, auto-replies) is recorded as ignored, never
    // lost. None is quarantined: a message without a From address gets its
    // requester from Sender, Reply-To or the Return-Path Dovecot's delivery adds.
    expect(Object.keys(statuses).sort()).toEqual([
      'duplicate',
      'ignored',
      'ticketed',
    ]);
    expect(
      items.filter(m => m.status === 'quarantined').every(m => !!m.reason),
    ).toBe(true);
    expect((await stores.tickets.list({ limit: 200 })).items).toHaveLength(
      statuses.ticketed,
    );
    // Every message left the inbox for the folder its outcome names.
    expect(await folderState(bed, 'corpus@localhost', 'INBOX')).toEqual([]);
    expect(
      (await folderState(bed, 'corpus@localhost', 'Ticketed'))?.length,
    ).toBe(statuses.ticketed);
    expect(
      (await folderState(bed, 'corpus@localhost', 'Failed'))?.length ?? 0,
    ).toBe(0);
  });

  it('threads a reply delivered into the mailbox into its ticket, and keeps a stranger out', async () => {
    const knex = await databases.init('SQLITE_3');
    const { stores, runner } = await replica(knex, bed);
    const server = await addImapServer(
      stores,
      bed,
      'thread@localhost',
      {},
      { name: 'thread' },
    );
    const run = () => runner.run(server.id, new AbortController().signal);
    await run();
    await bed.deliver(
      'thread@localhost',
      withAttachment('Scanner jams', 1).replace(
        'To: e2e@localhost',
        'To: thread@localhost',
      ),
    );
    await run();
    const [ticket] = (await stores.tickets.list({})).items;
    await bed.deliver(
      'thread@localhost',
      `From: Rita <rita@example.com>\r\nTo: thread@localhost\r\nSubject: Re: [REQ-${ticket.id}] Scanner jams\r\nIn-Reply-To: <e2e-1-Scannerjams@example.com>\r\n\r\nStill jams.\r\n\r\nOn Mon, 3 Nov 2026 at 10:02, Support <thread@localhost> wrote:\r\n> Try again\r\n`,
    );
    await bed.deliver(
      'thread@localhost',
      `From: Mallory <mallory@evil.example>\r\nTo: thread@localhost\r\nSubject: Re: [REQ-${ticket.id}] Scanner jams\r\n\r\nLet me in.\r\n`,
    );
    await run();
    const entries = await stores.tickets.entries(ticket.id);
    expect(entries.map(e => [e.kind, e.author.email, e.text?.trim()])).toEqual([
      ['description', 'rita@example.com', 'The report is attached.'],
      ['reply', 'rita@example.com', 'Still jams.'],
    ]);
    expect(entries[1].quotedText).toContain('> Try again');
    expect((await stores.tickets.list({})).items).toHaveLength(2);
  });

  it('makes no duplicates when two replicas work one mailbox on one database at the same time', async () => {
    // Two clients on one database, as two backend replicas have: PostgreSQL
    // when configured, and always a SQLite file (in-memory SQLite is per client).
    const dir = mkdtempSync(join(tmpdir(), 'emails-replicas-'));
    const pg = emailsTestDatabaseIds().find(id => id.startsWith('POSTGRES'));
    const connect = async (): Promise<[Knex, Knex]> => {
      if (pg) {
        const first = await databases.init(pg);
        const second = knexFactory({ ...(first.client as any).config });
        return [first, second];
      }
      const file = join(dir, 'emails.sqlite');
      const make = () =>
        knexFactory({
          client: 'better-sqlite3',
          connection: { filename: file },
          useNullAsDefault: true,
        });
      return [make(), make()];
    };
    const [a, b] = await connect();
    try {
      const one = await replica(a, bed);
      const two = await replica(b, bed);
      const server = await addImapServer(
        one.stores,
        bed,
        'shared@localhost',
        {},
        { name: 'shared' },
      );
      await one.runner.run(server.id, new AbortController().signal);
      const COUNT = 8;
      for (let i = 0; i < COUNT; i++) {
        await bed.deliver('shared@localhost', withAttachment(`Shared ${i}`, i));
      }
      await Promise.all([
        one.runner.run(server.id, new AbortController().signal),
        two.runner.run(server.id, new AbortController().signal),
      ]);
      // Whatever either replica left undone, a later run finishes.
      await one.runner.run(server.id, new AbortController().signal);

      const titles = (await one.stores.tickets.list({ limit: 100 })).items
        .map(t => t.title)
        .sort();
      expect(titles).toEqual(
        Array.from({ length: COUNT }, (_, i) => `Shared ${i}`).sort(),
      );
      const logged = await one.stores.inboundMessages.list({ limit: 100 });
      expect(logged.items).toHaveLength(COUNT);
      expect(new Set(logged.items.map(m => m.ticketId)).size).toBe(COUNT);
    } finally {
      if (!pg) await a.destroy();
      await b.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
