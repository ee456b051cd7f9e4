/**
 * The 商务委员会 and 区人民政府办公室 2025 部门预算 and 单位预算 (data/putuo-shangwu, putuo-shangwu-benbu,
 * putuo-quzhengfu, putuo-quzhengfu-benbu) against the reference fixtures written from the original
 * booklets (test/fixtures/corpus/shanghai/<doc>.json, docs/seeds/shanghai-shangwu-quzhengfu.md):
 * every table amount the original prints is in the built page's table, as the original prints it,
 * except what the fixture lists in notYetPrinted with a reason (test/helpers/corpus-tables.ts).
 * And each 部门 with a single 预算单位 prints the same amounts as its 单位.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { buildCorpusSite, compareTables, corpusFixture as fixture, pageTables } from '../helpers/corpus-tables.ts';

const root = join(import.meta.dirname, '../..');

const DOCUMENTS = [
  { fixture: 'shangwu-2025-department-budget', unit: 'putuo-shangwu' },
  { fixture: 'shangwu-2025-unit-budget', unit: 'putuo-shangwu-benbu' },
  { fixture: 'quzhengfu-2025-department-budget', unit: 'putuo-quzhengfu' },
  { fixture: 'quzhengfu-2025-unit-budget', unit: 'putuo-quzhengfu-benbu' },
];

const dataFile = (unit: string) => JSON.parse(readFileSync(join(root, 'data', unit, '2025.json'), 'utf8')) as UnitYearFile;

let site: Awaited<ReturnType<typeof buildCorpusSite>>;
const page = (unit: string) => site.page(join(unit, '2025-budget.html'));
test.before(async () => {
  site = await buildCorpusSite(DOCUMENTS.map((d) => join('data', d.unit, '2025.json')), 'gongkai-shangwu-');
});

test.after(() => site?.dispose());

for (const d of DOCUMENTS) {
  test(`${d.fixture}: every table amount of the original is in data/${d.unit}'s booklet, as printed`, () => {
    const { problems, checked } = compareTables(fixture(d.fixture), page(d.unit));
    assert.equal(problems, []);
    assert.ok(checked > 200, `checked ${checked} cells`);
  });
}

test('the comparison fails when a listed-as-printed amount is missing, or a listed title is no longer needed', () => {
  const fx = fixture('quzhengfu-2025-unit-budget');
  const html = page('putuo-quzhengfu-benbu');
  // 表8 30228 工会经费 248,117.54 (a 分 amount): printed once, in the 款 row of 表8.
  const { problems } = compareTables(fx, html.replaceAll('>248,117.54<', '>248,117.55<'));
  assert.ok(problems.some((p) => p.includes('表8') && p.includes('30228') && p.includes('248,117.54')), problems.join('\n'));
  // 表4 (two-sided): 二、社会保障和就业支出 4,213,779.28, also printed in 表3/表5 (other tables do not count).
  const { problems: p2 } = compareTables(fx, html.replace(/(id="table-fiscalSummary"[\s\S]*?)>4,213,779\.28</, '$1>4,213,779.29<'));
  assert.ok(p2.some((p) => p.startsWith('表4') && p.includes('4,213,779.28')), p2.join('\n'));
  // A table title printed otherwise than the original's is reported…
  const renamed = html.replace('>2025年预算单位支出预算总表<', '>2025年单位支出预算总表<');
  const { problems: p3 } = compareTables(fx, renamed);
  assert.ok(p3.some((p) => p.startsWith('表3') && p.includes('没有此标题的表')), p3.join('\n'));
  // …and a title listed as not yet printed while the booklet prints the original's: the entry must go.
  const listed = { ...fx, notYetPrinted: [...(fx.notYetPrinted ?? []), { table: '3', title: '2025年单位支出预算总表', reason: '旧表题' }] };
  const { problems: p3b } = compareTables(listed, html);
  assert.ok(p3b.some((p) => p.startsWith('表3') && p.includes('title 应删去')), p3b.join('\n'));
  // The 万元 三公 table is compared: its 机关运行经费 column 213.28 printed otherwise is reported.
  const { problems: p4 } = compareTables(fx, html.replace(/(id="table-threePublic"[\s\S]*?)>213\.28</, '$1>213.29<'));
  assert.ok(p4.some((p) => p.startsWith('表9') && p.includes('213.28')), p4.join('\n'));
});

test('a 部门 whose only 预算单位 is its 本部 prints the same table amounts as the 单位 (表2–表9)', () => {
  for (const [dept, unit] of [
    ['putuo-shangwu', 'putuo-shangwu-benbu'],
    ['putuo-quzhengfu', 'putuo-quzhengfu-benbu'],
  ] as const) {
    const a = pageTables(page(dept));
    const b = pageTables(page(unit));
    assert.is(a.length, 9);
    assert.is(b.length, 9);
    for (let i = 1; i < 9; i++) {
      const cells = (t: (typeof a)[number]) => t.rows.map((r) => r.filter((c) => c.kind === 'amount').map((c) => c.text).join('|')).join('\n');
      assert.is(cells(b[i]!), cells(a[i]!), `${dept} / ${unit} 表${i + 1}`);
    }
    // The 部门 lists its units; the 单位 names its 部门.
    assert.ok((dataFile(dept).unit.includes ?? []).length >= 1);
    assert.is(dataFile(unit).unit.parent?.name, dataFile(dept).unit.name);
  }
});

test.run();
