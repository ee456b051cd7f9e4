/**
 * `npm run bench [-- --files N] [--threads T] [--stage check|html|pdf]`: how fast the pipeline runs on many files.
 *
 *   synthetic.ts ─▶ a district of N unit-year files (部门 = Σ 单位, three years, 0 findings) in a
 *                   temporary data/ (with links to _profiles, _reference)
 *                ─▶ stage "check": warm up, then time N = 100 and 1,000 (or --files N),
 *                   sampling memory between chunks
 *                ─▶ stage "html": the whole site build, cold, for N = 100 and 1,000 (--files N above
 *                   1,000: 1,000 and N), the site's bytes per booklet, the merge of 4 shards cut from
 *                   the largest build (--merge), then one file edited and rebuilt incrementally
 *                ─▶ stage "pdf": the seeds' print documents (data/) built once, then printed warm
 *                   (one browser, fonts loaded, a page per thread) by our printer and, side by side in
 *                   the same rounds, by bare Chromium (page.pdf, no page numbers, no post-processing)
 *                ─▶ one table, one summary line per stage, the goal met or not
 *
 * Goals on a 2-core machine: check 1,000 realistic files in under 2 s, with memory that does not
 * grow with N; build 1,000 booklets' HTML (with charts) cold in under 60 s, with peak memory under
 * 1 GB and per-booklet cost at 1,000 at most 1.2× that at 100; one edited file rebuilt in under 10 s;
 * a booklet printed by our printer in at most 1.5× the time bare Chromium takes. At 10,000 booklets
 * (issue #14): cold in under 8 minutes, peak memory under 1.5 GB, one edited file in under 15 s,
 * the merge of 4 shards in under 60 s; the PDF throughput projected to 10,000 booklets on 1, 4 and
 * 16 workers. Each stage is a function returning table rows, so a new stage is one
 * more function in STAGES. The temporary folder is removed afterwards, also on Ctrl-C.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, cpSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CheckPool, countBySeverity, checkFile, listDataFiles } from './lib/check/index.ts';
import { writeSyntheticFiles } from './lib/bench/index.ts';
import { benchImport } from './lib/bench/import-bench.ts';
import { buildSite, loadSiteConfig, mergeShards, printJob, shardOf, summaryOf, type BuildResult } from './lib/site/index.ts';
import { carry, relPath, type Manifest } from './lib/site/build-site.ts';
import { SHARD_RECORD, SHARD_RECORD_VERSION, type ShardRecord } from './lib/site/shard-record.ts';
import { clearChartCache } from './lib/charts/index.ts';
import { loadLibrary } from './lib/model/index.ts';
import { buildBooklet, type BookletView } from './lib/booklet/index.ts';
import { PrintPool, type PrintJob, type PrintResult, writePrintFolder } from './lib/pdf/index.ts';

const GOAL_FILES = 1000;
const GOAL_SECONDS = 2;
const WARMUP_FILES = 64;

// ─── arguments ────────────────────────────────────────────────────────────────────────────────────

function usage(message: string): never {
  process.stderr.write(`${message}\n用法：npm run bench -- [--files N] [--threads T] [--stage check|html|pdf|import]…\n`);
  process.exit(2);
}

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) usage(`${flag} 应为正整数，实际是 ${value ?? '（空）'}。`);
  return n;
}

const args = process.argv.slice(2);
let sizes = [100, GOAL_FILES];
/** The import stage's folder sizes (a district's year is 400 workbooks); --files N times one folder of N. */
let importFolders = [100, 200, 400];
let threads = availableParallelism();
const only: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
  if (flag === '--files') {
    // Above 1,000, the 1,000 run is kept: the per-booklet cost at N is compared with it (flat or not).
    const n = positiveInt(flag, inline ?? args[++i]);
    sizes = n > GOAL_FILES ? [GOAL_FILES, n] : [n];
    importFolders = [Math.max(2, n)];
  }
  else if (flag === '--threads') threads = positiveInt(flag, inline ?? args[++i]);
  else if (flag === '--stage') {
    const v = inline ?? args[++i];
    if (v !== 'check' && v !== 'html' && v !== 'pdf' && v !== 'import') usage(`--stage 只能是 check、html、pdf 或 import，实际是 ${v ?? '（空）'}。`);
    only.push(v);
  } else usage(`不认识的选项 ${a}。`);
}

// ─── measuring ────────────────────────────────────────────────────────────────────────────────────

// A full collection before each timed run, so one run's garbage is not billed to the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Peak RSS (whole process, all threads) and peak heap of this thread, sampled on demand and every 5 ms. */
class MemoryPeak {
  rss = 0;
  heap = 0;
  private timer: NodeJS.Timeout | undefined;
  sample = (): void => {
    const m = process.memoryUsage();
    if (m.rss > this.rss) this.rss = m.rss;
    if (m.heapUsed > this.heap) this.heap = m.heapUsed;
  };
  start(): void {
    this.sample();
    this.timer = setInterval(this.sample, 5);
  }
  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }
}

interface Row {
  stage: string;
  threads: number;
  files: number;
  seconds: number;
  bytes: number;
  /** RSS when the timed run started: modules, the generated corpus's leftovers, the worker threads */
  rssBefore: number;
  rss: number;
  /** this thread's peak heap plus each worker's (when V8 collects decides the peak, so it varies) */
  heap: number;
  /** this thread's heap after the run and a full collection, with the result still held: what a run keeps */
  heapAfter: number;
  /** what went wrong with the measured run itself (e.g. findings in files meant to be clean) */
  problem?: string;
}

interface Corpus {
  root: string;
  paths: string[];
  /** bytes of paths[0 … i-1] = bytesBefore[i] */
  bytesBefore: number[];
}

// ─── stage: check ─────────────────────────────────────────────────────────────────────────────────

async function benchCheck(corpus: Corpus): Promise<Row[]> {
  const rows: Row[] = [];
  // This thread plus threads − 1 workers; the pool is warmed once and reused for every N.
  const pool = new CheckPool(threads - 1);
  try {
    await pool.ready();
    await pool.run(corpus.root, corpus.paths.slice(0, WARMUP_FILES));
    for (const n of sizes) {
      const paths = corpus.paths.slice(0, n);
      gc();
      const rssBefore = process.memoryUsage().rss;
      const mem = new MemoryPeak();
      mem.start();
      const t0 = process.hrtime.bigint();
      const result = await pool.run(corpus.root, paths, mem.sample);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      mem.stop();
      gc();
      const heapAfter = process.memoryUsage().heapUsed;
      const workersHeap = result.stats.workerHeapPeaks.reduce((a, b) => a + b, 0);
      const c = countBySeverity(result.findings);
      const problem = result.findings.length ? `合成数据有 ${c.error} 个错误、${c.warning} 个警告、${c.notice} 个提示（应为 0）` : undefined;
      rows.push({ stage: 'check', threads, files: n, seconds, bytes: corpus.bytesBefore[n]!, rssBefore, rss: mem.rss, heap: mem.heap + workersHeap, heapAfter, ...(problem ? { problem } : {}) });
    }
  } finally {
    await pool.close();
  }
  return rows;
}

// ─── stage: html ──────────────────────────────────────────────────────────────────────────────────

interface HtmlFigures {
  perBooklet: Map<number, number>;
  rebuildSeconds?: number;
  /** The site at the largest N: every file, the shared assets/ (fonts, styles), booklets. */
  siteBytes?: number;
  assetBytes?: number;
  booklets?: number;
  /** The merge without caches (a CI job with nothing restored), then with the single build's (kept by actions/cache). */
  merges: MergeFigures[];
  /** Milliseconds per step of the largest cold build (BuildResult.timings). */
  timings?: Record<string, number>;
  /** The search index of each cold build (by N), of the one-changed-file rebuild, and of the merge. */
  search: Map<number, NonNullable<BuildResult['search']>>;
  rebuildSearch?: BuildResult['search'];
  /** Listing, 部门 index and unit pages the rebuild wrote (the others kept), of how many. */
  rebuildSitePages?: { written: number; of: number };
}
interface MergeFigures {
  /** cold: empty search and chart caches; warm: the caches the single build left. */
  caches: 'cold' | 'warm';
  shards: number;
  seconds: number;
  rss: number;
  same: boolean;
  failure?: string;
  search?: BuildResult['search'];
}
const html: HtmlFigures = { perBooklet: new Map(), search: new Map(), merges: [] };

/**
 * The whole site build (check, view models, charts, Eleventy, CSV, site pages, swap) of the first
 * N synthetic files, cold (no manifest, no chart or search cache), then one file edited and built
 * again incrementally.
 */
async function benchHtml(corpus: Corpus): Promise<Row[]> {
  const rows: Row[] = [];
  const outDir = join(corpus.root, '_site');
  const manifestPath = join(corpus.root, 'manifest.json');
  const searchCacheDir = join(corpus.root, 'search');
  for (const n of sizes) {
    const paths = corpus.paths.slice(0, n);
    rmSync(outDir, { recursive: true, force: true });
    rmSync(manifestPath, { force: true });
    rmSync(join(corpus.root, 'charts'), { recursive: true, force: true });
    rmSync(searchCacheDir, { recursive: true, force: true });
    clearChartCache();
    gc();
    const rssBefore = process.memoryUsage().rss;
    const mem = new MemoryPeak();
    mem.start();
    const t0 = process.hrtime.bigint();
    // HTML only: the pdf stage times the printing (and the project's PDF cache stays out of it).
    const result = await buildSite({ root: projectRoot, dataPaths: paths, outDir, manifestPath, chartCacheDir: join(corpus.root, 'charts'), searchCacheDir, threads, incremental: false, pdf: false });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    mem.stop();
    gc();
    const booklets = result.summaries.length;
    const problem = !result.ok ? `构建失败：${result.failure}` : booklets !== n ? `生成 ${booklets} 本，应为 ${n} 本` : undefined;
    html.perBooklet.set(n, (seconds * 1000) / Math.max(booklets, 1));
    html.timings = result.timings;
    if (result.search) html.search.set(n, result.search);
    if (problem) console.error(`html（${n} 个文件）：${problem}`);
    rows.push({ stage: 'html', threads, files: n, seconds, bytes: corpus.bytesBefore[n]!, rssBefore, rss: mem.rss, heap: mem.heap, heapAfter: process.memoryUsage().heapUsed, ...(problem ? { problem } : {}) });
  }
  const n = sizes[sizes.length - 1]!;
  // Merge and rebuild need the cold build's output.
  if (rows[rows.length - 1]!.problem) return rows;
  html.booklets = n;
  html.siteBytes = treeBytes(outDir);
  html.assetBytes = treeBytes(join(outDir, 'assets'));
  const coldCaches = join(corpus.root, 'merge-cold');
  for (const caches of ['cold', 'warm'] as const) {
    rmSync(coldCaches, { recursive: true, force: true });
    clearChartCache();
    const dirs = caches === 'cold' ? { search: join(coldCaches, 'search'), charts: join(coldCaches, 'charts') } : { search: searchCacheDir, charts: join(corpus.root, 'charts') };
    const m = await benchMerge(corpus, n, outDir, manifestPath, caches, dirs);
    html.merges.push(m);
    const row = { stage: `html 合并（${caches === 'cold' ? '无缓存' : '有缓存'}）`, threads, files: n, seconds: m.seconds, bytes: 0, rssBefore: 0, rss: 0, heap: 0, heapAfter: 0 };
    if (m.failure) rows.push({ ...row, problem: `合并 ${MERGE_SHARDS} 个分片失败：${m.failure}` });
    else if (!m.same) rows.push({ ...row, problem: `合并 ${MERGE_SHARDS} 个分片的 SHA256SUMS 与单机构建不同` });
  }
  rmSync(coldCaches, { recursive: true, force: true });
  // One data file edited (a new sentence in its 主要职责), then the incremental build.

  const edited = corpus.paths[Math.floor(n / 2)]!;
  const text = readFileSync(edited, 'utf8');
  writeFileSync(edited, text.replace('"duties": "', '"duties": "（基准测试修改）'));
  const t0 = process.hrtime.bigint();
  const result = await buildSite({ root: projectRoot, dataPaths: corpus.paths.slice(0, n), outDir, manifestPath, chartCacheDir: join(corpus.root, 'charts'), searchCacheDir, threads, pdf: false });
  html.rebuildSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  html.rebuildSearch = result.search;
  if (result.sitePages !== undefined) html.rebuildSitePages = { written: result.sitePages, of: Object.keys((JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest).sitePages ?? {}).length };
  writeFileSync(edited, text);
  if (!result.ok || result.rebuilt !== 1) {
    rows.push({ stage: 'html 改一个文件', threads, files: n, seconds: html.rebuildSeconds, bytes: 0, rssBefore: 0, rss: 0, heap: 0, heapAfter: 0, problem: `增量构建应只重建 1 个文件，实际 ${result.rebuilt} 个${result.ok ? '' : `，且失败：${result.failure}`}` });
  }
  return rows;
}

/** Bytes of every file under `dir` (hard links counted as the copies they are once published). */
function treeBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else total += st.size;
    }
  };
  walk(dir);
  return total;
}

const MERGE_SHARDS = 4;

/**
 * The merge of MERGE_SHARDS shards of the cold build just made. The shards' folders are cut from
 * that build (its files hard-linked, its manifest's outcomes as the records) instead of building
 * the N files a second time: test/site/shard.test.ts proves a shard writes exactly these files
 * and outcomes. Then `mergeShards` as `npm run build -- --merge` runs it, timed, and its
 * SHA256SUMS compared with the single build's.
 */
async function benchMerge(corpus: Corpus, n: number, single: string, manifestPath: string, caches: MergeFigures['caches'], cacheDirs: { search: string; charts: string }): Promise<MergeFigures> {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const files = corpus.paths.slice(0, n).map((p) => relPath(projectRoot, p));
  const dirs = Array.from({ length: MERGE_SHARDS }, (_, i) => join(corpus.root, `shard-${i + 1}`));
  for (const [i, dir] of dirs.entries()) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const outcomes = files.map((f) => manifest.files[f]!).filter((o) => shardOf(o.file, MERGE_SHARDS) === i + 1);
    for (const o of outcomes) for (const out of o.outputs) carry(join(single, out), join(dir, out));
    const record: ShardRecord = { version: SHARD_RECORD_VERSION, tool: manifest.tool, index: i + 1, count: MERGE_SHARDS, charts: manifest.charts, pdf: manifest.pdf, files, outcomes, blocked: [], shrunk: [] };
    writeFileSync(join(dir, SHARD_RECORD), JSON.stringify(record));
  }
  const merged = join(corpus.root, '_merged');
  gc();
  const mem = new MemoryPeak();
  mem.start();
  const t0 = process.hrtime.bigint();
  let result: Awaited<ReturnType<typeof mergeShards>> | undefined;
  let failure: string | undefined;
  try {
    result = await mergeShards({ root: projectRoot, dirs, outDir: merged, dataPaths: corpus.paths.slice(0, n), manifestPath: join(corpus.root, 'manifest-merged.json'), chartCacheDir: cacheDirs.charts, searchCacheDir: cacheDirs.search });
  } catch (e) {
    // A record that does not match (SiteError) is a failed merge like any other: reported, not a crash.
    failure = e instanceof Error ? e.message : String(e);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  mem.stop();
  if (result && !result.ok) failure = [result.failure, ...result.findings.filter((f) => f.severity === 'error').slice(0, 5).map((f) => `${f.file}:${f.line}:${f.column} ${f.pointer} ${f.message}`)].join('\n  ');
  const same = !failure && readFileSync(join(merged, 'SHA256SUMS')).equals(readFileSync(join(single, 'SHA256SUMS')));
  for (const dir of [...dirs, merged]) rmSync(dir, { recursive: true, force: true });
  return { caches, shards: MERGE_SHARDS, seconds, rss: mem.rss, same, ...(failure ? { failure } : {}), ...(result?.search ? { search: result.search } : {}) };
}

// ─── stage: pdf ───────────────────────────────────────────────────────────────────────────────────

const PDF_ROUNDS = 3;
const PDF_GOAL_RATIO = 1.5;

interface PdfSide {
  /** Mean time of one booklet, load to finished PDF (a job's own time, not its wait in the queue). */
  perBooklet: number;
  /** Wall time of a whole round (all booklets, `threads` at once). */
  wall: number;
  pages: number;
}
interface PdfFigures {
  booklets: number;
  ours?: PdfSide;
  bare?: PdfSide;
  /** Booklets whose predicted page numbers held (one print). */
  onePrint: number;
  /** Mean milliseconds per step of our printer. */
  phases: Record<string, number>;
  unpredicted: string[];
}
const pdf: PdfFigures = { booklets: 0, onePrint: 0, phases: {}, unpredicted: [] };

/** Runs `work` over `items` with `n` at a time; resolves when all are done (first error rejects). */
async function parallel<T, R>(items: T[], n: number, work: (item: T, worker: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async (_, w) => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, w);
      }
    }),
  );
  return out;
}

/**
 * The seeds (every data file in data/) printed warm: our printer through its pool, and bare
 * Chromium on plain pages of the same browser loading the same URLs (load, fonts, page.pdf with
 * the CSS page size and backgrounds; no page numbers, no outline check, no post-processing).
 * Rounds alternate, so both meet the same machine state; the first round of each is a warm-up
 * and not counted. No PDF cache: every booklet is printed every round.
 */
async function benchPdf(corpus: Corpus): Promise<Row[]> {
  const lib = loadLibrary(projectRoot);
  const views: BookletView[] = [];
  for (const path of listDataFiles(projectRoot)) {
    const checked = checkFile(projectRoot, path, lib);
    if (!checked.data || checked.findings.some((f) => f.severity === 'error')) continue;
    for (const kind of ['budget', 'final'] as const) {
      if (checked.data.documents[kind]) views.push((await buildBooklet(checked.data, kind, lib, { charts: true })).view);
    }
  }
  const dir = join(corpus.root, 'pdf');
  await writePrintFolder(projectRoot, dir, loadSiteConfig(projectRoot), views);
  const jobs: PrintJob[] = views.map((v) => ({ ...printJob(dir, summaryOf(v)), label: v.key }));
  pdf.booklets = jobs.length;

  const pool = await PrintPool.open({ root: dir, size: threads });
  const plain = await Promise.all(Array.from({ length: threads }, () => pool.newPlainPage()));
  try {
    const ours = async (): Promise<{ wall: number; results: PrintResult[] }> => {
      const t0 = process.hrtime.bigint();
      const results = await Promise.all(jobs.map((j) => pool.print(j)));
      return { wall: Number(process.hrtime.bigint() - t0) / 1e6, results };
    };
    const bare = async (): Promise<{ wall: number; ms: number[]; pages: number }> => {
      const t0 = process.hrtime.bigint();
      let pages = 0;
      const ms = await parallel(jobs, threads, async (job, w) => {
        const page = plain[w]!;
        const t = process.hrtime.bigint();
        await page.goto(pool.urlOf(job.htmlPath), { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready.then(() => true)');
        const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        const took = Number(process.hrtime.bigint() - t) / 1e6;
        pages += (Buffer.from(bytes).toString('latin1').match(/\/Type \/Page\n/g) ?? []).length;
        await page.goto('about:blank');
        return took;
      });
      return { wall: Number(process.hrtime.bigint() - t0) / 1e6, ms, pages };
    };
    await ours();
    await bare();
    const oursRounds: Array<Awaited<ReturnType<typeof ours>>> = [];
    const bareRounds: Array<Awaited<ReturnType<typeof bare>>> = [];
    for (let r = 0; r < PDF_ROUNDS; r++) {
      oursRounds.push(await ours());
      bareRounds.push(await bare());
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
    const ourResults = oursRounds.flatMap((r) => r.results);
    pdf.ours = { perBooklet: mean(ourResults.map((r) => r.ms)), wall: mean(oursRounds.map((r) => r.wall)), pages: oursRounds[0]!.results.reduce((s, r) => s + r.pages, 0) };
    pdf.bare = { perBooklet: mean(bareRounds.flatMap((r) => r.ms)), wall: mean(bareRounds.map((r) => r.wall)), pages: bareRounds[0]!.pages };
    pdf.onePrint = oursRounds[0]!.results.filter((r) => r.prints === 1).length;
    pdf.unpredicted = [...new Set(ourResults.filter((r) => r.unpredicted).map((r) => `${r.label}：${r.unpredicted}`))];
    for (const r of ourResults) for (const [k, v] of Object.entries(r.phases ?? {})) pdf.phases[k] = (pdf.phases[k] ?? 0) + v / ourResults.length;
  } finally {
    await Promise.all(plain.map((p) => p.close().catch(() => undefined)));
    await pool.close();
  }
  const ratio = pdf.ours.perBooklet / pdf.bare.perBooklet;
  const problem = ratio > PDF_GOAL_RATIO ? `每本用时是裸 Chromium 的 ${ratio.toFixed(2)} 倍（目标 ≤ ${PDF_GOAL_RATIO}）` : undefined;
  return [{ stage: 'pdf', threads, files: jobs.length, seconds: pdf.ours.wall / 1000, bytes: 0, rssBefore: 0, rss: 0, heap: 0, heapAfter: 0, ...(problem ? { problem } : {}) }];
}

// ─── stage: import ────────────────────────────────────────────────────────────────────────────────

const IMPORT_GOAL_SECONDS = 0.5;

/** Workbooks → data files (lib/bench/import-bench.ts); its own lines, its rows only carry the verdict. */
async function benchImportStage(corpus: Corpus): Promise<Row[]> {
  const figures = await benchImport(projectRoot, corpus.root, loadLibrary(projectRoot), gc, importFolders);
  console.log('导入（npm run import）：');
  for (const f of figures) console.log(`  ${f.label}：${f.workbooks} 个共 ${f.seconds.toFixed(2)} 秒，每个 ${(f.seconds / f.workbooks).toFixed(3)} 秒，峰值内存 RSS ${mb(f.rss)} MB`);
  const worst = Math.max(...figures.map((f) => f.seconds / f.workbooks));
  console.log(`目标（每个工作簿少于 ${IMPORT_GOAL_SECONDS} 秒）：${worst < IMPORT_GOAL_SECONDS ? '达到' : '未达到'}（最慢每个 ${worst.toFixed(3)} 秒）\n`);
  return [{ stage: 'import', threads: 1, files: figures.length, seconds: 0, bytes: 0, rssBefore: 0, rss: 0, heap: 0, heapAfter: 0, ...(worst < IMPORT_GOAL_SECONDS ? {} : { problem: `导入每个工作簿 ${worst.toFixed(3)} 秒，超过 ${IMPORT_GOAL_SECONDS} 秒` }) }];
}

/** One entry per stage, in pipeline order. */
const STAGES: Array<{ name: string; run: (c: Corpus) => Promise<Row[]> }> = [
  { name: 'check', run: benchCheck },
  { name: 'html', run: benchHtml },
  { name: 'pdf', run: benchPdf },
  { name: 'import', run: benchImportStage },
];

// ─── output ───────────────────────────────────────────────────────────────────────────────────────

/** Display width: a CJK character takes two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

function table(head: string[], body: string[][], numeric: boolean[]): string {
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? padStart(c, widths[i]!) : padEnd(c, widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const MB = 1024 * 1024;
/** The portal's size (issue #14): its own goals apply from here. */
const SCALE_FILES = 10000;
const formatDuration = (seconds: number) => (seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} 小时` : seconds >= 60 ? `${(seconds / 60).toFixed(1)} 分钟` : `${seconds.toFixed(0)} 秒`);
const mb = (bytes: number) => (bytes / MB).toFixed(0);
const perFile = (r: Row) => (r.seconds * 1000) / r.files;

function report(all: Row[]): void {
  // The pdf stage has its own summary (below); its rows only carry its verdict.
  const rows = all.filter((r) => r.stage !== 'pdf' && r.stage !== 'import');
  if (rows.length) {
    console.log(
      table(
        ['阶段', '线程', '文件数', '总用时（秒）', '每文件（毫秒）', '吞吐（MB/秒）', '计时前 RSS（MB）', '峰值 RSS（MB）', '峰值堆（MB）', '存活堆（MB）'],
        rows.map((r) => [r.stage, String(r.threads), String(r.files), r.seconds.toFixed(2), perFile(r).toFixed(2), (r.bytes / MB / r.seconds).toFixed(1), mb(r.rssBefore), mb(r.rss), mb(r.heap), mb(r.heapAfter)]),
        [false, true, true, true, true, true, true, true, true, true],
      ),
    );
    console.log('');
  }
  for (const r of rows) {
    console.log(`${r.stage}：${r.files} 个文件 ${r.seconds.toFixed(2)} 秒（${perFile(r).toFixed(2)} 毫秒/文件），峰值内存 RSS ${mb(r.rss)} MB、堆 ${mb(r.heap)} MB`);
  }
  const check = rows.filter((r) => r.stage === 'check');
  const goal = check.find((r) => r.files === GOAL_FILES);
  if (goal) {
    const met = goal.seconds < GOAL_SECONDS;
    console.log(`目标（${GOAL_FILES} 个文件少于 ${GOAL_SECONDS} 秒）：${met ? '达到' : '未达到'}（${goal.seconds.toFixed(2)} 秒）`);
  } else if (check[0]) {
    console.log(`目标（${GOAL_FILES} 个文件少于 ${GOAL_SECONDS} 秒）：按每文件用时折算为 ${((perFile(check[0]) * GOAL_FILES) / 1000).toFixed(2)} 秒`);
  }
  const h = rows.filter((r) => r.stage === 'html');
  const goalHtml = h.find((r) => r.files === GOAL_FILES);
  if (goalHtml) console.log(`目标（${GOAL_FILES} 本公开册冷构建少于 60 秒）：${goalHtml.seconds < 60 ? '达到' : '未达到'}（${goalHtml.seconds.toFixed(1)} 秒）`);
  if (goalHtml) console.log(`目标（${GOAL_FILES} 本时峰值内存少于 1 GB）：${goalHtml.rss < 1024 * MB ? '达到' : '未达到'}（RSS ${mb(goalHtml.rss)} MB）`);
  const [p100, p1000] = [html.perBooklet.get(100), html.perBooklet.get(GOAL_FILES)];
  if (p100 && p1000) {
    const ratio = p1000 / p100;
    console.log(`目标（每本用时 ${GOAL_FILES} 本时不超过 100 本时的 1.2 倍）：${ratio <= 1.2 ? '达到' : '未达到'}（${p100.toFixed(1)} → ${p1000.toFixed(1)} 毫秒/本，${ratio.toFixed(2)} 倍）`);
  }
  const largest = sizes[sizes.length - 1]!;
  const big = largest >= SCALE_FILES ? h.find((r) => r.files === largest) : undefined;
  if (html.rebuildSeconds !== undefined) {
    const limit = big ? 15 : 10;
    console.log(`目标（改动一个数据文件后重建少于 ${limit} 秒）：${html.rebuildSeconds < limit ? '达到' : '未达到'}（${html.rebuildSeconds.toFixed(2)} 秒，${largest} 本中改一本）`);
  }
  if (big) {
    console.log(`目标（${largest} 本公开册冷构建少于 8 分钟）：${big.seconds < 480 ? '达到' : '未达到'}（${(big.seconds / 60).toFixed(1)} 分钟）`);
    console.log(`目标（${largest} 本时峰值内存少于 1.5 GB）：${big.rss < 1536 * MB ? '达到' : '未达到'}（RSS ${mb(big.rss)} MB）`);
    const [p1, pN] = [html.perBooklet.get(GOAL_FILES), html.perBooklet.get(largest)];
    if (p1 && pN) console.log(`每本用时 ${GOAL_FILES} 本时 ${p1.toFixed(1)} 毫秒，${largest} 本时 ${pN.toFixed(1)} 毫秒（${(pN / p1).toFixed(2)} 倍）`);
    const small = h.find((r) => r.files === GOAL_FILES);
    // Flat memory means the peak hardly grows with the booklets: what each added booklet costs.
    if (small) console.log(`每本内存：峰值 RSS ${GOAL_FILES} 本时 ${mb(small.rss)} MB，${largest} 本时 ${mb(big.rss)} MB，每多一本 ${((big.rss - small.rss) / (largest - GOAL_FILES) / 1024).toFixed(1)} KB`);
  }
  if (html.timings) {
    console.log(`${largest} 本冷构建各步用时（秒）：${Object.entries(html.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join('、')}`);
  }
  const searchLine = (s: NonNullable<BuildResult['search']>) => `${(s.ms / 1000).toFixed(2)} 秒（${s.pages} 页，重新索引 ${s.indexed}/${s.buckets} 个分桶）`;
  if (html.search.size) console.log(`搜索索引（冷构建，无缓存）：${[...html.search].map(([n, s]) => `${n} 本 ${searchLine(s)}`).join('；')}`);
  if (html.rebuildSearch) console.log(`搜索索引（改一个文件后重建）：${searchLine(html.rebuildSearch)}`);
  if (html.rebuildSitePages) console.log(`全站页面（改一个文件后重建）：列表页、部门页和单位页共 ${html.rebuildSitePages.of} 页，重写 ${html.rebuildSitePages.written} 页，其余沿用上次构建`);
  const CACHES = {
    cold: { short: '无缓存', long: '无缓存：CI 的合并作业没有恢复任何缓存，搜索索引和单位页图表从头做' },
    warm: { short: '有缓存', long: '有缓存：actions/cache 恢复了上次的 .cache/search 和 .cache/charts，这里用单机构建留下的' },
  } as const;
  for (const m of html.merges) {
    if (m.search) console.log(`搜索索引（合并分片，${CACHES[m.caches].short}）：${searchLine(m.search)}`);
  }
  for (const m of html.merges) {
    const what = `合并 ${m.shards} 个分片（${CACHES[m.caches].long}）`;
    if (m.failure) console.log(`${what}：未能合并（见下）`);
    else
      console.log(
        `目标（${what}少于 60 秒）：${m.seconds < 60 ? '达到' : '未达到'}（${largest} 本 ${m.seconds.toFixed(1)} 秒，峰值 RSS ${mb(m.rss)} MB；` +
          `合并结果的 SHA256SUMS 与单机构建${m.same ? '相同' : '不同'}）`,
      );
  }
  if (html.siteBytes !== undefined && html.booklets) {
    const perBooklet = (html.siteBytes - (html.assetBytes ?? 0)) / html.booklets;
    console.log(
      `网站大小：${largest} 本共 ${mb(html.siteBytes)} MB，每本 ${(perBooklet / 1024).toFixed(0)} KB（网页、CSV、数据；不含 PDF），` +
        `共用的字体和样式（assets/）${mb(html.assetBytes ?? 0)} MB，只存一份`,
    );
  }
  if (pdf.ours && pdf.bare) {
    const { ours, bare } = pdf;
    const ratio = ours.perBooklet / bare.perBooklet;
    console.log(
      `PDF：${pdf.booklets} 本样本公开册（${ours.pages} 页），${threads} 个页面同时打印，预热后 ${PDF_ROUNDS} 轮的平均：` +
        `每本 ${(ours.perBooklet / 1000).toFixed(3)} 秒（裸 Chromium ${(bare.perBooklet / 1000).toFixed(3)} 秒），` +
        `每秒 ${((ours.pages * 1000) / ours.wall).toFixed(1)} 页（裸 Chromium ${((bare.pages * 1000) / bare.wall).toFixed(1)} 页）`,
    );
    console.log(`目标（每本用时不超过裸 Chromium 的 ${PDF_GOAL_RATIO} 倍）：${ratio <= PDF_GOAL_RATIO ? '达到' : '未达到'}（${ratio.toFixed(2)} 倍；整轮用时 ${(ours.wall / bare.wall).toFixed(2)} 倍）`);
    const steps = Object.entries(pdf.phases).map(([k, v]) => `${k} ${v.toFixed(0)}`).join('、');
    console.log(`  预估的目录页码一次即对：${pdf.onePrint}/${pdf.booklets} 本；每本各步平均毫秒：${steps}`);
    for (const u of pdf.unpredicted) console.log(`  未能预估页码：${u}`);
    // Each worker a machine like this one, printing with as many pages as it has cores.
    const perBookletWall = ours.wall / 1000 / pdf.booklets;
    const projected = [1, 4, 16].map((w) => `${w} 台 ${formatDuration((SCALE_FILES * perBookletWall) / w)}`).join('，');
    console.log(`  按本机整轮用时（每本 ${perBookletWall.toFixed(3)} 秒）估算印 ${SCALE_FILES} 本 PDF（每台机器同本机，--shard 分给各台）：${projected}`);
  }
  if (check.length >= 2) {
    const [small, large] = [check[0]!, check[check.length - 1]!];
    // The peak depends on when V8 collects; what a run keeps (after a full collection) shows growth.
    const grows = large.heapAfter > small.heapAfter + 16 * MB;
    console.log(
      `内存：运行结束时存活的堆（完全回收后）${small.files} 个文件 ${mb(small.heapAfter)} MB，${large.files} 个文件 ${mb(large.heapAfter)} MB（${grows ? '随文件数增长' : '不随文件数增长'}）`,
    );
  }
}

// ─── main ─────────────────────────────────────────────────────────────────────────────────────────

const projectRoot = resolve(import.meta.dirname, '..');
const root = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
const cleanup = () => rmSync(root, { recursive: true, force: true });
process.once('SIGINT', () => {
  cleanup();
  process.exit(130);
});
process.once('SIGTERM', () => {
  cleanup();
  process.exit(143);
});

try {
  mkdirSync(join(root, 'data'));
  // The library (profiles, classification reference) as the project has it.
  for (const dir of ['_profiles', '_reference', '_schema']) {
    const from = join(projectRoot, 'data', dir);
    if (!existsSync(from)) continue;
    try {
      symlinkSync(from, join(root, 'data', dir), 'dir');
    } catch {
      cpSync(from, join(root, 'data', dir), { recursive: true });
    }
  }
  // The synthetic corpus is for check and html; the pdf stage prints the seeds.
  const synthetic = !only.length || only.includes('check') || only.includes('html');
  // Exactly the largest N: the district of N files is whole (every 部门 with its 单位 and years); so is every smaller N that is a multiple of SYNTHETIC_BLOCK.
  const count = synthetic ? Math.max(...sizes) : 0;
  const t0 = process.hrtime.bigint();
  const paths = writeSyntheticFiles(root, count);
  const genSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const bytesBefore = [0];
  for (const p of paths) bytesBefore.push(bytesBefore[bytesBefore.length - 1]! + statSync(p).size);
  const total = bytesBefore[paths.length]!;
  if (synthetic) {
    console.log(`gongkai 基准测试：合成的区 ${count} 个单位年度文件（部门及其 1–3 个单位，2023–2025 年各一份预算，表式 anhui-2024；部门 = Σ 单位，上年数 = 上年文件），平均 ${(total / count / 1024).toFixed(0)} KB，共 ${mb(total)} MB；生成用时 ${genSeconds.toFixed(2)} 秒。`);
    console.log(`${threads} 个线程（本线程 + ${threads - 1} 个工作线程；单线程用 --threads 1），预热 ${Math.min(WARMUP_FILES, count)} 个文件后计时；峰值堆为各线程峰值之和。\n`);
  } else console.log(`gongkai 基准测试（${only.join('、')}），${threads} 个线程。\n`);

  const rows: Row[] = [];
  for (const stage of STAGES) if (!only.length || only.includes(stage.name)) rows.push(...(await stage.run({ root, paths, bytesBefore })));
  report(rows);
  const problems = rows.filter((r) => r.problem);
  for (const r of problems) console.error(`${r.stage}（${r.files} 个文件）：${r.problem}`);
  if (problems.length) process.exitCode = 1;
} finally {
  cleanup();
}
