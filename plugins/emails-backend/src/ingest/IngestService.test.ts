import { TestDatabases } from '@backstage/backend-test-utils';
import { startTestBed, TestBed } from '@internal/emails-test-bed';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { mail, startPipeline } from './__testUtils__/pipeline';

jest.setTimeout(60_000);

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const richMessage = mail(
  {
    From: 'Rita Requester <Rita@Example.com>',
    To: 'support@example.com, Bob <bob@example.com>',
    Cc: 'help@example.com, carol@example.com',
    Subject: 'Printer on fire',
    'Message-ID': '<rich-1@example.com>',
    'Content-Type': 'multipart/mixed; boundary="outer"',
  },
  [
    '--outer',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p onclick="steal()">It <b>burns</b></p><script>alert(1)</script><img src="cid:logo@x"><a href="javascript:alert(2)">x</a>',
    '--rel',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <logo@x>',
    'Content-Disposition: inline; filename="logo.png"',
    '',
    PNG.toString('base64'),
    '--rel--',
    '--outer',
    'Content-Type: text/plain; name="log.txt"',
    'Content-Disposition: attachment; filename="log.txt"',
    '',
    'error 42',
    '--outer',
    'Content-Type: application/octet-stream; name="tool.exe"',
    'Content-Disposition: attachment; filename="tool.exe"',
    '',
    'MZ',
    '--outer--',
    '',
  ].join('\r\n'),
);

const plain = (subject: string, from = 'rita@example.com') =>
  mail({ From: from, To: 'support@example.com', Subject: subject }, 'Hello');

// Messages the tests deliver go into this Dovecot mailbox over LMTP and are
// fetched over IMAPS by the real mailbox runner, where the test says so.
const MAILBOX = 'ingest@localhost';
let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed({
    users: [{ user: MAILBOX, password: 'ingest-password' }],
  });
});
afterAll(() => bed?.stop());

describe('IngestService', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'turns a message into a ticket with the right fields on %p',
    async id => {
      const { stores, server, deliver } = await startPipeline(databases, id, {
        mailbox: { bed, user: MAILBOX },
      });
      const { outcome } = await deliver(richMessage);
      expect(outcome).toMatchObject({
        status: 'ticketed',
        disposition: 'success',
      });

      const ticket = await stores.tickets.get(outcome.ticketId!);
      expect(ticket).toMatchObject({
        title: 'Printer on fire',
        requester: {
          email: 'rita@example.com',
          name: 'Rita Requester',
          userEntityRef: 'user:default/rita',
        },
        technicianGroup: 'group:default/it-support',
        category: 'Hardware',
        company: 'Example Corp',
        serverId: server.id,
      });
      // To and Cc count as CC users; the mailbox's own addresses and aliases never do.
      expect(ticket.ccEmails).toEqual(['bob@example.com', 'carol@example.com']);

      const [entry] = await stores.tickets.entries(ticket.id);
      expect(entry.kind).toBe('description');
      expect(entry.html).toContain('<b>burns</b>');
      expect(entry.html).not.toMatch(/script|onclick|javascript:/);
      const files = (await stores.attachments.forEntries([entry.id])).get(
        entry.id,
      )!;
      expect(files.map(f => [f.filename, f.inline])).toEqual(
        expect.arrayContaining([
          ['logo.png', true],
          ['log.txt', false],
        ]),
      );
      expect(files).toHaveLength(2);
      const logo = await stores.attachments.get(files.find(f => f.inline)!.id);
      expect(logo.content.equals(PNG)).toBe(true);
      expect(logo.contentId).toBe('logo@x');

      const logged = await stores.inboundMessages.get(outcome.id);
      expect(logged).toMatchObject({
        status: 'ticketed',
        ticketId: ticket.id,
        subject: 'Printer on fire',
        from: 'rita@example.com',
        messageId: '<rich-1@example.com>',
      });
      const dropped = logged.trace.filter(t => t.decision === 'dropped');
      expect(dropped.map(t => t.detail?.filename)).toEqual(['tool.exe']);
    },
  );

  it.each(databases.eachSupportedId())(
    'records a source once and makes one ticket however often it runs on %p',
    async id => {
      const { stores, server, ingest } = await startPipeline(databases, id);
      const source = { serverId: server.id, sourceId: 'imap:INBOX:1:7' };
      const first = await ingest.record(source, Buffer.from(plain('Once')));
      const again = await ingest.record(source, Buffer.from(plain('Once')));
      expect(again).toMatchObject({ id: first.id, isNew: false });
      const a = await ingest.process(first.id);
      const b = await ingest.process(first.id);
      const replayed = await ingest.process(first.id, { replay: true });
      expect(b).toEqual(a);
      expect(replayed.ticketId).toBe(a.ticketId);
      expect((await stores.tickets.list({})).items).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'survives a crash between record and ticket, and one after the ticket, with one ticket on %p',
    async id => {
      let crashes = 2;
      const { stores, deliver, ingest } = await startPipeline(databases, id, {
        ticketing: builtIn => ({
          ...builtIn,
          findTicket: builtIn.findTicket.bind(builtIn),
          findTicketByReference: builtIn.findTicketByReference.bind(builtIn),
          appendEntry: builtIn.appendEntry.bind(builtIn),
          reopenTicket: builtIn.reopenTicket.bind(builtIn),
          createTicket: async ticket => {
            // First run dies before the ticket, the second right after making it.
            if (crashes === 2) {
              crashes--;
              throw new Error('process killed');
            }
            const made = await builtIn.createTicket(ticket);
            if (crashes === 1) {
              crashes--;
              throw new Error('process killed after commit');
            }
            return made;
          },
        }),
      });
      const { recorded, outcome } = await deliver(plain('Crashy'));
      expect(outcome).toMatchObject({
        status: 'failed',
        disposition: 'fail',
        reason: 'Processing failed: process killed',
      });
      expect((await ingest.process(recorded.id)).status).toBe('failed');
      const third = await ingest.process(recorded.id);
      expect(third.status).toBe('ticketed');
      expect((await stores.tickets.list({})).items).toHaveLength(1);
      expect((await stores.inboundMessages.get(recorded.id)).attempts).toBe(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'ignores, rejects and quarantines with reasons on %p',
    async id => {
      const { deliver, prefs, stores } = await startPipeline(databases, id, {
        mailbox: { bed, user: MAILBOX },
        serverSettings: {
          filter: {
            type: 'ignore',
            emails: [],
            domains: ['spam.example'],
            keywords: ['Out of Office'],
          },
        },
      });
      expect(
        (await deliver(plain('Out of office: back Monday'))).outcome,
      ).toMatchObject({
        status: 'ignored',
        disposition: 'exclusion',
        reason: 'Filter: Ignore list matched keyword "Out of Office"',
      });
      expect(
        (await deliver(plain('Buy now', 'x@news.spam.example'))).outcome.reason,
      ).toBe('Filter: Ignore list matched domain spam.example');

      prefs.current = { ...prefs.current, allowGuestRequests: false };
      expect(
        (await deliver(plain('Hi', 'stranger@elsewhere.org'))).outcome,
      ).toMatchObject({
        status: 'rejected',
        reason:
          'Guest requests are off (Email Preference) and stranger@elsewhere.org is not a catalog user',
      });
      prefs.current = {
        ...prefs.current,
        allowGuestRequests: true,
        emailToTicket: false,
      };
      expect((await deliver(plain('Hi'))).outcome).toMatchObject({
        status: 'ignored',
        reason: 'Email to Ticket is off (Email Preference)',
      });
      prefs.current = {
        ...prefs.current,
        emailToTicket: true,
        limits: { ...prefs.current.limits, maxMessageSizeMb: 1 },
      };
      const big = await deliver(
        mail(
          { From: 'rita@example.com', Subject: 'Huge' },
          'x'.repeat(1024 * 1024 + 10),
        ),
      );
      expect(big.outcome).toMatchObject({
        status: 'quarantined',
        disposition: 'fail',
      });
      expect(big.outcome.reason).toMatch(
        /^Message is 1\.0 MB, over the 1\.0 MB limit/,
      );
      // The next message still flows, and an empty subject gets a title.
      const next = await deliver(
        mail(
          { From: 'tom@example.com', To: 'support@example.com' },
          'no subject here',
        ),
      );
      expect(next.outcome.status).toBe('ticketed');
      expect((await stores.tickets.get(next.outcome.ticketId!)).title).toBe(
        '(no subject)',
      );
      // A stored message can be replayed with today's settings.
      const ignored = await deliver(
        mail({ From: 'tom@example.com', Subject: 'Out of Office' }, 'x'),
      );
      expect(ignored.outcome.status).toBe('ignored');
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps NUL and other control characters out of titles and names on %p',
    async id => {
      const { stores, deliver } = await startPipeline(databases, id, {
        mailbox: { bed, user: MAILBOX },
      });
      // Encoded words carry what a raw header line cannot: NUL, ESC, C1 controls.
      const word = (text: string) =>
        `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
      const { outcome } = await deliver(
        mail(
          {
            From: `${word('Rita\u0000\u001b Requester')} <rita@example.com>`,
            To: 'support@example.com',
            Subject: word('Printer\u0000on\tfire\u0085\r\nBcc: x@example.com'),
          },
          'It burns.',
        ),
      );
      expect(outcome.status).toBe('ticketed');
      const ticket = await stores.tickets.get(outcome.ticketId!);
      expect(ticket.title).toBe('Printer on fire Bcc: x@example.com');
      expect(ticket.requester.name).toBe('Rita Requester');
      expect((await stores.inboundMessages.get(outcome.id)).subject).toBe(
        ticket.title,
      );
      const reply = await deliver(
        mail(
          {
            From: `${word('\u0007Rita\u009b')} <rita@example.com>`,
            Subject: `Re: [REQ-${ticket.id}]`,
          },
          'Still burning.',
        ),
      );
      expect(reply.outcome).toMatchObject({ status: 'appended' });
      const entries = await stores.tickets.entries(ticket.id);
      expect(entries.map(e => e.author.name)).toEqual([
        'Rita Requester',
        'Rita',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'runs extra processors from the extension point on %p',
    async id => {
      const { deliver } = await startPipeline(databases, id, {
        processors: [
          {
            name: 'spam-score',
            process: async m =>
              m.subject.includes('WIN')
                ? { ignore: { reason: 'spam score 9.1' } }
                : { note: 'score 0.1' },
          },
        ],
      });
      expect((await deliver(plain('WIN a prize'))).outcome).toMatchObject({
        status: 'ignored',
        reason: 'spam-score: spam score 9.1',
      });
      expect((await deliver(plain('Laptop broken'))).outcome.status).toBe(
        'ticketed',
      );
    },
  );
});
