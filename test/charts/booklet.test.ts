import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { makeBuildContext, type BuildContext } from '../../scripts/lib/booklet/context.ts';
import { buildCharts, planCharts } from '../../scripts/lib/charts/booklet.ts';
import type { ChartView } from '../../scripts/lib/booklet/model.ts';
import { clearChartCache } from '../../scripts/lib/charts/render.ts';
import type { TableId } from '../../scripts/lib/model/profile.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';

// Expected values are read by hand from the data files: seed 002 (data/sixian-ybj/2024.json,
// 泗县医疗保障局 2024 部门预算, anhui-2024) and the 示例 决算 (data/shili-danwei/2023.json,
// national-final). Sums and shares are worked out below each case.

const root = join(import.meta.dirname, '../..');

function load(file: string): UnitYearFile {
  return JSON.parse(readFileSync(join(root, 'data', file), 'utf8')) as UnitYearFile;
}

function context(data: UnitYearFile, kind: DocumentKind): BuildContext {
  return makeBuildContext(data, kind, loadLibrary(root));
}

const seed002 = () => context(load('sixian-ybj/2024.json'), 'budget');
const shili = () => context(load('shili-danwei/2023.json'), 'final');

/** Table → chart ids, in booklet order. */
function layout(charts: Partial<Record<TableId, ChartView[]>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(charts).map(([t, views]) => [t, views!.map((v) => v.id)]));
}

function all(charts: Partial<Record<TableId, ChartView[]>>): ChartView[] {
  return Object.values(charts).flatMap((v) => v!);
}

function chart(charts: Partial<Record<TableId, ChartView[]>>, id: string): ChartView {
  const found = all(charts).find((c) => c.id === id);
  if (!found) throw new Error(`no chart ${id}; have ${all(charts).map((c) => c.id).join(', ')}`);
  return found;
}

/** The text of every <text> in the SVG, tspans joined, entities decoded. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

// ───────── seed 002: 预算, anhui-2024 ─────────

test('seed 002: which charts, on which tables', async () => {
  const charts = await buildCharts(seed002());
  // income: the only source is 一般公共预算拨款 2805.56, one bar → no chart.
  // gpbExpenditure: every 项 row is gpb, so its split equals the 支出总表's → not drawn twice.
  // threePublic: null, and anhui-2024's 预算 prints no 三公 table.
  assert.equal(layout(charts), {
    summary: ['chart-summary-previous'],
    expenditure: ['chart-expenditure-classes', 'chart-expenditure-nature'],
  });
});

test('seed 002: bar values and alt text, by hand', async () => {
  const charts = await buildCharts(seed002());
  // 类 from the 项 rows: 208 = 2080109 5.00; 210 = 2101101 362.52 + 2101102 25.42 + 2101301 1760
  // + 2101501 242.41 + 2101550 405.21 + 2101599 5 = 2800.56. Sum 2805.56.
  // 2800.56 / 2805.56 = 99.822 %, 5 / 2805.56 = 0.178 %.
  assert.is(
    chart(charts, 'chart-expenditure-classes').alt,
    '2024年支出预算（按功能分类）：卫生健康支出2800.56万元，占99.82%；社会保障和就业支出5万元，占0.18%。',
  );
  // 基本支出 = 人员 533.75 + 公用 126.81 = 660.56; 项目 5 + 357 + 1760 + 18 + 5 = 2145.
  // 660.56 / 2805.56 = 23.545 %, 2145 / 2805.56 = 76.455 %.
  assert.is(
    chart(charts, 'chart-expenditure-nature').alt,
    '2024年支出预算（基本支出和项目支出）：基本支出660.56万元，占23.54%；项目支出2145万元，占76.46%。',
  );
  // figures: income.current and expenditure.current have previous 1151.89 (2805.56 − 1653.67);
  // income.total and expenditure.total have none, so they are left out.
  const summary = chart(charts, 'chart-summary-previous');
  assert.is(summary.title, '2024年收支预算与上年比较');
  assert.is(
    summary.alt,
    '2024年收支预算与上年比较：本年收入合计，2024年2805.56万元，2023年1151.89万元；本年支出合计，2024年2805.56万元，2023年1151.89万元。',
  );
  // The SVG shows the same figures, with thousands separators, and the labels.
  const texts = svgTexts(summary.svg.__html);
  for (const t of ['2,805.56', '1,151.89', '本年收入合计', '本年支出合计', '2023年', '2024年', '万元']) assert.ok(texts.includes(t), t);
  const classes = svgTexts(chart(charts, 'chart-expenditure-classes').svg.__html);
  // anhui-2024 prints its tables without trailing zeros (trimZeros), and so do the charts on them: 5, not 5.00.
  for (const t of ['卫生健康支出', '社会保障和就业支出', '2,800.56', '5']) assert.ok(classes.includes(t), t);
});

// ───────── 示例 决算, national-final ─────────

test('示例 决算: which charts, on which tables', async () => {
  const charts = await buildCharts(shili());
  assert.equal(layout(charts), {
    summary: ['chart-summary-previous'],
    income: ['chart-income-sources'],
    expenditure: ['chart-expenditure-classes', 'chart-expenditure-nature'],
    gpbExpenditure: ['chart-gpb-nature'],
    threePublic: ['chart-three-public', 'chart-three-public-budget'],
  });
});

test('示例 决算: bar values and alt text, by hand', async () => {
  const charts = await buildCharts(shili());
  // Income: 1171.71 + 52 + 10 + 150 + 48 + 30 + 12 + 6.5 = 1480.21 本年收入; + 使用非财政拨款结余 8
  // + 年初结转和结余 35 + 12.3 + 40 = 87.30 → 收入总计 1575.51. Shares of 1575.51:
  // 1171.71 → 74.370 %, 52 → 3.300 %, 10 → 0.635 %, 150 → 9.521 %, 48 → 3.047 %, 30 → 1.904 %,
  // 12 → 0.762 %, 6.5 → 0.413 %, 8 → 0.508 %, 87.3 → 5.541 %.
  assert.is(
    chart(charts, 'chart-income-sources').alt,
    '2023年收入决算构成：一般公共预算拨款收入1171.71万元，占74.37%；政府性基金预算拨款收入52.00万元，占3.30%；' +
      '国有资本经营预算拨款收入10.00万元，占0.63%；事业收入150.00万元，占9.52%；事业单位经营收入48.00万元，占3.05%；' +
      '上级补助收入30.00万元，占1.90%；附属单位上缴收入12.00万元，占0.76%；其他收入6.50万元，占0.41%；' +
      '使用非财政拨款结余8.00万元，占0.51%；年初结转和结余87.30万元，占5.54%。',
  );
  // 类 over all funds, largest first: 201 = 972.54 (gpb) + 238.75 (单位资金) = 1211.29;
  // 208 = 108.93 + 8.5 (国资) + 11.55 = 128.98; 221 = 61.62 + 8.3 = 69.92; 229 = 58.6 (基金);
  // 210 = 45.22 + 5.12 = 50.34. Sum 1519.13 (本年支出合计).
  assert.is(
    chart(charts, 'chart-expenditure-classes').alt,
    '2023年支出决算（按功能分类）：一般公共服务支出1211.29万元，占79.74%；社会保障和就业支出128.98万元，占8.49%；' +
      '住房保障支出69.92万元，占4.60%；其他支出58.60万元，占3.86%；卫生健康支出50.34万元，占3.31%。',
  );
  // 基本 = gpb 498.9 + 191.42 + 108.93 + 45.22 + 61.62 = 906.09, plus 单位资金 124.75 + 11.55 + 5.12
  // + 8.3 = 149.72 → 1055.81; 项目 = 96.8 + 185.42 + 58.6 + 8.5 + 36.4 = 385.72; 经营 42.6,
  // 上缴上级 15, 对附属单位补助 20. Five bars, so drawn as rows.
  assert.is(
    chart(charts, 'chart-expenditure-nature').alt,
    '2023年支出决算（基本支出和项目支出）：基本支出1055.81万元，占69.50%；项目支出385.72万元，占25.39%；' +
      '事业单位经营支出42.60万元，占2.80%；上缴上级支出15.00万元，占0.99%；对附属单位补助支出20.00万元，占1.32%。',
  );
  // 一般公共预算 only: 906.09 + 282.22 (96.8 + 185.42) = 1188.31; 76.249 % and 23.750 %.
  assert.is(
    chart(charts, 'chart-gpb-nature').alt,
    '2023年一般公共预算支出决算（基本支出和项目支出）：基本支出906.09万元，占76.25%；项目支出282.22万元，占23.75%。',
  );
  // 三公: 6.85 + 24.80 + 9.36 + 2.47 = 43.48.
  assert.is(
    chart(charts, 'chart-three-public').alt,
    '2023年“三公”经费决算：因公出国（境）费6.85万元，占15.75%；公务用车购置费24.80万元，占57.04%；' +
      '公务用车运行维护费9.36万元，占21.53%；公务接待费2.47万元，占5.68%。',
  );
  assert.is(
    chart(charts, 'chart-three-public-budget').alt,
    '2023年“三公”经费年初预算与决算：因公出国（境）费，决算数6.85万元，年初预算数8.00万元；' +
      '公务用车购置费，决算数24.80万元，年初预算数25.00万元；公务用车运行维护费，决算数9.36万元，年初预算数10.50万元；' +
      '公务接待费，决算数2.47万元，年初预算数3.00万元。',
  );
  // This year against last: 收入总计 1575.51 / 1466.95, 本年收入合计 1480.21 / 1395.45,
  // 支出总计 = 1519.13 + 年末结转和结余 53.18 + 结余分配 3.2 = 1575.51 / 1466.95, 本年支出合计 1519.13 / 1377.55.
  assert.is(
    chart(charts, 'chart-summary-previous').alt,
    '2023年收支决算与上年比较：收入总计，2023年1575.51万元，2022年1466.95万元；本年收入合计，2023年1480.21万元，2022年1395.45万元；' +
      '支出总计，2023年1575.51万元，2022年1466.95万元；本年支出合计，2023年1519.13万元，2022年1377.55万元。',
  );
});

// ───────── every chart ─────────

test('the alt text and the SVG carry every bar: label and value', async () => {
  for (const ctx of [seed002(), shili()]) {
    const charts = await buildCharts(ctx);
    for (const plan of planCharts(ctx)) {
      const view = chart(charts, plan.id);
      const texts = svgTexts(view.svg.__html);
      const bars = plan.type === 'bar' ? plan.bars : plan.pairs.flatMap((p) => [p.previous, p.current].map((fen) => ({ label: p.label, fen })));
      for (const bar of bars) {
        if (bar.fen === null) continue;
        // Amounts in 分; 万元 with 2 decimals: 1 万元 = 1,000,000 分, all values here are whole 分 multiples of 10,000.
        // Without trailing zeros where the profile's tables print so (seed 002's anhui-2024).
        const trim = (x: string) => (ctx.trimZeros && x.includes('.') ? x.replace(/\.?0+$/, '') : x);
        const plain = trim((bar.fen / 1_000_000).toFixed(2));
        const grouped = trim(Number(plain).toLocaleString('en-US', { minimumFractionDigits: 2 }));
        assert.ok(view.alt.includes(`${bar.label}`), `${plan.id}: alt names ${bar.label}`);
        assert.ok(view.alt.includes(`${plain}万元`), `${plan.id}: alt gives ${plain}万元`);
        assert.ok(texts.includes(grouped), `${plan.id}: SVG shows ${grouped}`);
        assert.ok(texts.some((t) => t === bar.label || t.replace(/\s/g, '') === bar.label), `${plan.id}: SVG labels ${bar.label}`);
      }
      // The SVG's accessible description is the same sentence.
      assert.ok(view.svg.__html.includes(`<desc id="${plan.id}-desc">${view.alt}</desc>`), `${plan.id}: <desc>`);
      assert.ok(view.svg.__html.includes(`<title id="${plan.id}-title">${view.title}</title>`), `${plan.id}: <title>`);
    }
  }
});

test('ids are unique on the page: chart ids and every id inside the SVGs', async () => {
  for (const ctx of [seed002(), shili()]) {
    const views = all(await buildCharts(ctx));
    const chartIds = views.map((v) => v.id);
    assert.is(new Set(chartIds).size, chartIds.length, chartIds.join(' '));
    const svgIds = views.flatMap((v) => [...v.svg.__html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!));
    assert.is(new Set(svgIds).size, svgIds.length);
    for (const v of views) {
      assert.match(v.id, /^chart-[a-z-]+$/);
      for (const m of v.svg.__html.matchAll(/\bid="([^"]+)"/g)) assert.ok(m[1]!.startsWith(`${v.id}-`), m[1]);
    }
  }
});

test('two builds give byte-identical SVG, whatever was drawn in between', async () => {
  const first = all(await buildCharts(shili())).map((v) => v.svg.__html);
  clearChartCache();
  await buildCharts(seed002());
  clearChartCache();
  const second = all(await buildCharts(shili())).map((v) => v.svg.__html);
  assert.equal(second, first);
});

test('a hostile 科目 name is text: escaped in the SVG, plain in the alt', async () => {
  const data = load('sixian-ybj/2024.json');
  const hostile = '<script>alert(1)</script>';
  const row = data.documents.budget!.expenditure.find((r) => r.code === '210');
  assert.ok(row, 'seed 002 records the 类 row 210');
  row.name = hostile;
  data.unit.name = hostile;
  const charts = await buildCharts(context(data, 'budget'));
  const classes = chart(charts, 'chart-expenditure-classes');
  const svg = classes.svg.__html;
  assert.not.ok(svg.includes('<script'), 'no raw tag');
  assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'escaped in <desc>');
  // The label is wrapped over lines (25 characters); read back, it is the name as written.
  assert.ok(svgTexts(svg).includes(hostile), svgTexts(svg).join('|'));
  // The alt is plain text; the template escapes it.
  assert.ok(classes.alt.startsWith(`2024年支出预算（按功能分类）：${hostile}2800.56万元`), classes.alt);
  for (const v of all(charts)) assert.not.ok(v.svg.__html.includes('<script'), v.id);
});

test('a chart follows its table: the 万里 2024 三公 table in 万元 without trailing zeros (trimZeros) labels 25 and 21.56', async () => {
  // data/putuo-wanli/2024.json, 表9 as the original prints it: 公务接待费 1.35, 公务用车购置费 25, 运行费 21.56 (万元).
  const charts = await buildCharts(context(load('putuo-wanli/2024.json'), 'budget'));
  const three = (charts.threePublic ?? [])[0];
  assert.ok(three, 'a 三公 chart');
  assert.match(three!.alt, '公务用车购置费25万元');
  assert.match(three!.alt, '公务用车运行维护费21.56万元');
  assert.not.match(three!.alt, '25.00');
  assert.ok(three!.svg.__html.includes('>25<'), 'the bar label reads 25');
  // Without the table's trimZeros the same chart labels 25.00.
  const file = load('putuo-wanli/2024.json');
  // A copy of the library: the loaded one is shared by every test of the run.
  const shared = loadLibrary(root);
  const lib = { ...shared, profiles: new Map(shared.profiles) };
  const profile = structuredClone(lib.profiles.get(file.documents.budget!.profile)!);
  for (const t of profile.kinds.budget!.tables) if (t.id === 'threePublic') delete t.trimZeros;
  lib.profiles.set(profile.id, profile);
  const plain = (await buildCharts(makeBuildContext(file, 'budget', lib))).threePublic![0]!;
  assert.match(plain.alt, '公务用车购置费25.00万元');
});

test('三公 all zero: no 三公 chart; one nonzero item: no bar chart', async () => {
  const data = load('shili-danwei/2023.json');
  const t = data.documents.final!.threePublic!;
  t.amounts = { abroad: 0, vehiclePurchase: 0, vehicleOperation: 0, reception: 0 };
  t.budget = { abroad: 0, vehiclePurchase: 0, vehicleOperation: 0, reception: 0 };
  assert.is((await buildCharts(context(data, 'final'))).threePublic, undefined);
  // Spent nothing against a budget: the comparison still says something, the bar chart would not.
  t.budget = { reception: 3 };
  assert.equal(layout(await buildCharts(context(data, 'final'))).threePublic, ['chart-three-public-budget']);
  t.amounts = { reception: 2.47 };
  const charts = await buildCharts(context(data, 'final'));
  assert.equal(layout(charts).threePublic, ['chart-three-public-budget']);
  assert.is(chart(charts, 'chart-three-public-budget').alt, '2023年“三公”经费年初预算与决算：公务接待费，决算数2.47万元，年初预算数3.00万元。');
});

test('a table the profile does not print: expenditure charts move to the 一般公共预算 table, others are dropped', async () => {
  const ctx = seed002();
  ctx.profile = { ...ctx.profile, tables: ctx.profile.tables.filter((t) => t.id !== 'expenditure' && t.id !== 'summary') };
  const charts = await buildCharts(ctx);
  assert.equal(layout(charts), { gpbExpenditure: ['chart-gpb-classes', 'chart-gpb-nature'] });
  assert.is(
    chart(charts, 'chart-gpb-nature').alt,
    '2024年一般公共预算支出预算（基本支出和项目支出）：基本支出660.56万元，占23.54%；项目支出2145万元，占76.46%。',
  );
  const final = shili();
  final.profile = { ...final.profile, tables: final.profile.tables.filter((t) => t.id !== 'threePublic') };
  assert.is((await buildCharts(final)).threePublic, undefined);
});

test.run();
