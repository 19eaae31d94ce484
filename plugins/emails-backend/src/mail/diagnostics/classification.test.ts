import { MailTimeoutError } from '../net/errors';
import { MailProtocol } from '../types';
import { connectFailure, loginRefusal, tlsFailure } from './failure';
import { greetingProtocol, looksLikeTls } from './greeting';
import { FailureKind, failureHint, failureSummary } from './hints';

const withCode = (message: string, code: string, extra = {}) =>
  Object.assign(new Error(message), { code, ...extra });

describe('loginRefusal', () => {
  it.each<[string, MailProtocol, 'basic' | 'oauth', string, FailureKind]>([
    [
      "Gmail's IMAP switch",
      'imap',
      'basic',
      'NO [ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for IMAP access.',
      'protocol-disabled',
    ],
    [
      "Microsoft's SMTP AUTH switch",
      'smtp',
      'oauth',
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
      'protocol-disabled',
    ],
    [
      "Microsoft's Basic Auth switch",
      'smtp',
      'basic',
      '535 5.7.139 Authentication unsuccessful, basic authentication is disabled.',
      'auth-unsupported',
    ],
    [
      'a wrong password',
      'imap',
      'basic',
      'NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)',
      'bad-credentials',
    ],
    [
      'a disabled account, which is not a protocol switch',
      'pop3',
      'basic',
      '-ERR [AUTH] Account disabled',
      'bad-credentials',
    ],
    [
      'a refused token',
      'imap',
      'oauth',
      'NO [AUTHENTICATIONFAILED] Authentication failed.',
      'oauth-rejected',
    ],
  ])('classifies %s', (_name, protocol, authType, reply, kind) => {
    expect(loginRefusal(protocol, authType, reply).kind).toBe(kind);
  });
});

describe('tlsFailure and connectFailure', () => {
  const wrongVersion = withCode(
    'C0:error:0A00010B:SSL routines:x.c:77: wrong version number',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    { reason: 'wrong version number' },
  );

  it.each<[string, Error, FailureKind]>([
    ['a plain-text answer', wrongVersion, 'ssl-on-plain-port'],
    [
      'CERT_HAS_EXPIRED',
      withCode('expired', 'CERT_HAS_EXPIRED'),
      'certificate-expired',
    ],
    [
      'a self-signed certificate',
      withCode('self-signed', 'DEPTH_ZERO_SELF_SIGNED_CERT'),
      'certificate-untrusted',
    ],
    [
      'another host name',
      withCode('altnames', 'ERR_TLS_CERT_ALTNAME_INVALID'),
      'certificate-hostname',
    ],
    [
      'a handshake alert',
      withCode('alert', 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'),
      'tls-failed',
    ],
    ['silence', new MailTimeoutError('the TLS handshake', 1000), 'no-answer'],
  ])('maps %s in the handshake', (_name, error, kind) => {
    expect(tlsFailure(error).kind).toBe(kind);
  });

  it('keeps OpenSSL noise out of the message', () => {
    expect(tlsFailure(wrongVersion).detail).not.toContain('SSL routines');
  });

  it.each<[string, Error, FailureKind]>([
    ['ECONNREFUSED', withCode('refused', 'ECONNREFUSED'), 'port-refused'],
    ['ETIMEDOUT', withCode('timed out', 'ETIMEDOUT'), 'port-filtered'],
    [
      'EHOSTUNREACH',
      withCode('no route', 'EHOSTUNREACH'),
      'network-unreachable',
    ],
    [
      'silence',
      new MailTimeoutError('the TCP connection', 1000),
      'port-filtered',
    ],
  ])('maps %s when connecting', (_name, error, kind) => {
    expect(connectFailure(error, 'host:1').kind).toBe(kind);
  });
});

describe('greetings', () => {
  it.each([
    ['* OK [CAPABILITY IMAP4rev1] ready', 'imap'],
    ['* PREAUTH hello', 'imap'],
    ['+OK POP3 ready', 'pop3'],
    ['220 mx.example.test ESMTP', 'smtp'],
    ['220-first line of a long banner', 'smtp'],
    ['HTTP/1.1 400 Bad Request', undefined],
  ])('knows %s', (line, protocol) => {
    expect(greetingProtocol(line)).toBe(protocol);
  });

  it('recognises a TLS alert record', () => {
    expect(looksLikeTls(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02]))).toBe(
      true,
    );
    expect(looksLikeTls(Buffer.from('* OK'))).toBe(false);
  });
});

describe('the hint table', () => {
  const kinds: FailureKind[] = [
    'dns-failed',
    'port-refused',
    'port-filtered',
    'network-unreachable',
    'no-answer',
    'ssl-on-plain-port',
    'tls-expected',
    'starttls-unsupported',
    'certificate-untrusted',
    'certificate-hostname',
    'certificate-expired',
    'tls-failed',
    'wrong-protocol',
    'service-refused',
    'auth-required',
    'auth-unsupported',
    'bad-credentials',
    'oauth-rejected',
    'protocol-disabled',
    'mailbox-unavailable',
    'sender-refused',
    'recipient-refused',
    'send-failed',
    'connection-lost',
    'timeout',
    'unexpected-reply',
  ];

  it.each<[MailProtocol]>([['imap'], ['pop3'], ['smtp']])(
    'gives every failure its own message and a hint for %s',
    protocol => {
      const context = { protocol, security: 'ssl' as const, port: 1 };
      const summaries = kinds.map(k => failureSummary(k, context));
      expect(new Set(summaries).size).toBe(kinds.length);
      for (const kind of kinds)
        expect(failureHint(kind, context).length).toBeGreaterThan(20);
    },
  );
});
