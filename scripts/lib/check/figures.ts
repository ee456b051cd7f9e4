/**
 * The figure registry: every number the 说明 text may state, by its key in
 * `figures` (docs/figures.md), with how to derive it and the denominator its 占比
 * is taken of. `check` and the 说明 generator both use this one table.
 */
import type { AnyDocument, DocumentKind } from '../model/schema.ts';
import {
  economicAggregate,
  expenditureAggregate,
  isBudget,
  isFinal,
  type Derived,
  type FundGroup,
  type Maybe,
} from './derive.ts';
import type { Fen } from '../model/money.ts';

export interface FigureValue {
  value: Maybe;
  /** Number of printed summands behind the value (rounding tolerance). */
  count: number;
  /** 年初预算 for 决算 lines, where known. */
  budget?: Maybe;
  /** 全年预算 (the adjusted budget) for 决算 lines, where known. */
  adjusted?: Maybe;
}

export interface FigureDef {
  label: string;
  denominator?: string;
  /** Other denominators a booklet may have used by mistake, to name in the message. */
  alternatives?: string[];
  value(doc: AnyDocument, d: Derived, kind: DocumentKind): FigureValue;
}

const one = (value: Maybe, count = 1): FigureValue => ({ value, count });

function incomeParts(doc: AnyDocument, d: Derived) {
  const m = d.money;
  const i = doc.income;
  const unitFunds = m(i.business) + m(i.operating) + m(i.superior) + m(i.affiliated) + m(i.other);
  const fiscal = m(i.gpb) + m(i.gfb) + m(i.scob);
  const current = fiscal + m(i.specialAccount) + unitFunds;
  const c = i.carryover;
  const carryover = m(c.gpb) + m(c.gfb) + m(c.scob) + m(c.specialAccount) + m(c.unitFunds);
  const fiscalCarryover = m(c.gpb) + m(c.gfb) + m(c.scob);
  return { unitFunds, fiscal, current, carryover, fiscalCarryover, total: current + carryover + m(i.nonFiscalBalanceUsed) };
}

function carryforward(doc: AnyDocument, d: Derived, kind: DocumentKind): Fen {
  const m = d.money;
  if (isFinal(doc, kind)) {
    const c = doc.balances.closing;
    return m(c.gpb) + m(c.gfb) + m(c.scob) + m(c.specialAccount) + m(c.unitFunds);
  }
  if (isBudget(doc, kind) && doc.carryforward) {
    const c = doc.carryforward;
    return m(c.gpb) + m(c.gfb) + m(c.scob) + m(c.specialAccount) + m(c.unitFunds);
  }
  return 0;
}

function expenditureFigure(group: FundGroup, column: 'total' | 'basic' | 'project' | 'personnel' | 'public' | 'operating' | 'toSuperior' | 'toAffiliated', prefix = '') {
  return (_doc: AnyDocument, d: Derived): FigureValue => {
    const agg = expenditureAggregate(d, group, prefix);
    return { value: agg[column], count: Math.max(agg.count, 1), budget: column === 'total' ? agg.budget : null, adjusted: column === 'total' ? agg.adjusted : null };
  };
}

const ZH_GROUP: Record<string, string> = {
  gpb: '一般公共预算',
  gfb: '政府性基金预算',
  scob: '国有资本经营预算',
  fiscal: '财政拨款',
  expenditure: '',
};

const fixed: Record<string, FigureDef> = {
  'income.total': { label: '收入总计', value: (doc, d) => one(incomeParts(doc, d).total) },
  'income.current': { label: '本年收入合计', value: (doc, d) => one(incomeParts(doc, d).current) },
  'income.carryover': { label: '上年结转（年初结转和结余）', denominator: 'income.total', value: (doc, d) => one(incomeParts(doc, d).carryover) },
  'income.fiscal': { label: '财政拨款收入', denominator: 'income.current', alternatives: ['income.total'], value: (doc, d) => one(incomeParts(doc, d).fiscal) },
  'income.unitFunds': { label: '单位资金收入', denominator: 'income.current', alternatives: ['income.total'], value: (doc, d) => one(incomeParts(doc, d).unitFunds) },
  'expenditure.total': {
    label: '支出总计',
    value: (doc, d, kind) => {
      const agg = expenditureAggregate(d, 'all');
      const surplus = isFinal(doc, kind) ? d.money(doc.balances.surplusAllocation) : 0;
      return { value: agg.total + carryforward(doc, d, kind) + surplus, count: Math.max(agg.count, 1) };
    },
  },
  'expenditure.current': { label: '本年支出合计', value: expenditureFigure('all', 'total') },
  'expenditure.carryforward': { label: '结转下年（年末结转和结余）', value: (doc, d, kind) => one(carryforward(doc, d, kind)) },
  'fiscal.total': {
    label: '财政拨款收支总计',
    value: (doc, d) => {
      const p = incomeParts(doc, d);
      return one(p.fiscal + p.fiscalCarryover);
    },
  },
  'fiscal.expenditure': { label: '财政拨款支出', denominator: 'expenditure.current', value: expenditureFigure('fiscal', 'total') },
  'fiscal.current': { label: '本年财政拨款', denominator: 'fiscal.total', value: (doc, d) => one(incomeParts(doc, d).fiscal) },
  'fiscal.carryover': { label: '财政拨款上年结转', denominator: 'fiscal.total', value: (doc, d) => one(incomeParts(doc, d).fiscalCarryover) },
  'projects.total': { label: '项目支出表合计', value: (_doc, d) => ({ value: d.projectTotals.reduce((a, b) => a + b, 0), count: Math.max(d.projectTotals.length, 1) }) },
  'purchasedServices.total': {
    label: '政府购买服务支出',
    value: (doc, d) => one((doc.purchasedServices ?? []).reduce((a, s) => a + d.money(s.amount), 0), Math.max(doc.purchasedServices?.length ?? 0, 1)),
  },
  operatingCost: { label: '机关运行经费', value: (doc, d) => one(doc.operatingCost === null ? null : d.money(doc.operatingCost)) },
};

for (const [field, label] of [
  ['gpb', '一般公共预算拨款收入'],
  ['gfb', '政府性基金预算拨款收入'],
  ['scob', '国有资本经营预算拨款收入'],
  ['specialAccount', '财政专户管理资金收入'],
  ['business', '事业收入'],
  ['operating', '事业单位经营收入'],
  ['superior', '上级补助收入'],
  ['affiliated', '附属单位上缴收入'],
  ['other', '其他收入'],
  ['nonFiscalBalanceUsed', '使用非财政拨款结余'],
] as const) {
  fixed[`income.${field}`] = {
    label,
    denominator: 'income.current',
    alternatives: ['income.total'],
    value: (doc, d) => one(d.money(doc.income[field])),
  };
}

for (const [column, label] of [
  ['basic', '基本支出'],
  ['project', '项目支出'],
  ['operating', '事业单位经营支出'],
  ['toSuperior', '上缴上级支出'],
  ['toAffiliated', '对附属单位补助支出'],
] as const) {
  fixed[`expenditure.${column}`] = { label, denominator: 'expenditure.current', alternatives: ['expenditure.total'], value: expenditureFigure('all', column) };
}
fixed['expenditure.personnel'] = { label: '人员经费', denominator: 'expenditure.basic', value: expenditureFigure('all', 'personnel') };
fixed['expenditure.public'] = { label: '公用经费', denominator: 'expenditure.basic', value: expenditureFigure('all', 'public') };

for (const fund of ['gpb', 'gfb', 'scob'] as const) {
  const z = ZH_GROUP[fund];
  fixed[`${fund}.total`] = { label: `${z}支出`, denominator: 'expenditure.current', value: expenditureFigure(fund, 'total') };
  fixed[`${fund}.basic`] = { label: `${z}基本支出`, denominator: `${fund}.total`, value: expenditureFigure(fund, 'basic') };
  fixed[`${fund}.project`] = { label: `${z}项目支出`, denominator: `${fund}.total`, value: expenditureFigure(fund, 'project') };
  fixed[`${fund}.personnel`] = { label: `${z}人员经费`, denominator: `${fund}.basic`, value: expenditureFigure(fund, 'personnel') };
  fixed[`${fund}.public`] = { label: `${z}公用经费`, denominator: `${fund}.basic`, value: expenditureFigure(fund, 'public') };
}

const projectFund = (fields: Array<'gpb' | 'gfb' | 'scob' | 'carryGpb' | 'carryGfb' | 'carryScob' | 'specialAccount' | 'unitFunds'>) =>
  (doc: AnyDocument, d: Derived) => one(doc.projects.reduce((a, p) => a + fields.reduce((s, f) => s + d.money(p.funds[f]), 0), 0), Math.max(doc.projects.length, 1));
fixed['projects.gpb'] = { label: '项目支出：一般公共预算拨款', denominator: 'projects.total', value: projectFund(['gpb']) };
fixed['projects.gfb'] = { label: '项目支出：政府性基金预算拨款', denominator: 'projects.total', value: projectFund(['gfb']) };
fixed['projects.scob'] = { label: '项目支出：国有资本经营预算拨款', denominator: 'projects.total', value: projectFund(['scob']) };
fixed['projects.carryover'] = { label: '项目支出：财政拨款结转结余', denominator: 'projects.total', value: projectFund(['carryGpb', 'carryGfb', 'carryScob']) };
fixed['projects.specialAccount'] = { label: '项目支出：财政专户管理资金', denominator: 'projects.total', value: projectFund(['specialAccount']) };
fixed['projects.unitFunds'] = { label: '项目支出：单位资金', denominator: 'projects.total', value: projectFund(['unitFunds']) };

function procurementTotals(doc: AnyDocument, d: Derived) {
  const p = doc.procurement;
  const m = d.money;
  if (!p) return null;
  if (p.items.length === 0) {
    const goods = m(p.goods), works = m(p.works), services = m(p.services);
    return { total: goods + works + services, goods, works, services, count: 3, byFund: null };
  }
  const by = (c: string) => p.items.reduce((a, it, i) => a + (it.category === c ? d.procurementItemTotals[i]! : 0), 0);
  const fund = (f: 'gpb' | 'gfb' | 'scob' | 'specialAccount' | 'unitFunds') => p.items.reduce((a, it) => a + m(it[f]), 0);
  return {
    total: d.procurementItemTotals.reduce((a, b) => a + b, 0),
    goods: by('goods'),
    works: by('works'),
    services: by('services'),
    count: p.items.length,
    byFund: { gpb: fund('gpb'), gfb: fund('gfb'), scob: fund('scob'), specialAccount: fund('specialAccount'), unitFunds: fund('unitFunds') },
  };
}

fixed['procurement.total'] = { label: '政府采购支出', value: (doc, d) => { const t = procurementTotals(doc, d); return one(t ? t.total : null, t?.count ?? 1); } };
for (const [k, label] of [['goods', '政府采购货物'], ['works', '政府采购工程'], ['services', '政府采购服务']] as const) {
  fixed[`procurement.${k}`] = { label, denominator: 'procurement.total', value: (doc, d) => { const t = procurementTotals(doc, d); return one(t ? t[k] : null, t?.count ?? 1); } };
}
for (const [k, label] of [['gpb', '政府采购：一般公共预算'], ['gfb', '政府采购：政府性基金预算'], ['scob', '政府采购：国有资本经营预算'], ['specialAccount', '政府采购：财政专户管理资金'], ['unitFunds', '政府采购：单位资金']] as const) {
  fixed[`procurement.${k}`] = { label, denominator: 'procurement.total', value: (doc, d) => { const t = procurementTotals(doc, d); return one(t?.byFund ? t.byFund[k] : null, t?.count ?? 1); } };
}
fixed['procurement.sme'] = { label: '授予中小企业合同金额', denominator: 'procurement.total', value: (doc, d) => one(doc.procurement?.sme === undefined ? null : d.money(doc.procurement.sme)) };
fixed['procurement.smeReserved'] = { label: '面向中小企业预留政府采购项目预算金额', denominator: 'procurement.total', value: (doc, d) => one(doc.procurement?.smeReserved === undefined ? null : d.money(doc.procurement.smeReserved)) };
fixed['procurement.smeReservedSmallMicro'] = {
  label: '预留给小型和微型企业的政府采购项目预算金额',
  denominator: 'procurement.smeReserved',
  value: (doc, d) => one(doc.procurement?.smeReservedSmallMicro === undefined ? null : d.money(doc.procurement.smeReservedSmallMicro)),
};
fixed['procurement.smallMicro'] = { label: '授予小微企业合同金额', denominator: 'procurement.sme', value: (doc, d) => one(doc.procurement?.smallMicro === undefined ? null : d.money(doc.procurement.smallMicro)) };

function threePublic(doc: AnyDocument, d: Derived) {
  const t = doc.threePublic;
  if (!t) return null;
  const m = d.money;
  const a = t.amounts;
  const b = t.budget;
  const adj = t.adjusted;
  const abroad = m(a.abroad), purchase = m(a.vehiclePurchase), operation = m(a.vehicleOperation), reception = m(a.reception);
  const split = (x: typeof b) => (x ? { abroad: m(x.abroad), purchase: m(x.vehiclePurchase), operation: m(x.vehicleOperation), reception: m(x.reception) } : null);
  const bud = split(b);
  const ad = split(adj);
  const line = (value: Fen, pick: (x: NonNullable<typeof bud>) => Fen): [Fen, Maybe, Maybe] => [value, bud ? pick(bud) : null, ad ? pick(ad) : null];
  return {
    abroad: line(abroad, (x) => x.abroad),
    vehiclePurchase: line(purchase, (x) => x.purchase),
    vehicleOperation: line(operation, (x) => x.operation),
    reception: line(reception, (x) => x.reception),
    vehicle: line(purchase + operation, (x) => x.purchase + x.operation),
    total: line(abroad + purchase + operation + reception, (x) => x.abroad + x.purchase + x.operation + x.reception),
  } as Record<string, [Fen, Maybe, Maybe]>;
}
for (const [k, label, den] of [
  ['total', '“三公”经费', undefined],
  ['abroad', '因公出国（境）费', 'threePublic.total'],
  ['reception', '公务接待费', 'threePublic.total'],
  ['vehicle', '公务用车购置及运行费', 'threePublic.total'],
  ['vehiclePurchase', '公务用车购置费', 'threePublic.vehicle'],
  ['vehicleOperation', '公务用车运行维护费', 'threePublic.vehicle'],
] as const) {
  fixed[`threePublic.${k}`] = {
    label,
    ...(den ? { denominator: den } : {}),
    value: (doc, d) => {
      const t = threePublic(doc, d);
      return t ? { value: t[k]![0], count: 1, budget: t[k]![1], adjusted: t[k]![2] } : one(null);
    },
  };
}

/** Keys with a code: `gpb:2101101`, `expenditure:210`, `fiscal:208`, `economic:30101`. */
function codeFigure(group: string, code: string): FigureDef | undefined {
  if (group === 'economic') {
    if (!/^\d{3}(\d{2})?$/.test(code)) return undefined;
    return {
      label: `基本支出经济科目 ${code}`,
      denominator: 'gpb.basic',
      value: (_doc, d) => {
        const agg = economicAggregate(d, 'gpb', code);
        return one(agg.total, Math.max(agg.count, 1));
      },
    };
  }
  const fundGroup = ({ expenditure: 'all', fiscal: 'fiscal', gpb: 'gpb', gfb: 'gfb', scob: 'scob' } as Record<string, FundGroup>)[group];
  if (!fundGroup || !/^\d{3}(\d{2}(\d{2})?)?$/.test(code)) return undefined;
  const denominator = group === 'expenditure' ? 'expenditure.current' : group === 'fiscal' ? 'fiscal.current' : `${group}.total`;
  return {
    label: `${ZH_GROUP[group] ?? ''}科目 ${code}`,
    denominator,
    alternatives: group === 'gpb' ? ['expenditure.current'] : [],
    value: expenditureFigure(fundGroup, 'total', code),
  };
}

// A keyed definition depends on its key alone; rules ask for the same keys many times per document
// and the same few hundred codes recur across files, so each valid one is built once.
const coded = new Map<string, FigureDef>();

export function figureDef(key: string): FigureDef | undefined {
  const colon = key.indexOf(':');
  // own keys only: "constructor" or "toString" must be an unknown key, not Object's method
  if (colon < 0) return Object.hasOwn(fixed, key) ? fixed[key] : undefined;
  let def = coded.get(key);
  if (def === undefined) {
    def = codeFigure(key.slice(0, colon), key.slice(colon + 1));
    if (def !== undefined) coded.set(key, def);
  }
  return def;
}

export function figureCode(key: string): string | undefined {
  const colon = key.indexOf(':');
  return colon < 0 ? undefined : key.slice(colon + 1);
}

export const FIXED_FIGURE_KEYS: readonly string[] = Object.keys(fixed);
