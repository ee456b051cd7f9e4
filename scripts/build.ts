/**
 * `npm run build [-- --out <dir>] [--no-charts] [--full] [--no-pdf]`: data files → check →
 * booklets → site and PDFs in _site/ (scripts/lib/site/build-site.ts draws the stages). A build with any error
 * stops before replacing anything, so the previously published output stays as it was.
 *
 * `--shard i/n` builds only the i-th of n parts (into _shards/i-of-n/ unless --out), and
 * `--merge <dir>…` assembles the parts into the site (scripts/lib/site/shard.ts, docs/分片构建.md).
 */
import { resolve } from 'node:path';
import { buildSite, mergeShards, SiteError, type BuildResult } from './lib/site/index.ts';
import { formatText, countBySeverity } from './lib/check/index.ts';

function usage(message: string): never {
  process.stderr.write(
    `${message}\n用法：npm run build -- [--out 输出文件夹] [--no-charts] [--full] [--no-pdf] [--shard i/n]\n` +
      `      npm run build -- --merge 分片文件夹… [--out 输出文件夹]\n`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
let outDir: string | undefined;
let charts = true;
let incremental = true;
let pdf = true;
let shard: { index: number; count: number } | undefined;
let merge: string[] | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--out') {
    const v = args[++i];
    if (!v) usage('--out 后面要写输出文件夹。');
    outDir = resolve(v);
  } else if (a === '--no-charts') charts = false;
  else if (a === '--full') incremental = false;
  else if (a === '--no-pdf') pdf = false;
  else if (a === '--shard') {
    const m = /^(\d+)\/(\d+)$/.exec(args[++i] ?? '');
    const [index, count] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    if (!m || index < 1 || index > count) usage(`--shard 后面要写 i/n（第 i 个分片，共 n 个，1 ≤ i ≤ n），实际是 ${args[i] ?? '（空）'}。`);
    shard = { index, count };
  } else if (a === '--merge') {
    merge = [];
    while (i + 1 < args.length && !args[i + 1]!.startsWith('--')) merge.push(resolve(args[++i]!));
    if (!merge.length) usage('--merge 后面要写各分片的输出文件夹。');
  } else usage(`不认识的选项 ${a}。`);
}
if (shard && merge) usage('--shard 与 --merge 不能同时使用：先构建各分片，再合并。');
if (merge && (!charts || !pdf || !incremental)) usage('--merge 沿用各分片的构建选项，不另加 --no-charts、--no-pdf、--full。');
if (shard && !outDir) outDir = resolve(`_shards/${shard.index}-of-${shard.count}`);
const shown = outDir ?? '_site/';

try {
  const result = merge
    ? await mergeShards({ root: process.cwd(), dirs: merge, ...(outDir ? { outDir } : {}) })
    : await buildSite({ root: process.cwd(), charts, incremental, pdf, ...(shard ? { shard } : {}), ...(outDir ? { outDir } : {}) });
  if (!result.ok) {
    const errors = result.findings.filter((f) => f.severity === 'error');
    if (errors.length) process.stdout.write(formatText(errors, result.files));
    const hint = errors.length ? '请先运行 npm run check 查看全部问题。' : '';
    process.stderr.write(`构建停止：${result.failure}。已发布的内容（${shown}）未改动。${hint}\n`);
    // exitCode, not exit(): the error list on a piped stdout must be written out in full first.
    process.exitCode = 1;
  } else report(result);
} catch (e) {
  if (e instanceof SiteError) {
    process.stderr.write(`构建停止：${e.message}。已发布的内容（${shown}）未改动。\n`);
    process.exitCode = 1;
  } else throw e;
}

function report(result: BuildResult): void {
  const counts = countBySeverity(result.findings);
  const corrected = result.findings.filter((f) => f.rule === 'text.corrected');
  if (corrected.length) {
    console.log(`情况说明中有 ${corrected.length} 处数字按表中数据更正后印出：`);
    for (const f of corrected) console.log(`  ${f.file}:${f.line}:${f.column} ${f.message}`);
  }
  if (result.blocked.length) {
    console.log(`打印时拦截了 ${result.blocked.length} 个指向构建文件夹以外的请求（PDF 中不含这些内容）：`);
    for (const b of result.blocked) console.log(`  ${b}`);
  }
  if (result.shrunk.length) {
    console.log(`警告：${result.shrunk.length} 本 PDF 中有内容比页面宽，Chromium 把整本缩小打印（请检查模板和 styles/print.css）：`);
    for (const b of result.shrunk) console.log(`  ${b}`);
  }
  if (merge) {
    console.log(
      `已把 ${merge.length} 个分片合并为 ${result.summaries.length} 本公开册（${result.files} 个数据文件）的网站到 ${shown}；` +
        `${counts.warning} 个警告，${counts.notice} 个提示（npm run check 查看详情）。`,
    );
    return;
  }
  const pdfNote = pdf
    ? `，印出 PDF ${result.printed} 本${result.printCached ? `（其中 ${result.printCached} 本内容未变，取自缓存）` : ''}`
    : '，未印 PDF（--no-pdf）';
  const part = shard ? `分片 ${shard.index}/${shard.count}：` : '';
  const next = shard ? `；全部分片完成后用 npm run build -- --merge 合并为网站` : '';
  console.log(
    `${part}已生成 ${result.summaries.length} 本公开册（${result.files} 个数据文件，本次重建 ${result.rebuilt} 个${pdfNote}）到 ${shown}；` +
      `${counts.warning} 个警告，${counts.notice} 个提示（npm run check 查看详情）${next}。`,
  );
}
