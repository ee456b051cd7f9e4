/**
 * Rule family «cross-table»: tables against each other (基本支出 in two tables, income lines,
 * both sides balancing by fund, projects, procurement, the 决算-only and performance tables).
 */
import { messages } from '../messages.ts';
import { economicAggregate, expenditureAggregate, isBudget, isFinal, isLeafCode, projectHasAmounts, projectHasFunds } from '../derive.ts';
import { figureDef } from '../figures.ts';
import { FUND_ZH, push, fmt, roundingUnit, compareAmount, type DocContext } from './context.ts';

export function checkCrossTables(ctx: DocContext): void {
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
  // The parts of a 项 row paid from 上年结转 / 上级预拨 (河南表式) lie within the row's total.
  doc.expenditure.forEach((r, i) => {
    if (!isLeafCode(r.code) || r.total === undefined) return;
    for (const [part, zp] of [['fromCarryover', '其中：上年结转安排的支出'], ['fromAdvance', '其中：上级预拨安排的支出']] as const) {
      if (r[part] !== undefined && m(r[part]) > m(r.total)) {
        push(ctx, `/expenditure/${i}/${part}`, 'error', 'arith.part-exceeds', messages['arith.part-exceeds']({ part: `${r.code} ${zp}`, whole: '合计', vp: fmt(ctx, m(r[part])), vw: fmt(ctx, m(r.total)) }));
      }
    }
  });
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
  // Projects recorded for their narrative only (上海's 项目经费情况说明, no 项目支出表) carry no amounts: nothing to add up.
  if (doc.projects.some(projectHasAmounts) && projectColumn !== null) {
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
    // 中小企业 by category within the category's purchases, and the categories within the whole.
    const byCategory = (cat: 'goods' | 'works' | 'services') =>
      pr.items.length ? pr.items.reduce((a, it, i) => a + (it.category === cat ? d.procurementItemTotals[i]! : 0), 0) : pr[cat] !== undefined ? m(pr[cat]) : undefined;
    for (const [field, cat, zh] of [['smeGoods', 'goods', '货物'], ['smeWorks', 'works', '工程'], ['smeServices', 'services', '服务']] as const) {
      const whole = byCategory(cat);
      if (pr[field] !== undefined && whole !== undefined) pairs.push([pr[field], whole, `${zh}采购授予中小企业合同金额`, `政府采购${zh}`, `/procurement/${field}`]);
    }
    if (pr.smeReserved !== undefined) pairs.push([pr.smeReserved, total, '面向中小企业预留的政府采购项目预算金额', '政府采购支出总额', '/procurement/smeReserved']);
    if (pr.smeReservedSmallMicro !== undefined && pr.smeReserved !== undefined) {
      pairs.push([pr.smeReservedSmallMicro, m(pr.smeReserved), '预留给小型和微型企业的金额', '面向中小企业预留的金额', '/procurement/smeReservedSmallMicro']);
    }
    if (pr.sme !== undefined && pr.smeGoods !== undefined && pr.smeWorks !== undefined && pr.smeServices !== undefined) {
      compareAmount(ctx, '/procurement/sme', 'arith.parts', m(pr.sme), m(pr.smeGoods) + m(pr.smeWorks) + m(pr.smeServices), 3, (x) =>
        messages['arith.parts']({ what: '授予中小企业合同金额（货物、工程、服务之和）', ...x }),
      );
    }
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
export function checkFinalAndPerformance(ctx: DocContext): void {
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
    const FLOW_TABLES = [
      { key: 'gfbFlows', fund: 'gfb', table: '政府性基金收入支出决算表', income: '收入中的政府性基金', spending: '支出表的政府性基金支出' },
      { key: 'scobFlows', fund: 'scob', table: '国有资本经营收入支出决算表', income: '收入中的国有资本经营', spending: '支出表的国有资本经营支出' },
    ] as const;
    for (const t of FLOW_TABLES) {
      const all = doc[t.key] ?? [];
      const flows = all.filter((r) => isLeafCode(r.code));
      flows.forEach((r) => {
        const i = all.indexOf(r);
        const spending = m(r.basic) + m(r.project);
        if (r.spending !== undefined) {
          compareAmount(ctx, `/${t.key}/${i}/spending`, 'arith.row', m(r.spending), spending, 1, (p) => messages['arith.row']({ what: '本年支出合计', code: r.code, ...p }));
        }
        compareAmount(ctx, `/${t.key}/${i}/closing`, 'arith.row', m(r.closing), m(r.opening) + m(r.income) - spending, 3, (p) =>
          messages['arith.row']({ what: '年末结转和结余（年初 + 收入 − 支出）', code: r.code, ...p }),
        );
        compareAmount(ctx, `/${t.key}/${i}/spending`, 'arith.cross-table', spending, expenditureAggregate(d, t.fund, r.code).total, 1, (p) =>
          messages['arith.cross-table']({ a: `${t.table}的本年支出`, b: t.spending, va: p.printed, vb: p.derived, diff: p.diff }),
        );
      });
      if (flows.length) {
        const income = flows.reduce((a, r) => a + m(r.income), 0);
        compareAmount(ctx, `/${t.key}`, 'arith.cross-table', m(doc.income[t.fund]), income, flows.length, (p) =>
          messages['arith.cross-table']({ a: `${t.table}的本年收入`, b: t.income, va: p.derived, vb: p.printed, diff: p.diff }),
        );
      }
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
