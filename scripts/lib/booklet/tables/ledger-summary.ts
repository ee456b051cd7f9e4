/**
 * The two-sided 收支 tables: 收支总表 / 收入支出决算总表 and 财政拨款收支总表 / 财政拨款收入支出
 * 决算总表. Income items on the left, expenditure items on the right, side by side as the
 * seeds print them: first the current-year items (left: sources; right: the 功能分类 类 in
 * the national order of the year's reference), then the aligned 本年收入 / 本年支出 row, then
 * carry-over (left) against carry-forward (right), then the aligned 总计 row.
 *
 * The right side's 类 amounts are derived from the 项 rows (expenditureAggregate); the left
 * side is doc.income. Where the two 总计 differ the table prints both as they are and
 * `check` reports the imbalance.
 */
import type { ProfileTable } from '../../model/profile.ts';
import type { FundSource } from '../../model/schema.ts';
import { expenditureAggregate, isFinal, type FundGroup } from '../../check/derive.ts';
import type { Fen } from '../../model/money.ts';
import { functionLabel, type BuildContext } from '../context.ts';
import type { Cell, Row, RowKind } from '../model.ts';
import type { TableDraft } from './index.ts';
import { amountCell, buildHead, draft, nameCell, pickColumns, row, zhNumber, type ColumnHead, type Maybe } from './ledger-common.ts';

type RightKey = 'total' | FundSource;

interface Line {
  label: string;
  indent: number;
  /** Left: `total` only. Right: one value per printed column (absent = blank). */
  values: Partial<Record<RightKey, Maybe>>;
}

interface Block {
  left: Line[];
  right: Line[];
  /** An aligned pair row (本年收入小计 | 本年支出小计, 总计 | 总计). */
  kind?: RowKind;
}

const line = (label: string, indent: number, values: Partial<Record<RightKey, Maybe>>): Line => ({ label, indent, values });

function sourcesOf(ctx: BuildContext) {
  const m = ctx.d.money;
  const i = ctx.doc.income;
  const unitFunds = m(i.business) + m(i.operating) + m(i.superior) + m(i.affiliated) + m(i.other);
  const fiscal = m(i.gpb) + m(i.gfb) + m(i.scob);
  const current = fiscal + m(i.specialAccount) + unitFunds;
  const c = i.carryover;
  const carry: Record<FundSource, Fen> = { gpb: m(c.gpb), gfb: m(c.gfb), scob: m(c.scob), specialAccount: m(c.specialAccount), unitFunds: m(c.unitFunds) };
  return { m, i, unitFunds, fiscal, current, carry };
}

/** 结转下年 (预算) / 年末结转和结余 (决算), by source. */
function carryforwardOf(ctx: BuildContext): Record<FundSource, Fen> {
  const m = ctx.d.money;
  const doc = ctx.doc;
  const c = isFinal(doc, ctx.kind) ? doc.balances.closing : 'carryforward' in doc ? doc.carryforward : undefined;
  return { gpb: m(c?.gpb), gfb: m(c?.gfb), scob: m(c?.scob), specialAccount: m(c?.specialAccount), unitFunds: m(c?.unitFunds) };
}

/** The 类 printed on the right: the year's national list, plus any class the data uses beyond it. */
function classes(ctx: BuildContext, group: FundGroup): string[] {
  const listed = ctx.reference?.summaryClasses ?? [];
  const used = new Set<string>();
  ctx.doc.expenditure.forEach((r, i) => {
    if (ctx.d.leaves[i] && expenditureAggregate(ctx.d, group, r.code.slice(0, 3)).count > 0) used.add(r.code.slice(0, 3));
  });
  const extra = [...used].filter((c) => !listed.includes(c)).sort();
  return [...listed, ...extra];
}

const RIGHT_LABELS: Record<'budget' | 'final', Record<RightKey, string>> = {
  budget: {
    total: '合计',
    gpb: '一般公共预算',
    gfb: '政府性基金预算',
    scob: '国有资本经营预算',
    specialAccount: '财政专户管理资金',
    unitFunds: '单位资金',
  },
  final: {
    total: '合计',
    gpb: '一般公共预算财政拨款',
    gfb: '政府性基金预算财政拨款',
    scob: '国有资本经营预算财政拨款',
    specialAccount: '财政专户管理资金',
    unitFunds: '单位资金',
  },
};

const SOURCE_ZH: Record<FundSource, string> = {
  gpb: '一般公共预算',
  gfb: '政府性基金预算',
  scob: '国有资本经营预算',
  specialAccount: '财政专户管理资金',
  unitFunds: '单位资金',
};

/** Values of one expenditure figure in every printed column (a fund's column shows that fund). */
function spread(keys: RightKey[], valueOf: (k: RightKey) => Maybe): Partial<Record<RightKey, Maybe>> {
  const out: Partial<Record<RightKey, Maybe>> = {};
  for (const k of keys) out[k] = valueOf(k);
  return out;
}

function twoSided(ctx: BuildContext, spec: ProfileTable, keys: RightKey[], blocks: Block[]): TableDraft {
  const amountZh = ctx.kind === 'final' ? '决算数' : '预算数';
  const rightLabels = RIGHT_LABELS[ctx.kind];
  const columns: ColumnHead[] = [
    { path: ['收入', '项目'] },
    { path: ['收入', amountZh] },
    { path: ['支出', '项目'] },
    ...keys.map((k) => ({ path: ['支出', keys.length === 1 ? amountZh : rightLabels[k]] })),
  ];
  const head = buildHead(columns);
  const side = (l: Line | undefined, amountKeys: RightKey[]): Cell[] =>
    l ? [nameCell(l.label, l.indent), ...amountKeys.map((k) => amountCell(ctx, l.values[k] ?? 0))] : [{ text: '', kind: 'text' }, ...amountKeys.map((): Cell => ({ text: '', kind: 'amount' }))];
  const body: Row[] = [];
  for (const b of blocks) {
    const n = Math.max(b.left.length, b.right.length);
    for (let r = 0; r < n; r++) {
      body.push(row(b.kind ?? 'item', [...side(b.left[r], ['total']), ...side(b.right[r], keys)]));
    }
  }
  return draft(ctx, spec, { shape: 'twoSided', head, body, amountColumns: 1 + keys.length });
}

const SUMMARY_KEYS: readonly RightKey[] = ['total', 'gpb', 'gfb', 'scob', 'specialAccount', 'unitFunds'];
const FISCAL_KEYS: readonly RightKey[] = ['total', 'gpb', 'gfb', 'scob'];

/** The fund group whose 类 amounts a column shows. */
const groupOf = (k: RightKey, whole: FundGroup): FundGroup => (k === 'total' ? whole : k);

export function summaryBuilder(ctx: BuildContext, spec: ProfileTable): TableDraft[] {
  const keys = pickColumns(ctx, spec, SUMMARY_KEYS, ['total']) as RightKey[];
  const s = sourcesOf(ctx);
  const { m, i } = s;
  const carryforward = carryforwardOf(ctx);
  const doc = ctx.doc;
  const exp = (group: FundGroup, prefix = '') => expenditureAggregate(ctx.d, group, prefix).total;
  const right: Line[] = classes(ctx, 'all').map((cls, n) =>
    line(`${zhNumber(n + 1)}、${functionLabel(ctx, cls, undefined)}`, 0, spread(keys, (k) => exp(groupOf(k, 'all'), cls))),
  );
  const current = line(isFinal(doc, ctx.kind) ? '本年支出合计' : '本年支出小计', 0, spread(keys, (k) => exp(groupOf(k, 'all'))));
  const cfTotal = carryforward.gpb + carryforward.gfb + carryforward.scob + carryforward.specialAccount + carryforward.unitFunds;
  const cfValue = (f: FundSource) => spread(keys, (k) => (k === 'total' || k === f ? carryforward[f] : 0));
  const cfAll = spread(keys, (k) => (k === 'total' ? cfTotal : carryforward[k as FundSource]));
  const income = (v: Fen) => ({ total: v });
  const carryTotal = s.carry.gpb + s.carry.gfb + s.carry.scob + s.carry.specialAccount + s.carry.unitFunds;
  const sources: FundSource[] = ['gpb', 'gfb', 'scob', 'specialAccount', 'unitFunds'];

  if (isFinal(doc, ctx.kind)) {
    const left: Line[] = [
      line('一、一般公共预算财政拨款收入', 0, income(m(i.gpb))),
      line('二、政府性基金预算财政拨款收入', 0, income(m(i.gfb))),
      line('三、国有资本经营预算财政拨款收入', 0, income(m(i.scob))),
      line('四、上级补助收入', 0, income(m(i.superior))),
      line('五、事业收入', 0, income(m(i.business))),
      line('六、经营收入', 0, income(m(i.operating))),
      line('七、附属单位上缴收入', 0, income(m(i.affiliated))),
      line('八、其他收入', 0, income(m(i.other))),
    ];
    // Not among the national form's lines; printed only where the data has it, so the sides still add up.
    if (m(i.specialAccount) !== 0) left.push(line('九、财政专户管理资金收入', 0, income(m(i.specialAccount))));
    const surplus = m(doc.balances.surplusAllocation);
    const nonFiscal = m(i.nonFiscalBalanceUsed);
    const spendTotal = spread(keys, (k) => exp(groupOf(k, 'all')) + (k === 'total' ? surplus + cfTotal : carryforward[k as FundSource]));
    return [
      twoSided(ctx, spec, keys, [
        { left, right },
        { left: [line('本年收入合计', 0, income(s.current))], right: [current], kind: 'subtotal' },
        {
          left: [line('使用非财政拨款结余', 0, income(nonFiscal)), line('年初结转和结余', 0, income(carryTotal))],
          right: [line('结余分配', 0, spread(keys, (k) => (k === 'total' ? surplus : 0))), line('年末结转和结余', 0, cfAll)],
        },
        { left: [line('总计', 0, income(s.current + nonFiscal + carryTotal))], right: [line('总计', 0, spendTotal)], kind: 'total' },
      ]),
    ];
  }

  const left: Line[] = [
    line('一、一般公共预算拨款收入', 0, income(m(i.gpb))),
    line('其中：中央转移支付收入', 1, income(m(i.gpbCentral))),
    line('二、政府性基金预算拨款收入', 0, income(m(i.gfb))),
    line('其中：中央转移支付收入', 1, income(m(i.gfbCentral))),
    line('三、国有资本经营预算拨款收入', 0, income(m(i.scob))),
    line('其中：中央转移支付收入', 1, income(m(i.scobCentral))),
    line('四、财政专户管理资金收入', 0, income(m(i.specialAccount))),
    line('五、单位资金收入', 0, income(s.unitFunds)),
    line('其中：事业收入', 1, income(m(i.business))),
    line('事业单位经营收入', 1, income(m(i.operating))),
    line('上级补助收入', 1, income(m(i.superior))),
    line('附属单位上缴收入', 1, income(m(i.affiliated))),
    line('其他收入', 1, income(m(i.other))),
  ];
  const spendTotal = spread(keys, (k) => exp(groupOf(k, 'all')) + (k === 'total' ? cfTotal : carryforward[k as FundSource]));
  return [
    twoSided(ctx, spec, keys, [
      { left, right },
      { left: [line('本年收入小计', 0, income(s.current))], right: [current], kind: 'subtotal' },
      {
        left: [line('上年结转数', 0, income(carryTotal)), ...sources.map((f) => line(SOURCE_ZH[f], 1, income(s.carry[f])))],
        right: [line('结转下年', 0, cfAll), ...sources.map((f) => line(SOURCE_ZH[f], 1, cfValue(f)))],
      },
      { left: [line('收入总计', 0, income(s.current + carryTotal))], right: [line('支出总计', 0, spendTotal)], kind: 'total' },
    ]),
  ];
}

export function fiscalSummaryBuilder(ctx: BuildContext, spec: ProfileTable): TableDraft[] {
  const final = isFinal(ctx.doc, ctx.kind);
  const keys = pickColumns(ctx, spec, FISCAL_KEYS, final ? FISCAL_KEYS : ['total']) as RightKey[];
  const s = sourcesOf(ctx);
  const { m, i } = s;
  const carryforward = carryforwardOf(ctx);
  const exp = (group: FundGroup, prefix = '') => expenditureAggregate(ctx.d, group, prefix).total;
  const fiscalFunds: FundSource[] = ['gpb', 'gfb', 'scob'];
  const classLines = (numbered: (n: number) => string, indent: number) =>
    classes(ctx, 'fiscal').map((cls, n) => line(`${numbered(n + 1)}${functionLabel(ctx, cls, undefined)}`, indent, spread(keys, (k) => exp(groupOf(k, 'fiscal'), cls))));
  const spending = spread(keys, (k) => exp(groupOf(k, 'fiscal')));
  const cfFiscal = carryforward.gpb + carryforward.gfb + carryforward.scob;
  const cfAll = spread(keys, (k) => (k === 'total' ? cfFiscal : carryforward[k as FundSource]));
  const cfValue = (f: FundSource) => spread(keys, (k) => (k === 'total' || k === f ? carryforward[f] : 0));
  const carryFiscal = s.carry.gpb + s.carry.gfb + s.carry.scob;
  const income = (v: Fen) => ({ total: v });
  const spendTotal = spread(keys, (k) => exp(groupOf(k, 'fiscal')) + (k === 'total' ? cfFiscal : carryforward[k as FundSource]));
  const incomeTotal = income(s.fiscal + carryFiscal);

  if (final) {
    return [
      twoSided(ctx, spec, keys, [
        {
          left: [
            line('一、一般公共预算财政拨款', 0, income(m(i.gpb))),
            line('二、政府性基金预算财政拨款', 0, income(m(i.gfb))),
            line('三、国有资本经营预算财政拨款', 0, income(m(i.scob))),
          ],
          right: classLines((n) => `${zhNumber(n)}、`, 0),
        },
        { left: [line('本年收入合计', 0, income(s.fiscal))], right: [line('本年支出合计', 0, spending)], kind: 'subtotal' },
        {
          left: [
            line('年初财政拨款结转和结余', 0, income(carryFiscal)),
            ...fiscalFunds.map((f) => line(`${SOURCE_ZH[f]}财政拨款`, 1, income(s.carry[f]))),
          ],
          right: [line('年末财政拨款结转和结余', 0, cfAll), ...fiscalFunds.map((f) => line(`${SOURCE_ZH[f]}财政拨款`, 1, cfValue(f)))],
        },
        { left: [line('总计', 0, incomeTotal)], right: [line('总计', 0, spendTotal)], kind: 'total' },
      ]),
    ];
  }

  const lines = (f: 'gpb' | 'gfb') => (i[`${f}Lines`] ?? []).map((l) => line(l.label, 2, income(m(l.amount))));
  return [
    twoSided(ctx, spec, keys, [
      {
        left: [
          line('一、本年收入', 0, income(s.fiscal)),
          line('（一）一般公共预算拨款', 1, income(m(i.gpb))),
          ...lines('gpb'),
          line('（二）政府性基金预算拨款', 1, income(m(i.gfb))),
          ...lines('gfb'),
          line('（三）国有资本经营预算拨款', 1, income(m(i.scob))),
          line('二、上年结转', 0, income(carryFiscal)),
          line('（一）一般公共预算拨款', 1, income(s.carry.gpb)),
          line('（二）政府性基金预算拨款', 1, income(s.carry.gfb)),
          line('（三）国有资本经营预算拨款', 1, income(s.carry.scob)),
        ],
        right: [
          line('一、本年支出', 0, spending),
          ...classLines((n) => `（${zhNumber(n)}）`, 1),
          line('二、年终结转结余', 0, cfAll),
          line('（一）一般公共预算结转结余', 1, cfValue('gpb')),
          line('（二）政府性基金预算结转结余', 1, cfValue('gfb')),
          line('（三）国有资本经营预算结转结余', 1, cfValue('scob')),
        ],
      },
      { left: [line('收入总计', 0, incomeTotal)], right: [line('支出总计', 0, spendTotal)], kind: 'total' },
    ]),
  ];
}
