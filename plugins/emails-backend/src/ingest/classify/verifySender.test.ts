import {
  arcSealed,
  dkimSigned,
  localZone,
  signingKey,
  ZoneEntry,
  zoneVerifier,
} from './__testUtils__/localZone';
import { humanMail, parse } from './__testUtils__/messages';
import { SenderVerifierOptions } from './verifySender';

const customer = signingKey('customer.example');
const other = signingKey('other.example');
const list = signingKey('lists.example.net', 'arc');

/** customer.example sends from 203.0.113.5, signs with DKIM and asks receivers to reject failures. */
function zone(extra: Record<string, ZoneEntry> = {}) {
  return localZone({
    'customer.example': { TXT: ['v=spf1 ip4:203.0.113.5 -all'] },
    '_dmarc.customer.example': { TXT: ['v=DMARC1; p=reject'] },
    [customer.name]: { TXT: [customer.record] },
    [other.name]: { TXT: [other.record] },
    [list.name]: { TXT: [list.record] },
    ...extra,
  });
}

/** A message from Rita, received from `ip`. */
function fromRita(ip = '203.0.113.5', body = 'Hello') {
  return humanMail({
    Received: `from mail.customer.example (mail.customer.example [${ip}]) by mx.acme.example with ESMTP id 1; Tue, 12 Nov 2024 09:00:01 +0100`,
  })
    .toString()
    .replace(/Hello$/, body);
}

async function verify(
  raw: Buffer | string,
  z = zone(),
  options: Partial<SenderVerifierOptions> = {},
) {
  const bytes = Buffer.from(raw);
  const mail = await parse(bytes);
  return zoneVerifier(z, options).verify(bytes, mail.headerLines);
}

describe('SenderVerifier', () => {
  it('passes DKIM and DMARC for a message signed by the From domain, even when SPF fails', async () => {
    const signed = await dkimSigned(
      Buffer.from(fromRita('198.51.100.7')),
      customer,
    );
    const { result, detail } = await verify(signed);
    expect(result).toMatchObject({
      dkim: 'pass',
      spf: 'fail',
      spfDomain: 'customer.example',
      dmarc: 'pass',
      dmarcDomain: 'customer.example',
      dmarcPolicy: 'reject',
      authservId: 'support.acme.test',
      source: 'own verification',
      trusted: true,
    });
    expect(detail.spfClient).toEqual({
      ip: '198.51.100.7',
      helo: 'mail.customer.example',
      receivedHeader: 1,
    });
  });

  it('fails DKIM, and so DMARC, when the body was altered after signing', async () => {
    const signed = await dkimSigned(
      Buffer.from(fromRita('198.51.100.7')),
      customer,
    );
    const altered = Buffer.from(
      signed.toString().replace(/Hello$/, 'Please wire 10000 EUR'),
    );
    const { result } = await verify(altered);
    expect(result).toMatchObject({ dkim: 'fail', dmarc: 'fail' });
  });

  it.each([
    ['203.0.113.5', 'v=spf1 ip4:203.0.113.5 -all', 'pass'],
    ['198.51.100.7', 'v=spf1 ip4:203.0.113.5 -all', 'fail'],
    ['198.51.100.7', 'v=spf1 ip4:203.0.113.5 ~all', 'softfail'],
  ])(
    'checks SPF for the client %s against "%s": %s',
    async (ip, spf, verdict) => {
      const { result } = await verify(
        fromRita(ip),
        zone({ 'customer.example': { TXT: [spf] } }),
      );
      expect(result.spf).toBe(verdict);
      // SPF aligned with From passes DMARC without DKIM.
      expect(result.dmarc).toBe(verdict === 'pass' ? 'pass' : 'fail');
    },
  );

  it('fails DMARC for a signature by another domain (not aligned with From)', async () => {
    const signed = await dkimSigned(
      Buffer.from(fromRita('198.51.100.7')),
      other,
    );
    const { result, detail } = await verify(signed);
    expect(result).toMatchObject({ dkim: 'pass', dmarc: 'fail' });
    expect(detail.dkimSignatures).toEqual([
      { domain: 'other.example', verdict: 'pass' },
    ]);
  });

  it('skips SPF, naming why, when no Received header names the client', async () => {
    const raw = humanMail({ Received: 'by mx.acme.example; Tue, 12 Nov 2024' });
    const { result, detail } = await verify(raw);
    expect(result.spf).toBe('none');
    expect(detail.spfClient).toEqual({
      skipped: 'Received header 1 names no client IP address',
    });
  });

  it('reads the client below a trusted relay of the organisation', async () => {
    const relayed = `Received: from relay.acme.example (relay.acme.example [10.0.0.5]) by support.acme.test; Tue, 12 Nov 2024 09:00:02 +0100\r\n${fromRita()}`;
    expect((await verify(relayed)).result.spf).toBe('fail');
    const trusting = await verify(relayed, zone(), {
      trustedRelays: ['10.0.0.0/24'],
    });
    expect(trusting.result.spf).toBe('pass');
  });

  describe('ARC', () => {
    /** Rita's signed mail, after a mailing list sealed what it found and added a footer. */
    async function forwarded() {
      const signed = await dkimSigned(Buffer.from(fromRita()), customer);
      const footer = Buffer.from(
        signed
          .toString()
          .replace(/Hello$/, 'Hello\r\n-- \r\nlists.example.net'),
      );
      const relayed = Buffer.from(
        footer.toString().replace(/\[203\.0\.113\.5\]/, '[192.0.2.80]'),
      );
      return arcSealed(
        relayed,
        list,
        'lists.example.net; dkim=pass header.d=customer.example; spf=pass smtp.mailfrom=customer.example; dmarc=pass header.from=customer.example',
      );
    }

    it('takes the findings of a trusted forwarder whose chain validates', async () => {
      const verified = await verify(await forwarded(), zone(), {
        trustedArcSealers: ['lists.example.net'],
      });
      expect(verified.result).toMatchObject({
        arc: 'pass',
        dkim: 'fail',
        dmarc: 'fail',
      });
      expect(verified.arcVouch).toMatchObject({
        dmarc: 'pass',
        dmarcDomain: 'customer.example',
        arcSealer: 'lists.example.net',
        source: 'ARC-Authentication-Results',
      });
    });

    it('does not take the findings of a forwarder that is not trusted', async () => {
      const verified = await verify(await forwarded());
      expect(verified.result.arc).toBe('pass');
      expect(verified.arcVouch).toBeUndefined();
    });
  });

  describe('DNS trouble', () => {
    it('records a DNS failure as temperror, and says which lookup failed', async () => {
      const signed = await dkimSigned(Buffer.from(fromRita()), customer);
      const { result, detail } = await verify(
        signed,
        zone({ '_dmarc.customer.example': { fail: 'ESERVFAIL' } }),
      );
      expect(result.dmarc).toBe('temperror');
      expect(detail.dnsFailures).toContainEqual({
        name: '_dmarc.customer.example',
        rrtype: 'TXT',
        code: 'ESERVFAIL',
      });
    });

    it('stops waiting for a DNS server that never answers', async () => {
      const started = Date.now();
      const { result, detail } = await verify(
        fromRita(),
        zone({ 'customer.example': { hang: true } }),
        { lookupTimeoutMs: 100, budgetMs: 300 },
      );
      expect(Date.now() - started).toBeLessThan(2000);
      expect(result.spf).toBe('temperror');
      expect(detail.dnsFailures).toContainEqual({
        name: 'customer.example',
        rrtype: 'TXT',
        code: 'ETIMEOUT',
      });
    });
  });

  it('asks only the zone it was given', async () => {
    const z = zone();
    await verify(await dkimSigned(Buffer.from(fromRita()), customer), z);
    expect(z.lookups).toEqual(
      expect.arrayContaining([
        `TXT ${customer.name}`,
        'TXT customer.example',
        'TXT _dmarc.customer.example',
      ]),
    );
  });
});
