/**
 * The portal's page models, from the booklets' summaries alone (finish.ts renders them):
 *
 *   summaries ─► order (部门 code, its 单位 under it) ─► listings by year, kind, region, 部门 index,
 *               paginated at PAGE_SIZE with a window of page links (constant size per page)
 *             ─► unit pages: every year's 预算 and 决算 side by side (main figures, their change,
 *               决算 against 预算), a 部门's 单位 and the exact sum of their figures
 *             ─► open data: main-figures.csv / .json (docs/门户.md)
 *
 * Amounts stay integer 分 until they are formatted (money.ts); sums are integer sums.
 */
import { MAIN_FIGURES, type MainFigureId } from '../booklet/main-figures.ts';
import { formatMoney, formatPercent, type Fen } from '../model/money.ts';
import type { DocumentKind } from '../model/schema.ts';
import type { BookletSummary, SiteConfig } from './model.ts';

/**
 * Booklets per listing page. A row of the list is ~300 bytes (a title of ~25 characters, its
 * link and the year · kind · date line), so 100 rows are ~30 KB; with the page's header, filter
 * links and footer (~10 KB) a page stays under 64 KB even with long names (test/site/portal.test.ts
 * measures it at 10,000 synthetic booklets). Fewer rows would only mean more clicks.
 */
export const PAGE_SIZE = 100;
/**
 * 部门 per page of the 部门 index: a 部门's row lists its 单位 too (~5 in a Shanghai district,
 * ~170 bytes each), ~900 bytes a row, so 50 rows are ~45 KB with the page around them.
 */
export const DEPARTMENT_PAGE_SIZE = 50;
/** Page links either side of the current one (plus first and last): the pager's size does not grow with the list. */
const PAGER_WINDOW = 3;

export interface PageLink {
  label: string;
  path: string;
  current: boolean;
}

export interface Pager {
  number: number;
  count: number;
  previous?: string;
  next?: string;
  links: Array<PageLink | { gap: true }>;
}

/** A filter: one listing (a year, a kind, a region, the 部门 index) and its total. */
export interface Filter {
  path: string;
  label: string;
  count: number;
}

/** One page of a listing of booklets. */
export interface ListingPage {
  path: string;
  /** The listing's first page (what filter links point to). */
  listingPath: string;
  label: string;
  heading: string;
  total: number;
  booklets: BookletSummary[];
  pager: Pager;
}

export interface DepartmentRow {
  name: string;
  code?: string;
  /** The 部门's page, when the 部门 has its own booklets; else the first 单位's. */
  path: string;
  units: Array<{ name: string; path: string }>;
  booklets: number;
}

export interface DepartmentIndexPage {
  path: string;
  total: number;
  rows: DepartmentRow[];
  pager: Pager;
}

export interface FigureCell {
  text: string;
  /** 比上年 (the same kind a year before), 决算 against 预算, in words. */
  notes: string[];
}

export interface FigureTable {
  /** Column heads, e.g. "2024年预算"; the booklets in year order, 预算 before 决算. */
  columns: Array<{ label: string; year: number; kind: DocumentKind; html?: string }>;
  rows: Array<{ label: string; cells: FigureCell[] }>;
  /** Values for the chart: per figure, per column, in 万元 rounded to 2 decimals (null: not given). */
  series: Array<{ id: MainFigureId; label: string; values: Array<number | null> }>;
}

export interface UnitPage {
  unitId: string;
  path: string;
  label: string;
  level: 'department' | 'unit';
  code?: string;
  region?: string;
  booklets: BookletSummary[];
  figures: FigureTable;
  /** Its 部门's page (a 单位). */
  parent?: { name: string; path: string };
  /** Its 单位 with booklets (a 部门), each with its booklets. */
  children: Array<{ unitId: string; name: string; path: string; booklets: BookletSummary[] }>;
  /** Σ of the 单位's figures per column (a 部门 with 单位); `counted` says how many 单位 each column sums. */
  childrenSum?: FigureTable & { counted: number[] };
  /** Set by finish.ts when charts are drawn: one small chart per figure given by two booklets or more. */
  charts?: Array<{ title: string; svg: string; alt: string }>;
}

export interface Portal {
  years: Filter[];
  kinds: Filter[];
  regions: Filter[];
  departmentsIndex: Filter;
  listingPages: ListingPage[];
  departmentPages: DepartmentIndexPage[];
  unitPages: UnitPage[];
  /** Newest publications, for the home page. */
  newest: BookletSummary[];
}

const KIND_ZH: Record<DocumentKind, string> = { budget: '预算', final: '决算' };
const KIND_ORDER: Record<DocumentKind, number> = { budget: 0, final: 1 };
export const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Codes first (shorter first, then by digits: 036 before 107 before 1001), no code last. */
const byCode = (a: string | undefined, b: string | undefined) =>
  a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a.length - b.length || byCodePoint(a, b);

/** The 部门 a booklet belongs to in listings: itself (a 部门) or its parent (a 单位). */
interface Placement {
  deptKey: string;
  deptName: string;
  deptCode?: string;
  own: boolean;
}

export function placements(summaries: BookletSummary[]): Map<string, Placement> {
  const byUnit = new Map<string, BookletSummary>();
  for (const s of summaries) if (!byUnit.has(s.unitId)) byUnit.set(s.unitId, s);
  // A 部门 that lists a 单位's folder in unit.includes is its 部门 even if the 单位 names no parent id.
  const includedBy = new Map<string, string>();
  for (const s of byUnit.values()) for (const id of s.family.includeIds) if (!includedBy.has(id)) includedBy.set(id, s.unitId);
  const out = new Map<string, Placement>();
  for (const s of byUnit.values()) {
    const parentId = s.family.parentId ?? includedBy.get(s.unitId);
    const parent = parentId !== undefined && parentId !== s.unitId ? byUnit.get(parentId) : undefined;
    if (s.level === 'department' || (!parent && s.family.parentName === undefined)) {
      out.set(s.unitId, { deptKey: s.unitId, deptName: s.unitName, ...(s.unitCode !== undefined ? { deptCode: s.unitCode } : {}), own: true });
    } else if (parent) {
      const code = parent.unitCode ?? s.family.parentCode;
      out.set(s.unitId, { deptKey: parent.unitId, deptName: parent.unitName, ...(code !== undefined ? { deptCode: code } : {}), own: false });
    } else {
      // A 单位 whose 部门 has no files here: grouped under the 部门's name.
      const code = s.family.parentCode;
      out.set(s.unitId, { deptKey: `name:${s.family.parentName}`, deptName: s.family.parentName!, ...(code !== undefined ? { deptCode: code } : {}), own: false });
    }
  }
  return out;
}

/** The clerk's order: by 部门 code (then name), the 部门's own booklets before its 单位's, 单位 by code; newest year first. */
export function clerkOrder(summaries: BookletSummary[]): BookletSummary[] {
  const place = placements(summaries);
  return [...summaries].sort((a, b) => {
    const pa = place.get(a.unitId)!;
    const pb = place.get(b.unitId)!;
    return (
      byCode(pa.deptCode, pb.deptCode) ||
      byCodePoint(pa.deptName, pb.deptName) ||
      byCodePoint(pa.deptKey, pb.deptKey) ||
      Number(pb.own) - Number(pa.own) ||
      byCode(a.unitCode, b.unitCode) ||
      byCodePoint(a.unitName, b.unitName) ||
      byCodePoint(a.unitId, b.unitId) ||
      b.year - a.year ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind]
    );
  });
}

/** Page n (1-based) of a listing at `base` ("years/2024"): base.html, base-2.html, … */
const pagePath = (base: string, n: number) => (n === 1 ? `${base}.html` : `${base}-${n}.html`);

export function pager(base: string, number: number, count: number): Pager {
  const links: Pager['links'] = [];
  const shown = new Set<number>([1, count]);
  for (let n = number - PAGER_WINDOW; n <= number + PAGER_WINDOW; n++) if (n >= 1 && n <= count) shown.add(n);
  let last = 0;
  for (const n of [...shown].sort((a, b) => a - b)) {
    if (n > last + 1) links.push({ gap: true });
    links.push({ label: String(n), path: pagePath(base, n), current: n === number });
    last = n;
  }
  return {
    number,
    count,
    ...(number > 1 ? { previous: pagePath(base, number - 1) } : {}),
    ...(number < count ? { next: pagePath(base, number + 1) } : {}),
    links,
  };
}

function paginate<T>(items: T[], size = PAGE_SIZE): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length ? pages : [[]];
}

function listing(base: string, label: string, heading: string, booklets: BookletSummary[]): { filter: Filter; pages: ListingPage[] } {
  const chunks = paginate(booklets);
  const pages = chunks.map((chunk, i) => ({
    path: pagePath(base, i + 1),
    listingPath: pagePath(base, 1),
    label,
    heading,
    total: booklets.length,
    booklets: chunk,
    pager: pager(base, i + 1, chunks.length),
  }));
  return { filter: { path: pagePath(base, 1), label, count: booklets.length }, pages };
}

const wan = (fen: Fen) => formatMoney(fen, 'wan', 2, true);

/** "比上年增加12.34%" / "减少" / "持平" / "新增" (the previous figure was 0). */
function change(current: Fen, previous: Fen): string {
  if (current === previous) return '比上年持平';
  if (previous === 0) return '比上年新增';
  const word = current > previous ? '增加' : '减少';
  return `比上年${word}${wan(Math.abs(current - previous))}万元（${formatPercent(Math.abs(current - previous), Math.abs(previous))}%）`;
}

interface Column {
  year: number;
  kind: DocumentKind;
  html?: string;
  figures: Record<MainFigureId, Fen | null>;
}

export function figureTable(columns: Column[]): FigureTable {
  const sorted = [...columns].sort((a, b) => a.year - b.year || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const rows = MAIN_FIGURES.map((f) => ({
    label: f.label,
    cells: sorted.map((c) => {
      const v = c.figures[f.id];
      if (v === null) return { text: '—', notes: [] };
      const notes: string[] = [];
      const before = sorted.find((p) => p.kind === c.kind && p.year === c.year - 1);
      const prev = before?.figures[f.id];
      if (prev !== undefined && prev !== null) notes.push(change(v, prev));
      if (c.kind === 'final') {
        const budget = sorted.find((p) => p.kind === 'budget' && p.year === c.year)?.figures[f.id];
        if (budget !== undefined && budget !== null && budget !== 0) notes.push(`为年初预算的${formatPercent(v, budget)}%`);
      }
      return { text: wan(v), notes };
    }),
  }));
  const series = MAIN_FIGURES.map((f) => ({
    id: f.id,
    label: f.label,
    values: sorted.map((c) => {
      const v = c.figures[f.id];
      return v === null ? null : Number(formatMoney(v, 'wan', 2));
    }),
  }));
  return {
    columns: sorted.map((c) => ({ label: `${c.year}年${KIND_ZH[c.kind]}`, year: c.year, kind: c.kind, ...(c.html !== undefined ? { html: c.html } : {}) })),
    rows,
    series,
  };
}

/** Σ of the 单位's figures per year and kind: exact integer sums; null where any 单位 lacks the figure. */
export function sumColumns(children: BookletSummary[]): Array<Column & { counted: number }> {
  const by = new Map<string, Column & { counted: number }>();
  for (const s of children) {
    const key = `${s.year}|${s.kind}`;
    let col = by.get(key);
    if (!col) {
      col = { year: s.year, kind: s.kind, counted: 0, figures: Object.fromEntries(MAIN_FIGURES.map((f) => [f.id, 0])) as Column['figures'] };
      by.set(key, col);
    }
    col.counted++;
    for (const f of MAIN_FIGURES) {
      const v = s.figures[f.id];
      const acc = col.figures[f.id];
      col.figures[f.id] = acc === null || v === null ? null : acc + v;
    }
  }
  return [...by.values()].sort((a, b) => a.year - b.year || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

function unitPages(ordered: BookletSummary[]): UnitPage[] {
  const place = placements(ordered);
  const byUnit = new Map<string, BookletSummary[]>();
  for (const s of ordered) {
    const list = byUnit.get(s.unitId);
    if (list) list.push(s);
    else byUnit.set(s.unitId, [s]);
  }
  // Each 部门's 单位 in one pass (in unit order), not a scan of every unit per 部门: linear at 10,000 booklets.
  const childrenOf = new Map<string, UnitPage['children']>();
  for (const [id, l] of byUnit) {
    const key = place.get(id)!.deptKey;
    if (key === id) continue;
    const child = { unitId: id, name: l[0]!.unitName, path: l[0]!.paths.unit, booklets: l };
    const list = childrenOf.get(key);
    if (list) list.push(child);
    else childrenOf.set(key, [child]);
  }
  return [...byUnit.entries()].map(([unitId, list]) => {
    const first = list[0]!;
    const p = place.get(unitId)!;
    const children = p.own ? (childrenOf.get(unitId) ?? []) : [];
    const parentList = p.own ? undefined : byUnit.get(p.deptKey);
    const figures = figureTable(list.map((s) => ({ year: s.year, kind: s.kind, html: s.paths.html, figures: s.figures })));
    let childrenSum: UnitPage['childrenSum'];
    if (children.length) {
      const cols = sumColumns(children.flatMap((c) => c.booklets));
      childrenSum = { ...figureTable(cols), counted: cols.map((c) => c.counted) };
    }
    return {
      unitId,
      path: first.paths.unit,
      label: first.unitName,
      level: first.level,
      ...(first.unitCode !== undefined ? { code: first.unitCode } : {}),
      ...(first.family.region !== undefined ? { region: first.family.region } : {}),
      booklets: list,
      figures,
      ...(parentList ? { parent: { name: parentList[0]!.unitName, path: parentList[0]!.paths.unit } } : {}),
      children,
      ...(childrenSum ? { childrenSum } : {}),
    };
  });
}

function departmentIndex(ordered: BookletSummary[]): { filter: Filter; pages: DepartmentIndexPage[] } {
  const place = placements(ordered);
  const rows = new Map<string, DepartmentRow>();
  const seenUnit = new Set<string>();
  for (const s of ordered) {
    const p = place.get(s.unitId)!;
    let row = rows.get(p.deptKey);
    if (!row) {
      row = { name: p.deptName, ...(p.deptCode !== undefined ? { code: p.deptCode } : {}), path: s.paths.unit, units: [], booklets: 0 };
      rows.set(p.deptKey, row);
    }
    row.booklets++;
    if (!p.own && !seenUnit.has(s.unitId)) row.units.push({ name: s.unitName, path: s.paths.unit });
    seenUnit.add(s.unitId);
  }
  const all = [...rows.values()];
  const chunks = paginate(all, DEPARTMENT_PAGE_SIZE);
  const base = 'departments/index';
  const pages = chunks.map((chunk, i) => ({ path: pagePath(base, i + 1), total: all.length, rows: chunk, pager: pager(base, i + 1, chunks.length) }));
  return { filter: { path: pagePath(base, 1), label: '按部门', count: all.length }, pages };
}

export function portal(site: SiteConfig, summaries: BookletSummary[]): Portal {
  const ordered = clerkOrder(summaries);
  const listingPages: ListingPage[] = [];
  const years = [...new Set(ordered.map((s) => s.year))]
    .sort((a, b) => b - a)
    .map((year) => {
      const l = listing(`years/${year}`, `${year}年`, `${year}年预决算公开文件`, ordered.filter((s) => s.year === year));
      listingPages.push(...l.pages);
      return l.filter;
    });
  const kinds = (['budget', 'final'] as const).flatMap((kind) => {
    const list = ordered.filter((s) => s.kind === kind);
    if (!list.length) return [];
    const l = listing(`kinds/${kind}`, KIND_ZH[kind], `${KIND_ZH[kind]}公开文件`, list);
    listingPages.push(...l.pages);
    return [l.filter];
  });
  const regions = site.regions.flatMap((r) => {
    const list = ordered.filter((s) => s.family.region !== undefined && r.match.some((m) => s.family.region!.startsWith(m)));
    const l = listing(`regions/${r.id}`, r.name, `${r.name}预决算公开文件`, list);
    listingPages.push(...l.pages);
    return [l.filter];
  });
  const departments = departmentIndex(ordered);
  const newest = [...summaries]
    .sort((a, b) => byCodePoint(b.publishedDate ?? '', a.publishedDate ?? '') || b.year - a.year || byCodePoint(a.unitName, b.unitName) || byCodePoint(a.unitId, b.unitId) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
    .slice(0, NEWEST);
  return { years, kinds, regions, departmentsIndex: departments.filter, listingPages, departmentPages: departments.pages, unitPages: unitPages(ordered), newest };
}

/** Publications on the home page (the rest are one click away in the listings). */
const NEWEST = 20;
