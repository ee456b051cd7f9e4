/**
 * `npm run build [-- --no-charts]`: data files → check → booklets → site in _site/
 * (scripts/lib/site/build-site.ts draws the stages). A build with any error finding
 * stops before writing anything, so the previously published output stays as it was.
 */
import { buildSite, SiteError } from './lib/site/build-site.ts';
import { formatText } from './lib/report.ts';
import { countBySeverity } from './lib/findings.ts';

const args = process.argv.slice(2);
const known = new Set(['--no-charts', '--no-pdf']);
const unknown = args.find((a) => !known.has(a));
if (unknown) {
  process.stderr.write(`不认识的选项 ${unknown}。\n用法：npm run build -- [--no-pdf] [--no-charts]\n`);
  process.exit(2);
}

try {
  const result = await buildSite({ root: process.cwd(), charts: !args.includes('--no-charts') });
  const counts = countBySeverity(result.findings);
  if (!result.ok) {
    process.stdout.write(formatText(result.findings.filter((f) => f.severity === 'error'), result.files));
    process.stderr.write(`构建停止：${result.failure}。已发布的内容（_site/）未改动。请先运行 npm run check 查看全部问题。\n`);
    process.exit(1);
  }
  const corrected = result.findings.filter((f) => f.rule === 'text.corrected');
  if (corrected.length) process.stdout.write(formatText(corrected, result.files));
  console.log(
    `已生成 ${result.summaries.length} 本公开册（${result.files} 个数据文件，其中 ${result.rebuilt} 个有改动）到 _site/；` +
      `${counts.warning} 个警告，${counts.notice} 个提示（npm run check 查看详情）。`,
  );
} catch (e) {
  if (e instanceof SiteError) {
    process.stderr.write(`构建停止：${e.message}。已发布的内容（_site/）未改动。\n`);
    process.exit(1);
  }
  throw e;
}
