import { isQuoteLine } from './patterns';
import {
  answersBelowQuotes,
  findSeparators,
  firstFreshLine,
  QuoteLine,
  separatorLines,
  signatureLines,
  stopLines,
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
  /**
   * The new part: the conversation entry. Empty when the body is nothing
   * but quotes and signature; a forward without a note stays whole here.
   */
  fresh: string;
  /**
   * The collapsed part: history and signature below the new part, or the
   * whole body when answers were written between quotes.
   */
  quoted?: string;
  /** The line where the history begins, e.g. "On … wrote:". */
  separator?: string;
}

/**
 * Splits a plain-text reply at the first separator or signature that has
 * something new above it. Answers written below or between quotes become
 * the new part, with the whole body collapsed; a body of nothing but quotes
 * has an empty new part.
 */
export function splitQuotedText(
  text: string,
  options: SplitQuotedOptions = {},
): SplitText {
  const normalized = text.replace(/\r\n?/g, '\n');
  const raw = normalized.split('\n');
  const lines: QuoteLine[] = raw.map(line => ({
    text: line,
    quoted: isQuoteLine(line),
  }));
  const separators = findSeparators(lines, options.extraSeparators);
  const taken = separatorLines(lines, separators);
  const signatures = signatureLines(lines, separators);
  const firstFresh = firstFreshLine(lines, taken, signatures);
  const whole = normalized.trimEnd();
  if (firstFresh === lines.length) {
    return lines.some(l => l.quoted) || signatures.size > 0
      ? { fresh: '', quoted: whole }
      : { fresh: normalized };
  }
  const split = separators.find(s => s.start > firstFresh);
  const stops = stopLines(lines, separators);
  // Answers count from where the history begins, so that a quote the person
  // put into the new part (a log, a code snippet) stays in it.
  const history = separators.find(s => !s.signature)?.start ?? 0;
  if (answersBelowQuotes(lines, history, taken, stops)) {
    return { fresh: answersOnly(lines, taken, stops), quoted: whole };
  }
  if (!split) return { fresh: normalized };
  return {
    fresh: raw.slice(0, split.start).join('\n').trimEnd(),
    quoted: raw.slice(split.start).join('\n').trimEnd(),
    ...(split.text ? { separator: split.text } : {}),
  };
}

// The unquoted lines up to the signature or unmarked history, blank runs
// closed up where the quotes between them were.
function answersOnly(
  lines: QuoteLine[],
  taken: ReadonlySet<QuoteLine>,
  stops: ReadonlySet<QuoteLine>,
): string {
  const kept: string[] = [];
  for (const line of lines) {
    if (stops.has(line)) break;
    if (line.quoted || taken.has(line)) continue;
    kept.push(line.text.trimEnd());
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
