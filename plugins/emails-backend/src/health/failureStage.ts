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

/** A failed stage in one line, as the server cards and the outbound queue show it. */
export function failureText(failed: FailedStage): string {
  return `${failed.stage}: ${failed.summary}: ${failed.detail}. ${failed.hint}`;
}

/** A send of the outgoing worker that failed, as sendErrors.ts sorted it. */
export interface FailedSend {
  /** What the server or the network said, secrets already masked. */
  message: string;
  /** 'server': the server could not be used; otherwise it answered about this message. */
  kind: 'server' | 'transient' | 'permanent';
  responseCode?: number;
  /** nodemailer's error code (ECONNECTION, EAUTH...). */
  code?: string;
  /** The SMTP command the server answered (MAIL FROM, RCPT TO, DATA...). */
  command?: string;
  /** The server signs in with OAuth: a refused sign-in is a rejected token. */
  oauth?: boolean;
}

const SIGN_IN_CODES = ['EAUTH', 'ENOAUTH', 'EOAUTH2'];

const MESSAGE_REFUSALS: Record<string, FailureKind> = {
  'MAIL FROM': 'sender-refused',
  'RCPT TO': 'recipient-refused',
};

/**
 * Words a failed send of the outgoing worker alike the scheduled sync's
 * failures: a server it could not use as Test Connection words that stage; a
 * server that answered about this message (4xx or 5xx) as the sending stage,
 * by the command it refused.
 */
export function describeSendFailure(
  server: FailedServer,
  failure: FailedSend,
): FailedStage {
  const answered = failure.kind !== 'server' && !!failure.responseCode;
  if (!answered) {
    return describeFailure('outgoing', server, {
      message: failure.message,
      // A 4xx during sign-in (too many connections) is no refused password.
      auth:
        SIGN_IN_CODES.includes(failure.code ?? '') &&
        !(failure.responseCode && failure.responseCode < 500),
      oauth: failure.oauth,
    });
  }
  const context = hintContext('outgoing', server);
  const kind = MESSAGE_REFUSALS[failure.command ?? ''];
  return {
    stage: 'protocol',
    stageLabel: 'Sending',
    summary: kind
      ? failureSummary(kind, context)
      : 'The server did not accept the message',
    detail: failure.message,
    hint: failureHint(kind ?? 'send-failed', context),
  };
}
