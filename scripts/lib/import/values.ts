/**
 * Cell values → exact amounts and codes.
 *
 * A numeric cell holds a binary double. It is decoded once, at the edge, to the decimal Excel
 * itself shows: 15 significant digits (Excel's precision), trailing zeros dropped, so a SUM's
 * 0.30000000000000004 reads as 0.3. The decimal string is then scaled to 分 by string
 * arithmetic (no float multiplication); more decimals than 分 is an error.
 */
import { fenFromText, type Currency, type Fen } from '../model/money.ts';
import { address, type Grid } from './grid.ts';
import { ImportError, shown } from './errors.ts';

export const CURRENCY_ZH: Record<Currency, string> = { wan: '万元', yuan: '元' };

/** A decimal string ("-1234.5", no thousands separators) → integer 分 in `currency`, or undefined if finer than 分. */
export function decimalToFen(text: string, currency: Currency): Fen | undefined {
  return text.includes(',') ? undefined : fenFromText(text, currency, { signed: true, finer: 'reject' });
}

/** A double as the decimal Excel shows (15 significant digits). */
export function doubleToDecimal(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  let s = v.toPrecision(15);
  if (/e/i.test(s)) {
    // Expand the exponent form exactly as text.
    const [mant, expText] = s.split(/e/i) as [string, string];
    const exp = Number(expText);
    const neg = mant.startsWith('-');
    const [ip, fp = ''] = mant.replace('-', '').split('.') as [string, string?];
    const digits = ip + fp;
    const point = ip.length + exp;
    s = point <= 0 ? '0.' + '0'.repeat(-point) + digits : point >= digits.length ? digits + '0'.repeat(point - digits.length) : digits.slice(0, point) + '.' + digits.slice(point);
    if (neg) s = '-' + s;
  }
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

/** Text a clerk may put in an amount cell that means "nothing". */
const BLANKS = /^(|-|—|–|－|\/|无)$/;

/**
 * The amount in cell (r, c) in 分, or undefined when the cell is blank. Throws a located
 * error for text, error values, formulas without a cached value and sub-分 precision.
 */
export function readAmount(file: string, grid: Grid, r: number, c: number, currency: Currency): Fen | undefined {
  const cell = grid.raw(r, c);
  if (!cell) return undefined;
  const at = { file, sheet: grid.name, cell: address(r, c) };
  if (cell.f !== undefined && (cell.v === undefined || cell.v === null || cell.v === '')) {
    throw new ImportError(at, '公式没有保存计算结果，无法读出金额。请在 Excel 或 WPS 中打开、重新计算并保存后再导入', '带计算结果的公式或数字', `公式 =${cell.f}`);
  }
  if (cell.t === 'e') throw new ImportError(at, '单元格是错误值，不是金额', '金额', String(cell.w ?? cell.v));
  let text: string;
  if (typeof cell.v === 'number') text = doubleToDecimal(cell.v);
  else if (typeof cell.v === 'string') {
    const t = cell.v.trim();
    if (BLANKS.test(t)) return undefined;
    text = t.replace(/[,，]/g, '').replace(/^\((.*)\)$/, '-$1');
  } else if (typeof cell.v === 'boolean') {
    throw new ImportError(at, '这里应是金额', '金额', String(cell.v));
  } else return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new ImportError(at, '这里应是金额，却是文字', `金额（${CURRENCY_ZH[currency]}）`, shown(String(cell.v)));
  const fen = decimalToFen(text, currency);
  if (fen === undefined) {
    throw new ImportError(at, `金额比“分”还精细`, currency === 'yuan' ? '最多 2 位小数（元）' : '最多 6 位小数（万元）', text);
  }
  return fen;
}

/** A code fragment from a 类/款/项 cell: "205" / 205 / "02" / 2 → digits of `width`, or undefined. */
export function codePart(grid: Grid, r: number, c: number, width: number): string | undefined {
  const cell = grid.raw(r, c);
  if (!cell || cell.v === undefined) return undefined;
  let text = typeof cell.v === 'number' ? (Number.isInteger(cell.v) ? String(cell.v) : '') : String(cell.v).trim();
  if (text === '') return undefined;
  // A number lost its leading zero (款 2 for "02").
  if (typeof cell.v === 'number' && text.length < width) text = text.padStart(width, '0');
  return text;
}
