/**
 * Finding the tables of a workbook and reading their rows.
 *
 *   each sheet ─► first text = title ─► TABLES / TEXTS (layouts.ts)
 *     table ─► meta row (编制单位, 单位：元/万元) ─► header block (multi-row, merges resolved)
 *           ─► column paths ─► column keys (unknown header = error)
 *           ─► data rows: codes (类/款/项 split, one cumulative column, or "[208]名称"),
 *              合计 top or bottom, "…"/"无" rows and empty-table notes skipped, amounts exact
 */
import type { Currency, Fen } from '../model/money.ts';
import type { DocumentKind } from '../model/schema.ts';
import { ImportError, shown } from './errors.ts';
import { address, Grid, norm } from './grid.ts';
import type { Indicator } from '../model/schema.ts';
import { FINAL_TABLES, FORMS, TABLES, TEXTS, type FormKey, type TableKey, type TableSpec, type TextKey } from './layouts.ts';
import { codePart, readAmount } from './values.ts';

export interface CodedRow {
  code: string;
  label: string;
  /** A1 address of the code (or label) cell, for messages. */
  cell: string;
  amounts: Record<string, Fen>;
}

export interface SideRow {
  label: string;
  cell: string;
  amounts: Record<string, Fen>;
}

/** A list table's item (项目支出表): its text columns and amounts. */
export interface ListRow {
  /** A1 address of the name cell, for messages. */
  cell: string;
  texts: Record<string, string>;
  amounts: Record<string, Fen>;
  /** A1 address of each amount read, by key (for messages about one cell). */
  cells: Record<string, string>;
}

export interface TableRead {
  spec: TableSpec;
  /** Column keys the header carries (what the table can say; a key it lacks says nothing). */
  columns: string[];
  sheet: string;
  title: string;
  currency: Currency;
  preparedBy?: string;
  /** Coded tables: 类/款/项 rows with at least one amount, in sheet order. */
  rows: CodedRow[];
  /** The printed 合计 row, if any. */
  total?: SideRow;
  /** Side-by-side panels: each panel's printed 合计 (“人员经费合计”) and the 类 rows it sums. */
  panelTotals?: Array<{ label: string; cell: string; printed: Fen; classes: CodedRow[] }>;
  /** Two-sided tables. */
  income: SideRow[];
  spending: SideRow[];
  /** One-row tables (三公). */
  single?: Record<string, Fen>;
  /** List tables (项目支出表): one row per item, in sheet order. */
  items: ListRow[];
  /** The empty-table note printed under the table, if any. */
  note?: string;
  empty: boolean;
}

export interface TextRead {
  key: TextKey;
  sheet: string;
  title: string;
  body: string;
}

/** A 绩效 form (项目绩效目标表): the header fields as printed and the indicator rows. */
export interface FormRead {
  key: FormKey;
  zh: string;
  sheet: string;
  title: string;
  /** The project's name as printed (项目名称) and its cell. */
  name: string;
  nameCell: string;
  /** Header fields in sheet order (label without its colon, value as printed). */
  fields: Array<{ label: string; value: string; cell: string }>;
  indicators: Indicator[];
}

export interface WorkbookRead {
  tables: Map<TableKey, TableRead>;
  forms: FormRead[];
  texts: TextRead[];
  /** Sheets recognised as neither (listed to the user). */
  unknown: string[];
  /** 封面 / 编制单位 lines. */
  unitLine?: string;
  year?: number;
  /** 预算 or 决算, by the tables' titles (“…决算表”); undefined when no table was found. */
  kind?: DocumentKind;
}

const TOTAL = /^(合计|总计|收入总计|支出总计|本年收入合计|本年支出合计)$/;
const ELLIPSIS = /^(…+|\.{3,}|……)$/;
const EMPTY_NOTE = /本表无数据|空表|无数据|没有.*(收入|支出|安排)/;

/** The sheet's title: its first non-empty text in the first rows. */
function titleOf(grid: Grid): { row: number; text: string } | undefined {
  for (let r = 0; r < Math.min(grid.rows, 6); r++) {
    for (let c = 0; c < grid.cols; c++) {
      const cell = grid.raw(r, c);
      if (cell && typeof cell.v === 'string' && cell.v.trim()) return { row: r, text: cell.v.trim() };
    }
  }
  return undefined;
}

function isNumberCell(grid: Grid, r: number, c: number): boolean {
  const v = grid.raw(r, c)?.v;
  return typeof v === 'number' || (typeof v === 'string' && /^-?[\d,，]+(\.\d+)?$/.test(v.trim()));
}

/** A row that starts the data: numbers, codes, numbered labels, a 合计 row with amounts. */
function dataLike(grid: Grid, r: number): boolean {
  const texts: string[] = [];
  let numbers = 0;
  for (let c = 0; c < grid.cols; c++) {
    if (grid.covered(r, c) || !grid.raw(r, c)) continue;
    if (isNumberCell(grid, r, c)) numbers++;
    else texts.push(norm(grid.text(r, c)));
  }
  if (numbers > 0) return true;
  const first = texts[0] ?? '';
  if (/^[一二三四五六七八九十]+、|^\d+[、.．]|^\[\d{3,7}\]|^\d{3,7}$|^…|^无$/.test(first)) return true;
  // An empty table's note right under the header ends the header too.
  if (/^注[:：]/.test(first) || EMPTY_NOTE.test(first)) return true;
  return TOTAL.test(first) && texts.length === 1;
}

export interface Header {
  firstRow: number;
  endRow: number;
  paths: string[];
}

export function readHeader(file: string, grid: Grid, start: number): Header {
  let r = start;
  while (r < grid.rows && grid.blankRow(r)) r++;
  const firstRow = r;
  while (r < grid.rows && r - firstRow < 6 && !grid.blankRow(r) && !dataLike(grid, r)) r++;
  if (r === firstRow) throw new ImportError({ file, sheet: grid.name, cell: address(firstRow, 0) }, '找不到表头', '表头（例如“项目”“合计”）', grid.text(firstRow, 0) ? shown(grid.text(firstRow, 0)) : '空行');
  const paths: string[] = [];
  for (let c = 0; c < grid.cols; c++) {
    const segs: string[] = [];
    for (let h = firstRow; h < r; h++) {
      const t = norm(grid.text(h, c));
      if (t && segs[segs.length - 1] !== t) segs.push(t);
    }
    paths.push(segs.join('/'));
  }
  return { firstRow, endRow: r, paths };
}

function headerCell(grid: Grid, header: Header, c: number): string {
  for (let h = header.endRow - 1; h >= header.firstRow; h--) if (grid.raw(h, c)) return address(h, c);
  return address(header.firstRow, c);
}

export function assignColumns(file: string, grid: Grid, spec: TableSpec<string>, header: Header): Map<string, number> {
  const keys = new Map<string, number>();
  for (let c = 0; c < header.paths.length; c++) {
    const path = header.paths[c]!;
    if (!path) continue;
    const col = spec.columns.find((s) => !keys.has(s.key) && s.match.test(path));
    if (!col) {
      throw new ImportError({ file, sheet: grid.name, cell: headerCell(grid, header, c) }, `不认识的表头（${spec.zh}）`, spec.columns.map((s) => s.key).length ? '本表的栏目之一' : '', shown(path.replace(/\//g, ' / '), 40));
    }
    keys.set(col.key, c);
  }
  for (const k of spec.required) {
    if (!keys.has(k)) {
      throw new ImportError({ file, sheet: grid.name, cell: address(header.firstRow, 0) }, `表头中缺少“${k === 'total' ? '合计' : k}”栏（${spec.zh}）`, '合计栏', header.paths.filter(Boolean).join('、') || '（空）');
    }
  }
  return keys;
}

export function currencyOf(grid: Grid, from: number, to: number): { currency?: Currency; preparedBy?: string; metaRow?: number } {
  const out: { currency?: Currency; preparedBy?: string; metaRow?: number } = {};
  for (let r = from; r < to; r++) {
    for (let c = 0; c < grid.cols; c++) {
      if (grid.covered(r, c)) continue;
      const t = norm(grid.text(r, c));
      const m = /单位:?(万元|元)$/.exec(t);
      if (m && !/^编制/.test(t)) {
        out.currency = m[1] === '万元' ? 'wan' : 'yuan';
        out.metaRow = r;
      }
      const p = /^编制(单位|部门):?(.*)$/.exec(t);
      if (p) {
        out.metaRow = r;
        // The name as printed (full-width brackets kept), without the label.
        const name = grid.text(r, c).replace(/^编制\s*(单位|部门)\s*[:：]?\s*/, '').trim();
        if (name) out.preparedBy = name;
      }
    }
  }
  return out;
}

function amountsOf(file: string, grid: Grid, r: number, keys: Map<string, number>, skip: Set<string>, currency: Currency): Record<string, Fen> {
  const out: Record<string, Fen> = {};
  for (const [k, c] of keys) {
    if (skip.has(k)) continue;
    const fen = readAmount(file, grid, r, c, currency);
    if (fen !== undefined) out[k] = fen;
  }
  return out;
}

const CODE_KEYS = new Set(['code1', 'code2', 'code3', 'code', 'name', 'unitName', 'incomeLabel', 'expLabel', 'incomeRow', 'expRow']);

/** Text columns of a list table (the rest are amounts). */
const LIST_TEXT_KEYS = new Set(['type', 'projectName', 'projectUnit', 'fundUse', 'functionCode']);

/** The 栏次 line under a 决算 header numbers the columns (1, 2, 3 …): no amounts. */
const COLUMN_NUMBERS = /^(栏次|行次)$/;

function readCoded(file: string, grid: Grid, keys: Map<string, number>, header: Header, currency: Currency, read: TableRead): void {
  const at = (r: number, c: number) => ({ file, sheet: grid.name, cell: address(r, c) });
  const nameCol = keys.get('name');
  const firstCol = Math.min(...[...keys.entries()].filter(([k]) => CODE_KEYS.has(k)).map(([, c]) => c), nameCol ?? Infinity);
  for (let r = header.endRow; r < grid.rows; r++) {
    if (grid.blankRow(r)) continue;
    const lead = norm(grid.text(r, Number.isFinite(firstCol) ? firstCol : 0));
    const name = nameCol !== undefined ? grid.text(r, nameCol) : '';
    const rowText = [lead, norm(name)].join('');
    if (/^注/.test(lead) || EMPTY_NOTE.test(rowText)) {
      read.note = grid.text(r, Number.isFinite(firstCol) ? firstCol : 0) || name;
      break;
    }
    if (ELLIPSIS.test(lead) || ELLIPSIS.test(norm(name)) || lead === '无' || norm(name) === '无') continue;
    if (COLUMN_NUMBERS.test(lead) || COLUMN_NUMBERS.test(norm(name))) continue;
    if (TOTAL.test(lead) || TOTAL.test(norm(name))) {
      read.total = { label: '合计', cell: address(r, firstCol), amounts: amountsOf(file, grid, r, keys, CODE_KEYS, currency) };
      continue;
    }
    // The code: split 类/款/项, one cumulative column, or "[208]名称".
    let code: string | undefined;
    let label = name.trim();
    let codeCell = address(r, Number.isFinite(firstCol) ? firstCol : 0);
    if (keys.has('code1')) {
      const c1 = codePart(grid, r, keys.get('code1')!, 3);
      const c2 = keys.has('code2') ? codePart(grid, r, keys.get('code2')!, 2) : undefined;
      const c3 = keys.has('code3') ? codePart(grid, r, keys.get('code3')!, 2) : undefined;
      codeCell = address(r, keys.get('code1')!);
      if (c1 !== undefined || c2 !== undefined || c3 !== undefined) {
        const bad = (c: number, part: string | undefined, width: number, what: string) => {
          if (part !== undefined && !new RegExp(`^\\d{${width}}$`).test(part)) throw new ImportError(at(r, c), `${what}编码不对`, `${width} 位数字`, shown(part));
        };
        bad(keys.get('code1')!, c1, 3, '类');
        if (keys.has('code2')) bad(keys.get('code2')!, c2, 2, '款');
        if (keys.has('code3')) bad(keys.get('code3')!, c3, 2, '项');
        if (c1 === undefined || (c3 !== undefined && c2 === undefined)) throw new ImportError(at(r, keys.get('code1')!), '科目编码不完整：有款、项却没有类（或有项没有款）', '类、款、项自左至右填写', [c1, c2, c3].map((x) => x ?? '空').join(' / '));
        code = c1 + (c2 ?? '') + (c3 ?? '');
      }
    } else if (keys.has('code')) {
      codeCell = address(r, keys.get('code')!);
      const t = grid.text(r, keys.get('code')!).replace(/\s+/g, '');
      if (t) {
        if (!/^(\d{3}|\d{5}|\d{7})$/.test(t)) throw new ImportError(at(r, keys.get('code')!), '科目编码不对', '3、5 或 7 位数字（类、款、项）', shown(t));
        code = t;
      }
    }
    if (code === undefined && nameCol !== undefined) {
      const m = /^[[［【](\d{3,7})[\]］】]\s*(.*)$/.exec(name.trim());
      if (m) {
        if (!/^(\d{3}|\d{5}|\d{7})$/.test(m[1]!)) throw new ImportError(at(r, nameCol), '科目编码不对', '3、5 或 7 位数字', shown(m[1]!));
        code = m[1]!;
        label = m[2]!.trim();
        codeCell = address(r, nameCol);
      }
    }
    const amounts = amountsOf(file, grid, r, keys, CODE_KEYS, currency);
    if (code === undefined) {
      if (!Object.keys(amounts).length) continue;
      // A 单位's line of a by-unit table (Anhui's 收入总表): the 合计 row carries the sum.
      if (keys.has('unitName') && grid.text(r, keys.get('unitName')!)) continue;
      throw new ImportError(at(r, Number.isFinite(firstCol) ? firstCol : 0), `有金额的行没有科目编码（${read.spec.zh}）`, '科目编码（类/款/项）', shown(lead || name || '空'));
    }
    // A code row without any amount is a template's example row: nothing to import.
    if (!Object.keys(amounts).length) continue;
    read.rows.push({ code, label: label.replace(/^[\s\u3000]+/, ''), cell: codeCell, amounts });
  }
}

/**
 * Side-by-side panels of (编码, 名称, 金额), as Shanghai's 决算 基本支出表 prints 人员经费 beside
 * 公用经费: every panel's rows are 经济分类 rows with one amount (total). A panel is 人员经费 or
 * 公用经费 by its header or by its 合计 line (“人员经费合计”), and its amounts are that column too.
 */
function readPanels(file: string, grid: Grid, header: Header, currency: Currency, read: TableRead): void {
  const at = (r: number, c: number) => ({ file, sheet: grid.name, cell: address(r, c) });
  const starts = header.paths.flatMap((p, c) => (/编码$/.test(p) ? [c] : []));
  const panels = starts.map((code, i) => {
    const end = starts[i + 1] ?? header.paths.length;
    const cols = header.paths.slice(code, end);
    const name = cols.findIndex((p) => /(名称|科目)$/.test(p));
    const amount = cols.findIndex((p) => /(决算数|预算数|金额|合计)$/.test(p));
    if (name < 0 || amount < 0) {
      throw new ImportError(at(header.firstRow, code), `分栏的表头不完整（${read.spec.zh}）`, '每栏：科目编码、科目名称、决算数', cols.filter(Boolean).join('、') || '（空）');
    }
    const group = /人员经费/.test(header.paths[code]!) ? 'personnel' : /公用经费/.test(header.paths[code]!) ? 'public' : undefined;
    return { code, name: code + name, amount: code + amount, group: group as 'personnel' | 'public' | undefined, rows: [] as CodedRow[], total: undefined as { label: string; cell: string; printed: Fen } | undefined };
  });
  for (let r = header.endRow; r < grid.rows; r++) {
    if (grid.blankRow(r)) continue;
    const lead = norm(grid.text(r, starts[0]!));
    if (/^注/.test(lead) || EMPTY_NOTE.test(lead)) {
      read.note = grid.text(r, starts[0]!);
      break;
    }
    for (const p of panels) {
      const code = grid.text(r, p.code).replace(/\s+/g, '');
      const label = norm(grid.text(r, p.name));
      const fen = readAmount(file, grid, r, p.amount, currency);
      const total = /^(人员经费|公用经费)?(合计|小计)$/.exec(norm(code) || label);
      if (total) {
        if (total[1]) p.group = total[1] === '人员经费' ? 'personnel' : 'public';
        if (fen !== undefined) p.total = { label: total[0]!, cell: address(r, p.code), printed: fen };
        continue;
      }
      if (!code) {
        if (fen !== undefined) throw new ImportError(at(r, p.code), `有金额的行没有科目编码（${read.spec.zh}）`, '经济分类科目编码', shown(label || '空'));
        continue;
      }
      if (!/^(\d{3}|\d{5})$/.test(code)) throw new ImportError(at(r, p.code), '经济分类科目编码不对', '3 或 5 位数字（类、款）', shown(code));
      if (fen === undefined) continue;
      p.rows.push({ code, label: grid.text(r, p.name), cell: address(r, p.code), amounts: { total: fen } });
    }
  }
  read.panelTotals = [];
  for (const p of panels) {
    for (const row of p.rows) {
      if (p.group) row.amounts[p.group] = row.amounts.total!;
      read.rows.push(row);
    }
    if (p.total) read.panelTotals.push({ ...p.total, classes: p.rows.filter((r) => r.code.length === 3) });
  }
}

function readTwoSided(file: string, grid: Grid, keys: Map<string, number>, header: Header, currency: Currency, read: TableRead): void {
  const incomeCols = new Set(['incomeAmount']);
  for (let r = header.endRow; r < grid.rows; r++) {
    if (grid.blankRow(r)) continue;
    const il = keys.has('incomeLabel') ? norm(grid.text(r, keys.get('incomeLabel')!)) : '';
    const el = keys.has('expLabel') ? norm(grid.text(r, keys.get('expLabel')!)) : '';
    if (/^注/.test(il)) {
      read.note = grid.text(r, keys.get('incomeLabel')!);
      break;
    }
    if (COLUMN_NUMBERS.test(il) || COLUMN_NUMBERS.test(el)) continue;
    const inc: Record<string, Fen> = {};
    const exp: Record<string, Fen> = {};
    for (const [k, c] of keys) {
      if (CODE_KEYS.has(k)) continue;
      const fen = readAmount(file, grid, r, c, currency);
      if (fen === undefined) continue;
      (incomeCols.has(k) ? inc : exp)[k] = fen;
    }
    if (il) read.income.push({ label: il, cell: address(r, keys.get('incomeLabel')!), amounts: inc });
    else if (Object.keys(inc).length) throw new ImportError({ file, sheet: grid.name, cell: address(r, keys.get('incomeAmount')!) }, '收入金额没有对应的项目名称', '左栏的项目名称', '空');
    if (el) read.spending.push({ label: el, cell: address(r, keys.get('expLabel')!), amounts: exp });
    else if (Object.keys(exp).length) throw new ImportError({ file, sheet: grid.name, cell: address(r, keys.get('total')!) }, '支出金额没有对应的项目名称', '右栏的项目名称', '空');
  }
}

function readSingle(file: string, grid: Grid, keys: Map<string, number>, header: Header, currency: Currency, read: TableRead): void {
  for (let r = header.endRow; r < grid.rows; r++) {
    if (grid.blankRow(r)) continue;
    const first = norm(grid.text(r, 0));
    if (/^注/.test(first) || EMPTY_NOTE.test(first)) {
      read.note = grid.text(r, 0);
      break;
    }
    const amounts = amountsOf(file, grid, r, keys, new Set(), currency);
    if (!Object.keys(amounts).length) continue;
    if (read.single) throw new ImportError({ file, sheet: grid.name, cell: address(r, 0) }, `${read.spec.zh}只应有一行金额`, '一行', '第二行金额');
    read.single = amounts;
  }
}

/** One row per item (项目支出表): a row with a name is an item, the 合计 row (top or bottom) the printed sum. */
function readList(file: string, grid: Grid, keys: Map<string, number>, header: Header, currency: Currency, read: TableRead): void {
  const nameCol = keys.get('projectName')!;
  const textCols = [...keys.entries()].filter(([k]) => LIST_TEXT_KEYS.has(k));
  const firstCol = Math.min(...textCols.map(([, c]) => c));
  for (let r = header.endRow; r < grid.rows; r++) {
    if (grid.blankRow(r)) continue;
    const lead = norm(grid.text(r, firstCol));
    const name = grid.text(r, nameCol);
    if (/^注/.test(lead) || EMPTY_NOTE.test(lead + norm(name))) {
      read.note = grid.text(r, firstCol) || name;
      break;
    }
    if (ELLIPSIS.test(lead) || ELLIPSIS.test(norm(name)) || norm(name) === '无' || COLUMN_NUMBERS.test(lead)) continue;
    const skip = new Set(LIST_TEXT_KEYS);
    if (TOTAL.test(lead) || TOTAL.test(norm(name))) {
      read.total = { label: '合计', cell: address(r, firstCol), amounts: amountsOf(file, grid, r, keys, skip, currency) };
      continue;
    }
    const amounts = amountsOf(file, grid, r, keys, skip, currency);
    if (!name) {
      if (!Object.keys(amounts).length) continue;
      throw new ImportError({ file, sheet: grid.name, cell: address(r, nameCol) }, `有金额的行没有项目名称（${read.spec.zh}）`, '项目名称', '空');
    }
    const texts: Record<string, string> = {};
    for (const [k, c] of textCols) {
      const t = grid.text(r, c);
      if (t) texts[k] = t;
    }
    const cells: Record<string, string> = {};
    for (const k of Object.keys(amounts)) cells[k] = address(r, keys.get(k)!);
    read.items.push({ cell: address(r, nameCol), texts, amounts, cells });
  }
}

function readTable(file: string, grid: Grid, spec: TableSpec, titleRow: number, title: string): TableRead {
  // Meta (编制单位, 单位：元) sits between the title and the header.
  let metaEnd = titleRow + 1;
  const meta = currencyOf(grid, titleRow, Math.min(grid.rows, titleRow + 4));
  if (meta.metaRow !== undefined) metaEnd = meta.metaRow + 1;
  if (!meta.currency) {
    throw new ImportError({ file, sheet: grid.name, cell: address(titleRow + 1, 0) }, '找不到金额单位', '“单位：元”或“单位：万元”', '没有写明');
  }
  const header = readHeader(file, grid, metaEnd);
  const read: TableRead = { spec, columns: [], sheet: grid.name, title, currency: meta.currency, ...(meta.preparedBy ? { preparedBy: meta.preparedBy } : {}), rows: [], income: [], spending: [], items: [], empty: true };
  const panelled = spec.shape === 'coded' && spec.codes === 'economic' && header.paths.filter((p) => /编码$/.test(p)).length > 1;
  const keys = panelled ? new Map<string, number>() : assignColumns(file, grid, spec, header);
  read.columns = panelled ? ['total', 'personnel', 'public'] : [...keys.keys()];
  if (panelled) readPanels(file, grid, header, meta.currency, read);
  else if (spec.shape === 'list') readList(file, grid, keys, header, meta.currency, read);
  else if (spec.shape === 'coded') readCoded(file, grid, keys, header, meta.currency, read);
  else if (spec.shape === 'twoSided') readTwoSided(file, grid, keys, header, meta.currency, read);
  else readSingle(file, grid, keys, header, meta.currency, read);
  read.empty =
    !read.rows.length &&
    !read.single &&
    !read.items.length &&
    !Object.keys(read.total?.amounts ?? {}).length &&
    !read.income.some((x) => Object.keys(x.amounts).length) &&
    !read.spending.some((x) => Object.keys(x.amounts).length);
  return read;
}

/** Indicator columns of a 绩效 form by their heading (the first of a repeated heading wins: the 年度 ones of a 中期 form repeat 二级/三级). */
const INDICATOR_HEADINGS: Array<[RegExp, keyof Indicator]> = [
  [/^一级指标$/, 'level1'],
  [/^二级指标$/, 'level2'],
  [/^三级指标$/, 'level3'],
  [/^中期指标值$/, 'midValue'],
  [/^(年度)?指标值$/, 'value'],
  [/^(指标解释|评价标准|指标解释\/评价标准)$/, 'note'],
];

/**
 * A 项目绩效目标表: label/value fields (a label merged over several rows heads a block, 项目资金)
 * down to the row that heads the indicators (一级指标 …), then one indicator per row (merged
 * 一级/二级 cells give every row their text).
 */
function readForm(file: string, grid: Grid, form: (typeof FORMS)[number], titleRow: number, title: string): FormRead {
  const meta = currencyOf(grid, titleRow, Math.min(grid.rows, titleRow + 4));
  const out: FormRead = { key: form.key, zh: form.zh, sheet: grid.name, title, name: '', nameCell: '', fields: [], indicators: [] };
  let r = (meta.metaRow ?? titleRow) + 1;
  let columns: Array<[number, keyof Indicator]> | undefined;
  for (; r < grid.rows; r++) {
    if (grid.blankRow(r)) continue;
    const cells: Array<{ c: number; text: string }> = [];
    for (let c = 0; c < grid.cols; c++) {
      if (grid.covered(r, c)) continue;
      const t = grid.text(r, c);
      if (t) cells.push({ c, text: t });
    }
    const heads = cells.flatMap(({ c, text }) => {
      const hit = INDICATOR_HEADINGS.find(([re]) => re.test(norm(text)));
      return hit ? [[c, hit[1]] as [number, keyof Indicator]] : [];
    });
    if (heads.some(([, k]) => k === 'level1')) {
      const seen = new Set<string>();
      columns = heads.filter(([, k]) => (seen.has(k) ? false : (seen.add(k), true)));
      r++;
      break;
    }
    // A block label (项目资金) spans the block's rows on the left: the pairs are right of it.
    const pairs = cells.length % 2 === 1 && grid.rowSpan(r, cells[0]!.c) > 1 ? cells.slice(1) : cells;
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const label = pairs[i]!.text.replace(/[:：]\s*$/, '').trim();
      out.fields.push({ label, value: pairs[i + 1]!.text, cell: address(r, pairs[i + 1]!.c) });
      if (!out.name && /^(转移支付)?项目名称$/.test(norm(label))) {
        out.name = pairs[i + 1]!.text;
        out.nameCell = address(r, pairs[i + 1]!.c);
      }
    }
  }
  if (!out.name) throw new ImportError({ file, sheet: grid.name, cell: address(titleRow + 1, 0) }, `${form.zh}中找不到项目名称`, '“项目名称”栏及其内容', '没有');
  if (!columns) throw new ImportError({ file, sheet: grid.name, cell: address(r - 1, 0) }, `${form.zh}中找不到绩效指标的表头`, '“一级指标”“二级指标”“三级指标”“指标值”', '没有');
  for (; r < grid.rows; r++) {
    if (grid.blankRow(r)) continue;
    const indicator: Partial<Indicator> = {};
    for (const [c, k] of columns) {
      const t = grid.text(r, c);
      if (t) (indicator as Record<string, string>)[k] = t;
    }
    if (!indicator.level1) {
      if (Object.keys(indicator).length) throw new ImportError({ file, sheet: grid.name, cell: address(r, columns[0]![0]) }, `绩效指标行没有一级指标（${form.zh}）`, '一级指标（例如“产出指标”）', '空');
      continue;
    }
    out.indicators.push(indicator as Indicator);
  }
  return out;
}

/** A narrative sheet's text: the cells below the title, top to bottom, one paragraph each. */
function readText(grid: Grid, titleRow: number): string {
  const parts: string[] = [];
  for (let r = titleRow + 1; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      if (grid.covered(r, c)) continue;
      const cell = grid.raw(r, c);
      if (cell && cell.v !== undefined) parts.push(String(cell.v));
    }
  }
  return parts.join('\n');
}

export function readWorkbookTables(file: string, book: import('@e965/xlsx').WorkBook): WorkbookRead {
  const out: WorkbookRead = { tables: new Map(), forms: [], texts: [], unknown: [] };
  for (const name of book.SheetNames) {
    const grid = new Grid(name, book.Sheets[name]!);
    if (grid.rows * Math.max(grid.cols, 1) > 5_000_000) {
      throw new ImportError({ file, sheet: name }, '工作表太大', '不超过 500 万个单元格', `${grid.rows} 行 × ${grid.cols} 列`);
    }
    const title = titleOf(grid);
    if (!title) continue;
    const t = norm(title.text);
    const kind: DocumentKind = /决算/.test(t) ? 'final' : 'budget';
    const spec = (kind === 'final' ? FINAL_TABLES : TABLES).find((s) => s.title.test(t));
    if (spec && !/^目录$/.test(t)) {
      if (out.kind && out.kind !== kind) {
        const other = [...out.tables.values()][0]!;
        throw new ImportError({ file, sheet: name, cell: address(title.row, 0) }, `同一个工作簿中既有${out.kind === 'final' ? '决算' : '预算'}表（工作表“${other.sheet}”）又有${kind === 'final' ? '决算' : '预算'}表：一次导入一种`, `${out.kind === 'final' ? '决算' : '预算'}表`, shown(title.text));
      }
      out.kind = kind;
      if (out.tables.has(spec.key)) {
        throw new ImportError({ file, sheet: name, cell: address(title.row, 0) }, `工作簿中有两张${spec.zh}`, `一张（已在工作表“${out.tables.get(spec.key)!.sheet}”中读到）`, '第二张');
      }
      const read = readTable(file, grid, spec, title.row, title.text);
      out.tables.set(spec.key, read);
      if (read.preparedBy && !out.unitLine) out.unitLine = read.preparedBy;
      const y = /(\d{4})年/.exec(t);
      if (y && out.year === undefined) out.year = Number(y[1]);
      continue;
    }
    const form = out.kind !== 'final' && kind === 'budget' ? FORMS.find((s) => s.title.test(t)) : undefined;
    if (form) {
      out.forms.push(readForm(file, grid, form, title.row, title.text));
      continue;
    }
    const text = TEXTS.find((s) => s.title.test(t));
    if (!text) {
      out.unknown.push(name);
      continue;
    }
    const body = readText(grid, title.row);
    out.texts.push({ key: text.key, sheet: name, title: title.text, body });
    if (text.key === 'cover') {
      // The name as printed (full-width brackets kept): only the label is matched normalised.
      const line = body.split('\n').find((l) => /^(预算单位|预算主管部门|决算单位|决算主管部门|单位名称):/.test(norm(l)));
      if (line) out.unitLine = line.trim().replace(/^[^:：]*[:：]\s*/, '');
      const y = /(\d{4})年/.exec(t);
      if (y) out.year = Number(y[1]);
    }
  }
  // The booklet's own -tables.xlsx titles its tables without the year; its document title has it.
  const y = /(\d{4})年/.exec(book.Props?.Title ?? '');
  if (out.year === undefined && y) out.year = Number(y[1]);
  return out;
}
