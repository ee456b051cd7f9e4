/**
 * `npm run serve [-- --port 8080] [data/<unit>/<year>.json …]`: a local preview that rebuilds on
 * save and shows each data file's check findings on its booklet pages (issue #5).
 *
 *   data/, templates/, styles/ ─ saved (200 ms quiet) ─▶ buildSite({ preview: true, pdf: false })
 *       into .cache/preview/site/ with its own manifest (.cache/preview/build-manifest.json), so
 *       only the edited file is rebuilt; _site/ and the build's manifest are never touched
 *     ok ─▶ every booklet page opens with its file's findings (components/preview-findings.njk);
 *           the open pages reload (the edited page by DOM diff, keeping its scroll position)
 *     ✗  ─▶ the last good pages stay on disk; every page request gets the error page instead
 *           (layouts/preview-errors.njk: each error at file:line:column), until a build succeeds
 *
 * Served by Eleventy's dev server (@11ty/eleventy-dev-server, shipped with Eleventy 3), bound to
 * 127.0.0.1 only. It adds its live-reload script to the pages it serves (a same-origin file, so
 * the pages' CSP `default-src 'self'` allows it); the files on disk never contain it. One build
 * at a time: saves during a build are built together after it. With data files named, only
 * those are built and watched. One preview per project (.cache/preview/serve.pid). Edits under
 * scripts/ need a restart (the code is loaded once).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import EleventyDevServer from '@11ty/eleventy-dev-server';
import { watch } from '@11ty/chokidar-with-glob-support';
import { buildSite, loadSiteConfig, type BuildResult, type BookletSummary, type SiteConfig } from './lib/site/index.ts';
import { countsZh, errorPage, failureReport, type FailureReport } from './lib/edit/index.ts';
import { formatText, type Finding } from './lib/check/index.ts';
import { processAlive } from './lib/util/index.ts';

const HOST = '127.0.0.1';
/** Editors save in several writes; wait for this long a quiet spell before building. */
const QUIET_MS = 200;

function usage(message: string): never {
  process.stderr.write(`${message}\n用法：npm run serve -- [--port 端口] [data/<单位>/<年度>.json …]\n`);
  process.exit(2);
}

const root = process.cwd();
const rel = (p: string) => relative(root, p).split(sep).join('/');

let port = 8080;
const dataPaths: string[] = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--port' || a.startsWith('--port=')) {
    const v = a === '--port' ? args[++i] : a.slice('--port='.length);
    if (!v || !/^\d+$/.test(v) || Number(v) > 65535) usage('--port 后面要写端口号（0-65535，0 表示任选一个空闲端口）。');
    port = Number(v);
  } else if (a.startsWith('-')) usage(`不认识的选项 ${a}。`);
  else {
    const p = resolve(a);
    if (!existsSync(p)) usage(`找不到数据文件 ${a}。`);
    if (!/^data\/[^_./][^/]*\/[^/]+\.json$/.test(rel(p))) usage(`${a} 不是数据文件（应为 data/<单位>/<年度>.json）。`);
    dataPaths.push(p);
  }
}
const onlyFiles = dataPaths.length ? new Set(dataPaths.map(rel)) : undefined;

const previewDir = join(root, '.cache/preview');
const outDir = join(previewDir, 'site');
const manifestPath = join(previewDir, 'build-manifest.json');

// One preview per project: two would build into the same folder at once.
const lockPath = join(previewDir, 'serve.pid');
const holder = existsSync(lockPath) ? Number(readFileSync(lockPath, 'utf8')) : 0;
if (holder && holder !== process.pid && processAlive(holder)) {
  process.stderr.write(`另一个预览（进程 ${holder}）正在使用 ${rel(previewDir)}/，请先在它的窗口按 Ctrl+C 结束它。\n`);
  process.exit(1);
}
mkdirSync(previewDir, { recursive: true });
writeFileSync(lockPath, String(process.pid));


/** The dev server listens on every interface; the preview is for this machine only. */
class LocalDevServer extends EleventyDevServer {
  override _serverListen(p: number): void {
    this.server.listen({ port: p, host: HOST });
  }
}

// ───────── state ─────────

/** Set while the last build failed: every page request gets the error page. */
let failure: FailureReport | undefined;
/** For the error page's header and footer (undefined when site.json itself is what failed). */
let site: SiteConfig | undefined;
let server: LocalDevServer | undefined;
/** The named data files' booklets, to list their addresses at the start. */
let pagesOf: BookletSummary[] = [];

const clock = () => new Date().toTimeString().slice(0, 8);
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} 秒`;
const isUnitData = (r: string) => /^data\/[^_][^/]*\/[^/]+\.json$/.test(r);

/** Is a change to this file (relative path) one the preview rebuilds for? */
function relevant(r: string): boolean {
  if (r.startsWith('data/')) return r.endsWith('.json') && (!onlyFiles || !isUnitData(r) || onlyFiles.has(r));
  if (r.startsWith('templates/')) return r.endsWith('.njk');
  return r.startsWith('styles/') && r.endsWith('.css');
}

// ───────── one build ─────────

interface Outcome {
  result?: BuildResult;
  /** A build that threw (settings file, fonts, a bug): its message. */
  thrown?: string;
  ms: number;
}

async function build(): Promise<Outcome> {
  const t0 = performance.now();
  // A named file deleted meanwhile is left out; with none left, nothing (not everything) is built.
  const paths = dataPaths.filter((p) => existsSync(p));
  if (onlyFiles && !paths.length) return { thrown: `找不到数据文件 ${[...onlyFiles].join('、')}`, ms: 0 };
  try {
    const result = await buildSite({ root, outDir, manifestPath, pdf: false, preview: true, ...(paths.length ? { dataPaths: paths } : {}) });
    return { result, ms: performance.now() - t0 };
  } catch (e) {
    return { thrown: e instanceof Error ? e.message : String(e), ms: performance.now() - t0 };
  }
}

/** Prints the build's line (and its errors), and sets what the server shows. */
function report(changed: string[], o: Outcome): void {
  const dataChanged = changed.filter(isUnitData);
  const what = !changed.length
    ? onlyFiles
      ? [...onlyFiles].join('、')
      : '全部数据文件'
    : changed.length <= 3
      ? changed.join('、')
      : `${changed.length} 个文件`;
  // The edited data files' findings when only data files changed; else the whole site's.
  const mine = (fs: Finding[]) => (dataChanged.length && dataChanged.length === changed.length ? fs.filter((f) => dataChanged.includes(f.file)) : fs);
  try {
    site = loadSiteConfig(root);
  } catch {
    site = undefined;
  }
  const r = o.result;
  if (r?.ok) {
    failure = undefined;
    if (onlyFiles) pagesOf = r.summaries.filter((b) => onlyFiles.has(`data/${b.unitId}/${b.year}.json`));
    const redone = changed.length ? `已重新生成（用时 ${seconds(o.ms)}）` : `已生成 ${r.summaries.length} 本公开册（${r.files} 个数据文件，用时 ${seconds(o.ms)}）`;
    console.log(`${clock()} ${what}：${redone}；${countsZh(mine(r.findings))}。`);
    return;
  }
  const reason = r ? (r.failure ?? '未能生成') : (o.thrown ?? '未能生成');
  failure = failureReport(reason, r?.findings ?? []);
  const errors = (r?.findings ?? []).filter((f) => f.severity === 'error');
  const counts = r?.findings.length ? `；${countsZh(mine(r.findings))}` : '';
  console.log(`${clock()} ${what}：有问题，未能生成（用时 ${seconds(o.ms)}）${counts}。预览显示下面的问题，改正并保存后自动重新生成：`);
  // check's own format, without its closing line (which would count these errors only).
  const listed = errors.length ? formatText(errors, 0).trimEnd().split('\n').slice(0, -1) : [`  ${reason}`];
  console.log(listed.join('\n'));
}

/** Tells the open pages to reload. */
function reload(changed: string[], o: Outcome, wasFailing: boolean): void {
  if (!server) return;
  const r = o.result;
  const out = (p: string) => join(outDir, ...p.split('/'));
  if (r?.ok && !wasFailing && changed.length && changed.every((c) => c.endsWith('.css'))) {
    server.reloadFiles(['assets/site.css'].map(out)); // stylesheets in place, no page reload
  } else if (r?.ok && !wasFailing && changed.length && changed.every(isUnitData)) {
    // The edited files' pages, by DOM diff when one of them is the page shown; others reload.
    const pages = r.summaries.filter((s) => changed.includes(`data/${s.unitId}/${s.year}.json`)).map((s) => out(s.paths.html));
    server.reloadFiles(pages.length ? pages : [out('index.html')]);
  } else {
    server.reload({ files: [], build: { templates: [] } }); // a full reload of every open page
  }
}

// ───────── one build at a time ─────────

const pending = new Set<string>();
let timer: NodeJS.Timeout | undefined;
let building = false;

async function run(changed: string[]): Promise<void> {
  building = true;
  try {
    const wasFailing = failure !== undefined;
    const o = await build();
    report(changed, o);
    reload(changed, o, wasFailing);
  } catch (e) {
    console.error(`${clock()} 预览出错：${e instanceof Error ? e.message : String(e)}`);
  } finally {
    building = false;
  }
  if (pending.size) schedule();
}

function schedule(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    // A build in progress picks the changes up when it ends (run → schedule).
    if (building || !pending.size) return;
    const changed = [...pending].sort();
    pending.clear();
    void run(changed);
  }, QUIET_MS);
}

// ───────── the server: the pages, or the error page while the last build failed ─────────

function showFailure(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  if (!failure || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return next();
  }
  const ext = extname(path);
  if (path.startsWith('/.11ty/') || (ext !== '' && ext !== '.html')) return next(); // styles, fonts, CSV, the reload script
  res.setHeader('Cache-Control', 'no-store');
  try {
    const html = errorPage(root, failure, path, site);
    // 200, not 5xx: the dev server then links its reload script instead of inlining it, which the CSP would block.
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(html);
  } catch (e) {
    // The error page's own template is broken (a developer editing templates/): plain text still tells what to fix.
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`预览：${failure.reason}\n${failure.panels.flatMap((p) => p.findings.map((f) => `${f.location} ${f.severityZh} ${f.pointer} ${f.message}`)).join('\n')}\n\n错误页无法显示：${e instanceof Error ? e.message : String(e)}\n`);
  }
}

const watcher = watch(['data', 'templates', 'styles'].map((d) => join(root, d)), {
  ignoreInitial: true,
  awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 25 },
});
const onChange = (p: string) => {
  const r = rel(resolve(root, p));
  if (!relevant(r)) return;
  pending.add(r);
  if (!building) schedule();
};
watcher.on('add', onChange).on('change', onChange).on('unlink', onChange);
watcher.on('error', (e) => console.error(`${clock()} 监视文件时出错：${e instanceof Error ? e.message : String(e)}`));
await new Promise<void>((done) => watcher.on('ready', done));

let closing = false;
async function stop(): Promise<void> {
  if (closing) return;
  closing = true;
  clearTimeout(timer);
  await watcher.close();
  await server?.close();
  rmSync(lockPath, { force: true });
  console.log('预览已停止。');
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
// A failed Eleventy run can leave a promise of its own rejected after the build has reported the
// failure (a passthrough copy into a staging folder that is gone): the preview carries on.
process.on('unhandledRejection', (e) => console.error(`${clock()} 预览出错：${e instanceof Error ? e.message : String(e)}`));

console.log(`正在生成预览（${rel(outDir)}/，不影响 _site/）……`);
await run([]);

server = new LocalDevServer('gongkai-preview', outDir, {
  port,
  liveReload: true,
  domDiff: true,
  showAllHosts: false,
  headers: { 'Cache-Control': 'no-store' },
  messageOnStart: () => false,
  logger: {
    info: () => {},
    log: () => {},
    // The server's own messages (a page not found, a port in use) in its words; 404s are routine (favicon.ico).
    error: (...a: unknown[]) => {
      const m = a.map(String).join(' ');
      if (!m.startsWith('HTTP 404')) console.error(`${clock()} 预览服务器：${m}`);
    },
  },
  middleware: [showFailure],
});
server.serve(port);
await server.ready();
const url = `http://${HOST}:${(server.server.address() as AddressInfo).port}/`;
console.log(`预览地址：${url}（只有本机能打开）`);
for (const s of pagesOf) console.log(`  ${url}${s.paths.html}`);
console.log('保存 data/、templates/、styles/ 中的文件后自动重新生成并刷新页面；按 Ctrl+C 结束。');
