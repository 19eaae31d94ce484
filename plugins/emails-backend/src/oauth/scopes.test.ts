import { missingScope } from './scopes';

describe('missingScope', () => {
  it('names the scope a refused token lacks for the protocol', () => {
    const wrong = missingScope('microsoft', 'smtp', [
      'IMAP.AccessAsUser.All',
      'User.Read',
    ]);
    expect(wrong?.message).toBe(
      'The mail server refused the OAuth token: wrong scope (the token grants IMAP.AccessAsUser.All User.Read; SMTP needs https://outlook.office365.com/SMTP.Send)',
    );
    expect(wrong?.hint).toContain(
      'offline_access https://outlook.office365.com/SMTP.Send',
    );
    expect(missingScope('google', 'imap', [])?.message).toContain(
      'grants no scope; IMAP needs https://mail.google.com/',
    );
  });

  it('says nothing when the scope is there, unknown, or the provider has no default', () => {
    expect(
      missingScope('microsoft', 'imap', ['IMAP.AccessAsUser.All']),
    ).toBeUndefined();
    expect(
      missingScope('google', 'imap', ['https://mail.google.com/']),
    ).toBeUndefined();
    expect(missingScope('google', 'imap', undefined)).toBeUndefined();
    expect(missingScope('other', 'imap', ['mail'])).toBeUndefined();
  });
});
