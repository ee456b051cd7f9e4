/**
 * The rounding tolerance: when a printed figure differs from the one derived from the data only
 * because the figures it was computed from were themselves printed rounded. `check` (rules/)
 * reports such a difference as a rounding notice instead of an error, and the 说明 generator
 * (booklet/explanation.ts) prints the stated figure's correction only beyond it; both use this one
 * definition.
 */
import { decimalsOf, fenPerUnit, formatPercent, percentDifference, type Currency, type Fen } from '../model/money.ts';

/** One unit of the printed last decimal, in 分 (0.01 万元 = 10,000 分 at 2 decimals). */
export function roundingUnit(currency: Currency, decimals: number): Fen {
  return fenPerUnit(currency) / 10 ** decimals;
}

/** A printed amount within one printed unit per summand of the derived one. */
export function amountWithinRounding(printed: Fen, derived: Fen, summands: number, unit: Fen): boolean {
  return Math.abs(printed - derived) <= unit * Math.max(1, summands);
}

export interface Counted {
  value: Fen;
  /** Printed summands behind the value: each may be off by half a printed unit. */
  count: number;
}

/** The printed percentage equals numerator ÷ denominator × 100 rounded to its own decimals. */
export function percentExact(stated: number, num: Fen, den: Fen): boolean {
  return den !== 0 && Number(formatPercent(num, den, decimalsOf(stated))) === stated;
}

/**
 * A printed percentage is within rounding when the ratio of the printed (rounded) amounts can
 * give it — each amount off by half a printed unit per summand — with a slack of its own last
 * digit and at least 0.01 percentage point, or when it is within 0.01 point of the exact ratio.
 * Bounds are computed exactly in BigInt micro-percentage-points, in doubled units so that half
 * a unit stays an integer (1 分 profiles).
 */
export function percentWithinRounding(stated: number, num: Counted, den: Counted, unit: Fen): boolean {
  const n = num.value;
  const d = den.value;
  const hn = unit * Math.max(1, num.count);
  const hd = unit * Math.max(1, den.count);
  // The denominator itself is within rounding of zero: any ratio is possible.
  if (Math.abs(2 * d) <= hd) return true;
  const corners = [
    [2 * n - hn, 2 * d - hd],
    [2 * n - hn, 2 * d + hd],
    [2 * n + hn, 2 * d - hd],
    [2 * n + hn, 2 * d + hd],
  ].map(([a, b]) => (BigInt(a!) * 100_000_000n) / BigInt(b!));
  const lo = corners.reduce((a, b) => (a < b ? a : b));
  const hi = corners.reduce((a, b) => (a > b ? a : b));
  const slack = BigInt(Math.max(10_000, 5 * 10 ** (6 - decimalsOf(stated))));
  const statedMicro = BigInt(Math.round(stated * 1_000_000));
  if (statedMicro >= lo - slack && statedMicro <= hi + slack) return true;
  return percentDifference(stated, n, d) <= 10_000;
}
