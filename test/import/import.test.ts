/**
 * `npm run import`: workbooks written by scripts/lib/import/sample-workbooks.ts in the district's layout
 * (three variants, .xlsx and .xls) from the corpus reference files, whose amounts are the
 * booklets' printed numbers; the blank official templates in ../shared; every bad-workbook case;
 * no overwrite; --update keeps the clerk's text. Expected amounts come from the corpus files.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import * as XLSX from '@e965/xlsx';
import { tempFolders } from '../helpers/temps.ts';
import { makeBook, makeWorkbook, writeBook, type Corpus, type Variant } from '../../scripts/lib/import/sample-workbooks.ts';
import { changeList, ImportError, openWorkbook, planImport, readWorkbookTables, writePlan, type ImportOptions } from '../../scripts/lib/import/index.ts';
import { decimalToFen, doubleToDecimal } from '../../scripts/lib/import/values.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { fromAmount } from '../../scripts/lib/model/money.ts';
import type { BudgetDocument, UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { rejects, writeTemp } from '../helpers/import-errors.ts';

const root = join(import.meta.dirname, '..', '..');
const lib = loadLibrary(root);
const temp = tempFolders(test);
const corpus = (name: string) => JSON.parse(readFileSync(join(root, 'test/fixtures/corpus/shanghai', name), 'utf8')) as Corpus;
const TEMPLATES = join(root, '..', 'shared', 'templates', 'shanghai-putuo');

/** "21,601,733.00" 元 → 分. */
const fen = (s: string | null) => (s === null ? undefined : decimalToFen(s.replace(/,/g, ''), 'yuan'));
const wanFen = (s: string | null) => (s === null ? undefined : decimalToFen(s.replace(/,/g, ''), 'wan'));
/** A data-file amount (万元, national-budget) → 分. */
const dataFen = (v: number | undefined) => (v === undefined ? undefined : fromAmount(v, 'wan'));

function importTo(file: string, dir: string, extra: Partial<ImportOptions> = {}) {
  return planImport(root, { workbook: file, unit: 'import-test-unit', kind: 'budget', profile: 'national-budget', out: join(dir, 'out.json'), update: false, ...extra }, lib);
}

const CASES: Array<[string, Variant]> = [
  ['shangwu-2025-unit-budget.json', 'split'],
  ['quzhengfu-2025-unit-budget.json', 'cumulative'],
  ['wanli-2025-department-budget.json', 'bracket'],
  ['shangwu-2025-department-budget.json', 'split'],
];

for (const [name, variant] of CASES) {
  test(`${name} (${variant}): every amount imported equals the corpus file`, () => {
    const c = corpus(name);
    const dir = temp('gongkai-import-');
    const plan = importTo(writeTemp(dir, 'book.xlsx', makeWorkbook(c, 'xlsx', variant)), dir);
    const doc = (JSON.parse(plan.text) as UnitYearFile).documents.budget as BudgetDocument;
    const table = (n: string) => c.tables.find((t) => t.number === n)!;
    const coded = (n: string) => table(n).rows.filter((r) => r.code !== null && r.amounts.some((a) => a !== null));
    // 5. 一般公共预算支出表 → expenditure rows of fund gpb: 合计, 基本支出, 项目支出.
    const gpb = doc.expenditure.filter((r) => r.fund === 'gpb');
    assert.equal(gpb.map((r) => r.code), coded('5').map((r) => r.code));
    coded('5').forEach((r, i) => {
      assert.equal([dataFen(gpb[i]!.total), dataFen(gpb[i]!.basic), dataFen(gpb[i]!.project)], r.amounts.map(fen), `${r.code}`);
    });
    // 3. 支出总表 − the fiscal tables = unit funds (zero for these units: every row is fiscal).
    const all = coded('3');
    for (const r of all) {
      const f = doc.expenditure.filter((x) => x.code === r.code);
      const total = f.reduce((s, x) => s + (dataFen(x.total) ?? 0), 0);
      assert.is(total, fen(r.amounts[0]!), `支出总表 ${r.code}`);
    }
    // 8. 基本支出 by 经济分类.
    assert.equal(doc.economic.map((r) => r.code), coded('8').map((r) => r.code));
    coded('8').forEach((r, i) => assert.equal([dataFen(doc.economic[i]!.total), dataFen(doc.economic[i]!.personnel), dataFen(doc.economic[i]!.public)], r.amounts.map(fen)));
    // 1. income by source: 一般公共预算 line.
    const gpbLine = table('1').rows.find((r) => r.side === 'income' && /一般公共预算/.test(r.label ?? ''))!;
    assert.is(dataFen(doc.income.gpb), fen(gpbLine.amounts[0]!));
    // 9. “三公” (万元) and 机关运行经费.
    const tp = table('9').rows[0]!.amounts;
    assert.is(dataFen(doc.threePublic!.amounts.abroad), wanFen(tp[1]!));
    assert.is(dataFen(doc.threePublic!.amounts.reception), wanFen(tp[2]!));
    assert.is(dataFen(doc.threePublic!.amounts.vehiclePurchase), wanFen(tp[4]!));
    assert.is(dataFen(doc.threePublic!.amounts.vehicleOperation), wanFen(tp[5]!));
    assert.is(dataFen(doc.operatingCost ?? undefined), wanFen(tp[6]!));
    // The narrative sheets.
    assert.match(doc.narrative.duties, `${c.unit}是本区主管有关工作的部门。`);
    assert.equal(doc.glossary.entries[0], { term: '财政拨款收入', definition: '是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款。' });
    // Identity from the workbook.
    const data = JSON.parse(plan.text) as UnitYearFile;
    assert.is(data.unit.name, c.unit);
    assert.is(data.unit.level, c.level);
    assert.is(data.year, c.year);
  });

  test(`${name} (${variant}): .xls and .xlsx give the same file`, () => {
    const c = corpus(name);
    const dir = temp('gongkai-import-');
    const a = importTo(writeTemp(dir, 'book.xlsx', makeWorkbook(c, 'xlsx', variant)), dir).text;
    const b = importTo(writeTemp(dir, 'book.xls', makeWorkbook(c, 'xls', variant)), dir).text;
    assert.is(b, a);
  });
}

test('the three layout variants give the same file', () => {
  const c = corpus('shangwu-2025-unit-budget.json');
  const dir = temp('gongkai-import-');
  const texts = (['split', 'cumulative', 'bracket'] as const).map((v) => importTo(writeTemp(dir, `${v}.xlsx`, makeWorkbook(c, 'xlsx', v)), dir).text);
  assert.is(texts[1], texts[0]);
  assert.is(texts[2], texts[0]);
});

test('the official blank templates: every table found, each empty, narrative sheets found', () => {
  for (const [file, texts] of [
    ['unit_budget_template.xlsx', ['cover', 'toc', 'duties', 'organisation', 'glossary', 'explanation', 'other']],
    ['budget_template.xls', ['cover', 'toc', 'duties', 'organisation', 'glossary', 'explanation', 'other']],
    ['department_budget_template.xlsx', ['cover', 'toc', 'duties', 'organisation', 'glossary', 'explanation', 'other', 'projectNotes']],
  ] as const) {
    const path = join(TEMPLATES, file);
    const read = readWorkbookTables(path, openWorkbook(path, readFileSync(path)).book);
    assert.equal([...read.tables.keys()], ['summary', 'income', 'expenditure', 'fiscalSummary', 'gpbExpenditure', 'gfbExpenditure', 'scobExpenditure', 'gpbBasic', 'threePublic'], file);
    for (const t of read.tables.values()) assert.ok(t.empty, `${file} ${t.sheet} empty`);
    assert.is(read.tables.get('threePublic')!.currency, 'wan');
    assert.is(read.tables.get('expenditure')!.currency, 'yuan');
    assert.equal(read.texts.map((t) => t.key), [...texts], file);
    assert.equal(read.unknown, []);
    assert.is(read.year, 2026);
  }
});

// ------------------------------------------------------------------ bad workbooks

const shangwu = () => corpus('shangwu-2025-unit-budget.json');

function mutated(edit: (book: XLSX.WorkBook) => void, format: 'xlsx' | 'xls' = 'xlsx'): Buffer {
  const book = makeBook(shangwu(), 'split');
  edit(book);
  return writeBook(book, format);
}

test('a missing sheet', () => {
  const dir = temp('gongkai-import-');
  const bytes = mutated((b) => {
    b.SheetNames = b.SheetNames.filter((n) => n !== '单位收支总表');
  });
  rejects(() => importTo(writeTemp(dir, 'b.xlsx', bytes), dir), /^b\.xlsx：缺少工作表：财务收支预算总表/);
});

test('an unknown header, located', () => {
  const dir = temp('gongkai-import-');
  const bytes = mutated((b) => {
    b.Sheets['单位支出总表']!['G7'] = { t: 's', v: '其他支出' };
  });
  rejects(() => importTo(writeTemp(dir, 'b.xlsx', bytes), dir), /^b\.xlsx: 单位支出总表!G7：不认识的表头（支出总表）（应为：本表的栏目之一；实际：“支出预算 \/ 其他支出”）$/);
});

test('a code that is not in the year’s 科目', () => {
  const dir = temp('gongkai-import-');
  const bytes = mutated((b) => {
    b.Sheets['单位一般公共预算拨款表']!['A9'] = { t: 'n', v: 299 };
  });
  rejects(() => importTo(writeTemp(dir, 'b.xlsx', bytes), dir), /^b\.xlsx: 单位一般公共预算拨款表!A9：科目编码 299 不在 2025 年的政府收支分类（功能分类）科目中（没有类 299；data\/_reference\/2025.json）（应为：2025 年科目表中的编码；实际：299 一般公共服务支出）$/);
});

test('text where an amount belongs, in .xls too', () => {
  const dir = temp('gongkai-import-');
  for (const format of ['xlsx', 'xls'] as const) {
    const bytes = mutated((b) => {
      b.Sheets['单位支出总表']!['E9'] = { t: 's', v: '两千万' };
    }, format);
    rejects(() => importTo(writeTemp(dir, `b.${format}`, bytes), dir), new RegExp(`^b\\.${format}: 单位支出总表!E9：这里应是金额，却是文字（应为：金额（元）；实际：“两千万”）$`));
  }
});

test('a formula without a cached value', () => {
  const dir = temp('gongkai-import-');
  const bytes = mutated((b) => {
    b.Sheets['单位支出总表']!['E9'] = { t: 'n', f: 'SUM(E10:E11)' } as XLSX.CellObject;
  });
  rejects(() => importTo(writeTemp(dir, 'b.xlsx', bytes), dir), /^b\.xlsx: 单位支出总表!E9：公式没有保存计算结果.*实际：公式 =SUM\(E10:E11\)/);
});

test('a formula with its cached value reads the value', () => {
  const dir = temp('gongkai-import-');
  const c = shangwu();
  const bytes = mutated((b) => {
    const cell = b.Sheets['单位支出总表']!['E9']!;
    b.Sheets['单位支出总表']!['E9'] = { t: 'n', v: cell.v, f: 'SUM(E10:E11)' } as XLSX.CellObject;
  });
  const doc = (JSON.parse(importTo(writeTemp(dir, 'b.xlsx', bytes), dir).text) as UnitYearFile).documents.budget!;
  assert.is(dataFen(doc.expenditure.find((r) => r.code === '201')!.total), fen(c.tables[2]!.rows[0]!.amounts[0]!));
});

test('a printed 合计 that is not the sum of the 类 rows is reported, located', () => {
  const dir = temp('gongkai-import-');
  const bytes = mutated((b) => {
    const ws = b.Sheets['单位支出总表']!;
    for (let r = 9; r < 80; r++) if (ws[`A${r}`]?.v === '合计') ws[`E${r}`] = { t: 'n', v: 371_514_654 };
  });
  const plan = importTo(writeTemp(dir, 'b.xlsx', bytes), dir);
  // 支出总表 of 商务委员会: 合计 371,514,655.00 元 = Σ类 (corpus table 3); the 合计 row follows the 30 coded rows (rows 9–38).
  assert.ok(plan.mapped.notes.includes('单位支出总表!A39 所在的合计行：“合计”栏印的是 371514654 元，各类之和是 371514655 元（数据文件不存合计，公开表将印出各类之和），请在系统中核对。'), plan.mapped.notes.join('\n'));
  const clean = importTo(writeTemp(dir, 'c.xlsx', makeWorkbook(shangwu(), 'xlsx')), dir);
  assert.not.ok(clean.mapped.notes.some((n) => /合计行/.test(n)));
});

test('a 收入总表 whose totals differ from the 财务收支总表 is reported, located (the 收入总表 is not stored)', () => {
  const dir = temp('gongkai-import-');
  const bytes = mutated((b) => {
    const ws = b.Sheets['单位收入总表']!;
    for (let r = 7; r < 80; r++) if (ws[`A${r}`]?.v === '合计') ws[`F${r}`] = { t: 'n', v: 371_514_600 };
  });
  const plan = importTo(writeTemp(dir, 'b.xlsx', bytes), dir);
  const note = plan.mapped.notes.find((n) => n.includes('收入总表“财政拨款收入”栏'));
  assert.ok(note, plan.mapped.notes.join('\n'));
  assert.match(note!, /^单位收入总表!A\d+ 的合计行：收入总表“财政拨款收入”栏是 371514600 元，财务收支总表（工作表“单位收支总表”）的一般公共预算、政府性基金、国有资本经营之和是 371514655 元/);
  // The income imported is the 财务收支总表's.
  assert.is((JSON.parse(plan.text) as UnitYearFile).documents.budget!.income.gpb, 37151.4655);
  for (const [name, variant] of CASES) {
    const clean = importTo(writeTemp(dir, `${variant}.xlsx`, makeWorkbook(corpus(name), 'xlsx', variant)), dir);
    assert.not.ok(clean.mapped.notes.some((n) => n.includes('两表不一致')), `${name}: ${clean.mapped.notes.join('\n')}`);
  }
});

test('a 财政拨款收支总表 whose 类 lines or 合计 differ from the fund tables is reported, located (it is not stored)', () => {
  const dir = temp('gongkai-import-');
  let row = 0;
  const bytes = mutated((b) => {
    const ws = b.Sheets['单位财政拨款收支总表']!;
    // 一、一般公共服务支出: 合计 and 一般公共预算 21,601,733.00 元 (columns D and E of the fixture's layout).
    for (let r = 7; r < 40; r++) if (ws[`C${r}`]?.v === '一、一般公共服务支出') row = r;
    assert.is(ws[`E${row}`]!.v, 21_601_733);
    ws[`E${row}`] = { t: 'n', v: 21_601_700 };
  });
  const plan = importTo(writeTemp(dir, 'b.xlsx', bytes), dir);
  const notes = plan.mapped.notes.filter((n) => n.includes('财政拨款收支总表“'));
  assert.equal(notes, [
    `单位财政拨款收支总表!C${row}（一、一般公共服务支出）：财政拨款收支总表“一般公共预算”栏是 21601700 元，一般公共预算支出表（工作表“单位一般公共预算拨款表”）类 201 是 21601733 元，两表不一致。财政拨款收支总表不另存（公开表由支出数据推算），请在系统中核对。`,
  ]);
});

test('a password-protected workbook', () => {
  const dir = temp('gongkai-import-');
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
  XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(4096, 7));
  const bytes = Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
  rejects(() => importTo(writeTemp(dir, 'locked.xlsx', bytes), dir), /^locked\.xlsx：工作簿设有打开密码，无法读取/);
});

test('a corrupt (truncated) workbook', () => {
  const dir = temp('gongkai-import-');
  const full = makeWorkbook(shangwu(), 'xlsx');
  rejects(() => importTo(writeTemp(dir, 'cut.xlsx', full.subarray(0, Math.floor(full.length / 2))), dir), /^cut\.xlsx：文件已损坏/);
  const xls = makeWorkbook(shangwu(), 'xls');
  rejects(() => importTo(writeTemp(dir, 'cut.xls', xls.subarray(0, 1024)), dir), /^cut\.xls：文件已损坏/);
});

test('a .csv or a .docx given by mistake', () => {
  const dir = temp('gongkai-import-');
  rejects(() => importTo(writeTemp(dir, 'tables.csv', '项目,合计\n201,100\n'), dir), /^tables\.csv：这不是 Excel 工作簿.*实际：csv 文本文件/);
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, '[Content_Types].xml', Buffer.from('<Types/>'));
  XLSX.CFB.utils.cfb_add(cfb, 'word/document.xml', Buffer.from('<w:document/>'));
  const docx = Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer', fileType: 'zip' }) as Uint8Array);
  rejects(() => importTo(writeTemp(dir, 'report.xlsx', docx), dir), /^report\.xlsx：这不是 Excel 工作簿（应为：\.xlsx 或 \.xls 工作簿；实际：Word 文档（\.docx））$/);
});

test('a workbook over 50 MB', () => {
  const dir = temp('gongkai-import-');
  const big = Buffer.alloc(50 * 1024 * 1024 + 1);
  big.set([0x50, 0x4b, 0x03, 0x04]);
  rejects(() => importTo(writeTemp(dir, 'big.xlsx', big), dir), /^big\.xlsx：文件太大，拒绝读取（应为：不超过 50 MB；实际：50\.0 MB）$/);
});

/** A zip of the given entries (deflated), written by hand so a size field can lie. */
function zip(entries: Array<{ name: string; data: Buffer; declared?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.declared ?? e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.declared ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

test('a zip bomb: refused while inflating, whatever the size fields say', () => {
  const dir = temp('gongkai-import-');
  const bomb = zip([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(210 * 1024 * 1024, 0x20), declared: 1000 },
  ]);
  assert.ok(bomb.length < 1024 * 1024, `bomb is ${bomb.length} bytes`);
  rejects(() => importTo(writeTemp(dir, 'bomb.xlsx', bomb), dir), /^bomb\.xlsx：解压后过大（可能是“zip 炸弹”），拒绝读取/);
});

// ------------------------------------------------------------------ writing

test('exact decoding of cell numbers', () => {
  assert.is(doubleToDecimal(0.1 + 0.2), '0.3');
  assert.is(doubleToDecimal(371514655), '371514655');
  assert.is(doubleToDecimal(1234.56), '1234.56');
  assert.is(doubleToDecimal(1e-7), '0.0000001');
  assert.is(decimalToFen('1234.56', 'yuan'), 123456);
  assert.is(decimalToFen('1234.567', 'yuan'), undefined);
  assert.is(decimalToFen('171.01', 'wan'), 171010000);
});

test('never over an existing file; a failed import writes nothing', () => {
  const dir = temp('gongkai-import-');
  const book = writeTemp(dir, 'book.xlsx', makeWorkbook(shangwu(), 'xlsx'));
  const plan = importTo(book, dir);
  writePlan(plan);
  const first = readFileSync(join(dir, 'out.json'), 'utf8');
  assert.is(first, plan.text);
  rejects(() => importTo(book, dir), /out\.json 已存在，不会覆盖。只更新其中的金额请加 --update/);
  assert.is(readFileSync(join(dir, 'out.json'), 'utf8'), first);
  const bad = writeTemp(dir, 'bad.xlsx', mutated((b) => (b.Sheets['单位支出总表']!['E9'] = { t: 's', v: 'x' })));
  rejects(() => importTo(bad, dir, { out: join(dir, 'other.json') }), /这里应是金额/);
  assert.not.ok(existsSync(join(dir, 'other.json')));
});

test('--update replaces the numbers, keeps the narrative, figures and acknowledgements, lists the changes', async () => {
  const dir = temp('gongkai-import-');
  const c = shangwu();
  writePlan(importTo(writeTemp(dir, 'book.xlsx', makeWorkbook(c, 'xlsx')), dir));
  const out = join(dir, 'out.json');
  const data = JSON.parse(readFileSync(out, 'utf8')) as UnitYearFile;
  const doc = data.documents.budget!;
  doc.narrative.duties = '财务人员改写的主要职能。';
  doc.figures['expenditure.total'] = { reason: '财务人员写的增减原因。' };
  doc.acknowledged = [{ rule: 'ref.unknown-code', reason: '科目表尚未收录，已核实。' }];
  writeFileSync(out, JSON.stringify(data, null, 2) + '\n');
  // The system's next export: 2011301 行政运行 9,389,913.00 → 9,400,000.00 in the 一般公共预算 and 支出总表 sheets.
  const bytes = mutated((b) => {
    for (const s of ['单位一般公共预算拨款表', '单位支出总表']) {
      const ws = b.Sheets[s]!;
      for (let r = 8; r < 60; r++) {
        if (ws[`D${r + 1}`]?.v === '行政运行' && ws[`A${r + 1}`]?.v === 201 && ws[`B${r + 1}`]?.v === '13') {
          ws[`E${r + 1}`] = { t: 'n', v: 9_400_000 };
          ws[`F${r + 1}`] = { t: 'n', v: 9_400_000 };
        }
      }
    }
  });
  const plan = importTo(writeTemp(dir, 'next.xlsx', bytes), dir, { update: true });
  const list = await changeList(plan, lib);
  writePlan(plan);
  const after = (JSON.parse(readFileSync(out, 'utf8')) as UnitYearFile).documents.budget!;
  assert.is(after.narrative.duties, '财务人员改写的主要职能。');
  assert.is(after.figures['expenditure.total']!.reason, '财务人员写的增减原因。');
  assert.equal(after.acknowledged, [{ rule: 'ref.unknown-code', reason: '科目表尚未收录，已核实。' }]);
  const row = after.expenditure.find((r) => r.code === '2011301' && r.fund === 'gpb')!;
  assert.is(row.total, 940);
  assert.match(list, '938.9913');
  assert.match(list, '940');
});

test('npm run import: a refusal prints a located Chinese message, no stack trace, exit 1', () => {
  const dir = temp('gongkai-import-');
  const csv = writeTemp(dir, 'x.csv', 'a,b\n');
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts/import.ts'), csv, '--unit', 'import-test-unit', '--profile', 'national-budget', '--out', join(dir, 'o.json')], { cwd: root, encoding: 'utf8' });
  assert.is(r.status, 1);
  assert.match(r.stderr, /^导入失败，没有写入任何文件。\nx\.csv：这不是 Excel 工作簿/);
  assert.not.match(r.stderr, /^\s+at \S/m);
  assert.not.ok(existsSync(join(dir, 'o.json')));
});

test.run();
