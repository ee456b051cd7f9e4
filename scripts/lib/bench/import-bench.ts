/**
 * `npm run bench -- --stage import [--files N]`: one 16-sheet 单位 workbook with a 项目支出表 and
 * five 项目绩效目标表 (the projects of the bundled 泗县医疗保障局 2024) and one 决算 workbook
 * (公开01–09表, filled from the bundled 示例局 2023 决算) imported again and again, and a
 * 部门 folder of 100, 200 and 400 workbooks (or N: a district's year: one 部门 workbook whose
 * 分单位明细表 lists 399 单位, each 单位 the 商务委本部's tables and the five projects under its
 * own name, the 部门 their sum), imported and written whole. The workbooks come from the import tests' sample writer
 * (lib/import/sample-workbooks.ts: the district's layout filled from a corpus file), so the
 * bench measures exactly what the tests check.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { addProjectSheets, projectsSheet, makeBook, makeDepartmentBook, makeFinalBook, writeBook, type BreakdownFixture, type Corpus } from '../import/sample-workbooks.ts';
import type { Project, UnitYearFile } from '../model/schema.ts';
import { fenFromText, fromAmount } from '../model/money.ts';
import { toAmount } from '../edit/scaffold.ts';
import { planFolder } from '../import/folder.ts';
import { planImport, writePlans } from '../import/index.ts';
import type { Library } from '../model/reference.ts';

export interface ImportFigures {
  label: string;
  workbooks: number;
  seconds: number;
  rss: number;
}

const CORPUS = 'test/fixtures/corpus/shanghai/shangwu-2025-unit-budget.json';
const PROFILE = 'shanghai-putuo-2025';
const FINAL_DATA = 'data/shili-danwei/2023.json';
const PROJECTS_DATA = 'data/sixian-ybj/2024.json';

/** "21,601,733.00" × k, exactly (in 分). */
function times(amount: string | null, k: number): string | null {
  if (amount === null) return null;
  const [i, f = ''] = amount.replace(/,/g, '').split('.');
  const fen = (BigInt(i!) * 100n + BigInt((f + '00').slice(0, 2))) * BigInt(k);
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
}

/** The unit's 16 sheets: the fixture's 13 plus the 目录, 编制说明 and 其他相关情况说明 sheets. */
function sixteen(book: XLSX.WorkBook, year: number): XLSX.WorkBook {
  const text = (title: string, body: string) => XLSX.utils.aoa_to_sheet([[title], [], [body]]);
  XLSX.utils.book_append_sheet(book, text('目录', '一、主要职能\n二、机构设置'), '目录');
  XLSX.utils.book_append_sheet(book, text(`${year}年单位预算编制说明`, '（略）'), '单位编制说明');
  XLSX.utils.book_append_sheet(book, text('其他相关情况说明', '（略）'), '其他相关情况说明');
  return book;
}

export function writeDistrictFolder(projectRoot: string, dir: string, units: number): string[] {
  const unit = JSON.parse(readFileSync(join(projectRoot, CORPUS), 'utf8')) as Corpus;
  mkdirSync(dir, { recursive: true });
  const total = unit.tables.find((t) => t.number === '3')!.rows.find((r) => r.code === null)!.amounts;
  const rows: BreakdownFixture[] = [];
  const paths: string[] = [];
  const projects = (JSON.parse(readFileSync(join(projectRoot, PROJECTS_DATA), 'utf8')) as UnitYearFile).documents.budget!.projects;
  // The projects under each unit's own name (a project of another unit is a check error), the
  // first one's 一般公共预算 making Σ projects the unit's 项目支出 (check compares the two).
  const others = projects.slice(1).reduce((s, p) => s + Object.values(p.funds).reduce((a, v) => a + (fromAmount(v ?? 0, 'wan') ?? 0), 0), 0);
  const first = toAmount(fenFromText(total[2]!.replace(/,/g, ''), 'yuan')! - others, 'wan');
  const ownProjects = (name: string): Project[] =>
    projects.map(({ printedUnit: _printed, total: _total, ...p }, i) => ({ ...p, unit: name, implementer: name, ...(i === 0 ? { funds: { gpb: first } } : {}) }));
  const unitBytes = (n: number) => {
    const name = `基准测试单位${n}`;
    const c: Corpus = { ...unit, cover: { title: `上海市普陀区${unit.year}年区级单位预算`, unitLine: `预算单位：${name}` } };
    return writeBook(addProjectSheets(sixteen(makeBook(c), unit.year), unit.year, name, ownProjects(name)), 'xlsx');
  };
  for (let n = 1; n <= units; n++) {
    const p = join(dir, `单位${String(n).padStart(3, '0')}.xlsx`);
    writeFileSync(p, unitBytes(n));
    paths.push(p);
    rows.push({ name: `基准测试单位${n}`, code: String(n).padStart(3, '0'), nature: '事业单位', total: total[0]!, basic: total[1]!, project: total[2]! });
  }
  const dept: Corpus = {
    ...unit,
    level: 'department',
    cover: { title: `上海市普陀区${unit.year}年区级部门预算`, unitLine: '预算主管部门：基准测试部门' },
    tables: unit.tables.map((t) => ({ ...t, title: t.title.replace('单位', '部门'), rows: t.rows.map((r) => ({ ...r, amounts: r.amounts.map((a) => times(a, units)) })) })),
  };
  const p = join(dir, '部门.xlsx');
  // The 部门's 项目支出表 lists every 单位's projects (its forms are the 单位 workbooks').
  const deptBook = makeDepartmentBook(dept, rows);
  const all = rows.flatMap((r) => ownProjects(r.name));
  XLSX.utils.book_append_sheet(deptBook, projectsSheet(unit.year, '基准测试部门', all), '3.19部门项目支出预算表');
  writeFileSync(p, writeBook(deptBook, 'xlsx'));
  return [p, ...paths];
}

async function peak<T>(work: () => T): Promise<{ value: T; seconds: number; rss: number }> {
  let rss = process.memoryUsage().rss;
  const timer = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 5);
  const t0 = process.hrtime.bigint();
  // One tick so the sampler starts before the synchronous work.
  await new Promise((r) => setImmediate(r));
  const value = work();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(timer);
  rss = Math.max(rss, process.memoryUsage().rss);
  return { value, seconds, rss };
}

export async function benchImport(projectRoot: string, root: string, lib: Library, gc: () => void, folders: number[] = [100, 200, 400]): Promise<ImportFigures[]> {
  const out: ImportFigures[] = [];
  const folder = join(root, 'import-one');
  const one = writeDistrictFolder(projectRoot, folder, 1)[1]!;
  // One workbook, warm, 20 times.
  planImport(root, { workbook: one, unit: 'bench-one', kind: 'budget', profile: PROFILE, update: false }, lib);
  gc();
  const reps = 20;
  const single = await peak(() => {
    for (let i = 0; i < reps; i++) planImport(root, { workbook: one, unit: 'bench-one', kind: 'budget', profile: PROFILE, update: false }, lib);
  });
  out.push({ label: '一个工作簿（16 张表，另有项目支出表和 5 张绩效目标表）', workbooks: reps, seconds: single.seconds, rss: single.rss });
  // One 决算 workbook (公开01–09表, the 示例局's 2023 决算), warm, 20 times.
  const finalData = JSON.parse(readFileSync(join(projectRoot, FINAL_DATA), 'utf8')) as UnitYearFile;
  const finalBook = join(folder, '决算.xlsx');
  writeFileSync(finalBook, writeBook(makeFinalBook(finalData, lib.references.get(finalData.year)!, 'national'), 'xlsx'));
  const finalOptions = { workbook: finalBook, unit: 'bench-final', kind: 'final' as const, profile: 'national-final', update: false };
  planImport(root, finalOptions, lib);
  gc();
  const final = await peak(() => {
    for (let i = 0; i < reps; i++) planImport(root, finalOptions, lib);
  });
  out.push({ label: '一个决算工作簿（公开01–09表）', workbooks: reps, seconds: final.seconds, rss: final.rss });
  // The folder: the 部门 and its first 99 / 199 / 399 单位 (the breakdown lists only those).
  for (const n of folders) {
    const dir = join(root, `import-${n}`);
    const inputs = writeDistrictFolder(projectRoot, dir, n - 1);
    const dataDir = join(root, `import-root-${n}`);
    mkdirSync(join(dataDir, 'data'), { recursive: true });
    gc();
    const r = await peak(() => {
      const plan = planFolder(dataDir, { inputs, unit: 'bench-dept', kind: 'budget', update: false, profile: PROFILE }, lib);
      writePlans([plan.department, ...plan.units.flatMap((u) => (u.plan ? [u.plan] : []))]);
      return plan.findings.filter((f) => f.severity === 'error').length;
    });
    if (r.value) throw new Error(`基准测试的文件夹导入有 ${r.value} 个错误`);
    out.push({ label: `部门文件夹 ${n} 个工作簿`, workbooks: n, seconds: r.seconds, rss: r.rss });
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
  rmSync(folder, { recursive: true, force: true });
  return out;
}
