/**
 * Component tests (govuk-frontend style): every example of every fixture file in
 * test/fixtures/components/ is rendered through its macro with a plain Nunjucks
 * environment configured like Eleventy's (.eleventy.js: autoescape, trimBlocks,
 * lstripBlocks, the filters of scripts/lib/site/filters.ts), then parsed and checked.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { filters } from '../../scripts/lib/site/filters.ts';
import type { HeaderCell, TableView } from '../../scripts/lib/booklet/model.ts';
import { all, byClass, byTag, classes, kids, parse, text, type El } from './dom.ts';

const root = join(import.meta.dirname, '../..');
const fixtureDir = join(root, 'test/fixtures/components');

interface Example {
  name: string;
  params: Record<string, unknown>;
  /** hostile.json only: each example names its own component. */
  component?: string;
  template?: string;
}
interface FixtureFile {
  component: string;
  template: string;
  examples: Example[];
}

const fixtures = new Map<string, FixtureFile>(
  readdirSync(fixtureDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(fixtureDir, f), 'utf8')) as FixtureFile]),
);

function fixture(name: string): FixtureFile {
  const f = fixtures.get(name);
  if (!f) throw new Error(`no fixture file ${name}.json`);
  return f;
}

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(root, 'templates/_includes')), {
  autoescape: true,
  throwOnUndefined: false,
  trimBlocks: true,
  lstripBlocks: true,
});
for (const [name, fn] of Object.entries(filters)) env.addFilter(name, fn as (...args: unknown[]) => unknown);

function render(template: string, macro: string, params: unknown): string {
  return env.renderString(`{% from "${template}" import ${macro} %}{{ ${macro}(params) }}`, { params });
}

function renderExample(file: FixtureFile, ex: Example): string {
  return render(ex.template ?? file.template, ex.component ?? file.component, ex.params);
}

function example(fileName: string, exampleName: string): { file: FixtureFile; ex: Example; html: string } {
  const file = fixture(fileName);
  const ex = file.examples.find((e) => e.name === exampleName);
  if (!ex) throw new Error(`no example "${exampleName}" in ${fileName}.json`);
  return { file, ex, html: renderExample(file, ex) };
}

const TABLE_FIXTURES: Record<string, string> = {
  'ledger-table': 'ledger',
  'two-sided-table': 'two-sided',
  'list-table': 'list',
  'form-table': 'form',
};

function columnCount(head: HeaderCell[][]): number {
  return (head[0] ?? []).reduce((n, c) => n + (c.colspan ?? 1), 0) || 1;
}

function span(el: El, attr: 'colspan' | 'rowspan'): number {
  return Number(el.attribs[attr] ?? 1);
}

// ───────── every example ─────────

test('fixtures: every component has a fixture file, every file has examples', () => {
  const components = readdirSync(join(root, 'templates/_includes/components'))
    .filter((f) => f.endsWith('.njk'))
    .map((f) => f.replace(/\.njk$/, ''))
    .filter((c) => c !== 'data-table'); // the shared table markup, exercised through the four shape macros
  for (const c of components) assert.ok(fixtures.has(c), `test/fixtures/components/${c}.json is missing`);
  for (const [name, f] of fixtures) assert.ok(f.examples.length > 0, `${name}.json has no examples`);
});

test('every example renders, with no leftovers of a missing value', () => {
  for (const [name, file] of fixtures) {
    for (const ex of file.examples) {
      const html = renderExample(file, ex);
      const where = `${name} › ${ex.name}`;
      assert.ok(html.trim().length > 0, `${where}: empty output`);
      assert.not.match(html, /undefined|\[object Object\]|NaN/, `${where}: printed a missing value`);
      // ids are unique within one component's output (hostile.json gives every anchor the same text)
      if (name === 'hostile') continue;
      const ids = all(parse(html), (el) => el.attribs.id !== undefined).map((el) => el.attribs.id);
      assert.equal(ids.length, new Set(ids).size, `${where}: duplicate id`);
    }
  }
});

// ───────── tables ─────────

test('tables: one macro per shape, each with its class modifier', () => {
  for (const [name, modifier] of Object.entries(TABLE_FIXTURES)) {
    for (const ex of fixture(name).examples) {
      const doc = parse(renderExample(fixture(name), ex));
      const block = byClass(doc, 'data-table')[0];
      assert.ok(block, `${name} › ${ex.name}: no .data-table`);
      assert.ok(classes(block!).includes(`data-table--${modifier}`), `${name} › ${ex.name}: modifier data-table--${modifier}`);
      const table = ex.params.table as TableView;
      assert.is(block!.attribs.id, table.anchor);
      assert.is(classes(block!).includes('data-table--wide'), table.wide, `${name} › ${ex.name}: wide modifier`);
    }
  }
});

test('tables: caption (number, title, unit) names the focusable scroll region', () => {
  for (const name of Object.keys(TABLE_FIXTURES)) {
    for (const ex of fixture(name).examples) {
      const table = ex.params.table as TableView;
      const doc = parse(renderExample(fixture(name), ex));
      const captions = byTag(doc, 'caption');
      assert.is(captions.length, 1);
      const caption = captions[0]!;
      const captionText = text(caption).replace(/\s+/g, ' ').trim();
      if (table.number) assert.ok(captionText.startsWith(table.number), `${ex.name}: number first in caption`);
      assert.ok(captionText.includes(table.title), `${ex.name}: title in caption`);
      assert.ok(captionText.endsWith(table.unitLabel), `${ex.name}: unit label in caption`);
      const wrap = byClass(doc, 'table-wrap')[0]!;
      assert.is(wrap.attribs.tabindex, '0');
      assert.is(wrap.attribs.role, 'region');
      assert.ok(caption.attribs.id, 'caption has an id');
      assert.is(wrap.attribs['aria-labelledby'], caption.attribs.id);
      assert.is(kids(wrap, 'table').length, 1, 'the table is inside the scroll region');
    }
  }
});

test('tables: header cells keep their scope, colspan and rowspan', () => {
  for (const name of Object.keys(TABLE_FIXTURES)) {
    for (const ex of fixture(name).examples) {
      const table = ex.params.table as TableView;
      const thead = byTag(parse(renderExample(fixture(name), ex)), 'thead')[0]!;
      const rows = kids(thead, 'tr');
      assert.is(rows.length, table.head.length, `${ex.name}: header rows`);
      table.head.forEach((headRow, r) => {
        const ths = kids(rows[r]!, 'th');
        assert.is(ths.length, headRow.length, `${ex.name}: header row ${r}`);
        headRow.forEach((cell, c) => {
          const th = ths[c]!;
          assert.is(th.attribs.scope, cell.scope);
          assert.is(span(th, 'colspan'), cell.colspan ?? 1);
          assert.is(span(th, 'rowspan'), cell.rowspan ?? 1);
          assert.is(text(th), cell.text);
        });
      });
    }
  }
});

test('tables: body cells — row headers, kinds, spans, indents, row kinds', () => {
  for (const name of Object.keys(TABLE_FIXTURES)) {
    for (const ex of fixture(name).examples) {
      const table = ex.params.table as TableView;
      if (table.empty) continue;
      const tbody = byTag(parse(renderExample(fixture(name), ex)), 'tbody')[0]!;
      const rows = kids(tbody, 'tr');
      assert.is(rows.length, table.body.length, `${ex.name}: body rows`);
      table.body.forEach((row, r) => {
        const tr = rows[r]!;
        assert.ok(classes(tr).includes(`data-table__row--${row.kind}`), `${ex.name}: row ${r} kind`);
        const cells = kids(tr);
        assert.is(cells.length, row.cells.length, `${ex.name}: row ${r} cells`);
        row.cells.forEach((cell, c) => {
          const el = cells[c]!;
          const where = `${ex.name}: row ${r} cell ${c}`;
          if (cell.header) {
            assert.is(el.name, 'th', where);
            assert.is(el.attribs.scope, 'row', where);
          } else {
            assert.is(el.name, 'td', where);
            assert.is(el.attribs.scope, undefined, where);
          }
          assert.ok(classes(el).includes(`data-table__cell--${cell.kind}`), `${where}: kind class`);
          assert.is(span(el, 'colspan'), cell.colspan ?? 1, `${where}: colspan`);
          assert.is(span(el, 'rowspan'), cell.rowspan ?? 1, `${where}: rowspan`);
          const indent = classes(el).find((k) => k.startsWith('data-table__cell--indent-'));
          assert.is(indent, cell.indent ? `data-table__cell--indent-${cell.indent}` : undefined, `${where}: indent`);
          assert.is(text(el), cell.text, where);
          assert.is(el.attribs.style, undefined, `${where}: no style attribute (CSP)`);
        });
      });
    }
  }
});

test('tables: amount cells carry the amount class (right-aligned, tabular figures in CSS)', () => {
  const { html } = example('ledger-table', '支出总表（两行表头，类款项缩进，合计行）');
  const amounts = byClass(parse(html), 'data-table__cell--amount');
  assert.ok(amounts.length > 0);
  assert.ok(amounts.some((el) => text(el) === '2,805.56'));
  const codes = byClass(parse(html), 'data-table__cell--code');
  assert.is(text(codes[0]!), '208');
});

test('tables: an empty table prints its header and one row with the note spanning every column', () => {
  for (const name of Object.keys(TABLE_FIXTURES)) {
    for (const ex of fixture(name).examples) {
      const table = ex.params.table as TableView;
      if (!table.empty) continue;
      const doc = parse(renderExample(fixture(name), ex));
      assert.is(kids(byTag(doc, 'thead')[0]!, 'tr').length, table.head.length, `${ex.name}: header kept`);
      const rows = kids(byTag(doc, 'tbody')[0]!, 'tr');
      assert.is(rows.length, 1, `${ex.name}: one body row`);
      const cells = kids(rows[0]!);
      assert.is(cells.length, 1);
      assert.is(cells[0]!.name, 'td');
      assert.is(span(cells[0]!, 'colspan'), columnCount(table.head), `${ex.name}: note spans every column`);
      assert.is(text(cells[0]!), table.emptyNote);
      assert.ok(classes(byClass(doc, 'data-table')[0]!).includes('data-table--empty'));
    }
  }
});

test('tables: a table with data never carries the empty note', () => {
  for (const name of Object.keys(TABLE_FIXTURES)) {
    for (const ex of fixture(name).examples) {
      if ((ex.params.table as TableView).empty) continue;
      assert.is(byClass(parse(renderExample(fixture(name), ex)), 'data-table__empty').length, 0, ex.name);
    }
  }
});

test('tables: notes under the table, CSV link when given, charts after the table', () => {
  const { html } = example('ledger-table', '支出总表（两行表头，类款项缩进，合计行）');
  const doc = parse(html);
  assert.equal(byClass(doc, 'data-table__note').map((el) => text(el)), ['注：本表金额保留两位小数，合计数与各项之和的尾差为四舍五入所致。']);
  const link = byClass(doc, 'data-table__download')[0]!;
  assert.is(byTag(link, 'a')[0]!.attribs.href, '2024-budget-csv/03-expenditure.csv');
  assert.ok(text(link).includes('泗县医疗保障局2024年支出总表'), 'link text names its table (for screen readers)');
  const noLink = example('ledger-table', '空表（政府性基金预算支出表）').html;
  assert.is(byClass(parse(noLink), 'data-table__download').length, 0);
});

test('empty-table note: spans the given columns; default wording', () => {
  const a = parse(example('empty-table-note', '表式给出的说明').html);
  assert.is(byTag(a, 'td')[0]!.attribs.colspan, '5');
  const b = parse(example('empty-table-note', '默认说明').html);
  assert.is(text(byTag(b, 'td')[0]!), '本表无数据。');
});

// ───────── blocks ─────────

test('chart figure: caption, the SVG as given (role img), and its text alternative', () => {
  for (const ex of fixture('chart-figure').examples) {
    const chart = ex.params.chart as { id: string; title: string; alt: string; svg: { __html: string } };
    const doc = parse(renderExample(fixture('chart-figure'), ex));
    const figure = byTag(doc, 'figure')[0]!;
    assert.is(text(kids(figure, 'figcaption')[0]!), chart.title);
    const svg = byTag(figure, 'svg')[0]!;
    assert.is(svg.attribs.role, 'img');
    assert.is(svg.attribs.class, 'chart');
    assert.ok(svg.attribs['aria-labelledby']!.includes(`${chart.id}-desc`));
    assert.is(text(byClass(figure, 'chart-figure__alt')[0]!), chart.alt);
    assert.ok(renderExample(fixture('chart-figure'), ex).includes(chart.svg.__html), 'SVG printed unchanged');
  }
});

test('prose: SafeHtml printed as HTML', () => {
  const doc = parse(example('prose', '段落和列表').html);
  const prose = byClass(doc, 'prose')[0]!;
  assert.ok(byTag(prose, 'p').length >= 2);
  assert.is(byTag(prose, 'li').length, 2);
  assert.is(byTag(prose, 'a')[0]!.attribs.href, 'https://www.mof.gov.cn/');
});

test('glossary and list: dl with dt/dd pairs, ul items', () => {
  const dl = byTag(parse(example('glossary', '名词解释').html), 'dl')[0]!;
  assert.equal(byTag(dl, 'dt').map((el) => text(el)), ['财政拨款收入', '“三公”经费']);
  assert.is(byTag(dl, 'dd').length, 2);
  assert.is(byTag(parse(example('bullet-list', '预算单位').html), 'li').length, 2);
});

test('roster table: a caption, column headers, each row headed by its name, an empty 备注 cell kept', () => {
  const table = byTag(parse(example('roster-table', '单位构成（上海决算模板）').html), 'table')[0]!;
  assert.is(text(byTag(table, 'caption')[0]!), '单位构成');
  assert.equal(byTag(byTag(table, 'thead')[0]!, 'th').map((th) => [th.attribs.scope, text(th)]), [['col', '序号'], ['col', '单位名称'], ['col', '备注']]);
  const rows = byTag(byTag(table, 'tbody')[0]!, 'tr').map((tr) => kids(tr).filter((c) => c.name === 'td' || c.name === 'th'));
  assert.equal(rows.map((r) => r.map((c) => `${c.name}:${text(c).trim()}`)), [
    ['td:1', 'th:上海市普陀区示例局（本级）（示例）', 'td:'],
    ['td:2', 'th:上海市普陀区示例服务中心（示例）', 'td:'],
    ['td:3', 'th:上海市普陀区示例研究所（示例）', 'td:'],
  ]);
  assert.ok(rows.every((r) => r[1]!.attribs.scope === 'row'));
});

function headingLevels(html: string): number[] {
  return all(parse(html), (el) => /^h[1-6]$/.test(el.name)).map((el) => Number(el.name[1]));
}

test('headings: parts are h2, their sections h3, deeper h4…h6, never skipping a level', () => {
  const levels = headingLevels(example('booklet-blocks', '概况（多级小节）').html);
  assert.equal(levels, [2, 3, 4, 5, 6, 6, 3]);
  for (const ex of fixture('booklet-blocks').examples) {
    const ls = headingLevels(renderExample(fixture('booklet-blocks'), ex));
    assert.is(ls[0], 2, `${ex.name}: part heading is h2`);
    ls.forEach((l, i) => {
      if (i > 0) assert.ok(l <= ls[i - 1]! + 1, `${ex.name}: h${ls[i - 1]} followed by h${l}`);
    });
  }
  const section = parse(example('section', '第三级').html);
  assert.is(byTag(section, 'h3').length, 1);
  assert.is(byTag(section, 'section')[0]!.attribs.id, 'explain-summary');
});

test('blocks: every block type reaches its component; tables link their CSV under csvDir', () => {
  const doc = parse(example('booklet-blocks', '公开表（表格和图表）').html);
  const part = byTag(doc, 'section')[0]!;
  assert.is(part.attribs.id, 'part-tables');
  assert.is(text(byTag(part, 'h2')[0]!), '第二部分 2024年度部门预算表');
  const shapes = byClass(doc, 'data-table').map((el) => classes(el).find((c) => c.startsWith('data-table--') && c !== 'data-table--wide' && c !== 'data-table--empty'));
  assert.equal(shapes, ['data-table--two-sided', 'data-table--ledger', 'data-table--ledger', 'data-table--list', 'data-table--form']);
  const hrefs = byClass(doc, 'data-table__download').map((el) => byTag(el, 'a')[0]!.attribs.href);
  assert.equal(hrefs, ['2024-budget-csv/01-summary.csv', '2024-budget-csv/03-expenditure.csv', '2024-budget-csv/07-gfbExpenditure.csv', '2024-budget-csv/09-projects.csv', '2024-budget-csv/12-projectPerformance-1.csv']);
  assert.is(byTag(doc, 'figure').length, 2, 'the table chart and the standalone chart');
  assert.is(byTag(parse(example('booklet-blocks', '名词解释').html), 'dl').length, 1);
});

// ───────── page parts ─────────

test('toc: nested ordered lists following the entry levels, in-page links', () => {
  const doc = parse(example('toc', '三级目录').html);
  const nav = byTag(doc, 'nav')[0]!;
  assert.is(nav.attribs['aria-labelledby'], 'toc-heading');
  const top = kids(nav, 'ol')[0]!;
  const items = kids(top, 'li');
  assert.is(items.length, 3);
  assert.equal(byTag(items[0]!, 'a').map((a) => a.attribs.href), ['#part-overview', '#overview-duties', '#overview-units']);
  const deep = byTag(items[1]!, 'ol');
  assert.is(deep.length, 2, 'level 3 nested inside level 2');
  assert.is(byTag(deep[1]!, 'a')[0]!.attribs.href, '#table-projectPerformance-1');
});

test('cover: the one h1 is the booklet title; missing date is said so', () => {
  const a = parse(example('cover', '有公开日期').html);
  assert.equal(byTag(a, 'h1').map((el) => text(el)), ['泗县医疗保障局2024年度部门预算']);
  assert.ok(text(a).includes('2024年2月5日'));
  assert.ok(text(parse(example('cover', '原文未注明公开日期').html)).includes('原文未注明公开日期'));
});

test('print cover: the national unit name and title in the h1; a profile\'s small line printed under it', () => {
  const national = parse(example('print-cover', '有公开日期').html);
  assert.equal(byTag(national, 'h1').map((el) => text(el)), ['泗县医疗保障局2024年度部门预算']);
  assert.is(byClass(national, 'print-cover__under').length, 0);
  const sh = parse(example('print-cover', '表式的封面行（上海：标题一行，预算主管部门印在标题下）').html);
  assert.equal(byTag(sh, 'h1').map((el) => text(el)), ['上海市普陀区2025年区级部门预算']);
  assert.equal(byClass(sh, 'print-cover__under').map((el) => [el.name, text(el)]), [['p', '预算主管部门：上海市普陀区人民政府办公室']]);
});

test('breadcrumbs: links then the current page, marked aria-current', () => {
  const doc = parse(example('breadcrumbs', '首页 › 单位 › 本页').html);
  assert.is(byTag(doc, 'nav')[0]!.attribs['aria-label'], '当前位置');
  const items = byTag(doc, 'li');
  assert.is(items.length, 3);
  assert.is(byTag(items[0]!, 'a')[0]!.attribs.href, '../index.html');
  assert.is(items[2]!.attribs['aria-current'], 'page');
  assert.is(byTag(items[2]!, 'a').length, 0);
});

test('booklet list: links relative to the page, 示例 tag, date or its absence', () => {
  const doc = parse(example('booklet-list', '两份文件（一份示例）').html);
  const links = byClass(doc, 'booklet-list__link');
  assert.equal(links.map((a) => a.attribs.href), ['../sixian-ybj/2024-budget.html', '../shili-danwei/2023-final.html']);
  const items = byTag(doc, 'li');
  assert.is(byClass(items[0]!, 'tag--example').length, 0);
  assert.is(byClass(items[1]!, 'tag--example').length, 1);
  assert.ok(text(items[1]!).includes('原文未注明'));
  assert.ok(text(parse(example('booklet-list', '没有文件').html)).includes('暂无公开文件'));
});

test('filter nav: one group per facet, the shown listing marked current', () => {
  const doc = parse(example('filter-nav', '年度页').html);
  assert.equal(byTag(doc, 'h2').map((el) => text(el)), ['按年度', '按类型', '按地区', '按部门']);
  assert.equal(byTag(parse(example('filter-nav', '没有地区和部门').html), 'h2').map((el) => text(el)), ['按年度', '按类型']);
  const current = all(doc, (el) => el.attribs['aria-current'] === 'page');
  assert.is(current.length, 1);
  assert.is(text(current[0]!), '2024年');
  assert.equal(byTag(doc, 'a').map((a) => a.attribs.href), ['2024.html', '2023.html', '../kinds/budget.html', '../kinds/final.html', '../regions/putuo.html', '../departments/index.html']);
});

test('downloads: PDF, JSON, the tables’ workbook and one CSV link per table, relative to the booklet page', () => {
  const doc = parse(example('downloads', '预算').html);
  assert.equal(byTag(doc, 'a').map((a) => a.attribs.href), ['2024-budget.pdf', '2024.json', '2024-budget-tables.xlsx', '2024-budget-csv/01-summary.csv', '2024-budget-csv/03-expenditure.csv']);
});

// ───────── hostile text ─────────

test('hostile text: markup is escaped, template syntax printed literally, in every component', () => {
  for (const ex of fixture('hostile').examples) {
    const html = renderExample(fixture('hostile'), ex);
    const where = `hostile › ${ex.name}`;
    const doc = parse(html);
    assert.not.match(html, /<script/i, `${where}: <script`);
    assert.not.match(html, /<img/i, `${where}: <img`);
    assert.is(byTag(doc, 'script').length, 0, `${where}: script element`);
    assert.is(byTag(doc, 'img').length, 0, `${where}: img element`);
    const handlers = all(doc, (el) => Object.keys(el.attribs).some((a) => a.startsWith('on')));
    assert.is(handlers.length, 0, `${where}: an on… attribute was injected`);
    const jsLinks = all(doc, (el) => /^\s*javascript:/i.test(el.attribs.href ?? ''));
    assert.is(jsLinks.length, 0, `${where}: javascript: link`);
    const t = text(doc);
    assert.ok(t.includes('{{ 7*7 }}'), `${where}: {{ 7*7 }} printed literally`);
    assert.ok(t.includes('{% raw %}'), `${where}: {% raw %} printed literally`);
    assert.ok(t.includes('<script>alert(1)</script>'), `${where}: the markup shows as text`);
  }
});

test('hostile text: a plain string where SafeHtml is expected is escaped, not trusted', () => {
  const doc = parse(example('hostile', 'prose given as a plain string').html);
  const prose = byClass(doc, 'prose')[0]!;
  assert.is(prose.children.length, 1, 'one text node, no elements');
  assert.is(text(prose), '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{ 7*7 }}{% raw %}');
});

test.run();
