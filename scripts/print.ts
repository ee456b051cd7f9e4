/**
 * `npm run print -- data/<unit>/<year>.json [--kind budget|final] [--out file.pdf]`: one
 * booklet's PDF, without building the site — for looking at the print layout while editing
 * templates/print.njk or styles/print.css.
 *
 *   data file ─ check ─ view model (build-chunk.ts) ─ print document, fonts, styles → temporary folder
 *             ─ PrintPool (scripts/lib/pdf/) ─ <unit>-<year>-<kind>.pdf here (or --out)
 *
 * Uses the PDF cache (.cache/pdf/) like the build, so printing an unchanged booklet again is instant.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { checkFile, formatText } from './lib/check/index.ts';
import { loadLibrary } from './lib/model/index.ts';
import { buildBooklet, BookletError } from './lib/booklet/index.ts';
import { summaryOf, loadSiteConfig, printJob, SiteError, FontError } from './lib/site/index.ts';
import { PrintError, PrintPool, writePrintFolder } from './lib/pdf/index.ts';

function usage(message: string): never {
  process.stderr.write(`${message}\n用法：npm run print -- data/<单位>/<年度>.json [--kind budget|final] [--out 文件.pdf]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let dataPath: string | undefined;
let kindArg: 'budget' | 'final' | undefined;
let outArg: string | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const [flag, inline] = a.includes('=') && a.startsWith('--') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
  if (flag === '--kind') {
    const v = inline ?? args[++i];
    if (v !== 'budget' && v !== 'final') usage(`--kind 只能是 budget（预算）或 final（决算），实际是 ${v ?? '（空）'}。`);
    kindArg = v;
  } else if (flag === '--out') {
    const v = inline ?? args[++i];
    if (!v) usage('--out 后面要写 PDF 文件名。');
    outArg = v;
  } else if (a.startsWith('-')) usage(`不认识的选项 ${a}。`);
  else if (dataPath) usage(`一次只打印一个数据文件（多给了 ${a}）。`);
  else dataPath = a;
}
if (!dataPath) usage('请给出一个数据文件。');
if (!existsSync(dataPath)) usage(`找不到文件 ${dataPath}。`);

const root = resolve(import.meta.dirname, '..');
const absData = resolve(dataPath);
const label = shown(absData);
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-print-'));
const cleanup = () => rmSync(tmp, { recursive: true, force: true });
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

/** A path as the user would type it: relative when under the current folder. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function stop(message: string): never {
  cleanup();
  process.stderr.write(`打印停止：${message}\n`);
  process.exit(1);
}

try {
  const lib = loadLibrary(root);
  const checked = checkFile(root, absData, lib);
  const errors = checked.findings.filter((f) => f.severity === 'error');
  if (errors.length || !checked.data) {
    process.stdout.write(formatText(errors, 1));
    stop(`${label} 有错误，请先改正（npm run check -- ${label}）`);
  }
  const data = checked.data;
  const kinds = (['budget', 'final'] as const).filter((k) => data.documents[k]);
  const kind = kindArg ?? (kinds.length === 1 ? kinds[0] : undefined);
  if (!kind) stop(`${label} 中有预算和决算两份文件，请用 --kind budget 或 --kind final 选择一份`);
  if (!data.documents[kind]) stop(`${label} 中没有${kind === 'budget' ? '预算' : '决算'}文件`);
  const outPath = resolve(outArg ?? `${data.unit.id}-${data.year}-${kind}.pdf`);

  const { view } = await buildBooklet(data, kind, lib, { charts: true });
  await writePrintFolder(root, tmp, loadSiteConfig(root), [view]);

  const pool = await PrintPool.open({ root: tmp, cacheDir: join(root, '.cache/pdf'), size: 1 });
  try {
    const job = { ...printJob(tmp, summaryOf(view)), outPath, label };
    const r = await pool.print(job);
    const landscape = r.pageSizes.filter(([w, h]) => w > h).length;
    const how = r.cached ? '内容未变，取自缓存' : r.prints === 1 ? '打印 1 次' : `打印 ${r.prints} 次（预估的目录页码有误，已按实际页码重印）`;
    console.log(
      `已打印 ${label}（${view.kindZh}）→ ${shown(outPath)}：${r.pages} 页` +
        `${landscape ? `（其中横向 ${landscape} 页）` : ''}，用时 ${(r.ms / 1000).toFixed(2)} 秒，${how}。`,
    );
    if (r.shrink) {
      console.log(`注意：${r.shrink.widest} 比它所在的页面宽，Chromium 因此把整本按 ${Math.round(r.shrink.factor * 100)}% 缩小打印（请检查模板和 styles/print.css）。`);
    }
    if (r.blocked.length) {
      console.log(`打印时拦截了 ${r.blocked.length} 个指向构建文件夹以外的请求（PDF 中不含这些内容）：`);
      for (const u of r.blocked) console.log(`  ${u}`);
    }
  } finally {
    await pool.close();
  }
  cleanup();
} catch (e) {
  if (e instanceof PrintError || e instanceof SiteError || e instanceof FontError || e instanceof BookletError) stop(e.message);
  cleanup();
  throw e;
}
