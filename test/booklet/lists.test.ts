/**
 * List and form tables (项目支出表, 政府采购支出表, 政府购买服务支出表, 绩效目标表, 绩效自评表) built
 * from the data files, compared with the seed texts (../shared/seeds, docs/seeds/<n>.md). Every
 * expected value was read off the seed text by hand (or, for the synthetic 示例, added up by
 * hand from its data), not copied from the builders' output.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BookletError, makeBuildContext, type BuildContext } from '../../scripts/lib/booklet/context.ts';
import type { Cell, Row } from '../../scripts/lib/booklet/model.ts';
import { tableBuilder } from '../../scripts/lib/booklet/tables/index.ts';
import type { TableDraft } from '../../scripts/lib/booklet/tables/index.ts';
import type { ProfileTable, TableId } from '../../scripts/lib/model/profile.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');

const SEED = {
  '000': ['data/huaibei-ylsy/2024.json', 'budget'],
  '001': ['data/huaibei-ybj/2023.json', 'final'],
  '002': ['data/sixian-ybj/2024.json', 'budget'],
  '004': ['data/jiyuan-ybj/2021.json', 'budget'],
  shili: ['data/shili-danwei/2023.json', 'final'],
} as const satisfies Record<string, readonly [string, DocumentKind]>;

// The layouts proposed for the profiles (docs/profiles-lists.md).
const ANHUI_TARGET = ['name', 'units', 'sourcePeriod', 'funds', 'goal', 'sideIndicators'];
const ANHUI_TRANSFER_EVALUATION = ['transferName', 'attributes', 'transferFunds', 'goal', 'sideIndicators', 'total'];
const HENAN_TARGET = ['name', 'codeUse', 'contacts', 'phone', 'startEnd', 'amounts', 'previousAmounts', 'details', 'goals', 'indicators'];

function context(seed: keyof typeof SEED): BuildContext {
  const [path, kind] = SEED[seed];
  const file = JSON.parse(readFileSync(join(root, path), 'utf8')) as UnitYearFile;
  return makeBuildContext(file, kind, loadLibrary(root));
}

/** The profile's spec of the table (or a plain one where the profile lists none), with `extra` on top. */
function spec(ctx: BuildContext, id: TableId, extra: Partial<ProfileTable> = {}): ProfileTable {
  return { ...(ctx.profile.tables.find((t) => t.id === id) ?? { id, title: '{unit}{year}年表' }), ...extra };
}

function build(seed: keyof typeof SEED, id: TableId, extra: Partial<ProfileTable> = {}): TableDraft[] {
  const ctx = context(seed);
  return tableBuilder(id)!(ctx, spec(ctx, id, extra));
}

const texts = (r: Row) => r.cells.map((c) => c.text);

/** The row whose cells include `label` as text. */
function rowWith(t: TableDraft, label: string): Row {
  const found = t.body.find((r) => r.cells.some((c) => c.text === label));
  assert.ok(found, `row with “${label}” in ${t.title}`);
  return found!;
}

/** The cell right after the label cell `label` (a form field's value). */
function valueOf(t: TableDraft, label: string): string {
  const r = rowWith(t, label);
  const i = r.cells.findIndex((c) => c.text === label);
  return r.cells[i + 1]!.text;
}

function cellWith(t: TableDraft, text: string): Cell {
  for (const r of t.body) for (const c of r.cells) if (c.text === text) return c;
  assert.unreachable(`cell “${text}” in ${t.title}`);
  throw new Error('unreachable');
}

/**
 * Lays the rows out on a grid (colspan across, rowspan down) and returns the column count,
 * failing when a row leaves a gap, overlaps a cell from above or differs in width, or a
 * rowspan runs past the last row.
 */
function gridWidth(rows: Array<Array<{ colspan?: number; rowspan?: number }>>, what: string): number {
  let pending: number[] = [];
  let width = -1;
  rows.forEach((cells, r) => {
    const fromAbove = pending.map((p) => p > 0);
    const next = pending.map((p) => Math.max(0, p - 1));
    let col = 0;
    for (const cell of cells) {
      while (fromAbove[col]) col++;
      for (let k = 0; k < (cell.colspan ?? 1); k++) {
        assert.not.ok(fromAbove[col + k], `${what}: row ${r} overlaps a cell from above at column ${col + k}`);
        next[col + k] = (cell.rowspan ?? 1) - 1;
      }
      col += cell.colspan ?? 1;
    }
    while (fromAbove[col]) col++;
    const rowWidth = Math.max(col, fromAbove.length);
    for (let c = 0; c < rowWidth; c++) assert.ok(c < col || fromAbove[c], `${what}: row ${r} leaves column ${c} empty`);
    if (width < 0) width = rowWidth;
    assert.is(rowWidth, width, `${what}: row ${r} is ${rowWidth} columns wide, the table ${width}`);
    pending = next;
  });
  assert.ok(pending.every((p) => p === 0), `${what}: a rowspan runs past the last row`);
  return width;
}

/** Every row fills the table: lists to the heading's width, forms to their first row's. */
function assertFilled(t: TableDraft): void {
  if (t.shape === 'list') {
    const width = gridWidth(t.head, `${t.title} head`);
    if (t.body.length) assert.is(gridWidth(t.body.map((r) => r.cells), t.title), width, `${t.title}: body as wide as the head`);
  } else if (t.body.length) {
    gridWidth(t.body.map((r) => r.cells), t.title);
  }
}

// ─── 项目支出表 ───────────────────────────────────────────────────────────────────────────────

test('002 项目支出表: five projects as printed, 2024_城乡医疗救助 1760 under 一般公共预算, 合计 2145', () => {
  const [t] = build('002', 'projects');
  assert.is(t!.title, '泗县医疗保障局2024年项目支出表');
  assert.is(t!.number, '部门公开表9');
  assert.is(t!.unitLabel, '单位：万元');
  assert.is(t!.shape, 'list');
  assert.ok(t!.wide, '12 columns: printed landscape');
  assert.is(t!.body.length, 6);
  // Seed line: 特定目标类 2024_城乡医疗救助 泗县城乡居民基本医疗保险管理中心 1760 1760 (then eight blank cells).
  const relief = rowWith(t!, '2024_城乡医疗救助');
  assert.equal(texts(relief), ['特定目标类', '2024_城乡医疗救助', '泗县城乡居民基本医疗保险管理中心', '1760', '1760', '', '', '', '', '', '', '']);
  assert.ok(relief.cells[1]!.header, 'the project name is the row header');
  assert.is(relief.cells[3]!.kind, 'amount');
  assert.is(relief.cells[3]!.csv, '1760.00');
  // 公务用车更新配备 is printed under 泗县医疗保障局 (the data's unit is 泗县医疗保障局本级).
  assert.is(rowWith(t!, '公务用车更新配备').cells[2]!.text, '泗县医疗保障局');
  // 合计 2145 = 18 + 5 + 1760 + 357 + 5, printed in 总计 and 一般公共预算; the other columns blank.
  const total = t!.body[5]!;
  assert.is(total.kind, 'total');
  assert.equal(texts(total), ['合计', '2145', '2145', '', '', '', '', '', '', '']);
  assert.is(total.cells[0]!.colspan, 3);
  // Two heading rows: 本年财政拨款 and 财政拨款结转结余 each over three columns.
  assert.is(t!.head.length, 2);
  assert.equal(
    t!.head[0]!.map((h) => [h.text, h.colspan ?? 1]),
    [['类型', 1], ['项目名称', 1], ['项目单位', 1], ['总计', 1], ['本年财政拨款', 3], ['财政拨款结转结余', 3], ['财政专户管理资金', 1], ['单位资金', 1]],
  );
  assert.equal(t!.head[1]!.map((h) => h.text), ['一般公共预算', '政府性基金预算', '国有资本经营预算', '一般公共预算', '政府性基金预算', '国有资本经营预算']);
  assertFilled(t!);
});

test('示例 项目支出表: funds by source; 合计 221.82 + 96.80 + 67.10 = 385.72', () => {
  const [t] = build('shili', 'projects');
  // 150.42 + 35 (结转) + 36.4 (单位资金) = 221.82.
  assert.equal(texts(rowWith(t!, '示例专项统计调查')).slice(3), ['221.82', '150.42', '', '', '35.00', '', '', '', '36.40']);
  // 一般公共预算 150.42 + 96.8 = 247.22; 政府性基金 46.3; 国有资本 8.5; 结转 35 and 12.3; 单位资金 36.4.
  assert.equal(texts(t!.body.at(-1)!), ['合计', '385.72', '247.22', '46.30', '8.50', '35.00', '12.30', '', '', '36.40']);
});

test('project columns come from the profile; an unknown key is a profile error', () => {
  const [t] = build('002', 'projects', { columns: ['name', 'total', 'gpb'] });
  assert.equal(t!.head, [
    [
      { text: '项目名称', rowspan: 2, scope: 'col' },
      { text: '总计', rowspan: 2, scope: 'col' },
      { text: '本年财政拨款', scope: 'colgroup' },
    ],
    [{ text: '一般公共预算', scope: 'col' }],
  ]);
  assert.equal(texts(t!.body.at(-1)!), ['合计', '2145', '2145']);
  assert.not.ok(t!.wide);
  assert.throws(() => build('002', 'projects', { columns: ['name', 'budget'] }), (e: unknown) => e instanceof BookletError && /budget/.test((e as Error).message));
});

test('000 项目支出表: five projects, 合计 2110.5 + 36 + 150 + 10 + 23 = 2329.5', () => {
  const [t] = build('000', 'projects');
  assert.is(t!.body.length, 6);
  assert.equal(texts(t!.body[5]!).slice(0, 3), ['合计', '2329.5', '2329.5']);
});

// ─── 政府采购支出表, 政府购买服务支出表 ───────────────────────────────────────────────────────

test('002 政府采购支出表: eight lines, 空调机 0.64 under 综合定额（行政）, 合计 21.54', () => {
  const [t] = build('002', 'procurement');
  assert.is(t!.title, '泗县医疗保障局2024年政府采购支出表');
  assert.is(t!.body.length, 9);
  assert.equal(texts(t!.body[4]!), ['泗县医疗保障局-综合定额（行政）', '空调机', '0.64', '0.64', '', '', '', '']);
  // 18 + 0.4 + 0.6 + 0.2 + 0.64 + 0.4 + 0.6 + 0.7 = 21.54.
  assert.equal(texts(t!.body[8]!), ['合计', '21.54', '21.54', '', '', '', '']);
  assert.is(t!.body[8]!.cells[0]!.colspan, 2);
  assert.ok(t!.wide, '8 columns: more than 7');
  assertFilled(t!);
});

test('示例 政府采购支出表: 合计 134.74 = 24.8 + 6.8 + 8.64 + 12.5 + 64 + 18', () => {
  const [t] = build('shili', 'procurement');
  assert.equal(texts(t!.body.at(-1)!), ['合计', '134.74', '104.74', '18.00', '', '', '12.00']);
});

test('002 政府购买服务支出表 is empty with the seed’s note', () => {
  const [t] = build('002', 'purchasedServices');
  assert.ok(t!.empty);
  assert.equal(t!.body, []);
  assert.is(t!.emptyNote, '注：泗县医疗保障局没有安排政府购买服务支出，故本表无数据');
  assert.equal(t!.head[0]!.map((h) => h.text), ['项目名称', '一级目录名称', '二级目录名称', '三级目录名称', '政府购买服务内容', '购买数量', '购买金额']);
  assert.not.ok(t!.wide, '7 columns fit portrait');
});

test('empty procurement (items []), services (null) and no performance data print the note', () => {
  const [procurement] = build('000', 'procurement');
  assert.ok(procurement!.empty);
  assert.is(procurement!.emptyNote, '本表无数据');
  const [services] = build('001', 'purchasedServices');
  assert.ok(services!.empty);
  assert.is(services!.emptyNote, '注：淮北市医疗保障局本级没有安排政府购买服务支出，故本表无数据');
  const [own] = build('001', 'purchasedServices', { emptyNote: '本单位无政府购买服务。' });
  assert.is(own!.emptyNote, '本单位无政府购买服务。');
  const [department] = build('001', 'departmentEvaluation', { title: '部门整体支出绩效自评表' });
  assert.ok(department!.empty);
  assert.equal(department!.body, []);
  assert.is(department!.emptyNote, '本表无数据');
  // A 预算 has no self-evaluations: one empty 自评表.
  const [none] = build('004', 'projectEvaluation', { title: '项目支出绩效自评表' });
  assert.ok(none!.empty, '004 is a 预算 with no self-evaluations');
});

// ─── 项目绩效目标表 ───────────────────────────────────────────────────────────────────────────

test('002 项目支出绩效目标表: one per project; header fields and indicators of 欺诈骗取医保基金行为举报奖励', () => {
  const tables = build('002', 'projectPerformance', { title: '项目支出绩效目标表', columns: ANHUI_TARGET });
  assert.is(tables.length, 5);
  const t = tables[1]!;
  assert.is(t.title, '项目支出绩效目标表');
  assert.is(t.shape, 'form');
  assert.equal(texts(t.body[0]!), ['项目名称', '欺诈骗取医保基金行为举报奖励']);
  assert.is(valueOf(t, '主管部门及代码'), '[066]泗县医疗保障局');
  assert.is(valueOf(t, '实施单位'), '泗县医疗保障局');
  assert.is(valueOf(t, '项目来源'), '本级申报项目');
  assert.is(valueOf(t, '项目期'), '1年');
  assert.is(valueOf(t, '年度资金总额：'), '5.00');
  assert.is(valueOf(t, '其中：财政拨款'), '5.00');
  assert.is(valueOf(t, '上年结转'), '0.00');
  assert.is(valueOf(t, '其他资金'), '0.00');
  assert.is(cellWith(t, '项目资金（万元）').rowspan, 4);
  assert.is(valueOf(t, '年度目标'), '为鼓励举报、严厉打击欺诈骗取医保基金行为，其实保证医保基金安全');
  // 产出指标 | 成本指标 | 项目总成本 | ≤50000元 (产出指标 and the 绩效指标 label merged from above).
  assert.equal(texts(rowWith(t, '项目总成本')), ['成本指标', '项目总成本', '≤50000元']);
  assert.equal(texts(rowWith(t, '一级指标')), ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值']);
  // 9 indicators + the heading row.
  assert.is(cellWith(t, '绩效指标').rowspan, 10);
  for (const x of tables) assertFilled(x);
});

test('002 绩效目标表: equal adjacent 一级/二级 cells merge (产出 4 rows; 医用网络 时效指标 2 rows)', () => {
  const tables = build('002', 'projectPerformance', { title: '项目支出绩效目标表', columns: ANHUI_TARGET });
  const t = tables[1]!;
  assert.is(cellWith(t, '产出指标').rowspan, 4);
  assert.is(cellWith(t, '效益指标').rowspan, 4);
  assert.is(cellWith(t, '满意度指标').rowspan, undefined);
  const network = tables.find((x) => x.body[0]!.cells[1]!.text === '医用网络使用维护费')!;
  // 日常维护信息系统数, 信息系统日常维护合格率, 项目完成及时性, 信息系统故障响应时间, 项目总成本.
  assert.is(cellWith(network, '产出指标').rowspan, 5);
  assert.is(cellWith(network, '时效指标').rowspan, 2);
  assert.equal(texts(rowWith(network, '信息系统故障响应时间')), ['信息系统故障响应时间', '≤30分钟']);
  // The seed prints 经济效益指标 with neither 三级指标 nor 指标值.
  assert.equal(texts(rowWith(network, '经济效益指标')), ['效益指标', '经济效益指标', '', '']);
  assert.equal(texts(rowWith(network, '生态效益指标')), ['生态效益指标', '', '']);
});

test('002 2024_城乡医疗救助: printed name; 实施单位 …管理服务中心; the 说明 note attribute is not a form field', () => {
  const tables = build('002', 'projectPerformance', { title: '项目支出绩效目标表', columns: ANHUI_TARGET });
  const t = tables[2]!;
  assert.equal(texts(t.body[0]!), ['项目名称', '2024_城乡医疗救助']);
  assert.is(valueOf(t, '实施单位'), '泗县城乡居民基本医疗保险管理服务中心');
  assert.is(valueOf(t, '年度资金总额：'), '1760.00');
  assert.is(valueOf(t, '成本指标'), '救助资金使用金额');
  assert.not.ok(t.body.some((r) => r.cells.some((c) => c.text.startsWith('（7）'))));
});

test('000 申报表 with 中期 columns: 中期资金总额 190 against 年度 150 for “二乙”人员医疗补助', () => {
  const tables = build('000', 'projectPerformance', { title: '项目支出绩效目标申报表', columns: ANHUI_TARGET });
  assert.is(tables.length, 5);
  const t = tables[2]!;
  assert.equal(texts(t.body[0]!), ['项目名称', '"二乙"人员医疗补助']);
  assert.is(valueOf(t, '主管部门及代码'), '[107]淮北市医疗生育保险管理服务中心');
  assert.is(valueOf(t, '项目属性'), '常年项目');
  assert.is(valueOf(t, '中期资金总额：'), '190.00');
  assert.is(valueOf(t, '年度资金总额：'), '150.00');
  assert.ok(t.body.some((r) => r.cells.some((c) => c.text === '中期目标（2024年—2024年）')));
  assert.equal(texts(rowWith(t, '一级指标')), ['绩效指标', '一级指标', '二级指标', '三级指标', '中期指标值', '二级指标', '三级指标', '年度指标值']);
  // Project 1: 数量指标 财政补助标准 ≥640元 on both sides; 数量指标 covers 2 rows (财政补助标准, 参保人数).
  const first = tables[0]!;
  const row = rowWith(first, '财政补助标准');
  assert.equal(texts(row).slice(-6), ['数量指标', '财政补助标准', '≥640元', '数量指标', '财政补助标准', '≥640元']);
  assert.is(row.cells.filter((c) => c.text === '数量指标' && c.rowspan === 2).length, 2);
  for (const x of tables) assertFilled(x);
});

test('004 预算11表: 20 project tables, titled with the project unit as printed', () => {
  const tables = build('004', 'projectPerformance', { columns: HENAN_TARGET });
  assert.is(tables.length, 20);
  for (const t of tables) assert.is(t.number, '预算11表');
  assert.is(tables[0]!.title, '济源产城融合示范区医疗保障局支出项目绩效目标表');
  assert.is(tables[2]!.title, '济源市社会医疗保险中心（参照）支出项目绩效目标表');
  // The 20 tables add up to 4543.5 (docs/seeds/004.md: 114.2 of 4657.7 has no table).
  const amounts = tables.map((t) => {
    const r = rowWith(t, '项目本年度金额');
    return Math.round(Number(r.cells[r.cells.findIndex((c) => c.text === '项目本年度金额') + 1]!.csv) * 10);
  });
  assert.is(amounts.reduce((a, b) => a + b, 0), 45435);
  for (const t of tables) assertFilled(t);
});

test('004 DRG project: header fields and the indicator tree as printed', () => {
  const [t] = build('004', 'projectPerformance', { columns: HENAN_TARGET });
  assert.equal(texts(t!.body[0]!), ['项目名称', '医疗服务能力提升专项-DRG付费方式改革']);
  assert.equal(texts(rowWith(t!, '单位编码')), ['单位编码', '036001', '资金用途', '业务类']);
  assert.equal(texts(rowWith(t!, '项目负责人')), ['项目负责人', '牛亚楠', '联系人', '牛亚楠']);
  assert.is(valueOf(t!, '联系电话'), '03916636556');
  assert.equal(texts(rowWith(t!, '开始时间')), ['开始时间', '2021-01-01', '结束时间', '2021-12-31']);
  // 项目总金额 is the printed text; 项目本年度金额 the amount at the profile's one decimal.
  assert.equal(texts(rowWith(t!, '项目总金额')), ['项目总金额', '100.00', '项目本年度金额', '100.0']);
  assert.equal(texts(rowWith(t!, '上年度项目总金额')), ['上年度项目总金额', '0.00', '项目上年度金额', '0.00']);
  assert.is(valueOf(t!, '备注'), '');
  assert.ok(valueOf(t!, '年度绩效目标').startsWith('1. 开展DRG业务培训不少于3次'));
  assert.equal(texts(rowWith(t!, '一级指标')), ['一级指标', '二级指标', '三级指标', '指标值']);
  // 投入管理 2 + 财务管理 1 + 项目管理 3 + 资产管理 1; 产出目标: 数量 2, 质量 2, 时效 1, 成本 1.
  assert.is(cellWith(t!, '投入与目标管理').rowspan, 7);
  assert.is(cellWith(t!, '产出目标').rowspan, 6);
  assert.is(cellWith(t!, '效果目标').rowspan, 4);
  assert.is(cellWith(t!, '影响力目标').rowspan, 6);
  assert.equal(texts(rowWith(t!, '业务培训次数')), ['产出目标', '数量', '业务培训次数', '≥3次']);
  assert.equal(texts(rowWith(t!, '召开新闻发布会次数')), ['召开新闻发布会次数', '≥1次']);
});

// ─── 部门整体绩效目标表 ───────────────────────────────────────────────────────────────────────

test('004 预算10表 整体绩效目标表: 预算情况 7,764.9 = 7,764.9 + 0.0 = 3,107.2 + 4,657.7', () => {
  const [t] = build('004', 'departmentPerformance');
  assert.is(t!.number, '预算10表');
  assert.is(t!.title, '济源产城融合示范区医疗保障局整体绩效目标表');
  assert.equal(texts(t!.body[0]!), ['部门（单位）名称', '济源产城融合示范区医疗保障局']);
  assert.ok(valueOf(t!, '年度履职目标').startsWith('全面落实省医疗保障工作会议部署'));
  assert.is(cellWith(t!, '年度主要任务').rowspan, 5);
  assert.equal(texts(rowWith(t!, '3.持续深化医保改革')), ['3.持续深化医保改革', '深入推进药品和医用耗材集中带量采购。']);
  assert.is(valueOf(t!, '部门预算总额（万元）'), '7,764.9');
  assert.is(valueOf(t!, '1、资金来源：（1）财政性资金'), '7,764.9');
  assert.is(valueOf(t!, '（2）其他资金'), '0.0');
  assert.is(valueOf(t!, '2、资金结构：（1）基本支出'), '3,107.2');
  assert.is(valueOf(t!, '（2）项目支出'), '4,657.7');
  assert.is(cellWith(t!, '预算情况').rowspan, 5);
  assertFilled(t!);
});

test('004 整体绩效目标表 indicators: 投入管理指标 over 19 rows, one explanation over the 8 重点工作任务', () => {
  const [t] = build('004', 'departmentPerformance');
  // 工作目标管理 3 + 预算和财务管理 11 + 绩效管理 5.
  assert.is(cellWith(t!, '投入管理指标').rowspan, 19);
  assert.is(cellWith(t!, '预算和财务管理').rowspan, 11);
  // 重点工作任务完成 8 + 履职目标实现 1.
  assert.is(cellWith(t!, '产出指标').rowspan, 9);
  assert.is(cellWith(t!, '重点工作任务完成').rowspan, 8);
  const first = rowWith(t!, '医疗保障待遇清单');
  assert.equal(texts(first).slice(0, 4), ['产出指标', '重点工作任务完成', '医疗保障待遇清单', '建立']);
  assert.is(first.cells[4]!.rowspan, 8);
  assert.ok(first.cells[4]!.text.startsWith('反映本部门负责的重点工作任务进展情况'));
  assert.equal(texts(rowWith(t!, '规范使用医保基金行为专项治理')), ['规范使用医保基金行为专项治理', '≥2次']);
  assert.equal(texts(rowWith(t!, '参保人员服务满意度')).slice(0, 3), ['满意度', '参保人员服务满意度', '≥95%']);
});

// ─── 绩效自评表 ───────────────────────────────────────────────────────────────────────────────

test('001 城乡医疗救助 自评表 (转移支付): funds 8322 = 2556 + 5766, scores 合计 100', () => {
  const tables = build('001', 'projectEvaluation', { columns: ANHUI_TRANSFER_EVALUATION });
  assert.is(tables.length, 1);
  const t = tables[0]!;
  assert.is(t.title, '项目支出绩效自评表');
  assert.equal(texts(t.body[0]!), ['转移支付项目名称', '医疗救助补助资金']);
  assert.is(valueOf(t, '省份'), '安徽省淮北市');
  assert.is(valueOf(t, '省级财政部门'), '安徽省财政厅');
  assert.is(valueOf(t, '省级主管部门'), '安徽省医疗保障局');
  assert.is(valueOf(t, '年度资金总额'), '8322.00');
  assert.is(valueOf(t, '其中：中央补助'), '2556');
  assert.is(valueOf(t, '地方资金'), '5766');
  assert.is(valueOf(t, '其他资金'), '');
  assert.ok(t.body.some((r) => r.cells.some((c) => c.text.startsWith('目标：1.困难群众参保率100%'))));
  assert.ok(t.body.some((r) => r.cells.some((c) => c.text.startsWith('1.2023年，对全市5.6万名救助对象'))));
  assert.equal(texts(rowWith(t, '一级指标')), ['绩效指标', '一级指标', '二级指标', '三级指标', '2022年实际完成值', '年度指标值', '实际完成值', '得分']);
  assert.equal(texts(rowWith(t, '重特大疾病医疗救助人次占直接救助人次比重')), ['重特大疾病医疗救助人次占直接救助人次比重', '37.58%', '≥28%', '55.00%', '10']);
  // 项目效益: 社会效益 3 + 可持续影响 2.
  assert.is(cellWith(t, '项目效益').rowspan, 5);
  assert.is(cellWith(t, '社会效益').rowspan, 3);
  // 20 + 10 + 5 + 20 + 15 + 5 + 5 + 5 + 5 + 5 + 5 = 100, printed 合计 100 under 得分.
  assert.equal(texts(t.body.at(-1)!), ['合计', '100']);
  assert.is(t.body.at(-1)!.kind, 'total');
  assertFilled(t);
});

test('示例 项目支出绩效自评表 (national): execution block, deviation, 合计 分值 90 + 10 and 得分 98.42', () => {
  const tables = build('shili', 'projectEvaluation', { title: '项目支出绩效自评表' });
  assert.is(tables.length, 3);
  const t = tables[0]!;
  assert.equal(texts(t.body[0]!), ['项目名称', '示例专项统计调查']);
  assert.is(valueOf(t, '主管部门'), '示例市人民政府（示例）');
  assert.is(valueOf(t, '年初预算数'), '190.00');
  assert.is(valueOf(t, '全年执行数'), '221.82');
  assert.is(valueOf(t, '执行率'), '99.25%');
  assert.equal(texts(rowWith(t, '调查成果被有关部门采用次数')).slice(0, 6), ['效益指标', '社会效益指标', '调查成果被有关部门采用次数', '≥20次', '18次', '15']);
  assert.ok(valueOf(t, '13.5').startsWith('（示例）部分调查成果年底前仍在审核'));
  // 分值 15 + 10 + 15 + 10 + 10 + 15 + 15 = 90 plus 预算执行率 10; 得分 as self-evaluated.
  assert.equal(texts(t.body.at(-1)!), ['合计', '100', '98.42', '']);
  for (const x of tables) assertFilled(x);
});

test('示例 部门整体支出绩效自评表: 决算总额 1519.13 = 1255.41 + 263.72; 得分 98', () => {
  const [t] = build('shili', 'departmentEvaluation', { title: '部门整体支出绩效自评表' });
  // Σ 项 rows of the expenditure: derived, equal to what the data states.
  assert.is(valueOf(t!, '单位决算总额（万元）'), '1519.13');
  assert.is(valueOf(t!, '1、资金来源：（1）财政性资金'), '1255.41');
  assert.is(valueOf(t!, '（2）其他资金'), '263.72');
  assert.is(valueOf(t!, '2、资金结构：（1）基本支出'), '1055.81');
  assert.is(valueOf(t!, '（2）项目支出'), '385.72');
  assert.equal(texts(rowWith(t!, '任务名称')), ['年度主要任务', '任务名称', '主要内容', '预算金额（万元）']);
  assert.equal(texts(rowWith(t!, '示例专项统计调查')).at(-1), '221.82');
  // 15 + 10 + 15 + 10 + 10 + 15 + 10 + 15 = 100; 15 + 10 + 15 + 10 + 10 + 13 + 10 + 15 = 98.
  assert.equal(texts(t!.body.at(-1)!), ['合计', '100', '98', '']);
  assertFilled(t!);
});

// ─── every table of every data file fills its grid ───────────────────────────────────────────

test('every list and form table of every data file fills its columns on every row', () => {
  const ids: TableId[] = ['projects', 'procurement', 'purchasedServices', 'departmentPerformance', 'projectPerformance', 'projectEvaluation', 'departmentEvaluation'];
  const layouts: Record<string, Array<string[] | undefined>> = {
    projectPerformance: [undefined, ANHUI_TARGET, HENAN_TARGET],
    projectEvaluation: [undefined, ANHUI_TRANSFER_EVALUATION],
  };
  let count = 0;
  for (const seed of Object.keys(SEED) as Array<keyof typeof SEED>) {
    for (const id of ids) {
      for (const columns of layouts[id] ?? [undefined]) {
        for (const t of build(seed, id, columns ? { columns } : {})) {
          assertFilled(t);
          assert.is(t.empty, t.body.length === 0);
          count++;
        }
      }
    }
  }
  assert.ok(count > 80, `${count} tables checked`);
});

test.run();
