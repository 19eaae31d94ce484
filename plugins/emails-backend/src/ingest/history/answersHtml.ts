/*
 * HTML replies written below or between quotes: the answers are what the
 * person wrote, the whole body is the collapsed part.
 */
import {
  allElements,
  classesOf,
  detachFrom,
  HtmlDocument,
  HtmlNode,
  isElement,
  removeNode,
  renderHtml,
} from './dom';
import { HtmlIndex, HtmlLine } from './htmlLines';
import { isFresh, QuoteLine, SeparatorLine } from './separators';

// The elements clients wrap an attribution line in.
const ATTRIBUTION_CLASSES = ['moz-cite-prefix', 'gmail_attr'];

/**
 * Per line, whether an unquoted new line follows from there on before a
 * signature or unmarked history starts: answers written below a quote make
 * it an inline reply.
 */
export function freshUnquotedFrom(
  lines: QuoteLine[],
  taken: ReadonlySet<QuoteLine>,
  stops: ReadonlySet<QuoteLine>,
): boolean[] {
  const result = new Array<boolean>(lines.length + 1).fill(false);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (stops.has(line)) result[i] = false;
    else if (line.quoted) result[i] = result[i + 1];
    else result[i] = isFresh(line, taken) || result[i + 1];
  }
  return result;
}

/**
 * The document without its quotes, their attribution lines and what
 * follows the first signature or unmarked history: the answers alone.
 */
export function answersOnlyHtml(
  doc: HtmlDocument,
  index: HtmlIndex,
  separators: SeparatorLine[],
  stops: ReadonlySet<QuoteLine>,
): string {
  const stop = index.lines.find(l => stops.has(l));
  const attributions = separators
    .filter(s => s.text && !s.signature && !s.unmarked)
    .map(s => index.lines[s.start]);
  if (stop) cutFrom(stop);
  const quotes = allElements(doc).filter(
    e =>
      (e.name === 'blockquote' ||
        ATTRIBUTION_CLASSES.some(c => classesOf(e).includes(c))) &&
      !insideBlockquote(e),
  );
  for (const element of quotes) removeNode(element);
  for (const line of attributions) {
    if (line.offset === 0 && line.node.parent) removeNode(line.node);
  }
  return renderHtml(doc);
}

// Drops the line's node, its later siblings and those of its ancestors.
function cutFrom(line: HtmlLine) {
  const parent = line.node.parent;
  detachFrom(line.node, true);
  for (let p = parent; p && isElement(p); p = p.parent) {
    detachFrom(p, false);
  }
}

function insideBlockquote(node: HtmlNode): boolean {
  for (let p = node.parent; p && isElement(p); p = p.parent) {
    if (p.name === 'blockquote') return true;
  }
  return false;
}
