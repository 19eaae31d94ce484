import { TestDatabases } from '@backstage/backend-test-utils';
import { startTestBed, TestBed } from '@internal/emails-test-bed';
import { addImapServer } from '../fetching/__testUtils__/mailboxFixture';
import { mail, startPipeline, throughDovecot } from './__testUtils__/pipeline';

jest.setTimeout(120_000);

// Every message in this file is delivered into Dovecot over LMTP and fetched
// over IMAPS by the real mailbox runner before the pipeline sees it.
const SUPPORT = 'replies@localhost';
const HELP = 'replies-help@localhost';
const USERS = [
  { user: SUPPORT, password: 'replies-password' },
  { user: HELP, password: 'help-password' },
];
let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed({ users: USERS });
});
afterAll(() => bed?.stop());

const TECHNICIANS = {
  'tom@example.com': 'user:default/tom',
  'tina@example.com': 'user:default/tina',
};

async function setup(
  databases: TestDatabases,
  options: Parameters<typeof startPipeline>[2] = {},
) {
  const pipeline = await startPipeline(databases, 'SQLITE_3', {
    technicians: TECHNICIANS,
    mailbox: { bed, user: SUPPORT },
    ...options,
  });
  const open = async (
    subject = 'Printer broken',
    extra: Record<string, string> = {},
  ) => {
    const { outcome } = await pipeline.deliver(
      mail(
        {
          From: 'Rita <rita@example.com>',
          To: 'support@example.com',
          Cc: 'bob@example.com',
          Subject: subject,
          'Message-ID': `<open-${subject.replace(/\W/g, '')}@example.com>`,
          ...extra,
        },
        'It smokes.',
      ),
    );
    expect(outcome.status).toBe('ticketed');
    return outcome.ticketId!;
  };
  const entries = (ticketId: string) =>
    pipeline.stores.tickets.entries(ticketId);
  const traceOf = async (id: string) =>
    (await pipeline.stores.inboundMessages.get(id)).trace;
  return { ...pipeline, open, entries, traceOf };
}

describe('replies and Email Preference', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('threads by our signed token in In-Reply-To, then the body marker, with every candidate traced', async () => {
    const { open, deliver, tokens, entries, traceOf, stores } = await setup(
      databases,
    );
    const first = await open('Printer broken');
    const other = await open('VPN down');
    const ours = tokens.messageId({
      ticketId: first,
      entryId: '1',
      domain: 'emails.test',
    });
    // The subject points at the other ticket: the signed header wins.
    const { outcome } = await deliver(
      mail(
        {
          From: 'rita@example.com',
          Subject: `Re: [REQ-${other}] Printer`,
          'In-Reply-To': ours,
        },
        'Still smoking.',
      ),
    );
    expect(outcome).toMatchObject({ status: 'appended', ticketId: first });
    // Fetched from the Dovecot mailbox, not handed to the pipeline.
    expect((await stores.inboundMessages.get(outcome.id)).sourceId).toMatch(
      /^imap:INBOX:/,
    );
    const thread = (await traceOf(outcome.id)).find(t => t.step === 'thread');
    expect(
      (thread?.detail?.candidates as any[]).map(c => [
        c.via,
        c.ticketId,
        c.accepted,
      ]),
    ).toEqual([
      ['token-header', first, true],
      ['subject', other, false],
    ]);
    const marker = tokens.bodyMarker({ ticketId: first, entryId: '2' }).text;
    const byBody = await deliver(
      mail(
        { From: 'rita@example.com', Subject: 'printer' },
        `Any news?\n\n${marker}`,
      ),
    );
    expect(byBody.outcome).toMatchObject({
      status: 'appended',
      ticketId: first,
    });
    expect((await entries(first)).map(e => e.kind)).toEqual([
      'description',
      'reply',
      'reply',
    ]);
  });

  it('threads by an earlier Message-ID and by the subject reference, but never lets a stranger in', async () => {
    const { open, deliver, traceOf } = await setup(databases);
    const id = await open('Printer broken');
    const byReference = await deliver(
      mail(
        {
          From: 'rita@example.com',
          Subject: 'Re: Printer broken',
          References: '<open-Printerbroken@example.com>',
        },
        'More.',
      ),
    );
    expect(byReference.outcome).toMatchObject({
      status: 'appended',
      ticketId: id,
    });
    const cc = await deliver(
      mail({ From: 'bob@example.com', Subject: `Re: [REQ-${id}]` }, 'Me too.'),
    );
    expect(cc.outcome).toMatchObject({ status: 'appended', ticketId: id });
    const stranger = await deliver(
      mail(
        { From: 'mallory@evil.example', Subject: `[REQ-${id}] please add me` },
        'Injected?',
      ),
    );
    expect(stranger.outcome.status).toBe('ticketed');
    expect(stranger.outcome.ticketId).not.toBe(id);
    const thread = (await traceOf(stranger.outcome.id)).find(
      t => t.step === 'thread',
    );
    expect(JSON.stringify(thread)).toContain(
      "quoted another ticket's number without being on it",
    );
  });

  it('keeps a reply from outside the conversation as a note to review, or adds it or opens a ticket, per the Email Preference', async () => {
    const { open, deliver, tokens, entries, traceOf, prefs, stores } =
      await setup(databases);
    const id = await open('Printer broken');
    // Rita forwarded our acknowledgement to Olga, who answers it.
    const ours = tokens.messageId({
      ticketId: id,
      entryId: 'ack',
      domain: 'emails.test',
    });
    const fromOlga = (body: string) =>
      mail(
        {
          From: 'Olga <olga@partner.example>',
          Subject: `Re: [REQ-${id}] Printer broken`,
          'In-Reply-To': ours,
        },
        body,
      );
    const outsideDecision = async (inboundId: string) =>
      (await traceOf(inboundId))
        .filter(t => t.step === 'thread')
        .map(t => t.decision)
        .find(d => d.startsWith('from outside the conversation'));

    await stores.tickets.setStatus(id, 'closed');
    const noted = await deliver(fromOlga('Is it fixed? I need it too.'));
    expect(noted.outcome).toMatchObject({ status: 'appended', ticketId: id });
    expect((await entries(id)).at(-1)).toMatchObject({
      kind: 'note',
      author: { email: 'olga@partner.example', name: 'Olga' },
      text: expect.stringContaining('Is it fixed? I need it too.'),
      outsideConversation: { status: 'pending' },
    });
    expect(await outsideDecision(noted.outcome.id)).toBe(
      'from outside the conversation: kept as an internal note for a technician to publish or dismiss',
    );
    // A note reopens nothing.
    expect((await stores.tickets.get(id)).status).toBe('closed');
    await stores.tickets.setStatus(id, 'open');

    prefs.current = { ...prefs.current, outsideConversationReply: 'reply' };
    const replied = await deliver(fromOlga('Thanks, works now.'));
    expect(replied.outcome).toMatchObject({ status: 'appended', ticketId: id });
    const reply = (await entries(id)).at(-1)!;
    expect(reply).toMatchObject({
      kind: 'reply',
      text: expect.stringContaining('Thanks, works now.'),
    });
    expect(reply.outsideConversation).toBeUndefined();
    expect(await outsideDecision(replied.outcome.id)).toBe(
      'from outside the conversation: added as a reply',
    );

    prefs.current = {
      ...prefs.current,
      outsideConversationReply: 'new-ticket',
    };
    const separate = await deliver(fromOlga('Mine is broken as well.'));
    expect(separate.outcome.status).toBe('ticketed');
    expect(separate.outcome.ticketId).not.toBe(id);
    const own = await stores.tickets.get(separate.outcome.ticketId!);
    expect(own.requester.email).toBe('olga@partner.example');
    expect(own.followsTicketId).toBeUndefined();
    expect(await outsideDecision(separate.outcome.id)).toBe(
      'from outside the conversation: opens a new ticket',
    );

    // The requester quoting the same token is in the conversation: a reply as ever.
    const rita = await deliver(
      mail(
        { From: 'rita@example.com', Subject: 'Re: x', 'In-Reply-To': ours },
        'Me again.',
      ),
    );
    expect(rita.outcome).toMatchObject({ status: 'appended', ticketId: id });
    expect(await outsideDecision(rita.outcome.id)).toBeUndefined();
    expect((await entries(id)).map(e => e.kind)).toEqual([
      'description',
      'note',
      'reply',
      'reply',
    ]);
  });

  it("adds another technician's reply as a note or a reply, per the Email Preference", async () => {
    const { open, deliver, entries, prefs } = await setup(databases);
    const id = await open();
    await deliver(
      mail(
        { From: 'tom@example.com', Subject: `Re: [REQ-${id}]` },
        'Looking into it.',
      ),
    );
    prefs.current = { ...prefs.current, otherTechnicianReply: 'reply' };
    await deliver(
      mail(
        { From: 'tina@example.com', Subject: `Re: [REQ-${id}]` },
        'Replaced the fuser.',
      ),
    );
    expect((await entries(id)).map(e => [e.kind, e.author.email])).toEqual([
      ['description', 'rita@example.com'],
      ['note', 'tom@example.com'],
      ['reply', 'tina@example.com'],
    ]);
  });

  it('follows the closed-ticket preference: add, reopen within the grace period, else a linked new ticket', async () => {
    const { open, deliver, stores, prefs, knex } = await setup(databases);
    const id = await open();
    await stores.tickets.setStatus(id, 'closed');
    prefs.current = {
      ...prefs.current,
      closedRequestReply: { action: 'add', graceDays: 7 },
    };
    expect(
      (
        await deliver(
          mail(
            { From: 'rita@example.com', Subject: `Re: [REQ-${id}]` },
            'Thanks',
          ),
        )
      ).outcome.ticketId,
    ).toBe(id);
    expect((await stores.tickets.get(id)).status).toBe('closed');

    prefs.current = {
      ...prefs.current,
      closedRequestReply: { action: 'reopen', graceDays: 7 },
    };
    await deliver(
      mail(
        { From: 'rita@example.com', Subject: `Re: [REQ-${id}]` },
        'It is back',
      ),
    );
    expect((await stores.tickets.get(id)).status).toBe('open');

    await stores.tickets.setStatus(id, 'closed');
    await knex('tickets')
      .where({ id })
      .update({ closed_at: new Date(Date.now() - 8 * 86_400_000) });
    const late = await deliver(
      mail(
        { From: 'rita@example.com', Subject: `Re: [REQ-${id}]` },
        'Again, weeks later',
      ),
    );
    expect(late.outcome.status).toBe('ticketed');
    expect(
      (await stores.tickets.get(late.outcome.ticketId!)).followsTicketId,
    ).toBe(id);
  });

  it('keeps the quoted history apart from what is new', async () => {
    const { open, deliver, entries } = await setup(databases);
    const id = await open();
    await deliver(
      mail(
        { From: 'rita@example.com', Subject: `Re: [REQ-${id}]` },
        'Fixed after a restart.\n\nOn Mon, 3 Nov 2026 at 10:02, IT Support <support@example.com> wrote:\n> Please restart it.\n> Regards',
      ),
    );
    const reply = (await entries(id))[1];
    expect(reply.text?.trim()).toBe('Fixed after a restart.');
    expect(reply.quotedText).toContain('> Please restart it.');
  });

  it('makes the original sender the requester of a mail a technician forwarded, and flags a foreign Reply-To', async () => {
    const { deliver, stores, prefs } = await setup(databases);
    prefs.current = {
      ...prefs.current,
      forwardedByTechnicianUsesOriginalSender: true,
      useReplyToAsRequester: true,
    };
    const forwarded = await deliver(
      mail(
        { From: 'tom@example.com', Subject: 'Fwd: Laptop' },
        'Please take this one.\n\n---------- Forwarded message ---------\nFrom: Carol <carol@example.org>\nDate: Mon, 3 Nov 2026 at 09:00\nSubject: Laptop\nTo: <tom@example.com>\n\nMy laptop is dead.',
      ),
    );
    expect(
      (await stores.tickets.get(forwarded.outcome.ticketId!)).requester.email,
    ).toBe('carol@example.org');

    const replyTo = await deliver(
      mail(
        {
          From: 'rita@example.com',
          'Reply-To': 'rita@elsewhere.net',
          Subject: 'Monitor',
        },
        'Flickers.',
      ),
    );
    const ticket = await stores.tickets.get(replyTo.outcome.ticketId!);
    expect(ticket.requester.email).toBe('rita@elsewhere.net');
    const [entry] = await stores.tickets.entries(ticket.id);
    expect(entry.senderNote).toContain(
      'Reply-To rita@elsewhere.net is in another domain',
    );
  });

  it('never opens or reopens a ticket for automatic mail; notes it where it belongs', async () => {
    const { open, deliver, stores, entries } = await setup(databases);
    const id = await open();
    await stores.tickets.setStatus(id, 'closed');
    const ooo = await deliver(
      mail(
        {
          From: 'rita@example.com',
          Subject: `Automatic reply: Re: [REQ-${id}]`,
          'Auto-Submitted': 'auto-replied',
        },
        'I am away.',
      ),
    );
    expect(ooo.outcome.status).toBe('appended');
    expect((await stores.tickets.get(id)).status).toBe('closed');
    expect((await entries(id)).at(-1)?.kind).toBe('note');
    const bulk = await deliver(
      mail(
        {
          From: 'news@vendor.example',
          Subject: 'Newsletter',
          Precedence: 'bulk',
        },
        'Deals',
      ),
    );
    expect(bulk.outcome).toMatchObject({
      status: 'ignored',
      reason: expect.stringContaining('Automatic mail never opens a ticket'),
    });
    const loop = await deliver(
      mail(
        { From: 'support@example.com', Subject: 'Re: something' },
        'our own',
      ),
    );
    expect(loop.outcome).toMatchObject({
      status: 'ignored',
      reason: expect.stringContaining('Our own mail came back'),
    });
  });

  it('attaches a bounce of our mail to its ticket and marks the recipient undeliverable', async () => {
    const { open, deliver, stores, tokens } = await setup(databases);
    const id = await open();
    const ours = tokens.messageId({
      ticketId: id,
      entryId: '3',
      domain: 'emails.test',
    });
    const dsn = mail(
      {
        From: 'MAILER-DAEMON@mx.example.com',
        To: 'support@example.com',
        Subject: 'Undelivered Mail Returned to Sender',
        'Content-Type':
          'multipart/report; report-type=delivery-status; boundary="r"',
      },
      `--r\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\nFinal-Recipient: rfc822; bob@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 no such user\r\n\r\n--r\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: ${ours}\r\nSubject: [REQ-${id}] Printer broken\r\n\r\n--r--\r\n`,
    );
    expect((await deliver(dsn)).outcome).toMatchObject({
      status: 'appended',
      ticketId: id,
    });
    expect(await stores.tickets.undeliverable(id)).toEqual([
      { address: 'bob@example.com', reason: expect.stringContaining('550') },
    ]);
    const forged = dsn.replace(ours, '<not-ours@example.com>');
    expect((await deliver(forged)).outcome).toMatchObject({
      status: 'ignored',
      reason: expect.stringContaining('Bounce of mail we did not send'),
    });
  });

  it('reads sender authentication from trusted servers only and applies the DMARC policy', async () => {
    const { open, deliver, stores } = await setup(databases);
    const id = await open();
    const verified = await deliver(
      mail(
        {
          'Authentication-Results':
            'mx.example.com; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com',
          From: 'rita@example.com',
          Subject: 'New laptop',
        },
        'Please.',
      ),
    );
    expect(
      (await stores.tickets.entries(verified.outcome.ticketId!))[0]
        .senderVerified,
    ).toBe(true);
    // A failed DMARC never threads into the existing ticket (policy no-thread)...
    const spoofed = await deliver(
      mail(
        {
          'Authentication-Results':
            'mx.example.com; spf=fail; dkim=fail; dmarc=fail header.from=example.com',
          From: 'rita@example.com',
          Subject: `Re: [REQ-${id}] send me the password`,
        },
        'Hi',
      ),
    );
    expect(spoofed.outcome.status).toBe('ticketed');
    expect(spoofed.outcome.ticketId).not.toBe(id);
    expect(
      (await stores.tickets.entries(spoofed.outcome.ticketId!))[0]
        .senderVerified,
    ).toBe(false);
    // ...and a forged header from a server we do not trust changes nothing.
    const forged = await deliver(
      mail(
        {
          'Authentication-Results': 'evil.example; dmarc=pass',
          From: 'rita@example.com',
          Subject: 'Forged',
        },
        'x',
      ),
    );
    expect(
      (await stores.tickets.entries(forged.outcome.ticketId!))[0]
        .senderVerified,
    ).toBeUndefined();
  });

  it('quarantines a DMARC failure when the policy says so', async () => {
    const { deliver } = await setup(databases);
    // The policy comes from config; this pipeline's is no-thread, so build one with quarantine.
    const quarantining = await startPipeline(databases, 'SQLITE_3', {
      mailbox: { bed, user: HELP },
      dmarcFailure: 'quarantine',
    });
    const { outcome } = await quarantining.deliver(
      mail(
        {
          'Authentication-Results':
            'mx.example.com; dmarc=fail header.from=example.com',
          From: 'rita@example.com',
          Subject: 'x',
        },
        'x',
      ),
    );
    expect(outcome).toMatchObject({
      status: 'quarantined',
      reason: expect.stringContaining('Sender authentication'),
    });
    expect(
      (await deliver(mail({ From: 'rita@example.com', Subject: 'y' }, 'y')))
        .outcome.status,
    ).toBe('ticketed');
  });

  it('records the same Message-ID arriving again, also through another mailbox, as a duplicate', async () => {
    const { deliver, ingest, stores } = await setup(databases);
    const raw = mail(
      {
        From: 'rita@example.com',
        To: 'support@example.com, help@example.com',
        Subject: 'Once',
        'Message-ID': '<once@example.com>',
      },
      'x',
    );
    const first = await deliver(raw);
    const other = await addImapServer(stores, bed, HELP, {}, { name: 'Help' });
    const viaHelp = await throughDovecot(stores, ingest, other.id, {
      bed,
      user: HELP,
    });
    const { outcome: second } = await viaHelp(raw);
    expect(second).toMatchObject({
      status: 'duplicate',
      disposition: 'exclusion',
    });
    expect(second.reason).toContain(
      `Same Message-ID as message ${first.outcome.id}`,
    );
    expect((await stores.tickets.list({})).items).toHaveLength(1);
  });
});
