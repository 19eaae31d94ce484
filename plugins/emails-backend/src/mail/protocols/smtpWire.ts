import { ReplyTooLargeError } from '../net/errors';
import { LineConnection } from '../net/lineConnection';
import { ProtocolSyntaxError } from './replyError';

/** One SMTP reply, possibly multi-line. */
export interface SmtpReply {
  code: number;
  /** Text of every line without the code, e.g. the EHLO keywords. */
  lines: string[];
}

/** More lines than any sane reply has; a flood is cut off here. */
const MAX_REPLY_LINES = 200;
const REPLY_LINE = /^(\d{3})(?:([ -])(.*))?$/;

/**
 * Reads one SMTP reply (RFC 5321 section 4.2); `firstLine` is a line of it
 * that was read already (the greeting).
 */
export async function readSmtpReply(
  conn: LineConnection,
  what: string,
  firstLine?: string,
): Promise<SmtpReply> {
  const lines: string[] = [];
  let first: number | undefined;
  let given = firstLine;
  for (;;) {
    const line = given ?? (await conn.readLine(what));
    given = undefined;
    const match = REPLY_LINE.exec(line);
    const lineCode = Number(match?.[1]);
    if (!match || (first !== undefined && lineCode !== first)) {
      throw new ProtocolSyntaxError('SMTP', line);
    }
    first = lineCode;
    lines.push(match[3] ?? '');
    if (match[2] !== '-') return { code: lineCode, lines };
    if (lines.length >= MAX_REPLY_LINES) {
      throw new ReplyTooLargeError(what, MAX_REPLY_LINES, 'lines');
    }
  }
}

/** Sends one command line and reads its reply. */
export async function smtpCommand(
  conn: LineConnection,
  commandLine: string,
  what: string,
): Promise<SmtpReply> {
  conn.write(`${commandLine}\r\n`);
  return readSmtpReply(conn, what);
}

/** A reply as one line of text for messages, e.g. `535 5.7.8 Authentication failed`. */
export function smtpReplyText(reply: SmtpReply): string {
  return `${reply.code} ${reply.lines.join(' ').trim()}`.trim();
}

/** Dot-stuffs a CRLF message for DATA and appends the terminating dot line. */
export function dotStuff(message: Buffer): Buffer {
  const text = message.toString('latin1').replace(/\r?\n/g, '\r\n');
  const stuffed = text.replace(/^\./gm, '..');
  const ending = stuffed.endsWith('\r\n') ? '' : '\r\n';
  return Buffer.from(`${stuffed}${ending}.\r\n`, 'latin1');
}
