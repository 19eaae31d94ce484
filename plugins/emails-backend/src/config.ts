import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { generateKey, parseKey, SecretBox } from './crypto/SecretBox';

/** The emails settings from app-config, with defaults applied once, here. */
export interface EmailsConfig {
  /** Group refs whose members manage the channel. */
  admins: string[];
  /** Encrypts secrets at rest. */
  secrets: SecretBox;
  /** Whole budget of one Test Connection run. */
  testConnectionTimeoutMs: number;
  /** Extra CA certificates (PEM) that mail servers' certificates may chain to. */
  trustedCertificates: string[];
}

/** Reads `emails.*`; refuses to run in production without an encryption key. */
export function readEmailsConfig(
  config: Config,
  logger: LoggerService,
  nodeEnv: string | undefined = process.env.NODE_ENV,
): EmailsConfig {
  return {
    admins: config.getOptionalStringArray('emails.admins') ?? [],
    secrets: readSecretBox(config, logger, nodeEnv),
    testConnectionTimeoutMs:
      (config.getOptionalNumber('emails.testConnection.timeoutSeconds') ?? 15) *
      1000,
    trustedCertificates:
      config.getOptionalStringArray('emails.tls.trustedCertificates') ?? [],
  };
}

function readSecretBox(
  config: Config,
  logger: LoggerService,
  nodeEnv: string | undefined,
): SecretBox {
  const previous = (
    config.getOptionalStringArray('emails.encryption.previousKeys') ?? []
  ).map((k, i) => parseKey(k, `emails.encryption.previousKeys[${i}]`));
  const key = config.getOptionalString('emails.encryption.key');
  if (key) {
    return new SecretBox(parseKey(key, 'emails.encryption.key'), previous);
  }
  if (nodeEnv === 'production') {
    throw new Error(
      'emails.encryption.key is required in production: mail server secrets are encrypted with it. Generate one with `openssl rand -base64 32` and keep it in a secret store.',
    );
  }
  logger.warn(
    'emails.encryption.key is not configured: using a throwaway key, so saved mail server secrets will not survive a restart (scripts/start.sh generates a key for the local portal)',
  );
  return new SecretBox(parseKey(generateKey(), 'generated key'), previous);
}
