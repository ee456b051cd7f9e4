/**
 * The publication deadline (DOMAIN.md: within 二十日 of 批复, or N working days where a province says
 * so; the profile's deadlineDays / deadlineWorkingDays). Each case is the good minimal budget
 * (approvedDate 2024-01-25 on line 18, publishedDate 2024-02-08 on line 19, both keys at column 7)
 * with its dates changed, checked through the whole pipeline against a copy of the real profiles
 * and classification tables; the 15-day and working-day settings are edited copies of the Anhui
 * profile. Deadlines below were counted on a calendar by hand.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFiles } from '../../scripts/lib/check/check.ts';
import type { Finding } from '../../scripts/lib/check/findings.ts';

const root = join(import.meta.dirname, '..', '..');
const goodText = readFileSync(join(root, 'test', 'fixtures', 'good', 'minimal-budget.json'), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-deadline-'));

/** A project root holding the real library, with the anhui-2024 budget profile edited. */
function libraryRoot(name: string, edit: (kind: Record<string, unknown>) => void = () => {}): string {
  const dir = join(tmp, name);
  cpSync(join(root, 'data', '_reference'), join(dir, 'data', '_reference'), { recursive: true });
  cpSync(join(root, 'data', '_profiles'), join(dir, 'data', '_profiles'), { recursive: true });
  const path = join(dir, 'data', '_profiles', 'anhui-2024.json');
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { kinds: { budget: Record<string, unknown> } };
  edit(profile.kinds.budget);
  writeFileSync(path, JSON.stringify(profile, null, 2));
  mkdirSync(join(dir, 'cases'));
  return dir;
}

const days20 = libraryRoot('days20');
const days15 = libraryRoot('days15', (k) => (k.deadlineDays = 15));
const working20 = libraryRoot('working20', (k) => (k.deadlineWorkingDays = true));

let counter = 0;
/** The findings for the minimal budget with these dates (null writes JSON null). */
function check(libRoot: string, approved: string | null, published: string | null): Finding[] {
  const text = goodText
    .replace('"approvedDate": "2024-01-25"', `"approvedDate": ${JSON.stringify(approved)}`)
    .replace('"publishedDate": "2024-02-08"', `"publishedDate": ${JSON.stringify(published)}`);
  assert.ok(text.includes(`"approvedDate": ${JSON.stringify(approved)},\n      "publishedDate": ${JSON.stringify(published)},`), 'dates replaced');
  const path = join(libRoot, 'cases', `case-${++counter}.json`);
  writeFileSync(path, text);
  return checkFiles(libRoot, [path]).findings;
}

/** The one finding, as "line:column pointer severity rule | message | expected | found". */
function sole(findings: Finding[]): string {
  assert.is(findings.length, 1, findings.map((f) => `${f.rule} ${f.message}`).join('\n'));
  const f = findings[0]!;
  return `${f.line}:${f.column} ${f.pointer} ${f.severity} ${f.rule} | ${f.message} | ${f.expected ?? '-'} | ${f.found ?? '-'}`;
}

const none = (findings: Finding[]) => assert.equal(findings.map((f) => `${f.rule} ${f.message}`), []);

test('on time: published 14 days after approval, no finding', () => {
  none(check(days20, '2024-01-25', '2024-02-08'));
});

test('exactly the 20th day is still on time; the same day as approval too', () => {
  none(check(days20, '2024-01-25', '2024-02-14'));
  none(check(days20, '2024-01-25', '2024-01-25'));
});

test('the 21st day: a warning with approval, publication, the day count and the last allowed day', () => {
  assert.is(
    sole(check(days20, '2024-01-25', '2024-02-15')),
    '19:7 /documents/budget/publishedDate warning plaus.deadline | 公开日期 2024-02-15 晚于批复日期 2024-01-25 后 20 日（最迟 2024-02-14）。 | ≤ 2024-02-14 | 2024-02-15',
  );
});

test('calendar days across a leap February and across the new year', () => {
  // 2024-02-10 + 20 days: 19 days to 02-29, the 20th is 03-01.
  none(check(days20, '2024-02-10', '2024-03-01'));
  assert.match(sole(check(days20, '2024-02-10', '2024-03-02')), '后 20 日（最迟 2024-03-01）。');
  // 2023-12-20 + 20 days: 11 days to 12-31, the 20th is 2024-01-09.
  none(check(days20, '2023-12-20', '2024-01-09'));
  assert.match(sole(check(days20, '2023-12-20', '2024-01-10')), '批复日期 2023-12-20 后 20 日（最迟 2024-01-09）。');
});

test('setting 15: the profile’s deadlineDays is the day count', () => {
  none(check(days15, '2024-01-25', '2024-02-09'));
  assert.is(
    sole(check(days15, '2024-01-25', '2024-02-10')),
    '19:7 /documents/budget/publishedDate warning plaus.deadline | 公开日期 2024-02-10 晚于批复日期 2024-01-25 后 15 日（最迟 2024-02-09）。 | ≤ 2024-02-09 | 2024-02-10',
  );
});

test('working days: Monday to Friday counted, the message says holidays are not', () => {
  // 2024-01-25 is a Thursday; the 20th weekday after it is Thursday 2024-02-22.
  none(check(working20, '2024-01-25', '2024-02-22'));
  assert.is(
    sole(check(working20, '2024-01-25', '2024-02-23')),
    '19:7 /documents/budget/publishedDate warning plaus.deadline | 公开日期 2024-02-23 晚于批复日期 2024-01-25 后 20 个工作日（最迟 2024-02-22；按周一至周五计，未计节假日和调休）。 | ≤ 2024-02-22 | 2024-02-23',
  );
});

test('missing approval date: no deadline warning, only a notice that it cannot be checked (with the setting)', () => {
  assert.is(
    sole(check(days20, null, '2024-12-31')),
    '18:7 /documents/budget/approvedDate notice plaus.no-approval-date | 没有填写批复日期，无法检查是否在批复后 20 日内公开。 | - | -',
  );
  assert.match(sole(check(days15, null, '2024-12-31')), '无法检查是否在批复后 15 日内公开。');
  assert.match(sole(check(working20, null, '2024-12-31')), '无法检查是否在批复后 20 个工作日内公开。');
});

test('published before approval: a warning to check the two dates', () => {
  assert.is(
    sole(check(days20, '2024-01-25', '2024-01-24')),
    '19:7 /documents/budget/publishedDate warning plaus.published-before-approval | 公开日期 2024-01-24 早于批复日期 2024-01-25：公开的是批复后的预决算，请核对两个日期（是否填反）。 | ≥ 2024-01-25 | 2024-01-24',
  );
});

test('a date that does not exist is an error, and no deadline is computed from it', () => {
  assert.is(
    sole(check(days20, '2024-01-25', '2024-02-30')),
    '19:7 /documents/budget/publishedDate error schema.date | 公开日期 2024-02-30 不是实际存在的日期，请核对年、月、日。 | 实际存在的日期（YYYY-MM-DD） | 2024-02-30',
  );
  assert.is(
    sole(check(days20, '2023-02-29', '2024-02-08')),
    '18:7 /documents/budget/approvedDate error schema.date | 批复日期 2023-02-29 不是实际存在的日期，请核对年、月、日。 | 实际存在的日期（YYYY-MM-DD） | 2023-02-29',
  );
});

test('the result does not depend on the machine’s time zone', () => {
  const saved = process.env.TZ;
  try {
    for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Shanghai']) {
      process.env.TZ = tz;
      none(check(days20, '2024-01-25', '2024-02-14'));
      assert.match(sole(check(days20, '2024-01-25', '2024-02-15')), '（最迟 2024-02-14）');
    }
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
