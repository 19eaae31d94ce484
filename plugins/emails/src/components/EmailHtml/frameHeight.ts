/**
 * Sizing an email frame to its content.
 *
 * The frame's sandbox has no allow-same-origin (nor allow-scripts), so the
 * portal cannot read the frame's document height, and the frame cannot report
 * it; loosening the sandbox for that would undo its protection. Instead the
 * portal lays out a stand-in built from the sanitised HTML: parsed inertly
 * (DOMParser runs no scripts and loads no images), then rebuilt from text
 * and bare block elements only (no attributes, no styles, no images), so
 * nothing of the mail's markup is ever live in the portal's page. Measured
 * hidden at the frame's width and font, it gives the height of the text; the
 * mail's own CSS can still differ, which the frame's scrollbar and resize
 * handle absorb.
 */

/** Blocks kept as themselves in the stand-in, for their default margins. */
const KEPT_BLOCKS = new Set([
  'P',
  'UL',
  'OL',
  'LI',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'PRE',
  'HR',
]);

/** Other elements that start a new line; everything else is inline. */
const BLOCKS = new Set(['DIV', 'TABLE', 'TR', 'SECTION', 'ARTICLE']);

function standInTag(tag: string): string {
  if (KEPT_BLOCKS.has(tag)) return tag.toLowerCase();
  return BLOCKS.has(tag) ? 'div' : 'span';
}

/** The frame's own look (emailDocument's FRAME_STYLE), for the stand-in. */
const FRAME_FONT =
  'position:absolute;visibility:hidden;left:-10000px;top:0;' +
  'box-sizing:border-box;padding:8px;font-family:sans-serif;font-size:14px;' +
  'overflow-wrap:anywhere';

/** The bounds of a frame: a one-line mail reads short, a long one scrolls. */
export const FRAME_MIN_HEIGHT = 48;

/** An image's height in the stand-in: its declared height, else a typical one. */
function imageHeight(image: Element): number {
  const declared = Number(image.getAttribute('height'));
  return Number.isFinite(declared) && declared > 0
    ? Math.min(declared, 600)
    : 160;
}

function copyInto(source: Node, target: HTMLElement): void {
  for (const node of Array.from(source.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) {
      target.append(document.createTextNode(node.textContent ?? ''));
    } else if (node instanceof Element) {
      const tag = node.tagName;
      if (tag === 'STYLE' || tag === 'HEAD' || tag === 'TITLE') continue;
      if (tag === 'BR') {
        target.append(document.createElement('br'));
      } else if (tag === 'IMG') {
        const box = document.createElement('div');
        box.style.height = `${imageHeight(node)}px`;
        target.append(box);
      } else {
        const copy = document.createElement(standInTag(tag));
        copyInto(node, copy);
        target.append(copy);
      }
    }
  }
}

/**
 * The stand-in of a sanitised email body: the same text and line structure,
 * with no attribute, style, link or image of the mail.
 */
export function layoutStandIn(sanitizedBody: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(sanitizedBody, 'text/html');
  const root = document.createElement('div');
  copyInto(parsed.body, root);
  return root;
}

/**
 * The height the frame needs for `sanitizedBody` at `width` pixels, measured
 * from its stand-in; undefined where nothing is laid out (no width, or a
 * page without layout).
 */
export function measureFrameHeight(
  sanitizedBody: string,
  width: number,
): number | undefined {
  if (width <= 0) return undefined;
  const host = layoutStandIn(sanitizedBody);
  host.setAttribute('style', `${FRAME_FONT};width:${width}px`);
  host.setAttribute('aria-hidden', 'true');
  document.body.append(host);
  try {
    return host.scrollHeight || undefined;
  } finally {
    host.remove();
  }
}
