/** Rule family «stated figures»: every figure the 说明 or a table prints, against the data. */
import type { StatedFigure } from '../../model/schema.ts';
import { messages, type Text } from '../messages.ts';
import { isLeafCode, projectHasAmounts, type FundGroup } from '../derive.ts';
import { figureCode, figureDef } from '../figures.ts';
import { formatPercent, groupThousands, type Fen } from '../../model/money.ts';
import { figureFormat, statedAmountVerdict, statedFen, type PrintedFormat } from '../tolerance.ts';
import { esc, push, fmt, fmtExpected, fmtPrinted, roundingUnit, compareAmount, comparePercent, type DocContext } from './context.ts';

const UP = /增加|增长|上升|提高|新增/;
const DOWN = /减少|下降|降低|减/;
const FLAT = /持平|无增减|不变|未变/;

function signZh(n: number): string {
  return n > 0 ? '增加' : n < 0 ? '减少' : '持平（没有变化）';
}

export function checkFigures(ctx: DocContext): void {
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
    // The stated amounts in their printed unit and precision (万元 over 元 tables: 0.01 万元).
    const pf = figureFormat(ctx.text, s);
    const sm = (v: number | undefined) => statedFen(v, pf);
    const pd = s.percentDecimals;
    if (derived !== null) {
      if (fig.table !== undefined) {
        compareAmount(ctx, `${at}/table`, 'figure.amount', m(fig.table), derived, fv.count, (p) => messages['figure.amount']({ label, where: '表中合计', ...p }));
      }
      if (s.amount !== undefined) {
        compareAmount(ctx, `${at}/stated/amount`, 'figure.amount', sm(s.amount), derived, fv.count, (p) => messages['figure.amount']({ label, where: '说明中', ...p }), pf);
      }
    }
    const current = derived ?? (s.amount !== undefined ? sm(s.amount) : fig.table !== undefined ? m(fig.table) : null);
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
              .find(({ v }) => v && v.value !== 0 && Number(formatPercent(current, v.value, pd ?? decimalsOfNumber(s.share!))) === s.share);
            const hint = alt ? `原文可能以“${figureDef(alt.k)!.label}”为分母，应以“${figureDef(def.denominator!)!.label}”为分母。` : '';
            return messages['figure.share']({ label, printed, derived: exact, formula: `${fmt(ctx, current)} ÷ ${fmt(ctx, den.value)}`, hint });
          }, pd);
        }
      }
    }
    // 比上年增减 and 增长率.
    const hasChange = s.change !== undefined || s.changeRate !== undefined || s.changeWord !== undefined;
    if (hasChange && fig.previous === undefined) {
      if (s.change !== undefined || s.changeRate !== undefined) push(ctx, at, 'notice', 'figure.no-previous', messages['figure.no-previous']({ label }));
      checkStatedChange(ctx, at, label, s, current, currentCount);
    }
    if (fig.previous !== undefined && current !== null) {
      const previous = m(fig.previous);
      const change = current - previous;
      if (s.change !== undefined) {
        const statedChange = sm(s.change);
        // current and previous: two printed summands.
        const verdict = statedAmountVerdict(statedChange, change, 2, roundingUnit(ctx), pf.step);
        if (verdict !== 'exact') {
          const printed = fmtPrinted(ctx, pf, statedChange);
          const expected = fmtExpected(ctx, pf, change);
          const text = messages['figure.change']({ label, printed, derived: expected, current: fmt(ctx, current), previous: fmt(ctx, previous) });
          const rounding = verdict === 'rounding';
          push(ctx, `${at}/stated/change`, rounding ? 'notice' : 'error', rounding ? 'round.amount' : 'figure.change', rounding ? { zh: messages.rounding({ base: text.zh }).zh, en: text.en } : text, expected, printed);
        }
      }
      if (s.changeRate !== undefined) {
        if (previous === 0) {
          push(ctx, `${at}/stated/changeRate`, 'warning', 'plaus.zero-base', messages['plaus.zero-base']({ label, what: '增长率' }), '新增', `${s.changeRate}%`);
        } else {
          comparePercent(ctx, `${at}/stated/changeRate`, 'figure.change-rate', s.changeRate, { value: change, count: currentCount + 1 }, { value: previous, count: 1 }, (printed, exact) =>
            messages['figure.change-rate']({ label, printed, derived: exact, formula: `${fmt(ctx, change)} ÷ ${fmt(ctx, previous)}` }),
          pd);
        }
      }
      const word = s.changeWord;
      const rateWordSign = s.change ?? s.changeRate;
      if (word !== undefined) checkWord(ctx, `${at}/stated/changeWord`, label, word, change, rateWordSign);
    }
    // 决算: 年初预算 and 完成年初预算的 %; 全年预算 (the adjusted budget) and 完成全年预算数的 %.
    const checkBase = (key: 'budget' | 'adjusted', rateKey: 'completionRate' | 'adjustedRate', base: '年初预算' | '全年预算') => {
      const stated = s[key];
      const derived = fv[key];
      const known = derived !== undefined && derived !== null;
      if (stated !== undefined && known) {
        compareAmount(ctx, `${at}/stated/${key}`, 'figure.amount', sm(stated), derived, fv.count, (p) => messages['figure.amount']({ label: `${label}的${base}`, where: '说明中', ...p }), pf);
      }
      const value = known ? derived : stated !== undefined ? sm(stated) : null;
      const rate = s[rateKey];
      if (rate !== undefined && value !== null && current !== null) {
        if (value === 0) {
          push(ctx, `${at}/stated/${rateKey}`, 'warning', 'plaus.zero-base', messages['plaus.zero-base']({ label, what: `完成${base}的比例` }));
        } else {
          comparePercent(ctx, `${at}/stated/${rateKey}`, 'figure.completion', rate, { value: current, count: currentCount }, { value, count: known ? fv.count : 1 }, (printed, exact) =>
            messages['figure.completion']({ label, printed, derived: exact, formula: `${fmt(ctx, current)} ÷ ${fmt(ctx, value)}`, base }),
          pd);
        }
      }
      return value;
    };
    const budget = checkBase('budget', 'completionRate', '年初预算');
    checkBase('adjusted', 'adjustedRate', '全年预算');
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
 * A change the 说明 states without a previous-year amount ("比2025年预算减少19.79万元", recorded as
 * changeWord 减少, change −19.79 in its printed unit): there is nothing to compare it with, so only its
 * internal consistency is checked — the word against the signs of the amount and the rate, the two
 * signs against each other, the previous year it implies (本年数 − 增减额) not below 0, and the rate
 * against 增减额 ÷ that implied base. No previous-year figure is recorded or printed.
 */
function checkStatedChange(ctx: DocContext, at: string, label: string, s: StatedFigure, current: Fen | null, currentCount: number): void {
  const pf = figureFormat(ctx.text, s);
  const change = s.change !== undefined ? statedFen(s.change, pf) : undefined;
  const rate = s.changeRate;
  const pd = s.percentDecimals;
  const rateText = rate === undefined ? '' : `${pd === undefined ? String(rate) : rate.toFixed(pd)}%`;
  if (s.changeWord !== undefined && (change !== undefined || rate !== undefined)) {
    const figure = change !== undefined ? `增减额为 ${fmtPrinted(ctx, pf, change)}` : `增减幅度为 ${rateText}`;
    checkWordAgainst(ctx, `${at}/stated/changeWord`, label, s.changeWord, Math.sign(change ?? rate!), figure);
  }
  if (change !== undefined && rate !== undefined && Math.sign(change) !== Math.sign(rate)) {
    push(ctx, `${at}/stated/changeRate`, 'error', 'figure.change-rate', messages['figure.change-sign']({ label, change: fmtPrinted(ctx, pf, change), rate: rateText }), undefined, rateText);
    return;
  }
  if (change === undefined || current === null) return;
  const implied = current - change;
  if (implied < 0) {
    push(ctx, `${at}/stated/change`, 'error', 'figure.change', messages['figure.change-implied']({ label, printed: fmtPrinted(ctx, pf, change), current: fmt(ctx, current), implied: fmt(ctx, implied) }), undefined, fmtPrinted(ctx, pf, change));
    return;
  }
  if (rate === undefined) return;
  if (implied === 0) {
    push(ctx, `${at}/stated/changeRate`, 'warning', 'plaus.zero-base', messages['plaus.zero-base']({ label, what: '增长率' }), '新增', rateText);
    return;
  }
  // The stated change is rounded to its printed unit, and so is the base it implies.
  const unit = Math.max(pf.step, roundingUnit(ctx));
  comparePercent(ctx, `${at}/stated/changeRate`, 'figure.change-rate', rate, { value: change, count: 1 }, { value: implied, count: currentCount + 1 }, (printed, exact) =>
    messages['figure.change-rate']({ label, printed, derived: exact, formula: `${fmtPrinted(ctx, pf, change)} ÷ (${fmt(ctx, current)} − ${fmtPrinted(ctx, pf, change)})` }),
  pd, unit);
}

/**
 * What a change word says against the figures: a doubled word ("增加减少") is placeholder residue;
 * 持平 where the amount moved, or 增加/减少 where it did not ("减少0万元": the standard wording is
 * 持平), or the opposite direction. `moved` is the sign of the amount that decides 持平, `direction`
 * the sign the word must agree with (the rate's where the amount is 0). Undefined when it agrees.
 */
function judgeChangeWord(word: string, moved: number, direction: number): 'placeholder' | { severity: 'error' | 'warning'; expected: string } | undefined {
  if (/增加减少|减少增加|增加增加|减少减少|增长下降|下降增长/.test(word)) return 'placeholder';
  const up = UP.test(word) && !DOWN.test(word.replace(UP, ''));
  const down = DOWN.test(word) && !UP.test(word);
  if (FLAT.test(word)) return moved !== 0 ? { severity: 'error', expected: signZh(moved) } : undefined;
  if (moved === 0 && (up || down)) return { severity: 'warning', expected: '持平' };
  if ((up && direction < 0) || (down && direction > 0)) return { severity: 'error', expected: signZh(moved) };
  return undefined;
}

function pushWordVerdict(ctx: DocContext, pointer: string, word: string, verdict: ReturnType<typeof judgeChangeWord>, text: (expected: string) => Text): void {
  if (verdict === undefined) return;
  if (verdict === 'placeholder') push(ctx, pointer, 'warning', 'plaus.placeholder', messages['plaus.placeholder']({ text: word }), undefined, word);
  else push(ctx, pointer, verdict.severity, 'text.change-word', text(verdict.expected), verdict.expected, word);
}

/** A change word against the sign of a stated amount or rate (no previous-year figure to derive one). */
function checkWordAgainst(ctx: DocContext, pointer: string, label: string, word: string, sign: number, figure: string): void {
  pushWordVerdict(ctx, pointer, word, judgeChangeWord(word, sign, sign), () => messages['text.change-word-stated']({ label, word, figure }));
}

/**
 * The previous-year figures of the lines must add up to the previous-year total they
 * belong to (说明 of seed 002: seven line changes imply a 上年 total 5 万元 above the
 * stated one).
 */
export function checkPreviousSums(ctx: DocContext): void {
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

/**
 * What the 说明 states against itself: the total's stated change against the sum of its classes'
 * stated changes (when every class of the total has one), and the stated 机关运行经费 against the
 * stated 公用经费 (an operating cost above the 公用经费 the same text gives).
 */
export function checkStatedRelations(ctx: DocContext): void {
  const { doc } = ctx;
  const statedOf = (key: string, field: 'change' | 'amount'): { fen: Fen; f: ReturnType<typeof figureFormat> } | undefined => {
    const s = doc.figures[key]?.stated;
    const v = s?.[field];
    if (v === undefined) return undefined;
    const f = figureFormat(ctx.text, s);
    return { fen: statedFen(v, f), f };
  };
  for (const [group, totalKey] of [['gpb', 'gpb.total'], ['expenditure', 'expenditure.current'], ['fiscal', 'fiscal.current']] as const) {
    const total = statedOf(totalKey, 'change');
    if (!total) continue;
    const fund: FundGroup = group === 'expenditure' ? 'all' : group;
    const classes = [...new Set(doc.expenditure.filter((r) => fund === 'all' || (fund === 'fiscal' ? ['gpb', 'gfb', 'scob'].includes(r.fund) : r.fund === fund)).map((r) => r.code.slice(0, 3)))];
    if (!classes.length) continue;
    const parts = classes.map((c) => statedOf(`${group}:${c}`, 'change'));
    if (parts.some((p) => p === undefined)) continue;
    const sum = parts.reduce((a, p) => a + p!.fen, 0);
    const label = figureDef(totalKey)?.label ?? totalKey;
    compareAmount(ctx, `/figures/${esc(totalKey)}/stated/change`, 'figure.change-sum', total.fen, sum, classes.length, (p) =>
      messages['figure.change-sum']({ label, count: classes.length, ...p }), total.f);
  }
  // 收入总计 = 支出总计 (a budget always balances): the two stated changes must then agree.
  checkTwinChanges(ctx, 'income.total', 'expenditure.total', statedOf);
  const op = statedOf('operatingCost', 'amount');
  const pub = statedOf('gpb.public', 'amount') ?? statedOf('expenditure.public', 'amount');
  if (op && pub && op.fen > pub.fen) {
    push(ctx, '/figures/operatingCost/stated/amount', 'warning', 'plaus.operating-cost', messages['plaus.operating-cost-stated']({ operating: fmtPrinted(ctx, op.f, op.fen), public: fmtPrinted(ctx, pub.f, pub.fen) }), `≤ ${fmtPrinted(ctx, pub.f, pub.fen)}`, fmtPrinted(ctx, op.f, op.fen));
  }
}

/**
 * Two figures equal this year and last (收入总计 and 支出总计) must be stated with the same
 * change: 收入增加 100 beside 支出增加 90, or 增加 beside 减少, contradict each other
 * whatever the previous year was, so this holds even where no previous figure is recorded.
 */
function checkTwinChanges(
  ctx: DocContext,
  aKey: string,
  bKey: string,
  statedOf: (key: string, field: 'change' | 'amount') => { fen: Fen; f: ReturnType<typeof figureFormat> } | undefined,
): void {
  const a = ctx.doc.figures[aKey];
  const b = ctx.doc.figures[bKey];
  const aDef = figureDef(aKey);
  const bDef = figureDef(bKey);
  if (!a?.stated || !b?.stated || !aDef || !bDef) return;
  const av = aDef.value(ctx.doc, ctx.d, ctx.kind).value;
  const bv = bDef.value(ctx.doc, ctx.d, ctx.kind).value;
  if (av === null || bv === null || av !== bv) return;
  if (a.previous !== undefined && b.previous !== undefined && a.previous !== b.previous) return;
  const ac = statedOf(aKey, 'change');
  const bc = statedOf(bKey, 'change');
  const aw = a.stated.changeWord;
  const bw = b.stated.changeWord;
  const wordSign = (w: string | undefined) => (w === undefined ? undefined : UP.test(w) ? 1 : DOWN.test(w) ? -1 : FLAT.test(w) ? 0 : undefined);
  const amountsDiffer = ac !== undefined && bc !== undefined && Math.abs(ac.fen) !== Math.abs(bc.fen);
  const aSign = wordSign(aw) ?? (ac ? Math.sign(ac.fen) : undefined);
  const bSign = wordSign(bw) ?? (bc ? Math.sign(bc.fen) : undefined);
  const wordsDiffer = aSign !== undefined && bSign !== undefined && aSign !== bSign;
  if (!amountsDiffer && !wordsDiffer) return;
  const say = (word: string | undefined, c: { fen: Fen; f: ReturnType<typeof figureFormat> } | undefined) =>
    [word ?? '', c ? fmtPrinted(ctx, c.f, Math.abs(c.fen)) : ''].join('') || '（未写）';
  push(
    ctx,
    `/figures/${esc(bKey)}/stated/${amountsDiffer ? 'change' : 'changeWord'}`,
    'error',
    'figure.twin-change',
    messages['figure.twin-change']({ a: aDef.label, b: bDef.label, aSaid: say(aw, ac), bSaid: say(bw, bc) }),
    say(aw, ac),
    say(bw, bc),
  );
}

function checkWord(ctx: DocContext, pointer: string, label: string, word: string, change: number, statedSign: number | undefined): void {
  const direction = change !== 0 ? Math.sign(change) : statedSign !== undefined ? Math.sign(statedSign) : 0;
  pushWordVerdict(ctx, pointer, word, judgeChangeWord(word, Math.sign(change), direction), (expected) =>
    messages['text.change-word']({ label, word, sign: expected === '持平' ? signZh(0) : signZh(change) }),
  );
}

function decimalsOfNumber(v: number): number {
  const s = String(v);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** A figure's amount with its summand count: derived, else as stated in the text or table. */
function figureAmount(ctx: DocContext, key: string): { value: Fen; count: number } | null {
  const def = figureDef(key);
  if (!def) return null;
  const fv = def.value(ctx.doc, ctx.d, ctx.kind);
  if (fv.value !== null) return { value: fv.value, count: fv.count };
  const fig = ctx.doc.figures[key];
  if (fig?.stated?.amount !== undefined) return { value: statedFen(fig.stated.amount, figureFormat(ctx.text, fig.stated)), count: 1 };
  if (fig?.table !== undefined) return { value: ctx.d.money(fig.table), count: 1 };
  return null;
}

function labelOf(ctx: DocContext, key: string, fallback: string): string {
  const code = figureCode(key);
  if (!code) return fallback;
  const name = key.startsWith('economic:') ? ctx.reference?.economicDepartment[code] : ctx.reference?.function[code];
  return name ? `${code} ${name}` : fallback;
}

/**
 * 上海's 项目经费情况说明 “六、年度预算安排”: the amounts it writes (projects[].annualPlanFigures, in their
 * printed unit and decimals) against the project's amount where the data has one (funds or total), the
 * “其中” parts against the 总预算 they make up and the written “合计” against the parts, each with the
 * tolerance of its printed precision; and each recorded amount must be in the text as printed. The
 * text is a clerk's prose, so a disagreement is a warning, never an error.
 */
export function checkProjectPlans(ctx: DocContext): void {
  const { doc, d } = ctx;
  doc.projects.forEach((p, i) => {
    const f = p.annualPlanFigures;
    if (!f) return;
    const at = `/projects/${i}/annualPlanFigures`;
    const pf = figureFormat(ctx.text, f);
    const sm = (v: number) => statedFen(v, pf);
    const partsSum = f.parts ? f.parts.reduce((a, x) => a + sm(x.amount), 0) : null;
    const compare = (pointer: string, what: string, printed: Fen, derived: Fen, summands: number, dataUnit: Fen, shown: PrintedFormat) => {
      const verdict = statedAmountVerdict(printed, derived, summands, dataUnit, shown.step);
      if (verdict === 'exact') return;
      const text = messages['figure.project-plan']({ project: p.name, what, printed: fmtPrinted(ctx, pf, printed), derived: fmtExpected(ctx, shown, derived), diff: fmt(ctx, Math.abs(printed - derived)) });
      const rounding = verdict === 'rounding';
      push(ctx, pointer, rounding ? 'notice' : 'warning', rounding ? 'round.amount' : 'figure.project-plan', rounding ? { zh: messages.rounding({ base: text.zh }).zh, en: text.en } : text, fmtPrinted(ctx, pf, derived), fmtPrinted(ctx, pf, printed));
    };
    // The project's own amount, from the tables' data: rounded to the printed step.
    if (projectHasAmounts(p)) {
      const whole = f.total !== undefined ? { pointer: `${at}/total`, what: '项目总预算', fen: sm(f.total) } : partsSum !== null ? { pointer: `${at}/parts`, what: '各项之和', fen: partsSum } : null;
      if (whole) compare(whole.pointer, whole.what, whole.fen, d.projectTotals[i]!, 1, roundingUnit(ctx), pf);
    }
    // Parts and 合计 are printed figures themselves: each may be off by half a printed step.
    if (partsSum !== null && f.total !== undefined) compare(`${at}/parts`, '“其中”各项之和', partsSum, sm(f.total), f.parts!.length, pf.step, pf);
    if (f.sum !== undefined && partsSum !== null) compare(`${at}/sum`, '合计', sm(f.sum), partsSum, f.parts!.length, pf.step, pf);
    // The recorded amounts are the text's, as printed (1720.00 or 1,720.00).
    const text = p.annualPlan ?? '';
    const written = (v: number) => {
      const plain = v.toFixed(f.decimals);
      return [plain, groupThousands(plain)].some((s) => new RegExp(`(^|[^\\d.,])${s.replace(/[.]/g, '\\.')}(?![\\d])`).test(text));
    };
    const amounts: Array<[string, number]> = [
      ...(f.total !== undefined ? [['total', f.total] as [string, number]] : []),
      ...(f.parts ?? []).map((x, j) => [`parts/${j}/amount`, x.amount] as [string, number]),
      ...(f.sum !== undefined ? [['sum', f.sum] as [string, number]] : []),
    ];
    for (const [where, v] of amounts) {
      if (!written(v)) push(ctx, `${at}/${where}`, 'warning', 'figure.project-plan-text', messages['figure.project-plan-text']({ project: p.name, printed: `${v.toFixed(f.decimals)}${f.unit}` }), v.toFixed(f.decimals), text);
    }
  });
}
