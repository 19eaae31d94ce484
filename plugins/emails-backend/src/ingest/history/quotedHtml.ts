import {
  HtmlDocument,
  detachFrom,
  HtmlNode,
  insertAfter,
  isElement,
  isText,
  parseHtml,
  renderHtml,
} from './dom';
import {
  firstLineFrom,
  hasContentBetween,
  HtmlIndex,
  indexHtml,
} from './htmlLines';
import { quoteMarkers } from './htmlMarkers';
import { SplitQuotedOptions } from './quoted';
import { answersOnlyHtml, freshUnquotedFrom } from './answersHtml';
import {
  answersBelowQuotes,
  findSeparators,
  firstFreshLine,
  SeparatorLine,
  separatorLines,
  signatureLines,
  stopLines,
} from './separators';

/** An HTML body split into what is new and the quoted history. */
export interface SplitHtml {
  /**
   * The new part, the whole body when nothing was split off; empty when the
   * body is nothing but quotes and signature.
   */
  freshHtml: string;
  /**
   * The collapsed part: history and signature below the new part, or the
   * whole body when answers were written between quotes.
   */
  quotedHtml?: string;
}

/** What the fresh and trailing checks need, computed once per body. */
interface Bounds {
  /** Position of the first new line; undefined when nothing is new. */
  firstFresh?: number;
  /** Per line index, whether new unquoted lines follow. */
  freshBelow: boolean[];
}

interface Cut {
  node: HtmlNode;
  /** Where in a preformatted text node the history begins. */
  offset: number;
  /** The quote that must end the message for the cut to count. */
  mustTrail?: HtmlNode;
}

// dom-serializer renders recursively: a tree nested deeper than this (only
// hostile mail is) is returned whole rather than risk the call stack.
const MAX_DEPTH = 1000;
const PAGE = new Set(['body', 'html']);
// Candidates tried before giving up: real mail has a handful.
const MAX_CUTS = 100;

/**
 * Splits an HTML reply at the first client quote markup (Gmail, Outlook,
 * Apple Mail, Thunderbird), text separator or signature that has something
 * new above it. The fresh part keeps the document's structure; the quoted
 * part is the cut-off nodes in order. Answers written between quotes become
 * the fresh part with the whole body collapsed. Unsplit HTML comes back
 * unchanged.
 */
export function splitQuotedHtml(
  html: string,
  options: SplitQuotedOptions = {},
): SplitHtml {
  const doc = parseHtml(html);
  const index = indexHtml(doc);
  if (index.depth > MAX_DEPTH) return { freshHtml: html };
  const { lines } = index;
  const separators = findSeparators(lines, options.extraSeparators);
  const taken = separatorLines(lines, separators);
  const signatures = signatureLines(lines, separators);
  const first = firstFreshLine(lines, taken, signatures);
  if (first === lines.length) {
    const nothingNew = lines.some(l => l.quoted || l.signature);
    return nothingNew
      ? { freshHtml: '', quotedHtml: html }
      : { freshHtml: html };
  }
  const stops = stopLines(lines, separators);
  const bounds: Bounds = {
    firstFresh: lines[first].pos,
    freshBelow: freshUnquotedFrom(lines, taken, stops),
  };
  const from = historyStart(doc, index, separators);
  const cut = firstUsableCut(doc, index, separators, bounds);
  if (answersBelowQuotes(lines, from, taken, stops)) {
    const freshHtml = answersOnlyHtml(doc, index, separators, stops);
    return { freshHtml, quotedHtml: html };
  }
  return cut ? split(doc, cut) : { freshHtml: html };
}

// The first line of history (quote markup or a separator, not a signature):
// answers count from there, so a quote inside the new part stays in it. A
// plain blockquote alone is no history: people quote an error message with
// it. Without history, there are no answers to look for.
function historyStart(
  doc: HtmlDocument,
  index: HtmlIndex,
  separators: SeparatorLine[],
): number {
  const markers = quoteMarkers(doc, index)
    .filter(m => !m.signature)
    .map(m => firstLineFrom(index, index.order.get(m.node)!));
  const texts = separators.filter(s => !s.signature).map(s => s.start);
  return Math.min(index.lines.length, ...markers, ...texts);
}

function firstUsableCut(
  doc: HtmlDocument,
  index: HtmlIndex,
  separators: SeparatorLine[],
  bounds: Bounds,
): Cut | undefined {
  const cuts = cutsOf(doc, index, separators).slice(0, MAX_CUTS);
  for (const candidate of cuts) {
    const cut = candidate.offset
      ? candidate
      : { ...candidate, node: lift(candidate.node, index) };
    if (usable(cut, index, bounds)) return cut;
  }
  return undefined;
}

function cutsOf(
  doc: HtmlDocument,
  index: HtmlIndex,
  separators: SeparatorLine[],
): Cut[] {
  const fromMarkup: Cut[] = quoteMarkers(doc, index).map(m => ({
    ...m,
    offset: 0,
  }));
  // A bare blockquote at the end is no history in HTML: Gmail's indent
  // button writes one. Only one under an attribution counts.
  const fromText: Cut[] = separators
    .filter(s => s.text)
    .map(s => {
      const line = index.lines[s.start];
      const inside = isText(line.node) && line.node.data.slice(0, line.offset);
      return {
        node: line.node,
        offset: inside && inside.trim() ? line.offset : 0,
      };
    });
  return [...fromMarkup, ...fromText].sort(
    (a, b) => position(a, index) - position(b, index),
  );
}

/**
 * Climbs from a separator to the outermost element it opens, so that the
 * wrapper goes with the history instead of staying behind empty.
 */
function lift(node: HtmlNode, index: HtmlIndex): HtmlNode {
  let current = node;
  while (
    current.parent &&
    isElement(current.parent) &&
    !PAGE.has(current.parent.name) &&
    !hasContentBetween(
      index,
      index.order.get(current.parent)!,
      index.order.get(current)! - 1,
    )
  ) {
    current = current.parent;
  }
  return current;
}

// Something new above, something quoted below, and nothing new after a
// quote that has to end the message.
function usable(cut: Cut, index: HtmlIndex, bounds: Bounds): boolean {
  const start = position(cut, index);
  if (bounds.firstFresh === undefined || bounds.firstFresh >= start) {
    return false;
  }
  if (firstLineFrom(index, start) === index.lines.length) return false;
  if (!cut.mustTrail) return true;
  // iOS Mail splits one quote over sibling blockquotes: only unquoted lines
  // below make it an inline reply.
  const end = index.last.get(cut.mustTrail)! + 1;
  return !bounds.freshBelow[firstLineFrom(index, end)];
}

function position(cut: Cut, index: HtmlIndex): number {
  const order = index.order.get(cut.node)!;
  return isText(cut.node) && cut.offset
    ? order + cut.offset / (cut.node.data.length + 1)
    : order;
}

function split(doc: HtmlDocument, cut: Cut): SplitHtml {
  let start = cut.node;
  if (cut.offset && isText(start)) {
    const tail = start.cloneNode();
    tail.data = start.data.slice(cut.offset);
    start.data = start.data.slice(0, cut.offset);
    insertAfter(start, tail);
    start = tail;
  }
  const ancestors: HtmlNode[] = [];
  for (let p = start.parent; p && isElement(p); p = p.parent) {
    ancestors.push(p);
  }
  const moved = [
    ...detachFrom(start, true),
    ...ancestors.flatMap(a => detachFrom(a, false)),
  ];
  return { freshHtml: renderHtml(doc), quotedHtml: renderHtml(moved) };
}
