/**
 * Shanghai's 区级 部门决算 as a profile (data/_profiles/shanghai-putuo-2024-final.json, from the
 * district's 2024 template, shared/corpus/shanghai-putuo/final-template-2024.txt) over the
 * minimal 决算 fixture (test/fixtures/good/minimal-final.json) made a 部门 and pointed at it. The
 * expected titles, notes and sentences are the template's words with the fixture's numbers, by hand.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary, type Library } from '../../scripts/lib/model/reference.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { byClass, parse, text } from '../templates/dom.ts';
import { pageText, renderBookletHtml, tableByCaption } from '../helpers/render-booklet.ts';

const root = join(import.meta.dirname, '..', '..');
const PROFILE = 'shanghai-putuo-2024-final';

function fixture(): UnitYearFile {
  const file = JSON.parse(readFileSync(join(root, 'test/fixtures/good/minimal-final.json'), 'utf8')) as UnitYearFile;
  file.unit.level = 'department';
  file.documents.final!.profile = PROFILE;
  return file;
}

/** The fixture without 政府性基金: the table is empty and prints its 说明 and its note. */
function withoutGfb(): UnitYearFile {
  const file = fixture();
  const doc = file.documents.final!;
  doc.expenditure = doc.expenditure.filter((r) => r.fund !== 'gfb');
  doc.gfbFlows = [];
  delete doc.income.gfb;
  delete doc.income.carryover.gfb;
  delete doc.balances.closing.gfb;
  for (const k of Object.keys(doc.figures)) if (k.startsWith('gfb')) delete doc.figures[k];
  return file;
}

let lib: Library;
let html: string;
let page: string;
test.before(async () => {
  lib = loadLibrary(root);
  html = await renderBookletHtml(root, lib, fixture(), 'final');
  page = pageText(html);
});

const headings = (h: string) => [...h.matchAll(/<h([1-4])[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => text(parse(m[2]!)).replace(/\s+/g, ' ').trim());
const UNIT = '示例市示例局（示例数据）';

test('four parts titled as the template, with the overview and the 说明 sections in its order', () => {
  const h = headings(html);
  const at = (s: string) => {
    const i = h.indexOf(s);
    assert.ok(i >= 0, `heading ${s} in ${h.join(' | ')}`);
    return i;
  };
  const order = [
    `第一部分 ${UNIT}概况`,
    '一、主要职能',
    '二、部门决算单位构成',
    `第二部分 ${UNIT}2023年度部门决算表`,
    `第三部分 ${UNIT}2023年度部门决算情况说明`,
    '一、收入支出决算总体情况说明',
    '二、收入决算情况说明',
    '三、支出决算情况说明',
    '四、财政拨款收入支出决算总体情况说明',
    '五、一般公共预算财政拨款支出决算情况说明',
    '六、一般公共预算财政拨款基本支出决算情况说明',
    '七、财政拨款“三公”经费支出决算情况说明',
    '八、政府性基金预算财政拨款收入支出决算情况说明',
    '九、国有资本经营预算财政拨款收入支出决算情况说明',
    '十、预算绩效管理情况',
    '十一、其他重要事项的情况说明',
    '（一）机关运行经费支出情况',
    '（二）政府采购支出情况',
    '（三）国有资产占有使用情况说明',
    '第四部分 名词解释',
  ].map(at);
  assert.equal(order, [...order].sort((a, b) => a - b));
});

test('一、四、: the template sentence, with the fixture figures and the recorded reason', () => {
  assert.ok(
    page.includes(`${UNIT}2023年度收入支出总计1575.51万元。与2022年度相比，收入支出总计增加108.56万元，增长7.40%。主要原因：（示例）一是在职人员工资标准调整`),
    page.slice(page.indexOf('一、收入支出决算总体情况说明'), page.indexOf('一、收入支出决算总体情况说明') + 300),
  );
  assert.ok(page.includes(`${UNIT}2023年度财政拨款收入支出总计1281.01万元。与2022年度相比，财政拨款收入支出总计增加96.31万元，增长8.13%。主要原因：`));
  // The reason closes its sentence: each paragraph ends with 。 before the next heading.
  assert.ok(page.includes('。 二、收入决算情况说明') && page.includes('。 五、一般公共预算财政拨款支出决算情况说明'));
});

test('nine tables numbered 一、 … 九、, in 万元, each with its “注：本表反映……” footnote', () => {
  const tables: Array<[string, string]> = [
    ['一、 收入支出决算总表', '注：本表反映部门本年度的总收支和年末结转结余情况。'],
    ['二、 收入决算表', '注：本表反映部门本年度取得的各项收入情况。'],
    ['三、 支出决算表', '注：本表反映部门本年度各项支出情况。'],
    ['四、 财政拨款收入支出决算总表', '注：本表反映部门本年度财政拨款总收支和结转结余情况。'],
    ['五、 一般公共预算财政拨款支出决算表', '注：本表反映部门本年度一般公共预算财政拨款支出情况。'],
    ['六、 一般公共预算财政拨款基本支出决算表', '注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。'],
    ['七、 财政拨款“三公”经费支出决算表', '注：本表反映部门本年度“三公”经费支出预决算情况。'],
    ['八、 政府性基金预算财政拨款收入支出决算表', '注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。'],
    ['九、 国有资本经营预算财政拨款收入支出决算表', '注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。'],
  ];
  const notes = byClass(parse(html), 'data-table__notes').map((n) => text(n).replace(/\s+/g, ' ').trim());
  assert.equal(notes, tables.map(([, note]) => note));
  let from = page.indexOf('第二部分');
  for (const [title, note] of tables) {
    const i = page.indexOf(title, from);
    assert.ok(i > from, `${title} after the previous table`);
    assert.ok(page.indexOf('单位：万元', i) > i);
    from = page.indexOf(note, i);
    assert.ok(from > i, `${note} below ${title}`);
  }
  assert.equal(tableByCaption(html, '收入决算表').head.flat().filter((c) => /收入/.test(c)).slice(0, 2), ['本年收入合计', '财政拨款收入']);
});

test('the two summary tables row by row as the template: 24 numbered classes, then 合计, 结余 and 总计 rows', () => {
  const classes = ['一、一般公共服务支出', '二、外交支出', '三、国防支出', '四、公共安全支出', '五、教育支出', '六、科学技术支出', '七、文化旅游体育与传媒支出', '八、社会保障和就业支出', '九、卫生健康支出', '十、节能环保支出', '十一、城乡社区支出', '十二、农林水支出', '十三、交通运输支出', '十四、资源勘探工业信息等支出', '十五、商业服务业等支出', '十六、金融支出', '十七、援助其他地区支出', '十八、自然资源海洋气象等支出', '十九、住房保障支出', '二十、粮油物资储备支出', '二十一、国有资本经营预算支出', '二十二、灾害防治及应急管理支出', '二十三、其他支出', '二十四、抗疫特别国债安排的支出'];
  const summary = tableByCaption(html, '收入支出决算总表').body;
  assert.equal(summary.map((r) => r[2]), [...classes, '本年支出合计', '结余分配', '年末结转和结余', '总计']);
  assert.equal(summary.slice(0, 8).map((r) => r[0]), ['一、一般公共预算财政拨款收入', '二、政府性基金预算财政拨款收入', '三、国有资本经营预算财政拨款收入', '四、上级补助收入', '五、事业收入', '六、经营收入', '七、附属单位上缴收入', '八、其他收入']);
  assert.equal(summary.slice(-4).map((r) => [r[0], r[1], r[3]]), [['本年收入合计', '1480.21', '1519.13'], ['使用非财政拨款结余', '8.00', '3.20'], ['年初结转和结余', '87.30', '53.18'], ['总计', '1575.51', '1575.51']]);
  const fiscal = tableByCaption(html, '财政拨款收入支出决算总表').body;
  assert.equal(fiscal.slice(0, 24).map((r) => r[2]), classes);
  assert.equal(fiscal.slice(-6), [
    ['本年收入合计', '1233.71', '本年支出合计', '1255.41', '1188.31', '58.60', '8.50'],
    ['年初财政拨款结转和结余', '47.30', '年末财政拨款结转和结余', '25.60', '18.40', '5.70', '1.50'],
    ['一、一般公共预算财政拨款', '35.00', '一、一般公共预算财政拨款', '18.40', '18.40', '', ''],
    ['二、政府性基金预算财政拨款', '12.30', '二、政府性基金预算财政拨款', '5.70', '', '5.70', ''],
    ['三、国有资本经营预算财政拨款', '', '三、国有资本经营预算财政拨款', '1.50', '', '', '1.50'],
    // 1233.71 + 47.30 on the left; 1255.41 + 25.60 on the right, column by column.
    ['总计', '1281.01', '总计', '1281.01', '1206.71', '64.30', '10.00'],
  ]);
});

test('名词解释 numbered 一、二、 as the template', () => {
  const g = page.slice(page.lastIndexOf('第四部分 名词解释'));
  assert.ok(g.startsWith('第四部分 名词解释 一、财政拨款收入 '), g.slice(0, 80));
  assert.ok(g.includes(' 二、事业收入 '), g.slice(0, 200));
});

test('an empty 政府性基金 table prints its 说明 and still its note', async () => {
  const p = pageText(await renderBookletHtml(root, lib, withoutGfb(), 'final'));
  const i = p.indexOf('八、 政府性基金预算财政拨款收入支出决算表');
  const said = p.indexOf(`说明：${UNIT}本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。`, i);
  const note = p.indexOf('注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。', i);
  assert.ok(i > 0 && said > i && note > i, `${i} ${said} ${note}`);
  assert.ok(p.includes(`八、政府性基金预算财政拨款收入支出决算情况说明 ${UNIT}2023年度无政府性基金预算财政拨款收入和支出。`));
});

test('no “三公” spending: the table still prints its note, the 说明 says so in the template\'s words', async () => {
  const file = fixture();
  const doc = file.documents.final!;
  doc.threePublic = { amounts: {} };
  for (const k of Object.keys(doc.figures)) if (k.startsWith('threePublic.')) delete doc.figures[k];
  const p = pageText(await renderBookletHtml(root, lib, file, 'final'));
  const i = p.indexOf('七、 财政拨款“三公”经费支出决算表');
  assert.ok(i > 0 && p.indexOf('注：本表反映部门本年度“三公”经费支出预决算情况。', i) > i);
  assert.ok(p.includes(`七、财政拨款“三公”经费支出决算情况说明 ${UNIT}2023年度无“三公”经费财政拨款支出。 八、`), p.slice(p.lastIndexOf('七、财政拨款“三公”'), p.lastIndexOf('七、财政拨款“三公”') + 200));
});

/** The library with the Shanghai 决算 profile's 五、(三) item lines worded to print 全年预算 beside 年初预算. */
function adjustedLibrary(): Library {
  const profile = structuredClone(lib.profiles.get(PROFILE)!);
  const sections = profile.kinds.final!.parts!.filter((p) => p.id === 'explanation').flatMap((p) => p.sections ?? []);
  const items = sections.flatMap((s) => s.sections ?? []).flatMap((s) => s.paragraphs ?? []).filter((p) => typeof p === 'object' && 'each' in p && p.each === 'gpb' && p.level === undefined);
  assert.is(items.length, 1, 'one paragraph of 项 lines of 一般公共预算');
  (items[0] as { template: string }).template = '{n}.{name}。支出决算为{amount}[，全年预算为{adjusted}，完成全年预算数的{adjustedRate}，决算数{adjustedVersus}][，完成年初预算的{budgetRate}]。';
  return { ...lib, profiles: new Map(lib.profiles).set(PROFILE, profile) };
}

function withAdjusted(): UnitYearFile {
  const file = fixture();
  const rows = file.documents.final!.expenditure;
  rows.find((r) => r.code === '2010501' && r.fund === 'gpb')!.adjusted = 500;
  rows.find((r) => r.code === '2010502' && r.fund === 'gpb')!.adjusted = 96.8;
  return file;
}

test('全年预算: completion rates printed where the wording prints them, against the budget it names', async () => {
  const p = pageText(await renderBookletHtml(root, adjustedLibrary(), withAdjusted(), 'final'));
  const item = (s: string) => assert.ok(p.includes(s), `${s}\n${p.slice(p.indexOf('（三）一般公共预算财政拨款支出决算具体情况'), p.indexOf('（三）一般公共预算财政拨款支出决算具体情况') + 600)}`);
  item('1.一般公共服务支出（类）统计信息事务（款）行政运行（项）。支出决算为498.90万元，全年预算为500.00万元，完成全年预算数的99.78%，决算数较全年预算减少1.10万元，完成年初预算的102.61%。');
  item('2.一般公共服务支出（类）统计信息事务（款）一般行政管理事务（项）。支出决算为96.80万元，全年预算为96.80万元，完成全年预算数的100.00%，决算数与全年预算数持平，完成年初预算的88.00%。');
  // No 全年预算 recorded: the optional piece is left out, the 年初预算 rate stays.
  item('3.一般公共服务支出（类）统计信息事务（款）专项统计业务（项）。支出决算为185.42万元，完成年初预算的115.89%。');
});

test('全年预算: a stated rate is checked against the 全年预算 and printed corrected', async () => {
  const file = withAdjusted();
  file.documents.final!.figures['gpb:2010501']!.stated!.adjustedRate = 102.61;
  const { view, issues } = await buildBooklet(file, 'final', adjustedLibrary(), { charts: false });
  assert.ok(view);
  const corrected = issues.filter((i) => i.rule === 'text.corrected').map((i) => [i.pointer, i.expected, i.found]);
  assert.equal(corrected, [['/documents/final/figures/gpb:2010501/stated/adjustedRate', '99.78%', '102.61%']]);
});

test.run();
