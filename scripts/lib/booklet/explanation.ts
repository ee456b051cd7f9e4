/**
 * 第三部分 情况说明, generated from the numbers in the standard wording.
 *
 *   profile tables ─▶ one "关于…的说明" section per table that has one (预算: 关于2024年收支总表的说明;
 *                     决算: 收入支出决算总体情况说明 …), in the profile's order
 *                 ─▶ 其他重要事项 (项目及绩效目标, 机关运行经费, 政府采购, 国有资产, 绩效, other matters)
 *
 * Every number comes from the figure registry (figures.ts, the same one `check` uses), derived from
 * the tables; a figure's `stated` values (what the original booklet printed) are only compared. Where
 * one differs from the derived value beyond rounding (the tolerance of check/rules/stated.ts checkFigures) the
 * derived value is printed and a `text.corrected` notice goes to ctx.issues. Only where the tables do
 * not allow deriving a figure (a 项 row recorded with its total only) does the stated figure stand in.
 * Data text (reasons, purposes, narrative) goes through prose.ts, everything else through html``.
 */
import type { Figure, StatedFigure } from '../model/schema.ts';
import { PROJECT_TEXT_FIELDS, tableNameZh, type ProfileParagraph, type ProfileSection, type ProfileSubsection, type ProfileTable, type TableId } from '../model/profile.ts';
import { figureDef, figureCode } from '../check/figures.ts';
import { expenditureAggregate, isLeafCode } from '../check/derive.ts';
import { formatMoney, formatMoneyPlain, formatPercent, type Fen } from '../model/money.ts';
import {
  amountWithinRounding,
  figureFormat,
  percentExact,
  percentWithinRounding,
  roundingUnit as unitOf,
  statedAmountVerdict,
  statedFen,
  type Counted,
  type PrintedFormat,
} from '../check/tolerance.ts';
import { BookletError, fillTitle, functionLabel, textMoney, type BuildContext } from './context.ts';
import { FIGURE_PLACEHOLDERS, resolveWording, tableHeading, type TABLE_SECTION_IDS } from './wording.ts';
import { html, joinHtml, type SafeHtml } from './html.ts';
import { renderInline, renderMarkdown } from './prose.ts';
import { chineseNumeral } from './overview.ts';
import type { Block, TableView } from './model.ts';

// ------------------------------------------------------------------ state

interface Writer {
  ctx: BuildContext;
  /** Unit name as printed in the sentences. */
  u: string;
  year: number;
  budget: boolean;
  /** Pointers already corrected: a figure printed in two sections is reported once. */
  reported: Set<string>;
  /** Headings and sentence templates: the national wording with the profile's keys (wording.ts). */
  wording: Record<string, string>;
  /** Each project's 项目绩效目标表 by project index, for an eachProject section that prints them (booklet.ts). */
  projectTables?: ReadonlyMap<number, TableView>;
}

/** One registry figure as the text prints it. */
export interface Fact {
  key: string;
  label: string;
  value: Fen;
  /** Printed summands behind the value (rounding tolerance). */
  count: number;
  /** False where the tables do not give the figure and the stated (or table) figure stands in. */
  derived: boolean;
  /** 年初预算 (决算): derived from the rows' budget where all have one, else as stated. */
  budget: Fen | null;
  budgetDerived: boolean;
  budgetCount: number;
  /** 全年预算 (决算, the adjusted budget): derived from the rows where all have one, else as stated. */
  adjusted: Fen | null;
  adjustedDerived: boolean;
  adjustedCount: number;
  fig: Figure | undefined;
}

function figureOf(ctx: BuildContext, key: string): Figure | undefined {
  return Object.hasOwn(ctx.doc.figures, key) ? ctx.doc.figures[key] : undefined;
}

function labelOf(ctx: BuildContext, key: string, fallback: string): string {
  const code = figureCode(key);
  if (!code) return fallback;
  const name = key.startsWith('economic:') ? ctx.reference?.economicDepartment[code] : ctx.reference?.function[code];
  return name ? `${code} ${name}` : fallback;
}

function fact(w: Writer, key: string): Fact | null {
  const def = figureDef(key);
  if (!def) return null;
  const { ctx } = w;
  const m = ctx.d.money;
  const fv = def.value(ctx.doc, ctx.d, ctx.kind);
  const fig = figureOf(ctx, key);
  let value = fv.value;
  const derived = value !== null;
  if (value === null) {
    value = fig?.stated?.amount !== undefined ? statedFen(fig.stated.amount, figureFormat(ctx.text, fig.stated)) : fig?.table !== undefined ? m(fig.table) : null;
  }
  if (value === null) return null;
  const budgetDerived = fv.budget !== undefined && fv.budget !== null;
  const budget = budgetDerived ? (fv.budget as Fen) : fig?.stated?.budget !== undefined ? statedFen(fig.stated.budget, figureFormat(ctx.text, fig.stated)) : null;
  const adjustedDerived = fv.adjusted !== undefined && fv.adjusted !== null;
  const adjusted = adjustedDerived ? (fv.adjusted as Fen) : fig?.stated?.adjusted !== undefined ? statedFen(fig.stated.adjusted, figureFormat(ctx.text, fig.stated)) : null;
  return {
    key,
    label: labelOf(ctx, key, def.label),
    value,
    count: fv.count,
    derived,
    budget,
    budgetDerived,
    budgetCount: budgetDerived ? fv.count : 1,
    adjusted,
    adjustedDerived,
    adjustedCount: adjustedDerived ? fv.count : 1,
    fig,
  };
}

/** True when the text should mention the figure: it is not zero, or the data records it. */
function mentioned(w: Writer, f: Fact | null): f is Fact {
  return f !== null && (f.value !== 0 || figureOf(w.ctx, f.key) !== undefined);
}

// ------------------------------------------------------------------ corrections

/** `derived` may explain itself ("“新增”（上年为0）"); `shown` is what the booklet prints. */
export const correctedText = (p: { label: string; what: string; printed: string; derived: string; shown?: string }) => ({
  zh: `说明中“${p.label}”${p.what}原文为${p.printed}，按表中数据应为${p.derived}，已按${p.shown ?? p.derived}印出。`,
  en: `${p.label}${p.what ? ` (${p.what})` : ''}: the original text says ${p.printed}, the tables give ${p.derived}; printed ${p.shown ?? p.derived}`,
});

function correct(w: Writer, f: Fact, field: keyof StatedFigure, what: string, printed: string, derived: string, shown = derived): void {
  const pointer = `${w.ctx.base}/figures/${f.key.replace(/~/g, '~0').replace(/\//g, '~1')}/stated/${field}`;
  if (w.reported.has(pointer)) return;
  w.reported.add(pointer);
  const t = correctedText({ label: f.label, what, printed, derived, shown });
  w.ctx.issues.push({ pointer, severity: 'notice', rule: 'text.corrected', message: t.zh, messageEn: t.en, expected: shown, found: printed });
}

/** One printed unit of the document's figures (tolerance.ts). */
function roundingUnit(ctx: BuildContext): Fen {
  return unitOf(ctx.currency, ctx.decimals);
}

/**
 * Beyond rounding (tolerance.ts, as `check` decides): the stated figure is corrected. `format` is how
 * the figure was printed (its unit and decimals); by default the tables' own.
 */
function amountBeyond(ctx: BuildContext, printed: Fen, derived: Fen, summands: number, format?: PrintedFormat): boolean {
  const unit = roundingUnit(ctx);
  return statedAmountVerdict(printed, derived, summands, unit, format?.step ?? unit) === 'beyond';
}

function percentBeyond(ctx: BuildContext, stated: number, num: Counted, den: Counted, decimals?: number): boolean {
  if (den.value === 0 || percentExact(stated, num.value, den.value, decimals)) return false;
  return !percentWithinRounding(stated, num, den, roundingUnit(ctx), decimals);
}

/** A figure's printed format (its unit and decimals, by default the 说明's). */
const formatOf = (w: Writer, s: StatedFigure | undefined): PrintedFormat => figureFormat(w.ctx.text, s);

/** True when `f` is the tables' own format: corrections then name amounts exactly as before. */
const isDataFormat = (w: Writer, f: PrintedFormat) => f.currency === w.ctx.dataCurrency && f.step === roundingUnit(w.ctx);

/** A stated amount as the original printed it: exact without trailing zeros, or at its own decimals. */
const plain = (w: Writer, fen: Fen, f: PrintedFormat = formatOf(w, undefined)) =>
  isDataFormat(w, f) ? `${formatMoneyPlain(fen, w.ctx.dataCurrency)}${w.ctx.currencyZh}` : `${formatMoney(fen, f.currency, f.decimals)}${f.currency === 'wan' ? '万元' : '元'}`;
const money = (w: Writer, fen: Fen) => textMoney(w.ctx, fen);
/** A figure's own amount or change: without trailing decimal zeros where its record says the original printed so ("4,614万元"). */
const figureMoney = (w: Writer, f: Fact, fen: Fen) => (f.fig?.trimZeros ? trimMoneyText(money(w, fen)) : money(w, fen));
/** "4,614.00万元" → "4,614万元", "454.50万元" → "454.5万元". */
const trimMoneyText = (text: string) => text.replace(/\.(\d*?)0+(?=万?元$)/, (_m, kept: string) => (kept ? `.${kept}` : ''));

// ------------------------------------------------------------------ sentence pieces

/** The figure's amount as printed ("2805.56万元"), reporting a wrong stated amount. */
function amount(w: Writer, f: Fact): string {
  const s = f.fig?.stated;
  if (f.derived && s?.amount !== undefined) {
    const pf = formatOf(w, s);
    const printed = statedFen(s.amount, pf);
    if (amountBeyond(w.ctx, printed, f.value, f.count, pf)) correct(w, f, 'amount', '', plain(w, printed, pf), money(w, f.value));
  }
  return figureMoney(w, f, f.value);
}

/** "占本年支出合计的23.54%", with the registry's denominator; '' where it is unknown or 0. */
/** The share of its denominator (docs/figures.md): “占本年支出合计的23.54%”, or the bare “23.54%” ({percent}). */
function share(w: Writer, f: Fact, bare = false): string {
  const den = figureDef(f.key)?.denominator;
  const d = den ? fact(w, den) : null;
  if (!d || d.value === 0) return '';
  const pct = formatPercent(f.value, d.value, 2);
  const s = f.fig?.stated?.share;
  if (s !== undefined && percentBeyond(w.ctx, s, f, d, f.fig?.stated?.percentDecimals)) correct(w, f, 'share', '占比', `${s}%`, `${pct}%`);
  return bare ? `${pct}%` : `占${d.label}的${pct}%`;
}

type Direction = 'up' | 'down' | 'flat' | 'new';
interface Change {
  dir: Direction;
  /** "增加1653.67万元，增长143.56%", "减少1.14万元，下降0.31%", "新增1760.00万元", "持平". */
  phrase: string;
  /** The change's absolute amount as printed ("1653.67万元"); absent where only a rate is stated. */
  amountText?: string;
}

const WORD: Record<Direction, string> = { up: '增加', down: '减少', flat: '持平', new: '新增' };

function wordClass(word: string): Direction | 'mixed' | 'unknown' {
  const up = /增加|增长|上升|提高|新增/.test(word);
  const down = /减少|下降|降低/.test(word);
  if (up && down) return 'mixed';
  if (/持平|不变|无增减/.test(word)) return 'flat';
  return up ? 'up' : down ? 'down' : 'unknown';
}

/**
 * The change against the previous year where the data records it; reports wrong stated changes. Without
 * a previous-year amount, a change the original states ("比2025年预算减少19.79万元": changeWord and change,
 * optionally changeRate) is printed as stated (statedChange); no previous-year figure is made up.
 */
function change(w: Writer, f: Fact): Change | null {
  const fig = f.fig;
  if (fig?.previous === undefined) return statedChange(w, f);
  const m = w.ctx.d.money;
  const previous = m(fig.previous);
  const diff = f.value - previous;
  const s: StatedFigure = fig.stated ?? {};
  const pf = formatOf(w, s);
  const signed = (fen: Fen, format?: PrintedFormat) => (fen < 0 ? `减少${plain(w, -fen, format)}` : `增加${plain(w, fen, format)}`);
  if (s.change !== undefined && amountBeyond(w.ctx, statedFen(s.change, pf), diff, 2, pf)) {
    correct(w, f, 'change', '比上年增减额', signed(statedFen(s.change, pf), pf), isDataFormat(w, pf) ? signed(diff) : diff < 0 ? `减少${money(w, -diff)}` : `增加${money(w, diff)}`);
  }
  const dir: Direction = diff === 0 ? 'flat' : previous === 0 && diff > 0 ? 'new' : diff > 0 ? 'up' : 'down';
  if (s.changeRate !== undefined) {
    if (previous === 0) {
      if (s.changeRate !== 0) correct(w, f, 'changeRate', '增减幅度', `${s.changeRate}%`, '“新增”（上年为0，不能计算增长率）', '“新增”');
    } else if (percentBeyond(w.ctx, s.changeRate, { value: diff, count: f.count + 1 }, { value: previous, count: 1 }, s.percentDecimals)) {
      correct(w, f, 'changeRate', '增减幅度', `${s.changeRate}%`, `${formatPercent(diff, previous, 2)}%`);
    }
  }
  if (s.changeWord !== undefined) {
    const said = wordClass(s.changeWord);
    const want = dir === 'new' ? 'up' : dir;
    if (said !== 'unknown' && said !== want && !(said === 'new' && dir === 'new')) {
      correct(w, f, 'changeWord', '增减用词', s.changeWord, WORD[dir]);
    }
  }
  const abs = Math.abs(diff);
  const rate = previous !== 0 ? formatPercent(abs, Math.abs(previous), 2) : '';
  const phrase =
    dir === 'flat' ? '持平' : dir === 'new' ? `新增${figureMoney(w, f, abs)}` : dir === 'up' ? `增加${figureMoney(w, f, abs)}，增长${rate}%` : `减少${figureMoney(w, f, abs)}，下降${rate}%`;
  return { dir, phrase, amountText: figureMoney(w, f, abs) };
}

/**
 * A change stated without a previous-year amount, printed as the original states it: the direction
 * from the recorded amount's sign (else the word, else the rate's sign), the amount in its printed unit
 * and decimals, the rate where stated. `check` has checked that word, amount and rate agree
 * (check/rules/stated.ts checkStatedChange). Null when nothing but a word is recorded.
 */
function statedChange(w: Writer, f: Fact): Change | null {
  const s = f.fig?.stated;
  if (!s || (s.change === undefined && s.changeRate === undefined)) return null;
  const pf = formatOf(w, s);
  const fen = s.change !== undefined ? statedFen(s.change, pf) : undefined;
  const said = s.changeWord !== undefined ? wordClass(s.changeWord) : 'unknown';
  const sign = fen !== undefined && fen !== 0 ? Math.sign(fen) : s.changeRate !== undefined && s.changeRate !== 0 ? Math.sign(s.changeRate) : fen === 0 ? 0 : said === 'up' || said === 'new' ? 1 : said === 'down' ? -1 : 0;
  if (sign === 0) return { dir: 'flat', phrase: '持平' };
  const dir: Direction = sign > 0 ? 'up' : 'down';
  const printed = fen !== undefined ? formatMoney(Math.abs(fen), pf.currency, pf.decimals, w.ctx.text.thousands) : '';
  const withUnit = `${printed}${pf.currency === 'wan' ? '万元' : '元'}`;
  const amountText = fen !== undefined ? (f.fig?.trimZeros ? trimMoneyText(withUnit) : withUnit) : '';
  const r = s.changeRate;
  const rateText = r !== undefined ? `${s.percentDecimals === undefined ? String(Math.abs(r)) : Math.abs(r).toFixed(s.percentDecimals)}%` : '';
  const verb = dir === 'up' ? ['增加', '增长'] : ['减少', '下降'];
  const phrase = amountText ? `${verb[0]}${amountText}${rateText ? `，${verb[1]}${rateText}` : ''}` : `${verb[1]}${rateText}`;
  return amountText ? { dir, phrase, amountText } : { dir, phrase };
}

/** "比2023年预算增加…" / "与2023年预算持平" (决算: "比2022年…"). */
function versus(w: Writer, c: Change): string {
  const ref = fillTitle(w.ctx, w.wording['versus.reference']!);
  return c.dir === 'flat' ? `与${ref}持平` : `比${ref}${c.phrase}`;
}

/** "增加100.00万元" / "减少…" / "持平" (Shanghai: the amount without the rate); '' where only a rate is stated. */
function changeAmount(c: Change): string {
  if (c.dir === 'flat') return '持平';
  return c.amountText === undefined ? '' : `${c.dir === 'down' ? '减少' : '增加'}${c.amountText}`;
}

/** "比2024年预算增加100.00万元" / "与2024年预算持平": {changeAmount} after its reference, "比…持平" being ungrammatical. */
function versusAmount(w: Writer, c: Change): string {
  const amount = changeAmount(c);
  if (!amount) return '';
  const ref = fillTitle(w.ctx, w.wording['versus.reference']!);
  return c.dir === 'flat' ? `与${ref}持平` : `比${ref}${amount}`;
}

/** Data text continuing a generated sentence: inline Markdown, its own closing punctuation dropped. */
function inline(text: string): SafeHtml {
  return renderInline(text.trim().replace(/[。；;，,、.\s]+$/u, ''));
}

/** "，增长原因主要是…" after a change (决算: "，主要原因是…"). */
function reason(w: Writer, f: Fact, c: Change): SafeHtml | string {
  const r = f.fig?.reason;
  if (!r?.trim()) return '';
  return html`，${reasonLead(w, c)}${inline(r)}`;
}

/** "增长原因主要是" / "下降原因主要是" / "原因主要是" (决算: "主要原因是"), as the wording says. */
function reasonLead(w: Writer, c: Change): string {
  return w.wording[c.dir === 'up' || c.dir === 'new' ? 'reason.up' : c.dir === 'down' ? 'reason.down' : 'reason.flat']!;
}

/** "，比2023年预算增加…，增长原因主要是…", or '' without a previous-year figure. */
function changeWithReason(w: Writer, f: Fact): SafeHtml | string {
  const c = change(w, f);
  return c ? html`，${versus(w, c)}${reason(w, f, c)}` : '';
}

/**
 * 决算 against 年初预算: full "年初预算为X万元，支出决算为Y万元，完成年初预算的Z%，决算数大于预算数的主要原因是…",
 * short (after the amount was printed) "年初预算为X万元，完成年初预算的Z%…". No rate from a zero 年初预算.
 */
function completion(w: Writer, f: Fact, mode: 'full' | 'short', rateLead = '完成年初预算的'): SafeHtml | null {
  if (f.budget === null) return null;
  const m = w.ctx.d.money;
  const s: StatedFigure = f.fig?.stated ?? {};
  const pf = formatOf(w, s);
  if (f.budgetDerived && s.budget !== undefined && amountBeyond(w.ctx, statedFen(s.budget, pf), f.budget, f.count, pf)) {
    correct(w, f, 'budget', '年初预算', plain(w, statedFen(s.budget, pf), pf), money(w, f.budget));
  }
  let rate = '';
  if (f.budget === 0) {
    if (s.completionRate !== undefined) correct(w, f, 'completionRate', '完成年初预算的比例', `${s.completionRate}%`, '无（年初预算为0，不能计算）', '不写比例');
  } else {
    const pct = formatPercent(f.value, f.budget, 2);
    if (s.completionRate !== undefined && percentBeyond(w.ctx, s.completionRate, { value: f.value, count: f.count }, { value: f.budget, count: f.budgetCount }, s.percentDecimals)) {
      correct(w, f, 'completionRate', '完成年初预算的比例', `${s.completionRate}%`, `${pct}%`);
    }
    rate = `，${rateLead}${pct}%`;
  }
  const cmp = budgetCompare(w, f, f.budget);
  const head = mode === 'full' ? `年初预算为${money(w, f.budget)}，支出决算为${amount(w, f)}` : `年初预算为${money(w, f.budget)}`;
  const br = f.fig?.budgetReason;
  const why = br?.trim() ? html`，决算数${cmp}预算数的主要原因是${inline(br)}` : '';
  return html`${head}${rate}${why}`;
}

/** 决算 against 年初预算: "大于" / "小于" / "等于", reporting a stated compareWord that says otherwise. */
function budgetCompare(w: Writer, f: Fact, budget: Fen): '大于' | '小于' | '等于' {
  const cmp = f.value > budget ? '大于' : f.value < budget ? '小于' : '等于';
  const said = f.fig?.stated?.compareWord;
  if (said !== undefined) {
    const word = /大于|超/.test(said) ? '大于' : /小于|低于/.test(said) ? '小于' : /持平|等于|相等/.test(said) ? '等于' : null;
    if (word !== null && word !== cmp) correct(w, f, 'compareWord', '决算数与预算数比较用词', said, cmp);
  }
  return cmp;
}

/** The 全年预算 as printed, reporting a wrong stated one; '' where the data has none. */
function adjustedAmount(w: Writer, f: Fact): string {
  if (f.adjusted === null) return '';
  const s = f.fig?.stated;
  if (f.adjustedDerived && s?.adjusted !== undefined) {
    const pf = formatOf(w, s);
    if (amountBeyond(w.ctx, statedFen(s.adjusted, pf), f.adjusted, f.count, pf)) correct(w, f, 'adjusted', '全年预算', plain(w, statedFen(s.adjusted, pf), pf), money(w, f.adjusted));
  }
  return money(w, f.adjusted);
}

const BASE_ZH = { budget: '年初预算', adjusted: '全年预算' } as const;

/**
 * The 决算 as a percentage of 年初预算 or 全年预算 ("102.38%"), reporting a wrong stated rate
 * (completionRate, adjustedRate); '' where that budget is unknown or 0, so a profile's [ ] drops it.
 */
function rateAgainst(w: Writer, f: Fact, base: 'budget' | 'adjusted'): string {
  const b = base === 'budget' ? f.budget : f.adjusted;
  if (b === null || b === 0) return '';
  const pct = formatPercent(f.value, b, 2);
  const field = base === 'budget' ? 'completionRate' : 'adjustedRate';
  const stated = f.fig?.stated?.[field];
  const count = base === 'budget' ? f.budgetCount : f.adjustedCount;
  if (stated !== undefined && percentBeyond(w.ctx, stated, { value: f.value, count: f.count }, { value: b, count }, f.fig?.stated?.percentDecimals)) {
    correct(w, f, field, `完成${BASE_ZH[base]}的比例`, `${stated}%`, `${pct}%`);
  }
  return `${pct}%`;
}

/** "与全年预算数持平" / "较全年预算增加12.00万元" / "较年初预算减少…"; '' where that budget is unknown. */
function versusBase(w: Writer, f: Fact, base: 'budget' | 'adjusted'): string {
  const b = base === 'budget' ? f.budget : f.adjusted;
  if (b === null) return '';
  const diff = f.value - b;
  if (diff === 0) return `与${BASE_ZH[base]}数持平`;
  return `较${BASE_ZH[base]}${diff > 0 ? '增加' : '减少'}${money(w, Math.abs(diff))}`;
}

interface LineOptions {
  label?: string;
  share?: boolean;
  /** Lead of the figure's purpose: "主要用于" (default) or "主要包括："; false leaves it out. */
  purpose?: string | false;
  /** 决算: add "年初预算为X万元，完成年初预算的Z%…" after the amount. */
  completion?: boolean;
  /** The words before that rate where the wording differs ("完成预算的"). */
  completionLead?: string;
  /** Leave out the change against the previous year (printed elsewhere). */
  noChange?: boolean;
}

/** "基本支出660.57万元，占本年支出合计的23.54%，主要用于…，比…增加…，增长原因主要是…" (no final punctuation). */
function line(w: Writer, f: Fact, o: LineOptions = {}): SafeHtml {
  const parts: Array<string | SafeHtml> = [o.label ?? f.label, amount(w, f)];
  if (o.share !== false) {
    const s = share(w, f);
    if (s) parts.push(`，${s}`);
  }
  const purpose = f.fig?.purpose;
  if (o.purpose !== false && purpose?.trim()) parts.push(html`，${o.purpose ?? w.wording['purpose.lead']!}${inline(purpose)}`);
  if (!w.budget && o.completion) {
    const c = completion(w, f, 'short', o.completionLead);
    if (c) parts.push(html`，${c}`);
  }
  if (!o.noChange) parts.push(changeWithReason(w, f));
  return html`${parts}`;
}

const para = (...parts: Array<string | SafeHtml>): SafeHtml => html`<p>${parts}</p>`;
const prose = (paragraphs: SafeHtml[]): Block => ({ type: 'prose', html: joinHtml(paragraphs) });
const joined = (items: SafeHtml[], sep = '；'): SafeHtml => joinHtml(items, sep);

// ------------------------------------------------------------------ classification helpers

/** 功能分类 codes of 项 rows with money in `fund` ('all' for every source), by level, in code order. */
function codes(w: Writer, fund: 'all' | 'fiscal' | 'gpb' | 'gfb' | 'scob', digits: 3 | 7): string[] {
  const out = new Set<string>();
  for (const row of w.ctx.doc.expenditure) {
    if (!isLeafCode(row.code)) continue;
    if (fund === 'fiscal' ? !['gpb', 'gfb', 'scob'].includes(row.fund) : fund !== 'all' && row.fund !== fund) continue;
    const code = row.code.slice(0, digits);
    if (expenditureAggregate(w.ctx.d, fund, code).total !== 0 || (digits === 7 && figureOf(w.ctx, `${fund}:${code}`))) out.add(code);
  }
  return [...out].sort();
}

function printedName(w: Writer, code: string): string | undefined {
  return w.ctx.doc.expenditure.find((r) => r.code === code && r.name)?.name;
}

const className = (w: Writer, code: string) => functionLabel(w.ctx, code, printedName(w, code));

/** "卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）". */
function itemName(w: Writer, code: string): string {
  const name = (c: string) => functionLabel(w.ctx, c, printedName(w, c));
  return `${name(code.slice(0, 3))}（类）${name(code.slice(0, 5))}（款）${name(code)}（项）`;
}

/** "社会保障和就业支出5.00万元，占本年财政拨款的0.18%；卫生健康支出…" for `group:<class>` keys. */
function classList(w: Writer, group: 'fiscal' | 'gpb' | 'gfb' | 'scob' | 'expenditure'): SafeHtml | null {
  const fund = group === 'expenditure' ? 'all' : group;
  const items = codes(w, fund, 3)
    .map((c) => fact(w, `${group}:${c}`))
    .filter((f): f is Fact => f !== null)
    .map((f) => line(w, f, { label: className(w, figureCode(f.key)!), purpose: false }));
  return items.length ? joined(items) : null;
}

function tableName(w: Writer, spec: ProfileTable): string {
  return spec.title
    .replaceAll('{unit}', '')
    .replace(/\{year\}年?度?/g, '')
    .replaceAll('{level}', w.ctx.levelZh)
    .replaceAll('{kind}', w.ctx.kindZh)
    .replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (whole, name: string) => (Object.hasOwn(w.ctx.levelWords, name) ? w.ctx.levelWords[name]! : whole))
    .trim();
}

function fundsOf(w: Writer, pick: (fund: 'gpb' | 'gfb' | 'scob') => Fen): Array<{ label: string; fen: Fen }> {
  return (['gpb', 'gfb', 'scob'] as const).map((f) => ({ label: FUND_ZH[f], fen: pick(f) }));
}

const FUND_ZH = { gpb: '一般公共预算', gfb: '政府性基金预算', scob: '国有资本经营预算' } as const;

// ------------------------------------------------------------------ sections by table

type SectionBody = Block[] | null;
type TableSection = (w: Writer, spec: ProfileTable) => SectionBody;

function summarySection(w: Writer): SectionBody {
  const { ctx, u, year } = w;
  const inc = fact(w, 'income.total');
  const exp = fact(w, 'expenditure.total');
  if (!inc || !exp) return null;
  // The two sides are one figure when they differ by rounding only (seed 002: 2805.56 against
  // 2805.57 re-added from the rounded 项 rows): the income side, a sum of few lines, is printed.
  const same = !amountBeyond(ctx, exp.value, inc.value, exp.count);
  const out: SafeHtml[] = [];
  if (w.budget) {
    const sources = INCOME_BUDGET.map(([k, label]) => ({ f: fact(w, k), label })).filter((x) => x.f && x.f.value !== 0).map((x) => x.label);
    const classes = codes(w, 'all', 3).map((c) => className(w, c));
    // Balanced: one figure for both sides (the expenditure side's stated figures are still compared),
    // and one change unless the original recorded a different previous year for each side (seed 004).
    const ci = change(w, inc);
    const ce = change(w, exp);
    let totals: SafeHtml;
    if (same) {
      amount(w, exp);
      const both = ci && ce && ce.phrase !== ci.phrase;
      totals = both
        ? html`${u}${year}年收支总预算${amount(w, inc)}，收入总计${versus(w, ci)}${reason(w, inc, ci)}；支出总计${versus(w, ce)}${reason(w, exp, ce)}`
        : html`${u}${year}年收支总预算${amount(w, inc)}${ci ? html`，${versus(w, ci)}${reason(w, inc, ci)}` : ce ? html`，${versus(w, ce)}${reason(w, exp, ce)}` : ''}`;
    } else {
      totals = html`${line(w, inc, { label: `${u}${year}年收入总预算`, share: false, purpose: false })}；${line(w, exp, { label: '支出总预算', share: false, purpose: false })}`;
    }
    const income = sources.length === 1 ? `收入全部是${sources[0]}` : sources.length ? `收入包括${sources.join('、')}` : '';
    const spending = classes.length ? `支出包括：${classes.join('、')}` : '';
    out.push(para(`按照综合预算的原则，${u}所有收入和支出均纳入${ctx.levelZh}预算管理。`, totals, [income, spending].filter(Boolean).map((t) => `，${t}`).join(''), '。'));
  } else {
    const ci = change(w, inc);
    const ce = change(w, exp);
    const head = html`${year}年度收入总计${amount(w, inc)}（含使用非财政拨款结余、年初结转和结余）、支出总计${amount(w, exp)}（含结余分配、年末结转和结余）。`;
    let tail: SafeHtml | string = '';
    if (ci && same && (!ce || ce.phrase === ci.phrase)) {
      tail = html`与${year - 1}年相比，收、支总计${ci.dir === 'flat' ? '均持平' : `各${ci.phrase}`}${reason(w, inc, ci)}。`;
    } else if (ci || ce) {
      const parts = [ci ? html`收入总计${versus(w, ci)}${reason(w, inc, ci)}` : '', ce ? html`支出总计${versus(w, ce)}${reason(w, exp, ce)}` : ''].filter((p) => p !== '');
      tail = html`${joinHtml(parts as SafeHtml[], '；')}。`;
    }
    out.push(para(head, tail));
  }
  return [prose(out)];
}

const INCOME_BUDGET: ReadonlyArray<readonly [string, string]> = [
  ['income.gpb', '一般公共预算拨款收入'],
  ['income.gfb', '政府性基金预算拨款收入'],
  ['income.scob', '国有资本经营预算拨款收入'],
  ['income.specialAccount', '财政专户管理资金收入'],
  ['income.business', '事业收入'],
  ['income.operating', '事业单位经营收入'],
  ['income.superior', '上级补助收入'],
  ['income.affiliated', '附属单位上缴收入'],
  ['income.other', '其他收入'],
];

const INCOME_FINAL: ReadonlyArray<readonly [string, string]> = [
  ['income.fiscal', '财政拨款收入'],
  ['income.superior', '上级补助收入'],
  ['income.business', '事业收入'],
  ['income.operating', '经营收入'],
  ['income.affiliated', '附属单位上缴收入'],
  ['income.other', '其他收入'],
];

function incomeSection(w: Writer): SectionBody {
  const { u, year } = w;
  const total = fact(w, 'income.total');
  const current = fact(w, 'income.current');
  const carry = fact(w, 'income.carryover');
  if (!total || !current) return null;
  const m = w.ctx.d.money;
  const out: SafeHtml[] = [];
  if (w.budget) {
    out.push(para(`${u}${year}年收入预算${amount(w, total)}，其中，本年收入${amount(w, current)}`, carry ? `，上年结转收入${amount(w, carry)}` : '', '。'));
    const sources = INCOME_BUDGET.map(([k, label]) => ({ f: fact(w, k), label })).filter((x): x is { f: Fact; label: string } => mentioned(w, x.f));
    const only = sources.length === 1 && sources[0]!.f.value === current.value ? sources[0]! : null;
    const detail = only
      ? html`收入全部为${only.label}${changeWithReason(w, only.f)}。`
      : sources.length
        ? html`其中：${joined(sources.map((x) => line(w, x.f, { label: x.label, purpose: false })))}。`
        : '';
    out.push(para('（一）', line(w, current, { label: '本年收入', share: false, purpose: false }), '。', detail));
    if (carry) {
      const c = w.ctx.doc.income.carryover;
      const by = [
        ...fundsOf(w, (f) => m(c[f])).map((x) => ({ label: `${x.label}拨款`, fen: x.fen })),
        { label: '财政专户管理资金', fen: m(c.specialAccount) },
        { label: '单位资金', fen: m(c.unitFunds) },
      ].filter((x) => x.fen !== 0);
      out.push(para(`（二）上年结转收入${amount(w, carry)}`, by.length ? `，其中：${by.map((x) => `${x.label}${money(w, x.fen)}`).join('、')}` : '', '。'));
    }
  } else {
    const items = INCOME_FINAL.map(([k, label]) => ({ f: fact(w, k), label })).filter((x): x is { f: Fact; label: string } => mentioned(w, x.f));
    out.push(para(line(w, current, { label: `${year}年度收入合计`, share: false, purpose: false }), '。', items.length ? html`其中：${joined(items.map((x) => line(w, x.f, { label: x.label, purpose: false })))}。` : ''));
    const extra = [fact(w, 'income.nonFiscalBalanceUsed'), carry].filter((f): f is Fact => f !== null && f.value !== 0);
    if (extra.length) {
      out.push(para(`此外，${extra.map((f) => `${f.key === 'income.carryover' ? '年初结转和结余' : '使用非财政拨款结余'}${amount(w, f)}`).join('，')}。`));
    }
  }
  return [prose(out)];
}

function expenditureSection(w: Writer): SectionBody {
  const { u, year } = w;
  const current = fact(w, 'expenditure.current');
  if (!current) return null;
  const columns: Array<[string, string, string]> = [
    ['expenditure.basic', '基本支出', '基本支出'],
    ['expenditure.project', '项目支出', '项目支出'],
    ['expenditure.operating', '事业单位经营支出', '经营支出'],
    ['expenditure.toSuperior', '上缴上级支出', '上缴上级支出'],
    ['expenditure.toAffiliated', '对附属单位补助支出', '对附属单位补助支出'],
  ];
  const items = columns
    .map(([k, b, f]) => ({ f: fact(w, k), label: w.budget ? b : f }))
    // 基本支出 and 项目支出 always; the other columns where they have money or the original names them.
    .filter((x): x is { f: Fact; label: string } => x.f !== null && (x.f.key === 'expenditure.basic' || x.f.key === 'expenditure.project' || mentioned(w, x.f)))
    .map((x) => line(w, x.f, { label: x.label }));
  const head = w.budget
    ? line(w, current, { label: `${u}${year}年支出预算`, share: false, purpose: false })
    : line(w, current, { label: `${year}年度支出合计`, share: false, purpose: false });
  return [prose([para(head, '。', items.length ? html`其中，${joined(items)}。` : '')])];
}

function fiscalSection(w: Writer): SectionBody {
  const { u, year, ctx } = w;
  const total = fact(w, 'fiscal.total');
  if (!total) return null;
  const m = ctx.d.money;
  const out: SafeHtml[] = [];
  const classes = classList(w, 'fiscal');
  if (w.budget) {
    const inc = ctx.doc.income;
    const bySource = fundsOf(w, (f) => m(inc[f]) + m(inc.carryover[f])).filter((x) => x.fen !== 0);
    const current = fact(w, 'fiscal.current');
    const carry = fact(w, 'fiscal.carryover');
    const src = bySource.length === 1 ? `全部为${bySource[0]!.label}拨款${money(w, bySource[0]!.fen)}` : `为：${bySource.map((x) => `${x.label}拨款${money(w, x.fen)}`).join('、')}`;
    const byYear =
      current && (!carry || carry.value === 0)
        ? `全部为当年财政拨款收入${amount(w, current)}`
        : `为：当年财政拨款收入${current ? amount(w, current) : money(w, 0)}、上年结转${carry ? amount(w, carry) : money(w, 0)}`;
    out.push(
      para(
        line(w, total, { label: `${u}${year}年财政拨款收支预算`, share: false, purpose: false }),
        '。',
        bySource.length ? `收入按资金来源分${src}；按资金年度分${byYear}。` : '',
        classes ? html`支出按功能分类分为：${classes}。` : '',
      ),
    );
  } else {
    const closing = 'balances' in ctx.doc ? ctx.doc.balances.closing : {};
    const spending = expenditureAggregate(ctx.d, 'fiscal').total + m(closing.gpb) + m(closing.gfb) + m(closing.scob);
    const c = change(w, total);
    out.push(
      para(
        `${year}年度财政拨款收入总计${amount(w, total)}（含年初财政拨款结转和结余），支出总计${money(w, spending)}（含年末财政拨款结转和结余）。`,
        c && spending === total.value ? html`与${year - 1}年相比，财政拨款收、支总计${c.dir === 'flat' ? '均持平' : `各${c.phrase}`}${reason(w, total, c)}。` : '',
        c && spending !== total.value ? html`财政拨款收入总计${versus(w, c)}${reason(w, total, c)}。` : '',
        classes ? html`财政拨款支出按功能分类分为：${classes}。` : '',
      ),
    );
  }
  return [prose(out)];
}

function gpbSection(w: Writer, anchor: string): SectionBody {
  const { u, year } = w;
  const total = fact(w, 'gpb.total');
  if (!total) return null;
  const classes = classList(w, 'gpb');
  const leaves = codes(w, 'gpb', 7)
    .map((c) => ({ code: c, f: fact(w, `gpb:${c}`) }))
    .filter((x): x is { code: string; f: Fact } => x.f !== null);
  const sub = (i: number, heading: string, paragraphs: SafeHtml[]): Block => ({
    type: 'section',
    anchor: `${anchor}-${i}`,
    heading: `（${chineseNumeral(i)}）${fillTitle(w.ctx, w.wording[heading]!)}`,
    blocks: [prose(paragraphs)],
  });
  if (w.budget) {
    const items = leaves.flatMap((x, i) => paraOf(fillTemplate(w, w.wording['gpb.item']!, 'gpb.item', { fact: x.f, vars: { n: String(i + 1), name: itemName(w, x.code) } })));
    return [
      sub(1, 'heading.gpb.scale', [para(line(w, total, { label: `${u}${year}年一般公共预算支出`, share: false, purpose: false }), '。')]),
      sub(2, 'heading.gpb.structure', [para(classes ? html`${classes}。` : `${u}${year}年没有一般公共预算支出。`)]),
      sub(3, 'heading.gpb.detail', items.length ? items : [para('无。')]),
    ];
  }
  const parts = ['gpb.basic', 'gpb.project'].map((k) => fact(w, k)).filter((f): f is Fact => f !== null);
  const done = completion(w, total, 'full');
  const items = leaves.flatMap((x, i) => paraOf(fillTemplate(w, w.wording['gpb.item']!, 'gpb.item', { fact: x.f, vars: { n: String(i + 1), name: itemName(w, x.code) } })));
  const c = change(w, total);
  return [
    sub(1, 'heading.gpb.scale', [
      para(
        line(w, total, { label: `${year}年度一般公共预算财政拨款支出`, purpose: false, noChange: true }),
        '。',
        c ? html`与${year - 1}年相比，一般公共预算财政拨款支出${c.dir === 'flat' ? '持平' : c.phrase}${reason(w, total, c)}。` : '',
      ),
    ]),
    sub(2, 'heading.gpb.structure', [
      para(`${year}年度一般公共预算财政拨款支出${amount(w, total)}`, classes ? html`，主要用于以下方面：${classes}。` : '。'),
    ]),
    sub(3, 'heading.gpb.detail', [
      para(
        `${year}年度一般公共预算财政拨款支出`,
        done ?? `决算为${amount(w, total)}`,
        '。',
        parts.length ? html`其中：${joined(parts.map((f) => line(w, f, { label: f.key === 'gpb.basic' ? '基本支出' : '项目支出', purpose: false, noChange: true })))}。` : '',
        items.length ? '具体情况如下：' : '',
      ),
      ...items,
    ]),
  ];
}

function gpbBasicSection(w: Writer): SectionBody {
  const { u, year } = w;
  const basic = fact(w, 'gpb.basic');
  if (!basic) return null;
  // 人员经费 and 公用经费 always have a value (the 基本支出 split), so the templates name them by key.
  const out = ['gpbBasic.text', 'gpbBasic.personnel', 'gpbBasic.public'].flatMap((key) => paraOf(fillTemplate(w, w.wording[key]!, key, { fact: basic })));
  return out.length ? [prose(out)] : null;
}

function threePublicBody(w: Writer): SectionBody {
  const t = w.ctx.doc.threePublic;
  if (!t) return null;
  const { u, year } = w;
  const total = fact(w, 'threePublic.total');
  if (!total) return null;
  const verb = w.budget ? '预算为' : '支出决算为';
  const completionLead = w.wording['threePublic.completion'];
  const item = (key: string, label: string, extra = ''): SafeHtml | null => {
    const f = fact(w, key);
    return f ? html`${line(w, f, { label: `${label}${verb}`, completion: true, ...(completionLead ? { completionLead } : {}) })}${extra}` : null;
  };
  if (total.value === 0 && !figureOf(w.ctx, 'threePublic.total')?.previous) {
    return textBody(w, 'threePublic.none', { fact: total });
  }
  const counts = {
    abroad: t.abroadGroups !== undefined || t.abroadPersons !== undefined ? `。全年安排因公出国（境）团组${t.abroadGroups ?? 0}个，累计${t.abroadPersons ?? 0}人次` : '',
    vehicle: t.vehiclesPurchased !== undefined || t.vehiclesHeld !== undefined ? `。${year}年度公务用车购置数${t.vehiclesPurchased ?? 0}辆，年末公务用车保有量${t.vehiclesHeld ?? 0}辆` : '',
    reception: t.receptionBatches !== undefined || t.receptionPersons !== undefined ? `。国内公务接待${t.receptionBatches ?? 0}批次，${t.receptionPersons ?? 0}人次` : '',
  };
  const out: SafeHtml[] = [
    para(w.budget ? `${u}${year}年` : `${year}年度`, line(w, total, { label: `“三公”经费${w.budget ? '' : '财政拨款'}${verb}`, completion: true, ...(completionLead ? { completionLead } : {}) }), '。具体情况如下：'),
  ];
  const abroad = item('threePublic.abroad', '因公出国（境）费', counts.abroad);
  const reception = item('threePublic.reception', '公务接待费', counts.reception);
  const vehicle = fact(w, 'threePublic.vehicle');
  const vehicleParts = [item('threePublic.vehiclePurchase', '公务用车购置费'), item('threePublic.vehicleOperation', '公务用车运行维护费')].filter((x): x is SafeHtml => x !== null);
  const list: SafeHtml[] = [];
  if (abroad) list.push(abroad);
  if (reception) list.push(reception);
  if (vehicle) {
    list.push(html`${line(w, vehicle, { label: `公务用车购置及运行费${verb}`, completion: true, ...(completionLead ? { completionLead } : {}) })}${vehicleParts.length ? html`，其中：${joined(vehicleParts)}` : ''}${counts.vehicle}`);
  }
  list.forEach((x, i) => out.push(para(`（${chineseNumeral(i + 1)}）`, x, '。')));
  return [prose(out)];
}

function fundSection(w: Writer, spec: ProfileTable, fund: 'gfb' | 'scob'): SectionBody {
  const { ctx, u, year } = w;
  const m = ctx.d.money;
  const F = FUND_ZH[fund];
  const total = fact(w, `${fund}.total`);
  const flows = fund === 'gfb' && 'gfbFlows' in ctx.doc ? ctx.doc.gfbFlows : [];
  const closing = 'balances' in ctx.doc ? m(ctx.doc.balances.closing[fund]) : 0;
  const empty =
    (total?.value ?? 0) === 0 && m(ctx.doc.income[fund]) === 0 && m(ctx.doc.income.carryover[fund]) === 0 && closing === 0 && flows.length === 0;
  const name = tableName(w, spec);
  if (empty) {
    return textBody(w, 'empty.fund', { vars: { fund: F, table: name } });
  }
  if (!total) return null;
  const classes = classList(w, fund);
  const out: SafeHtml[] = paraOf(fillTemplate(w, w.wording['fund.text']!, 'fund.text', { fact: total, vars: { fund: F, classes: classes ?? '' } }));
  if (flows.length) {
    const sum = (pick: (r: (typeof flows)[number]) => number | undefined) => flows.reduce((a, r) => a + m(pick(r)), 0);
    const spent = flows.reduce((a, r) => a + (r.basic !== undefined || r.project !== undefined ? m(r.basic) + m(r.project) : m(r.spending)), 0);
    out.push(
      para(
        `${F}财政拨款年初结转和结余${money(w, sum((r) => r.opening))}，本年收入${money(w, sum((r) => r.income))}，本年支出${money(w, spent)}，年末结转和结余${money(w, sum((r) => r.closing))}。`,
      ),
    );
  }
  return [prose(out)];
}

function projectsSection(w: Writer, spec: ProfileTable): SectionBody {
  const { u, year } = w;
  if (w.ctx.doc.projects.length === 0) return textBody(w, 'empty.projects', { vars: { table: tableName(w, spec) } });
  const total = fact(w, 'projects.total');
  if (!total) return null;
  const current = ['projects.gpb', 'projects.gfb', 'projects.scob'].map((k) => fact(w, k)?.value ?? 0).reduce((a, b) => a + b, 0);
  return textBody(w, 'projects.text', { fact: total, vars: { current: money(w, current) } });
}

function procurementSection(w: Writer, spec: ProfileTable): SectionBody {
  const { ctx, u, year } = w;
  const p = ctx.doc.procurement;
  const total = fact(w, 'procurement.total');
  if (!p || !total || (p.items.length === 0 && total.value === 0)) {
    return textBody(w, 'empty.procurementTable', { vars: { table: tableName(w, spec) } });
  }
  const head = (funds: SafeHtml | string) => textBody(w, 'procurementTable.text', { fact: total, vars: { funds } });
  if (p.items.length === 0) return head('');
  const funds: Array<[string, string]> = [
    ['procurement.gpb', '一般公共预算安排'],
    ['procurement.gfb', '政府性基金预算安排'],
    ['procurement.scob', '国有资本经营预算安排'],
    ['procurement.specialAccount', '财政专户管理资金安排'],
    ['procurement.unitFunds', '单位资金安排'],
  ];
  const items = funds.map(([k, label]) => ({ f: fact(w, k), label })).filter((x): x is { f: Fact; label: string } => x.f !== null);
  return head(joined(items.map((x) => line(w, x.f, { label: x.label, purpose: false }))));
}

function purchasedServicesSection(w: Writer, spec: ProfileTable): SectionBody {
  const { u, year } = w;
  const s = w.ctx.doc.purchasedServices;
  if (s === null) return null;
  if (s.length === 0) return textBody(w, 'empty.purchasedServices', { vars: { table: tableName(w, spec) } });
  const total = fact(w, 'purchasedServices.total');
  if (!total) return null;
  return textBody(w, 'purchasedServices.text', { fact: total, vars: { count: String(s.length) } });
}

/** The 支出经济分类汇总表 note as seed 004 words it (财预〔2017〕98号). */
function economicSummarySection(w: Writer): SectionBody {
  return textBody(w, 'economicSummary.text', {});
}

/** The sections that explain one table, by section id (the table's id; the 政府采购支出表's is procurementTable). */
type SectionWriter = (w: Writer, spec: ProfileTable, anchor: string) => SectionBody;
// One writer per id of TABLE_SECTION_IDS (wording.ts lists the ids for the wording keys), no other.
const TABLE_SECTIONS: Record<string, SectionWriter> = {
  summary: (w) => summarySection(w),
  income: (w) => incomeSection(w),
  expenditure: (w) => expenditureSection(w),
  fiscalSummary: (w) => fiscalSection(w),
  gpbExpenditure: (w, _spec, anchor) => gpbSection(w, anchor),
  gpbBasic: (w) => gpbBasicSection(w),
  economicSummary: (w) => economicSummarySection(w),
  threePublic: (w) => threePublicBody(w),
  gfbExpenditure: (w, spec) => fundSection(w, spec, 'gfb'),
  scobExpenditure: (w, spec) => fundSection(w, spec, 'scob'),
  projects: (w, spec) => projectsSection(w, spec),
  procurementTable: (w, spec) => procurementSection(w, spec),
  purchasedServices: (w, spec) => purchasedServicesSection(w, spec),
} satisfies Record<(typeof TABLE_SECTION_IDS)[number], SectionWriter>;

/** Section id of the table section explaining a table of this kind. */
const sectionOfTable = (id: TableId): string => (id === 'procurement' ? 'procurementTable' : id);
const tableOfSection = (id: string): TableId => (id === 'procurementTable' ? 'procurement' : (id as TableId));

// ------------------------------------------------------------------ 其他重要事项

/** One project's description as the 说明 prints it: "1.“…”项目。" then （1）项目概述。… （labels from the wording). */
export function projectParagraphs(w: Writer, index: number, n: number): SafeHtml[] {
  const p = w.ctx.doc.projects[index]!;
  const total = w.ctx.d.projectTotals[index] ?? 0;
  const W = w.wording;
  const out: SafeHtml[] = [para(fillTemplate(w, W['project.title']!, 'project.title', { vars: { n: String(n), name: p.name } }) ?? '')];
  const period = p.start && p.end ? `${p.start}—${p.end}` : (p.start ?? p.end);
  const rows: Array<[string, SafeHtml | string | undefined]> = [
    ['project.summary', p.summary ? inline(p.summary) : undefined],
    ['project.basis', p.basis ? inline(p.basis) : undefined],
    ['project.implementer', p.implementer ?? p.unit],
    ['project.period', period],
    ['project.content', p.content ? inline(p.content) : undefined],
    ['project.budget', fillTemplate(w, W['project.funds']!, 'project.funds', { vars: { amount: money(w, total), name: p.name } }) ?? undefined],
    ['project.goal', p.goal ? inline(p.goal) : undefined],
  ];
  let k = 0;
  for (const [key, value] of rows) {
    if (value === undefined || value === '' || !W[key]) continue;
    k++;
    out.push(para(`（${k}）${W[key]}。`, value, '。'));
  }
  return out;
}

const described = (p: { summary?: string; basis?: string; content?: string; goal?: string; implementer?: string }) =>
  Boolean(p.summary || p.basis || p.content || p.goal || p.implementer);

function projectsNarrative(w: Writer): SectionBody {
  if (!w.budget) return null;
  const list = w.ctx.doc.projects.map((p, i) => ({ p, i })).filter(({ p }) => described(p));
  if (!list.length) return null;
  return [prose(list.flatMap(({ i }, n) => projectParagraphs(w, i, n + 1)))];
}

function operatingCostBody(w: Writer): SectionBody {
  const { u, year } = w;
  if (w.ctx.doc.operatingCost === null) return null;
  const f = fact(w, 'operatingCost');
  if (!f) return null;
  return textBody(w, 'operatingCost.text', { fact: f });
}

function procurementBody(w: Writer): SectionBody {
  const { ctx, u, year } = w;
  const p = ctx.doc.procurement;
  if (!p) return null;
  const total = fact(w, 'procurement.total');
  if (!total) return null;
  if (total.value === 0) return textBody(w, 'procurement.none', {});
  const word = w.budget ? '预算' : '支出';
  const kinds = (
    [
      ['procurement.goods', '货物'],
      ['procurement.works', '工程'],
      ['procurement.services', '服务'],
    ] as const
  )
    .map(([k, label]) => ({ f: fact(w, k), label: label as string }))
    .filter((x): x is { f: Fact; label: string } => x.f !== null);
  const out: SafeHtml[] = [
    para(
      w.budget ? `${u}${year}年政府采购预算${amount(w, total)}` : `${year}年度，${u}政府采购支出总额${amount(w, total)}`,
      kinds.length ? html`。其中：${joined(kinds.map((x) => line(w, x.f, { label: `政府采购${x.label}${word}`, purpose: false, noChange: true })))}` : '',
      '。',
    ),
  ];
  if (p.smeReserved !== undefined && w.wording['procurement.reserved']) {
    const reserved = fillTemplate(w, w.wording['procurement.reserved'], 'procurement.reserved', {});
    if (reserved) out.push(para(reserved));
  }
  if (!w.budget) {
    const sme = fact(w, 'procurement.sme');
    if (sme && p.sme !== undefined) {
      const m = ctx.d.money;
      const small = p.smallMicro !== undefined ? fact(w, 'procurement.smallMicro') : null;
      const byKind = (
        [
          ['smeGoods', 'procurement.goods', '货物'],
          ['smeWorks', 'procurement.works', '工程'],
          ['smeServices', 'procurement.services', '服务'],
        ] as const
      )
        .filter(([field]) => p[field] !== undefined)
        .map(([field, key, label]) => {
          const base = fact(w, key)?.value ?? 0;
          const amt = m(p[field]);
          return `${label}采购授予中小企业合同金额${money(w, amt)}${base !== 0 ? `，占${label}支出金额的${formatPercent(amt, base, 2)}%` : ''}`;
        });
      out.push(
        para(
          line(w, sme, { label: '授予中小企业合同金额', purpose: false, noChange: true }),
          small ? html`，其中：${line(w, small, { label: '授予小微企业合同金额', purpose: false, noChange: true })}` : '',
          byKind.length ? `；${byKind.join('；')}` : '',
          '。',
        ),
      );
    }
  }
  return [prose(out)];
}

function assetsBody(w: Writer): SectionBody {
  const { ctx, u, year } = w;
  const a = ctx.doc.assets;
  if (!a) return null;
  const [y, mo, d] = a.asOf.split('-').map(Number);
  const vehicles = a.vehicles.reduce((s, v) => s + v.count, 0);
  const count = (n: number | undefined) => (n === undefined ? '' : String(n));
  const equipment = [
    a.equipmentOver50 !== undefined ? `单价50万元（含）以上通用设备${a.equipmentOver50}台（套）` : '',
    a.equipmentOver100 !== undefined ? `单价100万元（含）以上设备（不含车辆）${a.equipmentOver100}台（套）` : '',
  ].filter(Boolean);
  const vars = {
    holder: fillTemplate(w, w.wording['assets.holder']!, 'assets.holder', {}) ?? u,
    asOf: `${y}年${mo}月${d}日`,
    vehicles: String(vehicles),
    vehicleKinds: a.vehicles.map((v) => `${v.kind}${v.count}辆`).join('、'),
    equipment: equipment.join('，'),
    equipmentOver50: count(a.equipmentOver50),
    equipmentOver100: count(a.equipmentOver100),
  };
  const out: SafeHtml[] = paraOf(fillTemplate(w, w.wording['assets.text']!, 'assets.text', { vars }));
  const pl = a.planned;
  if (pl && w.budget) {
    const n = pl.vehicles.reduce((s, v) => s + v.count, 0);
    // The purchase amount only where recorded: an original that states none (Shanghai) gets none invented.
    const lead = fillTemplate(w, w.wording['assets.plannedEquipment']!, 'assets.plannedEquipment', {}) ?? '';
    const eq = (e: { count: number; amount?: number } | undefined, what: string) =>
      e ? html`；${lead}${what}${e.count}台（套）${e.amount !== undefined ? `，购置费${money(w, ctx.d.money(e.amount))}` : ''}` : '';
    out.push(
      para(
        `${year}年${ctx.levelZh}预算安排购置车辆${n}辆`,
        pl.vehicleAmount !== undefined ? `，购置费${money(w, ctx.d.money(pl.vehicleAmount))}` : '',
        pl.vehicles.length ? `，其中：${pl.vehicles.map((v) => `${v.kind}${v.count}辆`).join('、')}` : '',
        eq(pl.equipmentOver50, '单价50万元（含）以上通用设备'),
        eq(pl.equipmentOver100, '单价100万元（含）以上设备（不含车辆）'),
        '。',
      ),
    );
  }
  return [prose(out)];
}

// ------------------------------------------------------------------ sentence templates

/**
 * A sentence template (wording.ts, a profile's `wording` or a `text` section's paragraphs):
 * text, {placeholder} or {placeholder:figure-key}, and optional pieces in [ ] (nested allowed)
 * that are left out when a placeholder inside them has no value.
 */
type TemplateNode = { t: 'text'; s: string } | { t: 'ph'; name: string; key?: string } | { t: 'opt'; nodes: TemplateNode[] };

const parsedTemplates = new Map<string, TemplateNode[]>();

function templateError(w: Writer, where: string, detail: string): BookletError {
  // A key the data file replaces is the file's own sentence: say where in the file it is.
  if (w.ctx.doc.wording && Object.hasOwn(w.ctx.doc.wording, where)) return new BookletError(`${w.ctx.base}/wording/${where} 的句式有误：${detail}`);
  return new BookletError(`表式 ${w.ctx.profileId} 的${w.ctx.kindZh}措辞“${where}”有误：${detail}`);
}

function parseTemplate(w: Writer, src: string, where: string): TemplateNode[] {
  const cached = parsedTemplates.get(src);
  if (cached) return cached;
  let i = 0;
  const walk = (depth: number): TemplateNode[] => {
    const nodes: TemplateNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ t: 'text', s: text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i]!;
      if (c === '[') {
        flush();
        i++;
        nodes.push({ t: 'opt', nodes: walk(depth + 1) });
      } else if (c === ']') {
        if (depth === 0) throw templateError(w, where, `第 ${i + 1} 个字符的“]”没有对应的“[”`);
        flush();
        i++;
        return nodes;
      } else if (c === '{') {
        const end = src.indexOf('}', i);
        if (end < 0) throw templateError(w, where, `第 ${i + 1} 个字符的“{”没有对应的“}”`);
        const body = src.slice(i + 1, end);
        const colon = body.indexOf(':');
        flush();
        nodes.push(colon < 0 ? { t: 'ph', name: body } : { t: 'ph', name: body.slice(0, colon), key: body.slice(colon + 1) });
        i = end + 1;
      } else {
        text += c;
        i++;
      }
    }
    if (depth > 0) throw templateError(w, where, '有“[”没有对应的“]”');
    flush();
    return nodes;
  };
  const nodes = walk(0);
  parsedTemplates.set(src, nodes);
  return nodes;
}

interface TemplateScope {
  /** The figure that placeholders without a key ({amount}, {purpose}…) speak of. */
  fact?: Fact | null;
  /** Named values ({n}, {name}, {table}, {fund}…), before the context and figure placeholders. */
  vars?: Record<string, string | SafeHtml>;
}


/** A value at a JSON pointer of the document ("/procurement/smeReserved"), or undefined. */
function atPointer(doc: unknown, pointer: string): unknown {
  if (!pointer.startsWith('/')) return undefined;
  let v: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function placeholder(w: Writer, node: { name: string; key?: string }, scope: TemplateScope, where: string): string | SafeHtml {
  const { ctx } = w;
  const { name, key } = node;
  if (key === undefined && scope.vars && Object.hasOwn(scope.vars, name)) return scope.vars[name]!;
  if (key === undefined) {
    switch (name) {
      case 'unit':
        return w.u;
      case 'year':
        return String(w.year);
      case 'prev':
        return String(w.year - 1);
      case 'level':
        return ctx.levelZh;
      case 'kind':
        return ctx.kindZh;
      case 'currency':
        return ctx.currencyZh;
      case 'purposeLead':
        return w.wording['purpose.lead']!;
    }
    if (Object.hasOwn(ctx.levelWords, name)) return ctx.levelWords[name]!;
  }
  if (name === 'money' || name === 'data') {
    const v = key === undefined ? undefined : atPointer(ctx.doc, key);
    if (key === undefined) throw templateError(w, where, `{${name}} 要写成 {${name}:/JSON指针}`);
    if (name === 'money') return typeof v === 'number' ? money(w, ctx.d.money(v)) : '';
    return typeof v === 'number' || typeof v === 'string' ? String(v) : '';
  }
  if (!FIGURE_PLACEHOLDERS.includes(name)) {
    throw templateError(w, where, `不认识的占位符 {${key === undefined ? name : `${name}:${key}`}}`);
  }
  if (key !== undefined && !figureDef(key)) throw templateError(w, where, `{${name}:${key}} 中的数字编号 ${key} 不存在（见 docs/figures.md）`);
  const f = key === undefined ? (scope.fact ?? null) : fact(w, key);
  if (!f) return '';
  const m = ctx.d.money;
  switch (name) {
    case 'amount':
      return amount(w, f);
    case 'share':
      return share(w, f);
    case 'percent':
      return share(w, f, true);
    case 'purpose':
      return f.fig?.purpose?.trim() ? inline(f.fig.purpose) : '';
    case 'previous':
      return f.fig?.previous !== undefined ? money(w, m(f.fig.previous)) : '';
    case 'budget':
      return f.budget !== null ? money(w, f.budget) : '';
    case 'completion':
      return completion(w, f, 'short') ?? '';
    case 'outturn':
      return completion(w, f, 'full') ?? `支出决算为${amount(w, f)}`;
    case 'adjusted':
      return adjustedAmount(w, f);
    case 'budgetRate':
      return rateAgainst(w, f, 'budget');
    case 'adjustedRate':
      return rateAgainst(w, f, 'adjusted');
    case 'budgetVersus':
      return versusBase(w, f, 'budget');
    case 'adjustedVersus':
      return versusBase(w, f, 'adjusted');
    case 'budgetCompare':
      return f.budget !== null ? budgetCompare(w, f, f.budget) : '';
    case 'budgetReason':
      return f.fig?.budgetReason?.trim() ? inline(f.fig.budgetReason) : '';
  }
  const c = change(w, f);
  if (!c) return '';
  switch (name) {
    case 'change':
      return c.phrase;
    case 'changeAmount':
      // Without a previous-year amount, the change as the original states it (statedChange).
      return changeAmount(c);
    case 'versusAmount':
      return versusAmount(w, c);
    case 'changeWord':
      return WORD[c.dir];
    case 'versus':
      return versus(w, c);
    case 'reason':
      return f.fig?.reason?.trim() ? html`${reasonLead(w, c)}${inline(f.fig.reason)}` : '';
    default: // reasonText
      return f.fig?.reason?.trim() ? inline(f.fig.reason) : '';
  }
}

function renderNodes(w: Writer, nodes: TemplateNode[], scope: TemplateScope, where: string): { parts: Array<string | SafeHtml>; missing: boolean } {
  const parts: Array<string | SafeHtml> = [];
  let missing = false;
  for (const n of nodes) {
    if (n.t === 'text') parts.push(n.s);
    else if (n.t === 'ph') {
      const v = placeholder(w, n, scope, where);
      if (v === '') missing = true;
      else parts.push(v);
    } else {
      const r = renderNodes(w, n.nodes, scope, where);
      if (!r.missing) parts.push(...r.parts);
    }
  }
  return { parts, missing };
}

/** The filled template, or null where a placeholder outside [ ] has no value (the sentence is not printed). */
export function fillTemplate(w: Writer, template: string, where: string, scope: TemplateScope): SafeHtml | null {
  if (!template) return null;
  const r = renderNodes(w, parseTemplate(w, template, where), scope, where);
  return r.missing ? null : html`${r.parts}`;
}

const paraOf = (x: SafeHtml | null): SafeHtml[] => (x ? [para(x)] : []);

/** A section body of one templated paragraph (null where it has no value). */
function textBody(w: Writer, key: string, scope: TemplateScope): SectionBody {
  const p = fillTemplate(w, w.wording[key]!, key, scope);
  return p ? [prose([para(p)])] : null;
}

/** A figure that a paragraph speaks of, where the booklet has it and it is not zero (“不涉及的不列”). */
function nonZero(w: Writer, key: string, where: string): Fact | null {
  if (!figureDef(key)) throw templateError(w, where, `数字编号 ${key} 不存在（见 docs/figures.md）`);
  const f = fact(w, key);
  return f && f.value !== 0 ? f : null;
}

/** Lines joined into one paragraph between the paragraph's `lead` and `end` templates; none: no paragraph. */
function leadJoined(w: Writer, lines: SafeHtml[], p: { joiner?: string; lead?: string; end?: string }, at: string): SafeHtml[] {
  if (!lines.length) return [];
  const lead = p.lead ? fillTemplate(w, p.lead, `${at}/lead`, {}) : '';
  const end = p.end ? fillTemplate(w, p.end, `${at}/end`, {}) : '';
  if (lead === null || end === null) return [];
  return [para(lead, joined(lines, p.joiner ?? ''), end)];
}

/**
 * A `text` section: its paragraphs — templates; one line per 功能分类 项 (类) of a fund (`each`);
 * a list of figures, those that are zero left out (`items`); or one figure's sentence, with
 * another where it is zero or absent (`figure`, `zero`).
 */
function textSection(w: Writer, paragraphs: readonly ProfileParagraph[], where: string): SectionBody {
  const out: SafeHtml[] = [];
  paragraphs.forEach((p, i) => {
    const at = `${where}/paragraphs/${i}`;
    if (typeof p === 'string') {
      out.push(...paraOf(fillTemplate(w, p, at, {})));
      return;
    }
    if ('figure' in p) {
      const f = nonZero(w, p.figure, at);
      if (f && p.template) out.push(...paraOf(fillTemplate(w, p.template, `${at}/template`, { fact: f })));
      else if (!f && p.zero) out.push(...paraOf(fillTemplate(w, p.zero, `${at}/zero`, {})));
      return;
    }
    if ('items' in p) {
      const lines = p.items.flatMap((item, k) => {
        const f = nonZero(w, item.figure, `${at}/items/${k}`);
        const x = f ? fillTemplate(w, item.template, `${at}/items/${k}`, { fact: f }) : null;
        return x ? [x] : [];
      });
      out.push(...leadJoined(w, lines, p, at));
      return;
    }
    if ((p.template === undefined) === (p.wording === undefined)) {
      throw new BookletError(`表式 ${w.ctx.profileId} 的说明中逐条的段落（${at}）要写 template 或 wording 之一`);
    }
    const template = p.template ?? w.wording[p.wording!]!;
    const from = p.template === undefined ? p.wording! : at;
    const group = p.each;
    const level = p.level === 'class' ? 3 : 7;
    const lines = codes(w, group === 'expenditure' ? 'all' : group, level).flatMap((code, n) => {
      const f = fact(w, `${group}:${code}`);
      const name = level === 3 ? className(w, code) : itemName(w, code);
      const own = (c: string) => functionLabel(w.ctx, c, printedName(w, c));
      const vars = { n: String(n + 1), name, code, itemName: own(code), className: own(code.slice(0, 3)), subclassName: level === 3 ? '' : own(code.slice(0, 5)) };
      const x = f ? fillTemplate(w, template, from, { fact: f, vars }) : null;
      return x ? [x] : [];
    });
    if (p.joiner === undefined) out.push(...lines.map((x) => para(x)));
    else out.push(...leadJoined(w, lines, p, at));
  });
  return out.length ? [prose(out)] : null;
}

// ------------------------------------------------------------------ sections and assembly

type SectionSpec = (ProfileSection | ProfileSubsection) & { table?: ProfileTable };

/** Section ids of the 说明 besides the table sections (docs/profiles.md). */
export const EXPLANATION_SECTIONS = [...Object.keys(TABLE_SECTIONS), 'matters', 'projectNarratives', 'eachProject', 'operatingCost', 'procurement', 'assets', 'performance', 'other', 'text'];

/** Fields only an eachProject section uses: elsewhere they are a misplaced line, an error. */
const EACH_PROJECT_FIELDS = ['projectTitle', 'projectSections', 'performanceTable'] as const;

/** The projects an eachProject section prints: those with a text in any of its fields (a 项目支出表 lists many more). */
export function narratedProjects(doc: { projects: ReadonlyArray<Partial<Record<(typeof PROJECT_TEXT_FIELDS)[number], string>>> }, fields: readonly string[]): number[] {
  return doc.projects.flatMap((p, i) => (fields.some((f) => p[f as (typeof PROJECT_TEXT_FIELDS)[number]]?.trim()) ? [i] : []));
}

/**
 * 上海's 项目经费情况说明: per project a title of its own (not numbered, "{name}经费情况说明") over the
 * profile's numbered sections 一、项目概述 … 七、绩效目标, each the text of one Project field, then
 * (performanceTable) the project's 绩效目标表 where it has indicators.
 */
function eachProjectBlocks(w: Writer, s: SectionSpec, nextAnchor: () => string, where: string): Block[] {
  const title = s.projectTitle;
  const fields = s.projectSections;
  if (!title || !fields) throw new BookletError(`表式 ${w.ctx.profileId} 的说明中 eachProject 节（${where}）要写 projectTitle 和 projectSections`);
  if (s.heading !== undefined && s.heading !== null) throw new BookletError(`表式 ${w.ctx.profileId} 的说明中 eachProject 节（${where}）不能有 heading：每个项目的标题由 projectTitle 给出`);
  const out: Block[] = [];
  for (const i of narratedProjects(w.ctx.doc, fields.map((f) => f.field))) {
    const p = w.ctx.doc.projects[i]!;
    const anchor = nextAnchor();
    const blocks: Block[] = [];
    let n = 0;
    for (const f of fields) {
      const text = p[f.field]?.trim();
      if (!text) continue;
      n++;
      blocks.push({ type: 'section', anchor: `${anchor}-${n}`, heading: `${chineseNumeral(n)}、${fillTitle(w.ctx, f.heading)}`, blocks: [{ type: 'prose', html: renderMarkdown(text) }] });
    }
    const table = s.performanceTable && p.indicators.length ? w.projectTables?.get(i) : undefined;
    if (table) blocks.push({ type: 'table', table });
    out.push({ type: 'section', anchor, heading: fillTitle(w.ctx, title).replaceAll('{name}', p.name), blocks, modifier: 'project' });
  }
  return out;
}

/** The national 说明: one section per table that has one, in the profile's order, then 其他重要事项. */
export function defaultExplanationSections(ctx: BuildContext, wording: Record<string, string>): SectionSpec[] {
  const out: SectionSpec[] = [];
  for (const spec of ctx.profile.tables) {
    const id = sectionOfTable(spec.id);
    if (!TABLE_SECTIONS[id] || !tableHeading(wording, id)) continue;
    out.push({ id, heading: tableHeading(wording, id)!, table: spec });
  }
  const has = (id: TableId) => ctx.profile.tables.some((t) => t.id === id);
  // Anhui prints each project's description in the 说明; Henan has a 项目绩效目标表 for it instead.
  const matters: SectionSpec[] = [
    ...(has('projectPerformance') ? [] : [{ id: 'projectNarratives' }]),
    { id: 'operatingCost' },
    { id: 'procurement' },
    { id: 'assets' },
    ...(has('threePublic') ? [] : [{ id: 'threePublic' }]),
    { id: 'performance' },
    { id: 'other' },
  ];
  out.push({ id: 'matters', sections: matters });
  return out;
}

function specTable(ctx: BuildContext, s: SectionSpec): ProfileTable {
  if (s.table) return s.table;
  const id = tableOfSection(s.id);
  return ctx.profile.tables.find((t) => t.id === id) ?? { id, title: tableNameZh[id] ?? id };
}

/**
 * A section's heading: the profile's, else the wording's. A table's section has the table heading
 * ("关于2024年…表的说明") at the first level; inside 其他重要事项 a section with a heading of its
 * own there (threePublic: “三公”经费情况) has that one.
 */
function headingOf(w: Writer, s: SectionSpec, spec: ProfileTable | null, level: 1 | 2): string {
  const own = w.wording[`heading.${s.id}`];
  const template = s.heading ?? (TABLE_SECTIONS[s.id] && !(level === 2 && own !== undefined) ? tableHeading(w.wording, s.id) : own);
  if (template === undefined || template === null) throw new BookletError(`表式 ${w.ctx.profileId} 的说明中节“${s.id}”没有标题：请写 heading（或 null 表示不印标题）`);
  return fillTitle(w.ctx, template).replaceAll('{table}', spec ? tableName(w, spec) : '');
}

function sectionBody(w: Writer, s: SectionSpec, anchor: string, level: 1 | 2, where: string): SectionBody {
  const n = w.ctx.doc.narrative;
  if (TABLE_SECTIONS[s.id]) return TABLE_SECTIONS[s.id]!(w, specTable(w.ctx, s), anchor);
  switch (s.id) {
    case 'matters':
      if (level !== 1) throw new BookletError(`表式 ${w.ctx.profileId} 的说明中 matters 只能在第一级`);
      return emitSections(w, ('sections' in s && s.sections) || (defaultExplanationSections(w.ctx, w.wording).at(-1) as ProfileSection).sections!, 2, anchor, `${where}/sections`);
    case 'projectNarratives':
      return projectsNarrative(w);
    case 'operatingCost':
      return operatingCostBody(w);
    case 'procurement':
      return procurementBody(w);
    case 'assets':
      return assetsBody(w);
    case 'performance': {
      const text = w.budget ? n.performanceTargets : n.evaluation;
      return text?.trim() ? [{ type: 'prose', html: renderMarkdown(text) }] : null;
    }
    case 'text':
      if (!s.paragraphs?.length) throw new BookletError(`表式 ${w.ctx.profileId} 的说明中 text 节（${where}）没有 paragraphs`);
      return textSection(w, s.paragraphs, where);
    default:
      throw new BookletError(`表式 ${w.ctx.profileId} 的说明中有不认识的节“${s.id}”（${where}），应为 ${EXPLANATION_SECTIONS.join('、')} 之一`);
  }
}

/** Sections of one level: numbered 一、 (level 1) or （一） (level 2) as they print; empty ones left out. */
function emitSections(w: Writer, specs: readonly SectionSpec[], level: 1 | 2, anchorBase: string, where: string): Block[] {
  const out: Block[] = [];
  let index = 0;
  let numbered = 0;
  const push = (heading: string | null, body: (anchor: string) => SectionBody) => {
    const anchor = `${anchorBase}-${index + 1}`;
    const blocks = body(anchor);
    if (!blocks || !blocks.length) return;
    index++;
    if (heading === null) {
      out.push(...blocks);
      return;
    }
    numbered++;
    out.push({ type: 'section', anchor, heading: level === 1 ? `${chineseNumeral(numbered)}、${heading}` : `（${chineseNumeral(numbered)}）${heading}`, blocks });
  };
  specs.forEach((s, i) => {
    const at = `${where}/${i}`;
    const misplaced = EACH_PROJECT_FIELDS.find((f) => s.id !== 'eachProject' && (s as Record<string, unknown>)[f] !== undefined);
    if (misplaced) throw new BookletError(`表式 ${w.ctx.profileId} 的说明中节“${s.id}”（${at}）不能有 ${misplaced}：只有 eachProject 节用它`);
    if (s.id === 'eachProject') {
      out.push(...eachProjectBlocks(w, s, () => `${anchorBase}-${++index}`, at));
      return;
    }
    if (s.id === 'other') {
      for (const m of w.ctx.doc.narrative.otherMatters ?? []) push(m.title, () => [{ type: 'prose', html: renderMarkdown(m.body) }]);
      return;
    }
    if (!EXPLANATION_SECTIONS.includes(s.id)) {
      throw new BookletError(`表式 ${w.ctx.profileId} 的说明中有不认识的节“${s.id}”（${at}），应为 ${EXPLANATION_SECTIONS.join('、')} 之一`);
    }
    const spec = TABLE_SECTIONS[s.id] ? specTable(w.ctx, s) : null;
    push(s.heading === null ? null : headingOf(w, s, spec, level), (anchor) => sectionBody(w, s, anchor, level, at));
  });
  return out;
}

export function makeWriter(ctx: BuildContext): Writer {
  return { ctx, u: ctx.file.unit.name, year: ctx.file.year, budget: ctx.kind === 'budget', reported: new Set(), wording: resolveWording(ctx, Object.keys(TABLE_SECTIONS)) };
}

/**
 * 情况说明: the part's sections (a profile part's `sections`, else the national ones). One Writer per
 * booklet (`w`) where the 说明 spans several parts, so a corrected figure is reported once.
 */
export function buildExplanation(ctx: BuildContext, sections?: readonly ProfileSection[], anchorBase = 'explanation', w: Writer = makeWriter(ctx)): Block[] {
  return emitSections(w, sections ?? defaultExplanationSections(ctx, w.wording), 1, anchorBase, 'sections');
}

export type { Writer };
