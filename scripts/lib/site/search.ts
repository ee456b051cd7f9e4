/**
 * The site's search index (Pagefind), written into the build folder after every booklet page
 * is there: `pagefind/0/` (Pagefind's search script, its worker and the first bucket's index),
 * `pagefind/1/` … (further buckets) and `pagefind/buckets.json` (their folders), which
 * `assets/search.js` merges in the browser. Nothing is fetched from elsewhere.
 *
 *   booklet page ── its sha256 ── .cache/search/records/<key>.json (hit) ─┐
 *        │ miss: the text inside data-pagefind-body, minus ignored        │
 *        └─ parts, charts, figures, 科目 codes and lines with no new word ─┤
 *   records ── bucket by the unit's id ── .cache/search/buckets/<key>/ (hit) ── pagefind/<i>/
 *                                           │ miss: Pagefind indexes that bucket alone
 *
 * The build's workers write each page's record as soon as the page is rendered (cacheRecord,
 * from build-chunk.ts, keyed by the page's sha256 the build records anyway), so writing the index
 * reads no booklet page unless its record is missing (a merge on a machine without the cache).
 * A large build also indexes each bucket as soon as its booklets are built (warmSearchBucket,
 * from build-site.ts), so Pagefind's process runs beside the build threads; this index step
 * then copies those buckets from the cache.
 *
 * Why buckets: Pagefind has no incremental mode and needs about 1.5 MB of memory per page while
 * it indexes, so one index over 10,000 booklets could neither rebuild in seconds nor fit in memory.
 * Booklets are split by a stable hash of their unit into buckets of at most BUCKET_TARGET; one
 * changed file re-indexes one bucket (a few dozen pages), the rest come from the cache unchanged.
 * Each bucket's files depend only on its records, so the same site gives the same bytes
 * whether it was built at once, incrementally or from shards. The browser merges the buckets
 * (scripts/browser/search.js): more buckets, more small requests per search.
 *
 * Why our own text extraction (custom records instead of Pagefind's HTML reader): Pagefind's
 * time (Chinese word segmentation, then the index) grows with the text it is given, about
 * 1.5 ms per 1,000 characters here. A booklet page is mostly numbers and chart SVG, and most of
 * its generated sentences repeat 科目 names and wording already on the page; reading only names
 * and sentences, and only the lines that bring a word the page has not shown yet, gives
 * Pagefind a fifth of the page's text with every word of it still findable.
 */
import { fileURLToPath } from 'node:url';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Parser } from 'htmlparser2';
import { sha256, writeFileAtomic } from '../util/files.ts';
import type { BookletSummary } from './model.ts';

/** A booklet page to index: its path and what a result shows of it (from its summary). */
export interface SearchPage {
  /** Page path relative to the site root ("putuo-wanli/2025-budget.html"). */
  url: string;
  /** What a result shows: title, unit, year, kind (scripts/browser/search.js). */
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** What Pagefind gets for one booklet page. */
export interface SearchRecord extends SearchPage {
  /** Names and sentences of the page, one per line, each once. */
  content: string;
}

export interface SearchOptions {
  /** Cache of page records and bucket indexes (default <root>/.cache/search). */
  cacheDir: string;
  /** sha256 of pages, by path, where the build knows them (FileOutcome.sums): those pages are read only when their record is missing. */
  sums?: ReadonlyMap<string, string>;
  /** Booklets per bucket to aim at (default BUCKET_TARGET; tests use a small one to get several buckets). */
  bucketTarget?: number;
}

export interface SearchResult {
  /** Booklet pages in the index. */
  pages: number;
  buckets: number;
  /** Buckets indexed this time (the others came from the cache). */
  indexed: number;
}

/**
 * Most booklets in a bucket (see the header comment): one changed file re-indexes 50–100 pages
 * (about a second), and 10,000 booklets make 128 buckets for the browser to merge.
 */
const BUCKET_TARGET = 100;
/**
 * Table cells left out of the index: figures, and 科目 and unit codes (2101101), which no one
 * types into a search box and which would fill a result's excerpt; the 科目 name is its own cell.
 */
const UNSEARCHED_CELL = /\bdata-table__cell--(amount|count|percent|code)\b/;
/** A table body cell (templates/_includes/components/data-table.njk). */
const TABLE_CELL = /\bdata-table__cell\b/;
/** A classification code before a 科目 name in a name cell ("201 一般公共服务支出", profile numbering "code"). */
const LEADING_CODE = /^\d{3}(?:\d{2}){0,2}\s+(?=\S)/;
/** A word of a line: a run of Han characters, or of Latin letters. */
const WORD = /\p{Script=Han}+|[A-Za-z]+/gu;
/**
 * Part of every record's cache key, with the page's hash: raise it whenever extractText reads
 * a page differently (2: code cells left out; 3: codes before names, lines without a new word),
 * or records cached before would come back unchanged.
 */
const EXTRACTION_VERSION = 3;
/** Files of Pagefind's bundle the site serves (the rest are its own UIs, unused here). */
const BUNDLE_SCRIPTS = ['pagefind.js', 'pagefind-worker.js'];
const LANGUAGE = 'zh-cn';

// Part of every bucket's cache key: another Pagefind writes another index. (Its package.json is
// not exported, so it is found next to the module's entry point, lib/index.js.)
const PAGEFIND_VERSION = (JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), '../package.json'), 'utf8')) as { version: string }).version;

/**
 * The record of one built page: the text inside its `data-pagefind-body` element, without
 * elements marked `data-pagefind-ignore`, SVG, figure cells, code cells and the code before a
 * name in a table cell, one line per element's text; a line is kept only when it has a word
 * (a run of Han characters or Latin letters) that no line before it had, so every word of the
 * page is in the record once, in a sentence of the page, and repeated wording and lines of
 * figures are not. Undefined for a page without a body.
 * (Meta and filters come from the booklet's summary, not from attributes: a name in an attribute
 * would be one more place where a unit's text meets markup.)
 */
export function extractText(html: string): string | undefined {
  let depth = 0; // open elements inside the body (0: outside it)
  let skipFrom = 0; // depth at which an ignored subtree began (0: none)
  let cellFrom = 0; // depth of the table cell the text is in (0: none)
  let found = false;
  let line = '';
  const words = new Set<string>();
  const lines: string[] = [];
  const flush = () => {
    let text = line.replace(/\s+/g, ' ').trim();
    line = '';
    if (cellFrom) text = text.replace(LEADING_CODE, '');
    let fresh = false;
    for (const w of text.match(WORD) ?? []) {
      if (words.has(w)) continue;
      words.add(w);
      fresh = true;
    }
    if (fresh) lines.push(text);
  };
  const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'col', 'source']);
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (VOID.has(name)) {
          if (depth) flush();
          return;
        }
        if (!depth) {
          if (!found && 'data-pagefind-body' in attrs) {
            found = true;
            depth = 1;
          }
          return;
        }
        depth++;
        flush();
        const cls = attrs.class ?? '';
        if (!skipFrom && ('data-pagefind-ignore' in attrs || name === 'svg' || UNSEARCHED_CELL.test(cls))) skipFrom = depth;
        if (!cellFrom && TABLE_CELL.test(cls)) cellFrom = depth;
      },
      ontext(text) {
        if (depth && !skipFrom) line += text;
      },
      onclosetag(name) {
        if (!depth || VOID.has(name)) return;
        flush();
        if (skipFrom === depth) skipFrom = 0;
        if (cellFrom === depth) cellFrom = 0;
        depth--;
      },
    },
    { decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  if (!found) return undefined;
  return lines.join('\n');
}

/** Bucket count for n pages: a power of two, so buckets split in halves as a site grows. */
export function bucketCount(pages: number, target = BUCKET_TARGET): number {
  let n = 1;
  while (pages / n > target) n *= 2;
  return n;
}

/** The bucket of a page: by its unit's folder, so a unit's years stay together. */
export function bucketOf(url: string, buckets: number): number {
  return unitHash(url.split('/')[0] ?? url) % buckets;
}

/** The number a unit's bucket is taken from: every booklet of a unit (its folder, its urls' first segment) lands in one bucket. */
function unitHash(unit: string): number {
  return parseInt(sha256(unit).slice(0, 8), 16);
}

/** Where the record of the page with this sha256 is cached. */
function recordPath(cacheDir: string, pageSha: string): string {
  return join(cacheDir, 'records', `${sha256(`${EXTRACTION_VERSION}\0${pageSha}`)}.json`);
}

function readRecord(path: string): { text: string | undefined } | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return { text: (JSON.parse(readFileSync(path, 'utf8')) as { text: string | null }).text ?? undefined };
  } catch {
    return undefined; // a damaged cache entry is only read again
  }
}

/**
 * Extracts a page's record into the cache (build-chunk.ts calls it in the worker that rendered
 * the page, so the extraction runs on every core and the index step reads no page).
 */
export function cacheRecord(cacheDir: string, html: Buffer, pageSha = sha256(html)): string | undefined {
  const path = recordPath(cacheDir, pageSha);
  const cached = readRecord(path);
  if (cached) return cached.text;
  const text = extractText(html.toString('utf8'));
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, JSON.stringify({ text: text ?? null }));
  return text;
}

/** The page's text, from the cache when a page with these bytes was read before (by this extraction). */
function pageText(cacheDir: string, siteDir: string, url: string, pageSha: string | undefined): string | undefined {
  if (pageSha !== undefined) {
    const cached = readRecord(recordPath(cacheDir, pageSha));
    if (cached) return cached.text;
  }
  return cacheRecord(cacheDir, readFileSync(join(siteDir, url)));
}

interface BundleFile {
  path: string;
  content: Uint8Array;
}

/** Pagefind over one bucket's records, in url order (its output depends on the order of adding). */
async function indexBucket(records: SearchRecord[], withScripts: boolean): Promise<BundleFile[]> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: LANGUAGE });
  if (!index) throw new Error(`搜索索引程序（Pagefind）无法启动：${errors.join('；')}`);
  try {
    for (const r of records) {
      const added = await index.addCustomRecord({ url: '/' + r.url, content: r.content, language: LANGUAGE, meta: r.meta, filters: r.filters });
      if (added.errors.length) throw new Error(`${r.url} 无法加入搜索索引：${added.errors.join('；')}`);
    }
    const out = await index.getFiles();
    if (out.errors.length) throw new Error(`搜索索引无法生成：${out.errors.join('；')}`);
    return out.files.filter((f) => {
      if (f.path.includes('/')) return true; // fragment/, index/, filter/: the index itself
      if (/\.(js|css)$/.test(f.path)) return withScripts && BUNDLE_SCRIPTS.includes(f.path);
      return true; // pagefind-entry.json, the pf_meta file, the wasm
    });
  } finally {
    await index.deleteIndex();
  }
}

/** The pages' records (one per url, in url order, each page's text from the cache when it is there). */
function recordsOf(siteDir: string, pages: SearchPage[], options: SearchOptions): SearchRecord[] {
  const sorted = [...new Map(pages.map((p) => [p.url, p])).values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return sorted.flatMap((p): SearchRecord[] => {
    const content = pageText(options.cacheDir, siteDir, p.url, options.sums?.get(p.url));
    return content === undefined ? [] : [{ ...p, content }];
  });
}

/**
 * The cached index of bucket `i` holding `bucket` (its records in url order), made by Pagefind
 * when not cached yet: its folder in the cache and the files in it. `indexed`: made this time.
 */
async function cachedBucket(bucket: SearchRecord[], i: number, options: SearchOptions): Promise<{ dir: string; files: string[]; indexed: boolean }> {
  const key = sha256(`${PAGEFIND_VERSION}\0${i === 0 ? 'scripts' : ''}\0${JSON.stringify(bucket)}`);
  const dir = join(options.cacheDir, 'buckets', key);
  const listPath = join(dir, 'files.json');
  if (existsSync(listPath)) return { dir, files: JSON.parse(readFileSync(listPath, 'utf8')) as string[], indexed: false };
  const bundle = await indexBucket(bucket, i === 0);
  rmSync(dir, { recursive: true, force: true });
  for (const f of bundle) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  const files = bundle.map((f) => f.path).sort();
  // Written last: a bucket folder without its list is incomplete and is rebuilt.
  writeFileAtomic(listPath, JSON.stringify(files));
  return { dir, files, indexed: true };
}

/**
 * Writes `pagefind/` into `siteDir` for the given booklet pages (paths relative to it, meta from
 * their summaries: searchPage).
 * Buckets whose records are unchanged are copied from the cache.
 */
export async function writeSearchIndex(siteDir: string, pages: SearchPage[], options: SearchOptions): Promise<SearchResult> {
  const records = recordsOf(siteDir, pages, options);
  const count = bucketCount(records.length, options.bucketTarget);
  const buckets: SearchRecord[][] = Array.from({ length: count }, () => []);
  for (const r of records) buckets[bucketOf(r.url, count)]!.push(r);
  const outDir = join(siteDir, 'pagefind');
  rmSync(outDir, { recursive: true, force: true });
  let indexed = 0;
  try {
    for (const [i, bucket] of buckets.entries()) {
      const b = await cachedBucket(bucket, i, options);
      if (b.indexed) indexed++;
      for (const f of b.files) {
        const to = join(outDir, String(i), f);
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(join(b.dir, f), to);
      }
    }
  } finally {
    if (indexed) await (await import('pagefind')).close();
  }
  writeFileSync(join(outDir, 'buckets.json'), JSON.stringify({ pagefind: PAGEFIND_VERSION, buckets: buckets.map((_, i) => `${i}/`) }) + '\n');
  return { pages: records.length, buckets: count, indexed };
}

/**
 * Indexes bucket `i` of `count` into the cache ahead of writeSearchIndex, from `pages`: every
 * page of the site in that bucket (build-site.ts calls it while the other booklets are still
 * being built, so Pagefind's process runs beside the build threads). writeSearchIndex then finds
 * it cached when its records turn out the same, and indexes it itself when they do not (a guess
 * of `count` that was wrong costs time, never a different index). True if Pagefind ran.
 */
export async function warmSearchBucket(siteDir: string, pages: SearchPage[], i: number, count: number, options: SearchOptions): Promise<boolean> {
  const bucket = recordsOf(siteDir, pages.filter((p) => bucketOf(p.url, count) === i), options);
  return (await cachedBucket(bucket, i, options)).indexed;
}

/** Ends Pagefind's process after warmSearchBucket. */
export async function closeSearchIndexer(): Promise<void> {
  await (await import('pagefind')).close();
}

/**
 * Files in an order that keeps every search bucket's files together for any bucket count
 * (`bucketOf` takes the low bits of the unit's hash; sorted by those bits reversed, each
 * bucket of 2^k is one run), the files of a unit folder in their given order.
 */
export function bucketOrder<T>(items: T[], unitOf: (item: T) => string): T[] {
  const key = (item: T) => {
    let h = unitHash(unitOf(item));
    let r = 0;
    for (let b = 0; b < 16; b++, h >>>= 1) r = (r << 1) | (h & 1);
    return r;
  };
  return items
    .map((item, i) => ({ item, i, k: key(item) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.item);
}

/** A booklet's page as the index lists it: the result's title and facts, and its filters. */
export function searchPage(s: BookletSummary): SearchPage {
  const level = s.level === 'department' ? '部门' : '单位';
  return {
    url: s.paths.html,
    meta: { title: s.title, unit: s.unitName, year: String(s.year), kind: s.kindZh },
    filters: { 年度: [`${s.year}年`], 类型: [s.kindZh], 层级: [level] },
  };
}
