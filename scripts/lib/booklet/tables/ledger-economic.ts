/**
 * Tables classified by 经济分类 (一般公共预算基本支出表, 河南 支出经济分类汇总表) and the
 * “三公”经费表.
 *
 * 经济分类 rows: the 款 (5-digit) rows are data; 类 rows and 合计 are their sums
 * (economicLeafTotal from derive.ts: 人员 + 公用 where given, else the row's 合计), so a
 * printed 类 row that differs is not reprinted.
 */
import type { ProfileTable } from '../../model/profile.ts';
import type { EconomicRow, FundSource, ThreePublic } from '../../model/schema.ts';
import { economicLeafTotal } from '../../check/derive.ts';
import type { Fen } from '../../model/money.ts';
import { BookletError, economicLabel, type BuildContext } from '../context.ts';
import type { Cell, Row } from '../model.ts';
import type { TableDraft } from './index.ts';
import { amountCell, buildHead, draft, nameCell, pickColumns, row, tableZh, textCell, type ColumnHead, type Maybe } from './ledger-common.ts';

type Scheme = 'department' | 'government';

interface EcoValues {
  total: Fen;
  personnel: Fen;
  public: Fen;
  byFund: Record<FundSource, Fen>;
}

const FUNDS: readonly FundSource[] = ['gpb', 'gfb', 'scob', 'specialAccount', 'unitFunds'];

function zeroFunds(): Record<FundSource, Fen> {
  return { gpb: 0, gfb: 0, scob: 0, specialAccount: 0, unitFunds: 0 };
}

function ecoValues(ctx: BuildContext, r: EconomicRow): EcoValues {
  const m = ctx.d.money;
  const total = economicLeafTotal(r, m);
  const byFund = zeroFunds();
  byFund[r.fund] = total;
  return { total, personnel: m(r.personnel), public: m(r.public), byFund };
}

function addEco(a: EcoValues, b: EcoValues): EcoValues {
  const byFund = zeroFunds();
  for (const f of FUNDS) byFund[f] = a.byFund[f] + b.byFund[f];
  return { total: a.total + b.total, personnel: a.personnel + b.personnel, public: a.public + b.public, byFund };
}

type EcoKey = 'total' | 'personnel' | 'public' | FundSource;
const ECO_KEYS: readonly EcoKey[] = ['total', 'personnel', 'public', ...FUNDS];
const ECO_LABELS: Record<EcoKey, string> = {
  total: '合计',
  personnel: '人员经费',
  public: '公用经费',
  gpb: '一般公共预算',
  gfb: '政府性基金预算',
  scob: '国有资本经营预算',
  specialAccount: '财政专户管理资金',
  unitFunds: '单位资金',
};

function ecoValue(v: EcoValues, k: EcoKey): Fen {
  if (k === 'total' || k === 'personnel' || k === 'public') return v[k];
  return v.byFund[k];
}

interface EcoTable {
  funds: ReadonlySet<FundSource> | 'all';
  defaults: readonly EcoKey[];
  /** Heading above the amount columns, by kind ("本年一般公共预算基本支出"). */
  amountGroup?: { budget?: string; final?: string };
}

function economicTable(t: EcoTable) {
  return (ctx: BuildContext, spec: ProfileTable): TableDraft[] => {
    const keys = pickColumns(ctx, spec, ECO_KEYS, t.defaults) as EcoKey[];
    const group = ctx.kind === 'final' ? t.amountGroup?.final : t.amountGroup?.budget;
    const amountCols: ColumnHead[] = keys.map((k) => ({ path: group ? [group, ECO_LABELS[k]] : [ECO_LABELS[k]] }));
    const split = spec.codeColumns === 'split';
    const depth = group ? 2 : 1;
    const under = (label: string) => (split ? ['科目编码', label] : depth > 1 ? ['部门预算支出经济分类科目', label] : [label]);
    const lead: ColumnHead[] = split ? [{ path: under('类') }, { path: under('款') }, { path: ['科目名称'] }] : [{ path: under('科目编码') }, { path: under('科目名称') }];
    const head = buildHead([...lead, ...amountCols]);

    const leaves = ctx.doc.economic.filter((r) => r.code.length === 5 && (t.funds === 'all' || t.funds.has(r.fund)));
    const amounts = (v: EcoValues): Cell[] => keys.map((k) => amountCell(ctx, ecoValue(v, k)));
    const codeCells = (code: string): Cell[] => (split ? [textCell(code.slice(0, 3), 'code'), textCell(code.slice(3, 5), 'code')] : [textCell(code, 'code')]);
    const printed = new Map<string, string>();
    for (const r of ctx.doc.economic) if (r.name) printed.set(`${r.scheme ?? 'department'}|${r.code}`, r.name);
    const label = (scheme: Scheme, code: string) => economicLabel(ctx, code, scheme, printed.get(`${scheme}|${code}`));

    const body: Row[] = [];
    if (leaves.length > 0) {
      let all: EcoValues | undefined;
      const items: Row[] = [];
      for (const scheme of ['department', 'government'] as const) {
        const rows = leaves.filter((r) => (r.scheme ?? 'department') === scheme);
        const byCode = new Map<string, EcoValues>();
        for (const r of rows) {
          const v = ecoValues(ctx, r);
          const prev = byCode.get(r.code);
          byCode.set(r.code, prev ? addEco(prev, v) : v);
          all = all ? addEco(all, v) : v;
        }
        const codes = [...byCode.keys()].sort();
        for (const cls of [...new Set(codes.map((c) => c.slice(0, 3)))]) {
          const kuans = codes.filter((c) => c.startsWith(cls));
          const clsValues = kuans.map((c) => byCode.get(c)!).reduce(addEco);
          items.push(row('subtotal', [...codeCells(cls), nameCell(label(scheme, cls), 0), ...amounts(clsValues)]));
          for (const kuan of kuans) items.push(row('item', [...codeCells(kuan), nameCell(label(scheme, kuan), 1), ...amounts(byCode.get(kuan)!)]));
        }
      }
      const total = row('total', [...codeCells(''), nameCell('合计', 0), ...amounts(all!)]);
      if (ctx.kind === 'final' || split) body.push(total, ...items);
      else body.push(...items, total);
    }
    return [draft(ctx, spec, { shape: 'ledger', head, body, amountColumns: keys.length })];
  };
}

const gpbBasicColumns = economicTable({
  funds: new Set(['gpb']),
  defaults: ['total', 'personnel', 'public'],
  amountGroup: { budget: '本年一般公共预算基本支出' },
});

export function gpbBasicBuilder(ctx: BuildContext, spec: ProfileTable): TableDraft[] {
  return spec.panels ? [panelTable(ctx, spec, spec.panels)] : gpbBasicColumns(ctx, spec);
}

/**
 * The 基本支出表 in side-by-side panels (Shanghai's 决算 template: 人员经费 | 公用经费): each
 * panel lists the profile's 经济分类 codes in its order — a 类 row is the sum of its 款 — with
 * one amount each, padded with blank rows to the longest panel; the last row carries each
 * panel's total. A 款 of the data that no panel lists would go unprinted: that is an error.
 */
function panelTable(ctx: BuildContext, spec: ProfileTable, panels: NonNullable<ProfileTable['panels']>): TableDraft {
  if (spec.columns !== undefined) throw new BookletError(`表式 ${ctx.profileId} 中“${tableZh(spec.id)}”（${spec.id}）分栏印出（panels），不能再列 columns`);
  const leaves = ctx.doc.economic.filter((r) => r.code.length === 5 && r.fund === 'gpb' && (r.scheme ?? 'department') === 'department');
  const listed = new Set(panels.flatMap((p) => p.codes));
  const missing = [...new Set(leaves.map((r) => r.code).filter((c) => !listed.has(c)))].sort();
  if (missing.length) {
    throw new BookletError(
      `表式 ${ctx.profileId} 中“${tableZh(spec.id)}”（${spec.id}）的分栏（panels）没有列出数据中的经济分类科目 ${missing.map((c) => `${c} ${economicLabel(ctx, c)}`).join('、')}，这些金额会漏印；请在表式中加上`,
    );
  }
  const amountOf = (code: string): Fen => leaves.filter((r) => r.code.startsWith(code)).reduce((a, r) => a + economicLeafTotal(r, ctx.d.money), 0);
  const printed = new Map<string, string>();
  for (const r of ctx.doc.economic) if (r.name && (r.scheme ?? 'department') === 'department') printed.set(r.code, r.name);
  const amountHead = ctx.kind === 'final' ? '决算数' : '预算数';
  const head = buildHead(panels.flatMap(() => [{ path: ['经济分类科目编码'] }, { path: ['科目名称'] }, { path: [amountHead] }]));
  const body: Row[] = [];
  if (leaves.length > 0) {
    const depth = Math.max(...panels.map((p) => p.codes.length));
    for (let i = 0; i < depth; i++) {
      const cells = panels.flatMap((p): Cell[] => {
        const code = p.codes[i];
        if (code === undefined) return [textCell('', 'code'), textCell(''), textCell('')];
        return [textCell(code, 'code'), nameCell(economicLabel(ctx, code, 'department', printed.get(code)), code.length === 3 ? 0 : 1), amountCell(ctx, amountOf(code))];
      });
      body.push(row('item', cells));
    }
    const totals = panels.flatMap((p): Cell[] => {
      const sum = p.codes.filter((c) => c.length === 5 || !p.codes.some((k) => k.length === 5 && k.startsWith(c))).reduce((a, c) => a + amountOf(c), 0);
      return [{ ...nameCell(p.total, 0), colspan: 2 }, amountCell(ctx, sum)];
    });
    body.push(row('total', totals));
  }
  return draft(ctx, spec, { shape: 'ledger', head, body, amountColumns: panels.length });
}

export const economicSummaryBuilder = economicTable({
  funds: 'all',
  defaults: ['total', 'gpb', 'gfb', 'scob', 'specialAccount', 'unitFunds'],
});

// ---------------------------------------------------------------- “三公”经费

type ItemKey = 'total' | 'abroad' | 'vehicle' | 'vehiclePurchase' | 'vehicleOperation' | 'reception';
type SeriesKey = 'amount' | 'budget';
const ITEM_KEYS: readonly ItemKey[] = ['total', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleOperation', 'reception'];
const SERIES_KEYS: readonly SeriesKey[] = ['amount', 'budget'];
const ITEM_LABELS: Record<ItemKey, string> = {
  total: '合计',
  abroad: '因公出国（境）费',
  vehicle: '小计',
  vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行维护费',
  reception: '公务接待费',
};
const VEHICLE_GROUP = '公务用车购置及运行费';

type Amounts = ThreePublic['amounts'];

function itemValue(ctx: BuildContext, a: Amounts | undefined, k: ItemKey): Maybe {
  if (!a) return null;
  const m = ctx.d.money;
  const abroad = m(a.abroad), purchase = m(a.vehiclePurchase), operation = m(a.vehicleOperation), reception = m(a.reception);
  switch (k) {
    case 'total':
      return abroad + purchase + operation + reception;
    case 'abroad':
      return abroad;
    case 'vehicle':
      return purchase + operation;
    case 'vehiclePurchase':
      return purchase;
    case 'vehicleOperation':
      return operation;
    case 'reception':
      return reception;
  }
}

/**
 * Two layouts, chosen by the profile's column keys:
 * - item keys (total, abroad, vehicle, …): one column per item, one data row; a 决算
 *   prints 预算数 and 决算数 as two column groups (national 公开07表).
 * - series keys (amount, budget): one row per item, one column per series (Henan 预算8表).
 */
export function threePublicBuilder(ctx: BuildContext, spec: ProfileTable): TableDraft[] {
  const t = ctx.doc.threePublic;
  const seriesLayout = spec.columns !== undefined && spec.columns.length > 0 && spec.columns.every((k) => (SERIES_KEYS as readonly string[]).includes(k));
  const seriesZh = (s: SeriesKey) => (s === 'budget' ? '预算数' : ctx.kind === 'final' ? '决算数' : '预算数');
  const seriesAmounts = (s: SeriesKey): Amounts | undefined => (t ? (s === 'budget' ? t.budget : t.amounts) : undefined);

  if (seriesLayout) {
    const series = pickColumns(ctx, spec, SERIES_KEYS, ['amount']) as SeriesKey[];
    const head = buildHead([{ path: ['项目'] }, ...series.map((s) => ({ path: [`${ctx.file.year}年“三公”经费${seriesZh(s)}`] }))]);
    const lines: Array<[ItemKey, string, number, Row['kind']]> = [
      ['total', '共计', 0, 'total'],
      ['abroad', '1、因公出国（境）费用', 0, 'item'],
      ['reception', '2、公务接待费', 0, 'item'],
      ['vehicle', '3、公务用车费', 0, 'item'],
      ['vehicleOperation', '其中：（1）公务用车运行维护费', 1, 'item'],
      ['vehiclePurchase', '（2）公务用车购置', 1, 'item'],
    ];
    const body = t ? lines.map(([k, label, indent, kind]) => row(kind, [nameCell(label, indent), ...series.map((s) => amountCell(ctx, itemValue(ctx, seriesAmounts(s), k)))])) : [];
    return [draft(ctx, spec, { shape: 'ledger', head, body, amountColumns: series.length })];
  }

  const picked = pickColumns(ctx, spec, [...ITEM_KEYS, 'operatingCost'], ITEM_KEYS);
  const items = picked.filter((k) => k !== 'operatingCost') as ItemKey[];
  // 机关运行经费 beside the 三公 items (Shanghai's 「“三公”经费和机关运行经费预算表」): the 三公 columns
  // then stand under one “三公”经费 group.
  const withOperating = picked.includes('operatingCost');
  const hasVehicleGroup = items.some((k) => k === 'vehicle' || k === 'vehiclePurchase' || k === 'vehicleOperation');
  const itemPath = (k: ItemKey): string[] => {
    if (k === 'vehicle') return items.includes('vehiclePurchase') || items.includes('vehicleOperation') ? [VEHICLE_GROUP, '小计'] : [VEHICLE_GROUP];
    if ((k === 'vehiclePurchase' || k === 'vehicleOperation') && hasVehicleGroup) return [VEHICLE_GROUP, ITEM_LABELS[k]];
    return [ITEM_LABELS[k]];
  };
  const series: SeriesKey[] = ctx.kind === 'final' ? ['budget', 'amount'] : ['amount'];
  const grouped = series.length > 1;
  const operatingValue = (s: SeriesKey): Maybe => (s === 'amount' && ctx.doc.operatingCost !== null ? ctx.d.money(ctx.doc.operatingCost) : null);
  const columns: ColumnHead[] = series.flatMap((s) =>
    picked.map((k): ColumnHead => {
      if (k === 'operatingCost') return { path: grouped ? [seriesZh(s), '机关运行经费'] : [`机关运行经费${seriesZh(s)}`] };
      const path = itemPath(k as ItemKey);
      if (grouped) return { path: [seriesZh(s), ...(withOperating ? ['“三公”经费'] : []), ...path] };
      return { path: withOperating ? [`“三公”经费${seriesZh(s)}`, ...path] : path };
    }),
  );
  const head = buildHead(columns);
  const cellOf = (s: SeriesKey, k: string) => amountCell(ctx, k === 'operatingCost' ? operatingValue(s) : itemValue(ctx, seriesAmounts(s), k as ItemKey));
  const body = t ? [row('item', series.flatMap((s) => picked.map((k) => cellOf(s, k))))] : [];
  return [draft(ctx, spec, { shape: 'ledger', head, body, amountColumns: columns.length })];
}
