import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import {
  barChart,
  barChartSpec,
  CHART_WIDTH,
  ChartError,
  chartStats,
  clearChartCache,
  compareChart,
  compareChartSpec,
  estimateTextWidth,
  renderDirect,
  renderSpec,
  wrapLabel,
  type BarChartOptions,
  type CompareChartOptions,
} from '../../scripts/lib/charts/render.ts';

// ───────── fixtures ─────────

const sangong: BarChartOptions = {
  id: 'sangong',
  title: '2024年“三公”经费预算',
  unit: '万元',
  data: [
    { label: '因公出国（境）费', value: 12.5 },
    // 12 characters: the longest 三公 item, and the case that overlapped before full-width metrics.
    { label: '公务用车购置及运行维护费', value: 86.32 },
    { label: '公务接待费', value: 3.1 },
  ],
};

const income: BarChartOptions = {
  id: 'income',
  title: '2024年收入预算',
  unit: '万元',
  data: [
    { label: '财政拨款收入', value: 2805.56 },
    { label: '事业收入', value: 120 },
    { label: '上年结转结余', value: 0 },
  ],
};

const basicProject: BarChartOptions = {
  id: 'basic-project',
  title: '基本支出和项目支出',
  unit: '万元',
  horizontal: false,
  data: [
    { label: '基本支出', value: 2000 },
    { label: '项目支出', value: 805.56 },
  ],
};

const compare: CompareChartOptions = {
  id: 'compare',
  title: '一般公共预算财政拨款支出与上年比较',
  unit: '万元',
  previous: {
    name: '2023年',
    data: [
      { label: '一般公共服务支出', value: 1200.5 },
      { label: '社会保障和就业支出', value: 300 },
      { label: '灾害防治及应急管理支出', value: 50 },
    ],
  },
  current: {
    name: '2024年',
    data: [
      { label: '一般公共服务支出', value: 1350.25 },
      { label: '社会保障和就业支出', value: 280.4 },
      { label: '卫生健康支出', value: 90 },
    ],
  },
};

const fresh = () => clearChartCache();

// ───────── a tiny SVG reader: well-formedness, and where each text sits ─────────

interface TextBox {
  /** All lines joined. */
  text: string;
  /** One entry per line: vega writes multi-line text as <tspan>s. */
  lines: string[];
  rotated: boolean;
  x: number;
  y: number;
  anchor: string;
  fontSize: number;
  bold: boolean;
}

interface SvgInfo {
  root: Record<string, string>;
  width: number;
  height: number;
  texts: TextBox[];
  ids: string[];
}

function attrs(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

function translate(transform: string | undefined): [number, number] {
  const m = transform ? /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(transform) : null;
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

/**
 * Tokenises the SVG into tags, checks they nest and close, that character data has no raw
 * '<' and only known entities, and collects every <text> with its absolute anchor point
 * (summing the translate() of its enclosing elements; vega places text by translate only).
 */
function readSvg(svg: string): SvgInfo {
  const stack: { name: string; dx: number; dy: number }[] = [];
  const texts: TextBox[] = [];
  const ids: string[] = [];
  let root: Record<string, string> | undefined;
  let openText: { box: TextBox } | undefined;
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/y;
  let pos = 0;
  while (pos < svg.length) {
    const lt = svg.indexOf('<', pos);
    const chars = svg.slice(pos, lt < 0 ? svg.length : lt);
    assert.not.match(chars, /&(?!(amp|lt|gt|quot|apos|#\d+);)/, `bad entity in ${chars}`);
    if (openText && chars) {
      const plain = chars.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      const { box } = openText;
      box.text += plain;
      if (box.lines.length === 0) box.lines.push('');
      box.lines[box.lines.length - 1] += plain;
    }
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(svg);
    assert.ok(m, `malformed tag at ${lt}: ${svg.slice(lt, lt + 60)}`);
    const [whole, close, name, attrText, selfClose] = m as unknown as [string, string, string, string, string];
    pos = lt + whole.length;
    if (close) {
      const top = stack.pop();
      assert.is(top?.name, name, `</${name}> closes <${top?.name}>`);
      if (name === 'text') openText = undefined;
      continue;
    }
    const a = attrs(attrText);
    if (a.id) ids.push(a.id);
    if (!root) root = a;
    const [tx, ty] = translate(a.transform);
    const parent = stack[stack.length - 1];
    const dx = (parent?.dx ?? 0) + tx;
    const dy = (parent?.dy ?? 0) + ty;
    if (name === 'tspan' && openText) openText.box.lines.push('');
    if (name === 'text') {
      const box: TextBox = {
        text: '',
        lines: [],
        rotated: a.transform?.includes('rotate') ?? false,
        x: dx,
        y: dy,
        anchor: a['text-anchor'] ?? 'start',
        fontSize: Number.parseFloat(a['font-size'] ?? '11'),
        bold: a['font-weight'] === 'bold',
      };
      texts.push(box);
      openText = { box };
    }
    if (!selfClose) stack.push({ name, dx, dy });
  }
  assert.is(stack.length, 0, 'every element closed');
  assert.ok(root, 'root element');
  const [, , w, h] = (root.viewBox ?? '').split(' ').map(Number);
  return { root, width: w ?? NaN, height: h ?? NaN, texts, ids };
}

/** Left and right edge of a text's estimated box, in viewBox coordinates. */
function edges(t: TextBox): [number, number] {
  const w = Math.max(...t.lines.map((l) => estimateTextWidth(l.trim(), t.fontSize, t.bold)));
  const left = t.anchor === 'end' ? t.x - w : t.anchor === 'middle' ? t.x - w / 2 : t.x;
  return [left, left + w];
}

function assertFits(svg: string): SvgInfo {
  const info = readSvg(svg);
  for (const t of info.texts) {
    if (!t.text.trim()) continue;
    assert.not.ok(t.rotated, `"${t.text}" is rotated: Chinese is set upright`);
    const [left, right] = edges(t);
    assert.ok(left >= 0, `"${t.text}" starts at ${left}, outside the view`);
    assert.ok(right <= info.width, `"${t.text}" ends at ${right}, past the view width ${info.width}`);
  }
  return info;
}

// ───────── text metrics ─────────

test('text widths: CJK and full-width characters are 1 em, digits about 0.55 em', () => {
  assert.is(estimateTextWidth('公务用车购置及运行维护费', 12), 144);
  assert.is(estimateTextWidth('因公出国（境）费', 12), 96);
  assert.is(estimateTextWidth('1234', 10), 23);
  assert.is(estimateTextWidth('1,234.56', 12), Math.ceil((6 * 0.56 + 2 * 0.28) * 12));
  assert.ok(estimateTextWidth('2024年', 12, true) > estimateTextWidth('2024年', 12));
  assert.is(estimateTextWidth('', 12), 0);
});

test('wrapLabel: balanced lines of at most n characters', () => {
  assert.equal(wrapLabel('公务接待费', 12), ['公务接待费']);
  assert.equal(wrapLabel('一二三四五六七八九十一二三', 12), ['一二三四五六七', '八九十一二三']);
  assert.equal(wrapLabel('一二三四五', 2), ['一二', '三四', '五']);
});

// ───────── output ─────────

test('same input → byte-identical SVG (rendered twice, not cached)', async () => {
  fresh();
  const a = await barChart(sangong);
  fresh();
  const b = await barChart(sangong);
  assert.is(chartStats().renders, 1);
  assert.is(a.svg, b.svg);
  const c = await compareChart(compare);
  fresh();
  assert.is((await compareChart(compare)).svg, c.svg);
});

test('SVG is well-formed, carries every label and figure, and no NaN', async () => {
  for (const opts of [sangong, income, basicProject]) {
    const { svg } = await barChart(opts);
    const info = readSvg(svg);
    const all = info.texts.map((t) => t.text).join('|');
    for (const d of opts.data) assert.ok(all.includes(d.label), `${opts.id}: label ${d.label}`);
    assert.not.match(svg, /NaN|undefined|Infinity/);
  }
  const { svg } = await compareChart(compare);
  const all = readSvg(svg).texts.map((t) => t.text);
  for (const s of ['一般公共服务支出', '卫生健康支出', '2023年', '2024年', '1,350.25', '1,200.50', '50.00', '万元']) {
    assert.ok(all.includes(s), `compare: ${s}`);
  }
  assert.not.match(svg, /NaN|undefined|Infinity/);
});

test('accessible: role="img", named by <title>, described by <desc>; scales by viewBox', async () => {
  const { svg, alt } = await barChart(sangong);
  const info = readSvg(svg);
  assert.is(info.root.role, 'img');
  assert.is(info.root['aria-labelledby'], 'sangong-title sangong-desc');
  assert.ok(svg.includes('<title id="sangong-title">2024年“三公”经费预算</title>'));
  assert.ok(svg.includes(`<desc id="sangong-desc">${alt}</desc>`));
  assert.is(info.root.width, undefined, 'no fixed pixel width');
  assert.is(info.root.height, undefined);
  assert.is(info.root.style, undefined);
  assert.is(info.width, CHART_WIDTH);
  // Inside, no unnamed role: vega's mark containers would otherwise say role="graphics-symbol"
  // (axe: svg-img-alt); the marks are hidden from the accessibility tree instead.
  for (const chart of [svg, (await compareChart(compare)).svg, (await barChart(basicProject)).svg]) {
    assert.not.match(chart, /role="graphics-symbol"/);
    assert.ok(/class="mark-rect[^"]*"[^>]*aria-hidden="true"/.test(chart), 'bars hidden');
  }
});

test('alt: one Chinese sentence with every figure', async () => {
  assert.is(
    (await barChart(sangong)).alt,
    '2024年“三公”经费预算：因公出国（境）费12.50万元；公务用车购置及运行维护费86.32万元；公务接待费3.10万元。',
  );
  assert.is(
    (await barChart({ ...income, note: '合计2925.56万元' })).alt,
    '2024年收入预算：财政拨款收入2805.56万元；事业收入120.00万元；上年结转结余0.00万元。合计2925.56万元。',
  );
  assert.is(
    (await compareChart(compare)).alt,
    '一般公共预算财政拨款支出与上年比较：' +
      '一般公共服务支出，2024年1350.25万元，2023年1200.50万元；' +
      '社会保障和就业支出，2024年280.40万元，2023年300.00万元；' +
      '卫生健康支出，2024年90.00万元，2023年无此项；' +
      '灾害防治及应急管理支出，2024年无此项，2023年50.00万元。',
  );
});

test('Chinese text is measured full-width: labels, axis titles and legends lie inside the view', async () => {
  const { svg } = await barChart(sangong);
  const info = assertFits(svg);
  // The 12-character label needs 144 px left of the plot; vega's own estimate (0.8 em) gives 115.
  const label = info.texts.find((t) => t.text === '公务用车购置及运行维护费');
  assert.ok(label, 'long label drawn');
  assert.is(label.anchor, 'end');
  assert.ok(label.x >= estimateTextWidth(label.text, 12), `label ends at ${label.x}`);
  assert.is(label.fontSize, 12);
  for (const opts of [income, basicProject]) assertFits((await barChart(opts)).svg);
  assertFits((await compareChart(compare)).svg);
});

test('long labels wrap instead of being cut', async () => {
  const long = '其他政府性基金及对应专项债务收入安排的支出';
  const { svg } = await barChart({ id: 'long', title: '长标签', unit: '万元', data: [{ label: long, value: 1 }, { label: '短', value: 2 }] });
  const texts = readSvg(svg).texts.map((t) => t.text);
  assert.not.ok(svg.includes('…'), 'no ellipsis');
  assert.ok(texts.some((t) => t.includes('其他政府性基金及') && t.includes('的支出')), texts.join('|'));
  assertFits(svg);
  const upright = await barChart({ ...basicProject, id: 'upright', data: [{ label: '事业单位经营支出', value: 5 }, ...basicProject.data] });
  assertFits(upright.svg);
});

test('negative and zero values render without warnings', async () => {
  const { svg } = await barChart({ id: 'neg', title: '负数', unit: '元', data: [{ label: '甲', value: -12.5 }, { label: '乙', value: 0 }, { label: '丙', value: 30 }] });
  assert.ok(svg.includes('-12.50'));
  assertFits(svg);
  const zero = await barChart({ id: 'zero', title: '零', unit: '元', data: [{ label: '甲', value: 0 }] });
  assert.not.match(zero.svg, /NaN/);
});

test('ids: every id is prefixed by the chart id, including vega clip paths', async () => {
  const spec = {
    data: { values: [{ a: 1, b: 2 }] },
    mark: { type: 'bar', clip: true },
    encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
  } as TopLevelSpec;
  const one = await renderSpec(spec, { id: 'one', title: '一', desc: '一' });
  const two = await renderSpec(spec, { id: 'two', title: '二', desc: '二' });
  const ids1 = readSvg(one).ids;
  assert.ok(ids1.includes('one-clip1'), ids1.join(' '));
  for (const id of ids1) assert.ok(id.startsWith('one-'), id);
  for (const ref of one.matchAll(/url\(#([^)]+)\)/g)) assert.ok(ids1.includes(ref[1]!), ref[1]);
  for (const id of readSvg(two).ids) assert.ok(id.startsWith('two-'), id);
  // The counter restarts for every render, so output does not depend on what ran before.
  fresh();
  assert.is(await renderSpec(spec, { id: 'one', title: '一', desc: '一' }), one);
});

test('no external reference in the output, and no load is attempted', async () => {
  for (const svg of [(await barChart(sangong)).svg, (await compareChart(compare)).svg]) {
    const rest = svg.replace('xmlns="http://www.w3.org/2000/svg"', '');
    assert.not.match(rest, /https?:|file:|href|@import|url\((?!#)/);
  }
  const remote = { data: { url: 'https://example.com/data.json' }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } } as TopLevelSpec;
  const local = { data: { url: '/etc/hostname' }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } } as TopLevelSpec;
  for (const spec of [remote, local]) {
    try {
      await renderSpec(spec, { id: 'load', title: 't', desc: 'd' });
      assert.unreachable('load should be refused');
    } catch (e) {
      assert.instance(e, ChartError);
      assert.match(String(e), /external load refused/);
    }
  }
});

test('cache: a hit returns the same string without rendering; disk cache survives a cleared memory', async () => {
  fresh();
  const first = await barChart(income);
  const again = await barChart(income);
  assert.is(again.svg, first.svg);
  assert.equal(chartStats(), { renders: 1, memoryHits: 1, diskHits: 0 });
  // Concurrent requests for one chart share one render.
  fresh();
  const [x, y] = await Promise.all([barChart(income), barChart(income)]);
  assert.is(x.svg, y.svg);
  assert.is(chartStats().renders, 1);

  const dir = mkdtempSync(join(tmpdir(), 'gongkai-charts-'));
  try {
    const cacheDir = join(dir, 'charts');
    fresh();
    const cold = await barChart({ ...income, cacheDir });
    const files = readdirSync(cacheDir);
    assert.is(files.length, 1);
    assert.match(files[0]!, /^[0-9a-f]{64}\.svg$/);
    fresh();
    const warm = await barChart({ ...income, cacheDir });
    assert.is(warm.svg, cold.svg);
    assert.equal(chartStats(), { renders: 0, memoryHits: 0, diskHits: 1 });
    // Any change to the input is a different key.
    await barChart({ ...income, cacheDir, title: '2024年收入预算（调整）' });
    assert.is(chartStats().renders, 1);
    assert.is(readdirSync(cacheDir).length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('errors name the chart: unrounded values, duplicate labels, bad ids, vega-lite warnings', async () => {
  const cases: [Promise<unknown>, RegExp][] = [
    [barChart({ ...income, data: [{ label: '甲', value: 0.1 + 0.2 }] }), /chart income: value 0.30000000000000004 is not a number with at most 2 decimals/],
    [barChart({ ...income, data: [{ label: '甲', value: Number.NaN }] }), /value NaN/],
    [barChart({ ...income, data: [{ label: '甲', value: 1 }, { label: '甲', value: 2 }] }), /label "甲" appears twice/],
    [barChart({ ...income, data: [] }), /no data/],
    [barChart({ ...income, id: '1 bad' }), /id must be/],
    [compareChart({ ...compare, previous: { ...compare.previous, name: '2024年' } }), /different names/],
    [
      renderSpec({ data: { values: [{ a: 'x' }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' }, shape: { field: 'a', type: 'nominal' } } } as TopLevelSpec, { id: 'warn', title: 't', desc: 'd' }),
      /chart warn: vega-lite: .*shape/,
    ],
  ];
  for (const [promise, pattern] of cases) {
    try {
      await promise;
      assert.unreachable(`expected ${pattern}`);
    } catch (e) {
      assert.instance(e, ChartError);
      assert.match(String((e as Error).message), pattern);
    }
  }
});

// ───────── value labels at the right edge ─────────

// A synthetic department's income (scripts/lib/bench/synthetic.ts): before labels could go inside
// their bar, "14,330.51" ended 7.9 px past the view (autosize fit-x measured it at the first width).
const wideIncome: BarChartOptions = {
  id: 'wide-income',
  title: '2024年收入预算构成',
  unit: '万元',
  data: [
    { label: '一般公共预算拨款收入', value: 14330.51 },
    { label: '政府性基金预算拨款收入', value: 1617.05 },
    { label: '事业收入', value: 923.2 },
    { label: '其他收入', value: 414.78 },
  ],
};

test('a value label that would run past the view goes inside its bar, in white', async () => {
  const { svg } = await barChart(wideIncome);
  const info = assertFits(svg);
  const longest = info.texts.find((t) => t.text === '14,330.51');
  assert.ok(longest, 'largest value drawn');
  assert.is(longest.anchor, 'end', 'inside: right-aligned at the bar end');
  assert.match(svg, /<text text-anchor="end"[^>]*fill="#ffffff"[^>]*>14,330.51<\/text>/);
  // The short bars keep their labels outside, in the text colour.
  const short = info.texts.find((t) => t.text === '414.78');
  assert.is(short?.anchor, 'start');
  assert.match(svg, /<text text-anchor="start"[^>]*fill="#1a1a1a"[^>]*>414.78<\/text>/);
  // Compare chart: inside the light (previous-year) bar the text stays dark.
  const pair: CompareChartOptions = {
    ...compare,
    id: 'pair',
    previous: { name: '2023年', data: [{ label: '收入总计', value: 14000 }, { label: '支出总计', value: 900 }] },
    current: { name: '2024年', data: [{ label: '收入总计', value: 14330.51 }, { label: '支出总计', value: 800 }] },
  };
  const c = await compareChart(pair);
  assertFits(c.svg);
  assert.match(c.svg, /<text text-anchor="end"[^>]*fill="#1a1a1a"[^>]*>14,000.00<\/text>/);
  assert.match(c.svg, /<text text-anchor="end"[^>]*fill="#ffffff"[^>]*>14,330.51<\/text>/);
});

// ───────── the view pool ─────────

test('pooled views give the bytes of a fresh view, whatever the view drew before', async () => {
  const cases = [sangong, income, basicProject, wideIncome, { ...sangong, id: 'sangong-2', data: [...sangong.data].reverse() }].map((o) => ({
    opts: { id: o.id, title: o.title, desc: barChartSpec(o).alt },
    spec: barChartSpec(o).spec,
  }));
  cases.push({ opts: { id: 'compare', title: compare.title, desc: compareChartSpec(compare).alt }, spec: compareChartSpec(compare).spec });
  const fresh = await Promise.all(cases.map((c) => renderDirect(c.spec, c.opts, 'fresh')));
  // sangong, income and wideIncome share one shape (horizontal bars in 万元), so one view;
  // draw every chart after every other and compare.
  for (const [i, before] of cases.entries()) {
    for (const [j, after] of cases.entries()) {
      await renderDirect(before.spec, before.opts, 'pooled');
      assert.is(await renderDirect(after.spec, after.opts, 'pooled'), fresh[j], `${after.opts.id} after ${cases[i]!.opts.id}`);
    }
  }
  const load = { data: { url: '/etc/hostname' }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } } as TopLevelSpec;
  try {
    await renderDirect(load, { id: 'load', title: 't', desc: 'd' }, 'pooled');
    assert.unreachable('a spec without inline data is not pooled');
  } catch (e) {
    assert.match(String(e), /no inline data to pool/);
  }
});

test('a worker thread renders the same bytes', async () => {
  const main = (await barChart(sangong)).svg;
  // A worker does not inherit tsx's loader hooks: the worker registers them itself.
  const tsx = import.meta.resolve('tsx/esm/api');
  const charts = new URL('../../scripts/lib/charts/render.ts', import.meta.url).href;
  const source = `
    import { register } from ${JSON.stringify(tsx)};
    import { parentPort, workerData } from 'node:worker_threads';
    register();
    const { barChart } = await import(${JSON.stringify(charts)});
    parentPort.postMessage((await barChart(workerData)).svg);
  `;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { workerData: sangong });
  try {
    const fromWorker = await new Promise<string>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    assert.is(fromWorker, main);
  } finally {
    await worker.terminate();
  }
});

test.run();
