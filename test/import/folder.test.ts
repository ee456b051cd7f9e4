/**
 * A 部门's folder (`npm run import -- <folder> --unit <部门>`): the 部门 workbook with its
 * 分单位明细表 and its 单位 workbooks, written by scripts/lib/import/sample-workbooks.ts from the corpus
 * files of the bundled pairs (商务委员会 + 本部, 区政府办公室 + 本部), import as the hand-encoded
 * data/ files — every amount and the links; a bad workbook anywhere writes nothing; a 单位 whose
 * totals differ from the 部门's breakdown is reported, located.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { tempFolders } from '../helpers/temps.ts';
import { makeBook, makeDepartmentBook, makeWorkbook, writeBook, type BreakdownFixture, type Corpus } from '../../scripts/lib/import/sample-workbooks.ts';
import { FolderError, listWorkbooks, planFolder, type FolderOptions } from '../../scripts/lib/import/folder.ts';
import { ImportError, writePlans } from '../../scripts/lib/import/index.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const lib = loadLibrary(root);
const temp = tempFolders(test);
const corpus = (name: string) => JSON.parse(readFileSync(join(root, 'test/fixtures/corpus/shanghai', name), 'utf8')) as Corpus;
const bundled = (unit: string) => JSON.parse(readFileSync(join(root, 'data', unit, '2025.json'), 'utf8')) as UnitYearFile;

const PAIRS = [
  { dept: 'putuo-shangwu', corpus: 'shangwu-2025' },
  { dept: 'putuo-quzhengfu', corpus: 'quzhengfu-2025' },
] as const;

/** The breakdown rows of a bundled 部门: its includes, a 单位 with a file carrying its 支出总表's 合计. */
function breakdownOf(dept: string, unitCorpus: Corpus): BreakdownFixture[] {
  const total = unitCorpus.tables.find((t) => t.number === '3')!.rows.find((r) => r.code === null)!.amounts;
  return bundled(dept).unit.includes!.map((i) =>
    i.id ? { name: i.name, nature: i.nature!, total: total[0]!, basic: total[1]!, project: total[2]! } : { name: i.name, nature: i.nature!, note: '不单列预算' },
  );
}

/** A temporary project root (empty data/) with the folder of workbooks in it. */
function setup(pair: (typeof PAIRS)[number], edit?: { dept?: (rows: BreakdownFixture[]) => void; unit?: (c: Corpus) => void }) {
  const dir = temp('gongkai-folder-');
  mkdirSync(join(dir, 'data'));
  // The command loads profiles and 科目表 from the project it runs in: the real ones, linked.
  for (const d of readdirSync(join(root, 'data')).filter((n) => n.startsWith('_'))) symlinkSync(join(root, 'data', d), join(dir, 'data', d));
  const folder = join(dir, '商务委 2025');
  mkdirSync(folder);
  const dc = corpus(`${pair.corpus}-department-budget.json`);
  const uc = corpus(`${pair.corpus}-unit-budget.json`);
  const rows = breakdownOf(pair.dept, uc);
  edit?.dept?.(rows);
  edit?.unit?.(uc);
  writeFileSync(join(folder, '01 部门预算.xlsx'), writeBook(makeDepartmentBook(dc, rows), 'xlsx'));
  writeFileSync(join(folder, '02 本部预算.xls'), makeWorkbook(uc, 'xls'));
  return { dir, folder };
}

const options = (pair: (typeof PAIRS)[number], folder: string, extra: Partial<FolderOptions> = {}): FolderOptions => ({
  inputs: [folder],
  unit: pair.dept,
  kind: 'budget',
  update: false,
  profile: bundled(pair.dept).documents.budget!.profile,
  ...extra,
});

const TSX = join(root, 'node_modules', '.bin', 'tsx');
const units = (dir: string) => readdirSync(join(dir, 'data')).filter((n) => !n.startsWith('_'));
const AMOUNTS = ['income', 'expenditure', 'economic', 'threePublic', 'operatingCost'] as const;

function failure(fn: () => unknown): FolderError | ImportError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, ImportError, String(e));
    assert.not.match((e as Error).message, /^\s+at \S/m);
    return e as ImportError;
  }
  assert.unreachable('expected the folder to be refused');
  throw new Error('unreachable');
}

for (const pair of PAIRS) {
  test(`${pair.dept}: the folder imports as the bundled 部门 file and its 本部 file, every amount and the links`, () => {
    const { dir, folder } = setup(pair);
    const plan = planFolder(dir, options(pair, folder), lib);
    const benbu = `${pair.dept}-benbu`;
    assert.is(plan.department.file, `data/${pair.dept}/2025.json`);
    assert.equal(plan.units.filter((u) => u.plan).map((u) => [u.id, u.plan!.file]), [[benbu, `data/${benbu}/2025.json`]]);
    for (const [id, p] of [[pair.dept, plan.department], [benbu, plan.units.find((u) => u.plan)!.plan!]] as const) {
      const got = JSON.parse(p.text) as UnitYearFile;
      const want = bundled(id);
      for (const k of AMOUNTS) assert.equal(got.documents.budget![k], want.documents.budget![k], `${id} ${k}`);
      assert.is(got.unit.name, want.unit.name);
      assert.is(got.unit.level, want.unit.level);
      assert.equal(got.unit.includes, want.unit.includes, `${id} includes`);
      assert.equal(got.unit.parent, want.unit.parent, `${id} parent`);
    }
    // The cross-file check ran on the result: the 单位 without a file is listed, nothing is an error of links or sums.
    assert.ok(plan.findings.some((f) => f.rule === 'cross.units-missing' && f.file === plan.department.file), plan.findings.map((f) => f.rule).join(' '));
    assert.not.ok(plan.findings.some((f) => f.rule === 'cross.link' || f.rule === 'cross.sum'));
    assert.equal(units(dir), []);
    writePlans([plan.department, ...plan.units.flatMap((u) => (u.plan ? [u.plan] : []))]);
    assert.is(readFileSync(join(dir, 'data', benbu, '2025.json'), 'utf8'), plan.units.find((u) => u.plan)!.plan!.text);
  });
}

test('a 单位 whose totals differ from the 部门’s breakdown is reported at the breakdown’s cell, and nothing is planned', () => {
  const pair = PAIRS[0];
  const { dir, folder } = setup(pair, {
    dept: (rows) => {
      // 商务委本部 项目支出 one 元 short, 合计 too (the 合计 row follows the rows, so the 部门 total differs as well).
      rows[0]!.total = '371,514,654.00';
      rows[0]!.project = '351,683,999.00';
    },
  });
  const e = failure(() => planFolder(dir, options(pair, folder), lib));
  const lines = e.message.split('\n');
  assert.ok(lines.includes('01 部门预算.xlsx: 3.18部门支出分单位明细表!B8：单位“商务委本部”的“合计”与它的单位工作簿 02 本部预算.xls 的支出总表（各类之和）不符（应为：371514655 元（02 本部预算.xls）；实际：371514654 元）'), e.message);
  assert.ok(lines.includes('01 部门预算.xlsx: 3.18部门支出分单位明细表!B8：单位“商务委本部”的“项目支出”与它的单位工作簿 02 本部预算.xls 的支出总表（各类之和）不符（应为：351684000 元（02 本部预算.xls）；实际：351683999 元）'), e.message);
  assert.ok(lines.some((l) => /各单位的“合计”之和与部门支出总表（各类之和）不符/.test(l)), e.message);
});

test('a breakdown in 万元 beside 单位 workbooks in 元: compared at 0.01 万元, half-up; a difference of 0.01 万元 is still reported', () => {
  const pair = PAIRS[0];
  // The 分单位明细表 as a 万元 export prints it: "单位：万元", each 元 amount rounded half-up to 0.01 万元
  // (商务委本部 371,514,655.00 元 → 37151.47 万元), the 合计 row the sum of those.
  const inWan = (yuan: string | null | undefined, shift = 0) => {
    if (yuan == null) return yuan;
    const fen = BigInt(yuan.replace(/[,.]/g, ''));
    return ((Number((fen + 5_000n) / 10_000n) + shift) / 100).toFixed(2);
  };
  const folderWith = (shift: number) => {
    const { dir, folder } = setup(pair);
    const rows = breakdownOf(pair.dept, corpus(`${pair.corpus}-unit-budget.json`)).map((r) => ({ ...r, total: inWan(r.total, shift), basic: inWan(r.basic), project: inWan(r.project) }));
    const book = makeDepartmentBook(corpus(`${pair.corpus}-department-budget.json`), rows);
    const sheet = book.Sheets['3.18部门支出分单位明细表']!;
    assert.is(sheet['G4']?.v, '单位：元');
    sheet['G4'] = { t: 's', v: '单位：万元' };
    writeFileSync(join(folder, '01 部门预算.xlsx'), writeBook(book, 'xlsx'));
    return { dir, folder };
  };
  const good = folderWith(0);
  const plan = planFolder(good.dir, options(pair, good.folder), lib);
  assert.ok(plan.units.some((u) => u.plan), 'the 单位 is planned');
  const bad = folderWith(1);
  const e = failure(() => planFolder(bad.dir, options(pair, bad.folder), lib));
  assert.ok(e.message.split('\n').some((l) => l.includes('3.18部门支出分单位明细表!B8') && l.includes('“合计”') && l.includes('37151.48 万元')), e.message);
});

test('a bad workbook in the folder: nothing is written, each failure located', () => {
  const pair = PAIRS[0];
  const { dir, folder } = setup(pair);
  // A second, broken 单位 workbook and a truncated one.
  const bad = makeBook(corpus('shangwu-2025-unit-budget.json'), 'split');
  bad.Sheets['单位支出总表']!['E9'] = { t: 's', v: '两千万' };
  writeFileSync(join(folder, '03 其他单位.xlsx'), writeBook(bad, 'xlsx'));
  writeFileSync(join(folder, '04 损坏.xlsx'), makeWorkbook(corpus('shangwu-2025-unit-budget.json'), 'xlsx').subarray(0, 2000));
  const e = failure(() => planFolder(dir, options(pair, folder), lib));
  assert.match(e.message, /^03 其他单位\.xlsx: 单位支出总表!E9：这里应是金额，却是文字/m);
  assert.match(e.message, /^04 损坏\.xlsx：文件已损坏/m);
  const r = spawnSync(TSX, [join(root, 'scripts/import.ts'), folder, '--unit', pair.dept, '--profile', options(pair, folder).profile!], { cwd: dir, encoding: 'utf8' });
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, /^导入失败，没有写入任何文件。/);
  assert.match(r.stderr, /03 其他单位\.xlsx: 单位支出总表!E9/);
  assert.match(r.stderr, /04 损坏\.xlsx：文件已损坏/);
  assert.equal(units(dir), []);
});

test('a 单位 workbook that is not in the breakdown is refused, naming the rows', () => {
  const pair = PAIRS[0];
  const { dir, folder } = setup(pair, {
    unit: (c) => {
      c.cover = { title: '上海市普陀区2025年区级单位预算', unitLine: '预算单位：上海市普陀区某某中心' };
    },
  });
  const e = failure(() => planFolder(dir, options(pair, folder), lib));
  assert.is(e.message, '02 本部预算.xls：单位“上海市普陀区某某中心”不在部门工作簿的部门支出分单位明细表（01 部门预算.xlsx: 3.18部门支出分单位明细表）中（应为：商务委本部、上海市普陀区中小企业服务中心；实际：上海市普陀区某某中心）');
});

test('ids: the clerk’s mapping file wins over the derived id', () => {
  const pair = PAIRS[0];
  const { dir, folder } = setup(pair);
  const plan = planFolder(dir, options(pair, folder, { ids: { 商务委本部: 'shangwu-jiguan' } }), lib);
  assert.equal(plan.units.filter((u) => u.plan).map((u) => u.id), ['shangwu-jiguan']);
  assert.is((JSON.parse(plan.department.text) as UnitYearFile).unit.includes![0]!.id, 'shangwu-jiguan');
  const bad = failure(() => planFolder(dir, options(pair, folder, { ids: { 商务委本部: pair.dept } }), lib));
  assert.match(bad.message, /标识“putuo-shangwu”与部门本身相同/);
});

test('the command writes both files, prints the ids and what is left to fill; a second run refuses to overwrite', () => {
  const pair = PAIRS[1];
  const { dir, folder } = setup(pair);
  const ids = join(dir, '单位标识.json');
  writeFileSync(ids, JSON.stringify({}));
  const run = () => spawnSync(TSX, [join(root, 'scripts/import.ts'), folder, '--unit', pair.dept, '--profile', options(pair, folder).profile!, '--ids', ids], { cwd: dir, encoding: 'utf8' });
  const r = run();
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /data\/putuo-quzhengfu\/2025\.json（部门，01 部门预算\.xlsx）/);
  assert.match(r.stdout, /data\/putuo-quzhengfu-benbu\/2025\.json（单位“上海市普陀区人民政府办公室本部”，02 本部预算\.xls）/);
  assert.match(r.stdout, /上海市普陀区交流服务中心：没有工作簿/);
  assert.match(r.stdout, /cross\.units-missing/);
  for (const id of [pair.dept, `${pair.dept}-benbu`]) {
    const got = JSON.parse(readFileSync(join(dir, 'data', id, '2025.json'), 'utf8')) as UnitYearFile;
    for (const k of AMOUNTS) assert.equal(got.documents.budget![k], bundled(id).documents.budget![k], `${id} ${k}`);
  }
  const again = run();
  assert.is(again.status, 1);
  assert.match(again.stderr, /已存在，不会覆盖/);
});

test('--update on a folder: every text the clerk wrote in both files is kept, only the changed number changes, the change list is printed; a bad workbook writes nothing', () => {
  const pair = PAIRS[1];
  const benbu = `${pair.dept}-benbu`;
  // The system's next export: the 本部's 公务接待费 28.50 → 30.00 万元 (and the “三公” 合计 with it).
  const { dir, folder } = setup(pair, {
    unit: (c) => {
      const row = c.tables.find((t) => t.number === '9')!.rows[0]!;
      row.amounts[0] = '869.00';
      row.amounts[2] = '30.00';
    },
  });
  // The files as the clerk left them: the bundled ones, with their narrative, reasons, figures and acknowledgements.
  for (const id of [pair.dept, benbu]) {
    mkdirSync(join(dir, 'data', id));
    copyFileSync(join(root, 'data', id, '2025.json'), join(dir, 'data', id, '2025.json'));
  }
  const file = (id: string) => join(dir, 'data', id, '2025.json');
  const before = new Map([pair.dept, benbu].map((id) => [id, readFileSync(file(id), 'utf8')]));
  const run = () => spawnSync(TSX, [join(root, 'scripts/import.ts'), folder, '--unit', pair.dept, '--update'], { cwd: dir, encoding: 'utf8' });

  // A bad 单位 workbook beside them: refused, both files byte for byte as they were.
  writeFileSync(join(folder, '03 其他单位.xlsx'), makeWorkbook(corpus('shangwu-2025-unit-budget.json'), 'xlsx').subarray(0, 2000));
  const bad = run();
  assert.is(bad.status, 1, bad.stdout);
  assert.match(bad.stderr, /^导入失败，没有写入任何文件。\n03 其他单位\.xlsx：文件已损坏/);
  for (const [id, text] of before) assert.is(readFileSync(file(id), 'utf8'), text, id);
  rmSync(join(folder, '03 其他单位.xlsx'));

  const r = run();
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`更新金额 data/${benbu}/2025\\.json`));
  // The change list of npm run diff: the old and the new 公务接待费, and the check findings it brings (the stated 28.50万元).
  assert.match(r.stdout, /\| 公务接待费 \| 预算数 \| 285,000\.00 \| 300,000\.00 \| \+15,000\.00 \|/);
  assert.match(r.stdout, /说明中“公务接待费”为 28\.50万元，按表中数字计算为 30\.00万元/);
  // The 部门 file is unchanged; the 本部 file differs from the clerk's in that one amount only.
  assert.equal(JSON.parse(readFileSync(file(pair.dept), 'utf8')), JSON.parse(before.get(pair.dept)!));
  const want = JSON.parse(before.get(benbu)!) as UnitYearFile;
  want.documents.budget!.threePublic!.amounts.reception = 300_000;
  assert.equal(JSON.parse(readFileSync(file(benbu), 'utf8')), want);
});

test('listWorkbooks: a folder’s .xlsx/.xls sorted, lock and hidden files skipped', () => {
  const dir = temp('gongkai-folder-');
  for (const n of ['b.xls', 'a.xlsx', '~$a.xlsx', '.x.xlsx', '说明.docx']) writeFileSync(join(dir, n), '');
  assert.equal(listWorkbooks([dir]).map((p) => p.slice(dir.length + 1)), ['a.xlsx', 'b.xls']);
  assert.ok(existsSync(join(dir, 'a.xlsx')));
});

test.run();
