/**
 * Cell and row helpers shared by the list and form builders (项目支出表 … 绩效自评表):
 * text, label and amount cells, label/value pairs spread over a fixed column count, and
 * the indicator rows of a 绩效 table with equal adjacent 一级/二级 cells merged.
 */
import type { Indicator } from '../../model/schema.ts';
import type { Fen } from '../../model/money.ts';
import { BookletError, cellMoney, csvMoney, type BuildContext } from '../context.ts';
import type { Cell, Row, RowKind } from '../model.ts';

export const text = (value: string | undefined | null): Cell => ({ text: value ?? '', kind: 'text' });

/** A row-header cell (the label of a form field, the name of a list row). */
export const label = (value: string): Cell => ({ text: value, kind: 'text', header: true });

export function money(ctx: BuildContext, fen: Fen | null | undefined): Cell {
  return { text: cellMoney(ctx, fen), csv: csvMoney(ctx, fen), kind: 'amount' };
}

export function spanned(cell: Cell, colspan: number, rowspan = 1): Cell {
  const out: Cell = { ...cell };
  if (colspan > 1) out.colspan = colspan;
  if (rowspan > 1) out.rowspan = rowspan;
  return out;
}

export const row = (kind: RowKind, cells: Cell[]): Row => ({ kind, cells });

/** `width` columns in `parts` spans, the earlier spans taking the remainder. */
export function split(width: number, parts: number): number[] {
  if (parts < 1 || width < parts) throw new BookletError(`表格列数 ${width} 不足以排下 ${parts} 栏`);
  const base = Math.floor(width / parts);
  const extra = width % parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * Label/value pairs on one row of `width` columns: each label one column, the values
 * sharing the rest ("项目来源 | 本级申报项目 | 项目期 | 1年").
 */
export function pairCells(width: number, pairs: Array<[string, Cell]>): Cell[] {
  const spans = split(width - pairs.length, pairs.length);
  return pairs.flatMap(([name, value], i) => [label(name), spanned(value, spans[i]!)]);
}

/** A whole row of label/value pairs. */
export const pairRow = (width: number, pairs: Array<[string, Cell]>): Row => row('item', pairCells(width, pairs));

/** Cells spread evenly over `width` columns (a sub-header or value row inside a block). */
export function spreadCells(width: number, cells: Cell[]): Cell[] {
  const spans = split(width, cells.length);
  return cells.map((c, i) => spanned(c, spans[i]!));
}

/**
 * A labelled block: the label cell spans all the block's rows on the left (项目资金,
 * 年度主要任务, 预算情况); `rows` are the cells to its right.
 */
export function block(name: string, rows: Cell[][], kind: RowKind = 'item'): Row[] {
  return rows.map((cells, i) => row(kind, i === 0 ? [spanned(label(name), 1, rows.length), ...cells] : cells));
}

/** A section heading across the whole table ("项目详细信息", "项目绩效目标"). */
export const sectionRow = (width: number, name: string): Row => row('section', [spanned(label(name), width)]);

// ─── indicators ───────────────────────────────────────────────────────────────────────────────

/** Indicator columns of a 绩效 table. level1/level2 cells merge when equal and adjacent. */
export type IndicatorColumn =
  | 'level1'
  | 'level2'
  | 'level3'
  | 'value'
  | 'midValue'
  | 'note'
  | 'previousActual'
  | 'actual'
  | 'weight'
  | 'score'
  | 'deviation';

export const indicatorHeading: Record<IndicatorColumn, string> = {
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  value: '指标值',
  midValue: '中期指标值',
  note: '指标解释',
  previousActual: '上年实际完成值',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
  deviation: '偏差原因分析及改进措施',
};

/** A 分值/得分 number as printed: up to two decimals, no trailing zeros. */
export function scoreText(value: number | undefined): string {
  if (value === undefined) return '';
  return String(Math.round(value * 100) / 100);
}

/** Σ of 分值 or 得分 in hundredths (the data carries at most two decimals), as text. */
export function scoreSum(values: Array<number | undefined>): string {
  const hundredths = values.reduce<number>((acc, v) => acc + (v === undefined ? 0 : Math.round(v * 100)), 0);
  return String(hundredths / 100);
}

function indicatorCell(ind: Indicator, column: IndicatorColumn): Cell {
  switch (column) {
    case 'weight':
      return { text: scoreText(ind.weight), kind: 'count' };
    case 'score':
      return { text: scoreText(ind.score), kind: 'count' };
    default:
      return text(ind[column]);
  }
}

/** Length of the run of rows from `start` whose `key` equals row `start`'s (non-empty) and stays inside `limit`. */
function runLength(values: Array<string | undefined>, start: number, limit: number): number {
  const v = values[start];
  if (!v) return 1;
  let end = start + 1;
  while (end < limit && values[end] === v) end++;
  return end - start;
}

/**
 * The indicator rows: one per indicator, in data order. Equal adjacent 一级 cells merge
 * (rowspan); equal adjacent 二级 cells merge within their 一级 run. Blank labels never
 * merge. A `note` (指标解释) that only its first row carries spans the following rows of
 * the same 二级 run that have none, as the Henan 整体绩效目标表 prints it.
 */
export function indicatorRows(indicators: Indicator[], columns: IndicatorColumn[]): Row[] {
  const n = indicators.length;
  const level1 = indicators.map((i) => i.level1);
  const level2 = indicators.map((i) => i.level2);
  const l1Span: number[] = new Array(n).fill(0);
  const l2Span: number[] = new Array(n).fill(0);
  const noteSpan: number[] = new Array(n).fill(0);
  for (let i = 0; i < n; ) {
    const len1 = runLength(level1, i, n);
    l1Span[i] = len1;
    for (let j = i; j < i + len1; ) {
      const len2 = runLength(level2, j, i + len1);
      l2Span[j] = len2;
      for (let k = j; k < j + len2; ) {
        let len = 1;
        if (indicators[k]!.note !== undefined) while (k + len < j + len2 && indicators[k + len]!.note === undefined) len++;
        noteSpan[k] = len;
        k += len;
      }
      j += len2;
    }
    i += len1;
  }
  return indicators.map((ind, i) => {
    const cells: Cell[] = [];
    for (const column of columns) {
      const spanOf = column === 'level1' ? l1Span : column === 'level2' ? l2Span : column === 'note' ? noteSpan : undefined;
      if (spanOf) {
        if (spanOf[i] === 0) continue;
        const cell = indicatorCell(ind, column);
        cells.push(spanned(column === 'note' ? cell : { ...cell, header: true }, 1, spanOf[i]!));
      } else {
        cells.push(indicatorCell(ind, column));
      }
    }
    return row('item', cells);
  });
}

/** The column-heading row above the indicators ("一级指标 | 二级指标 | 三级指标 | 指标值"). */
export function indicatorHeadRow(columns: IndicatorColumn[], headings: Partial<Record<IndicatorColumn, string>> = {}): Cell[] {
  return columns.map((c) => label(headings[c] ?? indicatorHeading[c]));
}
