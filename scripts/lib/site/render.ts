/**
 * Rendering. Booklet pages and print documents (templates/booklet.njk, templates/print.njk) are
 * rendered by Nunjucks directly, in chunks (in worker threads for large builds, see
 * build-site.ts), with an environment configured as .eleventy.js configures Eleventy's and
 * compiled once per thread: a new Eleventy run per chunk cost more than the pages themselves
 * (its start-up and a fresh compile of every template, about 12 ms a booklet). The site pages
 * (home, listings, 404, sitemap) come from one Eleventy run over the rest of templates/, which
 * ignores those two (.eleventy.js). Templates get only view models, never a data file.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Eleventy from '@11ty/eleventy';
import nunjucks from 'nunjucks';
import type { BookletView } from '../booklet/model.ts';
import { filters, NUNJUCKS_OPTIONS } from './filters.ts';
import type { SiteConfig, SiteData } from './model.ts';
import type { Portal } from './portal.ts';

async function run(root: string, input: string, outDir: string, data: Record<string, unknown>): Promise<void> {
  const elev = new Eleventy(input, outDir, {
    quietMode: true,
    configPath: join(root, '.eleventy.js'),
    config(cfg) {
      for (const [k, v] of Object.entries(data)) cfg.addGlobalData(k, v);
    },
  });
  // The build prints its own summary and reports errors itself (in Chinese).
  elev.disableLogger();
  await elev.write();
}

/** Size and modification time of every file under templates/: an edited template (npm run serve) gets a fresh environment. */
function templatesStamp(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        parts.push(`${p}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return parts.join('\n');
}

let env: { key: string; env: nunjucks.Environment } | undefined;

/** This thread's Nunjucks environment for `root`'s templates (options and filters as in .eleventy.js). */
function environment(root: string): nunjucks.Environment {
  const dir = join(root, 'templates');
  const key = `${root}\n${templatesStamp(dir)}`;
  if (env?.key !== key) {
    const e = new nunjucks.Environment(new nunjucks.FileSystemLoader([join(dir, '_includes'), dir]), { ...NUNJUCKS_OPTIONS });
    for (const [name, fn] of Object.entries(filters)) e.addFilter(name, fn as (...args: unknown[]) => unknown);
    env = { key, env: e };
  }
  return env.env;
}

/** One page per booklet from `template` to `pathOf(booklet)`; `page.url` as Eleventy gives it ("/a/b.html"). */
function renderEach(root: string, template: string, outDir: string, site: SiteConfig, booklets: BookletView[], pathOf: (b: BookletView) => string): void {
  const e = environment(root);
  const seen = new Set<string>();
  for (const booklet of booklets) {
    const path = pathOf(booklet);
    // Two booklets on one page would silently keep the second (Eleventy refused them).
    if (seen.has(path)) throw new Error(`两本公开册的网页都是 ${path}`);
    seen.add(path);
    let html: string;
    try {
      html = e.render(template, { site, booklet, page: { url: `/${path}` } });
    } catch (err) {
      throw new Error(`生成 ${path} 时模板 templates/${template} 出错`, { cause: err });
    }
    const out = join(outDir, path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, html);
  }
}

/** Booklet pages only: templates/booklet.njk for each of `booklets`, to its paths.html. */
export async function renderBooklets(root: string, outDir: string, site: SiteConfig, booklets: BookletView[]): Promise<void> {
  renderEach(root, 'booklet.njk', outDir, site, booklets, (b) => b.paths.html);
}

/**
 * Print documents only: templates/print.njk for each of `booklets`, to its `paths.print` (a
 * hidden folder of the build that the PDF printer reads and the build removes before publishing).
 */
export async function renderPrintDocuments(root: string, outDir: string, site: SiteConfig, booklets: BookletView[]): Promise<void> {
  renderEach(root, 'print.njk', outDir, site, booklets, (b) => b.paths.print);
}

/** The paginated site pages written in a run (the templates paginate over `rendered`, the sitemap lists all of `portal`'s). */
export type RenderedPages = Pick<Portal, 'listingPages' | 'departmentPages' | 'unitPages'>;

/**
 * Every other page (and the static assets): the whole templates/ folder but the booklet and
 * print templates. Of the listing, 部门 index and unit pages, only `only`'s (default: all):
 * finish.ts keeps the others from the previous build when their models are unchanged.
 */
export function renderSitePages(root: string, outDir: string, data: SiteData, only?: RenderedPages): Promise<void> {
  const { listingPages, departmentPages, unitPages } = only ?? data.portal;
  return run(root, join(root, 'templates'), outDir, { ...data, booklets: [], rendered: { listingPages, departmentPages, unitPages } });
}
