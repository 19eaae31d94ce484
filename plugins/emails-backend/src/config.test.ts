import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readEmailsConfig } from './config';
import { generateKey, parseKey, SecretBox } from './crypto/SecretBox';

describe('readEmailsConfig', () => {
  const logger = mockServices.logger.mock();

  it('refuses to start in production without an encryption key', () => {
    expect(() =>
      readEmailsConfig(new ConfigReader({}), logger, 'production'),
    ).toThrow('emails.encryption.key is required in production');
  });

  it('uses a throwaway key elsewhere, and says so', () => {
    const config = readEmailsConfig(
      new ConfigReader({}),
      logger,
      'development',
    );
    expect(config.secrets.open(config.secrets.seal({ a: 1 }))).toEqual({
      a: 1,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('emails.encryption.key is not configured'),
    );
  });

  it('opens secrets sealed with a previous key after rotation', () => {
    const oldKey = generateKey();
    const sealed = new SecretBox(parseKey(oldKey, 'old')).seal({
      password: 'p',
    });
    const config = readEmailsConfig(
      new ConfigReader({
        emails: { encryption: { key: generateKey(), previousKeys: [oldKey] } },
      }),
      logger,
      'production',
    );
    expect(config.secrets.open(sealed)).toEqual({ password: 'p' });
  });

  it('names a malformed key and applies the defaults', () => {
    expect(() =>
      readEmailsConfig(
        new ConfigReader({ emails: { encryption: { key: 'hunter2' } } }),
        logger,
      ),
    ).toThrow('emails.encryption.key must be 32 random bytes');
    const config = readEmailsConfig(
      new ConfigReader({ emails: { encryption: { key: generateKey() } } }),
      logger,
    );
    expect(config).toMatchObject({
      admins: [],
      testConnectionTimeoutMs: 15_000,
      trustedCertificates: [],
    });
  });

  it('reads fetching and SMTP push with their defaults', () => {
    const key = generateKey();
    const defaults = readEmailsConfig(
      new ConfigReader({ emails: { encryption: { key } } }),
      logger,
    );
    expect(defaults.fetching).toEqual({
      idleHoldMs: 240_000,
      maxMessageBytes: 50 * 1024 * 1024,
    });
    expect(defaults.smtpPush).toEqual({
      enabled: false,
      host: '127.0.0.1',
      port: 2525,
      lmtp: false,
      auth: undefined,
      maxMessageBytes: 25 * 1024 * 1024,
      allowedSources: ['127.0.0.0/8', '::1'],
      maxClients: 50,
      maxSessionMs: 600_000,
      maxCommandsPerSession: 1000,
      demoMailbox: undefined,
    });
    const set = readEmailsConfig(
      new ConfigReader({
        emails: {
          encryption: { key },
          fetching: { idleHoldSeconds: 60, maxMessageSizeMb: 10 },
          smtpPush: {
            enabled: true,
            port: 2526,
            lmtp: true,
            auth: { username: 'relay', password: 'secret' },
            maxMessageSizeMb: 5,
            allowedSources: ['10.0.0.0/8'],
            maxClients: 5,
            maxSessionSeconds: 30,
            maxCommandsPerSession: 200,
            demoMailbox: 'support@localhost',
          },
        },
      }),
      logger,
    );
    expect(set.fetching.idleHoldMs).toBe(60_000);
    expect(set.smtpPush).toMatchObject({
      enabled: true,
      port: 2526,
      lmtp: true,
      auth: { username: 'relay', password: 'secret' },
      maxMessageBytes: 5 * 1024 * 1024,
      allowedSources: ['10.0.0.0/8'],
      maxClients: 5,
      maxSessionMs: 30_000,
      maxCommandsPerSession: 200,
      demoMailbox: 'support@localhost',
    });
    expect(() =>
      readEmailsConfig(
        new ConfigReader({
          emails: { encryption: { key }, fetching: { idleHoldSeconds: 0 } },
        }),
        logger,
      ),
    ).toThrow('emails.fetching.idleHoldSeconds must be a positive number');
    expect(() =>
      readEmailsConfig(
        new ConfigReader({
          emails: { encryption: { key }, smtpPush: { maxClients: 2.5 } },
        }),
        logger,
      ),
    ).toThrow('emails.smtpPush.maxClients must be a whole number, got 2.5');
  });

  it('reads the demo outbox only when enabled, and only on loopback', () => {
    const key = generateKey();
    const read = (demoOutbox: object, smtpPush: object = {}) =>
      readEmailsConfig(
        new ConfigReader({
          emails: { encryption: { key }, demoOutbox, smtpPush },
        }),
        logger,
      ).demoOutbox;
    expect(read({})).toBeUndefined();
    expect(read({ enabled: true }, { demoMailbox: 'help@localhost' })).toEqual({
      host: '127.0.0.1',
      port: 2526,
      directory: '.emails-demo-outbox',
      email: 'help@localhost',
    });
    expect(() => read({ enabled: true, host: '0.0.0.0' })).toThrow(
      'emails.demoOutbox.host must be a loopback address (127.0.0.1 or ::1), not 0.0.0.0',
    );
  });
});
