/** Printable form of a server line for messages: control bytes escaped, length capped. */
export function showLine(line: string, max = 160): string {
  // eslint-disable-next-line no-control-regex
  const printable = line.replace(/[\x00-\x1f\x7f-\x9f]/g, c =>
    c === '\t' ? ' ' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}

/**
 * A line that does not follow the syntax of the protocol spoken. It holds
 * the whole line, uncut: only a caller that knows the secrets may mask it
 * and then cut it ({@link ProtocolSyntaxError.describe}).
 */
export class ProtocolSyntaxError extends Error {
  override name = 'ProtocolSyntaxError';

  constructor(readonly protocol: string, readonly line: string) {
    super(`not a valid ${protocol} reply: "${showLine(line, Infinity)}"`);
  }

  /** The message with the line cut to 160 characters, for a line already masked. */
  describe(): string {
    return `not a valid ${this.protocol} reply: "${showLine(this.line)}"`;
  }
}
