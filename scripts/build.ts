/**
 * `npm run build`: data files → check → booklets (HTML site and PDFs, issues #3/#4).
 * A build with any error finding stops before writing anything, so the previously
 * published output stays as it was.
 */
import { checkFiles } from './lib/check.ts';
import { formatText } from './lib/report.ts';
import { countBySeverity } from './lib/findings.ts';

const result = checkFiles(process.cwd());
const counts = countBySeverity(result.findings);
if (counts.error > 0) {
  process.stdout.write(formatText(result.findings.filter((f) => f.severity === 'error'), result.files.length));
  console.error(`构建停止：数据有 ${counts.error} 个错误，已发布的内容未改动。请先运行 npm run check 查看全部问题。`);
  process.exit(1);
}
console.log(`数据检查通过：${result.files.length} 个文件，${counts.warning} 个警告，${counts.notice} 个提示（npm run check 查看详情）。`);
