/** What a failed send means for the message and for the server. */
export type SendFailureKind =
  /** The server could not be used (connect, TLS, greeting, login): try another. */
  | 'server'
  /** A 4xx answer or a dropped conversation: the same message may succeed later. */
  | 'transient'
  /** A 5xx answer about this message or its recipients: sending again will not help. */
  | 'permanent';

/** A classified send failure with a message fit for the admin view. */
export interface SendFailure {
  kind: SendFailureKind;
  message: string;
  responseCode?: number;
  /** How long the server asked us to wait (Graph's Retry-After). */
  retryAfterMs?: number;
  /** nodemailer's error code, for the wording (src/health/failureStage.ts). */
  code?: string;
  /** The SMTP command the server refused, for the wording. */
  command?: string;
}

// nodemailer's codes for failures before a message is handed over.
const SERVER_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'EDNS',
  'ETLS',
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPROXY',
  // Ours: a server of a protocol the worker cannot send through.
  'EPROTOCOL',
]);

/** Sorts a nodemailer error into retry, fall back or give up. */
export function classifySendError(error: unknown): SendFailure {
  const e = error as {
    code?: string;
    responseCode?: number;
    response?: string;
    command?: string;
    message?: string;
    retryAfterMs?: number;
  };
  const message = (e?.response || e?.message || String(error)).slice(0, 2000);
  const responseCode = e?.responseCode;
  const code = e?.code ?? '';
  const said = { code: e?.code, command: e?.command };
  // The socks package's errors carry the proxy they failed on, but no code.
  const socksFailure = !!(error as { options?: { proxy?: unknown } })?.options
    ?.proxy;
  // Refused logins are 5xx too, but they say nothing about the message.
  if (
    socksFailure ||
    SERVER_CODES.has(code) ||
    e?.command === 'CONN' ||
    e?.command === 'GREETING'
  ) {
    return { kind: 'server', message, responseCode, ...said };
  }
  if (responseCode && responseCode >= 500) {
    return { kind: 'permanent', message, responseCode, ...said };
  }
  return {
    kind: 'transient',
    message,
    responseCode,
    retryAfterMs: e?.retryAfterMs,
    ...said,
  };
}

/**
 * A refused send of an HTTP transport (Graph, EWS), shaped like nodemailer's
 * errors so {@link classifySendError} sorts it.
 */
export class TransportSendError extends Error {
  constructor(
    message: string,
    /** EAUTH / ECONNECTION: the server cannot be used (fall back); otherwise a message-level answer. */
    readonly code: string | undefined,
    /** SMTP-like: 4xx retry later, 5xx give up. */
    readonly responseCode: number | undefined,
    /** How long the server asked us to wait, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransportSendError';
  }
}
