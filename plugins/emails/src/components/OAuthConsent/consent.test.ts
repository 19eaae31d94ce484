import { oauthConsent, oauthServer, reachable } from '../__testUtils__';
import { formatDay, signInAction, signInLabel, userName } from './consent';

describe('signInLabel', () => {
  it.each([
    ['microsoft', 'Sign in with Microsoft'],
    ['google', 'Sign in with Google'],
    ['other', 'Authorize'],
  ] as const)('labels the sign-in of %s "%s"', (provider, label) => {
    expect(signInLabel(provider)).toBe(label);
  });
});

describe('signInAction', () => {
  it('offers Sign in before anyone consented, Sign in again after it expired', () => {
    const none = oauthConsent({ status: 'none' });
    const expired = oauthConsent({ status: 'expired' });
    expect(signInAction(oauthServer({ oauthConsent: none }))).toBe('Sign in');
    expect(signInAction(oauthServer({ oauthConsent: expired }))).toBe(
      'Sign in again',
    );
  });

  it('offers Sign in again when the mailbox refuses a consent it thinks active', () => {
    const health = { ...reachable, status: 'auth-expired' as const };
    expect(signInAction(oauthServer({ health }))).toBe('Sign in again');
    expect(signInAction(oauthServer())).toBeUndefined();
  });

  it('offers nothing for app-only access or servers without OAuth', () => {
    const appOnly = oauthServer({
      oauth: { clientId: 'app-1', grantType: 'client-credentials' },
      oauthConsent: oauthConsent({ status: 'expired' }),
    });
    expect(signInAction(appOnly)).toBeUndefined();
    expect(
      signInAction(oauthServer({ oauthConsent: undefined })),
    ).toBeUndefined();
  });
});

describe('formatting', () => {
  it('shows a bare date as that local day', () => {
    expect(formatDay('2027-06-30')).toBe(
      new Date(2027, 5, 30).toLocaleDateString(),
    );
  });

  it('names a portal user by the name of its entity ref', () => {
    expect(userName('user:default/rita')).toBe('rita');
    expect(userName('')).toBe('');
  });
});
