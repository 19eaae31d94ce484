import { TestDatabases } from '@backstage/backend-test-utils';
import { TraceEntry } from '@internal/plugin-emails-common';
import { simpleParser } from 'mailparser';
import dns from 'node:dns';
import { mail, startPipeline } from '../__testUtils__/pipeline';
import {
  dkimSigned,
  localZone,
  signingKey,
  ZoneEntry,
  zoneVerifier,
} from './__testUtils__/localZone';

jest.setTimeout(60_000);

const customer = signingKey('customer.example');

/** customer.example sends from 203.0.113.5 and signs with DKIM; `policy` is its DMARC p=. */
function customerZone(
  policy = 'reject',
  extra: Record<string, ZoneEntry> = {},
) {
  return localZone({
    'customer.example': { TXT: ['v=spf1 ip4:203.0.113.5 -all'] },
    '_dmarc.customer.example': { TXT: [`v=DMARC1; p=${policy}`] },
    [customer.name]: { TXT: [customer.record] },
    ...extra,
  });
}

/** Mail from a guest (not a catalog user), handed over by `ip`. */
function guestMail(
  subject: string,
  ip: string,
  extra: Record<string, string> = {},
) {
  return Buffer.from(
    mail(
      {
        Received: `from mail.customer.example (mail.customer.example [${ip}]) by mx.acme.example with ESMTP id 7; Mon, 7 Dec 2026 10:00:00 +0000`,
        'Return-Path': '<gina@customer.example>',
        From: 'Gina Guest <gina@customer.example>',
        To: 'support@example.com',
        Subject: subject,
        'Message-ID': `<${subject.replace(/\W/g, '')}@customer.example>`,
        ...extra,
      },
      'Please help.',
    ),
  );
}

/** Signed by customer.example, from an IP its SPF does not list: DMARC passes through DKIM. */
const genuine = (subject: string, extra: Record<string, string> = {}) =>
  dkimSigned(guestMail(subject, '198.51.100.7', extra), customer);
/** Unsigned, from an IP customer.example does not list: a forged From. */
const spoofed = (subject: string, extra: Record<string, string> = {}) =>
  guestMail(subject, '192.0.2.66', extra);

describe('sender verification in the pipeline', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function pipeline(
    options: {
      dmarcFailure?: 'flag' | 'no-thread' | 'quarantine';
      zone?: ReturnType<typeof localZone>;
    } = {},
  ) {
    const zone = options.zone ?? customerZone();
    const p = await startPipeline(databases, 'SQLITE_3', {
      acknowledge: true,
      dmarcFailure: options.dmarcFailure,
      verifier: zoneVerifier(zone),
    });
    const authenticate = async (id: string) =>
      (await p.stores.inboundMessages.get(id)).trace.find(
        (e: TraceEntry) => e.step === 'authenticate',
      )!;
    const acknowledged = async (ticketId?: string) =>
      ticketId ? p.stores.outbound.list({ ticketId }) : [];
    return { ...p, zone, authenticate, acknowledged };
  }

  it('verifies a DKIM-signed sender itself and acknowledges the new ticket', async () => {
    const p = await pipeline();
    const { outcome, recorded } = await p.deliver(await genuine('Printer jam'));
    expect(outcome.status).toBe('ticketed');
    const entry = await p.authenticate(recorded.id);
    expect(entry.decision).toBe('verified');
    expect(entry.detail).toMatchObject({
      dmarc: 'pass',
      decidedBy: 'own verification',
      ours: { dkim: 'pass', spf: 'fail', dmarc: 'pass' },
      trustedServer: 'none',
      senderAuthenticated: true,
    });
    expect(await p.acknowledged(outcome.ticketId)).toMatchObject([
      { to: ['gina@customer.example'] },
    ]);
  });

  it('acknowledges no spoofed sender, and flags the ticket under the flag policy', async () => {
    const p = await pipeline({ dmarcFailure: 'flag' });
    const { outcome, recorded } = await p.deliver(spoofed('Invoice'));
    expect(outcome.status).toBe('ticketed');
    expect((await p.authenticate(recorded.id)).detail).toMatchObject({
      action: 'flag',
      ours: { spf: 'fail', dkim: 'none', dmarc: 'fail', dmarcPolicy: 'reject' },
      senderAuthenticated: false,
    });
    expect(await p.acknowledged(outcome.ticketId)).toEqual([]);
    const [first] = await p.stores.tickets.entries(outcome.ticketId!);
    expect(first.senderVerified).toBe(false);
  });

  it('quarantines a DMARC failure under the quarantine policy', async () => {
    const p = await pipeline({ dmarcFailure: 'quarantine' });
    const { outcome } = await p.deliver(spoofed('Wire transfer'));
    expect(outcome.status).toBe('quarantined');
    expect(outcome.reason).toBe(
      'Sender authentication: DMARC fail (our verification as support.acme.test); DMARC policy: quarantine',
    );
  });

  it("only flags a DMARC failure when the domain's policy is none", async () => {
    const p = await pipeline({
      dmarcFailure: 'quarantine',
      zone: customerZone('none'),
    });
    const { outcome } = await p.deliver(spoofed('Monitoring only'));
    expect(outcome.status).toBe('ticketed');
  });

  it('does not thread a spoofed reply into the ticket under the no-thread policy', async () => {
    const p = await pipeline({ dmarcFailure: 'no-thread' });
    const first = await p.deliver(await genuine('VPN down'));
    const [ack] = await p.acknowledged(first.outcome.ticketId);
    const ackId = (
      await simpleParser((await p.stores.outbound.get(ack.id)).raw)
    ).messageId!;
    const reply = { 'In-Reply-To': ackId, References: ackId };
    const forged = await p.deliver(spoofed('Re: VPN down', reply));
    expect(forged.outcome.status).toBe('ticketed');
    expect(forged.outcome.ticketId).not.toBe(first.outcome.ticketId);
    const real = await p.deliver(await genuine('Re: VPN down again', reply));
    expect(real.outcome).toMatchObject({
      status: 'appended',
      ticketId: first.outcome.ticketId,
    });
  });

  it('processes the message when DNS fails, with temperror in the trace', async () => {
    const zone = customerZone('reject', {
      '_dmarc.customer.example': { fail: 'ESERVFAIL' },
    });
    const p = await pipeline({ dmarcFailure: 'quarantine', zone });
    const { outcome, recorded } = await p.deliver(await genuine('DNS down'));
    expect(outcome.status).toBe('ticketed');
    const entry = await p.authenticate(recorded.id);
    expect(entry.detail).toMatchObject({
      dmarc: 'temperror',
      action: 'flag',
      ours: {
        dkim: 'pass',
        dnsFailures: [
          { name: '_dmarc.customer.example', rrtype: 'TXT', code: 'ESERVFAIL' },
        ],
      },
    });
  });

  it('asks no resolver but the local zone', async () => {
    const system = [
      jest.spyOn(dns.promises, 'resolve'),
      jest.spyOn(dns.promises, 'resolveTxt'),
      jest.spyOn(dns.promises.Resolver.prototype, 'resolve'),
      jest.spyOn(dns, 'resolve'),
    ];
    try {
      const p = await pipeline();
      await p.deliver(await genuine('Who resolves'));
      expect(p.zone.lookups).toContain(`TXT ${customer.name}`);
      for (const spy of system) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of system) spy.mockRestore();
    }
  });
});
