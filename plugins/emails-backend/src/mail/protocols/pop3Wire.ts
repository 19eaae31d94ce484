import { ReplyTooLargeError } from '../net/errors';
import { Extractor, LineConnection } from '../net/lineConnection';
import { ProtocolSyntaxError } from './replyError';

/** The status line of a POP3 reply. */
export interface Pop3Status {
  ok: boolean;
  /** Text after `+OK` / `-ERR` / `+`, e.g. `[AUTH] Authentication failed.` */
  text: string;
  /** A SASL challenge (`+ <base64>`, RFC 5034) rather than a status. */
  challenge?: boolean;
}

/** Reads a `+OK` / `-ERR` status line or a SASL challenge. */
export async function readPop3Status(
  conn: LineConnection,
  what: string,
  capMs?: number,
): Promise<Pop3Status> {
  const line = await conn.readLine(what, capMs);
  const match = /^(\+OK|-ERR)(?: (.*))?$/i.exec(line);
  if (match) {
    return { ok: match[1].toUpperCase() === '+OK', text: match[2] ?? '' };
  }
  const challenge = /^\+(?: (.*))?$/.exec(line);
  if (challenge)
    return { ok: false, text: challenge[1] ?? '', challenge: true };
  throw new ProtocolSyntaxError('POP3', line);
}

/** Sends one command line and reads its status line. */
export async function pop3Command(
  conn: LineConnection,
  commandLine: string,
  what: string,
): Promise<Pop3Status> {
  conn.write(`${commandLine}\r\n`);
  return readPop3Status(conn, what);
}

const TERMINATOR = Buffer.from('\r\n.\r\n');
const EMPTY_BODY = Buffer.from('.\r\n');

/** Removes the dot-stuffing of a multi-line body (RFC 1939 section 3). */
function unstuff(body: Buffer): Buffer {
  return Buffer.from(
    body.toString('latin1').replace(/(^|\r\n)\.\./g, '$1.'),
    'latin1',
  );
}

/**
 * Extracts a dot-terminated multi-line body, CRLF line ends kept. It scans
 * only the bytes added since the last call, so a large body stays linear.
 */
function dotTerminated(maxBytes: number): Extractor<Buffer> {
  let from = 0;
  return unread => {
    if (unread.subarray(0, EMPTY_BODY.length).equals(EMPTY_BODY)) {
      return { value: Buffer.alloc(0), consumed: EMPTY_BODY.length };
    }
    const at = unread.indexOf(
      TERMINATOR,
      Math.max(0, from - TERMINATOR.length),
    );
    if (at < 0) {
      if (unread.length > maxBytes) {
        throw new ReplyTooLargeError('the message', maxBytes);
      }
      from = unread.length;
      return undefined;
    }
    return {
      value: unstuff(unread.subarray(0, at + 2)),
      consumed: at + TERMINATOR.length,
    };
  };
}

/** Reads the body of a multi-line reply whose `+OK` line was read already. */
export function readPop3Body(
  conn: LineConnection,
  what: string,
  maxBytes: number,
): Promise<Buffer> {
  return conn.read(dotTerminated(maxBytes), what);
}

/** Reads a multi-line body as text lines (CAPA, LIST). */
export async function readPop3Lines(
  conn: LineConnection,
  what: string,
  maxBytes = 64 * 1024,
): Promise<string[]> {
  const body = (await readPop3Body(conn, what, maxBytes)).toString('utf8');
  return body.split('\r\n').filter(line => line.length > 0);
}
