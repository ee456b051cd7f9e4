/**
 * The site build: data files → check → booklet view models → Eleventy → swap into place.
 *
 *   data/*.json ─ unchanged since the last build (manifest)? ─ yes → link its pages from <out>
 *        │ no
 *        └─ chunks of files ─┬─ this thread (small builds)
 *                            └─ worker threads (build-worker.ts)
 *             each: check → buildBooklet (+charts) → Eleventy booklet pages, CSV, data JSON
 *                                                     → <out>.staging/
 *   all files' findings + cross-file rules ─✗→ stop: remove staging, <out> untouched
 *        │ ok
 *        ├─ finish.ts, from the booklets' summaries only: site pages (home, listings, 404,
 *        │  sitemap, feed, assets, fonts), booklets.json, schema
 *        ├─ PDFs of the booklets built this time: their print documents (<staging>/.print/)
 *        │  through one Chromium and a pool of pages (../pdf/) ─✗→ stop, <out> untouched
 *        ├─ SHA256SUMS of every published file (written last; `npm run publish` verifies it)
 *        └─ swap: <out> → <out>.previous, <out>.staging → <out>; write the manifest
 *
 * The manifest (.cache/build-manifest.json, outside the published folder) records each
 * file's hash, findings, summaries and outputs, under a hash of every input that is not
 * a data file (code, templates, styles, profiles, references, settings, lockfile): when
 * that changes, everything is rebuilt. A file whose bytes are unchanged keeps its pages,
 * so one edited file rebuilds in seconds; the result is byte-identical to a full build.
 */
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { finishCheck, listDataFiles } from '../check/check.ts';
import { countBySeverity, sortFindings, type Finding } from '../check/findings.ts';
import type { Library } from '../model/reference.ts';
import { readJsonBytes } from '../model/json.ts';
import { loadLibrary } from '../model/reference.ts';
import { siblingEntry, spawnTsWorker } from '../util/workers.ts';
import { buildChunk, relatedKey, type ChunkTask, type FileOutcome } from './build-chunk.ts';
import { carry, filesUnder, sha256 } from '../util/files.ts';
import { writeChecksums } from './checksums.ts';
import { writeFonts } from './fonts.ts';
import { finishSite, sortSummaries, type FinishResult } from './finish.ts';
import { bucketCount, bucketOf, bucketOrder, closeSearchIndexer, searchPage, warmSearchBucket, type SearchPage } from './search.ts';
import { shardOf, SHARD_RECORD, SHARD_RECORD_VERSION, type ShardRecord } from './shard-record.ts';
import { PrintError, PrintPool, type PrintJob, type PrintResult } from '../pdf/browser.ts';
import type { BookletSummary, SiteConfig } from './model.ts';

export interface BuildOptions {
  root: string;
  /** Output folder (default <root>/_site). */
  outDir?: string;
  /** Data files to build (default: every file in data/). */
  dataPaths?: string[];
  /** Render charts (default true). */
  charts?: boolean;
  /** Threads in all (default: the machine's cores); 1 = this thread only. */
  threads?: number;
  /** Reuse unchanged files' pages from the previous build (default true). */
  incremental?: boolean;
  /** Manifest location (default <root>/.cache/build-manifest.json). */
  manifestPath?: string;
  /** Print the PDFs (default true). */
  pdf?: boolean;
  /** PDF cache (default <root>/.cache/pdf). */
  pdfCacheDir?: string;
  /** The site pages' chart cache (default <root>/.cache/charts; finish.ts). */
  chartCacheDir?: string;
  /** Search index cache: page records and index buckets (default <root>/.cache/search). */
  searchCacheDir?: string;
  /** Pages printing at once (default: the machine's cores). */
  printPages?: number;
  /**
   * Preview build (npm run serve, scripts/serve.ts): each booklet page also shows its data
   * file's findings (./preview.ts). Never for publishing; give it its own outDir and manifest.
   */
  preview?: boolean;
  /**
   * Build only the `index`-th (1 … count) of `count` disjoint parts of the files (shard-record.ts
   * shardOf), with their PDFs, and no site pages: the part's folder gets a shard record instead,
   * and `npm run build -- --merge` (shard.ts) assembles the parts into the site.
   */
  shard?: { index: number; count: number };
}

export interface BuildResult {
  ok: boolean;
  /** Check findings plus what the booklet builders corrected. */
  findings: Finding[];
  /** Chinese reason when ok is false. */
  failure?: string;
  files: number;
  /** Files built this time (the rest were unchanged). */
  rebuilt: number;
  summaries: BookletSummary[];
  /** PDFs printed this time, and how many of them came from the cache unchanged. */
  printed: number;
  printCached: number;
  /** Requests the print documents made outside the build folder (blocked), as "booklet: url". */
  blocked: string[];
  /** Booklets Chromium printed smaller because something was wider than its page, as "booklet：why". */
  shrunk: string[];
  timings: Record<string, number>;
  /** The search index, when the site pages were written (not by a shard, nor a failed build). */
  search?: FinishResult['search'];
  /** Listing, 部门 index and unit pages written this time (the others kept from the previous build). */
  sitePages?: number;
}

export class SiteError extends Error {}

export { siteData, bookletsJson } from './finish.ts';
export { carry };

/** Files per chunk: one Eleventy run each; small enough to share out, large enough to amortise. */
const CHUNK = 25;
/** Below this many files to build, workers would not finish booting before this thread did alone. */
const PARALLEL_THRESHOLD = 40;
const MANIFEST_VERSION = 3;

export interface Manifest {
  version: number;
  tool: string;
  outDir: string;
  charts: boolean;
  pdf: boolean;
  files: Record<string, FileOutcome>;
  /** The model hash of each listing, 部门 index and unit page written (finish.ts): unchanged ones are kept next time. */
  sitePages?: Record<string, string>;
}

export function loadSiteConfig(root: string): SiteConfig {
  const path = join(root, 'data/_site/site.json');
  if (!existsSync(path)) throw new SiteError('找不到网站设置文件 data/_site/site.json（网站名称、主办单位、备案号等，见 README）');
  const parsed = readJsonBytes(readFileSync(path));
  const bad = parsed.issues.find((i) => i.severity === 'error');
  if (bad || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    throw new SiteError(`data/_site/site.json:${bad?.line ?? 1}:${bad?.column ?? 1} 网站设置文件有误：${bad?.message ?? '应为一个对象'}`);
  }
  const v = parsed.value as Record<string, unknown>;
  const known = ['siteName', 'host', 'siteCode', 'icp', 'police', 'footer', 'baseUrl', 'regions'];
  const unknown = Object.keys(v).find((k) => !known.includes(k));
  if (unknown) throw new SiteError(`data/_site/site.json /${unknown} 是不认识的设置（可用：${known.join('、')}）`);
  const str = (k: string): string => {
    const x = v[k] ?? '';
    if (typeof x !== 'string') throw new SiteError(`data/_site/site.json /${k} 应为文字，实际是 ${JSON.stringify(x)}`);
    return x;
  };
  const footer = v.footer ?? [];
  if (!Array.isArray(footer) || footer.some((x) => typeof x !== 'string')) throw new SiteError('data/_site/site.json /footer 应为文字列表');
  const baseUrl = str('baseUrl');
  if (baseUrl && !/^https?:\/\/\S+\/$/.test(baseUrl)) throw new SiteError(`data/_site/site.json /baseUrl 应为以 / 结尾的 http(s) 地址，实际是 ${baseUrl}`);
  return { siteName: str('siteName') || '预决算公开', host: str('host'), siteCode: str('siteCode'), icp: str('icp'), police: str('police'), footer: footer as string[], baseUrl, regions: regionsOf(v.regions) };
}

/** /regions: [{ "id": "putuo", "name": "上海市普陀区", "match": ["上海市普陀区"] }] (match optional). */
function regionsOf(value: unknown): SiteConfig['regions'] {
  if (value === undefined) return [];
  const where = 'data/_site/site.json /regions';
  if (!Array.isArray(value)) throw new SiteError(`${where} 应为地区列表，例如 [{ "id": "putuo", "name": "上海市普陀区" }]`);
  const ids = new Set<string>();
  return value.map((r: unknown, i) => {
    const at = `${where}/${i}`;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new SiteError(`${at} 应为一个对象（id、name，可选 match）`);
    const o = r as Record<string, unknown>;
    const extra = Object.keys(o).find((k) => !['id', 'name', 'match'].includes(k));
    if (extra) throw new SiteError(`${at}/${extra} 是不认识的设置（可用：id、name、match）`);
    if (typeof o.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(o.id)) throw new SiteError(`${at}/id 应为小写字母、数字和连字符（用作网页文件名），实际是 ${JSON.stringify(o.id)}`);
    if (ids.has(o.id)) throw new SiteError(`${at}/id “${o.id}”与前面的地区重复`);
    ids.add(o.id);
    if (typeof o.name !== 'string' || !o.name.trim()) throw new SiteError(`${at}/name 应为地区名称（文字），实际是 ${JSON.stringify(o.name)}`);
    const match = o.match ?? [o.name];
    if (!Array.isArray(match) || !match.length || match.some((m) => typeof m !== 'string' || !m)) throw new SiteError(`${at}/match 应为非空的文字列表（unit.region 的开头），实际是 ${JSON.stringify(o.match)}`);
    return { id: o.id, name: o.name, match: match as string[] };
  });
}

/** Hash of every input other than the data files: any change rebuilds everything. */
export function toolVersion(root: string): string {
  const under = (dir: string) => filesUnder(join(root, dir)).map((p) => `${dir}/${p}`);
  const inputs = [
    ...under('scripts'),
    ...under('templates'),
    ...under('styles'),
    ...['_profiles', '_reference', '_glossary', '_site', '_schema'].flatMap((d) => under(`data/${d}`)),
    '.eleventy.js',
    'package-lock.json',
  ].filter((p) => existsSync(join(root, p)));
  return inputs.reduce((acc, p) => sha256(acc + p + '\0' + sha256(readFileSync(join(root, p)))), sha256(''));
}

function readManifest(path: string, tool: string, outDir: string, charts: boolean, pdf: boolean): Manifest | undefined {
  if (!existsSync(path) || !existsSync(outDir)) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return m.version === MANIFEST_VERSION && m.tool === tool && m.outDir === outDir && m.charts === charts && m.pdf === pdf ? m : undefined;
  } catch {
    return undefined; // a damaged manifest only costs a full build
  }
}

interface Pending {
  resolve(outcomes: FileOutcome[]): void;
  reject(e: Error): void;
}

/**
 * Makes the search index's buckets while the booklets are still being built (search.ts
 * warmSearchBucket): Pagefind is a process of its own, so its work runs beside the build threads
 * instead of after them. Files come in bucket order (bucketOrder); a bucket is indexed as soon as
 * every file of its unit folders has its outcome, for the bucket count the booklets so far predict
 * (booklets per file × files). writeSearchIndex at the end finds those buckets in the cache, or
 * indexes what a wrong guess missed: the index is the same either way.
 */
class SearchWarmer {
  private count = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private started = new Set<number>();
  private used = false;
  private files = 0;
  private booklets = 0;
  /** Each folder's bucket for `count` (bucketOf hashes the unit name: once per count, not once per chunk). */
  private bucketOfFolder: number[] = [];

  constructor(
    private readonly staging: string,
    private readonly cacheDir: string,
    private readonly folders: string[],
    private readonly outcomes: Array<FileOutcome | undefined>,
  ) {}

  /** A chunk finished: its outcomes, for files `indexes` (of the build's paths). */
  done(outcomes: FileOutcome[], indexes: number[]): void {
    outcomes.forEach((o, j) => (this.outcomes[indexes[j]!] = o));
    for (const o of outcomes) {
      this.files++;
      this.booklets += o.summaries.length;
    }
    const count = bucketCount(Math.round((this.booklets / this.files) * this.folders.length));
    if (count !== this.count) {
      this.count = count;
      this.started = new Set();
      this.bucketOfFolder = this.folders.map((f) => bucketOf(f, count)); // a booklet's url starts with its unit folder's name
    }
    const waiting = new Set<number>();
    this.bucketOfFolder.forEach((b, i) => {
      if (!this.outcomes[i]) waiting.add(b);
    });
    for (let b = 0; b < count; b++) {
      if (waiting.has(b) || this.started.has(b)) continue;
      this.started.add(b);
      // Only this bucket's pages and sums wait in the queue: a copy of every page per bucket grew with files × buckets.
      const pages: SearchPage[] = [];
      const sums = new Map<string, string>();
      this.bucketOfFolder.forEach((fb, i) => {
        const o = this.outcomes[i];
        if (fb !== b || !o) return;
        for (const [p, h] of Object.entries(o.sums)) sums.set(p, h);
        if (!o.failure) pages.push(...o.summaries.map(searchPage));
      });
      this.queue = this.queue
        .then(async () => {
          if (await warmSearchBucket(this.staging, pages, b, count, { cacheDir: this.cacheDir, sums })) this.used = true;
        })
        .catch(() => undefined);
    }
  }

  /** Waits for the buckets under way; a failure only leaves the bucket to writeSearchIndex. */
  async finish(): Promise<void> {
    await this.queue;
    if (this.used) await closeSearchIndexer();
  }
}


/** Builds chunks on worker threads; one chunk per worker at a time. */
async function buildChunksParallel(tasks: ChunkTask[], threads: number, onChunk?: (index: number, outcomes: FileOutcome[]) => void): Promise<FileOutcome[][]> {
  const results: FileOutcome[][] = new Array(tasks.length);
  let next = 0;
  const entry = siblingEntry(import.meta.url, 'build-worker');
  // A bounded old generation keeps each worker's memory flat: it collects instead of growing.
  const limits = { maxOldGenerationSizeMb: 256 };
  const workers: Array<{ terminate(): Promise<number> }> = [];
  const runWorker = () =>
    new Promise<void>((resolveAll, rejectAll) => {
      const worker = spawnTsWorker(entry, limits);
      workers.push(worker);
      const pending = new Map<number, Pending>();
      const feed = () => {
        if (next >= tasks.length) {
          void worker.terminate().then(() => resolveAll());
          return;
        }
        const id = next++;
        pending.set(id, {
          resolve: (o) => {
            results[id] = o;
            onChunk?.(id, o);
            feed();
          },
          reject: rejectAll,
        });
        worker.postMessage({ id, task: tasks[id] });
      };
      worker.on('message', (m: { ready?: true; id: number; outcomes?: FileOutcome[]; error?: string }) => {
        if (m.ready) return feed();
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.outcomes) p?.resolve(m.outcomes);
        else p?.reject(new Error(m.error ?? '构建线程出错'));
      });
      worker.on('error', (e) => rejectAll(e));
      worker.on('exit', (code) => {
        if (pending.size) rejectAll(new Error(`构建线程意外退出（exit code ${code}）`));
      });
    });
  try {
    await Promise.all(Array.from({ length: Math.min(threads, tasks.length) }, runWorker));
  } catch (e) {
    // The other workers would go on writing into the staging folder the failed build removes.
    await Promise.all(workers.map((w) => w.terminate().catch(() => 0)));
    throw e;
  }
  return results;
}

/**
 * An error's message with its causes: Eleventy wraps a template's own error ("expected
 * variable end" at line N) in "Having trouble rendering njk template …", which alone says little.
 */
export function errorChain(e: unknown): string {
  const parts: string[] = [];
  for (let x: unknown = e, depth = 0; x !== undefined && x !== null && depth < 5; depth++) {
    const message = x instanceof Error ? x.message : String(x);
    if (!parts.includes(message)) parts.push(message);
    x = x instanceof Error ? ((x as Error & { originalError?: unknown }).originalError ?? x.cause) : undefined;
  }
  return parts.join('；原因：');
}

/** The hidden folder of print documents inside the build folder (BookletPaths.print). */
const PRINT_DIR = '.print';

/** What the PDF of one booklet is printed from, to, and with. */
export function printJob(outDir: string, s: BookletSummary): PrintJob {
  return {
    htmlPath: join(outDir, s.paths.print),
    outPath: join(outDir, s.paths.pdf),
    label: `${s.title}（${s.paths.pdf}）`,
    meta: {
      title: s.title,
      author: s.unitName,
      subject: `${s.year}年${s.kindZh}公开`,
      keywords: [s.unitName, `${s.year}年`, s.kindZh, '预决算公开'],
      date: s.publishedDate,
    },
  };
}

/**
 * Prints every job with one browser and a pool of pages. All booklets are tried; if any
 * fails, the error names every failed booklet with its reason.
 */
export async function printAll(jobs: PrintJob[], options: { root: string; cacheDir: string; size?: number }): Promise<PrintResult[]> {
  if (!jobs.length) return [];
  const pool = await PrintPool.open(options);
  try {
    const settled = await Promise.allSettled(jobs.map((j) => pool.print(j)));
    // A PrintError names its booklet itself; anything else gets the booklet's label here.
    const reason = (e: unknown, label: string) => (e instanceof PrintError ? e.message : `${label}：${e instanceof Error ? e.message : String(e)}`);
    const failures = settled.flatMap((r, i) => (r.status === 'rejected' ? [reason(r.reason, jobs[i]!.label)] : []));
    if (failures.length) throw new SiteError(`${failures.length} 本公开册的 PDF 未能印出：\n  ${failures.join('\n  ')}`);
    return settled.map((r) => (r as PromiseFulfilledResult<PrintResult>).value);
  } finally {
    await pool.close();
  }
}

/** What a print document loads besides itself: the fonts and the styles Eleventy copies to assets/. */
async function writePrintAssets(root: string, staging: string): Promise<void> {
  await writeFonts(root, staging);
  for (const name of filesUnder(join(root, 'styles'))) carry(join(root, 'styles', name), join(staging, 'assets', name));
}

/** Removes every file under `dir` not in `keep` (paths relative to it), and the folders left empty. */
function keepOnly(dir: string, keep: ReadonlySet<string>): void {
  for (const p of filesUnder(dir)) if (!keep.has(p)) rmSync(join(dir, p));
  const prune = (abs: string): boolean => {
    let empty = true;
    for (const name of readdirSync(abs)) {
      const a = join(abs, name);
      if (statSync(a).isDirectory() && prune(a)) rmdirSync(a);
      else empty = false;
    }
    return empty;
  };
  prune(dir);
}

/** Path relative to the project root with forward slashes, as in findings and the manifest. */
export function relPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** A shard's findings: each file's own and the library's (the cross-file rules run at the merge). */
function shardFindings(root: string, lib: Library, outcomes: FileOutcome[]): Finding[] {
  return sortFindings([...lib.findings.map((f) => ({ ...f, file: relPath(root, resolve(root, f.file)) })), ...outcomes.flatMap((o) => o.findings)]);
}

/** Every file's findings plus the cross-file rules over all files' facts (a build on one machine, or the merge of shards). */
export function checkAcrossFiles(root: string, lib: Library, outcomes: readonly FileOutcome[]): Finding[] {
  return finishCheck(
    root,
    lib,
    outcomes.map((o) => ({ file: o.file, data: undefined, findings: [...o.findings] })),
    outcomes.map((o) => o.owner),
  ).findings;
}

/** The sums of every output the outcomes carry (SHA256SUMS reads only the other files). */
export function knownSums(outcomes: readonly FileOutcome[]): Map<string, string> {
  const known = new Map<string, string>();
  for (const o of outcomes) for (const [p, h] of Object.entries(o.sums ?? {})) known.set(p, h);
  return known;
}

/** Swap: the old output stays complete until the new one is in place. */
export function swapInto(staging: string, outDir: string): void {
  const old = `${outDir}.previous`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(staging, outDir);
  rmSync(old, { recursive: true, force: true });
}

/** Records the outcomes for the next build into the same folder (incremental reuse). */
export function writeManifest(path: string, m: Omit<Manifest, 'version' | 'files'>, outcomes: readonly FileOutcome[]): void {
  const manifest: Manifest = { version: MANIFEST_VERSION, ...m, files: {} };
  for (const o of outcomes) manifest.files[o.file] = o;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(manifest));
}

/** The manifest's default place: one per output folder, outside it. */
export function manifestPathFor(root: string, outDir: string): string {
  const defaultOut = outDir === join(root, '_site');
  return join(root, '.cache', defaultOut ? 'build-manifest.json' : `build-manifest-${sha256(outDir).slice(0, 12)}.json`);
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = resolve(options.root);
  const outDir = resolve(options.outDir ?? join(root, '_site'));
  const charts = options.charts !== false;
  const pdf = options.pdf !== false;
  const shard = options.shard;
  if (shard && !(Number.isInteger(shard.index) && Number.isInteger(shard.count) && shard.index >= 1 && shard.index <= shard.count)) {
    throw new SiteError(`分片应写为 i/n（1 ≤ i ≤ n），实际是 ${shard.index}/${shard.count}`);
  }
  // A build into another folder must not reuse _site's manifest.
  const manifestPath = options.manifestPath ?? manifestPathFor(root, outDir);
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + (now - t);
    t = now;
  };

  const site = loadSiteConfig(root);
  const lib = loadLibrary(root);
  const allPaths = (options.dataPaths?.length ? options.dataPaths : listDataFiles(root)).map((p) => resolve(p));
  const paths = shard ? allPaths.filter((p) => shardOf(relPath(root, p), shard.count) === shard.index) : allPaths;
  // Preview pages differ from published ones: a manifest of the other kind is never reused.
  const tool = toolVersion(root) + (options.preview ? '+preview' : '');
  const previous = options.incremental === false ? undefined : readManifest(manifestPath, tool, outDir, charts, pdf);
  const staging = `${outDir}.staging`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  lap('prepare');

  // Unchanged files keep their outcome and their pages; the rest are built in chunks.
  const outcomes: Array<FileOutcome | undefined> = new Array(paths.length);
  const toBuild: number[] = [];
  // A page also links to its unit's other years and its 部门/单位: it is reused only while those are unchanged too.
  const hashes = new Map<string, string>();
  const hashOf = (p: string) => {
    let h = hashes.get(p);
    if (h === undefined) hashes.set(p, (h = sha256(readFileSync(p))));
    return h;
  };
  const relatedUnchanged = (old: FileOutcome, p: string) => {
    const s = old.summaries[0];
    return !s || old.related === relatedKey(root, p, s.family, s.unitId, hashOf);
  };
  paths.forEach((p, i) => {
    const old = previous?.files[relPath(root, p)];
    if (old && old.hash === hashOf(p) && relatedUnchanged(old, p) && old.outputs.every((o) => existsSync(join(outDir, o)))) {
      for (const o of old.outputs) carry(join(outDir, o), join(staging, o));
      outcomes[i] = old;
    } else toBuild.push(i);
  });
  lap('reuse');

  const fail = (failure: string, findings: Finding[]): BuildResult => {
    rmSync(staging, { recursive: true, force: true });
    return { ok: false, findings: sortFindings(findings), failure, files: paths.length, rebuilt: toBuild.length, summaries: [], printed: 0, printCached: 0, blocked: [], shrunk: [], timings };
  };

  const searchCacheDir = options.searchCacheDir ?? join(root, '.cache/search');
  // A search bucket's files one after another, so its index can be made while the rest are built.
  const unitFolder = (i: number) => basename(dirname(paths[i]!));
  const order = shard ? toBuild : bucketOrder(toBuild, unitFolder);
  toBuild.splice(0, toBuild.length, ...order);
  const tasks: ChunkTask[] = [];
  for (let i = 0; i < toBuild.length; i += CHUNK) {
    tasks.push({ root, staging, site, charts, pdf, ...(options.preview ? { preview: true } : {}), ...(shard ? {} : { searchCacheDir }), paths: toBuild.slice(i, i + CHUNK).map((k) => paths[k]!) });
  }
  const threads = options.threads ?? availableParallelism();
  let built: FileOutcome[][];
  try {
    if (threads > 1 && toBuild.length >= PARALLEL_THRESHOLD) {
      const warmer = shard ? undefined : new SearchWarmer(staging, searchCacheDir, paths.map((_, i) => unitFolder(i)), outcomes);
      try {
        built = await buildChunksParallel(tasks, threads, (id, o) => warmer?.done(o, toBuild.slice(id * CHUNK, id * CHUNK + o.length)));
      } finally {
        await warmer?.finish();
      }
    }
    else {
      built = [];
      for (const task of tasks) built.push(await buildChunk(task));
    }
  } catch (e) {
    return fail(`生成公开册时出错：${errorChain(e)}`, []);
  }
  built.flat().forEach((o, j) => (outcomes[toBuild[j]!] = o));
  lap('booklets');

  const all = outcomes as FileOutcome[];
  // A shard sees only its own files: the cross-file rules, which need every file's facts, run
  // once at the merge over the facts the shard records carry (shard.ts).
  const findings = shard ? shardFindings(root, lib, all) : checkAcrossFiles(root, lib, all);
  const errors = countBySeverity(findings).error;
  if (errors > 0) return fail(`数据有 ${errors} 个错误`, findings);
  const failed = all.find((o) => o.failure);
  if (failed) return fail(`${failed.file} 无法生成公开册：${failed.failure}`, findings);

  const summaries = all.flatMap((o) => o.summaries);
  let sorted: BookletSummary[];
  let finished: FinishResult | undefined;
  try {
    sorted = sortSummaries(summaries);
    if (!shard) finished = await finishSite(root, staging, site, sorted, { charts, chartCacheDir: options.chartCacheDir ?? join(root, '.cache/charts'), searchCacheDir,
        pageSums: knownSums(all),
        ...(previous?.sitePages ? { previous: { dir: outDir, pages: previous.sitePages } } : {}),
      });
  } catch (e) {
    return fail(`生成网站页面时出错：${errorChain(e)}`, findings);
  }
  lap('site');

  // PDFs of the booklets built this time (the others were carried over with their pages).
  let printed: PrintResult[] = [];
  if (pdf) {
    const own = toBuild.flatMap((i) => all[i]!.summaries.map((s) => ({ outcome: all[i]!, s })));
    const jobs = own.map(({ s }) => printJob(staging, s));
    // A shard has no site pages; its print documents still need the fonts and print styles.
    if (shard && jobs.length) await writePrintAssets(root, staging);
    try {
      printed = await printAll(jobs, { root: staging, cacheDir: options.pdfCacheDir ?? join(root, '.cache/pdf'), ...(options.printPages ? { size: options.printPages } : {}) });
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e), findings);
    }
    for (const { outcome, s } of own) outcome.sums[s.paths.pdf] = sha256(readFileSync(join(staging, s.paths.pdf)));
    rmSync(join(staging, PRINT_DIR), { recursive: true, force: true });
  }
  // A shard's folder holds its booklets' files and its record, nothing the merge writes itself.
  if (shard) keepOnly(staging, new Set(all.flatMap((o) => o.outputs)));
  lap('pdf');

  const blocked = printed.flatMap((r) => r.blocked.map((u) => `${r.label}：${u}`));
  const shrunk = printed.flatMap((r) => (r.shrink ? [`${r.label}：${r.shrink.widest} 比页面宽，整本缩小到 ${Math.round(r.shrink.factor * 100)}%`] : []));
  if (shard) {
    const record: ShardRecord = { version: SHARD_RECORD_VERSION, tool, index: shard.index, count: shard.count, charts, pdf, files: allPaths.map((p) => relPath(root, p)), outcomes: all, blocked, shrunk };
    writeFileSync(join(staging, SHARD_RECORD), JSON.stringify(record));
  } else writeChecksums(staging, knownSums(all));
  lap('checksums');

  swapInto(staging, outDir);
  writeManifest(manifestPath, { tool, outDir, charts, pdf, ...(finished ? { sitePages: finished.pages } : {}) }, all);
  lap('swap');
  return {
    ok: true,
    findings,
    files: paths.length,
    rebuilt: toBuild.length,
    summaries: sorted,
    printed: printed.length,
    printCached: printed.filter((r) => r.cached).length,
    blocked,
    shrunk,
    timings,
    ...(finished ? { search: finished.search, sitePages: finished.rendered.length } : {}),
  };
}
