import { createSourceCheck, LOOPBACK_SOURCES } from './sourceAllowList';

describe('createSourceCheck', () => {
  it('allows loopback by default, IPv4-mapped addresses included', () => {
    const allowed = createSourceCheck(LOOPBACK_SOURCES);
    expect(allowed('127.0.0.1')).toBe(true);
    expect(allowed('127.8.9.10')).toBe(true);
    expect(allowed('::1')).toBe(true);
    expect(allowed('::ffff:127.0.0.1')).toBe(true);
    expect(allowed('10.0.0.1')).toBe(false);
    expect(allowed('::ffff:10.0.0.1')).toBe(false);
    expect(allowed('not an address')).toBe(false);
  });

  it('takes single addresses and CIDR ranges of both families', () => {
    const allowed = createSourceCheck([
      '192.0.2.7',
      '198.51.100.0/24',
      '2001:db8::/32',
    ]);
    expect(allowed('192.0.2.7')).toBe(true);
    expect(allowed('192.0.2.8')).toBe(false);
    expect(allowed('198.51.100.200')).toBe(true);
    expect(allowed('2001:db8:1::5')).toBe(true);
    expect(allowed('127.0.0.1')).toBe(false);
  });

  it('refuses a malformed entry by name, so a typo cannot open the listener', () => {
    expect(() => createSourceCheck(['10.0.0.0/33'])).toThrow(
      '"10.0.0.0/33" has an invalid prefix length',
    );
    expect(() => createSourceCheck(['mail.example.com'])).toThrow(
      '"mail.example.com" is not an IP address',
    );
  });
});
