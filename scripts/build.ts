/**
 * `npm run build [-- --out <dir>] [--no-charts] [--full]`: data files → check → booklets →
 * site in _site/ (scripts/lib/site/build-site.ts draws the stages). A build with any error
 * stops before replacing anything, so the previously published output stays as it was.
 */
import { resolve } from 'node:path';
import { buildSite, SiteError } from './lib/site/build-site.ts';
import { formatText } from './lib/report.ts';
import { countBySeverity } from './lib/findings.ts';

function usage(message: string): never {
  process.stderr.write(`${message}\n用法：npm run build -- [--out 输出文件夹] [--no-charts] [--full] [--no-pdf]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let outDir: string | undefined;
let charts = true;
let incremental = true;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--out') {
    const v = args[++i];
    if (!v) usage('--out 后面要写输出文件夹。');
    outDir = resolve(v);
  } else if (a === '--no-charts') charts = false;
  else if (a === '--full') incremental = false;
  else if (a === '--no-pdf') {
    // The PDF stage (issue #4) is not part of the build yet; accepted so scripts can pass it already.
  } else usage(`不认识的选项 ${a}。`);
}
const shown = outDir ?? '_site/';

try {
  const result = await buildSite({ root: process.cwd(), charts, incremental, ...(outDir ? { outDir } : {}) });
  const counts = countBySeverity(result.findings);
  if (!result.ok) {
    const errors = result.findings.filter((f) => f.severity === 'error');
    if (errors.length) process.stdout.write(formatText(errors, result.files));
    process.stderr.write(`构建停止：${result.failure}。已发布的内容（${shown}）未改动。请先运行 npm run check 查看全部问题。\n`);
    process.exit(1);
  }
  const corrected = result.findings.filter((f) => f.rule === 'text.corrected');
  if (corrected.length) {
    console.log(`情况说明中有 ${corrected.length} 处数字按表中数据更正后印出：`);
    for (const f of corrected) console.log(`  ${f.file}:${f.line}:${f.column} ${f.message}`);
  }
  console.log(
    `已生成 ${result.summaries.length} 本公开册（${result.files} 个数据文件，本次重建 ${result.rebuilt} 个）到 ${shown}；` +
      `${counts.warning} 个警告，${counts.notice} 个提示（npm run check 查看详情）。`,
  );
} catch (e) {
  if (e instanceof SiteError) {
    process.stderr.write(`构建停止：${e.message}。已发布的内容（${shown}）未改动。\n`);
    process.exit(1);
  }
  throw e;
}
