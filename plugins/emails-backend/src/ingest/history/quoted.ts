import {
  findSeparators,
  firstFreshLine,
  QuoteLine,
  separatorLines,
} from './separators';

/** Options of the quoted-history split. */
export interface SplitQuotedOptions {
  /**
   * Lines that mark where quoted history begins besides the clients' own
   * separators, matched case-insensitively anywhere in a line, e.g.
   * "##- Please type your reply above this line -##".
   */
  extraSeparators?: string[];
}

/** A plain-text body split into what is new and the quoted history. */
export interface SplitText {
  /** The new part: the conversation entry. Never empty when the body is not. */
  fresh: string;
  /** The quoted history, shown collapsed. */
  quoted?: string;
  /** The line where the history begins, e.g. "On … wrote:". */
  separator?: string;
}

/**
 * Splits a plain-text reply at the first separator that has something new
 * above it; a body with nothing new above any separator (a forward without a
 * note, a bare quote) stays whole in `fresh`.
 */
export function splitQuotedText(
  text: string,
  options: SplitQuotedOptions = {},
): SplitText {
  const normalized = text.replace(/\r\n?/g, '\n');
  const raw = normalized.split('\n');
  const lines: QuoteLine[] = raw.map(line => ({
    text: line,
    quoted: /^[ \t]*>/.test(line),
  }));
  const separators = findSeparators(lines, options.extraSeparators);
  const firstFresh = firstFreshLine(lines, separatorLines(lines, separators));
  const split = separators.find(s => s.start > firstFresh);
  if (!split) return { fresh: normalized };
  return {
    fresh: raw.slice(0, split.start).join('\n').trimEnd(),
    quoted: raw.slice(split.start).join('\n').trimEnd(),
    ...(split.text ? { separator: split.text } : {}),
  };
}
