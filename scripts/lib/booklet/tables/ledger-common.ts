/**
 * Shared pieces of the classified (ledger) and two-sided table builders: column
 * catalogues and the profile's `columns` check, multi-level headers built from column
 * paths, amount cells, and the empty-table draft.
 *
 * A column is described by its header path, e.g. ['基本支出', '人员经费']: the header
 * rows are derived from the paths (adjacent columns with the same group label share one
 * spanning cell; a path shorter than the deepest one spans down with rowspan), so the
 * header and the body cannot disagree about the column count.
 */
import type { ProfileTable, TableId } from '../../model/profile.ts';
import { tableNameZh } from '../../model/profile.ts';
import type { Fen } from '../../model/money.ts';
import { BookletError, cellMoney, csvMoney, fillTitle, type BuildContext } from '../context.ts';
import type { Cell, HeaderCell, Row, RowKind, TableShape } from '../model.ts';
import type { TableDraft } from './index.ts';

export type Maybe = Fen | null;

/** One column of a table: its header path and, for amount columns, its key. */
export interface ColumnHead {
  path: string[];
}

/** An amount column offered by a table: the key a profile names it by, and its header path. */
export interface AmountColumn<V> extends ColumnHead {
  key: string;
  value: (v: V) => Maybe;
}

/**
 * The amount columns a table prints: the profile's `columns` in its order, or the
 * table's default. An unknown key is a profile mistake; the message names the table,
 * the profile and the keys it could have used.
 */
export function pickColumns(ctx: BuildContext, spec: ProfileTable, available: readonly string[], defaults: readonly string[]): string[] {
  const keys = spec.columns ?? [...defaults];
  for (const key of keys) {
    if (!available.includes(key)) {
      throw new BookletError(
        `表式 ${ctx.profileId} 中“${tableZh(spec.id)}”（${spec.id}）的列名“${key}”无法识别；可用的列名：${available.join('、')}（见 docs/profiles.md）`,
      );
    }
  }
  if (keys.length === 0) throw new BookletError(`表式 ${ctx.profileId} 中“${tableZh(spec.id)}”（${spec.id}）没有列出任何金额列`);
  return keys;
}

/**
 * Header rows from column paths. A cell spans the adjacent columns that share its label
 * and all labels above it, provided it is a group (has labels below it); a leaf label
 * spans down to the last header row.
 */
export function buildHead(columns: readonly ColumnHead[]): HeaderCell[][] {
  const depth = Math.max(1, ...columns.map((c) => c.path.length));
  const rows: HeaderCell[][] = [];
  for (let level = 0; level < depth; level++) {
    const row: HeaderCell[] = [];
    let previous: ColumnHead | undefined;
    let open: HeaderCell | undefined;
    for (const column of columns) {
      const { path } = column;
      if (path.length <= level) {
        previous = undefined;
        open = undefined;
        continue;
      }
      const isGroup = path.length > level + 1;
      const continues =
        open !== undefined &&
        previous !== undefined &&
        isGroup &&
        previous.path.length > level + 1 &&
        path.slice(0, level + 1).every((label, i) => previous!.path[i] === label);
      if (continues && open) {
        open.colspan = (open.colspan ?? 1) + 1;
      } else {
        const cell: HeaderCell = { text: path[level]!, scope: isGroup ? 'colgroup' : 'col' };
        if (!isGroup && depth - level > 1) cell.rowspan = depth - level;
        row.push(cell);
        open = cell;
      }
      previous = column;
    }
    rows.push(row);
  }
  return rows;
}

/** Header colspans are only written when > 1; this normalises them for the templates. */
export function tidyHead(head: HeaderCell[][]): HeaderCell[][] {
  for (const row of head) for (const cell of row) if (cell.colspan === 1) delete cell.colspan;
  return head;
}

/**
 * An amount cell. Zero prints blank, as every seed prints it, unless the table's printZeros
 * says the original prints "0"; null (a split the data does not give) is blank in the CSV
 * too, while a zero is "0.00" there.
 */
export function amountCell(ctx: BuildContext, fen: Maybe): Cell {
  if (fen === null) return { text: '', kind: 'amount', csv: '' };
  const csv = csvMoney(ctx, fen);
  return { text: fen === 0 && !ctx.printZeros ? '' : cellMoney(ctx, fen), kind: 'amount', csv };
}

export function textCell(text: string, kind: Cell['kind'] = 'text'): Cell {
  return { text, kind };
}

export function nameCell(text: string, indent: number): Cell {
  return { text, kind: 'text', header: true, indent };
}

export function row(kind: RowKind, cells: Cell[]): Row {
  return { kind, cells };
}

export interface DraftParts {
  shape: TableShape;
  head: HeaderCell[][];
  body: Row[];
  amountColumns: number;
  emptyNote?: string;
}

/** Wraps a built body into the draft: title, number, unit label, wide and the empty note. */
export function draft(ctx: BuildContext, spec: ProfileTable, parts: DraftParts): TableDraft {
  const empty = parts.body.length === 0;
  const out: TableDraft = {
    id: spec.id,
    title: fillTitle(ctx, spec.title),
    unitLabel: ctx.unitLabel,
    shape: parts.shape,
    head: tidyHead(parts.head),
    body: parts.body,
    empty,
    notes: [],
    wide: spec.wide ?? parts.amountColumns > 7,
  };
  if (spec.number !== undefined) out.number = spec.number;
  if (empty) out.emptyNote = fillTitle(ctx, spec.emptyNote ?? parts.emptyNote ?? '本表无数据');
  return out;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 21 → 二十一 (up to 99), for the numbered rows of the 收支 tables. */
export function zhNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** The table's Chinese name, for messages. */
export function tableZh(id: TableId): string {
  return tableNameZh[id] ?? id;
}
