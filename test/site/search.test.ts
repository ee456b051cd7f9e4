/**
 * The site's search (Pagefind, scripts/lib/site/search.ts and scripts/browser/search.js) on the
 * real build of data/, in Debian's Chromium: every two Han characters in a row of a unit's name
 * find that unit's booklets; a 类 or 款 name finds every booklet whose data has that 科目; the
 * header form is reached and submitted with the keyboard and results are links; search.html
 * has no axe violation with results shown, no CSP violation and asks for nothing elsewhere;
 * without JavaScript the form still leads to search.html, which says so and offers the
 * listings. The index is the same bytes from two builds, and the cache re-indexes only the
 * bucket whose page changed.
 *
 * Expectations come from the data files (names, 科目 codes) and the reference 科目 tables, so
 * the test holds for whatever units a user adds.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { buildSite } from '../../scripts/lib/site/build-site.ts';
import { bucketCount, bucketOf, bucketOrder, closeSearchIndexer, extractText, warmSearchBucket, writeSearchIndex } from '../../scripts/lib/site/search.ts';
import { serve, sitePaths, type Served } from './serve.ts';
import { AXE_URL, axeViolations, describeViolations } from './axe.ts';
import { tempFolders } from '../helpers/temps.ts';

const root = join(import.meta.dirname, '../..');
const temp = tempFolders(test);
const tmp = temp('gongkai-search-');
const siteA = join(tmp, 'a');
const siteB = join(tmp, 'b');

/** The results page lists at most this many booklets (scripts/browser/search.js MAX_RESULTS). */
const SHOWN = 50;

interface Doc {
  unitName: string;
  html: string;
  year: number;
  codes: string[];
}

/** Every document of data/, read from the files: its unit's name, page and 科目 codes. */
function bundled(): Doc[] {
  const data = join(root, 'data');
  const out: Doc[] = [];
  for (const unit of readdirSync(data).sort()) {
    if (unit.startsWith('_') || unit.startsWith('.') || !statSync(join(data, unit)).isDirectory()) continue;
    for (const name of readdirSync(join(data, unit)).sort()) {
      if (!/^\d{4}\.json$/.test(name)) continue;
      const file = JSON.parse(readFileSync(join(data, unit, name), 'utf8')) as {
        unit: { name: string };
        year: number;
        documents: Record<string, { expenditure?: Array<{ code: string }> }>;
      };
      for (const [kind, doc] of Object.entries(file.documents)) {
        out.push({ unitName: file.unit.name, html: `${unit}/${file.year}-${kind}.html`, year: file.year, codes: (doc.expenditure ?? []).map((r) => r.code) });
      }
    }
  }
  return out;
}

function sameTree(a: string, b: string, what: string): void {
  const fa = sitePaths(a);
  assert.equal(sitePaths(b), fa, `${what}: the same files`);
  for (const f of fa) {
    if (!readFileSync(join(a, f)).equals(readFileSync(join(b, f)))) assert.unreachable(`${what}: ${f} differs`);
  }
}

/** One string for a folder's file names and bytes. */
function digest(dir: string): string {
  return sitePaths(dir).map((f) => `${f}:${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')}`).join('\n');
}

let server: Served | undefined;
let browser: Browser | undefined;
const docs = bundled();

test.before(async () => {
  for (const [dir, cache] of [
    [siteA, 'cache-a'],
    [siteB, 'cache-b'],
  ] as const) {
    const r = await buildSite({ root, outDir: dir, threads: 1, pdf: false, incremental: false, searchCacheDir: join(tmp, cache), manifestPath: join(tmp, `${cache}.json`) });
    assert.ok(r.ok, `构建失败：${r.failure}`);
  }
  server = await serve(siteA, { [AXE_URL]: join(root, 'node_modules/axe-core/axe.min.js') });
  browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--font-render-hinting=none'], headless: true });
});

test.after(async () => {
  await browser?.close();
  await server?.close();
});

interface Watched {
  page: Page;
  problems: string[];
}

/** A page that records CSP violations, script errors and requests leaving the site. */
async function openPage(): Promise<Watched> {
  const page = await browser!.newPage();
  const w: Watched = { page, problems: [] };
  await page.setViewport({ width: 1280, height: 900 });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (msg) => {
    if (/CSP violation|Content Security Policy/i.test(msg.text())) w.problems.push(msg.text());
  });
  page.on('pageerror', (err) => w.problems.push(`脚本错误：${String(err)}`));
  // Recorded, not intercepted: Puppeteer's interception stalls the requests of Pagefind's web
  // worker. The page's CSP (default-src 'self') is what keeps the worker on the site.
  page.on('request', (req) => {
    if (!req.url().startsWith(server!.origin + '/')) w.problems.push(`站外请求：${req.url()}`);
  });
  return w;
}

/** Submits a query on search.html (already open) and returns the result links (site paths). */
async function query(page: Page, q: string): Promise<string[]> {
  await page.$eval('#search-q', (el, v) => ((el as HTMLInputElement).value = v), q);
  await page.$eval('#search-form', (f) => (f as HTMLFormElement).requestSubmit());
  await page.waitForFunction((v) => {
    const s = document.getElementById('search-status')!.textContent ?? '';
    return s.includes(`“${v}”`) && !s.startsWith('正在搜索');
  }, {}, q);
  return paths(page);
}

async function paths(page: Page): Promise<string[]> {
  const origin = server!.origin;
  const hrefs = await page.$$eval('#search-results a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
  return hrefs.map((h) => h.slice(origin.length + 1));
}

test('the bundled data has units and 科目 to look for', () => {
  assert.ok(docs.length >= 5);
  assert.ok(docs.every((d) => d.codes.length > 0), 'every document has expenditure rows');
});

test('every two Han characters in a row of a unit\'s name find that unit\'s booklet', async () => {
  const w = await openPage();
  const missed: string[] = [];
  try {
    await w.page.goto(`${server!.origin}/search.html`, { waitUntil: 'load' });
    for (const name of [...new Set(docs.map((d) => d.unitName))]) {
      const own = docs.filter((d) => d.unitName === name).map((d) => d.html);
      const chars = [...name];
      for (let i = 0; i + 2 <= chars.length; i++) {
        const fragment = chars[i]! + chars[i + 1]!;
        if (!/^\p{Script=Han}{2}$/u.test(fragment)) continue;
        const found = await query(w.page, fragment);
        if (!found.some((p) => own.includes(p))) missed.push(`“${fragment}”（${name}）：结果中没有 ${own.join('、')}`);
      }
    }
  } finally {
    await w.page.close();
  }
  assert.equal(missed, []);
  assert.equal(w.problems, []);
});

test('a 类 or 款 name finds every booklet whose data has that 科目', async () => {
  const byName = new Map<string, Set<string>>();
  for (const d of docs) {
    const ref = JSON.parse(readFileSync(join(root, `data/_reference/${d.year}.json`), 'utf8')) as { function: Record<string, string> };
    for (const code of d.codes) {
      const name = code.length <= 5 ? ref.function[code] : undefined;
      if (name) byName.set(name, (byName.get(name) ?? new Set()).add(d.html));
    }
  }
  const names = [...byName.keys()].filter((n) => byName.get(n)!.size <= SHOWN);
  assert.ok(names.length > 0);
  assert.ok(names.includes('社会保障和就业支出'), 'the seeds have 208 社会保障和就业支出');
  const w = await openPage();
  const missed: string[] = [];
  try {
    await w.page.goto(`${server!.origin}/search.html`, { waitUntil: 'load' });
    for (const name of names) {
      const found = await query(w.page, name);
      const absent = [...byName.get(name)!].filter((p) => !found.includes(p));
      if (absent.length) missed.push(`“${name}”：结果中没有 ${absent.join('、')}`);
    }
  } finally {
    await w.page.close();
  }
  assert.equal(missed, []);
});

test('keyboard: the header form is the third stop, Enter submits it, results are links that Enter opens', async () => {
  const w = await openPage();
  try {
    await w.page.goto(`${server!.origin}/index.html`, { waitUntil: 'load' });
    for (let i = 0; i < 3; i++) await w.page.keyboard.press('Tab');
    assert.is(await w.page.evaluate(() => document.activeElement?.id), 'site-search-q', 'skip link, site name, then the search box');
    const label = await w.page.$eval('#site-search-q', (el) => (el as HTMLInputElement).labels?.[0]?.textContent);
    assert.is(label, '搜索');
    const fragment = [...docs[0]!.unitName].slice(-4, -2).join('');
    await w.page.keyboard.type(fragment);
    await Promise.all([w.page.waitForNavigation({ waitUntil: 'load' }), w.page.keyboard.press('Enter')]);
    const url = new URL(w.page.url());
    assert.is(url.pathname, '/search.html');
    assert.is(url.searchParams.get('q'), fragment);
    await w.page.waitForSelector('#search-results a');
    assert.is(await w.page.$eval('#search-q', (el) => (el as HTMLInputElement).value), fragment, 'the query is shown in the form');
    const found = await paths(w.page);
    assert.ok(found.length > 0);
    // From the page's search box: the button, then the first result.
    await w.page.focus('#search-q');
    await w.page.keyboard.press('Tab');
    await w.page.keyboard.press('Tab');
    assert.is(await w.page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.closest('#search-results') !== null), true);
    await Promise.all([w.page.waitForNavigation({ waitUntil: 'load' }), w.page.keyboard.press('Enter')]);
    assert.is(w.page.url(), `${server!.origin}/${found[0]}`);
  } finally {
    await w.page.close();
  }
  assert.equal(w.problems, []);
});

test('search.html with results: axe finds nothing, no CSP violation, nothing from elsewhere', async () => {
  const w = await openPage();
  try {
    const name = docs[0]!.unitName;
    await w.page.goto(`${server!.origin}/search.html?q=${encodeURIComponent(name.slice(-4))}`, { waitUntil: 'load' });
    await w.page.waitForSelector('#search-results a');
    assert.is(await w.page.$eval('#search-nojs', (el) => (el as HTMLElement).hidden), true, 'the no-JavaScript note is hidden');
    const violations = await axeViolations(w.page);
    assert.ok(violations.length === 0, `search.html 有 ${violations.length} 类无障碍问题：\n${describeViolations(violations)}`);
  } finally {
    await w.page.close();
  }
  assert.equal(w.problems, []);
});

test('without JavaScript: the header form opens search.html, which says so and offers the listings', async () => {
  const w = await openPage();
  try {
    await w.page.setJavaScriptEnabled(false);
    await w.page.goto(`${server!.origin}/index.html`, { waitUntil: 'load' });
    await w.page.type('#site-search-q', '万里');
    await Promise.all([w.page.waitForNavigation({ waitUntil: 'load' }), w.page.keyboard.press('Enter')]);
    const url = new URL(w.page.url());
    assert.is(url.pathname, '/search.html');
    assert.is(url.searchParams.get('q'), '万里');
    const note = await w.page.$eval('#search-nojs', (el) => ({ shown: (el as HTMLElement).offsetParent !== null, text: el.textContent ?? '' }));
    assert.ok(note.shown, 'the note is shown');
    assert.match(note.text, /需要浏览器启用 JavaScript/);
    const listing = await w.page.$$eval('.filter-nav a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    assert.ok(listing.length > 0, 'the listings are linked');
    await w.page.goto(listing[0]!, { waitUntil: 'load' });
    const links = await w.page.$$eval('main a', (as) => as.map((a) => (a as HTMLAnchorElement).href.slice(location.origin.length + 1)));
    assert.ok(docs.some((d) => links.includes(d.html)), 'the first listing links booklets');
  } finally {
    await w.page.close();
  }
});

test('extractText leaves out code and figure cells, keeps the 科目 name beside them', () => {
  const html =
    '<main data-pagefind-body><table><tr><td class="data-table__cell data-table__cell--code">2101101</td>' +
    '<th scope="row" class="data-table__cell data-table__cell--text data-table__cell--indent-2">行政单位医疗</th>' +
    '<td class="data-table__cell data-table__cell--amount">12.34</td></tr></table></main>';
  assert.is(extractText(html), '行政单位医疗');
});

test('extractText leaves out the class code before a 科目 name in a name cell (profile numbering "code"), not digits elsewhere', () => {
  const html =
    '<main data-pagefind-body><table><tr><th scope="row" class="data-table__cell data-table__cell--text">201 一般公共服务支出</th>' +
    '<td class="data-table__cell data-table__cell--amount">12.34</td></tr>' +
    '<tr><th scope="row" class="data-table__cell data-table__cell--text">20805 行政事业单位养老支出</th></tr>' +
    '<tr><th scope="row" class="data-table__cell data-table__cell--text">2080505 机关事业单位基本养老保险缴费支出</th></tr></table>' +
    '<p>2024 年，全年安排因公出国（境）团组 0 个。</p></main>';
  assert.is(extractText(html), '一般公共服务支出\n行政事业单位养老支出\n机关事业单位基本养老保险缴费支出\n2024 年，全年安排因公出国（境）团组 0 个。');
});

test('extractText keeps a line only when it brings a word the page has not shown yet: every word once, in its sentence', () => {
  const html =
    '<main data-pagefind-body><h1>某区商务委员会2025年度部门预算</h1>' +
    '<table><tr><th class="data-table__cell data-table__cell--text">行政运行</th></tr><tr><th class="data-table__cell data-table__cell--text">机关服务</th></tr>' +
    '<tr><td class="data-table__cell data-table__cell--text">36.00</td></tr><tr><th class="data-table__cell data-table__cell--text">行政运行</th></tr></table>' +
    '<p>行政运行（项）2025年预算12.00万元，比上年增加1.00万元。</p>' +
    '<p>机关服务（项）2025年预算3.00万元，比上年增加1.00万元，增加原因主要是新增办公楼维修。</p>' +
    '<p>行政运行（项）2024年预算11.00万元，比上年增加2.00万元。</p></main>';
  assert.is(extractText(html), ['某区商务委员会2025年度部门预算', '行政运行', '机关服务', '行政运行（项）2025年预算12.00万元，比上年增加1.00万元。', '机关服务（项）2025年预算3.00万元，比上年增加1.00万元，增加原因主要是新增办公楼维修。'].join('\n'));
});

test('the index of each bundled booklet has its 类 and 款 names and none of its 科目 codes', () => {
  const problems: string[] = [];
  for (const d of docs) {
    const text = extractText(readFileSync(join(siteA, d.html), 'utf8')) ?? '';
    const lines = new Set(text.split('\n'));
    const ref = JSON.parse(readFileSync(join(root, `data/_reference/${d.year}.json`), 'utf8')) as { function: Record<string, string> };
    for (const code of d.codes) {
      if (lines.has(code) || lines.has(code.slice(0, 3))) problems.push(`${d.html}：索引中有科目编码 ${code}`);
      const name = code.length <= 5 ? ref.function[code] : undefined;
      if (name && !text.includes(name)) problems.push(`${d.html}：索引中没有 ${code} ${name}`);
    }
  }
  assert.equal(problems, []);
});

test('two builds (separate caches) write the same search index, byte for byte', () => {
  sameTree(join(siteA, 'pagefind'), join(siteB, 'pagefind'), 'pagefind/');
});

test('with the build\'s cache and the pages\' SHA-256, the index is written without reading a booklet page', async () => {
  const sums = new Map(
    readFileSync(join(siteA, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => [l.slice(66), l.slice(0, 64)] as [string, string]),
  );
  const pages = (JSON.parse(readFileSync(join(siteA, 'booklets.json'), 'utf8')) as Array<{ html: string; title: string }>).map((b) => ({ url: b.html, meta: { title: b.title }, filters: {} }));
  // An empty folder: a page read instead of its cached record would fail (no such file).
  const empty = join(tmp, 'no-pages');
  const result = await writeSearchIndex(empty, pages, { cacheDir: join(tmp, 'cache-a'), sums });
  assert.is(result.pages, pages.length);
});

test('the cache: an unchanged site re-indexes nothing; one changed page re-indexes its bucket only', async () => {
  const site = join(tmp, 'c');
  cpSync(siteA, site, { recursive: true });
  const pages = (JSON.parse(readFileSync(join(site, 'booklets.json'), 'utf8')) as Array<{ html: string; title: string }>).map((b) => ({ url: b.html, meta: { title: b.title }, filters: {} }));
  const cacheDir = join(tmp, 'cache-c');
  const options = { cacheDir, bucketTarget: 2 };
  const first = await writeSearchIndex(site, pages, options);
  assert.is(first.pages, pages.length);
  assert.ok(first.buckets > 1, 'several buckets');
  assert.is(first.indexed, first.buckets);
  const before = join(tmp, 'before');
  cpSync(join(site, 'pagefind'), before, { recursive: true });

  const again = await writeSearchIndex(site, pages, options);
  assert.is(again.indexed, 0);
  sameTree(before, join(site, 'pagefind'), 'from the cache');

  const page = join(site, pages[0]!.url);
  const html = readFileSync(page, 'utf8');
  const changed = html.replace('</h1>', '（修订）</h1>');
  assert.ok(changed !== html);
  writeFileSync(page, changed);
  const after = await writeSearchIndex(site, pages, options);
  assert.is(after.indexed, 1);
  const buckets = readdirSync(before).filter((b) => statSync(join(before, b)).isDirectory());
  const differing = buckets.filter((b) => digest(join(before, b)) !== digest(join(site, 'pagefind', b)));
  assert.equal(differing.length, 1, `only the changed page's bucket is new (changed: ${differing.join(', ')})`);
});

test('bucketOrder: for every bucket count, each bucket\'s files are one run, a folder\'s files in their order', () => {
  const files = Array.from({ length: 300 }, (_, i) => ({ unit: `unit-${i % 150}`, n: i }));
  const ordered = bucketOrder(files, (f) => f.unit);
  assert.is(ordered.length, files.length);
  for (let count = 1; count <= 256; count *= 2) {
    const runs = ordered.map((f) => bucketOf(`${f.unit}/2024-budget.html`, count)).filter((b, i, all) => i === 0 || all[i - 1] !== b);
    assert.is(new Set(runs).size, runs.length, `${count} buckets: each one run`);
  }
  for (const unit of ['unit-0', 'unit-77']) {
    const ns = ordered.filter((f) => f.unit === unit).map((f) => f.n);
    assert.equal(ns, [...ns].sort((a, b) => a - b), `${unit}: its files in their order`);
  }
});

test('buckets indexed ahead (warmSearchBucket, while booklets build) give the same index; a wrong bucket count only costs time', async () => {
  const pages = (JSON.parse(readFileSync(join(siteA, 'booklets.json'), 'utf8')) as Array<{ html: string; title: string }>).map((b) => ({ url: b.html, meta: { title: b.title }, filters: {} }));
  const cold = join(tmp, 'cold');
  const warm = join(tmp, 'warm');
  cpSync(siteA, cold, { recursive: true });
  cpSync(siteA, warm, { recursive: true });
  const count = bucketCount(pages.length, 2);
  assert.ok(count > 2, 'several buckets');
  const options = { cacheDir: join(tmp, 'cache-warm'), bucketTarget: 2 };
  // Every bucket ahead but one that has pages (an empty one's index may equal another empty one's),
  // and one bucket of a guess that was wrong.
  const skip = Math.max(...pages.map((p) => bucketOf(p.url, count)));
  for (let i = 0; i < count; i++) if (i !== skip) await warmSearchBucket(warm, pages, i, count, options);
  await warmSearchBucket(warm, pages, 1, count * 2, options);
  await closeSearchIndexer();
  const result = await writeSearchIndex(warm, pages, options);
  assert.is(result.buckets, count);
  assert.is(result.indexed, 1, 'only the bucket not indexed ahead');
  await writeSearchIndex(cold, pages, { cacheDir: join(tmp, 'cache-cold'), bucketTarget: 2 });
  sameTree(join(cold, 'pagefind'), join(warm, 'pagefind'), 'indexed ahead or not');
});

test.run();
