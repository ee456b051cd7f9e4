/**
 * A table entry's forLevel (docs/profiles.md “表的选项”): the fields a 部门's or a 单位's file
 * prints differently. Shanghai's 单位预算 表1 splits its right side into 合计 / 人员经费 / 公用经费 /
 * 项目支出 under 预算数 and 基本支出, the 部门预算 表1 prints one 预算数 column (the same profile,
 * shanghai-putuo-2025). The expected rows are the original's, as listed in
 * test/fixtures/corpus/shanghai/quzhengfu-2025-unit-budget.json (from
 * ../shared/corpus/shanghai-putuo/quzhengfu-2025-unit-budget.txt).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary, type Library } from '../../scripts/lib/model/reference.ts';
import type { Profile } from '../../scripts/lib/model/profile.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import { renderBookletHtml, tableByCaption } from '../helpers/render-booklet.ts';

const root = join(import.meta.dirname, '../..');
const read = <T>(p: string) => JSON.parse(readFileSync(join(root, p), 'utf8')) as T;
const lib = loadLibrary(root);

interface CorpusRow {
  side?: 'income' | 'expenditure';
  label: string | null;
  amounts: Array<string | null>;
}
const original = read<{ tables: Array<{ number: string; title: string; rows: CorpusRow[] }> }>('test/fixtures/corpus/shanghai/quzhengfu-2025-unit-budget.json').tables.find(
  (t) => t.number === '1',
)!;

test('单位预算 表1: the right side as the original — 合计, 人员经费, 公用经费, 项目支出 by 类 and 支出总计', async () => {
  const html = await renderBookletHtml(root, lib, read<UnitYearFile>('data/putuo-quzhengfu-benbu/2025.json'), 'budget');
  const t = tableByCaption(html, original.title);
  assert.equal(t.head, [
    ['本年收入', '本年支出'],
    ['项目', '预算数', '项目', '预算数'],
    ['合计', '基本支出', '项目支出'],
    ['人员经费', '公用经费'],
  ]);
  const expected = (side: 'income' | 'expenditure') => original.rows.filter((r) => r.side === side).map((r) => [r.label!, ...r.amounts.map((a) => a ?? '')]);
  // The 单位 本's income lines are numbered “1、” where the 部门 本 prints “1.” (its own layout).
  assert.equal(t.body.filter((r) => r[0]).map((r) => [r[0]!, r[1]!]), expected('income'));
  assert.equal(t.body.filter((r) => r[2]).map((r) => [r[2]!, ...r.slice(3, 7)]), expected('expenditure'));
});

test('部门预算 表1 of the same profile: one 预算数 column on the right', async () => {
  const html = await renderBookletHtml(root, lib, read<UnitYearFile>('data/putuo-quzhengfu/2025.json'), 'budget');
  const t = tableByCaption(html, '2025年部门财务收支预算总表');
  assert.equal(t.head, [
    ['本年收入', '本年支出'],
    ['项目', '预算数', '项目', '预算数'],
  ]);
  assert.equal(t.body.find((r) => r[2] === '支出总计'), ['收入总计', '91,016,775.35', '支出总计', '91,016,775.35']);
  assert.ok(t.body.some((r) => r[0] === '1. 一般公共预算资金'));
});

test('forLevel fields replace the entry’s own for that level only', async () => {
  const base = lib.profiles.get('shanghai-putuo-2025')!;
  const changed = structuredClone(base) as Profile;
  const summary = changed.kinds.budget!.tables.find((t) => t.id === 'summary')!;
  summary.forLevel = { ...summary.forLevel, department: { title: '{year}年部门收支总表（部门本）' } };
  const withChange: Library = { ...lib, profiles: new Map([...lib.profiles, ['shanghai-putuo-2025', changed]]) };
  const title = async (unit: string) =>
    (await buildBooklet(read<UnitYearFile>(`data/${unit}/2025.json`), 'budget', withChange, { charts: false })).view.tables.find((t) => t.id === 'summary')!.title;
  assert.is(await title('putuo-quzhengfu'), '2025年部门收支总表（部门本）');
  assert.is(await title('putuo-quzhengfu-benbu'), '2025年预算单位财务收支预算总表');
});

test.run();
