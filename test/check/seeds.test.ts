/**
 * The corpus test: every data file under data/ checks with zero errors (the bundled data builds), and
 * for each of the four seeds, check finds the inconsistencies that the independent manual analysis
 * (docs/seeds/<n>.md) lists, with the rule and the place. Expectations come from those notes (note
 * numbers are cited), not from check's output. Places are looked up in the data by content (a row by
 * its code, a project by its name), so reordering the data does not break the test.
 *
 * What the notes list but check does not detect (yet) is not tested here; see docs/seeds.md.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { checkFiles, listDataFiles, type CheckResult } from '../../scripts/lib/check/check.ts';
import type { Finding, Severity } from '../../scripts/lib/check/findings.ts';
import type { AnyDocument, UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
let cached: CheckResult | undefined;
const result = () => (cached ??= checkFiles(root));

const SEED = {
  '000': 'data/huaibei-ylsy/2024.json',
  '001': 'data/huaibei-ybj/2023.json',
  '002': 'data/sixian-ybj/2024.json',
  '004': 'data/jiyuan-ybj/2021.json',
} as const;

function file(path: string): { data: UnitYearFile; findings: Finding[] } {
  const f = result().files.find((x) => x.file === path);
  assert.ok(f, `${path} was checked`);
  assert.ok(f!.data, `${path} passed the schema`);
  return { data: f!.data!, findings: f!.findings };
}

/**
 * The findings of `rule` at exactly `pointer` (in the document `kind`), at least one, all of
 * `severity`. An acknowledged error is a warning that carries the unit's reason.
 */
function at(
  findings: Finding[],
  rule: string,
  pointer: string,
  severity: Severity | 'acknowledged',
  values?: { expected?: string; found?: string; says?: string[] },
): Finding[] {
  const hits = findings.filter((f) => f.rule === rule && f.pointer === pointer);
  assert.ok(
    hits.length > 0,
    `${rule} at ${pointer}; found there: ${findings.filter((f) => f.pointer === pointer).map((f) => f.rule).join(', ') || 'nothing'}`,
  );
  for (const f of hits) {
    assert.is(f.severity, severity === 'acknowledged' ? 'warning' : severity, `${rule} at ${pointer}`);
    if (severity === 'acknowledged') assert.ok(f.acknowledged, `acknowledged reason on ${rule} at ${pointer}`);
  }
  if (values) {
    const ok = hits.some(
      (f) =>
        (values.expected === undefined || f.expected === values.expected) &&
        (values.found === undefined || f.found === values.found) &&
        (values.says ?? []).every((s) => f.message.includes(s)),
    );
    assert.ok(ok, `${rule} at ${pointer} with ${JSON.stringify(values)}; got ${JSON.stringify(hits.map((f) => [f.expected, f.found, f.message]))}`);
  }
  return hits;
}

function none(findings: Finding[], pred: (f: Finding) => boolean, what: string): void {
  const hits = findings.filter(pred);
  assert.is(hits.length, 0, `${what}: ${hits.map((f) => `${f.rule} ${f.pointer}`).join(', ')}`);
}

const rowIndex = (doc: AnyDocument, code: string) => {
  const i = doc.expenditure.findIndex((r) => r.code === code);
  assert.ok(i >= 0, `row ${code}`);
  return i;
};
const projectIndex = (doc: AnyDocument, name: string) => {
  const i = doc.projects.findIndex((p) => p.name === name);
  assert.ok(i >= 0, `project ${name}`);
  return i;
};
const costIndicator = (doc: AnyDocument, project: string, level3: string) => {
  const p = projectIndex(doc, project);
  const j = doc.projects[p]!.indicators.findIndex((x) => x.level3 === level3);
  assert.ok(j >= 0, `indicator ${level3} of ${project}`);
  return `/projects/${p}/indicators/${j}/value`;
};

// ─── the corpus ──────────────────────────────────────────────────────────────────────────────────

test('corpus: every data file checks with zero errors, and every acknowledgement is used', () => {
  const r = result();
  const files = listDataFiles(root);
  assert.ok(files.length >= 4);
  assert.is(r.files.length, files.length);
  for (const f of r.files) assert.ok(f.data, `${f.file} builds`);
  const errors = r.findings.filter((f) => f.severity === 'error');
  assert.equal(errors.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.message}`), []);
  none(r.findings, (f) => f.rule === 'ack.unused', 'unused acknowledgements');
  // the reference and profile files load cleanly
  assert.equal(r.library.findings, []);
});

test('corpus: every finding is placed in its file (line, column, pointer) and speaks Chinese', () => {
  for (const f of result().findings) {
    assert.ok(f.line >= 1 && f.column >= 1, `${f.file} ${f.rule}`);
    assert.ok(f.pointer.startsWith('/'), `${f.file} ${f.rule} pointer ${f.pointer}`);
    assert.match(f.message, /[\u4e00-\u9fff]/);
  }
});

// ─── seed 002: 泗县医疗保障局 2024 部门预算 ─────────────────────────────────────────────────────

test('002: 收入总表 listed but not printed (note 1), acknowledged', () => {
  const { findings } = file(SEED['002']);
  at(findings, 'complete.table-missing', '/documents/budget/missingTables/0', 'acknowledged', { says: ['收入总表'] });
});

test('002: 三公 items in the budget but no 三公 section (note 3)', () => {
  const { findings } = file(SEED['002']);
  const hits = at(findings, 'plaus.three-public-missing', '/documents/budget/threePublic', 'warning');
  const text = hits.map((f) => f.message).join('\n');
  assert.ok(text.includes('公务接待费 8.8万元'), text); // 30217
  assert.ok(text.includes('公务用车运行维护费 2万元'), text); // 30231
  assert.ok(text.includes('公务用车'), text); // the planned vehicle (project 公务用车更新配备)
});

test('002: 2101501 基本支出小计 224.41 against 149.15 + 75.27 = 224.42, rounding (note 4)', () => {
  const { data, findings } = file(SEED['002']);
  const i = rowIndex(data.documents.budget!, '2101501');
  at(findings, 'round.amount', `/documents/budget/expenditure/${i}/basic`, 'notice', { expected: '224.42万元', found: '224.41万元' });
});

test('002: 公用经费 126.81 printed for 款 21015, 类 210 and the 基本支出表, against 126.82 (note 5)', () => {
  const { data, findings } = file(SEED['002']);
  const doc = data.documents.budget!;
  for (const code of ['210', '21015']) {
    at(findings, 'round.amount', `/documents/budget/expenditure/${rowIndex(doc, code)}/public`, 'notice', { expected: '126.82万元', found: '126.81万元' });
  }
  // The 项 row 2101501 counts with its printed 基本支出 224.41 (within rounding of 149.15 + 75.27), so
  // the 款 21015 basic 629.62 = 224.41 + 405.21 matches and the 0.01 no longer cascades upwards.
  assert.not.ok(findings.some((f) => f.pointer === `/documents/budget/expenditure/${rowIndex(doc, '21015')}/basic`));
  at(findings, 'round.amount', '/documents/budget/economic', 'notice', { says: ['公用经费', '126.82万元', '126.81万元'] });
});

test('002: previous-year lines add to 1156.89 against the stated 1151.89 (note 7), acknowledged', () => {
  const { findings } = file(SEED['002']);
  at(findings, 'figure.previous-sum', '/documents/budget/figures/gpb.total/previous', 'acknowledged', {
    expected: '1156.89万元',
    found: '1151.89万元',
    says: ['5万元'],
  });
});

test('002: "减少0万元" for 2080109 and 2101599 where the amount is unchanged (note 8)', () => {
  const { findings } = file(SEED['002']);
  for (const code of ['2080109', '2101599']) {
    at(findings, 'text.change-word', `/documents/budget/figures/gpb:${code}/stated/changeWord`, 'warning', { expected: '持平', found: '减少' });
  }
});

test('002: growth of 100% from a zero base for 2101301 and for 政府采购 (note 9)', () => {
  const { findings } = file(SEED['002']);
  for (const key of ['gpb:2101301', 'procurement.total']) {
    at(findings, 'plaus.zero-base', `/documents/budget/figures/${key}/stated/changeRate`, 'warning', { found: '100%' });
  }
});

test('002: all stated rates and shares agree with the stated changes (note 11): no rate or share finding', () => {
  const { findings } = file(SEED['002']);
  none(findings, (f) => /^(figure\.(change-rate|share)|round\.percent)$/.test(f.rule), 'rate/share findings');
});

test('002: project unit printed "…管理中心" against "…管理服务中心" in the unit list (note 16)', () => {
  const { data, findings } = file(SEED['002']);
  const p = projectIndex(data.documents.budget!, '2024-城乡医疗救助');
  at(findings, 'plaus.unit-name', `/documents/budget/projects/${p}/printedUnit`, 'warning', {
    expected: '泗县城乡居民基本医疗保险管理服务中心',
    found: '泗县城乡居民基本医疗保险管理中心',
  });
});

test('002: 城乡医疗救助 cost indicator 49650000元 above the 1760万元 budget (note 24); the others equal their budgets', () => {
  const { data, findings } = file(SEED['002']);
  const doc = data.documents.budget!;
  at(findings, 'plaus.cost-indicator', `/documents/budget${costIndicator(doc, '2024-城乡医疗救助', '救助资金使用金额')}`, 'warning', {
    found: '49650000元',
    says: ['1760万元'],
  });
  assert.is(findings.filter((f) => f.rule === 'plaus.cost-indicator').length, 1);
});

test('002: no 批复 date, so the 20-day deadline cannot be checked (encoding note)', () => {
  const { findings } = file(SEED['002']);
  at(findings, 'plaus.no-approval-date', '/documents/budget/approvedDate', 'notice');
});

// ─── seed 001: 淮北市医疗保障局本级 2023 单位决算 ───────────────────────────────────────────────

test('001: class 210 stated 886.15, its lines add to 888.77 (note 1), acknowledged', () => {
  const { findings } = file(SEED['001']);
  at(findings, 'figure.amount', '/documents/final/figures/gpb:210/stated/amount', 'acknowledged', { expected: '888.77万元', found: '886.15万元', says: ['2.62万元'] });
});

test('001: class 221 stated 37.13, lines add to 37.14: rounding (note 2)', () => {
  const { findings } = file(SEED['001']);
  at(findings, 'round.amount', '/documents/final/figures/gpb:221/stated/amount', 'notice', { expected: '37.14万元', found: '37.13万元' });
});

test('001: the twelve lines add to 969.63, not the stated 967 (note 3), acknowledged', () => {
  const { findings } = file(SEED['001']);
  at(findings, 'arith.balance', '/documents/final/income', 'acknowledged', { says: ['967万元', '969.63万元', '2.63万元'] });
  for (const key of ['expenditure.total', 'expenditure.current', 'gpb.total']) {
    at(findings, 'figure.amount', `/documents/final/figures/${key}/stated/amount`, 'acknowledged', { expected: '969.63万元', found: '967万元' });
  }
});

test('001: line budgets add to 290.97 against the stated 年初预算 776.96 (note 4), acknowledged', () => {
  const { findings } = file(SEED['001']);
  at(findings, 'figure.amount', '/documents/final/figures/gpb.total/stated/budget', 'acknowledged', { expected: '290.97万元', found: '776.96万元' });
});

test('001: 卫生健康 share 91.65 is off (note 8)', () => {
  const { findings } = file(SEED['001']);
  at(findings, 'round.percent', '/documents/final/figures/gpb:210/stated/share', 'notice', { found: '91.65' });
});

test('001: "增加减少" left in the 机关运行经费 sentence (note 13)', () => {
  const { findings } = file(SEED['001']);
  at(findings, 'plaus.placeholder', '/documents/final/figures/operatingCost/stated/changeWord', 'warning', { found: '增加减少' });
});

test('the clerks\' doubled words in the seeds: 部门部门 (002 note 21), 资金资金 and a clause twice (001 notes 6, 24), 医疗保险医疗保险 (004)', () => {
  at(file(SEED['002']).findings, 'text.doubled', '/documents/budget/narrative/organisation', 'warning', { found: '部门部门' });
  const seed001 = file(SEED['001']).findings;
  at(seed001, 'text.doubled', '/documents/final/figures/gpb:2101505/budgetReason', 'warning', { found: '资金资金' });
  at(seed001, 'text.doubled', '/documents/final/narrative/evaluation', 'warning', { found: '从评价情况看，从评价情况看，' });
  const seed004 = file(SEED['004']).findings;
  at(seed004, 'text.doubled', '/documents/budget/projects/12/basis', 'warning', { found: '医疗保险医疗保险' });
  at(seed004, 'text.doubled', '/documents/budget/projects/12/measures', 'warning', { found: '医疗保险医疗保险' });
});

test('000: the quotation opened and never closed in a project\'s 立项依据', () => {
  at(file(SEED['000']).findings, 'text.brackets', '/documents/budget/projects/3/basis', 'warning', {});
});

test('001: SME shares 40.59 and 21.83 are right (note 16): no finding on them', () => {
  const { findings } = file(SEED['001']);
  none(findings, (f) => f.pointer.startsWith('/documents/final/figures/procurement.'), 'procurement figure findings');
});

test('001: no "三公" section although the profile requires its table (note 19), acknowledged', () => {
  const { findings } = file(SEED['001']);
  at(findings, 'complete.table-missing', '/documents/final/threePublic', 'acknowledged', { says: ['“三公”经费'] });
});

test('001: no publication date printed anywhere (note 43)', () => {
  const { findings } = file(SEED['001']);
  at(findings, 'plaus.no-published-date', '/documents/final/publishedDate', 'warning');
});

// ─── seed 000: 淮北市医疗生育保险管理服务中心 2024 单位预算 ──────────────────────────────────────

test('000: 类 210 2669.85 vs 2669.86 and 类 221 77.2 vs 77.21: rounding (§1)', () => {
  const { findings } = file(SEED['000']);
  for (const group of ['gpb', 'fiscal']) {
    at(findings, 'round.amount', `/documents/budget/figures/${group}:210/stated/amount`, 'notice', { expected: '2669.86万元', found: '2669.85万元' });
    at(findings, 'round.amount', `/documents/budget/figures/${group}:221/stated/amount`, 'notice', { expected: '77.21万元', found: '77.2万元' });
  }
});

test('000: the 12 lines add to 2828.61 against 2828.59 stated (§1)', () => {
  const { findings } = file(SEED['000']);
  at(findings, 'round.amount', '/documents/budget/income', 'notice', { says: ['2828.59万元', '2828.61万元'] });
  at(findings, 'round.amount', '/documents/budget/figures/gpb.total/stated/amount', 'notice', { expected: '2828.61万元', found: '2828.59万元' });
});

test('000: implied previous-year lines add to 2877.84 against 2877.83 (§1)', () => {
  const { findings } = file(SEED['000']);
  at(findings, 'round.amount', '/documents/budget/figures/gpb.total/previous', 'notice', { expected: '2877.84万元', found: '2877.83万元' });
});

test('000: six per-line rates differ from their figures (§2); the four correct ones have no finding', () => {
  const { findings } = file(SEED['000']);
  const wrong: Array<[string, string, string]> = [
    ['2080502', '25.98', '25.95'],
    ['2080505', '-7.00', '-7.01'],
    ['2080506', '-7.02', '-7.01'],
    ['2089999', '-6.71', '-6.5'],
    ['2101103', '-1.44', '-1.45'],
    ['2210203', '-1.15', '-1.17'],
  ];
  for (const [code, expected, found] of wrong) {
    at(findings, 'round.percent', `/documents/budget/figures/gpb:${code}/stated/changeRate`, 'notice', { expected, found });
  }
  for (const code of ['2101102', '2101202', '2101506', '2210201']) {
    none(findings, (f) => f.pointer.startsWith(`/documents/budget/figures/gpb:${code}/`), `findings on ${code}`);
  }
});

test('000: zero incomes described as "增加0万元，增长0%" (§3)', () => {
  const { findings } = file(SEED['000']);
  for (const key of ['income.gfb', 'income.specialAccount']) {
    at(findings, 'text.change-word', `/documents/budget/figures/${key}/stated/changeWord`, 'warning', { expected: '持平', found: '增加' });
    at(findings, 'plaus.zero-base', `/documents/budget/figures/${key}/stated/changeRate`, 'warning');
  }
});

test('000: cost indicators above the annual budget for projects 3, 4 and 5 (§5); not for 1 and 2', () => {
  const { data, findings } = file(SEED['000']);
  const doc = data.documents.budget!;
  const above: Array<[string, string, string]> = [
    ['"二乙"人员医疗补助', '项目成本', '150万元'],
    ['计算机网络运行费', '系统维护运转费', '10万元'],
    ['医保智能监控系统维护及稽核等专项经费', '项目计划总成本', '23万元'],
  ];
  for (const [project, level3, budget] of above) {
    at(findings, 'plaus.cost-indicator', `/documents/budget${costIndicator(doc, project, level3)}`, 'warning', { expected: `≤ ${budget}` });
  }
  for (const project of ['城乡居民基本医疗保险', '医疗生育保险经办费']) {
    const p = projectIndex(doc, project);
    none(findings, (f) => f.pointer.startsWith(`/documents/budget/projects/${p}/`), `findings on ${project}`);
  }
});

test('000: no "三公" section at all (§0)', () => {
  const { findings } = file(SEED['000']);
  at(findings, 'complete.section-missing', '/documents/budget/threePublic', 'warning', { says: ['三公'] });
});

test('000: no publication date printed (§0)', () => {
  const { findings } = file(SEED['000']);
  at(findings, 'plaus.no-published-date', '/documents/budget/publishedDate', 'warning');
});

// ─── seed 004: 济源产城融合示范区医疗保障局 2021 部门预算 ────────────────────────────────────────

test('004: four listed tables not printed, acknowledged', () => {
  const { data, findings } = file(SEED['004']);
  const missing = data.documents.budget!.missingTables ?? [];
  assert.equal([...missing].sort(), ['economicSummary', 'gpbBasic', 'income', 'summary']);
  const names: Record<string, string> = { summary: '收支总表', income: '收入总表', economicSummary: '支出经济分类汇总表', gpbBasic: '一般公共预算基本支出表' };
  missing.forEach((id, i) => {
    at(findings, 'complete.table-missing', `/documents/budget/missingTables/${i}`, 'acknowledged', { says: [names[id]!] });
  });
});

test('004: the 92.2 carry-over is in none of the fiscal tables, acknowledged', () => {
  const { findings } = file(SEED['004']);
  at(findings, 'figure.amount', '/documents/budget/figures/gpb.total/table', 'acknowledged', { expected: '7209.3万元', found: '7117.1万元', says: ['92.2万元'] });
  at(findings, 'figure.amount', '/documents/budget/figures/fiscal:210/table', 'acknowledged', { expected: '5952.9万元', found: '5860.7万元' });
  at(findings, 'figure.amount', '/documents/budget/figures/gpb:210/table', 'acknowledged', { expected: '5952.9万元', found: '5860.7万元' });
});

test('004: 公务接待费 growth of 100% from a zero base', () => {
  const { findings } = file(SEED['004']);
  at(findings, 'plaus.zero-base', '/documents/budget/figures/threePublic.reception/stated/changeRate', 'warning', { found: '100%' });
});

test('004: project tables total 4543.5 against 项目支出 4657.7, leaving 114.2 (Projects), acknowledged', () => {
  const { findings } = file(SEED['004']);
  at(findings, 'arith.cross-table', '/documents/budget/projects', 'acknowledged', { says: ['4543.5万元', '4657.7万元', '114.2万元'] });
});

test('004: 2080108 printed "信息化建设（人力资源和社会保障管理事务）", standard name 信息化建设', () => {
  const { data, findings } = file(SEED['004']);
  const i = rowIndex(data.documents.budget!, '2080108');
  at(findings, 'ref.name-mismatch', `/documents/budget/expenditure/${i}/name`, 'warning', { expected: '信息化建设' });
});

test('004: table arithmetic is all consistent: no row, subtotal or parts finding', () => {
  const { findings } = file(SEED['004']);
  none(findings, (f) => /^arith\.(row|subtotal|parts)$/.test(f.rule) || f.rule === 'round.amount', 'table arithmetic findings');
});

test('004: no 批复 date (approvedDate null)', () => {
  const { findings } = file(SEED['004']);
  at(findings, 'plaus.no-approval-date', '/documents/budget/approvedDate', 'notice');
});

test.run();
