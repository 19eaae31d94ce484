import {
  allElements,
  classesOf,
  HtmlDocument,
  HtmlElement,
  HtmlNode,
  isElement,
} from './dom';
import { firstLineFrom, HtmlIndex } from './htmlLines';
import { headerLine } from './patterns';

/** An element where a client's quoted history begins. */
export interface QuoteMarker {
  node: HtmlNode;
  /**
   * The quote that must end the message for the marker to count: a
   * blockquote with answers written below it is an inline reply, not history.
   */
  mustTrail?: HtmlNode;
  /** A signature the client marked, not history. */
  signature?: boolean;
}

// Gmail wraps the attribution and the quote in div.gmail_quote (newer:
// .gmail_quote_container); Yahoo uses div.yahoo_quoted; Thunderbird wraps
// forwards in div.moz-forward-container.
const QUOTE_CLASSES = [
  'gmail_quote',
  'gmail_quote_container',
  'yahoo_quoted',
  'moz-forward-container',
];

const SIGNATURE_CLASSES = ['gmail_signature', 'moz-signature'];

// Outlook desktop draws a thin line above the quoted header block:
// <div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
const OUTLOOK_RULE = /border-top:\s*solid\s+#[0-9a-f]{6}\s+1(?:\.0)?pt/i;

/** The client markup that starts quoted history, in document order. */
export function quoteMarkers(
  doc: HtmlDocument,
  index: HtmlIndex,
): QuoteMarker[] {
  const found: QuoteMarker[] = [];
  for (const element of allElements(doc)) {
    const marker = markerOf(element, index);
    if (marker) found.push(marker);
  }
  return found;
}

function markerOf(
  element: HtmlElement,
  index: HtmlIndex,
): QuoteMarker | undefined {
  const classes = classesOf(element);
  const id = element.attribs.id;
  if (QUOTE_CLASSES.some(c => classes.includes(c))) return { node: element };
  // The signature a client marks goes with the history, not the answer.
  if (SIGNATURE_CLASSES.some(c => classes.includes(c))) {
    return { node: element, signature: true };
  }
  // Outlook on the web: an empty div#appendonsend, an <hr>, div#divRplyFwdMsg.
  if (id === 'appendonsend') return { node: element };
  if (id === 'divRplyFwdMsg') return { node: ruleAbove(element) ?? element };
  if (OUTLOOK_RULE.test(element.attribs.style ?? '')) {
    return startsWithFrom(element, index) ? { node: element } : undefined;
  }
  // Apple Mail and Thunderbird: blockquote type="cite"; Thunderbird puts
  // its attribution in div.moz-cite-prefix right above it.
  if (element.name === 'blockquote' && element.attribs.type === 'cite') {
    return { node: element, mustTrail: element };
  }
  if (classes.includes('moz-cite-prefix')) {
    return { node: element, mustTrail: nextElement(element) ?? element };
  }
  return undefined;
}

function ruleAbove(element: HtmlElement): HtmlNode | undefined {
  let previous = element.prev;
  while (previous && !isElement(previous)) previous = previous.prev;
  return previous && isElement(previous) && previous.name === 'hr'
    ? previous
    : undefined;
}

function nextElement(element: HtmlElement): HtmlElement | undefined {
  let next = element.next;
  while (next && !isElement(next)) next = next.next;
  return next && isElement(next) ? next : undefined;
}

// A bordered div is a quote header only when it reads "From: …": the same
// border also decorates signatures and newsletters.
function startsWithFrom(element: HtmlElement, index: HtmlIndex): boolean {
  const first = index.lines[firstLineFrom(index, index.order.get(element)!)];
  return (
    first !== undefined &&
    first.pos < index.last.get(element)! + 1 &&
    headerLine(first.text)?.kind === 'from'
  );
}
