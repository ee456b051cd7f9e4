/**
 * ISO date arithmetic (scripts/lib/model/dates.ts), against hand-counted dates and, for the day numbers,
 * against an independent oracle: Date.UTC, which counts the same proleptic Gregorian days.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays, addWorkingDays, dayNumber, isRealDate, isoDate, weekday } from '../../scripts/lib/model/dates.ts';

test('day numbers: 1970-01-01 is 0, and every day from 1900 to 2100 agrees with Date.UTC both ways', () => {
  assert.is(dayNumber('1970-01-01'), 0);
  assert.is(dayNumber('1969-12-31'), -1);
  const from = Date.UTC(1900, 0, 1) / 86_400_000;
  const to = Date.UTC(2100, 11, 31) / 86_400_000;
  for (let n = from; n <= to; n++) {
    const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
    if (isoDate(n) !== iso || dayNumber(iso) !== n) assert.unreachable(`day ${n}: ${isoDate(n)} / ${iso}`);
  }
});

test('real dates: month lengths and leap years (2000 yes, 1900 and 2023 no)', () => {
  for (const ok of ['2024-02-29', '2000-02-29', '2024-04-30', '2024-12-31', '2024-01-01']) assert.ok(isRealDate(ok), ok);
  for (const bad of ['2023-02-29', '1900-02-29', '2024-02-30', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-1-5', '20240105', '']) {
    assert.not.ok(isRealDate(bad), bad);
  }
});

test('addDays: across month ends, leap days and years', () => {
  assert.is(addDays('2024-01-25', 20), '2024-02-14');
  assert.is(addDays('2024-02-10', 20), '2024-03-01');
  assert.is(addDays('2023-02-10', 20), '2023-03-02');
  assert.is(addDays('2023-12-20', 20), '2024-01-09');
  assert.is(addDays('1900-02-28', 1), '1900-03-01');
  assert.is(addDays('2024-03-01', -1), '2024-02-29');
  assert.throws(() => addDays('2024-02-30', 1), /not a calendar date/);
});

test('weekdays and working days (Monday to Friday)', () => {
  assert.is(weekday('2024-01-25'), 4, 'a Thursday');
  assert.is(weekday('2024-01-27'), 6, 'a Saturday');
  assert.is(weekday('2024-01-28'), 0, 'a Sunday');
  assert.is(addWorkingDays('2024-01-25', 1), '2024-01-26', 'Thursday → Friday');
  assert.is(addWorkingDays('2024-01-26', 1), '2024-01-29', 'Friday → Monday');
  assert.is(addWorkingDays('2024-01-27', 1), '2024-01-29', 'Saturday → Monday');
  assert.is(addWorkingDays('2024-01-25', 20), '2024-02-22');
  assert.is(addWorkingDays('2024-01-25', 0), '2024-01-25');
});

test.run();
