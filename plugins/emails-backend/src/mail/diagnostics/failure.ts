import {
  ConnectionClosedError,
  MailTimeoutError,
  ReplyTooLargeError,
} from '../net/errors';
import { describeCertificate, TlsHandshakeError } from '../net/transport';
import { ProtocolSyntaxError } from '../protocols/replyError';
import { MailProtocol } from '../types';
import {
  failureHint,
  failureSummary,
  FailureKind,
  HintContext,
  protocolName,
} from './hints';

/** A classified failure: ends the stage it happens in. */
export class StageFailure extends Error {
  override name = 'StageFailure';

  constructor(
    readonly kind: FailureKind,
    /** What exactly happened, shown after the summary; never a secret. */
    readonly detail?: string,
  ) {
    super(detail ? `${kind}: ${detail}` : kind);
  }
}

/** Throws a classified failure. */
export function fail(kind: FailureKind, detail?: string): never {
  throw new StageFailure(kind, detail);
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Classifies an error of the TCP connection attempt. */
export function connectFailure(error: unknown, where: string): StageFailure {
  if (error instanceof MailTimeoutError) {
    return new StageFailure(
      'port-filtered',
      `${where} did not answer within ${seconds(error.ms)}`,
    );
  }
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return new StageFailure('port-refused', `${where} refused it (${code})`);
    case 'ETIMEDOUT':
      return new StageFailure('port-filtered', `${where} timed out (${code})`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new StageFailure('network-unreachable', `${where} (${code})`);
    default:
      return toStageFailure(error);
  }
}

const CERT_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
]);
const CERT_EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
// OpenSSL's words for "the peer answered, but not with TLS".
const NOT_TLS =
  /wrong version number|packet length too long|unknown protocol|http request|record layer failure/i;

function certificateKind(code: string | undefined): FailureKind | undefined {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'certificate-hostname';
  if (code && CERT_UNTRUSTED.has(code)) return 'certificate-untrusted';
  if (code && CERT_EXPIRED.has(code)) return 'certificate-expired';
  return undefined;
}

/** Whether a handshake error proves the server speaks TLS (it sent a certificate). */
export function isCertificateError(error: unknown): boolean {
  return certificateKind(errorCode(error)) !== undefined;
}

/** Classifies an error of the TLS handshake. */
export function tlsFailure(error: unknown): StageFailure {
  if (error instanceof MailTimeoutError) {
    return new StageFailure(
      'no-answer',
      `no answer to the TLS handshake within ${seconds(error.ms)}`,
    );
  }
  const code = errorCode(error);
  // OpenSSL messages carry file paths and hex; its `reason` is the readable part.
  const reason = (error as { reason?: unknown })?.reason;
  const message =
    typeof reason === 'string'
      ? reason
      : (error as Error)?.message ?? String(error);
  const certKind = certificateKind(code);
  if (certKind) {
    const cert = (error as TlsHandshakeError).peerCertificate;
    const shown = cert ? `; ${describeCertificate(cert)}` : '';
    return new StageFailure(certKind, `${message} (${code})${shown}`);
  }
  if (NOT_TLS.test(message) || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return new StageFailure(
      'ssl-on-plain-port',
      `the server answered the TLS handshake in plain text (${message})`,
    );
  }
  if (error instanceof ConnectionClosedError || code === 'ECONNRESET') {
    return new StageFailure(
      'tls-failed',
      'the server closed the connection during the TLS handshake',
    );
  }
  return new StageFailure(
    'tls-failed',
    code ? `${message} (${code})` : message,
  );
}

/** Classifies any other error: timeouts, closed connections, garbled replies. */
export function toStageFailure(error: unknown): StageFailure {
  if (error instanceof StageFailure) return error;
  if (error instanceof MailTimeoutError) {
    return new StageFailure(
      'timeout',
      error.budgetLimited
        ? `the time allowed for the whole test ran out while waiting for ${error.what}`
        : error.message,
    );
  }
  if (error instanceof ConnectionClosedError) {
    return new StageFailure('connection-lost', error.message);
  }
  if (error instanceof ProtocolSyntaxError) {
    return new StageFailure('unexpected-reply', error.describe());
  }
  if (error instanceof ReplyTooLargeError) {
    return new StageFailure('unexpected-reply', error.message);
  }
  const code = errorCode(error);
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return new StageFailure('connection-lost', `${code}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StageFailure('unexpected-reply', message);
}

const DISABLED_WORDS = /\b(disabled|not enabled|not allowed|turned off)\b/i;
const PROTOCOL_WORDS =
  /\b(imap|pop3?|smtp|submission)\b|SmtpClientAuthentication/i;

/**
 * Classifies a refused sign-in from the server's reply text: a reason that
 * says the protocol is switched off for the account (Gmail's "[ALERT] ...
 * not enabled for IMAP use", Dovecot's nologin reason, Microsoft's
 * "SmtpClientAuthentication is disabled") is not a credentials problem.
 */
export function loginRefusal(
  protocol: MailProtocol,
  authType: 'basic' | 'oauth',
  reply: string,
): StageFailure {
  const detail = `the ${protocolName(
    protocol,
  )} server refused the sign-in: "${reply}"`;
  if (DISABLED_WORDS.test(reply) && PROTOCOL_WORDS.test(reply)) {
    return new StageFailure('protocol-disabled', detail);
  }
  if (/basic auth\w* is disabled/i.test(reply)) {
    return new StageFailure('auth-unsupported', detail);
  }
  return new StageFailure(
    authType === 'oauth' ? 'oauth-rejected' : 'bad-credentials',
    detail,
  );
}

/** The message (summary and detail) and hint shown for a failure. */
export function presentFailure(
  failure: StageFailure,
  context: HintContext,
): { message: string; hint: string } {
  const summary = failureSummary(failure.kind, context);
  return {
    message: failure.detail ? `${summary}: ${failure.detail}` : summary,
    hint: failureHint(failure.kind, context),
  };
}
