/**
 * The built pages, read back as files: document structure (one h1, headings that never
 * skip, lang, the CSP and nothing it would forbid), links (relative, to files that exist,
 * never to a bare directory), the booklet page's parts, listings, 404 and sitemap.xml,
 * and byte-identical output for the same data.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { buildSite, fixtureSite, HOSTILE } from './fixture-site.ts';
import { sitePaths } from './serve.ts';
import { all, byClass, byTag, parse, text } from '../templates/dom.ts';

const BASE = 'https://czj.example.gov.cn/yjs/';
let outDir = '';
let withBase = '';
const site = fixtureSite();

test.before(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'gongkai-pages-'));
  withBase = mkdtempSync(join(tmpdir(), 'gongkai-pages-base-'));
  await buildSite(outDir, site);
  await buildSite(withBase, fixtureSite({ baseUrl: BASE }));
});

test.after(() => {
  for (const d of [outDir, withBase]) if (d) rmSync(d, { recursive: true, force: true });
});

const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');

test('pages: one per booklet, listing, home and 404, at the paths the data gives', () => {
  const pages = sitePaths(outDir, '.html');
  const expected = [
    'index.html',
    '404.html',
    'search.html',
    ...site.booklets.map((b) => b.paths.html),
    ...site.portal.unitPages.map((u) => u.path),
    ...site.portal.listingPages.map((l) => l.path),
    ...site.portal.departmentPages.map((l) => l.path),
  ].sort();
  assert.equal(pages, expected);
  assert.ok(existsSync(join(outDir, 'assets/site.css')));
  assert.ok(existsSync(join(outDir, 'sitemap.xml')));
});

test('every page: zh-CN, charset, viewport, the CSP, the stylesheets, nothing inline', () => {
  for (const path of sitePaths(outDir, '.html')) {
    const html = read(outDir, path);
    const doc = parse(html);
    assert.is(byTag(doc, 'html')[0]!.attribs.lang, 'zh-CN', path);
    const metas = byTag(doc, 'meta');
    assert.ok(metas.some((m) => m.attribs.charset === 'utf-8'), `${path}: charset`);
    assert.ok(metas.some((m) => m.attribs.name === 'viewport'), `${path}: viewport`);
    // Only the search page runs a script, Pagefind's WebAssembly, which needs 'wasm-unsafe-eval'.
    const csp = path === 'search.html' ? "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" : "default-src 'self'";
    assert.ok(metas.some((m) => m.attribs['http-equiv'] === 'Content-Security-Policy' && m.attribs.content === csp), `${path}: CSP`);
    const sheets = byTag(doc, 'link').filter((l) => l.attribs.rel === 'stylesheet');
    assert.equal(
      sheets.map((l) => posix.normalize(posix.join(posix.dirname(path), l.attribs.href!))),
      ['assets/site.css', 'assets/fonts/fonts.css'],
      `${path}: the stylesheet and the site's fonts`,
    );
    const scripts = byTag(doc, 'script').map((el) => ({ type: el.attribs.type, src: el.attribs.src, inline: text(el) }));
    assert.equal(scripts, path === 'search.html' ? [{ type: 'module', src: 'assets/search.js', inline: '' }] : [], `${path}: no script but the search page's own file`);
    assert.is(byTag(doc, 'style').length, 0, `${path}: no <style>`);
    assert.is(all(doc, (el) => 'style' in el.attribs).length, 0, `${path}: no style attribute`);
    assert.is(all(doc, (el) => Object.keys(el.attribs).some((a) => a.startsWith('on'))).length, 0, `${path}: no event handler attribute`);
    const titles = byTag(byTag(doc, 'head')[0]!, 'title');
    assert.is(titles.length, 1, `${path}: title`);
    assert.ok(text(titles[0]!).trim().length > 0, `${path}: title text`);
  }
});

test('every page: one h1, headings never skip a level, skip link to main, unique ids, labels that exist', () => {
  for (const path of sitePaths(outDir, '.html')) {
    const doc = parse(read(outDir, path));
    const levels = all(doc, (el) => /^h[1-6]$/.test(el.name)).map((el) => Number(el.name[1]));
    assert.is(levels.filter((l) => l === 1).length, 1, `${path}: one h1`);
    assert.is(levels[0], 1, `${path}: h1 first`);
    levels.forEach((l, i) => {
      if (i > 0) assert.ok(l <= levels[i - 1]! + 1, `${path}: h${levels[i - 1]} then h${l}`);
    });
    const skip = byClass(doc, 'skip-link')[0]!;
    assert.is(skip.attribs.href, '#main');
    assert.is(text(skip), '跳到正文');
    assert.is(byTag(doc, 'main')[0]!.attribs.id, 'main');
    const ids = all(doc, (el) => el.attribs.id !== undefined).map((el) => el.attribs.id!);
    assert.equal(ids.length, new Set(ids).size, `${path}: duplicate id`);
    for (const el of all(doc, (e) => e.attribs['aria-labelledby'] !== undefined)) {
      for (const id of el.attribs['aria-labelledby']!.split(/\s+/)) assert.ok(ids.includes(id), `${path}: aria-labelledby ${id} missing`);
    }
    for (const a of all(doc, (e) => e.name === 'a' && (e.attribs.href ?? '').startsWith('#') && e.attribs.href!.length > 1)) {
      assert.ok(ids.includes(a.attribs.href!.slice(1)), `${path}: link to missing #${a.attribs.href}`);
    }
  }
});

test('links: relative, to a file (never a bare directory), and existing when the site writes it', () => {
  for (const path of sitePaths(outDir, '.html')) {
    for (const a of byTag(parse(read(outDir, path)), 'a')) {
      const href = a.attribs.href ?? '';
      assert.ok(href.length > 0, `${path}: empty href`);
      if (href.startsWith('#')) continue;
      assert.not.match(href, /^[a-z]+:|^\//i, `${path}: ${href} is not relative`);
      assert.not.ok(href.endsWith('/'), `${path}: ${href} links to a directory`);
      const target = posix.normalize(posix.join(posix.dirname(path), href.split('#')[0]!));
      assert.not.ok(target.startsWith('..'), `${path}: ${href} leaves the site`);
      // PDFs, data and CSV files are written by later stages of the build.
      if (/\.(html|css)$/.test(target)) assert.ok(existsSync(join(outDir, target)), `${path}: ${href} → ${target} does not exist`);
    }
  }
});

test('booklet page: breadcrumbs, cover, downloads (the tables’ workbook among them), 目录, the parts in order, a CSV link per table', () => {
  for (const b of site.booklets) {
    const doc = parse(read(outDir, b.paths.html));
    const crumbs = byTag(byClass(doc, 'breadcrumbs')[0]!, 'li');
    assert.equal(crumbs.map((li) => text(li)), ['首页', b.unitName, b.title]);
    assert.is(text(byTag(doc, 'h1')[0]!), b.title);
    assert.is(byClass(doc, 'example-banner').length, b.example ? 1 : 0, `${b.key}: 示例 banner`);
    assert.ok(text(byClass(doc, 'cover')[0]!).includes(b.publishedDateZh ?? '原文未注明公开日期'));
    const parts = byClass(doc, 'section--part').map((el) => el.attribs.id);
    assert.equal(parts, b.parts.map((p) => p.anchor));
    const tocLinks = byTag(byClass(doc, 'toc')[0]!, 'a').map((a) => a.attribs.href);
    assert.equal(tocLinks, b.toc.filter((t) => !t.bookmarkOnly).map((t) => `#${t.anchor}`));
    const downloads = byTag(byClass(doc, 'downloads')[0]!, 'a').map((a) => a.attribs.href);
    const dir = posix.dirname(b.paths.html);
    const csv = b.tables.map((t) => posix.relative(dir, `${b.paths.csvDir}/${t.csvName}`));
    assert.equal(downloads, [posix.relative(dir, b.paths.pdf), posix.relative(dir, b.paths.data), posix.relative(dir, b.paths.xlsx), ...csv]);
    const perTable = byClass(doc, 'data-table__download').map((p) => byTag(p, 'a')[0]!.attribs.href);
    assert.equal(perTable, csv);
  }
});

test('booklet page with hostile text: escaped everywhere, printed literally', () => {
  const html = read(outDir, 'hostile-unit/2024-budget.html');
  const doc = parse(html);
  assert.not.match(html, /<script|<img/i);
  assert.is(text(byTag(doc, 'h1')[0]!), HOSTILE);
  assert.ok(text(byTag(doc, 'title')[0]!).includes(HOSTILE));
  assert.is(all(doc, (el) => /^\s*javascript:/i.test(el.attribs.href ?? '')).length, 0);
});

test('home: the newest booklets, the filter links (year, kind, 部门) and the open data', () => {
  const doc = parse(read(outDir, 'index.html'));
  const linked = byClass(doc, 'booklet-list__link').map((a) => a.attribs.href).sort();
  // Three booklets: all are among the newest (the home page shows at most 20).
  assert.equal(linked, site.summaries.map((s) => s.paths.html).sort());
  const filters = byTag(byClass(doc, 'filter-nav')[0]!, 'a').map((a) => a.attribs.href);
  assert.equal(filters, ['years/2024.html', 'years/2023.html', 'kinds/budget.html', 'kinds/final.html', 'departments/index.html']);
  const hrefs = byTag(doc, 'a').map((a) => a.attribs.href);
  assert.ok(hrefs.includes('open-data/main-figures.csv') && hrefs.includes('open-data/main-figures.json'));
});

test('listing pages: their booklets only, the current filter marked', () => {
  for (const l of site.portal.listingPages) {
    const doc = parse(read(outDir, l.path));
    const dir = posix.dirname(l.path);
    const linked = byClass(doc, 'booklet-list__link').map((a) => posix.normalize(posix.join(dir, a.attribs.href!)));
    assert.equal(linked, l.booklets.map((b) => b.paths.html), l.path);
    const current = all(doc, (el) => el.attribs['aria-current'] === 'page' && el.name === 'a');
    assert.equal(current.map((a) => text(a)), [l.label], l.path);
    assert.ok(text(byTag(doc, 'h1')[0]!).startsWith(l.label));
  }
});

test('unit pages: the unit’s booklets and its figures table', () => {
  for (const u of site.portal.unitPages) {
    const doc = parse(read(outDir, u.path));
    const dir = posix.dirname(u.path);
    const linked = byClass(doc, 'booklet-list__link').map((a) => posix.normalize(posix.join(dir, a.attribs.href!)));
    assert.equal(linked, u.booklets.map((b) => b.paths.html), u.path);
    assert.is(byClass(doc, 'figure-table__table').length, 1, u.path);
  }
});

test('sitemap.xml without a base URL: no entries, and a comment saying why', () => {
  const xml = read(outDir, 'sitemap.xml');
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
  assert.not.match(xml, /<url>/);
  assert.match(xml, /<!-- [^]*baseUrl[^]* -->/);
  assert.not.match(xml.replace(/^<!--|-->$/gm, ''), /<!--[^]*--[^>][^]*-->/, 'no "--" inside the comment');
});

test('sitemap.xml with a base URL: absolute URLs of every page but 404 and search', () => {
  const xml = read(withBase, 'sitemap.xml');
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  const pages = sitePaths(withBase, '.html').filter((p) => p !== '404.html' && p !== 'search.html');
  assert.equal([...locs].sort(), pages.map((p) => BASE + p).sort());
  assert.match(xml, /<lastmod>2024-02-05<\/lastmod>/);
});

test('404.html: links home; absolute under the base URL when there is one', () => {
  const rel = parse(read(outDir, '404.html'));
  assert.ok(byTag(byTag(rel, 'main')[0]!, 'a').some((a) => a.attribs.href === 'index.html'));
  const abs = parse(read(withBase, '404.html'));
  const hrefs = byTag(abs, 'a').map((a) => a.attribs.href!).filter((h) => !h.startsWith('#'));
  assert.ok(hrefs.length > 0);
  for (const h of hrefs) assert.ok(h.startsWith(BASE), h);
  assert.is(byTag(abs, 'link')[0]!.attribs.href, `${BASE}assets/site.css`);
});

test('deterministic: the same data gives byte-identical pages', async () => {
  const again = mkdtempSync(join(tmpdir(), 'gongkai-pages-again-'));
  try {
    await buildSite(again, fixtureSite());
    for (const path of [...sitePaths(outDir, '.html'), 'sitemap.xml']) {
      assert.ok(read(outDir, path) === read(again, path), `${path} differs between two builds`);
    }
  } finally {
    rmSync(again, { recursive: true, force: true });
  }
});

test.run();
