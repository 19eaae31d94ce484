import {
  classesOf,
  HtmlDocument,
  HtmlElement,
  HtmlNode,
  isElement,
  isText,
} from './dom';
import { QuoteLine } from './separators';

/** A line of rendered HTML, with the node (and offset in a text node) it starts at. */
export interface HtmlLine extends QuoteLine {
  node: HtmlNode;
  offset: number;
  /** Document position of the line start, comparable with `HtmlIndex.order`. */
  pos: number;
}

/** The lines of an HTML document and the document position of every node. */
export interface HtmlIndex {
  lines: HtmlLine[];
  /** Pre-order position of each node. */
  order: Map<HtmlNode, number>;
  /** Position of the last node inside each node's subtree. */
  last: Map<HtmlNode, number>;
  /** Positions of the text nodes with visible text and of the images, ascending. */
  content: number[];
  /** Deepest element nesting met. */
  depth: number;
}

const BLOCKS = new Set(
  'address article aside blockquote center dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody tfoot thead tr ul'.split(
    ' ',
  ),
);
const HIDDEN = new Set(['head', 'script', 'style', 'template', 'title']);
const SIGNATURES = ['gmail_signature', 'moz-signature'];

class LineWalk {
  private readonly index: HtmlIndex = {
    lines: [],
    order: new Map(),
    last: new Map(),
    content: [],
    depth: 0,
  };
  private current?: HtmlLine;
  private quoteDepth = 0;
  private signatureDepth = 0;
  private preDepth = 0;

  /** Visits a node; returns whether its children are to be walked. */
  enter(node: HtmlNode, depth: number): boolean {
    this.index.order.set(node, this.index.order.size);
    this.index.depth = Math.max(this.index.depth, depth);
    if (isText(node)) {
      if (node.data.trim() !== '')
        this.index.content.push(this.index.order.size - 1);
      this.text(node.data, node);
      this.index.last.set(node, this.index.order.size - 1);
      return false;
    }
    if (!isElement(node) || HIDDEN.has(node.name)) {
      this.index.last.set(node, this.index.order.size - 1);
      return false;
    }
    this.toggle(node, 1);
    if (BLOCKS.has(node.name) || node.name === 'br') this.breakLine();
    if (node.name === 'img') {
      this.index.content.push(this.index.order.size - 1);
      this.append('', node, 0, true);
    }
    // Table cells of a row read as one line: "Subject: Printer".
    if (node.name === 'td' || node.name === 'th') this.append(' ', node, 0);
    return true;
  }

  leave(element: HtmlElement): void {
    this.toggle(element, -1);
    if (BLOCKS.has(element.name)) this.breakLine();
    this.index.last.set(element, this.index.order.size - 1);
  }

  finish(): HtmlIndex {
    this.breakLine();
    return this.index;
  }

  private toggle(element: HtmlElement, step: 1 | -1) {
    if (element.name === 'blockquote') this.quoteDepth += step;
    if (element.name === 'pre') this.preDepth += step;
    const classes = classesOf(element);
    const id = (element.attribs.id ?? '').toLocaleLowerCase('en-US');
    if (id === 'signature' || SIGNATURES.some(c => classes.includes(c))) {
      this.signatureDepth += step;
    }
  }

  // Only preformatted text breaks lines at newlines; elsewhere they are spaces.
  private text(data: string, node: HtmlNode) {
    if (this.preDepth === 0) {
      this.append(data, node, 0);
      return;
    }
    let offset = 0;
    data.split('\n').forEach((segment, i) => {
      if (i > 0) this.breakLine();
      this.append(segment, node, offset);
      offset += segment.length + 1;
    });
  }

  private append(text: string, node: HtmlNode, offset: number, image = false) {
    if (!this.current) {
      if (text.trim() === '' && !image) return;
      const lead = text.length - text.trimStart().length;
      const size = isText(node) ? node.data.length + 1 : 1;
      this.current = {
        text: '',
        // Plain text wrapped in <pre> quotes with "> " as in text mail.
        quoted:
          this.quoteDepth > 0 ||
          (this.preDepth > 0 && text.trimStart().startsWith('>')),
        signature: this.signatureDepth > 0,
        node,
        offset: offset + lead,
        pos: this.index.order.get(node)! + (offset + lead) / size,
      };
    }
    this.current.text += text;
    if (image) this.current.image = true;
  }

  private breakLine() {
    if (!this.current) return;
    this.current.text = this.current.text.replace(/\s+/g, ' ').trim();
    this.index.lines.push(this.current);
    this.current = undefined;
  }
}

/** Renders the document to lines as a reader would see them: blocks and `<br>` break lines. */
export function indexHtml(doc: HtmlDocument): HtmlIndex {
  const walk = new LineWalk();
  // An explicit stack: hostile mail nests elements deeper than the call stack.
  const stack: { node: HtmlNode; leave: boolean; depth: number }[] =
    doc.children.map(node => ({ node, leave: false, depth: 1 })).reverse();
  while (stack.length > 0) {
    const { node, leave, depth } = stack.pop()!;
    if (leave) {
      walk.leave(node as HtmlElement);
      continue;
    }
    const descend = walk.enter(node, depth);
    if (descend && isElement(node)) {
      stack.push({ node, leave: true, depth });
      for (let i = node.children.length - 1; i >= 0; i--) {
        stack.push({ node: node.children[i], leave: false, depth: depth + 1 });
      }
    }
  }
  return walk.finish();
}

/** Whether any visible text or image lies between two document positions, inclusive. */
export function hasContentBetween(
  index: HtmlIndex,
  from: number,
  to: number,
): boolean {
  const { content } = index;
  const i = lowerBound(content.length, j => content[j] < from);
  return i < content.length && content[i] <= to;
}

// The first index in [0, length) where `before` turns false; positions are ascending.
function lowerBound(length: number, before: (i: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (before(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the first line starting at or after a document position; `lines.length` when none. */
export function firstLineFrom(index: HtmlIndex, pos: number): number {
  return lowerBound(index.lines.length, i => index.lines[i].pos < pos);
}
