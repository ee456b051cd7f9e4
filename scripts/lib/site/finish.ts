/**
 * The site phase: everything after all booklets are built and checked, made from the
 * booklets' summaries alone (never a data file), so that a merge of shards, which only has
 * the shards' summaries, gives byte-identical output to one build.
 *
 *   summaries ─► siteData (sorted listings) ─► render.ts: home, listings, 404, sitemap, feed,
 *               assets ─► booklets.json ─► _schema/ ─► fonts.ts: assets/fonts/
 *               ─► search.ts: pagefind/ (read from the booklet pages already in staging)
 *
 * A listing, 部门 index or unit page is written only when its model (with what every such page
 * shows: the settings, the filter links and their counts) differs from the one its page in the
 * previous build was made from (options.previous, kept in the build manifest); otherwise that
 * page is hard-linked from the previous build. The model hash covers everything the page's
 * template reads, so the result is the same bytes as rendering it again; a change of one data
 * file rewrites the pages that show one of its booklets, and a booklet that moves (a renamed
 * unit, a new year) rewrites the pages it left and the ones it joined. Home, 404, search,
 * sitemap and feed are always written (one page each).
 *
 * PDF printing and SHA256SUMS come after it, in build-site.ts.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { carry, sha256 } from '../util/files.ts';
import type { DocumentKind } from '../model/schema.ts';
import { renderSitePages } from './render.ts';
import { writeFonts } from './fonts.ts';
import { searchPage, writeSearchIndex, type SearchResult } from './search.ts';
import type { BookletSummary, SiteConfig, SiteData } from './model.ts';
import { byCodePoint, portal, type UnitPage } from './portal.ts';
import { openDataCsv, openDataJson } from './open-data.ts';
import { barChart, type ChartDatum } from '../charts/render.ts';

export interface FinishOptions {
  /** Draw the site pages' charts (false for a quick preview, as --no-charts). */
  charts: boolean;
  /**
   * On-disk chart cache (SVG by content hash, charts/render.ts), e.g. <root>/.cache/charts: a
   * unit page's charts change only with its booklets' figures, so a rebuild after one changed file
   * draws a handful instead of every unit's (≈6 per unit, ~10,000 at 10,000 booklets).
   */
  chartCacheDir?: string;
  /** Cache of the search index's page records and buckets (default <root>/.cache/search). */
  searchCacheDir?: string;
  /** sha256 of the booklet pages by path (FileOutcome.sums): their search records are looked up without reading them. */
  pageSums?: ReadonlyMap<string, string>;
  /** The previous build's folder and the model hash of each of its paginated site pages (FinishResult.pages). */
  previous?: { dir: string; pages: Readonly<Record<string, string>> };
}

/** What finishSite did that a caller reports (npm run bench). */
export interface FinishResult {
  /** The search index: its pages and buckets, how many were indexed (not from the cache), and its milliseconds. */
  search: SearchResult & { ms: number };
  /** The model hash of every listing, 部门 index and unit page, by path (for the next build's `previous`). */
  pages: Record<string, string>;
  /** Those pages written this time; the others were kept from the previous build. */
  rendered: string[];
}

const KIND_ORDER: Record<DocumentKind, number> = { budget: 0, final: 1 };

/** The summaries in the site's order: year descending, then unit name, 预算 before 决算. */
export function sortSummaries(all: readonly BookletSummary[]): BookletSummary[] {
  return [...all].sort(
    (a, b) => b.year - a.year || byCodePoint(a.unitName, b.unitName) || byCodePoint(a.unitId, b.unitId) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
}

/** The site pages' data: the sorted summaries and the portal's pages (made once per build: it is the costly part). */
export function siteData(site: SiteConfig, all: BookletSummary[]): SiteData {
  const summaries = sortSummaries(all);
  return { site, booklets: [], summaries, portal: portal(site, summaries) };
}

/** booklets.json: the machine-readable index (paths relative to the site root). */
export function bookletsJson(data: SiteData): string {
  const entries = data.summaries.map((s) => ({
    unit: s.unitName,
    unitCode: s.unitCode ?? null,
    unitId: s.unitId,
    year: s.year,
    kind: s.kind,
    level: s.level,
    title: s.title,
    publishedDate: s.publishedDate,
    html: s.paths.html,
    pdf: s.paths.pdf,
    data: s.paths.data,
  }));
  return JSON.stringify(entries, null, 2) + '\n';
}

/**
 * The site-level pages and files, from the booklets' summaries only (never the data files):
 * listings, home, 404, sitemap, feed, booklets.json, _schema, fonts/assets, the search index
 * (from the booklet pages, which must be in staging already). Called by
 * buildSite and by the shard merge; gives byte-identical output from the same summaries
 * (in any order: siteData sorts them).
 */
export async function finishSite(root: string, staging: string, site: SiteConfig, summaries: BookletSummary[], options: FinishOptions): Promise<FinishResult> {
  const data = siteData(site, summaries);
  const p = data.portal;
  // What a page shows besides its own model: the settings (layouts/base.njk), and on listings the
  // filter links with their counts (components/filter-nav.njk), on unit pages the 部门 index's path.
  const common = { site, charts: options.charts };
  const withFilters = sha256(JSON.stringify({ ...common, years: p.years, kinds: p.kinds, regions: p.regions, departmentsIndex: p.departmentsIndex }));
  const withIndexPath = sha256(JSON.stringify({ ...common, departmentsIndex: p.departmentsIndex.path }));
  const pages: Record<string, string> = {};
  const rendered: string[] = [];
  const changed = <T extends { path: string }>(template: string, shared: string, items: T[]): T[] =>
    items.filter((item) => {
      const hash = sha256(`${template}\0${shared}\0${JSON.stringify(item)}`);
      pages[item.path] = hash;
      const previous = options.previous;
      if (previous && previous.pages[item.path] === hash && existsSync(join(previous.dir, item.path))) {
        carry(join(previous.dir, item.path), join(staging, item.path));
        return false;
      }
      rendered.push(item.path);
      return true;
    });
  // Hashed before the charts are attached: a unit page's charts follow from its figures.
  const only = {
    listingPages: changed('listing', withFilters, p.listingPages),
    departmentPages: changed('departments', withFilters, p.departmentPages),
    unitPages: changed('unit', withIndexPath, p.unitPages),
  };
  if (options.charts) for (const u of only.unitPages) await attachCharts(u, options.chartCacheDir);
  await renderSitePages(root, staging, data, only);
  writeFileSync(join(staging, 'booklets.json'), bookletsJson(data));
  mkdirSync(join(staging, 'open-data'), { recursive: true });
  writeFileSync(join(staging, 'open-data/main-figures.csv'), openDataCsv(data.summaries));
  writeFileSync(join(staging, 'open-data/main-figures.json'), openDataJson(data.summaries));
  mkdirSync(join(staging, '_schema'), { recursive: true });
  copyFileSync(join(root, 'data/_schema/unit-year.schema.json'), join(staging, '_schema/unit-year.schema.json'));
  await writeFonts(root, staging);
  const t0 = performance.now();
  const search = await writeSearchIndex(staging, data.summaries.map(searchPage), {
    cacheDir: options.searchCacheDir ?? join(root, '.cache/search'),
    ...(options.pageSums ? { sums: options.pageSums } : {}),
  });
  return { search: { ...search, ms: performance.now() - t0 }, pages, rendered };
}

/**
 * A unit page's small charts, one per main figure (vega-lite → SVG at build time, charts/render.ts):
 * the figure in every booklet that gives it, in year order. Drawn when at least two booklets give it.
 */
async function attachCharts(u: UnitPage, cacheDir: string | undefined): Promise<void> {
  const { columns, series } = u.figures;
  const charts: NonNullable<UnitPage['charts']> = [];
  for (const s of series) {
    const data: ChartDatum[] = s.values.flatMap((v, i) => (v === null ? [] : [{ label: columns[i]!.label, value: v }]));
    if (data.length < 2) continue;
    const chart = await barChart({ id: `chart-years-${s.id}`, title: `${s.label}（万元）`, unit: '万元', horizontal: false, data, ...(cacheDir !== undefined ? { cacheDir } : {}) });
    charts.push({ title: `${s.label}（万元）`, ...chart });
  }
  if (charts.length) u.charts = charts;
}
