/**
 * The tolerance of a stated figure follows its own printed unit and precision (tolerance.ts);
 * expected verdicts worked out by hand, amounts in 分 (1 万元 = 1,000,000 分, 1 元 = 100 分).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { figureFormat, roundToStep, statedAmountVerdict, statedFen, statedFormat } from '../../scripts/lib/check/tolerance.ts';

const YUAN_UNIT = 1; // 元 data with 2 decimals: 1 分
const WAN_UNIT = 10_000; // 万元 data with 2 decimals: 0.01 万元

test('roundToStep rounds half-up, away from zero', () => {
  assert.is(roundToStep(261_468_000, 10_000), 261_470_000); // 261.468万元 → 261.47
  assert.is(roundToStep(1_225_000, 10_000), 1_230_000); // 1.225万元 (12,250元) → 1.23
  assert.is(roundToStep(-1_225_000, 10_000), -1_230_000);
  assert.is(roundToStep(1_224_999, 10_000), 1_220_000);
});

test('a 万元 figure over 元 data: the rounding is silent, one unit off is an error', () => {
  const derived = 261_468_000; // 2,614,680.00元
  assert.is(statedAmountVerdict(261_470_000, derived, 1, YUAN_UNIT, 10_000), 'exact'); // 261.47万元
  assert.is(statedAmountVerdict(261_460_000, derived, 1, YUAN_UNIT, 10_000), 'beyond'); // 261.46万元
  assert.is(statedAmountVerdict(261_460_000, derived, 5, YUAN_UNIT, 10_000), 'beyond'); // summands do not widen it
  assert.is(statedAmountVerdict(261_460_000, 261_465_000, 1, YUAN_UNIT, 10_000), 'rounding'); // a tie printed down
  assert.is(statedAmountVerdict(261_000_000, derived, 1, YUAN_UNIT, 1_000_000), 'exact'); // 261万元 at 0 decimals
  assert.is(statedAmountVerdict(262_000_000, derived, 1, YUAN_UNIT, 1_000_000), 'beyond');
});

test('the default (figure as fine as the data) keeps one data unit per summand', () => {
  assert.is(statedAmountVerdict(100_000, 100_000, 1, WAN_UNIT, WAN_UNIT), 'exact');
  assert.is(statedAmountVerdict(110_000, 100_000, 1, WAN_UNIT, WAN_UNIT), 'rounding'); // 0.01 万元 off
  assert.is(statedAmountVerdict(120_000, 100_000, 1, WAN_UNIT, WAN_UNIT), 'beyond');
  assert.is(statedAmountVerdict(120_000, 100_000, 2, WAN_UNIT, WAN_UNIT), 'rounding');
  assert.is(statedAmountVerdict(101, 100, 1, YUAN_UNIT, YUAN_UNIT), 'rounding'); // 1 分 for 元
  assert.is(statedAmountVerdict(102, 100, 1, YUAN_UNIT, YUAN_UNIT), 'beyond');
});

test('formats: the profile’s statedCurrency, a figure’s own unit and decimals, and decoding', () => {
  const text = statedFormat({ statedCurrency: 'wan' }, 'yuan', 2);
  assert.equal(text, { currency: 'wan', decimals: 2, step: 10_000 });
  assert.equal(statedFormat(undefined, 'wan', 2), { currency: 'wan', decimals: 2, step: 10_000 });
  assert.equal(figureFormat(text, { unit: '元' }), { currency: 'yuan', decimals: 2, step: 1 });
  assert.equal(figureFormat(text, { decimals: 1 }), { currency: 'wan', decimals: 1, step: 100_000 });
  assert.is(statedFen(261.47, text), 261_470_000);
  assert.is(statedFen(2614680.01, figureFormat(text, { unit: '元' })), 261_468_001);
});

test.run();
