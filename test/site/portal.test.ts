/**
 * The portal on the bundled data: each unit page shows, for every booklet of the unit, the main
 * figures its data file gives (derived here from the file by check's figure registry, and two
 * fixed from the published 万里 booklets); a 部门's sum of its 单位 is the exact sum; the open
 * data CSV's totals are the booklets'; booklet pages link the unit's other years and its 部门.
 * At 10,000 synthetic summaries no listing page exceeds 64 KB. Data-driven over data/: holds
 * when a unit or a year is added.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { buildSite, loadSiteConfig } from '../../scripts/lib/site/build-site.ts';
import { siteData } from '../../scripts/lib/site/finish.ts';
import { renderSitePages } from '../../scripts/lib/site/render.ts';
import { PAGE_SIZE } from '../../scripts/lib/site/portal.ts';
import { OPEN_DATA_COLUMNS } from '../../scripts/lib/site/open-data.ts';
import { listDataFiles } from '../../scripts/lib/check/check.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { makeBuildContext } from '../../scripts/lib/booklet/context.ts';
import { MAIN_FIGURES } from '../../scripts/lib/booklet/main-figures.ts';
import { figureDef } from '../../scripts/lib/check/figures.ts';
import { formatMoney } from '../../scripts/lib/model/money.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { syntheticSummaries } from '../../scripts/lib/bench/synthetic-summaries.ts';
import { byClass, byTag, parse, text } from '../templates/dom.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-portal-'));
const out = join(tmp, 'site');
const read = (p: string) => readFileSync(join(out, p), 'utf8');

interface Expected {
  unitId: string;
  year: number;
  kind: 'budget' | 'final';
  figures: Record<string, number | null>;
}
const expected: Expected[] = [];

test.before(async () => {
  const r = await buildSite({ root, outDir: out, threads: 1, pdf: false, incremental: false, manifestPath: join(tmp, 'manifest.json') });
  assert.ok(r.ok, `构建失败：${r.failure}`);
  const lib = loadLibrary(root);
  for (const path of listDataFiles(root)) {
    const file = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as UnitYearFile;
    for (const kind of ['budget', 'final'] as const) {
      if (!file.documents[kind]) continue;
      const ctx = makeBuildContext(file, kind, lib);
      expected.push({ unitId: file.unit.id, year: file.year, kind, figures: Object.fromEntries(MAIN_FIGURES.map((f) => [f.id, figureDef(f.key)!.value(ctx.doc, ctx.d, kind).value])) });
    }
  }
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

const wan = (fen: number | null) => (fen === null ? '—' : formatMoney(fen, 'wan', 2, true));

/** The unit page's first figures table as { column label → { row label → amount text } }. */
function figureTable(page: string, index = 0): Map<string, Map<string, string>> {
  const table = byClass(parse(read(page)), 'figure-table__table')[index]!;
  const rows = byTag(table, 'tr');
  const heads = byTag(rows[0]!, 'th').slice(1).map((th) => text(byClass(th, 'figure-table__column')[0]!).trim());
  const out = new Map<string, Map<string, string>>(heads.map((h) => [h, new Map()]));
  for (const tr of rows.slice(1)) {
    const label = text(byTag(tr, 'th')[0]!).trim();
    byTag(tr, 'td').forEach((td, i) => out.get(heads[i]!)!.set(label, text(byClass(td, 'figure-table__amount')[0]!).trim()));
  }
  return out;
}

test('unit pages: every booklet’s main figures as its data file gives them', () => {
  assert.ok(expected.length > 0);
  for (const e of expected) {
    const col = figureTable(`${e.unitId}/index.html`).get(`${e.year}年${e.kind === 'budget' ? '预算' : '决算'}`);
    assert.ok(col, `${e.unitId} ${e.year} ${e.kind}: a column`);
    for (const f of MAIN_FIGURES) assert.is(col!.get(f.label), wan(e.figures[f.id]!), `${e.unitId} ${e.year} ${e.kind} ${f.label}`);
  }
});

test('万里 2024 and 2025 side by side, as published (收入总计 15621.11 and 18976.76 万元), with the change', () => {
  const t = figureTable('putuo-wanli/index.html');
  assert.equal([...t.keys()], ['2024年预算', '2025年预算']);
  assert.is(t.get('2024年预算')!.get('收入总计'), '15,621.11');
  assert.is(t.get('2025年预算')!.get('收入总计'), '18,976.76');
  const notes = byClass(parse(read('putuo-wanli/index.html')), 'figure-table__note').map((n) => text(n));
  assert.ok(notes.includes('比上年增加3,355.64万元（21.48%）'), notes.join(' | '));
  assert.ok(byClass(parse(read('putuo-wanli/index.html')), 'year-charts__figure').length >= 5, 'a chart per figure');
});

test('a 部门 page: its 单位 and their figures’ exact sum', () => {
  for (const dept of new Set(expected.map((e) => e.unitId))) {
    const file = JSON.parse(readFileSync(listDataFiles(root).find((p) => p.includes(`/data/${dept}/`))!, 'utf8')) as UnitYearFile;
    const children = [...new Set(expected.map((e) => e.unitId))].filter((id) => {
      const f = JSON.parse(readFileSync(listDataFiles(root).find((p) => p.includes(`/data/${id}/`))!, 'utf8')) as UnitYearFile;
      return id !== dept && (f.unit.parent?.id === dept || (file.unit.includes ?? []).some((i) => i.id === id));
    });
    if (file.unit.level !== 'department' || !children.length) continue;
    const doc = parse(read(`${dept}/index.html`));
    const links = byClass(doc, 'unit-children__link').map((a) => posix.normalize(posix.join(dept, a.attribs.href!)));
    assert.equal(links.sort(), children.map((c) => `${c}/index.html`).sort(), dept);
    const sums = figureTable(`${dept}/index.html`, 1);
    for (const [label, col] of sums) {
      const [year, kindZh] = [Number(label.slice(0, 4)), label.slice(5)];
      const rows = expected.filter((e) => children.includes(e.unitId) && e.year === year && (e.kind === 'budget' ? '预算' : '决算') === kindZh);
      for (const f of MAIN_FIGURES) {
        const vals = rows.map((r) => r.figures[f.id]!);
        const sum = vals.some((v) => v === null) ? null : vals.reduce((a, b) => a! + b!, 0);
        assert.is(col.get(f.label), wan(sum), `${dept} ${label} ${f.label}`);
      }
    }
  }
  // The bundled 商务委: one 单位 (本部) with a file, so the sum is its figures.
  assert.is(figureTable('putuo-shangwu/index.html', 1).get('2025年预算')!.get('收入总计'), figureTable('putuo-shangwu-benbu/index.html').get('2025年预算')!.get('收入总计'));
});

test('open data: one row per booklet, UTF-8 with BOM, totals equal the booklets’', () => {
  const csv = read('open-data/main-figures.csv');
  assert.ok(csv.startsWith('\uFEFF'));
  const lines = csv.slice(1).trimEnd().split('\r\n').map((l) => l.split(','));
  assert.equal(lines[0], [...OPEN_DATA_COLUMNS]);
  const col = (name: string) => lines[0]!.indexOf(name);
  assert.is(lines.length - 1, expected.length);
  for (const e of expected) {
    const row = lines.find((l) => l[col('单位标识')] === e.unitId && l[col('年度')] === String(e.year) && l[col('类型')] === (e.kind === 'budget' ? '预算' : '决算'));
    assert.ok(row, `${e.unitId} ${e.year}`);
    for (const f of MAIN_FIGURES) {
      const v = e.figures[f.id]!;
      assert.is(row![col(`${f.label}（元）`)], v === null ? '' : formatMoney(v, 'yuan', 2), `${e.unitId} ${e.year} ${f.label}`);
    }
  }
  const json = JSON.parse(read('open-data/main-figures.json')) as Array<{ unitId: string; year: number; kind: string; figures: Record<string, number | null> }>;
  const total = (rows: Array<{ figures: Record<string, number | null> }>) => rows.reduce((a, r) => a + (r.figures.income ?? 0), 0);
  assert.is(total(json), total(expected));
});

test('booklet pages link the unit’s other years and its 部门', () => {
  const wanli = parse(read('putuo-wanli/2024-budget.html'));
  const related = byClass(wanli, 'related__link').map((a) => a.attribs.href);
  assert.equal(related, ['2025-budget.html', '2024-budget.html']);
  const benbu = byClass(parse(read('putuo-shangwu-benbu/2025-budget.html')), 'related__link').map((a) => a.attribs.href);
  assert.equal(benbu, ['../putuo-shangwu/index.html']);
  const dept = byClass(parse(read('putuo-shangwu/2025-budget.html')), 'related__link').map((a) => a.attribs.href);
  assert.equal(dept, ['../putuo-shangwu-benbu/index.html']);
});

test('10,000 synthetic booklets: every listing page under 64 KB, in 部门 code order', async () => {
  const summaries = syntheticSummaries(10_000);
  const data = siteData({ ...loadSiteConfig(root), regions: [{ id: 'huaibei', name: '淮北市', match: ['安徽省淮北市'] }] }, summaries);
  const dir = join(tmp, 'big');
  await renderSitePages(root, dir, data);
  const pages = [...data.portal.listingPages.map((l) => l.path), ...data.portal.departmentPages.map((l) => l.path), 'index.html'];
  assert.ok(data.portal.listingPages.some((l) => l.pager.count > 10), 'long listings are paginated');
  let largest = 0;
  let which = '';
  for (const p of pages) {
    const size = statSync(join(dir, p)).size;
    if (size > largest) [largest, which] = [size, p];
  }
  assert.ok(largest < 64 * 1024, `largest listing page: ${which}, ${largest} bytes`);
  for (const l of data.portal.listingPages) assert.ok(l.booklets.length <= PAGE_SIZE);
  // Within a year, 部门 codes never go down.
  const year = data.portal.listingPages.filter((l) => l.listingPath === 'years/2024.html').flatMap((l) => l.booklets);
  const deptCode = (s: (typeof year)[number]) => Number(s.level === 'department' ? s.unitCode : s.family.parentCode);
  for (let i = 1; i < year.length; i++) assert.ok(deptCode(year[i]!) >= deptCode(year[i - 1]!), `${year[i]!.unitName} after ${year[i - 1]!.unitName}`);
});

test.run();
