/**
 * Tables classified by 功能分类 (支出总表, 一般公共预算支出表, 政府性基金 / 国有资本经营预算支出表,
 * 收入决算表, 政府性基金收入支出决算表): rows 类 / 款 / 项 with amount columns.
 *
 * Only 项 rows are data. 类, 款 and 合计 rows are sums of the 项 rows' values as derive.ts
 * decodes them (`Derived.leaves`, the same values `expenditureAggregate` adds up), so a
 * printed 类/款 subtotal recorded in the data is never reprinted: where it differs, the
 * derived one is printed and `check` reports the difference.
 *
 * Layouts (profile `codeColumns`, `unitRows`):
 * - combined: one 科目编码 column, 类 and 款 subtotal rows above their 项 rows (Anhui).
 * - split: 类 / 款 / 项 in three columns, 项 rows only, each carrying its full code (Henan).
 * - unitRows: the 单位代码 column and one 单位 row per unit (row.unitCode, named from
 *   unit.includes), its 项 rows under it (Henan).
 */
import type { ProfileTable } from '../../model/profile.ts';
import type { ExpenditureRow, FundSource, IncomeByFunctionRow, FundFlowRow } from '../../model/schema.ts';
import { isFinal, type LeafValues, type Money } from '../../check/derive.ts';
import type { Fen } from '../../model/money.ts';
import { BookletError, functionLabel, type BuildContext } from '../context.ts';
import type { Cell, Row } from '../model.ts';
import type { TableDraft } from './index.ts';
import {
  amountCell,
  buildHead,
  draft,
  nameCell,
  pickColumns,
  row,
  textCell,
  type AmountColumn,
  type ColumnHead,
  type Maybe,
} from './ledger-common.ts';

const plus = (a: Maybe, b: Maybe): Maybe => (a === null || b === null ? null : a + b);

// ---------------------------------------------------------------- generic ledger

export interface Leaf<V> {
  code: string;
  unitCode?: string | undefined;
  /** Printed name where it differs from the year's reference name. */
  name?: string | undefined;
  v: V;
}

export interface LedgerOptions<V> {
  leaves: Leaf<V>[];
  add: (a: V, b: V) => V;
  columns: AmountColumn<V>[];
  /** Printed names of 类/款 codes (from stated subtotal rows). */
  printedNames?: Map<string, string>;
  /** Header over the code and name columns where the amount header has two rows ("功能分类科目"). */
  codeGroup?: string;
  emptyNote?: string;
}

/** 合计 first (Henan, and the national 决算 forms) or last (Anhui budget tables). */
function totalFirst(ctx: BuildContext, spec: ProfileTable): boolean {
  return ctx.kind === 'final' || spec.codeColumns === 'split' || spec.unitRows === true;
}

export function unitNameOf(ctx: BuildContext, code: string | undefined): string {
  const unit = ctx.file.unit;
  if (code === undefined || code === unit.code) return unit.name;
  return unit.includes?.find((u) => u.code === code)?.name ?? code;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function functionLedger<V>(ctx: BuildContext, spec: ProfileTable, o: LedgerOptions<V>): TableDraft {
  const split = spec.codeColumns === 'split';
  const unitRows = spec.unitRows === true;
  const heads = spec.heads ?? {};
  const unknown = Object.keys(heads).filter((k) => !o.columns.some((c) => c.key === k));
  if (unknown.length) {
    throw new BookletError(`表式 ${ctx.profileId} 的“${spec.title}”heads 中的列 ${unknown.join('、')} 不是本表所印的列（${o.columns.map((c) => c.key).join('、')}）`);
  }
  const columns = o.columns.map((c) => (heads[c.key] ? { ...c, path: heads[c.key]! } : c));
  const amountDepth = Math.max(1, ...columns.map((c) => c.path.length));
  const lead: ColumnHead[] = [];
  // The profile's header over the code and name columns (上海决算: “项目”) wins over the table's default.
  // A profile's group is printed even over one-row amount headers (上海决算 二、三、: 项目 over
  // 功能分类科目编码 | 科目名称, the amounts spanning both rows); a table's default only over two-row ones.
  const codeGroup = spec.codeGroup ?? (amountDepth > 1 ? o.codeGroup : undefined);
  const groupPath = (label: string) => (split ? ['科目编码', label] : codeGroup ? [codeGroup, label] : [label]);
  if (split) lead.push({ path: groupPath('类') }, { path: groupPath('款') }, { path: groupPath('项') });
  else lead.push({ path: groupPath(spec.codeHead ?? '科目编码') });
  if (unitRows) lead.push({ path: ['单位代码'] });
  lead.push({ path: unitRows ? ['单位（科目名称）'] : split ? ['科目名称'] : groupPath('科目名称') });
  const head = buildHead([...lead, ...columns]);
  if (split) {
    // Henan numbers the amount columns under the header ("** … 1 2 3").
    head.push([...lead.map(() => ({ text: '**', scope: 'col' as const })), ...columns.map((_, i) => ({ text: String(i + 1), scope: 'col' as const }))]);
  }

  const amounts = (v: V): Cell[] => o.columns.map((c) => amountCell(ctx, c.value(v)));
  const sumOf = (leaves: Leaf<V>[]): V => leaves.map((l) => l.v).reduce((a, b) => o.add(a, b));
  const codeCells = (code: string, unitCode: string): Cell[] => {
    const cells: Cell[] = split
      ? [textCell(code.slice(0, 3), 'code'), textCell(code.slice(3, 5), 'code'), textCell(code.slice(5, 7), 'code')]
      : [textCell(code, 'code')];
    if (unitRows) cells.push(textCell(unitCode, 'code'));
    return cells;
  };
  const blankLead = (): Cell[] => codeCells('', '');
  const nameOf = (code: string, printed?: string) => functionLabel(ctx, code, printed ?? o.printedNames?.get(code));

  const body: Row[] = [];
  if (o.leaves.length > 0) {
    const total = row('total', [...blankLead(), nameCell('合计', 0), ...amounts(sumOf(o.leaves))]);
    const units = unitRows ? groupBy(o.leaves, (l) => l.unitCode ?? ctx.file.unit.code ?? '') : new Map([['', o.leaves]]);
    const items: Row[] = [];
    for (const [unitCode, unitLeaves] of units) {
      if (unitRows) items.push(row('group', [...blankLead(), nameCell(unitNameOf(ctx, unitCode || undefined), 0), ...amounts(sumOf(unitLeaves))]));
      const byCode = groupBy(unitLeaves, (l) => l.code);
      const codes = [...byCode.keys()].sort();
      const indent = split ? (unitRows ? 1 : 0) : 2;
      const itemRow = (code: string) => {
        const leaves = byCode.get(code)!;
        return row('item', [...codeCells(code, unitCode), nameCell(nameOf(code, leaves.find((l) => l.name)?.name), indent), ...amounts(sumOf(leaves))]);
      };
      if (split) {
        for (const code of codes) items.push(itemRow(code));
        continue;
      }
      for (const [cls, clsCodes] of groupBy(codes, (c) => c.slice(0, 3))) {
        const clsLeaves = clsCodes.flatMap((c) => byCode.get(c)!);
        items.push(row('subtotal', [...codeCells(cls, unitCode), nameCell(nameOf(cls), 0), ...amounts(sumOf(clsLeaves))]));
        for (const [kuan, kuanCodes] of groupBy(clsCodes, (c) => c.slice(0, 5))) {
          const kuanLeaves = kuanCodes.flatMap((c) => byCode.get(c)!);
          items.push(row('subtotal', [...codeCells(kuan, unitCode), nameCell(nameOf(kuan), 1), ...amounts(sumOf(kuanLeaves))]));
          for (const code of kuanCodes) items.push(itemRow(code));
        }
      }
    }
    if (totalFirst(ctx, spec)) body.push(total, ...items);
    else body.push(...items, total);
  }
  return draft(ctx, spec, { shape: 'ledger', head, body, amountColumns: o.columns.length, emptyNote: o.emptyNote });
}

// ---------------------------------------------------------------- expenditure rows

/** A 项 row's values: derive.ts's LeafValues plus the Henan split of 人员经费 and 项目支出. */
export interface ExpValues extends Omit<LeafValues, 'split' | 'sumTotal' | 'sumBasic'> {
  salaries: Maybe;
  families: Maybe;
  projectGeneral: Maybe;
  projectSpecial: Maybe;
}

function expValues(row: ExpenditureRow, lv: LeafValues, m: Money): ExpValues {
  const personnelSplit = row.salaries !== undefined || row.families !== undefined;
  const projectSplit = row.projectGeneral !== undefined || row.projectSpecial !== undefined;
  // A row without the finer split (Henan prints it) is 0 in those columns only where the parent column is 0.
  const part = (given: boolean, value: number | undefined, parent: Maybe): Maybe =>
    given ? m(value) : lv.split && parent === 0 ? 0 : null;
  const { split: _split, sumTotal: _sumTotal, sumBasic: _sumBasic, ...values } = lv;
  return {
    ...values,
    salaries: part(personnelSplit, row.salaries, lv.personnel),
    families: part(personnelSplit, row.families, lv.personnel),
    projectGeneral: part(projectSplit, row.projectGeneral, lv.project),
    projectSpecial: part(projectSplit, row.projectSpecial, lv.project),
  };
}

function addExp(a: ExpValues, b: ExpValues): ExpValues {
  return {
    total: a.total + b.total,
    basic: plus(a.basic, b.basic),
    personnel: plus(a.personnel, b.personnel),
    public: plus(a.public, b.public),
    project: plus(a.project, b.project),
    operating: plus(a.operating, b.operating),
    toSuperior: plus(a.toSuperior, b.toSuperior),
    toAffiliated: plus(a.toAffiliated, b.toAffiliated),
    budget: plus(a.budget, b.budget),
    adjusted: plus(a.adjusted, b.adjusted),
    salaries: plus(a.salaries, b.salaries),
    families: plus(a.families, b.families),
    projectGeneral: plus(a.projectGeneral, b.projectGeneral),
    projectSpecial: plus(a.projectSpecial, b.projectSpecial),
  };
}

/** The 项 rows of the given fund sources, with their derived values. */
export function expenditureLeaves(ctx: BuildContext, funds: ReadonlySet<FundSource> | 'all'): Leaf<ExpValues>[] {
  const out: Leaf<ExpValues>[] = [];
  ctx.doc.expenditure.forEach((r, i) => {
    const lv = ctx.d.leaves[i];
    if (!lv || (funds !== 'all' && !funds.has(r.fund))) return;
    out.push({ code: r.code, unitCode: r.unitCode, name: r.name, v: expValues(r, lv, ctx.d.money) });
  });
  return out;
}

/** Names printed on recorded 类/款 rows, used where they differ from the reference. */
export function printedSubtotalNames(ctx: BuildContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of ctx.doc.expenditure) if (r.code.length < 7 && r.name) out.set(r.code, r.name);
  return out;
}

const EXP_KEYS = [
  'budget',
  'total',
  'basic',
  'personnel',
  'salaries',
  'public',
  'families',
  'project',
  'projectGeneral',
  'projectSpecial',
  'operating',
  'toSuperior',
  'toAffiliated',
] as const;
type ExpKey = (typeof EXP_KEYS)[number];

const BASIC_PARTS: ReadonlySet<string> = new Set(['personnel', 'salaries', 'public', 'families']);
const PROJECT_PARTS: ReadonlySet<string> = new Set(['projectGeneral', 'projectSpecial']);

const EXP_LABELS: Record<ExpKey, string> = {
  budget: '年初预算数',
  total: '合计',
  basic: '基本支出',
  personnel: '人员经费',
  salaries: '工资福利支出',
  public: '公用经费',
  families: '对个人和家庭的补助',
  project: '项目支出',
  projectGeneral: '一般性项目',
  projectSpecial: '专项资金',
  operating: '事业单位经营支出',
  toSuperior: '上缴上级支出',
  toAffiliated: '对附属单位补助支出',
};

/**
 * Header paths of the expenditure columns. 基本支出 and 项目支出 become groups (with 小计)
 * when their parts are printed; `amountGroup` puts 合计/基本/项目 under one heading
 * ("本年政府性基金预算支出", "本年支出") where the layout has no parts.
 */
function expColumns(ctx: BuildContext, spec: ProfileTable, keys: string[], amountGroup?: string): AmountColumn<ExpValues>[] {
  const has = (set: ReadonlySet<string>) => keys.some((k) => set.has(k));
  const hasParts = has(BASIC_PARTS) || has(PROJECT_PARTS);
  return keys.map((key) => {
    const k = key as ExpKey;
    let label = EXP_LABELS[k];
    if (k === 'total' && spec.codeColumns === 'split') label = '总计';
    if (k === 'operating' && ctx.kind === 'final') label = '经营支出';
    let path = [label];
    if (BASIC_PARTS.has(k)) path = ['基本支出', label];
    else if (PROJECT_PARTS.has(k)) path = ['项目支出', label];
    else if (k === 'basic' && has(BASIC_PARTS)) path = ['基本支出', '小计'];
    else if (k === 'project' && has(PROJECT_PARTS)) path = ['项目支出', '小计'];
    else if (amountGroup && !hasParts && k !== 'budget') path = [amountGroup, label];
    return { key, path, value: (v: ExpValues) => v[k] };
  });
}

interface ExpTable {
  funds: ReadonlySet<FundSource> | 'all';
  budgetDefaults: readonly string[];
  finalDefaults: readonly string[];
  /** Where the layout prints 合计/基本/项目 only, the heading above them, by kind. */
  amountGroup?: { budget?: string; final?: string };
  codeGroup?: string;
  emptyNote?: string;
}

function expenditureTable(t: ExpTable) {
  return (ctx: BuildContext, spec: ProfileTable): TableDraft[] => {
    const leaves = expenditureLeaves(ctx, t.funds);
    let defaults = ctx.kind === 'final' ? t.finalDefaults : t.budgetDefaults;
    // 年初预算 is printed where the data gives it (决算 only).
    if (!leaves.some((l) => l.v.budget !== null)) {
      defaults = defaults.filter((k) => k !== 'budget');
    }
    const keys = pickColumns(ctx, spec, EXP_KEYS, defaults);
    const fallback = ctx.kind === 'final' ? t.amountGroup?.final : t.amountGroup?.budget;
    const columns = expColumns(ctx, spec, keys, spec.amountGroup === null ? undefined : (spec.amountGroup ?? fallback));
    return [
      functionLedger(ctx, spec, {
        leaves,
        add: addExp,
        columns,
        printedNames: printedSubtotalNames(ctx),
        ...(t.codeGroup ? { codeGroup: t.codeGroup } : {}),
        ...(t.emptyNote ? { emptyNote: t.emptyNote } : {}),
      }),
    ];
  };
}

export const expenditureBuilder = expenditureTable({
  funds: 'all',
  budgetDefaults: ['total', 'basic', 'project', 'operating', 'toSuperior', 'toAffiliated'],
  finalDefaults: ['total', 'basic', 'project', 'toSuperior', 'operating', 'toAffiliated'],
});

export const gpbExpenditureBuilder = expenditureTable({
  funds: new Set(['gpb']),
  budgetDefaults: ['total', 'basic', 'personnel', 'public', 'project'],
  finalDefaults: ['budget', 'total', 'basic', 'project'],
  amountGroup: { final: '本年支出' },
  codeGroup: '功能分类科目',
});

export const gfbBudgetBuilder = expenditureTable({
  funds: new Set(['gfb']),
  budgetDefaults: ['total', 'basic', 'project'],
  finalDefaults: ['total', 'basic', 'project'],
  amountGroup: { budget: '本年政府性基金预算支出', final: '本年支出' },
  emptyNote: '注：{unit}没有政府性基金预算拨款收入，也没有使用政府性基金预算拨款安排的支出，故本表无数据。',
});

const scobSpendingBuilder = expenditureTable({
  funds: new Set(['scob']),
  budgetDefaults: ['total', 'basic', 'project'],
  finalDefaults: ['total', 'basic', 'project'],
  amountGroup: { budget: '国有资本经营预算拨款支出', final: '本年支出' },
  codeGroup: '功能分类科目',
  emptyNote: '注：{unit}没有国有资本经营预算拨款收入，也没有使用国有资本经营预算拨款安排的支出，故本表无数据。',
});

// ---------------------------------------------------------------- 政府性基金 收入支出决算表

interface FlowValues {
  opening: Maybe;
  income: Maybe;
  spending: Maybe;
  basic: Maybe;
  project: Maybe;
  closing: Maybe;
}

function flowValues(r: FundFlowRow, m: Money): FlowValues {
  // 本年支出合计 = 基本 + 项目 where the split is given, else the printed 合计.
  const split = r.basic !== undefined || r.project !== undefined;
  return {
    opening: m(r.opening),
    income: m(r.income),
    spending: split ? m(r.basic) + m(r.project) : m(r.spending),
    basic: split ? m(r.basic) : r.spending === undefined ? 0 : null,
    project: split ? m(r.project) : r.spending === undefined ? 0 : null,
    closing: m(r.closing),
  };
}

const FLOW_KEYS = ['opening', 'income', 'spending', 'basic', 'project', 'closing'] as const;
/** Columns only a 收入支出决算表 has: listing one selects that layout for 国有资本经营. */
const FLOW_ONLY: ReadonlySet<string> = new Set(['opening', 'income', 'spending', 'closing']);
const FLOW_PATHS: Record<(typeof FLOW_KEYS)[number], string[]> = {
  opening: ['年初结转和结余'],
  income: ['本年收入'],
  spending: ['本年支出', '合计'],
  basic: ['本年支出', '基本支出'],
  project: ['本年支出', '项目支出'],
  closing: ['年末结转和结余'],
};

/** A 决算 收入支出决算表 of one fund by 功能分类 with its 结转和结余 columns (政府性基金; 国有资本经营 where the profile asks). */
function flowsLedger(ctx: BuildContext, spec: ProfileTable, rows: readonly FundFlowRow[], emptyNote: string): TableDraft {
  const m = ctx.d.money;
  const keys = pickColumns(ctx, spec, FLOW_KEYS, FLOW_KEYS);
  const columns = keys.map((key) => {
    const k = key as (typeof FLOW_KEYS)[number];
    return { key, path: FLOW_PATHS[k], value: (v: FlowValues) => v[k] };
  });
  const leaves = rows.filter((r) => r.code.length === 7).map((r) => ({ code: r.code, v: flowValues(r, m) }));
  const add = (a: FlowValues, b: FlowValues): FlowValues => ({
    opening: plus(a.opening, b.opening),
    income: plus(a.income, b.income),
    spending: plus(a.spending, b.spending),
    basic: plus(a.basic, b.basic),
    project: plus(a.project, b.project),
    closing: plus(a.closing, b.closing),
  });
  return functionLedger(ctx, spec, { leaves, add, columns, codeGroup: '功能分类科目', emptyNote });
}

export function gfbExpenditureBuilder(ctx: BuildContext, spec: ProfileTable): TableDraft[] {
  if (!isFinal(ctx.doc, ctx.kind)) return gfbBudgetBuilder(ctx, spec);
  return [flowsLedger(ctx, spec, ctx.doc.gfbFlows, '注：{unit}没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，故本表无数据。')];
}

/**
 * 国有资本经营预算财政拨款支出决算表: by default the spending columns (合计 基本 项目) of the
 * expenditure rows; a 决算 profile that lists a 结转 column (opening, income, spending, closing)
 * prints the 收入支出决算表 of the data's scobFlows instead, as 政府性基金's.
 */
export function scobExpenditureBuilder(ctx: BuildContext, spec: ProfileTable): TableDraft[] {
  const flows = isFinal(ctx.doc, ctx.kind) && (spec.columns ?? []).some((c) => FLOW_ONLY.has(c));
  if (!flows) return scobSpendingBuilder(ctx, spec);
  const rows = (isFinal(ctx.doc, ctx.kind) && ctx.doc.scobFlows) || [];
  return [flowsLedger(ctx, spec, rows, '注：{unit}没有国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出，故本表无数据。')];
}

// ---------------------------------------------------------------- 收入决算表 / 收入总表

type IncomeFnKey = 'total' | 'fiscal' | 'superior' | 'business' | 'operating' | 'affiliated' | 'other';
const INCOME_FN_KEYS: readonly IncomeFnKey[] = ['total', 'fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'];
const INCOME_FN_LABELS: Record<IncomeFnKey, string> = {
  total: '本年收入合计',
  fiscal: '财政拨款收入',
  superior: '上级补助收入',
  business: '事业收入',
  operating: '经营收入',
  affiliated: '附属单位上缴收入',
  other: '其他收入',
};
type IncomeFnValues = Record<IncomeFnKey, Fen>;

function incomeFnValues(r: IncomeByFunctionRow, m: Money): IncomeFnValues {
  const parts = (['fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'] as const).map((k) => m(r[k]));
  const given = (['fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'] as const).some((k) => r[k] !== undefined);
  // 本年收入合计 is the sum of the sources where any is given (the printed total is checked, not printed).
  return {
    total: given ? parts.reduce((a, b) => a + b, 0) : m(r.total),
    fiscal: m(r.fiscal),
    superior: m(r.superior),
    business: m(r.business),
    operating: m(r.operating),
    affiliated: m(r.affiliated),
    other: m(r.other),
  };
}

/** A 预算 收入总表 by 功能分类 (profile `rows: "function"`) names its columns as the budget forms do. */
const INCOME_FN_BUDGET_LABELS: Partial<Record<IncomeFnKey, string>> = { total: '合计', operating: '事业单位经营收入' };

function incomeFinal(ctx: BuildContext, spec: ProfileTable, rows: IncomeByFunctionRow[]): TableDraft {
  const m = ctx.d.money;
  const final = isFinal(ctx.doc, ctx.kind);
  const keys = pickColumns(ctx, spec, INCOME_FN_KEYS, final ? INCOME_FN_KEYS : ['total', 'fiscal', 'business', 'operating', 'other']);
  const label = (k: IncomeFnKey) => (final ? undefined : INCOME_FN_BUDGET_LABELS[k]) ?? INCOME_FN_LABELS[k];
  const columns = keys.map((key) => ({ key, path: [label(key as IncomeFnKey)], value: (v: IncomeFnValues) => v[key as IncomeFnKey] }));
  const add = (a: IncomeFnValues, b: IncomeFnValues): IncomeFnValues => {
    const out = { ...a };
    for (const k of INCOME_FN_KEYS) out[k] = a[k] + b[k];
    return out;
  };
  const leaves = rows.filter((r) => r.code.length === 7).map((r) => ({ code: r.code, name: r.name, v: incomeFnValues(r, m) }));
  return functionLedger(ctx, spec, { leaves, add, columns, printedNames: printedSubtotalNames(ctx) });
}

type IncomeUnitKey =
  | 'total'
  | 'current'
  | 'gpb'
  | 'gfb'
  | 'scob'
  | 'specialAccount'
  | 'unitFunds'
  | 'business'
  | 'operating'
  | 'superior'
  | 'affiliated'
  | 'other'
  | 'carryover';
const INCOME_UNIT_KEYS: readonly IncomeUnitKey[] = [
  'total',
  'current',
  'gpb',
  'gfb',
  'scob',
  'specialAccount',
  'unitFunds',
  'business',
  'operating',
  'superior',
  'affiliated',
  'other',
  'carryover',
];
const INCOME_UNIT_LABELS: Record<IncomeUnitKey, string> = {
  total: '合计',
  current: '小计',
  gpb: '一般公共预算拨款收入',
  gfb: '政府性基金预算拨款收入',
  scob: '国有资本经营预算拨款收入',
  specialAccount: '财政专户管理资金收入',
  unitFunds: '单位资金收入',
  business: '事业收入',
  operating: '事业单位经营收入',
  superior: '上级补助收入',
  affiliated: '附属单位上缴收入',
  other: '其他收入',
  carryover: '上年结转',
};

/**
 * 收入总表 (预算): income is recorded for the whole document by source, so the table has
 * the unit's row and the 合计 row; columns are the sources (本年收入) and 上年结转.
 */
function incomeBudget(ctx: BuildContext, spec: ProfileTable): TableDraft {
  const m = ctx.d.money;
  const i = ctx.doc.income;
  const c = i.carryover;
  const unitFunds = m(i.business) + m(i.operating) + m(i.superior) + m(i.affiliated) + m(i.other);
  const current = m(i.gpb) + m(i.gfb) + m(i.scob) + m(i.specialAccount) + unitFunds;
  const carryover = m(c.gpb) + m(c.gfb) + m(c.scob) + m(c.specialAccount) + m(c.unitFunds);
  const values: Record<IncomeUnitKey, Fen> = {
    total: current + carryover,
    current,
    gpb: m(i.gpb),
    gfb: m(i.gfb),
    scob: m(i.scob),
    specialAccount: m(i.specialAccount),
    unitFunds,
    business: m(i.business),
    operating: m(i.operating),
    superior: m(i.superior),
    affiliated: m(i.affiliated),
    other: m(i.other),
    carryover,
  };
  const keys = pickColumns(ctx, spec, INCOME_UNIT_KEYS, ['total', 'gpb', 'gfb', 'scob', 'specialAccount', 'unitFunds', 'carryover']);
  const grouped = keys.length > 2;
  const columns: ColumnHead[] = keys.map((k) =>
    k === 'total' || k === 'carryover' || !grouped ? { path: [INCOME_UNIT_LABELS[k as IncomeUnitKey]] } : { path: ['本年收入', INCOME_UNIT_LABELS[k as IncomeUnitKey]] },
  );
  const unitRows = spec.unitRows === true;
  const lead: ColumnHead[] = unitRows ? [{ path: ['单位代码'] }, { path: ['单位名称'] }] : [{ path: ['单位名称'] }];
  const head = buildHead([...lead, ...columns]);
  const amounts = keys.map((k) => amountCell(ctx, values[k as IncomeUnitKey]));
  const unit = ctx.file.unit;
  const unitRow = row('item', [...(unitRows ? [textCell(unit.code ?? '', 'code')] : []), nameCell(unit.name, 1), ...amounts]);
  const total = row('total', [...(unitRows ? [textCell('', 'code')] : []), nameCell('合计', 0), ...amounts.map((a) => ({ ...a }))]);
  const body = totalFirst(ctx, spec) ? [total, unitRow] : [unitRow, total];
  return draft(ctx, spec, { shape: 'ledger', head, body, amountColumns: keys.length });
}

export function incomeBuilder(ctx: BuildContext, spec: ProfileTable): TableDraft[] {
  if (isFinal(ctx.doc, ctx.kind)) return [incomeFinal(ctx, spec, ctx.doc.incomeByFunction)];
  if (spec.rows === 'function') return [incomeFinal(ctx, spec, 'incomeByFunction' in ctx.doc ? (ctx.doc.incomeByFunction ?? []) : [])];
  return [incomeBudget(ctx, spec)];
}
