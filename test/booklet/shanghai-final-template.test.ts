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
import { pageTexts, rawTexts, squash } from '../helpers/poppler.ts';

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
  codeGroup: string;
  functionHeads: Record<string, string[][]>;
  explanation: Explanation;
  glossaryNumbers: string[];
  glossaryTerms: string[];
  flowsTables: string[];
  flowsHead: string[][];
  threePublicNone: string;
  basicHead: string[];
  basicPanels: Array<{ rows: Array<[string, string]>; total: string }>;
}

interface Listing {
  lead: string;
  item: string;
  joiner: string;
  end: string;
  names?: Array<[string, string]>;
}

interface Explanation {
  change: Record<'up' | 'down' | 'new', string>;
  changeWords: Record<'up' | 'down' | 'new', string>;
  income: Listing;
  expenditure: Listing;
  gpbScale: string;
  gpbStructure: Listing;
  gpbBasic: string;
  threePublic: string[];
  fund: string;
  fundNone: string;
  operatingCost: string;
  operatingCostNone: string;
  procurement: string[];
  assets: string;
  vehicleKinds: string[];
  classNames: Record<string, string>;
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
/** The PDF's text in drawing order (a wrapped header cell reads as one word), from the same point. */
let drawn = '';
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
  const raw = squash(rawTexts(out).map((t) => t.replace(/—\s*\d+\s*—/g, '')).join(''));
  drawn = raw.slice(raw.indexOf(squash(fx.parts[3]!)) + squash(fx.parts[3]!).length);
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

test('nine tables numbered and titled as the template, each followed by its “注：本表反映……”; the PDF prints the number only in the 目录', () => {
  const notes = [...html.matchAll(/class="data-table__note"[^>]*>([^<]*)</g)].map((m) => m[1]!.trim());
  assert.equal(notes, fx.tables.map((t) => t.note));
  for (const t of fx.tables) assert.ok(tableByCaption(html, t.title), t.title);
  // The web page's caption keeps the number; the table page of the PDF, as the template, the title and 单位 only.
  inOrder(
    fx.tables.flatMap((t) => [`${t.number} ${t.title}`, t.note]),
    '',
    fx.tables.flatMap((t) => [`${t.title}单位：万元`, t.note]),
  );
  for (const t of fx.tables) assert.not.ok(pdf.includes(squash(`${t.number}${t.title}单位`)), `PDF: no number above ${t.title}`);
});

test('五、(三): the 年初预算 rate for the whole, none in the item lines; 决算数大于/小于预算数的主要原因 from the data', () => {
  const gpb = (code: string) => doc.expenditure.filter((r) => r.fund === 'gpb' && r.code.startsWith(code) && r.code.length === 7);
  const sum = (rows: typeof doc.expenditure, k: 'total' | 'budget') => rows.reduce((s, r) => s + Math.round((r[k] ?? 0) * 100), 0) / 100;
  const all = gpb('');
  const [budget, amount] = [sum(all, 'budget'), sum(all, 'total')];
  const reason = doc.figures['gpb.total']!.budgetReason!;
  const detail = fill(fx.gpbDetail, { budget: wan(budget), amount: wan(amount), rate: ((amount / budget) * 100).toFixed(2), compare: amount > budget ? '大于' : '小于', reason });
  assert.ok(detail.includes('完成年初预算的102.38%。决算数大于预算数的主要原因：'), detail);
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

test('二、三、五、八、九、: 项目 over 功能分类科目编码 and 科目名称, 三、 headed 本年支出合计, 五、 without a 本年支出 group, as the template', () => {
  for (const [title, head] of Object.entries(fx.functionHeads)) assert.equal(tableByCaption(html, title).head, head, title);
  for (const i of [7, 8]) assert.equal(tableByCaption(html, fx.tables[i]!.title).head, fx.flowsHead, fx.tables[i]!.title);
  assert.not.ok(/<th[^>]*>\s*功能分类科目\s*</.test(html), 'no 功能分类科目 header left');
  for (const i of [1, 2, 4, 7, 8]) {
    const t = fx.tables[i]!;
    const from = drawn.indexOf(squash(t.title));
    const printed = drawn.slice(from, drawn.indexOf(squash(t.note), from));
    for (const h of [...new Set([...(fx.functionHeads[t.title] ?? fx.flowsHead).flat()])]) assert.ok(from >= 0 && printed.includes(squash(h)), `PDF ${t.title}: ${h}`);
  }
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
  const from = pdf.indexOf(squash(fx.tables[5]!.title));
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
    // amount between the title and the table's note, in drawing order (a header may wrap).
    const note = fx.tables.find((x) => x.title === title)!.note;
    const from = drawn.indexOf(squash(title));
    const printed = drawn.slice(from, drawn.indexOf(squash(note), from));
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

// ------------------------------------------------------------------ the 说明's sentences, from the template

const X = () => fx.explanation;
/** 分 of a 万元 amount of the data. */
const fen = (x: number | undefined) => Math.round((x ?? 0) * 100);
const w2 = (f: number) => wan(f / 100);
/** A percentage of two amounts in 分, two decimals, half up. */
const pct = (a: number, b: number) => (Math.round((a * 10000) / b) / 100).toFixed(2);
/** The 项 rows (7-digit codes) of the expenditure, of one fund or all. */
const leaves = (fund?: string) => doc.expenditure.filter((r) => r.code.length === 7 && (fund === undefined || r.fund === fund));
const sumOf = (rows: typeof doc.expenditure, k: keyof (typeof doc.expenditure)[number]) => rows.reduce((a, r) => a + fen(r[k] as number | undefined), 0);
const strip = (s: string | undefined) => (s ?? '').trim().replace(/[。；，\s]+$/u, '');
/** 增加…万元，增长…% / 减少… / 新增… against the data's previous-year figure. */
function changeOf(now: number, key: string) {
  const prev = fen(doc.figures[key]!.previous);
  const dir = prev === 0 ? 'new' : now > prev ? 'up' : 'down';
  return { dir, text: fill(X().change[dir], { amount: w2(Math.abs(now - prev)), rate: prev === 0 ? '' : pct(Math.abs(now - prev), prev) }) } as const;
}
function listing(l: Listing, lead: Record<string, string>, items: Array<[string, number]>, total: number) {
  return fill(l.lead, lead) + items.filter(([, v]) => v !== 0).map(([name, v]) => fill(l.item, { name, amount: w2(v), share: pct(v, total) })).join(l.joiner) + l.end;
}

test('二、三、: 本年收入合计 / 本年支出合计 and each source or kind with its share, those the unit does not have left out', () => {
  const inc = doc.income;
  const src: Record<string, number> = {
    fiscal: fen(inc.gpb) + fen(inc.gfb) + fen(inc.scob), business: fen(inc.business), operating: fen(inc.operating),
    superior: fen(inc.superior), affiliated: fen(inc.affiliated), other: fen(inc.other),
  };
  const current = Object.values(src).reduce((a, b) => a + b, 0);
  const income = listing(X().income, { amount: w2(current) }, X().income.names!.map(([k, name]) => [name, src[k]!]), current);
  assert.ok(income.startsWith('本年收入合计1480.21万元，其中：财政拨款收入1233.71万元，占83.35%；事业收入150.00万元，占10.13%；'), income);
  const all = leaves();
  const spent = sumOf(all, 'total');
  const kinds: Record<string, number> = { basic: sumOf(all, 'basic'), project: sumOf(all, 'project'), operating: sumOf(all, 'operating'), toSuperior: sumOf(all, 'toSuperior'), toAffiliated: sumOf(all, 'toAffiliated') };
  const spending = listing(X().expenditure, { amount: w2(spent) }, X().expenditure.names!.map(([k, name]) => [name, kinds[k]!]), spent);
  inOrder([fx.explanationSections[1]!, income, fx.explanationSections[2]!, spending, fx.explanationSections[3]!], ' 二、三、');
});

test('五、(一)(二) and 六、: the template\'s sentences with the data\'s numbers', () => {
  const gpb = leaves('gpb');
  const total = sumOf(gpb, 'total');
  const spent = sumOf(leaves(), 'total');
  const scale = fill(X().gpbScale, { amount: w2(total), share: pct(total, spent), change: changeOf(total, 'gpb.total').text, reason: strip(doc.figures['gpb.total']!.reason) });
  const classes = [...new Set(gpb.map((r) => r.code.slice(0, 3)))].sort();
  const structure = listing(X().gpbStructure, { amount: w2(total) }, classes.map((c) => [X().classNames[c]!, sumOf(gpb.filter((r) => r.code.startsWith(c)), 'total')]), total);
  assert.ok(structure.includes('一般公共服务支出（类）972.54万元，占81.84%；'), structure);
  const basic = fill(X().gpbBasic, {
    amount: w2(sumOf(gpb, 'basic')), personnel: w2(sumOf(gpb, 'personnel')), public: w2(sumOf(gpb, 'public')),
    personnelPurpose: strip(doc.figures['gpb.personnel']!.purpose), publicPurpose: strip(doc.figures['gpb.public']!.purpose),
  });
  inOrder([fx.explanationSections[4]!, scale, structure, fx.explanationSections[5]!, basic, fx.explanationSections[6]!], ' 五、六、');
});

test('七、: the template\'s “三公” sentences — 完成预算的, the change on 2023, each item\'s reason, 团组, 保有量, 接待批次', () => {
  const t = doc.threePublic!;
  const [a, b] = [t.amounts, t.budget!];
  const amt = { abroad: fen(a.abroad), vehicle: fen(a.vehiclePurchase) + fen(a.vehicleOperation), reception: fen(a.reception) };
  const bud = { abroad: fen(b.abroad), vehicle: fen(b.vehiclePurchase) + fen(b.vehicleOperation), reception: fen(b.reception) };
  const total = amt.abroad + amt.vehicle + amt.reception;
  const budget = bud.abroad + bud.vehicle + bud.reception;
  const F = (k: string) => doc.figures[`threePublic.${k}`]!;
  const ch = (now: number, k: string) => changeOf(now, `threePublic.${k}`);
  const vars: Record<string, string> = {
    budget: w2(budget), amount: w2(total), rate: pct(total, budget), compare: total > budget ? '大于' : '小于', budgetReason: strip(F('total').budgetReason),
    change: ch(total, 'total').text,
  };
  for (const k of ['abroad', 'vehicle', 'reception'] as const) {
    const c = ch(amt[k], k);
    Object.assign(vars, { [k]: w2(amt[k]), [`${k}Rate`]: pct(amt[k], bud[k]), [`${k}Share`]: pct(amt[k], total), [`${k}Change`]: c.text, [`${k}Word`]: X().changeWords[c.dir], [`${k}Reason`]: strip(F(k).reason) });
  }
  Object.assign(vars, {
    groups: String(t.abroadGroups), persons: String(t.abroadPersons), abroadPurpose: strip(F('abroad').purpose),
    purchase: w2(fen(a.vehiclePurchase)), purchasePurpose: strip(F('vehiclePurchase').purpose), purchased: String(t.vehiclesPurchased),
    operation: w2(fen(a.vehicleOperation)), operationPurpose: strip(F('vehicleOperation').purpose), held: String(t.vehiclesHeld),
    foreign: w2(fen(t.foreignReception)), receptionPurpose: strip(F('reception').purpose), batches: String(t.receptionBatches), receptionPersons: String(t.receptionPersons),
    foreignBatches: String(t.foreignBatches), foreignPersons: String(t.foreignPersons),
  });
  const lines = X().threePublic.map((s) => fill(s, vars));
  assert.ok(lines[0]!.startsWith('“三公”经费财政拨款支出年初预算为46.50万元，支出决算为43.48万元，完成预算的93.51%，'), lines[0]);
  inOrder([fx.explanationSections[6]!, ...lines, fx.explanationSections[7]!], ' 七、');
  const section = page.slice(page.indexOf(fx.explanationSections[6]!), page.indexOf(fx.explanationSections[7]!));
  assert.not.ok(section.includes('完成年初预算的'), section);
});

test('八、九、十一、: fund income and spending, 机关运行经费 on 2023, 政府采购 with the 中小企业 amounts, 车辆 by the template\'s kinds', () => {
  const fund = (f: 'gfb' | 'scob', name: string) => fill(X().fund, { fund: name, income: w2(fen(doc.income[f])), amount: w2(sumOf(leaves(f), 'total')) });
  const oc = fen(doc.operatingCost ?? 0);
  const operating = fill(X().operatingCost, { amount: w2(oc), change: changeOf(oc, 'operatingCost').text, reason: strip(doc.figures['operatingCost']!.reason) });
  const p = doc.procurement!;
  const procurement = X().procurement.map((s) => fill(s, {
    total: w2(fen(p.goods) + fen(p.works) + fen(p.services)), goods: w2(fen(p.goods)), works: w2(fen(p.works)), services: w2(fen(p.services)),
    smeReserved: w2(fen(p.smeReserved)), smallMicroReserved: w2(fen(p.smeReservedSmallMicro)), reservedSme: w2(fen(p.reservedSmeAwarded)),
    reservedSmallMicro: w2(fen(p.reservedSmallMicroAwarded)), otherSme: w2(fen(p.otherSmeAwarded)),
  }));
  const assets = doc.assets!;
  assert.equal(assets.vehicles.map((v) => v.kind), X().vehicleKinds);
  const vehicles = fill(X().assets, { vehicles: String(assets.vehicles.reduce((s, v) => s + v.count, 0)), kinds: assets.vehicles.map((v) => `${v.kind}${v.count}辆`).join('、'), equipment: String(assets.equipmentOver100) });
  inOrder([fx.explanationSections[7]!, fund('gfb', '政府性基金'), fx.explanationSections[8]!, fund('scob', '国有资本经营'), fx.explanationSections[9]!, fx.explanationSections[10]!, operating, ...procurement, vehicles, fx.parts[3]!], ' 八、九、十一、');
});

test('二、八、九、十一、(一): a source the unit does not have is not listed; without the fund or 机关运行经费 the template\'s sentence says so', async () => {
  const copy = structuredClone(file);
  const d = copy.documents.final!;
  d.income.affiliated = 0;
  d.operatingCost = 0;
  delete d.figures['operatingCost'];
  d.expenditure = d.expenditure.filter((r) => r.fund !== 'scob');
  d.income.scob = 0;
  d.scobFlows = [];
  d.balances.closing.scob = 0;
  for (const k of Object.keys(d.figures)) if (k.startsWith('scob')) delete d.figures[k];
  const p = pageText(await renderBookletHtml(root, loadLibrary(root), copy, 'final'));
  assert.ok(p.includes(`${fx.explanationSections[8]} ${fill(X().fundNone, { fund: '国有资本经营' })} ${fx.explanationSections[9]}`), p.slice(p.lastIndexOf(fx.explanationSections[8]!), p.lastIndexOf(fx.explanationSections[8]!) + 200));
  assert.ok(p.includes(`（一）机关运行经费支出情况 ${fill(X().operatingCostNone)} （二）`), p.slice(p.lastIndexOf('（一）机关运行经费'), p.lastIndexOf('（一）机关运行经费') + 200));
  const income = p.slice(p.lastIndexOf(fx.explanationSections[1]!), p.lastIndexOf(fx.explanationSections[2]!));
  assert.ok(income.includes('上级补助收入30.00万元，占2.06%；其他收入6.50万元，占0.45%。'), income);
  assert.not.ok(income.includes('附属单位上缴收入'), income);
});

test('heads: a column the table does not print is refused by name', async () => {
  const lib = loadLibrary(root);
  const profile = structuredClone(lib.profiles.get(doc.profile)!);
  profile.kinds.final!.tables.find((t) => t.id === 'expenditure')!.heads = { total: ['本年支出合计'], families: ['对个人和家庭的补助'] };
  try {
    await buildBooklet(file, 'final', { ...lib, profiles: new Map(lib.profiles).set(doc.profile, profile) }, { charts: false });
    assert.unreachable('built');
  } catch (e) {
    assert.instance(e, BookletError);
    assert.match((e as Error).message, /“支出决算表”heads 中的列 families 不是本表所印的列（total、basic、project、toSuperior、operating、toAffiliated）/);
  }
});

test('名词解释 numbered 一、二、… as the template, its terms in its order', () => {
  const g = page.slice(page.lastIndexOf(fx.parts[3]!));
  inOrder([fx.parts[3]!, ...fx.glossaryTerms.flatMap((t, i) => [`${fx.glossaryNumbers[i]}${t}`])], ' 名词解释');
  assert.ok(g.includes(`${fx.glossaryNumbers.at(-1)}${fx.glossaryTerms.at(-1)}`));
});

test.run();
