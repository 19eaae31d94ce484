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
});
