/**
 * The booklet's tables as one .xlsx (scripts/lib/site/xlsx.ts) and back through the import: for
 * every bundled booklet, the workbook's bytes are the same on every build, and importing it either
 * gives back the numbers of every table (the document rebuilt from the imported fields prints the
 * same cells) or is refused with a located message — never a different number. The Shanghai
 * 部门/本部 pair, 万里 2024 and every 决算 must come back whole.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { bundledDocuments } from '../helpers/bundled.ts';
import { amountLines, amountsOf, columnsOf } from '../helpers/imported-amounts.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import type { TableView } from '../../scripts/lib/booklet/model.ts';
import { bookletXlsx } from '../../scripts/lib/site/xlsx.ts';
import { numberSpace } from '../../scripts/lib/booklet/numbering.ts';
import { applyNumbers, ImportError, mapWorkbook, openWorkbook, readWorkbookTables, unitNameOf } from '../../scripts/lib/import/index.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const lib = loadLibrary(root);
const MUST_ROUND_TRIP = ['putuo-shangwu/2025/budget', 'putuo-shangwu-benbu/2025/budget', 'putuo-wanli/2024/budget'];

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
    // Every 决算 comes back whole (the 决算 layouts read every table the booklet writes).
    if (MUST_ROUND_TRIP.includes(key) || key.endsWith('/final')) assert.ok(out.ok, `${key} refused: ${out.ok ? '' : out.message}`);
    if (!out.ok) assert.match(out.message, /^[^:]+\.xlsx: .+![A-Z]+\d+：|^[^:]+\.xlsx：/);
  });
}

test('the .xlsx dates are the booklet’s publication date, not the clock', async () => {
  const data = load('putuo-shangwu', '2025');
  const view = (await buildBooklet(data, 'budget', lib, { charts: false })).view;
  const book = XLSX.read(bookletXlsx(view), { type: 'buffer', cellDates: true });
  assert.is(book.Props?.CreatedDate?.toISOString().slice(0, 10), view.publishedDate ?? `${view.year}-01-01`);
  assert.is(book.Props?.ModifiedDate?.toISOString().slice(0, 10), view.publishedDate ?? `${view.year}-01-01`);
});

/** The 部门/本部 pair and every 决算: every amount the booklet's workbook carries comes back. */
const WHOLE = (key: string) => ['putuo-shangwu/2025/budget', 'putuo-shangwu-benbu/2025/budget'].includes(key) || key.endsWith('/final');

for (const key of bundledDocuments(root).filter(WHOLE)) {
  test(`${key}: the .xlsx written from the data file imports to the same amounts, every one`, async () => {
    const [unit, year, kind] = key.split('/') as [string, string, DocumentKind];
    const data = load(unit, year);
    const doc = data.documents[kind]!;
    const built = await buildBooklet(data, kind, lib, { charts: false });
    const file = `${unit}.xlsx`;
    const { book } = openWorkbook(file, bookletXlsx(built.view));
    const read = readWorkbookTables(file, book);
    const mapped = mapWorkbook(file, read, Number(year), lib.profiles.get(doc.profile)!.kinds[kind]!.currency, lib.references.get(Number(year)));
    // The unit's name as the booklet prints it (编制单位：…, brackets and all), and the year.
    assert.is(unitNameOf(read), data.unit.name);
    assert.is(read.year, Number(year));
    const got = amountsOf(mapped as unknown as Record<string, unknown>);
    const want = amountsOf(doc as unknown as Record<string, unknown>, columnsOf(mapped as unknown as Record<string, unknown>));
    // 机关运行经费 is in the budget's “三公” table; the 决算 tables leave it to the 说明.
    if (kind === 'final') want.delete('operatingCost');
    assert.ok(want.size > 10, `${key}: ${want.size} amounts compared`);
    assert.equal(amountLines(got), amountLines(want));
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
