/**
 * Eleventy runs. Booklet pages are rendered in chunks (in worker threads for large builds,
 * see build-site.ts) from templates/booklet.njk alone; the site pages (home, listings, 404,
 * sitemap) in one final run over the summaries. Eleventy gets only view models as global
 * data, never a data file.
 */
import { join } from 'node:path';
import Eleventy from '@11ty/eleventy';
import type { BookletView } from '../booklet/model.ts';
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

const EMPTY_LISTINGS = { summaries: [], units: [], years: [], kinds: [] };

/** Booklet pages only: templates/booklet.njk over `booklets`. */
export function renderBooklets(root: string, outDir: string, site: SiteConfig, booklets: BookletView[]): Promise<void> {
  return run(root, join(root, 'templates/booklet.njk'), outDir, { site, booklets, ...EMPTY_LISTINGS });
}

/**
 * Print documents only: templates/print.njk over `booklets`, each to `paths.print` (a hidden
 * folder of the build that the PDF printer reads and the build removes before publishing).
 */
export function renderPrintDocuments(root: string, outDir: string, site: SiteConfig, booklets: BookletView[]): Promise<void> {
  return run(root, join(root, 'templates/print.njk'), outDir, { site, booklets, ...EMPTY_LISTINGS });
}

/** The paginated site pages written in a run (the templates paginate over `rendered`, the sitemap lists all of `portal`'s). */
export type RenderedPages = Pick<Portal, 'listingPages' | 'departmentPages' | 'unitPages'>;

/**
 * Every other page (and the static assets): the whole templates/ folder with no booklets. Of the
 * listing, 部门 index and unit pages, only `only`'s (default: all): finish.ts keeps the others
 * from the previous build when their models are unchanged.
 */
export function renderSitePages(root: string, outDir: string, data: SiteData, only?: RenderedPages): Promise<void> {
  const { listingPages, departmentPages, unitPages } = only ?? data.portal;
  return run(root, join(root, 'templates'), outDir, { ...data, booklets: [], rendered: { listingPages, departmentPages, unitPages } });
}
