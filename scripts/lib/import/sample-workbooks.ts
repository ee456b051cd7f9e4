/**
 * Sample workbooks in the budget system's layouts, for the import's tests and `npm run bench`
 * (test/fixtures/workbooks/make.ts is the command that writes them to files).
 *
 * Budget workbooks in the layout of the 区预决算一体化平台's export (as in
 * ../shared/templates/shanghai-putuo: a cover, narrative sheets with one merged body cell, one
 * sheet per table with the title in row 2, 编制单位 and 单位：元 in row 4, merged multi-row
 * headers from row 6), filled with the numbers of a corpus reference file
 * (test/fixtures/corpus/shanghai/*.json). Nothing is copied from the templates: the header
 * of each table is rebuilt from the corpus file's column paths ("项目/功能分类科目编码/类").
 *
 * Layout variants (the forms real exports take):
 *   split       类 as a number, 款/项 as text with leading zeros; 合计 at the bottom (the template)
 *   cumulative  one code column (201 / 20113 / 2011301); 合计 at the top; sheet names numbered
 *               "2.15单位收支总表" with a trailing space; 3000 formatted blank rows under each table
 *   bracket     no code columns: "[201]一般公共服务支出" in the name column
 *
 * 决算 workbooks (makeFinalBook) in the layout of 财政部's 部门决算公开表 (公开01–09表: 行次 columns,
 * a 栏次 line, 合计 at the top, the 基本支出表 in 人员经费 | 公用经费 panels) or of the Shanghai
 * 决算 template, filled with the numbers of a 决算 data file.
 */
import * as XLSX from '@e965/xlsx';
import { fromAmount, type Fen } from '../model/money.ts';
import { toAmount } from '../edit/scaffold.ts';
import type { FinalDocument, Project, UnitYearFile } from '../model/schema.ts';

export type Variant = 'split' | 'cumulative' | 'bracket';

interface CorpusRow {
  side?: 'income' | 'expenditure';
  code: string | null;
  label: string | null;
  amounts: Array<string | null>;
}
interface CorpusTable {
  number: string;
  title: string;
  preparedBy?: string;
  unit: string;
  columns: string[];
  amountColumns?: { income: string[]; expenditure: string[] };
  rows: CorpusRow[];
  note?: string | null;
}
export interface Corpus {
  unit: string;
  year: number;
  level: 'unit' | 'department';
  cover?: { title: string; unitLine: string };
  tables: CorpusTable[];
}

type Aoa = Array<Array<string | number | null>>;

/** "21,601,733.00" → 21601733 (a number cell, as the system exports it). */
function num(s: string | null): number | null {
  return s === null ? null : Number(s.replace(/,/g, ''));
}

/** The header block for column paths: one row per level, equal neighbours merged. */
function header(paths: string[][], top: number): { rows: Aoa; merges: XLSX.Range[] } {
  const depth = Math.max(...paths.map((p) => p.length));
  const rows: Aoa = [];
  const merges: XLSX.Range[] = [];
  for (let level = 0; level < depth; level++) {
    const row: Array<string | null> = [];
    for (let c = 0; c < paths.length; c++) {
      const p = paths[c]!;
      const own = p[level];
      const prefix = (q: string[]) => q.slice(0, level + 1).join('/');
      const continues = c > 0 && own !== undefined && paths[c - 1]![level] !== undefined && prefix(paths[c - 1]!) === prefix(p);
      row.push(own === undefined || continues ? null : own);
      if (own !== undefined && !continues) {
        let end = c;
        while (end + 1 < paths.length && paths[end + 1]![level] !== undefined && prefix(paths[end + 1]!) === prefix(p)) end++;
        // The last segment reaches down to the bottom header row.
        const bottom = level === p.length - 1 ? depth - 1 : level;
        if (end > c || bottom > level) merges.push({ s: { r: top + level, c }, e: { r: top + bottom, c: end } });
      }
    }
    rows.push(row);
  }
  return { rows, merges };
}

function splitCode(code: string): [number, string | null, string | null] {
  return [Number(code.slice(0, 3)), code.length >= 5 ? code.slice(3, 5) : null, code.length >= 7 ? code.slice(5, 7) : null];
}

function tableSheet(t: CorpusTable, variant: Variant): XLSX.WorkSheet {
  let paths = t.columns.map((c) => c.split('/'));
  const codeIdx = paths.map((p, i) => (/编码$/.test(p[p.length - 2] ?? '') || /编码$/.test(p[p.length - 1]!) ? i : -1)).filter((i) => i >= 0);
  const nameIdx = paths.findIndex((p) => /名称$/.test(p[p.length - 1]!));
  const coded = codeIdx.length > 0;
  if (coded && variant === 'cumulative') paths = [paths[codeIdx[0]!]!.slice(0, -1), ...paths.slice(codeIdx[codeIdx.length - 1]! + 1)];
  if (coded && variant === 'bracket') paths = paths.slice(codeIdx[codeIdx.length - 1]! + 1);
  const width = paths.length;
  const aoa: Aoa = [[], [t.title]];
  const unitText = t.unit === '万元' ? '单位:万元' : '单位：元';
  const meta: Array<string | null> = Array.from({ length: width }, () => null);
  meta[0] = t.preparedBy ?? '编制单位：';
  meta[width - 1] = unitText;
  aoa.push([], meta, []);
  const top = aoa.length;
  const h = header(paths, top);
  aoa.push(...h.rows);
  const merges: XLSX.Range[] = [{ s: { r: 1, c: 0 }, e: { r: 1, c: width - 1 } }, ...h.merges];
  const labelCols = coded ? (variant === 'split' ? codeIdx.length + 1 : 1 + (variant === 'cumulative' ? 1 : 0)) : 0;
  const dataRow = (r: CorpusRow): Array<string | number | null> => {
    const amounts = r.amounts.map(num);
    if (!coded) return [r.label, ...amounts];
    if (r.code === null) {
      const cells: Array<string | number | null> = Array.from({ length: labelCols }, () => null);
      cells[0] = r.label;
      return [...cells, ...amounts];
    }
    if (variant === 'split') return [...splitCode(r.code).slice(0, codeIdx.length), r.label, ...amounts];
    if (variant === 'cumulative') return [r.code, r.label, ...amounts];
    return [`[${r.code}]${r.label}`, ...amounts];
  };
  const body: Aoa = [];
  if (t.rows.some((r) => r.side !== undefined)) {
    // Two-sided: the income columns beside the expenditure columns, row by row.
    const expLabel = t.columns.findIndex((c, i) => i > 0 && /\/项目$/.test(c));
    const incWidth = expLabel - 1;
    const expWidth = t.columns.length - expLabel - 1;
    const inc = t.rows.filter((r) => r.side === 'income');
    const exp = t.rows.filter((r) => r.side === 'expenditure');
    const pad = (r: CorpusRow | undefined, n: number) => (r ? r.amounts.map(num) : Array.from({ length: n }, () => null));
    for (let i = 0; i < Math.max(inc.length, exp.length); i++) {
      body.push([inc[i]?.label ?? null, ...pad(inc[i], incWidth), exp[i]?.label ?? null, ...pad(exp[i], expWidth)]);
    }
  } else if (!coded) {
    for (const r of t.rows) body.push(r.amounts.map(num));
  } else {
    const totals = t.rows.filter((r) => r.code === null);
    const items = t.rows.filter((r) => r.code !== null);
    const ordered = variant === 'cumulative' ? [...totals, ...items] : [...items, ...totals];
    for (const r of ordered) {
      const at = top + h.rows.length + body.length;
      if (r.code === null && labelCols > 1) merges.push({ s: { r: at, c: 0 }, e: { r: at, c: labelCols - 1 } });
      body.push(dataRow(r));
    }
  }
  aoa.push(...body);
  if (t.note) aoa.push([t.note]);
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = merges;
  if (variant === 'cumulative') {
    // Formatted blank rows: the used range reaches far below the table.
    const last = aoa.length + 3000;
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: last, c: width - 1 } });
    ws[XLSX.utils.encode_cell({ r: last, c: 0 })] = { t: 's', v: '' };
  }
  void nameIdx;
  return ws;
}

function textSheet(title: string, body: string): XLSX.WorkSheet {
  const ws = XLSX.utils.aoa_to_sheet([[title], [], [body]]);
  ws['!merges'] = [{ s: { r: 2, c: 0 }, e: { r: 16, c: 0 } }];
  return ws;
}

/** Text the narrative sheets carry (ours: the corpus files keep the tables only). */
export function narrativeOf(c: Corpus): { duties: string; organisation: string } {
  return {
    duties: `    ${c.unit}是本区主管有关工作的部门。\n    主要职能包括：\n    1. 贯彻执行有关法律法规。\n    2. 承办区政府交办的其他事项。`,
    organisation: `    ${c.unit}设办公室、业务科等内设机构。`,
  };
}

export const GLOSSARY = '   （一）财政拨款收入：是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款。\n   （二）事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。';

const SHEET_NAMES: Record<string, string> = {
  '1': '收支总表',
  '2': '收入总表',
  '3': '支出总表',
  '4': '财政拨款收支总表',
  '5': '一般公共预算拨款表',
  '6': '政府性基金拨款表',
  '7': '国有资本经营预算拨款表',
  '8': '一般公共预算拨款基本支出明细表',
  '9': '“三公”经费和机关运行费预算表',
};

export function makeBook(c: Corpus, variant: Variant = 'split'): XLSX.WorkBook {
  const book = XLSX.utils.book_new();
  const who = c.level === 'unit' ? '单位' : '部门';
  const front = c.cover ?? { title: `上海市普陀区${c.year}年区级${who}预算`, unitLine: `${c.level === 'unit' ? '预算单位' : '预算主管部门'}：${c.unit}` };
  const cover = XLSX.utils.aoa_to_sheet([[], [], [front.title], [], [], [], [], [], [front.unitLine]]);
  XLSX.utils.book_append_sheet(book, cover, '封面');
  const n = narrativeOf(c);
  XLSX.utils.book_append_sheet(book, textSheet(`${c.unit}主要职能`, n.duties), `${who}职能`);
  XLSX.utils.book_append_sheet(book, textSheet(`${c.unit}机构设置`, n.organisation), `${who}机构设置`);
  XLSX.utils.book_append_sheet(book, textSheet('名词解释', GLOSSARY), '名词解释');
  for (const t of c.tables) {
    const base = `${who}${SHEET_NAMES[t.number] ?? t.number}`;
    const name = variant === 'cumulative' ? `2.${14 + Number(t.number)}${base} ` : base;
    XLSX.utils.book_append_sheet(book, tableSheet(t, variant), name.slice(0, 31));
  }
  return book;
}

/** A row of the 部门's 分单位明细表 (amounts in 元 as the corpus prints them, "21,601,733.00"). */
export interface BreakdownFixture {
  name: string;
  code?: string;
  nature?: string;
  total?: string | null;
  basic?: string | null;
  project?: string | null;
  note?: string;
}

/**
 * The 部门's per-单位 breakdown, as a real export's "3.18部门支出分单位明细表": title, 编制部门 and
 * 单位：元, a two-row header (单位编码, 单位名称, 单位性质 | 支出预算: 合计, 基本支出, 项目支出 | 备注),
 * one row per 单位 (none for a 单位 that is “不单列预算”), 合计 at the bottom.
 */
export function breakdownSheet(year: number, dept: string, rows: BreakdownFixture[]): XLSX.WorkSheet {
  const sum = (k: 'total' | 'basic' | 'project') => rows.reduce((s, r) => s + Math.round((num(r[k] ?? null) ?? 0) * 100), 0) / 100;
  const aoa: Aoa = [
    [],
    [`${year}年部门支出预算分单位明细表`],
    [],
    [`编制部门：${dept}`, null, null, null, null, null, '单位：元'],
    [],
    ['单位编码', '单位名称', '单位性质', '支出预算', null, null, '备注'],
    [null, null, null, '合计', '基本支出', '项目支出', null],
    ...rows.map((r) => [r.code ?? null, r.name, r.nature ?? null, num(r.total ?? null), num(r.basic ?? null), num(r.project ?? null), r.note ?? null]),
    [null, '合计', null, sum('total'), sum('basic'), sum('project'), null],
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = [
    { s: { r: 1, c: 0 }, e: { r: 1, c: 6 } },
    { s: { r: 5, c: 0 }, e: { r: 6, c: 0 } },
    { s: { r: 5, c: 1 }, e: { r: 6, c: 1 } },
    { s: { r: 5, c: 2 }, e: { r: 6, c: 2 } },
    { s: { r: 5, c: 3 }, e: { r: 5, c: 5 } },
    { s: { r: 5, c: 6 }, e: { r: 6, c: 6 } },
  ];
  return ws;
}

/** A 部门 workbook with its 分单位明细表 as the last sheet. */
export function makeDepartmentBook(c: Corpus, rows: BreakdownFixture[], variant: Variant = 'split'): XLSX.WorkBook {
  const book = makeBook(c, variant);
  XLSX.utils.book_append_sheet(book, breakdownSheet(c.year, c.unit, rows), '3.18部门支出分单位明细表');
  return book;
}

export function writeBook(book: XLSX.WorkBook, format: 'xlsx' | 'xls'): Buffer {
  return XLSX.write(book, { type: 'buffer', bookType: format === 'xls' ? 'biff8' : 'xlsx', compression: true }) as Buffer;
}

export function makeWorkbook(c: Corpus, format: 'xlsx' | 'xls', variant: Variant = 'split'): Buffer {
  return writeBook(makeBook(c, variant), format);
}

// ------------------------------------------------------------------ projects

const PROJECT_FUND_COLUMNS: Array<[keyof Project['funds'], string, string | null]> = [
  ['gpb', '本年财政拨款', '一般公共预算'],
  ['gfb', '本年财政拨款', '政府性基金预算'],
  ['scob', '本年财政拨款', '国有资本经营预算'],
  ['carryGpb', '财政拨款结转结余', '一般公共预算'],
  ['carryGfb', '财政拨款结转结余', '政府性基金预算'],
  ['carryScob', '财政拨款结转结余', '国有资本经营预算'],
  ['specialAccount', '财政专户管理资金', null],
  ['unitFunds', '单位资金', null],
];

/** Data-file amounts (万元) added exactly, in 分. */
const sumFen = (values: Array<number | undefined>): Fen => values.reduce<Fen>((s, v) => s + (v === undefined ? 0 : (fromAmount(v, 'wan') ?? 0)), 0);

/** A data-file amount in its currency (万元 here) as the number cell an export holds. */
const cellOf = (v: number | undefined) => (v === undefined ? null : v);

/**
 * The 项目支出表 as an export prints it (another form than the booklet's: title in row 2, 合计 at
 * the top, a 功能分类科目编码 column, 项目名称 before 类型): 编制单位 and 单位：万元, a two-row header
 * with the 本年财政拨款 and 财政拨款结转结余 groups, one row per project, names as printed.
 */
export function projectsSheet(year: number, unit: string, projects: Project[]): XLSX.WorkSheet {
  const total = (p: Project) => p.total ?? toAmount(sumFen(PROJECT_FUND_COLUMNS.map(([k]) => p.funds[k])), 'wan');
  const sums = PROJECT_FUND_COLUMNS.map(([k]) => sumFen(projects.map((p) => p.funds[k])));
  const all = sumFen(projects.map(total));
  const width = 5 + PROJECT_FUND_COLUMNS.length;
  const aoa: Aoa = [
    [],
    [`${year}年项目支出预算表`],
    [`编制单位：${unit}`, ...Array(width - 2).fill(null), '单位：万元'],
    ['项目名称', '类型', '项目单位', '功能分类科目编码', '合计', ...PROJECT_FUND_COLUMNS.map(([, g]) => g)],
    [null, null, null, null, null, ...PROJECT_FUND_COLUMNS.map(([, g, h]) => h ?? g)],
    ['合计', null, null, null, toAmount(all, 'wan'), ...sums.map((f) => (f ? toAmount(f, 'wan') : null))],
    ...projects.map((p) => [p.printedName ?? p.name, p.type ?? null, p.printedUnit ?? p.unit, p.functionCode ?? null, total(p), ...PROJECT_FUND_COLUMNS.map(([k]) => cellOf(p.funds[k]))]),
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = [
    { s: { r: 1, c: 0 }, e: { r: 1, c: width - 1 } },
    ...[0, 1, 2, 3, 4].map((c) => ({ s: { r: 3, c }, e: { r: 4, c } })),
    { s: { r: 3, c: 5 }, e: { r: 3, c: 7 } },
    { s: { r: 3, c: 8 }, e: { r: 3, c: 10 } },
    { s: { r: 3, c: 11 }, e: { r: 4, c: 11 } },
    { s: { r: 3, c: 12 }, e: { r: 4, c: 12 } },
  ];
  return ws;
}

/**
 * A project's 项目支出绩效目标表 in the Anhui layout: header fields as label/value pairs, the
 * 项目资金 block (its label merged down four rows), 年度目标, then “绩效指标” merged down the left
 * of the indicator rows, equal neighbouring 一级/二级指标 cells merged as the system prints them.
 */
export function performanceSheet(unit: string, p: Project): XLSX.WorkSheet {
  const attr = (label: string) => p.attributes?.find((a) => a.label === label)?.value ?? null;
  const others = (p.attributes ?? []).filter((a) => a.label !== '主管部门及代码' && a.label !== '实施单位');
  const head = 10 + others.length;
  const funds = p.funds;
  const fiscal = toAmount(sumFen([funds.gpb, funds.gfb, funds.scob]), 'wan');
  const carry = toAmount(sumFen([funds.carryGpb, funds.carryGfb, funds.carryScob]), 'wan');
  const aoa: Aoa = [
    ['项目支出绩效目标表'],
    [`编制单位：${unit}`, null, null, null, '单位：万元'],
    ['项目名称', p.printedName ?? p.name],
    ['主管部门及代码', attr('主管部门及代码'), '实施单位', p.implementer ?? p.unit],
    ['项目来源', p.source ?? null, '项目期', p.period ?? null],
    ['项目资金（万元）', '年度资金总额：', p.total ?? toAmount(sumFen([fiscal, carry]), 'wan')],
    [null, '其中：财政拨款', fiscal],
    [null, '上年结转', carry],
    [null, '其他资金', p.otherFunds ?? 0],
    ['年度目标', p.goal ?? null],
    // Other header fields, one row each, as the form prints them.
    ...others.map((a) => [a.label, a.value]),
    ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值'],
    ...p.indicators.map((i) => [null, i.level1, i.level2 ?? null, i.level3 ?? null, i.value ?? null]),
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  const merges: XLSX.Range[] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 4 } },
    { s: { r: 2, c: 1 }, e: { r: 2, c: 4 } },
    { s: { r: 3, c: 3 }, e: { r: 3, c: 4 } },
    { s: { r: 4, c: 3 }, e: { r: 4, c: 4 } },
    { s: { r: 5, c: 0 }, e: { r: 8, c: 0 } },
    ...[5, 6, 7, 8].map((r) => ({ s: { r, c: 2 }, e: { r, c: 4 } })),
    ...[9, ...others.map((_, i) => 10 + i)].map((r) => ({ s: { r, c: 1 }, e: { r, c: 4 } })),
    { s: { r: head, c: 0 }, e: { r: head + p.indicators.length, c: 0 } },
  ];
  // Equal neighbours of 一级 (and, within one 一级, 二级) as one merged cell.
  for (const [col, same] of [
    [1, (a: Project['indicators'][number], b: Project['indicators'][number]) => a.level1 === b.level1],
    [2, (a: Project['indicators'][number], b: Project['indicators'][number]) => a.level1 === b.level1 && a.level2 !== undefined && a.level2 === b.level2],
  ] as const) {
    for (let i = 0; i < p.indicators.length; ) {
      let j = i;
      while (j + 1 < p.indicators.length && same(p.indicators[i]!, p.indicators[j + 1]!)) j++;
      if (j > i) {
        merges.push({ s: { r: head + 1 + i, c: col }, e: { r: head + 1 + j, c: col } });
        for (let k = i + 1; k <= j; k++) delete ws[XLSX.utils.encode_cell({ r: head + 1 + k, c: col })];
      }
      i = j + 1;
    }
  }
  ws['!merges'] = merges;
  return ws;
}

/** A budget workbook with a data file's projects added: its 项目支出表 and one 绩效目标表 per project with indicators. */
export function addProjectSheets(book: XLSX.WorkBook, year: number, unit: string, projects: Project[]): XLSX.WorkBook {
  XLSX.utils.book_append_sheet(book, projectsSheet(year, unit, projects), '2.26项目支出预算表');
  projects.forEach((p, i) => {
    if (p.indicators.length) XLSX.utils.book_append_sheet(book, performanceSheet(unit, p), `2.${27 + i}项目绩效目标表`);
  });
  return book;
}

// ------------------------------------------------------------------ 决算

export type FinalLayout = 'national' | 'shanghai';

type FinalRowValues = Record<string, Fen | undefined>;
type Names = { function: Record<string, string>; economicDepartment: Record<string, string> };

const CLASS_LINES = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** "一、" … "二十七、" as the 总表 numbers its lines. */
function numeral(n: number): string {
  if (n <= 10) return `${CLASS_LINES[n - 1]}、`;
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? CLASS_LINES[tens - 1] : ''}十${n % 10 ? CLASS_LINES[(n % 10) - 1] : ''}、`;
}

/**
 * Rows of 项 (or whatever the data details) summed up into their 款 and 类, in code order, in 分:
 * the tables print every level. `keys` are the amounts to sum.
 */
function levels<T extends { code: string }>(rows: T[], keys: string[], value: (r: T, k: string) => Fen | undefined): Array<{ code: string; v: FinalRowValues }> {
  const leaves = rows.filter((r) => !rows.some((o) => o.code.length > r.code.length && o.code.startsWith(r.code)));
  const codes = new Set<string>();
  for (const r of leaves) for (const n of [3, 5, 7]) if (r.code.length >= n) codes.add(r.code.slice(0, n));
  return [...codes].sort().map((code) => {
    const v: FinalRowValues = {};
    for (const k of keys) {
      const parts = leaves.filter((r) => r.code.startsWith(code)).map((r) => value(r, k));
      if (parts.some((p) => p !== undefined)) v[k] = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
    }
    return { code, v };
  });
}

/**
 * A 决算 workbook filled with a data file's numbers: a cover, then 公开01–09表 (national) or
 * 一、–九、 (Shanghai). Every printed 类/款 is the sum of the data's detailed rows, in 分.
 */
export function makeFinalBook(file: UnitYearFile, names: Names, layout: FinalLayout = 'national'): XLSX.WorkBook {
  const doc = file.documents.final as FinalDocument;
  const currency = 'wan' as const;
  const fen = (v: number | undefined): Fen | undefined => (v === undefined ? undefined : fromAmount(v, currency));
  const out = (f: Fen | undefined): number | null => (f === undefined ? null : toAmount(f, currency));
  const book = XLSX.utils.book_new();
  const who = file.unit.level === 'department' ? '部门' : '单位';
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([[], [], [`${file.unit.name}${file.year}年度${who}决算`], [], [], [`决算单位：${file.unit.name}`]]), '封面');
  const n = narrativeOfFinal(file);
  XLSX.utils.book_append_sheet(book, textSheet(`${file.unit.name}主要职能`, n), `${who}职能`);

  const numbers = layout === 'national' ? ['公开01表', '公开02表', '公开03表', '公开04表', '公开05表', '公开06表', '公开07表', '公开08表', '公开09表'] : [];
  const sheet = (i: number, title: string, header: Aoa, merges: XLSX.Range[], body: Aoa, width: number) => {
    const shown = layout === 'shanghai' ? `${numeral(i + 1)}${title}` : title;
    const meta: Array<string | null> = Array.from({ length: width }, () => null);
    meta[0] = layout === 'national' ? `部门：${file.unit.name}` : `编制部门：${file.unit.name}`;
    meta[width - 1] = layout === 'national' ? '金额单位：万元' : '单位：万元';
    const top: Aoa = [[shown], layout === 'national' ? [...Array.from({ length: width - 1 }, () => null), numbers[i]!] : [], meta];
    const ws = XLSX.utils.aoa_to_sheet([...top, ...header, ...body]);
    ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: width - 1 } }, ...merges.map((m) => ({ s: { r: m.s.r + top.length, c: m.s.c }, e: { r: m.e.r + top.length, c: m.e.c } }))];
    XLSX.utils.book_append_sheet(book, ws, `${layout === 'national' ? numbers[i] : `${i + 1}`}${title}`.slice(0, 31));
  };
  const rowNo = layout === 'national';
  // 行次: each two-sided table numbers its lines from 1.
  let lineNo = 0;
  const line = () => (rowNo ? [++lineNo] : []);
  const exp = doc.expenditure;
  const sumFund = (fund: string | null, key: string, prefix: string) =>
    exp.filter((r) => (fund === null || r.fund === fund) && r.code.length === 7 && r.code.startsWith(prefix)).reduce((s, r) => s + (fen((r as Record<string, unknown>)[key] as number | undefined) ?? 0), 0);
  const classes = [...new Set(exp.filter((r) => r.code.length === 7).map((r) => r.code.slice(0, 3)))].sort();
  const nf = (f: Fen) => out(f);

  // 01 收入支出决算总表
  {
    lineNo = 0;
    const i = doc.income;
    const income: Array<[string, Fen | undefined]> = [
      ['一、一般公共预算财政拨款收入', fen(i.gpb)],
      ['二、政府性基金预算财政拨款收入', fen(i.gfb)],
      ['三、国有资本经营预算财政拨款收入', fen(i.scob)],
      ['四、上级补助收入', fen(i.superior)],
      ['五、事业收入', fen(i.business)],
      ['六、经营收入', fen(i.operating)],
      ['七、附属单位上缴收入', fen(i.affiliated)],
      ['八、其他收入', fen(i.other)],
    ];
    const spend: Array<[string, Fen]> = classes.map((c, k) => [`${numeral(k + 1)}${names.function[c]}`, sumFund(null, 'total', c)]);
    const incomeTotal = income.reduce((s, [, f]) => s + (f ?? 0), 0);
    const spendTotal = spend.reduce((s, [, f]) => s + f, 0);
    const opening = Object.values(i.carryover).reduce((s, v) => s + (fen(v) ?? 0), 0);
    const closing = Object.values(doc.balances.closing).reduce((s, v) => s + (fen(v) ?? 0), 0);
    const nonFiscal = fen(i.nonFiscalBalanceUsed) ?? 0;
    const surplus = fen(doc.balances.surplusAllocation) ?? 0;
    const body: Aoa = [];
    const cell = (l: [string, Fen | undefined] | undefined, no: boolean) => (l ? [l[0], ...(no ? line() : []), out(l[1] ?? 0)] : [null, ...(rowNo ? [null] : []), null]);
    const linesIn = [...income];
    for (let k = 0; k < Math.max(linesIn.length, spend.length); k++) body.push([...cell(linesIn[k], true), ...cell(spend[k], true)]);
    body.push([...cell(['本年收入合计', incomeTotal], true), ...cell(['本年支出合计', spendTotal], true)]);
    body.push([...cell(['使用非财政拨款结余', nonFiscal], true), ...cell(['结余分配', surplus], true)]);
    body.push([...cell(['年初结转和结余', opening], true), ...cell(['年末结转和结余', closing], true)]);
    body.push([...cell(['总计', incomeTotal + nonFiscal + opening], true), ...cell(['总计', spendTotal + surplus + closing], true)]);
    const side = rowNo ? ['项目', '行次', '金额'] : ['项目', '决算数'];
    const w = side.length;
    const columnNumbers: Aoa = rowNo ? [['栏次', null, 1, '栏次', null, 2]] : [];
    sheet(0, '收入支出决算总表', [['收入', ...Array(w - 1).fill(null), '支出', ...Array(w - 1).fill(null)], [...side, ...side], ...columnNumbers], [{ s: { r: 0, c: 0 }, e: { r: 0, c: w - 1 } }, { s: { r: 0, c: w }, e: { r: 0, c: 2 * w - 1 } }], body, 2 * w);
  }

  // Coded tables: 项目 (科目编码, 科目名称) then the amount columns; 栏次 and 合计 lines on top.
  const coded = (i: number, title: string, groups: Array<[string, string[]]>, rows: Array<{ code: string; v: FinalRowValues }>, keys: string[]) => {
    const leafCols = groups.flatMap(([g, subs]) => (subs.length ? subs.map((s) => [g, s]) : [[g]]));
    const width = 2 + leafCols.length;
    const twoRows = groups.some(([, subs]) => subs.length > 0);
    const h1: Array<string | null> = ['项目', null];
    const h2: Array<string | null> = ['科目编码', '科目名称'];
    const merges: XLSX.Range[] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 1 } }];
    let c = 2;
    for (const [g, subs] of groups) {
      if (subs.length) {
        h1.push(g, ...Array(subs.length - 1).fill(null));
        h2.push(...subs);
        if (subs.length > 1) merges.push({ s: { r: 0, c }, e: { r: 0, c: c + subs.length - 1 } });
        c += subs.length;
      } else {
        h1.push(g);
        h2.push(null);
        if (twoRows) merges.push({ s: { r: 0, c }, e: { r: 1, c } });
        c++;
      }
    }
    const header: Aoa = [h1, h2];
    const body: Aoa = [];
    if (rowNo) {
      body.push(['栏次', null, ...leafCols.map((_, k) => k + 1)]);
      merges.push({ s: { r: 2, c: 0 }, e: { r: 2, c: 1 } });
    }
    if (rows.length) {
      const total = keys.map((k) => nf(rows.filter((r) => r.code.length === 3).reduce((s, r) => s + (r.v[k] ?? 0), 0)));
      merges.push({ s: { r: header.length + body.length, c: 0 }, e: { r: header.length + body.length, c: 1 } });
      body.push(['合计', null, ...total]);
      for (const r of rows) body.push([r.code, names.function[r.code] ?? '', ...keys.map((k) => out(r.v[k]))]);
    } else body.push(['本表无数据']);
    sheet(i, title, header, merges, body, width);
  };

  // 02 收入决算表
  const INC = ['total', 'fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'];
  coded(1, '收入决算表', [['本年收入合计', []], ['财政拨款收入', []], ['上级补助收入', []], ['事业收入', []], ['经营收入', []], ['附属单位上缴收入', []], ['其他收入', []]], levels(doc.incomeByFunction, INC, (r, k) => fen((r as Record<string, unknown>)[k] as number | undefined)), INC);

  // 03 支出决算表 (every fund)
  const EXP = ['total', 'basic', 'project', 'toSuperior', 'operating', 'toAffiliated'];
  const expOf = (fund: string | null, keys: string[]) => {
    const leavesByCode = new Map<string, { code: string } & Record<string, Fen>>();
    for (const r of exp.filter((x) => x.code.length === 7 && (fund === null || x.fund === fund))) {
      const acc = leavesByCode.get(r.code) ?? ({ code: r.code } as { code: string } & Record<string, Fen>);
      for (const k of keys) {
        const f = fen((r as Record<string, unknown>)[k] as number | undefined);
        if (f !== undefined) acc[k] = (acc[k] ?? 0) + f;
      }
      leavesByCode.set(r.code, acc);
    }
    return levels([...leavesByCode.values()], keys, (r, k) => r[k]);
  };
  coded(2, '支出决算表', [['本年支出合计', []], ['基本支出', []], ['项目支出', []], ['上缴上级支出', []], ['经营支出', []], ['对附属单位补助支出', []]], expOf(null, EXP), EXP);

  // 04 财政拨款收入支出决算总表
  {
    lineNo = 0;
    const funds = ['gpb', 'gfb', 'scob'] as const;
    const i = doc.income;
    const inc: Array<[string, Fen]> = [
      ['一、一般公共预算财政拨款', fen(i.gpb) ?? 0],
      ['二、政府性基金预算财政拨款', fen(i.gfb) ?? 0],
      ['三、国有资本经营预算财政拨款', fen(i.scob) ?? 0],
    ];
    const fiscalClasses = classes.filter((c) => funds.some((f) => sumFund(f, 'total', c) !== 0));
    const spend = fiscalClasses.map((c, k) => [`${numeral(k + 1)}${names.function[c]}`, ...funds.map((f) => sumFund(f, 'total', c))] as [string, Fen, Fen, Fen]);
    const open = funds.map((f) => fen(i.carryover[f]) ?? 0);
    const close = funds.map((f) => fen(doc.balances.closing[f]) ?? 0);
    const L = (label: string | null, amount: Fen | null) => [label, ...(rowNo ? (label ? line() : [null]) : []), amount === null ? null : out(amount)];
    const R = (label: string | null, parts: Fen[] | null) => [label, ...(rowNo ? (label ? line() : [null]) : []), ...(parts ? [out(parts.reduce((s, p) => s + p, 0)), ...parts.map(out)] : [null, null, null, null])];
    const body: Aoa = [];
    for (let k = 0; k < Math.max(inc.length, spend.length); k++) body.push([...L(inc[k]?.[0] ?? null, inc[k]?.[1] ?? null), ...R(spend[k]?.[0] ?? null, spend[k] ? spend[k]!.slice(1) as Fen[] : null)]);
    const incTotal = inc.reduce((s, [, f]) => s + f, 0);
    const spendTotals = funds.map((_, k) => spend.reduce((s, r) => s + (r[k + 1] as Fen), 0));
    body.push([...L('本年收入合计', incTotal), ...R('本年支出合计', spendTotals)]);
    body.push([...L('年初财政拨款结转和结余', open.reduce((s, f) => s + f, 0)), ...R('年末财政拨款结转和结余', close)]);
    const fundZh = ['一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'];
    fundZh.forEach((zh, k) => body.push([...L(zh, open[k]!), ...R(null, null)]));
    const grand = incTotal + open.reduce((s, f) => s + f, 0);
    body.push([...L('总计', grand), ...R('总计', funds.map((_, k) => spendTotals[k]! + close[k]!))]);
    const left = rowNo ? ['项目', '行次', '金额'] : ['项目', '决算数'];
    const right = [...(rowNo ? ['项目', '行次'] : ['项目']), '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'];
    sheet(3, '财政拨款收入支出决算总表', [['收入', ...Array(left.length - 1).fill(null), '支出', ...Array(right.length - 1).fill(null)], [...left, ...right]], [{ s: { r: 0, c: 0 }, e: { r: 0, c: left.length - 1 } }, { s: { r: 0, c: left.length }, e: { r: 0, c: left.length + right.length - 1 } }], body, left.length + right.length);
  }

  // 05 一般公共预算财政拨款支出决算表: national with 年初预算数, Shanghai without.
  const GPB = layout === 'national' ? ['budget', 'total', 'basic', 'project'] : ['total', 'basic', 'project'];
  coded(4, '一般公共预算财政拨款支出决算表', [...(layout === 'national' ? [['年初预算数', []] as [string, string[]]] : []), ['本年支出', ['小计', '基本支出', '项目支出']]], expOf('gpb', GPB), GPB);

  // 06 基本支出决算表: 人员经费 | 公用经费 panels (national: named in the header; Shanghai: by the 合计 line).
  {
    const eco = doc.economic.filter((r) => r.fund === 'gpb');
    const panels = [eco.filter((r) => r.personnel !== undefined), eco.filter((r) => r.public !== undefined)];
    const depth = Math.max(...panels.map((p) => p.length));
    const body: Aoa = [];
    for (let k = 0; k < depth; k++) {
      body.push(panels.flatMap((p, j) => {
        const r = p[k];
        return r ? [r.code, names.economicDepartment[r.code] ?? '', out(fen(j === 0 ? r.personnel ?? r.total : r.public ?? r.total))] : [null, null, null];
      }));
    }
    const sums = panels.map((p, j) => p.filter((r) => r.code.length === 3).reduce((s, r) => s + (fen(j === 0 ? r.personnel ?? r.total : r.public ?? r.total) ?? 0), 0));
    body.push(['人员经费合计', null, out(sums[0]!), '公用经费合计', null, out(sums[1]!)]);
    const cols = ['科目编码', '科目名称', '决算数'];
    const header: Aoa = layout === 'national' ? [['人员经费', null, null, '公用经费', null, null], [...cols, ...cols]] : [[...cols.map((c) => (c === '科目编码' ? '经济分类科目编码' : c)), ...cols.map((c) => (c === '科目编码' ? '经济分类科目编码' : c))]];
    const merges: XLSX.Range[] = layout === 'national' ? [{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }, { s: { r: 0, c: 3 }, e: { r: 0, c: 5 } }] : [];
    const at = header.length + body.length - 1;
    merges.push({ s: { r: at, c: 0 }, e: { r: at, c: 1 } }, { s: { r: at, c: 3 }, e: { r: at, c: 4 } });
    sheet(5, '一般公共预算财政拨款基本支出决算表', header, merges, body, 6);
  }

  // 07 “三公”: 预算数 | 决算数, each 合计, 因公出国（境）费, 公务用车购置及运行费 (小计, 购置费, 运行费), 公务接待费.
  {
    const tp = doc.threePublic;
    const items = (a: { abroad?: number; vehiclePurchase?: number; vehicleOperation?: number; reception?: number } | undefined) => {
      const [ab, vp, vo, re] = [a?.abroad, a?.vehiclePurchase, a?.vehicleOperation, a?.reception].map((v) => fen(v) ?? 0) as [Fen, Fen, Fen, Fen];
      return [ab + vp + vo + re, ab, vp + vo, vp, vo, re].map(out);
    };
    const group = ['合计', '因公出国（境）费', '公务用车购置及运行费', null, null, '公务接待费'];
    const sub = [null, null, '小计', '公务用车购置费', '公务用车运行费', null];
    const merges: XLSX.Range[] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 5 } }, { s: { r: 0, c: 6 }, e: { r: 0, c: 11 } }];
    for (const base of [0, 6]) merges.push({ s: { r: 1, c: base }, e: { r: 2, c: base } }, { s: { r: 1, c: base + 1 }, e: { r: 2, c: base + 1 } }, { s: { r: 1, c: base + 2 }, e: { r: 1, c: base + 4 } }, { s: { r: 1, c: base + 5 }, e: { r: 2, c: base + 5 } });
    const body: Aoa = tp ? [[...items(tp.budget), ...items(tp.amounts)]] : [['本表无数据']];
    sheet(6, '财政拨款“三公”经费支出决算表', [['预算数', ...Array(5).fill(null), '决算数', ...Array(5).fill(null)], [...group, ...group], [...sub, ...sub]], merges, body, 12);
  }

  // 08 政府性基金 (结转 columns), 09 国有资本经营 (Shanghai: 结转 columns; national: 本年支出 only).
  const FLOW = ['opening', 'income', 'spending', 'basic', 'project', 'closing'];
  const flowGroups: Array<[string, string[]]> = [['年初结转和结余', []], ['本年收入', []], ['本年支出', ['小计', '基本支出', '项目支出']], ['年末结转和结余', []]];
  const flows = (rows: FinalDocument['gfbFlows']) => levels(rows, FLOW, (r, k) => fen((r as Record<string, unknown>)[k] as number | undefined));
  coded(7, '政府性基金预算财政拨款收入支出决算表', flowGroups, flows(doc.gfbFlows), FLOW);
  if (layout === 'shanghai') coded(8, '国有资本经营预算财政拨款收入支出决算表', flowGroups, flows(doc.scobFlows ?? []), FLOW);
  else coded(8, '国有资本经营预算财政拨款支出决算表', [['本年支出', ['合计', '基本支出', '项目支出']]], expOf('scob', ['total', 'basic', 'project']), ['total', 'basic', 'project']);
  return book;
}

function narrativeOfFinal(file: UnitYearFile): string {
  return `    ${file.unit.name}是本市主管有关工作的${file.unit.level === 'department' ? '部门' : '单位'}。\n    主要职能包括组织实施有关工作。`;
}
