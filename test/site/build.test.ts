/**
 * The whole build on the real data (the four seeds and the 示例): every amount of every data
 * file appears in its booklet; booklets.json, CSV and data files are where the pages link;
 * hostile text is printed literally and never run; the output is byte-identical across builds,
 * time zones and locales, and an incremental build equals a full one; a failed build leaves the
 * published folder untouched.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { buildSite, errorChain } from '../../scripts/lib/site/build-site.ts';
import { listDataFiles } from '../../scripts/lib/check/check.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { hostileCopy, HOSTILE } from '../helpers/hostile.ts';
import { requiredAmounts } from '../helpers/amounts.ts';
import { bundledDocuments, SEED_DOCUMENTS } from '../helpers/bundled.ts';
import { sitePaths } from './serve.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-build-'));
const out = join(tmp, 'site');
const manifests = join(tmp, 'manifests');

function sameTree(a: string, b: string): void {
  const fa = sitePaths(a);
  assert.equal(sitePaths(b), fa, 'the same files');
  for (const f of fa) {
    if (!readFileSync(join(a, f)).equals(readFileSync(join(b, f)))) assert.unreachable(`${f} differs between the two builds`);
  }
}

const build = (outDir: string, extra: Record<string, unknown> = {}) =>
  buildSite({ root, outDir, threads: 1, pdf: false, manifestPath: join(manifests, `${relative(tmp, outDir).replace(/\W/g, '_')}.json`), ...extra });

test.before(async () => {
  const r = await build(out, { incremental: false });
  assert.ok(r.ok, `构建失败：${r.failure}`);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

// ─── every amount of the data appears in its booklet ──────────────────────────────────────────────

/** The page's text with tags removed and entities decoded, so amounts are found as printed. */
function pageText(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

test('corpus: every amount of every data file appears in its booklet, as the profile prints it', () => {
  const lib = loadLibrary(root);
  let checked = 0;
  const allMissing: string[] = [];
  for (const path of listDataFiles(root)) {
    const data = JSON.parse(readFileSync(path, 'utf8')) as UnitYearFile;
    for (const kind of ['budget', 'final'] as const) {
      if (!data.documents[kind]) continue;
      const text = pageText(readFileSync(join(out, data.unit.id, `${data.year}-${kind}.html`), 'utf8'));
      const matches = (shown: string) => new RegExp(`(?<![\\d.,])${shown.replace(/[.,]/g, '\\$&')}(?![\\d])`).test(text);
      for (const a of requiredAmounts(lib, data, kind)) {
        checked++;
        if (a.printed.some(matches)) continue;
        allMissing.push(`${data.unit.id}/${data.year} ${kind} ${a.pointer} = ${a.value}（应印为 ${a.printed[0]}）`);
      }
    }
  }
  assert.equal(allMissing, [], 'amounts not in the booklet');
  assert.ok(checked > 300, `checked ${checked} amounts`);
});

test('every booklet: page, data file, one CSV per table, and a booklets.json entry', () => {
  const index = JSON.parse(readFileSync(join(out, 'booklets.json'), 'utf8')) as Array<Record<string, unknown>>;
  const keys = index.map((e) => `${e.unitId}/${e.year}/${e.kind}`);
  assert.equal([...keys].sort(), bundledDocuments(root), 'one entry per document of every data file');
  for (const seed of SEED_DOCUMENTS) assert.ok(keys.includes(seed), seed);
  const years = index.map((e) => Number(e.year));
  assert.equal(years, [...years].sort((a, b) => b - a), 'newest year first');
  const sixian = index.find((e) => e.unitId === 'sixian-ybj')!;
  assert.equal(sixian, {
    unit: '泗县医疗保障局',
    unitCode: '066',
    unitId: 'sixian-ybj',
    year: 2024,
    kind: 'budget',
    level: 'department',
    title: '泗县医疗保障局2024年度部门预算',
    publishedDate: '2024-02-01',
    html: 'sixian-ybj/2024-budget.html',
    pdf: 'sixian-ybj/2024-budget.pdf',
    data: 'sixian-ybj/2024.json',
  });
  for (const e of index) {
    const html = readFileSync(join(out, e.html as string), 'utf8');
    assert.ok(existsSync(join(out, e.data as string)), `${e.data} is published`);
    assert.ok(readFileSync(join(out, e.data as string)).equals(readFileSync(join(root, 'data', e.data as string))), 'the data file as committed');
    const csvLinks = [...html.matchAll(/href="([^"]+\.csv)"/g)].map((m) => m[1]!);
    assert.ok(csvLinks.length >= 9, `${e.html}: ${csvLinks.length} CSV links`);
    for (const link of new Set(csvLinks)) {
      const file = join(out, (e.html as string).replace(/[^/]+$/, ''), link);
      assert.ok(existsSync(file), `${link} exists`);
      assert.ok(readFileSync(file, 'utf8').startsWith('\uFEFF'), `${link} starts with the BOM`);
    }
    // The tables' workbook: linked from the page, written, one sheet per table (as many as CSVs).
    const xlsxLinks = [...html.matchAll(/href="([^"]+\.xlsx)"/g)].map((m) => m[1]!);
    assert.is(xlsxLinks.length, 1, `${e.html}: one workbook link`);
    const book = XLSX.read(readFileSync(join(out, (e.html as string).replace(/[^/]+$/, ''), xlsxLinks[0]!)), { type: 'buffer' });
    assert.is(book.SheetNames.length, new Set(csvLinks).size, `${xlsxLinks[0]}: one sheet per table`);
  }
  // The data file's $schema ("../_schema/unit-year.schema.json") resolves in the published site.
  assert.ok(existsSync(join(out, '_schema/unit-year.schema.json')));
});

test('no data inside Eleventy\'s input folder: templates/ holds templates only', () => {
  const inTemplates = sitePaths(join(root, 'templates'));
  assert.equal(inTemplates.filter((f) => !f.endsWith('.njk')), []);
  assert.not.ok(existsSync(join(root, 'templates/_data')));
});

// ─── hostile data ─────────────────────────────────────────────────────────────────────────────────

test('hostile text in every string field: the build succeeds, text shows literally, nothing runs', async () => {
  const dataDir = join(tmp, 'hostile-data');
  const paths: string[] = [];
  for (const [src, id] of [
    ['data/sixian-ybj/2024.json', 'hostile-budget'],
    ['data/shili-danwei/2023.json', 'hostile-final'],
    ['data/jiyuan-ybj/2021.json', 'hostile-henan'],
  ] as const) {
    const { data, replaced } = hostileCopy(root, src);
    assert.ok(replaced > 200, `${src}: ${replaced} fields replaced`);
    (data as UnitYearFile).unit.id = id;
    const p = join(dataDir, id, `${(data as UnitYearFile).year}.json`);
    mkdirSync(join(dataDir, id), { recursive: true });
    writeFileSync(p, JSON.stringify(data, null, 2));
    paths.push(p);
  }
  const hostileOut = join(tmp, 'hostile-site');
  const r = await build(hostileOut, { dataPaths: paths });
  assert.ok(r.ok, `构建失败：${r.failure}\n${r.findings.filter((f) => f.severity === 'error').map((f) => f.message).join('\n')}`);
  let pages = 0;
  for (const f of sitePaths(hostileOut).filter((x) => x.endsWith('.html') || x.endsWith('.xml'))) {
    const html = readFileSync(join(hostileOut, f), 'utf8');
    // The site's one script is the search page's own file (assets/search.js), never inline.
    const own = html.replace(/<script type="module" src="(\.\.\/)*assets\/search\.js"><\/script>/g, '');
    assert.not.ok(/<script/i.test(own), `${f}: no script element but the search page's own`);
    assert.not.ok(/<img/i.test(html), `${f}: no img element`);
    assert.not.ok(/<[^>]*\son[a-z]+\s*=/i.test(html), `${f}: no event handler attribute`);
    assert.not.ok(/href\s*=\s*["']?\s*javascript:/i.test(html), `${f}: no javascript: link`);
    assert.not.ok(/<[^>]*\sstyle\s*=/i.test(html), `${f}: no style attribute`);
    if (f.endsWith('.html') && f.includes('hostile-')) {
      pages++;
      const text = pageText(html);
      assert.ok(text.includes('<script>alert(1)</script>'), `${f}: the markup shows as text`);
      assert.ok(text.includes('{{ 7*7 }}') && text.includes('{% raw %}') && text.includes('{{ site }}'), `${f}: template syntax shows literally`);
      assert.not.ok(text.includes('[object Object]'), `${f}: {{ site }} not evaluated`);
    }
  }
  assert.ok(pages >= 6, `${pages} hostile pages (3 booklets, 3 unit pages)`);
  const csv = readFileSync(join(hostileOut, 'hostile-budget/2024-budget-csv', readdirSync(join(hostileOut, 'hostile-budget/2024-budget-csv')).find((n) => n.includes('projects'))!), 'utf8');
  assert.ok(csv.includes('"<script>alert(1)</script>""><img src=x onerror=alert(1)>'), 'CSV keeps the text, quoted');
  const index = readFileSync(join(hostileOut, 'booklets.json'), 'utf8');
  assert.ok(JSON.parse(index).some((e: { unit: string }) => e.unit === HOSTILE), 'booklets.json carries the name as data');
});

// ─── determinism, incremental builds, failures ───────────────────────────────────────────────────

test('deterministic: a second build, in another process, time zone and locale, is byte-identical', () => {
  const other = join(tmp, 'site-tz');
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build.ts'), '--out', other, '--full', '--no-pdf'], {
    cwd: root,
    env: { ...process.env, TZ: 'Pacific/Kiritimati', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' },
    stdio: 'pipe',
  });
  sameTree(out, other);
});

test('incremental: one edited file rebuilds only that file, and the result equals a full build', async () => {
  const dataCopy = join(tmp, 'inc-data');
  cpSync(join(root, 'data'), join(dataCopy, 'data'), { recursive: true });
  const paths = listDataFiles(dataCopy);
  const a = join(tmp, 'inc-a');
  const b = join(tmp, 'inc-b');
  assert.ok((await build(a, { dataPaths: paths })).ok);
  const target = paths.find((p) => p.includes('huaibei-ylsy'))!;
  writeFileSync(target, readFileSync(target, 'utf8').replace('"duties": "', '"duties": "（修改）'));
  const inc = await build(a, { dataPaths: paths });
  assert.ok(inc.ok);
  assert.is(inc.rebuilt, 1, 'only the edited file is rebuilt');
  assert.ok(readFileSync(join(a, 'huaibei-ylsy/2024-budget.html'), 'utf8').includes('（修改）'));
  assert.ok((await build(b, { dataPaths: paths, incremental: false })).ok);
  sameTree(a, b);
});

test('a failed build leaves the published folder exactly as it was, and no staging folder', async () => {
  const dataCopy = join(tmp, 'fail-data');
  cpSync(join(root, 'data'), join(dataCopy, 'data'), { recursive: true });
  const paths = listDataFiles(dataCopy);
  const published = join(tmp, 'fail-site');
  assert.ok((await build(published, { dataPaths: paths })).ok);
  const before = join(tmp, 'fail-before');
  cpSync(published, before, { recursive: true });
  const target = paths.find((p) => p.includes('sixian-ybj'))!;
  writeFileSync(target, readFileSync(target, 'utf8').replace('"total": 1760', '"total": 1760.5'));
  const r = await build(published, { dataPaths: paths });
  assert.not.ok(r.ok);
  assert.match(r.failure!, /数据有 \d+ 个错误/);
  assert.ok(r.findings.some((f) => f.severity === 'error' && f.file.endsWith('sixian-ybj/2024.json')), 'the error names the file');
  sameTree(before, published);
  assert.not.ok(existsSync(`${published}.staging`));
});

test('two files of one unit and year: the build stops on the located duplicate-file error, not on Eleventy', async () => {
  const dataCopy = join(tmp, 'dup-data');
  cpSync(join(root, 'data'), join(dataCopy, 'data'), { recursive: true });
  // Outside the project's data/ the folder name is not checked against unit.id, so both files
  // claim sixian-ybj 2024 and land in the same chunk (one thread, 25 files a chunk).
  mkdirSync(join(dataCopy, 'data/sixian-ybj-copy'));
  cpSync(join(dataCopy, 'data/sixian-ybj/2024.json'), join(dataCopy, 'data/sixian-ybj-copy/2024.json'));
  const paths = listDataFiles(dataCopy);
  const published = join(tmp, 'dup-site');
  const r = await build(published, { dataPaths: paths, incremental: false });
  assert.not.ok(r.ok);
  assert.is(r.failure, '数据有 1 个错误');
  const dup = r.findings.filter((f) => f.severity === 'error');
  assert.equal(dup.map((f) => [f.rule, f.file.replace(/^.*\/data\//, 'data/'), f.pointer]), [['ref.duplicate-unit-year', 'data/sixian-ybj-copy/2024.json', '/unit/id']]);
  assert.match(dup[0]!.message, /单位“sixian-ybj”的 2024 年度已有数据文件 .*data\/sixian-ybj\/2024\.json；一个单位一个年度只能有一个文件。/);
  assert.ok(dup[0]!.line > 1, `located at the file's unit id (line ${dup[0]!.line})`);
  assert.not.ok(existsSync(published), 'nothing published');
  assert.not.ok(existsSync(`${published}.staging`));
});

// ─── golden pages, one seed per profile ─────────────────────────────────────────────────────────

/**
 * The booklet page of one document per profile, compared byte for byte with test/golden/. A change
 * to templates, builders or profiles shows here as a diff to review; after reviewing the new pages
 * (open them in a browser), `UPDATE_GOLDEN=1 npx tsx test/run.ts site/build` writes them.
 */
const GOLDEN = [
  'sixian-ybj/2024-budget.html', // anhui-2024 预算 (seed 002)
  'huaibei-ybj/2023-final.html', // anhui-2024 决算 (seed 001)
  'jiyuan-ybj/2021-budget.html', // henan-2021 (seed 004)
  'shili-danwei/2023-final.html', // national-final (示例)
];

test('golden: one booklet page per profile is byte-identical to test/golden/', () => {
  const dir = join(root, 'test/golden');
  for (const page of GOLDEN) {
    const built = readFileSync(join(out, page), 'utf8');
    const file = join(dir, page.replace('/', '--'));
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, built);
      continue;
    }
    assert.ok(existsSync(file), `${file} is missing: UPDATE_GOLDEN=1 writes it`);
    const expected = readFileSync(file, 'utf8');
    if (built !== expected) {
      const a = built.split('\n');
      const b = expected.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      assert.unreachable(`${page} differs from the golden file at line ${line + 1}:\n  built:  ${a[line]?.slice(0, 200)}\n  golden: ${b[line]?.slice(0, 200)}`);
    }
  }
});

test('a failure names the causes Eleventy wraps (the template\'s own error)', () => {
  const inner = new Error('expected variable end');
  const outer = Object.assign(new Error('Having trouble rendering njk template ./templates/print.njk'), { originalError: inner });
  assert.is(errorChain(outer), 'Having trouble rendering njk template ./templates/print.njk；原因：expected variable end');
  assert.is(errorChain(new Error('a', { cause: new Error('b', { cause: 'c' }) })), 'a；原因：b；原因：c');
});

test.run();
