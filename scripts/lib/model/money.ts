/**
 * Exact money and ratio arithmetic.
 *
 * Every amount is decoded once, at the edge, into an integer count of 分 (0.01 元),
 * held in a JS number. Integers below 2^53 add exactly, and the JSON reader rejects
 * literals with more than 6 decimals; `fromAmount` enforces the 2^53 bound
 * (≈ 9×10^15 分 = 9×10^9 万元, far above any unit's budget). Ratios and display rounding go through BigInt so
 * that no intermediate product can lose precision. Rounding is half-up (away from
 * zero for negatives), as the published forms round.
 */

/** Integer number of 分. */
export type Fen = number;

export type Currency = 'wan' | 'yuan';

/** 分 per currency unit: 1 万元 = 1,000,000 分; 1 元 = 100 分. */
export function fenPerUnit(currency: Currency): number {
  return currency === 'wan' ? 1_000_000 : 100;
}

export class MoneyRangeError extends Error {
  constructor(readonly value: number) {
    super(`amount out of exact range: ${value}`);
    this.name = 'MoneyRangeError';
  }
}

/**
 * Decodes a JSON amount in `currency` units into 分. The JSON reader guarantees at most
 * 6 decimals, so value × 10^6 is within 0.5 of an integer and Math.round recovers it
 * exactly (this is decoding, not arithmetic). Returns undefined if the amount has
 * finer precision than 分 (e.g. 3 decimals in a 元 document).
 */
export function fromAmount(value: number, currency: Currency): Fen | undefined {
  const scaled = value * fenPerUnit(currency);
  const fen = Math.round(scaled);
  if (!Number.isSafeInteger(fen)) throw new MoneyRangeError(value);
  // 万元 literals have at most 6 decimals (reader rule), so only 元 can be too fine. Count the
  // written decimals: a distance test on value × 100 lets 1.0001 元 (100.01 分) through.
  if (currency === 'yuan' && decimalsOf(value) > 2) return undefined;
  return fen;
}

/**
 * Decodes an amount written in text ("21270000", "2.5", "1,234.56") in `currency` units into 分,
 * from its digits (no binary floating point). Digits beyond 分 are rounded half-up, or with
 * `finer: 'reject'` make it undefined; a minus sign is accepted only with `signed`. Undefined for
 * text that is not a plain decimal number.
 */
export function fenFromText(text: string, currency: Currency, options: { signed?: boolean; finer?: 'round' | 'reject' } = {}): Fen | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.replace(/,/g, ''));
  if (!m || (m[1] && !options.signed)) return undefined;
  const places = currency === 'wan' ? 6 : 2;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > places && options.finer === 'reject') return undefined;
  let fen = BigInt(m[2]! + frac.padEnd(places, '0').slice(0, places));
  if (frac.length > places && frac[places]! >= '5') fen += 1n;
  const n = Number(m[1] ? -fen : fen);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function sum(values: Iterable<Fen>): Fen {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Integer division of BigInts rounded half-up (half away from zero). */
function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/** Digits with a comma every three from the right: "1234567" → "1,234,567". */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Formats a scaled integer (value × 10^decimals) as a decimal string. */
function formatScaled(scaled: bigint, decimals: number, thousands: boolean): string {
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const s = abs.toString().padStart(decimals + 1, '0');
  let intPart = decimals > 0 ? s.slice(0, -decimals) : s;
  const frac = decimals > 0 ? s.slice(-decimals) : '';
  if (thousands) intPart = groupThousands(intPart);
  return (negative ? '-' : '') + intPart + (frac ? '.' + frac : '');
}

/** The amount in display units, rounded half-up to `decimals`, e.g. 7764.9 or 7,764.9. */
export function formatMoney(fen: Fen, currency: Currency, decimals: number, thousands = false): string {
  const scaled = divRoundHalfUp(BigInt(fen) * 10n ** BigInt(decimals), BigInt(fenPerUnit(currency)));
  return formatScaled(scaled, decimals, thousands);
}

/**
 * The amount in display units with the fewest decimals that represent it exactly
 * (up to 6 for 万元): for messages and the 说明 text ("2805.56万元", "5万元").
 */
export function formatMoneyPlain(fen: Fen, currency: Currency): string {
  const maxDecimals = currency === 'wan' ? 6 : 2;
  let text = formatMoney(fen, currency, maxDecimals);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return text;
}

/** A ratio numerator/denominator × 100, rounded half-up to `decimals`, as a scaled BigInt. */
export function percentScaled(numerator: Fen, denominator: Fen, decimals = 2): bigint {
  return divRoundHalfUp(BigInt(numerator) * 100n * 10n ** BigInt(decimals), BigInt(denominator));
}

/** The percentage cut off (toward zero) at `decimals` instead of rounded: "3.69" for 3.696%. */
export function formatPercentTruncated(numerator: Fen, denominator: Fen, decimals = 2): string {
  if (denominator === 0) throw new RangeError('division by zero');
  return formatScaled((BigInt(numerator) * 100n * 10n ** BigInt(decimals)) / BigInt(denominator), decimals, false);
}

/** "23.54" for 660.56 / 2805.56. */
export function formatPercent(numerator: Fen, denominator: Fen, decimals = 2): string {
  return formatScaled(percentScaled(numerator, denominator, decimals), decimals, false);
}

/**
 * Compares a printed percentage with the exact ratio. Returns the absolute difference
 * in units of 10^-6 percentage points (so 0.01 pp = 10,000), computed exactly.
 */
export function percentDifference(stated: number, numerator: Fen, denominator: Fen): number {
  // stated has at most 6 decimals (JSON reader rule): decode it exactly like an amount.
  const statedMicro = BigInt(Math.round(stated * 1_000_000));
  const exactMicro = divRoundHalfUp(BigInt(numerator) * 100n * 1_000_000n, BigInt(denominator));
  const diff = statedMicro - exactMicro;
  return Number(diff < 0n ? -diff : diff);
}

/** Number of decimals written in a number as JSON would print it (2805.56 → 2). */
export function decimalsOf(value: number): number {
  const text = String(value);
  if (/e/i.test(text)) return 0;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** The stated percentage as a scaled BigInt with `decimals` decimals (exact decode). */
export function statedScaled(value: number, decimals: number): bigint {
  return BigInt(Math.round(value * 10 ** decimals));
}
