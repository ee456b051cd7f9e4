/**
 * 第三部分 情况说明 from the seed data. Expected sentences are the seeds' own 说明 sentences where
 * the seed is right (docs/seeds/<n>.md), with amounts at the profile's two decimals; every ratio was
 * worked out by hand from the seed's numbers (shown beside each). Where a seed's figure is wrong
 * beyond rounding, the derived figure is printed and a text.corrected notice names the original.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { makeBuildContext, type BuildContext } from '../../scripts/lib/booklet/context.ts';
import { buildExplanation } from '../../scripts/lib/booklet/explanation.ts';
import type { Block } from '../../scripts/lib/booklet/model.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const lib = loadLibrary(root);

function load(path: string): UnitYearFile {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as UnitYearFile;
}

function build(file: UnitYearFile, kind: DocumentKind): { ctx: BuildContext; blocks: Block[]; html: string; text: string } {
  const ctx = makeBuildContext(file, kind, lib);
  const blocks = buildExplanation(ctx);
  const parts: string[] = [];
  const walk = (bs: Block[]) => {
    for (const b of bs) {
      if (b.type === 'section') {
        parts.push(`<h>${b.heading}</h>`);
        walk(b.blocks);
      } else if (b.type === 'prose') parts.push(b.html.__html);
    }
  };
  walk(blocks);
  const html = parts.join('\n');
  return { ctx, blocks, html, text: html.replace(/<[^>]+>/g, '') };
}

const sixian = () => load('data/sixian-ybj/2024.json');
const huaibei = () => load('data/huaibei-ybj/2023.json');
const shili = () => load('data/shili-danwei/2023.json');

// ─── seed 002 (泗县医疗保障局 2024 部门预算, anhui-2024) ─────────────────────────────────────────

test('002: the headings are the seed’s eleven “关于…的说明” plus 其他重要事项, in its order', () => {
  const { blocks } = build(sixian(), 'budget');
  const headings = blocks.map((b) => (b.type === 'section' ? b.heading : ''));
  assert.equal(headings, [
    '一、关于2024年收支总表的说明',
    '二、关于2024年收入总表的说明',
    '三、关于2024年支出总表的说明',
    '四、关于2024年财政拨款收支总表的说明',
    '五、关于2024年一般公共预算支出表的说明',
    '六、关于2024年一般公共预算基本支出表的说明',
    '七、关于2024年政府性基金预算支出表的说明',
    '八、关于2024年国有资本经营预算支出表的说明',
    '九、关于2024年项目支出表的说明',
    '十、关于2024年政府采购支出表的说明',
    '十一、关于2024年政府购买服务支出表的说明',
    '十二、其他重要事项情况说明',
  ]);
  assert.equal(blocks.map((b) => (b.type === 'section' ? b.anchor : '')).slice(0, 2), ['explanation-1', 'explanation-2']);
});

test('002: 收入总计 and 本年收入 sentences as the seed prints them', () => {
  const { text } = build(sixian(), 'budget');
  // Seed: "泗县医疗保障局2024年收支总预算2805.56万元，收入全部是一般公共预算拨款收入，支出包括：社会保障和就业支出、卫生健康支出。"
  assert.ok(text.includes('泗县医疗保障局2024年收支总预算2805.56万元，收入全部是一般公共预算拨款收入，支出包括：社会保障和就业支出、卫生健康支出。'), text);
  // Seed: "泗县医疗保障局2024年收入预算2805.56万元，其中，本年收入2805.56万元，上年结转收入0万元。"
  assert.ok(text.includes('泗县医疗保障局2024年收入预算2805.56万元，其中，本年收入2805.56万元，上年结转收入0.00万元。'));
  // 1653.67 = 2805.56 − 1151.89; 1653.67 / 1151.89 = 1.435623 → 143.56%.
  assert.ok(text.includes('本年收入2805.56万元，比2023年预算增加1653.67万元，增长143.56%，增长原因主要是一、2024年医疗救助项目纳入预算。二、养老保险、医疗保险、职业年金个人部分不再单独做预算，从工资中划拨。'));
});

test('002: shares use the registry denominator (本年支出合计, 本年财政拨款)', () => {
  const { text } = build(sixian(), 'budget');
  // 2145 / 2805.57 (the 项 rows re-added) = 0.764551 → 76.46%, as the seed prints.
  assert.ok(text.includes('项目支出2145.00万元，占本年支出合计的76.46%，主要用于一、城乡医疗救助。二、离休医疗费补助。三、欺诈骗取医保基金行为举报奖励。四、医用网络使用维护费'));
  // 5 / 2805.56 = 0.001782 → 0.18%.
  assert.ok(text.includes('社会保障和就业支出5.00万元，占本年财政拨款的0.18%'));
});

test('002: 减少/下降 with its reason, as the seed prints item 2', () => {
  const { text } = build(sixian(), 'budget');
  // 363.66 − 362.52 = 1.14; 1.14 / 363.66 = 0.003135 → 0.31%.
  assert.ok(
    text.includes('卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）2024年预算362.52万元，比2023年预算减少1.14万元，下降0.31%，下降原因主要是医疗保险个人部分不再单独做预算，直接从工资中划拨。'),
  );
});

test('002: "减少0万元，下降0%" comes out as 持平, with a text.corrected notice [002 note 8]', () => {
  const { text, ctx } = build(sixian(), 'budget');
  assert.ok(text.includes('社会保险经办机构（项）2024年预算5.00万元，与2023年预算持平，原因主要是医用网络使用维护费用不变。'));
  assert.not.ok(text.includes('减少0'));
  const issue = ctx.issues.find((i) => i.pointer === '/documents/budget/figures/gpb:2080109/stated/changeWord');
  assert.ok(issue);
  assert.is(issue!.rule, 'text.corrected');
  assert.is(issue!.severity, 'notice');
  assert.is(issue!.found, '减少');
  assert.is(issue!.expected, '持平');
  assert.ok(issue!.message.startsWith('说明中“2080109 社会保险经办机构”'));
});

test('002: a zero previous year gives 新增, not "增长100%" [002 note 9]', () => {
  const { text, ctx } = build(sixian(), 'budget');
  assert.ok(text.includes('城乡医疗救助（项）2024年预算1760.00万元，比2023年预算新增1760.00万元，增长原因主要是2024年医疗救助项目纳入预算。'));
  assert.ok(text.includes('政府采购支出21.54万元，比2023年预算新增21.54万元'));
  assert.not.ok(text.includes('增长100%'));
  const issue = ctx.issues.find((i) => i.pointer === '/documents/budget/figures/gpb:2101301/stated/changeRate');
  assert.is(issue?.found, '100%');
  assert.is(issue?.expected, '“新增”');
});

test('002: empty tables say so', () => {
  const { text } = build(sixian(), 'budget');
  assert.ok(text.includes('泗县医疗保障局2024年没有政府性基金预算拨款收入，也没有使用政府性基金预算拨款安排的支出，故政府性基金预算支出表为空表。'));
  assert.ok(text.includes('泗县医疗保障局2024年没有国有资本经营预算拨款收入，也没有使用国有资本经营预算拨款安排的支出，故国有资本经营预算支出表为空表。'));
  assert.ok(text.includes('泗县医疗保障局2024年没有安排政府购买服务支出，故政府购买服务支出表为空表。'));
});

test('002 varied: 持平, 新增, 增加/增长 and 减少/下降 follow the previous-year figure', () => {
  const cases: Array<[number, string]> = [
    [25.42, '事业单位医疗（项）2024年预算25.42万元，与2023年预算持平，原因主要是'],
    [0, '事业单位医疗（项）2024年预算25.42万元，比2023年预算新增25.42万元，增长原因主要是'],
    // 25.42 − 20 = 5.42; 5.42 / 20 = 27.10%.
    [20, '事业单位医疗（项）2024年预算25.42万元，比2023年预算增加5.42万元，增长27.10%，增长原因主要是'],
    // 30 − 25.42 = 4.58; 4.58 / 30 = 0.152667 → 15.27%.
    [30, '事业单位医疗（项）2024年预算25.42万元，比2023年预算减少4.58万元，下降15.27%，下降原因主要是'],
  ];
  for (const [previous, expected] of cases) {
    const file = sixian();
    file.documents.budget!.figures['gpb:2101102']!.previous = previous;
    const { text } = build(file, 'budget');
    assert.ok(text.includes(expected), `previous ${previous}`);
  }
});

test('002 varied: a stated figure wrong beyond rounding is printed as derived, once, with a notice', () => {
  const file = sixian();
  file.documents.budget!.figures['gpb:2101102']!.stated!.amount = 52.42;
  const { text, ctx } = build(file, 'budget');
  assert.ok(text.includes('事业单位医疗（项）2024年预算25.42万元'));
  assert.not.ok(text.includes('52.42'));
  const hits = ctx.issues.filter((i) => i.pointer === '/documents/budget/figures/gpb:2101102/stated/amount');
  assert.is(hits.length, 1);
  assert.is(hits[0]!.message, '说明中“2101102 事业单位医疗”原文为52.42万元，按表中数据应为25.42万元，已按25.42万元印出。');
});

test('hostile text in a reason comes out escaped and inert', () => {
  const file = sixian();
  file.documents.budget!.figures['gpb:2101101']!.reason = '<script>alert(1)</script>{{ 7*7 }}';
  file.unit.name = '泗县<b>医保</b>局';
  const { html } = build(file, 'budget');
  assert.ok(html.includes('下降原因主要是&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}'));
  assert.ok(html.includes('泗县&lt;b&gt;医保&lt;/b&gt;局2024年'));
  assert.not.ok(html.includes('<script'));
  assert.not.ok(html.includes('<b>'));
});

// ─── seed 001 (淮北市医疗保障局本级 2023 单位决算) ──────────────────────────────────────────────

test('001: the 决算 headings as the seed prints them', () => {
  const { blocks } = build(huaibei(), 'final');
  const headings = blocks.map((b) => (b.type === 'section' ? b.heading : ''));
  assert.equal(headings.slice(0, 6), [
    '一、收入支出决算总体情况说明',
    '二、收入决算情况说明',
    '三、支出决算情况说明',
    '四、财政拨款收入支出决算总体情况说明',
    '五、一般公共预算财政拨款支出决算情况说明',
    '六、一般公共预算财政拨款基本支出决算情况说明',
  ]);
});

test('001: 年初预算 / 支出决算 / 完成年初预算 sentence, as the seed prints item 3', () => {
  const { text } = build(huaibei(), 'final');
  // 23.55 / 19.64 = 1.199084 → 119.91%.
  assert.ok(
    text.includes('3.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。年初预算为19.64万元，支出决算为23.55万元，完成年初预算的119.91%，决算数大于预算数的主要原因是正常调整养老保险费基数。'),
  );
  // The seed prints 103.60; 7.18 / 6.93 = 1.036075 → 103.61% [001 note 5].
  assert.ok(text.includes('年初预算为6.93万元，支出决算为7.18万元，完成年初预算的103.61%'));
  // A zero 年初预算 gives no rate.
  assert.ok(text.includes('招商引资（项）。年初预算为0.00万元，支出决算为3.00万元，决算数大于预算数的主要原因是招商引资工作经费市里统一预算，单位无预算，指标直接下达至单位。'));
});

test('001: 卫生健康 886.15 (wrong by 2.62) is printed as 888.77 with a notice [001 note 1]', () => {
  const { text, ctx } = build(huaibei(), 'final');
  // 9.94 + 2.62 + 40.24 + 835.97 = 888.77.
  assert.ok(text.includes('卫生健康支出888.77万元'));
  assert.not.ok(text.includes('886.15'));
  const hits = ctx.issues.filter((i) => i.pointer === '/documents/final/figures/gpb:210/stated/amount');
  assert.is(hits.length, 1, 'reported once although printed in two sections');
  assert.is(hits[0]!.rule, 'text.corrected');
  assert.is(hits[0]!.found, '886.15万元');
  assert.is(hits[0]!.expected, '888.77万元');
});

test('001: 年初预算 776.96 (the 项 budgets add to 290.97) is corrected [001 note 4]', () => {
  const { text, ctx } = build(huaibei(), 'final');
  // 0 + 6.93 + 19.64 + 9.82 + 0.17 + 9.94 + 2.62 + 0 + 208.67 + 23.42 + 0 + 9.76 = 290.97; 969.63 / 290.97 = 3.332405 → 333.24%.
  assert.ok(text.includes('一般公共预算财政拨款支出年初预算为290.97万元，支出决算为969.63万元，完成年初预算的333.24%，决算数大于预算数的主要原因是'));
  const budget = ctx.issues.find((i) => i.pointer === '/documents/final/figures/gpb.total/stated/budget');
  assert.is(budget?.found, '776.96万元');
  assert.is(budget?.expected, '290.97万元');
  const rate = ctx.issues.find((i) => i.pointer === '/documents/final/figures/gpb.total/stated/completionRate');
  assert.is(rate?.found, '124.46%');
  assert.is(rate?.expected, '333.24%');
});

test('001: "增加减少" becomes 减少 [001 note 13]', () => {
  const { text, ctx } = build(huaibei(), 'final');
  // 58.05 − 40.24 = 17.81; 17.81 / 58.05 = 0.306804 → 30.68%.
  assert.ok(text.includes('2023年度，淮北市医疗保障局本级机关运行经费支出40.24万元，比2022年减少17.81万元，下降30.68%，主要原因是严格执行过“紧日子”要求，压减机关运行经费。'));
  assert.is(ctx.issues.find((i) => i.pointer === '/documents/final/figures/operatingCost/stated/changeWord')?.expected, '减少');
});

test('001: 决算 empty-table sentence', () => {
  const { text } = build(huaibei(), 'final');
  assert.ok(text.includes('2023年度淮北市医疗保障局本级没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，故政府性基金预算财政拨款收入支出决算表为空表。'));
});

// ─── the 示例 (national nine-table 决算) ───────────────────────────────────────────────────────────

test('示例: consistent data gives no corrections; 三公 with completion, 新增 and counts', () => {
  const { text, ctx } = build(shili(), 'final');
  assert.equal(ctx.issues, []);
  // 6.85 / 43.48 = 0.157544 → 15.75%; 6.85 / 8 = 85.63% (0.85625 rounds half-up).
  assert.ok(text.includes('因公出国（境）费支出决算为6.85万元，占“三公”经费的15.75%，年初预算为8.00万元，完成年初预算的85.63%，比2022年新增6.85万元'));
  assert.ok(text.includes('全年安排因公出国（境）团组1个，累计3人次'));
  // 1188.31 / 1160.69 = 1.023796 → 102.38%.
  assert.ok(text.includes('年初预算为1160.69万元，支出决算为1188.31万元，完成年初预算的102.38%'));
});

// ─── seed 004 (济源 2021, Henan: one decimal) ────────────────────────────────────────────────────

test('004: 三公 as the seed words it, 0.0 and 持平 included; 公务接待费 from 0 is 新增', () => {
  const { text } = build(load('data/jiyuan-ybj/2021.json'), 'budget');
  // 2.5 − 2.2 = 0.3; 0.3 / 2.2 = 0.136364 → 13.64%.
  assert.ok(text.includes('济源产城融合示范区医疗保障局2021年“三公”经费预算为2.5万元，比2020年预算增加0.3万元，增长13.64%。'));
  assert.ok(text.includes('（一）因公出国（境）费预算为0.0万元，占“三公”经费的0.00%，与2020年预算持平。'));
  assert.ok(text.includes('公务接待费预算为0.3万元，占“三公”经费的12.00%，主要用于接待省医疗保障局及上级有关部门检查指导工作的来客，兄弟市县交流工作的来客等，比2020年预算新增0.3万元'));
});

test('004 varied: no 三公 money at all gives the one zero sentence', () => {
  const file = load('data/jiyuan-ybj/2021.json');
  const doc = file.documents.budget!;
  doc.threePublic = { amounts: {} };
  for (const k of Object.keys(doc.figures)) if (k.startsWith('threePublic.')) delete doc.figures[k];
  const { text } = build(file, 'budget');
  assert.ok(text.includes('济源产城融合示范区医疗保障局2021年“三公”经费预算为0.0万元，没有安排因公出国（境）费、公务用车购置及运行费和公务接待费。'));
});

test.run();
