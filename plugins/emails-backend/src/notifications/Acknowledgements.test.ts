import { TestDatabases } from '@backstage/backend-test-utils';
import { simpleParser } from 'mailparser';
import { mail, startPipeline } from '../ingest/__testUtils__/pipeline';

jest.setTimeout(60_000);

describe('Acknowledgements', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const request = (
    subject: string,
    extra: Record<string, string> = {},
    from = 'rita@example.com',
  ) =>
    mail(
      {
        From: from,
        To: 'support@example.com',
        Subject: subject,
        'Message-ID': `<${subject.replace(/\W/g, '')}@example.com>`,
        ...extra,
      },
      'Please help.',
    );

  it('acknowledges a new ticket as automatic mail that threads back', async () => {
    const { deliver, stores, tokens } = await startPipeline(
      databases,
      'SQLITE_3',
      { acknowledge: true },
    );
    const { outcome } = await deliver(request('Printer broken'));
    const [ack] = await stores.outbound.list({ ticketId: outcome.ticketId });
    expect(ack).toMatchObject({ status: 'queued', to: ['rita@example.com'] });
    const parsed = await simpleParser((await stores.outbound.get(ack.id)).raw);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.subject).toBe(`Re: [REQ-${outcome.ticketId}] Printer broken`);
    expect(parsed.inReplyTo).toBe('<Printerbroken@example.com>');
    expect(tokens.verify(parsed.messageId)).toEqual([
      { ticketId: outcome.ticketId, entryId: 'ack' },
    ]);
    // Processing again acknowledges nothing twice.
    await (
      await startPipeline(databases, 'SQLITE_3')
    ).deliver(request('Other'));
    expect(
      await stores.outbound.list({ ticketId: outcome.ticketId }),
    ).toHaveLength(1);
  });

  it('sends none for automatic mail, even when it is let through to make a ticket', async () => {
    const p = await startPipeline(databases, 'SQLITE_3', { acknowledge: true });
    const ignored = await p.deliver(
      request('Auto ticket', { 'Auto-Submitted': 'auto-generated' }),
    );
    expect(ignored.outcome.status).toBe('ignored');
    p.prefs.current = {
      ...p.prefs.current,
      loopProtection: {
        ...p.prefs.current.loopProtection,
        excludeAutoReplies: false,
      },
    };
    const ticketed = await p.deliver(
      request('Monitoring alert', { 'Auto-Submitted': 'auto-generated' }),
    );
    expect(ticketed.outcome.status).toBe('ticketed');
    expect(await p.stores.outbound.list({})).toEqual([]);
    const ack = (
      await p.stores.inboundMessages.get(ticketed.outcome.id)
    ).trace.find(t => t.step === 'acknowledge');
    expect(ack?.detail?.reason).toBe('the mail was automatic');
  });

  it('sends none to a sender who asked for none (X-Auto-Response-Suppress)', async () => {
    const p = await startPipeline(databases, 'SQLITE_3', { acknowledge: true });
    const { outcome } = await p.deliver(
      request('Quiet', { 'X-Auto-Response-Suppress': 'All' }),
    );
    expect(outcome.status).toBe('ticketed');
    expect(await p.stores.outbound.list({})).toEqual([]);
    const ack = (await p.stores.inboundMessages.get(outcome.id)).trace.find(
      t => t.step === 'acknowledge',
    );
    expect(String(ack?.detail?.reason)).toContain(
      'the sender asked for no automatic replies',
    );
  });

  it('stops acknowledging a sender who keeps opening tickets, auditing each one suppressed', async () => {
    const { deliver, stores, prefs, audited } = await startPipeline(
      databases,
      'SQLITE_3',
      { acknowledge: true },
    );
    prefs.current = {
      ...prefs.current,
      loopProtection: {
        ...prefs.current.loopProtection,
        autoRepliesPerRecipientPerHour: 3,
      },
    };
    // A verified sender: only the rate limit holds its acknowledgements back.
    const verified = {
      'Authentication-Results':
        'mx.example.com; dmarc=pass header.from=example.net',
    };
    for (let i = 0; i < 6; i++)
      await deliver(request(`Loop ${i}`, verified, 'robot@example.net'));
    expect((await stores.outbound.list({})).length).toBe(3);
    expect(audited).toHaveLength(3);
    expect(audited[0]).toMatchObject({
      eventId: 'auto-reply-suppressed',
      recipient: 'robot@example.net',
    });
  });

  it('acknowledges only verified senders and catalog users by default, tracing and auditing the others', async () => {
    const { deliver, stores, prefs, audited } = await startPipeline(
      databases,
      'SQLITE_3',
      { acknowledge: true },
    );
    const ackOf = async (inboundId: string) =>
      (await stores.inboundMessages.get(inboundId)).trace.find(
        t => t.step === 'acknowledge',
      );
    const sentTo = async () =>
      (await stores.outbound.list({})).flatMap(m => m.to).sort();

    // Spam forging an innocent From: SPF passed, but for the spammer's domain.
    const forged = await deliver(
      request(
        'You won',
        {
          'Authentication-Results':
            'mx.example.com; spf=pass smtp.mailfrom=spammer.example; dmarc=fail header.from=bank.example',
        },
        'victim@bank.example',
      ),
    );
    expect(forged.outcome.status).toBe('ticketed');
    expect(await ackOf(forged.outcome.id)).toMatchObject({
      decision: 'suppressed',
      detail: {
        reason:
          'unverified sender (bank.example not verified: DMARC fail for bank.example, SPF pass for spammer.example) and not a catalog user; the Email Preference acknowledges verified senders only',
      },
    });
    expect(audited).toEqual([
      expect.objectContaining({
        eventId: 'auto-reply-suppressed',
        ticketId: forged.outcome.ticketId,
        recipient: 'victim@bank.example',
      }),
    ]);
    // A guest nobody checked gets none either.
    await deliver(request('Hello', {}, 'guest@partner.example'));
    expect(await sentTo()).toEqual([]);

    const aligned = await deliver(
      request(
        'Printer jam',
        {
          'Authentication-Results':
            'mx.example.com; spf=pass smtp.mailfrom=bounces.partner.example; dmarc=none header.from=partner.example',
        },
        'dave@partner.example',
      ),
    );
    expect((await ackOf(aligned.outcome.id))?.detail).toMatchObject({
      sender:
        'SPF pass for bounces.partner.example, aligned with partner.example',
    });
    const catalogUser = await deliver(request('Monitor dark'));
    expect((await ackOf(catalogUser.outcome.id))?.detail).toMatchObject({
      sender: 'the requester is a catalog user',
    });
    expect(await sentTo()).toEqual([
      'dave@partner.example',
      'rita@example.com',
    ]);

    prefs.current = {
      ...prefs.current,
      notifications: {
        ...prefs.current.notifications,
        acknowledgeSenders: 'all',
      },
    };
    await deliver(request('Hello again', {}, 'guest@partner.example'));
    expect(await sentTo()).toContain('guest@partner.example');
    expect(audited).toHaveLength(2);
  });
});
