import { headersEnd, isHeaderBlock } from './headerBlocks';
import {
  attribution,
  banner,
  isLooseAttribution,
  isUnderscoreLine,
  stripQuotePrefix,
} from './patterns';
import { isSignatureDelimiter, signatureStartsAt } from './signatures';

export { isHeaderBlock } from './headerBlocks';

/** One line of a message body, plain text or rendered from HTML. */
export interface QuoteLine {
  text: string;
  /** Inside a quote: a "> " line, or inside an HTML blockquote. */
  quoted: boolean;
  /** Inside an element a client marks as the signature. */
  signature?: boolean;
  /** Carries an image, which counts as content even without text. */
  image?: boolean;
}

/** Where quoted history (or a signature) may begin: lines `start` to `end` are the separator. */
export interface SeparatorLine {
  start: number;
  end: number;
  /** The separator as written, when it is a line of text. */
  text?: string;
  /** A signature rather than history: it ends what the person wrote. */
  signature?: boolean;
  /** History without quote marks below (a banner or header block): nothing after it is an answer. */
  unmarked?: boolean;
}

// Clients wrap a long attribution over at most three lines.
const MAX_WRAP = 3;
const NOTHING: ReadonlySet<QuoteLine> = new Set();

/** Every place quoted history or a signature may begin, first first; the caller picks the first usable one. */
export function findSeparators(
  lines: QuoteLine[],
  extraSeparators: string[] = [],
): SeparatorLine[] {
  const extras = extraSeparators
    .map(s => s.trim().toLocaleLowerCase('en-US'))
    .filter(s => s.length > 0);
  const texts = lines.map(l => l.text);
  const found: SeparatorLine[] = [];
  lines.forEach((line, i) => {
    const lower = line.text.toLocaleLowerCase('en-US');
    if (extras.some(s => lower.includes(s)) || isReplyAboveLine(line.text)) {
      // A help desk's own marker: all below it is history, quoted or not.
      found.push({ start: i, end: i, text: line.text.trim(), unmarked: true });
    } else if (!line.quoted) {
      const here =
        attributionAt(lines, i) ??
        bannerAt(lines, i) ??
        headerBlockSeparatorAt(lines, i) ??
        signatureAt(lines, texts, i);
      if (here) found.push(here);
    }
  });
  const trailing = trailingQuoteBlock(lines);
  if (trailing) found.push(trailing);
  return found.sort((a, b) => a.start - b.start);
}

/** The lines that separators and their header blocks take up, which are nothing new. */
export function separatorLines(
  lines: QuoteLine[],
  separators: SeparatorLine[],
): Set<QuoteLine> {
  return new Set(
    separators
      .filter(s => !s.signature)
      .flatMap(s => lines.slice(s.start, s.end + 1)),
  );
}

/** The lines where a signature starts. */
export function signatureLines(
  lines: QuoteLine[],
  separators: SeparatorLine[],
): Set<QuoteLine> {
  return new Set(separators.filter(s => s.signature).map(s => lines[s.start]));
}

/** The lines after which nothing is an answer: signatures, banners, header blocks. */
export function stopLines(
  lines: QuoteLine[],
  separators: SeparatorLine[],
): Set<QuoteLine> {
  return new Set(
    separators.filter(s => s.signature || s.unmarked).map(s => lines[s.start]),
  );
}

/**
 * The first line with something new: text or an image outside the
 * signature and outside separators, so that a forward's banner and headers
 * at the very top do not pass for a note. `lines.length` when there is none.
 */
export function firstFreshLine(
  lines: QuoteLine[],
  taken: ReadonlySet<QuoteLine> = NOTHING,
  signatures: ReadonlySet<QuoteLine> = NOTHING,
): number {
  for (let i = 0; i < lines.length; i++) {
    if (signatures.has(lines[i]) || isSignatureDelimiter(lines[i].text)) break;
    if (isFresh(lines[i], taken)) return i;
  }
  return lines.length;
}

/**
 * Whether, from line `from` on, an unquoted new line follows a quoted one
 * before a signature or unmarked history starts: answers written below or
 * between quotes.
 */
export function answersBelowQuotes(
  lines: QuoteLine[],
  from: number,
  taken: ReadonlySet<QuoteLine>,
  stops: ReadonlySet<QuoteLine>,
): boolean {
  let quoteSeen = false;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (stops.has(line)) return false;
    if (line.quoted) quoteSeen = true;
    else if (quoteSeen && isFresh(line, taken)) return true;
  }
  return false;
}

/** Whether the line is new: visible, not quoted, not a signature, not a separator. */
export function isFresh(
  line: QuoteLine,
  taken: ReadonlySet<QuoteLine>,
): boolean {
  const visible = line.image || line.text.trim() !== '';
  return visible && !line.quoted && !line.signature && !taken.has(line);
}

/**
 * "On … wrote:" on one line or wrapped over up to three. A body sentence
 * like "On Monday I wrote:" must not cut the message, so the attribution has
 * to name a date or an address and be followed by quoted lines (or nothing);
 * only one naming both a date and an address stands without a quote below.
 * The shortest reading wins, so a line of prose above is never taken along.
 */
function attributionAt(
  lines: QuoteLine[],
  i: number,
): SeparatorLine | undefined {
  const found = wrappedAttribution(lines, i);
  if (!found || (found.end > i && wrappedAttribution(lines, i + 1))) {
    return undefined;
  }
  const next = nextNonBlank(lines, found.end + 1);
  const quoteBelow = next === undefined || lines[next].quoted;
  const { date, email } = found;
  return ((date || email) && quoteBelow) || (date && email)
    ? { start: i, end: found.end, text: found.text }
    : undefined;
}

function wrappedAttribution(lines: QuoteLine[], i: number) {
  let joined = '';
  for (let end = i; end < i + MAX_WRAP && end < lines.length; end++) {
    const part = lines[end].text.trim();
    if (part === '' || lines[end].quoted) return undefined;
    joined = joined ? `${joined} ${part}` : part;
    const found = attribution(joined);
    if (found) return { ...found, end, text: joined };
  }
  return undefined;
}

/** "-----Original Message-----" and the forward banners, with the header block below. */
function bannerAt(lines: QuoteLine[], i: number): SeparatorLine | undefined {
  if (!banner(lines[i].text)) return undefined;
  const first = nextNonBlank(lines, i + 1);
  const end =
    first !== undefined && first <= i + 3 ? headersEnd(lines, first) : i;
  return {
    start: i,
    end: Math.max(i, end),
    text: lines[i].text.trim(),
    unmarked: true,
  };
}

/** Outlook's "From: … Sent: … To: … Subject: …", with the underscore line above it. */
function headerBlockSeparatorAt(
  lines: QuoteLine[],
  i: number,
): SeparatorLine | undefined {
  if (isUnderscoreLine(lines[i].text)) {
    const from = nextNonBlank(lines, i + 1);
    return from !== undefined && from <= i + 2 && isHeaderBlock(lines, from)
      ? headerBlock(lines, i, from)
      : undefined;
  }
  return isHeaderBlock(lines, i) ? headerBlock(lines, i, i) : undefined;
}

function headerBlock(lines: QuoteLine[], i: number, from: number) {
  const text = lines[i].text.trim();
  return { start: i, end: headersEnd(lines, from), text, unmarked: true };
}

/** A signature that runs to the end of the body or to the first quote below it. */
function signatureAt(
  lines: QuoteLine[],
  texts: string[],
  i: number,
): SeparatorLine | undefined {
  return signatureStartsAt(texts, i, j => lines[j].quoted)
    ? { start: i, end: i, text: lines[i].text.trim(), signature: true }
    : undefined;
}

// Help desks and notification mails ask for the reply above such a line.
function isReplyAboveLine(text: string): boolean {
  return (
    text.length < 200 &&
    /\b(?:type|write|reply|respond)\b.{0,30}\babove this line\b/i.test(text)
  );
}

/**
 * "> " lines that run to the end of the message (inline answers between
 * quotes stay fresh), with a "Rita wrote:" line right above them.
 */
function trailingQuoteBlock(lines: QuoteLine[]): SeparatorLine | undefined {
  let i = lines.length - 1;
  while (i >= 0 && lines[i].text.trim() === '') i--;
  if (i < 0 || !lines[i].quoted) return undefined;
  let start = i;
  while (i >= 0 && (lines[i].quoted || lines[i].text.trim() === '')) {
    if (lines[i].quoted) start = i;
    i--;
  }
  if (i >= 0 && isLooseAttribution(lines[i].text)) {
    return { start: i, end: i, text: lines[i].text.trim() };
  }
  // Apple Mail quotes its own attribution: "> On … wrote:".
  const first = stripQuotePrefix(lines[start].text).trim();
  return attribution(first) || isLooseAttribution(first)
    ? { start, end: start, text: first }
    : { start, end: start };
}

function nextNonBlank(lines: QuoteLine[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) {
    if (lines[i].text.trim() !== '') return i;
  }
  return undefined;
}
