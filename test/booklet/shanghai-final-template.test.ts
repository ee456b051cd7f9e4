/**
 * The bundled 示例 部门决算 (data/shili-putuo-bumen/2024.json, profile shanghai-putuo-2024-final)
 * against the district's 2024 template: the words, headings, table titles and notes and the
 * table layouts the template prints, copied by hand into test/fixtures/shanghai/
 * putuo-final-template-2024.json, and the numbers of the data file, in the booklet's HTML and in
 * its PDF's text (printed once with `npm run print`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { checkBytes } from '../../scripts/lib/check/check.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import { BookletError } from '../../scripts/lib/booklet/context.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { byTag, kids, parse, text } from '../templates/dom.ts';
import { pageText, renderBookletHtml, tableByCaption } from '../helpers/render-booklet.ts';
import { pageTexts, squash } from '../helpers/poppler.ts';

const root = join(import.meta.dirname, '..', '..');
const DATA = 'data/shili-putuo-bumen/2024.json';

interface TemplateFixture {
  parts: string[];
  overviewSections: string[];
  unitTableHead: string[];
  explanationSections: string[];
  tables: Array<{ number: string; title: string; note: string }>;
  gpbItem: string;
  gpbItemFlat: string;
  gpbDetail: string;
  threePublicRate: string;
  codeGroup: string;
  glossaryNumbers: string[];
  glossaryTerms: string[];
  flowsTables: string[];
  flowsHead: string[][];
  threePublicNone: string;
  basicHead: string[];
  basicPanels: Array<{ rows: Array<[string, string]>; total: string }>;
}

const fx = JSON.parse(readFileSync(join(root, 'test/fixtures/shanghai/putuo-final-template-2024.json'), 'utf8')) as TemplateFixture;
const file = JSON.parse(readFileSync(join(root, DATA), 'utf8')) as UnitYearFile;
const doc = file.documents.final!;
const UNIT = file.unit.name;
const fill = (s: string, vars: Record<string, string> = {}) => s.replace(/\{(\w+)\}/g, (_, k: string) => (k === 'unit' ? UNIT : vars[k]!));
/** 万元 with two decimals, as the profile prints (the data is in 万元). */
const wan = (x: number) => x.toFixed(2);

let html = '';
let page = '';
let pdf = '';
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-sh-final-'));
test.before(async () => {
  html = await renderBookletHtml(root, loadLibrary(root), file, 'final');
  // Both texts from the end of the 目录 (its last line is 第四部分 名词解释), so an order holds in the body.
  const all = pageText(html);
  page = all.slice(all.indexOf(fx.parts[3]!) + fx.parts[3]!.length);
  const out = join(tmp, 'booklet.pdf');
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/print.ts'), DATA, '--kind', 'final', '--out', out], { cwd: root, stdio: 'pipe' });
  // The page numbers (“— 21 —”) are left out: a sentence may run on over a page break.
  const printed = squash(pageTexts(out).map((t) => t.replace(/—\s*\d+\s*—/g, '')).join(''));
  pdf = printed.slice(printed.indexOf(squash(fx.parts[3]!)) + squash(fx.parts[3]!).length);
});
test.after(() => rmSync(tmp, { recursive: true, force: true }));

const headings = () => [...html.matchAll(/<h([1-4])[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => text(parse(m[2]!)).replace(/\s+/g, ' ').trim());

/** Each expected text in the page's and the PDF's text (or `inPdf`, where its reading order differs), in this order. */
function inOrder(expected: string[], where = '', inPdf = expected) {
  let h = 0;
  let p = 0;
  for (const s of expected) {
    const i = page.indexOf(s, h);
    assert.ok(i >= h, `HTML${where}: “${s}” after the previous one`);
    h = i + s.length;
  }
  for (const s of inPdf) {
    const j = pdf.indexOf(squash(s), p);
    assert.ok(j >= p, `PDF${where}: “${s}” after the previous one`);
    p = j + squash(s).length;
  }
}

test('parts and the headings of 概况 and 说明 as the template words them, in its order', () => {
  const h = headings();
  for (const s of [...fx.parts.map((p) => fill(p)), ...fx.overviewSections, ...fx.explanationSections]) assert.ok(h.includes(s), `heading ${s}`);
  inOrder([fill(fx.parts[0]!), ...fx.overviewSections, fill(fx.parts[1]!), ...fx.tables.map((t) => t.title), fill(fx.parts[2]!), ...fx.explanationSections, fx.parts[3]!]);
});

test('单位构成: a 序号 / 单位名称 / 备注 table of the data file\'s units, under 二、部门决算单位构成', () => {
  const table = byTag(parse(html), 'table').find((t) => byTag(t, 'caption').some((c) => text(c) === '单位构成'));
  assert.ok(table, 'a table captioned 单位构成');
  const cells = (tr: ReturnType<typeof kids>[number]) => kids(tr).filter((c) => c.name === 'td' || c.name === 'th').map((c) => text(c).trim());
  assert.equal(kids(kids(table, 'thead')[0]!, 'tr').map(cells), [fx.unitTableHead]);
  const units = file.unit.includes!;
  assert.ok(units.length >= 2);
  const expected = units.map((u, i) => [String(i + 1), u.name, u.note ?? '']);
  assert.equal(kids(kids(table, 'tbody')[0]!, 'tr').map(cells), expected);
  // Printed once, as the table (not a second time as a list).
  assert.is(page.split(units[1]!.name).length - 1, 1);
  // pdftotext reads the empty 备注 column after the rows.
  const [no, name, remark] = fx.unitTableHead;
  inOrder([fx.overviewSections[1]!, ...fx.unitTableHead, ...expected.flat().filter(Boolean)], ' 单位构成', [fx.overviewSections[1]!, no!, name!, ...expected.flat().filter(Boolean), remark!, fill(fx.parts[1]!)]);
});

test('nine tables numbered and titled as the template, each followed by its “注：本表反映……”', () => {
  const notes = [...html.matchAll(/class="data-table__note"[^>]*>([^<]*)</g)].map((m) => m[1]!.trim());
  assert.equal(notes, fx.tables.map((t) => t.note));
  for (const t of fx.tables) assert.ok(tableByCaption(html, t.title), t.title);
  inOrder(fx.tables.flatMap((t) => [`${t.number} ${t.title}`, t.note]));
});

test('五、(三): the 年初预算 rate for the whole, none in the item lines; 决算数大于/小于预算数的主要原因 from the data', () => {
  const gpb = (code: string) => doc.expenditure.filter((r) => r.fund === 'gpb' && r.code.startsWith(code) && r.code.length === 7);
  const sum = (rows: typeof doc.expenditure, k: 'total' | 'budget') => rows.reduce((s, r) => s + Math.round((r[k] ?? 0) * 100), 0) / 100;
  const all = gpb('');
  const [budget, amount] = [sum(all, 'budget'), sum(all, 'total')];
  const detail = fill(fx.gpbDetail, { budget: wan(budget), amount: wan(amount), rate: ((amount / budget) * 100).toFixed(2) });
  assert.ok(detail.endsWith('完成年初预算的102.38%。'), detail);
  // The items, by hand from the data file: names from the 2024 科目, amounts and reasons from the rows and figures.
  const item = (n: number, name: string, code: string) => {
    const rows = gpb(code);
    const [b, a] = [sum(rows, 'budget'), sum(rows, 'total')];
    const reason = doc.figures[`gpb:${code}`]?.budgetReason?.replace(/。$/, '');
    const vars = { n: String(n), name, budget: wan(b), amount: wan(a), compare: a > b ? '大于' : '小于', reason: reason ?? '' };
    return fill(reason ? fx.gpbItem : fx.gpbItemFlat, vars);
  };
  const lines = [
    item(1, '一般公共服务支出（类）统计信息事务（款）行政运行（项）', '2010501'),
    item(2, '一般公共服务支出（类）统计信息事务（款）一般行政管理事务（项）', '2010502'),
    item(10, '卫生健康支出（类）行政事业单位医疗（款）公务员医疗补助（项）', '2101103'),
    item(12, '住房保障支出（类）住房改革支出（款）提租补贴（项）', '2210202'),
  ];
  assert.is(lines[1], '2、一般公共服务支出（类）统计信息事务（款）一般行政管理事务（项）。年初预算为110.00万元，支出决算为96.80万元。决算数小于预算数的主要原因：（示例）信息系统运维合同延至2025年履行，相应资金结转下年使用。');
  assert.is(lines[2], '10、卫生健康支出（类）行政事业单位医疗（款）公务员医疗补助（项）。年初预算为6.12万元，支出决算为6.12万元。');
  inOrder([fx.explanationSections[4]!, detail, ...lines, fx.explanationSections[5]!], ' 五、');
  const section = page.slice(page.indexOf('（三）一般公共预算财政拨款支出决算具体情况'), page.indexOf(fx.explanationSections[5]!));
  assert.is(section.split('完成年初预算的').length - 1, 1, section);
});

test('五、八、九、: the header over 科目编码 and 科目名称 reads 项目, as the template', () => {
  for (const i of [4, 7, 8]) {
    const t = fx.tables[i]!;
    const table = tableByCaption(html, t.title);
    assert.is(table.head.length, 2, t.title);
    assert.is(table.head[0]![0], fx.codeGroup, t.title);
    assert.equal(table.head[1]!.slice(0, 2), ['科目编码', '科目名称'], t.title);
  }
  assert.not.ok(/<th[^>]*>\s*功能分类科目\s*</.test(html), 'no 功能分类科目 header left');
});

test('七、: each “三公” line states its rate as 完成预算的 (the template), never 完成年初预算的', () => {
  const fen = (x: number | undefined) => Math.round((x ?? 0) * 100);
  const t = doc.threePublic!;
  const pair = (keys: Array<keyof typeof t.amounts>) => [keys.reduce((s, k) => s + fen(t.amounts[k]), 0), keys.reduce((s, k) => s + fen(t.budget![k]), 0)] as const;
  const rate = ([a, b]: readonly [number, number]) => ((a * 100) / b).toFixed(2);
  const lines = [
    pair(['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception']),
    pair(['abroad']),
    pair(['reception']),
    pair(['vehiclePurchase', 'vehicleOperation']),
    pair(['vehiclePurchase']),
    pair(['vehicleOperation']),
  ].map((p) => fill(fx.threePublicRate, { budget: wan(p[1] / 100), rate: rate(p) }));
  assert.is(lines[0], '年初预算为46.50万元，完成预算的93.51%');
  inOrder([fx.explanationSections[6]!, ...lines, fx.explanationSections[7]!], ' 七、');
  const section = page.slice(page.indexOf(fx.explanationSections[6]!), page.indexOf(fx.explanationSections[7]!));
  assert.not.ok(section.includes('完成年初预算的'), section);
  // 五、 keeps the template's 完成年初预算的.
  assert.ok(page.slice(page.indexOf(fx.explanationSections[4]!), page.indexOf(fx.explanationSections[5]!)).includes('完成年初预算的'));
});

test('六、: the 基本支出表 as two panels (人员经费 | 公用经费), every 科目 of the template with 0.00 where the data has none, then 人员经费合计 | 公用经费合计', () => {
  const table = tableByCaption(html, fx.tables[5]!.title);
  assert.equal(table.head, [fx.basicHead]);
  // 决算数 of a 科目 from the data: its 款 rows (一般公共预算), a 类 the sum of its 款.
  const fen = (code: string) => doc.economic.filter((r) => r.fund === 'gpb' && r.code.length === 5 && r.code.startsWith(code)).reduce((a, r) => a + Math.round((r.total ?? 0) * 100), 0);
  const depth = Math.max(...fx.basicPanels.map((p) => p.rows.length));
  const expected: string[][] = [];
  for (let i = 0; i < depth; i++) expected.push(fx.basicPanels.flatMap((p) => (p.rows[i] ? [p.rows[i]![0], p.rows[i]![1], wan(fen(p.rows[i]![0]) / 100)] : ['', '', ''])));
  const totals = fx.basicPanels.map((p) => p.rows.filter(([c]) => c.length === 3).reduce((a, [c]) => a + fen(c), 0));
  expected.push(fx.basicPanels.flatMap((p, i) => [p.total, wan(totals[i]! / 100)]));
  assert.equal(table.body, expected);
  // The two totals are the data's 人员经费 and 公用经费 (as the 说明 states them).
  assert.equal(totals.map((x) => wan(x / 100)), ['796.38', '109.71']);
  assert.ok(expected.flat().filter((c) => c === '0.00').length > 20);
  const note = fx.tables[5]!.note;
  const from = pdf.indexOf(squash(`${fx.tables[5]!.number}${fx.tables[5]!.title}`));
  const printed = pdf.slice(from, pdf.indexOf(squash(note), from));
  for (const s of [...fx.basicHead, ...fx.basicPanels.flatMap((p) => p.rows.flat()), ...fx.basicPanels.flatMap((p, i) => [p.total, wan(totals[i]! / 100)]), '0.00']) {
    assert.ok(printed.includes(squash(s)), `PDF 六、: ${s}`);
  }
});

test('六、: a 科目 of the data that no panel lists is refused by name, never left out', async () => {
  const copy = structuredClone(file);
  copy.documents.final!.economic.push({ code: '31005', fund: 'gpb', total: 1, public: 1 });
  try {
    await buildBooklet(copy, 'final', loadLibrary(root), { charts: false });
    assert.unreachable('built');
  } catch (e) {
    assert.instance(e, BookletError);
    assert.match((e as Error).message, /分栏（panels）没有列出数据中的经济分类科目 31005 基础设施建设/);
  }
});

test('八、九、: both 收入支出决算表 with the template\'s 年初结转和结余 / 本年收入 / 本年支出 / 年末结转和结余 columns, from gfbFlows and scobFlows', () => {
  const flows = [doc.gfbFlows, doc.scobFlows ?? []];
  fx.flowsTables.forEach((title, t) => {
    const table = tableByCaption(html, title);
    assert.equal(table.head, fx.flowsHead, title);
    const rows = flows[t]!;
    assert.ok(rows.length > 0, `${title}: the 示例 has rows`);
    // The 项 rows as the data gives them (0 blank), 合计 first; 本年支出合计 = 基本 + 项目.
    const cell = (x: number | undefined) => (x ? wan(x) : '');
    const items = table.body.filter((r) => r[0]!.length === 7).map((r) => r.slice(2));
    assert.equal(items, rows.map((r) => [cell(r.opening), cell(r.income), cell((r.basic ?? 0) + (r.project ?? 0)), cell(r.basic), cell(r.project), cell(r.closing)]));
    assert.is(table.body[0]![1], '合计');
    // The PDF's text of a table does not keep the reading order of its cells: each header and
    // amount between the title and the table's note.
    const note = fx.tables.find((x) => x.title === title)!.note;
    const from = pdf.indexOf(squash(`${fx.tables.find((x) => x.title === title)!.number}${title}`));
    const printed = pdf.slice(from, pdf.indexOf(squash(note), from));
    assert.ok(from >= 0 && printed.length > 0, `PDF: ${title}`);
    for (const s of [...fx.flowsHead.flat(), ...items[0]!.filter(Boolean)]) assert.ok(printed.includes(squash(s)), `PDF ${title}: ${s}`);
  });
});

test('scobFlows are checked as gfbFlows are: 年末 = 年初 + 收入 − 支出, 支出 against the expenditure rows, 收入 against income.scob', () => {
  const lib = loadLibrary(root);
  const findings = (edit: (d: typeof doc) => void) => {
    const copy = structuredClone(file);
    edit(copy.documents.final!);
    return checkBytes(DATA, Buffer.from(JSON.stringify(copy, null, 2)), lib).findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.pointer]);
  };
  assert.equal(findings(() => {}), []);
  assert.equal(findings((d) => (d.scobFlows![0]!.closing = 2)), [['arith.row', '/documents/final/scobFlows/0/closing']]);
  assert.equal(findings((d) => {
    d.scobFlows![0]!.project = 9;
    d.scobFlows![0]!.spending = 9;
    d.scobFlows![0]!.closing = 1;
  }), [['arith.cross-table', '/documents/final/scobFlows/0/spending']]);
  assert.equal(findings((d) => {
    d.scobFlows![0]!.income = 11;
    d.scobFlows![0]!.closing = 2.5;
  }), [['arith.cross-table', '/documents/final/scobFlows']]);
});

test('七、: without “三公” spending the table still prints its note and the 说明 says so in the template\'s sentence', async () => {
  const copy = structuredClone(file);
  const d = copy.documents.final!;
  d.threePublic = { amounts: {} };
  for (const k of Object.keys(d.figures)) if (k.startsWith('threePublic.')) delete d.figures[k];
  const p = pageText(await renderBookletHtml(root, loadLibrary(root), copy, 'final'));
  const t = fx.tables[6]!;
  const at = p.indexOf(`${t.number} ${t.title}`, p.indexOf(fx.parts[3]!) + 1);
  assert.ok(at > 0 && p.indexOf(t.note, at) > at, 'the note under the empty table');
  const heading = fx.explanationSections[6]!;
  assert.ok(p.includes(`${heading} ${fill(fx.threePublicNone)} ${fx.explanationSections[7]}`), p.slice(p.lastIndexOf(heading), p.lastIndexOf(heading) + 200));
});

test('名词解释 numbered 一、二、… as the template, its terms in its order', () => {
  const g = page.slice(page.lastIndexOf(fx.parts[3]!));
  inOrder([fx.parts[3]!, ...fx.glossaryTerms.flatMap((t, i) => [`${fx.glossaryNumbers[i]}${t}`])], ' 名词解释');
  assert.ok(g.includes(`${fx.glossaryNumbers.at(-1)}${fx.glossaryTerms.at(-1)}`));
});

test.run();
