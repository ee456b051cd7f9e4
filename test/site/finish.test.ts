/**
 * The site phase (finish.ts) works from the booklets' summaries alone: given the summaries a
 * real build returned, in another order, it writes the same site-level files byte for byte
 * (what the shard merge relies on).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, loadSiteConfig } from '../../scripts/lib/site/build-site.ts';
import { finishSite } from '../../scripts/lib/site/finish.ts';
import { chartStats, clearChartCache } from '../../scripts/lib/charts/index.ts';
import type { BookletSummary } from '../../scripts/lib/site/model.ts';
import { filesUnder } from '../../scripts/lib/util/files.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-finish-'));
const out = join(tmp, 'site');
let summaries: BookletSummary[] = [];

test.before(async () => {
  const r = await buildSite({ root, outDir: out, threads: 1, pdf: false, incremental: false, manifestPath: join(tmp, 'manifest.json') });
  assert.ok(r.ok, `构建失败：${r.failure}`);
  summaries = r.summaries;
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

/** A folder holding the build's booklet pages, as staging does before the site phase (the search index reads them). */
function withBooklets(dir: string): string {
  for (const s of summaries) cpSync(join(out, s.paths.html), join(dir, s.paths.html));
  return dir;
}

test('finishSite from the summaries alone (reversed) writes the build’s site-level files byte for byte', async () => {
  const alone = withBooklets(join(tmp, 'alone'));
  await finishSite(root, alone, loadSiteConfig(root), [...summaries].reverse(), { charts: true });
  const written = filesUnder(alone);
  for (const f of ['index.html', '404.html', 'search.html', 'sitemap.xml', 'feed.xml', 'booklets.json', '_schema/unit-year.schema.json', 'pagefind/buckets.json']) {
    assert.ok(written.includes(f), `finishSite writes ${f}`);
  }
  // No booklet page, CSV or data file: those come from the booklets' own phase.
  assert.not.ok(written.some((f) => f.endsWith('.json') && /^[^_/][^/]*\/\d{4}(-final)?\.json$/.test(f)), 'no data file copied');
  for (const f of written) {
    if (!readFileSync(join(alone, f)).equals(readFileSync(join(out, f)))) assert.unreachable(`${f} differs from the build's`);
  }
});

test('unit-page charts come from the chart cache the second time: the same pages, nothing drawn again', async () => {
  const cacheDir = join(tmp, 'charts');
  const first = withBooklets(join(tmp, 'cached-1'));
  const second = withBooklets(join(tmp, 'cached-2'));
  clearChartCache();
  await finishSite(root, first, loadSiteConfig(root), summaries, { charts: true, chartCacheDir: cacheDir });
  const drawn = chartStats().renders;
  assert.ok(drawn > 0, 'the bundled units with two booklets or more have charts');
  assert.ok(filesUnder(cacheDir).length >= drawn, 'each chart drawn is kept on disk');
  // A fresh process has no memory cache: only the disk can serve the charts.
  clearChartCache();
  await finishSite(root, second, loadSiteConfig(root), summaries, { charts: true, chartCacheDir: cacheDir });
  assert.is(chartStats().renders, 0, 'no chart drawn again');
  assert.ok(chartStats().diskHits >= drawn);
  const pages = filesUnder(first).filter((f) => f.endsWith('/index.html'));
  assert.ok(pages.length > 0);
  for (const f of filesUnder(first)) {
    if (!readFileSync(join(first, f)).equals(readFileSync(join(second, f)))) assert.unreachable(`${f} differs when its charts come from the cache`);
  }
});

test('finishSite reports its search index: every bucket indexed into an empty cache, none from a full one', async () => {
  const cacheDir = join(tmp, 'search');
  const options = { charts: false, searchCacheDir: cacheDir };
  const cold = await finishSite(root, withBooklets(join(tmp, 'search-1')), loadSiteConfig(root), summaries, options);
  assert.is(cold.search.pages, summaries.length);
  assert.ok(cold.search.buckets >= 1);
  assert.is(cold.search.indexed, cold.search.buckets);
  assert.ok(cold.search.ms > 0);
  const warm = await finishSite(root, withBooklets(join(tmp, 'search-2')), loadSiteConfig(root), summaries, options);
  assert.equal({ pages: warm.search.pages, buckets: warm.search.buckets, indexed: warm.search.indexed }, { pages: summaries.length, buckets: cold.search.buckets, indexed: 0 });
});

test.run();
