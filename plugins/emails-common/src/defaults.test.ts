import { defaultPort } from './defaults';

describe('defaultPort', () => {
  it.each([
    ['imap', 'none', 143],
    ['imap', 'starttls', 143],
    ['imap', 'ssl', 993],
    ['pop3', 'none', 110],
    ['pop3', 'ssl', 995],
    ['smtp', 'none', 25],
    ['smtp', 'starttls', 587],
    ['smtp', 'ssl', 465],
    ['ews', 'ssl', 443],
    ['graph', 'none', 443],
  ] as const)('%s over %s is %d', (protocol, security, port) => {
    expect(defaultPort(protocol, security)).toBe(port);
  });

  it('has no default for push listeners', () => {
    expect(defaultPort('smtp-push', 'none')).toBeUndefined();
  });
});
