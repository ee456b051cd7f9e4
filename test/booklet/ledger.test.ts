import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { BookletError, makeBuildContext, type BuildContext } from '../../scripts/lib/booklet/context.ts';
import { ledgerBuilders } from '../../scripts/lib/booklet/tables/ledger.ts';
import type { TableDraft } from '../../scripts/lib/booklet/tables/index.ts';
import type { ProfileTable, TableId } from '../../scripts/lib/model/profile.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';
import type { HeaderCell, Row } from '../../scripts/lib/booklet/model.ts';

// Every expected value below was read by hand from the seed texts (../shared/seeds) or, where the
// booklet prints a figure that its own 项 rows contradict, added up by hand from those 项 rows
// (the tables print the derived figure; see docs/seeds/<n>.md for the discrepancy).

const root = join(import.meta.dirname, '../..');

function context(file: string, kind: DocumentKind): BuildContext {
  const data = JSON.parse(readFileSync(join(root, 'data', file), 'utf8')) as UnitYearFile;
  return makeBuildContext(data, kind, loadLibrary(root));
}

function specOf(ctx: BuildContext, id: TableId): ProfileTable {
  const spec = ctx.profile.tables.find((t) => t.id === id);
  if (!spec) throw new Error(`profile has no ${id}`);
  return spec;
}

function build(ctx: BuildContext, id: TableId, spec: ProfileTable = specOf(ctx, id)): TableDraft {
  const builder = ledgerBuilders[id];
  if (!builder) throw new Error(`no builder for ${id}`);
  const drafts = builder(ctx, spec);
  assert.is(drafts.length, 1);
  return drafts[0]!;
}

const texts = (r: Row | undefined) => (r ? r.cells.map((c) => c.text) : []);
/** The row whose code cell (or split 类/款/项 cells) spell `code`. */
function byCode(t: TableDraft, code: string, split = false): Row | undefined {
  return t.body.find((r) => (split ? r.cells.slice(0, 3).map((c) => c.text).join('') : r.cells[0]?.text) === code);
}
const byName = (t: TableDraft, name: string) => t.body.find((r) => r.cells.some((c) => c.header && c.text === name));

/** Columns covered by each header row, counting cells that span down from rows above. */
function headerWidths(head: HeaderCell[][]): number[] {
  const carried: number[] = head.map(() => 0);
  return head.map((row, i) => {
    let width = carried[i]!;
    for (const cell of row) {
      const span = cell.colspan ?? 1;
      width += span;
      for (let k = 1; k < (cell.rowspan ?? 1); k++) carried[i + k] = (carried[i + k] ?? 0) + span;
    }
    return width;
  });
}

const SEEDS: Array<[string, DocumentKind]> = [
  ['sixian-ybj/2024.json', 'budget'],
  ['huaibei-ylsy/2024.json', 'budget'],
  ['huaibei-ybj/2023.json', 'final'],
  ['jiyuan-ybj/2021.json', 'budget'],
  ['shili-danwei/2023.json', 'final'],
];

// ─── the registry ────────────────────────────────────────────────────────────────────────────────

test('ledgerBuilders: one builder for each of the ten classified and summary tables', () => {
  const ids: TableId[] = ['summary', 'income', 'expenditure', 'fiscalSummary', 'gpbExpenditure', 'gpbBasic', 'economicSummary', 'threePublic', 'gfbExpenditure', 'scobExpenditure'];
  assert.equal(Object.keys(ledgerBuilders).sort(), [...ids].sort());
});

// ─── header structure, every table of every sample ───────────────────────────────────────────────

test('every table: each header row and each body row covers the same number of columns', () => {
  let tables = 0;
  for (const [file, kind] of SEEDS) {
    const ctx = context(file, kind);
    for (const spec of ctx.profile.tables) {
      if (!ledgerBuilders[spec.id]) continue;
      const t = build(ctx, spec.id, spec);
      const widths = headerWidths(t.head);
      const columns = widths[0]!;
      assert.ok(columns > 1, `${file} ${spec.id}`);
      assert.equal(widths, t.head.map(() => columns), `${file} ${spec.id} header widths`);
      for (const r of t.body) assert.is(r.cells.length, columns, `${file} ${spec.id} row ${texts(r).join('|')}`);
      assert.is(t.empty, t.body.length === 0);
      assert.is(t.unitLabel, '单位：万元');
      tables++;
    }
  }
  // 8 Anhui budget tables × 2, 9 final tables × 2, 9 Henan tables.
  assert.is(tables, 8 + 8 + 9 + 9 + 9);
});

// ─── seed 002 泗县医疗保障局 2024 部门预算 (anhui-2024) ────────────────────────────────────────────

test('002 支出总表: 类, 款 and 项 rows as printed; names, codes, indents', () => {
  const ctx = context('sixian-ybj/2024.json', 'budget');
  const t = build(ctx, 'expenditure');
  assert.is(t.number, '部门公开表3');
  assert.is(t.title, '泗县医疗保障局2024年支出总表');
  assert.equal(t.head.map((r) => r.map((c) => c.text)), [['科目编码', '科目名称', '合计', '基本支出', '项目支出', '事业单位经营支出', '上缴上级支出', '对附属单位补助支出']]);
  assert.equal(texts(byCode(t, '208')), ['208', '社会保障和就业支出', '5', '', '5', '', '', '']);
  assert.equal(texts(byCode(t, '21011')), ['21011', '行政事业单位医疗', '387.94', '30.94', '357', '', '', '']);
  assert.equal(texts(byCode(t, '2101102')), ['2101102', '事业单位医疗', '25.42', '25.42', '', '', '', '']);
  assert.equal(texts(byCode(t, '2101550')), ['2101550', '事业运行', '405.21', '405.21', '', '', '', '']);
  assert.equal(byCode(t, '210')!.cells[1]!.indent, 0);
  assert.equal(byCode(t, '21013')!.cells[1]!.indent, 1);
  assert.equal(byCode(t, '2101301')!.cells[1]!.indent, 2);
  assert.ok(byCode(t, '2101301')!.cells[1]!.header);
  assert.is(byCode(t, '2101301')!.cells[2]!.kind, 'amount');
  assert.is(byCode(t, '2101301')!.cells[2]!.csv, '1760.00');
  // 13 rows: 2 类, 4 款, 7 项, then 合计 last as the seed prints it.
  assert.is(t.body.length, 14);
  assert.is(t.body[13]!.kind, 'total');
  assert.is(t.wide, false);
});

test('002 支出总表: 行政运行 keeps its printed 224.41 (within rounding of 人员 + 公用 224.42), so the totals match the seed', () => {
  const t = build(context('sixian-ybj/2024.json', 'budget'), 'expenditure');
  // 149.15 + 75.27 = 224.42, printed 224.41 (rounded from unrounded parts; docs/seeds/002.md §4): the printed wins.
  assert.equal(texts(byCode(t, '2101501')).slice(2, 5), ['242.41', '224.41', '18']);
  // 5 + 362.52 + 25.42 + 1760 + 242.41 + 405.21 + 5 = 2805.56; basic 5.52 + 25.42 + 224.41 + 405.21 = 660.56, as the seed prints.
  assert.equal(texts(t.body[13]).slice(1, 5), ['合计', '2805.56', '660.56', '2145']);
});

test('002 一般公共预算支出表: two-row header with 基本支出 小计/人员经费/公用经费', () => {
  const t = build(context('sixian-ybj/2024.json', 'budget'), 'gpbExpenditure');
  assert.equal(t.head, [
    [
      { text: '功能分类科目', scope: 'colgroup', colspan: 2 },
      { text: '合计', scope: 'col', rowspan: 2 },
      { text: '基本支出', scope: 'colgroup', colspan: 3 },
      { text: '项目支出', scope: 'col', rowspan: 2 },
    ],
    [
      { text: '科目编码', scope: 'col' },
      { text: '科目名称', scope: 'col' },
      { text: '小计', scope: 'col' },
      { text: '人员经费', scope: 'col' },
      { text: '公用经费', scope: 'col' },
    ],
  ]);
  assert.equal(texts(byCode(t, '2101550')), ['2101550', '事业运行', '405.21', '405.21', '353.66', '51.55', '']);
  assert.equal(texts(byCode(t, '21011')), ['21011', '行政事业单位医疗', '387.94', '30.94', '30.94', '', '357']);
  // 公用经费 75.27 + 51.55 = 126.82 (the seed prints 126.81, docs/seeds/002.md §5).
  assert.is(byCode(t, '21015')!.cells[5]!.text, '126.82');
});

test('002 一般公共预算基本支出表: 经济分类 rows and the 合计 exactly as printed', () => {
  const t = build(context('sixian-ybj/2024.json', 'budget'), 'gpbBasic');
  assert.equal(t.head[0]!.map((c) => c.text), ['部门预算支出经济分类科目', '本年一般公共预算基本支出']);
  assert.equal(texts(byCode(t, '301')), ['301', '工资福利支出', '520.64', '520.64', '']);
  assert.equal(texts(byCode(t, '302')), ['302', '商品和服务支出', '117.81', '', '117.81']);
  assert.equal(texts(byCode(t, '30213')), ['30213', '维修(护)费', '11.2', '', '11.2']);
  assert.equal(texts(byCode(t, '310')), ['310', '资本性支出', '9', '', '9']);
  assert.equal(texts(t.body.at(-1)), ['', '合计', '660.56', '533.75', '126.81']);
  assert.is(byCode(t, '30101')!.cells[1]!.indent, 1);
});

test('002 收支总表: income left, 类 right, both 总计 in the last row', () => {
  const t = build(context('sixian-ybj/2024.json', 'budget'), 'summary');
  assert.is(t.shape, 'twoSided');
  assert.is(t.number, '部门公开表1');
  assert.equal(t.head.map((r) => r.map((c) => c.text)), [['收入', '支出'], ['项目', '预算数', '项目', '预算数']]);
  assert.equal(texts(t.body[0]), ['一、一般公共预算拨款收入', '2805.56', '一、一般公共服务支出', '']);
  assert.equal(texts(t.body[7]), ['五、单位资金收入', '', '八、社会保障和就业支出', '5']);
  assert.equal(texts(t.body[8]), ['其中：事业收入', '', '九、卫生健康支出', '2800.56']);
  assert.is(byName(t, '二十七、债务发行费用支出') !== undefined, true);
  const last = t.body.at(-1)!;
  assert.is(last.kind, 'total');
  // Both sides 2805.56, as printed (see the 支出总表 test above).
  assert.equal(texts(last), ['收入总计', '2805.56', '支出总计', '2805.56']);
  assert.equal(texts(byName(t, '本年收入小计')), ['本年收入小计', '2805.56', '本年支出小计', '2805.56']);
});

test('002 财政拨款收支总表: 本年收入 / 上年结转 against 本年支出 with （n） classes and 年终结转结余', () => {
  const t = build(context('sixian-ybj/2024.json', 'budget'), 'fiscalSummary');
  assert.equal(texts(t.body[0]), ['一、本年收入', '2805.56', '一、本年支出', '2805.56']);
  assert.equal(texts(t.body[1]), ['（一）一般公共预算拨款', '2805.56', '（一）一般公共服务支出', '']);
  assert.equal(texts(byName(t, '（八）社会保障和就业支出')).slice(2), ['（八）社会保障和就业支出', '5']);
  assert.ok(byName(t, '二、年终结转结余'));
  assert.equal(texts(t.body.at(-1)), ['收入总计', '2805.56', '支出总计', '2805.56']);
});

test('002 政府性基金 / 国有资本经营预算支出表: empty, header kept, the seed’s note', () => {
  const ctx = context('sixian-ybj/2024.json', 'budget');
  const gfb = build(ctx, 'gfbExpenditure');
  assert.is(gfb.empty, true);
  assert.equal(gfb.body, []);
  assert.is(gfb.emptyNote, '注：泗县医疗保障局没有政府性基金预算拨款收入，也没有政府性基金预算拨款安排的支出，故本表无数据');
  assert.equal(gfb.head.map((r) => r.map((c) => c.text)), [['科目编码', '科目名称', '本年政府性基金预算支出'], ['合计', '基本支出', '项目支出']]);
  const scob = build(ctx, 'scobExpenditure');
  assert.is(scob.emptyNote, '注：泗县医疗保障局没有国有资本经营预算拨款收入，也没有国有资本经营预算拨款安排的支出，故本表无数据');
  assert.equal(scob.head[0]!.map((c) => c.text), ['功能分类科目', '国有资本经营预算拨款支出']);
});

test('a table with data carries no empty note', () => {
  const t = build(context('sixian-ybj/2024.json', 'budget'), 'expenditure');
  assert.is(t.empty, false);
  assert.is(t.emptyNote, undefined);
});

// ─── seed 000 淮北市医疗生育保险管理服务中心 2024 单位预算 (totals only) ────────────────────────────

test('000 支出总表: 项 rows with 合计 only leave the split blank; 类 sums from the 说明 figures', () => {
  const t = build(context('huaibei-ylsy/2024.json', 'budget'), 'expenditure');
  // 说明五: 13.77 + 44.25 + 22.13 + 1.39 = 81.54
  assert.equal(texts(byCode(t, '208')).slice(0, 4), ['208', '社会保障和就业支出', '81.54', '']);
  assert.equal(texts(byCode(t, '2101202')).slice(2, 4), ['2110.5', '']);
  assert.is(byCode(t, '2101202')!.cells[3]!.csv, '');
  // 45.57 + 12.65 + 18.99 = 77.21 (the 说明 writes 77.2, docs/seeds.md)
  assert.is(byCode(t, '221')!.cells[2]!.text, '77.21');
  // the twelve 项 add to 2828.61 (the 说明 writes 2828.59)
  assert.equal(texts(t.body.at(-1)).slice(1, 3), ['合计', '2828.61']);
});

// ─── seed 001 淮北市医疗保障局本级 2023 单位决算 (anhui-2024 final) ────────────────────────────────

test('001 一般公共预算财政拨款支出决算表: 年初预算 column, 合计 first', () => {
  const t = build(context('huaibei-ybj/2023.json', 'final'), 'gpbExpenditure');
  assert.is(t.number, '公开05表');
  assert.is(t.title, '一般公共预算财政拨款支出决算表');
  assert.equal(t.head.map((r) => r.map((c) => c.text)), [['功能分类科目', '年初预算数', '本年支出'], ['科目编码', '科目名称', '合计', '基本支出', '项目支出']]);
  // 说明五 9: 年初预算为208.67万元，支出决算为835.97万元
  assert.equal(texts(byCode(t, '2101505')).slice(0, 4), ['2101505', '医疗保障政策管理', '208.67', '835.97']);
  // 说明五 12: 年初预算为9.76万元，支出决算为8.26万元
  assert.equal(texts(byCode(t, '2210203')).slice(2, 4), ['9.76', '8.26']);
  // 说明五 8: 年初预算为0万元 → blank
  assert.equal(texts(byCode(t, '2101501')).slice(2, 4), ['', '40.24']);
  // 类 210: 9.94 + 2.62 + 40.24 + 835.97 = 888.77 (the 说明 writes 886.15, docs/seeds.md 001 [1])
  assert.is(byCode(t, '210')!.cells[3]!.text, '888.77');
  const total = t.body[0]!;
  assert.is(total.kind, 'total');
  // Σ年初预算 of the twelve 项 = 290.97 (docs/seeds.md 001 [4]); Σ决算 = 969.63 (001 [3])
  assert.equal(texts(total).slice(1, 4), ['合计', '290.97', '969.63']);
});

test('001 收入支出决算总表: both 总计', () => {
  const t = build(context('huaibei-ybj/2023.json', 'final'), 'summary');
  assert.equal(t.head[1]!.map((c) => c.text), ['项目', '决算数', '项目', '决算数']);
  assert.equal(texts(t.body[0]), ['一、一般公共预算财政拨款收入', '967.00', '一、一般公共服务支出', '3.00']);
  assert.equal(texts(t.body.at(-1)), ['总计', '967.00', '总计', '969.63']);
});

test('001 “三公”经费 and 收入决算表 without data: empty with their notes, headers kept', () => {
  const ctx = context('huaibei-ybj/2023.json', 'final');
  const three = build(ctx, 'threePublic');
  assert.is(three.empty, true);
  assert.is(three.emptyNote, '本表无数据');
  assert.equal(three.head[0]!.map((c) => [c.text, c.colspan]), [['预算数', 6], ['决算数', 6]]);
  assert.is(three.wide, true);
  const income = build(ctx, 'income');
  assert.is(income.empty, true);
  assert.is(income.emptyNote, '本表无数据');
  const gfb = build(ctx, 'gfbExpenditure');
  assert.is(gfb.emptyNote, '注：淮北市医疗保障局本级没有政府性基金预算收入，也没有使用政府性基金预算安排的支出，故本表无数据。');
});

// ─── seed 004 济源产城融合示范区医疗保障局 2021 部门预算 (henan-2021) ──────────────────────────────

test('004 部门支出总体情况表: split codes, 单位代码, 合计 and department rows first', () => {
  const t = build(context('jiyuan-ybj/2021.json', 'budget'), 'expenditure');
  assert.is(t.number, '预算3表');
  assert.is(t.title, '2021年部门支出总体情况表');
  assert.is(t.wide, true);
  assert.equal(t.head.map((r) => r.map((c) => c.text)), [
    ['科目编码', '单位代码', '单位（科目名称）', '总计', '基本支出', '项目支出'],
    ['类', '款', '项', '小计', '工资福利支出', '公用经费', '对个人和家庭的补助', '小计', '一般性项目', '专项资金'],
    ['**', '**', '**', '**', '**', '1', '2', '3', '4', '5', '6', '7', '8'],
  ]);
  const amounts = ['7,764.9', '3,107.2', '2,967.0', '118.9', '21.3', '4,657.7', '201.1', '4,456.6'];
  assert.equal(texts(t.body[0]), ['', '', '', '', '合计', ...amounts]);
  assert.equal(texts(t.body[1]), ['', '', '', '', '济源产城融合示范区医疗保障局', ...amounts]);
  assert.equal(texts(byCode(t, '2101501', true)), ['210', '15', '01', '036', '行政运行', '930.0', '930.0', '812.2', '116.9', '0.9', '', '', '']);
  assert.equal(texts(byCode(t, '2080109', true)), ['208', '01', '09', '036', '社会保险经办机构', '497.0', '', '', '', '', '497.0', '20.0', '477.0']);
  assert.equal(texts(byCode(t, '2101103', true)).slice(5, 7), ['1,800.0', '1,800.0']);
  assert.equal(texts(byCode(t, '2080108', true))[4], '信息化建设（人力资源和社会保障管理事务）');
  // Henan prints 项 rows only: 2 header rows + 20 项.
  assert.is(t.body.length, 22);
  assert.ok(t.body.slice(2).every((r) => r.kind === 'item'));
  assert.is(t.body[0]!.cells[5]!.csv, '7764.9');
});

test('004 政府性基金预算支出情况表: 555.6 in two 项', () => {
  const t = build(context('jiyuan-ybj/2021.json', 'budget'), 'gfbExpenditure');
  assert.equal(texts(t.body[0]), ['', '', '', '', '合计', '555.6', '', '', '', '', '555.6', '', '555.6']);
  assert.equal(texts(byCode(t, '2120809', true)).slice(0, 6), ['212', '08', '09', '036', '支付破产或改制企业职工安置费', '539.6']);
  assert.equal(texts(byCode(t, '2296013', true)).slice(4, 6), ['用于城乡医疗救助的彩票公益金支出', '16.0']);
  assert.is(t.body.length, 4);
});

test('004 “三公”经费: one row per item, as Henan prints it', () => {
  const t = build(context('jiyuan-ybj/2021.json', 'budget'), 'threePublic');
  assert.equal(t.head, [[{ text: '项目', scope: 'col' }, { text: '2021年“三公”经费预算数', scope: 'col' }]]);
  assert.equal(t.body.map(texts), [
    ['共计', '2.5'],
    ['1、因公出国（境）费用', ''],
    ['2、公务接待费', '0.3'],
    ['3、公务用车费', '2.2'],
    ['其中：（1）公务用车运行维护费', '2.2'],
    ['（2）公务用车购置', ''],
  ]);
});

test('004 财政拨款收支总体情况表: the profile layout — 财政拨款 / 上级预拨 lines, 本年 spending only, 其中：财政拨款', () => {
  const t = build(context('jiyuan-ybj/2021.json', 'budget'), 'fiscalSummary');
  assert.equal(t.head[1]!.map((c) => c.text), ['项目', '金额', '项目', '合计', '本年支出小计']);
  assert.equal(texts(byName(t, '财政拨款')).slice(0, 2), ['财政拨款', '6,694.1']);
  assert.equal(texts(byName(t, '当年收入')).slice(0, 2), ['当年收入', '539.6']);
  // 5,860.7 without the 92.2 carried over (2101502/04/05); 其中：财政拨款 5,437.7 = 5,860.7 − 上级预拨 423.0 (seed 004 line 199).
  const health = t.body.find((r) => r.cells[2]?.text === '十、卫生健康')!;
  assert.equal(health.cells.slice(3).map((c) => c.text), ['5,860.7', '5,860.7', '5,437.7', '', '']);
  const city = t.body.find((r) => r.cells[2]?.text === '十二、城乡社区支出')!;
  assert.equal(city.cells.slice(3).map((c) => c.text), ['539.6', '', '', '539.6', '']);
});

test('004 支出经济分类汇总表 without 经济分类 data: empty, split 类/款 header', () => {
  const t = build(context('jiyuan-ybj/2021.json', 'budget'), 'economicSummary');
  assert.is(t.empty, true);
  assert.is(t.emptyNote, '本表无数据');
  assert.equal(t.head[1]!.map((c) => c.text), ['类', '款']);
});

// ─── 示例 (national-final): the other 决算 tables with data ──────────────────────────────────────

test('示例 收入支出决算总表: 总计 1575.51 on both sides', () => {
  const t = build(context('shili-danwei/2023.json', 'final'), 'summary');
  // 1171.71 + 52 + 10 + 30 + 150 + 48 + 12 + 6.5 = 1480.21; + 8 结余 + (35 + 12.3 + 40) = 1575.51
  assert.equal(texts(byName(t, '本年收入合计')).slice(0, 2), ['本年收入合计', '1480.21']);
  assert.equal(texts(t.body.at(-1)), ['总计', '1575.51', '总计', '1575.51']);
  assert.equal(texts(byName(t, '使用非财政拨款结余')), ['使用非财政拨款结余', '8.00', '结余分配', '3.20']);
});

test('示例 “三公”经费 决算表: 预算数 and 决算数 column groups', () => {
  const t = build(context('shili-danwei/2023.json', 'final'), 'threePublic');
  // 预算 8 + 25 + 10.5 + 3 = 46.5; 决算 6.85 + 24.8 + 9.36 + 2.47 = 43.48
  assert.equal(texts(t.body[0]), ['46.50', '8.00', '35.50', '25.00', '10.50', '3.00', '43.48', '6.85', '34.16', '24.80', '9.36', '2.47']);
  assert.equal(t.head[1]!.map((c) => c.text), ['合计', '因公出国（境）费', '公务用车购置及运行费', '公务接待费', '合计', '因公出国（境）费', '公务用车购置及运行费', '公务接待费']);
});

test('示例 政府性基金收入支出决算表: flows from gfbFlows', () => {
  const t = build(context('shili-danwei/2023.json', 'final'), 'gfbExpenditure');
  assert.equal(t.head[0]!.map((c) => c.text), ['功能分类科目', '年初结转和结余', '本年收入', '本年支出', '年末结转和结余']);
  assert.equal(texts(byCode(t, '2296099')).slice(2), ['12.30', '52.00', '58.60', '', '58.60', '5.70']);
});

// ─── profile mistakes ────────────────────────────────────────────────────────────────────────────

test('an unknown column key is a Chinese error naming the table and the valid keys', () => {
  const cases: Array<[string, DocumentKind, TableId, string]> = [
    ['sixian-ybj/2024.json', 'budget', 'expenditure', 'anhui-2024'],
    ['sixian-ybj/2024.json', 'budget', 'summary', 'anhui-2024'],
    ['sixian-ybj/2024.json', 'budget', 'gpbBasic', 'anhui-2024'],
    ['sixian-ybj/2024.json', 'budget', 'income', 'anhui-2024'],
    ['jiyuan-ybj/2021.json', 'budget', 'threePublic', 'henan-2021'],
    ['jiyuan-ybj/2021.json', 'budget', 'economicSummary', 'henan-2021'],
    ['shili-danwei/2023.json', 'final', 'gfbExpenditure', 'national-final'],
    ['shili-danwei/2023.json', 'final', 'fiscalSummary', 'national-final'],
  ];
  for (const [file, kind, id, profile] of cases) {
    const ctx = context(file, kind);
    const spec = { ...specOf(ctx, id), columns: ['bogus'] };
    try {
      build(ctx, id, spec);
      assert.unreachable(`${id} accepted an unknown column`);
    } catch (e) {
      assert.instance(e, BookletError);
      assert.match((e as Error).message, `表式 ${profile}`);
      assert.match((e as Error).message, '列名“bogus”无法识别');
      assert.match((e as Error).message, '可用的列名：');
    }
  }
});

test('profile columns choose and order the amount columns', () => {
  const ctx = context('sixian-ybj/2024.json', 'budget');
  const t = build(ctx, 'expenditure', { ...specOf(ctx, 'expenditure'), columns: ['project', 'total'] });
  assert.equal(t.head[0]!.map((c) => c.text), ['科目编码', '科目名称', '项目支出', '合计']);
  assert.equal(texts(byCode(t, '21013')), ['21013', '医疗救助', '1760', '1760']);
});
test.run();
