/**
 * The context every booklet builder works from: the checked document, its profile,
 * the derived figures, and the profile's number formatting. Builders report what they
 * had to correct (a stated figure wrong beyond rounding) as issues; the build prints
 * them with the check report.
 */
import type { AnyDocument, DocumentKind, UnitYearFile } from '../model/schema.ts';
import type { Issue } from '../check/findings.ts';
import type { Library, ReferenceFile } from '../model/reference.ts';
import { DEFAULT_PARTS, type ProfileKind, type ProfilePart } from '../model/profile.ts';
import { derive, type Derived } from '../check/derive.ts';
import { formatMoney, formatMoneyPlain, type Currency, type Fen } from '../model/money.ts';
import { functionName, economicName, referenceFor } from '../model/reference.ts';

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
  currency: Currency;
  decimals: number;
  thousands: boolean;
  /** Table amounts without trailing decimal zeros (the profile's setting; per table, see tables/index.ts). */
  trimZeros: boolean;
  d: Derived;
  /** "万元" / "元". */
  currencyZh: string;
  /** "单位：万元". */
  unitLabel: string;
  /** "部门" / "单位". */
  levelZh: string;
  /** "预算" / "决算". */
  kindZh: string;
  issues: Issue[];
}

export class BookletError extends Error {}

export function makeBuildContext(file: UnitYearFile, kind: DocumentKind, lib: Library): BuildContext {
  const doc = file.documents[kind];
  if (!doc) throw new BookletError(`文件没有${kind === 'budget' ? '预算' : '决算'}文档`);
  const profile = lib.profiles.get(doc.profile)?.kinds[kind];
  if (!profile) throw new BookletError(`找不到表式 ${doc.profile} 的${kind === 'budget' ? '预算' : '决算'}部分`);
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
    currency: profile.currency,
    decimals: profile.decimals,
    thousands: profile.thousands,
    trimZeros: profile.trimZeros ?? false,
    d: derive(doc, kind, profile.currency, profile.decimals),
    currencyZh,
    unitLabel: `单位：${currencyZh}`,
    levelZh: file.unit.level === 'department' ? '部门' : '单位',
    kindZh: kind === 'budget' ? '预算' : '决算',
    issues: [],
  };
}

/** A table cell amount: profile decimals and separators, "" for a blank (undefined/null). */
export function cellMoney(ctx: BuildContext, fen: Fen | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const text = formatMoney(fen, ctx.currency, ctx.decimals, ctx.thousands);
  return ctx.trimZeros && text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** The same amount for the CSV export: profile decimals, no thousands separators. */
export function csvMoney(ctx: BuildContext, fen: Fen | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return formatMoney(fen, ctx.currency, ctx.decimals, false);
}

/** An amount in running text ("2805.56万元"): profile decimals, no separators, with the unit. */
export function textMoney(ctx: BuildContext, fen: Fen): string {
  return `${formatMoney(fen, ctx.currency, ctx.decimals, false)}${ctx.currencyZh}`;
}

/** Exact amount without trailing zeros, for messages. */
export function plainMoney(ctx: BuildContext, fen: Fen): string {
  return formatMoneyPlain(fen, ctx.currency);
}

/** Fills a profile title template: {unit} {year} {prev} (the year before) {level} {kind}. */
export function fillTitle(ctx: BuildContext, template: string): string {
  return template
    .replaceAll('{unit}', ctx.file.unit.name)
    .replaceAll('{year}', String(ctx.file.year))
    .replaceAll('{prev}', String(ctx.file.year - 1))
    .replaceAll('{level}', ctx.levelZh)
    .replaceAll('{kind}', ctx.kindZh);
}

/** 功能分类 name: the printed name where the data gives one, else the year's reference name. */
export function functionLabel(ctx: BuildContext, code: string, printed?: string): string {
  return printed ?? functionName(ctx.reference, code) ?? code;
}

export function economicLabel(ctx: BuildContext, code: string, scheme: 'department' | 'government' = 'department', printed?: string): string {
  return printed ?? economicName(ctx.reference, code, scheme) ?? code;
}
