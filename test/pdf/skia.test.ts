/**
 * The PDF engine (scripts/lib/pdf/): the Skia reader/rewriter on hand-made files for its edge
 * cases, then on real prints of the seeds and of small print documents made here for the
 * printer's rules (page numbers predicted and verified, the pad page, requests outside the build
 * folder, fonts that fail, template mistakes, the cache, byte-identical output). Real files are
 * read back with poppler (pdfinfo, pdftotext), not only with the code that wrote them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PdfFormatError, PdfName, PdfString, SkiaPdf, decodeText, normalizeNodeIds, pdfDate, rewriteInfo, textString, type InfoFields } from '../../scripts/lib/pdf/skia.ts';
import { PrintError, PrintPool, type PrintJob, type PrintResult } from '../../scripts/lib/pdf/browser.ts';
import { writePrintFolder } from '../../scripts/lib/pdf/documents.ts';
import { cacheKey, PdfCache } from '../../scripts/lib/pdf/cache.ts';
import { checkFile, listDataFiles } from '../../scripts/lib/check/check.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import type { BookletView } from '../../scripts/lib/booklet/model.ts';
import { loadSiteConfig, printJob } from '../../scripts/lib/site/build-site.ts';
import { summaryOf } from '../../scripts/lib/site/build-chunk.ts';
import { writeFonts } from '../../scripts/lib/site/fonts.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-skia-'));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

// ─── hand-made files ──────────────────────────────────────────────────────────────────────────────

interface HandObject {
  num: number;
  /** Everything between "n 0 obj\n" and "\nendobj". */
  body: string | Buffer;
}

/**
 * A PDF as Skia lays one out: header, objects in the given order, a classic xref table (one
 * subsection, or the given ones), trailer, startxref.
 */
function handPdf(objects: HandObject[], trailer: string, sections?: Array<[number, number]>): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xd3\xeb\xe9\xe1\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets = new Map<number, number>();
  for (const o of objects) {
    const bytes = Buffer.concat([Buffer.from(`${o.num} 0 obj\n`, 'latin1'), typeof o.body === 'string' ? Buffer.from(o.body, 'latin1') : o.body, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.set(o.num, offset);
    offset += bytes.length;
    parts.push(bytes);
  }
  const size = Math.max(...objects.map((o) => o.num)) + 1;
  const lines = ['xref'];
  for (const [first, count] of sections ?? [[0, size]]) {
    lines.push(`${first} ${count}`);
    for (let n = first; n < first + count; n++) {
      const at = offsets.get(n);
      lines.push(at === undefined ? `0000000000 ${n === 0 ? '65535' : '00000'} f ` : `${String(at).padStart(10, '0')} 00000 n `);
    }
  }
  parts.push(Buffer.from(`${lines.join('\n')}\ntrailer\n<<${trailer.replace('SIZE', String(size))}>>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const page = (num: number, parent: number, box = '[0 0 595 842]') => ({ num, body: `<</Type /Page\n/Parent ${parent} 0 R\n/MediaBox ${box}\n/Resources <<>>>>` });
const SKIA_INFO = "<</Title <FEFF6CD753BF>\n/Creator (Mozilla/5.0 \\(X11; Linux x86_64\\) HeadlessChrome/156.0.0.0)\n/Producer (Skia/PDF m156)\n/CreationDate (D:20261122205326+00'00')\n/ModDate (D:20261122205326+00'00')>>";

/** Skia's shape: Info is object 1, first; a nested page tree; a two-level outline. */
function skiaLike(): Buffer {
  return handPdf(
    [
      { num: 1, body: SKIA_INFO },
      page(2, 10),
      { num: 3, body: Buffer.concat([Buffer.from('<</Length 14>> stream\n', 'latin1'), Buffer.from('(node00000042)', 'latin1'), Buffer.from('\nendstream', 'latin1')]) },
      page(4, 10, '[0 0 842 595]'),
      page(5, 11),
      { num: 10, body: '<</Type /Pages\n/Count 2\n/Kids [2 0 R 4 0 R]\n/Parent 12 0 R>>' },
      { num: 11, body: '<</Type /Pages\n/Count 1\n/Kids [5 0 R]\n/Parent 12 0 R>>' },
      { num: 12, body: '<</Type /Pages\n/Count 3\n/Kids [10 0 R 11 0 R]>>' },
      { num: 20, body: '<</Type /Outlines\n/First 21 0 R\n/Last 21 0 R\n/Count 3>>' },
      { num: 21, body: `<</Title ${textString('封面')}\n/Dest [2 0 R /XYZ 0 800 0]\n/Parent 20 0 R\n/First 22 0 R\n/Last 23 0 R\n/Count 2>>` },
      { num: 22, body: `<</Title ${textString('第一部分 概况')}\n/Dest [4 0 R /XYZ 0 500 0]\n/Parent 21 0 R\n/Next 23 0 R>>` },
      { num: 23, body: `<</Title (Part \\(2\\))\n/Dest [5 0 R /XYZ 0 700 0]\n/Parent 21 0 R\n/Prev 22 0 R>>` },
      { num: 30, body: '<</Type /StructElem\n/S /TH\n/ID (node00004790)>>' },
      { num: 31, body: '<</Type /StructElem\n/S /TD\n/A [<</O /Table\n/Headers [(node00004790) (node00004780)]>>]>>' },
      { num: 32, body: '<</Type /StructElem\n/S /TH\n/ID (node00004780)>>' },
      { num: 33, body: '<</Names [(node00004780) 32 0 R (node00004790) 30 0 R]\n/Limits [(node00004780) (node00004790)]>>' },
      { num: 40, body: '<</Type /Catalog\n/Pages 12 0 R\n/Outlines 20 0 R\n/Lang (zh-CN)>>' },
    ],
    '/Size SIZE\n/Root 40 0 R\n/Info 1 0 R',
  );
}

const FIELDS: InfoFields = {
  title: '泗县医疗保障局2024年度部门预算',
  author: '泗县医疗保障局',
  subject: '2024年部门预算公开',
  keywords: '泗县医疗保障局; 2024年; 预算',
  creator: 'gongkai',
  date: pdfDate('2024-02-01'),
};

/** Every in-use xref entry points at "n g obj", startxref at "xref", the trailer has a two-part /ID. */
function assertWellFormed(bytes: Uint8Array, label: string): SkiaPdf {
  const pdf = SkiaPdf.parse(bytes);
  const text = Buffer.from(bytes).toString('latin1');
  assert.is(text.slice(pdf.xrefOffset, pdf.xrefOffset + 4), 'xref', `${label}: startxref points at the table`);
  for (const s of pdf.sections) {
    for (const [i, e] of s.entries.entries()) {
      if (!e.inUse) continue;
      const head = `${s.first + i} ${e.gen} obj`;
      assert.is(text.slice(e.offset, e.offset + head.length), head, `${label}: xref entry of object ${s.first + i}`);
    }
  }
  const id = pdf.trailer.get('ID');
  assert.ok(Array.isArray(id) && id.length === 2 && id[0] instanceof PdfString && id[0].bytes.length === 16, `${label}: /ID [<…> <…>]`);
  assert.equal((id as PdfString[])[0]!.bytes, (id as PdfString[])[1]!.bytes, `${label}: both halves of /ID alike`);
  return pdf;
}

/** pdfinfo's fields (UTF-8, dates in China Standard Time) and whatever it complained about. */
function pdfinfo(bytes: Uint8Array, name: string): { info: Record<string, string>; stderr: string } {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  const r = spawnSync('pdfinfo', ['-isodates', path], { env: { ...process.env, TZ: 'Asia/Shanghai' } });
  const info: Record<string, string> = {};
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const m = /^([A-Za-z ]+?):\s*(.*)$/.exec(line);
    if (m) info[m[1]!] = m[2]!.trim();
  }
  return { info, stderr: r.stderr.toString('utf8') };
}

/** qpdf --check when qpdf is installed (it is not a dependency); null otherwise. */
function qpdfCheck(bytes: Uint8Array, name: string): string | null {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  const r = spawnSync('qpdf', ['--check', path]);
  if (r.error) return null;
  return r.status === 0 ? '' : r.stdout.toString() + r.stderr.toString();
}

test('reader: pages in page-tree order with inherited sizes, outline in pre-order with depth and page, Info decoded', () => {
  const pdf = SkiaPdf.parse(skiaLike());
  assert.equal(
    pdf.pages().map((p) => [p.ref, p.width, p.height]),
    [
      [2, 595, 842],
      [4, 842, 595],
      [5, 595, 842],
    ],
  );
  assert.equal(pdf.outline(), [
    { title: '封面', page: 1, depth: 0 },
    { title: '第一部分 概况', page: 2, depth: 1 },
    { title: 'Part (2)', page: 3, depth: 1 },
  ]);
  const info = pdf.info();
  assert.is(info.Title, '泗县');
  assert.is(info.Creator, 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0');
  assert.is(info.Producer, 'Skia/PDF m156');
});

test('strings: UTF-16BE text strings, literal escapes, PDF dates', () => {
  assert.is(textString('泗县A'), '<FEFF6CD753BF0041>');
  assert.is(textString('𠀀'), '<FEFFD840DC00>', 'a character beyond the BMP as a surrogate pair');
  assert.is(decodeText(Uint8Array.from(Buffer.from('FEFFD840DC00', 'hex'))), '𠀀');
  const pdf = SkiaPdf.parse(handPdf([{ num: 1, body: '<</T (a\\(b\\)c\\\\d\\101\\n\\\nx (nested) y)\n/N /A#20B>>' }, { num: 2, body: '<</Type /Catalog>>' }], '/Size SIZE\n/Root 2 0 R\n/Info 1 0 R'));
  const d = pdf.dict(pdf.trailer.get('Info'))!;
  assert.is((d.get('T') as PdfString).text, 'a(b)c\\dA\nx (nested) y');
  assert.is((d.get('N') as PdfName).name, 'A B');
  assert.is(pdfDate('2024-02-01'), "D:20240201000000+08'00'");
  assert.throws(() => pdfDate('2024-2-1'), (e: unknown) => e instanceof PdfFormatError);
});

test('rewriteInfo: new Info in place of object 1, later offsets shifted, /ID added; poppler reads it', () => {
  const input = skiaLike();
  const out = rewriteInfo(input, FIELDS);
  const pdf = assertWellFormed(out, 'skia-like');
  assert.equal(pdf.info(), {
    Title: FIELDS.title,
    Author: FIELDS.author,
    Subject: FIELDS.subject,
    Keywords: FIELDS.keywords,
    Creator: 'gongkai',
    Producer: 'Skia/PDF m156',
    CreationDate: "D:20240201000000+08'00'",
    ModDate: "D:20240201000000+08'00'",
  });
  assert.equal(pdf.outline(), SkiaPdf.parse(input).outline(), 'the outline is untouched');
  const { info, stderr } = pdfinfo(out, 'rewritten.pdf');
  assert.is(stderr, '', 'pdfinfo has nothing to complain about');
  assert.is(info.Title, FIELDS.title);
  assert.is(info.Author, FIELDS.author);
  assert.is(info.Keywords, FIELDS.keywords);
  assert.is(info.Creator, 'gongkai');
  assert.is(info.Pages, '3');
  assert.match(info.CreationDate ?? '', /^2024-02-01T00:00:00\+08/);
  const q = qpdfCheck(out, 'rewritten-q.pdf');
  if (q !== null) assert.is(q, '', 'qpdf --check');
});

test('rewriteInfo: the same input gives the same bytes; other content another /ID; no date means no dates', () => {
  const a = rewriteInfo(skiaLike(), FIELDS);
  assert.is(sha(rewriteInfo(skiaLike(), FIELDS)), sha(a));
  const other = rewriteInfo(skiaLike(), { ...FIELDS, title: '另一本' });
  const idOf = (b: Uint8Array) => Buffer.from((SkiaPdf.parse(b).trailer.get('ID') as PdfString[])[0]!.bytes).toString('hex');
  assert.is.not(idOf(other), idOf(a));
  const { date: _date, ...undated } = FIELDS;
  const info = SkiaPdf.parse(rewriteInfo(skiaLike(), undated)).info();
  assert.is(info.CreationDate, undefined);
  assert.is(info.ModDate, undefined);
  // An already rewritten file rewritten again: the same result (the old /ID is replaced).
  assert.is(sha(rewriteInfo(a, FIELDS)), sha(a));
});

test('rewriteInfo: Info in the middle of the file, after a stream; only later offsets move', () => {
  const input = handPdf(
    [
      page(2, 3),
      { num: 3, body: '<</Type /Pages\n/Count 1\n/Kids [2 0 R]>>' },
      { num: 4, body: '<</Length 11>> stream\nendobj\nxref\nendstream' },
      { num: 5, body: '<</Producer (Skia/PDF m156)>>' },
      { num: 6, body: '<</Type /Catalog\n/Pages 3 0 R>>' },
    ],
    '/Size SIZE\n/Root 6 0 R\n/Info 5 0 R',
  );
  const out = rewriteInfo(input, FIELDS);
  const pdf = assertWellFormed(out, 'middle');
  assert.is(pdf.info().Title, FIELDS.title);
  assert.is(pdf.info().Producer, 'Skia/PDF m156');
  const before = SkiaPdf.parse(input);
  for (const n of [2, 3, 4]) assert.is(pdf.entry(n)!.offset, before.entry(n)!.offset, `object ${n} before Info keeps its offset`);
  assert.is.not(pdf.entry(6)!.offset, before.entry(6)!.offset);
  assert.is(pdfinfo(out, 'middle.pdf').stderr, '');
});

test('rewriteInfo: no Info at all → one appended, /Size grows; several xref subsections and free entries kept', () => {
  const input = handPdf(
    [page(1, 2), { num: 2, body: '<</Type /Pages\n/Count 1\n/Kids [1 0 R]>>' }, { num: 3, body: '<</Type /Catalog\n/Pages 2 0 R>>' }, { num: 7, body: '<</Unused true>>' }],
    '/Size SIZE\n/Root 3 0 R',
    [
      [0, 4],
      [7, 1],
    ],
  );
  const out = rewriteInfo(input, FIELDS);
  const pdf = assertWellFormed(out, 'no-info');
  assert.is(pdf.trailer.get('Size'), 9);
  assert.equal(
    pdf.sections.map((s) => [s.first, s.entries.length]),
    [
      [0, 4],
      [7, 1],
      [8, 1],
    ],
  );
  assert.is(pdf.entry(0)!.inUse, false, 'the free list head stays');
  assert.is(pdf.info().Title, FIELDS.title);
  assert.not.ok('Producer' in pdf.info());
  assert.is(pdfinfo(out, 'no-info.pdf').info.Title, FIELDS.title);
});

test('node ids: renumbered by rank with as many digits (order and length kept), stream data untouched', () => {
  const input = skiaLike();
  const normal = normalizeNodeIds(SkiaPdf.parse(input));
  assert.is(normal.length, input.length);
  const text = Buffer.from(normal).toString('latin1');
  assert.ok(text.includes('/ID (node00000002)>>') && text.includes('/ID (node00000001)>>'));
  assert.ok(text.includes('/Headers [(node00000002) (node00000001)]'));
  assert.ok(text.includes('/Names [(node00000001) 32 0 R (node00000002) 30 0 R]'), 'the name tree stays sorted');
  assert.ok(text.includes('stream\n(node00000042)\nendstream'), 'bytes inside a stream are not ids');
  // Ids counted from elsewhere (another renderer's node counter) give the same file.
  const shifted = Buffer.from(Buffer.from(input).toString('latin1').replaceAll('node0000478', 'node0009478').replaceAll('node0000479', 'node0009479'), 'latin1');
  assert.is(sha(rewriteInfo(shifted, FIELDS)), sha(rewriteInfo(input, FIELDS)));
});

test('outside the subset Skia writes: a clear PdfFormatError', () => {
  const good = skiaLike();
  const bad: Array<[string, Buffer]> = [
    ['empty', Buffer.alloc(0)],
    ['no startxref', good.subarray(0, good.lastIndexOf('startxref'))],
    ['no trailer', Buffer.from(Buffer.from(good).toString('latin1').replace(/trailer\n<<[^]*?>>/, ''), 'latin1')],
    ['startxref past the end', Buffer.from(Buffer.from(good).toString('latin1').replace(/startxref\n\d+/, 'startxref\n99999999'), 'latin1')],
    ['incremental update', Buffer.from(Buffer.from(good).toString('latin1').replace('/Info 1 0 R', '/Info 1 0 R\n/Prev 9'), 'latin1')],
    ['encrypted', Buffer.from(Buffer.from(good).toString('latin1').replace('/Info 1 0 R', '/Info 1 0 R\n/Encrypt 3 0 R'), 'latin1')],
    ['xref stream', handPdf([{ num: 1, body: '<</Type /Catalog>>' }], '/Size SIZE\n/Root 1 0 R').subarray(0)],
  ];
  // The last one: startxref pointing at an object (what an xref stream looks like).
  const xs = bad[bad.length - 1]![1];
  bad[bad.length - 1]![1] = Buffer.from(Buffer.from(xs).toString('latin1').replace(/startxref\n\d+/, 'startxref\n15'), 'latin1');
  for (const [name, bytes] of bad) assert.throws(() => SkiaPdf.parse(bytes), (e: unknown) => e instanceof PdfFormatError, name);
  // Every xref entry must point at its own object.
  const shifted = Buffer.from(Buffer.from(good).toString('latin1').replace(/0000000015 00000 n/, '0000000016 00000 n'), 'latin1');
  assert.throws(() => SkiaPdf.parse(shifted).object(1), (e: unknown) => e instanceof PdfFormatError);
});

// ─── the cache ────────────────────────────────────────────────────────────────────────────────────

test('cache: the key covers every input; entries unused for long and the least recently used beyond the limit go', async () => {
  const meta = { title: 't', author: 'a', subject: 's', keywords: ['k'], date: '2024-01-02' };
  const base = { html: Buffer.from('<p>x</p>'), assets: 'A', chromium: '156', printer: 'P', meta };
  const key = cacheKey(base);
  for (const changed of [{ html: Buffer.from('<p>y</p>') }, { assets: 'B' }, { chromium: '157' }, { printer: 'Q' }, { meta: { ...meta, date: null } }, { meta: { ...meta, keywords: ['k', 'l'] } }]) {
    assert.is.not(cacheKey({ ...base, ...changed }), key, JSON.stringify(changed));
  }

  const dir = join(tmp, 'prune');
  const cache = new PdfCache(dir, { maxAgeDays: 30, maxEntries: 2 });
  const info = { pages: 1, tocPages: { a: 1 }, blocked: [], pageSizes: [[595, 842]] as Array<[number, number]> };
  const keys = ['a', 'b', 'c', 'd'].map((k) => k.repeat(64));
  for (const k of keys) await cache.put(k, Buffer.from(k), info);
  const now = Date.now();
  const age = (k: string, days: number) => utimesSync(join(dir, `${k}.json`), (now - days * 86_400_000) / 1000, (now - days * 86_400_000) / 1000);
  age(keys[0]!, 40);
  age(keys[1]!, 3);
  age(keys[2]!, 2);
  age(keys[3]!, 1);
  // A PDF whose JSON never came (an interrupted entry): never used, removed once it is old.
  writeFileSync(join(dir, `${'e'.repeat(64)}.pdf`), 'half');
  utimesSync(join(dir, `${'e'.repeat(64)}.pdf`), (now - 7_200_000) / 1000, (now - 7_200_000) / 1000);
  assert.is(await cache.get('e'.repeat(64), join(tmp, 'e.pdf')), null);

  assert.equal(await cache.get(keys[1]!, join(tmp, 'b.pdf')), info, 'a hit gives what the print reported');
  assert.is(readFileSync(join(tmp, 'b.pdf'), 'latin1'), keys[1]);
  assert.is(await cache.prune(now), 2, 'a (too old) and c (least recently used of three) go');
  assert.equal(readdirSync(dir).sort(), [`${keys[1]}.json`, `${keys[1]}.pdf`, `${keys[3]}.json`, `${keys[3]}.pdf`]);
  assert.not.ok(existsSync(join(tmp, 'e.pdf')));

  // A size limit: the most recently used that fit stay.
  const bySize = new PdfCache(join(tmp, 'prune-bytes'), { maxBytes: 5 });
  for (const [i, k] of ['x', 'y', 'z'].entries()) {
    await bySize.put(k.repeat(64), Buffer.from('123'), info);
    utimesSync(join(tmp, 'prune-bytes', `${k.repeat(64)}.json`), (now - (3 - i) * 1000) / 1000, (now - (3 - i) * 1000) / 1000);
  }
  assert.is(await bySize.prune(now), 2);
  assert.equal(readdirSync(join(tmp, 'prune-bytes')).sort(), [`${'z'.repeat(64)}.json`, `${'z'.repeat(64)}.pdf`]);
});

// ─── real prints ──────────────────────────────────────────────────────────────────────────────────

const seedsDir = join(tmp, 'seeds');
let views: BookletView[] = [];
let pool: PrintPool | undefined;
const results = new Map<string, PrintResult>();
const jobOf = (v: BookletView): PrintJob => ({ ...printJob(seedsDir, summaryOf(v)), label: v.key });

test.before(async () => {
  const lib = loadLibrary(root);
  for (const path of listDataFiles(root)) {
    const checked = checkFile(root, path, lib);
    if (!checked.data || checked.findings.some((f) => f.severity === 'error')) continue;
    for (const kind of ['budget', 'final'] as const) {
      if (checked.data.documents[kind]) views.push((await buildBooklet(checked.data, kind, lib, { charts: true })).view);
    }
  }
  await writePrintFolder(root, seedsDir, loadSiteConfig(root), views);
  pool = await PrintPool.open({ root: seedsDir, size: 2 });
  const printed = await Promise.all(views.map((v) => pool!.print(jobOf(v))));
  for (const [i, r] of printed.entries()) results.set(views[i]!.key, r);
});

test.after(async () => {
  await pool?.close();
  await small?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const pdfPath = (v: BookletView) => join(seedsDir, v.paths.pdf);
const pageText = (path: string, n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', path, '-']).toString('utf8');
const squash = (s: string) => s.replace(/\s+/g, '');
/** Does the page's footer read "— n —" (pdftotext drops the spaces around the number)? */
const hasFooter = (text: string, n: number) => squash(text).includes(`—${n}—`);

test('seeds: well-formed, the metadata of the booklet, tagged, as many pages and bookmarks as the printer says', () => {
  assert.ok(views.length >= 4, `${views.length} seed booklets`);
  for (const v of views) {
    const bytes = readFileSync(pdfPath(v));
    const pdf = assertWellFormed(bytes, v.key);
    const r = results.get(v.key)!;
    const { info, stderr } = pdfinfo(bytes, 'seed.pdf');
    assert.is(stderr, '', `${v.key}: pdfinfo is silent`);
    assert.is(info.Title, v.title);
    assert.is(info.Author, v.unitName);
    assert.is(info.Creator, 'gongkai');
    assert.match(info.Producer ?? '', /^Skia\/PDF m\d+$/);
    assert.is(info.Tagged, 'yes');
    assert.is(Number(info.Pages), r.pages);
    if (v.publishedDate) assert.match(info.CreationDate ?? '', new RegExp(`^${v.publishedDate}T00:00:00\\+08`));
    else assert.is(info.CreationDate, undefined, `${v.key}: no date rather than the clock`);
    assert.is(pdf.pages().length, r.pages);
    assert.equal(r.pageSizes, pdf.pages().map((p) => [Math.round(p.width * 100) / 100, Math.round(p.height * 100) / 100]));
    assert.is(pdf.outline()[0]!.page, 1, 'the cover title is the first bookmark');
    assert.equal(Object.keys(r.tocPages).sort(), v.toc.filter((t) => !t.bookmarkOnly).map((t) => t.anchor).sort(), `${v.key}: a number for every 目录 entry`);
    const q = qpdfCheck(bytes, 'seed-q.pdf');
    if (q !== null) assert.is(q, '', `${v.key}: qpdf --check`);
  }
});

test('seeds: every 目录 number is the footer number of the page its heading is on, and the front matter is even', () => {
  const problems: string[] = [];
  for (const v of views) {
    const path = pdfPath(v);
    const r = results.get(v.key)!;
    const outline = SkiaPdf.parse(readFileSync(path)).outline();
    // The body starts on the page of the first part's heading; everything before is front matter.
    const firstPart = v.parts[0]!;
    const partItem = outline.find((o) => squash(o.title) === squash(`${firstPart.number} ${firstPart.title}`));
    if (!partItem) {
      problems.push(`${v.key}: no bookmark for ${firstPart.title}`);
      continue;
    }
    const F = partItem.page! - 1;
    if (F % 2) problems.push(`${v.key}: ${F} front-matter pages (odd)`);
    for (const entry of v.toc.filter((t) => !t.bookmarkOnly)) {
      const n = r.tocPages[entry.anchor]!;
      const text = pageText(path, F + n);
      if (!hasFooter(text, n)) problems.push(`${v.key}: page ${F + n} (目录 says ${n} for ${entry.text}) has no footer “— ${n} —”`);
      const title = squash(entry.heading ?? entry.text).slice(0, 12);
      if (!squash(text).includes(title)) problems.push(`${v.key}: ${entry.text} is not on page ${F + n}`);
    }
    const toc = squash(pageText(path, 2) + pageText(path, 3));
    const first = v.toc[0]!;
    if (!toc.includes(`${squash(first.text)}`)) problems.push(`${v.key}: the 目录 (pages 2–3) does not list ${first.text}`);
  }
  assert.equal(problems, []);
});

test('seeds: the predicted page numbers held (one print each)', () => {
  const again = views.filter((v) => results.get(v.key)!.prints !== 1).map((v) => `${v.key}: ${results.get(v.key)!.prints} prints${results.get(v.key)!.unpredicted ? `（${results.get(v.key)!.unpredicted}）` : ''}`);
  assert.equal(again, [], 'the multi-column measurement agrees with Chromium’s pagination');
});

test('seeds: printing again gives the same bytes (another page of the pool, other booklets in between)', async () => {
  for (const v of views.slice(0, 2)) {
    const before = sha(readFileSync(pdfPath(v)));
    const out = join(tmp, `again-${v.unitId}.pdf`);
    await pool!.print({ ...jobOf(v), outPath: out });
    assert.is(sha(readFileSync(out)), before, v.key);
  }
});

// ─── the printer's rules on small print documents ────────────────────────────────────────────────

const smallDir = join(tmp, 'small');
const SMALL_CSS = `
@page { size: A4; margin: 20mm; }
@page :right { @bottom-right { content: "— " counter(page, booklet-page) " —"; font-family: "Noto Serif SC"; } }
@page :left { @bottom-left { content: "— " counter(page, booklet-page) " —"; font-family: "Noto Serif SC"; } }
@page front { margin: 30mm; @bottom-right { content: none; } @bottom-left { content: none; } }
@page wide { size: A4 landscape; margin: 15mm; }
html { font-family: "Noto Serif SC"; font-size: 14pt; line-height: 1.8; }
body { margin: 0; }
h1, h2 { margin: 0 0 0.5em; font-family: "Noto Sans SC"; font-weight: 700; break-after: avoid; }
p { margin: 0 0 0.5em; }
.print-cover { page: front; }
.print-toc { page: front; break-before: page; }
.print-toc__page { display: inline-block; width: 3em; text-align: right; }
.print-pad[hidden] { display: none; }
.print-pad { page: front; display: block; break-before: page; height: 1px; }
.print-body { page: body; break-before: page; }
.part { break-before: page; }
.wide { page: wide; }
.too-wide { width: 900px; height: 4px; background: #000; }
`;

interface SmallDoc {
  /** Paragraphs of the cover (more makes it run onto a second page). */
  coverLines?: number;
  parts?: number;
  paragraphs?: number;
  extraHead?: string;
  beforeMain?: string;
  mainStart?: string;
  body?: string;
  pad?: boolean;
}

function smallDoc(name: string, o: SmallDoc = {}): string {
  const parts = o.parts ?? 3;
  const para = '<p>' + '预算公开文本示例，'.repeat(30) + '</p>';
  const toc = Array.from({ length: parts }, (_, i) => `<li>第${i + 1}部分 <span class="print-toc__page" data-toc-anchor="part-${i + 1}">000</span></li>`).join('');
  const body = Array.from({ length: parts }, (_, i) => `<section class="part${i === 1 ? ' wide' : ''}" id="part-${i + 1}"><h1>第${i + 1}部分</h1>${para.repeat(o.paragraphs ?? 6 + i * 3)}</section>`).join('');
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${name}</title>
<link rel="stylesheet" href="assets/fonts/fonts.css"><link rel="stylesheet" href="assets/small.css">${o.extraHead ?? ''}</head>
<body>
<section class="print-cover"><h1>${name}</h1>${'<p>封面</p>'.repeat(o.coverLines ?? 1)}</section>
<nav class="print-toc"><h2>目录</h2><ol>${toc}</ol></nav>
${o.pad === false ? '' : '<div class="print-pad" hidden></div>'}
${o.beforeMain ?? ''}<main class="print-body">${o.mainStart ?? ''}${o.body ?? body}</main>
</body></html>`;
  const path = join(smallDir, `${name}.html`);
  writeFileSync(path, html);
  return path;
}

let small: PrintPool | undefined;
const smallJob = (htmlPath: string, name: string): PrintJob => ({
  htmlPath,
  outPath: join(smallDir, `${name}.pdf`),
  label: name,
  meta: { title: name, author: '测试', subject: 'test', keywords: ['test'], date: '2024-01-02' },
});

test('small: front matter of one page (cover+目录 = 2) and of three (pad shown): body page 1 prints “— 1 —”', async () => {
  mkdirSync(join(smallDir, 'assets'), { recursive: true });
  await writeFonts(root, smallDir);
  writeFileSync(join(smallDir, 'assets/small.css'), SMALL_CSS);
  small = await PrintPool.open({ root: smallDir, cacheDir: join(tmp, 'cache'), size: 1 });
  for (const [name, coverLines] of [
    ['even', 1],
    ['odd', 40],
  ] as const) {
    const r = await small.print(smallJob(smallDoc(name, { coverLines }), name));
    const path = join(smallDir, `${name}.pdf`);
    const outline = SkiaPdf.parse(readFileSync(path)).outline();
    const part1 = outline.find((o) => o.title === '第1部分')!.page!;
    assert.is(part1, name === 'even' ? 3 : 5, `${name}: the body starts after an even number of pages`);
    assert.is(r.tocPages['part-1'], 1);
    assert.ok(hasFooter(pageText(path, part1), 1), `${name}: the first body page prints 1`);
    for (const [anchor, n] of Object.entries(r.tocPages)) assert.ok(hasFooter(pageText(path, part1 - 1 + n), n), `${name}: ${anchor} on body page ${n}`);
    // The landscape part is on landscape pages, and numbered in the same sequence.
    const wide = outline.find((o) => o.title === '第2部分')!.page!;
    assert.ok(r.pageSizes[wide - 1]![0] > r.pageSizes[wide - 1]![1], `${name}: part 2 is landscape`);
    assert.is(r.prints, 1, `${name}: predicted right`);
    assert.equal(r.blocked, [], `${name}: nothing refused (Chromium's own favicon request is not the document's)`);
  }
});

test('small: content wider than its page shrinks the whole booklet (Chromium), and the prediction knows it', async () => {
  const path = smallDoc('shrink', { mainStart: '<h1>开始</h1><div class="too-wide" id="too-wide"></div>', paragraphs: 12 });
  const r = await small!.print(smallJob(path, 'shrink'));
  assert.is(r.prints, 1, 'predicted right although every page is laid out larger');
  assert.is(r.shrink?.widest, '#too-wide');
  // A4 portrait with 20 mm margins is 643 px wide: 643/900.
  assert.ok(Math.abs(r.shrink!.factor - 643 / 900) < 0.01, `factor ${r.shrink?.factor}`);
  const pdfFile = join(smallDir, 'shrink.pdf');
  const start = SkiaPdf.parse(readFileSync(pdfFile)).outline().find((o) => o.title === '开始')!.page!;
  for (const [anchor, n] of Object.entries(r.tocPages)) assert.ok(hasFooter(pageText(pdfFile, start - 1 + n), n), `${anchor} on body page ${n}`);
});

test('small: the cache gives the same bytes without printing; a changed document is printed again', async () => {
  const path = smallDoc('cached');
  const first = await small!.print(smallJob(path, 'cached'));
  const bytes = sha(readFileSync(join(smallDir, 'cached.pdf')));
  const second = await small!.print(smallJob(path, 'cached'));
  assert.is(first.cached, false);
  assert.is(second.cached, true);
  assert.is(second.prints, 0);
  assert.equal(second.tocPages, first.tocPages);
  assert.is(sha(readFileSync(join(smallDir, 'cached.pdf'))), bytes);
  smallDoc('cached', { paragraphs: 2 });
  assert.is((await small!.print(smallJob(path, 'cached'))).cached, false);
});

test('small: requests outside the build folder are refused and listed, the PDF is still made', async () => {
  symlinkSync('/etc/hostname', join(smallDir, 'assets', 'escape.css'));
  const path = smallDoc('blocked', {
    extraHead: '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"><link rel="stylesheet" href="file:///etc/hostname"><link rel="stylesheet" href="assets/escape.css">',
    mainStart: '<h1>开始</h1><p><img src="https://example.invalid/x.png" alt="外部图片"><img src="../../../etc/x.png" alt="上级"></p>',
  });
  const r = await small!.print(smallJob(path, 'blocked'));
  const blocked = r.blocked.join('\n');
  assert.match(blocked, /127\.0\.0\.1:9\/x\.css/);
  assert.match(blocked, /example\.invalid/);
  // file:///etc/hostname: Chromium itself refuses a file: URL from an http: page, before any request.
  assert.match(blocked, /escape\.css/, 'a symlink out of the build folder is refused');
  assert.ok(r.pages > 3);
});

test('small: a font that does not load, a template mistake → PrintError in Chinese naming the booklet', async () => {
  writeFileSync(join(smallDir, 'assets/missing-font.css'), '@font-face { font-family: "Gone"; src: url("gone.woff2") format("woff2"); } h1 { font-family: "Gone"; }');
  const cases: Array<[string, string, RegExp]> = [
    [smallDoc('font', { extraHead: '<link rel="stylesheet" href="assets/missing-font.css">' }), 'font', /字体未能加载.*Gone|文件未能加载.*gone\.woff2/],
    [smallDoc('no-heading', { mainStart: '<p>正文之前的一段话。</p>' }), 'no-heading', /不是以标题开头/],
    [smallDoc('bad-anchor', { body: '<section id="part-1"><h1>第1部分</h1></section>' }), 'bad-anchor', /#part-2/],
    [smallDoc('no-pad', { coverLines: 40, pad: false }), 'no-pad', /奇数.*print-pad/],
  ];
  for (const [path, name, reason] of cases) {
    try {
      await small!.print(smallJob(path, name));
      assert.unreachable(`${name} should fail`);
    } catch (e) {
      assert.instance(e, PrintError, name);
      assert.is((e as PrintError).label, name);
      assert.match((e as PrintError).message, reason, `${name}: ${(e as Error).message}`);
      assert.match((e as PrintError).message, /[\u4e00-\u9fff]/);
    }
  }
});

test('small: a booklet that takes too long → PrintError (timeout), and the pool goes on', async () => {
  const slow = await PrintPool.open({ root: smallDir, size: 1, timeoutMs: 1 });
  try {
    await slow.print(smallJob(smallDoc('slow'), 'slow'));
    assert.unreachable('times out');
  } catch (e) {
    assert.instance(e, PrintError);
    assert.match((e as Error).message, /slow：打印超时/);
  } finally {
    await slow.close();
  }
  const r = await small!.print(smallJob(smallDoc('after'), 'after'));
  assert.ok(r.pages > 0);
  await small!.close();
});

test.run();
