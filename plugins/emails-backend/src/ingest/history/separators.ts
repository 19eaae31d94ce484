import {
  attribution,
  banner,
  headerLine,
  isLooseAttribution,
  isSignatureDelimiter,
  isUnderscoreLine,
  startsAttribution,
} from './patterns';

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

/** Where quoted history may begin: lines `start` to `end` are the separator. */
export interface SeparatorLine {
  start: number;
  end: number;
  /** The separator as written, when it is a line of text. */
  text?: string;
}

// Clients wrap a long attribution over at most three lines.
const MAX_WRAP = 3;
// How far below its From line an Outlook header block may still run.
const HEADER_BLOCK_LINES = 6;
// More header lines than a quoted header block ever has: bounds the work.
const MAX_HEADERS = 12;
const NOTHING: ReadonlySet<QuoteLine> = new Set();

/** Every place quoted history may begin, first first; the caller picks the first usable one. */
export function findSeparators(
  lines: QuoteLine[],
  extraSeparators: string[] = [],
): SeparatorLine[] {
  const extras = extraSeparators
    .map(s => s.trim().toLocaleLowerCase('en-US'))
    .filter(s => s.length > 0);
  const found: SeparatorLine[] = [];
  lines.forEach((line, i) => {
    const lower = line.text.toLocaleLowerCase('en-US');
    if (extras.some(s => lower.includes(s))) {
      found.push({ start: i, end: i, text: line.text.trim() });
    } else if (!line.quoted) {
      const here =
        attributionAt(lines, i) ??
        bannerAt(lines, i) ??
        headerBlockSeparatorAt(lines, i);
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
  return new Set(separators.flatMap(s => lines.slice(s.start, s.end + 1)));
}

/**
 * The first line with something new: text or an image outside the
 * signature and outside separators, so that a forward's banner and headers
 * at the very top do not pass for a note. `lines.length` when there is none.
 */
export function firstFreshLine(
  lines: QuoteLine[],
  taken: ReadonlySet<QuoteLine> = NOTHING,
): number {
  for (let i = 0; i < lines.length; i++) {
    if (isSignatureDelimiter(lines[i].text)) break;
    if (isFresh(lines[i], taken)) return i;
  }
  return lines.length;
}

/**
 * Per line, whether an unquoted new line follows from there on before a
 * signature starts: answers written below a quote make it an inline reply.
 */
export function freshUnquotedFrom(lines: QuoteLine[]): boolean[] {
  const result = new Array<boolean>(lines.length + 1).fill(false);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (line.quoted) result[i] = result[i + 1];
    else if (isSignatureDelimiter(line.text)) result[i] = false;
    else result[i] = isFresh(line, NOTHING) || result[i + 1];
  }
  return result;
}

function isFresh(line: QuoteLine, taken: ReadonlySet<QuoteLine>): boolean {
  const visible = line.image || line.text.trim() !== '';
  return visible && !line.signature && !taken.has(line);
}

/**
 * "On … wrote:" on one line or wrapped over up to three. A body sentence
 * like "On Monday I wrote:" must not cut the message, so the attribution has
 * to name a date or an address and be followed by quoted lines (or nothing);
 * only one naming both a date and an address stands without a quote below.
 */
function attributionAt(
  lines: QuoteLine[],
  i: number,
): SeparatorLine | undefined {
  if (!startsAttribution(lines[i].text)) return undefined;
  let joined = '';
  for (let end = i; end < i + MAX_WRAP && end < lines.length; end++) {
    const part = lines[end].text.trim();
    if (part === '' || (end > i && lines[end].quoted)) return undefined;
    joined = joined ? `${joined} ${part}` : part;
    const found = attribution(joined);
    if (found) {
      const next = nextNonBlank(lines, end + 1);
      const quoteBelow = next === undefined || lines[next].quoted;
      const trusted = (found.date || found.email) && quoteBelow;
      return trusted || (found.date && found.email)
        ? { start: i, end, text: joined }
        : undefined;
    }
  }
  return undefined;
}

/** "-----Original Message-----" and the forward banners, with the header block below. */
function bannerAt(lines: QuoteLine[], i: number): SeparatorLine | undefined {
  if (!banner(lines[i].text)) return undefined;
  const first = nextNonBlank(lines, i + 1);
  const end =
    first !== undefined && first <= i + 3 ? headersEnd(lines, first) : i;
  return { start: i, end: Math.max(i, end), text: lines[i].text.trim() };
}

// The last of the header lines from `first` on; Apple Mail quotes them with "> ".
function headersEnd(lines: QuoteLine[], first: number): number {
  const last = Math.min(lines.length, first + MAX_HEADERS) - 1;
  let end = first - 1;
  while (
    end < last &&
    headerLine(lines[end + 1].text.replace(/^\s*(?:>\s?)+/, ''))
  ) {
    end++;
  }
  return end;
}

/** Outlook's "From: … Sent: … To: … Subject: …", with the underscore line above it. */
function headerBlockSeparatorAt(
  lines: QuoteLine[],
  i: number,
): SeparatorLine | undefined {
  if (isUnderscoreLine(lines[i].text)) {
    const from = nextNonBlank(lines, i + 1);
    return from !== undefined && from <= i + 2 && isHeaderBlock(lines, from)
      ? { start: i, end: headersEnd(lines, from), text: lines[i].text.trim() }
      : undefined;
  }
  return isHeaderBlock(lines, i)
    ? { start: i, end: headersEnd(lines, i), text: lines[i].text.trim() }
    : undefined;
}

/**
 * A From line with at least two more header lines (Sent/Date, To, Subject,
 * Cc) right below it: a single "From: my manager" sentence is not a block.
 */
export function isHeaderBlock(lines: QuoteLine[], i: number): boolean {
  const from = headerLine(lines[i].text);
  if (from?.kind !== 'from' || from.value === '') return false;
  const kinds = new Set<string>();
  const last = Math.min(lines.length, i + 1 + HEADER_BLOCK_LINES);
  for (let j = i + 1; j < last; j++) {
    const header = headerLine(lines[j].text);
    if (header && header.kind !== 'from') kinds.add(header.kind);
  }
  return kinds.size >= 2;
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
  const first = lines[start].text.replace(/^\s*(?:>\s?)+/, '').trim();
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
