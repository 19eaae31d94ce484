import { HeaderLines } from 'mailparser';
import {
  dmarcDecision,
  readAuthenticationResults,
  SenderAuthentication,
} from './authentication';
import { humanMail, parse } from './__testUtils__/messages';

const TRUSTED = ['mx.acme.example', 'mx.microsoft.com'];

/** Header lines as mailparser gives them, top (newest) first. */
function lines(...headers: [string, string][]): HeaderLines {
  return headers.map(([name, value]) => ({
    key: name.toLowerCase(),
    line: `${name}: ${value}`,
  }));
}
const ar = (value: string): [string, string] => [
  'Authentication-Results',
  value,
];
const arc = (value: string): [string, string] => [
  'ARC-Authentication-Results',
  value,
];

describe('readAuthenticationResults', () => {
  it('reads a folded header with comments from a parsed message', async () => {
    const mail = await parse(
      humanMail({
        'Authentication-Results': [
          'mx.acme.example;',
          '       dkim=pass header.i=@customer.example header.s=s2024 header.b=Xy12AbCd;',
          '       spf=pass (mx.acme.example: domain of rita@customer.example designates 203.0.113.5 as permitted sender) smtp.mailfrom=rita@customer.example;',
          '       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=customer.example',
        ].join('\r\n'),
      }),
    );
    expect(readAuthenticationResults(mail.headerLines, TRUSTED)).toEqual({
      spf: 'pass',
      dkim: 'pass',
      dmarc: 'pass',
      spfDomain: 'customer.example',
      dmarcDomain: 'customer.example',
      authservId: 'mx.acme.example',
      trusted: true,
      source: 'Authentication-Results',
    });
  });

  it.each([
    [
      'spf=fail smtp.mailfrom=x.example; dkim=fail header.d=x.example; dmarc=fail header.from=x.example',
      'fail',
      'fail',
      'fail',
    ],
    [
      'spf=softfail smtp.mailfrom=x.example; dkim=none; dmarc=none header.from=x.example',
      'softfail',
      'none',
      'none',
    ],
    [
      'spf=pass smtp.mailfrom=x.example; dkim=fail (bad signature) header.d=x.example; dmarc=pass header.from=x.example',
      'pass',
      'fail',
      'pass',
    ],
    [
      'spf=neutral; dkim=temperror; dmarc=permerror',
      'neutral',
      'temperror',
      'permerror',
    ],
    [
      'spf=hardfail smtp.mailfrom=x.example; dmarc=bestguesspass',
      'fail',
      undefined,
      'none',
    ],
    [
      'SPF=Pass smtp.mailfrom=x.example; DMARC=Fail header.from=x.example',
      'pass',
      undefined,
      'fail',
    ],
  ])('reads %p as spf %p, dkim %p, dmarc %p', (value, spf, dkim, dmarc) => {
    const result = readAuthenticationResults(
      lines(ar(`mx.acme.example; ${value}`)),
      TRUSTED,
    );
    expect(result).toMatchObject({ spf, dkim, dmarc, trusted: true });
  });

  it('takes the topmost trusted header: one further down came with the message (forged)', () => {
    const result = readAuthenticationResults(
      lines(
        ar(
          'mx.acme.example; spf=fail smtp.mailfrom=ceo@acme.example; dmarc=fail header.from=acme.example',
        ),
        ['Received', 'from evil.example by mx.acme.example'],
        ar(
          'mx.acme.example; spf=pass; dkim=pass; dmarc=pass header.from=acme.example',
        ),
      ),
      TRUSTED,
    );
    expect(result).toMatchObject({ spf: 'fail', dmarc: 'fail' });
  });

  it('ignores headers from authserv-ids that are not trusted, wherever they are', () => {
    const result = readAuthenticationResults(
      lines(
        ar('relay.evil.example; spf=pass; dkim=pass; dmarc=pass'),
        ar('mx.acme.example; spf=softfail; dkim=none; dmarc=fail'),
      ),
      TRUSTED,
    );
    expect(result).toMatchObject({
      authservId: 'mx.acme.example',
      dmarc: 'fail',
    });
  });

  it('has no trusted result when only untrusted servers wrote headers', () => {
    const result = readAuthenticationResults(
      lines(ar('mx.elsewhere.example; dmarc=pass')),
      TRUSTED,
    );
    expect(result).toEqual({ trusted: false, source: 'none' });
    expect(readAuthenticationResults(lines(), TRUSTED)).toEqual({
      trusted: false,
      source: 'none',
    });
  });

  it('counts a DKIM pass when one of several signatures passes', () => {
    const result = readAuthenticationResults(
      lines(
        ar(
          'mx.acme.example; dkim=fail header.d=esp.example; dkim=pass header.d=customer.example; dmarc=pass',
        ),
      ),
      TRUSTED,
    );
    expect(result.dkim).toBe('pass');
  });

  it('reads a trusted server that checked nothing (`none`) as trusted without results', () => {
    const result = readAuthenticationResults(
      lines(ar('mx.acme.example 1; none')),
      TRUSTED,
    );
    expect(result).toEqual({
      authservId: 'mx.acme.example',
      trusted: true,
      source: 'Authentication-Results',
    });
  });

  describe('ARC fallback', () => {
    // Exchange Online: its Authentication-Results has no authserv-id.
    const exchange = ar(
      'spf=pass (sender IP is 203.0.113.5) smtp.mailfrom=customer.example; dkim=pass (signature was verified) header.d=customer.example;dmarc=pass action=none header.from=customer.example;compauth=pass reason=100',
    );

    it('reads the trusted ARC-Authentication-Results with the highest instance', () => {
      const result = readAuthenticationResults(
        lines(
          exchange,
          arc(
            'i=2; mx.microsoft.com 1; spf=pass (sender ip is 198.51.100.9) smtp.mailfrom=lists.example; dmarc=fail action=oreject header.from=customer.example; dkim=fail',
          ),
          arc(
            'i=1; mx.google.com; dkim=pass header.i=@customer.example; spf=pass smtp.mailfrom=rita@customer.example; dmarc=pass header.from=customer.example',
          ),
        ),
        [...TRUSTED, 'mx.google.com'],
      );
      expect(result).toEqual({
        spf: 'pass',
        dkim: 'fail',
        dmarc: 'fail',
        // The list's envelope passed SPF; that is not Rita's domain.
        spfDomain: 'lists.example',
        dmarcDomain: 'customer.example',
        authservId: 'mx.microsoft.com',
        trusted: true,
        source: 'ARC-Authentication-Results',
      });
    });

    it('skips untrusted ARC sets even with a higher instance', () => {
      const result = readAuthenticationResults(
        lines(
          arc('i=3; forwarder.evil.example; dmarc=pass'),
          arc('i=1; mx.microsoft.com 1; dmarc=fail'),
        ),
        TRUSTED,
      );
      expect(result).toMatchObject({
        dmarc: 'fail',
        authservId: 'mx.microsoft.com',
      });
    });

    it('is not read when a trusted Authentication-Results exists', () => {
      const result = readAuthenticationResults(
        lines(
          ar('mx.acme.example; dmarc=fail'),
          arc('i=1; mx.microsoft.com; dmarc=pass'),
        ),
        TRUSTED,
      );
      expect(result).toMatchObject({
        dmarc: 'fail',
        source: 'Authentication-Results',
      });
    });
  });
});

describe('dmarcDecision', () => {
  const trusted = (
    dmarc?: SenderAuthentication['dmarc'],
  ): SenderAuthentication => ({
    dmarc,
    authservId: 'mx.acme.example',
    trusted: true,
    source: 'Authentication-Results',
  });

  it.each(['flag', 'no-thread', 'quarantine'] as const)(
    'applies the policy %p to a DMARC fail',
    policy => {
      expect(dmarcDecision(trusted('fail'), policy)).toEqual({
        verified: false,
        action: policy,
        reason: `DMARC fail (Authentication-Results of mx.acme.example); DMARC policy: ${policy}`,
      });
    },
  );

  it.each(['flag', 'no-thread', 'quarantine'] as const)(
    'verifies a DMARC pass whatever the policy (%p)',
    policy => {
      expect(dmarcDecision(trusted('pass'), policy)).toMatchObject({
        verified: true,
        action: 'none',
      });
    },
  );

  it.each([undefined, 'none', 'temperror', 'permerror'] as const)(
    'flags DMARC %p from a trusted server as unverified, without the failure policy',
    dmarc => {
      expect(dmarcDecision(trusted(dmarc), 'quarantine')).toMatchObject({
        verified: false,
        action: 'flag',
      });
    },
  );

  it('takes no action without a trusted server, but does not verify', () => {
    expect(
      dmarcDecision({ trusted: false, source: 'none' }, 'quarantine'),
    ).toEqual({
      verified: false,
      action: 'none',
      reason: 'no Authentication-Results from a trusted mail server',
    });
  });
});
