import { ConnectionStageName } from '@internal/plugin-emails-common';
import {
  connectFailure,
  isCertificateError,
  loginRefusal,
  presentFailure,
  StageFailure,
  tlsFailure,
  toStageFailure,
} from '../diagnostics/failure';
import { FailureKind } from '../diagnostics/hints';
import { showLine } from '../protocols/replyError';
import { SecretRedactor } from '../secrets';
import { MailTarget } from '../types';
import { SampleFetchError } from './errors';

interface ImapFlowError {
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
  message?: string;
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

/** Classifies what imapflow threw with the kinds of Test Connection. */
export function imapSampleFailure(
  error: unknown,
  target: MailTarget,
): StageFailure {
  if (error instanceof StageFailure) return error;
  // Masked before any text of it is cut or shown.
  const e = (SecretRedactor.forAuth(target.auth).error(error) ??
    {}) as ImapFlowError;
  const code = e.code ?? '';
  if (e.authenticationFailed && target.auth.type !== 'none') {
    return loginRefusal(
      'imap',
      target.auth.type,
      showLine(e.responseText || e.message || ''),
    );
  }
  if (CONNECT_CODES.has(code) || code === 'CONNECT_TIMEOUT') {
    return code === 'CONNECT_TIMEOUT'
      ? new StageFailure('port-filtered', e.message)
      : connectFailure(error, `${target.host}:${target.port}`);
  }
  if (isCertificateError(error) || /^ERR_(SSL|TLS)_/.test(code)) {
    return tlsFailure(error);
  }
  if (code === 'GREETING_TIMEOUT') {
    return new StageFailure(
      target.security === 'ssl' ? 'no-answer' : 'tls-expected',
      e.message,
    );
  }
  if (code === 'NoConnection') {
    return new StageFailure('connection-lost', e.message);
  }
  if (code === 'ETIMEOUT' || code === 'UPGRADE_TIMEOUT') {
    return new StageFailure('timeout', e.message);
  }
  return toStageFailure(error);
}

const STAGE_OF: Partial<Record<FailureKind, ConnectionStageName>> = {
  'dns-failed': 'dns',
  'port-refused': 'tcp',
  'port-filtered': 'tcp',
  'network-unreachable': 'tcp',
  'no-answer': 'tcp',
  'ssl-on-plain-port': 'tls',
  'tls-expected': 'tls',
  'starttls-unsupported': 'tls',
  'certificate-untrusted': 'tls',
  'certificate-hostname': 'tls',
  'certificate-expired': 'tls',
  'tls-failed': 'tls',
  'auth-required': 'auth',
  'auth-unsupported': 'auth',
  'bad-credentials': 'auth',
  'oauth-rejected': 'auth',
  'protocol-disabled': 'auth',
};

/** The error Fetch a sample mail rejects with, secrets masked. */
export function toSampleFetchError(
  failure: StageFailure,
  target: MailTarget,
): SampleFetchError {
  const redactor = SecretRedactor.forAuth(target.auth);
  const { message, hint } = presentFailure(failure, {
    protocol: target.protocol,
    security: target.security,
    port: target.port,
  });
  return new SampleFetchError(
    redactor.redact(message),
    redactor.redact(hint),
    STAGE_OF[failure.kind] ?? 'protocol',
  );
}
