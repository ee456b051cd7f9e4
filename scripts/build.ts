/**
 * `npm run build [-- --out <dir>] [--no-charts] [--full] [--no-pdf]`: data files → check →
 * booklets → site and PDFs in _site/ (scripts/lib/site/build-site.ts draws the stages). A build with any error
 * stops before replacing anything, so the previously published output stays as it was.
 */
import { resolve } from 'node:path';
import { buildSite, SiteError, type BuildResult } from './lib/site/index.ts';
import { formatText, countBySeverity } from './lib/check/index.ts';

function usage(message: string): never {
  process.stderr.write(`${message}\n用法：npm run build -- [--out 输出文件夹] [--no-charts] [--full] [--no-pdf]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let outDir: string | undefined;
let charts = true;
let incremental = true;
let pdf = true;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--out') {
    const v = args[++i];
    if (!v) usage('--out 后面要写输出文件夹。');
    outDir = resolve(v);
  } else if (a === '--no-charts') charts = false;
  else if (a === '--full') incremental = false;
  else if (a === '--no-pdf') pdf = false;
  else usage(`不认识的选项 ${a}。`);
}
const shown = outDir ?? '_site/';

try {
  const result = await buildSite({ root: process.cwd(), charts, incremental, pdf, ...(outDir ? { outDir } : {}) });
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
  const pdfNote = pdf
    ? `，印出 PDF ${result.printed} 本${result.printCached ? `（其中 ${result.printCached} 本内容未变，取自缓存）` : ''}`
    : '，未印 PDF（--no-pdf）';
  console.log(
    `已生成 ${result.summaries.length} 本公开册（${result.files} 个数据文件，本次重建 ${result.rebuilt} 个${pdfNote}）到 ${shown}；` +
      `${counts.warning} 个警告，${counts.notice} 个提示（npm run check 查看详情）。`,
  );
}
