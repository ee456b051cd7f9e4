/**
 * `npm run import -- <workbook> --unit <id> [--year <y>] [--kind budget|final] [--profile <p>] [--out <file>] [--update]`
 * Reads the budget system's exported workbook (.xlsx / .xls) into a data file (lib/import/),
 * never over an existing file unless --update (then only the numbers change, and the change
 * list is printed); then prints what `check` says is left to fill. Exit 1 when the workbook
 * is refused (nothing written), 2 on a usage mistake.
 */
import { checkPlan, changeList, formatImportSummary, ImportError, planImport, writePlan, type ImportOptions } from './lib/import/index.ts';
import { loadLibrary } from './lib/model/index.ts';

const USAGE = `用法：npm run import -- <工作簿.xlsx|.xls> --unit <单位标识> [--year <年度>] [--kind budget|final] [--profile <表式>] [--out <文件>] [--update]
  --unit     单位标识（data/ 下的文件夹名，小写字母、数字和连字符）
  --year     年度；省略时取表名中的年度
  --kind     budget 预算（默认）；决算工作簿尚不支持
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
    if (v === 'final') usage('决算工作簿的导入尚未支持（目前只识别预算工作簿的表）。');
    o.kind = v;
  } else if (name === '--profile') o.profile = value() ?? usage('--profile 后面要写表式名称。');
  else if (name === '--out') o.out = value() ?? usage('--out 后面要写文件名。');
  else if (name === '--update') o.update = true;
  else if (a.startsWith('-')) usage(`不认识的选项 ${a}。`);
  else positional.push(a);
}
if (positional.length !== 1) usage(positional.length ? `多余的参数：${positional.slice(1).join(' ')}。` : '缺少工作簿文件。');
if (!o.unit) usage('缺少 --unit <单位标识>。');
if (!/^[a-z0-9][a-z0-9-]*$/.test(o.unit)) usage(`单位标识“${o.unit}”不对：只能用小写字母、数字和连字符。`);
o.workbook = positional[0]!;

const root = process.cwd();
try {
  const lib = loadLibrary(root);
  const plan = planImport(root, o as ImportOptions, lib);
  const changes = plan.mode === 'update' ? await changeList(plan, lib) : '';
  writePlan(plan);
  process.stdout.write(formatImportSummary(plan, checkPlan(plan, o.kind!, lib), o.workbook));
  if (changes) process.stdout.write(`\n${changes}`);
} catch (e) {
  if (e instanceof ImportError) {
    process.stderr.write(`导入失败，没有写入任何文件。\n${e.message}\n`);
    process.exit(1);
  }
  if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
    process.stderr.write(`找不到文件：${o.workbook}\n`);
    process.exit(1);
  }
  throw e;
}
