/**
 * 决算 workbooks (`npm run import -- <工作簿> --kind final`): workbooks written by
 * scripts/lib/import/sample-workbooks.ts in 财政部's 部门决算公开表 layout (行次 columns, 栏次 line,
 * 人员经费 | 公用经费 panels named in the header) and in the Shanghai 决算 template's (numbered
 * titles, panels known by their 合计 line, 国有资本经营 with its 结转 columns), filled with the
 * numbers of bundled 决算 files, import as those files — every amount; .xls and .xlsx alike; bad
 * 决算 workbooks are refused with a located Chinese message and nothing is written.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import * as XLSX from '@e965/xlsx';
import { tempFolders } from '../helpers/temps.ts';
import { amountLines, amountsOf, columnsOf } from '../helpers/imported-amounts.ts';
import { makeFinalBook, writeBook, type FinalLayout } from '../../scripts/lib/import/sample-workbooks.ts';
import { ImportError, planImport, writePlan, type ImportOptions } from '../../scripts/lib/import/index.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import type { FinalDocument, UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { rejects, writeTemp } from '../helpers/import-errors.ts';

const root = join(import.meta.dirname, '..', '..');
const lib = loadLibrary(root);
const temp = tempFolders(test);
const load = (unit: string, year: number) => JSON.parse(readFileSync(join(root, 'data', unit, `${year}.json`), 'utf8')) as UnitYearFile;

const CASES: Array<{ unit: string; year: number; layout: FinalLayout }> = [
  { unit: 'shili-danwei', year: 2023, layout: 'national' },
  { unit: 'shili-putuo-bumen', year: 2024, layout: 'shanghai' },
];

function book(c: (typeof CASES)[number]): XLSX.WorkBook {
  return makeFinalBook(load(c.unit, c.year), lib.references.get(c.year)!, c.layout);
}

function importTo(path: string, dir: string, extra: Partial<ImportOptions> = {}) {
  return planImport(root, { workbook: path, unit: 'import-test-unit', kind: 'final', profile: 'national-final', out: join(dir, 'out.json'), update: false, ...extra }, lib);
}

for (const c of CASES) {
  const key = `${c.unit} ${c.year} 决算 (${c.layout} layout)`;

  test(`${key}: every amount imported equals the hand-encoded file`, () => {
    const dir = temp('gongkai-final-');
    const data = load(c.unit, c.year);
    const plan = importTo(writeTemp(dir, 'b.xlsx', writeBook(book(c), 'xlsx')), dir, { profile: data.documents.final!.profile });
    const imported = JSON.parse(plan.text) as UnitYearFile;
    const doc = imported.documents.final as FinalDocument;
    const want = amountsOf(data.documents.final as unknown as Record<string, unknown>, columnsOf(doc as unknown as Record<string, unknown>));
    // 机关运行经费 is printed in the 说明 only, not in a 决算 table.
    want.delete('operatingCost');
    assert.ok(want.size > 100, `${want.size} amounts compared`);
    assert.equal(amountLines(amountsOf(doc as unknown as Record<string, unknown>)), amountLines(want));
    // The columns each table carries (so the comparison above is not vacuous).
    assert.ok(doc.expenditure.some((r) => r.fund === 'gpb' && r.basic !== undefined && r.project !== undefined));
    assert.ok(doc.expenditure.some((r) => r.fund === 'unitFunds' && r.toSuperior !== undefined));
    assert.ok(doc.economic.some((r) => r.public !== undefined) && doc.economic.some((r) => r.personnel !== undefined));
    assert.ok(doc.threePublic?.budget && doc.incomeByFunction.length && doc.gfbFlows.length);
    if (c.layout === 'national') assert.ok(doc.expenditure.some((r) => r.budget !== undefined), '年初预算数');
    else assert.ok(doc.scobFlows?.length, '国有资本经营 with its 结转 columns');
    assert.is(imported.unit.name, data.unit.name);
    assert.is(imported.unit.level, data.unit.level);
    assert.is(imported.year, c.year);
    assert.match(doc.narrative.duties, `${data.unit.name}是本市主管有关工作的`);
    assert.equal(plan.mapped.notes, []);
  });

  test(`${key}: .xls and .xlsx give the same file`, () => {
    const dir = temp('gongkai-final-');
    const b = book(c);
    const a = importTo(writeTemp(dir, 'b.xlsx', writeBook(b, 'xlsx')), dir).text;
    assert.is(importTo(writeTemp(dir, 'b.xls', writeBook(b, 'xls')), dir).text, a);
  });
}

for (const c of CASES) {
  test(`${c.unit} ${c.year} 决算: --update with the workbook of the same numbers changes no amount — what its tables do not print is kept`, () => {
    const dir = temp('gongkai-final-');
    const data = load(c.unit, c.year);
    const out = join(dir, 'out.json');
    writeFileSync(out, readFileSync(join(root, 'data', c.unit, `${c.year}.json`)));
    const plan = importTo(writeTemp(dir, 'b.xlsx', writeBook(book(c), 'xlsx')), dir, { update: true, unit: c.unit, profile: data.documents.final!.profile });
    const doc = (JSON.parse(plan.text) as UnitYearFile).documents.final as unknown as Record<string, unknown>;
    const before = data.documents.final as unknown as Record<string, unknown>;
    assert.equal(amountLines(amountsOf(doc)), amountLines(amountsOf(before)));
  });
}

/** The cell of a sheet that holds `value` below the header (the fixture's layout, not the import's). */
function cellOf(ws: XLSX.WorkSheet, value: number): string {
  const hit = Object.keys(ws).find((k) => !k.startsWith('!') && ws[k].v === value);
  if (!hit) throw new Error(`no cell holds ${value}`);
  return hit;
}

test('the 决算 of a year whose file has the 预算: added to that file, the 预算 kept byte for byte; a second import refuses', () => {
  const dir = temp('gongkai-final-');
  mkdirSync(join(dir, 'data'));
  for (const d of readdirSync(join(root, 'data')).filter((n) => n.startsWith('_'))) symlinkSync(join(root, 'data', d), join(dir, 'data', d));
  // The unit's 2024 file as the clerk has it: the 2024 预算 only.
  const budget = load('huaibei-ylsy', 2024);
  budget.unit.id = 'import-test-unit';
  const file = join(dir, 'data', 'import-test-unit', '2024.json');
  mkdirSync(join(dir, 'data', 'import-test-unit'));
  const before = JSON.stringify(budget, null, 2) + '\n';
  writeFileSync(file, before);
  // The system's 2024 决算 export (the 示例局's numbers, in the national layout).
  const source = { ...load('shili-danwei', 2023), year: 2024 };
  const path = writeTemp(dir, '2024决算.xlsx', writeBook(makeFinalBook(source, lib.references.get(2024)!, 'national'), 'xlsx'));
  const options: ImportOptions = { workbook: path, unit: 'import-test-unit', kind: 'final', profile: 'national-final', update: false };
  const plan = planImport(dir, options, lib);
  assert.is(plan.mode, 'add');
  writePlan(plan);
  const after = readFileSync(file, 'utf8');
  const data = JSON.parse(after) as UnitYearFile;
  const { final, ...rest } = data.documents;
  assert.equal({ ...data, documents: rest }, budget);
  // Every byte of the file before is still there, the 决算 inserted after the 预算.
  const cut = before.lastIndexOf('}', before.lastIndexOf('}') - 1);
  assert.ok(after.startsWith(before.slice(0, cut).trimEnd()), 'the 预算 text is unchanged');
  const want = amountsOf(source.documents.final as unknown as Record<string, unknown>, columnsOf(final as unknown as Record<string, unknown>));
  want.delete('operatingCost');
  assert.equal(amountLines(amountsOf(final as unknown as Record<string, unknown>)), amountLines(want));
  rejects(() => planImport(dir, options, lib), /2024\.json 已存在，不会覆盖。只更新其中的金额请加 --update/);
});

test('a 决算数 cell with text: located, nothing written', () => {
  const dir = temp('gongkai-final-');
  for (const format of ['xlsx', 'xls'] as const) {
    const b = book(CASES[0]!);
    const sheet = b.SheetNames.find((n) => n.includes('一般公共预算财政拨款支出决算表'))!;
    // 2010501 行政运行: 本年支出 498.9 万元.
    const at = cellOf(b.Sheets[sheet]!, 498.9);
    b.Sheets[sheet]![at] = { t: 's', v: '约五百万' };
    rejects(() => importTo(writeTemp(dir, `b.${format}`, writeBook(b, format)), dir), new RegExp(`^b\\.${format}: 公开05表一般公共预算财政拨款支出决算表!${at}：这里应是金额，却是文字（应为：金额（万元）；实际：“约五百万”）$`));
    assert.not.ok(existsSync(join(dir, 'out.json')));
  }
});

test('a 财政拨款收入支出决算总表 that differs from the fund tables is reported, located (it is not stored)', () => {
  const dir = temp('gongkai-final-');
  const b = book(CASES[0]!);
  const sheet = b.SheetNames.find((n) => n.includes('财政拨款收入支出决算总表'))!;
  const ws = b.Sheets[sheet]!;
  // 一、一般公共服务支出: 合计 972.54, 一般公共预算财政拨款 972.54 万元 (columns F and G of the fixture's layout).
  const row = Object.keys(ws).find((k) => ws[k].v === '一、一般公共服务支出')!.replace(/^[A-Z]+/, '');
  assert.is(ws[`G${row}`].v, 972.54);
  ws[`G${row}`] = { t: 'n', v: 970 };
  const plan = importTo(writeTemp(dir, 'b.xlsx', writeBook(b, 'xlsx')), dir);
  assert.equal(plan.mapped.notes, [
    `${sheet}!D${row}（一、一般公共服务支出）：财政拨款收入支出决算总表“一般公共预算”栏是 970 万元，一般公共预算财政拨款支出决算表（工作表“公开05表一般公共预算财政拨款支出决算表”）类 201 是 972.54 万元，两表不一致。财政拨款收入支出决算总表不另存（公开表由支出数据推算），请在系统中核对。`,
  ]);
});

test('a 人员经费合计 that is not the sum of its panel’s 类 rows is reported, located', () => {
  const dir = temp('gongkai-final-');
  const b = book(CASES[0]!);
  const sheet = b.SheetNames.find((n) => n.includes('基本支出决算表'))!;
  const ws = b.Sheets[sheet]!;
  const at = Object.keys(ws).find((k) => ws[k].v === '人员经费合计')!;
  const row = at.replace(/^[A-Z]+/, '');
  // 人员经费: 301 工资福利支出 758.34 + 303 对个人和家庭的补助 38.04 = 796.38 万元.
  assert.is(ws[`C${row}`].v, 796.38);
  ws[`C${row}`] = { t: 'n', v: 796 };
  const plan = importTo(writeTemp(dir, 'b.xlsx', writeBook(b, 'xlsx')), dir);
  assert.equal(plan.mapped.notes, [`${sheet}!${at} 的“人员经费合计”印的是 796 万元，该栏各类之和是 796.38 万元（数据文件不存合计，公开表将印出各类之和），请在系统中核对。`]);
});

test('a 决算 workbook given as 预算 (and a 预算 one as 决算): refused, located', () => {
  const dir = temp('gongkai-final-');
  const path = writeTemp(dir, 'b.xlsx', writeBook(book(CASES[0]!), 'xlsx'));
  rejects(() => importTo(path, dir, { kind: 'budget', profile: 'national-budget' }), /^b\.xlsx: 公开01表收入支出决算总表：这是决算工作簿（表名“收入支出决算总表”），却按预算导入。请改用 --kind final（应为：预算表（--kind budget）；实际：决算表）$/);
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts/import.ts'), path, '--unit', 'import-test-unit', '--profile', 'national-budget', '--out', join(dir, 'o.json')], { cwd: root, encoding: 'utf8' });
  assert.is(r.status, 1);
  assert.match(r.stderr, /^导入失败，没有写入任何文件。\nb\.xlsx: 公开01表收入支出决算总表：这是决算工作簿/);
  assert.not.ok(existsSync(join(dir, 'o.json')));
});

test('npm run import -- <决算工作簿> --kind final writes the file and lists what is left to fill', () => {
  const dir = temp('gongkai-final-');
  const path = writeTemp(dir, 'b.xlsx', writeBook(book(CASES[0]!), 'xlsx'));
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts/import.ts'), path, '--unit', 'import-test-unit', '--kind', 'final', '--profile', 'national-final', '--out', join(dir, 'o.json')], { cwd: root, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /读到的表（9 张）/);
  assert.match(r.stdout, /收入支出决算总表：工作表“公开01表收入支出决算总表”/);
  const doc = (JSON.parse(readFileSync(join(dir, 'o.json'), 'utf8')) as UnitYearFile).documents.final!;
  assert.is(doc.income.gpb, 1171.71);
});

test.run();
