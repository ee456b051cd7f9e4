/**
 * The booklet view model: everything a template needs to print one document
 * (unit × year × 预算/决算), already computed and formatted. Templates only lay
 * this out; they never compute, and they never see the raw data file.
 *
 * Escaping contract: every `string` here is plain text and the templates escape it
 * (Nunjucks autoescape). The only HTML that reaches a page is a `SafeHtml` value,
 * produced by html.ts (`html` tagged template, which escapes every interpolation)
 * or prose.ts (markdown-it with raw HTML off), or chart SVG from charts.ts.
 */
import type { TableId } from '../model/profile.ts';
import type { DocumentKind } from '../model/schema.ts';
import type { SafeHtml } from './html.ts';
import type { MainFigures } from './main-figures.ts';

export type CellKind = 'text' | 'code' | 'amount' | 'count' | 'percent';

export interface Cell {
  /** Display text, formatted for the profile ("1,234.5", "" for a blank cell). */
  text: string;
  kind: CellKind;
  /** Value for the CSV export where it differs from `text` (e.g. amount without thousands separators). */
  csv?: string;
  colspan?: number;
  rowspan?: number;
  /** Row header cell (`<th scope="row">`), e.g. the 科目名称 or item name. */
  header?: boolean;
  /** Indent level of a name cell: 0 类/total, 1 款, 2 项. */
  indent?: number;
}

export interface HeaderCell {
  text: string;
  colspan?: number;
  rowspan?: number;
  /** 'col' for a leaf column header, 'colgroup' for a header spanning several columns. */
  scope: 'col' | 'colgroup';
}

export type RowKind = 'total' | 'subtotal' | 'group' | 'item' | 'section';

export interface Row {
  kind: RowKind;
  cells: Cell[];
}

/**
 * Table shapes, one Nunjucks macro each:
 * - ledger: classified rows (科目编码/名称 + amount columns), totals first or last
 * - twoSided: 收支总表 style, income items left, expenditure items right, one row each
 * - list: one row per item (项目, 采购, 购买服务)
 * - form: a form-like grid with label/value cells and indicator rows (绩效目标表, 自评表)
 */
export type TableShape = 'ledger' | 'twoSided' | 'list' | 'form';

export interface ChartView {
  /** Unique in the page, e.g. "chart-income-sources". */
  id: string;
  title: string;
  /** Inline SVG from charts.ts (already escaped inside). */
  svg: SafeHtml;
  /** Text alternative: the chart's data as a sentence. */
  alt: string;
}

export interface TableView {
  id: TableId;
  /** Anchor and file stem, unique in the booklet: "table-summary", "table-projectPerformance-3". */
  anchor: string;
  /** Table number as the profile words it ("部门公开表1", "预算3表"), if any. */
  number?: string;
  /** Title with unit and year filled in. */
  title: string;
  /** What tells this table from its siblings, e.g. the project of a per-project 绩效目标表. */
  subtitle?: string;
  /** "单位：万元" / "单位：元". */
  unitLabel: string;
  /** True where the profile prints the number only in the 目录 (tableHeading.number false): the table page shows the title alone. */
  numberHidden?: boolean;
  /** "编制部门：上海市普陀区商务委员会", printed left of the unit line where the profile asks (tableHeading.preparedBy). */
  preparedBy?: string;
  shape: TableShape;
  head: HeaderCell[][];
  body: Row[];
  /** True when the table has no data rows; `emptyNote` is printed instead of an empty body. */
  empty: boolean;
  emptyNote?: string;
  /** Notes printed under the table (注：…). */
  notes: string[];
  /** Too wide for portrait: printed landscape, scrolls in its own box on screen. */
  wide: boolean;
  charts: ChartView[];
  /** CSV file name (no directory), e.g. "01-summary.csv". */
  csvName: string;
  /** Index in the document's projects of the project a per-project table (绩效目标表) is about. */
  project?: number;
}

export type Block =
  /** modifier 'project': one project's 经费情况说明 (eachProject), its own page in print under a centred title. */
  | { type: 'section'; anchor: string; heading: string; blocks: Block[]; modifier?: 'project' }
  | { type: 'prose'; html: SafeHtml }
  | { type: 'list'; items: string[] }
  /** A small table of plain text (the overview's 单位构成 “序号 / 单位名称 / 备注”): no number, no CSV, no bookmark. */
  | { type: 'roster'; caption: string; head: string[]; rows: string[][] }
  | { type: 'table'; table: TableView }
  | { type: 'chart'; chart: ChartView }
  | { type: 'glossary'; entries: Array<{ term: string; definition: string; number?: string }> };

export type PartId = 'overview' | 'tables' | 'explanation' | 'glossary';

export interface PartView {
  id: PartId;
  anchor: string;
  /** "第一部分" (or "附件" where the profile prints the tables as an annex); absent where the title carries its own "一、". */
  number?: string;
  /** Printed between number and title: the profile's numberGap, a space by default. */
  numberGap: string;
  title: string;
  /** The deepest level of this part the 目录 lists (1 the part's title only); absent: every level. */
  tocDepth?: 1 | 2 | 3;
  blocks: Block[];
}

/** One line of the PDF cover's title, printed whole; size selects its class in print.css. */
export interface CoverLine {
  text: string;
  size: 'large' | 'medium' | 'small';
  /** A profile's line: printed on one line (the national default lines wrap where they must). */
  whole: boolean;
  /** In the cover's heading (the PDF's first bookmark); false for a small line printed under it. */
  heading: boolean;
}

export interface TocEntry {
  anchor: string;
  text: string;
  /** The heading as the page prints it (and the PDF bookmark), where it differs from the 目录's text: a table whose number only the 目录 prints (tableHeading.number false). */
  heading?: string;
  level: 1 | 2 | 3;
  /** A heading (and PDF bookmark) the printed 目录 does not list: deeper than its part's tocDepth. */
  bookmarkOnly?: true;
}

export interface BookletPaths {
  /** All relative to the site root, forward slashes. */
  html: string;
  pdf: string;
  /** The print document the PDF is made from: rendered into the build folder, printed, then removed (never published). */
  print: string;
  /** The data file as published (JSON). */
  data: string;
  /** Folder of the per-table CSV files. */
  csvDir: string;
  /** All the tables in one workbook, in the budget system's layout (site/xlsx.ts). */
  xlsx: string;
  /** The unit's page, listing all its booklets. */
  unit: string;
}

export interface BookletView {
  /** "sixian-ybj/2024/budget". */
  key: string;
  unitId: string;
  unitName: string;
  unitCode?: string;
  level: 'department' | 'unit';
  year: number;
  kind: DocumentKind;
  /** "预算" / "决算". */
  kindZh: string;
  /** Full title, e.g. "泗县医疗保障局2024年度部门预算". */
  title: string;
  /** The document title without the unit name ("2024年度部门预算"). */
  coverTitle: string;
  /** The PDF cover's title lines: the profile's cover, by default the unit name and coverTitle. */
  coverLines: CoverLine[];
  /** ISO date or null when the original printed none. */
  publishedDate: string | null;
  /** "2024年2月5日" or null. */
  publishedDateZh: string | null;
  profileId: string;
  /** Where the PDF prints its page numbers (the profile's pageNumbers): outer corner or centred. */
  pageNumbers: 'outside' | 'center';
  /** True for synthetic example data (示例), shown as such on every page. */
  example: boolean;
  paths: BookletPaths;
  parts: PartView[];
  toc: TocEntry[];
  /** Every table, in booklet order (also reachable through parts), for CSV export. */
  tables: TableView[];
  /** The main figures in 分 (main-figures.ts), for the portal's pages and open data. */
  figures: MainFigures;
  /** What the data file says about the unit's place among 部门 and 单位. */
  family: UnitFamily;
  /** Set by the site build (site/build-chunk.ts): the unit's other booklets and its 部门/单位 pages. */
  related?: RelatedLinks;
}

/** unit.parent and unit.includes as the data file gives them (ids name folders in data/). */
export interface UnitFamily {
  parentId?: string;
  parentName?: string;
  parentCode?: string;
  /** Ids of the included 单位 that have their own data folder (unit.includes[].id). */
  includeIds: string[];
  region?: string;
}

export interface RelatedLinks {
  /** Every booklet of the same unit in data/ (this one marked current), newest year first, 预算 before 决算. */
  booklets: Array<{ year: number; kind: DocumentKind; label: string; html: string; current: boolean }>;
  /** Its 部门's page (所属部门) and its 单位's pages (所属单位), where their files are in data/. */
  units: Array<{ role: string; name: string; href: string }>;
}
