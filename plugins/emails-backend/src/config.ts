import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { createHmac, randomBytes } from 'node:crypto';
import { generateKey, parseKey, SecretBox } from './crypto/SecretBox';
import { HealthAlertSettings } from './health/HealthAlerts';

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
  /** Fetching from incoming IMAP servers. */
  fetching: FetchingConfig;
  /** The SMTP/LMTP listener for incoming servers with protocol smtp-push. */
  smtpPush: SmtpPushConfig;
  /** Replies: thread tokens in our Message-IDs, sender authentication. */
  replies: RepliesConfig;
  /** The local portal's SMTP sink and demo outgoing server; undefined when off. */
  demoOutbox?: DemoOutboxConfig;
  /** `emails.health`: alerts to the admins when a server keeps failing. */
  health: HealthAlertSettings;
}

/** `emails.demoOutbox` when enabled, defaults applied. */
export interface DemoOutboxConfig {
  host: string;
  port: number;
  directory: string;
  email: string;
}

/** `emails.threading` and `emails.senderAuthentication`, defaults applied. */
export interface RepliesConfig {
  /** Signs thread tokens; the first one signs, all verify (rotation). */
  threadKeys: Buffer[];
  /** The domain of the Message-IDs we make. */
  messageIdDomain: string;
  /** authserv-ids of the mail servers whose Authentication-Results count. */
  trustedAuthservIds: string[];
  /** What a DMARC failure does. */
  dmarcFailure: 'flag' | 'no-thread' | 'quarantine';
  /** The channel's own SPF, DKIM, DMARC and ARC checks; undefined when `verify` is false. */
  verification?: SenderVerificationConfig;
}

/** `emails.senderAuthentication` for our own verification, defaults applied. */
export interface SenderVerificationConfig {
  /** The authserv-id our results are reported under. */
  authservId: string;
  /** DNS servers (`host` or `host:port`); empty for the system's. */
  dnsServers: string[];
  /** Longest wait for one DNS answer. */
  lookupTimeoutMs: number;
  /** Longest time all DNS lookups of one message may take together. */
  budgetMs: number;
  /** IPs and CIDR ranges of the organisation's relays, skipped to find the SPF client. */
  trustedRelays: string[];
  /** Domains whose ARC seals vouch for mail they forwarded. */
  trustedArcSealers: string[];
}

/** `emails.fetching`, defaults applied. */
export interface FetchingConfig {
  /** With real-time scanning, how long one run holds IDLE before yielding the mailbox; also bounds a polling run's work. */
  idleHoldMs: number;
  /** Messages above this size are recorded from their headers only. */
  maxMessageBytes: number;
}

/** `emails.smtpPush`, defaults applied. */
export interface SmtpPushConfig {
  enabled: boolean;
  host: string;
  port: number;
  /** Speak LMTP instead of SMTP. */
  lmtp: boolean;
  /** When set, senders must authenticate (PLAIN/LOGIN) with these. */
  auth?: { username: string; password: string };
  maxMessageBytes: number;
  /** IP addresses and CIDR ranges allowed to connect. */
  allowedSources: string[];
  /** Sessions open at once; one more gets 421. */
  maxClients: number;
  /** Wall-clock length of one session; then 421 and the connection closes. */
  maxSessionMs: number;
  /** Command lines in one session; the next one gets 421. */
  maxCommandsPerSession: number;
  /** Address of the demo mailbox created at startup when no incoming server has it. */
  demoMailbox?: string;
}

const MB = 1024 * 1024;

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
    fetching: readFetching(config),
    smtpPush: readSmtpPush(config),
    replies: readReplies(config),
    demoOutbox: readDemoOutbox(config),
    health: readHealth(config),
  };
}

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(`${key} must be a positive number, got ${value}`);
  }
  return value;
}

function wholeNumber(config: Config, key: string, fallback: number): number {
  const value = positive(config, key, fallback);
  if (!Number.isInteger(value)) {
    throw new Error(`${key} must be a whole number, got ${value}`);
  }
  return value;
}

function readFetching(config: Config): FetchingConfig {
  const holdSeconds = positive(config, 'emails.fetching.idleHoldSeconds', 240);
  return {
    idleHoldMs: Math.max(10, holdSeconds) * 1000,
    maxMessageBytes:
      positive(config, 'emails.fetching.maxMessageSizeMb', 50) * MB,
  };
}

function readHealth(config: Config): HealthAlertSettings {
  const admins = config.getOptionalStringArray('emails.admins') ?? [];
  const reminderHours =
    config.getOptionalNumber('emails.health.reminderIntervalHours') ?? 24;
  if (!(reminderHours >= 0)) {
    throw new Error(
      `emails.health.reminderIntervalHours must be 0 or more, got ${reminderHours}`,
    );
  }
  return {
    failureThreshold: wholeNumber(config, 'emails.health.failureThreshold', 5),
    alertRecipients:
      config.getOptionalStringArray('emails.health.alertRecipients') ?? admins,
    reminderIntervalMs: reminderHours * 3600_000,
  };
}

function readDemoOutbox(config: Config): DemoOutboxConfig | undefined {
  if (!config.getOptionalBoolean('emails.demoOutbox.enabled')) return undefined;
  const host =
    config.getOptionalString('emails.demoOutbox.host') ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1') {
    throw new Error(
      `emails.demoOutbox.host must be a loopback address (127.0.0.1 or ::1), not ${host}: the demo outbox accepts mail from anyone who can connect`,
    );
  }
  return {
    host,
    port: config.getOptionalNumber('emails.demoOutbox.port') ?? 2526,
    directory:
      config.getOptionalString('emails.demoOutbox.directory') ??
      '.emails-demo-outbox',
    email:
      config.getOptionalString('emails.demoOutbox.email') ??
      config.getOptionalString('emails.smtpPush.demoMailbox') ??
      'support@localhost',
  };
}

function readSmtpPush(config: Config): SmtpPushConfig {
  const auth = config.getOptionalConfig('emails.smtpPush.auth');
  return {
    enabled: config.getOptionalBoolean('emails.smtpPush.enabled') ?? false,
    host: config.getOptionalString('emails.smtpPush.host') ?? '127.0.0.1',
    port: config.getOptionalNumber('emails.smtpPush.port') ?? 2525,
    lmtp: config.getOptionalBoolean('emails.smtpPush.lmtp') ?? false,
    auth: auth && {
      username: auth.getString('username'),
      password: auth.getString('password'),
    },
    maxMessageBytes:
      positive(config, 'emails.smtpPush.maxMessageSizeMb', 25) * MB,
    allowedSources: config.getOptionalStringArray(
      'emails.smtpPush.allowedSources',
    ) ?? ['127.0.0.0/8', '::1'],
    maxClients: wholeNumber(config, 'emails.smtpPush.maxClients', 50),
    maxSessionMs:
      positive(config, 'emails.smtpPush.maxSessionSeconds', 600) * 1000,
    maxCommandsPerSession: wholeNumber(
      config,
      'emails.smtpPush.maxCommandsPerSession',
      1000,
    ),
    demoMailbox: config.getOptionalString('emails.smtpPush.demoMailbox'),
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

const DMARC_POLICIES = ['flag', 'no-thread', 'quarantine'] as const;

function readReplies(config: Config): RepliesConfig {
  const own = config.getOptionalString('emails.threading.key');
  const older = (
    config.getOptionalStringArray('emails.threading.previousKeys') ?? []
  ).map((k, i) => parseKey(k, `emails.threading.previousKeys[${i}]`).bytes);
  // Without a key of its own, the thread key derives from the encryption key,
  // so one secret is enough; without either, tokens last until a restart.
  const encryption = config.getOptionalString('emails.encryption.key');
  const key = own
    ? parseKey(own, 'emails.threading.key').bytes
    : createHmac(
        'sha256',
        encryption
          ? parseKey(encryption, 'emails.encryption.key').bytes
          : randomBytes(32),
      )
        .update('emails thread tokens')
        .digest();
  const dmarcFailure =
    config.getOptionalString('emails.senderAuthentication.dmarcFailure') ??
    'no-thread';
  if (!(DMARC_POLICIES as readonly string[]).includes(dmarcFailure)) {
    throw new Error(
      `emails.senderAuthentication.dmarcFailure must be one of ${DMARC_POLICIES.join(
        ', ',
      )}`,
    );
  }
  const messageIdDomain =
    config.getOptionalString('emails.threading.messageIdDomain') ??
    new URL(config.getOptionalString('backend.baseUrl') ?? 'http://localhost')
      .hostname;
  return {
    threadKeys: [key, ...older],
    messageIdDomain,
    trustedAuthservIds:
      config.getOptionalStringArray(
        'emails.senderAuthentication.trustedAuthservIds',
      ) ?? [],
    dmarcFailure: dmarcFailure as RepliesConfig['dmarcFailure'],
    verification: readVerification(config, messageIdDomain),
  };
}

function readVerification(
  config: Config,
  messageIdDomain: string,
): SenderVerificationConfig | undefined {
  const key = (name: string) => `emails.senderAuthentication.${name}`;
  if (config.getOptionalBoolean(key('verify')) === false) return undefined;
  const list = (name: string) => config.getOptionalStringArray(key(name)) ?? [];
  return {
    authservId: config.getOptionalString(key('authservId')) ?? messageIdDomain,
    dnsServers: list('dnsServers'),
    lookupTimeoutMs: positive(config, key('dnsTimeoutSeconds'), 3) * 1000,
    budgetMs: positive(config, key('dnsBudgetSeconds'), 10) * 1000,
    trustedRelays: list('trustedRelays'),
    trustedArcSealers: list('trustedArcSealers'),
  };
}
