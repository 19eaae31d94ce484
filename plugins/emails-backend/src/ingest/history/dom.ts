/*
 * The one place that imports the HTML parser: everything else in this folder
 * uses the types and helpers below.
 */
import { DomUtils, parseDocument } from 'htmlparser2';

type Guarded<T> = T extends (node: any) => node is infer U ? U : never;

/** A parsed HTML document. */
export type HtmlDocument = ReturnType<typeof parseDocument>;
/** Any node below the document. */
export type HtmlNode = HtmlDocument['children'][number];
/** An element node. */
export type HtmlElement = Guarded<typeof DomUtils.isTag>;
/** A text node. */
export type HtmlText = Guarded<typeof DomUtils.isText>;

/** Parses untrusted HTML leniently, as a browser would, into a tree. */
export function parseHtml(html: string): HtmlDocument {
  return parseDocument(html);
}

/** Serialises nodes back to HTML, leaving non-ASCII text as it is. */
export function renderHtml(nodes: HtmlDocument | HtmlNode[]): string {
  return DomUtils.getOuterHTML(nodes, { encodeEntities: 'utf8' });
}

/** Whether the node is an element. */
export const isElement = (node: HtmlNode): node is HtmlElement =>
  DomUtils.isTag(node);

/** Whether the node is a text node. */
export const isText = (node: HtmlNode): node is HtmlText =>
  DomUtils.isText(node);

/** The element's class names. */
export function classesOf(element: HtmlElement): string[] {
  return (element.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

/** All elements of the document in document order, without recursion. */
export function allElements(doc: HtmlDocument): HtmlElement[] {
  return DomUtils.findAll(() => true, doc);
}

/**
 * Detaches a node's later siblings, and the node itself when `inclusive`, in
 * one step: removing them one by one costs quadratic time on wide trees.
 */
export function detachFrom(node: HtmlNode, inclusive: boolean): HtmlNode[] {
  const siblings = node.parent?.children;
  if (!siblings) return inclusive ? [node] : [];
  const detached = siblings.splice(
    siblings.indexOf(node) + (inclusive ? 0 : 1),
  );
  const last = siblings[siblings.length - 1];
  if (last) last.next = null;
  for (const child of detached) child.parent = null;
  if (detached[0]) detached[0].prev = null;
  return detached;
}

/** Takes a node out of the document. */
export function removeNode(node: HtmlNode): void {
  DomUtils.removeElement(node);
}

/** Puts `next` right after `node` under the same parent. */
export function insertAfter(node: HtmlNode, next: HtmlNode): void {
  DomUtils.append(node, next);
}
