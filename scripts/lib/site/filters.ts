/**
 * Template filters, registered by .eleventy.js and by the component tests on a plain
 * Nunjucks environment, so both render alike.
 */
import { posix } from 'node:path';
import nunjucks from 'nunjucks';
import { escapeHtml, isSafeHtml } from '../booklet/html.ts';
import type { HeaderCell, TocEntry } from '../booklet/model.ts';
import { numberSpace } from '../booklet/numbering.ts';

/**
 * Relative URL from the page at `fromUrl` to a site path ("assets/site.css").
 * `fromUrl` is Eleventy's page.url: "/a/b.html", or "/a/" for a page written to
 * "a/index.html" (the directory itself is then the base, not its parent).
 */
export function rel(target: string, fromUrl: string): string {
  const from = fromUrl.startsWith('/') ? fromUrl : '/' + fromUrl;
  const fromDir = from.endsWith('/') ? from : posix.dirname(from);
  const to = '/' + target.replace(/^\/+/, '');
  let r = posix.relative(fromDir, to);
  if (target.endsWith('/') && !r.endsWith('/')) r += '/';
  return r === '' ? './' : r;
}

/**
 * A site path as a link: relative to the page (the default, so pages work from disk),
 * or absolute under `base` when one is given (404.html, which a server shows at any
 * depth, and sitemap.xml, which must hold absolute URLs).
 */
export function siteUrl(target: string, fromUrl: string, base?: string): string {
  if (!base) return rel(target, fromUrl);
  return absUrl(target, base);
}

/** Booklets by publication date, newest first (undated last), then year, unit, 预算 before 决算. */
export function newestFirst<T extends { publishedDate: string | null; year: number; unitName: string; unitId: string; kind: string }>(list: T[]): T[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...list].sort(
    (a, b) =>
      cmp(b.publishedDate ?? '', a.publishedDate ?? '') || b.year - a.year || cmp(a.unitName, b.unitName) || cmp(a.unitId, b.unitId) || cmp(a.kind, b.kind),
  );
}

/** `target` (a site path) under the absolute base URL `base` ("https://x.example/dir/"). */
export function absUrl(target: string, base: string): string {
  const root = base.endsWith('/') ? base : base + '/';
  return new URL(target.replace(/^\/+/, ''), root).href;
}

/** "a/b-csv" + "01-summary.csv" → "a/b-csv/01-summary.csv" (one slash between). */
export function pathJoin(dir: string, name: string): string {
  if (!dir) return name;
  return dir.replace(/\/+$/, '') + '/' + name.replace(/^\/+/, '');
}

/** Number of columns of a table: the spans of its first header row (no cell above it can reach into it). */
export function columnCount(head: HeaderCell[][] | undefined): number {
  const first = head?.[0];
  if (!first || first.length === 0) return 1;
  return first.reduce((n, cell) => n + Math.max(1, cell.colspan ?? 1), 0);
}

export interface TocNode {
  anchor: string;
  text: string;
  children: TocNode[];
}

/**
 * The flat table of contents (levels 1-3) as a tree, so the template prints nested
 * lists; bookmark-only headings are not listed. A level deeper than its parent + 1 is
 * attached to the nearest shallower entry.
 */
export function tocTree(entries: TocEntry[] | undefined): TocNode[] {
  const roots: TocNode[] = [];
  const stack: Array<{ level: number; node: TocNode }> = [];
  for (const entry of entries ?? []) {
    if (entry.bookmarkOnly) continue;
    const node: TocNode = { anchor: entry.anchor, text: entry.text, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.level >= entry.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.node.children.push(node);
    else roots.push(node);
    stack.push({ level: entry.level, node });
  }
  return roots;
}

/** Prints a SafeHtml value unescaped; anything else is escaped. */
function html(value: unknown): unknown {
  if (isSafeHtml(value)) return new nunjucks.runtime.SafeString(value.__html);
  return new nunjucks.runtime.SafeString(escapeHtml(value === undefined || value === null ? '' : String(value)));
}

/** The Nunjucks options of every template: Eleventy's (.eleventy.js) and the booklet renderer's (render.ts). */
export const NUNJUCKS_OPTIONS = { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true } as const;

export const filters: Record<string, (...args: never[]) => unknown> = {
  rel,
  siteUrl,
  absUrl,
  newestFirst,
  pathJoin,
  columnCount,
  tocTree,
  html,
  numberSpace,
};
