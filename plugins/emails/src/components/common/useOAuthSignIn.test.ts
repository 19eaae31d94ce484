import { oauthConsent, oauthServer } from '../__testUtils__';
import { signInOutcome } from './useOAuthSignIn';

describe('signInOutcome', () => {
  const before = oauthConsent({ status: 'none', consentedAt: undefined });
  const signedIn = oauthServer();

  it("names the account of a reply's successful sign-in", () => {
    const outcome = signInOutcome(
      { kind: 'reply', reply: { ok: true } },
      before,
      signedIn,
    );
    expect(outcome).toEqual({
      ok: true,
      message: 'Signed in as support@contoso.com',
      server: signedIn,
    });
  });

  it("says why, in the callback's words, a sign-in failed", () => {
    expect(
      signInOutcome(
        {
          kind: 'reply',
          reply: { ok: false, message: 'AADSTS65001: no consent' },
        },
        before,
        undefined,
      ),
    ).toEqual({ ok: false, message: 'AADSTS65001: no consent' });
  });

  it('takes a new consent for success when the popup closed without a reply', () => {
    expect(signInOutcome({ kind: 'closed' }, before, signedIn).message).toBe(
      'Signed in as support@contoso.com',
    );
  });

  it('does not take an old consent for a new sign-in', () => {
    const outcome = signInOutcome({ kind: 'closed' }, oauthConsent(), signedIn);
    expect(outcome).toMatchObject({
      ok: false,
      message: 'The sign-in window was closed before sign-in finished.',
    });
  });

  it('shows the failure the backend recorded, and a timeout as such', () => {
    const failed = oauthServer({
      oauthConsent: oauthConsent({
        status: 'expired',
        failure: 'Consent revoked',
      }),
    });
    expect(signInOutcome({ kind: 'closed' }, before, failed).message).toBe(
      'Consent revoked',
    );
    expect(signInOutcome({ kind: 'timeout' }, before, undefined).message).toBe(
      'Sign-in did not finish within 10 minutes; try again.',
    );
  });
});
