/**
 * The layout format of the two-sided tables (docs/profiles.md "两栏表的行") on real data: the
 * national default layouts, expansion modes and numbering, `omitZero`, and every profile
 * mistake as a Chinese message naming the profile, the table and the row's JSON pointer.
 * Expected amounts are read from the seeds (../shared/seeds) and docs/seeds/*.md.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { BookletError, makeBuildContext, type BuildContext } from '../../scripts/lib/booklet/context.ts';
import { fiscalSummaryBuilder, summaryBuilder } from '../../scripts/lib/booklet/tables/ledger-summary.ts';
import type { TableDraft } from '../../scripts/lib/booklet/tables/index.ts';
import type { ProfileTable, TwoSidedLayout } from '../../scripts/lib/model/profile.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '../..');

function context(file: string, kind: DocumentKind): BuildContext {
  const data = JSON.parse(readFileSync(join(root, 'data', file), 'utf8')) as UnitYearFile;
  return makeBuildContext(data, kind, loadLibrary(root));
}

/** Builds `id` with the profile's entry given this layout (and columns), as if the profile file said so. */
function withLayout(file: string, kind: DocumentKind, id: 'summary' | 'fiscalSummary', layout: TwoSidedLayout, columns?: string[]): TableDraft {
  const base = context(file, kind);
  const spec: ProfileTable = { ...base.profile.tables.find((t) => t.id === id)!, layout, ...(columns ? { columns } : {}) };
  const ctx = { ...base, profile: { ...base.profile, tables: base.profile.tables.map((t) => (t.id === id ? spec : t)) } };
  return (id === 'summary' ? summaryBuilder : fiscalSummaryBuilder)(ctx, spec)[0]!;
}

const rows = (t: TableDraft) => t.body.map((r) => r.cells.map((c) => c.text));

function fails(f: () => unknown, ...parts: string[]): void {
  try {
    f();
    assert.unreachable('accepted a bad layout');
  } catch (e) {
    assert.instance(e, BookletError);
    for (const p of parts) assert.ok((e as Error).message.includes(p), `${(e as Error).message} — lacks ${p}`);
  }
}

// 泗县医疗保障局 2024 (seed 000): 一般公共预算 2805.56 only, printed without thousands separators (docs/seeds/000.md); classes 208 and 210.
const SIXIAN = 'sixian-ybj/2024.json';

test('classes "used" lists only the 类 the data spends on, numbered in order; numbering code prints the codes', () => {
  const layout = (numbering: 'zh' | 'code' | 'zhParen' | 'none'): TwoSidedLayout => ({
    blocks: [{ left: [{ label: '一、一般公共预算资金', value: 'income.gpb' }], right: [{ classes: 'used', numbering }] }],
  });
  const zh = rows(withLayout(SIXIAN, 'budget', 'summary', layout('zh')));
  assert.equal(zh.map((r) => r[2]), ['一、社会保障和就业支出', '二、卫生健康支出']);
  assert.equal(zh[0]!.slice(0, 2), ['一、一般公共预算资金', '2805.56']);
  const code = rows(withLayout(SIXIAN, 'budget', 'summary', layout('code')));
  assert.equal(code.map((r) => r[2]), ['208 社会保障和就业支出', '210 卫生健康支出']);
  assert.equal(rows(withLayout(SIXIAN, 'budget', 'summary', layout('zhParen')))[1]![2], '（二）卫生健康支出');
  assert.equal(rows(withLayout(SIXIAN, 'budget', 'summary', layout('none')))[1]![2], '卫生健康支出');
});

test('sum adds the named rows column by column; heading rows print no amounts; omitZero drops an all-zero row', () => {
  const t = withLayout(SIXIAN, 'budget', 'fiscalSummary', {
    blocks: [
      {
        left: [
          { label: '财政拨款', heading: true },
          { label: '一般公共预算', value: 'income.gpb', indent: 1, id: 'a' },
          { label: '政府性基金', value: 'income.gfb', indent: 1, id: 'b', omitZero: true },
        ],
        right: [{ classes: 'used' }],
      },
      { left: [{ label: '合计', sum: ['a', 'b'] }], right: [{ label: '合计', value: 'spending' }], kind: 'total' },
    ],
  }, ['total', 'gpb']);
  const r = rows(t);
  assert.equal(r[0]!.slice(0, 2), ['财政拨款', '']);
  assert.is(t.body[0]!.cells[1]!.csv, '', 'a heading has no amount in the CSV either');
  assert.equal(r[1]!.slice(0, 2), ['一般公共预算', '2805.56']);
  assert.is(r.length, 3, 'the zero 政府性基金 row is left out: two rows beside the two classes, then 合计');
  assert.ok(!r.some((x) => x[0] === '政府性基金'));
  assert.equal(r.at(-1), ['合计', '2805.56', '合计', '2805.56', '2805.56']);
  assert.is(t.body.at(-1)!.kind, 'total');
});

test('profile mistakes: Chinese messages with the profile, the table and the row pointer', () => {
  const one = (left: object[], right: object[] = [{ classes: 'all' }]) => ({ blocks: [{ left, right }] }) as TwoSidedLayout;
  const at = '/kinds/budget/tables/3/layout/blocks/0/';
  fails(() => withLayout(SIXIAN, 'budget', 'fiscalSummary', one([{ label: 'x', value: 'income.gpb', heading: true }])), '表式 anhui-2024', '财政拨款收支总表', `${at}left/0`, '只须给出');
  fails(() => withLayout(SIXIAN, 'budget', 'fiscalSummary', one([{ label: 'x', value: 'income.bogus' }])), '取值键“income.bogus”无法识别', 'income.gpb');
  fails(() => withLayout(SIXIAN, 'budget', 'fiscalSummary', one([{ label: 'x', sum: ['nowhere'] }])), '“nowhere”', `${at}left/0`);
  fails(() => withLayout(SIXIAN, 'budget', 'fiscalSummary', one([{ value: 'income.gpb' }])), '缺少 label');
  fails(() => withLayout(SIXIAN, 'budget', 'fiscalSummary', one([], [{ label: 'x', value: 'income.gpb' }])), `${at}right/0`, '右栏的取值键');
  // An explicit class list that leaves out a class the data spends on: 210 卫生健康支出 would vanish.
  fails(
    () => withLayout(SIXIAN, 'budget', 'fiscalSummary', one([], [{ label: '八、社会保障和就业', class: '208' }, { label: '二十一、住房保障', class: '221' }])),
    '210（卫生健康支出）',
    '没有这一类的行',
  );
});

test('named income lines: a data line the layout does not name is reported, not printed (seed 004 has 上级预拨 among its gpbLines)', () => {
  const base = context('jiyuan-ybj/2021.json', 'budget');
  const spec: ProfileTable = { ...base.profile.tables.find((t) => t.id === 'fiscalSummary')!, layout: { blocks: [{ left: [{ label: '财政拨款', lines: 'gpbLines' }], right: [{ classes: 'all' }] }] } };
  const ctx = { ...base, issues: [] as BuildContext['issues'] };
  const t = fiscalSummaryBuilder(ctx, spec)[0]!;
  assert.equal(t.body[0]!.cells.slice(0, 2).map((c) => c.text), ['财政拨款', '6,694.1']);
  assert.is(ctx.issues.length, 1);
  assert.is(ctx.issues[0]!.pointer, '/income/gpbLines');
  assert.ok(ctx.issues[0]!.message.includes('“上级预拨”没有对应的行'));
});

test('spending "current" leaves out what the 上年结转 pays for: seed 004 类 210 is 5,952.9 in all, 5,860.7 current', () => {
  const layout = (spending: 'all' | 'current'): TwoSidedLayout => ({
    spending,
    blocks: [{ left: [], right: [{ label: '十、卫生健康', class: '210' }, { classes: 'used', numbering: 'none' }] }],
  });
  assert.equal(rows(withLayout('jiyuan-ybj/2021.json', 'budget', 'fiscalSummary', layout('all'), ['total', 'gpbAppropriation']))[0]!.slice(2), ['十、卫生健康', '5,952.9', '5,529.9']);
  assert.equal(rows(withLayout('jiyuan-ybj/2021.json', 'budget', 'fiscalSummary', layout('current'), ['total', 'gpbAppropriation']))[0]!.slice(2), ['十、卫生健康', '5,860.7', '5,437.7']);
});

test.run();
