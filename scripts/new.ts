/**
 * `npm run new -- <unit-id> <year> [--kind budget|final] [--profile <id>] [--name <单位全称>] [--level department|unit]`
 * Scaffolds the unit's data file for the year from its history (scaffold.ts), never over an
 * existing file or document; prints what was carried over, what is left to fill, and what
 * `check` now says about the file. Exit 1 on a refusal, 2 on a usage mistake.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSummary, scaffold, writeScaffold, ScaffoldError, type ScaffoldOptions } from './lib/edit/index.ts';
import { checkBytes, countBySeverity } from './lib/check/index.ts';
import { loadLibrary } from './lib/model/index.ts';

const USAGE = `用法：npm run new -- <单位标识> <年度> [--kind budget|final] [--profile <表式>] [--name <单位全称>] [--level department|unit]
  --kind     budget 预算（默认）或 final 决算
  --profile  表式（data/_profiles/ 中的文件名，不含 .json）；没有历史数据时必填
  --name     单位全称；没有历史数据时必填
  --level    department 部门（默认）或 unit 单位；没有历史数据时使用`;

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const positional: string[] = [];
const options: ScaffoldOptions = { kind: 'budget' };
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const eq = a.indexOf('=');
  const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
  const value = () => (a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : args[++i]);
  if (name === '--kind') {
    const v = value();
    if (v !== 'budget' && v !== 'final') usage(`--kind 只能是 budget 或 final，实际是 ${v ?? '（空）'}。`);
    options.kind = v;
  } else if (name === '--profile') {
    const v = value();
    if (!v) usage('--profile 后面要写表式名称。');
    options.profile = v;
  } else if (name === '--name') {
    const v = value();
    if (!v) usage('--name 后面要写单位全称。');
    options.name = v;
  } else if (name === '--level') {
    const v = value();
    if (v !== 'department' && v !== 'unit') usage(`--level 只能是 department 或 unit，实际是 ${v ?? '（空）'}。`);
    options.level = v;
  } else if (a.startsWith('-')) {
    usage(`不认识的选项 ${a}。`);
  } else {
    positional.push(a);
  }
}
if (positional.length !== 2) usage(positional.length < 2 ? '缺少单位标识或年度。' : `多余的参数：${positional.slice(2).join(' ')}。`);
const [unitId, yearText] = positional as [string, string];
if (!/^\d{4}$/.test(yearText)) usage(`年度应为四位数字，实际是 ${yearText}。`);

const root = process.cwd();
try {
  const lib = loadLibrary(root);
  const s = scaffold(root, unitId, Number(yearText), options, lib);
  writeScaffold(root, s);
  process.stdout.write(formatSummary(s));
  // What check says now about the new document: the 待填 items of the summary above.
  const base = `/documents/${options.kind}`;
  const checked = checkBytes(s.file, readFileSync(join(root, s.file)), lib);
  const mine = checked.findings.filter((f) => f.pointer === base || f.pointer.startsWith(`${base}/`));
  const c = countBySeverity(mine);
  process.stdout.write(`npm run check 对新${options.kind === 'budget' ? '预算' : '决算'}报告：${c.error} 个错误，${c.warning} 个警告，${c.notice} 个提示。\n`);
} catch (e) {
  if (e instanceof ScaffoldError) {
    if (e.exitCode === 2) usage(e.message);
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
