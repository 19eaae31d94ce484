import { ReplyTooLargeError } from '../net/errors';
import { LineConnection } from '../net/lineConnection';
import { ProtocolSyntaxError } from './replyError';

/** The tagged completion of an IMAP command and the untagged lines before it. */
export interface ImapResponse {
  status: 'OK' | 'NO' | 'BAD';
  /** Response code without brackets, e.g. `AUTHENTICATIONFAILED` or `READ-ONLY`. */
  code?: string;
  text: string;
  untagged: string[];
}

/** A command argument: text sent as it is, or a string that needs a literal. */
export type ImapArg = string | { literal: Buffer };

const MAX_LITERAL_BYTES = 1024 * 1024;
const MAX_UNTAGGED = 10_000;
const TAGGED = /^(\S+) (OK|NO|BAD)(?: \[([^\]]*)\])? ?(.*)$/i;

/**
 * An IMAP astring for LOGIN: a quoted string when the value is 7-bit text
 * (backslash and quote escaped), otherwise a literal, which carries any
 * octets (RFC 3501 section 4.3).
 */
export function imapString(value: string): ImapArg {
  // eslint-disable-next-line no-control-regex
  if (/^[\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(value)) {
    return `"${value.replace(/[\\"]/g, c => `\\${c}`)}"`;
  }
  return { literal: Buffer.from(value, 'utf8') };
}

/** Tagged commands over a line connection. */
export class ImapWire {
  private counter = 0;

  constructor(
    private readonly conn: LineConnection,
    /** Whether the server announced LITERAL+ (no wait before literal data). */
    private readonly literalPlus: () => boolean = () => false,
  ) {}

  /** Reads one response line, with the literals it announces in place of their `{n}`. */
  async readLine(what: string, capMs?: number): Promise<string> {
    let line = await this.conn.readLine(what, capMs);
    for (;;) {
      const literal = /\{(\d+)\+?\}$/.exec(line);
      if (!literal) return line;
      const size = Number(literal[1]);
      if (size > MAX_LITERAL_BYTES) {
        throw new ReplyTooLargeError(what, MAX_LITERAL_BYTES);
      }
      const bytes = await this.conn.readBytes(size, what);
      line =
        line.slice(0, literal.index) +
        bytes.toString('utf8') +
        (await this.conn.readLine(what));
    }
  }

  /**
   * Sends a command and reads up to its tagged completion. `onContinuation`
   * answers `+` requests (SASL); without it a `+` is a protocol error.
   */
  async command(
    args: ImapArg[],
    what: string,
    onContinuation?: (text: string) => string,
  ): Promise<ImapResponse> {
    const tag = `a${++this.counter}`;
    const early = await this.send(tag, args, what);
    return early ?? this.readTagged(tag, what, onContinuation);
  }

  private async send(
    tag: string,
    args: ImapArg[],
    what: string,
  ): Promise<ImapResponse | undefined> {
    let text = tag;
    for (const arg of args) {
      if (typeof arg === 'string') {
        text += ` ${arg}`;
        continue;
      }
      const plus = this.literalPlus();
      this.conn.write(`${text} {${arg.literal.length}${plus ? '+' : ''}}\r\n`);
      if (!plus) {
        // A synchronizing literal waits for the server's go-ahead.
        const line = await this.readLine(what);
        if (!line.startsWith('+')) return this.parseTagged(tag, line, []);
      }
      this.conn.write(arg.literal);
      text = '';
    }
    this.conn.write(`${text}\r\n`);
    return undefined;
  }

  private async readTagged(
    tag: string,
    what: string,
    onContinuation?: (text: string) => string,
  ): Promise<ImapResponse> {
    const untagged: string[] = [];
    for (;;) {
      const line = await this.readLine(what);
      if (line.startsWith('* ')) {
        if (untagged.push(line.slice(2)) > MAX_UNTAGGED) {
          throw new ReplyTooLargeError(what, MAX_UNTAGGED, 'lines');
        }
      } else if (line.startsWith('+') && onContinuation) {
        this.conn.write(`${onContinuation(line.slice(1).trim())}\r\n`);
      } else {
        return this.parseTagged(tag, line, untagged);
      }
    }
  }

  private parseTagged(
    tag: string,
    line: string,
    untagged: string[],
  ): ImapResponse {
    const match = TAGGED.exec(line);
    if (!match || match[1] !== tag) throw new ProtocolSyntaxError('IMAP', line);
    return {
      status: match[2].toUpperCase() as ImapResponse['status'],
      code: match[3],
      text: match[4],
      untagged,
    };
  }
}

/** The capabilities of a CAPABILITY response or `[CAPABILITY ...]` code, upper-cased. */
export function parseCapabilities(text: string): Set<string> {
  return new Set(
    text
      .replace(/^CAPABILITY\s+/i, '')
      .split(/\s+/)
      .filter(Boolean)
      .map(c => c.toUpperCase()),
  );
}
