/**
 * A tiny DOM for asserting on rendered components: htmlparser2 (already installed with
 * Eleventy) parses the markup as a browser would tokenise it, so the tests look at
 * elements and attributes, not at strings.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element, Node as DomNode } from 'domhandler';

export type Node = DomNode;
export type El = Element;

export function parse(html: string): ReturnType<typeof parseDocument> {
  return parseDocument(html, { decodeEntities: true, lowerCaseAttributeNames: true });
}

export function isEl(node: Node): node is El {
  return DomUtils.isTag(node);
}

/** Every element under `root` (depth first, document order) matching `test`. */
export function all(root: { children: Node[] }, test: (el: El) => boolean): El[] {
  return DomUtils.findAll(test, root.children);
}

export function byTag(root: { children: Node[] }, name: string): El[] {
  return all(root, (el) => el.name === name);
}

export function byClass(root: { children: Node[] }, cls: string): El[] {
  return all(root, (el) => classes(el).includes(cls));
}

export function classes(el: El): string[] {
  return (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

export function text(node: Node | { children: Node[] }): string {
  return DomUtils.textContent(node as Node);
}

/** Element children only. */
export function kids(el: El, name?: string): El[] {
  return el.children.filter((n): n is El => isEl(n) && (!name || n.name === name));
}
