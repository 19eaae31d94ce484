import { dmarcDecision, SenderAuthentication } from './authentication';
import { combineAuthentication } from './combineAuthentication';
import { OwnVerification } from './verifySender';

const ours = (
  result: Partial<SenderAuthentication>,
  arcVouch?: Partial<SenderAuthentication>,
): OwnVerification => ({
  result: {
    trusted: true,
    source: 'own verification',
    authservId: 'support.acme.test',
    dmarcDomain: 'customer.example',
    ...result,
  },
  arcVouch: arcVouch && {
    trusted: true,
    source: 'ARC-Authentication-Results',
    authservId: 'lists.example.net',
    arcSealer: 'lists.example.net',
    ...arcVouch,
  },
  detail: {},
});

const server = (
  result: Partial<SenderAuthentication>,
): SenderAuthentication => ({
  trusted: true,
  source: 'Authentication-Results',
  authservId: 'mx.acme.example',
  ...result,
});
const noServer: SenderAuthentication = { trusted: false, source: 'none' };

describe('combineAuthentication', () => {
  it('keeps the trusted server alone when we do not verify', () => {
    const theirs = server({ dmarc: 'fail' });
    expect(combineAuthentication(theirs, undefined)).toBe(theirs);
  });

  it('takes a DMARC pass from us, from a trusted server or from a trusted ARC sealer', () => {
    expect(
      combineAuthentication(server({ dmarc: 'fail' }), ours({ dmarc: 'pass' })),
    ).toMatchObject({ source: 'own verification', dmarc: 'pass' });
    expect(
      combineAuthentication(server({ dmarc: 'pass' }), ours({ dmarc: 'fail' })),
    ).toMatchObject({ source: 'Authentication-Results', dmarc: 'pass' });
    const forwarded = combineAuthentication(
      noServer,
      ours({ dmarc: 'fail', spf: 'fail' }, { dmarc: 'pass' }),
    );
    expect(forwarded).toMatchObject({
      arcSealer: 'lists.example.net',
      dmarc: 'pass',
    });
    expect(dmarcDecision(forwarded, 'quarantine')).toEqual({
      verified: true,
      action: 'none',
      reason:
        'DMARC pass (ARC-Authentication-Results of lists.example.net, vouched by ARC seal of lists.example.net)',
    });
  });

  it('takes our DMARC fail before anything short of a pass', () => {
    const combined = combineAuthentication(
      server({ dmarc: 'none' }),
      ours({ dmarc: 'fail', dmarcPolicy: 'reject' }, { dmarc: 'fail' }),
    );
    expect(combined.source).toBe('own verification');
    expect(dmarcDecision(combined, 'no-thread')).toMatchObject({
      action: 'no-thread',
      reason:
        'DMARC fail (our verification as support.acme.test); DMARC policy: no-thread',
    });
    // A trusted server's fail counts when ours is inconclusive.
    expect(
      combineAuthentication(
        server({ dmarc: 'fail' }),
        ours({ dmarc: 'temperror' }),
      ).source,
    ).toBe('Authentication-Results');
  });

  it("only flags our DMARC fail when the domain's policy is none", () => {
    expect(
      dmarcDecision(
        combineAuthentication(
          noServer,
          ours({ dmarc: 'fail', dmarcPolicy: 'none' }),
        ),
        'quarantine',
      ),
    ).toMatchObject({ verified: false, action: 'flag' });
  });
});
