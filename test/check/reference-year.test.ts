/**
 * Which 科目表 a document is checked and built with when its year has none, or only a
 * provisional one. The library here has the bundled profiles and the two small reference
 * files of test/fixtures/reference/ (2024 confirmed; 2026 provisional, based on 2024, with one
 * 类 more), so the cases hold whatever data/_reference/ holds. Every expected message below is
 * written out by hand from the rule it is about.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBytes } from '../../scripts/lib/check/check.ts';
import { formatFindings } from '../../scripts/lib/check/index.ts';
import type { Finding } from '../../scripts/lib/check/findings.ts';
import { loadLibrary, loadReferences, referenceFor, type Library } from '../../scripts/lib/model/reference.ts';
import { makeBuildContext } from '../../scripts/lib/booklet/context.ts';
import { ledgerBuilders } from '../../scripts/lib/booklet/tables/ledger.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '../..');
const refDir = join(root, 'test/fixtures/reference');
const loadFindings: Finding[] = [];
const lib: Library = { ...loadLibrary(root), references: loadReferences(refDir, loadFindings), findings: [] };
const baseText = readFileSync(join(root, 'test/fixtures/good/minimal-budget.json'), 'utf8');
const FILE = 'test/fixtures/reference/minimal-budget.json';

function fileOf(year: number, change: (d: UnitYearFile) => void = () => {}): UnitYearFile {
  const d = JSON.parse(baseText) as UnitYearFile;
  d.year = year;
  change(d);
  return d;
}

function check(year: number, change?: (d: UnitYearFile) => void): Finding[] {
  return checkBytes(FILE, Buffer.from(JSON.stringify(fileOf(year, change), null, 2)), lib).findings;
}

const refFindings = (fs: Finding[]) => fs.filter((f) => f.rule.startsWith('ref.'));
const brief = (fs: Finding[]) => refFindings(fs).map((f) => `${f.severity} ${f.rule} ${f.pointer}`);

const FALLBACK_2025 =
  '没有 2025 年的政府收支分类科目表（data/_reference/2025.json），改用最近的 2024 年科目表（data/_reference/2024.json）' +
  '核对科目编码和名称，公开表中没有写出名称的科目也按 2024 年的名称印出；2025 年新设或改名的科目可能报为编码未知或名称不符。';
const FALLBACK_2027 =
  '没有 2027 年的政府收支分类科目表（data/_reference/2027.json），改用最近的 2026 年科目表（data/_reference/2026.json）' +
  '核对科目编码和名称，公开表中没有写出名称的科目也按 2026 年的名称印出；2027 年新设或改名的科目可能报为编码未知或名称不符。';
const PROVISIONAL_2026 =
  '2026 年的政府收支分类科目表（data/_reference/2026.json）是暂定的：尚未按财政部《2026年政府收支分类科目》核对，' +
  '沿用 2024 年的科目，当年新设、撤销或改名的科目可能没有反映，科目编码和名称的核对结果仅供参考。';
const NONE_2023 = '没有 2023 年的政府收支分类科目表（data/_reference/2023.json），也没有更早年度的，科目编码和名称无法核对。';

/** expenditure/2 is 2101501 行政运行 in the base file; 2101509 is in neither fixture reference. */
const unknownCode = (d: UnitYearFile) => {
  const doc = d.documents.budget!;
  doc.expenditure[2]!.code = '2101509';
  doc.projects[1]!.functionCode = '2101509';
};

test('the fixture references load without findings', () => {
  assert.equal(loadFindings, []);
  assert.equal([...lib.references.keys()].sort(), [2024, 2026]);
});

test('referenceFor: the own year, else the nearest earlier year, else none', () => {
  const pick = (y: number) => {
    const c = referenceFor(lib, y);
    return [c.usedYear, c.fallback, c.provisional];
  };
  assert.equal(pick(2024), [2024, false, false]);
  assert.equal(pick(2025), [2024, true, false]);
  assert.equal(pick(2026), [2026, false, true]);
  assert.equal(pick(2027), [2026, true, true]);
  assert.equal(pick(2040), [2026, true, true]);
  assert.equal(pick(2023), [undefined, false, false]);
});

test("the year's own confirmed reference: no reference finding, an unknown code is an error", () => {
  assert.equal(brief(check(2024)), []);
  const f = refFindings(check(2024, unknownCode));
  assert.equal(brief(f), ['error ref.unknown-code /documents/budget/expenditure/2/code']);
  assert.is(f[0]!.message, '功能分类编码 2101509 不在 2024 年政府收支分类科目中，请核对编码。');
});

test('a year without a reference: the nearest earlier year is used and named, as a warning on the file', () => {
  const f = refFindings(check(2025));
  assert.equal(brief(f), ['warning ref.reference-fallback /documents/budget']);
  assert.is(f[0]!.message, FALLBACK_2025);
  assert.is(f[0]!.file, FILE);
  // The text report names the file, the document and the years.
  const text = formatFindings(f, 'text', 1);
  assert.ok(text.includes(`${FILE}:`) && text.includes('/documents/budget 警告[ref.reference-fallback] 没有 2025 年'), text);
});

test('a year without a reference: an unknown code is a warning that says which table it was checked against', () => {
  const f = refFindings(check(2025, unknownCode));
  assert.equal(brief(f), ['warning ref.reference-fallback /documents/budget', 'warning ref.unknown-code /documents/budget/expenditure/2/code']);
  assert.is(
    f.find((x) => x.rule === 'ref.unknown-code')!.message,
    '功能分类编码 2101509 不在 2024 年政府收支分类科目中，请核对编码。（没有 2025 年的科目表，这里按 2024 年的科目表核对，' +
      '2025 年新设或调整的科目可能没有收录，所以只作警告；核实后请补入 data/_reference/2025.json，见 data/_reference/README.md。）',
  );
});

test('a provisional reference: a notice naming its basis; an unknown code is a warning', () => {
  const f = refFindings(check(2026));
  assert.equal(brief(f), ['notice ref.reference-provisional /documents/budget']);
  assert.is(f[0]!.message, PROVISIONAL_2026);
  const g = refFindings(check(2026, unknownCode));
  assert.equal(brief(g), ['notice ref.reference-provisional /documents/budget', 'warning ref.unknown-code /documents/budget/expenditure/2/code']);
  assert.is(
    g.find((x) => x.rule === 'ref.unknown-code')!.message,
    '功能分类编码 2101509 不在 2026 年政府收支分类科目中，请核对编码。（2026 年的科目表是暂定的，' +
      '2026 年新设或调整的科目可能没有收录，所以只作警告；核实后请补入 data/_reference/2026.json，见 data/_reference/README.md。）',
  );
});

test('a year after a provisional reference: the fallback warning and the provisional notice', () => {
  const f = refFindings(check(2027));
  assert.equal(brief(f), ['warning ref.reference-fallback /documents/budget', 'notice ref.reference-provisional /documents/budget']);
  assert.is(f[0]!.message, FALLBACK_2027);
  assert.is(f[1]!.message, PROVISIONAL_2026);
});

test('no reference for the year or before: the old warning, codes unchecked', () => {
  const f = refFindings(check(2023, unknownCode));
  assert.equal(brief(f), ['warning ref.reference-year /documents/budget']);
  assert.is(f[0]!.message, NONE_2023);
});

test('a name checked against a fallback reference says which year it is', () => {
  const f = refFindings(check(2025, (d) => void (d.documents.budget!.expenditure[1]!.name = '城乡医疗救助资金')));
  const m = f.find((x) => x.rule === 'ref.name-mismatch');
  assert.ok(m, brief(f).join(' '));
  assert.is(m!.severity, 'warning');
  assert.is(
    m!.message,
    '科目 2101301 印为“城乡医疗救助资金”，2024 年科目名称为“城乡医疗救助”（名称可能已过时或有误）。' +
      '（没有 2025 年的科目表，这里按 2024 年的科目表核对，2025 年的名称可能已经调整；核实后请补入 data/_reference/2025.json，见 data/_reference/README.md。）',
  );
});

/** The 支出 side of the 收支总表: the 类 lines, in order. */
function summaryClassLines(year: number): string[] {
  const ctx = makeBuildContext(fileOf(year), 'budget', lib);
  const spec = ctx.profile.tables.find((t) => t.id === 'summary')!;
  const [table] = ledgerBuilders.summary!(ctx, spec);
  return table!.body.map((r) => r.cells[2]?.text ?? '').filter((t) => /^[一二三四五六七八九十]+、/.test(t));
}

test('the booklet uses the fallback year quietly: names and the 收支总表 rows of the year used', () => {
  assert.is(makeBuildContext(fileOf(2025), 'budget', lib).reference?.year, 2024);
  assert.equal(summaryClassLines(2024), ['一、一般公共服务支出', '二、社会保障和就业支出', '三、卫生健康支出']);
  assert.equal(summaryClassLines(2025), ['一、一般公共服务支出', '二、社会保障和就业支出', '三、卫生健康支出']);
  assert.equal(summaryClassLines(2027), ['一、一般公共服务支出', '二、社会保障和就业支出', '三、卫生健康支出', '四、住房保障支出']);
  // With no reference at all the class can only be printed by its code (and check warns).
  assert.equal(summaryClassLines(2023), ['一、210']);
});

test.run();
