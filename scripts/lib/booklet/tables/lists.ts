/**
 * List tables (one row per item, 合计 last) and the registry of list and form builders:
 * 项目支出表, 政府采购支出表, 政府购买服务支出表 here; the 绩效 forms in forms-performance.ts.
 *
 * Columns come from the profile's `columns` (keys in docs/profiles-lists.md) or the
 * defaults below, which are the Anhui 2024 layouts (seed 002). Amounts are derived
 * (a project's 总计 is Σ its funds, the 合计 row is Σ the rows); names are printed as the
 * original printed them (`printedName`, `printedUnit`).
 */
import type { ProfileTable, TableId } from '../../model/profile.ts';
import type { Project, ProcurementItem, PurchasedService } from '../../model/schema.ts';
import { sum, type Fen } from '../../model/money.ts';
import { BookletError, fillTitle, type BuildContext } from '../context.ts';
import type { Cell, HeaderCell, Row } from '../model.ts';
import type { TableBuilder, TableDraft } from './index.ts';
import { label, money, row, spanned, text } from './forms-grid.ts';
import { performanceBuilders } from './forms-performance.ts';

/** A list column: its heading, an optional group heading, and how to fill an item's cell. */
interface ListColumn<T> {
  heading: string;
  /** Columns with the same adjacent group get one spanning heading above them. */
  group?: string;
  /** Text column (name, type …) or amount column. */
  kind: 'text' | 'amount';
  text?: (item: T, index: number) => string | undefined;
  /** Amount in 分, undefined for a blank cell. */
  amount?: (item: T, index: number) => Fen | undefined;
  /** True for the name column: its cells are row headers. */
  rowHeader?: boolean;
}

type ColumnSet<T> = Record<string, ListColumn<T>>;

const FUNDS_THIS_YEAR = '本年财政拨款';
const FUNDS_CARRIED = '财政拨款结转结余';

function projectColumns(ctx: BuildContext): ColumnSet<Project> {
  const m = ctx.d.money;
  const fund = (key: keyof Project['funds']) => (p: Project) => (p.funds[key] === undefined ? undefined : m(p.funds[key]));
  return {
    type: { heading: '类型', kind: 'text', text: (p) => p.type },
    name: { heading: '项目名称', kind: 'text', text: (p) => p.printedName ?? p.name, rowHeader: true },
    unit: { heading: '项目单位', kind: 'text', text: (p) => p.printedUnit ?? p.unit },
    fundUse: { heading: '项目属性', kind: 'text', text: (p) => p.fundUse },
    functionCode: { heading: '功能分类科目编码', kind: 'text', text: (p) => p.functionCode },
    total: { heading: '总计', kind: 'amount', amount: (_p, i) => ctx.d.projectTotals[i] },
    gpb: { heading: '一般公共预算', group: FUNDS_THIS_YEAR, kind: 'amount', amount: fund('gpb') },
    gfb: { heading: '政府性基金预算', group: FUNDS_THIS_YEAR, kind: 'amount', amount: fund('gfb') },
    scob: { heading: '国有资本经营预算', group: FUNDS_THIS_YEAR, kind: 'amount', amount: fund('scob') },
    carryGpb: { heading: '一般公共预算', group: FUNDS_CARRIED, kind: 'amount', amount: fund('carryGpb') },
    carryGfb: { heading: '政府性基金预算', group: FUNDS_CARRIED, kind: 'amount', amount: fund('carryGfb') },
    carryScob: { heading: '国有资本经营预算', group: FUNDS_CARRIED, kind: 'amount', amount: fund('carryScob') },
    specialAccount: { heading: '财政专户管理资金', kind: 'amount', amount: fund('specialAccount') },
    unitFunds: { heading: '单位资金', kind: 'amount', amount: fund('unitFunds') },
  };
}

const PROJECT_DEFAULT = ['type', 'name', 'unit', 'total', 'gpb', 'gfb', 'scob', 'carryGpb', 'carryGfb', 'carryScob', 'specialAccount', 'unitFunds'];

const CATEGORY_ZH: Record<ProcurementItem['category'], string> = { goods: '货物', works: '工程', services: '服务' };

function procurementColumns(ctx: BuildContext): ColumnSet<ProcurementItem> {
  const m = ctx.d.money;
  const fund = (key: 'gpb' | 'gfb' | 'scob' | 'specialAccount' | 'unitFunds') => (i: ProcurementItem) =>
    i[key] === undefined ? undefined : m(i[key]);
  return {
    project: { heading: '项目名称', kind: 'text', text: (i) => i.project, rowHeader: true },
    item: { heading: '政府采购品目', kind: 'text', text: (i) => i.item },
    category: { heading: '采购类别', kind: 'text', text: (i) => CATEGORY_ZH[i.category] },
    total: { heading: '合计', kind: 'amount', amount: (_i, n) => ctx.d.procurementItemTotals[n] },
    gpb: { heading: '一般公共预算', kind: 'amount', amount: fund('gpb') },
    gfb: { heading: '政府性基金预算', kind: 'amount', amount: fund('gfb') },
    scob: { heading: '国有资本经营预算', kind: 'amount', amount: fund('scob') },
    specialAccount: { heading: '财政专户管理资金', kind: 'amount', amount: fund('specialAccount') },
    unitFunds: { heading: '单位资金', kind: 'amount', amount: fund('unitFunds') },
  };
}

const PROCUREMENT_DEFAULT = ['project', 'item', 'total', 'gpb', 'gfb', 'scob', 'specialAccount', 'unitFunds'];

function serviceColumns(ctx: BuildContext): ColumnSet<PurchasedService> {
  return {
    project: { heading: '项目名称', kind: 'text', text: (s) => s.project, rowHeader: true },
    level1: { heading: '一级目录名称', kind: 'text', text: (s) => s.level1 },
    level2: { heading: '二级目录名称', kind: 'text', text: (s) => s.level2 },
    level3: { heading: '三级目录名称', kind: 'text', text: (s) => s.level3 },
    content: { heading: '政府购买服务内容', kind: 'text', text: (s) => s.content },
    quantity: { heading: '购买数量', kind: 'text', text: (s) => s.quantity },
    amount: { heading: '购买金额', kind: 'amount', amount: (s) => ctx.d.money(s.amount) },
  };
}

const SERVICE_DEFAULT = ['project', 'level1', 'level2', 'level3', 'content', 'quantity', 'amount'];

/** The profile's columns, or the default; an unknown key is a profile error. */
export function pickColumns<T>(spec: ProfileTable, set: ColumnSet<T>, fallback: string[]): Array<ListColumn<T>> {
  const keys = spec.columns ?? fallback;
  return keys.map((key) => {
    const column = set[key];
    if (!column) {
      throw new BookletError(`表式中 ${spec.id} 表的列名“${key}”无效，可用的列名：${Object.keys(set).join('、')}（见 docs/profiles-lists.md）`);
    }
    return column;
  });
}

/** One or two heading rows: a group heading spans its adjacent columns; ungrouped headings span both rows. */
export function listHead<T>(columns: Array<ListColumn<T>>): HeaderCell[][] {
  if (!columns.some((c) => c.group)) return [columns.map((c) => ({ text: c.heading, scope: 'col' as const }))];
  const top: HeaderCell[] = [];
  const bottom: HeaderCell[] = [];
  for (let i = 0; i < columns.length; ) {
    const group = columns[i]!.group;
    if (!group) {
      top.push({ text: columns[i]!.heading, rowspan: 2, scope: 'col' });
      i++;
      continue;
    }
    let j = i;
    while (j < columns.length && columns[j]!.group === group) bottom.push({ text: columns[j++]!.heading, scope: 'col' });
    top.push(j - i > 1 ? { text: group, colspan: j - i, scope: 'colgroup' } : { text: group, scope: 'colgroup' });
    i = j;
  }
  return [top, bottom];
}

/**
 * A list table: one row per item and a 合计 row. The 合计 label spans the text columns
 * before the first amount column; an amount column's total is blank when no item has a
 * value in it (as the originals print it), else Σ of the items.
 */
export function listTable<T>(ctx: BuildContext, spec: ProfileTable, items: T[], columns: Array<ListColumn<T>>, emptyNote: string): TableDraft {
  const body: Row[] = items.map((item, index) =>
    row(
      'item',
      columns.map((c): Cell => {
        if (c.kind === 'amount') return money(ctx, c.amount!(item, index));
        const cell = text(c.text!(item, index));
        return c.rowHeader ? { ...cell, header: true } : cell;
      }),
    ),
  );
  const firstAmount = columns.findIndex((c) => c.kind === 'amount');
  if (items.length > 0 && firstAmount >= 0) {
    const cells: Cell[] = [spanned(label('合计'), Math.max(firstAmount, 1))];
    columns.forEach((c, i) => {
      if (i < Math.max(firstAmount, 1)) return;
      if (c.kind !== 'amount') return void cells.push(text(''));
      const values = items.map((item, index) => c.amount!(item, index)).filter((v): v is Fen => v !== undefined);
      cells.push(money(ctx, values.length ? sum(values) : undefined));
    });
    body.push(row('total', cells));
  }
  const empty = items.length === 0;
  return {
    id: spec.id,
    ...(spec.number ? { number: spec.number } : {}),
    title: fillTitle(ctx, spec.title),
    unitLabel: ctx.unitLabel,
    shape: 'list',
    head: listHead(columns),
    body: empty ? [] : body,
    empty,
    ...(empty ? { emptyNote: fillTitle(ctx, spec.emptyNote ?? emptyNote) } : {}),
    notes: [],
    wide: spec.wide ?? columns.length > 7,
  };
}

export const DEFAULT_EMPTY_NOTE = '本表无数据';

const projects: TableBuilder = (ctx, spec) => [
  listTable(ctx, spec, ctx.doc.projects, pickColumns(spec, projectColumns(ctx), PROJECT_DEFAULT), DEFAULT_EMPTY_NOTE),
];

const procurement: TableBuilder = (ctx, spec) => [
  listTable(ctx, spec, ctx.doc.procurement?.items ?? [], pickColumns(spec, procurementColumns(ctx), PROCUREMENT_DEFAULT), DEFAULT_EMPTY_NOTE),
];

/** Seed 002's wording under the empty 政府购买服务支出表. */
const NO_SERVICES = '注：{unit}没有安排政府购买服务支出，故本表无数据';

const purchasedServices: TableBuilder = (ctx, spec) => [
  listTable(ctx, spec, ctx.doc.purchasedServices ?? [], pickColumns(spec, serviceColumns(ctx), SERVICE_DEFAULT), NO_SERVICES),
];

export const listBuilders: Partial<Record<TableId, TableBuilder>> = {
  projects,
  procurement,
  purchasedServices,
  ...performanceBuilders,
};
