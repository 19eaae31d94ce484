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
import {
  findSeparators,
  firstFreshLine,
  freshUnquotedFrom,
  SeparatorLine,
  separatorLines,
} from './separators';

/** An HTML body split into what is new and the quoted history. */
export interface SplitHtml {
  /** The new part, the whole body when nothing was split off. */
  freshHtml: string;
  /** The quoted history as an HTML fragment, shown collapsed. */
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
 * Apple Mail, Thunderbird) or text separator that has something new above
 * it. The fresh part keeps the document's structure; the quoted part is the
 * cut-off nodes in order. Unsplit HTML comes back unchanged.
 */
export function splitQuotedHtml(
  html: string,
  options: SplitQuotedOptions = {},
): SplitHtml {
  const doc = parseHtml(html);
  const index = indexHtml(doc);
  if (index.depth > MAX_DEPTH) return { freshHtml: html };
  const separators = findSeparators(index.lines, options.extraSeparators);
  const taken = separatorLines(index.lines, separators);
  const bounds: Bounds = {
    firstFresh: index.lines[firstFreshLine(index.lines, taken)]?.pos,
    freshBelow: freshUnquotedFrom(index.lines),
  };
  const cuts = cutsOf(doc, index, separators).slice(0, MAX_CUTS);
  for (const candidate of cuts) {
    const cut = candidate.offset
      ? candidate
      : { ...candidate, node: lift(candidate.node, index) };
    if (usable(cut, index, bounds)) return split(doc, cut);
  }
  return { freshHtml: html };
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
