import { outgoingServer } from './__testUtils__/localSmtp';
import { classifySendError } from './sendErrors';
import { chooseServers, ServerOutages } from './serverChoice';
import { SmtpTransportCache, smtpTransportOptions } from './smtpTransport';

describe('smtpTransportOptions', () => {
  it('sends in the clear without AUTH when security is none and Authentication Needed is off', () => {
    const options = smtpTransportOptions({
      record: outgoingServer('plain', {
        port: 25,
        security: 'none',
        authNeeded: false,
        username: 'ignored',
      }),
      secrets: { password: 'unused' },
    });
    expect(options).toMatchObject({
      pool: true,
      secure: false,
      requireTLS: false,
      ignoreTLS: true,
      auth: undefined,
    });
  });

  it('requires STARTTLS, trusts the configured CAs, logs in and uses the proxy', () => {
    const options = smtpTransportOptions({
      record: outgoingServer('tls', {
        port: 587,
        security: 'starttls',
        authNeeded: true,
        username: 'mailer',
      }),
      secrets: { password: 's3cret' },
      trustedCertificates: ['PEM'],
      proxy: {
        protocol: 'http',
        host: 'proxy.local',
        port: 3128,
        username: 'p',
        password: 'q',
      },
    });
    expect(options).toMatchObject({
      secure: false,
      requireTLS: true,
      ignoreTLS: false,
      tls: { ca: ['PEM'] },
      auth: { user: 'mailer', pass: 's3cret' },
      proxy: 'http://p:q@proxy.local:3128/',
    });
  });

  it('opens a new pool when the server changed and closes the old one', () => {
    const closed: string[] = [];
    const cache = new SmtpTransportCache(
      input =>
        ({
          close: () =>
            closed.push(`${input.record.id}@${input.record.version}`),
        } as any),
    );
    const v1 = outgoingServer('a', { port: 25 });
    const first = cache.get({ record: v1, secrets: {} });
    expect(cache.get({ record: v1, secrets: {} })).toBe(first);
    const second = cache.get({ record: { ...v1, version: 2 }, secrets: {} });
    expect(second).not.toBe(first);
    expect(closed).toEqual(['a@1']);
    cache.closeAll();
    expect(closed).toEqual(['a@1', 'a@2']);
  });
});

describe('classifySendError', () => {
  it('tells server failures, 4xx and 5xx apart', () => {
    expect(classifySendError({ code: 'ESOCKET', command: 'CONN' }).kind).toBe(
      'server',
    );
    expect(classifySendError({ code: 'EAUTH', responseCode: 535 }).kind).toBe(
      'server',
    );
    expect(
      classifySendError({
        code: 'EENVELOPE',
        responseCode: 451,
        command: 'RCPT TO',
      }).kind,
    ).toBe('transient');
    expect(
      classifySendError({
        code: 'EENVELOPE',
        responseCode: 550,
        command: 'RCPT TO',
      }).kind,
    ).toBe('permanent');
  });
});

describe('chooseServers', () => {
  const primary = outgoingServer('primary', { port: 25 }, { primary: true });
  const preferred = outgoingServer('preferred', { port: 25 });
  const disabled = outgoingServer('disabled', { port: 25 }, { enabled: false });
  const all = [primary, preferred, disabled];

  it('tries the preferred server, then the primary, and skips one that is down', () => {
    const outages = new ServerOutages(60_000);
    const now = new Date('2026-11-21T10:00:00Z');
    const ids = (id?: string, at = now) =>
      chooseServers(id, all, outages, at).map(s => s.id);
    expect(ids('preferred')).toEqual(['preferred', 'primary']);
    expect(ids(undefined)).toEqual(['primary']);
    expect(ids('disabled')).toEqual(['primary']);
    outages.markDown('preferred', now);
    expect(ids('preferred')).toEqual(['primary']);
    expect(ids('preferred', new Date(now.getTime() + 60_001))).toEqual([
      'preferred',
      'primary',
    ]);
    expect(
      chooseServers('preferred', [preferred], outages, now).map(s => s.id),
    ).toEqual(['preferred']);
  });
});
