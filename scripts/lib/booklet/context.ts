/**
 * The context every booklet builder works from: the checked document, its profile,
 * the derived figures, and the profile's number formatting. Builders report what they
 * had to correct (a stated figure wrong beyond rounding) as issues; the build prints
 * them with the check report.
 */
import type { AnyDocument, DocumentKind, UnitYearFile } from '../model/schema.ts';
import type { Issue } from '../check/findings.ts';
import type { Library, ReferenceFile } from '../model/reference.ts';
import { DEFAULT_PARTS, profileForLevel, type ProfileKind, type ProfilePart, type ProfileTable } from '../model/profile.ts';
import { derive, type Derived } from '../check/derive.ts';
import { formatMoney, formatMoneyPlain, type Currency, type Fen } from '../model/money.ts';
import { functionName, economicName, referenceFor } from '../model/reference.ts';
import { statedFormat, type PrintedFormat } from '../check/tolerance.ts';

export interface BuildContext {
  file: UnitYearFile;
  kind: DocumentKind;
  doc: AnyDocument;
  /** JSON pointer of the document, e.g. /documents/budget. */
  base: string;
  profileId: string;
  profile: ProfileKind;
  parts: ProfilePart[];
  /** The year's reference, or quietly the nearest earlier year's (check reports the fallback). */
  reference: ReferenceFile | undefined;
  /** The unit the data file's amounts are written in (the kind's currency); tables may print another. */
  dataCurrency: Currency;
  /** Display format of amounts: the kind's, or the table's own inside a table builder (tableContext). */
  currency: Currency;
  decimals: number;
  thousands: boolean;
  /** How the 说明 prints amounts: profile statedCurrency/statedDecimals/statedThousands, by default the tables'. */
  text: PrintedFormat & { thousands: boolean; zh: string };
  /** Table amounts without trailing decimal zeros (the profile's setting; per table, see tables/index.ts). */
  trimZeros: boolean;
  /** Zero amount cells print 0 (a table's printZeros); blank by default, as every seed prints them. */
  printZeros: boolean;
  d: Derived;
  /** "万元" / "元". */
  currencyZh: string;
  /** "单位：万元". */
  unitLabel: string;
  /** "部门" / "单位". */
  levelZh: string;
  /** The profile's levelWords for this unit's level: {name} → the word ("部门" / "预算单位"). */
  levelWords: Record<string, string>;
  /** "预算" / "决算". */
  kindZh: string;
  issues: Issue[];
}

export class BookletError extends Error {}

export function makeBuildContext(file: UnitYearFile, kind: DocumentKind, lib: Library): BuildContext {
  const doc = file.documents[kind];
  if (!doc) throw new BookletError(`文件没有${kind === 'budget' ? '预算' : '决算'}文档`);
  const kindProfile = lib.profiles.get(doc.profile)?.kinds[kind];
  if (!kindProfile) throw new BookletError(`找不到表式 ${doc.profile} 的${kind === 'budget' ? '预算' : '决算'}部分`);
  const profile = profileForLevel(kindProfile, file.unit.level);
  const currencyZh = profile.currency === 'wan' ? '万元' : '元';
  return {
    file,
    kind,
    doc,
    base: `/documents/${kind}`,
    profileId: doc.profile,
    profile,
    parts: profile.parts ?? DEFAULT_PARTS,
    reference: referenceFor(lib, file.year).reference,
    dataCurrency: profile.currency,
    currency: profile.currency,
    decimals: profile.decimals,
    thousands: profile.thousands,
    trimZeros: profile.trimZeros ?? false,
    printZeros: false,
    text: textFormat(profile),
    d: derive(doc, kind, profile.currency, profile.decimals),
    currencyZh,
    unitLabel: `单位：${currencyZh}`,
    levelZh: file.unit.level === 'department' ? '部门' : '单位',
    levelWords: Object.fromEntries(Object.entries(profile.levelWords ?? {}).map(([name, words]) => [name, words[file.unit.level]])),
    kindZh: kind === 'budget' ? '预算' : '决算',
    issues: [],
  };
}

function textFormat(profile: ProfileKind): BuildContext['text'] {
  const f = statedFormat(profile, profile.currency, profile.decimals);
  return { ...f, thousands: profile.statedThousands ?? false, zh: f.currency === 'wan' ? '万元' : '元' };
}

/**
 * The context a table is built in: its own unit, decimals, separators and trailing-zero setting where
 * the profile's table entry gives them (Shanghai: tables in 元, the 三公 table in 万元), else the kind's.
 * Only the display changes; the data are decoded in their own unit (ctx.d).
 */
export function tableContext(ctx: BuildContext, spec: ProfileTable): BuildContext {
  if (spec.currency === undefined && spec.decimals === undefined && spec.thousands === undefined && spec.trimZeros === undefined && spec.printZeros === undefined) return ctx;
  const currency = spec.currency ?? ctx.currency;
  const currencyZh = currency === 'wan' ? '万元' : '元';
  return {
    ...ctx,
    currency,
    decimals: spec.decimals ?? (currency === ctx.currency ? ctx.decimals : 2),
    thousands: spec.thousands ?? ctx.thousands,
    trimZeros: spec.trimZeros ?? ctx.trimZeros,
    printZeros: spec.printZeros ?? ctx.printZeros,
    currencyZh,
    unitLabel: `单位：${currencyZh}`,
  };
}

/** A table cell amount: profile decimals and separators, "" for a blank (undefined/null). */
export function cellMoney(ctx: BuildContext, fen: Fen | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const text = formatMoney(fen, ctx.currency, ctx.decimals, ctx.thousands);
  return ctx.trimZeros && text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * The same amount for the CSV export, in the table's unit (its "单位：" line), no thousands separators:
 * the table's decimals, more where a table prints a coarser unit than the data are in (元 data in a
 * 万元 table: 2614680元 → 261.468), so that the CSV keeps the exact value.
 */
export function csvMoney(ctx: BuildContext, fen: Fen | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const text = formatMoney(fen, ctx.currency, ctx.decimals, false);
  if (ctx.currency === ctx.dataCurrency) return text;
  const exact = formatMoneyPlain(fen, ctx.currency);
  const dot = exact.indexOf('.');
  return dot >= 0 && exact.length - dot - 1 > ctx.decimals ? exact : text;
}

/** An amount in running text ("2805.56万元"): the 说明's unit and decimals (ctx.text), with the unit. */
export function textMoney(ctx: BuildContext, fen: Fen): string {
  return `${formatMoney(fen, ctx.text.currency, ctx.text.decimals, ctx.text.thousands)}${ctx.text.zh}`;
}

/** Exact amount without trailing zeros, for messages. */
export function plainMoney(ctx: BuildContext, fen: Fen): string {
  return formatMoneyPlain(fen, ctx.currency);
}

/** Fills a profile title template: {unit} {year} {prev} (the year before) {level} {kind}, and the profile's levelWords ({name}); other braces stay as written. */
export function fillTitle(ctx: BuildContext, template: string): string {
  return template
    .replaceAll('{unit}', ctx.file.unit.name)
    .replaceAll('{year}', String(ctx.file.year))
    .replaceAll('{prev}', String(ctx.file.year - 1))
    .replaceAll('{level}', ctx.levelZh)
    .replaceAll('{kind}', ctx.kindZh)
    .replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (whole, name: string) => (Object.hasOwn(ctx.levelWords, name) ? ctx.levelWords[name]! : whole));
}

/** 功能分类 name: the printed name where the data gives one, else the year's reference name. */
export function functionLabel(ctx: BuildContext, code: string, printed?: string): string {
  return printed ?? functionName(ctx.reference, code) ?? code;
}

export function economicLabel(ctx: BuildContext, code: string, scheme: 'department' | 'government' = 'department', printed?: string): string {
  return printed ?? economicName(ctx.reference, code, scheme) ?? code;
}
