/**
 * The poppler helpers (test/helpers/poppler.ts) against PDFs whose every fact is known by design:
 * test/fixtures/pdf/sample.html (cover, portrait and landscape pages, footers left and right,
 * bookmarks) and tofu-control.html (missing glyphs beside real CJK text), printed here with
 * Chromium directly and the site's own fonts — not with the code the PDF tests check.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import puppeteer from 'puppeteer-core';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFonts } from '../../scripts/lib/site/fonts.ts';
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
} from '../helpers/poppler.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-poppler-'));
const sample = join(tmp, 'sample.pdf');
const control = join(tmp, 'tofu-control.pdf');
const OUR_FONT = /^[A-Z]{6}\+(NotoSansSC|NotoSerifSC|LXGWWenKai)/;

test.before(async () => {
  await writeFonts(root, tmp);
  copyFileSync(join(root, 'test/fixtures/pdf/tofu-control.css'), join(tmp, 'tofu-control.css'));
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    for (const [name, pdf] of [['sample.html', sample], ['tofu-control.html', control]] as const) {
      copyFileSync(join(root, 'test/fixtures/pdf', name), join(tmp, name));
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(tmp, name)).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      await page.pdf({ path: pdf, outline: true, tagged: true, preferCSSPageSize: true });
      await page.close();
    }
  } finally {
    await browser.close();
  }
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test('pdfinfo: title, tagging, page count; page sizes and orientation', () => {
  const info = pdfInfo(sample);
  assert.is(info.Title, '样本公开册');
  assert.is(info.Tagged, 'yes');
  assert.is(info.Pages, '4');
  assert.match(info.CreationDate ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  const sizes = pageSizes(sample);
  assert.equal(sizes.map((s) => s.page), [1, 2, 3, 4]);
  assert.equal(sizes.map(a4Orientation), ['portrait', 'portrait', 'landscape', 'portrait']);
  assert.is(a4Orientation({ width: 612, height: 792 }), undefined, 'US Letter is not A4');
});

test('pdftotext: one text per page, lines, white space removed', () => {
  const texts = pageTexts(sample);
  assert.is(texts.length, 4);
  assert.equal(lines(texts[0]!), ['样本市样本局2024年度部门预算']);
  assert.equal(lines(texts[1]!), ['第一部分 部门概况', '一、主要职责', '本页正文，金额 1,234.56 万元。', '—2—']);
  // pdftotext leaves out the spaces around the page number that -bbox-layout keeps as word gaps.
  assert.ok(squash(texts[2]!).includes('科目1,760.002,345.67'));
  assert.is(squash('第一部分\u3000部门 概况\n\u00a0一、'), '第一部分部门概况一、');
  // Laid out as printed: rows top to bottom, the page number last (its spaces as the gaps come out).
  const laid = layoutTexts(sample);
  assert.is(laid.length, 4);
  assert.equal(lines(laid[2]!).map(squash), ['表1样本收支总表', '科目1,760.002,345.67', '—3—']);
});

test('pdftotext -bbox-layout: the footer is the lowest line, left on even pages and right on odd ones', () => {
  const pages = textBoxes(sample);
  assert.is(pages.length, 4);
  assert.is(Math.round(pages[2]!.width), 842, 'the landscape page is wide');
  assert.not.ok(pages[0]!.lines.some((l) => /—/.test(l.text)), 'no footer on the cover');
  for (const [i, side] of [[1, 'left'], [2, 'right'], [3, 'left']] as const) {
    const page = pages[i]!;
    const lowest = [...page.lines].sort((a, b) => b.yMax - a.yMax)[0]!;
    assert.is(lowest.text, `— ${i + 1} —`);
    assert.equal(lowest.words.map((w) => w.text), ['—', String(i + 1), '—']);
    const centre = (lowest.xMin + lowest.xMax) / 2;
    assert.is(centre < page.width / 2 ? 'left' : 'right', side, `page ${i + 1}`);
    assert.ok(lowest.yMax > page.height - 72, 'in the bottom margin');
  }
});

test('pdftohtml -xml: the outline tree with the pages the bookmarks go to', () => {
  assert.equal(outline(sample), [
    {
      title: '第一部分 部门概况',
      page: 2,
      children: [
        { title: '一、主要职责', page: 2, children: [] },
        { title: '表1 样本收支总表', page: 3, children: [] },
      ],
    },
    { title: '第二部分 情况说明', page: 4, children: [] },
  ]);
  assert.equal(
    flatOutline(outline(sample)).map((b) => [b.depth, b.page]),
    [[1, 2], [2, 2], [2, 3], [1, 4]],
  );
});

test('pdffonts: the site fonts embedded as subset CID TrueType with a Unicode map; a synthetic fallback is Type 3', () => {
  const fonts = pdfFonts(sample);
  assert.ok(fonts.length >= 2, `${fonts.length} fonts`);
  for (const f of fonts) {
    assert.match(f.name, OUR_FONT);
    assert.is(f.type, 'CID TrueType');
    assert.ok(f.emb && f.sub && f.uni, f.name);
  }
  assert.ok(fonts.some((f) => f.name.includes('NotoSansSC')) && fonts.some((f) => f.name.includes('NotoSerifSC')));
  // A missing glyph between real ones comes out of Chromium as an unnamed Type 3 font.
  const page3 = pdfFonts(control, 3);
  const type3 = page3.filter((f) => f.type === 'Type 3');
  assert.is(type3.length, 1, JSON.stringify(page3));
  assert.equal({ name: type3[0]!.name, emb: type3[0]!.emb, sub: type3[0]!.sub }, { name: '[none]', emb: true, sub: false });
  assert.ok(pdfFonts(control, 2).every((f) => f.type === 'CID TrueType' && OUR_FONT.test(f.name)), 'the real text uses our fonts only');
});

test('pdftoppm: an A4 page at 100 dpi; missing-glyph boxes found, real glyphs (口 回 国 田 …) not', () => {
  const page = rasterise(control, 1);
  assert.equal([page.width, page.height], [827, 1170]);
  assert.is(page.data.length, 827 * 1170);
  // Page 1 holds 4 missing glyphs on each of 3 lines, nothing else: each one is a blob.
  const learnt = blobs(page);
  assert.is(learnt.length, 12, 'one blob per missing glyph');
  assert.is(findTofu(page, learnt).length, 12);
  const real = rasterise(control, 2);
  assert.ok(blobs(real).length > 50, 'the CJK page has glyph blobs to look at');
  assert.equal(findTofu(real, learnt), [], 'no real glyph taken for a missing one');
  assert.is(findTofu(rasterise(control, 3), learnt).length, 2, 'the two missing glyphs among real text');
  // Even on a page missing glyphs never reach the text as themselves (why the pixels are looked at).
  assert.not.ok(pageTexts(control)[2]!.includes('\uE000'));
});

test.run();
