/**
 * Writes test/fixtures/components/*.json: `npx tsx test/templates/make-fixtures.ts`.
 * The content is written by hand here (modelled on seed 002, 泗县医疗保障局 2024); the chart SVGs
 * and the prose HTML come from the real charts.ts / prose.ts, so the fixtures hold what the build
 * prints. Run it again after a change to charts.ts and review the diff.
 * Fixture file shape (govuk-frontend style): { component, template, examples: [{ name, params }] }.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { barChart, compareChart } from '../../scripts/lib/charts/render.ts';
import { renderMarkdown } from '../../scripts/lib/booklet/prose.ts';

const dir = join(import.meta.dirname, '../fixtures/components') + '/';
const H = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{ 7*7 }}{% raw %}';
const write = (name: string, component: string, template: string, examples: unknown[]) =>
  writeFileSync(dir + name + '.json', JSON.stringify({ component, template, examples }, null, 2) + '\n');

const A = (text: string) => ({ text, kind: 'amount' });
const code = (text: string) => ({ text, kind: 'code' });
const name = (text: string, indent: number) => ({ text, kind: 'text', header: true, indent });

// ── ledger ──
const fnRows: [string, string, string[]][] = [
  ['208', '社会保障和就业支出', ['5', '', '5']],
  ['20801', '人力资源和社会保障管理事务', ['5', '', '5']],
  ['2080109', '社会保险经办机构', ['5', '', '5']],
  ['210', '卫生健康支出', ['2,800.56', '660.56', '2,140.00']],
  ['21011', '行政事业单位医疗', ['387.94', '30.94', '357.00']],
  ['2101101', '行政单位医疗', ['362.52', '5.52', '357.00']],
  ['2101102', '事业单位医疗', ['25.42', '25.42', '']],
  ['21013', '医疗救助', ['1,760.00', '', '1,760.00']],
  ['2101301', '城乡医疗救助', ['1,760.00', '', '1,760.00']],
];
const expenditure = {
  id: 'expenditure', anchor: 'table-expenditure', number: '部门公开表3', title: '泗县医疗保障局2024年支出总表', unitLabel: '单位：万元', shape: 'ledger',
  head: [
    [{ text: '科目编码', rowspan: 2, scope: 'col' }, { text: '科目名称', rowspan: 2, scope: 'col' }, { text: '合计', rowspan: 2, scope: 'col' }, { text: '其中', colspan: 2, scope: 'colgroup' }],
    [{ text: '基本支出', scope: 'col' }, { text: '项目支出', scope: 'col' }],
  ],
  body: [
    { kind: 'total', cells: [{ text: '合计', kind: 'text', header: true, colspan: 2 }, A('2,805.56'), A('660.56'), A('2,145.00')] },
    ...fnRows.map(([c, n, v]) => ({ kind: c.length === 3 ? 'group' : 'item', cells: [code(c), name(n, (c.length - 3) / 2), ...v.map(A)] })),
  ],
  empty: false, notes: ['注：本表金额保留两位小数，合计数与各项之和的尾差为四舍五入所致。'], wide: false, charts: [], csvName: '03-expenditure.csv',
};
const gfb = {
  id: 'gfbExpenditure', anchor: 'table-gfbExpenditure', number: '部门公开表7', title: '泗县医疗保障局2024年政府性基金预算支出表', unitLabel: '单位：万元', shape: 'ledger',
  head: [
    [{ text: '科目编码', rowspan: 2, scope: 'col' }, { text: '科目名称', rowspan: 2, scope: 'col' }, { text: '本年政府性基金预算支出', colspan: 3, scope: 'colgroup' }],
    [{ text: '合计', scope: 'col' }, { text: '基本支出', scope: 'col' }, { text: '项目支出', scope: 'col' }],
  ],
  body: [], empty: true,
  emptyNote: '注：泗县医疗保障局没有政府性基金预算拨款收入，也没有政府性基金预算拨款安排的支出，故本表无数据。',
  notes: [], wide: false, charts: [], csvName: '07-gfbExpenditure.csv',
};
const gpb = {
  id: 'gpbExpenditure', anchor: 'table-gpbExpenditure', number: '部门公开表5', title: '泗县医疗保障局2024年一般公共预算支出表', unitLabel: '单位：万元', shape: 'ledger',
  head: [
    [{ text: '功能分类科目', colspan: 2, scope: 'colgroup' }, { text: '合计', rowspan: 2, scope: 'col' }, { text: '基本支出', colspan: 3, scope: 'colgroup' }, { text: '项目支出', rowspan: 2, scope: 'col' }, { text: '事业单位经营支出', rowspan: 2, scope: 'col' }, { text: '上缴上级支出', rowspan: 2, scope: 'col' }, { text: '对附属单位补助支出', rowspan: 2, scope: 'col' }],
    [{ text: '科目编码', scope: 'col' }, { text: '科目名称', scope: 'col' }, { text: '小计', scope: 'col' }, { text: '人员经费', scope: 'col' }, { text: '公用经费', scope: 'col' }],
  ],
  body: [
    { kind: 'group', cells: [code('210'), name('卫生健康支出', 0), A('2,800.56'), A('660.56'), A('533.75'), A('126.81'), A('2,140.00'), A(''), A(''), A('')] },
    { kind: 'item', cells: [code('21015'), name('医疗保障管理事务', 1), A('652.62'), A('629.62'), A('502.81'), A('126.81'), A('23.00'), A(''), A(''), A('')] },
    { kind: 'item', cells: [code('2101599'), name('其他医疗保障管理事务支出', 2), A('5.00'), A(''), A(''), A(''), A('5.00'), A(''), A(''), A('')] },
    { kind: 'total', cells: [{ text: '合计', kind: 'text', header: true, colspan: 2 }, A('2,805.56'), A('660.56'), A('533.75'), A('126.81'), A('2,145.00'), A(''), A(''), A('')] },
  ],
  empty: false, notes: [], wide: true, charts: [], csvName: '05-gpbExpenditure.csv',
};

// ── two-sided ──
const pairs: [string, string, string, string][] = [
  ['一、一般公共预算拨款收入', '2,805.56', '一、一般公共服务支出', ''],
  ['其中：中央转移支付收入', '', '二、外交支出', ''],
  ['二、政府性基金预算拨款收入', '', '三、社会保障和就业支出', '5.00'],
  ['三、国有资本经营预算拨款收入', '', '四、卫生健康支出', '2,800.56'],
  ['', '', '五、节能环保支出', ''],
];
const summary = {
  id: 'summary', anchor: 'table-summary', number: '部门公开表1', title: '泗县医疗保障局2024年收支总表', unitLabel: '单位：万元', shape: 'twoSided',
  head: [
    [{ text: '收入', colspan: 2, scope: 'colgroup' }, { text: '支出', colspan: 2, scope: 'colgroup' }],
    [{ text: '项目', scope: 'col' }, { text: '预算数', scope: 'col' }, { text: '项目', scope: 'col' }, { text: '预算数', scope: 'col' }],
  ],
  body: [
    ...pairs.map(([a, b, c, d]) => ({ kind: 'item', cells: [{ text: a, kind: 'text', header: a !== '', indent: a.startsWith('其中') ? 1 : 0 }, A(b), { text: c, kind: 'text', header: true }, A(d)] })),
    { kind: 'subtotal', cells: [{ text: '本年收入小计', kind: 'text', header: true }, A('2,805.56'), { text: '本年支出小计', kind: 'text', header: true }, A('2,805.56')] },
    { kind: 'total', cells: [{ text: '收入总计', kind: 'text', header: true }, A('2,805.56'), { text: '支出总计', kind: 'text', header: true }, A('2,805.56')] },
  ],
  empty: false, notes: [], wide: false, charts: [], csvName: '01-summary.csv',
};

// ── list ──
const projects = {
  id: 'projects', anchor: 'table-projects', number: '部门公开表9', title: '泗县医疗保障局2024年项目支出表', unitLabel: '单位：万元', shape: 'list',
  head: [
    [{ text: '类型', rowspan: 2, scope: 'col' }, { text: '项目名称', rowspan: 2, scope: 'col' }, { text: '项目单位', rowspan: 2, scope: 'col' }, { text: '总计', rowspan: 2, scope: 'col' }, { text: '本年财政拨款', colspan: 3, scope: 'colgroup' }, { text: '单位资金', rowspan: 2, scope: 'col' }],
    [{ text: '一般公共预算', scope: 'col' }, { text: '政府性基金', scope: 'col' }, { text: '国有资本经营', scope: 'col' }],
  ],
  body: [
    { kind: 'total', cells: [{ text: '合计', kind: 'text', header: true, colspan: 3 }, A('2,145.00'), A('2,145.00'), A(''), A(''), A('')] },
    { kind: 'item', cells: [{ text: '专项业务类', kind: 'text', rowspan: 2 }, { text: '城乡医疗救助资金', kind: 'text', header: true }, { text: '泗县医疗保障局本级', kind: 'text' }, A('1,760.00'), A('1,760.00'), A(''), A(''), A('')] },
    { kind: 'item', cells: [{ text: '离休人员医疗费', kind: 'text', header: true }, { text: '泗县医疗保障局本级', kind: 'text' }, A('357.00'), A('357.00'), A(''), A(''), A('')] },
    { kind: 'item', cells: [{ text: '运转类', kind: 'text' }, { text: '医保经办业务经费', kind: 'text', header: true }, { text: '泗县城乡居民基本医疗保险管理服务中心', kind: 'text' }, A('28.00'), A('28.00'), A(''), A(''), A('')] },
  ],
  empty: false, notes: [], wide: true, charts: [], csvName: '09-projects.csv',
};
const services = {
  id: 'purchasedServices', anchor: 'table-purchasedServices', number: '部门公开表11', title: '泗县医疗保障局2024年政府购买服务支出表', unitLabel: '单位：万元', shape: 'list',
  head: [[{ text: '项目名称', scope: 'col' }, { text: '一级目录', scope: 'col' }, { text: '二级目录', scope: 'col' }, { text: '内容', scope: 'col' }, { text: '数量', scope: 'col' }, { text: '金额', scope: 'col' }]],
  body: [], empty: true, emptyNote: '注：泗县医疗保障局2024年没有政府购买服务支出，故本表无数据。', notes: [], wide: false, charts: [], csvName: '11-purchasedServices.csv',
};
const countList = {
  id: 'procurement', anchor: 'table-procurement', title: '政府采购支出表', unitLabel: '单位：万元', shape: 'list',
  head: [[{ text: '项目名称', scope: 'col' }, { text: '数量', scope: 'col' }, { text: '占比', scope: 'col' }, { text: '金额', scope: 'col' }]],
  body: [{ kind: 'item', cells: [{ text: '办公设备', kind: 'text', header: true }, { text: '3', kind: 'count' }, { text: '100.00%', kind: 'percent' }, A('9.00')] }],
  empty: false, notes: [], wide: false, charts: [], csvName: '10-procurement.csv',
};

// ── form ──
const T = (text: string, extra: object = {}) => ({ text, kind: 'text', ...extra });
const performance = {
  id: 'projectPerformance', anchor: 'table-projectPerformance-1', number: '部门公开表12', title: '城乡医疗救助资金项目绩效目标表', unitLabel: '单位：万元', shape: 'form',
  head: [[{ text: '项目名称', scope: 'col' }, { text: '城乡医疗救助资金', colspan: 3, scope: 'colgroup' }]],
  body: [
    { kind: 'item', cells: [T('主管部门', { header: true }), T('泗县医疗保障局'), T('实施单位', { header: true }), T('泗县医疗保障局本级')] },
    { kind: 'item', cells: [T('项目资金', { header: true }), A('1,760.00'), T('其中：财政拨款', { header: true }), A('1,760.00')] },
    { kind: 'section', cells: [T('年度绩效目标', { header: true }), T('对符合条件的困难群众给予医疗救助，减轻其医疗费用负担。', { colspan: 3 })] },
    { kind: 'group', cells: [T('一级指标', { header: true }), T('二级指标', { header: true }), T('三级指标', { header: true }), T('指标值', { header: true })] },
    { kind: 'item', cells: [T('产出指标', { header: true, rowspan: 2 }), T('数量指标'), T('救助人次'), T('≥12000人次')] },
    { kind: 'item', cells: [T('时效指标'), T('资金拨付及时率'), { text: '100%', kind: 'percent' }] },
    { kind: 'item', cells: [T('满意度指标', { header: true }), T('服务对象满意度'), T('救助对象满意度'), T('≥95%')] },
  ],
  empty: false, notes: [], wide: false, charts: [], csvName: '12-projectPerformance-1.csv',
};

// ── charts ──
const c1 = await barChart({ id: 'chart-income', title: '2024年收入预算构成', unit: '万元', data: [{ label: '一般公共预算拨款收入', value: 2805.56 }, { label: '上年结转', value: 0 }] });
const c2 = await compareChart({ id: 'chart-compare', title: '一般公共预算支出与上年比较', unit: '万元',
  previous: { name: '2023年', data: [{ label: '基本支出', value: 612.3 }, { label: '项目支出', value: 2010 }] },
  current: { name: '2024年', data: [{ label: '基本支出', value: 660.56 }, { label: '项目支出', value: 2145 }] } });
const chartIncome = { id: 'chart-income', title: '2024年收入预算构成', svg: { __html: c1.svg }, alt: c1.alt };
const chartCompare = { id: 'chart-compare', title: '一般公共预算支出与上年比较', svg: { __html: c2.svg }, alt: c2.alt };
const ch = await barChart({ id: 'chart-hostile', title: H, unit: '万元', data: [{ label: H, value: 1 }] });
const chartHostile = { id: 'chart-hostile', title: H, svg: { __html: ch.svg }, alt: H };

write('ledger-table', 'ledgerTable', 'components/ledger-table.njk', [
  { name: '支出总表（两行表头，类款项缩进，合计行）', params: { table: expenditure, csvHref: '2024-budget-csv/03-expenditure.csv' } },
  { name: '一般公共预算支出表（宽表）', params: { table: gpb } },
  { name: '空表（政府性基金预算支出表）', params: { table: gfb } },
]);
write('two-sided-table', 'twoSidedTable', 'components/two-sided-table.njk', [
  { name: '收支总表', params: { table: summary, csvHref: '2024-budget-csv/01-summary.csv' } },
]);
write('list-table', 'listTable', 'components/list-table.njk', [
  { name: '项目支出表（类型跨行）', params: { table: projects } },
  { name: '空表（政府购买服务支出表）', params: { table: services } },
  { name: '数量、占比列', params: { table: countList } },
]);
write('form-table', 'formTable', 'components/form-table.njk', [
  { name: '项目绩效目标表', params: { table: performance } },
]);
write('chart-figure', 'chartFigure', 'components/chart-figure.njk', [
  { name: '条形图', params: { chart: chartIncome } },
  { name: '与上年比较', params: { chart: chartCompare } },
]);
write('empty-table-note', 'emptyTableNote', 'components/empty-table-note.njk', [
  { name: '表式给出的说明', params: { text: '注：本单位本年度没有国有资本经营预算拨款收入，故本表无数据。', columns: 5 } },
  { name: '默认说明', params: { columns: 3 } },
]);
write('prose', 'prose', 'components/prose.njk', [
  { name: '段落和列表', params: { html: renderMarkdown('（一）贯彻中央省市医疗保障方面的法律法规和政策规定。\n\n- 一是持续做好医保民生工作；\n- 二是不断提升医保经办服务水平。\n\n详见[财政部网站](https://www.mof.gov.cn/)。') } },
]);
write('bullet-list', 'bulletList', 'components/bullet-list.njk', [
  { name: '预算单位', params: { items: ['泗县医疗保障局本级（行政机关）', '泗县城镇职工基本医疗保险基金管理中心（公益一类事业单位）'] } },
]);
write('glossary', 'glossary', 'components/glossary.njk', [
  { name: '名词解释', params: { entries: [
    { term: '财政拨款收入', definition: '指本级财政当年拨付的资金。' },
    { term: '“三公”经费', definition: '指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。' },
  ] } },
]);
const nested = [
  { type: 'section', anchor: 'overview-duties', heading: '一、主要职责', blocks: [
    { type: 'prose', html: renderMarkdown('负责全县医疗保障工作。') },
    { type: 'section', anchor: 'overview-duties-1', heading: '（一）医疗保险', blocks: [
      { type: 'section', anchor: 'overview-duties-1-1', heading: '1. 基本医疗保险', blocks: [
        { type: 'section', anchor: 'overview-duties-1-1-1', heading: '（1）职工医保', blocks: [
          { type: 'section', anchor: 'overview-duties-1-1-1-1', heading: '① 缴费', blocks: [{ type: 'list', items: ['按月缴费'] }] },
        ] },
      ] },
    ] },
  ] },
  { type: 'section', anchor: 'overview-units', heading: '二、部门预算构成', blocks: [{ type: 'list', items: ['泗县医疗保障局本级'] }] },
];
write('booklet-blocks', 'bookletPart', 'components/booklet-blocks.njk', [
  { name: '概况（多级小节）', params: { part: { id: 'overview', anchor: 'part-overview', number: '第一部分', title: '部门概况', blocks: nested } } },
  { name: '公开表（表格和图表）', params: { csvDir: '2024-budget-csv', part: { id: 'tables', anchor: 'part-tables', number: '第二部分', title: '2024年度部门预算表', blocks: [
    { type: 'table', table: { ...summary, charts: [chartIncome] } },
    { type: 'table', table: expenditure },
    { type: 'table', table: gfb },
    { type: 'table', table: projects },
    { type: 'table', table: performance },
    { type: 'chart', chart: chartCompare },
  ] } } },
  { name: '名词解释', params: { part: { id: 'glossary', anchor: 'part-glossary', number: '第四部分', title: '名词解释', blocks: [
    { type: 'glossary', entries: [{ term: '基本支出', definition: '指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。' }] },
  ] } } },
]);
write('section', 'section', 'components/section.njk', [
  { name: '第三级', params: { anchor: 'explain-summary', heading: '一、关于2024年收支总表的说明', level: 3 } },
  { name: '部分（带序号）', params: { anchor: 'part-explanation', heading: '2024年度部门预算情况说明', number: '第三部分', level: 2, modifier: 'part' } },
]);
const toc = [
  { anchor: 'part-overview', text: '第一部分 部门概况', level: 1 },
  { anchor: 'overview-duties', text: '一、主要职责', level: 2 },
  { anchor: 'overview-units', text: '二、部门预算构成', level: 2 },
  { anchor: 'part-tables', text: '第二部分 2024年度部门预算表', level: 1 },
  { anchor: 'table-summary', text: '1. 泗县医疗保障局2024年收支总表', level: 2 },
  { anchor: 'table-projectPerformance-1', text: '城乡医疗救助资金', level: 3 },
  { anchor: 'part-glossary', text: '第四部分 名词解释', level: 1 },
];
write('toc', 'toc', 'components/toc.njk', [{ name: '三级目录', params: { entries: toc } }]);
const summaryOf = (o: object) => ({
  key: 'sixian-ybj/2024/budget', unitId: 'sixian-ybj', unitName: '泗县医疗保障局', level: 'department', year: 2024, kind: 'budget', kindZh: '预算',
  title: '泗县医疗保障局2024年度部门预算', publishedDate: '2024-02-05', publishedDateZh: '2024年2月5日', example: false,
  paths: { html: 'sixian-ybj/2024-budget.html', pdf: 'sixian-ybj/2024-budget.pdf', data: 'sixian-ybj/2024.json', csvDir: 'sixian-ybj/2024-budget-csv', xlsx: 'sixian-ybj/2024-budget-tables.xlsx', unit: 'sixian-ybj/index.html' }, ...o,
});
write('cover', 'cover', 'components/cover.njk', [
  { name: '有公开日期', params: { booklet: summaryOf({}) } },
  { name: '原文未注明公开日期', params: { booklet: summaryOf({ publishedDate: null, publishedDateZh: null }) } },
]);
write('breadcrumbs', 'breadcrumbs', 'components/breadcrumbs.njk', [
  { name: '首页 › 单位 › 本页', params: { items: [{ text: '首页', href: '../index.html' }, { text: '泗县医疗保障局', href: 'index.html' }], current: '泗县医疗保障局2024年度部门预算' } },
]);
write('booklet-list', 'bookletList', 'components/booklet-list.njk', [
  { name: '两份文件（一份示例）', params: { pageUrl: '/years/2024.html', booklets: [summaryOf({}), summaryOf({ key: 'shili-danwei/2023/final', unitId: 'shili-danwei', unitName: '示例单位', year: 2023, kind: 'final', kindZh: '决算', title: '示例单位2023年度单位决算', example: true, publishedDate: null, publishedDateZh: null, paths: { html: 'shili-danwei/2023-final.html', pdf: 'shili-danwei/2023-final.pdf', data: 'shili-danwei/2023.json', csvDir: 'shili-danwei/2023-final-csv', xlsx: 'shili-danwei/2023-final-tables.xlsx', unit: 'shili-danwei/index.html' } })] } },
  { name: '没有文件', params: { pageUrl: '/index.html', booklets: [] } },
]);
write('example-banner', 'exampleBanner', 'components/example-banner.njk', [{ name: '默认', params: {} }]);

// ── hostile: markup and template syntax in every text field ──
const hcell = (kind: string, extra: object = {}) => ({ text: H, kind, ...extra });
const htable = (shape: string) => ({
  id: 'summary', anchor: H, number: H, title: H, unitLabel: H, shape,
  head: [[{ text: H, scope: 'col' }, { text: H, colspan: 2, scope: 'colgroup' }], [{ text: H, scope: 'col' }, { text: H, scope: 'col' }, { text: H, scope: 'col' }]],
  body: [{ kind: 'total', cells: [hcell('text', { header: true, indent: 1 }), hcell('amount', { csv: H }), hcell('code')] }],
  empty: false, emptyNote: H, notes: [H, H], wide: true, charts: [chartHostile], csvName: H,
});
write('hostile', 'hostile', '', [
  { name: 'ledger', component: 'ledgerTable', template: 'components/ledger-table.njk', params: { table: htable('ledger'), csvHref: H } },
  { name: 'twoSided', component: 'twoSidedTable', template: 'components/two-sided-table.njk', params: { table: htable('twoSided') } },
  { name: 'list', component: 'listTable', template: 'components/list-table.njk', params: { table: htable('list') } },
  { name: 'form', component: 'formTable', template: 'components/form-table.njk', params: { table: htable('form') } },
  { name: 'empty', component: 'ledgerTable', template: 'components/ledger-table.njk', params: { table: { ...htable('ledger'), empty: true, body: [] } } },
  { name: 'chart', component: 'chartFigure', template: 'components/chart-figure.njk', params: { chart: chartHostile } },
  { name: 'prose from Markdown', component: 'prose', template: 'components/prose.njk', params: { html: renderMarkdown(H + '\n\n[点我](javascript:alert(1))') } },
  { name: 'prose given as a plain string', component: 'prose', template: 'components/prose.njk', params: { html: H } },
  { name: 'list', component: 'bulletList', template: 'components/bullet-list.njk', params: { items: [H] } },
  { name: 'glossary', component: 'glossary', template: 'components/glossary.njk', params: { entries: [{ term: H, definition: H }] } },
  { name: 'section', component: 'section', template: 'components/section.njk', params: { anchor: H, heading: H, number: H, level: 3, modifier: H } },
  { name: 'blocks', component: 'bookletPart', template: 'components/booklet-blocks.njk', params: { csvDir: H, part: { id: 'overview', anchor: H, number: H, title: H, blocks: [
    { type: 'section', anchor: H, heading: H, blocks: [{ type: 'list', items: [H] }, { type: 'glossary', entries: [{ term: H, definition: H }] }] },
    { type: 'table', table: htable('ledger') }, { type: 'chart', chart: chartHostile },
  ] } } },
  { name: 'toc', component: 'toc', template: 'components/toc.njk', params: { entries: [{ anchor: H, text: H, level: 1 }, { anchor: H, text: H, level: 2 }] } },
  { name: 'cover', component: 'cover', template: 'components/cover.njk', params: { booklet: { ...summaryOf({}), unitName: H, title: H, kindZh: H, publishedDateZh: H } } },
  { name: 'breadcrumbs', component: 'breadcrumbs', template: 'components/breadcrumbs.njk', params: { items: [{ text: H, href: H }], current: H } },
  { name: 'booklet list', component: 'bookletList', template: 'components/booklet-list.njk', params: { pageUrl: '/index.html', booklets: [{ ...summaryOf({}), title: H, kindZh: H, publishedDateZh: H, paths: { html: H, pdf: H, data: H, csvDir: H, xlsx: H, unit: H } }] } },
  { name: 'empty note', component: 'emptyTableNote', template: 'components/empty-table-note.njk', params: { text: H, columns: H } },
  { name: 'example banner', component: 'exampleBanner', template: 'components/example-banner.njk', params: { text: H } },
  { name: 'preview findings', component: 'previewFindings', template: 'components/preview-findings.njk', params: { id: 'preview-findings', file: H, summary: H, level: 'error',
    findings: [{ severity: 'error', severityZh: H, location: H, pointer: H, rule: H, message: H, expected: H, found: H }] } },
]);
const L = (path: string, label: string, n: number) => ({ path, label, booklets: Array.from({ length: n }, () => summaryOf({})) });
write('filter-nav', 'filterNav', 'components/filter-nav.njk', [
  { name: '年度页', params: { pageUrl: '/years/2024.html', current: 'years/2024.html',
    portal: {
      years: [{ path: 'years/2024.html', label: '2024年', count: 1 }, { path: 'years/2023.html', label: '2023年', count: 1 }],
      kinds: [{ path: 'kinds/budget.html', label: '预算', count: 1 }, { path: 'kinds/final.html', label: '决算', count: 1 }],
      regions: [{ path: 'regions/putuo.html', label: '上海市普陀区', count: 2 }],
      departmentsIndex: { path: 'departments/index.html', label: '全部部门', count: 3 },
    } } },
  { name: '没有地区和部门', params: { pageUrl: '/index.html',
    portal: { years: [{ path: 'years/2024.html', label: '2024年', count: 1 }], kinds: [{ path: 'kinds/budget.html', label: '预算', count: 1 }], regions: [], departmentsIndex: { path: 'departments/index.html', label: '全部部门', count: 0 } } } },
]);
write('figure-table', 'figureTable', 'components/figure-table.njk', [
  { name: '两年预算', params: { pageUrl: '/putuo-wanli/index.html', caption: '万里街道办事处各年度主要数字',
    table: {
      columns: [{ label: '2024年预算', year: 2024, kind: 'budget', html: 'putuo-wanli/2024-budget.html' }, { label: '2025年预算', year: 2025, kind: 'budget', html: 'putuo-wanli/2025-budget.html' }],
      rows: [{ label: '收入总计', cells: [{ text: '15,621.11', notes: [] }, { text: '18,976.76', notes: ['比上年增加 3,355.65'] }] }],
      series: [],
    } } },
]);
write('pager', 'pagerNav', 'components/pager.njk', [
  { name: '第 5 页，共 40 页', params: { pageUrl: '/years/2024-5.html', label: '2024年', pager: { number: 5, count: 40, previous: 'years/2024-4.html', next: 'years/2024-6.html',
    links: [{ label: '1', path: 'years/2024.html', current: false }, { gap: true }, { label: '4', path: 'years/2024-4.html', current: false }, { label: '5', path: 'years/2024-5.html', current: true }, { label: '6', path: 'years/2024-6.html', current: false }, { gap: true }, { label: '40', path: 'years/2024-40.html', current: false }] } } },
]);
write('related-links', 'relatedLinks', 'components/related-links.njk', [
  { name: '两年与部门', params: { pageUrl: '/putuo-shangwu-benbu/2025-budget.html', related: {
    booklets: [{ year: 2024, kind: 'budget', label: '2024年预算', html: 'putuo-shangwu-benbu/2024-budget.html', current: false }, { year: 2025, kind: 'budget', label: '2025年预算', html: 'putuo-shangwu-benbu/2025-budget.html', current: true }],
    units: [{ role: '所属部门', name: '上海市普陀区商务委员会', href: 'putuo-shangwu/index.html' }] } } },
]);
write('downloads', 'downloads', 'components/downloads.njk', [
  { name: '预算', params: { pageUrl: '/sixian-ybj/2024-budget.html', booklet: { ...summaryOf({}), tables: [summary, expenditure] } } },
]);
// ── preview only (npm run serve): a data file's findings, as scripts/lib/edit/preview.ts makes them ──
const sixian = 'data/sixian-ybj/2024.json';
write('preview-findings', 'previewFindings', 'components/preview-findings.njk', [
  { name: '警告和提示', params: { id: 'preview-findings', file: sixian, summary: '0 个错误，1 个警告，1 个提示', level: 'warning', findings: [
    { severity: 'warning', severityZh: '警告', location: `${sixian}:491:11`, pointer: '/documents/budget/projects/2/printedUnit', rule: 'plaus.unit-name',
      message: '单位名称不一致：此处写“泗县城乡居民基本医疗保险管理中心”，单位清单中为“泗县城乡居民基本医疗保险管理服务中心”。',
      expected: '泗县城乡居民基本医疗保险管理服务中心', found: '泗县城乡居民基本医疗保险管理中心' },
    { severity: 'notice', severityZh: '提示', location: `${sixian}:976:13`, pointer: '/documents/budget/explanation/items/3/change', rule: 'text.corrected',
      message: '说明中“2080109 社会保险经办机构”增减用词原文为减少，按表中数据应为持平，已按持平印出。' },
  ] } },
  { name: '错误', params: { id: 'preview-findings-1', file: sixian, summary: '1 个错误，0 个警告，0 个提示', level: 'error', findings: [
    { severity: 'error', severityZh: '错误', location: `${sixian}:44:11`, pointer: '/documents/budget/expenditure/0/total', rule: 'arith.subtotal',
      message: '类 208 的合计不等于其下各科目之和：所印 6万元，按明细计算为 5万元，相差 1万元。', expected: '5万元', found: '6万元' },
  ] } },
  { name: '没有发现问题', params: { id: 'preview-findings', file: sixian, summary: '0 个错误，0 个警告，0 个提示', level: 'none', findings: [] } },
]);
console.log('test/fixtures/components/*.json written');
