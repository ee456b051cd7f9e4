/**
 * Located import errors: `文件: 工作表!单元格：说明（应为：…；实际：…）`. Thrown for any bad
 * workbook; the CLI prints the message (never a stack trace) and writes nothing.
 */
import { basename } from 'node:path';

export interface ImportLocation {
  /** The workbook's path as given (its base name is printed). */
  file: string;
  sheet?: string;
  /** A1 address, e.g. D12. */
  cell?: string;
}

export class ImportError extends Error {
  constructor(
    readonly location: ImportLocation,
    readonly detail: string,
    readonly expected?: string,
    readonly found?: string,
  ) {
    super(formatLocated(location, detail, expected, found));
    this.name = 'ImportError';
  }
}

export function formatLocated(at: ImportLocation, detail: string, expected?: string, found?: string): string {
  const place = at.sheet !== undefined ? `${at.sheet}${at.cell ? `!${at.cell}` : ''}` : '';
  const head = `${basename(at.file)}${place ? `: ${place}` : ''}`;
  const tail = [expected !== undefined ? `应为：${expected}` : '', found !== undefined ? `实际：${found}` : ''].filter(Boolean).join('；');
  return `${head}：${detail}${tail ? `（${tail}）` : ''}`;
}

/** A cell's text shortened for a message. */
export function shown(text: string, width = 30): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > width ? flat.slice(0, width) + '…' : flat}”`;
}
