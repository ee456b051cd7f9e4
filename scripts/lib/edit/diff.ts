/**
 * `npm run diff`: what a pull request changes in the data, for the reviewer who approves it.
 *
 *   old bytes (git show <base>:<file>) ─┐                      ┌─▶ amounts     (table, row, column, old → new)
 *                                       ├─ align (by identity) ─┼─▶ text, other values, added/removed items
 *   new bytes (working tree)       ─────┘                      │
 *        │                                                     │
 *        ├─ check (check.ts checkBytes) on each ───────────────┼─▶ findings that appear / disappear
 *        └─ booklet view (buildBooklet) + figures.ts on each ──┴─▶ printed 合计/小计, 说明 figures and 占比 that move
 *
 * Arrays are aligned by what identifies an element (a row by code and fund, a project by its name,
 * an indicator by its three levels), so inserting a project reports one project added, not every
 * later project changed. Every amount is compared in integer 分 (money.ts) and shown like the
 * booklet: the profile's unit and decimals (more decimals only where the data has them). The report
 * is plain data (DiffReport); diff-format.ts writes it as Markdown or JSON.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { checkBytes } from '../check/check.ts';
import { readJsonBytes } from '../model/json.ts';
import { buildBooklet } from '../booklet/booklet.ts';
import { expandGrid } from '../site/csv.ts';
import type { Cell, HeaderCell, TableView } from '../booklet/model.ts';
import { derive, isLeafCode, type Derived } from '../check/derive.ts';
import { figureCode, figureDef, FIXED_FIGURE_KEYS } from '../check/figures.ts';
import { formatMoney, formatMoneyPlain, fromAmount, groupThousands, percentScaled, type Currency, type Fen } from '../model/money.ts';
import { tableNameZh, type ProfileTable, type TableId } from '../model/profile.ts';
import { functionName, economicName, referenceFor, type Library, type ReferenceFile } from '../model/reference.ts';
import { severityZh, sortFindings, type Finding, type Severity } from '../check/findings.ts';
import { child, branch, schemaAt, titleOf, type Path, type SchemaNode } from '../model/schema-path.ts';
import type { AnyDocument, DocumentKind, UnitYearFile } from '../model/schema.ts';

// ------------------------------------------------------------------ report

export interface AmountChange {
  pointer: string;
  table: string;
  row: string;
  column: string;
  /** Formatted in the document's unit; null where the value is absent (a blank cell). */
  old: string | null;
  new: string | null;
  /** Signed difference, "+1.14" / "-1.14". */
  change: string;
}

/** A printed 合计/小计 cell of a public table that moves: an amount change without a place in the file. */
export type DerivedCellChange = Omit<AmountChange, 'pointer'>;

/** A number of the 说明 (figures.ts registry): an amount or a share. */
export interface FigureChange {
  key: string;
  label: string;
  what: 'amount' | 'share';
  old: string | null;
  new: string | null;
  change: string;
}

export interface TextChange {
  pointer: string;
  field: string;
  /** Shortened to the part around the first difference (TEXT_WIDTH characters). */
  old: string | null;
  new: string | null;
}

export interface ValueChange {
  pointer: string;
  field: string;
  old: string | null;
  new: string | null;
}

export interface IndicatorView {
  level1: string;
  level2: string;
  level3: string;
  value: string;
}

export interface ItemChange {
  pointer: string;
  change: 'added' | 'removed';
  /** What kind of item: "项目", "支出行（功能分类）" … (the schema's title). */
  what: string;
  label: string;
  /** Every field of the item, by its title. */
  fields: Array<{ field: string; value: string }>;
  /** The item's 绩效指标, as a table. */
  indicators: IndicatorView[];
}

export interface FindingChange {
  severity: Severity;
  severityZh: string;
  rule: string;
  pointer: string;
  line: number;
  column: number;
  message: string;
}

export interface DocumentDiff {
  kind: DocumentKind;
  kindZh: string;
  status: 'added' | 'removed' | 'modified' | 'unchanged';
  /** "万元" / "元" */
  unit: string;
  /** The profile (of the new version, else the old). */
  profile: string;
  amounts: AmountChange[];
  derivedCells: DerivedCellChange[];
  derivedFigures: FigureChange[];
  items: ItemChange[];
  texts: TextChange[];
  values: ValueChange[];
  /** Why a part could not be compared (e.g. a side that fails the schema). */
  notes: string[];
}

export interface FileDiff {
  file: string;
  status: 'added' | 'removed' | 'modified' | 'unchanged';
  /** Changes outside the documents (unit, year). */
  texts: TextChange[];
  values: ValueChange[];
  items: ItemChange[];
  documents: DocumentDiff[];
  findings: { appeared: FindingChange[]; disappeared: FindingChange[] };
  notes: string[];
}

export interface DiffReport {
  /** The revision compared with, as the user named it (with its short hash). */
  base: string;
  files: FileDiff[];
}

/** Longest text shown on each side of a text change, in characters. */
export const TEXT_WIDTH = 40;

const KIND_ZH: Record<DocumentKind, string> = { budget: '预算', final: '决算' };

// ------------------------------------------------------------------ small helpers

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const esc = (token: string | number) => String(token).replace(/~/g, '~0').replace(/\//g, '~1');
const pointerOf = (path: Path) => path.map((t) => `/${esc(t)}`).join('');

/**
 * The part of two texts around their first difference, at most `width` characters each (code
 * points, so no character is cut in half), with … where text was left out.
 */
export function shorten(a: string | null, b: string | null, width = TEXT_WIDTH): [string | null, string | null] {
  const ca = a === null ? [] : Array.from(a);
  const cb = b === null ? [] : Array.from(b);
  let same = 0;
  while (same < ca.length && same < cb.length && ca[same] === cb[same]) same++;
  const start = Math.max(0, Math.min(same - 10, Math.max(ca.length, cb.length) - width));
  const cut = (c: string[]): string => {
    const from = Math.min(start, Math.max(0, c.length - width));
    const part = c.slice(from, from + width).join('');
    return `${from > 0 ? '…' : ''}${part}${from + width < c.length ? '…' : ''}`;
  };
  return [a === null ? null : cut(ca), b === null ? null : cut(cb)];
}

// ------------------------------------------------------------------ money display

interface MoneyStyle {
  currency: Currency;
  decimals: number;
  thousands: boolean;
  unit: string;
}

function styleOf(lib: Library, doc: AnyDocument | undefined, kind: DocumentKind): MoneyStyle {
  const p = doc ? lib.profiles.get(doc.profile)?.kinds[kind] : undefined;
  const currency = p?.currency ?? 'wan';
  return { currency, decimals: p?.decimals ?? 2, thousands: p?.thousands ?? false, unit: currency === 'wan' ? '万元' : '元' };
}

/** Decimals needed to show `fen` exactly in `currency`. */
function exactDecimals(fen: Fen, currency: Currency): number {
  const text = formatMoneyPlain(fen, currency);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Like the booklet (profile decimals and separators), with more decimals only where the value has them. */
function showMoney(fen: Fen, s: MoneyStyle, decimals = Math.max(s.decimals, exactDecimals(fen, s.currency))): string {
  return formatMoney(fen, s.currency, decimals, s.thousands);
}

function signed(text: string, negative: boolean, zero: boolean): string {
  return zero ? text : negative ? `-${text}` : `+${text}`;
}

function moneyChange(oldFen: Fen | null, newFen: Fen | null, s: MoneyStyle): { old: string | null; new: string | null; change: string } {
  const a = oldFen ?? 0;
  const b = newFen ?? 0;
  const d = b - a;
  const decimals = Math.max(s.decimals, exactDecimals(a, s.currency), exactDecimals(b, s.currency));
  return {
    old: oldFen === null ? null : showMoney(oldFen, s, decimals),
    new: newFen === null ? null : showMoney(newFen, s, decimals),
    change: signed(showMoney(Math.abs(d), s, decimals), d < 0, d === 0),
  };
}

// ------------------------------------------------------------------ reading a side

interface Side {
  /** Parsed JSON (any shape), undefined when the bytes are not JSON. */
  json: Json | undefined;
  /** The validated file, undefined when it fails the JSON or schema stage. */
  data: UnitYearFile | undefined;
  findings: Finding[];
}

function readSide(file: string, bytes: Uint8Array | undefined, lib: Library): Side | undefined {
  if (bytes === undefined) return undefined;
  const checked = checkBytes(file, bytes, lib);
  const parsed = readJsonBytes(bytes);
  return { json: parsed.value as Json | undefined, data: checked.data, findings: sortFindings(checked.findings) };
}

// ------------------------------------------------------------------ identity and labels

function codeName(ref: ReferenceFile | undefined, code: string, economic: boolean, printed?: string): string {
  const name = printed ?? (economic ? economicName(ref, code) : functionName(ref, code));
  return name ? `${code} ${name}` : code;
}

const FUND_SUFFIX: Record<string, string> = { specialAccount: '（财政专户管理资金）', unitFunds: '（单位资金）', gfb: '', scob: '', gpb: '' };

/** What identifies an element of the array under `key` (its field name in the parent). */
function identity(key: string | number | undefined, e: Json): string {
  if (!isObject(e)) return JSON.stringify(e);
  const f = (k: string) => str(e[k]);
  switch (key) {
    case 'expenditure':
      return `${f('code')}|${f('fund')}|${f('unitCode')}`;
    case 'economic':
      return `${f('code')}|${f('fund')}|${f('scheme') || 'department'}`;
    case 'incomeByFunction':
    case 'gfbFlows':
    case 'scobFlows':
      return f('code');
    case 'projects':
    case 'tasks':
    case 'includes':
      return f('name');
    case 'indicators':
      return `${f('level1')}|${f('level2')}|${f('level3')}`;
    case 'items':
      return `${f('project')}|${f('item')}|${f('category')}`;
    case 'purchasedServices':
      return `${f('project')}|${f('level1')}|${f('level2')}|${f('level3')}|${f('content')}`;
    case 'entries':
      return f('term');
    case 'vehicles':
      return f('kind');
    case 'otherMatters':
      return f('title');
    case 'gpbLines':
    case 'gfbLines':
      return f('label');
    case 'attributes':
      return f('label');
    case 'acknowledged':
      return `${f('rule')}|${f('pointer')}`;
    default:
      return JSON.stringify(e);
  }
}

/** How an element is named to a reader. */
function elementLabel(key: string | number | undefined, e: Json, index: number, ref: ReferenceFile | undefined): string {
  if (!isObject(e)) return key === 'missingTables' && typeof e === 'string' ? (tableNameZh[e as TableId] ?? e) : str(e);
  const f = (k: string) => str(e[k]);
  switch (key) {
    case 'expenditure':
      return `${f('unitCode') ? `[${f('unitCode')}] ` : ''}${codeName(ref, f('code'), false, e.name === undefined ? undefined : f('name'))}${FUND_SUFFIX[f('fund')] ?? ''}`;
    case 'economic':
      return `${codeName(ref, f('code'), true, e.name === undefined ? undefined : f('name'))}${FUND_SUFFIX[f('fund')] ?? ''}`;
    case 'incomeByFunction':
    case 'gfbFlows':
    case 'scobFlows':
      return codeName(ref, f('code'), false);
    case 'projects':
    case 'tasks':
    case 'includes':
      return f('name');
    case 'indicators':
      return f('level3') || f('level2') || f('level1');
    case 'items':
      return `${f('item')}（${f('project')}）`;
    case 'purchasedServices':
      return f('project');
    case 'entries':
      return f('term');
    case 'vehicles':
      return f('kind');
    case 'otherMatters':
      return f('title');
    case 'gpbLines':
    case 'gfbLines':
    case 'attributes':
      return f('label');
    case 'acknowledged':
      return `${f('rule')} ${f('pointer')}`.trim();
    default:
      return `第 ${index + 1} 项`;
  }
}

/** The members of an array paired by identity (a repeated identity pairs in order). */
function align(key: string | number | undefined, a: Json[], b: Json[]): { pairs: Array<[number, number]>; removed: number[]; added: number[] } {
  const ids = (list: Json[]) => {
    const seen = new Map<string, number>();
    return list.map((e) => {
      const id = identity(key, e);
      const n = seen.get(id) ?? 0;
      seen.set(id, n + 1);
      return `${id}#${n}`;
    });
  };
  const ia = ids(a);
  const ib = ids(b);
  const inB = new Map(ib.map((id, i) => [id, i]));
  const inA = new Set(ia);
  const pairs: Array<[number, number]> = [];
  const removed: number[] = [];
  ia.forEach((id, i) => {
    const j = inB.get(id);
    if (j === undefined) removed.push(i);
    else pairs.push([i, j]);
  });
  let added = ib.map((id, j) => (inA.has(id) ? -1 : j)).filter((j) => j >= 0);
  // An element whose identity changed but most of whose fields did not (a renamed project, a
  // corrected code) is the same element edited, not one removed and another added.
  const stillRemoved: number[] = [];
  for (const i of removed) {
    let best = -1;
    let bestScore = 0.5;
    for (const j of added) {
      const score = likeness(a[i]!, b[j]!);
      if (score > bestScore) [best, bestScore] = [j, score];
    }
    if (best < 0) stillRemoved.push(i);
    else {
      pairs.push([i, best]);
      added = added.filter((j) => j !== best);
    }
  }
  pairs.sort((x, y) => x[1] - y[1]);
  return { pairs, removed: stillRemoved, added };
}

/** The share of two objects' fields that are equal (0 for anything but two objects). */
function likeness(a: Json, b: Json): number {
  if (!isObject(a) || !isObject(b)) return 0;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  let same = 0;
  for (const k of keys) if (JSON.stringify(a[k]) === JSON.stringify(b[k])) same++;
  return keys.size ? same / keys.size : 0;
}

/** Numbers that are not money: percentages, scores, counts (integers in the schema). */
const NOT_MONEY = new Set(['share', 'changeRate', 'completionRate', 'weight', 'score', 'year']);

// ------------------------------------------------------------------ walking two values

interface WalkContext {
  kind: DocumentKind | undefined;
  /** The profile's tables (for their numbers, "部门公开表6"). */
  tables: ProfileTable[] | undefined;
  ref: ReferenceFile | undefined;
  oldStyle: MoneyStyle;
  newStyle: MoneyStyle;
  /** The document roots, to label rows (new side, else old). */
  newRoot: Json | undefined;
  oldRoot: Json | undefined;
  /** Path of the document inside the file (['documents', kind]) or [] for the file. */
  prefix: Path;
  amounts: AmountChange[];
  texts: TextChange[];
  values: ValueChange[];
  items: ItemChange[];
}

interface Segment {
  /** "项目「X」", "数字及其说明「gpb:208」", "合计". */
  name: string;
  /** An array element or a record entry (named by its label). */
  element: boolean;
  /** The element's label ("X"). */
  label: string;
}

/** Each key of `path` as a reader names it, one segment per key. */
function segments(path: Path, root: Json | undefined, prefix: Path, ref: ReferenceFile | undefined): Segment[] {
  const out: Segment[] = [];
  let node: SchemaNode | undefined = schemaAt(prefix);
  let value: Json | undefined = root;
  let parentKey: string | number | undefined = prefix[prefix.length - 1];
  for (const key of path) {
    const container = value;
    const n = branch(node, container);
    node = child(n, key, container);
    value = container !== undefined && container !== null && typeof container === 'object' ? (container as Record<string, Json>)[key as string] : undefined;
    if (typeof key === 'number') {
      const label = value === undefined ? `第 ${key + 1} 项` : elementLabel(parentKey, value, key, ref);
      out.push({ name: `${titleOf(node) ?? ''}「${label}」`, element: true, label });
    } else if (n?.patternProperties && !n.properties?.[key]) {
      out.push({ name: `${titleOf(node) ?? ''}「${key}」`, element: true, label: key });
    } else {
      out.push({ name: titleOf(node) ?? key, element: false, label: '' });
    }
    parentKey = key;
  }
  return out;
}

/** Segment names joined for reading; an element stands in for its container ("项目「X」", not "项目 › 项目「X」"). */
function joinNames(segs: Segment[]): string {
  return segs.filter((seg, i) => !segs[i + 1]?.element).map((seg) => seg.name).join(' › ');
}

const at = (root: Json | undefined, path: Path): Json | undefined => {
  let v: Json | undefined = root;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<string, Json>)[k as string] : undefined;
  return v;
};

/** Table, row and column of an amount at `path` in a document (after /documents/<kind>). */
function placeAmount(c: WalkContext, path: Path, root: Json | undefined): { table: string; row: string; column: string } {
  const segs = segments(path, root, c.prefix, c.ref);
  const names = segs.map((seg) => seg.name);
  const section = path[0];
  const kind = c.kind;
  const leaf = names[names.length - 1] ?? '';
  const elementAt = path.findIndex((k, i) => typeof k === 'number' || (i > 0 && path[i - 1] === 'figures'));
  const t = (id: TableId): string => {
    const number = c.tables?.find((x) => x.id === id)?.number;
    return `${number ? `${number} ` : ''}${tableNameZh[id] ?? id}`;
  };
  let table: string;
  switch (section) {
    case 'income':
      table = kind === 'final' ? t('summary') : t('income');
      break;
    case 'carryforward':
    case 'balances':
      table = t('summary');
      break;
    case 'expenditure': {
      const fund = str(at(root, [section, path[1] ?? 0, 'fund']));
      table = t(fund === 'gpb' ? 'gpbExpenditure' : fund === 'gfb' ? 'gfbExpenditure' : fund === 'scob' ? 'scobExpenditure' : 'expenditure');
      break;
    }
    case 'economic': {
      const row = at(root, [section, path[1] ?? 0]);
      table = isObject(row) && row.fund === 'gpb' && (row.scheme ?? 'department') === 'department' ? t('gpbBasic') : t('economicSummary');
      break;
    }
    case 'incomeByFunction':
      table = t('income');
      break;
    case 'gfbFlows':
      table = t('gfbExpenditure');
      break;
    case 'scobFlows':
      table = t('scobExpenditure');
      break;
    case 'projects':
    case 'procurement':
    case 'purchasedServices':
    case 'threePublic':
    case 'departmentPerformance':
      table = t(section);
      break;
    default:
      table = '情况说明';
  }
  if (elementAt >= 0) {
    // A row element (or a figure): the row is the element, the column what follows it.
    const rest = segs.slice(elementAt + 1).filter((_, i) => path[elementAt + 1 + i] !== 'funds');
    return { table, row: segs[elementAt]!.label, column: joinNames(rest) || '金额' };
  }
  const parent = path[path.length - 2];
  if (section === 'threePublic' && (parent === 'amounts' || parent === 'budget')) {
    return { table, row: leaf, column: parent === 'budget' ? '年初预算数' : kind === 'final' ? '决算数' : '预算数' };
  }
  if (parent === 'carryover') return { table, row: kind === 'final' ? '年初结转和结余' : '上年结转', column: leaf };
  if (parent === 'closing') return { table, row: '年末结转和结余', column: leaf };
  if (section === 'carryforward') return { table, row: '结转下年', column: leaf };
  if (names.length <= 2) return { table, row: leaf, column: '金额' };
  return { table, row: names.slice(1, -1).join(' › '), column: leaf };
}

function fieldName(c: WalkContext, path: Path, root: Json | undefined): string {
  return joinNames(segments(path, root, c.prefix, c.ref));
}

function describeValue(v: Json | undefined): string | null {
  if (v === undefined) return null;
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length ? `（${v.length} 项）` : '[]';
  if (typeof v === 'object') return '（有数据）';
  return String(v);
}

function isMoney(path: Path, node: SchemaNode | undefined): boolean {
  const key = path[path.length - 1];
  if (typeof key === 'string' && NOT_MONEY.has(key)) return false;
  return branch(node, 0)?.type === 'number';
}

/** The item's fields by title, and its 绩效指标 as rows. */
function flattenItem(c: WalkContext, value: Json, itemPath: Path, root: Json | undefined): { fields: ItemChange['fields']; indicators: IndicatorView[] } {
  const fields: ItemChange['fields'] = [];
  const indicators: IndicatorView[] = [];
  const base = itemPath.length;
  const visit = (v: Json, path: Path) => {
    const last = path[path.length - 1];
    if (Array.isArray(v)) {
      if (last === 'indicators') {
        for (const i of v) {
          if (isObject(i)) indicators.push({ level1: str(i.level1), level2: str(i.level2), level3: str(i.level3), value: str(i.value) });
        }
        return;
      }
      v.forEach((e, i) => visit(e, [...path, i]));
      return;
    }
    if (isObject(v)) {
      for (const k of Object.keys(v)) visit(v[k]!, [...path, k]);
      return;
    }
    const names = joinNames(segments(path, root, c.prefix, c.ref).slice(base));
    const node = schemaAt([...c.prefix, ...path]);
    let text = v === null ? 'null' : String(v);
    if (typeof v === 'number' && isMoney(path, node)) {
      const fen = fromAmount(v, c.newStyle.currency);
      if (fen !== undefined) text = `${showMoney(fen, c.newStyle)}${c.newStyle.unit}`;
    }
    fields.push({ field: names || '内容', value: shorten(text, text)[0]! });
  };
  visit(value, itemPath);
  return { fields, indicators };
}

/**
 * Compares two values: `a` at `oldPath` in the old document, `b` at `path` in the new one (the two
 * differ where aligned elements moved). `inItem` is set inside an added or removed item: its
 * amounts are still listed with the amounts, its other fields only with the item.
 */
function walk(c: WalkContext, a: Json | undefined, b: Json | undefined, path: Path, oldPath: Path, inItem = false): void {
  if (a === undefined && b === undefined) return;
  if (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b)) return;
  // A value that is gone is named and located in the old document.
  const [here, root] = b !== undefined ? [path, c.newRoot] : [oldPath, c.oldRoot];
  const fullPath = [...c.prefix, ...here];
  const node = schemaAt(fullPath);
  const key = path[path.length - 1];

  if (Array.isArray(a) && Array.isArray(b)) {
    const { pairs, removed, added } = align(key, a, b);
    // In document order: a removed element where it stood, before the next element that stayed.
    const steps: Array<{ at: number; run: () => void }> = [
      ...pairs.map(([i, j]) => ({ at: j, run: () => walk(c, a[i], b[j], [...path, j], [...oldPath, i], inItem) })),
      ...removed.map((i) => ({ at: (pairs.find(([x]) => x > i)?.[1] ?? b.length) - 0.5, run: () => item(c, 'removed', a[i]!, [...oldPath, i], inItem) })),
      ...added.map((j) => ({ at: j, run: () => item(c, 'added', b[j]!, [...path, j], inItem) })),
    ];
    for (const step of steps.sort((x, y) => x.at - y.at)) step.run();
    return;
  }
  if (isObject(a) && isObject(b)) {
    const record = branch(node, a)?.patternProperties !== undefined;
    const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !Object.hasOwn(b, k))];
    for (const k of keys) {
      if (record && !Object.hasOwn(a, k)) item(c, 'added', b[k]!, [...path, k], inItem);
      else if (record && !Object.hasOwn(b, k)) item(c, 'removed', a[k]!, [...oldPath, k], inItem);
      else walk(c, a[k], b[k], [...path, k], [...oldPath, k], inItem);
    }
    return;
  }
  const composite = (v: Json | undefined) => v !== null && typeof v === 'object';
  if (composite(a) || composite(b)) {
    // null ↔ data, or a value replaced by a structure: say so, then list what the structure holds.
    if (a !== undefined && b !== undefined && !inItem) {
      c.values.push({ pointer: pointerOf(fullPath), field: fieldName(c, here, root), old: describeValue(a), new: describeValue(b) });
    }
    walk(c, composite(a) ? a : Array.isArray(b) ? [] : {}, composite(b) ? b : Array.isArray(a) ? [] : {}, path, oldPath, inItem);
    return;
  }
  if ((typeof a === 'number' || typeof b === 'number') && (a === undefined || typeof a === 'number') && (b === undefined || typeof b === 'number') && isMoney(here, node)) {
    const oldFen = typeof a === 'number' ? fromAmount(a, c.oldStyle.currency) ?? null : null;
    const newFen = typeof b === 'number' ? fromAmount(b, c.newStyle.currency) ?? null : null;
    c.amounts.push({ pointer: pointerOf(fullPath), ...placeAmount(c, here, root), ...moneyChange(oldFen, newFen, c.newStyle) });
    return;
  }
  if (inItem) return;
  const field = fieldName(c, here, root);
  if ((a === undefined || typeof a === 'string') && (b === undefined || typeof b === 'string')) {
    const [o, n] = shorten(a ?? null, b ?? null);
    c.texts.push({ pointer: pointerOf(fullPath), field, old: o, new: n });
    return;
  }
  c.values.push({ pointer: pointerOf(fullPath), field, old: describeValue(a), new: describeValue(b) });
}

/** An added (at `path` in the new document) or removed (at `path` in the old) array element or record entry. */
function item(c: WalkContext, change: 'added' | 'removed', value: Json, path: Path, inItem: boolean): void {
  const root = change === 'added' ? c.newRoot : c.oldRoot;
  // Amounts inside still count as amount changes (they move the totals).
  walk(c, change === 'added' ? undefined : value, change === 'added' ? value : undefined, path, path, true);
  if (inItem) return;
  const segs = segments(path, root, c.prefix, c.ref);
  const last = segs[segs.length - 1]!;
  const what = last.element ? last.name.slice(0, last.name.length - last.label.length - 2) : last.name;
  const { fields, indicators } = flattenItem(c, value, path, root);
  c.items.push({
    pointer: pointerOf([...c.prefix, ...path]),
    change,
    what: [...segs.slice(0, -1).filter((_, i) => !segs[i + 1]!.element).map((seg) => seg.name), what].join(' › '),
    label: last.element ? last.label : '',
    fields,
    indicators,
  });
}

// ------------------------------------------------------------------ derived: printed tables

/** A table cell as a scaled integer (its printed digits) and its decimals. */
function parseCell(text: string): { value: bigint; decimals: number } | null {
  const t = text.replace(/,/g, '').trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  const dot = t.indexOf('.');
  const decimals = dot < 0 ? 0 : t.length - dot - 1;
  return { value: BigInt(t.replace('.', '')), decimals };
}

function scaledText(value: bigint, decimals: number, thousands: boolean): string {
  const negative = value < 0n;
  const s = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  let int = decimals ? s.slice(0, -decimals) : s;
  if (thousands) int = groupThousands(int);
  return `${negative ? '-' : ''}${int}${decimals ? `.${s.slice(-decimals)}` : ''}`;
}

interface PrintedCell {
  table: string;
  row: string;
  column: string;
  value: { value: bigint; decimals: number } | null;
}

const DERIVED_ROWS = new Set(['total', 'subtotal', 'group']);

/**
 * Each column's header path, a spanning header repeated over every column it spans (csv.ts
 * expandGrid writes it once, as a spreadsheet does): "本年财政拨款／一般公共预算".
 */
function columnNames(head: HeaderCell[][]): (column: number) => string {
  const paths: string[][] = [];
  const taken: boolean[][] = [];
  head.forEach((row, r) => {
    let c = 0;
    for (const h of row) {
      while (taken[r]?.[c]) c++;
      for (let dr = 0; dr < (h.rowspan ?? 1); dr++) {
        for (let dc = 0; dc < (h.colspan ?? 1); dc++) {
          (taken[r + dr] ??= [])[c + dc] = true;
          const path = (paths[c + dc] ??= []);
          if (h.text && path[path.length - 1] !== h.text) path.push(h.text);
        }
      }
      c += h.colspan ?? 1;
    }
  });
  return (column) => (paths[column] ?? []).join('／');
}

/**
 * The printed cells that the booklet computes: every amount of a 合计/小计 row, and every amount
 * of a 收支总表-style table (each of its lines sums data rows). Keyed by table, row and column.
 */
function printedCells(tables: TableView[]): Map<string, PrintedCell> {
  const out = new Map<string, PrintedCell>();
  for (const t of tables) {
    if (t.empty || (t.shape !== 'ledger' && t.shape !== 'twoSided' && t.shape !== 'list')) continue;
    const columnName = columnNames(t.head);
    const encoded = expandGrid<Cell>(t.body.map((r) => r.cells), (cell) => `${cell.kind}\u0000${cell.csv ?? cell.text}`);
    const seen = new Map<string, number>();
    encoded.forEach((cells, r) => {
      const kind = t.body[r]?.kind ?? 'item';
      if (!DERIVED_ROWS.has(kind) && t.shape !== 'twoSided') return;
      const parsed = cells.map((e) => {
        const z = e.indexOf('\u0000');
        return z < 0 ? { kind: 'text', text: '' } : { kind: e.slice(0, z), text: e.slice(z + 1) };
      });
      let label = '';
      let run: string[] = [];
      parsed.forEach((cell, i) => {
        if (cell.kind !== 'amount') {
          if (cell.text) run.push(cell.text);
          return;
        }
        if (run.length) {
          label = run.join(' ');
          run = [];
        }
        const column = columnName(i) || `第 ${i + 1} 列`;
        const base = `${t.anchor}|${label}|${column}`;
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        const title = `${t.number ? `${t.number} ` : ''}${tableNameZh[t.id]}${t.subtitle ? `（${t.subtitle}）` : ''}`;
        out.set(`${base}#${n}`, { table: title, row: label || '（无名称）', column, value: cell.text === '' ? null : parseCell(cell.text) });
      });
    });
  }
  return out;
}

function derivedCellChanges(oldTables: TableView[], newTables: TableView[], s: MoneyStyle): DerivedCellChange[] {
  const a = printedCells(oldTables);
  const b = printedCells(newTables);
  const out: DerivedCellChange[] = [];
  const keys = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))];
  for (const k of keys) {
    const x = a.get(k);
    const y = b.get(k);
    const vx = x?.value ?? null;
    const vy = y?.value ?? null;
    const decimals = Math.max(vx?.decimals ?? 0, vy?.decimals ?? 0, s.decimals);
    const scale = (v: { value: bigint; decimals: number } | null) => (v === null ? 0n : v.value * 10n ** BigInt(decimals - v.decimals));
    const ox = scale(vx);
    const oy = scale(vy);
    if (ox === oy && (vx === null) === (vy === null)) continue;
    if (ox === oy && x && y) continue;
    const d = oy - ox;
    const cell = (y ?? x)!;
    out.push({
      table: cell.table,
      row: cell.row,
      column: cell.column,
      old: vx === null ? null : scaledText(ox, decimals, s.thousands),
      new: vy === null ? null : scaledText(oy, decimals, s.thousands),
      change: signed(scaledText(d < 0n ? -d : d, decimals, s.thousands), d < 0n, d === 0n),
    });
  }
  return out;
}

// ------------------------------------------------------------------ derived: 说明 figures

const CODE_GROUPS = ['expenditure', 'fiscal', 'gpb', 'gfb', 'scob'] as const;

/** The figure keys the 说明 can print for either version: the registry's, each class, and the recorded ones. */
function figureKeys(docs: Array<AnyDocument | undefined>): string[] {
  const coded = new Set<string>();
  for (const doc of docs) {
    if (!doc) continue;
    for (const key of Object.keys(doc.figures)) if (key.includes(':') && figureDef(key)) coded.add(key);
    for (const row of doc.expenditure) {
      if (!isLeafCode(row.code)) continue;
      const cls = row.code.slice(0, 3);
      coded.add(`expenditure:${cls}`);
      if (row.fund === 'gpb' || row.fund === 'gfb' || row.fund === 'scob') {
        coded.add(`fiscal:${cls}`);
        coded.add(`${row.fund}:${cls}`);
      }
    }
  }
  const order = (k: string) => {
    const group = k.slice(0, k.indexOf(':'));
    const g = (CODE_GROUPS as readonly string[]).indexOf(group);
    return `${g < 0 ? 9 : g}|${figureCode(k)}`;
  };
  return [...FIXED_FIGURE_KEYS, ...[...coded].sort((x, y) => (order(x) < order(y) ? -1 : order(x) > order(y) ? 1 : 0))];
}

function figureLabel(key: string, ref: ReferenceFile | undefined): string {
  const def = figureDef(key);
  const code = figureCode(key);
  if (!def) return key;
  if (!code) return def.label;
  // All-funds keys ("expenditure:210") have no fund in their label: "科目 210" reads as 支出科目.
  const base = def.label.startsWith('科目') ? `支出${def.label}` : def.label;
  const name = key.startsWith('economic:') ? economicName(ref, code) : functionName(ref, code);
  return name ? `${base} ${name}` : base;
}

interface Version {
  doc: AnyDocument;
  d: Derived;
}

function figureChanges(kind: DocumentKind, a: Version | undefined, b: Version | undefined, s: MoneyStyle, ref: ReferenceFile | undefined): FigureChange[] {
  const out: FigureChange[] = [];
  const value = (v: Version | undefined, key: string) => (v ? figureDef(key)?.value(v.doc, v.d, kind).value ?? null : null);
  for (const key of figureKeys([a?.doc, b?.doc])) {
    const def = figureDef(key);
    if (!def) continue;
    const va = value(a, key);
    const vb = value(b, key);
    const label = figureLabel(key, ref);
    if (va !== vb && !(va === null && vb === 0) && !(va === 0 && vb === null)) {
      const m = moneyChange(va, vb, s);
      out.push({ key, label, what: 'amount', old: m.old === null ? null : `${m.old}${s.unit}`, new: m.new === null ? null : `${m.new}${s.unit}`, change: `${m.change}${s.unit}` });
    }
    const den = def.denominator;
    if (!den) continue;
    const share = (v: Version | undefined, x: Fen | null) => {
      const dv = value(v, den);
      return x === null || dv === null || dv === 0 ? null : percentScaled(x, dv, 2);
    };
    const sa = share(a, va);
    const sb = share(b, vb);
    if (sa === sb) continue;
    const d = (sb ?? 0n) - (sa ?? 0n);
    const pct = (x: bigint) => `${scaledText(x, 2, false)}%`;
    out.push({
      key,
      label: `${label}占${figureLabel(den, ref)}的比例`,
      what: 'share',
      old: sa === null ? null : pct(sa),
      new: sb === null ? null : pct(sb),
      change: `${signed(scaledText(d < 0n ? -d : d, 2, false), d < 0n, d === 0n)}个百分点`,
    });
  }
  return out;
}

// ------------------------------------------------------------------ findings

function findingKey(f: Finding): string {
  return `${f.rule}|${f.pointer}|${f.message}`;
}

function findingChanges(a: Finding[], b: Finding[]): FileDiff['findings'] {
  const count = (list: Finding[]) => {
    const m = new Map<string, number>();
    for (const f of list) m.set(findingKey(f), (m.get(findingKey(f)) ?? 0) + 1);
    return m;
  };
  const view = (f: Finding): FindingChange => ({ severity: f.severity, severityZh: severityZh[f.severity], rule: f.rule, pointer: f.pointer, line: f.line, column: f.column, message: f.message });
  const only = (list: Finding[], other: Map<string, number>) => {
    const left = new Map(other);
    const out: FindingChange[] = [];
    for (const f of list) {
      const k = findingKey(f);
      const n = left.get(k) ?? 0;
      if (n > 0) left.set(k, n - 1);
      else out.push(view(f));
    }
    return out;
  };
  return { appeared: only(b, count(a)), disappeared: only(a, count(b)) };
}

// ------------------------------------------------------------------ one file

export interface DiffInput {
  /** Path relative to the repository root, forward slashes. */
  file: string;
  /** Content at the base revision; undefined when the file is new. */
  old: Uint8Array | undefined;
  /** Content in the working tree; undefined when the file was deleted. */
  new: Uint8Array | undefined;
}

async function booklet(data: UnitYearFile | undefined, kind: DocumentKind, lib: Library): Promise<TableView[] | string> {
  if (!data?.documents[kind]) return [];
  try {
    return (await buildBooklet(data, kind, lib, { charts: false })).view.tables;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function version(data: UnitYearFile | undefined, kind: DocumentKind, s: MoneyStyle): Version | undefined {
  const doc = data?.documents[kind];
  return doc ? { doc, d: derive(doc, kind, s.currency, s.decimals) } : undefined;
}

async function diffDocument(kind: DocumentKind, a: Side | undefined, b: Side | undefined, lib: Library): Promise<DocumentDiff | undefined> {
  const ja = isObject(a?.json) && isObject(a.json.documents) ? a.json.documents[kind] : undefined;
  const jb = isObject(b?.json) && isObject(b.json.documents) ? b.json.documents[kind] : undefined;
  if (ja === undefined && jb === undefined) return undefined;
  const docA = a?.data?.documents[kind];
  const docB = b?.data?.documents[kind];
  const oldStyle = styleOf(lib, docA ?? (isObject(ja) ? (ja as unknown as AnyDocument) : undefined), kind);
  const newStyle = styleOf(lib, docB ?? (isObject(jb) ? (jb as unknown as AnyDocument) : undefined), kind);
  const year = Number((isObject(b?.json) ? b.json.year : undefined) ?? (isObject(a?.json) ? a.json.year : undefined));
  const ref = referenceFor(lib, year).reference;
  const out: DocumentDiff = {
    kind,
    kindZh: KIND_ZH[kind],
    status: ja === undefined ? 'added' : jb === undefined ? 'removed' : 'modified',
    unit: newStyle.unit,
    profile: '',
    amounts: [],
    derivedCells: [],
    derivedFigures: [],
    items: [],
    texts: [],
    values: [],
    notes: [],
  };
  const profileId = docB?.profile ?? docA?.profile ?? (isObject(jb) ? str(jb.profile) : isObject(ja) ? str(ja.profile) : '');
  out.profile = profileId;
  const c: WalkContext = {
    kind,
    tables: lib.profiles.get(profileId)?.kinds[kind]?.tables,
    ref,
    oldStyle,
    newStyle,
    newRoot: jb,
    oldRoot: ja,
    prefix: ['documents', kind],
    amounts: out.amounts,
    texts: out.texts,
    values: out.values,
    items: out.items,
  };
  if (out.status === 'modified') walk(c, ja, jb, [], []);
  const fails = (side: Side | undefined, json: Json | undefined) => json !== undefined && !side?.data;
  if (fails(a, ja) || fails(b, jb)) {
    out.notes.push(`${fails(a, ja) ? '原文件' : '新文件'}没有通过 JSON 或 Schema 检查，不比较由表推算的合计和说明中的数字。`);
  } else {
    const va = version(a?.data, kind, oldStyle);
    const vb = version(b?.data, kind, newStyle);
    out.derivedFigures = figureChanges(kind, va, vb, newStyle, ref);
    if (out.status === 'modified') {
      const [ta, tb] = await Promise.all([booklet(a?.data, kind, lib), booklet(b?.data, kind, lib)]);
      if (typeof ta === 'string' || typeof tb === 'string') {
        out.notes.push(`无法生成公开文件的表格（${typeof tb === 'string' ? tb : ta}），不比较表中的合计和小计。`);
      } else {
        out.derivedCells = derivedCellChanges(ta, tb, newStyle);
      }
    }
  }
  if (out.status === 'modified' && !out.amounts.length && !out.items.length && !out.texts.length && !out.values.length) out.status = 'unchanged';
  return out;
}

export async function diffFile(input: DiffInput, lib: Library): Promise<FileDiff> {
  const a = readSide(input.file, input.old, lib);
  const b = readSide(input.file, input.new, lib);
  const out: FileDiff = {
    file: input.file,
    status: a === undefined ? 'added' : b === undefined ? 'removed' : 'modified',
    texts: [],
    values: [],
    items: [],
    documents: [],
    findings: findingChanges(a?.findings ?? [], b?.findings ?? []),
    notes: [],
  };
  for (const [side, name] of [[a, '原文件'], [b, '新文件']] as const) {
    if (side && side.json === undefined) out.notes.push(`${name}不是有效的 JSON，只比较检查结果。`);
  }
  // A file that fails JSON or Schema is not checked further: the findings of the other stages
  // "disappear" although nothing was mended.
  const stopped = (side: typeof a) => side !== undefined && side.findings.some((f) => f.severity === 'error' && /^(json|schema)\./.test(f.rule));
  if (stopped(b) && !stopped(a) && out.findings.disappeared.length) {
    out.notes.push('新文件没有通过 JSON 或 Schema 检查，其余检查（算术、一致性、完整性）没有进行：“消失”的发现多半只是没有检查，并非已改正。');
  }
  if (out.status === 'modified' && a?.json !== undefined && b?.json !== undefined) {
    // The file outside its documents: unit and year.
    const ja = isObject(a.json) ? a.json : {};
    const jb = isObject(b.json) ? b.json : {};
    const strip = (j: Record<string, Json>) => Object.fromEntries(Object.entries(j).filter(([k]) => k !== 'documents' && k !== '$schema'));
    const style = styleOf(lib, undefined, 'budget');
    walk(
      { kind: undefined, tables: undefined, ref: undefined, oldStyle: style, newStyle: style, newRoot: jb, oldRoot: ja, prefix: [], amounts: [], texts: out.texts, values: out.values, items: out.items },
      strip(ja),
      strip(jb),
      [],
      [],
    );
  }
  for (const kind of ['budget', 'final'] as const) {
    const d = await diffDocument(kind, a?.json === undefined ? undefined : a, b?.json === undefined ? undefined : b, lib);
    if (d) out.documents.push(d);
  }
  if (
    out.status === 'modified' &&
    !out.texts.length &&
    !out.values.length &&
    !out.items.length &&
    out.documents.every((d) => d.status === 'unchanged') &&
    !out.findings.appeared.length &&
    !out.findings.disappeared.length &&
    input.old !== undefined &&
    input.new !== undefined &&
    Buffer.compare(Buffer.from(input.old), Buffer.from(input.new)) === 0
  ) {
    out.status = 'unchanged';
  }
  return out;
}

export async function diffContents(inputs: DiffInput[], lib: Library, base: string): Promise<DiffReport> {
  const files: FileDiff[] = [];
  for (const input of inputs) files.push(await diffFile(input, lib));
  return { base, files };
}

// ------------------------------------------------------------------ git

const run = promisify(execFile);

/** A git failure a user can act on (not a repository, unknown revision). */
export class GitError extends Error {}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (e) {
    const err = e as { code?: string | number; stderr?: string };
    if (err.code === 'ENOENT') throw new GitError('找不到 git 命令，请先安装 git。');
    throw new GitError(String(err.stderr ?? e).trim());
  }
}

/** Fails with a Chinese message unless `cwd` is inside a git working tree. */
export async function assertRepository(cwd: string): Promise<void> {
  try {
    await git(cwd, ['rev-parse', '--show-toplevel']);
  } catch (e) {
    throw new GitError(`当前文件夹不在 git 仓库中（${e instanceof Error ? e.message : String(e)}）。`);
  }
}

/** The base revision: the one given, else the merge-base with origin/main when that exists, else HEAD. */
export async function resolveBase(root: string, given: string | undefined): Promise<{ rev: string; label: string }> {
  let rev = given;
  if (rev === undefined) {
    const hasOrigin = await git(root, ['rev-parse', '--verify', '--quiet', 'origin/main^{commit}']).then(() => true, () => false);
    rev = hasOrigin ? (await git(root, ['merge-base', 'HEAD', 'origin/main'])).trim() : 'HEAD';
  }
  let hash: string;
  try {
    hash = (await git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim();
  } catch {
    throw new GitError(`找不到 git 版本“${rev}”。`);
  }
  const short = hash.slice(0, 7);
  return { rev: hash, label: given === undefined && rev === 'HEAD' ? `HEAD（${short}）` : rev === hash ? short : `${rev}（${short}）` };
}

const DATA_FILE = /^data\/[^_./][^/]*\/[^/]+\.json$/;

/**
 * Data files changed between `rev` and the working tree (tracked changes and new files), relative
 * to the project root `root` (which may be a folder inside the repository).
 */
export async function changedDataFiles(root: string, rev: string): Promise<string[]> {
  const changed = (await git(root, ['diff', '--name-only', '--relative', '--no-renames', '-z', rev, '--', 'data'])).split('\0');
  const untracked = (await git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', 'data'])).split('\0');
  return [...new Set([...changed, ...untracked])].filter((f) => DATA_FILE.test(f)).sort();
}

/** A file's bytes at `rev` (`file` relative to `root`), or undefined when it does not exist there. */
export async function readAtRev(root: string, rev: string, file: string): Promise<Uint8Array | undefined> {
  const listed = await git(root, ['ls-tree', '--name-only', '-z', rev, '--', file]);
  if (!listed.split('\0').includes(file)) return undefined;
  try {
    const { stdout } = await run('git', ['show', `${rev}:./${file}`], { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' });
    return new Uint8Array(stdout);
  } catch (e) {
    throw new GitError(`无法读取 ${rev}:${file}（${String((e as { stderr?: unknown }).stderr ?? e).trim()}）。`);
  }
}
