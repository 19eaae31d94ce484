import { ServiceError } from 'ews-javascript-api';
import { MailFetchError, MailFetchErrorKind } from '../MailFetcher';

/** What an EWS call's failure says, whatever shape ews-javascript-api gave it. */
export interface EwsProblem {
  /** The EWS response code (ErrorServerBusy, ErrorItemNotFound, ...), when the server sent one. */
  code?: string;
  /** The HTTP status, when the failure was an HTTP answer. */
  status?: number;
  /** ErrorServerBusy's BackOffMilliseconds. */
  backOffMs?: number;
  text: string;
}

type Loose = Record<string, any> | undefined;

function codeName(value: unknown): string | undefined {
  if (typeof value === 'number' && value > 0) return ServiceError[value];
  if (typeof value === 'string' && value && value !== 'NoError') return value;
  return undefined;
}

function detail(details: Loose, key: string): string | undefined {
  if (!details) return undefined;
  try {
    const value = details.get?.(key);
    return value === undefined || value === null ? undefined : String(value);
  } catch {
    return undefined;
  }
}

/**
 * Reads a failure of ews-javascript-api: a ServiceResponseException (a
 * response-level error: ErrorCode and ErrorDetails of its Response), a
 * SoapFaultDetails (a SOAP fault or an HTTP error: its response code, the
 * MessageXml details and HttpStatusCode) or a network error.
 */
export function ewsProblem(error: unknown): EwsProblem {
  const e = error as Loose;
  const response = e?.Response as Loose;
  const rawStatus = e?.HttpStatusCode ?? e?.status;
  const status =
    typeof rawStatus === 'number' && rawStatus > 0 ? rawStatus : undefined;
  // An HTTP error (401, 404, 502) carries the library's default code, not the server's.
  const httpError = status !== undefined && status !== 200 && status !== 500;
  const code = httpError
    ? undefined
    : codeName(response?.ErrorCode) ??
      codeName(e?.ErrorCode) ??
      codeName(e?.responseCode) ??
      codeName(e?.errorCode);
  const details = (response?.ErrorDetails ??
    e?.ErrorDetails ??
    e?.errorDetails) as Loose;
  const backOff = Number(detail(details, 'BackOffMilliseconds'));
  const message =
    response?.ErrorMessage ||
    e?.ErrorMessage ||
    e?.faultString ||
    e?.message ||
    e?.statusText ||
    (typeof error === 'string' ? error : '');
  const parts = [
    status && status !== 200 && status !== 500 ? `HTTP ${status}` : '',
    code ?? '',
    String(message ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 300),
  ].filter(Boolean);
  return {
    code,
    status,
    backOffMs: Number.isFinite(backOff) && backOff > 0 ? backOff : undefined,
    text: parts.join(': ') || 'no answer',
  };
}

// Codes that mean the account may not use this mailbox: an admin must act.
const PERMISSION_CODES = new Set([
  'ErrorAccessDenied',
  'ErrorImpersonateUserDenied',
  'ErrorImpersonationDenied',
  'ErrorNonExistentMailbox',
  'ErrorSendAsDenied',
  'ErrorInvalidExchangeImpersonationHeaderData',
]);

/** The MailFetchError kind of a problem, as mailbox health reports it. */
export function problemKind(problem: EwsProblem): MailFetchErrorKind {
  if (problem.status === 401 || problem.status === 403) return 'auth';
  if (problem.code && PERMISSION_CODES.has(problem.code)) return 'auth';
  if (
    problem.code === 'ErrorInvalidSyncStateData' ||
    problem.code === 'ErrorInvalidSyncStateDataException'
  ) {
    return 'validity-changed';
  }
  if (
    !problem.code &&
    (problem.status === undefined || problem.status >= 500)
  ) {
    return 'connection';
  }
  if (problem.code === 'ErrorServerBusy') return 'connection';
  return 'protocol';
}

/** A problem as the MailFetchError health and the processing log show. */
export function fetchErrorOf(
  what: string,
  problem: EwsProblem,
): MailFetchError {
  const kind = problemKind(problem);
  const text =
    problem.status === 401
      ? `EWS refused the credentials (${what}): ${problem.text}`
      : `EWS ${what} failed: ${problem.text}`;
  return new MailFetchError(kind, text);
}
