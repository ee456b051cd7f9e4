/**
 * The charts a booklet shows, each attached to the table it summarises.
 *
 *   BuildContext ─▶ plans (pure: which chart, which table, which exact 分 values)
 *                ─▶ values rounded half-up to the profile's decimals (money.ts)
 *                ─▶ charts.ts barChart / compareChart ─▶ ChartView { id, title, svg, alt }
 *
 * | id                        | table (fallback)                 | what                                      |
 * |---------------------------|----------------------------------|-------------------------------------------|
 * | chart-summary-previous    | summary                          | 收入/支出总计 and 本年合计 against last year |
 * | chart-income-sources      | income                           | income by source, with shares of 收入总计    |
 * | chart-expenditure-classes | expenditure                      | expenditure by 功能分类 类, largest first     |
 * | chart-expenditure-nature  | expenditure                      | 基本支出, 项目支出 (and 经营/上缴/补助)       |
 * | chart-gpb-classes         | gpbExpenditure, without 支出总表  | the same by 类, 一般公共预算 only             |
 * | chart-gpb-nature          | gpbExpenditure                   | the 一般公共预算 split, when it differs       |
 * |                           |                                  | from the whole or there is no 支出总表       |
 * | chart-three-public        | threePublic                      | “三公”经费 by item                          |
 * | chart-three-public-budget | threePublic                      | 决算: 年初预算数 against 决算数 by item       |
 *
 * Amounts are the derived ones (derive.ts, figures.ts), as the tables beside the charts print
 * them; a printed subtotal that differs is reported by `check`, never drawn.
 *
 * A chart with fewer than two nonzero bars says nothing a sentence would not, and is left out;
 * a comparison is shown when at least one pair is known. A chart whose table the profile does
 * not print attaches to the fallback table or is dropped.
 */
import type { TableId } from '../model/profile.ts';
import type { Figure } from '../model/schema.ts';
import { expenditureAggregate, isFinal } from '../check/derive.ts';
import { figureDef } from '../check/figures.ts';
import { formatMoney, formatPercent, type Fen } from '../model/money.ts';
import { barChart, compareChart, type ChartDatum, type ChartUnit } from './render.ts';
import { functionLabel, tableContext, type BuildContext } from '../booklet/context.ts';
import { trusted } from '../booklet/html.ts';
import { printedSubtotalNames } from '../booklet/tables/ledger-function.ts';
import type { ChartView } from '../booklet/model.ts';

export interface ChartsOptions {
  /** Shared on-disk SVG cache, e.g. `.cache/charts`. */
  cacheDir?: string;
}

/** One bar: a Chinese label and an exact amount. */
interface Bar {
  label: string;
  fen: Fen;
}

export type ChartPlan =
  | { table: TableId; id: string; title: string; type: 'bar'; bars: Bar[]; horizontal: boolean; shares: boolean }
  | { table: TableId; id: string; title: string; type: 'compare'; names: [previous: string, current: string]; pairs: Array<{ label: string; previous: Fen | null; current: Fen | null }> };

/** At most this many 类 bars; the rest are summed into one "其他N类" bar. */
export const MAX_CLASS_BARS = 8;

export async function buildCharts(ctx: BuildContext, options: ChartsOptions = {}): Promise<Partial<Record<TableId, ChartView[]>>> {
  const plans = planCharts(ctx);
  // A chart draws in the unit of the table it belongs to (a table may print its own, booklet/context.ts tableContext).
  const tableCtx = (p: ChartPlan) => {
    const spec = ctx.profile.tables.find((t) => t.id === p.table);
    return spec ? tableContext(ctx, spec) : ctx;
  };
  const views = await Promise.all(plans.map((p) => renderPlan(tableCtx(p), p, options)));
  const out: Partial<Record<TableId, ChartView[]>> = {};
  plans.forEach((p, i) => (out[p.table] ??= []).push(views[i]!));
  return out;
}

/** Which charts, on which tables, with which exact values (no rendering). */
export function planCharts(ctx: BuildContext): ChartPlan[] {
  const listed = new Set(ctx.profile.tables.map((t) => t.id));
  const plans: ChartPlan[] = [];
  const add = (plan: ChartPlan | undefined) => {
    if (plan && listed.has(plan.table) && worthDrawing(plan)) plans.push(plan);
  };
  add(summaryPlan(ctx));
  add(incomePlan(ctx));
  // The 支出总表 shows every fund; without it, the 一般公共预算支出表 is the next best.
  const expenditureTable: TableId = listed.has('expenditure') ? 'expenditure' : 'gpbExpenditure';
  const group = expenditureTable === 'expenditure' ? 'all' : 'gpb';
  add(classPlan(ctx, expenditureTable, group));
  add(naturePlan(ctx, expenditureTable, group));
  // The 一般公共预算 split on its own table, where other funds make it differ from the whole.
  if (group === 'all' && !sameBars(split(ctx, 'all'), split(ctx, 'gpb'))) add(naturePlan(ctx, 'gpbExpenditure', 'gpb'));
  add(threePublicPlan(ctx));
  add(threePublicBudgetPlan(ctx));
  return plans;
}

// ───────────────────────────── plans ─────────────────────────────

const SUMMARY_KEYS = [
  ['income.total', '收入总计'],
  ['income.current', '本年收入合计'],
  ['expenditure.total', '支出总计'],
  ['expenditure.current', '本年支出合计'],
] as const;

function summaryPlan(ctx: BuildContext): ChartPlan | undefined {
  const pairs: Array<{ label: string; previous: Fen | null; current: Fen | null }> = [];
  for (const [key, label] of SUMMARY_KEYS) {
    const previous = previousOf(ctx, ctx.doc.figures[key]);
    const current = figureDef(key)?.value(ctx.doc, ctx.d, ctx.kind).value ?? null;
    if (previous === null || current === null) continue;
    pairs.push({ label, previous, current });
  }
  if (pairs.length === 0) return undefined;
  const year = ctx.file.year;
  return {
    table: 'summary',
    id: 'chart-summary-previous',
    title: `${year}年收支${ctx.kindZh}与上年比较`,
    type: 'compare',
    names: [`${year - 1}年`, `${year}年`],
    pairs,
  };
}

function previousOf(ctx: BuildContext, figure: Figure | undefined): Fen | null {
  return figure?.previous === undefined ? null : ctx.d.money(figure.previous);
}

function incomePlan(ctx: BuildContext): ChartPlan {
  const m = ctx.d.money;
  const i = ctx.doc.income;
  const c = i.carryover;
  const final = isFinal(ctx.doc, ctx.kind);
  const bars: Bar[] = [
    { label: '一般公共预算拨款收入', fen: m(i.gpb) },
    { label: '政府性基金预算拨款收入', fen: m(i.gfb) },
    { label: '国有资本经营预算拨款收入', fen: m(i.scob) },
    { label: '财政专户管理资金收入', fen: m(i.specialAccount) },
    { label: '事业收入', fen: m(i.business) },
    { label: '事业单位经营收入', fen: m(i.operating) },
    { label: '上级补助收入', fen: m(i.superior) },
    { label: '附属单位上缴收入', fen: m(i.affiliated) },
    { label: '其他收入', fen: m(i.other) },
    { label: '使用非财政拨款结余', fen: m(i.nonFiscalBalanceUsed) },
    {
      label: final ? '年初结转和结余' : '上年结转',
      fen: m(c.gpb) + m(c.gfb) + m(c.scob) + m(c.specialAccount) + m(c.unitFunds),
    },
  ];
  return {
    table: 'income',
    id: 'chart-income-sources',
    title: `${ctx.file.year}年收入${ctx.kindZh}构成`,
    type: 'bar',
    bars: bars.filter((b) => b.fen !== 0),
    horizontal: true,
    shares: true,
  };
}

function classPlan(ctx: BuildContext, table: TableId, group: 'all' | 'gpb'): ChartPlan {
  const codes: string[] = [];
  for (const row of ctx.doc.expenditure) {
    const cls = row.code.slice(0, 3);
    if (row.code.length === 7 && (group === 'all' || row.fund === group) && !codes.includes(cls)) codes.push(cls);
  }
  const classes = codes
    .map((code) => ({ code, fen: expenditureAggregate(ctx.d, group, code).total }))
    .filter((x) => x.fen !== 0)
    .sort((a, b) => b.fen - a.fen || (a.code < b.code ? -1 : 1));
  const shown = classes.length > MAX_CLASS_BARS ? classes.slice(0, MAX_CLASS_BARS - 1) : classes;
  const names = printedSubtotalNames(ctx);
  const bars: Bar[] = uniqueLabels(shown.map((x) => ({ label: functionLabel(ctx, x.code, names.get(x.code)), fen: x.fen, code: x.code })));
  const rest = classes.slice(shown.length);
  if (rest.length) bars.push({ label: `其他${rest.length}类`, fen: rest.reduce((a, x) => a + x.fen, 0) });
  return {
    table,
    id: group === 'all' ? 'chart-expenditure-classes' : 'chart-gpb-classes',
    title: `${ctx.file.year}年${groupZh(group)}支出${ctx.kindZh}（按功能分类）`,
    type: 'bar',
    bars,
    horizontal: true,
    shares: true,
  };
}

/** Two 类 printed with the same name keep apart by their codes (charts need distinct labels). */
function uniqueLabels(bars: Array<Bar & { code: string }>): Bar[] {
  const count = new Map<string, number>();
  for (const b of bars) count.set(b.label, (count.get(b.label) ?? 0) + 1);
  return bars.map((b) => ({ label: (count.get(b.label) ?? 0) > 1 ? `${b.label}（${b.code}）` : b.label, fen: b.fen }));
}

/** 基本支出, 项目支出 and the 支出总表's other columns; null where the split is unknown. */
function split(ctx: BuildContext, group: 'all' | 'gpb'): Bar[] | null {
  const a = expenditureAggregate(ctx.d, group);
  // The split of a 项 row recorded only with its total is unknown: no chart rather than a wrong one.
  if (a.basic === null || a.project === null) return null;
  return [
    { label: '基本支出', fen: a.basic },
    { label: '项目支出', fen: a.project },
    { label: '事业单位经营支出', fen: a.operating ?? 0 },
    { label: '上缴上级支出', fen: a.toSuperior ?? 0 },
    { label: '对附属单位补助支出', fen: a.toAffiliated ?? 0 },
  ].filter((b) => b.fen !== 0);
}

function naturePlan(ctx: BuildContext, table: TableId, group: 'all' | 'gpb'): ChartPlan | undefined {
  const bars = split(ctx, group);
  if (!bars) return undefined;
  return {
    table,
    id: group === 'all' ? 'chart-expenditure-nature' : 'chart-gpb-nature',
    title: `${ctx.file.year}年${groupZh(group)}支出${ctx.kindZh}（基本支出和项目支出）`,
    type: 'bar',
    bars,
    // Two or three short labels read best as upright bars; more as rows.
    horizontal: bars.length > 3,
    shares: true,
  };
}

function sameBars(a: Bar[] | null, b: Bar[] | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function groupZh(group: 'all' | 'gpb'): string {
  return group === 'gpb' ? '一般公共预算' : '';
}

const THREE_PUBLIC_ITEMS = [
  ['abroad', '因公出国（境）费'],
  ['vehiclePurchase', '公务用车购置费'],
  ['vehicleOperation', '公务用车运行维护费'],
  ['reception', '公务接待费'],
] as const;

function threePublicPlan(ctx: BuildContext): ChartPlan | undefined {
  const t = ctx.doc.threePublic;
  if (!t) return undefined;
  const m = ctx.d.money;
  return {
    table: 'threePublic',
    id: 'chart-three-public',
    title: `${ctx.file.year}年“三公”经费${ctx.kindZh}`,
    type: 'bar',
    bars: THREE_PUBLIC_ITEMS.map(([k, label]) => ({ label, fen: m(t.amounts[k]) })).filter((b) => b.fen !== 0),
    horizontal: true,
    shares: true,
  };
}

function threePublicBudgetPlan(ctx: BuildContext): ChartPlan | undefined {
  const t = ctx.doc.threePublic;
  if (!t?.budget || !isFinal(ctx.doc, ctx.kind)) return undefined;
  const m = ctx.d.money;
  const budget = t.budget;
  const pairs = THREE_PUBLIC_ITEMS.map(([k, label]) => ({ label, previous: m(budget[k]), current: m(t.amounts[k]) })).filter(
    (p) => p.previous !== 0 || p.current !== 0,
  );
  if (pairs.length === 0) return undefined;
  return {
    table: 'threePublic',
    id: 'chart-three-public-budget',
    title: `${ctx.file.year}年“三公”经费年初预算与决算`,
    type: 'compare',
    names: ['年初预算数', '决算数'],
    pairs,
  };
}

// ───────────────────────────── rendering ─────────────────────────────

/** Skip rule: a bar chart needs two nonzero bars. */
function worthDrawing(plan: ChartPlan): boolean {
  if (plan.type === 'bar') return plan.bars.filter((b) => b.fen !== 0).length >= 2;
  return plan.pairs.length > 0;
}

async function renderPlan(ctx: BuildContext, plan: ChartPlan, options: ChartsOptions): Promise<ChartView> {
  const unit = ctx.currencyZh as ChartUnit;
  const value = (fen: Fen) => Number(formatMoney(fen, ctx.currency, ctx.decimals));
  const common = { id: plan.id, title: plan.title, unit, decimals: ctx.decimals, ...(ctx.trimZeros ? { trimZeros: true } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
  if (plan.type === 'bar') {
    const total = plan.bars.reduce((a, b) => a + b.fen, 0);
    const data: ChartDatum[] = plan.bars.map((b) => ({
      label: b.label,
      value: value(b.fen),
      ...(plan.shares && total > 0 ? { detail: `，占${formatPercent(b.fen, total, 2)}%` } : {}),
    }));
    const chart = await barChart({ ...common, data, horizontal: plan.horizontal });
    return { id: plan.id, title: plan.title, svg: trusted(chart.svg), alt: chart.alt };
  }
  const series = (name: string, pick: 'previous' | 'current') => ({
    name,
    data: plan.pairs.flatMap((p) => (p[pick] === null ? [] : [{ label: p.label, value: value(p[pick]) }])),
  });
  const chart = await compareChart({ ...common, previous: series(plan.names[0], 'previous'), current: series(plan.names[1], 'current') });
  return { id: plan.id, title: plan.title, svg: trusted(chart.svg), alt: chart.alt };
}
