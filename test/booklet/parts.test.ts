/**
 * Parts, sections and the 说明's wording as profile data (docs/profiles.md 各部分、说明的措辞).
 *
 * A fixture profile in the order of Shanghai's 区级部门预算 (test/fixtures/profiles/
 * shanghai-district-budget.json: 一、主要职能 … 七、项目经费情况说明, the 说明 before and after the
 * tables, the overview and the 说明 twice each, a second tables part) over a fixture data file
 * (test/fixtures/parts/shanghai-budget.json, the minimal budget with Shanghai's recorded facts).
 * The expected sentences are written from the fixture's numbers by hand. Then: a seed's profile
 * spelled out (every section listed, national wording keys given) prints what the defaults print,
 * one changed wording key changes exactly its words, and broken wording gives Chinese errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { loadLibrary, type Library } from '../../scripts/lib/model/reference.ts';
import { Profile } from '../../scripts/lib/model/profile.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import { BookletError } from '../../scripts/lib/booklet/context.ts';
import type { Block, BookletView, PartView } from '../../scripts/lib/booklet/model.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { checkFile } from '../../scripts/lib/check/check.ts';
import { renderBooklets } from '../../scripts/lib/site/render.ts';
import { defaultWording } from '../../scripts/lib/booklet/wording.ts';
import { byClass, byTag, parse, text } from '../templates/dom.ts';

const root = join(import.meta.dirname, '..', '..');
const FIXTURE_PROFILE = 'test/fixtures/profiles/shanghai-district-budget.json';
const FIXTURE_DATA = 'test/fixtures/parts/shanghai-budget.json';
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

/** The bundled library with the fixture profile added (after checking it against the profile schema). */
function library(): Library {
  const lib = loadLibrary(root);
  const profile = readJson<Profile>(FIXTURE_PROFILE);
  const validate = new Ajv2020.default({ strict: false, allErrors: true }).compile(Profile);
  assert.ok(validate(profile), JSON.stringify(validate.errors));
  lib.profiles.set(profile.id, profile);
  return lib;
}

const proseOf = (blocks: Block[]): string =>
  blocks
    .map((b) => (b.type === 'prose' ? b.html.__html : b.type === 'section' ? proseOf(b.blocks) : ''))
    .join('');
const sections = (p: PartView) => p.blocks.filter((b): b is Extract<Block, { type: 'section' }> => b.type === 'section');

let view: BookletView;
test.before(async () => {
  view = (await buildBooklet(readJson<UnitYearFile>(FIXTURE_DATA), 'budget', library(), { charts: false })).view;
});

test('the fixture data is clean under check with the fixture profile', () => {
  const checked = checkFile(root, join(root, FIXTURE_DATA), library());
  assert.equal(checked.findings.map((f) => `${f.rule} ${f.pointer}`), []);
});

test('Shanghai order: seven parts and an annex, titles as the profile words them, the same kind several times', () => {
  assert.equal(
    view.parts.map((p) => [p.id, p.title, p.number ?? null, p.anchor]),
    [
      ['overview', '一、部门主要职能', null, 'part-overview'],
      ['overview', '二、部门机构设置', null, 'part-overview-2'],
      ['glossary', '三、名词解释', null, 'part-glossary'],
      ['explanation', '四、部门预算编制说明', null, 'part-explanation'],
      ['tables', '五、部门预算表', null, 'part-tables'],
      ['explanation', '六、其他相关情况说明', null, 'part-explanation-2'],
      ['explanation', '七、项目经费情况说明', null, 'part-explanation-3'],
      ['tables', '附：项目绩效目标表', null, 'part-tables-2'],
    ],
  );
  // Every anchor of the page is unique although kinds repeat.
  const anchors = view.toc.map((t) => t.anchor);
  assert.is(new Set(anchors).size, anchors.length);
  assert.equal(
    view.toc.filter((t) => t.level === 1).map((t) => t.text),
    ['一、部门主要职能', '二、部门机构设置', '三、名词解释', '四、部门预算编制说明', '五、部门预算表', '六、其他相关情况说明', '七、项目经费情况说明', '附：项目绩效目标表'],
  );
});

test('untitled sections: 主要职能 and 机构设置 print their text straight under the part', () => {
  const [duties, organisation] = view.parts;
  assert.equal(duties!.blocks.map((b) => b.type), ['prose']);
  assert.is(proseOf(duties!.blocks), '<p>贯彻执行医疗保障方面的法律法规和政策，组织实施全县医疗保险和医疗救助工作。</p>\n');
  assert.equal(organisation!.blocks.map((b) => b.type), ['prose', 'list']);
  assert.equal(organisation!.blocks[1], { type: 'list', items: ['示例县医疗保障局本级（行政机关）', '示例县医疗保险服务中心（公益一类事业单位）'] });
});

test('numbered glossary entries （一）（二） from the part’s entryNumbers', () => {
  assert.equal(view.parts[2]!.blocks, [
    {
      type: 'glossary',
      entries: [
        { term: '财政拨款收入', definition: '指区级财政当年拨付的资金。', number: '（一）' },
        { term: '事业收入', definition: '指事业单位开展专业业务活动及辅助活动所取得的收入。', number: '（二）' },
      ],
    },
  ]);
});

test('编制说明 from sentence templates: fiscal income and expenditure changes, the reason, each 项 with its purpose', () => {
  const p = view.parts[3]!;
  assert.equal(sections(p), []);
  assert.is(
    proseOf(p.blocks),
    '<p>2024年，示例区万里街道办事处收入预算2805.56万元，其中：财政拨款收入2805.56万元，比2023年预算增加100.00万元；事业收入0.00万元；事业单位经营收入0.00万元；其他收入0.00万元。</p>' +
      '<p>支出预算2805.56万元，其中：财政拨款支出预算2805.56万元，比2023年预算增加100.00万元。财政拨款支出预算中，一般公共预算拨款支出预算2805.56万元，比2023年预算增加100.00万元；政府性基金拨款支出预算0.00万元，与2023年预算持平。</p>' +
      '<p>财政拨款收入支出增加的主要原因是项目调整。</p>' +
      '<p>财政拨款支出主要内容如下：</p>' +
      '<p>1. “卫生健康支出（类）医疗救助（款）城乡医疗救助（项）”科目2127.00万元，主要用于城乡医疗救助。</p>' +
      '<p>2. “卫生健康支出（类）医疗保障管理事务（款）行政运行（项）”科目678.56万元，主要用于医疗保障经办机构的运行。</p>',
  );
});

test('tables part lists its tables; per-table footnotes; the other tables part holds the 绩效目标表 with the project narrative before each', () => {
  const tables = view.parts[4]!;
  assert.equal(
    tables.blocks.map((b) => (b.type === 'table' ? b.table.anchor : b.type)),
    ['table-summary', 'table-income', 'table-expenditure', 'table-fiscalSummary', 'table-gpbExpenditure', 'table-gfbExpenditure', 'table-gpbBasic', 'table-threePublic'],
  );
  const notes = Object.fromEntries(tables.blocks.flatMap((b) => (b.type === 'table' ? [[b.table.id, b.table.notes]] : [])));
  assert.equal(notes.gfbExpenditure, ['注:本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。']);
  assert.equal(notes.gpbBasic, ['注：本表反映2024年部门一般公共预算基本支出的人员经费和公用经费。']);
  assert.equal(notes.summary, []);
  const annex = view.parts[7]!;
  assert.equal(annex.blocks.map((b) => (b.type === 'table' ? b.table.anchor : b.type)), ['prose', 'table-projectPerformance-1', 'prose', 'table-projectPerformance-2']);
  assert.ok(proseOf([annex.blocks[0]!]).startsWith('<p>1.“城乡医疗救助”项目。</p><p>（1）项目概况。对困难群众的医疗费用给予救助。</p>'));
  assert.is(proseOf([annex.blocks[2]!]), '<p>2.“医保信息系统运行维护”项目。</p><p>（1）实施主体。示例县医疗保障局本级。</p><p>（2）年度预算安排。项目预算安排资金18.00万元。</p>');
});

test('其他相关情况说明: headings 一、… as the profile sets them, 三公 changes and reasons, 中小企业预留, the wording override of 机关运行经费', () => {
  const p = view.parts[5]!;
  assert.equal(sections(p).map((s) => s.heading), ['一、2024年“三公”经费预算情况说明', '二、机关运行经费预算', '三、政府采购预算情况', '四、绩效目标设置情况', '五、国有资产占有使用情况']);
  const [three, operating, procurement] = sections(p);
  assert.is(
    proseOf(three!.blocks),
    '<p>2024年“三公”经费预算数为7.80万元，与2023年预算持平。其中：</p><p>（一）因公出国（境）费0.00万元。</p><p>（二）公务用车购置及运行费2.00万元，比2023年预算减少1.00万元，主要原因是车辆运行费用下降。</p><p>（三）公务接待费5.80万元。</p>',
  );
  assert.is(proseOf(operating!.blocks), '<p>2024年示例区万里街道办事处（部门）财政拨款的机关运行经费预算为126.81万元。</p>');
  assert.is(
    proseOf(procurement!.blocks),
    '<p>2024年本部门政府采购预算18.00万元，其中：政府采购货物预算0.00万元、政府采购工程预算0.00万元、政府采购服务预算18.00万元。</p>' +
      '<p>2024年本部门面向中小企业预留政府采购项目预算金额7.20万元，其中，预留给小型和微型企业的政府采购项目预算为5.04万元。</p>',
  );
});

test('项目经费情况说明: the project narrative with the profile’s labels (项目概况, 实施周期, 实施方案)', () => {
  assert.is(
    proseOf(view.parts[6]!.blocks),
    '<p>1.“城乡医疗救助”项目。</p><p>（1）项目概况。对困难群众的医疗费用给予救助。</p><p>（2）立项依据。《示例区医疗救助办法》。</p><p>（3）实施主体。示例县医疗保险服务中心。</p>' +
      '<p>（4）实施周期。2024年1月—2024年12月。</p><p>（5）实施方案。按季度拨付救助资金。</p><p>（6）年度预算安排。项目预算安排资金2127.00万元。</p><p>（7）绩效目标。减轻困难群众就医负担。</p>',
  );
});

test('the page prints the parts in that order, without a part number, and the glossary numbers', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'gongkai-parts-'));
  try {
    const site = { siteName: '预决算公开', host: '', siteCode: '', icp: '', police: '', footer: [], baseUrl: '', regions: [] };
    await renderBooklets(root, tmp, site, [view]);
    const doc = parse(readFileSync(join(tmp, view.paths.html), 'utf8'));
    const h2 = byTag(doc, 'h2').filter((h) => (h.attribs.class ?? '').includes('section__heading'));
    assert.equal(
      h2.map((h) => text(h).trim()),
      ['一、部门主要职能', '二、部门机构设置', '三、名词解释', '四、部门预算编制说明', '五、部门预算表', '六、其他相关情况说明', '七、项目经费情况说明', '附：项目绩效目标表'],
    );
    assert.equal(byClass(doc, 'glossary__number').map((e) => text(e)), ['（一）', '（二）']);
    assert.ok(byClass(doc, 'data-table__notes').some((e) => text(e).includes('注：本表反映2024年部门一般公共预算基本支出的人员经费和公用经费。')));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('决算 in the order of Shanghai’s 2024 部门决算 template: 第一部分 … 第四部分, 一、… 十一、 as the template numbers them, glossary 1. 2.', async () => {
  const file = readJson<UnitYearFile>('data/shili-danwei/2023.json');
  file.documents.final!.profile = 'fixture-shanghai-district-budget';
  const v = (await buildBooklet(file, 'final', library(), { charts: false })).view;
  const unit = file.unit.name;
  assert.equal(
    v.parts.map((p) => `${p.number} ${p.title}`),
    [`第一部分 ${unit}概况`, `第二部分 ${unit}2023年度单位决算表`, `第三部分 ${unit}2023年度单位决算情况说明`, '第四部分 名词解释'],
  );
  assert.equal(sections(v.parts[0]!).map((s) => s.heading), ['一、主要职能', '二、部门决算单位构成']);
  // The template's 目录 (final-template-2024.txt): the 说明's eleven headings.
  assert.equal(sections(v.parts[2]!).map((s) => s.heading), [
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
    '十一、其他重要事项说明',
  ]);
  const g = v.parts[3]!.blocks[0]!;
  assert.ok(g.type === 'glossary');
  assert.equal(g.entries.slice(0, 2).map((e) => `${e.number} ${e.term}`), ['1. 财政拨款收入', '2. 事业收入']);
  assert.equal(v.tables[0]!.notes, ['注：本表反映部门本年度的总收支和年末结转结余情况。']);
});

// ------------------------------------------------------------------ defaults

const seed = (path: string) => readJson<UnitYearFile>(path);

/** The seed built with its own profile changed by `edit` (a copy; the bundled library is untouched). */
async function withProfile(path: string, kind: 'budget' | 'final', edit: (p: Profile) => void): Promise<BookletView> {
  const lib = loadLibrary(root);
  const file = seed(path);
  const id = file.documents[kind]!.profile;
  const copy = JSON.parse(JSON.stringify(lib.profiles.get(id))) as Profile;
  edit(copy);
  const profiles = new Map(lib.profiles);
  profiles.set(id, copy);
  return (await buildBooklet(file, kind, { ...lib, profiles }, { charts: false })).view;
}

const plain = async (path: string, kind: 'budget' | 'final') => withProfile(path, kind, () => {});

test('002 (anhui budget): every section and the national wording spelled out print what the defaults print', async () => {
  const spelled = await withProfile('data/sixian-ybj/2024.json', 'budget', (p) => {
    const k = p.kinds.budget!;
    const sectionsOf: Record<string, unknown> = {
      overview: [{ id: 'duties' }, { id: 'organisation' }, { id: 'tasks' }],
      explanation: [
        ...['summary', 'income', 'expenditure', 'fiscalSummary', 'gpbExpenditure', 'gpbBasic', 'gfbExpenditure', 'scobExpenditure', 'projects', 'procurementTable', 'purchasedServices'].map((id) => ({ id })),
        { id: 'matters', sections: [{ id: 'operatingCost' }, { id: 'procurement' }, { id: 'assets' }, { id: 'threePublic' }, { id: 'performance' }, { id: 'other' }] },
      ],
    };
    k.parts = k.parts!.map((part) => ({ ...part, ...(sectionsOf[part.id] ? { sections: sectionsOf[part.id] } : {}) })) as typeof k.parts;
    k.wording = { 'heading.table': '关于{year}年{table}的说明', 'reason.up': '增长原因主要是', 'purpose.lead': '主要用于', 'overview.organisation': '{level}预算构成' };
  });
  const implicit = await plain('data/sixian-ybj/2024.json', 'budget');
  assert.equal(spelled.parts, implicit.parts);
  // The defaults are the seed's wording (a sentence of the original booklet).
  assert.ok(proseOf(implicit.parts.find((p) => p.id === 'explanation')!.blocks).includes('增长原因主要是'));
});

test('001 (anhui final): spelled-out sections (其他重要事项 without the 三公 table’s section) print what the defaults print', async () => {
  const spelled = await withProfile('data/huaibei-ybj/2023.json', 'final', (p) => {
    const k = p.kinds.final!;
    const explanation = [
      ...['summary', 'income', 'expenditure', 'fiscalSummary', 'gpbExpenditure', 'gpbBasic', 'threePublic', 'gfbExpenditure', 'scobExpenditure'].map((id) => ({ id })),
      { id: 'matters', sections: [{ id: 'projectNarratives' }, { id: 'operatingCost' }, { id: 'procurement' }, { id: 'assets' }, { id: 'performance' }, { id: 'other' }] },
    ];
    // threePublic at the first level is the table's section, with the table's heading.
    k.parts = k.parts!.map((part) => (part.id === 'explanation' ? { ...part, sections: explanation } : part.id === 'overview' ? { ...part, sections: [{ id: 'duties' }, { id: 'organisation' }, { id: 'performance' }] } : part));
  });
  assert.equal(spelled.parts, (await plain('data/huaibei-ybj/2023.json', 'final')).parts);
});

test('one wording key changes exactly its words (reason.up in seed 002)', async () => {
  const changed = await withProfile('data/sixian-ybj/2024.json', 'budget', (p) => {
    p.kinds.budget!.wording = { 'reason.up': '增加的主要原因是' };
  });
  const implicit = await plain('data/sixian-ybj/2024.json', 'budget');
  const json = JSON.stringify(implicit.parts);
  assert.ok(json.includes('增长原因主要是'));
  assert.is(JSON.stringify(changed.parts), json.replaceAll('增长原因主要是', '增加的主要原因是'));
});

test('docs/profiles.md names every wording key a profile may set', () => {
  const docs = readFileSync(join(root, 'docs/profiles.md'), 'utf8');
  const keys = new Set([...Object.keys(defaultWording('budget')), ...Object.keys(defaultWording('final'))]);
  // 决算's per-table headings are documented together as heading.table.<节>.
  const missing = [...keys].filter((k) => !k.startsWith('heading.table.') && !docs.includes(`\`${k}\``));
  assert.equal(missing, []);
  assert.ok(docs.includes('`heading.table.<节>`'));
});

// ------------------------------------------------------------------ bad profiles

async function failure(edit: (p: Profile) => void): Promise<string> {
  try {
    await withProfile('data/sixian-ybj/2024.json', 'budget', edit);
  } catch (e) {
    assert.instance(e, BookletError);
    return (e as Error).message;
  }
  throw new Error('expected a BookletError');
}

test('bad parts: a table in two tables parts, a table not in the profile, a field the part does not use', async () => {
  assert.is(
    await failure((p) => {
      const k = p.kinds.budget!;
      k.parts = [...k.parts!.map((x) => (x.id === 'tables' ? { ...x, tables: ['summary' as const, 'income' as const] } : x)), { id: 'tables', title: '附表', tables: ['income'] }];
    }),
    '表式 anhui-2024 的表 income 列在两个公开表部分中（第 2 和第 5 部分），一张表只能印一次',
  );
  assert.is(
    await failure((p) => (p.kinds.budget!.parts![1] = { ...p.kinds.budget!.parts![1]!, tables: ['threePublic'] })),
    '表式 anhui-2024 第 2 部分列出的表 threePublic 不在该表式的 tables 中',
  );
  assert.is(
    await failure((p) => (p.kinds.budget!.parts![3] = { ...p.kinds.budget!.parts![3]!, sections: [{ id: 'duties' }] })),
    '表式 anhui-2024 第 4 部分（glossary）不能有 sections：只有 overview、explanation 部分用它',
  );
});

test('bad wording and sections: Chinese messages naming the profile, the key and what is wrong', async () => {
  assert.is(
    await failure((p) => (p.kinds.budget!.wording = { 'reason.upp': 'x' })),
    '表式 anhui-2024 的预算 wording 中有不认识的编号：reason.upp（可用的编号见 docs/profiles.md“说明的措辞”）',
  );
  assert.is(
    await failure((p) => (p.kinds.budget!.wording = { 'operatingCost.text': '{unit}机关运行经费{amont}。' })),
    '表式 anhui-2024 的预算措辞“operatingCost.text”有误：不认识的占位符 {amont}',
  );
  assert.is(
    await failure((p) => (p.kinds.budget!.wording = { 'operatingCost.text': '{amount:operating.cost}。' })),
    '表式 anhui-2024 的预算措辞“operatingCost.text”有误：{amount:operating.cost} 中的数字编号 operating.cost 不存在（见 docs/figures.md）',
  );
  assert.is(
    await failure((p) => (p.kinds.budget!.wording = { 'operatingCost.text': '[，比上年{change}。' })),
    '表式 anhui-2024 的预算措辞“operatingCost.text”有误：有“[”没有对应的“]”',
  );
  assert.is(
    await failure((p) => (p.kinds.budget!.parts![2] = { ...p.kinds.budget!.parts![2]!, sections: [{ id: 'incme' }] })),
    '表式 anhui-2024 的说明中有不认识的节“incme”（sections/0），应为 summary、income、expenditure、fiscalSummary、gpbExpenditure、gpbBasic、economicSummary、threePublic、gfbExpenditure、scobExpenditure、projects、procurementTable、purchasedServices、matters、projectNarratives、eachProject、operatingCost、procurement、assets、performance、other、text 之一',
  );
});

test.run();
