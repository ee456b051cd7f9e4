/**
 * Template filters, registered by .eleventy.js and by the component tests on a plain
 * Nunjucks environment, so both render alike.
 */
import { posix } from 'node:path';
import nunjucks from 'nunjucks';
import { escapeHtml, isSafeHtml } from '../booklet/html.ts';

/** Relative URL from the page at `fromUrl` ("/a/b.html") to a site path ("assets/site.css"). */
export function rel(target: string, fromUrl: string): string {
  const fromDir = posix.dirname(fromUrl.startsWith('/') ? fromUrl : '/' + fromUrl);
  const to = '/' + target.replace(/^\/+/, '');
  let r = posix.relative(fromDir, to);
  if (target.endsWith('/') && !r.endsWith('/')) r += '/';
  return r === '' ? './' : r;
}

/** Prints a SafeHtml value unescaped; anything else is escaped. */
function html(value: unknown): unknown {
  if (isSafeHtml(value)) return new nunjucks.runtime.SafeString(value.__html);
  return new nunjucks.runtime.SafeString(escapeHtml(value === undefined || value === null ? '' : String(value)));
}

export const filters: Record<string, (...args: never[]) => unknown> = { rel, html };
