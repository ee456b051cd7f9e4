/**
 * A sheet as a grid of cells with merged ranges resolved and the used range trimmed to the
 * last cell that holds something (exports declare thousands of formatted blank rows).
 */
import * as XLSX from '@e965/xlsx';

export type Cell = XLSX.CellObject;

/** A row label without its printed numbering ("一、", "1、", "2.", "(3)"), as the 收支总表 prints its lines. */
export function stripNumbering(label: string): string {
  return label.replace(/^([一二三四五六七八九十]+、|\d+[、.．]|\(\d+\))/, '');
}

/** Whitespace (ASCII, full-width, newlines) removed, full-width punctuation made half-width. */
export function norm(text: string): string {
  return text
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':')
    .replace(/[“”"]/g, '');
}

export function address(r: number, c: number): string {
  return XLSX.utils.encode_cell({ r, c });
}

function hasContent(cell: Cell | undefined): boolean {
  if (!cell) return false;
  if (cell.f !== undefined) return true;
  if (cell.v === undefined || cell.v === null) return false;
  return !(typeof cell.v === 'string' && cell.v.trim() === '');
}

export class Grid {
  readonly rows: number;
  readonly cols: number;
  private readonly data: Array<Array<Cell | undefined> | undefined>;
  private readonly origin = new Map<number, number>();
  /** Rows spanned by the merge whose top-left cell is the key. */
  private readonly tall = new Map<number, number>();

  constructor(
    readonly name: string,
    sheet: XLSX.WorkSheet,
  ) {
    this.data = ((sheet as unknown as { '!data'?: Array<Array<Cell | undefined> | undefined> })['!data'] ?? []) as Array<Array<Cell | undefined> | undefined>;
    let rows = 0;
    let cols = 0;
    for (let r = 0; r < this.data.length; r++) {
      const row = this.data[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        if (hasContent(row[c])) {
          rows = r + 1;
          if (c + 1 > cols) cols = c + 1;
        }
      }
    }
    this.rows = rows;
    this.cols = cols;
    for (const m of sheet['!merges'] ?? []) {
      // Clipped to the used range: a merge over a whole column costs nothing.
      const r1 = Math.min(m.e.r, rows - 1);
      const c1 = Math.min(m.e.c, cols - 1);
      if (r1 > m.s.r) this.tall.set(m.s.r * cols + m.s.c, r1 - m.s.r + 1);
      for (let r = m.s.r; r <= r1; r++) {
        for (let c = m.s.c; c <= c1; c++) if (r !== m.s.r || c !== m.s.c) this.origin.set(r * cols + c, m.s.r * cols + m.s.c);
      }
    }
  }

  /** The cell itself (undefined for a cell covered by a merge). */
  raw(r: number, c: number): Cell | undefined {
    const cell = this.data[r]?.[c];
    return hasContent(cell) ? cell : undefined;
  }

  /** How many rows the cell at (r, c) spans (1 unless it starts a merge over several rows). */
  rowSpan(r: number, c: number): number {
    return this.tall.get(r * this.cols + c) ?? 1;
  }

  /** True for a cell inside a merged range other than its top-left cell. */
  covered(r: number, c: number): boolean {
    return this.origin.has(r * this.cols + c);
  }

  /** The text shown at (r, c): the merged range's value, numbers as written, trimmed. */
  text(r: number, c: number): string {
    const o = this.origin.get(r * this.cols + c);
    const cell = o === undefined ? this.raw(r, c) : this.raw(Math.floor(o / this.cols), o % this.cols);
    if (!cell || cell.v === undefined || cell.v === null) return '';
    return String(cell.v).trim();
  }

  /** True when no cell of row r holds anything. */
  blankRow(r: number): boolean {
    const row = this.data[r];
    if (!row) return true;
    for (let c = 0; c < Math.min(row.length, this.cols); c++) if (hasContent(row[c])) return false;
    return true;
  }
}
