import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import dnsPromises from 'node:dns/promises';
import { readEmailsConfig } from '../../config';
import { startEmailsBackend } from '../../__testUtils__/testBackend';
import { boundedLookup } from './dnsLookup';
import { localZone, zoneVerifier } from './__testUtils__/localZone';

describe('boundedLookup', () => {
  const zone = localZone({
    'fast.example': { TXT: ['v=spf1 -all'] },
    'slow.example': { hang: true },
    'broken.example': { fail: 'ESERVFAIL' },
  });

  it('answers as the zone does, and counts "no record" as an answer, not a failure', async () => {
    const dns = boundedLookup(zone.lookup, { timeoutMs: 100, budgetMs: 1000 });
    await expect(dns.lookup('fast.example', 'TXT')).resolves.toEqual([
      ['v=spf1 -all'],
    ]);
    await expect(dns.lookup('missing.example', 'TXT')).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
    await expect(dns.lookup('broken.example', 'TXT')).rejects.toMatchObject({
      code: 'ESERVFAIL',
    });
    expect(dns.failures).toEqual([
      { name: 'broken.example', rrtype: 'TXT', code: 'ESERVFAIL' },
    ]);
  });

  it('times out one lookup, and refuses all after the budget is spent', async () => {
    const dns = boundedLookup(zone.lookup, { timeoutMs: 50, budgetMs: 120 });
    const started = Date.now();
    await expect(dns.lookup('slow.example', 'TXT')).rejects.toMatchObject({
      code: 'ETIMEOUT',
    });
    await expect(dns.lookup('slow.example', 'A')).rejects.toThrow('timed out');
    await new Promise(resolve => setTimeout(resolve, 40));
    // Even an answer the zone has is not asked for once the budget is gone.
    const before = zone.lookups.length;
    await expect(dns.lookup('fast.example', 'TXT')).rejects.toThrow(
      'DNS time budget spent',
    );
    expect(zone.lookups).toHaveLength(before);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('emails.senderAuthentication', () => {
  const logger = mockServices.logger.mock();
  const read = (senderAuthentication: object) =>
    readEmailsConfig(
      new ConfigReader({
        backend: { baseUrl: 'https://portal.acme.test' },
        emails: { senderAuthentication },
      }),
      logger,
      'development',
    ).replies.verification;

  it('verifies by default, with the defaults applied once', () => {
    expect(read({})).toEqual({
      authservId: 'portal.acme.test',
      dnsServers: [],
      lookupTimeoutMs: 3000,
      budgetMs: 10_000,
      trustedRelays: [],
      trustedArcSealers: [],
    });
    expect(read({ verify: false })).toBeUndefined();
    expect(() => read({ dnsBudgetSeconds: 0 })).toThrow(
      'emails.senderAuthentication.dnsBudgetSeconds must be a positive number',
    );
  });

  it('refuses a trusted relay that is not an address or range, naming the setting', () => {
    expect(() =>
      zoneVerifier(localZone(), { trustedRelays: ['relay.acme.test'] }),
    ).toThrow(
      'emails.senderAuthentication.trustedRelays: "relay.acme.test" is not an IP address or CIDR range',
    );
  });
});

describe('the test backend', () => {
  it('never builds the system resolver, unless a test turns verification on', async () => {
    // A stand-in that could not resolve anything, should anything ask it.
    const resolver = jest
      .spyOn(dnsPromises, 'Resolver')
      .mockImplementation(() => ({ setServers: jest.fn() } as any));
    try {
      await startEmailsBackend();
      expect(resolver).not.toHaveBeenCalled();
      // Building one sends nothing; this shows the spy sees the production wiring.
      await startEmailsBackend({ senderAuthentication: { verify: true } });
      expect(resolver).toHaveBeenCalledTimes(1);
    } finally {
      resolver.mockRestore();
    }
  });
});
