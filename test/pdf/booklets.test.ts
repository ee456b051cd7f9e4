/**
 * The printed booklets (issue #4), read back with poppler (test/helpers/poppler.ts) and checked
 * against the view model they were printed from, for every entry of booklets.json (the four seeds
 * and the 示例): A4 pages, landscape exactly where a wide table is; the 目录 numbers against the
 * pages the headings really start on, and the bookmarks against the 目录; document information;
 * fonts; every amount; page numbers; no missing glyphs; byte-identical prints; hostile text printed
 * literally with nothing fetched; a failed print leaves the published folder as it was; the
 * one-booklet command prints the same bytes as the build.
 *
 * One build with PDFs (test.before) serves every check; only the determinism, hostile, failure and
 * print-command checks print again. Each check collects every problem of every booklet, so a
 * failure lists them all (booklet, page, expected, found).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildSite, type BuildResult } from '../../scripts/lib/site/build-site.ts';
import { writeFonts } from '../../scripts/lib/site/fonts.ts';
import { PrintPool } from '../../scripts/lib/pdf/browser.ts';
import { checkFile } from '../../scripts/lib/check/check.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import type { BookletView, TocEntry } from '../../scripts/lib/booklet/model.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { requiredAmounts } from '../helpers/amounts.ts';
import { hostileCopy, HOSTILE } from '../helpers/hostile.ts';
import {
  a4Orientation,
  blobs,
  findTofu,
  flatOutline,
  layoutTexts,
  lines,
  outline,
  pageSizes,
  pageTexts,
  pdfFonts,
  pdfInfo,
  rasterise,
  squash,
  textBoxes,
  type Blob,
  type BoxPage,
  type PageSize,
  type TextLine,
} from '../helpers/poppler.ts';
import { bundledDocuments, SEED_DOCUMENTS } from '../helpers/bundled.ts';

/** The entries the 目录 prints (a bookmarkOnly heading is a bookmark but not listed). */
const listed = (toc: TocEntry[]) => toc.filter((e) => !e.bookmarkOnly);
import { sitePaths } from '../site/serve.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-pdf-'));
const out = join(tmp, 'site');
const cacheA = join(tmp, 'cache-a');

/** A font of ours as the PDF names it: subset tag, then the family without spaces. */
const OUR_FONT = /^[A-Z]{6}\+(NotoSansSC|NotoSerifSC|LXGWWenKai)/;

interface Entry {
  unit: string;
  unitId: string;
  year: number;
  kind: DocumentKind;
  title: string;
  publishedDate: string | null;
  html: string;
  pdf: string;
  data: string;
}

interface Printed {
  entry: Entry;
  /** "sixian-ybj/2024-budget.pdf", for messages. */
  label: string;
  /** Absolute path of the PDF. */
  pdf: string;
  data: UnitYearFile;
  view: BookletView;
  /** pdftotext, one per page (index 0 = page 1). */
  texts: string[];
  /** pdftotext -layout: rows top to bottom. */
  laid: string[];
  boxes: BoxPage[];
  sizes: PageSize[];
  /** Pages before body page 1 (cover, 目录, pad): body page N is physical page front + N. */
  front: number;
  /** Physical page where each toc entry's heading first shows as a heading on a body page. */
  headingPage: Map<string, number>;
  /** The number the 目录 prints for each entry, by anchor. */
  tocNumber: Map<string, number>;
  /** What did not parse in the 目录. */
  tocProblems: string[];
}

let result: BuildResult;
let booklets: Printed[] = [];

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every file of a folder with its sha256. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(sitePaths(dir).map((f) => [f, sha(join(dir, f))]));
}

/**
 * Whether a heading shows on a page as a heading: a run of whole lines of the page's text that,
 * white space removed, is exactly the heading (a long heading wraps over several lines; a heading
 * quoted inside a sentence is not a run of whole lines).
 */
function hasHeading(text: string, heading: string): boolean {
  const target = squash(heading);
  const ls = lines(text).map(squash);
  for (let i = 0; i < ls.length; i++) {
    let acc = '';
    for (let j = i; j < ls.length; j++) {
      acc += ls[j];
      if (acc === target) return true;
      if (!target.startsWith(acc)) break;
    }
  }
  return false;
}

/** The page number line: the lowest line of the page. */
function lowestLine(page: BoxPage): TextLine | undefined {
  return [...page.lines].sort((a, b) => b.yMax - a.yMax)[0];
}

const FOOTER = /^—\d+—$/;
/** Dot leaders, should a style print them as text (ours draws them). */
const LEADER = /^[.·…‥・]+/;

/**
 * The 目录 entries in order, each "text …… N": the text of the 目录 pages with white space removed
 * must read heading "目录", then each entry's text followed by its number (the dot leaders are
 * drawn, not text; dots are allowed if a future style prints them), and nothing else.
 */
function parseToc(tocText: string, toc: TocEntry[]): { numbers: Map<string, number>; problems: string[] } {
  const numbers = new Map<string, number>();
  const problems: string[] = [];
  let rest = squash(tocText);
  if (!rest.startsWith('目录')) problems.push(`目录页不以“目录”开头：${rest.slice(0, 40)}`);
  else rest = rest.slice(2);
  for (const [k, entry] of toc.entries()) {
    const text = squash(entry.text);
    const at = rest.indexOf(text);
    if (at < 0) {
      problems.push(`目录中没有第 ${k + 1} 条“${entry.text}”`);
      continue;
    }
    if (at > 0) problems.push(`目录中“${entry.text}”之前有多余的文字：${rest.slice(0, at)}`);
    rest = rest.slice(at + text.length).replace(LEADER, '');
    const digits = /^\d+/.exec(rest)?.[0];
    if (!digits) {
      problems.push(`目录“${entry.text}”后没有页码：${rest.slice(0, 20)}`);
      continue;
    }
    // The number runs into the next entry's text: no entry starts with a digit, but to be sure,
    // take the longest number after which the next entry follows.
    const next = toc[k + 1] ? squash(toc[k + 1]!.text) : undefined;
    const fits = (n: number) => next === undefined || rest.slice(n).replace(LEADER, '').startsWith(next);
    let len = digits.length;
    while (len > 1 && !fits(len)) len--;
    if (!fits(len)) len = digits.length;
    numbers.set(entry.anchor, Number(digits.slice(0, len)));
    rest = rest.slice(len).replace(LEADER, '');
  }
  if (rest.length) problems.push(`目录最后有多余的文字：${rest.slice(0, 60)}`);
  return { numbers, problems };
}

async function readBooklet(entry: Entry, lib: ReturnType<typeof loadLibrary>): Promise<Printed> {
  const checked = checkFile(root, join(root, 'data', entry.data), lib);
  const data = checked.data!;
  const view = (await buildBooklet(data, entry.kind, lib, { charts: false })).view;
  const pdf = join(out, entry.pdf);
  const texts = pageTexts(pdf);
  const laid = layoutTexts(pdf);
  const boxes = textBoxes(pdf);
  const sizes = pageSizes(pdf);
  // Body page 1 is the first page whose number line reads — 1 —; without page numbers, the page of
  // the first part's heading stands in (the footer check reports the missing numbers).
  let front = boxes.findIndex((p) => squash(lowestLine(p)?.text ?? '') === '—1—');
  if (front < 0) front = Math.max(0, texts.findIndex((t) => hasHeading(t, view.toc[0]!.text)));
  const headingPage = new Map<string, number>();
  for (const e of view.toc) {
    const i = texts.findIndex((t, p) => p >= front && hasHeading(t, e.heading ?? e.text));
    if (i >= 0) headingPage.set(e.anchor, i + 1);
  }
  // Layout mode: lines top to bottom. In reading order poppler may gather the number column of
  // wrapped entries into one block ("1415" for 14 and 15).
  const { numbers, problems } = parseToc(laid.slice(1, front).join('\n'), listed(view.toc));
  return { entry, label: entry.pdf, pdf, data, view, texts, laid, boxes, sizes, front, headingPage, tocNumber: numbers, tocProblems: problems };
}

/** Why the shared build could not be read (uvu does not report a failing before-hook's error). */
let setupError: string | undefined;

test.before(async () => {
  try {
    result = await buildSite({ root, outDir: out, threads: 1, pdf: true, pdfCacheDir: cacheA, manifestPath: join(tmp, 'manifest-a.json'), incremental: false });
    if (!result.ok) throw new Error(`构建失败：${result.failure}`);
    const entries = JSON.parse(readFileSync(join(out, 'booklets.json'), 'utf8')) as Entry[];
    const lib = loadLibrary(root);
    for (const e of entries) booklets.push(await readBooklet(e, lib));
  } catch (e) {
    setupError = e instanceof Error ? e.message : String(e);
  }
});

/** Every test starts here: the shared build must have worked (the first failing test says why). */
let told = false;
function built(): void {
  if (!setupError) return;
  const why = told ? '共用的构建失败（原因见上一个失败的测试）' : setupError;
  told = true;
  assert.unreachable(why);
}

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test('the build prints one PDF per booklet of booklets.json (every document of data/, the seeds among them)', () => {
  built();
  const keys = booklets.map((b) => b.view.key).sort();
  assert.equal(keys, bundledDocuments(root));
  for (const seed of SEED_DOCUMENTS) assert.ok(keys.includes(seed), seed);
  assert.is(result.printed, booklets.length);
  assert.is(result.printCached, 0, 'a fresh cache prints every booklet');
  for (const b of booklets) {
    assert.ok(existsSync(b.pdf), b.label);
    assert.is(b.entry.pdf, b.view.paths.pdf);
    assert.ok(b.texts.length >= 10, `${b.label}: ${b.texts.length} pages`);
  }
  assert.not.ok(sitePaths(out).some((f) => f.startsWith('.print/')), 'the print documents are not published');
});

// ─── 1. pages ─────────────────────────────────────────────────────────────────────────────────────

/** Physical pages a toc entry spans: from its heading's page to the page before the next heading's (at least its own). */
function extent(b: Printed, anchor: string): [number, number] | undefined {
  const k = b.view.toc.findIndex((e) => e.anchor === anchor);
  const start = b.headingPage.get(anchor);
  if (start === undefined) return undefined;
  const next = b.view.toc.slice(k + 1).map((e) => b.headingPage.get(e.anchor)).find((p): p is number => p !== undefined && p > start);
  return [start, next === undefined ? b.texts.length : next - 1];
}

test('nothing is wider than its page: no booklet is shrunk to fit (its type would print smaller than set)', () => {
  built();
  assert.equal(result.shrunk, []);
  assert.is(result.printed, booklets.length, 'every booklet printed, none from a cache');
});

test('1 every page is A4, portrait, except the pages of wide tables (and their continuations), landscape', () => {
  built();
  const problems: string[] = [];
  // Counted on the seeds only: a unit a user adds may have wide tables of its own.
  let wideTables = 0;
  let widePages = 0;
  for (const b of booklets) {
    const landscape = new Map<number, string>();
    const seed = SEED_DOCUMENTS.includes(b.view.key);
    for (const t of b.view.tables.filter((x) => x.wide)) {
      if (seed) wideTables++;
      const span = extent(b, t.anchor);
      if (!span) {
        problems.push(`${b.label}：宽表“${t.title}”的标题不在任何正文页上`);
        continue;
      }
      for (let p = span[0]; p <= span[1]; p++) landscape.set(p, t.title);
    }
    if (seed) widePages += landscape.size;
    for (const s of b.sizes) {
      const want = landscape.has(s.page) ? 'landscape' : 'portrait';
      const found = a4Orientation(s) ?? 'not A4';
      if (found !== want) {
        const what = landscape.get(s.page) ?? (s.page <= b.front ? '封面/目录' : `正文第 ${s.page - b.front} 页`);
        problems.push(`${b.label} 第 ${s.page} 页（${what}）：应为 A4 ${want}，实际 ${s.width}×${s.height} pt ${found}`);
      }
    }
  }
  assert.equal(problems, []);
  assert.is(wideTables, 9, 'the seeds have 9 wide tables');
  assert.ok(widePages >= 9, `${widePages} landscape pages`);
});

// ─── 2. 目录 ──────────────────────────────────────────────────────────────────────────────────────

test('2 front matter: cover, 目录 (and a pad page), no page numbers; the body starts on an odd page', () => {
  built();
  const problems: string[] = [];
  for (const b of booklets) {
    const cover = squash(b.texts[0] ?? '');
    if (!cover.includes(squash(b.view.unitName)) || !cover.includes(squash(b.view.coverTitle))) problems.push(`${b.label} 第 1 页不是封面：${cover.slice(0, 60)}`);
    if (b.front < 2) problems.push(`${b.label}：正文前只有 ${b.front} 页（应有封面和目录）`);
    if (b.front % 2 !== 0) problems.push(`${b.label}：正文前有 ${b.front} 页，正文第 1 页不在单数页上`);
    if (!squash(b.texts[1] ?? '').startsWith('目录')) problems.push(`${b.label} 第 2 页不是目录`);
    for (let p = 2; p <= b.front; p++) {
      const text = squash(b.texts[p - 1]!);
      const tocPage = p === 2 || b.view.toc.some((e) => text.includes(squash(e.text)));
      if (!tocPage && text !== '') problems.push(`${b.label} 第 ${p} 页在正文前，既不是目录页也不是空白页：${text.slice(0, 40)}`);
    }
    b.tocProblems.forEach((x) => problems.push(`${b.label}：${x}`));
  }
  assert.equal(problems, []);
});

test('2 every 目录 entry, in order, with the body page its heading starts on (and not earlier)', () => {
  built();
  const problems: string[] = [];
  let entries = 0;
  for (const b of booklets) {
    for (const e of listed(b.view.toc)) {
      const n = b.tocNumber.get(e.anchor);
      if (n === undefined) continue; // reported with the 目录's own problems
      entries++;
      const page = b.headingPage.get(e.anchor);
      if (page === undefined) problems.push(`${b.label} “${e.text}”：目录印 ${n}，但正文中找不到这个标题`);
      else if (page !== b.front + n) problems.push(`${b.label} “${e.text}”：目录印 ${n}，标题实际在正文第 ${page - b.front} 页（第 ${page} 页）`);
    }
    if (b.tocNumber.size !== listed(b.view.toc).length) problems.push(`${b.label}：目录读出 ${b.tocNumber.size} 条，应有 ${listed(b.view.toc).length} 条`);
  }
  assert.equal(problems, []);
  assert.is(entries, booklets.reduce((n, b) => n + listed(b.view.toc).length, 0));
});

// ─── 3. bookmarks ─────────────────────────────────────────────────────────────────────────────────

test('3 every part, section and table is a bookmark, at its level, to the page the 目录 gives', () => {
  built();
  const problems: string[] = [];
  for (const b of booklets) {
    const marks = flatOutline(outline(b.pdf));
    if (!marks.length) problems.push(`${b.label}：没有书签`);
    let cursor = 0;
    for (const e of b.view.toc) {
      const j = marks.findIndex((m, i) => i >= cursor && squash(m.title) === squash(e.heading ?? e.text));
      if (j < 0) {
        problems.push(`${b.label}：没有书签“${e.text}”（或顺序不对）`);
        continue;
      }
      cursor = j + 1;
      const m = marks[j]!;
      if (e.bookmarkOnly) {
        // Not in the 目录 (below its part's tocDepth; each project repeats the same headings): the
        // bookmark goes to a page that shows its heading, not before the previous bookmark's page.
        const previous = j > 0 ? marks[j - 1]!.page : 1;
        if (m.page < previous || !hasHeading(b.texts[m.page - 1] ?? '', e.heading ?? e.text)) problems.push(`${b.label} 书签“${e.text}”（目录不列）指向第 ${m.page} 页，该页没有这个标题`);
      } else {
        const n = b.tocNumber.get(e.anchor);
        if (n === undefined || m.page !== b.front + n) problems.push(`${b.label} 书签“${e.text}”指向第 ${m.page} 页，目录印 ${n}（第 ${n === undefined ? '?' : b.front + n} 页）`);
      }
      if (m.depth !== e.level) problems.push(`${b.label} 书签“${e.text}”在第 ${m.depth} 层，应在第 ${e.level} 层`);
    }
  }
  assert.equal(problems, []);
});

// ─── 4. document information ──────────────────────────────────────────────────────────────────────

/** The calendar date in China (UTC+8) of an ISO date-time as pdfinfo -isodates prints it. */
function chinaDate(iso: string): string | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(Z|[+-]\d\d(?::?\d\d)?)?$/.exec(iso);
  if (!m) return undefined;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : m[7].length === 3 ? `${m[7]}:00` : m[7].replace(/(\d\d)(\d\d)$/, '$1:$2');
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

test('4 document information: tagged, title, author, subject, keywords, dates of publication', () => {
  built();
  const problems: string[] = [];
  for (const b of booklets) {
    const info = pdfInfo(b.pdf);
    const expect = (key: string, want: string) => {
      if (info[key] !== want) problems.push(`${b.label} ${key}：应为“${want}”，实际“${info[key] ?? '（无）'}”`);
    };
    expect('Tagged', 'yes');
    expect('Title', b.entry.title);
    expect('Author', b.entry.unit);
    if (!info.Subject) problems.push(`${b.label}：没有 Subject`);
    if (!info.Keywords) problems.push(`${b.label}：没有 Keywords`);
    for (const key of ['CreationDate', 'ModDate']) {
      const value = info[key];
      if (b.entry.publishedDate) {
        const date = value ? chinaDate(value) : undefined;
        if (date !== b.entry.publishedDate) problems.push(`${b.label} ${key}：应为公开日期 ${b.entry.publishedDate}，实际 ${value ?? '（无）'}`);
      } else if (value !== undefined) {
        // No publication date in the data: no date at all, rather than the clock's.
        problems.push(`${b.label} ${key}：数据没有公开日期，PDF 却有日期 ${value}`);
      }
    }
  }
  assert.equal(problems, []);
  assert.ok(booklets.filter((b) => b.entry.publishedDate).length >= 3, 'most seeds have a publication date');
});

// ─── 5. fonts ─────────────────────────────────────────────────────────────────────────────────────

test('5 fonts: only ours, each embedded, subset, with a Unicode map, none Type 3', () => {
  built();
  const problems: string[] = [];
  for (const b of booklets) {
    const fonts = pdfFonts(b.pdf);
    if (!fonts.length) problems.push(`${b.label}：没有字体`);
    for (const f of fonts) {
      const bad = [
        !OUR_FONT.test(f.name) && 'not one of ours',
        f.type === 'Type 3' && 'Type 3',
        !f.emb && 'not embedded',
        !f.sub && 'not subset',
        !f.uni && 'no Unicode map',
      ].filter(Boolean);
      if (bad.length) problems.push(`${b.label} ${f.name}（${f.type}）：${bad.join(', ')}`);
    }
  }
  assert.equal([...new Set(problems)], []);
});

// ─── 6. amounts ───────────────────────────────────────────────────────────────────────────────────

test('6 every amount of every table is in the PDF text', () => {
  built();
  const missing: string[] = [];
  let checked = 0;
  for (const b of booklets) {
    const text = squash(b.texts.join(''));
    for (const a of requiredAmounts(loadLibrary(root), b.data, b.entry.kind)) {
      checked++;
      if (!a.printed.some((p) => text.includes(p))) missing.push(`${b.label} ${a.pointer} = ${a.value}（应印为 ${a.printed[0]}）`);
    }
  }
  assert.equal(missing, []);
  assert.ok(checked > 300, `checked ${checked} amounts`);
});

// ─── 7. page numbers ──────────────────────────────────────────────────────────────────────────────

test('7 body page i ends with "— i —", right of centre on odd pages, left on even; none before the body', () => {
  built();
  const problems: string[] = [];
  for (const b of booklets) {
    b.boxes.forEach((page, index) => {
      const p = index + 1;
      const textLines = lines(b.laid[index] ?? '');
      if (p <= b.front) {
        if (page.lines.some((l) => FOOTER.test(squash(l.text))) || textLines.some((l) => FOOTER.test(squash(l)))) problems.push(`${b.label} 第 ${p} 页（正文前）印有页码`);
        return;
      }
      const i = p - b.front;
      const want = `— ${i} —`;
      const last = textLines[textLines.length - 1] ?? '';
      if (squash(last) !== squash(want)) problems.push(`${b.label} 第 ${p} 页：最后一行应为“${want}”，实际“${last}”`);
      const low = lowestLine(page);
      if (!low || low.text.replace(/\s+/g, ' ') !== want) {
        problems.push(`${b.label} 第 ${p} 页：最下面一行应为“${want}”，实际“${low?.text ?? '（无）'}”`);
        return;
      }
      const centre = (low.xMin + low.xMax) / 2;
      const side = centre > page.width / 2 ? 'right' : 'left';
      if (side !== (i % 2 ? 'right' : 'left')) problems.push(`${b.label} 第 ${p} 页（正文第 ${i} 页）：页码在${side === 'right' ? '右' : '左'}侧（x ${low.xMin.toFixed(0)}–${low.xMax.toFixed(0)}，页宽 ${page.width.toFixed(0)}）`);
    });
  }
  assert.equal(problems, []);
});

// ─── 8. determinism ───────────────────────────────────────────────────────────────────────────────

test('8 deterministic: a second print with a fresh cache is byte-identical, and a repeated build gives the same PDFs from the cache', async () => {
  built();
  const again = join(tmp, 'site-again');
  const r = await buildSite({ root, outDir: again, threads: 1, pdf: true, pdfCacheDir: join(tmp, 'cache-b'), manifestPath: join(tmp, 'manifest-b.json'), incremental: false });
  assert.ok(r.ok, `构建失败：${r.failure}`);
  assert.is(r.printCached, 0, 'printed afresh');
  const differ = booklets.filter((b) => sha(join(again, b.entry.pdf)) !== sha(b.pdf)).map((b) => b.label);
  assert.equal(differ, [], 'PDFs that differ between two fresh prints');

  const cached = join(tmp, 'site-cached');
  const c = await buildSite({ root, outDir: cached, threads: 1, pdf: true, pdfCacheDir: cacheA, manifestPath: join(tmp, 'manifest-c.json'), incremental: false });
  assert.ok(c.ok, `构建失败：${c.failure}`);
  assert.is(c.printed, booklets.length);
  assert.is(c.printCached, booklets.length, 'the same print documents are found in the cache');
  assert.equal(booklets.map((b) => sha(join(cached, b.entry.pdf))), booklets.map((b) => sha(b.pdf)));
  rmSync(again, { recursive: true, force: true });
  rmSync(cached, { recursive: true, force: true });
});

// ─── 9. missing glyphs ────────────────────────────────────────────────────────────────────────────

test('9 no missing-glyph boxes on the cover and a table page; the detector finds them in a control print', async () => {
  built();
  // The control (test/fixtures/pdf/tofu-control.html), printed by the same pool with the same fonts:
  // page 1 is nothing but missing glyphs (12 of them), so its ink blobs teach what a missing glyph
  // looks like in this Chromium with these fonts; page 2 is real CJK text rich in box-like glyphs
  // (口 回 国 田 …), page 3 two missing glyphs among real text. The detector must tell them apart
  // before its verdict on the booklets means anything.
  const controlRoot = join(tmp, 'control');
  mkdirSync(controlRoot, { recursive: true });
  await writeFonts(root, controlRoot);
  for (const f of ['tofu-control.html', 'tofu-control.css']) copyFileSync(join(root, 'test/fixtures/pdf', f), join(controlRoot, f));
  const control = join(controlRoot, 'tofu-control.pdf');
  const pool = await PrintPool.open({ root: controlRoot, cacheDir: join(tmp, 'cache-control') });
  try {
    await pool.print({ htmlPath: join(controlRoot, 'tofu-control.html'), outPath: control, label: '缺字对照', meta: { title: '缺字对照', author: 'gongkai', subject: 'test', keywords: ['test'], date: null } });
  } finally {
    await pool.close();
  }
  const tofu: Blob[] = blobs(rasterise(control, 1));
  assert.is(tofu.length, 12, 'each missing glyph of the control is one box');
  assert.is(findTofu(rasterise(control, 1), tofu).length, 12);
  assert.equal(findTofu(rasterise(control, 2), tofu), [], 'real glyphs are not taken for missing ones');
  assert.is(findTofu(rasterise(control, 3), tofu).length, 2, 'missing glyphs among real text are found');

  const problems: string[] = [];
  for (const b of booklets) {
    const firstTable = b.view.tables.find((t) => t.wide) ?? b.view.tables[0]!;
    const tablePage = b.headingPage.get(firstTable.anchor);
    if (tablePage === undefined) problems.push(`${b.label}：找不到表“${firstTable.title}”所在的页`);
    for (const p of [1, ...(tablePage ? [tablePage] : [])]) {
      const found = findTofu(rasterise(b.pdf, p), tofu);
      if (found.length) problems.push(`${b.label} 第 ${p} 页有 ${found.length} 个缺字方框，第一个在 (${found[0]!.xMin}, ${found[0]!.yMin}) px（100 dpi）`);
      // A glyph from a fallback system font would show as another font name or Type 3.
      for (const f of pdfFonts(b.pdf, p)) if (!OUR_FONT.test(f.name) || f.type === 'Type 3') problems.push(`${b.label} 第 ${p} 页用了字体 ${f.name}（${f.type}）`);
    }
  }
  assert.equal(problems, []);
});

// ─── 10. hostile data ─────────────────────────────────────────────────────────────────────────────

test('10 hostile text: printed literally, and nothing is fetched from anywhere', async () => {
  built();
  // A server that counts requests: the hostile text also points markup, CSS and a Markdown image at it.
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    res.end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  const bait = ` <img src="http://127.0.0.1:${port}/img"><link rel="stylesheet" href="http://127.0.0.1:${port}/css">![图](http://127.0.0.1:${port}/md.png)`;
  try {
    const { data, replaced } = hostileCopy(root, 'data/sixian-ybj/2024.json');
    assert.ok(replaced > 200, `${replaced} fields replaced`);
    const text = JSON.stringify(data).replaceAll(JSON.stringify(HOSTILE).slice(1, -1), JSON.stringify(HOSTILE + bait).slice(1, -1));
    const doc = JSON.parse(text) as UnitYearFile;
    doc.unit.id = 'hostile-budget';
    const dir = join(tmp, 'hostile-data', 'hostile-budget');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '2024.json'), JSON.stringify(doc, null, 2));
    const hostileOut = join(tmp, 'hostile-site');
    const r = await buildSite({ root, outDir: hostileOut, dataPaths: [join(dir, '2024.json')], threads: 1, pdf: true, pdfCacheDir: join(tmp, 'cache-hostile'), manifestPath: join(tmp, 'manifest-hostile.json'), incremental: false });
    assert.ok(r.ok, `构建失败：${r.failure}\n${r.findings.filter((f) => f.severity === 'error').map((f) => f.message).join('\n')}`);
    assert.is(r.printed, 1);
    const pdfText = squash(pageTexts(join(hostileOut, 'hostile-budget/2024-budget.pdf')).join(''));
    for (const literal of ['<script>alert(1)</script>', '"><imgsrc=xonerror=alert(1)>', '[点我](javascript:alert(1))', '{{7*7}}', '{%raw%}{%endraw%}{{site}}', `<imgsrc="http://127.0.0.1:${port}/img">`]) {
      assert.ok(pdfText.includes(literal), `the PDF shows ${literal} as text`);
    }
    assert.not.ok(pdfText.includes('[objectObject]'), '{{ site }} not evaluated');
    assert.is(requests, 0, 'no request reached the outside server');
    assert.equal(r.blocked, [], 'no request even tried to leave the build folder');
  } finally {
    server.close();
  }
});

// ─── 11. a failed print ───────────────────────────────────────────────────────────────────────────

test('11 Chromium missing or failing: the build fails with a Chinese reason, the published folder is untouched', async () => {
  built();
  const before = snapshot(out);
  const wrapper = join(tmp, 'chromium-fails.sh');
  writeFileSync(wrapper, '#!/bin/sh\necho "chromium: simulated failure" >&2\nexit 1\n', { mode: 0o755 });
  const saved = process.env.GONGKAI_CHROMIUM;
  try {
    for (const [chromium, reason] of [
      [join(tmp, 'no-such-chromium'), /no-such-chromium|找不到|不存在/],
      [wrapper, /chromium-fails\.sh|启动|退出|失败/],
    ] as const) {
      process.env.GONGKAI_CHROMIUM = chromium;
      // A fresh cache: every booklet must really be printed.
      const r = await buildSite({ root, outDir: out, threads: 1, pdf: true, pdfCacheDir: join(tmp, `cache-fail-${relative(tmp, chromium)}`), manifestPath: join(tmp, 'manifest-a.json'), incremental: false });
      assert.not.ok(r.ok, `${chromium}: the build fails`);
      assert.match(r.failure ?? '', /[\u4e00-\u9fff]/, 'the reason is in Chinese');
      assert.match(r.failure ?? '', reason, `the reason names the cause: ${r.failure}`);
      assert.equal(snapshot(out), before, 'the published folder is byte-identical');
      assert.not.ok(existsSync(`${out}.staging`), 'no staging folder left');
    }
  } finally {
    if (saved === undefined) delete process.env.GONGKAI_CHROMIUM;
    else process.env.GONGKAI_CHROMIUM = saved;
  }
});

// ─── 12. the one-booklet command ──────────────────────────────────────────────────────────────────

test('12 npm run print -- <data file> --kind … --out X.pdf prints the same bytes as the build', () => {
  built();
  // The command keeps its cache in <project>/.cache/pdf: run it from a copy of the project (the
  // node_modules linked), so it prints afresh and leaves the repository's cache alone.
  const project = join(tmp, 'project');
  for (const f of ['scripts', 'templates', 'styles', 'data', '.eleventy.js', 'package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(root, f), join(project, f), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
  const b = booklets.find((x) => x.view.key === 'sixian-ybj/2024/budget')!;
  const target = join(tmp, 'one.pdf');
  execFileSync('npm', ['run', '--silent', 'print', '--', `data/${b.entry.data}`, '--kind', b.entry.kind, '--out', target], { cwd: project, stdio: 'pipe' });
  assert.ok(existsSync(target), 'the PDF is written where --out says');
  assert.is(sha(target), sha(b.pdf), 'the same bytes as the build\'s sixian-ybj/2024-budget.pdf');
});

test.run();
