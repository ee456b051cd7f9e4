/**
 * Check rules over one validated document: references, arithmetic, stated figures,
 * plausibility and completeness. Each rule pushes issues with a stable id and a
 * message from the catalogue (messages.ts). Rounding: a difference no larger than one
 * unit of the printed last decimal per summand (0.01 万元 at 2 decimals) is a notice
 * labelled as rounding; a percentage within 0.01 percentage point likewise.
 */
import type { AnyDocument, DocumentKind, ExpenditureRow, StatedFigure, UnitYearFile } from './schema.ts';
import type { Issue, Severity } from './findings.ts';
import { messages, type Text } from './messages.ts';
import {
  derive,
  economicAggregate,
  economicLeafTotal,
  expenditureAggregate,
  isBudget,
  isFinal,
  isLeafCode,
  leafValues,
  projectHasFunds,
  type Derived,
  type FundGroup,
} from './derive.ts';
import { figureCode, figureDef } from './figures.ts';
import { formatMoneyPlain, formatPercent, type Currency, type Fen } from './money.ts';
import { amountWithinRounding, percentExact, percentWithinRounding, roundingUnit as unitOf } from './tolerance.ts';
import type { ProfileKind } from './profile.ts';
import { NATIONAL_MINIMUM, tableNameZh, type TableId } from './profile.ts';
import type { Library, ReferenceFile } from './reference.ts';
import { addDays, addWorkingDays, isRealDate } from './dates.ts';

// synthetic.ts takes its dates from here.
export { addDays } from './dates.ts';

export interface DocContext {
  file: UnitYearFile;
  kind: DocumentKind;
  doc: AnyDocument;
  /** JSON pointer of the document, e.g. /documents/budget. */
  base: string;
  profileId: string;
  profile: ProfileKind | undefined;
  reference: ReferenceFile | undefined;
  currency: Currency;
  decimals: number;
  d: Derived;
  issues: Issue[];
}

const FUND_ZH: Record<string, string> = {
  gpb: '一般公共预算',
  gfb: '政府性基金预算',
  scob: '国有资本经营预算',
  specialAccount: '财政专户管理资金',
  unitFunds: '单位资金',
};

export function makeContext(file: UnitYearFile, kind: DocumentKind, lib: Library): DocContext {
  const doc = file.documents[kind]!;
  const profile = lib.profiles.get(doc.profile)?.kinds[kind];
  const currency = profile?.currency ?? 'wan';
  return {
    file,
    kind,
    doc,
    base: `/documents/${kind}`,
    profileId: doc.profile,
    profile,
    reference: lib.references.get(file.year),
    currency,
    decimals: profile?.decimals ?? 2,
    d: derive(doc, kind, currency, profile?.decimals ?? 2),
    issues: [],
  };
}

const esc = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

function push(ctx: DocContext, pointer: string, severity: Severity, rule: string, text: Text, expected?: string, found?: string): void {
  ctx.issues.push({
    pointer: ctx.base + pointer,
    severity,
    rule,
    message: text.zh,
    messageEn: text.en,
    ...(expected !== undefined ? { expected } : {}),
    ...(found !== undefined ? { found } : {}),
  });
}

const unitZh = (c: Currency) => (c === 'wan' ? '万元' : '元');
const fmt = (ctx: DocContext, fen: Fen) => formatMoneyPlain(fen, ctx.currency) + unitZh(ctx.currency);

/** One unit of the printed last decimal, in 分 (0.01 万元 = 10,000 分 at 2 decimals). */
function roundingUnit(ctx: DocContext): Fen {
  return unitOf(ctx.currency, ctx.decimals);
}

/**
 * Compares a printed amount with a derived one. Equal: nothing. Within one printed unit
 * per summand: a rounding notice. Otherwise an error under `rule`.
 */
function compareAmount(
  ctx: DocContext,
  pointer: string,
  rule: string,
  printed: Fen,
  derived: Fen,
  summands: number,
  text: (p: { printed: string; derived: string; diff: string }) => Text,
): void {
  const diff = Math.abs(printed - derived);
  if (diff === 0) return;
  const p = { printed: fmt(ctx, printed), derived: fmt(ctx, derived), diff: fmt(ctx, diff) };
  const t = text(p);
  if (amountWithinRounding(printed, derived, summands, roundingUnit(ctx))) {
    const r = messages.rounding({ base: t.zh });
    push(ctx, pointer, 'notice', 'round.amount', { zh: r.zh, en: `${t.en} (${r.en})` }, p.derived, p.printed);
  } else {
    push(ctx, pointer, 'error', rule, t, p.derived, p.printed);
  }
}

// ------------------------------------------------------------------ references

function checkReferences(ctx: DocContext, lib: Library): void {
  const { doc, file } = ctx;
  if (!ctx.profile) {
    push(ctx, '/profile', 'error', 'ref.profile-unknown', messages['ref.profile-unknown']({
      profile: doc.profile,
      kind: ctx.kind === 'budget' ? '预算' : '决算',
      known: [...lib.profiles.values()].filter((p) => p.kinds[ctx.kind]).map((p) => p.id).join('、'),
    }), undefined, doc.profile);
  }
  const ref = ctx.reference;
  if (!ref) {
    push(ctx, '', 'warning', 'ref.reference-year', messages['ref.reference-year']({ year: file.year }));
  }
  const seen = new Map<string, number>();
  doc.expenditure.forEach((row, i) => {
    const key = `${row.code}|${row.fund}|${row.unitCode ?? ''}`;
    if (seen.has(key)) {
      push(ctx, `/expenditure/${i}/code`, 'error', 'ref.duplicate-row', messages['ref.duplicate-row']({ code: row.code, fund: FUND_ZH[row.fund] ?? row.fund }));
    }
    seen.set(key, i);
    if (!ref) return;
    const official = ref.function[row.code];
    if (official === undefined) {
      push(ctx, `/expenditure/${i}/code`, 'error', 'ref.unknown-code', messages['ref.unknown-code']({ code: row.code, year: file.year, what: '功能分类' }), undefined, row.code);
    } else if (row.name !== undefined && normaliseName(row.name) !== normaliseName(official)) {
      push(ctx, `/expenditure/${i}/name`, 'warning', 'ref.name-mismatch', messages['ref.name-mismatch']({ code: row.code, printed: row.name, official, year: file.year }), official, row.name);
    }
  });
  const seenEco = new Set<string>();
  doc.economic.forEach((row, i) => {
    const scheme = row.scheme ?? 'department';
    const key = `${row.code}|${row.fund}|${scheme}`;
    if (seenEco.has(key)) {
      push(ctx, `/economic/${i}/code`, 'error', 'ref.duplicate-row', messages['ref.duplicate-row']({ code: row.code, fund: FUND_ZH[row.fund] ?? row.fund }));
    }
    seenEco.add(key);
    if (!ref) return;
    const table = scheme === 'government' ? ref.economicGovernment : ref.economicDepartment;
    const official = table[row.code];
    if (official === undefined) {
      push(ctx, `/economic/${i}/code`, 'error', 'ref.unknown-code', messages['ref.unknown-code']({ code: row.code, year: file.year, what: '经济分类' }), undefined, row.code);
    } else if (row.name !== undefined && normaliseName(row.name) !== normaliseName(official)) {
      push(ctx, `/economic/${i}/name`, 'warning', 'ref.name-mismatch', messages['ref.name-mismatch']({ code: row.code, printed: row.name, official, year: file.year }), official, row.name);
    }
  });
  for (const key of Object.keys(doc.figures)) {
    const def = figureDef(key);
    const ptr = `/figures/${esc(key)}`;
    if (!def) {
      push(ctx, ptr, 'error', 'ref.figure-key', messages['ref.figure-key']({ key }), undefined, key);
      continue;
    }
    const code = figureCode(key);
    if (code && ref) {
      const table = key.startsWith('economic:') ? ref.economicDepartment : ref.function;
      if (table[code] === undefined) {
        push(ctx, ptr, 'error', 'ref.unknown-code', messages['ref.unknown-code']({ code, year: file.year, what: key.startsWith('economic:') ? '经济分类' : '功能分类' }), undefined, code);
      }
    }
  }
  // A project's unit must be one of the department's units (or the unit itself).
  const names = knownUnitNames(file);
  doc.projects.forEach((p, i) => {
    if (!names.includes(p.unit)) {
      push(ctx, `/projects/${i}/unit`, 'error', 'ref.project-unit', messages['ref.project-unit']({ unit: p.unit, known: names.join('、') }), names.join('、'), p.unit);
    }
  });
}

/** Full-width and half-width brackets and spaces are the same name. */
function normaliseName(name: string): string {
  return name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

function knownUnitNames(file: UnitYearFile): string[] {
  const names = [file.unit.name, ...(file.unit.includes ?? []).map((u) => u.name)];
  return [...new Set(names)];
}

// ------------------------------------------------------------------ arithmetic in tables

const COLUMN_ZH: Record<string, string> = {
  total: '合计',
  basic: '基本支出',
  personnel: '人员经费',
  public: '公用经费',
  project: '项目支出',
  operating: '事业单位经营支出',
  toSuperior: '上缴上级支出',
  toAffiliated: '对附属单位补助支出',
  budget: '年初预算数',
};

function checkExpenditureRows(ctx: DocContext): void {
  const { doc, d } = ctx;
  const m = d.money;
  doc.expenditure.forEach((row, i) => {
    const at = `/expenditure/${i}`;
    if (isLeafCode(row.code)) {
      const v = leafValues(row, m);
      if (!v.split) return;
      const rowText = (what: string) => (p: { printed: string; derived: string; diff: string }) =>
        messages['arith.row']({ what, code: row.code, ...p });
      if (row.total !== undefined) compareAmount(ctx, `${at}/total`, 'arith.row', m(row.total), v.sumTotal, 1, rowText('合计'));
      const hasBasicParts = row.personnel !== undefined || row.public !== undefined || row.salaries !== undefined || row.families !== undefined;
      if (row.basic !== undefined && hasBasicParts && v.sumBasic !== null) {
        compareAmount(ctx, `${at}/basic`, 'arith.row', m(row.basic), v.sumBasic, 1, rowText('基本支出小计'));
      }
      if (row.personnel !== undefined && (row.salaries !== undefined || row.families !== undefined)) {
        compareAmount(ctx, `${at}/personnel`, 'arith.row', m(row.personnel), m(row.salaries) + m(row.families), 1, rowText('人员经费'));
      }
      if (row.project !== undefined && (row.projectGeneral !== undefined || row.projectSpecial !== undefined)) {
        compareAmount(ctx, `${at}/project`, 'arith.row', m(row.project), m(row.projectGeneral) + m(row.projectSpecial), 1, rowText('项目支出'));
      }
      return;
    }
    // 类 or 款 row: every printed column against the sum of the 项 rows below it.
    const agg = expenditureAggregate(d, row.fund as FundGroup, row.code);
    const level = row.code.length === 3 ? '类' : '款';
    for (const col of ['total', 'basic', 'personnel', 'public', 'project', 'operating', 'toSuperior', 'toAffiliated', 'budget'] as const) {
      const printed = row[col];
      if (printed === undefined) continue;
      const derived = agg[col];
      if (derived === null) continue;
      compareAmount(ctx, `${at}/${col}`, 'arith.subtotal', m(printed), derived, agg.count, (p) =>
        messages['arith.subtotal']({ what: COLUMN_ZH[col] ?? col, code: row.code, level, ...p }),
      );
    }
    const basicParts = row.salaries !== undefined || row.families !== undefined;
    if (basicParts && agg.personnel !== null) {
      compareAmount(ctx, `${at}/salaries`, 'arith.subtotal', m(row.salaries) + m(row.families), agg.personnel, agg.count, (p) =>
        messages['arith.subtotal']({ what: '人员经费', code: row.code, level, ...p }),
      );
    }
  });
}

function checkEconomicRows(ctx: DocContext): void {
  const { doc, d } = ctx;
  const m = d.money;
  doc.economic.forEach((row, i) => {
    const at = `/economic/${i}`;
    const scheme = row.scheme ?? 'department';
    if (row.code.length === 5) {
      if (row.total !== undefined && (row.personnel !== undefined || row.public !== undefined)) {
        compareAmount(ctx, `${at}/total`, 'arith.row', m(row.total), economicLeafTotal(row, m), 1, (p) =>
          messages['arith.row']({ what: '合计', code: row.code, ...p }),
        );
      }
      return;
    }
    const agg = economicAggregate(d, row.fund, row.code, scheme);
    for (const col of ['total', 'personnel', 'public'] as const) {
      const printed = row[col];
      if (printed === undefined) continue;
      compareAmount(ctx, `${at}/${col}`, 'arith.subtotal', m(printed), agg[col], agg.count, (p) =>
        messages['arith.subtotal']({ what: COLUMN_ZH[col] ?? col, code: row.code, level: '类', ...p }),
      );
    }
  });
}

function checkCrossTables(ctx: DocContext): void {
  const { doc, d, kind } = ctx;
  const m = d.money;
  // The function table's basic expenditure = the economic table's total (一般公共预算).
  const gpbEconomic = doc.economic.filter((r) => r.fund === 'gpb' && (r.scheme ?? 'department') === 'department' && r.code.length === 5);
  if (gpbEconomic.length) {
    const fn = expenditureAggregate(d, 'gpb');
    const eco = economicAggregate(d, 'gpb');
    for (const [col, zh] of [['basic', '基本支出'], ['personnel', '人员经费'], ['public', '公用经费']] as const) {
      const a = fn[col];
      const b = col === 'basic' ? eco.total : eco[col];
      if (a === null) continue;
      const diff = Math.abs(a - b);
      if (diff === 0) continue;
      const text = messages['arith.cross-table']({
        a: `一般公共预算支出表的${zh}`,
        b: `一般公共预算基本支出表的${zh}`,
        va: fmt(ctx, a),
        vb: fmt(ctx, b),
        diff: fmt(ctx, diff),
      });
      const rounding = diff <= roundingUnit(ctx) * Math.max(fn.count, eco.count);
      push(ctx, '/economic', rounding ? 'notice' : 'error', rounding ? 'round.amount' : 'arith.cross-table', rounding ? { zh: messages.rounding({ base: text.zh }).zh, en: text.en } : text, fmt(ctx, a), fmt(ctx, b));
    }
  }
  // Income lines ("其中" rows) add up to their source; 中央转移支付 is part of its source.
  const inc = doc.income;
  for (const [lines, field, zh] of [[inc.gpbLines, 'gpb', '一般公共预算收入'], [inc.gfbLines, 'gfb', '政府性基金收入']] as const) {
    if (!lines?.length) continue;
    const total = lines.reduce((a, l) => a + m(l.amount), 0);
    compareAmount(ctx, `/income/${field}`, 'arith.parts', m(inc[field]), total, lines.length, (p) => messages['arith.parts']({ what: zh, ...p }));
  }
  for (const [part, whole, zp, zw] of [['gpbCentral', 'gpb', '其中：中央转移支付收入', '一般公共预算拨款收入'], ['gfbCentral', 'gfb', '其中：中央转移支付收入', '政府性基金预算拨款收入'], ['scobCentral', 'scob', '其中：中央转移支付收入', '国有资本经营预算拨款收入']] as const) {
    if (inc[part] !== undefined && m(inc[part]) > m(inc[whole])) {
      push(ctx, `/income/${part}`, 'error', 'arith.part-exceeds', messages['arith.part-exceeds']({ part: zp, whole: zw, vp: fmt(ctx, m(inc[part])), vw: fmt(ctx, m(inc[whole])) }));
    }
  }
  // Both sides of the summary table: 收入总计 = 支出总计.
  const income = figureDef('income.total')!.value(doc, d, kind).value!;
  const spending = figureDef('expenditure.total')!.value(doc, d, kind);
  if (doc.expenditure.some((r) => isLeafCode(r.code))) {
    const diff = Math.abs(income - spending.value!);
    if (diff !== 0) {
      const text = messages['arith.balance']({ a: '收入总计', b: '支出总计', va: fmt(ctx, income), vb: fmt(ctx, spending.value!), diff: fmt(ctx, diff) });
      const rounding = diff <= roundingUnit(ctx) * spending.count;
      push(ctx, '/income', rounding ? 'notice' : 'error', rounding ? 'round.amount' : 'arith.balance', rounding ? { zh: messages.rounding({ base: text.zh }).zh, en: text.en } : text, fmt(ctx, spending.value!), fmt(ctx, income));
    }
    // Each financial-allocation source balances on its own (收入 + 上年结转 = 支出 + 结转下年).
    for (const fund of ['gpb', 'gfb', 'scob'] as const) {
      const rows = doc.expenditure.filter((r) => r.fund === fund && isLeafCode(r.code));
      const incomeSide = m(inc[fund]) + m(inc.carryover[fund]);
      const agg = expenditureAggregate(d, fund);
      const carry = isFinal(doc, kind) ? m(doc.balances.closing[fund]) : isBudget(doc, kind) && doc.carryforward ? m(doc.carryforward[fund]) : 0;
      const out = agg.total + carry;
      const diff = Math.abs(incomeSide - out);
      if (diff === 0 || (rows.length === 0 && incomeSide === 0)) continue;
      const text = messages['arith.balance']({
        a: `${FUND_ZH[fund]}收入（含上年结转）`,
        b: `${FUND_ZH[fund]}支出（含结转下年）`,
        va: fmt(ctx, incomeSide),
        vb: fmt(ctx, out),
        diff: fmt(ctx, diff),
      });
      const rounding = diff <= roundingUnit(ctx) * Math.max(1, agg.count);
      push(ctx, `/income/${fund}`, rounding ? 'notice' : 'error', rounding ? 'round.amount' : 'arith.fund-balance', rounding ? { zh: messages.rounding({ base: text.zh }).zh, en: text.en } : text, fmt(ctx, out), fmt(ctx, incomeSide));
    }
  }
  // Projects: each project's printed total, and Σ projects = 项目支出.
  doc.projects.forEach((p, i) => {
    if (p.total !== undefined && projectHasFunds(p)) {
      compareAmount(ctx, `/projects/${i}/total`, 'arith.parts', m(p.total), d.projectTotals[i]!, 1, (x) => messages['arith.parts']({ what: `项目“${p.name}”的总计`, ...x }));
    }
  });
  const projectColumn = expenditureAggregate(d, 'all').project;
  if (doc.projects.length && projectColumn !== null) {
    const sumProjects = d.projectTotals.reduce((a, b) => a + b, 0);
    compareAmount(ctx, '/projects', 'arith.cross-table', projectColumn, sumProjects, doc.projects.length, (x) =>
      messages['arith.cross-table']({ a: '项目支出表合计', b: '支出表的项目支出', va: x.derived, vb: x.printed, diff: x.diff }),
    );
  }
  // Procurement: items, categories, SME amounts.
  const pr = doc.procurement;
  if (pr) {
    pr.items.forEach((it, i) => {
      if (it.total !== undefined) {
        compareAmount(ctx, `/procurement/items/${i}/total`, 'arith.parts', m(it.total), d.procurementItemTotals[i]!, 1, (x) => messages['arith.parts']({ what: `政府采购“${it.item}”的合计`, ...x }));
      }
    });
    if (pr.items.length) {
      for (const cat of ['goods', 'works', 'services'] as const) {
        if (pr[cat] === undefined) continue;
        const sumCat = pr.items.reduce((a, it, i) => a + (it.category === cat ? d.procurementItemTotals[i]! : 0), 0);
        compareAmount(ctx, `/procurement/${cat}`, 'arith.parts', m(pr[cat]), sumCat, pr.items.length, (x) =>
          messages['arith.parts']({ what: { goods: '政府采购货物', works: '政府采购工程', services: '政府采购服务' }[cat], ...x }),
        );
      }
    }
    const total = figureDef('procurement.total')!.value(doc, d, kind).value ?? 0;
    const pairs: Array<[number | undefined, number, string, string, string]> = [
      [pr.sme, total, '授予中小企业合同金额', '政府采购支出总额', '/procurement/sme'],
      [pr.smallMicro, m(pr.sme), '授予小微企业合同金额', '授予中小企业合同金额', '/procurement/smallMicro'],
    ];
    for (const [part, whole, zp, zw, ptr] of pairs) {
      if (part !== undefined && m(part) > whole) {
        push(ctx, ptr, 'error', 'arith.part-exceeds', messages['arith.part-exceeds']({ part: zp, whole: zw, vp: fmt(ctx, m(part)), vw: fmt(ctx, whole) }));
      }
    }
  }
}

/**
 * 决算-only tables and the performance tables: 收入决算表 columns against income by
 * source, 政府性基金 flows (年初 + 收入 − 支出 = 年末), self-evaluation scores, and the
 * totals a 部门整体绩效 table prints.
 */
function checkFinalAndPerformance(ctx: DocContext): void {
  const { doc, d, kind } = ctx;
  const m = d.money;
  if (isFinal(doc, kind)) {
    const rows = doc.incomeByFunction.filter((r) => isLeafCode(r.code));
    if (rows.length) {
      const inc = doc.income;
      const cols = [
        ['fiscal', m(inc.gpb) + m(inc.gfb) + m(inc.scob), '财政拨款收入'],
        ['superior', m(inc.superior), '上级补助收入'],
        ['business', m(inc.business), '事业收入'],
        ['operating', m(inc.operating), '经营收入'],
        ['affiliated', m(inc.affiliated), '附属单位上缴收入'],
        ['other', m(inc.other), '其他收入'],
      ] as const;
      for (const [col, expected, zh] of cols) {
        const total = rows.reduce((a, r) => a + m(r[col]), 0);
        compareAmount(ctx, '/incomeByFunction', 'arith.cross-table', expected, total, rows.length, (p) =>
          messages['arith.cross-table']({ a: `收入决算表的${zh}合计`, b: `收入中的${zh}`, va: p.derived, vb: p.printed, diff: p.diff }),
        );
      }
      doc.incomeByFunction.forEach((r, i) => {
        if (r.total === undefined || !isLeafCode(r.code)) return;
        const sumCols = m(r.fiscal) + m(r.superior) + m(r.business) + m(r.operating) + m(r.affiliated) + m(r.other);
        compareAmount(ctx, `/incomeByFunction/${i}/total`, 'arith.row', m(r.total), sumCols, 1, (p) => messages['arith.row']({ what: '本年收入合计', code: r.code, ...p }));
      });
    }
    const flows = doc.gfbFlows.filter((r) => isLeafCode(r.code));
    flows.forEach((r) => {
      const i = doc.gfbFlows.indexOf(r);
      const spending = m(r.basic) + m(r.project);
      if (r.spending !== undefined) {
        compareAmount(ctx, `/gfbFlows/${i}/spending`, 'arith.row', m(r.spending), spending, 1, (p) => messages['arith.row']({ what: '本年支出合计', code: r.code, ...p }));
      }
      compareAmount(ctx, `/gfbFlows/${i}/closing`, 'arith.row', m(r.closing), m(r.opening) + m(r.income) - spending, 3, (p) =>
        messages['arith.row']({ what: '年末结转和结余（年初 + 收入 − 支出）', code: r.code, ...p }),
      );
      compareAmount(ctx, `/gfbFlows/${i}/spending`, 'arith.cross-table', spending, expenditureAggregate(d, 'gfb', r.code).total, 1, (p) =>
        messages['arith.cross-table']({ a: '政府性基金收入支出决算表的本年支出', b: '支出表的政府性基金支出', va: p.printed, vb: p.derived, diff: p.diff }),
      );
    });
    if (flows.length) {
      const income = flows.reduce((a, r) => a + m(r.income), 0);
      compareAmount(ctx, '/gfbFlows', 'arith.cross-table', m(doc.income.gfb), income, flows.length, (p) =>
        messages['arith.cross-table']({ a: '政府性基金收入支出决算表的本年收入', b: '收入中的政府性基金', va: p.derived, vb: p.printed, diff: p.diff }),
      );
    }
  }
  // Self-evaluation: the total score is the sum of the indicator scores.
  doc.projects.forEach((p, i) => {
    const scored = p.indicators.filter((x) => x.score !== undefined);
    if (p.evaluation?.score === undefined || !scored.length) return;
    const sumScore = scored.reduce((a, x) => a + Math.round(x.score! * 100), 0);
    const stated = Math.round(p.evaluation.score * 100);
    // 分值 may carry a budget-execution part scored outside the indicator table (10 分 in
    // the national form); only a sum above the stated score is certainly wrong.
    if (sumScore > stated) {
      push(ctx, `/projects/${i}/evaluation/score`, 'error', 'arith.parts', messages['arith.parts']({ what: `项目“${p.name}”的自评得分`, printed: `${p.evaluation.score}分`, derived: `${sumScore / 100}分`, diff: `${(sumScore - stated) / 100}分` }), `≥ ${sumScore / 100}`, String(p.evaluation.score));
    }
    p.indicators.forEach((x, j) => {
      if (x.score !== undefined && x.weight !== undefined && x.score > x.weight) {
        push(ctx, `/projects/${i}/indicators/${j}/score`, 'error', 'arith.part-exceeds', messages['arith.part-exceeds']({ part: '得分', whole: '分值', vp: String(x.score), vw: String(x.weight) }));
      }
    });
  });
  // 部门整体绩效目标表: the printed budget totals against the tables.
  const dp = doc.departmentPerformance;
  if (dp) {
    const all = expenditureAggregate(d, 'all');
    const pairs: Array<[number | undefined, number | null, string, string]> = [
      [dp.totalStated, all.total, 'totalStated', '部门预算总额'],
      [dp.basicStated, all.basic, 'basicStated', '基本支出'],
      [dp.projectStated, all.project, 'projectStated', '项目支出'],
    ];
    for (const [printed, derived, field, zh] of pairs) {
      if (printed === undefined || derived === null) continue;
      compareAmount(ctx, `/departmentPerformance/${field}`, 'figure.amount', m(printed), derived, Math.max(all.count, 1), (p) =>
        messages['figure.amount']({ label: zh, where: '部门整体绩效目标表中', ...p }),
      );
    }
  }
}

// ------------------------------------------------------------------ stated figures

const UP = /增加|增长|上升|提高|新增/;
const DOWN = /减少|下降|降低|减/;
const FLAT = /持平|无增减|不变|未变/;

function signZh(n: number): string {
  return n > 0 ? '增加' : n < 0 ? '减少' : '持平（没有变化）';
}

function checkFigures(ctx: DocContext): void {
  const { doc, d, kind } = ctx;
  const m = d.money;
  for (const [key, fig] of Object.entries(doc.figures)) {
    const def = figureDef(key);
    if (!def) continue;
    const at = `/figures/${esc(key)}`;
    const label = labelOf(ctx, key, def.label);
    const fv = def.value(doc, d, kind);
    const derived = fv.value;
    const s: StatedFigure = fig.stated ?? {};
    if (derived !== null) {
      if (fig.table !== undefined) {
        compareAmount(ctx, `${at}/table`, 'figure.amount', m(fig.table), derived, fv.count, (p) => messages['figure.amount']({ label, where: '表中合计', ...p }));
      }
      if (s.amount !== undefined) {
        compareAmount(ctx, `${at}/stated/amount`, 'figure.amount', m(s.amount), derived, fv.count, (p) => messages['figure.amount']({ label, where: '说明中', ...p }));
      }
    }
    const current = derived ?? (s.amount !== undefined ? m(s.amount) : fig.table !== undefined ? m(fig.table) : null);
    const currentCount = derived !== null ? fv.count : 1;
    // 占比 with the right denominator.
    if (s.share !== undefined) {
      if (s.share > 100) push(ctx, `${at}/stated/share`, 'warning', 'plaus.share-over-100', messages['plaus.share-over-100']({ label, printed: String(s.share) }));
      const den = def.denominator ? figureAmount(ctx, def.denominator) : null;
      if (current !== null && den !== null) {
        if (den.value === 0) {
          push(ctx, `${at}/stated/share`, 'warning', 'plaus.zero-base', messages['plaus.zero-base']({ label, what: '占比' }));
        } else {
          comparePercent(ctx, `${at}/stated/share`, 'figure.share', s.share, { value: current, count: currentCount }, den, (printed, exact) => {
            const alt = (def.alternatives ?? [])
              .map((k) => ({ k, v: figureAmount(ctx, k) }))
              .find(({ v }) => v && v.value !== 0 && Number(formatPercent(current, v.value, decimalsOfNumber(s.share!))) === s.share);
            const hint = alt ? `原文可能以“${figureDef(alt.k)!.label}”为分母，应以“${figureDef(def.denominator!)!.label}”为分母。` : '';
            return messages['figure.share']({ label, printed, derived: exact, formula: `${fmt(ctx, current)} ÷ ${fmt(ctx, den.value)}`, hint });
          });
        }
      }
    }
    // 比上年增减 and 增长率.
    const hasChange = s.change !== undefined || s.changeRate !== undefined || s.changeWord !== undefined;
    if (hasChange && fig.previous === undefined) {
      if (s.change !== undefined || s.changeRate !== undefined) push(ctx, at, 'notice', 'figure.no-previous', messages['figure.no-previous']({ label }));
    }
    if (fig.previous !== undefined && current !== null) {
      const previous = m(fig.previous);
      const change = current - previous;
      if (s.change !== undefined) {
        const statedChange = m(s.change);
        const diff = Math.abs(statedChange - change);
        if (diff !== 0) {
          const text = messages['figure.change']({ label, printed: fmt(ctx, statedChange), derived: fmt(ctx, change), current: fmt(ctx, current), previous: fmt(ctx, previous) });
          const rounding = diff <= roundingUnit(ctx) * 2;
          push(ctx, `${at}/stated/change`, rounding ? 'notice' : 'error', rounding ? 'round.amount' : 'figure.change', rounding ? { zh: messages.rounding({ base: text.zh }).zh, en: text.en } : text, fmt(ctx, change), fmt(ctx, statedChange));
        }
      }
      if (s.changeRate !== undefined) {
        if (previous === 0) {
          push(ctx, `${at}/stated/changeRate`, 'warning', 'plaus.zero-base', messages['plaus.zero-base']({ label, what: '增长率' }), '新增', `${s.changeRate}%`);
        } else {
          comparePercent(ctx, `${at}/stated/changeRate`, 'figure.change-rate', s.changeRate, { value: change, count: currentCount + 1 }, { value: previous, count: 1 }, (printed, exact) =>
            messages['figure.change-rate']({ label, printed, derived: exact, formula: `${fmt(ctx, change)} ÷ ${fmt(ctx, previous)}` }),
          );
        }
      }
      const word = s.changeWord;
      const rateWordSign = s.change ?? s.changeRate;
      if (word !== undefined) checkWord(ctx, `${at}/stated/changeWord`, label, word, change, rateWordSign);
    }
    // 决算: 年初预算 and 完成年初预算的 %.
    if (s.budget !== undefined && fv.budget !== undefined && fv.budget !== null) {
      compareAmount(ctx, `${at}/stated/budget`, 'figure.amount', m(s.budget), fv.budget, fv.count, (p) => messages['figure.amount']({ label: `${label}的年初预算`, where: '说明中', ...p }));
    }
    const budget = fv.budget ?? (s.budget !== undefined ? m(s.budget) : null);
    if (s.completionRate !== undefined && budget !== null && current !== null) {
      if (budget === 0) {
        push(ctx, `${at}/stated/completionRate`, 'warning', 'plaus.zero-base', messages['plaus.zero-base']({ label, what: '完成年初预算的比例' }));
      } else {
        comparePercent(ctx, `${at}/stated/completionRate`, 'figure.completion', s.completionRate, { value: current, count: currentCount }, { value: budget, count: fv.budget !== undefined && fv.budget !== null ? fv.count : 1 }, (printed, exact) =>
          messages['figure.completion']({ label, printed, derived: exact, formula: `${fmt(ctx, current)} ÷ ${fmt(ctx, budget)}` }),
        );
      }
    }
    if (s.compareWord !== undefined && budget !== null && current !== null) {
      const diff = current - budget;
      const w = s.compareWord;
      const ok = (/大于|超过|高于/.test(w) && diff > 0) || (/小于|低于/.test(w) && diff < 0) || (/持平|等于/.test(w) && diff === 0);
      if (!ok) {
        push(ctx, `${at}/stated/compareWord`, 'error', 'text.compare-word', messages['text.compare-word']({ label, word: w, sign: diff > 0 ? '决算数大于预算数' : diff < 0 ? '决算数小于预算数' : '决算数等于预算数' }), undefined, w);
      }
    }
  }
}

/**
 * The previous-year figures of the lines must add up to the previous-year total they
 * belong to (说明 of seed 002: seven line changes imply a 上年 total 5 万元 above the
 * stated one).
 */
function checkPreviousSums(ctx: DocContext): void {
  const { doc, d } = ctx;
  const m = d.money;
  for (const [group, totalKey] of [['gpb', 'gpb.total'], ['expenditure', 'expenditure.current'], ['fiscal', 'fiscal.current']] as const) {
    const fund: FundGroup = group === 'expenditure' ? 'all' : group;
    const leafCodes = new Set(doc.expenditure.filter((r) => isLeafCode(r.code) && (fund === 'all' || (fund === 'fiscal' ? ['gpb', 'gfb', 'scob'].includes(r.fund) : r.fund === fund))).map((r) => r.code));
    if (!leafCodes.size) continue;
    const previousOf = (code: string) => doc.figures[`${group}:${code}`]?.previous;
    if ([...leafCodes].some((c) => previousOf(c) === undefined)) continue;
    const parents: Array<[string, string[]]> = [[totalKey, [...leafCodes]]];
    for (const cls of new Set([...leafCodes].map((c) => c.slice(0, 3)))) parents.push([`${group}:${cls}`, [...leafCodes].filter((c) => c.startsWith(cls))]);
    for (const [key, codes] of parents) {
      const stated = doc.figures[key]?.previous;
      if (stated === undefined) continue;
      const sumPrev = codes.reduce((a, c) => a + m(previousOf(c)), 0);
      const label = labelOf(ctx, key, figureDef(key)?.label ?? key);
      compareAmount(ctx, `/figures/${esc(key)}/previous`, 'figure.previous-sum', m(stated), sumPrev, codes.length, (p) =>
        messages['figure.previous-sum']({ label, count: codes.length, ...p }),
      );
    }
  }
}

function checkWord(ctx: DocContext, pointer: string, label: string, word: string, change: number, statedSign: number | undefined): void {
  if (/增加减少|减少增加|增加增加|减少减少|增长下降|下降增长/.test(word)) {
    push(ctx, pointer, 'warning', 'plaus.placeholder', messages['plaus.placeholder']({ text: word }), undefined, word);
    return;
  }
  const up = UP.test(word) && !DOWN.test(word.replace(UP, ''));
  const down = DOWN.test(word) && !UP.test(word);
  const flat = FLAT.test(word);
  const sign = change !== 0 ? Math.sign(change) : statedSign !== undefined ? Math.sign(statedSign) : 0;
  if (flat) {
    if (change !== 0) push(ctx, pointer, 'error', 'text.change-word', messages['text.change-word']({ label, word, sign: signZh(change) }), signZh(change), word);
    return;
  }
  if (change === 0 && (up || down)) {
    // "减少0万元，下降0%": not wrong in sign, but the standard wording is 持平.
    push(ctx, pointer, 'warning', 'text.change-word', messages['text.change-word']({ label, word, sign: signZh(0) }), '持平', word);
    return;
  }
  if ((up && sign < 0) || (down && sign > 0)) {
    push(ctx, pointer, 'error', 'text.change-word', messages['text.change-word']({ label, word, sign: signZh(change) }), signZh(change), word);
  }
}

function decimalsOfNumber(v: number): number {
  const s = String(v);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/**
 * Compares a printed percentage with numerator ÷ denominator × 100. The amounts are
 * themselves printed (rounded) figures: each may be off by half a printed unit per
 * summand. A printed percentage inside the range those roundings allow (±0.005 for
 * its own rounding, and at least ±0.01 percentage point) is a rounding notice; outside
 * it, an error. All bounds are computed exactly in BigInt micro-percentage-points.
 */
function comparePercent(
  ctx: DocContext,
  pointer: string,
  rule: string,
  stated: number,
  numerator: { value: Fen; count: number },
  denominator: { value: Fen; count: number },
  text: (printed: string, exact: string) => Text,
): void {
  if (percentExact(stated, numerator.value, denominator.value)) return;
  const exact2 = formatPercent(numerator.value, denominator.value, 2);
  const t = text(String(stated), exact2);
  if (percentWithinRounding(stated, numerator, denominator, roundingUnit(ctx))) {
    push(ctx, pointer, 'notice', 'round.percent', { zh: messages.rounding({ base: t.zh }).zh, en: t.en }, exact2, String(stated));
  } else {
    push(ctx, pointer, 'error', rule, t, exact2, String(stated));
  }
}

/** A figure's amount with its summand count: derived, else as stated in the text or table. */
function figureAmount(ctx: DocContext, key: string): { value: Fen; count: number } | null {
  const def = figureDef(key);
  if (!def) return null;
  const fv = def.value(ctx.doc, ctx.d, ctx.kind);
  if (fv.value !== null) return { value: fv.value, count: fv.count };
  const fig = ctx.doc.figures[key];
  if (fig?.stated?.amount !== undefined) return { value: ctx.d.money(fig.stated.amount), count: 1 };
  if (fig?.table !== undefined) return { value: ctx.d.money(fig.table), count: 1 };
  return null;
}

function labelOf(ctx: DocContext, key: string, fallback: string): string {
  const code = figureCode(key);
  if (!code) return fallback;
  const name = key.startsWith('economic:') ? ctx.reference?.economicDepartment[code] : ctx.reference?.function[code];
  return name ? `${code} ${name}` : fallback;
}

// ------------------------------------------------------------------ plausibility

const PLACEHOLDER = /X{2,}|×{2,}|Ｘ{2,}|增加增加|增加减少|减少增加|减少减少|\[bookmark[^\]]*\]|【待填】|待补充/;

function checkPlausibility(ctx: DocContext): void {
  const { doc, d } = ctx;
  const m = d.money;
  // Placeholder residue anywhere in the document's text.
  walkStrings(doc, [], (text, path) => {
    if (path[path.length - 1] === 'changeWord') return; // handled with the figure
    const hit = PLACEHOLDER.exec(text);
    if (hit) {
      const from = Math.max(0, hit.index - 8);
      push(ctx, pointerOf(path), 'warning', 'plaus.placeholder', messages['plaus.placeholder']({ text: text.slice(from, hit.index + hit[0].length + 8) }), undefined, hit[0]);
    }
  });
  // 机关运行经费 above 公用经费.
  const gpbPublic = expenditureAggregate(d, 'gpb').public;
  if (doc.operatingCost !== null && gpbPublic !== null && gpbPublic > 0 && m(doc.operatingCost) > gpbPublic) {
    push(ctx, '/operatingCost', 'warning', 'plaus.operating-cost', messages['plaus.operating-cost']({ cost: fmt(ctx, m(doc.operatingCost)), public: fmt(ctx, gpbPublic) }));
  }
  // 三公-type spending with no 三公 section.
  if (doc.threePublic === null) {
    for (const [code, what] of [['30217', '公务接待费'], ['30231', '公务用车运行维护费'], ['31013', '公务用车购置费'], ['30212', '因公出国（境）费用']] as const) {
      const agg = economicAggregate(d, 'gpb', code);
      if (agg.total > 0) {
        push(ctx, '/threePublic', 'warning', 'plaus.three-public-missing', messages['plaus.three-public-missing']({ what: `基本支出中有${what}`, amount: fmt(ctx, agg.total) }));
      }
    }
    const plannedVehicles = doc.assets?.planned?.vehicles.reduce((a, v) => a + v.count, 0) ?? 0;
    if (plannedVehicles > 0) {
      push(ctx, '/threePublic', 'warning', 'plaus.three-public-missing', messages['plaus.three-public-missing']({ what: '国有资产部分拟购置公务用车', amount: `${plannedVehicles}辆` }));
    }
  }
  // A project's cost indicator above its budget.
  doc.projects.forEach((p, i) => {
    const budget = d.projectTotals[i]!;
    if (budget === 0) return;
    p.indicators.forEach((ind, j) => {
      if (!/成本/.test(ind.level2 ?? '') || !ind.value) return;
      const amount = parseCostValue(ind.value, d);
      if (amount !== undefined && amount > budget) {
        push(ctx, `/projects/${i}/indicators/${j}/value`, 'warning', 'plaus.cost-indicator', messages['plaus.cost-indicator']({ project: p.name, indicator: ind.level3 ?? ind.level2 ?? '', value: ind.value, budget: fmt(ctx, budget) }), `≤ ${fmt(ctx, budget)}`, ind.value);
      }
    });
  });
  // Unit names that almost match a known unit.
  const names = knownUnitNames(ctx.file);
  const checkName = (value: string, pointer: string) => {
    if (names.includes(value)) return;
    const near = names.find((n) => similarName(n, value));
    if (near) push(ctx, pointer, 'warning', 'plaus.unit-name', messages['plaus.unit-name']({ printed: value, official: near }), near, value);
  };
  doc.projects.forEach((p, i) => {
    if (p.printedUnit) checkName(p.printedUnit, `/projects/${i}/printedUnit`);
    if (p.implementer) checkName(p.implementer, `/projects/${i}/implementer`);
    (p.attributes ?? []).forEach((a, j) => {
      if (/单位/.test(a.label)) checkName(a.value.replace(/^\[\d+\]/, ''), `/projects/${i}/attributes/${j}/value`);
    });
  });
}

/**
 * Publication deadline (DOMAIN.md): within N days of 批复. N and whether they are calendar or
 * working days come from the profile (公开时限: deadlineDays, deadlineWorkingDays); 20 calendar
 * days when no profile applies. A date that is not a real day is an error here, as the schema
 * only checks the YYYY-MM-DD shape.
 */
function checkDeadline(ctx: DocContext): void {
  const { doc } = ctx;
  const days = ctx.profile?.deadlineDays ?? 20;
  const working = ctx.profile?.deadlineWorkingDays ?? false;
  const valid = (pointer: string, value: string | null, what: string): string | null => {
    if (value === null || isRealDate(value)) return value;
    push(ctx, pointer, 'error', 'schema.date', messages['schema.date']({ what, value }), '实际存在的日期（YYYY-MM-DD）', value);
    return null;
  };
  const approved = valid('/approvedDate', doc.approvedDate, '批复日期');
  const published = valid('/publishedDate', doc.publishedDate, '公开日期');
  if (doc.publishedDate === null) {
    push(ctx, '/publishedDate', 'warning', 'plaus.no-published-date', messages['plaus.no-published-date']());
  } else if (doc.approvedDate === null) {
    push(ctx, '/approvedDate', 'notice', 'plaus.no-approval-date', messages['plaus.no-approval-date']({ days, working }));
  }
  if (approved === null || published === null) return;
  if (published < approved) {
    push(ctx, '/publishedDate', 'warning', 'plaus.published-before-approval', messages['plaus.published-before-approval']({ approved, published }), `≥ ${approved}`, published);
    return;
  }
  const deadline = working ? addWorkingDays(approved, days) : addDays(approved, days);
  if (published > deadline) {
    push(ctx, '/publishedDate', 'warning', 'plaus.deadline', messages['plaus.deadline']({ approved, published, days, working, deadline }), `≤ ${deadline}`, published);
  }
}

function similarName(a: string, b: string): boolean {
  if (a === b) return false;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const differing = Math.max(a.length, b.length) - prefix - suffix;
  return prefix >= 4 && differing <= 4;
}

/** "≤180000元" → 分; "≤2110.5万元" → 分; a bare number is read as 元. */
function parseCostValue(value: string, d: Derived): Fen | undefined {
  const match = /(\d+(?:\.\d+)?)\s*(万元|元)/.exec(value.replace(/,/g, ''));
  if (!match) return undefined;
  const n = Number(match[1]);
  return match[2] === '万元' ? Math.round(n * 1_000_000) : Math.round(n * 100);
}

type Path = Array<string | number>;

/**
 * Visits every string under `value` with the path to it. The path is one shared array, and a
 * pointer is built from it only for a string that has a finding: a document holds thousands of
 * strings, and building every pointer was most of this rule's time (npm run bench).
 */
function walkStrings(value: unknown, path: Path, visit: (text: string, path: Path) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walkStrings(value[i], path, visit);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      path.push(k);
      walkStrings(obj[k], path, visit);
      path.pop();
    }
  }
}

const pointerOf = (path: Path) => path.map((t) => `/${typeof t === 'number' ? t : esc(t)}`).join('');

// ------------------------------------------------------------------ completeness

/** Whether the data behind a table is present (possibly empty) or absent. */
function tablePresent(doc: AnyDocument, kind: DocumentKind, id: TableId): boolean {
  if (doc.missingTables?.includes(id)) return false;
  switch (id) {
    case 'threePublic':
      return doc.threePublic !== null;
    case 'procurement':
      return doc.procurement !== null;
    case 'purchasedServices':
      return doc.purchasedServices !== null;
    case 'departmentPerformance':
    case 'departmentEvaluation':
      return doc.departmentPerformance !== null;
    default:
      return true;
  }
}

function checkCompleteness(ctx: DocContext): void {
  const { doc, kind } = ctx;
  const required: TableId[] = ctx.profile?.tables.length ? ctx.profile.tables.map((t) => t.id) : NATIONAL_MINIMUM[kind];
  for (const id of required) {
    if (!tablePresent(doc, kind, id)) {
      const table = ctx.profile?.tables.find((t) => t.id === id);
      const idx = doc.missingTables?.indexOf(id) ?? -1;
      push(ctx, idx >= 0 ? `/missingTables/${idx}` : `/${id === 'departmentEvaluation' ? 'departmentPerformance' : id}`, 'error', 'complete.table-missing', messages['complete.table-missing']({ table: `${table?.number ? table.number + ' ' : ''}${tableNameZh[id]}`, profile: ctx.profileId }));
    }
  }
  for (const [field, section] of [['operatingCost', '机关运行经费'], ['assets', '国有资产占用情况'], ['threePublic', '“三公”经费']] as const) {
    if (doc[field] === null && !(field === 'threePublic' && required.includes('threePublic'))) {
      push(ctx, `/${field}`, 'warning', 'complete.section-missing', messages['complete.section-missing']({ section }));
    }
  }
}

// ------------------------------------------------------------------ entry

export function checkDocument(file: UnitYearFile, kind: DocumentKind, lib: Library): Issue[] {
  const ctx = makeContext(file, kind, lib);
  checkReferences(ctx, lib);
  checkExpenditureRows(ctx);
  checkEconomicRows(ctx);
  checkCrossTables(ctx);
  checkFinalAndPerformance(ctx);
  checkFigures(ctx);
  checkPreviousSums(ctx);
  checkPlausibility(ctx);
  checkDeadline(ctx);
  checkCompleteness(ctx);
  return ctx.issues;
}

export type { ExpenditureRow };
