/**
 * `npm run check [--format text|json|github] [--out <file>] [paths…]`
 * Validates data files (default: all of data/), prints every finding of every file,
 * exits 1 if any finding is an error, 2 on a usage mistake.
 *
 * --out writes the report to a file instead of stdout: `npm run check -- --format json > f.json`
 * would also catch npm's own banner lines (npm prints them to stdout), so the file would not be
 * JSON; `npm run -s check …` (silent npm) or --out avoid that. The file is written whole, through a
 * temporary name, so an interrupted run never leaves half a report.
 *
 * With --format github inside GitHub Actions (GITHUB_STEP_SUMMARY set), the full findings are
 * also appended to the step's job summary as Markdown: GitHub shows only the first annotations
 * of a step. A summary that cannot be written is reported and does not change the exit code
 * (as on GitHub, where a failed summary upload does not fail the step).
 */
import { resolve } from 'node:path';
import { appendFileSync, existsSync, statSync } from 'node:fs';
import { writeFileAtomic } from './lib/util/index.ts';
import { checkFilesParallel, formatFindings, formatMarkdown, SUMMARY_MAX_BYTES, type OutputFormat, countBySeverity } from './lib/check/index.ts';

function usage(message: string): never {
  process.stderr.write(`${message}\n用法：npm run check -- [--format text|json|github] [--out 输出文件] [文件…]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let format: OutputFormat = 'text';
let out: string | undefined;
const paths: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--format') {
    const v = args[++i];
    if (v !== 'text' && v !== 'json' && v !== 'github') usage(`--format 只能是 text、json 或 github，实际是 ${v ?? '（空）'}。`);
    format = v;
  } else if (a.startsWith('--format=')) {
    const v = a.slice('--format='.length);
    if (v !== 'text' && v !== 'json' && v !== 'github') usage(`--format 只能是 text、json 或 github，实际是 ${v}。`);
    format = v;
  } else if (a === '--out' || a.startsWith('--out=')) {
    const v = a === '--out' ? args[++i] : a.slice('--out='.length);
    if (!v || v.startsWith('-')) usage('--out 后面要写输出文件的路径。');
    out = resolve(v);
  } else if (a.startsWith('-')) {
    usage(`不认识的选项 ${a}。`);
  } else {
    if (!existsSync(a)) usage(`找不到文件 ${a}。`);
    paths.push(resolve(a));
  }
}

const root = process.cwd();
// Findings only (no data kept); many files are shared among the cores (check-parallel.ts).
const result = await checkFilesParallel(root, paths);
const report = formatFindings(result.findings, format, result.files.length);
const counts = countBySeverity(result.findings);
if (out) {
  try {
    writeFileAtomic(out, report);
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : String(e);
    process.stderr.write(`无法写入 ${out}（${reason}）。\n`);
    process.exit(2);
  }
  process.stderr.write(`检查了 ${result.files.length} 个文件：${counts.error} 个错误，${counts.warning} 个警告，${counts.notice} 个提示。结果已写入 ${out}。\n`);
} else {
  process.stdout.write(report);
}
if (format === 'github') {
  const summary = process.env.GITHUB_STEP_SUMMARY;
  let written = false;
  if (summary) {
    try {
      const used = existsSync(summary) ? statSync(summary).size : 0;
      appendFileSync(summary, formatMarkdown(result.findings, result.files.length, SUMMARY_MAX_BYTES - used));
      written = true;
    } catch (e) {
      const reason = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : String(e);
      process.stderr.write(`无法写入 GitHub 作业摘要 ${summary}（${reason}），检查结果只在上面的注释中。\n`);
    }
  }
  // On stderr: stdout stays the workflow commands alone; the runner logs both.
  process.stderr.write(
    `检查了 ${result.files.length} 个文件：${counts.error} 个错误，${counts.warning} 个警告，${counts.notice} 个提示。${written ? '全部发现见本步骤的作业摘要（Summary）。' : ''}\n`,
  );
}
// exitCode, not exit(): a piped stdout (a slow reader, GitHub's runner) must be written out in full first.
process.exitCode = counts.error > 0 ? 1 : 0;
