/**
 * The site's search index (Pagefind), written into the build folder after every booklet page
 * is there: `pagefind/0/` (Pagefind's search script, its worker and the first bucket's index),
 * `pagefind/1/` … (further buckets) and `pagefind/buckets.json` (their folders), which
 * `assets/search.js` merges in the browser. Nothing is fetched from elsewhere.
 *
 *   booklet page ── sha256 ── .cache/search/records/<hash>.json (hit) ─┐
 *        │ miss: the text inside data-pagefind-body, minus ignored     │
 *        └─ parts, charts, figures and 科目 codes ─────────────────────┤
 *   records ── bucket by the unit's id ── .cache/search/buckets/<key>/ (hit) ── pagefind/<i>/
 *                                           │ miss: Pagefind indexes that bucket alone
 *
 * Why buckets: Pagefind has no incremental mode and its cost grows faster than the number of
 * pages (500 booklets ≈ 18 s here, 2,000 ≈ 150 s), so one index over 10,000 booklets could never
 * rebuild in seconds. Booklets are split by a stable hash of their unit into buckets of a few
 * hundred; one changed file re-indexes one bucket, the rest come from the cache unchanged.
 * Each bucket's files depend only on its records, so the same site gives the same bytes
 * whether it was built at once, incrementally or from shards.
 *
 * Why our own text extraction (custom records instead of Pagefind's HTML reader): a booklet
 * page is mostly numbers and chart SVG; reading only names and sentences makes Pagefind's
 * work (Chinese word segmentation above all) several times smaller.
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

/** Booklets per bucket the bucket count aims at (see the header comment). */
const BUCKET_TARGET = 400;
/**
 * Table cells left out of the index: figures, and 科目 and unit codes (2101101), which no one
 * types into a search box and which would fill a result's excerpt; the 科目 name is its own cell.
 */
const UNSEARCHED_CELL = /\bdata-table__cell--(amount|count|percent|code)\b/;
/**
 * Part of every record's cache key, with the page's bytes: raise it whenever extractText reads
 * a page differently (2: code cells left out), or records cached before would come back unchanged.
 */
const EXTRACTION_VERSION = 2;
/** Files of Pagefind's bundle the site serves (the rest are its own UIs, unused here). */
const BUNDLE_SCRIPTS = ['pagefind.js', 'pagefind-worker.js'];
const LANGUAGE = 'zh-cn';

// Part of every bucket's cache key: another Pagefind writes another index. (Its package.json is
// not exported, so it is found next to the module's entry point, lib/index.js.)
const PAGEFIND_VERSION = (JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), '../package.json'), 'utf8')) as { version: string }).version;

/**
 * The record of one built page: the text inside its `data-pagefind-body` element, without
 * elements marked `data-pagefind-ignore`, SVG, figure cells and code cells. Undefined for a page without a body.
 * (Meta and filters come from the booklet's summary, not from attributes: a name in an attribute
 * would be one more place where a unit's text meets markup.)
 */
export function extractText(html: string): string | undefined {
  let depth = 0; // open elements inside the body (0: outside it)
  let skipFrom = 0; // depth at which an ignored subtree began (0: none)
  let found = false;
  let line = '';
  const seen = new Set<string>();
  const lines: string[] = [];
  const flush = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    line = '';
    if (text && !seen.has(text)) {
      seen.add(text);
      lines.push(text);
    }
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
        if (!skipFrom && ('data-pagefind-ignore' in attrs || name === 'svg' || UNSEARCHED_CELL.test(attrs.class ?? ''))) skipFrom = depth;
      },
      ontext(text) {
        if (depth && !skipFrom) line += text;
      },
      onclosetag(name) {
        if (!depth || VOID.has(name)) return;
        flush();
        if (skipFrom === depth) skipFrom = 0;
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
  const unit = url.split('/')[0] ?? url;
  return parseInt(sha256(unit).slice(0, 8), 16) % buckets;
}

/** The page's text, from the cache when the page's bytes were read before (by this extraction). */
function cachedText(cacheDir: string, html: Buffer): string | undefined {
  const path = join(cacheDir, 'records', `${sha256(Buffer.concat([Buffer.from(`${EXTRACTION_VERSION}\0`), html]))}.json`);
  if (existsSync(path)) {
    try {
      return (JSON.parse(readFileSync(path, 'utf8')) as { text: string | null }).text ?? undefined;
    } catch {
      // a damaged cache entry is only read again
    }
  }
  const text = extractText(html.toString('utf8'));
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, JSON.stringify({ text: text ?? null }));
  return text;
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

/**
 * Writes `pagefind/` into `siteDir` for the given booklet pages (paths relative to it, meta from
 * their summaries: searchPage).
 * Buckets whose records are unchanged are copied from the cache.
 */
export async function writeSearchIndex(siteDir: string, pages: SearchPage[], options: SearchOptions): Promise<SearchResult> {
  const sorted = [...new Map(pages.map((p) => [p.url, p])).values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const records = sorted.flatMap((p): SearchRecord[] => {
    const content = cachedText(options.cacheDir, readFileSync(join(siteDir, p.url)));
    return content === undefined ? [] : [{ ...p, content }];
  });
  const count = bucketCount(records.length, options.bucketTarget);
  const buckets: SearchRecord[][] = Array.from({ length: count }, () => []);
  for (const r of records) buckets[bucketOf(r.url, count)]!.push(r);
  const outDir = join(siteDir, 'pagefind');
  rmSync(outDir, { recursive: true, force: true });
  let indexed = 0;
  let used = false;
  try {
    for (const [i, bucket] of buckets.entries()) {
      const key = sha256(`${PAGEFIND_VERSION}\0${i === 0 ? 'scripts' : ''}\0${JSON.stringify(bucket)}`);
      const cacheDir = join(options.cacheDir, 'buckets', key);
      const listPath = join(cacheDir, 'files.json');
      let files: string[];
      if (existsSync(listPath)) files = JSON.parse(readFileSync(listPath, 'utf8')) as string[];
      else {
        used = true;
        indexed++;
        const bundle = await indexBucket(bucket, i === 0);
        rmSync(cacheDir, { recursive: true, force: true });
        for (const f of bundle) {
          mkdirSync(dirname(join(cacheDir, f.path)), { recursive: true });
          writeFileSync(join(cacheDir, f.path), f.content);
        }
        files = bundle.map((f) => f.path).sort();
        // Written last: a bucket folder without its list is incomplete and is rebuilt.
        writeFileAtomic(listPath, JSON.stringify(files));
      }
      for (const f of files) {
        const to = join(outDir, String(i), f);
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(join(cacheDir, f), to);
      }
    }
  } finally {
    if (used) await (await import('pagefind')).close();
  }
  writeFileSync(join(outDir, 'buckets.json'), JSON.stringify({ pagefind: PAGEFIND_VERSION, buckets: buckets.map((_, i) => `${i}/`) }) + '\n');
  return { pages: records.length, buckets: count, indexed };
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
