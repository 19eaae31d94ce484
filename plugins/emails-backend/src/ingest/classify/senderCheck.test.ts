import { SenderAuthentication } from './authentication';
import { checkSender } from './senderCheck';

const trusted = (
  results: Partial<SenderAuthentication>,
): SenderAuthentication => ({
  trusted: true,
  source: 'Authentication-Results',
  authservId: 'mx.acme.example',
  ...results,
});

describe('checkSender', () => {
  it('verifies a From domain that passed DMARC', () => {
    expect(
      checkSender(
        'rita@customer.example',
        trusted({ dmarc: 'pass', dmarcDomain: 'customer.example' }),
      ),
    ).toEqual({
      authenticated: true,
      reason: 'DMARC pass for customer.example',
    });
    // Exchange Online and others do not always name the domain.
    expect(
      checkSender('rita@customer.example', trusted({ dmarc: 'pass' }))
        .authenticated,
    ).toBe(true);
  });

  it('verifies SPF only when the envelope domain is aligned with From', () => {
    expect(
      checkSender(
        'Rita@Customer.example',
        trusted({ spf: 'pass', spfDomain: 'bounces.customer.example' }),
      ),
    ).toEqual({
      authenticated: true,
      reason:
        'SPF pass for bounces.customer.example, aligned with customer.example',
    });
    // Anyone passes SPF for their own domain: that says nothing about From.
    expect(
      checkSender(
        'victim@bank.example',
        trusted({ spf: 'pass', spfDomain: 'spammer.example', dmarc: 'none' }),
      ),
    ).toEqual({
      authenticated: false,
      reason:
        'bank.example not verified: DMARC none, SPF pass for spammer.example',
    });
    expect(
      checkSender(
        'victim@bank.example',
        trusted({ spf: 'pass', spfDomain: 'notbank.example' }),
      ).authenticated,
    ).toBe(false);
  });

  it('does not take a DMARC pass for another domain', () => {
    expect(
      checkSender(
        'victim@bank.example',
        trusted({ dmarc: 'pass', dmarcDomain: 'spammer.example' }),
      ),
    ).toEqual({
      authenticated: false,
      reason:
        'bank.example not verified: DMARC pass for spammer.example, no SPF result',
    });
  });

  it('verifies nothing without a trusted server or a From address', () => {
    expect(
      checkSender('rita@customer.example', {
        trusted: false,
        source: 'none',
      }),
    ).toEqual({
      authenticated: false,
      reason: 'no Authentication-Results from a trusted mail server',
    });
    expect(checkSender(undefined, trusted({ dmarc: 'pass' }))).toEqual({
      authenticated: false,
      reason: 'the message has no From address',
    });
  });
});
