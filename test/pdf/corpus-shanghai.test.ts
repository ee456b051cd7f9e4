/**
 * The six Shanghai 预算 documents (万里街道 2024 and 2025, 商务委员会 and 区人民政府办公室 2025 部门预算 and
 * 单位预算) printed, read back with pdftotext (test/helpers/poppler.ts) and compared with the reference
 * fixtures written from the originals (test/fixtures/corpus/shanghai/<doc>.json): each table found in
 * the PDF text by its printed title, and every amount the original prints in that table on the pages
 * between its title and the next table's, as often as the original prints it (comparePdfTables in
 * test/helpers/corpus-tables.ts). The HTML tables are compared cell by cell in test/site/corpus-*.
 * Each table page's heading is compared line by line (pdftotext -layout) with the original's: the title
 * without its number, the 编制单位 line and the unit on the line below (the profiles' tableHeading);
 * a seed and the 决算 template print theirs as test/fixtures/pdf/table-headings.json lists.
 *
 * The four 部门预算 also print 七、项目经费情况说明 as the original: each project's title and its seven
 * section headings, in order, in the body's text and as bookmarks, none of them in the 目录
 * (test/fixtures/corpus/shanghai/projects/<doc>.json, from the same originals).
 *
 * One build with PDFs (test.before) serves every check.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpusSite, comparePdfHeadingLines, comparePdfHeadings, comparePdfTables, corpusFixture, type CorpusFixture, type HeadingLines } from '../helpers/corpus-tables.ts';
import { flatOutline, layoutTexts, outline, pageTexts, squash } from '../helpers/poppler.ts';

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
  /** The PDF's bookmarks, in order. */
  marks: string[];
  /** pdftotext -layout, one per page: a line as printed (the 编制单位 line and the unit on one). */
  laid: string[];
  /** Pages before the body (cover, 目录, pad). */
  front: number;
  /** The bookmark after the last table's: the heading that ends the last table. */
  after: string | null;
}

/** Table headings of other booklets, for the profiles' other heading forms (a seed's number above the title, the 决算 template's). */
const HEADINGS = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/pdf/table-headings.json'), 'utf8')) as { booklets: Record<string, HeadingLines[]> };
const OTHERS = Object.keys(HEADINGS.booklets);

let site: Awaited<ReturnType<typeof buildCorpusSite>> | undefined;
const printed = new Map<string, Printed>();
let setupError: string | undefined;

test.before(async () => {
  try {
    const others = OTHERS.map((pdf) => `data/${pdf.replace(/-(budget|final)\.pdf$/, '.json')}`);
    site = await buildCorpusSite([...DOCUMENTS.map((d) => `data/${d.unit}/${d.year}.json`), ...others], 'gongkai-corpus-pdf-', { pdf: true });
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
        marks: marks.map((m) => squash(m.title)),
        laid: layoutTexts(pdf),
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

for (const d of DOCUMENTS) {
  test(`${d.fixture}: each table page prints the title without its number, then the 编制单位 line and the unit, as the original`, () => {
    const p = get(d.fixture);
    assert.equal(comparePdfHeadings(p.fixture, p.laid, p.front), []);
  });
}

test('a seed keeps its number above the title, the 决算 template prints none: the headings of test/fixtures/pdf/table-headings.json', () => {
  if (setupError) assert.unreachable(setupError);
  const problems = OTHERS.flatMap((pdf) => comparePdfHeadingLines(HEADINGS.booklets[pdf]!, layoutTexts(site!.path(pdf)), 0).map((x) => `${pdf}：${x}`));
  assert.equal(problems, []);
});

test('the heading comparison fails for a number above the title or a missing 编制单位 line', () => {
  const p = get('shangwu-2025-department-budget');
  const numbered = p.laid.map((t) => t.replace(/^(\s*)(2025年部门收入预算总表)$/m, (_, indent: string, title: string) => `${indent}2.\n${indent}${title}`));
  assert.equal(comparePdfHeadings(p.fixture, numbered, p.front), ['表2：表名上方印了表号“2.”，原文只在目录中印表号']);
  const unprepared = p.laid.map((t) => t.replaceAll('编制部门：', ''));
  const problems = comparePdfHeadings(p.fixture, unprepared, p.front);
  assert.is(problems.length, p.fixture.tables.length, problems.join('\n'));
  assert.ok(problems[0]!.includes('编制部门：上海市普陀区商务委员会 单位：元'), problems[0]);
});

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

const projectsFixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/corpus/shanghai/projects', `${name}.json`), 'utf8')) as {
    projects: Array<{ title: string; sections: Array<{ heading: string }> }>;
  };

/** The strings of `wanted` not found in `haystack` one after another, in order. */
function missingInOrder(haystack: string, wanted: string[]): string[] {
  let at = 0;
  const missing: string[] = [];
  for (const w of wanted) {
    const i = haystack.indexOf(w, at);
    if (i < 0) missing.push(w);
    else at = i + w.length;
  }
  return missing;
}

for (const d of DOCUMENTS.filter((x) => x.fixture.endsWith('department-budget'))) {
  test(`${d.fixture}: the project titles and their section headings in the PDF text and bookmarks, in order, not in the 目录`, () => {
    const p = get(d.fixture);
    const wanted = projectsFixture(d.fixture).projects.flatMap((x) => [x.title, ...x.sections.map((s) => s.heading)]).map(squash);
    const part = p.marks.indexOf('七、项目经费情况说明');
    assert.ok(part > 0, 'a bookmark 七、项目经费情况说明');
    assert.equal(p.marks.slice(part + 1, part + 1 + wanted.length), wanted);
    const body = squash(p.texts.slice(p.front).join('\n'));
    assert.equal(missingInOrder(body.slice(body.lastIndexOf('七、项目经费情况说明')), wanted), []);
    const front = squash(p.texts.slice(0, p.front).join('\n'));
    assert.ok(front.endsWith('七、项目经费情况说明') || /七、项目经费情况说明[^一-龥]*$/.test(front), 'the 目录 ends with the part');
    assert.not.ok(wanted.filter((w) => w !== '项目经费情况说明').some((w) => front.includes(w)), 'no project heading in the 目录');
  });
}

test('the order check reports a project title printed otherwise', () => {
  const p = get('shangwu-2025-department-budget');
  const wanted = projectsFixture('shangwu-2025-department-budget').projects.map((x) => squash(x.title));
  const body = squash(p.texts.slice(p.front).join('\n'));
  assert.equal(missingInOrder(body, wanted), []);
  assert.equal(missingInOrder(body.replace('商业创新专项（政策资金）经费情况说明', '商业创新专项经费情况说明'), wanted), ['商业创新专项（政策资金）经费情况说明']);
  assert.equal(missingInOrder(body, [...wanted].reverse()).length, 3);
});

test.run();
