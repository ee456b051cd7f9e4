/**
 * A table as CSV for Excel: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting. The
 * first two lines are the title and the unit ("单位：万元"); then the header rows and
 * the body, with spanned cells expanded into a grid (the text in the first cell of a
 * span, the others blank), so every line has the same number of fields.
 */
import type { Cell, HeaderCell, TableView } from '../booklet/model.ts';
import { numbered } from '../booklet/numbering.ts';

/** One CSV line, every field quoted as needed and guarded against formulas. */
export function csvLine(fields: string[]): string {
  return fields.map(quote).join(',');
}

function quote(field: string): string {
  // A leading = + - @ would make Excel evaluate the field as a formula (CSV injection);
  // amounts are never negative-signed text here except real negatives, which stay numbers.
  const guarded = /^[=+@\t\r]/.test(field) || (/^-/.test(field) && !/^-\d[\d,.]*$/.test(field)) ? `'${field}` : field;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Expands rows of spanning cells into a rectangular grid of strings. */
export function expandGrid<T extends { colspan?: number; rowspan?: number }>(rows: T[][], text: (cell: T) => string): string[][] {
  const grid: string[][] = [];
  const taken: boolean[][] = [];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    taken[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (taken[r]![c]) c++;
      const cs = cell.colspan ?? 1;
      const rs = cell.rowspan ?? 1;
      for (let dr = 0; dr < rs; dr++) {
        for (let dc = 0; dc < cs; dc++) {
          grid[r + dr] ??= [];
          taken[r + dr] ??= [];
          grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? text(cell) : '';
          taken[r + dr]![c + dc] = true;
        }
      }
      c += cs;
    }
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
}

export function tableCsv(table: TableView): string {
  const head = expandGrid<HeaderCell>(table.head, (h) => h.text);
  const body = table.empty
    ? [[table.emptyNote ?? '本表无数据']]
    : expandGrid<Cell>(table.body.map((r) => r.cells), (c) => c.csv ?? c.text);
  const title = numbered(table.number, table.title);
  const lines = [[title], [table.unitLabel], ...head, ...body, ...table.notes.map((n) => [n])];
  return '\uFEFF' + lines.map((l) => l.map(quote).join(',')).join('\r\n') + '\r\n';
}
