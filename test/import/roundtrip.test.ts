/**
 * The booklet's tables as one .xlsx (scripts/lib/site/xlsx.ts) and back through the import: for
 * every bundled booklet, the workbook's bytes are the same on every build, and importing it either
 * gives back the numbers of every table (the document rebuilt from the imported fields prints the
 * same cells) or is refused with a located message — never a different number. Every booklet comes
 * back whole, projects (项目支出表) and their 项目绩效目标表 included, except a layout the import cannot
 * read yet (REFUSED: the reason, and the message it must give). The 政府采购 / 政府购买服务 tables and
 * the 绩效自评表 are not read yet: they stay as the data file has them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { bundledDocuments } from '../helpers/bundled.ts';
import { amountLines, amountsOf, columnsOf, projectLines } from '../helpers/imported-amounts.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import type { TableView } from '../../scripts/lib/booklet/model.ts';
import { bookletXlsx } from '../../scripts/lib/site/xlsx.ts';
import { numberSpace } from '../../scripts/lib/booklet/numbering.ts';
import { applyNumbers, ImportError, mapWorkbook, openWorkbook, readWorkbookTables, unitNameOf } from '../../scripts/lib/import/index.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const lib = loadLibrary(root);
/**
 * Layouts the import refuses, each with why and the located message it gives. Henan 2021's tables
 * print one row per 单位 (单位代码, 单位名称 beside the 科目), its “三公” table lists 项目 rows and its
 * 支出经济分类汇总表 has no counterpart in the data model yet.
 */
const REFUSED: Array<{ why: string; message: RegExp }> = [{ why: '按单位分行的支出表（单位代码栏）', message: /!D3：不认识的表头（一般公共预算支出表）.*“单位代码”/ }];

const load = (unit: string, year: string) => JSON.parse(readFileSync(join(root, 'data', unit, `${year}.json`), 'utf8')) as UnitYearFile;

/** A table's printed cells, row by row (the numbers a reader sees). */
const cells = (t: TableView) => t.body.map((r) => r.cells.map((c) => c.text).join(' | '));

type Outcome = { ok: true; tables: number } | { ok: false; message: string };

async function roundTrip(key: string): Promise<Outcome> {
  const [unit, year, kind] = key.split('/') as [string, string, DocumentKind];
  const data = load(unit, year);
  const before = await buildBooklet(data, kind, lib, { charts: false });
  const bytes = bookletXlsx(before.view);
  let mapped;
  try {
    const { book } = openWorkbook(`${key}.xlsx`, bytes);
    const read = readWorkbookTables(`${key}.xlsx`, book);
    const currency = lib.profiles.get(data.documents[kind]!.profile)!.kinds[kind]!.currency;
    mapped = mapWorkbook(`${key}.xlsx`, read, Number(year), currency, lib.references.get(Number(year)));
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, message: e.message };
    throw e;
  }
  // The booklet's 收入总表 is derived from the same data as its 收支总表: the two agree.
  assert.equal(mapped.notes.filter((n) => n.includes('两表不一致')), [], `${key}: 收入总表 = 收支总表`);
  // The document with the imported fields emptied, then filled from the workbook alone.
  const copy = structuredClone(data);
  const doc = copy.documents[kind]!;
  Object.assign(doc, { income: { carryover: {} }, expenditure: [], economic: [], threePublic: null, operatingCost: null });
  if (kind === 'final') Object.assign(doc, { incomeByFunction: [], gfbFlows: [], scobFlows: undefined, balances: { closing: {} } });
  // Projects keep their texts (matched by name); their amounts and, where the workbook has their
  // 绩效目标表, their indicators come from the workbook alone.
  const formed = new Set(mapped.projects?.filter((p) => p.indicators).map((p) => p.name));
  const listed = mapped.projectColumns !== undefined;
  doc.projects = doc.projects.map((p) => {
    const { total, ...rest } = p;
    return { ...rest, ...(listed ? { funds: {} } : { funds: p.funds, ...(total !== undefined ? { total } : {}) }), indicators: formed.has(p.printedName ?? p.name) ? [] : p.indicators };
  });
  applyNumbers(doc, mapped, true);
  const after = await buildBooklet(copy, kind, lib, { charts: false });
  assert.is(after.view.tables.length, before.view.tables.length, `${key}: number of tables`);
  before.view.tables.forEach((t, i) => {
    assert.equal(cells(after.view.tables[i]!), cells(t), `${key}: ${t.title}`);
  });
  return { ok: true, tables: before.view.tables.length };
}

for (const key of bundledDocuments(root)) {
  test(`${key}: the .xlsx is the same bytes on every build and opens as a workbook`, async () => {
    const [unit, year, kind] = key.split('/') as [string, string, DocumentKind];
    const a = bookletXlsx((await buildBooklet(load(unit, year), kind, lib, { charts: false })).view);
    const b = bookletXlsx((await buildBooklet(load(unit, year), kind, lib, { charts: false })).view);
    assert.ok(a.equals(b));
    const book = XLSX.read(a, { type: 'buffer' });
    const view = (await buildBooklet(load(unit, year), kind, lib, { charts: false })).view;
    assert.is(book.SheetNames.length, Math.max(1, view.tables.length));
    if (view.tables.length) {
      const first = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 })[0]![0];
      assert.is(first, view.tables[0]!.number ? `${view.tables[0]!.number}${numberSpace(view.tables[0]!.number)}${view.tables[0]!.title}` : view.tables[0]!.title);
    }
  });

  test(`${key}: importing the .xlsx gives back every table's numbers, or is refused with a located message`, async () => {
    const out = await roundTrip(key);
    if (!out.ok) {
      assert.match(out.message, /^[^:]+\.xlsx: .+![A-Z]+\d+：|^[^:]+\.xlsx：/);
      assert.ok(REFUSED.some((r) => r.message.test(out.message)), `${key} refused: ${out.message}`);
    }
  });
}

test('the .xlsx dates are the booklet’s publication date, not the clock', async () => {
  const data = load('putuo-shangwu', '2025');
  const view = (await buildBooklet(data, 'budget', lib, { charts: false })).view;
  const book = XLSX.read(bookletXlsx(view), { type: 'buffer', cellDates: true });
  assert.is(book.Props?.CreatedDate?.toISOString().slice(0, 10), view.publishedDate ?? `${view.year}-01-01`);
  assert.is(book.Props?.ModifiedDate?.toISOString().slice(0, 10), view.publishedDate ?? `${view.year}-01-01`);
});

/** Every booklet the import reads: every amount the booklet's workbook carries comes back, and every project's. */
for (const key of bundledDocuments(root)) {
  test(`${key}: the .xlsx written from the data file imports to the same amounts, every one`, async () => {
    const [unit, year, kind] = key.split('/') as [string, string, DocumentKind];
    const data = load(unit, year);
    const doc = data.documents[kind]!;
    const built = await buildBooklet(data, kind, lib, { charts: false });
    const file = `${unit}.xlsx`;
    const { book } = openWorkbook(file, bookletXlsx(built.view));
    let read;
    try {
      read = readWorkbookTables(file, book);
    } catch (e) {
      if (e instanceof ImportError && REFUSED.some((r) => r.message.test(e.message.replace(file, 'budget.xlsx')))) return;
      throw e;
    }
    const mapped = mapWorkbook(file, read, Number(year), lib.profiles.get(doc.profile)!.kinds[kind]!.currency, lib.references.get(Number(year)));
    // The unit's name as the booklet prints it (编制单位：…, brackets and all), and the year.
    assert.is(unitNameOf(read), data.unit.name);
    assert.is(read.year, Number(year));
    const got = amountsOf(mapped as unknown as Record<string, unknown>);
    const want = amountsOf(doc as unknown as Record<string, unknown>, columnsOf(mapped as unknown as Record<string, unknown>));
    // 机关运行经费 is in the budget's “三公” table; the 决算 tables leave it to the 说明.
    // (and a booklet without a “三公” table, as Anhui's 预算, carries none).
    if (kind === 'final' || !built.view.tables.some((t) => t.id === 'threePublic')) want.delete('operatingCost');
    assert.ok(want.size > 10, `${key}: ${want.size} amounts compared`);
    assert.equal(amountLines(got), amountLines(want));
    // Projects: the 项目支出表's amounts (where the booklet prints one) and each 绩效目标表's indicator rows.
    if (built.view.tables.some((t) => t.id === 'projects' || t.id === 'projectPerformance')) {
      const formed = new Set(read.forms.map((f) => f.name));
      const listed = built.view.tables.some((t) => t.id === 'projects');
      const strip = <P extends { funds?: object; total?: number }>(p: P): P => (listed ? p : { ...p, funds: {}, total: undefined });
      assert.ok(mapped.projects?.length, `${key}: projects read`);
      assert.equal(
        projectLines(mapped.projects!.map(strip), (n) => formed.has(n)),
        projectLines(doc.projects.filter((p) => listed || formed.has(p.printedName ?? p.name)).map(strip), (n) => formed.has(n)),
      );
    }
  });
}

test('the .xlsx bytes do not depend on the workbooks read before in the same process (SheetJS keeps one number-format table)', async () => {
  const view = (await buildBooklet(load('sixian-ybj', '2024'), 'budget', lib, { charts: false })).view;
  const before = bookletXlsx(view);
  // A clerk's workbook with its own number formats, read as an import would.
  const ws = XLSX.utils.aoa_to_sheet([[1234.5, 20250101]]);
  ws.A1!.z = '#,##0.00_ ';
  ws.B1!.z = 'yyyy"年"m"月"';
  const custom = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(custom, ws, '表');
  XLSX.read(XLSX.write(custom, { type: 'buffer', bookType: 'xlsx' }), { type: 'buffer' });
  assert.ok(bookletXlsx(view).equals(before));
});

test.run();
