/**
 * `npm run check [--format text|json|github] [paths…]`
 * Validates data files (default: all of data/), prints every finding of every file,
 * exits 1 if any finding is an error, 2 on a usage mistake.
 */
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { checkFilesParallel } from './lib/check-parallel.ts';
import { formatFindings, type OutputFormat } from './lib/report.ts';
import { countBySeverity } from './lib/findings.ts';

function usage(message: string): never {
  process.stderr.write(`${message}\n用法：npm run check -- [--format text|json|github] [文件…]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let format: OutputFormat = 'text';
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
process.stdout.write(formatFindings(result.findings, format, result.files.length));
process.exit(countBySeverity(result.findings).error > 0 ? 1 : 0);
