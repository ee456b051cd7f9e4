/**
 * The print document (templates/print.njk), rendered for every booklet of the real data, read
 * back as HTML: the contract the PDF printer depends on (docs/印刷.md "与打印程序的约定") —
 * head and CSP, cover, 目录 with fixed page-number placeholders, the pad page, every 目录 anchor
 * on the element its entry starts with and that element's first child its heading, headings
 * exactly the bookmarks we mean, tables with their head, wide tables marked — plus the
 * stylesheet's named pages, and writeFonts (faces, a fonts.css whose every url exists).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { checkFile, listDataFiles } from '../../scripts/lib/check/check.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import type { BookletView, TableView } from '../../scripts/lib/booklet/model.ts';
import { renderPrintDocuments } from '../../scripts/lib/site/render.ts';
import { writePrintFolder } from '../../scripts/lib/pdf/documents.ts';
import { FONTS_CSS, FontError, KAI_FAMILY, SANS_FAMILY, SERIF_FAMILY, writeFonts } from '../../scripts/lib/site/fonts.ts';
import type { SiteConfig } from '../../scripts/lib/site/model.ts';
import { all, byClass, byTag, classes, isEl, kids, parse, text, type El } from '../templates/dom.ts';

const root = join(import.meta.dirname, '../..');
const site: SiteConfig = { siteName: '预决算公开', host: '', siteCode: '', icp: '', police: '', footer: [], baseUrl: '', regions: [] };
let tmp = '';
let views: BookletView[] = [];

test.before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'gongkai-print-'));
  const lib = loadLibrary(root);
  for (const path of listDataFiles(root)) {
    const checked = checkFile(root, path, lib);
    assert.ok(checked.data, `${checked.file} reads`);
    for (const kind of ['budget', 'final'] as const) {
      if (checked.data!.documents[kind]) views.push((await buildBooklet(checked.data!, kind, lib)).view);
    }
  }
  // The print documents with the fonts and stylesheets, laid out as the build lays them out.
  await writePrintFolder(root, join(tmp, 'a'), site, views);
});

test.after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const read = (b: BookletView, dir = 'a'): string => readFileSync(join(tmp, dir, b.paths.print), 'utf8');
const headingsOf = (r: { children: El['children'] }): El[] => all(r, (el) => /^h[1-6]$/.test(el.name));
/** Text as the printer and a reader see it: whitespace runs made one space, trimmed. */
const flat = (el: El): string => text(el).replace(/\s+/g, ' ').trim();

test('the seeds give booklets of every profile, with wide tables and charts', () => {
  assert.ok(views.length >= 5, `${views.length} booklets`);
  assert.ok(new Set(views.map((v) => v.profileId)).size >= 3, 'several profiles');
  assert.ok(views.some((v) => v.tables.some((t) => t.wide)), 'a wide table');
  assert.ok(views.some((v) => v.tables.some((t) => t.charts.length > 0)), 'a chart');
});

test('one print document per booklet, at paths.print', () => {
  for (const b of views) assert.ok(existsSync(join(tmp, 'a', b.paths.print)), b.paths.print);
});

test('head: zh-CN, utf-8, the booklet title, a CSP without script, our two stylesheets; nothing inline or from elsewhere', () => {
  for (const b of views) {
    const doc = parse(read(b));
    const html = byTag(doc, 'html')[0]!;
    assert.is(html.attribs.lang, 'zh-CN', b.key);
    const metas = byTag(doc, 'meta');
    assert.ok(metas.some((m) => m.attribs.charset === 'utf-8'), `${b.key}: charset`);
    const csp = metas.find((m) => m.attribs['http-equiv'] === 'Content-Security-Policy')?.attribs.content ?? '';
    assert.match(csp, /default-src 'none'/, `${b.key}: CSP default-src 'none'`);
    for (const d of ['style-src', 'font-src']) assert.match(csp, new RegExp(`${d} 'self'(;|$)`), `${b.key}: CSP ${d} 'self' only`);
    assert.not.match(csp, /script-src|unsafe|https?:|\*/, `${b.key}: CSP allows no script and nothing else`);
    const titles = byTag(byTag(doc, 'head')[0]!, 'title');
    assert.is(titles.length, 1);
    assert.is(text(titles[0]!), b.title, `${b.key}: title`);
    const sheets = byTag(doc, 'link').filter((l) => l.attribs.rel === 'stylesheet');
    const targets = sheets.map((l) => posix.normalize(posix.join(posix.dirname(b.paths.print), l.attribs.href!)));
    assert.equal(targets, ['assets/fonts/fonts.css', 'assets/print.css'], `${b.key}: stylesheets`);
    assert.ok(existsSync(join(tmp, 'a', 'assets/print.css')), 'print.css is published with the styles');
    for (const tag of ['script', 'style', 'img', 'iframe', 'object', 'embed', 'base']) assert.is(byTag(doc, tag).length, 0, `${b.key}: no <${tag}>`);
    for (const el of all(doc, () => true)) {
      for (const [name, value] of Object.entries(el.attribs)) {
        assert.not.ok(name === 'style' || name.startsWith('on') || name === 'src' || name === 'srcset', `${b.key}: <${el.name} ${name}>`);
        if (name === 'href' || name === 'xlink:href') {
          // Links in the 说明 may name web sites (they stay links in the PDF); nothing else leaves the document.
          if (el.name !== 'a' || !classes(el).length) assert.not.match(value, /^(?![a-z]+:)\/\//i, `${b.key}: protocol-relative ${value}`);
          if (el.name === 'link') assert.not.match(value, /^[a-z]+:|^\//i, `${b.key}: ${value} not relative`);
        }
      }
    }
  }
});

test('order: cover, 目录, the hidden pad, then the body with the parts in order', () => {
  for (const b of views) {
    const doc = parse(read(b));
    const body = byTag(doc, 'body')[0]!;
    const children = kids(body);
    assert.equal(
      children.map((el) => `${el.name}.${classes(el)[0]}`),
      ['section.print-cover', 'nav.print-toc', 'div.print-pad', 'main.print-body'],
      b.key,
    );
    const pad = children[2]!;
    assert.ok('hidden' in pad.attribs, `${b.key}: the pad is hidden until the printer shows it`);
    assert.is(pad.children.filter((n) => isEl(n) || text(n).trim()).length, 0, `${b.key}: the pad is empty`);
    const parts = kids(children[3]!).filter((el) => classes(el).includes('print-part'));
    assert.equal(parts.map((el) => el.attribs.id), b.parts.map((p) => p.anchor), `${b.key}: parts`);
  }
});

/**
 * The cover's heading: the booklet title on the national cover; a profile's heading lines
 * (titles.test.ts holds their exact text) — Shanghai's "预算主管部门：…" prints under it.
 */
function coverHeading(b: BookletView): string {
  if (b.coverLines.every((l) => !l.whole)) return b.title;
  return b.coverLines.filter((l) => l.heading).map((l) => l.text).join('');
}

test('cover: the unit, the title (the first heading: the booklet title, or a profile\'s heading lines) and the 公开日期 when there is one', () => {
  for (const b of views) {
    const cover = byClass(parse(read(b)), 'print-cover')[0]!;
    const heading = headingsOf(cover);
    assert.is(heading.length, 1, b.key);
    assert.is(heading[0]!.name, 'h1');
    assert.is(text(heading[0]!), coverHeading(b), `${b.key}: cover heading`);
    for (const line of b.coverLines) assert.ok(text(cover).includes(line.text), `${b.key}: cover line ${line.text}`);
    assert.ok(text(cover).includes(b.unitName));
    assert.ok(text(cover).includes(String(b.year)));
    if (b.publishedDateZh) assert.ok(text(cover).includes(b.publishedDateZh), `${b.key}: date`);
    assert.is(text(cover).includes('示例'), b.example, `${b.key}: 示例 notice`);
  }
});

test('目录: one entry per listed TocEntry in order (a bookmarkOnly one is not listed), level class, link, text, leader, a "000" placeholder for the printer', () => {
  assert.ok(views.some((b) => b.toc.some((e) => e.bookmarkOnly)), 'a booklet whose profile lists less in the 目录 than its headings');
  for (const b of views) {
    const nav = byClass(parse(read(b)), 'print-toc')[0]!;
    assert.equal(headingsOf(nav).map((h) => text(h)), ['目录'], `${b.key}: heading 目录`);
    const entries = byClass(nav, 'print-toc__entry');
    const listed = b.toc.filter((e) => !e.bookmarkOnly);
    assert.is(entries.length, listed.length, `${b.key}: ${entries.length} entries for ${listed.length}`);
    listed.forEach((entry, i) => {
      const li = entries[i]!;
      assert.is(li.name, 'li');
      assert.ok(classes(li).includes(`print-toc__entry--level-${entry.level}`), `${b.key}: ${entry.anchor} level`);
      const a = kids(li, 'a');
      assert.is(a.length, 1);
      assert.is(a[0]!.attribs.href, `#${entry.anchor}`);
      const spans = kids(a[0]!, 'span');
      assert.equal(spans.map((s) => classes(s)[0]), ['print-toc__text', 'print-toc__leader', 'print-toc__page'], `${b.key}: ${entry.anchor} spans`);
      assert.is(text(spans[0]!), entry.text);
      assert.is(spans[1]!.attribs['aria-hidden'], 'true');
      assert.is(text(spans[1]!), '');
      assert.is(spans[2]!.attribs['data-toc-anchor'], entry.anchor);
      assert.is(text(spans[2]!), '000');
    });
  }
});

test('every 目录 anchor is on the element its entry starts with, whose first child is its heading', () => {
  for (const b of views) {
    const main = byTag(parse(read(b)), 'main')[0]!;
    for (const entry of b.toc) {
      const found = all(main, (el) => el.attribs.id === entry.anchor);
      assert.is(found.length, 1, `${b.key}: #${entry.anchor} once in the body`);
      const first = kids(found[0]!)[0];
      assert.ok(first && /^h[1-6]$/.test(first.name), `${b.key}: #${entry.anchor} starts with a heading`);
      assert.is(first!.name, `h${entry.level}`, `${b.key}: #${entry.anchor} heading level`);
      assert.is(flat(first!), entry.heading ?? entry.text, `${b.key}: #${entry.anchor} heading text`);
    }
  }
});

test('headings (the PDF bookmarks, in document order): the cover title, 目录, then exactly the 目录 entries', () => {
  for (const b of views) {
    const doc = parse(read(b));
    const headings = headingsOf(doc).map((h) => flat(h));
    assert.equal(headings, [coverHeading(b), '目录', ...b.toc.map((e) => e.heading ?? e.text)], b.key);
  }
});

test('tables: each in booklet order, its heading first, named by it, its head in thead, wide ones marked, charts as SVG', () => {
  for (const b of views) {
    const doc = parse(read(b));
    const wrappers = byClass(doc, 'print-table');
    assert.equal(wrappers.map((w) => w.attribs.id), b.tables.map((t) => t.anchor), `${b.key}: tables`);
    b.tables.forEach((t: TableView, i) => {
      const w = wrappers[i]!;
      const heading = kids(w)[0]!;
      const table = byTag(w, 'table')[0]!;
      assert.is(table.attribs['aria-labelledby'], heading.attribs.id, `${t.anchor}: table named by its heading`);
      assert.is(byTag(table, 'caption').length, 0, `${t.anchor}: the heading, not a caption`);
      assert.is(byTag(table, 'thead').length, t.head.length ? 1 : 0, `${t.anchor}: thead`);
      assert.is(byTag(byTag(table, 'thead')[0] ?? table, 'tr').length, t.head.length ? t.head.length : byTag(table, 'tr').length);
      assert.is(classes(w).includes('print-table--wide'), t.wide, `${t.anchor}: wide`);
      assert.ok(text(w).includes(t.unitLabel), `${t.anchor}: unit`);
      if (!t.empty) assert.is(byTag(byTag(table, 'tbody')[0]!, 'tr').length, t.body.length, `${t.anchor}: rows`);
      const svgs = byTag(w, 'svg');
      assert.is(svgs.length, t.charts.length, `${t.anchor}: charts`);
      for (const n of all(table, (el) => classes(el).some((c) => /^data-table__cell--(amount|count|percent)$/.test(c)))) {
        assert.not.match(text(n), /[^\d.,%\-+ ]/, `${t.anchor}: a number cell holds a number`);
      }
    });
  }
});

test('deterministic: the same views render byte-identical documents', async () => {
  await renderPrintDocuments(root, join(tmp, 'b'), site, views);
  for (const b of views) assert.ok(read(b) === read(b, 'b'), `${b.paths.print} differs`);
});

// ─── print.css: named pages and page numbers ─────────────────────────────────────────────────────

test('print.css: A4 named pages; numbers "— N —" in the booklet-page style on body pages only; no synthesised faces', () => {
  const css = readFileSync(join(root, 'styles/print.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  /** Every `@page <selector> { … }` block, joined (a page may have a size rule and a numbers rule). */
  const block = (selector: string): string => {
    const found: string[] = [];
    for (let start = css.indexOf(`@page ${selector} {`); start >= 0; start = css.indexOf(`@page ${selector} {`, start + 1)) {
      let depth = 0;
      for (let i = css.indexOf('{', start); i < css.length; i++) {
        if (css[i] === '{') depth++;
        else if (css[i] === '}' && --depth === 0) {
          found.push(css.slice(start, i + 1));
          break;
        }
      }
    }
    assert.ok(found.length, `@page ${selector}`);
    return found.join('\n');
  };
  // Numbers on every right/left page, in the booklet-page style and our serif …
  for (const [side, box] of [['right', 'bottom-right'], ['left', 'bottom-left']] as const) {
    const b = block(`:${side}`);
    assert.match(b, new RegExp(`@${box}\\s*\\{[^}]*content:\\s*"— " counter\\(page, booklet-page\\) " —"`), `:${side}`);
    assert.match(b, new RegExp(`@${box}\\s*\\{[^}]*font-family:\\s*"Noto Serif SC"`), `:${side} font`);
  }
  // … switched off on the cover and the front matter (a named page outranks :left/:right), and
  // no named page of the body brings its own.
  for (const name of ['cover', 'front']) {
    for (const box of ['bottom-right', 'bottom-left']) assert.match(block(name), new RegExp(`@${box}\\s*\\{\\s*content:\\s*none;?\\s*\\}`), `${name}: ${box} off`);
  }
  assert.not.match(css, /@page\s+(cover|front):/, 'cover and front pages have no :left/:right rules');
  assert.match(block('wide'), /size:\s*A4 landscape/);
  for (const name of ['body', 'table']) assert.match(block(name), /size:\s*A4 portrait/);
  for (const name of ['body', 'table', 'wide']) assert.not.match(block(name), /content:/, `${name}: numbers come from :left/:right`);
  assert.not.match(css, /counter-reset|@counter-style/, 'the printer provides the counter style');
  assert.match(css, /font-synthesis:\s*none/);
  assert.not.match(css, /italic|oblique/);
  assert.match(css, /\.print-pad\[hidden\]\s*\{\s*display:\s*none/);
  for (const cls of ['print-cover', 'print-toc', 'print-pad', 'print-body', 'print-part', 'print-table--wide']) assert.ok(css.includes(`.${cls}`), cls);
  // Every weight the sheet asks of a family is a face fonts.ts publishes (else Chromium synthesises it as Type 3).
  for (const m of css.matchAll(/font-family:\s*"([^"]+)"[^;]*;[^}]*?font-weight:\s*(\d+)/g)) {
    const ok = { [SANS_FAMILY]: ['400', '700'], [SERIF_FAMILY]: ['400', '700'], [KAI_FAMILY]: ['400'] }[m[1]!];
    assert.ok(ok?.includes(m[2]!), `${m[1]} ${m[2]} is published`);
  }
});

// ─── fonts ───────────────────────────────────────────────────────────────────────────────────────

test('writeFonts: the five faces as woff2, fonts.css with relative urls that all exist, licences, same bytes twice', async () => {
  const out = join(tmp, 'fonts');
  await writeFonts(root, out);
  const cssPath = join(out, FONTS_CSS);
  const css = readFileSync(cssPath, 'utf8');
  const rules = [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].map((m) => m[1]!);
  assert.ok(rules.length > 300, `${rules.length} @font-face rules`);
  const faces = new Set<string>();
  for (const r of rules) {
    const family = /font-family:\s*"([^"]+)"/.exec(r)?.[1];
    const weight = /font-weight:\s*(\d+)/.exec(r)?.[1];
    faces.add(`${family} ${weight}`);
    assert.match(r, /font-style:\s*normal/);
    assert.match(r, /font-display:\s*swap/);
    const urls = [...r.matchAll(/url\("([^"]+)"\)/g)].map((m) => m[1]!);
    assert.is(urls.length, 1, 'one source, woff2');
    assert.match(urls[0]!, /^[a-z0-9-]+\.woff2$/, 'a file beside fonts.css');
    assert.ok(existsSync(join(out, 'assets/fonts', urls[0]!)), `${urls[0]} exists`);
    if (family !== KAI_FAMILY) assert.match(r, /unicode-range:/, 'subset faces keep their range');
  }
  assert.equal([...faces].sort(), [`${KAI_FAMILY} 400`, `${SANS_FAMILY} 400`, `${SANS_FAMILY} 700`, `${SERIF_FAMILY} 400`, `${SERIF_FAMILY} 700`]);
  const files = readdirSync(join(out, 'assets/fonts'));
  assert.ok(files.every((f) => f.endsWith('.woff2') || f === 'fonts.css' || /^LICENSE-[a-z-]+\.txt$/.test(f)), 'nothing else');
  assert.is(files.filter((f) => f.startsWith('LICENSE-')).length, 3);
  assert.ok(readFileSync(join(out, 'assets/fonts/LICENSE-noto-sans-sc.txt'), 'utf8').includes('SIL OPEN FONT LICENSE'));
  // Again into the same folder (links replaced) and into another: identical.
  await writeFonts(root, out);
  const again = join(tmp, 'fonts-again');
  await writeFonts(root, again);
  assert.ok(readFileSync(join(again, FONTS_CSS), 'utf8') === css, 'same fonts.css');
  assert.is(statSync(join(again, 'assets/fonts', files.find((f) => f.endsWith('.woff2'))!)).size, statSync(join(out, 'assets/fonts', files.find((f) => f.endsWith('.woff2'))!)).size);
});

test('writeFonts: a missing font package is a Chinese error that says what to run', async () => {
  const fakeRoot = join(tmp, 'no-packages');
  try {
    await writeFonts(fakeRoot, join(tmp, 'fonts-missing'));
    assert.unreachable('should fail');
  } catch (e) {
    assert.instance(e, FontError);
    assert.match((e as Error).message, /缺少字体包 @fontsource\/noto-sans-sc.*请先运行 npm ci/);
  }
});

test.run();
