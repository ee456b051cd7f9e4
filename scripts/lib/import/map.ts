/**
 * Tables read from a workbook → the data model's fields (schema.ts), amounts converted
 * exactly to the profile's currency, codes checked against the year's 科目表.
 *
 *   财务收支总表 income side   → income.gpb / gfb / scob / business / operating / other …
 *   一般公共预算 / 政府性基金 / 国有资本经营 支出表 → expenditure rows (fund gpb / gfb / scob)
 *   支出总表 − the three fiscal tables            → expenditure rows (fund unitFunds)
 *   一般公共预算基本支出表     → economic rows (fund gpb)
 *   “三公”经费和机关运行经费表 → threePublic.amounts, operatingCost
 *   主要职能 / 机构设置 / 名词解释 sheets → narrative.duties / organisation, glossary.entries
 *   收入总表                  → not stored (derived); its column totals checked against the
 *                               收支总表's income lines (a note per difference)
 *   财政拨款收支总表           → not stored (derived from income and the fund tables); its
 *                               spending by 类 and fund checked against the fund tables (a note
 *                               per difference)
 *
 * 决算 workbooks (read.kind 'final', the 决算 tables of layouts.ts) add:
 *   收入支出决算总表 income side → income (with 使用非财政拨款结余), 年初结转和结余 → carryover;
 *                  spending side → 结余分配, 年末结转和结余 → balances
 *   财政拨款收入支出决算总表   → the 年初 / 年末 结转和结余 of gpb / gfb / scob (the rest is 单位资金)
 *   一般公共预算财政拨款支出决算表 → gpb rows with 年初预算数 / 全年预算数 (budget, adjusted …)
 *   政府性基金 / 国有资本经营 决算表 → gfb / scob rows; with 结转 columns also gfbFlows / scobFlows
 *   收入决算表                → incomeByFunction (项 rows)
 *   “三公” 决算表              → threePublic.amounts (决算数), .budget (预算数), .adjusted (全年预算数)
 */
import { formatMoneyPlain, type Currency, type Fen } from '../model/money.ts';
import type { ReferenceFile } from '../model/reference.ts';
import type { TableId } from '../model/profile.ts';
import type { EconomicRow, ExpenditureRow, FinalDocument, FundFlowRow, FundSource, Income, IncomeByFunctionRow, Indicator, Project, ThreePublic } from '../model/schema.ts';
import { toAmount } from '../edit/scaffold.ts';
import { ImportError, shown } from './errors.ts';
import { norm, stripNumbering } from './grid.ts';
import { applyClassSplit } from './summary-split.ts';
import { PROJECT_FUNDS, type TableKey } from './layouts.ts';
import type { CodedRow, TableRead, WorkbookRead } from './tables.ts';

/** A project as the workbook gives it: the 项目支出表 row and/or its 项目绩效目标表. */
export interface ImportedProject {
  /** The name as printed (matched against a project's printedName, else its name). */
  name: string;
  /** Where it was read (sheet!cell), for messages. */
  where: string;
  /** From the 项目支出表 (its fund columns replace the project's); false: only a 绩效目标表. */
  listed: boolean;
  type?: string;
  unit?: string;
  fundUse?: string;
  functionCode?: string;
  funds: Project['funds'];
  total?: number;
  /** From the 绩效目标表, when the workbook has one for the project. */
  indicators?: Indicator[];
  source?: string;
  period?: string;
  goal?: string;
  implementer?: string;
  attributes?: Array<{ label: string; value: string }>;
}

export interface Mapped {
  /** 项目支出表 and 项目绩效目标表, in the workbook's order. */
  projects?: ImportedProject[];
  /** Columns the 项目支出表 carries (funds and 总计): a fund it lacks is kept on --update. */
  projectColumns?: string[];
  income?: Income;
  expenditure?: ExpenditureRow[];
  economic?: EconomicRow[];
  /**
   * The funds whose table the workbook has, with the row fields that table carries: on --update
   * such a fund's rows are the workbook's (a row it lacks is gone, a field it does not carry is
   * kept); a fund absent here keeps the file's rows.
   */
  expenditureColumns?: Record<string, string[]>;
  economicColumns?: Record<string, string[]>;
  /** 决算: 收入决算表 (项 rows), 政府性基金 / 国有资本经营 决算表 with their 结转 columns, 结余. */
  incomeByFunction?: IncomeByFunctionRow[];
  gfbFlows?: FundFlowRow[];
  scobFlows?: FundFlowRow[];
  balances?: FinalDocument['balances'];
  /** null: the 决算 “三公” table says it has no data (本表无数据). */
  threePublic?: ThreePublic | null;
  operatingCost?: number;
  duties?: string;
  organisation?: string;
  glossary?: Array<{ term: string; definition: string }>;
  /** Profile tables the workbook filled (removed from missingTables). */
  filled: TableId[];
  /** Tables found but empty (reported as such). */
  empty: string[];
  notes: string[];
}

export const TABLE_IDS: Record<TableKey, TableId> = {
  summary: 'summary',
  income: 'income',
  expenditure: 'expenditure',
  fiscalSummary: 'fiscalSummary',
  gpbExpenditure: 'gpbExpenditure',
  gfbExpenditure: 'gfbExpenditure',
  scobExpenditure: 'scobExpenditure',
  gpbBasic: 'gpbBasic',
  threePublic: 'threePublic',
  projects: 'projects',
};

type IncomeKey = Exclude<keyof Income, 'carryover' | 'gpbLines' | 'gfbLines'>;

/** Income-side labels of the 收支总表 (numbering stripped), first match wins. */
const INCOME_LINES: Array<[RegExp, IncomeKey | 'carryover' | null]> = [
  [/总计|合计|小计|^财政拨款(收入)?$|^本年收入$|^单位资金(收入)?$/, null],
  [/一般公共预算/, 'gpb'],
  [/政府性基金/, 'gfb'],
  [/国有资本经营/, 'scob'],
  [/财政专户/, 'specialAccount'],
  [/经营收入/, 'operating'],
  [/事业收入/, 'business'],
  [/上级补助/, 'superior'],
  [/附属单位/, 'affiliated'],
  [/上年结转|结转结余/, 'carryover'],
  [/其他收入/, 'other'],
];

/** The lines under the 收支总表's 上年结转 heading, by fund. */
const CARRY_FUNDS: Array<[RegExp, keyof Income['carryover']]> = [
  [/一般公共预算/, 'gpb'],
  [/政府性基金/, 'gfb'],
  [/国有资本经营/, 'scob'],
  [/财政专户/, 'specialAccount'],
  [/单位资金/, 'unitFunds'],
];

const FUND_TABLES: Array<[TableKey, FundSource]> = [
  ['gpbExpenditure', 'gpb'],
  ['gfbExpenditure', 'gfb'],
  ['scobExpenditure', 'scob'],
];

const SPEND_KEYS = ['total', 'basic', 'personnel', 'public', 'project', 'operating', 'toSuperior', 'toAffiliated'] as const;
/** 决算 columns of the 一般公共预算 table: the budget beside the spending (not subtracted from the 支出决算表). */
const BUDGET_KEYS = ['budget', 'adjusted', 'budgetBasic', 'budgetProject'] as const;

/** 收入支出决算总表 labels (numbering stripped), first match wins. */
type FinalLine = IncomeKey | 'nonFiscalBalanceUsed' | 'opening' | null;
const FINAL_INCOME_LINES: Array<[RegExp, FinalLine]> = [
  [/使用非财政拨款结余/, 'nonFiscalBalanceUsed'],
  [/年初.*结转|上年结转/, 'opening'],
  [/总计|合计|^本年收入$/, null],
  [/一般公共预算/, 'gpb'],
  [/政府性基金/, 'gfb'],
  [/国有资本经营/, 'scob'],
  [/上级补助/, 'superior'],
  [/事业收入/, 'business'],
  [/经营收入/, 'operating'],
  [/附属单位/, 'affiliated'],
  [/其他收入/, 'other'],
];
const FISCAL_FUNDS: Array<[RegExp, 'gpb' | 'gfb' | 'scob']> = [
  [/一般公共预算/, 'gpb'],
  [/政府性基金/, 'gfb'],
  [/国有资本经营/, 'scob'],
];

/** Rows whose code no other row of the table extends (项, or a 类/款 printed without its 项). */
function leaves(rows: CodedRow[]): CodedRow[] {
  return rows.filter((r) => !rows.some((o) => o.code.length > r.code.length && o.code.startsWith(r.code)));
}

/**
 * The code against the year's 科目表. A code whose 类 the year does not have is an error (no
 * such 科目); a 款/项 the bundled table has not recorded yet is passed on with a note (the
 * 科目表 only lists verified entries, data/_reference/README.md; check reports ref.unknown-code).
 * Returns the printed name when it differs from the 科目表.
 */
function checkCode(file: string, t: TableRead, row: CodedRow, ref: ReferenceFile, year: number, notes: string[]): string | undefined {
  const table = t.spec.codes === 'economic' ? ref.economicDepartment : ref.function;
  const what = t.spec.codes === 'economic' ? '部门预算支出经济分类' : '政府收支分类（功能分类）';
  const name = table[row.code];
  if (name === undefined) {
    if (table[row.code.slice(0, 3)] === undefined) {
      throw new ImportError({ file, sheet: t.sheet, cell: row.cell }, `科目编码 ${row.code} 不在 ${year} 年的${what}科目中（没有类 ${row.code.slice(0, 3)}；data/_reference/${year}.json）`, `${year} 年科目表中的编码`, `${row.code}${row.label ? ` ${row.label}` : ''}`);
    }
    const note = `科目 ${row.code}${row.label ? ` ${row.label}` : ''}（${t.sheet}!${row.cell}）不在内置的 ${year} 年科目表中（尚未收录）：请核实后补入 data/_reference/${year}.json，否则 check 报 ref.unknown-code。`;
    if (!notes.some((n) => n.startsWith(`科目 ${row.code}`))) notes.push(note);
    return undefined;
  }
  // The printed name, kept only when it differs from the 科目表 (half-width brackets too: the
  // booklet prints what the original printed; only spacing is not a difference).
  const bare = (t: string) => t.replace(/[\s\u3000\u00a0]+/g, '');
  return row.label && bare(row.label) !== bare(name) ? row.label : undefined;
}

export function mapWorkbook(file: string, read: WorkbookRead, year: number, currency: Currency, ref: ReferenceFile | undefined): Mapped {
  const out: Mapped = { filled: [], empty: [], notes: [] };
  const amount = (fen: Fen) => toAmount(fen, currency);
  for (const [key, t] of read.tables) {
    out.filled.push(TABLE_IDS[key]);
    if (t.empty) out.empty.push(`${t.spec.zh}（工作表“${t.sheet}”）${t.note ? `：${t.note}` : ''}`);
    totalNotes(t, out.notes);
  }
  const needRef = () => {
    if (!ref) throw new ImportError({ file }, `没有 ${year} 年的科目表，无法核对科目编码`, `data/_reference/${year}.json`, '没有该文件');
    return ref;
  };

  // Income by source.
  const summary = read.tables.get('summary');
  const incomeFen: Record<string, Fen> = {};
  if (summary && read.kind === 'final') mapFinalSummary(file, read, summary, amount, incomeFen, out);
  else if (summary) {
    const income: Income = { carryover: {} };
    // “其中：中央转移支付收入” details the fund line above it; the lines under a 上年结转 heading
    // without an amount (Anhui: 一般公共预算 … 单位资金) are the carryover by fund.
    let lastFund: 'gpb' | 'gfb' | 'scob' | undefined;
    let carryHead: { fen?: Fen } | undefined;
    const carried: Partial<Record<keyof Income['carryover'], Fen>> = {};
    for (const line of summary.income) {
      const fen = line.amounts.incomeAmount;
      const label = stripNumbering(line.label);
      if (/中央转移支付/.test(label)) {
        if (fen === undefined) continue;
        if (!lastFund) throw new ImportError({ file, sheet: summary.sheet, cell: line.cell }, '“其中：中央转移支付收入”上面没有所属的财政拨款收入', '一般公共预算、政府性基金或国有资本经营预算拨款收入之下', shown(line.label));
        income[`${lastFund}Central`] = amount(fen);
        continue;
      }
      const carryFund = carryHead && !/总计|合计/.test(label) ? CARRY_FUNDS.find(([re]) => re.test(label))?.[1] : undefined;
      if (carryFund) {
        if (fen !== undefined) carried[carryFund] = (carried[carryFund] ?? 0) + fen;
        continue;
      }
      const hit = INCOME_LINES.find(([re]) => re.test(label));
      if (!hit) {
        if (fen !== undefined) throw new ImportError({ file, sheet: summary.sheet, cell: line.cell }, '不认识的收入项目', '一般公共预算、政府性基金、事业收入、其他收入等', shown(line.label));
        continue;
      }
      const k = hit[1];
      if (k === 'gpb' || k === 'gfb' || k === 'scob') lastFund = k;
      if (k === 'carryover') {
        carryHead = fen === undefined ? {} : { fen };
        continue;
      }
      if (k === null || fen === undefined) continue;
      incomeFen[k] = (incomeFen[k] ?? 0) + fen;
      (income as Record<string, unknown>)[k] = amount(fen);
    }
    if (Object.keys(carried).length) {
      for (const [fund, fen] of Object.entries(carried)) income.carryover[fund as keyof Income['carryover']] = amount(fen);
      incomeFen.carryover = Object.values(carried).reduce((a, b) => a + b, 0);
    } else if (carryHead?.fen !== undefined) {
      incomeFen.carryover = carryHead.fen;
      income.carryover.gpb = amount(carryHead.fen);
    }
    out.income = income;
  }
  const byIncome = read.tables.get('income');
  if (summary && byIncome) incomeNotes(byIncome, summary, incomeFen, read.kind === 'final' ? FINAL_INCOME_COLUMNS : INCOME_COLUMNS, out.notes);
  if (byIncome && read.kind === 'final') {
    out.incomeByFunction = leaves(byIncome.rows).map((r) => {
      const name = checkCode(file, byIncome, r, needRef(), year, out.notes);
      const row: IncomeByFunctionRow = { code: r.code, ...(name ? { name } : {}) };
      for (const k of ['total', 'fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'] as const) if (r.amounts[k] !== undefined) row[k] = amount(r.amounts[k]!);
      return row;
    });
  }

  // Expenditure by 功能分类 × fund source.
  const rows: ExpenditureRow[] = [];
  const fiscal = new Map<string, Record<string, Fen>>();
  const carried = (t: TableRead, keys: readonly string[]) => ['name', ...keys.filter((k) => t.columns.includes(k))];
  out.expenditureColumns = {};
  for (const [key, fund] of FUND_TABLES) {
    const t = read.tables.get(key);
    if (!t) continue;
    out.expenditureColumns[fund] = carried(t, [...SPEND_KEYS, ...BUDGET_KEYS]);
    for (const r of t.rows) {
      const name = checkCode(file, t, r, needRef(), year, out.notes);
      const row: ExpenditureRow = { code: r.code, fund, ...(name ? { name } : {}) };
      for (const k of [...SPEND_KEYS, ...BUDGET_KEYS]) if (r.amounts[k] !== undefined) row[k] = amount(r.amounts[k]!);
      rows.push(row);
      const sum = fiscal.get(r.code) ?? {};
      for (const k of SPEND_KEYS) if (r.amounts[k] !== undefined) sum[k] = (sum[k] ?? 0) + r.amounts[k]!;
      fiscal.set(r.code, sum);
    }
  }
  const all = read.tables.get('expenditure');
  if (all) {
    out.expenditureColumns.unitFunds = carried(all, SPEND_KEYS);
    for (const r of all.rows) {
      const name = checkCode(file, all, r, needRef(), year, out.notes);
      const f = fiscal.get(r.code) ?? {};
      const row: ExpenditureRow = { code: r.code, fund: 'unitFunds', ...(name ? { name } : {}) };
      let any = false;
      for (const k of SPEND_KEYS) {
        // A column the 支出总表 does not print (Anhui's has no 人员经费/公用经费) says nothing about 单位资金.
        if (!all.columns.includes(k)) continue;
        const rest = (r.amounts[k] ?? 0) - (f[k] ?? 0);
        if (rest < 0) {
          throw new ImportError({ file, sheet: all.sheet, cell: r.cell }, `支出总表中科目 ${r.code} 的金额小于三张财政拨款支出表之和`, `不小于财政拨款支出`, `差 ${-rest / 100} 元`);
        }
        if (rest > 0) {
          row[k] = amount(rest);
          any = true;
        }
      }
      if (any) rows.push(row);
    }
  }
  if (rows.length || FUND_TABLES.some(([k]) => read.tables.has(k)) || all) out.expenditure = rows;
  if (read.kind === 'final') {
    // The 结转 columns of the 政府性基金 / 国有资本经营 决算表, on the rows the table details.
    for (const [key, field] of [['gfbExpenditure', 'gfbFlows'], ['scobExpenditure', 'scobFlows']] as const) {
      const t = read.tables.get(key);
      if (!t) continue;
      const flows = t.rows.some((r) => ['opening', 'income', 'closing'].some((k) => r.amounts[k] !== undefined)) || (t.empty && key === 'gfbExpenditure');
      if (!flows) continue;
      out[field] = leaves(t.rows).map((r) => {
        const row: FundFlowRow = { code: r.code };
        for (const k of ['opening', 'income', 'basic', 'project', 'closing'] as const) if (r.amounts[k] !== undefined) row[k] = amount(r.amounts[k]!);
        if (r.amounts.total !== undefined) row.spending = amount(r.amounts.total);
        return row;
      });
    }
  }
  if (summary && out.expenditure) applyClassSplit(summary, out.expenditure, ref, amount, out.notes);
  const fiscalTable = read.tables.get('fiscalSummary');
  if (fiscalTable && ref) fiscalNotes(read, fiscalTable, ref, out.notes);

  // 基本支出 by 经济分类.
  const basic = read.tables.get('gpbBasic');
  if (basic) {
    out.economicColumns = { gpb: ['name', ...['total', 'personnel', 'public'].filter((k) => basic.columns.includes(k))] };
    out.economic = basic.rows.map((r) => {
      const name = checkCode(file, basic, r, needRef(), year, out.notes);
      const row: EconomicRow = { code: r.code, fund: 'gpb', ...(name ? { name } : {}) };
      for (const k of ['total', 'personnel', 'public'] as const) if (r.amounts[k] !== undefined) row[k] = amount(r.amounts[k]!);
      return row;
    });
  }

  // “三公”经费 and 机关运行经费.
  const tp = read.tables.get('threePublic');
  if (tp && read.kind === 'final' && tp.empty) out.threePublic = null;
  else if (tp) {
    const a = tp.single ?? {};
    const series = (prefix: string, field: string): ThreePublic['amounts'] | undefined => {
      const amounts: ThreePublic['amounts'] = {};
      for (const k of ['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const) if (a[prefix + k] !== undefined) amounts[k] = amount(a[prefix + k]!);
      const vehicle = a[`${prefix}vehicle`];
      if (vehicle !== undefined && a[`${prefix}vehiclePurchase`] === undefined && a[`${prefix}vehicleOperation`] === undefined && vehicle !== 0) {
        out.notes.push(`“三公”经费表只填了公务用车购置及运行费小计 ${vehicle / 1_000_000} 万元，没有分购置费和运行费：请在数据文件中分开填写 threePublic.${field}.vehiclePurchase / vehicleOperation。`);
      }
      return Object.keys(a).some((k) => (prefix ? k.startsWith(prefix) : !k.includes('.'))) ? amounts : undefined;
    };
    const budget = series('budget.', 'budget');
    const adjusted = series('adjusted.', 'adjusted');
    out.threePublic = { amounts: series('', 'amounts') ?? {}, ...(budget ? { budget } : {}), ...(adjusted ? { adjusted } : {}) };
    if (a.operatingCost !== undefined) out.operatingCost = amount(a.operatingCost);
  }

  mapProjects(file, read, amount, out);

  // Narrative sheets.
  for (const t of read.texts) {
    if (t.key === 'duties') out.duties = markdown(t.body);
    else if (t.key === 'organisation') out.organisation = markdown(t.body);
    else if (t.key === 'glossary') out.glossary = glossaryEntries(t.body);
  }
  return out;
}

/** 项目绩效目标表 header fields the data model has a field for (the rest become `attributes`). */
const FORM_FIELDS: Record<string, 'source' | 'period' | 'goal' | 'implementer' | 'fundUse' | null> = {
  项目名称: null,
  转移支付项目名称: null,
  项目来源: 'source',
  项目期: 'period',
  年度目标: 'goal',
  实施单位: 'implementer',
  项目属性: 'fundUse',
};
/** Field labels of the form's 项目资金 block (amounts derived from the project's funds). */
const FORM_AMOUNTS = /^(年度资金总额|其中:财政拨款|上年结转|其他资金|中期资金总额)$/;

/**
 * 项目支出表 rows → projects (funds, 总计, 类型, 项目单位 …); each 项目绩效目标表 → the indicators
 * (and header fields) of the project of that name. With a 项目支出表, a form for a project the
 * table does not list is an error (its numbers would belong to no project); two projects of the
 * same name are matched in order.
 */
function mapProjects(file: string, read: WorkbookRead, amount: (fen: Fen) => number, out: Mapped): void {
  const table = read.tables.get('projects');
  if (!table && !read.forms.length) return;
  const projects: ImportedProject[] = [];
  if (table) {
    out.projectColumns = table.columns.filter((k) => k === 'total' || (PROJECT_FUNDS as readonly string[]).includes(k));
    for (const item of table.items) {
      const funds: Project['funds'] = {};
      for (const k of PROJECT_FUNDS) if (item.amounts[k] !== undefined) funds[k] = amount(item.amounts[k]!);
      const code = item.texts.functionCode?.replace(/\s+/g, '');
      if (code !== undefined && !/^(\d{3}|\d{5}|\d{7})$/.test(code)) {
        throw new ImportError({ file, sheet: table.sheet, cell: item.cell }, `项目“${item.texts.projectName}”的功能分类科目编码不对（${table.spec.zh}）`, '3、5 或 7 位数字', shown(code));
      }
      projects.push({
        name: item.texts.projectName!,
        where: `${table.sheet}!${item.cell}`,
        listed: true,
        ...(item.texts.type ? { type: item.texts.type } : {}),
        ...(item.texts.projectUnit ? { unit: item.texts.projectUnit } : {}),
        ...(item.texts.fundUse ? { fundUse: item.texts.fundUse } : {}),
        ...(code ? { functionCode: code } : {}),
        funds,
        ...(item.amounts.total !== undefined ? { total: amount(item.amounts.total) } : {}),
      });
    }
  }
  const formed = new Set<ImportedProject>();
  for (const form of read.forms) {
    let p = projects.find((x) => x.name === form.name && !formed.has(x));
    if (!p && table) {
      const names = table.items.map((i) => `“${i.texts.projectName}”`);
      throw new ImportError(
        { file, sheet: form.sheet, cell: form.nameCell },
        `${form.zh}中的项目“${form.name}”不在${table.spec.zh}（工作表“${table.sheet}”）中：绩效目标应属于项目支出表所列的项目`,
        names.length ? `${table.spec.zh}中的项目名称：${names.slice(0, 6).join('、')}${names.length > 6 ? ' 等' : ''}` : `${table.spec.zh}中的项目`,
        shown(form.name),
      );
    }
    if (!p) {
      p = { name: form.name, where: `${form.sheet}!${form.nameCell}`, listed: false, funds: {} };
      projects.push(p);
    }
    formed.add(p);
    p.indicators = form.indicators;
    const attributes: Array<{ label: string; value: string }> = [];
    for (const f of form.fields) {
      const key = FORM_FIELDS[norm(f.label)];
      if (key === null || FORM_AMOUNTS.test(norm(f.label))) continue;
      if (key) p[key] = f.value;
      else attributes.push({ label: f.label, value: f.value });
    }
    if (attributes.length) p.attributes = attributes;
  }
  out.projects = projects;
  if (read.forms.length) out.filled.push('projectPerformance');
}

/**
 * The printed 合计 row against the sum of the 类 rows. The data file keeps no 合计 (the booklet
 * derives it), so a wrong printed total would silently disappear: it is reported.
 */
const COLUMN_ZH: Record<string, string> = {
  total: '合计',
  basic: '基本支出',
  personnel: '人员经费',
  public: '公用经费',
  project: '项目支出',
  operating: '经营收入/支出',
  toSuperior: '上缴上级支出',
  toAffiliated: '对附属单位补助支出',
  fiscal: '财政拨款收入',
  gpb: '一般公共预算拨款收入',
  gfb: '政府性基金预算拨款收入',
  scob: '国有资本经营预算拨款收入',
  unitFunds: '单位资金收入',
  business: '事业收入',
  superior: '上级补助收入',
  affiliated: '附属单位上缴收入',
  specialAccount: '财政专户管理资金',
  carryover: '上年结转',
  other: '其他收入',
};

function totalNotes(t: TableRead, notes: string[]): void {
  for (const p of t.panelTotals ?? []) {
    const sum = p.classes.reduce((s, r) => s + (r.amounts.total ?? 0), 0);
    if (p.classes.length && sum !== p.printed) {
      const unit = t.currency === 'wan' ? '万元' : '元';
      notes.push(`${t.sheet}!${p.cell} 的“${p.label}”印的是 ${formatMoneyPlain(p.printed, t.currency)} ${unit}，该栏各类之和是 ${formatMoneyPlain(sum, t.currency)} ${unit}（数据文件不存合计，公开表将印出各类之和），请在系统中核对。`);
    }
  }
  if (t.spec.shape !== 'coded' || !t.total) return;
  const classes = t.rows.filter((r) => r.code.length === 3);
  if (!classes.length) return;
  const unit = t.currency === 'wan' ? '万元' : '元';
  for (const [k, printed] of Object.entries(t.total.amounts)) {
    const sum = classes.reduce((s, r) => s + (r.amounts[k] ?? 0), 0);
    if (sum !== printed) {
      notes.push(`${t.sheet}!${t.total.cell} 所在的合计行：“${COLUMN_ZH[k] ?? k}”栏印的是 ${formatMoneyPlain(printed, t.currency)} ${unit}，各类之和是 ${formatMoneyPlain(sum, t.currency)} ${unit}（数据文件不存合计，公开表将印出各类之和），请在系统中核对。`);
    }
  }
}

/**
 * 决算: the 收入支出决算总表 → income by source, 使用非财政拨款结余, 年初结转和结余 (carryover)
 * and 结余分配, 年末结转和结余 (balances). The 结转和结余 of the fiscal funds come from the
 * 财政拨款收入支出决算总表; what the 收入支出决算总表 prints beyond them is the 单位资金's.
 */
function mapFinalSummary(file: string, read: WorkbookRead, summary: TableRead, amount: (fen: Fen) => number, incomeFen: Record<string, Fen>, out: Mapped): void {
  const income: Income = { carryover: {} };
  let opening: { fen: Fen; cell: string } | undefined;
  for (const line of summary.income) {
    const fen = line.amounts.incomeAmount;
    const hit = FINAL_INCOME_LINES.find(([re]) => re.test(stripNumbering(line.label)));
    if (!hit) {
      if (fen !== undefined) throw new ImportError({ file, sheet: summary.sheet, cell: line.cell }, '不认识的收入项目', '一般公共预算财政拨款收入、上级补助收入、事业收入、年初结转和结余等', shown(line.label));
      continue;
    }
    const k = hit[1];
    if (k === null || fen === undefined) continue;
    if (k === 'opening') opening = { fen: (opening?.fen ?? 0) + fen, cell: line.cell };
    else {
      incomeFen[k] = (incomeFen[k] ?? 0) + fen;
      (income as Record<string, unknown>)[k] = amount(incomeFen[k]!);
    }
  }
  let surplus: Fen | undefined;
  let closing: { fen: Fen; cell: string } | undefined;
  for (const line of summary.spending) {
    const fen = line.amounts.total;
    if (fen === undefined) continue;
    const label = stripNumbering(line.label);
    if (/结余分配/.test(label)) surplus = (surplus ?? 0) + fen;
    else if (/年末.*结转/.test(label)) closing = { fen: (closing?.fen ?? 0) + fen, cell: line.cell };
  }
  // The fiscal funds' 年初 (income side, the lines under “年初财政拨款结转和结余”) and 年末 (the
  // spending side's “年末…结转和结余” row, by column) balances.
  const fiscal = read.tables.get('fiscalSummary');
  const fiscalOpening: Partial<Record<'gpb' | 'gfb' | 'scob', Fen>> = {};
  const fiscalClosing: Partial<Record<'gpb' | 'gfb' | 'scob', Fen>> = {};
  if (fiscal) {
    let under = false;
    for (const line of fiscal.income) {
      const label = stripNumbering(line.label);
      if (/年初.*结转/.test(label)) {
        under = true;
        continue;
      }
      if (!under || /总计|合计/.test(label)) continue;
      const fund = FISCAL_FUNDS.find(([re]) => re.test(label))?.[1];
      if (fund && line.amounts.incomeAmount !== undefined) fiscalOpening[fund] = (fiscalOpening[fund] ?? 0) + line.amounts.incomeAmount;
    }
    const end = fiscal.spending.find((l) => /年末.*结转/.test(stripNumbering(l.label)));
    for (const fund of ['gpb', 'gfb', 'scob'] as const) if (end?.amounts[fund] !== undefined) fiscalClosing[fund] = end.amounts[fund];
  }
  const split = (total: { fen: Fen; cell: string } | undefined, parts: Partial<Record<'gpb' | 'gfb' | 'scob', Fen>>, what: string) => {
    const out: Partial<Record<'gpb' | 'gfb' | 'scob' | 'unitFunds', number>> = {};
    for (const [fund, fen] of Object.entries(parts)) if (fen) out[fund as 'gpb'] = amount(fen);
    if (!total) return out;
    const rest = total.fen - Object.values(parts).reduce((s, f) => s + (f ?? 0), 0);
    if (rest < 0) {
      throw new ImportError({ file, sheet: summary.sheet, cell: total.cell }, `${what}小于财政拨款收入支出决算总表中的财政拨款${what}之和`, '不小于财政拨款结转和结余', `差 ${formatMoneyPlain(-rest, summary.currency)} ${summary.currency === 'wan' ? '万元' : '元'}`);
    }
    if (rest > 0) out.unitFunds = amount(rest);
    return out;
  };
  if (!fiscal && (opening?.fen || closing?.fen)) {
    out.notes.push(`工作簿中没有财政拨款收入支出决算总表：年初、年末结转和结余无法按资金来源分开，全部记为单位资金（income.carryover.unitFunds、balances.closing.unitFunds），请在数据文件中核对。`);
  }
  income.carryover = split(opening, fiscalOpening, '年初结转和结余');
  out.income = income;
  out.balances = { ...(surplus !== undefined ? { surplusAllocation: amount(surplus) } : {}), closing: split(closing, fiscalClosing, '年末结转和结余') };
}

/**
 * The 财政拨款收支总表 is not stored (the booklet derives it from the fund tables' rows), so a
 * 类 line or a 本年支出合计 that differs from the 一般公共预算 / 政府性基金 / 国有资本经营 table
 * would silently disappear: each difference is reported, located at the line.
 */
function fiscalNotes(read: WorkbookRead, fiscal: TableRead, ref: ReferenceFile, notes: string[]): void {
  if (fiscal.empty) return;
  const classes = new Map<string, string>();
  for (const [code, name] of Object.entries(ref.function)) if (code.length === 3) classes.set(norm(name), code);
  const unit = fiscal.currency === 'wan' ? '万元' : '元';
  const money = (fen: Fen) => `${formatMoneyPlain(fen, fiscal.currency)} ${unit}`;
  const tables = FUND_TABLES.flatMap(([key, fund]) => {
    const t = read.tables.get(key);
    return t ? [{ t, fund, column: fiscal.spending.some((l) => l.amounts[fund] !== undefined) ? fund : undefined }] : [];
  });
  if (!tables.length) return;
  const classTotal = (t: TableRead, code: string | undefined) => t.rows.filter((r) => (code === undefined ? r.code.length === 3 : r.code === code)).reduce((s, r) => s + (r.amounts.total ?? 0), 0);
  const FUND_ZH = { gpb: '一般公共预算', gfb: '政府性基金', scob: '国有资本经营' } as Record<string, string>;
  for (const line of fiscal.spending) {
    const label = norm(stripNumbering(line.label));
    const isTotal = /^(本年支出合计|支出合计|本年支出)$/.test(label);
    const code = isTotal ? undefined : classes.get(label);
    if (!isTotal && code === undefined) continue;
    const what = isTotal ? '各类之和' : `类 ${code} `;
    // 合计 against all the fund tables; each fund's column (where the sheet fills it) against its own.
    const columns = [{ key: 'total', tables }, ...tables.filter((x) => x.column).map((x) => ({ key: x.fund, tables: [x] }))];
    for (const c of columns) {
      const printed = line.amounts[c.key];
      if (printed === undefined) continue;
      const sum = c.tables.reduce((s, x) => s + classTotal(x.t, code), 0);
      if (sum === printed) continue;
      const col = c.key === 'total' ? '合计' : FUND_ZH[c.key]!;
      const where = c.tables.map((x) => `${x.t.spec.zh}（工作表“${x.t.sheet}”）`).join('、');
      notes.push(`${fiscal.sheet}!${line.cell}（${line.label}）：${fiscal.spec.zh}“${col}”栏是 ${money(printed)}，${where}${what}是 ${money(sum)}，两表不一致。${fiscal.spec.zh}不另存（公开表由支出数据推算），请在系统中核对。`);
    }
  }
}

/** 收入总表 columns and the 财务收支总表 income lines they must equal (absent = 0). */
const INCOME_COLUMNS: Array<[string, string[], string]> = [
  ['total', ['gpb', 'gfb', 'scob', 'specialAccount', 'business', 'operating', 'superior', 'affiliated', 'carryover', 'other'], '收入合计'],
  ['fiscal', ['gpb', 'gfb', 'scob'], '一般公共预算、政府性基金、国有资本经营之和'],
  ['gpb', ['gpb'], '一般公共预算拨款收入'],
  ['gfb', ['gfb'], '政府性基金预算拨款收入'],
  ['scob', ['scob'], '国有资本经营预算拨款收入'],
  ['unitFunds', ['business', 'operating', 'superior', 'affiliated', 'other'], '单位资金收入（事业收入、经营收入、上级补助、附属单位上缴、其他收入）'],
  ['specialAccount', ['specialAccount'], '财政专户管理资金'],
  ['business', ['business'], '事业收入'],
  ['operating', ['operating'], '事业单位经营收入'],
  ['superior', ['superior'], '上级补助收入'],
  ['affiliated', ['affiliated'], '附属单位上缴收入'],
  ['carryover', ['carryover'], '上年结转'],
  ['other', ['other'], '其他收入'],
];

/** 收入决算表 columns and the 收入支出决算总表 lines they must equal (本年收入 only: no 结转). */
const FINAL_INCOME_COLUMNS: Array<[string, string[], string]> = [
  ['total', ['gpb', 'gfb', 'scob', 'superior', 'business', 'operating', 'affiliated', 'other'], '本年收入合计'],
  ['fiscal', ['gpb', 'gfb', 'scob'], '三项财政拨款收入之和'],
  ['superior', ['superior'], '上级补助收入'],
  ['business', ['business'], '事业收入'],
  ['operating', ['operating'], '经营收入'],
  ['affiliated', ['affiliated'], '附属单位上缴收入'],
  ['other', ['other'], '其他收入'],
];

/**
 * The 收入总表 is not stored (the booklet derives it from income and expenditure), so a 收入总表
 * whose column totals differ from the 财务收支总表's income lines would silently disappear: each
 * difference is reported, located at the 合计 row (or the sheet when it prints none).
 */
function incomeNotes(t: TableRead, summary: TableRead, incomeFen: Record<string, Fen>, columns: Array<[string, string[], string]>, notes: string[]): void {
  if (t.empty) return;
  const classes = t.rows.filter((r) => r.code.length === 3);
  const present = new Set([...Object.keys(t.total?.amounts ?? {}), ...t.rows.flatMap((r) => Object.keys(r.amounts))]);
  const unit = t.currency === 'wan' ? '万元' : '元';
  const where = t.total ? `${t.sheet}!${t.total.cell} 的合计行` : `${t.sheet} 各类之和`;
  const summaryZh = summary.spec.zh;
  for (const [col, lines, zh] of columns) {
    if (!present.has(col)) continue;
    const printed = t.total?.amounts[col] ?? classes.reduce((s, r) => s + (r.amounts[col] ?? 0), 0);
    const expected = lines.reduce((s, k) => s + (incomeFen[k] ?? 0), 0);
    if (printed !== expected) {
      notes.push(`${where}：${t.spec.zh}“${COLUMN_ZH[col] ?? col}”栏是 ${formatMoneyPlain(printed, t.currency)} ${unit}，${summaryZh}（工作表“${summary.sheet}”）的${zh}是 ${formatMoneyPlain(expected, t.currency)} ${unit}，两表不一致。收入按${summaryZh}导入（${t.spec.zh}不另存，公开表由数据推算），请在系统中核对。`);
    }
  }
}

/** A merged cell's text as Markdown paragraphs: one line → one paragraph, indentation dropped. */
export function markdown(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter(Boolean)
    .join('\n\n');
}

/** "（一）财政拨款收入：是……" lines → glossary entries. */
export function glossaryEntries(text: string): Array<{ term: string; definition: string }> {
  const out: Array<{ term: string; definition: string }> = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const m = /^[（(][一二三四五六七八九十]+[）)]\s*([^：:]+)[：:]\s*(.+)$/.exec(line) ?? /^\d+[、.．]\s*([^：:]+)[：:]\s*(.+)$/.exec(line);
    if (m && !/^…+$/.test(m[1]!.trim())) out.push({ term: m[1]!.trim(), definition: m[2]!.trim() });
  }
  return out;
}
