/**
 * `npm run new`: scaffolds on the real seeds (from history, a 决算 added to its year's file, a 决算
 * from last year's 决算) and from nothing (a profile), the refusals, and what `check` says about
 * each scaffold. Expected values are worked out by hand from the seed data (sums noted beside them)
 * and from the message catalogue, never taken from the scaffold code's output.
 */
import { test } from 'uvu';
import { tempFolders } from '../helpers/temps.ts';
import * as assert from 'uvu/assert';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { scaffold, writeScaffold, ScaffoldError, TO_FILL, type Scaffold } from '../../scripts/lib/edit/scaffold.ts';
import { checkBytes } from '../../scripts/lib/check/check.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import type { BudgetDocument, FinalDocument, UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const lib = loadLibrary(root);
const STACK = /^\s+at \S/m;

/** Temporary folders, removed after the suite. */
const mkdtempSync = tempFolders(test);

const seed = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as UnitYearFile;

/** The bundled profiles these tests name; a profile a user adds is not copied, so the lists of profiles in messages stay known. */
const PROFILES = ['anhui-2024', 'henan-2021', 'national-budget', 'national-final'];

/** A project folder with the library and copies of the given units' data. */
function tempRoot(units: string[]): string {
  const dir = mkdtempSync('gongkai-new-');
  for (const d of ['_reference', '_glossary', '_schema']) cpSync(join(root, 'data', d), join(dir, 'data', d), { recursive: true });
  mkdirSync(join(dir, 'data', '_profiles'));
  for (const p of PROFILES) cpSync(join(root, 'data', '_profiles', `${p}.json`), join(dir, 'data', '_profiles', `${p}.json`));
  for (const u of units) cpSync(join(root, 'data', u), join(dir, 'data', u), { recursive: true });
  return dir;
}

function cli(cwd: string, args: string[]) {
  const r = spawnSync(tsx, [join(root, 'scripts', 'new.ts'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** check's findings on a scaffold, as "severity rule pointer", in check's order. */
function findings(s: Scaffold): { data: UnitYearFile | undefined; list: string[]; messages: Map<string, string> } {
  const checked = checkBytes(s.file, Buffer.from(s.text), lib);
  const sorted = [...checked.findings].sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    data: checked.data,
    list: sorted.map((f) => `${f.severity} ${f.rule} ${f.pointer}`),
    messages: new Map(sorted.map((f) => [f.pointer, f.message])),
  };
}

const ANHUI_BUDGET_TABLES = ['summary', 'income', 'expenditure', 'fiscalSummary', 'gpbExpenditure', 'gpbBasic', 'gfbExpenditure', 'scobExpenditure', 'projects', 'procurement', 'purchasedServices', 'projectPerformance'];
const ANHUI_FINAL_TABLES = ['summary', 'income', 'expenditure', 'fiscalSummary', 'gpbExpenditure', 'gpbBasic', 'threePublic', 'gfbExpenditure', 'scobExpenditure', 'projectEvaluation'];

// ------------------------------------------------------------------ from history

test('budget 2025 from the 2024 budget of seed 002: identity, narrative and projects carried, last year as 上年可比数', () => {
  const s = scaffold(root, 'sixian-ybj', 2025, { kind: 'budget' }, lib);
  const old = seed('data/sixian-ybj/2024.json');
  const was = old.documents.budget!;
  assert.is(s.file, 'data/sixian-ybj/2025.json');
  assert.is(s.mode, 'create');
  // Formatted like the seeds: 2-space JSON, $schema first.
  assert.is(s.text, JSON.stringify(JSON.parse(s.text), null, 2) + '\n');
  assert.ok(s.text.startsWith('{\n  "$schema": "../_schema/unit-year.schema.json",\n  "unit": {\n    "id": "sixian-ybj",'));
  const data = JSON.parse(s.text) as UnitYearFile;
  assert.equal(Object.keys(data), ['$schema', 'unit', 'year', 'documents']);
  assert.equal(data.unit, old.unit);
  assert.is(data.year, 2025);
  assert.equal(Object.keys(data.documents), ['budget']);
  const doc = data.documents.budget!;
  // Keys in the schema's order (schema.ts DocumentBase).
  assert.equal(Object.keys(doc), ['profile', 'approvedDate', 'publishedDate', 'narrative', 'income', 'expenditure', 'economic', 'projects', 'procurement', 'purchasedServices', 'threePublic', 'operatingCost', 'assets', 'departmentPerformance', 'figures', 'glossary', 'missingTables']);
  assert.is(doc.profile, 'anhui-2024');
  assert.is(doc.approvedDate, null);
  assert.is(doc.publishedDate, null);
  // Standing text as it was; the year's own text marked to rewrite.
  assert.equal(doc.narrative, {
    duties: was.narrative.duties,
    organisation: was.narrative.organisation,
    tasks: `【待填】${was.narrative.tasks}`,
    performanceTargets: `【待填】${was.narrative.performanceTargets}`,
  });
  // This year's amounts absent, tables empty.
  assert.equal(doc.income, { carryover: {} });
  assert.equal(doc.expenditure, []);
  assert.equal(doc.economic, []);
  assert.equal(doc.procurement, { items: [] });
  assert.equal(doc.purchasedServices, []);
  assert.is(doc.threePublic, null);
  assert.is(doc.operatingCost, null);
  assert.is(doc.assets, null);
  assert.is(doc.departmentPerformance, null);
  assert.equal(doc.glossary, was.glossary);
  assert.equal(doc.missingTables, ANHUI_BUDGET_TABLES);
  assert.is(doc.acknowledged, undefined);
  // Projects: the five of 2024, funds to fill; last year's printed totals and printed names gone.
  assert.equal(doc.projects.map((p) => p.name), ['公务用车更新配备', '欺诈骗取医保基金行为举报奖励', '2024-城乡医疗救助', '离休医疗费补助', '医用网络使用维护费']);
  doc.projects.forEach((p, i) => {
    const before = was.projects[i]!;
    assert.equal(p.funds, {});
    assert.is(p.total, undefined);
    assert.is(p.otherFunds, undefined);
    assert.is(p.printedUnit, undefined);
    assert.is(p.printedName, undefined);
    assert.is(p.unit, before.unit);
    assert.is(p.goal, before.goal);
    assert.equal(p.indicators, before.indicators);
  });
  // 上年可比数: the 2024 budget's figures, each with the value its tables give (万元):
  const purpose = (key: string) => ({ purpose: was.figures[key]!.purpose! });
  assert.equal(doc.figures, {
    'income.total': { previous: 2805.56 }, // income.gpb 2805.56, no 上年结转
    'income.current': { previous: 2805.56 },
    'income.gpb': { previous: 2805.56 },
    'income.carryover': { previous: 0 },
    'expenditure.total': { previous: 2805.56 }, // 5 + 362.52 + 25.42 + 1760 + 242.41 + 405.21 + 5
    'expenditure.current': { previous: 2805.56 },
    'expenditure.basic': { previous: 660.56, ...purpose('expenditure.basic') }, // 5.52 + 25.42 + 224.41 + 405.21
    'expenditure.project': { previous: 2145, ...purpose('expenditure.project') }, // 5 + 357 + 1760 + 18 + 5
    'expenditure.operating': { previous: 0 },
    'expenditure.toSuperior': { previous: 0 },
    'expenditure.toAffiliated': { previous: 0 },
    'fiscal.total': { previous: 2805.56 },
    'fiscal.current': { previous: 2805.56 },
    'fiscal:208': { previous: 5 },
    'fiscal:210': { previous: 2800.56 },
    'gpb.total': { previous: 2805.56 },
    'gpb.basic': { previous: 660.56 },
    'gpb.project': { previous: 2145 },
    'gpb.personnel': { previous: 533.75, ...purpose('gpb.personnel') }, // 5.52 + 25.42 + 149.15 + 353.66
    'gpb.public': { previous: 126.82, ...purpose('gpb.public') }, // 75.27 + 51.55 (the original printed 126.81)
    'gpb:208': { previous: 5 },
    'gpb:210': { previous: 2800.56 },
    'gpb:2080109': { previous: 5 },
    'gpb:2101101': { previous: 362.52 },
    'gpb:2101102': { previous: 25.42 },
    'gpb:2101301': { previous: 1760 },
    'gpb:2101501': { previous: 242.41 },
    'gpb:2101550': { previous: 405.21 },
    'gpb:2101599': { previous: 5 },
    'projects.total': { previous: 2145 }, // 18 + 5 + 1760 + 357 + 5
    'projects.gpb': { previous: 2145 },
    'projects.gfb': { previous: 0 },
    'projects.scob': { previous: 0 },
    'projects.carryover': { previous: 0 },
    'projects.specialAccount': { previous: 0 },
    'projects.unitFunds': { previous: 0 },
    'procurement.total': { previous: 21.54 }, // 18 + 0.4 + 0.6 + 0.2 + 0.64 + 0.4 + 0.6 + 0.7
    'procurement.gpb': { previous: 21.54 },
    'procurement.gfb': { previous: 0 },
    'procurement.scob': { previous: 0 },
    'procurement.specialAccount': { previous: 0 },
    'procurement.unitFunds': { previous: 0 },
    'procurement.goods': { previous: 21.54 },
    'procurement.works': { previous: 0 },
    'procurement.services': { previous: 0 },
    operatingCost: { previous: 75.3 },
  });
});

test('the 2025 scaffold passes the schema and check reports exactly what is to fill', () => {
  const s = scaffold(root, 'sixian-ybj', 2025, { kind: 'budget' }, lib);
  const r = findings(s);
  assert.ok(r.data, 'passes the JSON and schema stages');
  const b = '/documents/budget';
  assert.equal(r.list, [
    `warning plaus.no-published-date ${b}/publishedDate`,
    // the 机构设置 is carried over from 2024 with its "部门部门" (seed 002, note 21)
    `warning text.doubled ${b}/narrative/organisation`,
    `warning plaus.placeholder ${b}/narrative/tasks`,
    `warning plaus.placeholder ${b}/narrative/performanceTargets`,
    `warning complete.section-missing ${b}/threePublic`,
    `warning complete.section-missing ${b}/operatingCost`,
    `warning complete.section-missing ${b}/assets`,
    ...ANHUI_BUDGET_TABLES.map((_, i) => `error complete.table-missing ${b}/missingTables/${i}`),
  ]);
  assert.is(r.messages.get(`${b}/missingTables/0`), '缺少部门公开表1 收支总表：表式 anhui-2024 要求公开此表。没有数据的表也要公开（写空数组），并注明“本表无数据”。');
  assert.is(r.messages.get(`${b}/missingTables/11`), '缺少项目绩效目标表：表式 anhui-2024 要求公开此表。没有数据的表也要公开（写空数组），并注明“本表无数据”。');
  assert.is(r.messages.get(`${b}/narrative/performanceTargets`), '文字中有未替换的模板占位：“【待填】2024年，泗县”。');
  assert.is(r.messages.get(`${b}/operatingCost`), '缺少“机关运行经费”情况说明（其他重要事项要求公开）。没有的请写 0，而不是省略。');
});

test('every budget seed scaffolds a next year that passes the schema, with no error but the missing tables', () => {
  for (const [unit, year] of [['huaibei-ylsy', 2025], ['jiyuan-ybj', 2022], ['sixian-ybj', 2025]] as const) {
    const s = scaffold(root, unit, year, { kind: 'budget' }, lib);
    const r = findings(s);
    assert.ok(r.data, `${unit} ${year} passes the schema`);
    const errors = r.list.filter((l) => l.startsWith('error'));
    assert.ok(errors.length > 0 && errors.every((l) => l.startsWith('error complete.table-missing ')), `${unit}: ${errors.join('; ')}`);
  }
});

test('the summary names what was carried and what is to fill', () => {
  const s = scaffold(root, 'sixian-ybj', 2025, { kind: 'budget' }, lib);
  assert.equal(s.summary.sources, ['data/sixian-ybj/2024.json']);
  assert.equal(s.summary.carried, [
    '单位信息：泗县医疗保障局（含 3 个单位）',
    '表式：anhui-2024（沿用；本年表式不同时请修改 profile）',
    '文字部分：主要职责、机构设置',
    '项目 5 个（名称、单位、说明文字和绩效指标）',
    '上年可比数 46 个（figures 中的 previous，取自 data/sixian-ybj/2024.json 的预算）',
    '名词解释：本单位 10 条',
  ]);
  assert.equal(s.summary.toFill, [
    '文字部分：年度主要工作任务、绩效目标设置情况（已加“【待填】”，请按本年度改写后删去标记）',
    '批复日期 approvedDate、公开日期 publishedDate（现为 null）',
    '项目资金 funds（5 个项目；已结束的项目请删除，新项目请添加）',
    '机关运行经费 operatingCost、国有资产占用情况 assets、“三公”经费 threePublic（现为 null；没有的写 0 或空表，不要留 null）',
    '公开表 12 张：收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表、政府性基金预算支出表、国有资本经营预算支出表、项目支出表、政府采购支出表、政府购买服务支出表、项目绩效目标表（列在 missingTables 中；填好一张表，就从 missingTables 中删去它）',
  ]);
});

// ------------------------------------------------------------------ 决算

test('the 2024 决算 goes into the file of the 2024 budget: nothing existing changes, 年初预算 from the budget', () => {
  const dir = tempRoot(['sixian-ybj']);
  const file = join(dir, 'data/sixian-ybj/2024.json');
  const before = readFileSync(file, 'utf8');
  const s = scaffold(dir, 'sixian-ybj', 2024, { kind: 'final' }, loadLibrary(dir));
  assert.is(s.mode, 'add');
  // Pure insertion: the old text is the new text with one block taken out.
  let i = 0;
  while (s.text[i] === before[i]) i++;
  const inserted = s.text.length - before.length;
  assert.is(s.text.slice(0, i) + s.text.slice(i + inserted), before);
  assert.ok(s.text.slice(i, i + 16) === ',\n    "final": {', s.text.slice(i, i + 30));
  const data = JSON.parse(s.text) as UnitYearFile;
  assert.equal(data.documents.budget, seed('data/sixian-ybj/2024.json').documents.budget);
  const fin = data.documents.final as FinalDocument;
  assert.equal(fin.missingTables, ANHUI_FINAL_TABLES);
  assert.equal(fin.balances, { closing: {} });
  assert.equal(fin.incomeByFunction, []);
  assert.equal(fin.gfbFlows, []);
  assert.equal(fin.figures, {}, 'no 2023 决算: no previous-year figures');
  // The 项 rows of the budget with their 年初预算 (合计, 基本, 项目), 决算 columns to fill.
  assert.equal(fin.expenditure, [
    { code: '2080109', fund: 'gpb', budget: 5, budgetBasic: 0, budgetProject: 5 },
    { code: '2101101', fund: 'gpb', budget: 362.52, budgetBasic: 5.52, budgetProject: 357 },
    { code: '2101102', fund: 'gpb', budget: 25.42, budgetBasic: 25.42, budgetProject: 0 },
    { code: '2101301', fund: 'gpb', budget: 1760, budgetBasic: 0, budgetProject: 1760 },
    // printed 合计 242.41 and 基本 224.41 stand (149.15 + 75.27 = 224.42 is within rounding)
    { code: '2101501', fund: 'gpb', budget: 242.41, budgetBasic: 224.41, budgetProject: 18 },
    { code: '2101550', fund: 'gpb', budget: 405.21, budgetBasic: 405.21, budgetProject: 0 },
    { code: '2101599', fund: 'gpb', budget: 5, budgetBasic: 0, budgetProject: 5 },
  ]);
  assert.equal(fin.projects.map((p) => [p.name, p.funds]), [
    ['公务用车更新配备', {}],
    ['欺诈骗取医保基金行为举报奖励', {}],
    ['2024-城乡医疗救助', {}],
    ['离休医疗费补助', {}],
    ['医用网络使用维护费', {}],
  ]);
  assert.is(fin.narrative.tasks, undefined, 'the budget-only text is not carried into a 决算');
  assert.is(s.summary.notes[0], '没有 2023 年的决算，说明中的上年可比数（figures 中的 previous）需要手工填写。');

  // What check says about the new 决算 (the 预算's own findings are unchanged).
  const r = findings(s);
  assert.ok(r.data);
  const f = '/documents/final';
  assert.equal(r.list.filter((l) => l.includes(` ${f}/`)), [
    `warning plaus.no-published-date ${f}/publishedDate`,
    `warning text.doubled ${f}/narrative/organisation`,
    `warning complete.section-missing ${f}/operatingCost`,
    `warning complete.section-missing ${f}/assets`,
    ...ANHUI_FINAL_TABLES.map((_, n) => `error complete.table-missing ${f}/missingTables/${n}`),
  ]);

  writeScaffold(dir, s);
  assert.is(readFileSync(file, 'utf8'), s.text);
  assert.throws(
    () => scaffold(dir, 'sixian-ybj', 2024, { kind: 'final' }, loadLibrary(dir)),
    (e: unknown) => e instanceof ScaffoldError && e.exitCode === 1 && e.message === 'data/sixian-ybj/2024.json 已有2024年度决算，不会覆盖。要重新生成，请先自行删除或改名该文件。',
  );
});

test('a budget added to a file that holds the year\'s 决算 goes first, nothing existing changes', () => {
  const dir = tempRoot(['huaibei-ybj']);
  const before = readFileSync(join(dir, 'data/huaibei-ybj/2023.json'), 'utf8');
  const s = scaffold(dir, 'huaibei-ybj', 2023, { kind: 'budget' }, loadLibrary(dir));
  assert.is(s.mode, 'add');
  let i = 0;
  while (s.text[i] === before[i]) i++;
  assert.is(s.text.slice(0, i) + s.text.slice(i + s.text.length - before.length), before);
  const data = JSON.parse(s.text) as UnitYearFile;
  assert.equal(Object.keys(data.documents), ['budget', 'final']);
  assert.equal(data.documents.final, seed('data/huaibei-ybj/2023.json').documents.final);
  assert.equal(data.documents.budget!.figures, {}, 'no 2022 budget');
  assert.ok(findings(s).data);
});

test('a 决算 from last year\'s 决算 (seed 001): 上年可比数 and 上年实际完成值', () => {
  const s = scaffold(root, 'huaibei-ybj', 2024, { kind: 'final' }, lib);
  assert.is(s.mode, 'create');
  const old = seed('data/huaibei-ybj/2023.json').documents.final!;
  const fin = (JSON.parse(s.text) as UnitYearFile).documents.final!;
  assert.is(fin.profile, 'anhui-2024');
  assert.equal(fin.expenditure, [], 'no 2024 budget: no 年初预算 rows');
  // Seed 001 income: gpb 967 only; 项 rows 3 + 7.18 + 23.55 + 9.82 + 0.17 + 9.94 + 2.62 + 40.24 + 835.97 + 23 + 5.88 + 8.26 = 969.63.
  assert.equal(fin.figures['income.total'], { previous: 967 });
  assert.equal(fin.figures['expenditure.current'], { previous: 969.63 });
  assert.equal(fin.figures['gpb:2101505'], { previous: 835.97 });
  assert.equal(fin.figures['gpb:221'], { previous: 37.14 }); // 23 + 5.88 + 8.26
  assert.equal(fin.figures.operatingCost, { previous: old.operatingCost });
  assert.equal(Object.keys(fin.figures), Object.keys(old.figures));
  // The project's indicators: targets kept, last year's 实际完成值 as 上年实际完成值, results gone.
  const p = fin.projects[0]!;
  assert.is(p.name, '医疗救助补助资金');
  assert.equal(p.funds, {});
  p.indicators.forEach((ind, i) => {
    const was = old.projects[0]!.indicators[i]!;
    assert.is(ind.value, was.value);
    assert.is(ind.previousActual, was.actual);
    assert.is(ind.actual, undefined);
    assert.is(ind.score, undefined);
  });
  assert.is(p.indicators[0]!.previousActual, '24.48万人次');
  assert.is(fin.narrative.evaluation, old.narrative.evaluation === undefined ? undefined : `${TO_FILL}${old.narrative.evaluation}`);
  const r = findings(s);
  assert.ok(r.data);
  assert.ok(r.list.filter((l) => l.startsWith('error')).every((l) => l.startsWith('error complete.table-missing ')), r.list.join('\n'));
});

// ------------------------------------------------------------------ from nothing

test('a unit without history: a skeleton from its profile', () => {
  const dir = tempRoot([]);
  const dl = loadLibrary(dir);
  const s = scaffold(dir, 'xinjian-ju', 2025, { kind: 'budget', profile: 'national-budget', name: '某县新建局' }, dl);
  assert.is(s.file, 'data/xinjian-ju/2025.json');
  const data = JSON.parse(s.text) as UnitYearFile;
  assert.equal(data.unit, { id: 'xinjian-ju', name: '某县新建局', level: 'department' });
  const doc = data.documents.budget as BudgetDocument;
  assert.equal(doc.narrative, { duties: TO_FILL, organisation: TO_FILL });
  assert.equal(doc.projects, []);
  assert.equal(doc.figures, {});
  assert.equal(doc.glossary, { includeDefault: true, entries: [] });
  assert.is(doc.departmentPerformance, null, 'national-budget has no 部门整体绩效 table');
  const tables = ['summary', 'income', 'expenditure', 'fiscalSummary', 'gpbExpenditure', 'gpbBasic', 'threePublic', 'gfbExpenditure'];
  assert.equal(doc.missingTables, tables);
  const checked = checkBytes(s.file, Buffer.from(s.text), dl);
  assert.ok(checked.data);
  const b = '/documents/budget';
  assert.equal(
    [...checked.findings].sort((x, y) => x.line - y.line).map((f) => `${f.severity} ${f.rule} ${f.pointer}`),
    [
      `warning plaus.no-published-date ${b}/publishedDate`,
      `warning plaus.placeholder ${b}/narrative/duties`,
      `warning plaus.placeholder ${b}/narrative/organisation`,
      `warning complete.section-missing ${b}/operatingCost`,
      `warning complete.section-missing ${b}/assets`,
      ...tables.map((_, i) => `error complete.table-missing ${b}/missingTables/${i}`),
    ],
  );
  // The unit's folder is created; the file only once.
  writeScaffold(dir, s);
  assert.is(readFileSync(join(dir, s.file), 'utf8'), s.text);
  assert.throws(() => writeScaffold(dir, s), (e: unknown) => e instanceof ScaffoldError && e.message === 'data/xinjian-ju/2025.json 已存在，不会覆盖。');
});

test('without history and without --profile/--name: a usage error that lists the profiles', () => {
  const dir = tempRoot([]);
  const dl = loadLibrary(dir);
  assert.throws(
    () => scaffold(dir, 'xinjian-ju', 2025, { kind: 'budget' }, dl),
    (e: unknown) =>
      e instanceof ScaffoldError &&
      e.exitCode === 2 &&
      e.message === '单位“xinjian-ju”在 data/xinjian-ju/ 中没有 2025 年以前的数据文件，请用 --profile <表式> 指定表式，用 --name <单位全称> 指定单位名称。可用的表式：anhui-2024、henan-2021、national-budget。',
  );
  assert.throws(
    () => scaffold(dir, 'xinjian-ju', 2025, { kind: 'budget', profile: 'national-budget' }, dl),
    (e: unknown) => e instanceof ScaffoldError && e.exitCode === 2 && e.message === '单位“xinjian-ju”没有历史数据文件，请用 --name <单位全称> 指定单位名称。',
  );
  assert.throws(
    () => scaffold(dir, 'xinjian-ju', 2025, { kind: 'final', profile: 'national-budget', name: '某县新建局' }, dl),
    (e: unknown) => e instanceof ScaffoldError && e.message === '表式“national-budget”不存在或没有决算部分。可用的表式：anhui-2024、national-final。',
  );
});

// ------------------------------------------------------------------ the command

test('npm run new refuses to overwrite: Chinese message, exit 1, file untouched', () => {
  const dir = tempRoot(['sixian-ybj']);
  const file = join(dir, 'data/sixian-ybj/2024.json');
  const before = readFileSync(file);
  const r = cli(dir, ['sixian-ybj', '2024']);
  assert.is(r.status, 1);
  assert.is(r.stderr, 'data/sixian-ybj/2024.json 已有2024年度预算，不会覆盖。要重新生成，请先自行删除或改名该文件。\n');
  assert.is(r.stdout, '');
  assert.ok(readFileSync(file).equals(before));
});

test('npm run new writes the scaffold and prints the summary and what check says', () => {
  const dir = tempRoot(['sixian-ybj']);
  const r = cli(dir, ['sixian-ybj', '2025']);
  assert.is(r.status, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'data/sixian-ybj/2025.json')));
  const lines = r.stdout.split('\n');
  assert.is(lines[0], '已生成 data/sixian-ybj/2025.json（2025年度预算）。');
  assert.is(lines[1], '依据：data/sixian-ybj/2024.json');
  assert.is(lines.at(-3), '下一步：填写后运行 npm run check -- data/sixian-ybj/2025.json，直到没有错误。');
  assert.is(lines.at(-2), 'npm run check 对新预算报告：12 个错误，7 个警告，0 个提示。');
});

test('npm run new: usage mistakes exit 2 with the usage text, no stack trace', () => {
  const dir = tempRoot([]);
  for (const [args, first] of [
    [[], '缺少单位标识或年度。'],
    [['sixian-ybj', '24'], '年度应为四位数字，实际是 24。'],
    [['sixian-ybj', '2025', '--kind', 'annual'], '--kind 只能是 budget 或 final，实际是 annual。'],
    [['sixian-ybj', '2025', '--force'], '不认识的选项 --force。'],
    [['Sixian', '2025'], '单位标识“Sixian”不对：只能用小写字母、数字和连字符，与 data/ 下的文件夹同名。'],
  ] as const) {
    const r = cli(dir, [...args]);
    assert.is(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.is(r.stderr.split('\n')[0], first);
    assert.not.match(r.stderr, STACK);
  }
});

test('a history file that fails the schema is named, not carried', () => {
  const dir = tempRoot([]);
  mkdirSync(join(dir, 'data/bad-unit'), { recursive: true });
  writeFileSync(join(dir, 'data/bad-unit/2024.json'), '{"unit": {"id": "bad-unit"}, "year": 2024, "documents": {}}\n');
  const r = cli(dir, ['bad-unit', '2025']);
  assert.is(r.status, 1);
  assert.is(r.stderr, 'data/bad-unit/2024.json 没有通过 JSON 或 Schema 检查，无法沿用。请先修正：npm run check -- data/bad-unit/2024.json\n');
});

test.run();
