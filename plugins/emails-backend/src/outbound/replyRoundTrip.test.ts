import { TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_EMAIL_PREFERENCES } from '@internal/plugin-emails-common';
import { startTestBed, TestBed } from '@internal/emails-test-bed';
import { simpleParser } from 'mailparser';
import { ClosedNotifications } from '../notifications';
import { TicketReplyService } from '../ticketing/TicketReplyService';
import { TicketStatusService } from '../ticketing/TicketStatusService';
import { startDeskRoundTrip } from './__testUtils__/deskRoundTrip';

jest.setTimeout(120_000);

const USERS = [{ user: 'desk@localhost', password: 'desk-password' }];

describe('a technician reply and the requester answer, through real peers', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let bed: TestBed;

  beforeAll(async () => {
    bed = await startTestBed({ users: USERS });
  });
  afterAll(() => bed?.stop());

  async function setup() {
    const desk = await startDeskRoundTrip(databases, bed, 'desk@localhost', {
      name: 'Desk',
    });
    const { stores, mailing } = desk;
    const replies = new TicketReplyService({
      ...mailing,
      preferences: async () => DEFAULT_EMAIL_PREFERENCES,
    });
    const status = new TicketStatusService({
      stores,
      notifications: new ClosedNotifications(mailing),
      preferences: async () => DEFAULT_EMAIL_PREFERENCES,
      displayName: async () => 'Tom Tech',
    });
    return { ...desk, replies, status };
  }

  it('sends the reply through submission, and the answer fetched over IMAP lands in the same ticket', async () => {
    const { stores, fetch, send, worker, submission, replies } = await setup();

    try {
      await fetch();
      await bed.deliver(
        'desk@localhost',
        'From: Rita <rita@example.org>\r\nTo: desk@localhost\r\nSubject: Badge reader\r\nMessage-ID: <badge-1@example.org>\r\n\r\nThe badge reader is dead.\r\n',
      );
      await fetch();
      const [ticket] = (await stores.tickets.list({})).items;

      await replies.reply(
        ticket.id,
        { body: 'A technician is on the way.' },
        { userEntityRef: 'user:default/tom' },
      );
      expect((await send()).sent).toBe(1);
      const delivered = await bed.waitForMessage(m =>
        m.to.includes('rita@example.org'),
      );
      const sent = await simpleParser(delivered.raw);
      expect(sent.subject).toBe(`Re: [REQ-${ticket.id}] Badge reader`);
      expect(sent.inReplyTo).toBe('<badge-1@example.org>');
      expect(submission.id).toBeDefined();

      // Rita answers from her mail client: the answer comes back into the mailbox.
      await bed.deliver(
        'desk@localhost',
        `From: Rita <rita@example.org>\r\nTo: desk@localhost\r\nSubject: Re: ${sent.subject}\r\nIn-Reply-To: ${sent.messageId}\r\nReferences: <badge-1@example.org> ${sent.messageId}\r\n\r\nThanks, he fixed it.\r\n\r\nOn Sat, 21 Nov 2026 at 12:00, Desk <desk@localhost> wrote:\r\n> A technician is on the way.\r\n`,
      );
      await fetch();
      const entries = await stores.tickets.entries(ticket.id);
      expect(entries.map(e => [e.kind, e.text?.trim()])).toEqual([
        ['description', 'The badge reader is dead.'],
        ['reply', 'A technician is on the way.'],
        ['reply', 'Thanks, he fixed it.'],
      ]);
      expect((await stores.tickets.list({})).items).toHaveLength(1);
    } finally {
      await worker.close();
    }
  });

  it('tells the requester the ticket is closed, and her answer reopens the same ticket', async () => {
    const { stores, fetch, send, worker, status } = await setup();
    try {
      await fetch();
      await bed.deliver(
        'desk@localhost',
        'From: Rita <rita@example.org>\r\nTo: desk@localhost\r\nSubject: VPN <drops> & "fails"\r\nMessage-ID: <vpn-1@example.org>\r\n\r\nThe VPN drops every hour.\r\n',
      );
      await fetch();
      const [ticket] = (await stores.tickets.list({})).items;

      const closed = await status.close(
        ticket.id,
        { resolution: 'Renewed the VPN <certificate>.' },
        { userEntityRef: 'user:default/tom' },
      );
      expect(closed.notification).toMatchObject({
        queued: true,
        to: 'rita@example.org',
      });
      expect((await stores.tickets.get(ticket.id)).status).toBe('closed');
      await expect(
        status.close(ticket.id, {}, { userEntityRef: 'user:default/tom' }),
      ).rejects.toThrow(`Ticket ${ticket.id} is closed already`);

      expect((await send()).sent).toBe(1);
      const delivered = await bed.waitForMessage(
        m =>
          m.to.includes('rita@example.org') &&
          m.raw.toString().includes('vpn-1@example.org'),
      );
      const sent = await simpleParser(delivered.raw);
      expect(sent.subject).toBe(
        `Re: [REQ-${ticket.id}] VPN <drops> & "fails" (closed)`,
      );
      expect(sent.headers.get('auto-submitted')).toBe('auto-generated');
      expect(sent.inReplyTo).toBe('<vpn-1@example.org>');
      expect(sent.text).toContain('Tom Tech closed your request');
      expect(sent.text).toContain('Renewed the VPN <certificate>.');
      // The HTML body escapes what came from the mail and the technician.
      expect(sent.html).toContain('VPN &lt;drops&gt; &amp; &quot;fails&quot;');
      expect(sent.html).toContain('Renewed the VPN &lt;certificate&gt;.');
      expect(sent.html).not.toContain('<drops>');

      await bed.deliver(
        'desk@localhost',
        `From: Rita <rita@example.org>\r\nTo: desk@localhost\r\nSubject: Re: ${sent.subject}\r\nIn-Reply-To: ${sent.messageId}\r\nReferences: <vpn-1@example.org> ${sent.messageId}\r\n\r\nIt dropped again this morning.\r\n`,
      );
      await fetch();
      expect((await stores.tickets.list({})).items).toHaveLength(1);
      expect((await stores.tickets.get(ticket.id)).status).toBe('open');
      const entries = await stores.tickets.entries(ticket.id);
      expect(entries.map(e => [e.kind, e.text?.trim()])).toEqual([
        ['description', 'The VPN drops every hour.'],
        ['note', 'Closed. Resolution: Renewed the VPN <certificate>.'],
        ['reply', 'It dropped again this morning.'],
      ]);
    } finally {
      await worker.close();
    }
  });
});
