/**
 * Prose fields (Markdown) → safe HTML through markdown-it: raw HTML off, images off
 * (they would load from elsewhere), no linkify, and only http(s), mailto and relative
 * links survive; any other link is printed as its text.
 */
import MarkdownIt from 'markdown-it';
import { trusted, type SafeHtml } from './html.ts';

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

export function isAllowedLink(url: string): boolean {
  // markdown-it has normalised the URL (percent-encoded, trimmed) before this call.
  const compact = url.replace(/[\u0000-\u0020\u007f]/g, '');
  const m = SCHEME.exec(compact);
  if (!m) return !compact.startsWith('//');
  const scheme = m[1]!.toLowerCase();
  return scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false, breaks: false });
md.disable(['image', 'html_block', 'html_inline']);
md.validateLink = isAllowedLink;

/** Block Markdown (paragraphs, lists) → HTML. */
export function renderMarkdown(text: string): SafeHtml {
  return trusted(md.render(text));
}

/** Inline Markdown (no paragraph wrapper), for text that continues a generated sentence. */
export function renderInline(text: string): SafeHtml {
  return trusted(md.renderInline(text));
}
