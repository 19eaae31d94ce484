/*
 * Scores a reply splitter on the reply corpus in ../__fixtures__/corpus: how
 * many replies come out trimmed to exactly what the person wrote, and
 * whether any written line went missing. Used by the corpus test and by
 * `npm run bench`; any splitter (ours or a library's) can be scored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseHtml } from '../dom';
import { indexHtml } from '../htmlLines';
import { splitQuotedText } from '../quoted';
import { splitQuotedHtml } from '../quotedHtml';

/** One corpus case: a message body and what its author wrote. */
export interface ReplyCase {
  name: string;
  html: boolean;
  input: string;
  /** Exactly what the person wrote, as plain text. */
  expected: string;
}

/** What a splitter made of a body: HTML in, HTML out. */
export interface ReplySplit {
  fresh: string;
  quoted?: string;
}

/** Splits one body into the new part and the collapsed part. */
export type ReplySplitter = (body: string, html: boolean) => ReplySplit;

/** The verdict on one case. */
export interface CaseScore {
  name: string;
  exact: boolean;
  /** Lines of the input found neither in the new nor in the collapsed part. */
  lost: string[];
  /** The new part as compared, normalised. */
  actual: string;
  expected: string;
}

/** The verdict on the corpus. */
export interface CorpusScore {
  exact: number;
  total: number;
  ratio: number;
  /** Cases that lost a line a person wrote. */
  lossy: number;
  cases: CaseScore[];
}

/** Our own split in the scorer's shape. */
export const ourReplySplitter: ReplySplitter = (body, html) => {
  if (!html) return splitQuotedText(body);
  const split = splitQuotedHtml(body);
  return { fresh: split.freshHtml, quoted: split.quotedHtml };
};

/** The corpus folder beside this module. */
export const REPLY_CORPUS_DIR = path.join(
  __dirname,
  '..',
  '__fixtures__',
  'corpus',
);

/** Reads every `<name>.txt|.html.txt` with its `<name>.expected.txt`. */
export function loadReplyCorpus(dir = REPLY_CORPUS_DIR): ReplyCase[] {
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.expected.txt'))
    .sort()
    .map(f => {
      const name = f.slice(0, -'.expected.txt'.length);
      // HTML bodies end in .html.txt, so that formatters leave their bytes alone.
      const html = fs.existsSync(path.join(dir, `${name}.html.txt`));
      const input = fs.readFileSync(
        path.join(dir, `${name}.${html ? 'html.txt' : 'txt'}`),
        'utf8',
      );
      const expected = fs.readFileSync(path.join(dir, f), 'utf8');
      return { name, html, input, expected };
    });
}

/** The text of HTML as a reader sees it, one rendered line per line. */
export function visibleText(html: string): string {
  return indexHtml(parseHtml(html))
    .lines.map(l => l.text)
    .filter(t => t !== '')
    .join('\n');
}

/**
 * Text as compared: no trailing spaces, no leading or trailing blank lines,
 * runs of blank lines as one; for HTML, spaces collapsed and no blank lines.
 */
export function normalizeText(text: string, html = false): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(l => (html ? l.replace(/\s+/g, ' ').trim() : l.trimEnd()));
  const kept = html
    ? lines.filter(l => l !== '')
    : lines.filter((l, i) => l !== '' || lines[i - 1] !== '');
  return kept.join('\n').trim();
}

function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map(l => l.replace(/\s+/g, ' ').trim())
    .filter(l => l !== '');
}

/** Scores one case. */
export function scoreCase(c: ReplyCase, splitter: ReplySplitter): CaseScore {
  const split = splitter(c.input, c.html);
  const show = (s: string) => (c.html ? visibleText(s) : s);
  const fresh = show(split.fresh);
  const quoted = split.quoted ? show(split.quoted) : '';
  const actual = normalizeText(fresh, c.html);
  const expected = normalizeText(c.expected, c.html);
  const kept = new Set([...linesOf(fresh), ...linesOf(quoted)]);
  const lost = linesOf(show(c.input)).filter(l => !kept.has(l));
  return { name: c.name, exact: actual === expected, lost, actual, expected };
}

/** Scores a splitter on every case. */
export function scoreCorpus(
  cases: ReplyCase[],
  splitter: ReplySplitter,
): CorpusScore {
  const scored = cases.map(c => scoreCase(c, splitter));
  const exact = scored.filter(s => s.exact).length;
  return {
    exact,
    total: scored.length,
    ratio: scored.length ? exact / scored.length : 0,
    lossy: scored.filter(s => s.lost.length > 0).length,
    cases: scored,
  };
}
