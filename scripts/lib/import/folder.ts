/**
 * A 部门's folder: its 部门 workbook and the workbooks of its 单位 → one 部门 data file and one
 * data file per 单位, linked through unit.includes[].id ↔ unit.parent.id.
 *
 *   folder / files ─► every workbook opened and read (tables.ts); every failure collected
 *                     ▼
 *                  exactly one 部门 workbook (cover / titles, levelOf) ─► its 分单位明细表, if any:
 *                     one row per 单位 (名称, 编码, 性质, 合计, 基本支出, 项目支出 …)
 *                     ▼
 *                  each 单位 workbook ↔ a row (same name; the 部门's own name ↔ the “…本部” row)
 *                  ids: the mapping file, else <部门>-benbu for the 本部, <部门>-<单位编码>,
 *                       else <部门>-<two-digit row number>
 *                     ▼
 *                  each row's amounts = the 单位 workbook's 支出总表 (Σ 类 rows, every fund);
 *                  Σ rows = the 部门's 支出总表
 *                     ▼
 *                  planImport per workbook (index.ts), links written into the plans
 *                     ▼
 *                  check of every planned file + the cross-file rules (部门 = Σ 单位, links)
 *
 * Any failure anywhere means nothing is written: the error lists every located problem.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { checkBytes, checkFile, finishCheck, ownerOf, type CheckedFile } from '../check/check.ts';
import type { Finding } from '../check/findings.ts';
import { formatText } from '../check/report.ts';
import { formatMoney, formatMoneyPlain, type Currency, type Fen } from '../model/money.ts';
import type { Library } from '../model/reference.ts';
import { orderBySchema } from '../model/schema-path.ts';
import type { DocumentKind, UnitYearFile } from '../model/schema.ts';
import { formatJson } from '../edit/scaffold.ts';
import { ImportError, shown } from './errors.ts';
import { address, Grid, norm } from './grid.ts';
import { levelOf, planImport, unitNameOf, type ImportPlan, type ReadBook } from './index.ts';
import type { TableSpec } from './layouts.ts';
import { openWorkbook } from './open.ts';
import { assignColumns, currencyOf, readHeader, readWorkbookTables } from './tables.ts';
import { readAmount } from './values.ts';

/** Several located problems at once (every bad workbook of a folder). */
export class FolderError extends ImportError {
  constructor(readonly errors: ImportError[]) {
    super(errors[0]!.location, errors[0]!.detail, errors[0]!.expected, errors[0]!.found);
    this.message = errors.map((e) => e.message).join('\n');
  }
}

export interface FolderOptions {
  /** Workbook files and folders (a folder stands for its .xlsx / .xls files). */
  inputs: string[];
  /** The 部门's id. */
  unit: string;
  year?: number;
  kind: DocumentKind;
  profile?: string;
  update: boolean;
  /** 单位名称 or workbook file name → unit id (the clerk's mapping file). */
  ids?: Record<string, string>;
}

/** The breakdown's columns: amounts compared with each 单位 workbook's 支出总表. */
const AMOUNT_KEYS = ['total', 'basic', 'personnel', 'public', 'project'] as const;
type AmountKey = (typeof AMOUNT_KEYS)[number];
const AMOUNT_ZH: Record<AmountKey, string> = { total: '合计', basic: '基本支出', personnel: '人员经费', public: '公用经费', project: '项目支出' };

export const BREAKDOWN: TableSpec<'units'> = {
  key: 'units',
  zh: '部门支出分单位明细表',
  title: /分单位/,
  shape: 'single',
  columns: [
    { key: 'code', match: /单位(编码|代码)$/ },
    { key: 'name', match: /单位名称$|^项目$/ },
    { key: 'nature', match: /单位性质$/ },
    { key: 'note', match: /备注$/ },
    { key: 'total', match: /合计$/ },
    { key: 'basic', match: /基本支出(\/小计)?$/ },
    { key: 'personnel', match: /人员经费$/ },
    { key: 'public', match: /公用经费$/ },
    { key: 'project', match: /项目支出$/ },
  ],
  required: ['name', 'total'],
};

export interface BreakdownRow {
  name: string;
  code?: string;
  nature?: string;
  /** A1 address of the name cell. */
  cell: string;
  amounts: Partial<Record<AmountKey, Fen>>;
}

export interface Breakdown {
  sheet: string;
  currency: Currency;
  rows: BreakdownRow[];
  total?: { cell: string; amounts: Partial<Record<AmountKey, Fen>> };
}

const TEXT_KEYS = new Set(['code', 'name', 'nature', 'note']);

/** The 部门 workbook's 分单位明细表 (undefined when it has none). */
export function readBreakdown(file: string, book: import('@e965/xlsx').WorkBook): Breakdown | undefined {
  for (const name of book.SheetNames) {
    const grid = new Grid(name, book.Sheets[name]!);
    let titleRow = -1;
    for (let r = 0; r < Math.min(grid.rows, 6) && titleRow < 0; r++) {
      for (let c = 0; c < grid.cols; c++) {
        const t = grid.text(r, c);
        if (t) {
          if (BREAKDOWN.title.test(norm(t))) titleRow = r;
          break;
        }
      }
      if (titleRow < 0 && grid.text(r, 0)) break;
    }
    if (titleRow < 0) continue;
    const meta = currencyOf(grid, titleRow, Math.min(grid.rows, titleRow + 4));
    if (!meta.currency) throw new ImportError({ file, sheet: name, cell: address(titleRow + 1, 0) }, '找不到金额单位', '“单位：元”或“单位：万元”', '没有写明');
    const header = readHeader(file, grid, (meta.metaRow ?? titleRow) + 1);
    const keys = assignColumns(file, grid, BREAKDOWN, header);
    const out: Breakdown = { sheet: name, currency: meta.currency, rows: [] };
    const nameCol = keys.get('name')!;
    for (let r = header.endRow; r < grid.rows; r++) {
      if (grid.blankRow(r)) continue;
      const label = grid.text(r, nameCol);
      const lead = norm(grid.text(r, Math.min(...keys.values())));
      if (/^注/.test(lead) || /^注/.test(norm(label))) break;
      const amounts: Partial<Record<AmountKey, Fen>> = {};
      for (const [k, c] of keys) {
        if (TEXT_KEYS.has(k)) continue;
        const fen = readAmount(file, grid, r, c, meta.currency);
        if (fen !== undefined) amounts[k as AmountKey] = fen;
      }
      if (/^(合计|总计)$/.test(norm(label)) || /^(合计|总计)$/.test(lead)) {
        out.total = { cell: address(r, nameCol), amounts };
        continue;
      }
      if (!label) {
        if (Object.keys(amounts).length) throw new ImportError({ file, sheet: name, cell: address(r, nameCol) }, '有金额的行没有单位名称（部门支出分单位明细表）', '单位名称', '空');
        continue;
      }
      if (/^(…+|\.{3,})$/.test(norm(label))) continue;
      const code = keys.has('code') ? grid.text(r, keys.get('code')!).replace(/\s+/g, '') : '';
      const nature = keys.has('nature') ? grid.text(r, keys.get('nature')!) : '';
      out.rows.push({ name: label.replace(/^\d+[、.．]\s*/, ''), ...(code ? { code } : {}), ...(nature ? { nature } : {}), cell: address(r, nameCol), amounts });
    }
    return out;
  }
  return undefined;
}

/** The workbooks named by the inputs: files as given, folders' .xlsx / .xls sorted by name. */
export function listWorkbooks(inputs: string[]): string[] {
  const out: string[] = [];
  for (const p of inputs) {
    if (existsSync(p) && statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        // Office's lock files (~$…) and hidden files are not workbooks.
        if (name.startsWith('~$') || name.startsWith('.')) continue;
        if (/\.(xlsx|xls)$/i.test(name)) out.push(join(p, name));
      }
    } else out.push(p);
  }
  return out;
}

interface Book {
  path: string;
  pre: ReadBook;
  name: string | undefined;
  level: 'department' | 'unit';
  breakdown?: Breakdown;
}

export interface FolderUnit {
  id: string;
  name: string;
  workbook?: string;
  plan?: ImportPlan;
  row?: BreakdownRow;
}

export interface FolderPlan {
  department: ImportPlan;
  departmentWorkbook: string;
  units: FolderUnit[];
  /** Rows of the breakdown with amounts but no workbook in the folder. */
  missing: BreakdownRow[];
  breakdown?: Breakdown;
  /** `check` over every planned file, with the cross-file rules. */
  findings: Finding[];
}

const KIND_ZH: Record<DocumentKind, string> = { budget: '预算', final: '决算' };
const money = (fen: number, c: Currency) => `${formatMoneyPlain(fen, c)} ${c === 'wan' ? '万元' : '元'}`;
const ID = /^[a-z0-9][a-z0-9-]*$/;

/** The 本部 (the 部门's own office): named “…本部”, or named as the 部门 itself. */
const isOwnOffice = (name: string, dept: string | undefined) => /本部$|机关$/.test(norm(name)) || (dept !== undefined && norm(name) === norm(dept));

/** Σ of the 类 rows of a planned file's expenditure, every fund, in 分 of the table's currency. */
function spendingTotals(plan: ImportPlan): Partial<Record<AmountKey, Fen>> {
  const out: Partial<Record<AmountKey, Fen>> = {};
  const t = plan.read.tables.get('expenditure');
  const rows = t?.rows.filter((r) => r.code.length === 3) ?? [];
  for (const k of AMOUNT_KEYS) {
    if (!rows.some((r) => r.amounts[k] !== undefined)) continue;
    out[k] = rows.reduce((s, r) => s + (r.amounts[k] ?? 0), 0);
  }
  return out;
}

/** The 支出总表's currency (元 in the district's export). */
const spendingCurrency = (plan: ImportPlan): Currency | undefined => plan.read.tables.get('expenditure')?.currency;

/**
 * A 单位's figure and the breakdown's agree at the coarser sheet's printed precision (0.01 万元, or
 * 1 分 when both are in 元). Amounts are 分 whatever the sheet's unit, so a 元 sheet and a 万元 sheet
 * are compared after rounding half-up, never by scaling.
 */
function agree(a: Fen, b: Fen, c1: Currency, c2: Currency): boolean {
  const coarse: Currency = c1 === 'wan' || c2 === 'wan' ? 'wan' : 'yuan';
  return formatMoney(a, coarse, 2) === formatMoney(b, coarse, 2);
}

function mapped(ids: Record<string, string> | undefined, name: string, workbook: string | undefined): string | undefined {
  if (!ids) return undefined;
  const keys = [name, norm(name), ...(workbook ? [basename(workbook), basename(workbook, extname(workbook))] : [])];
  for (const k of keys) if (ids[k] !== undefined) return ids[k];
  return undefined;
}

export function planFolder(root: string, o: FolderOptions, lib: Library): FolderPlan {
  const paths = listWorkbooks(o.inputs);
  const errors: ImportError[] = [];
  const fail = (e: unknown) => {
    if (e instanceof FolderError) errors.push(...e.errors);
    else if (e instanceof ImportError) errors.push(e);
    else if ((e as NodeJS.ErrnoException).code === 'ENOENT') errors.push(new ImportError({ file: (e as NodeJS.ErrnoException).path ?? '?' }, '找不到文件'));
    else throw e;
  };
  const done = () => {
    if (errors.length) throw new FolderError(errors);
  };
  if (!paths.length) throw new ImportError({ file: o.inputs.join(' ') }, '文件夹中没有工作簿', '.xlsx 或 .xls 文件', '没有');

  // 1. Every workbook read once; the SheetJS book is dropped after reading (memory stays flat).
  const books: Book[] = [];
  for (const path of paths) {
    try {
      const { book } = openWorkbook(path, readFileSync(path));
      const read = readWorkbookTables(path, book);
      const level = levelOf(read);
      const breakdown = level === 'department' ? readBreakdown(path, book) : undefined;
      books.push({ path, pre: { sheetNames: book.SheetNames, read }, name: unitNameOf(read), level, ...(breakdown ? { breakdown } : {}) });
    } catch (e) {
      fail(e);
    }
  }
  done();

  // 2. The one 部门 workbook.
  const depts = books.filter((b) => b.level === 'department');
  if (depts.length !== 1) {
    throw new ImportError(
      { file: o.inputs.join(' ') },
      depts.length ? '文件夹中有不止一个部门工作簿：一次导入一个部门及其所属单位' : '文件夹中没有部门工作簿（封面为“预算主管部门”、表名含“部门”的工作簿）',
      '一个部门工作簿，其余为所属单位的工作簿',
      depts.length ? depts.map((b) => basename(b.path)).join('、') : books.map((b) => `${basename(b.path)}（单位）`).join('、'),
    );
  }
  const dept = depts[0]!;
  const unitBooks = books.filter((b) => b !== dept);
  const bd = dept.breakdown;

  // 3. Workbook ↔ breakdown row, and the ids.
  const units: FolderUnit[] = [];
  const rowOf = new Map<Book, BreakdownRow>();
  if (bd) {
    for (const b of unitBooks) {
      const name = b.name ?? '';
      let row = bd.rows.find((r) => norm(r.name) === norm(name));
      if (!row && isOwnOffice(name, dept.name)) {
        const own = bd.rows.filter((r) => isOwnOffice(r.name, dept.name));
        if (own.length === 1) row = own[0];
      }
      if (!row) {
        errors.push(new ImportError({ file: b.path }, `单位“${name || '（封面没有单位名称）'}”不在部门工作簿的${BREAKDOWN.zh}（${basename(dept.path)}: ${bd.sheet}）中`, bd.rows.map((r) => r.name).join('、') || '（表中没有单位）', name || '没有单位名称'));
        continue;
      }
      const other = [...rowOf.entries()].find(([, r]) => r === row);
      if (other) {
        errors.push(new ImportError({ file: b.path }, `与 ${basename(other[0].path)} 是同一个单位“${row.name}”的工作簿`, '每个单位一个工作簿', '两个'));
        continue;
      }
      rowOf.set(b, row);
    }
    done();
    bd.rows.forEach((row, i) => {
      const book = [...rowOf.entries()].find(([, r]) => r === row)?.[0];
      const id = mapped(o.ids, row.name, book?.path) ?? (isOwnOffice(row.name, dept.name) ? `${o.unit}-benbu` : row.code && /^[0-9a-zA-Z-]+$/.test(row.code) ? `${o.unit}-${row.code.toLowerCase()}` : `${o.unit}-${String(i + 1).padStart(2, '0')}`);
      units.push({ id, name: row.name, row, ...(book ? { workbook: book.path } : {}) });
    });
  } else {
    unitBooks.forEach((b, i) => {
      const name = b.name ?? basename(b.path, extname(b.path));
      const id = mapped(o.ids, name, b.path) ?? (isOwnOffice(name, dept.name) ? `${o.unit}-benbu` : `${o.unit}-${String(i + 1).padStart(2, '0')}`);
      units.push({ id, name, workbook: b.path });
    });
  }
  const seen = new Map<string, string>([[o.unit, '部门本身']]);
  for (const u of units) {
    if (!u.workbook) continue;
    if (!ID.test(u.id)) errors.push(new ImportError({ file: u.workbook }, `单位“${u.name}”的标识不对：只能用小写字母、数字和连字符（对照文件中的写法）`, '例如 putuo-shangwu-benbu', u.id));
    else if (seen.has(u.id)) errors.push(new ImportError({ file: u.workbook }, `单位“${u.name}”的标识“${u.id}”与${seen.get(u.id)}相同，请在对照文件中另给一个`, '各不相同的标识', u.id));
    else seen.set(u.id, `单位“${u.name}”`);
  }
  done();

  // 4. Plans, each workbook as a single import (its own checks and messages).
  const base = { kind: o.kind, update: o.update, ...(o.year !== undefined ? { year: o.year } : {}), ...(o.profile ? { profile: o.profile } : {}) };
  let department: ImportPlan | undefined;
  try {
    department = planImport(root, { ...base, workbook: dept.path, unit: o.unit }, lib, dept.pre);
  } catch (e) {
    fail(e);
  }
  for (const u of units) {
    if (!u.workbook) continue;
    const b = unitBooks.find((x) => x.path === u.workbook)!;
    try {
      u.plan = planImport(root, { ...base, workbook: b.path, unit: u.id, ...(o.year === undefined && department ? { year: yearOf(department) } : {}) }, lib, b.pre);
    } catch (e) {
      fail(e);
    }
  }
  done();
  const deptPlan = department!;
  if (units.some((u) => u.plan && yearOf(u.plan) !== yearOf(deptPlan))) {
    for (const u of units) if (u.plan && yearOf(u.plan) !== yearOf(deptPlan)) errors.push(new ImportError({ file: u.workbook! }, '单位工作簿的年度与部门工作簿不同', String(yearOf(deptPlan)), String(yearOf(u.plan))));
    done();
  }

  // 5. Each row against its 单位's 支出总表; the rows against the 部门's.
  if (bd) {
    const at = (cell: string) => ({ file: dept.path, sheet: bd.sheet, cell });
    for (const u of units) {
      if (!u.plan || !u.row) continue;
      const theirs = spendingTotals(u.plan);
      const c = spendingCurrency(u.plan) ?? bd.currency;
      for (const k of AMOUNT_KEYS) {
        const printed = u.row.amounts[k];
        if (printed === undefined) continue;
        const sum = theirs[k] ?? 0;
        if (!agree(sum, printed, c, bd.currency)) {
          errors.push(new ImportError(at(u.row.cell), `单位“${u.row.name}”的“${AMOUNT_ZH[k]}”与它的单位工作簿 ${basename(u.workbook!)} 的支出总表（各类之和）不符`, `${money(sum, bd.currency)}（${basename(u.workbook!)}）`, money(printed, bd.currency)));
        }
      }
    }
    const mine = spendingTotals(deptPlan);
    const c = spendingCurrency(deptPlan) ?? bd.currency;
    for (const k of AMOUNT_KEYS) {
      if (!bd.rows.some((r) => r.amounts[k] !== undefined)) continue;
      const rows = bd.rows.reduce((s, r) => s + (r.amounts[k] ?? 0), 0);
      const printed = bd.total?.amounts[k];
      if (printed !== undefined && printed !== rows) {
        errors.push(new ImportError(at(bd.total!.cell), `${BREAKDOWN.zh}的合计行“${AMOUNT_ZH[k]}”不是各单位之和`, money(rows, bd.currency), money(printed, bd.currency)));
      }
      if (mine[k] !== undefined && !agree(mine[k]!, rows, c, bd.currency)) {
        errors.push(new ImportError(at(bd.total?.cell ?? bd.rows[0]?.cell ?? 'A1'), `${BREAKDOWN.zh}各单位的“${AMOUNT_ZH[k]}”之和与部门支出总表（各类之和）不符`, `${money(mine[k]!, bd.currency)}（部门支出总表）`, money(rows, bd.currency)));
      }
    }
    done();
  }

  // 6. Links: the 部门 names its 单位, each 单位 its 部门 (an --update keeps links already there).
  const deptData = JSON.parse(deptPlan.text) as UnitYearFile;
  if (deptPlan.mode === 'create' || !deptData.unit.includes) {
    deptData.unit.includes = units.map((u) => ({
      name: u.name,
      ...(u.row?.code ? { code: u.row.code } : {}),
      ...(u.row?.nature ? { nature: u.row.nature } : {}),
      ...(u.plan ? { id: u.id } : {}),
    }));
    deptPlan.text = formatJson(orderBySchema(deptData));
  }
  for (const u of units) {
    if (!u.plan) continue;
    const data = JSON.parse(u.plan.text) as UnitYearFile;
    if (u.plan.mode === 'create' || !data.unit.parent) {
      data.unit.parent = { name: deptData.unit.name, id: o.unit };
      data.unit.level = 'unit';
      u.plan.text = formatJson(orderBySchema(data));
    }
  }
  const missing = units.filter((u) => !u.workbook && u.row && Object.values(u.row.amounts).some((v) => v !== 0)).map((u) => u.row!);
  return { department: deptPlan, departmentWorkbook: dept.path, units, missing, ...(bd ? { breakdown: bd } : {}), findings: checkFolder(root, lib, [deptPlan, ...units.flatMap((u) => (u.plan ? [u.plan] : []))]) };
}

const yearOf = (plan: ImportPlan) => (JSON.parse(plan.text) as UnitYearFile).year;

/**
 * `check` over the planned files as if written, with the cross-file rules (部门 = Σ 单位, links,
 * 上年数 against last year's files of the same units already in data/).
 */
function checkFolder(root: string, lib: Library, plans: ImportPlan[]): Finding[] {
  const texts = new Map(plans.map((p) => [p.file, p.text]));
  const files: CheckedFile[] = plans.map((p) => checkBytes(p.file, Buffer.from(p.text), lib));
  for (const p of plans) {
    const data = JSON.parse(p.text) as UnitYearFile;
    const last = join(root, 'data', data.unit.id, `${data.year - 1}.json`);
    if (existsSync(last)) files.push(checkFile(root, last, lib));
  }
  const result = finishCheck(root, lib, files, files.map(ownerOf), { read: (f) => texts.get(f) ?? readFileSync(join(root, f), 'utf8') });
  return result.findings.filter((f) => texts.has(f.file));
}

/** What the folder import wrote, which workbook became which file, and what is left to fill. */
export function formatFolderSummary(plan: FolderPlan): string {
  const lines: string[] = [];
  const verb = (p: ImportPlan) => (p.mode === 'create' ? '生成' : p.mode === 'add' ? `加入${KIND_ZH[p.read.kind ?? 'budget']}到` : '更新金额');
  const written = [plan.department, ...plan.units.flatMap((u) => (u.plan ? [u.plan] : []))];
  lines.push(`已由 ${written.length} 个工作簿写入 ${written.length} 个数据文件：`);
  lines.push(`  - ${verb(plan.department)} ${plan.department.file}（部门，${basename(plan.departmentWorkbook)}）`);
  for (const u of plan.units) if (u.plan) lines.push(`  - ${verb(u.plan)} ${u.plan.file}（单位“${u.name}”，${basename(u.workbook!)}）`);
  lines.push(
    plan.breakdown
      ? `所属单位取自${BREAKDOWN.zh}（工作表“${plan.breakdown.sheet}”），各单位的合计、基本支出、项目支出与其工作簿的支出总表一致，各单位之和与部门一致。`
      : `部门工作簿中没有${BREAKDOWN.zh}：所属单位按文件夹中的单位工作簿列出（unit.includes），请核对顺序和单位性质。`,
  );
  const without = plan.units.filter((u) => !u.plan);
  for (const u of without) {
    const listed = plan.missing.includes(u.row!);
    lines.push(`  ${u.name}：没有工作簿${listed ? `，但${BREAKDOWN.zh}中有金额——请把它的单位工作簿放进文件夹后重新导入` : '（不单列预算），只列在部门的所属单位中'}。`);
  }
  const notes = written.flatMap((p) => p.mapped.notes.map((n) => `${p.file}：${n}`));
  for (const n of notes) lines.push(`注意：${n}`);
  const errors = plan.findings.filter((f) => f.severity === 'error').length;
  lines.push(`还要填写或核对的（npm run check 的结果，含部门与所属单位之间的核对：${errors} 个错误，${plan.findings.length - errors} 个警告或提示）：`);
  lines.push(plan.findings.length ? formatText(plan.findings, written.length).trimEnd() : '  没有。');
  lines.push(`下一步：补齐以上各项后运行 npm run check，再 npm run build -- --no-pdf 预览。`);
  return lines.join('\n') + '\n';
}
