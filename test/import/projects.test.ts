/**
 * Projects and 绩效目标表 through the import. A sample workbook (sample-workbooks.ts: an export's
 * 项目支出表, 合计 at the top, and an Anhui 项目支出绩效目标表 per project, merged cells) filled with
 * the projects of the bundled 泗县医疗保障局 2024 file imports to the same amounts and indicator rows,
 * .xls as .xlsx; bad project sheets are refused, located, nothing written. Then the bundled Anhui booklet (泗县医疗保障局 2024, a
 * 项目支出表 and one 项目绩效目标表 per project) written as its -tables.xlsx: --update matches a
 * project by its printed name (amounts and indicator rows replaced, texts kept), adds a project the
 * file lacks, keeps and reports one the workbook lacks; a fund table that was read and is empty
 * empties the file's rows of that fund, a fund whose table the workbook lacks keeps them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import { bookletXlsx } from '../../scripts/lib/site/xlsx.ts';
import { applyNumbers, changeList, mapWorkbook, openWorkbook, planImport, readWorkbookTables, type Mapped } from '../../scripts/lib/import/index.ts';
import { addProjectSheets, makeBook, writeBook, type Corpus } from '../../scripts/lib/import/sample-workbooks.ts';
import { projectLines } from '../helpers/imported-amounts.ts';
import { rejects, writeTemp } from '../helpers/import-errors.ts';
import { tempFolders } from '../helpers/temps.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import type { BudgetDocument, UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const lib = loadLibrary(root);
const data = JSON.parse(readFileSync(join(root, 'data/sixian-ybj/2024.json'), 'utf8')) as UnitYearFile;
const booklet = await buildBooklet(data, 'budget', lib, { charts: false });
const bytes = bookletXlsx(booklet.view);

/** The workbook mapped, without the sheets whose title matches `drop`. */
function mapped(drop?: RegExp): Mapped {
  const { book } = openWorkbook('sixian.xlsx', bytes);
  if (drop) {
    book.SheetNames = book.SheetNames.filter((n) => !drop.test(XLSX.utils.sheet_to_json<string[]>(book.Sheets[n]!, { header: 1 })[0]![0]!));
  }
  return mapWorkbook('sixian.xlsx', readWorkbookTables('sixian.xlsx', book), 2024, 'wan', lib.references.get(2024));
}

const fresh = () => structuredClone(data.documents.budget!) as BudgetDocument;
const temp = tempFolders(test);

// ─── the sample workbook ─────────────────────────────────────────────────────────────────────

const corpus = JSON.parse(readFileSync(join(root, 'test/fixtures/corpus/shanghai/shangwu-2025-unit-budget.json'), 'utf8')) as Corpus;
const projects = data.documents.budget!.projects;
const sample = () => addProjectSheets(makeBook(corpus), corpus.year, corpus.unit, projects);

function importBook(book: XLSX.WorkBook, format: 'xlsx' | 'xls') {
  const dir = temp('gongkai-projects-');
  const out = join(dir, 'out.json');
  const workbook = writeTemp(dir, `book.${format}`, writeBook(book, format));
  return { out, run: () => planImport(root, { workbook, unit: 'import-test-unit', kind: 'budget', profile: 'national-budget', out, update: false }, lib) };
}

test('a 项目支出表 and its 绩效目标表 import as the data file’s projects: every amount and every indicator row, .xls as .xlsx', () => {
  const xlsx = importBook(sample(), 'xlsx').run();
  const xls = importBook(sample(), 'xls').run();
  assert.is(xls.text, xlsx.text);
  const doc = (JSON.parse(xlsx.text) as UnitYearFile).documents.budget!;
  assert.equal(projectLines(doc.projects), projectLines(projects));
  assert.ok(projectLines(projects).length > 40);
  // The forms' header fields: the texts a new file starts with.
  doc.projects.forEach((p, i) => {
    const want = projects[i]!;
    assert.is(p.name, want.printedName ?? want.name);
    assert.equal([p.type, p.source, p.period, p.goal, p.implementer, p.attributes], [want.type, want.source, want.period, want.goal, want.implementer, want.attributes], p.name);
  });
});

/** The sample with one cell of the named sheet changed. */
function edited(sheet: RegExp, cell: string, value: string): XLSX.WorkBook {
  const book = sample();
  const name = book.SheetNames.find((n) => sheet.test(n))!;
  book.Sheets[name]![cell] = { t: 's', v: value };
  return book;
}

test('text in an amount cell of the 项目支出表 is refused at its cell, nothing written', () => {
  const { out, run } = importBook(edited(/项目支出预算表/, 'F7', '十八万'), 'xlsx');
  rejects(run, /2\.26项目支出预算表!F7：这里应是金额，却是文字（应为：金额（万元）；实际：“十八万”）/);
  assert.not.ok(existsSync(out));
});

test('a 绩效目标表 for a project the 项目支出表 does not list is refused at its 项目名称, nothing written', () => {
  const { out, run } = importBook(edited(/^2\.28项目绩效目标表$/, 'B3', '不存在的项目'), 'xlsx');
  rejects(run, /2\.28项目绩效目标表!B3：项目绩效目标表中的项目“不存在的项目”不在项目支出表（工作表“2\.26项目支出预算表”）中.*（应为：项目支出表中的项目名称：“公务用车更新配备”、.*；实际：“不存在的项目”）/);
  assert.not.ok(existsSync(out));
});

// ─── the booklet's own workbook, --update ────────────────────────────────────────────────────

test('--update: a project matched by its printed name gets the workbook’s amounts and indicators and keeps its texts', () => {
  const doc = fresh();
  const car = doc.projects[0]!;
  car.funds = { gpb: 1, unitFunds: 2 };
  car.total = 3;
  car.summary = '办事员写的项目概述';
  car.indicators = [{ level1: '产出指标', level2: '数量指标', level3: '旧指标', value: '2辆' }];
  // The 城乡医疗救助 project is known by its printed name “2024_城乡医疗救助”.
  const relief = doc.projects.find((p) => p.printedName === '2024_城乡医疗救助')!;
  relief.funds = {};
  applyNumbers(doc, mapped(), true);
  const was = data.documents.budget!.projects;
  assert.equal(doc.projects[0]!.funds, { gpb: 18 });
  assert.is(doc.projects[0]!.total, 18);
  assert.is(doc.projects[0]!.summary, '办事员写的项目概述');
  assert.equal(doc.projects[0]!.indicators, was[0]!.indicators);
  assert.equal(doc.projects.find((p) => p.printedName === '2024_城乡医疗救助')!.funds, { gpb: 1760 });
  assert.is(doc.projects.length, was.length);
});

test('--update: a project the file lacks is added with everything the workbook has; one the workbook lacks is kept and reported', () => {
  const doc = fresh();
  const last = doc.projects.pop()!;
  doc.projects.push({ name: '已撤销的项目', unit: '泗县医疗保障局本级', funds: { gpb: 7 }, indicators: [] });
  const m = mapped();
  applyNumbers(doc, m, true);
  assert.is(doc.projects.length, data.documents.budget!.projects.length + 1);
  assert.equal(doc.projects.find((p) => p.name === '已撤销的项目')!.funds, { gpb: 7 });
  const added = doc.projects[doc.projects.length - 1]!;
  assert.is(added.name, last.printedName ?? last.name);
  assert.equal(added.funds, last.funds);
  assert.equal(added.indicators, last.indicators);
  assert.is(added.goal, last.goal);
  assert.is(added.source, last.source);
  assert.is(added.period, last.period);
  assert.is(added.unit, last.printedUnit ?? last.unit);
  assert.ok(m.notes.some((n) => n.includes('“已撤销的项目”') && n.includes('不在工作簿的项目支出表中')), m.notes.join('\n'));
});

test('--update: a fund table read as empty empties the file’s rows of that fund; a fund whose table is absent keeps them', () => {
  const gfbRow = { code: '2296002', fund: 'gfb' as const, total: 3, project: 3 };
  // The booklet's 政府性基金预算支出表 is empty (本表无数据): the clerk emptied it in the system.
  const read = fresh();
  read.expenditure.push(gfbRow);
  applyNumbers(read, mapped(), true);
  assert.equal(read.expenditure.filter((r) => r.fund === 'gfb'), []);
  // A workbook without that sheet says nothing about 政府性基金: the row stays.
  const absent = fresh();
  absent.expenditure.push(gfbRow);
  applyNumbers(absent, mapped(/政府性基金预算支出表/), true);
  assert.equal(absent.expenditure.filter((r) => r.fund === 'gfb'), [gfbRow]);
  // And the funds that were read are the workbook's rows, row for row.
  assert.equal(absent.expenditure.filter((r) => r.fund === 'gpb').map((r) => r.code), data.documents.budget!.expenditure.filter((r) => r.fund === 'gpb').map((r) => r.code));
});

test('--update: a 科目 row the workbook’s table no longer has is gone; a column the table does not print keeps the file’s value', () => {
  const doc = fresh();
  const extra = { code: '2080109', fund: 'gpb' as const, total: 9, project: 9 };
  doc.expenditure = doc.expenditure.filter((r) => !(r.fund === 'gpb' && r.code === '2080109'));
  doc.expenditure.push({ ...extra, code: '2010101' });
  // Anhui's 支出总表 prints no 人员经费: a 单位资金 row's 人员经费 is not the workbook's to change.
  doc.expenditure.push({ code: '2101501', fund: 'unitFunds', personnel: 4 });
  applyNumbers(doc, mapped(), true);
  assert.ok(!doc.expenditure.some((r) => r.fund === 'gpb' && r.code === '2010101'));
  assert.ok(doc.expenditure.some((r) => r.fund === 'gpb' && r.code === '2080109' && r.total === 5));
  assert.equal(doc.expenditure.filter((r) => r.fund === 'unitFunds'), [{ code: '2101501', fund: 'unitFunds', personnel: 4 }]);
});

test('--update from the booklet’s own workbook changes only the two 类/款 subtotals the original printed with a 尾差 (a 0 in a blank cell is no change)', async () => {
  const dir = temp('gongkai-projects-update-');
  const out = writeTemp(dir, 'sixian.json', readFileSync(join(root, 'data/sixian-ybj/2024.json')));
  const workbook = writeTemp(dir, 'sixian.xlsx', bytes);
  const plan = planImport(root, { workbook, unit: 'sixian-ybj', kind: 'budget', out, update: true }, lib);
  const changes = await changeList(plan, lib);
  assert.match(changes, /金额改动（2 处，单位：万元）/);
  assert.match(changes, /\| 210 卫生健康支出 \| 公用经费 \| 126\.81 \| 126\.82 \| \+0\.01 \|/);
  assert.match(changes, /\| 21015 医疗保障管理事务 \| 公用经费 \| 126\.81 \| 126\.82 \| \+0\.01 \|/);
  // Projects and their indicators: as they were.
  assert.equal((JSON.parse(plan.text) as UnitYearFile).documents.budget!.projects, data.documents.budget!.projects);
});

test.run();
