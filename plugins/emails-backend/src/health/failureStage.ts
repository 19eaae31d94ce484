import {
  ConnectionStageName,
  MailDirection,
} from '@internal/plugin-emails-common';
import {
  FailureKind,
  failureHint,
  failureSummary,
  HintContext,
} from '../mail/diagnostics';
import { MailProtocol, MailSecurity } from '../mail/types';

/** A failed sync or send in Test Connection's words: the stage, what happened and what to check. */
export interface FailedStage {
  stage: ConnectionStageName;
  /** The stage as the alert names it. */
  stageLabel: string;
  summary: string;
  /** What the server or the network said, secrets already masked. */
  detail: string;
  hint: string;
}

/** The server a failure happened on, as far as the hint needs it. */
export interface FailedServer {
  protocol: string;
  settings: Record<string, unknown>;
}

const LABELS: Record<ConnectionStageName, string> = {
  dns: 'DNS lookup',
  tcp: 'Connection',
  tls: 'SSL/TLS handshake',
  auth: 'Sign-in',
  protocol: 'Mailbox',
};

// What drivers and nodemailer put in their messages, most telling first.
const PATTERNS: [RegExp, ConnectionStageName, FailureKind][] = [
  [/ENOTFOUND|EAI_AGAIN|EDNS|getaddrinfo/, 'dns', 'dns-failed'],
  [/ECONNREFUSED/, 'tcp', 'port-refused'],
  [/ENETUNREACH|EHOSTUNREACH/, 'tcp', 'network-unreachable'],
  [/ETIMEDOUT|timed? ?out/i, 'tcp', 'port-filtered'],
  [/expired|CERT_HAS_EXPIRED/i, 'tls', 'certificate-expired'],
  [/altnames|hostname\/IP does not match/i, 'tls', 'certificate-hostname'],
  [/certificate|self[- ]signed/i, 'tls', 'certificate-untrusted'],
  [/ERR_(SSL|TLS)_|ETLS|SSL routines/, 'tls', 'tls-failed'],
  [/ECONNRESET|EPIPE|closed|ended/i, 'tcp', 'connection-lost'],
];

const USUAL_PORT: Record<MailProtocol, number> = {
  imap: 993,
  pop3: 995,
  smtp: 587,
};

/**
 * Words a failure of a scheduled sync or send the way Test Connection words
 * a failed stage, so the alert says what the admin already knows from it.
 * `auth` is set when the driver knew it was a refused sign-in.
 */
export function describeFailure(
  direction: MailDirection,
  server: FailedServer,
  failure: { message: string; auth?: boolean; oauth?: boolean },
): FailedStage {
  const [stage, kind] = classify(failure);
  const context = hintContext(direction, server);
  return {
    stage,
    stageLabel:
      stage === 'protocol' && direction === 'outgoing'
        ? 'Sending'
        : LABELS[stage],
    summary: failureSummary(kind, context),
    detail: failure.message,
    hint: failureHint(kind, context),
  };
}

function classify(failure: {
  message: string;
  auth?: boolean;
  oauth?: boolean;
}): [ConnectionStageName, FailureKind] {
  if (failure.auth || /\bEAUTH\b|\b535\b|authenticat/i.test(failure.message)) {
    return ['auth', failure.oauth ? 'oauth-rejected' : 'bad-credentials'];
  }
  const match = PATTERNS.find(([pattern]) => pattern.test(failure.message));
  return match ? [match[1], match[2]] : ['protocol', 'unexpected-reply'];
}

function hintContext(
  direction: MailDirection,
  server: FailedServer,
): HintContext {
  const fallback: MailProtocol = direction === 'incoming' ? 'imap' : 'smtp';
  const protocol = (['imap', 'pop3', 'smtp'] as string[]).includes(
    server.protocol,
  )
    ? (server.protocol as MailProtocol)
    : fallback;
  const { port, security } = server.settings as {
    port?: number;
    security?: MailSecurity;
  };
  return {
    protocol,
    security: security ?? 'ssl',
    port: port ?? USUAL_PORT[protocol],
  };
}
