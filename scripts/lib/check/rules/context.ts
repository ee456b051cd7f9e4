/**
 * What every rule family shares: the document's context (derived values, profile, reference),
 * how a finding is pushed, and the two comparisons that know the rounding rule. Rounding: a
 * difference no larger than one unit of the printed last decimal per summand (0.01 万元 at 2
 * decimals) is a notice labelled as rounding; a percentage within 0.01 percentage point likewise.
 */
import type { AnyDocument, DocumentKind, UnitYearFile } from '../../model/schema.ts';
import type { Issue, Severity } from '../findings.ts';
import { messages, type Text } from '../messages.ts';
import { derive, type Derived } from '../derive.ts';
import { decimalsOf, formatMoney, formatMoneyPlain, formatPercent, formatPercentTruncated, type Currency, type Fen } from '../../model/money.ts';
import { percentExact, percentWithinRounding, roundingUnit as unitOf, statedAmountVerdict, statedFormat, type PrintedFormat } from '../tolerance.ts';
import { profileForLevel, type ProfileKind } from '../../model/profile.ts';
import { referenceFor, type Library, type ReferenceChoice, type ReferenceFile } from '../../model/reference.ts';

export interface DocContext {
  file: UnitYearFile;
  kind: DocumentKind;
  doc: AnyDocument;
  /** JSON pointer of the document, e.g. /documents/budget. */
  base: string;
  profileId: string;
  profile: ProfileKind | undefined;
  /** The reference in use: the year's own, or the nearest earlier year's (see `referenceChoice`). */
  reference: ReferenceFile | undefined;
  /** Which year's reference is in use, and whether it is a fallback or provisional. */
  referenceChoice: ReferenceChoice;
  currency: Currency;
  decimals: number;
  /** How the 说明 prints amounts (profile statedCurrency/statedDecimals; by default the tables' format). */
  text: PrintedFormat;
  d: Derived;
  issues: Issue[];
  /**
   * Percentages whose cut-off and rounded forms differ, by which form was printed: the notices
   * of those printed cut off, and how many were printed rounded (see `judgeTruncation`).
   */
  percentForms?: { cut: Array<{ issue: Issue; base: string; found: string; rounded: string }>; rounded: number };
}

export const FUND_ZH: Record<string, string> = {
  gpb: '一般公共预算',
  gfb: '政府性基金预算',
  scob: '国有资本经营预算',
  specialAccount: '财政专户管理资金',
  unitFunds: '单位资金',
};

export function makeContext(file: UnitYearFile, kind: DocumentKind, lib: Library): DocContext {
  const doc = file.documents[kind]!;
  const kindProfile = lib.profiles.get(doc.profile)?.kinds[kind];
  const profile = kindProfile && profileForLevel(kindProfile, file.unit.level);
  const currency = profile?.currency ?? 'wan';
  const referenceChoice = referenceFor(lib, file.year);
  return {
    file,
    kind,
    doc,
    base: `/documents/${kind}`,
    profileId: doc.profile,
    profile,
    reference: referenceChoice.reference,
    referenceChoice,
    currency,
    decimals: profile?.decimals ?? 2,
    text: statedFormat(profile, currency, profile?.decimals ?? 2),
    d: derive(doc, kind, currency, profile?.decimals ?? 2),
    issues: [],
  };
}

export const esc = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

export function push(ctx: DocContext, pointer: string, severity: Severity, rule: string, text: Text, expected?: string, found?: string): void {
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

export const unitZh = (c: Currency) => (c === 'wan' ? '万元' : '元');
export const fmt = (ctx: DocContext, fen: Fen) => formatMoneyPlain(fen, ctx.currency) + unitZh(ctx.currency);

/** One unit of the printed last decimal, in 分 (0.01 万元 = 10,000 分 at 2 decimals). */
export function roundingUnit(ctx: DocContext): Fen {
  return unitOf(ctx.currency, ctx.decimals);
}

/** True when `f` is the tables' own format (the default): messages then print amounts as before. */
export function isDataFormat(ctx: DocContext, f: PrintedFormat): boolean {
  return f.currency === ctx.currency && f.step === roundingUnit(ctx);
}

/** A stated amount in its printed format ("261.46万元"); in the tables' format, as `fmt`. */
export function fmtPrinted(ctx: DocContext, f: PrintedFormat, fen: Fen): string {
  return isDataFormat(ctx, f) ? fmt(ctx, fen) : formatMoney(fen, f.currency, f.decimals) + unitZh(f.currency);
}

/** The derived amount as a figure printed in `f` should read: "261.47万元（2614680元）". */
export function fmtExpected(ctx: DocContext, f: PrintedFormat, fen: Fen): string {
  if (isDataFormat(ctx, f)) return fmt(ctx, fen);
  const shown = fmtPrinted(ctx, f, fen);
  const exact = fmt(ctx, fen);
  return shown === exact || formatMoneyPlain(fen, f.currency) + unitZh(f.currency) === shown ? shown : `${shown}（${exact}）`;
}

/**
 * Compares a printed amount with a derived one (tolerance.ts statedAmountVerdict): exact, nothing;
 * rounding, a notice; otherwise an error under `rule`. `format` is how the figure was printed (its
 * unit and decimals); by default the tables' own, where one printed unit per summand is rounding.
 */
export function compareAmount(
  ctx: DocContext,
  pointer: string,
  rule: string,
  printed: Fen,
  derived: Fen,
  summands: number,
  text: (p: { printed: string; derived: string; diff: string }) => Text,
  format?: PrintedFormat,
): void {
  const f = format ?? { currency: ctx.currency, decimals: ctx.decimals, step: roundingUnit(ctx) };
  const verdict = statedAmountVerdict(printed, derived, summands, roundingUnit(ctx), f.step);
  if (verdict === 'exact') return;
  const p = { printed: fmtPrinted(ctx, f, printed), derived: fmtExpected(ctx, f, derived), diff: fmt(ctx, Math.abs(printed - derived)) };
  const t = text(p);
  if (verdict === 'rounding') {
    const r = messages.rounding({ base: t.zh });
    push(ctx, pointer, 'notice', 'round.amount', { zh: r.zh, en: `${t.en} (${r.en})` }, p.derived, p.printed);
  } else {
    push(ctx, pointer, 'error', rule, t, p.derived, p.printed);
  }
}

/**
 * Compares a printed percentage with numerator ÷ denominator × 100. The amounts are
 * themselves printed (rounded) figures: each may be off by half a printed unit per
 * summand. A printed percentage inside the range those roundings allow (±0.005 for
 * its own rounding, and at least ±0.01 percentage point) is a rounding notice; outside
 * it, an error. All bounds are computed exactly in BigInt micro-percentage-points.
 */
export function comparePercent(
  ctx: DocContext,
  pointer: string,
  rule: string,
  stated: number,
  numerator: { value: Fen; count: number },
  denominator: { value: Fen; count: number },
  text: (printed: string, exact: string) => Text,
  printedDecimals?: number,
  unit: Fen = roundingUnit(ctx),
): void {
  const decimals = printedDecimals ?? decimalsOf(stated);
  const rounded = denominator.value !== 0 ? formatPercent(numerator.value, denominator.value, decimals) : '';
  const cut = denominator.value !== 0 ? formatPercentTruncated(numerator.value, denominator.value, decimals) : '';
  const forms = (ctx.percentForms ??= { cut: [], rounded: 0 });
  if (percentExact(stated, numerator.value, denominator.value, printedDecimals)) {
    if (cut !== rounded) forms.rounded++;
    return;
  }
  const exact2 = formatPercent(numerator.value, denominator.value, Math.max(2, printedDecimals ?? 2));
  const t = text(printedDecimals === undefined ? String(stated) : stated.toFixed(printedDecimals), exact2);
  if (percentWithinRounding(stated, numerator, denominator, unit, printedDecimals)) {
    const found = printedDecimals === undefined ? String(stated) : stated.toFixed(printedDecimals);
    push(ctx, pointer, 'notice', 'round.percent', { zh: messages.rounding({ base: t.zh }).zh, en: t.en }, exact2, found);
    if (cut !== rounded && Number(cut) === stated) forms.cut.push({ issue: ctx.issues[ctx.issues.length - 1]!, base: t.zh, found: stated.toFixed(decimals), rounded });
  } else {
    push(ctx, pointer, 'error', rule, t, exact2, printedDecimals === undefined ? String(stated) : stated.toFixed(printedDecimals));
  }
}

/**
 * Percentages cut off instead of rounded ("3.69" for 3.696%). One such figure is within rounding
 * (its amounts are rounded themselves) and stays a notice; a document that prints two or more
 * that way and none rounded where the two forms differ computes its rates by cutting them off:
 * those notices become warnings (a guess about the method, so never an error).
 */
export function judgeTruncation(ctx: DocContext): void {
  const forms = ctx.percentForms;
  if (!forms || forms.cut.length < 2 || forms.rounded > 0) return;
  for (const { issue, base, found, rounded } of forms.cut) {
    const text = messages['round.truncated']({ base, found, rounded, count: forms.cut.length });
    Object.assign(issue, { rule: 'round.truncated', severity: 'warning', message: text.zh, messageEn: text.en, expected: rounded, found });
  }
}

export function knownUnitNames(file: UnitYearFile): string[] {
  const names = [file.unit.name, ...(file.unit.includes ?? []).map((u) => u.name)];
  return [...new Set(names)];
}
