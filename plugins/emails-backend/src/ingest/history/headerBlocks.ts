/*
 * Quoted header blocks: Outlook's "From: … Sent: … To: … Subject: …", the
 * headers under a forward banner, Hotmail's "Date: … Subject: … From: …".
 */
import { headerLine, stripQuotePrefix } from './patterns';

/** A line as the header-block readers need it. */
export interface TextLine {
  text: string;
}

// How far below its first line a header block may still run.
const HEADER_BLOCK_LINES = 6;
// More header lines than a quoted header block ever has: bounds the work.
const MAX_HEADERS = 12;

/** The last of the header lines from `first` on; Apple Mail quotes them with "> ". */
export function headersEnd(lines: TextLine[], first: number): number {
  const last = Math.min(lines.length, first + MAX_HEADERS) - 1;
  let end = first - 1;
  while (end < last && headerLine(stripQuotePrefix(lines[end + 1].text))) {
    end++;
  }
  return end;
}

/**
 * A From (or Date) line with at least two more kinds of header line (Sent,
 * To, Subject, Cc) right below it and a From among them: a single "From: my
 * manager" sentence is not a block.
 */
export function isHeaderBlock(lines: TextLine[], i: number): boolean {
  const first = headerLine(lines[i].text);
  if (!first || first.value === '') return false;
  if (first.kind !== 'from' && first.kind !== 'date') return false;
  const kinds = new Set<string>([first.kind]);
  const last = Math.min(lines.length, i + 1 + HEADER_BLOCK_LINES);
  for (let j = i + 1; j < last; j++) {
    const header = headerLine(lines[j].text);
    if (header) kinds.add(header.kind);
  }
  return kinds.has('from') && kinds.size >= 3;
}
