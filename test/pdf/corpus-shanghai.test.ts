/**
 * The six Shanghai 预算 documents (万里街道 2024 and 2025, 商务委员会 and 区人民政府办公室 2025 部门预算 and
 * 单位预算) printed, read back with pdftotext (test/helpers/poppler.ts) and compared with the reference
 * fixtures written from the originals (test/fixtures/corpus/shanghai/<doc>.json): each table found in
 * the PDF text by its printed title, and every amount the original prints in that table on the pages
 * between its title and the next table's, as often as the original prints it (comparePdfTables in
 * test/helpers/corpus-tables.ts). The HTML tables are compared cell by cell in test/site/corpus-*.
 *
 * One build with PDFs (test.before) serves every check.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildCorpusSite, comparePdfTables, corpusFixture, type CorpusFixture } from '../helpers/corpus-tables.ts';
import { flatOutline, outline, pageTexts, squash } from '../helpers/poppler.ts';

const DOCUMENTS = [
  { fixture: 'wanli-2024-department-budget', unit: 'putuo-wanli', year: 2024 },
  { fixture: 'wanli-2025-department-budget', unit: 'putuo-wanli', year: 2025 },
  { fixture: 'shangwu-2025-department-budget', unit: 'putuo-shangwu', year: 2025 },
  { fixture: 'shangwu-2025-unit-budget', unit: 'putuo-shangwu-benbu', year: 2025 },
  { fixture: 'quzhengfu-2025-department-budget', unit: 'putuo-quzhengfu', year: 2025 },
  { fixture: 'quzhengfu-2025-unit-budget', unit: 'putuo-quzhengfu-benbu', year: 2025 },
];

interface Printed {
  fixture: CorpusFixture;
  texts: string[];
  /** Pages before the body (cover, 目录, pad). */
  front: number;
  /** The bookmark after the last table's: the heading that ends the last table. */
  after: string | null;
}

let site: Awaited<ReturnType<typeof buildCorpusSite>> | undefined;
const printed = new Map<string, Printed>();
let setupError: string | undefined;

test.before(async () => {
  try {
    site = await buildCorpusSite(DOCUMENTS.map((d) => `data/${d.unit}/${d.year}.json`), 'gongkai-corpus-pdf-', { pdf: true });
    for (const d of DOCUMENTS) {
      const pdf = site.path(`${d.unit}/${d.year}-budget.pdf`);
      const fixture = corpusFixture(d.fixture);
      const marks = flatOutline(outline(pdf));
      // The cover and the 目录 have bookmarks of their own; the body starts at the one after 目录.
      const toc = marks.findIndex((m) => m.title === '目录');
      if (toc < 0 || !marks[toc + 1]) throw new Error(`${d.unit}/${d.year}-budget.pdf：没有“目录”书签或其后没有书签`);
      const lastTitle = squash(fixture.tables[fixture.tables.length - 1]!.title);
      const last = marks.findIndex((m) => squash(m.title).endsWith(lastTitle));
      if (last < 0) throw new Error(`${d.unit}/${d.year}-budget.pdf：没有最后一张表的书签`);
      printed.set(d.fixture, {
        fixture,
        texts: pageTexts(pdf),
        front: marks[toc + 1]!.page - 1,
        after: marks[last + 1]?.title ?? null,
      });
    }
  } catch (e) {
    setupError = e instanceof Error ? e.message : String(e);
  }
});

test.after(() => site?.dispose());

function get(name: string): Printed {
  if (setupError) assert.unreachable(setupError);
  return printed.get(name)!;
}

for (const d of DOCUMENTS) {
  test(`${d.fixture}: every table amount of the original is in the PDF text of its table's pages`, () => {
    const p = get(d.fixture);
    const { problems, checked } = comparePdfTables(p.fixture, p.texts, p.front, p.after);
    assert.equal(problems, []);
    assert.ok(checked > 200, `checked ${checked} amounts`);
  });
}

test('the comparison fails when an amount is changed or a title is missing in a copy of the PDF text', () => {
  const p = get('quzhengfu-2025-unit-budget');
  // 表8 30228 工会经费 248,117.54: printed once, on 表8's pages.
  const changed = p.texts.map((t) => t.replaceAll('248,117.54', '248,117.55'));
  const { problems } = comparePdfTables(p.fixture, changed, p.front, p.after);
  assert.ok(problems.some((x) => x.startsWith('表8') && x.includes('30228') && x.includes('248,117.54')), problems.join('\n'));
  // An amount of one table is not found on another table's pages: 表4's 二、社会保障和就业支出
  // 4,213,779.28 is also printed in 表1, 表3 and 表5; changed on 表4's pages only, 表4 reports it.
  const start = p.texts.findIndex((t, i) => i >= p.front && /^2025年预算单位财政拨款收支预算总表$/m.test(t));
  assert.ok(start > 0, '表4 found by its title');
  const fourth = p.texts.map((t, i) => (i === start ? t.replace('4,213,779.28', '4,213,779.29') : t));
  const { problems: p2 } = comparePdfTables(p.fixture, fourth, p.front, p.after);
  assert.ok(p2.some((x) => x.startsWith('表4') && x.includes('4,213,779.28')), p2.join('\n'));
  assert.not.ok(p2.some((x) => !x.startsWith('表4')), p2.join('\n'));
  // A table whose title is printed otherwise is reported.
  const renamed = p.texts.map((t) => t.replace(/^2025年预算单位支出预算总表$/m, '2025年单位支出预算总表'));
  const { problems: p3 } = comparePdfTables(p.fixture, renamed, p.front, p.after);
  assert.ok(p3.some((x) => x.startsWith('表3') && x.includes('找不到此表题')), p3.join('\n'));
  // The 万元 三公 table: 机关运行经费 213.28, also stated in the 说明 after the tables, changed in the table.
  const nine = p.texts.findIndex((t, i) => i >= p.front && t.includes('2025年单位“三公”经费和机关运行经费预算表'));
  const { problems: p4 } = comparePdfTables(p.fixture, p.texts.map((t, i) => (i === nine ? t.replace('213.28', '213.29') : t)), p.front, p.after);
  assert.ok(p4.some((x) => x.startsWith('表9') && x.includes('213.28')), p4.join('\n'));
});

test.run();
