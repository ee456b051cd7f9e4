/**
 * The four Shanghai 普陀区 2025 booklets of 商务委员会 and 区人民政府办公室 (部门预算 and 单位预算),
 * bundled as data/putuo-shangwu*, data/putuo-quzhengfu*: every table of the original, as recorded by
 * hand in test/fixtures/corpus/shanghai/<doc>.json (amounts as printed, read from the pdftotext of
 * the real booklet, ../shared/corpus/shanghai-putuo/), against the table of the built HTML booklet:
 *
 * - amounts: every printed amount of the original's table is a cell of the booklet's table with the
 *   same number, formatted as the original prints it (a multiset: an amount printed three times must
 *   be in three cells);
 * - title: the table number and title as the original prints them;
 * - unit: the table's 计量单位 (元 / 万元);
 * - note: the note under the table (the empty tables' “注:…故本表为空表。”).
 *
 * What today's code cannot print like the original is listed in the fixture's `notYetPrinted`
 * ({ table, aspect, reason }). A listed aspect must really be missing (so the list shrinks when the
 * code learns it); an aspect not listed must be there.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../scripts/lib/site/build-site.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-shanghai-e2-'));
const out = join(tmp, 'site');

/** Fixture (test/fixtures/corpus/shanghai/<name>.json) → the bundled data file that encodes it. */
const DOCUMENTS: Array<{ fixture: string; unit: string }> = [
  { fixture: 'shangwu-2025-department-budget', unit: 'putuo-shangwu' },
  { fixture: 'shangwu-2025-unit-budget', unit: 'putuo-shangwu-benbu' },
  { fixture: 'quzhengfu-2025-department-budget', unit: 'putuo-quzhengfu' },
  { fixture: 'quzhengfu-2025-unit-budget', unit: 'putuo-quzhengfu-benbu' },
];

type Aspect = 'amounts' | 'title' | 'unit' | 'note';
const ASPECTS: Aspect[] = ['amounts', 'title', 'unit', 'note'];

interface FixtureTable {
  number: string;
  title: string;
  tocEntry: string;
  unit: string;
  note: string | null;
  rows: Array<{ amounts: Array<string | null> }>;
}
interface Fixture {
  tables: FixtureTable[];
  notYetPrinted?: Array<{ table: string; aspect: Aspect; reason: string }>;
}

interface BookletTable {
  number: string;
  title: string;
  unit: string;
  html: string;
  cells: string[];
}

const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();

/** The booklet's tables, each from its caption to the end of its <table>. */
function bookletTables(html: string): BookletTable[] {
  const out: BookletTable[] = [];
  const re = /<caption class="data-table__caption"[^>]*>([\s\S]*?)<\/caption>([\s\S]*?)<\/table>/g;
  for (const m of html.matchAll(re)) {
    const caption = m[1]!;
    const span = (cls: string) => decode(new RegExp(`<span class="data-table__${cls}">([\\s\\S]*?)</span>`).exec(caption)?.[1] ?? '');
    const body = m[2]!;
    out.push({
      number: span('number'),
      title: span('title'),
      unit: span('unit').replace(/^单位[:：]/, ''),
      html: body,
      cells: [...body.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((c) => decode(c[1]!)),
    });
  }
  return out;
}

/** The printed table number: the 目录 entry's text before the title ("1. ", "4．", "9."). */
const printedNumber = (t: FixtureTable) => t.tocEntry.slice(0, t.tocEntry.indexOf(t.title)).trim();

/** Why one aspect of a fixture table is not in the booklet table, or null when it is. */
function missing(f: FixtureTable, b: BookletTable | undefined, aspect: Aspect): string | null {
  if (!b) return '册中没有这张表';
  switch (aspect) {
    case 'title':
      return b.number === printedNumber(f) && b.title === f.title ? null : `原文为“${printedNumber(f)}${f.title}”，册中为“${b.number}${b.title}”`;
    case 'unit':
      return b.unit === f.unit ? null : `原文单位为${f.unit}，册中为${b.unit}`;
    case 'note':
      return f.note === null || decode(b.html).includes(f.note) ? null : `表下注“${f.note}”没有印出`;
    case 'amounts': {
      const cells = new Map<string, number>();
      for (const c of b.cells) cells.set(c, (cells.get(c) ?? 0) + 1);
      const want = new Map<string, number>();
      for (const r of f.rows) for (const a of r.amounts) if (a !== null) want.set(a, (want.get(a) ?? 0) + 1);
      const short = [...want].filter(([a, n]) => (cells.get(a) ?? 0) < n).map(([a, n]) => `${a}（原文 ${n} 处，册中 ${cells.get(a) ?? 0} 处）`);
      return short.length ? `缺少金额：${short.join('、')}` : null;
    }
  }
}

test.before(async () => {
  const r = await buildSite({
    root,
    outDir: out,
    threads: 1,
    pdf: false,
    charts: false,
    incremental: false,
    manifestPath: join(tmp, 'manifest.json'),
    dataPaths: DOCUMENTS.map((d) => join(root, 'data', d.unit, '2025.json')),
  });
  assert.ok(r.ok, `构建失败：${r.failure}`);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

for (const doc of DOCUMENTS) {
  test(`${doc.fixture}: every table of the original in data/${doc.unit}'s booklet, or listed as not yet printed`, () => {
    const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/corpus/shanghai', `${doc.fixture}.json`), 'utf8')) as Fixture;
    const tables = bookletTables(readFileSync(join(out, doc.unit, '2025-budget.html'), 'utf8'));
    const listed = fixture.notYetPrinted ?? [];
    for (const l of listed) {
      assert.ok(fixture.tables.some((t) => t.number === l.table), `notYetPrinted 中的表 ${l.table} 不是原文的表`);
      assert.ok(ASPECTS.includes(l.aspect), `notYetPrinted 中的 aspect “${l.aspect}”应为 ${ASPECTS.join('、')} 之一`);
      assert.ok(/\p{Script=Han}/u.test(l.reason), `notYetPrinted 表 ${l.table} ${l.aspect} 的原因应以中文说明`);
    }
    const problems: string[] = [];
    let amounts = 0;
    for (const f of fixture.tables) {
      const b = tables.find((t) => t.number.replace(/[.．]\s*$/, '') === f.number);
      for (const aspect of ASPECTS) {
        const why = missing(f, b, aspect);
        const isListed = listed.some((l) => l.table === f.number && l.aspect === aspect);
        if (why !== null && !isListed) problems.push(`表${f.number} ${aspect}：${why}`);
        if (why === null && isListed) problems.push(`表${f.number} ${aspect}：已按原文印出，请从 notYetPrinted 中删去`);
        if (aspect === 'amounts' && !isListed) amounts += f.rows.reduce((n, r) => n + r.amounts.filter((a) => a !== null).length, 0);
      }
    }
    assert.equal(problems, [], `${doc.fixture}`);
    assert.ok(amounts > 150, `${doc.fixture}: ${amounts} amounts compared`);
  });
}

test.run();
