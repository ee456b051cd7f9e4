/**
 * A Shanghai layout as profile data, without a code change: the fixture profile
 * test/fixtures/profiles/shanghai-fixture.json and the data file test/fixtures/shanghai/
 * wanli-2025-budget.json (the 项 rows, income and 三公 of 万里街道 2025 部门预算) print the
 * 收支总表 / 收入总表 / 财政拨款收支总表 / 三公 tables with the rows and amounts of the original
 * booklet. The expectations are the printed rows of the real booklet as listed in
 * test/fixtures/corpus/shanghai/wanli-2025-department-budget.json (from
 * ../shared/corpus/shanghai-putuo/wanli-2025-department-budget.txt).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { loadLibrary, type Library } from '../../scripts/lib/model/reference.ts';
import { Profile } from '../../scripts/lib/model/profile.ts';
import { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { renderBookletHtml, tableByCaption } from '../helpers/render-booklet.ts';

const root = join(import.meta.dirname, '../..');
const read = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8')) as unknown;
const profile = read('test/fixtures/profiles/shanghai-fixture.json');
const data = read('test/fixtures/shanghai/wanli-2025-budget.json');

interface CorpusRow {
  side?: 'income' | 'expenditure';
  code: string | null;
  label: string | null;
  amounts: Array<string | null>;
}
const corpus = read('test/fixtures/corpus/shanghai/wanli-2025-department-budget.json') as { tables: Array<{ number: string; title: string; rows: CorpusRow[] }> };
const original = (n: string) => corpus.tables.find((t) => t.number === n)!;
/** The booklet prints a zero as a blank cell; the original prints "0" in some tables and nothing in others. */
const cell = (a: string | null) => (a === null || a === '0' ? '' : a);

let html = '';
test.before(async () => {
  const base = loadLibrary(root);
  const lib: Library = { ...base, profiles: new Map([...base.profiles, ['shanghai-fixture', profile as Profile]]) };
  html = await renderBookletHtml(root, lib, data as UnitYearFile, 'budget');
});

test('the fixture profile and data file are valid by the schemas users’ files are checked against', () => {
  assert.ok(Value.Check(Profile, profile), JSON.stringify([...Value.Errors(Profile, profile)].slice(0, 3)));
  assert.ok(Value.Check(UnitYearFile, data), JSON.stringify([...Value.Errors(UnitYearFile, data)].slice(0, 3)));
});

/** A two-sided table's printed sides: [label, amounts…] per non-blank half row, in order. */
function sides(title: string, rightWidth: number) {
  const t = tableByCaption(html, title);
  const left = t.body.filter((r) => r[0]).map((r) => [r[0]!, r[1]!]);
  const right = t.body.filter((r) => r[2]).map((r) => [r[2]!, ...r.slice(3, 3 + rightWidth)]);
  return { left, right };
}
const expected = (n: string, side: 'income' | 'expenditure') =>
  original(n).rows.filter((r) => r.side === side).map((r) => [r.label!, ...r.amounts.map(cell)]);

for (const n of ['1', '4']) {
  const t = original(n);
  test(`表${n} ${t.title}: every income and expenditure row and amount as the original prints it`, () => {
    const width = t.rows.find((r) => r.side === 'expenditure')!.amounts.length;
    const printed = sides(t.title, width);
    assert.equal(printed.left, expected(n, 'income'));
    assert.equal(printed.right, expected(n, 'expenditure'));
  });
}

test('表2 2025年部门收入预算总表: one row per 类/款/项 and 合计, with the original’s amounts by source', () => {
  const t = original('2');
  const printed = tableByCaption(html, t.title).body.map((r) => [r[1]!, ...r.slice(2)]);
  // The original's one slip: 款 21201 城乡社区管理事务 prints 94,995,790, its four 项 add up to
  // 94,995,789 (17,887,739 + 17,464,243 + 6,522,681 + 53,121,126), and 类 212 (154,369,326) agrees
  // with the 项. The booklet prints the sum of the 项.
  const slips = new Map([['21201', ['94,995,790', '94,995,789']]]);
  const want = t.rows.map((r) => [r.label!, ...r.amounts.map(cell).map((a) => (r.code && slips.get(r.code)?.[0] === a ? slips.get(r.code)![1]! : a))]);
  const total = want.pop()!;
  assert.equal(printed.filter((r) => r[0] !== '合计'), want);
  assert.equal(printed.find((r) => r[0] === '合计'), total);
});

test('表9 “三公”经费和机关运行经费预算表: the 机关运行经费 column beside the 三公 items', () => {
  const t = original('9');
  const table = tableByCaption(html, t.title);
  assert.ok(table.head.flat().includes('机关运行经费预算数'));
  assert.ok(table.head.flat().includes('“三公”经费预算数'));
  // The original prints this table in 万元 and the rest in 元; a per-table unit is another
  // profile setting (not this fixture's), so the booklet prints the same amounts in 元.
  const inYuan = t.rows[0]!.amounts.map((a) => cell(a === null ? null : (Math.round(Number(a) * 100) * 100).toLocaleString('en-US')));
  assert.equal(table.body[0], inYuan);
});

test.run();
