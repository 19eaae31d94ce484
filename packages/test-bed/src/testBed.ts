import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCertificates, TestCertificates } from './ca';
import { registerExitCleanup } from './cleanup';
import { DovecotInstance, startDovecot } from './dovecot';
import { TestUser } from './dovecotConfig';
import { deliverLmtp } from './lmtp';
import {
  IssueTokenOptions,
  OAuthTestServer,
  startOAuthServer,
} from './oauthServer';
import { LOOPBACK } from './ports';
import { SinkMessage, SmtpSink, startSmtpSink } from './smtpSink';

/** Options of {@link startTestBed}. */
export interface TestBedOptions {
  /** Mailbox logins; default support@localhost and alice@localhost. */
  users?: readonly TestUser[];
  /** Parent of the temporary directory; default the OS temp dir. */
  tmpRoot?: string;
  /** Keep the temporary directory after stop() for debugging. */
  keepFiles?: boolean;
  /** Bound for Dovecot to accept connections on every port; default 30 s. */
  startupTimeoutMs?: number;
  /** Turns on Dovecot's auth_debug and the oauth2 passdb debug log. */
  authDebug?: boolean;
}

/** Loopback ports of every peer in a test bed. */
export interface TestBedPorts {
  imap: number;
  imaps: number;
  pop3: number;
  pop3s: number;
  submission: number;
  lmtp: number;
  smtpSink: number;
  oauth: number;
}

/** Endpoints of the test bed's OAuth2 authorization server (HTTPS; trust `caPem`). */
export interface TestBedOAuthUrls {
  /** `https://127.0.0.1:<port>`, the `iss` of every token. */
  issuer: string;
  /** MSAL authority `<issuer>/<tenantId>`. */
  authority: string;
  tenantId: string;
  discoveryUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  introspectionUrl: string;
  jwksUrl: string;
}

/** Running throwaway mail peers; call stop() when done. */
export interface TestBed {
  host: typeof LOOPBACK;
  /** Temporary directory holding certificates, Dovecot config, log and mail. */
  dir: string;
  ports: TestBedPorts;
  users: readonly TestUser[];
  /** PEM of the test CA that signed every server certificate. */
  caPem: string;
  certificates: TestCertificates;
  oauth: TestBedOAuthUrls;
  oauthServer: OAuthTestServer;
  smtpSink: SmtpSink;
  /** Messages the SMTP sink (the submission relay) received so far. */
  readonly messages: readonly SinkMessage[];
  passwordOf(user: string): string;
  issueAccessToken(user: string, options?: IssueTokenOptions): Promise<string>;
  waitForMessage(
    predicate?: (m: SinkMessage) => boolean,
    timeoutMs?: number,
  ): Promise<SinkMessage>;
  deliver(
    to: string | readonly string[],
    raw: string | Buffer,
    options?: { from?: string },
  ): Promise<void>;
  dovecotLog(): string;
  /** Stops Dovecot alone (IMAP, POP3, submission, LMTP refuse connections); mail stays. */
  stopDovecot(): Promise<void>;
  /** Starts Dovecot again after {@link TestBed.stopDovecot}, on the same ports with the same mail. */
  startDovecot(): Promise<void>;
  stop(): Promise<void>;
}

/** Default mailbox logins of a test bed. */
export const DEFAULT_TEST_USERS: readonly TestUser[] = Object.freeze([
  { user: 'support@localhost', password: 'support-password' },
  { user: 'alice@localhost', password: 'alice-password' },
]);

interface Parts {
  dir: string;
  keepFiles: boolean;
  certificates?: TestCertificates;
  sink?: SmtpSink;
  oauth?: OAuthTestServer;
  dovecot?: DovecotInstance;
}

async function stopParts(parts: Parts): Promise<void> {
  // Dovecot first: it holds connections to the OAuth server and the sink.
  await parts.dovecot?.stop().catch(() => undefined);
  await Promise.allSettled([parts.oauth?.stop(), parts.sink?.stop()]);
  if (!parts.keepFiles) rmSync(parts.dir, { recursive: true, force: true });
}

async function startParts(
  parts: Parts,
  users: readonly TestUser[],
  options: TestBedOptions,
) {
  const certificates = await createCertificates(path.join(parts.dir, 'tls'));
  parts.certificates = certificates;
  parts.sink = await startSmtpSink({
    tls: { key: certificates.keyPem, cert: certificates.certPem },
  });
  parts.oauth = await startOAuthServer(users[0].user, {
    tls: { certPath: certificates.certPath, keyPath: certificates.keyPath },
  });
  const dovecotOptions = {
    dir: parts.dir,
    users,
    certPath: certificates.certPath,
    keyPath: certificates.keyPath,
    relay: { host: LOOPBACK, port: parts.sink.port },
    introspectionUrl: parts.oauth.introspectionUrl,
    introspectionCaPath: certificates.caPath,
    authDebug: options.authDebug,
    startupTimeoutMs: options.startupTimeoutMs ?? 30_000,
  };
  parts.dovecot = await startDovecot(dovecotOptions);
  return {
    certificates,
    sink: parts.sink,
    oauth: parts.oauth,
    dovecot: parts.dovecot,
    dovecotOptions,
  };
}

function oauthUrls(oauth: OAuthTestServer): TestBedOAuthUrls {
  const {
    issuer,
    authority,
    tenantId,
    discoveryUrl,
    authorizationUrl,
    tokenUrl,
    introspectionUrl,
    jwksUrl,
  } = oauth;
  return {
    issuer,
    authority,
    tenantId,
    discoveryUrl,
    authorizationUrl,
    tokenUrl,
    introspectionUrl,
    jwksUrl,
  };
}

function passwordLookup(users: readonly TestUser[]) {
  return (user: string) => {
    const found = users.find(u => u.user === user);
    if (!found) throw new Error(`test-bed: unknown user ${user}`);
    return found.password;
  };
}

/** Starts Dovecot, an OAuth2 server and an SMTP sink on free loopback ports in a fresh temp dir. */
export async function startTestBed(
  options: TestBedOptions = {},
): Promise<TestBed> {
  const users = options.users ?? DEFAULT_TEST_USERS;
  if (users.length === 0)
    throw new Error('test-bed: at least one user is required');
  const dir = mkdtempSync(
    path.join(options.tmpRoot ?? os.tmpdir(), 'emails-test-bed-'),
  );
  const parts: Parts = { dir, keepFiles: options.keepFiles ?? false };
  // Child processes get their own cleanup; this one removes the files.
  const unregister = registerExitCleanup(() => {
    if (!parts.keepFiles) rmSync(dir, { recursive: true, force: true });
  });
  let started: Awaited<ReturnType<typeof startParts>>;
  try {
    started = await startParts(parts, users, options);
  } catch (error) {
    await stopParts(parts);
    unregister();
    throw error;
  }
  const { certificates, sink, oauth, dovecot, dovecotOptions } = started;
  let stopping: Promise<void> | undefined;
  return {
    host: LOOPBACK,
    dir,
    ports: { ...dovecot.ports, smtpSink: sink.port, oauth: oauth.port },
    users,
    caPem: certificates.caPem,
    certificates,
    oauth: oauthUrls(oauth),
    oauthServer: oauth,
    smtpSink: sink,
    get messages() {
      return sink.messages;
    },
    passwordOf: passwordLookup(users),
    issueAccessToken: (user, tokenOptions) =>
      oauth.issueAccessToken(user, tokenOptions),
    waitForMessage: (predicate, timeoutMs) =>
      sink.waitForMessage(predicate, timeoutMs),
    deliver: async (to, raw, deliverOptions = {}) => {
      const recipients = typeof to === 'string' ? [to] : to;
      const results = await deliverLmtp({
        host: LOOPBACK,
        port: dovecot.ports.lmtp,
        to: recipients,
        raw,
        from: deliverOptions.from,
      });
      const failed = results.filter(r => !r.ok);
      if (failed.length > 0) {
        throw new Error(
          `test-bed: LMTP delivery failed: ${failed
            .map(r => `${r.recipient}: ${r.reply}`)
            .join('; ')}`,
        );
      }
    },
    dovecotLog: () => (parts.dovecot ?? dovecot).log(),
    stopDovecot: async () => {
      await parts.dovecot?.stop();
    },
    startDovecot: async () => {
      parts.dovecot = await startDovecot({
        ...dovecotOptions,
        ports: dovecot.ports,
      });
    },
    stop: () => {
      stopping ??= stopParts(parts).finally(unregister);
      return stopping;
    },
  };
}
