import { Deadline } from '../net/deadline';
import { ConnectionClosedError, MailTimeoutError } from '../net/errors';
import { LineConnection } from '../net/lineConnection';
import { showLine } from '../protocols/replyError';
import { MailProtocol } from '../types';
import { fail, StageFailure, toStageFailure } from './failure';
import { protocolName } from './hints';
import { speaksTls, TlsProbeTarget } from './tlsProbe';

/**
 * How long a server may take to greet. Real servers greet within a second;
 * one that stays silent longer is most likely waiting for a TLS handshake.
 */
export const DEFAULT_GREETING_TIMEOUT_MS = 5_000;

/** Which protocol a server's first line belongs to, if any we know. */
export function greetingProtocol(line: string): MailProtocol | undefined {
  if (/^\* (OK|PREAUTH|BYE)\b/i.test(line)) return 'imap';
  if (/^(\+OK|-ERR)\b/i.test(line)) return 'pop3';
  if (/^\d{3}([ -]|$)/.test(line)) return 'smtp';
  return undefined;
}

/**
 * Whether bytes look like a TLS record (handshake or alert, version 3.x):
 * what a server expecting TLS may send to a client that speaks plain text.
 */
export function looksLikeTls(bytes: Buffer): boolean {
  return (
    bytes.length >= 2 &&
    (bytes[0] === 0x15 || bytes[0] === 0x16) &&
    bytes[1] === 0x03
  );
}

/** Whether a greeting line holds bytes no text protocol sends. */
export function looksBinary(line: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x08\x0e-\x1f\ufffd]/.test(line);
}

/**
 * Fails with the right kind when the greeting is not the expected
 * protocol's: another mail protocol's banner, binary bytes, or anything else.
 */
export function expectGreetingOf(protocol: MailProtocol, line: string): void {
  if (looksLikeTls(Buffer.from(line, 'latin1')) || looksBinary(line)) {
    fail(
      'tls-expected',
      `the server sent binary data instead of a ${protocolName(
        protocol,
      )} greeting`,
    );
  }
  const spoken = greetingProtocol(line);
  if (spoken === protocol) return;
  const like = spoken
    ? `an ${protocolName(spoken)} server`
    : 'no mail protocol';
  fail(
    'wrong-protocol',
    `the server greeted like ${like}: "${showLine(line)}"`,
  );
}

/** How long to wait for a greeting, and where to probe for TLS if none comes. */
export interface GreetingOptions {
  capMs: number;
  deadline: Deadline;
  /** Set for connections that start in plain text. */
  tlsProbe?: TlsProbeTarget;
}

/**
 * Reads the first line the server sends. A server that stays silent, or
 * sends TLS bytes, is told apart from a dead one: a port that expects TLS
 * from the first byte answers a TLS handshake on a second connection.
 */
export async function readGreeting(
  conn: LineConnection,
  options: GreetingOptions,
): Promise<string> {
  try {
    return await conn.readLine('the server greeting', options.capMs);
  } catch (error) {
    throw await greetingFailure(error, options);
  }
}

async function greetingFailure(
  error: unknown,
  options: GreetingOptions,
): Promise<StageFailure> {
  const silent =
    error instanceof MailTimeoutError || error instanceof ConnectionClosedError;
  if (!silent) return toStageFailure(error);
  if (looksLikeTls(error.received)) {
    return new StageFailure(
      'tls-expected',
      'the server answered with TLS data instead of a greeting',
    );
  }
  if (!(error instanceof MailTimeoutError) || error.budgetLimited) {
    return toStageFailure(error);
  }
  const detail = `no greeting within ${error.ms / 1000} s`;
  if (
    options.tlsProbe &&
    (await speaksTls(options.tlsProbe, options.deadline))
  ) {
    return new StageFailure(
      'tls-expected',
      `${detail}, but the port answers a TLS handshake`,
    );
  }
  return new StageFailure('no-answer', detail);
}
