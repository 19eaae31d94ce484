import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { EmailsTicketing } from '@internal/plugin-emails-node';
import { Knex } from 'knex';
import { ConfigAuditRecorder } from '../audit/ConfigAuditRecorder';
import { createStores, Stores } from '../database';
import { RuleService } from '../rules';
import { PreferenceService } from '../servers/PreferenceService';
import { DatabaseTicketing } from '../ticketing/DatabaseTicketing';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { CATALOG_USERS, mail, testReplyDeps } from './__testUtils__/pipeline';
import { IngestService } from './IngestService';

jest.setTimeout(60_000);

// What one small message may cost, counted in knex queries (BEGIN and COMMIT included).
const NEW_TICKET_BUDGET = 7;
const REPLY_BUDGET = 9;

/** The pipeline as wiring/inbound.ts builds it: settings from their services, kept by version. */
async function pipeline(
  databases: TestDatabases,
  databaseId: any,
  ticketing?: (builtIn: EmailsTicketing) => EmailsTicketing,
) {
  const knex: Knex = await databases.init(databaseId);
  const stores: Stores = await createStores({ getClient: async () => knex });
  const audit = new ConfigAuditRecorder(
    stores.configAudit,
    mockServices.auditor.mock(),
  );
  const preferences = new PreferenceService({ stores, audit });
  const rules = new RuleService({ stores, audit });
  const server = await stores.incomingServers.create({
    name: 'IT Support',
    email: 'support@example.com',
    protocol: 'imap',
    enabled: true,
    primary: true,
    technicianGroup: 'group:default/it-support',
    settings: { aliases: ['help@example.com'] },
  });
  const builtIn = new DatabaseTicketing(stores.tickets, stores.attachments);
  const used = ticketing ? ticketing(builtIn) : builtIn;
  const ingest = new IngestService({
    stores,
    ticketing: () => used,
    processors: [],
    preferences: () => preferences.get(),
    incomingRules: async () => (await rules.incoming()).rules,
    findUser: async email => CATALOG_USERS[email],
    logger: mockServices.logger.mock(),
    ...testReplyDeps(),
  });
  const sql: string[] = [];
  knex.on('query', (q: { sql: string }) => sql.push(q.sql));
  let n = 0;
  /** Records and processes a message as a driver does, counting the queries. */
  const deliver = async (raw: string, options: { passRaw?: boolean } = {}) => {
    const bytes = Buffer.from(raw);
    const before = sql.length;
    const recorded = await ingest.record(
      { serverId: server.id, sourceId: `test:${++n}` },
      bytes,
    );
    const outcome = await ingest.process(
      recorded.id,
      options.passRaw === false ? {} : { raw: bytes },
    );
    return { outcome, queries: sql.slice(before) };
  };
  return { knex, stores, ingest, deliver };
}

const request = (subject: string, id: string) =>
  mail(
    {
      From: 'Rita <rita@example.com>',
      To: 'support@example.com',
      Subject: subject,
      'Message-ID': `<${id}@example.com>`,
    },
    'The printer is on fire.',
  );

/** Rita's answer in the thread of `inReplyTo`, with the ticket's reference in the subject. */
const answer = (reference: string, inReplyTo: string, messageId?: string) =>
  mail(
    {
      From: 'rita@example.com',
      To: 'support@example.com',
      Subject: `Re: Printer [${reference}]`,
      'In-Reply-To': `<${inReplyTo}@example.com>`,
      ...(messageId ? { 'Message-ID': `<${messageId}@example.com>` } : {}),
    },
    'Still burning.',
  );

describe('what one message costs the database', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'a new ticket and a reply stay within their query budgets on %p',
    async databaseId => {
      const { deliver, stores } = await pipeline(databases, databaseId);
      // The first message reads the settings and the servers, which are then kept.
      await deliver(request('Warm up', 'warm'));

      const opened = await deliver(request('Printer', 'p1'));
      expect(opened.outcome.status).toBe('ticketed');
      expect(opened.queries.length).toBeLessThanOrEqual(NEW_TICKET_BUDGET);

      const ticket = await stores.tickets.get(opened.outcome.ticketId!);
      const reply = await deliver(answer(ticket.reference, 'p1', 'p2'));
      expect(reply.outcome).toMatchObject({
        status: 'appended',
        ticketId: ticket.id,
      });
      expect(reply.queries.length).toBeLessThanOrEqual(REPLY_BUDGET);
    },
  );
});

const withAttachment = (id: string) =>
  mail(
    {
      From: 'Rita <rita@example.com>',
      To: 'support@example.com, bob@example.com',
      Subject: 'Log attached',
      'Message-ID': `<${id}@example.com>`,
      'Content-Type': 'multipart/mixed; boundary="b"',
    },
    [
      '--b',
      'Content-Type: text/plain',
      '',
      'See the log.',
      '--b',
      'Content-Type: text/plain; name="log.txt"',
      'Content-Disposition: attachment; filename="log.txt"',
      '',
      'error 42',
      '--b--',
      '',
    ].join('\r\n'),
  );

/** What a processed message left behind, without ids and times. */
async function leftBehind(stores: Stores, messageId: string) {
  const message = await stores.inboundMessages.get(messageId);
  const ticket = await stores.tickets.get(message.ticketId!);
  const entries = await stores.tickets.entries(ticket.id);
  const files = await stores.attachments.forEntries(entries.map(e => e.id));
  return {
    status: message.status,
    subject: message.subject,
    from: message.from,
    summary: message.summary,
    trace: message.trace.map(({ at: _at, ...entry }) => entry),
    ticket: {
      ...ticket,
      id: 0,
      reference: '',
      serverId: 0,
      createdAt: 0,
      updatedAt: 0,
    },
    entries: entries.map(e => ({
      ...e,
      id: 0,
      messageId: 0,
      ticketId: 0,
      createdAt: 0,
      files: (files.get(e.id) ?? []).map(f => [f.filename, f.sizeBytes]),
    })),
  };
}

describe('processing with the raw bytes given', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'leaves the same ticket, entry, attachments and trace as reading them back on %p',
    async databaseId => {
      const given = await pipeline(databases, databaseId);
      const read = await pipeline(databases, databaseId);
      const a = await given.deliver(withAttachment('same'));
      const b = await read.deliver(withAttachment('same'), { passRaw: false });
      expect(a.outcome.status).toBe('ticketed');
      const left = await leftBehind(given.stores, a.outcome.id);
      expect(left.entries[0].files).toEqual([['log.txt', 8]]);
      expect(left).toEqual(await leftBehind(read.stores, b.outcome.id));
    },
  );
});

describe('a crash part way through processing', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  /** Ticketing whose named write commits, then fails once as if the process died right after. */
  const failingOnceAfter =
    (write: 'createTicket' | 'appendEntry') =>
    (builtIn: EmailsTicketing): EmailsTicketing => {
      let failed = false;
      const wrapped = Object.create(builtIn) as EmailsTicketing;
      (wrapped as any)[write] = async (input: any) => {
        const done = await (builtIn as any)[write](input);
        if (!failed) {
          failed = true;
          throw new Error(`crash after ${write} committed`);
        }
        return done;
      };
      return wrapped;
    };

  it.each(databases.eachSupportedId())(
    'leaves a new ticket re-processable with no second ticket, entry or attachment on %p',
    async databaseId => {
      const { ingest, stores, knex, deliver } = await pipeline(
        databases,
        databaseId,
        failingOnceAfter('createTicket'),
      );
      const first = await deliver(withAttachment('crash-1'));
      expect(first.outcome.status).toBe('failed');
      const again = await ingest.process(first.outcome.id);
      expect(again.status).toBe('ticketed');
      const tickets = await knex('tickets').select('id');
      expect(tickets.map(t => String(t.id))).toEqual([again.ticketId]);
      const entries = await stores.tickets.entries(again.ticketId!);
      expect(entries).toHaveLength(1);
      const files = await stores.attachments.forEntries([entries[0].id]);
      expect(files.get(entries[0].id)!.map(f => f.filename)).toEqual([
        'log.txt',
      ]);
      const [{ n }] = await knex('attachments').count({ n: '*' });
      expect(Number(n)).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves a reply re-processable with no second entry on %p',
    async databaseId => {
      const { ingest, stores, deliver } = await pipeline(
        databases,
        databaseId,
        failingOnceAfter('appendEntry'),
      );
      const opened = await deliver(request('Printer', 'crash-2'));
      const ticket = await stores.tickets.get(opened.outcome.ticketId!);
      const reply = await deliver(answer(ticket.reference, 'crash-2'));
      expect(reply.outcome.status).toBe('failed');
      expect(await ingest.process(reply.outcome.id)).toMatchObject({
        status: 'appended',
        ticketId: ticket.id,
      });
      const entries = await stores.tickets.entries(ticket.id);
      expect(entries.map(e => e.kind)).toEqual(['description', 'reply']);
    },
  );

  it.each(databases.eachSupportedId())(
    'finds the ticket again when the outcome was never written on %p',
    async databaseId => {
      const { ingest, stores, knex } = await pipeline(databases, databaseId);
      const server = (await stores.incomingServers.list())[0];
      const raw = Buffer.from(request('Outcome lost', 'crash-3'));
      const recorded = await ingest.record(
        { serverId: server.id, sourceId: 'test:crash-3' },
        raw,
      );
      // The ticket commits, then both writes of the outcome fail: the process died.
      const update = jest
        .spyOn(stores.inboundMessages, 'update')
        .mockRejectedValue(new Error('connection lost'));
      await expect(ingest.process(recorded.id, { raw })).rejects.toThrow(
        'connection lost',
      );
      update.mockRestore();
      expect((await stores.inboundMessages.get(recorded.id)).status).toBe(
        'received',
      );
      const again = await ingest.process(recorded.id);
      expect(again.status).toBe('ticketed');
      const tickets = await knex('tickets').select('id');
      expect(tickets.map(t => String(t.id))).toEqual([again.ticketId]);
      expect(await stores.tickets.entries(again.ticketId!)).toHaveLength(1);
    },
  );
});
