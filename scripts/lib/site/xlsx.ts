/**
 * A booklet's tables as one .xlsx, in the layout of the budget system's export: one sheet per
 * table with the title, the unit line, the header rows (spans as merged cells), then the body,
 * amounts as numbers. `npm run import` reads this file back into the same numbers
 * (test/import/roundtrip.test.ts), so a clerk can start next year's file from this year's.
 *
 * Deterministic bytes: the workbook's created/modified dates are the booklet's publication date
 * (from the data, never the clock), the zip entries carry no time stamp, and the number formats
 * are the book's own (never SheetJS's process-wide table).
 */
import * as XLSX from '@e965/xlsx';
import type { BookletView, Cell, HeaderCell, TableView } from '../booklet/model.ts';
import { numbered } from '../booklet/numbering.ts';

type Value = string | number;

/**
 * Rows of spanning cells as a rectangular grid (the value in a span's first cell, the others
 * blank) and the spans as SheetJS merges, offset by `top` rows.
 */
function layOut<T extends { colspan?: number; rowspan?: number }>(rows: T[][], top: number, v: (cell: T) => Value): { grid: Value[][]; merges: XLSX.Range[] } {
  const grid: Value[][] = [];
  const merges: XLSX.Range[] = [];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r]![c] !== undefined) c++;
      const cs = cell.colspan ?? 1;
      const rs = cell.rowspan ?? 1;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) (grid[r + dr] ??= [])[c + dc] = dr === 0 && dc === 0 ? v(cell) : '';
      if (cs > 1 || rs > 1) merges.push({ s: { r: top + r, c }, e: { r: top + r + rs - 1, c: c + cs - 1 } });
      c += cs;
    }
  });
  return { grid: grid.map((r) => Array.from(r, (x) => x ?? '')), merges };
}

/** An amount or count as a number (its plain text is a decimal with at most 6 places, which a double keeps exactly as written). */
function value(cell: Cell): Value {
  const text = cell.csv ?? cell.text;
  if ((cell.kind === 'amount' || cell.kind === 'count') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the book. */
function sheetName(t: TableView, index: number, used: Set<string>): string {
  const base = `${String(index + 1).padStart(2, '0')} ${t.title}${t.subtitle ? ` ${t.subtitle}` : ''}`.replace(/[:\\/?*[\]]/g, '_');
  let name = base.slice(0, 31);
  for (let n = 2; used.has(name); n++) name = `${base.slice(0, 31 - `~${n}`.length)}~${n}`;
  used.add(name);
  return name;
}

function tableSheet(t: TableView, preparedBy: string): XLSX.WorkSheet {
  const top = 2;
  const head = layOut<HeaderCell>(t.head, top, (h) => h.text);
  const body = t.empty ? { grid: [[t.emptyNote ?? '本表无数据']], merges: [] } : layOut<Cell>(t.body.map((r) => r.cells), top + head.grid.length, value);
  const width = Math.max(1, ...head.grid.map((r) => r.length), ...body.grid.map((r) => r.length));
  const title = numbered(t.number, t.title);
  // The budget system's meta line: who prepared it on the left, the unit on the right.
  const meta: Value[] = Array.from({ length: width }, () => '');
  meta[0] = width === 1 ? `${preparedBy} ${t.unitLabel}` : preparedBy;
  if (width > 1) meta[width - 1] = t.unitLabel;
  const ws = XLSX.utils.aoa_to_sheet([[title], meta, ...head.grid, ...body.grid, ...t.notes.map((n) => [n])]);
  ws['!merges'] = [...(width > 1 ? [{ s: { r: 0, c: 0 }, e: { r: 0, c: width - 1 } }] : []), ...head.merges, ...body.merges];
  ws['!cols'] = Array.from({ length: width }, (_, i) => ({ wch: i === 0 ? 28 : 14 }));
  return ws;
}

export function bookletXlsx(view: BookletView): Buffer {
  const book = XLSX.utils.book_new();
  // The publication date, or 1 January of the year when the data has none.
  const date = new Date(`${view.publishedDate ?? `${view.year}-01-01`}T00:00:00Z`);
  book.Props = { Title: view.title, Author: view.unitName, CreatedDate: date, ModifiedDate: date };
  // Our own number-format table (none beyond the built-in ones): without it SheetJS writes its
  // process-wide table, which grows with the custom formats of every workbook read before
  // (an import in the same process would change the bytes).
  (book as XLSX.WorkBook & { SSF: Record<number, string> }).SSF = {};
  const preparedBy = `${view.level === 'department' ? '编制部门' : '编制单位'}：${view.unitName}`;
  const used = new Set<string>();
  view.tables.forEach((t, i) => XLSX.utils.book_append_sheet(book, tableSheet(t, preparedBy), sheetName(t, i, used)));
  if (!view.tables.length) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([[view.title], ['本公开没有表']]), '说明');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
