import { defaultScope } from './oauthDefaults';

describe('defaultScope', () => {
  it.each([
    [
      'microsoft',
      'imap',
      'incoming',
      'offline_access https://outlook.office365.com/IMAP.AccessAsUser.All',
    ],
    [
      'microsoft',
      'ews',
      'incoming',
      'offline_access https://outlook.office365.com/EWS.AccessAsUser.All',
    ],
    ['microsoft', 'graph', 'incoming', 'Mail.ReadWrite offline_access'],
    ['microsoft', 'graph', 'outgoing', 'Mail.Send offline_access'],
    [
      'microsoft',
      'smtp',
      'outgoing',
      'offline_access https://outlook.office365.com/SMTP.Send',
    ],
    ['google', 'imap', 'incoming', 'https://mail.google.com/'],
  ] as const)('%s %s (%s) is %s', (provider, protocol, direction, scope) => {
    expect(defaultScope(provider, protocol, direction)).toBe(scope);
  });

  it('has none for other providers', () => {
    expect(defaultScope('other', 'imap')).toBeUndefined();
  });
});
