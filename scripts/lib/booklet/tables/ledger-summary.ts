/**
 * The two-sided 收支 tables: 收支总表 / 收入支出决算总表 and 财政拨款收支总表 / 财政拨款收入支出
 * 决算总表. Income items on the left, expenditure items on the right, side by side.
 *
 * The rows are layout data (docs/profiles.md "两栏表的行"): the profile's `layout` or, where
 * it gives none, the national layout of summary-layouts.ts. A layout is a list of blocks;
 * the two sides of a block stand side by side (the shorter padded with blank rows), so
 * 本年收入小计 | 本年支出小计 and 总计 | 总计 align. Each row is a fixed item bound to a value
 * key, one 功能分类 类, a heading, the sum of rows named by id (exact 分 arithmetic), the
 * data's labelled income lines, or "the 类 of the year's reference here".
 *
 * The right side's 类 amounts are derived from the 项 rows (expenditureAggregate); the left
 * side is doc.income. Where the two 总计 differ the table prints both as they are and
 * `check` reports the imbalance.
 */
import type { LayoutRow, ProfileTable, TwoSidedLayout } from '../../model/profile.ts';
import type { ExpenditureRow, FundSource } from '../../model/schema.ts';
import { functionName } from '../../model/reference.ts';
import { expenditureAggregate, isFinal, type FundGroup } from '../../check/derive.ts';
import type { Fen } from '../../model/money.ts';
import { BookletError, functionLabel, type BuildContext } from '../context.ts';
import type { Cell, Row, RowKind } from '../model.ts';
import type { TableDraft } from './index.ts';
import { amountCell, buildHead, draft, nameCell, pickColumns, row, tableZh, zhNumber, type ColumnHead } from './ledger-common.ts';
import { FISCAL_SUMMARY_BUDGET, FISCAL_SUMMARY_FINAL, SUMMARY_BUDGET, SUMMARY_FINAL } from './summary-layouts.ts';

/** By nature (the Shanghai 单位预算's 表1): 人员经费, 公用经费, 项目支出 of the table's funds. */
type NatureKey = 'personnel' | 'public' | 'project';
type RightKey = 'total' | 'gpbAppropriation' | FundSource | NatureKey;
const NATURE: readonly string[] = ['personnel', 'public', 'project'];
const isNature = (k: string): k is NatureKey => NATURE.includes(k);

interface Line {
  label: string;
  indent: number;
  /** A heading row: no amounts (blank in the CSV too). */
  heading?: boolean;
  /** Left: `total` only. Right: one value per printed column. */
  values: Partial<Record<RightKey, Fen>>;
}

const FUNDS: readonly FundSource[] = ['gpb', 'gfb', 'scob', 'specialAccount', 'unitFunds'];
const FISCAL_FUNDS: readonly FundSource[] = ['gpb', 'gfb', 'scob'];
const isFund = (k: string): k is FundSource => (FUNDS as readonly string[]).includes(k);

/** 结转下年 (预算) / 年末结转和结余 (决算), by source. */
function carryforwardOf(ctx: BuildContext): Record<FundSource, Fen> {
  const m = ctx.d.money;
  const doc = ctx.doc;
  const c = isFinal(doc, ctx.kind) ? doc.balances.closing : 'carryforward' in doc ? doc.carryforward : undefined;
  return { gpb: m(c?.gpb), gfb: m(c?.gfb), scob: m(c?.scob), specialAccount: m(c?.specialAccount), unitFunds: m(c?.unitFunds) };
}

/** Whether an expenditure row of `fund` belongs to the fund group. */
function inGroup(group: FundGroup, fund: FundSource): boolean {
  if (group === 'all') return true;
  if (group === 'fiscal') return (FISCAL_FUNDS as readonly string[]).includes(fund);
  return group === fund;
}

/** The 类 the data spends on (any 项 row of the group), in code order. */
function usedClasses(ctx: BuildContext, group: FundGroup): string[] {
  const used = new Set<string>();
  ctx.doc.expenditure.forEach((r, i) => {
    if (ctx.d.leaves[i] && expenditureAggregate(ctx.d, group, r.code.slice(0, 3)).count > 0) used.add(r.code.slice(0, 3));
  });
  return [...used].sort();
}

/** The 类 an expansion row prints: the year's national list (plus any class the data uses beyond it), or only the used ones. */
function classes(ctx: BuildContext, group: FundGroup, mode: 'all' | 'used'): string[] {
  const listed = ctx.reference?.summaryClasses ?? [];
  const used = usedClasses(ctx, group);
  if (mode === 'used') return [...listed.filter((c) => used.includes(c)), ...used.filter((c) => !listed.includes(c))];
  return [...listed, ...used.filter((c) => !listed.includes(c))];
}

const RIGHT_LABELS: Record<'budget' | 'final', Record<RightKey, string>> = {
  budget: {
    total: '合计',
    gpb: '一般公共预算',
    gpbAppropriation: '其中：财政拨款',
    personnel: '人员经费',
    public: '公用经费',
    project: '项目支出',
    gfb: '政府性基金预算',
    scob: '国有资本经营预算',
    specialAccount: '财政专户管理资金',
    unitFunds: '单位资金',
  },
  final: {
    total: '合计',
    gpb: '一般公共预算财政拨款',
    gpbAppropriation: '其中：财政拨款',
    personnel: '人员经费',
    public: '公用经费',
    project: '项目支出',
    gfb: '政府性基金预算财政拨款',
    scob: '国有资本经营预算财政拨款',
    specialAccount: '财政专户管理资金',
    unitFunds: '单位资金',
  },
};

interface TableSpec {
  /** The funds the table covers: every source (收支总表) or the three 财政拨款 (财政拨款收支总表). */
  group: 'all' | 'fiscal';
  keys: RightKey[];
  layout: TwoSidedLayout;
}

/** Evaluates a layout into the printed blocks. Profile mistakes are BookletErrors naming the row by JSON pointer. */
function evaluate(ctx: BuildContext, spec: ProfileTable, t: TableSpec): Array<{ left: Line[]; right: Line[]; kind: RowKind }> {
  const m = ctx.d.money;
  const i = ctx.doc.income;
  const c = i.carryover;
  const found = ctx.profile.tables.indexOf(spec);
  const tableIndex = found >= 0 ? found : ctx.profile.tables.findIndex((x) => x.id === spec.id);
  const where = (b: number, side: string, r: number) =>
    `表式 ${ctx.profileId} 中“${tableZh(spec.id)}”（${spec.id}）的 layout（/kinds/${ctx.kind}/tables/${tableIndex}/layout/blocks/${b}/${side}/${r}）`;
  const fail = (at: string, msg: string): never => {
    throw new BookletError(`${at}：${msg}（见 docs/profiles.md“两栏表的行”）`);
  };

  const unitFunds = m(i.business) + m(i.operating) + m(i.superior) + m(i.affiliated) + m(i.other);
  const fiscal = m(i.gpb) + m(i.gfb) + m(i.scob);
  const carry: Record<FundSource, Fen> = { gpb: m(c.gpb), gfb: m(c.gfb), scob: m(c.scob), specialAccount: m(c.specialAccount), unitFunds: m(c.unitFunds) };
  const incomeValues: Record<string, Fen> = {
    'income.gpb': m(i.gpb),
    'income.gpbCentral': m(i.gpbCentral),
    'income.gfb': m(i.gfb),
    'income.gfbCentral': m(i.gfbCentral),
    'income.scob': m(i.scob),
    'income.scobCentral': m(i.scobCentral),
    'income.specialAccount': m(i.specialAccount),
    'income.business': m(i.business),
    'income.operating': m(i.operating),
    'income.superior': m(i.superior),
    'income.affiliated': m(i.affiliated),
    'income.other': m(i.other),
    'income.nonFiscalBalanceUsed': m(i.nonFiscalBalanceUsed),
    'income.unitFunds': unitFunds,
    'income.fiscal': fiscal,
    'income.current': fiscal + m(i.specialAccount) + unitFunds,
    ...Object.fromEntries(FUNDS.map((f) => [`carryover.${f}`, carry[f]])),
    'carryover.total': FUNDS.reduce((a, f) => a + carry[f], 0),
    'carryover.fiscal': FISCAL_FUNDS.reduce((a, f) => a + carry[f], 0),
  };

  const groupFunds = t.group === 'all' ? FUNDS : FISCAL_FUNDS;
  const cf = carryforwardOf(ctx);
  const current = t.layout.spending === 'current';
  // Σ of a field of the 项 rows of a fund group under a code prefix (fromCarryover, fromAdvance).
  const fieldSum = (field: 'fromCarryover' | 'fromAdvance', group: FundGroup, prefix: string): Fen => {
    let sum = 0;
    ctx.doc.expenditure.forEach((r: ExpenditureRow, n) => {
      if (ctx.d.leaves[n] && inGroup(group, r.fund) && r.code.startsWith(prefix)) sum += m(r[field]);
    });
    return sum;
  };
  // A nature column: the 项 rows' split where they give it, else the 类 rows' recorded figures
  // (the Shanghai data records 人员经费 / 公用经费 on the 类 rows only, as the original prints them).
  const natureOf = (k: NatureKey, prefix: string): Fen => {
    const derived = expenditureAggregate(ctx.d, t.group, prefix)[k];
    if (derived !== null) return derived;
    let sum = 0;
    for (const r of ctx.doc.expenditure) {
      if (r.code.length === 3 && inGroup(t.group, r.fund) && r.code.startsWith(prefix)) sum += m(r[k]);
    }
    return sum;
  };
  const spendOf = (k: RightKey, prefix: string): Fen => {
    if (isNature(k)) return natureOf(k, prefix);
    const group: FundGroup = k === 'total' ? t.group : k === 'gpbAppropriation' ? 'gpb' : k;
    let v = expenditureAggregate(ctx.d, group, prefix).total;
    if (current) v -= fieldSum('fromCarryover', group, prefix);
    if (k === 'gpbAppropriation') v -= fieldSum('fromAdvance', 'gpb', prefix);
    return v;
  };
  const spread = (valueOf: (k: RightKey) => Fen): Partial<Record<RightKey, Fen>> => Object.fromEntries(t.keys.map((k) => [k, valueOf(k)]));
  const rightValue = (key: string): ((k: RightKey) => Fen) | undefined => {
    if (key === 'spending') return (k) => spendOf(k, '');
    if (key === 'carryforward') return (k) => (k === 'total' ? groupFunds.reduce((a, f) => a + cf[f], 0) : isFund(k) ? cf[k] : 0);
    if (key === 'surplusAllocation') {
      const surplus = isFinal(ctx.doc, ctx.kind) ? m(ctx.doc.balances.surplusAllocation) : 0;
      return (k) => (k === 'total' ? surplus : 0);
    }
    const [head, fund] = key.split('.');
    if (head === 'carryforward' && fund !== undefined && isFund(fund)) return (k) => (k === 'total' || k === fund ? cf[fund] : 0);
    return undefined;
  };

  const lineLists = { gpbLines: i.gpbLines ?? [], gfbLines: i.gfbLines ?? [] };
  const namedLines = { gpbLines: new Set<string>(), gfbLines: new Set<string>() };
  const rightHasExpansion = t.layout.blocks.some((b) => b.right.some((r) => r.classes !== undefined));
  const listedClasses = new Set<string>();

  const evalSide = (rows: LayoutRow[], side: 'left' | 'right', b: number, ids: Map<string, Line>): Line[] => {
    const out: Line[] = [];
    rows.forEach((r, n) => {
      const at = where(b, side, n);
      const given = (['value', 'class', 'sum', 'heading', 'classes', 'lines'] as const).filter((f) => r[f] !== undefined);
      if (given.length !== 1) fail(at, `每行须且只须给出 value、class、sum、heading、classes、lines 之一，此行给出了${given.length === 0 ? '零个' : given.join('、')}`);
      const indent = r.indent ?? 0;
      const needLabel = (): string => r.label ?? fail(at, '此行缺少 label（所印的行名）');
      const push = (l: Line) => {
        // An omitted row still counts in a sum that names it (it is zero).
        if (r.id !== undefined) {
          if (ids.has(r.id)) fail(at, `id“${r.id}”重复`);
          ids.set(r.id, l);
        }
        if (r.omitZero && Object.values(l.values).every((v) => v === 0)) return;
        out.push(l);
      };
      if (r.heading) {
        out.push({ label: needLabel(), indent, values: {}, heading: true });
        return;
      }
      if (r.sum) {
        const parts = r.sum.map((id) => ids.get(id) ?? fail(at, `sum 引用的行“${id}”不在本栏此行之前`));
        const keys: RightKey[] = side === 'left' ? ['total'] : t.keys;
        push({ label: needLabel(), indent, values: Object.fromEntries(keys.map((k) => [k, parts.reduce((a, p) => a + (p.values[k] ?? 0), 0)])) });
        return;
      }
      if (r.lines) {
        const list = lineLists[r.lines];
        if (r.label === undefined) {
          for (const l of list) out.push({ label: l.label, indent, values: { total: m(l.amount) } });
          return;
        }
        if (side !== 'left') fail(at, 'lines 行只能在左栏');
        namedLines[r.lines].add(r.label);
        push({ label: r.label, indent, values: { total: list.filter((l) => l.label === r.label).reduce((a, l) => a + m(l.amount), 0) } });
        return;
      }
      if (side === 'left') {
        if (r.value === undefined || incomeValues[r.value] === undefined) {
          fail(at, r.value === undefined ? '左栏不能用 class、classes' : `左栏的取值键“${r.value}”无法识别；可用：${Object.keys(incomeValues).join('、')}`);
        }
        push({ label: needLabel(), indent, values: { total: incomeValues[r.value!]! } });
        return;
      }
      if (r.classes) {
        const numbering = r.numbering ?? 'zh';
        classes(ctx, t.group, r.classes).forEach((cls, k) => {
          const name = numbering === 'code' ? `${cls} ${functionName(ctx.reference, cls) ?? ''}`.trim() : functionLabel(ctx, cls, undefined);
          const label = numbering === 'zh' ? `${zhNumber(k + 1)}、${name}` : numbering === 'zhParen' ? `（${zhNumber(k + 1)}）${name}` : name;
          out.push({ label, indent, values: spread((col) => spendOf(col, cls)) });
        });
        return;
      }
      if (r.class !== undefined) {
        listedClasses.add(r.class);
        push({ label: needLabel(), indent, values: spread((col) => spendOf(col, r.class!)) });
        return;
      }
      const valueOf = rightValue(r.value!);
      if (!valueOf) fail(at, `右栏的取值键“${r.value}”无法识别；可用：spending、carryforward、carryforward.gpb 等各资金来源、surplusAllocation`);
      push({ label: needLabel(), indent, values: spread(valueOf!) });
    });
    return out;
  };

  const leftIds = new Map<string, Line>();
  const rightIds = new Map<string, Line>();
  const blocks = t.layout.blocks.map((block, b) => ({
    left: evalSide(block.left, 'left', b, leftIds),
    right: evalSide(block.right, 'right', b, rightIds),
    kind: (block.kind ?? 'item') as RowKind,
  }));

  // Nothing the data records may fall out of a layout that names its rows.
  const at = `表式 ${ctx.profileId} 中“${tableZh(spec.id)}”（${spec.id}）的 layout`;
  if (!rightHasExpansion) {
    const missing = usedClasses(ctx, t.group).filter((cls) => !listedClasses.has(cls));
    if (missing.length > 0) {
      fail(at, `数据中有功能分类类 ${missing.map((cls) => `${cls}（${functionLabel(ctx, cls, undefined)}）`).join('、')} 的支出，但右栏没有这一类的行；请加 {"class": "${missing[0]}", "label": "…"} 或 {"classes": "all"}`);
    }
  }
  for (const list of ['gpbLines', 'gfbLines'] as const) {
    if (namedLines[list].size === 0) continue;
    const unprinted = lineLists[list].filter((l) => !namedLines[list].has(l.label));
    // A data line the layout does not name is not printed: reported (not fatal, the data's wording is free text).
    if (unprinted.length > 0) {
      const message = `${at}：数据 income.${list} 中的“${unprinted.map((l) => l.label).join('、')}”没有对应的行，未印出（左栏按名称列出 ${list} 时须列出每一行，见 docs/profiles.md“两栏表的行”）`;
      ctx.issues.push({ pointer: `/income/${list}`, severity: 'warning', rule: 'arith.parts', message, messageEn: `${spec.id}: income.${list} lines not in the layout are not printed` });
    }
  }
  return blocks;
}

function twoSided(ctx: BuildContext, spec: ProfileTable, t: TableSpec): TableDraft {
  const amountZh = ctx.kind === 'final' ? '决算数' : '预算数';
  const rightLabels = RIGHT_LABELS[ctx.kind];
  const { keys, layout } = t;
  const [incomeGroup, incomeAmount] = layout.incomeHead ?? ['收入', amountZh];
  const spendingGroup = layout.spendingHead ?? '支出';
  const columns: ColumnHead[] = [
    { path: [incomeGroup!, '项目'] },
    { path: [incomeGroup!, incomeAmount!] },
    { path: [spendingGroup, '项目'] },
    ...keys.map((k) => ({ path: [spendingGroup, ...(layout.heads?.[k] ?? [keys.length === 1 ? amountZh : rightLabels[k]])] })),
  ];
  const head = buildHead(columns);
  const side = (l: Line | undefined, amountKeys: RightKey[]): Cell[] =>
    l
      ? [nameCell(l.label, l.indent), ...amountKeys.map((k) => amountCell(ctx, l.heading ? null : (l.values[k] ?? 0)))]
      : [{ text: '', kind: 'text' }, ...amountKeys.map((): Cell => ({ text: '', kind: 'amount' }))];
  const body: Row[] = [];
  for (const b of evaluate(ctx, spec, t)) {
    const n = Math.max(b.left.length, b.right.length);
    for (let r = 0; r < n; r++) body.push(row(b.kind, [...side(b.left[r], ['total']), ...side(b.right[r], keys)]));
  }
  return draft(ctx, spec, { shape: 'twoSided', head, body, amountColumns: 1 + keys.length });
}

const SUMMARY_KEYS: readonly RightKey[] = ['total', 'gpb', 'gpbAppropriation', 'gfb', 'scob', 'specialAccount', 'unitFunds', 'personnel', 'public', 'project'];
const FISCAL_KEYS: readonly RightKey[] = ['total', 'gpb', 'gpbAppropriation', 'gfb', 'scob'];
const FISCAL_DEFAULT: readonly RightKey[] = ['total', 'gpb', 'gfb', 'scob'];

export function summaryBuilder(ctx: BuildContext, spec: ProfileTable): TableDraft[] {
  const keys = pickColumns(ctx, spec, SUMMARY_KEYS, ['total']) as RightKey[];
  const layout = spec.layout ?? (isFinal(ctx.doc, ctx.kind) ? SUMMARY_FINAL : SUMMARY_BUDGET);
  return [twoSided(ctx, spec, { group: 'all', keys, layout })];
}

export function fiscalSummaryBuilder(ctx: BuildContext, spec: ProfileTable): TableDraft[] {
  const final = isFinal(ctx.doc, ctx.kind);
  const keys = pickColumns(ctx, spec, FISCAL_KEYS, final ? FISCAL_DEFAULT : ['total']) as RightKey[];
  const layout = spec.layout ?? (final ? FISCAL_SUMMARY_FINAL : FISCAL_SUMMARY_BUDGET);
  return [twoSided(ctx, spec, { group: 'fiscal', keys, layout })];
}
