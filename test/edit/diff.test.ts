/**
 * `npm run diff`: real edits of seed 002 (an amount changed, a project added with its 绩效目标, a
 * reason rewritten) give exactly the hand-written Markdown below; the JSON carries the same content;
 * hostile text stays text; the command finds its files in git (working tree, new, deleted files,
 * the default base) and answers usage mistakes in Chinese with exit 2.
 *
 * Every expected value is worked out by hand from the seed and the message catalogue (sums beside
 * them). Only the line numbers of the findings are looked up, by a plain text search in the edited
 * file, so the expectation does not depend on the JSON reader under test.
 */
import { test } from 'uvu';
import { tempFolders } from '../helpers/temps.ts';
import * as assert from 'uvu/assert';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import MarkdownIt from 'markdown-it';
import { DomUtils, parseDocument } from 'htmlparser2';
import { diffContents, shorten } from '../../scripts/lib/edit/diff.ts';
import { formatJson, formatMarkdown } from '../../scripts/lib/edit/diff-format.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { hostileCopy, HOSTILE } from '../helpers/hostile.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const lib = loadLibrary(root);
const FILE = 'data/sixian-ybj/2024.json';
const STACK = /^\s+at \S/m;

/** Temporary folders, removed after the suite. */
const mkdtempSync = tempFolders(test);

const seedText = readFileSync(join(root, FILE), 'utf8');
const seed = () => JSON.parse(seedText) as UnitYearFile;
const text = (data: unknown) => JSON.stringify(data, null, 2) + '\n';

/** The pull request: 办公费 up 1 万元, a new project of 10 万元 with two indicators, a reason rewritten. */
function edited(): UnitYearFile {
  const data = seed();
  const b = data.documents.budget!;
  const office = b.economic.find((r) => r.code === '30201')!;
  office.total = 46.23;
  office.public = 46.23;
  b.projects.push({
    name: '医保信息化运维',
    type: '其他运转类',
    unit: '泗县医疗保障局本级',
    funds: { gpb: 10 },
    total: 10,
    indicators: [
      { level1: '产出指标', level2: '数量指标', level3: '系统运维次数', value: '≥12次' },
      { level1: '满意度指标', level2: '服务对象满意度指标', level3: '参保群众满意度', value: '≥90%' },
    ],
  });
  b.figures['gpb:2101102']!.reason = '事业编制人员增加2人，医疗保险缴费相应增加。';
  return data;
}

/** 1-based line of the first `needle` at or after the first `after` (a plain text search). */
function lineOf(t: string, needle: string, after = ''): number {
  const from = t.indexOf(after);
  const at = t.indexOf(needle, from);
  assert.ok(from >= 0 && at >= 0, `${needle} after ${after}`);
  return t.slice(0, at).split('\n').length;
}

async function diffOf(newText: string, base = 'HEAD（abc1234）') {
  return diffContents([{ file: FILE, old: Buffer.from(seedText), new: Buffer.from(newText) }], lib, base);
}

test('real edits of seed 002: the Markdown for the pull request, exactly', async () => {
  assert.is(text(seed()), seedText, 'the seed is in the 2-space format the edit is written in');
  const t = text(edited());
  const L = {
    economic: lineOf(t, '"economic": ['),
    total302: lineOf(t, '"total": 117.81', '"code": "302"'),
    public302: lineOf(t, '"public": 117.81', '"code": "302"'),
    projects: lineOf(t, '"projects": ['),
    ptTable: lineOf(t, '"table": 2145', '"projects.total": {'),
    ptAmount: lineOf(t, '"amount": 2145', '"projects.total": {'),
    ptChange: lineOf(t, '"change": 1778', '"projects.total": {'),
    ptRate: lineOf(t, '"changeRate": 484.47', '"projects.total": {'),
    pgTable: lineOf(t, '"table": 2145', '"projects.gpb": {'),
    pgAmount: lineOf(t, '"amount": 2145', '"projects.gpb": {'),
  };
  const oldEconomic = lineOf(seedText, '"economic": [');
  const expected = `# 数据改动（与 HEAD（abc1234） 相比）

数据文件 1 个：修改 1 个。

## data/sixian-ybj/2024.json（修改）

### 预算

#### 金额改动（4 处，单位：万元）

| 表 | 行 | 列 | 原数 | 新数 | 增减 |
| --- | --- | --- | ---: | ---: | ---: |
| 部门公开表6 一般公共预算基本支出表 | 30201 办公费 | 合计 | 45.23 | 46.23 | +1.00 |
| 部门公开表6 一般公共预算基本支出表 | 30201 办公费 | 公用经费 | 45.23 | 46.23 | +1.00 |
| 部门公开表9 项目支出表 | 医保信息化运维 | 本年财政拨款：一般公共预算 | — | 10.00 | +10.00 |
| 部门公开表9 项目支出表 | 医保信息化运维 | 总计 | — | 10.00 | +10.00 |

#### 公开表中随之变化的合计和小计（6 处，单位：万元）

| 表 | 行 | 列 | 原数 | 新数 | 增减 |
| --- | --- | --- | ---: | ---: | ---: |
| 部门公开表6 一般公共预算基本支出表 | 302 商品和服务支出 | 本年一般公共预算基本支出／合计 | 117.81 | 118.81 | +1.00 |
| 部门公开表6 一般公共预算基本支出表 | 302 商品和服务支出 | 本年一般公共预算基本支出／公用经费 | 117.81 | 118.81 | +1.00 |
| 部门公开表6 一般公共预算基本支出表 | 合计 | 本年一般公共预算基本支出／合计 | 660.56 | 661.56 | +1.00 |
| 部门公开表6 一般公共预算基本支出表 | 合计 | 本年一般公共预算基本支出／公用经费 | 126.81 | 127.81 | +1.00 |
| 部门公开表9 项目支出表 | 合计 | 总计 | 2145.00 | 2155.00 | +10.00 |
| 部门公开表9 项目支出表 | 合计 | 本年财政拨款／一般公共预算 | 2145.00 | 2155.00 | +10.00 |

#### 情况说明中随之变化的数字和占比（2 处）

| 数字 | 原数 | 新数 | 增减 |
| --- | ---: | ---: | ---: |
| 项目支出表合计 | 2145.00万元 | 2155.00万元 | +10.00万元 |
| 项目支出：一般公共预算拨款 | 2145.00万元 | 2155.00万元 | +10.00万元 |

#### 新增和删除（1 处）

- 新增 项目「医保信息化运维」

<details>
<summary>新增的项目「医保信息化运维」的内容</summary>

| 字段 | 内容 |
| --- | --- |
| 项目名称 | 医保信息化运维 |
| 项目类型 | 其他运转类 |
| 项目单位 | 泗县医疗保障局本级 |
| 项目资金 › 本年财政拨款：一般公共预算 | 10.00万元 |
| 总计 | 10.00万元 |

绩效指标 2 条：

| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| --- | --- | --- | --- |
| 产出指标 | 数量指标 | 系统运维次数 | ≥12次 |
| 满意度指标 | 服务对象满意度指标 | 参保群众满意度 | ≥90% |

</details>

#### 文字改动（1 处）

| 字段 | 原文 | 新文 |
| --- | --- | --- |
| 数字及其说明「gpb\\:2101102」 › 比上年增减的原因 | 事业人员增加，医疗保险费增加。 | 事业编制人员增加2人，医疗保险缴费相应增加。 |

### 检查结果的变化

新出现 11 条（错误 11），消失 1 条（提示 1）。

<details>
<summary>新出现的 11 条（错误 11）</summary>

| 严重程度 | 规则 | 位置 | 说明 |
| --- | --- | --- | --- |
| 错误 | arith.cross-table | 新文件第 ${L.economic} 行 /documents/budget/economic | 一般公共预算支出表的公用经费（126.82万元）与一般公共预算基本支出表的公用经费（127.81万元）应当相等，相差 0.99万元。 |
| 错误 | arith.cross-table | 新文件第 ${L.economic} 行 /documents/budget/economic | 一般公共预算支出表的基本支出（660.56万元）与一般公共预算基本支出表的基本支出（661.56万元）应当相等，相差 1万元。 |
| 错误 | arith.subtotal | 新文件第 ${L.total302} 行 /documents/budget/economic/11/total | 类 302 的合计不等于其下各科目之和：所印 117.81万元，按明细计算为 118.81万元，相差 1万元。 |
| 错误 | arith.subtotal | 新文件第 ${L.public302} 行 /documents/budget/economic/11/public | 类 302 的公用经费不等于其下各科目之和：所印 117.81万元，按明细计算为 118.81万元，相差 1万元。 |
| 错误 | arith.cross-table | 新文件第 ${L.projects} 行 /documents/budget/projects | 项目支出表合计（2155万元）与支出表的项目支出（2145万元）应当相等，相差 10万元。 |
| 错误 | figure.amount | 新文件第 ${L.ptTable} 行 /documents/budget/figures/projects.total/table | 表中合计“项目支出表合计”为 2145万元，按表中数字计算为 2155万元，相差 10万元。 |
| 错误 | figure.amount | 新文件第 ${L.ptAmount} 行 /documents/budget/figures/projects.total/stated/amount | 说明中“项目支出表合计”为 2145万元，按表中数字计算为 2155万元，相差 10万元。 |
| 错误 | figure.change | 新文件第 ${L.ptChange} 行 /documents/budget/figures/projects.total/stated/change | 说明中“项目支出表合计”比上年增减写为 1778万元，按本年 2155万元 减上年 367万元 计算应为 1788万元。 |
| 错误 | figure.change-rate | 新文件第 ${L.ptRate} 行 /documents/budget/figures/projects.total/stated/changeRate | 说明中“项目支出表合计”增减幅度写为 484.47%，按 1788万元 ÷ 367万元 计算应为 487.19%。 |
| 错误 | figure.amount | 新文件第 ${L.pgTable} 行 /documents/budget/figures/projects.gpb/table | 表中合计“项目支出：一般公共预算拨款”为 2145万元，按表中数字计算为 2155万元，相差 10万元。 |
| 错误 | figure.amount | 新文件第 ${L.pgAmount} 行 /documents/budget/figures/projects.gpb/stated/amount | 说明中“项目支出：一般公共预算拨款”为 2145万元，按表中数字计算为 2155万元，相差 10万元。 |

</details>

<details>
<summary>消失的 1 条（提示 1）</summary>

| 严重程度 | 规则 | 位置 | 说明 |
| --- | --- | --- | --- |
| 提示 | round.amount | 原文件第 ${oldEconomic} 行 /documents/budget/economic | 一般公共预算支出表的公用经费（126.82万元）与一般公共预算基本支出表的公用经费（126.81万元）应当相等，相差 0.01万元。（差额在四舍五入范围内，属于尾差。） |

</details>
`;
  assert.fixture(formatMarkdown(await diffOf(t)), expected);
});

test('--format json: the same content as structured data', async () => {
  const report = JSON.parse(formatJson(await diffOf(text(edited())))) as Record<string, unknown>;
  const file = (report.files as Array<Record<string, unknown>>)[0]!;
  assert.is(report.base, 'HEAD（abc1234）');
  assert.is(file.file, FILE);
  assert.is(file.status, 'modified');
  const doc = (file.documents as Array<Record<string, unknown>>)[0]!;
  assert.is(doc.kind, 'budget');
  assert.is(doc.unit, '万元');
  assert.equal(doc.amounts, [
    { pointer: '/documents/budget/economic/12/total', table: '部门公开表6 一般公共预算基本支出表', row: '30201 办公费', column: '合计', old: '45.23', new: '46.23', change: '+1.00' },
    { pointer: '/documents/budget/economic/12/public', table: '部门公开表6 一般公共预算基本支出表', row: '30201 办公费', column: '公用经费', old: '45.23', new: '46.23', change: '+1.00' },
    { pointer: '/documents/budget/projects/5/funds/gpb', table: '部门公开表9 项目支出表', row: '医保信息化运维', column: '本年财政拨款：一般公共预算', old: null, new: '10.00', change: '+10.00' },
    { pointer: '/documents/budget/projects/5/total', table: '部门公开表9 项目支出表', row: '医保信息化运维', column: '总计', old: null, new: '10.00', change: '+10.00' },
  ]);
  assert.equal(doc.derivedFigures, [
    { key: 'projects.total', label: '项目支出表合计', what: 'amount', old: '2145.00万元', new: '2155.00万元', change: '+10.00万元' },
    { key: 'projects.gpb', label: '项目支出：一般公共预算拨款', what: 'amount', old: '2145.00万元', new: '2155.00万元', change: '+10.00万元' },
  ]);
  assert.equal((doc.derivedCells as unknown[]).length, 6);
  assert.equal(doc.texts, [
    {
      pointer: '/documents/budget/figures/gpb:2101102/reason',
      field: '数字及其说明「gpb:2101102」 › 比上年增减的原因',
      old: '事业人员增加，医疗保险费增加。',
      new: '事业编制人员增加2人，医疗保险缴费相应增加。',
    },
  ]);
  const items = doc.items as Array<Record<string, unknown>>;
  assert.is(items.length, 1);
  assert.equal(
    { ...items[0], fields: undefined },
    {
      pointer: '/documents/budget/projects/5',
      change: 'added',
      what: '项目',
      label: '医保信息化运维',
      fields: undefined,
      indicators: [
        { level1: '产出指标', level2: '数量指标', level3: '系统运维次数', value: '≥12次' },
        { level1: '满意度指标', level2: '服务对象满意度指标', level3: '参保群众满意度', value: '≥90%' },
      ],
    },
  );
  const findings = file.findings as { appeared: Array<Record<string, unknown>>; disappeared: Array<Record<string, unknown>> };
  assert.is(findings.appeared.length, 11);
  assert.equal(findings.disappeared.map((f) => [f.severity, f.rule, f.pointer]), [['notice', 'round.amount', '/documents/budget/economic']]);
});

test('an amount of a function row: table, row, column, and the totals the booklet prints', async () => {
  const data = seed();
  const row = data.documents.budget!.expenditure.find((r) => r.code === '2101102')!;
  row.total = 26.42;
  row.basic = 26.42;
  row.personnel = 26.42;
  const report = await diffOf(text(data));
  const doc = report.files[0]!.documents[0]!;
  assert.equal(
    doc.amounts.map((a) => `${a.table}|${a.row}|${a.column}|${a.old}|${a.new}|${a.change}`),
    ['合计', '基本支出小计', '人员经费'].map((c) => `部门公开表5 一般公共预算支出表|2101102 事业单位医疗|${c}|25.42|26.42|+1.00`),
  );
  const cells = (table: string) => doc.derivedCells.filter((c) => c.table === table).map((c) => `${c.row}|${c.column}|${c.old}|${c.new}`);
  // 收支总表: 卫生健康支出 2800.56 (all but 208's 5), 本年支出小计 and 支出总计 2805.56, each +1.
  assert.equal(cells('部门公开表1 收支总表'), [
    '九、卫生健康支出|支出／预算数|2800.56|2801.56',
    '本年支出小计|支出／预算数|2805.56|2806.56',
    '支出总计|支出／预算数|2805.56|2806.56',
  ]);
  // 一般公共预算支出表: 类 210, 款 21011 (362.52 + 25.42 = 387.94; basic 5.52 + 25.42 = 30.94) and 合计.
  assert.equal(cells('部门公开表5 一般公共预算支出表'), [
    '210 卫生健康支出|合计|2800.56|2801.56',
    '210 卫生健康支出|基本支出／小计|660.56|661.56',
    '210 卫生健康支出|基本支出／人员经费|533.75|534.75',
    '21011 行政事业单位医疗|合计|387.94|388.94',
    '21011 行政事业单位医疗|基本支出／小计|30.94|31.94',
    '21011 行政事业单位医疗|基本支出／人员经费|30.94|31.94',
    '合计|合计|2805.56|2806.56',
    '合计|基本支出／小计|660.56|661.56',
    '合计|基本支出／人员经费|533.75|534.75',
  ]);
  // Shares move with the denominator: 基本支出 660.56/2805.56 = 23.545…% → 661.56/2806.56 = 23.571…%.
  const share = doc.derivedFigures.find((f) => f.key === 'expenditure.basic' && f.what === 'share')!;
  assert.equal(share, { key: 'expenditure.basic', label: '基本支出占本年支出合计的比例', what: 'share', old: '23.54%', new: '23.57%', change: '+0.03个百分点' });
  // 2101301 城乡医疗救助 1760/2805.56 = 62.732…% → 1760/2806.56 = 62.710…%.
  const relief = doc.derivedFigures.find((f) => f.key === 'gpb:2101301' && f.what === 'share')!;
  assert.equal([relief.old, relief.new, relief.change], ['62.73%', '62.71%', '-0.02个百分点']);
  assert.ok(report.files[0]!.findings.appeared.some((f) => f.rule === 'arith.balance'));
});

test('hostile text stays text: escaped, one cell, no markup', async () => {
  const data = seed();
  const reason = '<b>x</b>|**粗**[链](javascript:y)\n@u$x$';
  data.documents.budget!.figures['gpb:2101102']!.reason = reason;
  const md = formatMarkdown(await diffOf(text(data), 'HEAD（abc1234）'));
  assert.fixture(
    md,
    `# 数据改动（与 HEAD（abc1234） 相比）

数据文件 1 个：修改 1 个。

## data/sixian-ybj/2024.json（修改）

### 预算

#### 文字改动（1 处）

| 字段 | 原文 | 新文 |
| --- | --- | --- |
| 数字及其说明「gpb\\:2101102」 › 比上年增减的原因 | 事业人员增加，医疗保险费增加。 | &lt;b&gt;x&lt;/b&gt;&#124;\\*\\*粗\\*\\*\\[链\\](javascript\\:y)<br>\\@u\\$x\\$ |

### 检查结果的变化

检查结果没有变化。
`,
  );
  // Rendered as GitHub would (raw HTML allowed): the cell holds the text as typed, nothing else.
  const dom = parseDocument(new MarkdownIt({ html: true }).render(md));
  const cells = DomUtils.findAll((n) => n.name === 'td', dom.children);
  assert.is(cells.length, 3);
  assert.is(DomUtils.textContent(cells[2]!), reason.replace('\n', ''));
  assert.equal(DomUtils.findAll((n) => ['b', 'a', 'strong', 'img', 'script'].includes(n.name), dom.children).length, 0);
});

test('a whole seed made hostile: every table stays rectangular, no markup but the layout', async () => {
  const { data } = hostileCopy(root, FILE);
  const report = await diffContents([{ file: FILE, old: Buffer.from(seedText), new: Buffer.from(text(data)) }], lib, '<img src=x>');
  const md = formatMarkdown(report);
  const doc = report.files[0]!.documents[0]!;
  // Texts edited in place are text changes; items whose every identifying text changed (projects,
  // glossary entries) are removed and added.
  assert.ok(doc.texts.some((t) => t.field === '文字部分 › 主要职责' && t.new === `${Array.from(HOSTILE).slice(0, 40).join('')}…`));
  assert.ok(doc.items.some((i) => i.change === 'added' && i.what === '项目' && i.label === HOSTILE));
  const dom = parseDocument(new MarkdownIt({ html: true }).render(md));
  // strong and code only in the formatter's own note when a long report is cut (the hostile texts
  // trip the text rules on every string, so this report is cut)
  const allowed = new Set(['h1', 'h2', 'h3', 'h4', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'details', 'summary', 'br', 'blockquote', 'strong', 'code']);
  const note = new Set(['内容太长，只列出了前一部分。', 'npm run diff', '--format json']);
  for (const n of DomUtils.findAll((n) => n.name === 'strong' || n.name === 'code', dom.children)) assert.ok(note.has(DomUtils.textContent(n)), `markup from the data: ${DomUtils.textContent(n)}`);
  const tags = new Set(DomUtils.findAll(() => true, dom.children).map((n) => n.name));
  assert.equal([...tags].filter((t) => !allowed.has(t)), []);
  for (const t of DomUtils.findAll((n) => n.name === 'table', dom.children)) {
    const rows = DomUtils.findAll((n) => n.name === 'tr', t.children);
    const width = DomUtils.findAll((n) => n.name === 'th', rows[0]!.children).length;
    for (const r of rows.slice(1)) assert.is(DomUtils.findAll((n) => n.name === 'td', r.children).length, width);
  }
  // A replaced text differs from its first character on: its first 40 characters are shown, as typed.
  assert.ok(DomUtils.textContent(dom).includes(`${Array.from(HOSTILE).slice(0, 40).join('')}…`), 'the hostile text shows as text');
});

test('an edit that breaks the schema: the findings that disappear are said to be unchecked, not mended', async () => {
  const broken = seedText.replace('"total": 45.23', '"total": "45.23万元"');
  assert.ok(broken !== seedText, 'the seed has the amount');
  const f = (await diffOf(broken)).files[0]!;
  assert.ok(f.findings.appeared.some((x) => x.rule === 'schema.type'), 'the schema error appears');
  assert.ok(f.findings.disappeared.length > 0, 'the other stages no longer report');
  assert.ok(f.notes.includes('新文件没有通过 JSON 或 Schema 检查，其余检查（算术、一致性、完整性）没有进行：“消失”的发现多半只是没有检查，并非已改正。'));
  // A plain amount edit carries no such note.
  const plain = (await diffOf(seedText.replace('"total": 45.23', '"total": 46.23'))).files[0]!;
  assert.not.ok(plain.notes.some((n) => n.includes('没有进行')));
});

test('a renamed project is the same project edited, not one removed and one added', async () => {
  const data = seed();
  const p = data.documents.budget!.projects.find((x) => x.name === '离休医疗费补助')!;
  p.name = '离休人员医疗费补助';
  const doc = (await diffOf(text(data))).files[0]!.documents[0]!;
  assert.equal(doc.items, []);
  assert.equal(doc.amounts, []);
  assert.equal(doc.texts, [{ pointer: '/documents/budget/projects/3/name', field: '项目「离休人员医疗费补助」 › 项目名称', old: '离休医疗费补助', new: '离休人员医疗费补助' }]);
});

test('a project removed and an indicator of a later project removed: each named where it was', async () => {
  const data = seed();
  const projects = data.documents.budget!.projects;
  projects.shift(); // 公务用车更新配备 (gpb 18, 总计 18, 其他资金 0)
  const network = projects.find((p) => p.name === '医用网络使用维护费')!;
  network.indicators = network.indicators.filter((i) => i.level3 !== '信息系统故障响应时间');
  const doc = (await diffOf(text(data))).files[0]!.documents[0]!;
  assert.equal(
    doc.items.map((i) => [i.change, i.what, i.label, i.pointer]),
    [
      ['removed', '项目', '公务用车更新配备', '/documents/budget/projects/0'],
      ['removed', '项目「医用网络使用维护费」 › 绩效指标', '信息系统故障响应时间', '/documents/budget/projects/4/indicators/3'],
    ],
  );
  assert.equal(
    doc.amounts.map((a) => `${a.row}|${a.column}|${a.old}|${a.new}|${a.change}`),
    ['公务用车更新配备|本年财政拨款：一般公共预算|18.00|null|-18.00', '公务用车更新配备|总计|18.00|null|-18.00', '公务用车更新配备|其他资金|0.00|null|0.00'],
  );
});

test('a report too long for one comment keeps whole lines, closes its <details> and says so', async () => {
  const md = formatMarkdown(await diffOf(text(edited())), 3000);
  assert.ok(md.length <= 3000, String(md.length));
  assert.ok(md.endsWith('\n**内容太长，只列出了前一部分。** 完整的结果请在本地运行 `npm run diff`（或加 `--format json`）。\n'));
  assert.is(md.split('\n').filter((l) => l === '<details>').length, md.split('\n').filter((l) => l === '</details>').length);
  assert.ok(md.startsWith('# 数据改动（与 HEAD（abc1234） 相比）\n\n数据文件 1 个：修改 1 个。\n'));
  assert.ok(formatMarkdown(await diffOf(text(edited()))).length > 3000, 'the full report is longer');
});

test('shorten: the part around the first difference, at most 40 characters each, … where cut', () => {
  const a = '一二三四五六七八九十'.repeat(6); // 60 characters
  const b = a.slice(0, 45) + '改' + a.slice(46);
  // First difference at 45: the window starts 10 before it, at 35, and runs 40 (to 75, past the end: 60 − 40 = 20 is the latest start).
  const [x, y] = shorten(a, b);
  assert.is(x, `…${a.slice(20)}`);
  assert.is(y, `…${b.slice(20)}`);
  assert.equal(shorten('短', '短文'), ['短', '短文']);
  assert.equal(shorten(null, '新'), [null, '新']);
  const long = 'x'.repeat(50);
  assert.equal(shorten(long, 'y'), [`${'x'.repeat(40)}…`, 'y']);
  assert.equal(shorten('😀'.repeat(45), '😀'.repeat(45) + '!')[0]!.length, 1 + 40 * 2, 'no character cut in half');
});

// ------------------------------------------------------------------ the command, in a git repository

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=测试', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
}

function repo(): string {
  const dir = mkdtempSync('gongkai-diff-');
  for (const d of ['_profiles', '_reference', '_glossary', '_schema', 'sixian-ybj', 'huaibei-ybj']) cpSync(join(root, 'data', d), join(dir, 'data', d), { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', '种子');
  return dir;
}

function cli(cwd: string, args: string[]) {
  const r = spawnSync(tsx, [join(root, 'scripts', 'diff.ts'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('npm run diff in a repository: changed, new and deleted files against HEAD, exit 0', () => {
  const dir = repo();
  const head = git(dir, 'rev-parse', '--short=7', 'HEAD').trim();
  writeFileSync(join(dir, FILE), text(edited()));
  rmSync(join(dir, 'data/huaibei-ybj/2023.json'));
  cpSync(join(root, 'data/shili-danwei'), join(dir, 'data/shili-danwei'), { recursive: true });
  const r = cli(dir, []);
  assert.is(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.is(lines[0], `# 数据改动（与 HEAD（${head}） 相比）`);
  assert.is(lines[2], '数据文件 3 个：修改 1 个，新增 1 个，删除 1 个。');
  assert.equal(lines.filter((l) => l.startsWith('## ')), ['## data/huaibei-ybj/2023.json（删除）', '## data/shili-danwei/2023.json（新增）', '## data/sixian-ybj/2024.json（修改）']);
  assert.ok(lines.includes('### 删除决算'));
  // The same file through the API and the command: one report.
  const only = cli(dir, ['--format', 'json', FILE]);
  assert.is(only.status, 0);
  const report = JSON.parse(only.stdout) as { files: Array<{ file: string; documents: Array<{ amounts: unknown[] }> }> };
  assert.equal(report.files.map((f) => f.file), [FILE]);
  assert.is(report.files[0]!.documents[0]!.amounts.length, 4);
  // Nothing changed: exit 0, said so.
  git(dir, 'checkout', '-q', '--', '.');
  rmSync(join(dir, 'data/shili-danwei'), { recursive: true });
  const none = cli(dir, []);
  assert.is(none.status, 0);
  assert.is(none.stdout, `# 数据改动（与 HEAD（${head}） 相比）\n\n没有改动的数据文件。\n`);
});

test('the default base is the merge-base with origin/main', () => {
  const dir = repo();
  const origin = mkdtempSync('gongkai-origin-');
  git(origin, 'init', '-q', '--bare');
  git(dir, 'remote', 'add', 'origin', origin);
  git(dir, 'push', '-q', 'origin', 'HEAD:main');
  git(dir, 'fetch', '-q', 'origin');
  const base = git(dir, 'rev-parse', '--short=7', 'origin/main').trim();
  // A commit on the branch: nothing differs from HEAD, the amount differs from origin/main.
  writeFileSync(join(dir, FILE), text(edited()));
  git(dir, 'commit', '-qam', '改动');
  const r = cli(dir, []);
  assert.is(r.status, 0, r.stderr);
  assert.ok(r.stdout.startsWith(`# 数据改动（与 ${base} 相比）\n`), r.stdout.slice(0, 80));
  assert.ok(r.stdout.includes('| 部门公开表6 一般公共预算基本支出表 | 30201 办公费 | 合计 | 45.23 | 46.23 | +1.00 |'));
  assert.is(cli(dir, ['--base', 'HEAD']).stdout.split('\n')[2], '没有改动的数据文件。');
});

test('a project in a folder of a larger repository: paths relative to the project', () => {
  const outer = mkdtempSync('gongkai-outer-');
  const dir = join(outer, '预决算');
  for (const d of ['_profiles', '_reference', '_glossary', '_schema', 'sixian-ybj']) cpSync(join(root, 'data', d), join(dir, 'data', d), { recursive: true });
  git(outer, 'init', '-q');
  git(outer, 'add', '-A');
  git(outer, 'commit', '-qm', '种子');
  writeFileSync(join(dir, FILE), text(edited()));
  const r = cli(dir, ['--format', 'json']);
  assert.is(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { files: Array<{ file: string; status: string }> };
  assert.equal(report.files.map((f) => [f.file, f.status]), [[FILE, 'modified']]);
});

test('the unit outside the documents: its own section', async () => {
  const data = seed();
  data.unit.name = '泗县医疗保障局（改）';
  const md = formatMarkdown(await diffOf(text(data)));
  assert.ok(
    md.includes('## data/sixian-ybj/2024.json（修改）\n\n### 单位和年度\n\n#### 文字改动（1 处）\n\n| 字段 | 原文 | 新文 |\n| --- | --- | --- |\n| 单位 › 单位全称 | 泗县医疗保障局 | 泗县医疗保障局（改） |\n'),
    md,
  );
});

test('npm run diff: usage mistakes exit 2 in Chinese, no stack trace', () => {
  const dir = repo();
  const notRepo = mkdtempSync('gongkai-norepo-');
  for (const [cwd, args, first] of [
    [dir, ['--format', 'xml'], '--format 只能是 markdown 或 json，实际是 xml。'],
    [dir, ['--base'], '--base 后面要写 git 版本（例如 origin/main、HEAD~1 或提交号）。'],
    [dir, ['--base', 'no-such-branch'], '找不到 git 版本“no-such-branch”。'],
    [dir, ['--verbose'], '不认识的选项 --verbose。'],
    [dir, ['data/nobody/2020.json'], `找不到文件 data/nobody/2020.json（工作区和 HEAD（${git(dir, 'rev-parse', '--short=7', 'HEAD').trim()}）中都没有）。`],
  ] as const) {
    const r = cli(cwd, [...args]);
    assert.is(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.is(r.stderr.split('\n')[0], first);
    assert.ok(r.stderr.includes('用法：npm run diff -- [--base <git 版本>] [--format markdown|json] [文件…]'));
    assert.not.match(r.stderr, STACK);
  }
  const r = cli(notRepo, []);
  assert.is(r.status, 2);
  assert.ok(r.stderr.startsWith('当前文件夹不在 git 仓库中'), r.stderr);
  assert.not.match(r.stderr, STACK);
});

test.run();
