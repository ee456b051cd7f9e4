/**
 * `npm run import -- <folder | workbooks…> --unit <部门>` imports a 部门 and its 单位 together
 * (lib/import/folder.ts): all files or none, linked, checked across files.
 * `npm run import -- <workbook> --unit <id> [--year <y>] [--kind budget|final] [--profile <p>] [--out <file>] [--update]`
 * Reads the budget system's exported workbook (.xlsx / .xls) into a data file (lib/import/),
 * never over an existing file unless --update (then only the numbers change, and the change
 * list is printed); then prints what `check` says is left to fill. Exit 1 when the workbook
 * is refused (nothing written), 2 on a usage mistake.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { checkPlan, changeList, formatImportSummary, ImportError, planImport, writePlan, writePlans, type ImportOptions } from './lib/import/index.ts';
import { formatFolderSummary, planFolder } from './lib/import/folder.ts';
import { loadLibrary } from './lib/model/index.ts';

const USAGE = `用法：npm run import -- <工作簿.xlsx|.xls> --unit <单位标识> [--year <年度>] [--kind budget|final] [--profile <表式>] [--out <文件>] [--update]
      或：npm run import -- <文件夹|部门工作簿 单位工作簿…> --unit <部门标识> [--ids <对照文件.json>] [--profile <表式>] [--year <年度>] [--update]
  --unit     单位标识（data/ 下的文件夹名，小写字母、数字和连字符）；导入文件夹时是部门的标识
  --ids      导入文件夹时：单位名称（或工作簿文件名）→ 单位标识的对照文件（JSON），不给时按规则生成
  --year     年度；省略时取表名中的年度
  --kind     budget 预算（默认）；final 决算（工作簿中是“…决算表”）
  --profile  表式（data/_profiles/ 中的文件名，不含 .json）；没有历史数据时必填
  --out      写到别的文件（默认 data/<单位>/<年度>.json）
  --update   文件已存在时只更新其中的金额，保留文字、原因和已知问题，并列出改动`;

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const positional: string[] = [];
const o: Partial<ImportOptions> = { kind: 'budget', update: false };
let idsFile: string | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const eq = a.indexOf('=');
  const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
  const value = () => (a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : args[++i]);
  if (name === '--unit') o.unit = value() ?? usage('--unit 后面要写单位标识。');
  else if (name === '--year') {
    const v = value();
    if (!v || !/^\d{4}$/.test(v)) usage(`年度应为四位数字，实际是 ${v ?? '（空）'}。`);
    o.year = Number(v);
  } else if (name === '--kind') {
    const v = value();
    if (v !== 'budget' && v !== 'final') usage(`--kind 只能是 budget 或 final，实际是 ${v ?? '（空）'}。`);
    o.kind = v;
  } else if (name === '--profile') o.profile = value() ?? usage('--profile 后面要写表式名称。');
  else if (name === '--out') o.out = value() ?? usage('--out 后面要写文件名。');
  else if (name === '--ids') idsFile = value() ?? usage('--ids 后面要写对照文件名。');
  else if (name === '--update') o.update = true;
  else if (a.startsWith('-')) usage(`不认识的选项 ${a}。`);
  else positional.push(a);
}
if (!positional.length) usage('缺少工作簿文件或文件夹。');
if (!o.unit) usage('缺少 --unit <单位标识>。');
if (!/^[a-z0-9][a-z0-9-]*$/.test(o.unit)) usage(`单位标识“${o.unit}”不对：只能用小写字母、数字和连字符。`);
const folder = positional.length > 1 || (existsSync(positional[0]!) && statSync(positional[0]!).isDirectory());
if (!folder && idsFile) usage('--ids 只用于导入文件夹（部门及其所属单位）。');
if (folder && o.out) usage('导入文件夹时不能用 --out：各文件写入 data/<单位标识>/<年度>.json。');
o.workbook = positional[0]!;

function fail(e: unknown, file: string): never {
  if (e instanceof ImportError) {
    process.stderr.write(`导入失败，没有写入任何文件。\n${e.message}\n`);
    process.exit(1);
  }
  if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
    process.stderr.write(`找不到文件：${(e as NodeJS.ErrnoException).path ?? file}\n`);
    process.exit(1);
  }
  throw e;
}

/** The clerk's 单位名称 → 单位标识 file: a JSON object of strings. */
function readIds(file: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') fail(e, file);
    throw new ImportError({ file }, `对照文件不是正确的 JSON：${(e as Error).message}`, '{"单位名称": "单位标识"}');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw new ImportError({ file }, '对照文件应是“单位名称（或工作簿文件名）: 单位标识”的 JSON 对象', '{"商务委本部": "putuo-shangwu-benbu"}', Array.isArray(value) ? '数组' : typeof value);
  }
  return value as Record<string, string>;
}

const root = process.cwd();
try {
  const lib = loadLibrary(root);
  if (folder) {
    const plan = planFolder(root, { inputs: positional, unit: o.unit, kind: o.kind!, update: o.update!, ...(o.year !== undefined ? { year: o.year } : {}), ...(o.profile ? { profile: o.profile } : {}), ...(idsFile ? { ids: readIds(idsFile) } : {}) }, lib);
    const plans = [plan.department, ...plan.units.flatMap((u) => (u.plan ? [u.plan] : []))];
    const changes = await changeList(plans, lib);
    writePlans(plans);
    process.stdout.write(formatFolderSummary(plan));
    if (changes) process.stdout.write(`\n${changes}`);
  } else {
    const plan = planImport(root, o as ImportOptions, lib);
    const changes = plan.mode === 'update' ? await changeList(plan, lib) : '';
    writePlan(plan);
    process.stdout.write(formatImportSummary(plan, checkPlan(plan, o.kind!, lib), o.workbook));
    if (changes) process.stdout.write(`\n${changes}`);
  }
} catch (e) {
  fail(e, o.workbook);
}
