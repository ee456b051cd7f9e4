import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  fenFromText,
  decimalsOf,
  fenPerUnit,
  formatMoney,
  formatMoneyPlain,
  formatPercent,
  formatPercentTruncated,
  fromAmount,
  MoneyRangeError,
  percentDifference,
  percentScaled,
  statedScaled,
  sum,
} from '../../scripts/lib/model/money.ts';

// Every expected value below was worked out by hand (or with exact fractions), not copied from output.

// ─── fromAmount: decoding JSON amounts into integer 分 ───────────────────────────────────────────

test('fenPerUnit: 1 万元 = 1,000,000 分, 1 元 = 100 分', () => {
  assert.is(fenPerUnit('wan'), 1_000_000);
  assert.is(fenPerUnit('yuan'), 100);
});

test('fromAmount: 2805.56 万元 is exactly 2,805,560,000 分', () => {
  assert.is(fromAmount(2805.56, 'wan'), 2_805_560_000);
  assert.is(fromAmount(660.56, 'wan'), 660_560_000);
  assert.is(fromAmount(7764.9, 'wan'), 7_764_900_000);
  assert.is(fromAmount(0, 'wan'), 0);
});

test('fromAmount: 0.1 + 0.2 style sums are exact once decoded', () => {
  // As floats 0.1 + 0.2 = 0.30000000000000004; in 分 the sum is the integer it should be.
  assert.is.not(0.1 + 0.2, 0.3);
  assert.is(fromAmount(0.1, 'wan')! + fromAmount(0.2, 'wan')!, fromAmount(0.3, 'wan'));
  assert.is(fromAmount(0.3, 'wan'), 300_000);
  // The 12 lines of seed 000: 13.77 + 44.25 + 22.13 + 1.39 = 81.54 (float addition gives 81.53999999999999).
  const lines = [13.77, 44.25, 22.13, 1.39];
  assert.is.not(lines.reduce((a, b) => a + b, 0), 81.54);
  assert.is(sum(lines.map((v) => fromAmount(v, 'wan')!)), fromAmount(81.54, 'wan'));
  assert.is(sum(lines.map((v) => fromAmount(v, 'wan')!)), 81_540_000);
  // 元: 0.07 × 100 = 7.000000000000001 as a float.
  assert.is(fromAmount(0.07, 'yuan'), 7);
  assert.is(fromAmount(1.1, 'yuan')! + fromAmount(2.2, 'yuan')!, 330);
});

test('fromAmount: six-decimal 万元 values (to the 分) decode exactly', () => {
  assert.is(fromAmount(0.000001, 'wan'), 1);
  assert.is(fromAmount(0.000009, 'wan'), 9);
  assert.is(fromAmount(123456.789012, 'wan'), 123_456_789_012);
  assert.is(fromAmount(2805.565001, 'wan'), 2_805_565_001);
  assert.is(fromAmount(-1.000001, 'wan'), -1_000_001);
  assert.is(fromAmount(999999.999999, 'wan'), 999_999_999_999);
});

test('fromAmount: 元 with two decimals decodes; three or more decimals are rejected', () => {
  assert.is(fromAmount(1234.56, 'yuan'), 123_456);
  assert.is(fromAmount(180000, 'yuan'), 18_000_000);
  assert.is(fromAmount(1.005, 'yuan'), undefined);
  assert.is(fromAmount(1.001, 'yuan'), undefined);
  assert.is(fromAmount(2805.569, 'yuan'), undefined);
  // finer than 分 even where value × 100 lands close to an integer
  assert.is(fromAmount(1.00001, 'yuan'), undefined);
  assert.is(fromAmount(12.3401, 'yuan'), undefined);
  assert.is(fromAmount(0.000001, 'yuan'), undefined);
});

test('fromAmount: beyond the exact integer range it throws MoneyRangeError, never rounds silently', () => {
  // 1e11 万元 = 1e17 分 > 2^53
  assert.throws(() => fromAmount(1e11, 'wan'), (e: unknown) => e instanceof MoneyRangeError && e.value === 1e11);
  // 9e9 万元 = 9e15 分 is still below 2^53 ≈ 9.007e15
  assert.is(fromAmount(9e9, 'wan'), 9e15);
});

// ─── formatMoney: display rounding, half-up ──────────────────────────────────────────────────────

test('formatMoney: pads to the profile decimals', () => {
  assert.is(formatMoney(2_805_560_000, 'wan', 2), '2805.56');
  assert.is(formatMoney(2_145_000_000, 'wan', 2), '2145.00');
  assert.is(formatMoney(0, 'wan', 2), '0.00');
  assert.is(formatMoney(0, 'wan', 0), '0');
  assert.is(formatMoney(50_000, 'wan', 2), '0.05');
  assert.is(formatMoney(123_456, 'yuan', 2), '1234.56');
});

test('formatMoney: half-up at exactly .5 of the last digit', () => {
  // 2805.565 万元 → 2805.57 (a float 2805.565.toFixed(2) gives "2805.56")
  assert.is(formatMoney(2_805_565_000, 'wan', 2), '2805.57');
  assert.is(formatMoney(2_805_564_999, 'wan', 2), '2805.56');
  // 0.125 万元 → 0.13; 0.135 万元 → 0.14
  assert.is(formatMoney(125_000, 'wan', 2), '0.13');
  assert.is(formatMoney(135_000, 'wan', 2), '0.14');
  // one decimal: 7764.85 → 7764.9, 7764.849999 → 7764.8
  assert.is(formatMoney(7_764_850_000, 'wan', 1), '7764.9');
  assert.is(formatMoney(7_764_849_999, 'wan', 1), '7764.8');
  // 元: 10.05 元 → 10.1; 0.5 元 → 1 at no decimals
  assert.is(formatMoney(1005, 'yuan', 1), '10.1');
  assert.is(formatMoney(50, 'yuan', 0), '1');
  assert.is(formatMoney(49, 'yuan', 0), '0');
});

test('formatMoney: negatives round half away from zero, and never print -0', () => {
  assert.is(formatMoney(-2_805_565_000, 'wan', 2), '-2805.57');
  assert.is(formatMoney(-2_805_564_999, 'wan', 2), '-2805.56');
  assert.is(formatMoney(-793_250_000, 'wan', 2), '-793.25');
  assert.is(formatMoney(-5_000, 'wan', 2), '-0.01');
  assert.is(formatMoney(-4_999, 'wan', 2), '0.00');
  assert.is(formatMoney(-1005, 'yuan', 1), '-10.1');
});

test('formatMoney: thousands separators', () => {
  assert.is(formatMoney(7_764_900_000, 'wan', 1, true), '7,764.9');
  assert.is(formatMoney(7_764_900_000, 'wan', 1, false), '7764.9');
  assert.is(formatMoney(999_000_000, 'wan', 1, true), '999.0');
  assert.is(formatMoney(1_000_000_000, 'wan', 2, true), '1,000.00');
  assert.is(formatMoney(1_234_567_890_000, 'wan', 2, true), '1,234,567.89');
  assert.is(formatMoney(-1_234_567_890_000, 'wan', 2, true), '-1,234,567.89');
  assert.is(formatMoney(123_456_789, 'yuan', 0, true), '1,234,568');
});

test('formatMoneyPlain: fewest decimals that are exact', () => {
  assert.is(formatMoneyPlain(2_805_560_000, 'wan'), '2805.56');
  assert.is(formatMoneyPlain(5_000_000, 'wan'), '5');
  assert.is(formatMoneyPlain(7_764_900_000, 'wan'), '7764.9');
  assert.is(formatMoneyPlain(1, 'wan'), '0.000001');
  assert.is(formatMoneyPlain(-17_810_000, 'wan'), '-17.81');
  assert.is(formatMoneyPlain(0, 'wan'), '0');
  assert.is(formatMoneyPlain(123_450, 'yuan'), '1234.5');
});

// ─── percentages ─────────────────────────────────────────────────────────────────────────────────

test('formatPercentTruncated cuts toward zero where formatPercent rounds half-up', () => {
  // 100 / 2705.56 = 3.69609…%
  assert.is(formatPercent(10_000_000, 270_556_000), '3.70');
  assert.is(formatPercentTruncated(10_000_000, 270_556_000), '3.69');
  assert.is(formatPercentTruncated(-10_000_000, 270_556_000), '-3.69');
  assert.is(formatPercentTruncated(10_000_000, 270_556_000, 3), '3.696');
  assert.is(formatPercentTruncated(1, 3, 0), '33');
});

test('formatPercent: 660.56 / 2805.56 = 23.54 (23.5446…)', () => {
  assert.is(formatPercent(660_560_000, 2_805_560_000), '23.54');
  assert.is(formatPercent(2_145_000_000, 2_805_560_000), '76.46');
  // seed 001: 7.18 / 6.93 = 103.6075… → 103.61; 23 / 23.42 = 98.2066… → 98.21
  assert.is(formatPercent(7_180_000, 6_930_000), '103.61');
  assert.is(formatPercent(23_000_000, 23_420_000), '98.21');
  assert.is(formatPercent(1, 3), '33.33');
  assert.is(formatPercent(2, 3), '66.67');
  assert.is(formatPercent(660_560_000, 2_805_560_000, 1), '23.5');
  assert.is(formatPercent(660_560_000, 2_805_560_000, 0), '24');
});

test('formatPercent: half-up at exactly .5, negatives away from zero', () => {
  assert.is(formatPercent(1, 8, 0), '13'); // 12.5
  assert.is(formatPercent(1, 8, 1), '12.5');
  assert.is(formatPercent(1, 16, 2), '6.25');
  assert.is(formatPercent(1, 16, 1), '6.3'); // 6.25
  assert.is(formatPercent(1, 200_000, 4), '0.0005');
  assert.is(formatPercent(1, 400_000, 3), '0.000'); // 0.00025 → 0.000
  assert.is(formatPercent(1, 400_000, 4), '0.0003'); // 0.00025 → 0.0003
  assert.is(formatPercent(-1, 8, 0), '-13');
  assert.is(formatPercent(1, -8, 0), '-13');
  // seed 001: −793.25 / 1760.25 = −45.0646… → −45.06
  assert.is(formatPercent(-793_250_000, 1_760_250_000), '-45.06');
  assert.is(percentScaled(-793_250_000, 1_760_250_000), -4506n);
});

test('formatPercent: a zero denominator is an error, not Infinity or NaN', () => {
  assert.throws(() => formatPercent(1, 0), RangeError);
});

test('percentDifference: exact distance in millionths of a percentage point', () => {
  // 660.56 / 2805.56 × 100 = 23.544675572… → 23.544676 in micro-points
  assert.is(percentDifference(23.54, 660_560_000, 2_805_560_000), 4_676);
  assert.is(percentDifference(23.55, 660_560_000, 2_805_560_000), 5_324);
  assert.is(percentDifference(25, 1, 4), 0);
  assert.is(percentDifference(12.5, 1, 8), 0);
  // seed 000: 25.95% stated for 2.84 / 10.93 = 25.9835315… → 33,532 (more than 0.01 point)
  assert.is(percentDifference(25.95, 2_840_000, 10_930_000), 33_532);
  // the sign does not matter: −45.06 against −45.0646215…
  assert.is(percentDifference(-45.06, -793_250_000, 1_760_250_000), 4_622);
});

test('decimalsOf and statedScaled read the written number exactly', () => {
  assert.is(decimalsOf(2805.56), 2);
  assert.is(decimalsOf(5), 0);
  assert.is(decimalsOf(0.000001), 6);
  assert.is(decimalsOf(1e-7), 0); // JS prints it as "1e-7": the reader rejects such literals anyway
  assert.is(decimalsOf(123.456789), 6);
  assert.is(statedScaled(23.54, 2), 2354n);
  assert.is(statedScaled(-45.06, 2), -4506n);
  assert.is(statedScaled(0.3, 2), 30n);
});

test('fenFromText reads an amount in text from its digits', () => {
  assert.is(fenFromText('21270000', 'yuan'), 2_127_000_000);
  assert.is(fenFromText('1,234.56', 'yuan'), 123_456);
  assert.is(fenFromText('0.29', 'wan'), 290_000); // 0.29 × 10^6 is 289999.99999999994 as a float
  assert.is(fenFromText('18', 'wan'), 18_000_000);
  assert.is(fenFromText('1.005', 'yuan'), 101); // beyond 分: half-up
  assert.is(fenFromText('1.004', 'yuan'), 100);
  assert.is(fenFromText('≤18', 'wan'), undefined);
  assert.is(fenFromText('', 'wan'), undefined);
  assert.is(fenFromText('-1.5', 'yuan'), undefined); // a sign only where the caller allows it
  assert.is(fenFromText('-1.5', 'yuan', { signed: true }), -150);
  assert.is(fenFromText('1.005', 'yuan', { finer: 'reject' }), undefined);
  assert.is(fenFromText('1.0050', 'wan', { finer: 'reject' }), 1_005_000);
});

test.run();
