/**
 * The site phase: everything after all booklets are built and checked, made from the
 * booklets' summaries alone (never a data file), so that a merge of shards, which only has
 * the shards' summaries, gives byte-identical output to one build.
 *
 *   summaries ─► siteData (sorted listings) ─► render.ts: home, listings, 404, sitemap, feed,
 *               assets ─► booklets.json ─► _schema/ ─► fonts.ts: assets/fonts/
 *
 * PDF printing and SHA256SUMS come after it, in build-site.ts.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentKind } from '../model/schema.ts';
import { renderSitePages } from './render.ts';
import { writeFonts } from './fonts.ts';
import type { BookletSummary, SiteConfig, SiteData } from './model.ts';

export interface FinishOptions {
  /** Draw the site pages' charts (false for a quick preview, as --no-charts). */
  charts: boolean;
}

const KIND_ORDER: Record<DocumentKind, number> = { budget: 0, final: 1 };
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function siteData(site: SiteConfig, all: BookletSummary[]): SiteData {
  const summaries = [...all].sort(
    (a, b) => b.year - a.year || byCodePoint(a.unitName, b.unitName) || byCodePoint(a.unitId, b.unitId) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
  const unitIds = [...new Set(summaries.map((s) => s.unitId))].sort(byCodePoint);
  const units = unitIds.map((unitId) => {
    const list = summaries.filter((s) => s.unitId === unitId);
    return { unitId, path: list[0]!.paths.unit, label: list[0]!.unitName, booklets: list };
  });
  const years = [...new Set(summaries.map((s) => s.year))]
    .sort((a, b) => b - a)
    .map((year) => ({ year, path: `years/${year}.html`, label: `${year}年`, booklets: summaries.filter((s) => s.year === year) }));
  const kinds = (['budget', 'final'] as const)
    .map((kind) => ({ kind, path: `kinds/${kind}.html`, label: kind === 'budget' ? '预算' : '决算', booklets: summaries.filter((s) => s.kind === kind) }))
    .filter((k) => k.booklets.length > 0);
  return { site, booklets: [], summaries, units, years, kinds };
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
 * listings, home, 404, sitemap, feed, booklets.json, _schema, fonts/assets. Called by
 * buildSite and by the shard merge; gives byte-identical output from the same summaries
 * (in any order: siteData sorts them).
 */
export async function finishSite(root: string, staging: string, site: SiteConfig, summaries: BookletSummary[], options: FinishOptions): Promise<void> {
  void options.charts;
  const data = siteData(site, summaries);
  await renderSitePages(root, staging, data);
  writeFileSync(join(staging, 'booklets.json'), bookletsJson(data));
  mkdirSync(join(staging, '_schema'), { recursive: true });
  copyFileSync(join(root, 'data/_schema/unit-year.schema.json'), join(staging, '_schema/unit-year.schema.json'));
  await writeFonts(root, staging);
}
