/**
 * The rounding tolerance: when a printed figure differs from the one derived from the data only
 * because the figures it was computed from were themselves printed rounded. `check` (rules/)
 * reports such a difference as a rounding notice instead of an error, and the 说明 generator
 * (booklet/explanation.ts) prints the stated figure's correction only beyond it; both use this one
 * definition.
 */
import { decimalsOf, fenPerUnit, formatPercent, fromAmount, percentDifference, type Currency, type Fen } from '../model/money.ts';
import type { StatedFigure } from '../model/schema.ts';

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

/** The printed percentage equals numerator ÷ denominator × 100 rounded to its own decimals (as printed, else as written). */
export function percentExact(stated: number, num: Fen, den: Fen, decimals = decimalsOf(stated)): boolean {
  return den !== 0 && Number(formatPercent(num, den, decimals)) === stated;
}

/**
 * A printed percentage is within rounding when the ratio of the printed (rounded) amounts can
 * give it — each amount off by half a printed unit per summand — with a slack of half its own last
 * digit and at least 0.01 percentage point, or when it is within 0.01 point of the exact ratio.
 * Bounds are computed exactly in BigInt micro-percentage-points, in doubled units so that half
 * a unit stays an integer (1 分 profiles).
 */
export function percentWithinRounding(stated: number, num: Counted, den: Counted, unit: Fen, decimals = decimalsOf(stated)): boolean {
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
  const slack = BigInt(Math.max(10_000, 5 * 10 ** (5 - decimals)));
  const statedMicro = BigInt(Math.round(stated * 1_000_000));
  if (statedMicro >= lo - slack && statedMicro <= hi + slack) return true;
  return percentDifference(stated, n, d) <= 10_000;
}

// ───────────────────────── stated figures in their own printed unit ─────────────────────────

/** The profile settings that say how the 说明 prints amounts (model/profile.ts ProfileKind). */
export interface StatedSettings {
  statedCurrency?: Currency | undefined;
  statedDecimals?: number | undefined;
}

/** How one stated figure prints its amounts: unit, decimals, and one printed unit in 分. */
export interface PrintedFormat {
  currency: Currency;
  decimals: number;
  /** One unit of the printed last decimal in 分 (at least 1 分). */
  step: Fen;
}

/**
 * The 说明's amount format: the profile's statedCurrency/statedDecimals, by default the tables' own
 * (currency, decimals). A different unit without statedDecimals prints 2 decimals.
 */
export function statedFormat(profile: StatedSettings | undefined, currency: Currency, decimals: number): PrintedFormat {
  const c = profile?.statedCurrency ?? currency;
  const dec = profile?.statedDecimals ?? (c === currency ? decimals : 2);
  return { currency: c, decimals: dec, step: stepOf(c, dec) };
}

/** A stated figure's own format: its `unit` and `decimals`, by default the 说明's (statedFormat). */
export function figureFormat(text: PrintedFormat, s: Pick<StatedFigure, 'unit' | 'decimals'> | undefined): PrintedFormat {
  if (s?.unit === undefined && s?.decimals === undefined) return text;
  const c: Currency = s.unit === undefined ? text.currency : s.unit === '万元' ? 'wan' : 'yuan';
  const dec = s.decimals ?? (c === text.currency ? text.decimals : 2);
  return { currency: c, decimals: dec, step: stepOf(c, dec) };
}

function stepOf(currency: Currency, decimals: number): Fen {
  return Math.max(1, Math.round(fenPerUnit(currency) / 10 ** decimals));
}

/** A stated amount (a JSON number in its printed unit) in 分. */
export function statedFen(value: number | undefined, f: PrintedFormat): Fen {
  if (value === undefined) return 0;
  return fromAmount(value, f.currency) ?? Math.round(value * fenPerUnit(f.currency));
}

/** `fen` rounded half-up (away from zero) to a multiple of `step` 分. */
export function roundToStep(fen: Fen, step: Fen): Fen {
  const a = Math.abs(fen);
  const q = Math.floor((2 * a + step) / (2 * step)) * step;
  return fen < 0 ? -q : q;
}

export type Verdict = 'exact' | 'rounding' | 'beyond';

/**
 * A stated amount against the one derived from the tables (whose data are printed to `dataUnit` 分).
 * - Printed no coarser than the data (the default: the 说明 in the tables' unit and decimals): equal is
 *   exact; within one data unit per summand is rounding (amountWithinRounding); otherwise beyond.
 * - Printed coarser (万元 with 2 decimals over 元 tables): the derived amount rounded half-up to the
 *   printed unit is exact (2,614,680元 → 261.47万元); within half a printed unit (the figure is rounded
 *   once, from the total) plus half a data unit per summand is rounding (a tie, 261.465 printed 261.46);
 *   otherwise beyond (261.46万元 for 261.468).
 */
export function statedAmountVerdict(printed: Fen, derived: Fen, summands: number, dataUnit: Fen, step: Fen): Verdict {
  if (step <= dataUnit) {
    if (printed === derived) return 'exact';
    return amountWithinRounding(printed, derived, summands, dataUnit) ? 'rounding' : 'beyond';
  }
  if (printed === roundToStep(derived, step)) return 'exact';
  return 2 * Math.abs(printed - derived) <= step + dataUnit * Math.max(1, summands) ? 'rounding' : 'beyond';
}
