/**
 * What every build publishes beside the pages: feed.xml (Atom, newest publications first) and
 * SHA256SUMS (every published file, verifiable with `sha256sum -c`). Built once from the real
 * data without PDFs; the PDF paths are still listed (they are where the PDFs go).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { buildSite } from '../../scripts/lib/site/build-site.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-feed-'));
const out = join(tmp, 'site');

interface IndexEntry {
  title: string;
  unit: string;
  publishedDate: string | null;
  year: number;
  html: string;
  pdf: string;
}

test.before(async () => {
  const r = await buildSite({ root, outDir: out, threads: 1, pdf: false, incremental: false, manifestPath: join(tmp, 'manifest.json') });
  assert.ok(r.ok, `构建失败：${r.failure}`);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

const text = (el: Element | null): string => (el ? DomUtils.textContent(el) : '');

test('feed.xml: one Atom entry per booklet, newest publication first, links to the page and the PDF', () => {
  const xml = readFileSync(join(out, 'feed.xml'), 'utf8');
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'), 'an Atom document');
  const doc = parseDocument(xml, { xmlMode: true });
  const feed = DomUtils.findOne((e) => e.name === 'feed', doc.children)!;
  const entries = DomUtils.getElementsByTagName('entry', feed.children, false);
  const index = JSON.parse(readFileSync(join(out, 'booklets.json'), 'utf8')) as IndexEntry[];
  assert.is(entries.length, index.length, 'every booklet');

  // Expected order worked out here from booklets.json: dated publications newest first, then the undated.
  const titles = entries.map((e) => text(DomUtils.findOne((x) => x.name === 'title', e.children)));
  const dated = index.filter((b) => b.publishedDate).sort((a, b) => (b.publishedDate! < a.publishedDate! ? -1 : 1));
  assert.ok(dated.length >= 2 && dated.length < index.length, 'the data has dated and undated booklets');
  assert.equal(titles.slice(0, dated.length), dated.map((b) => b.title), 'dated: newest first');
  assert.equal(new Set(titles.slice(dated.length)), new Set(index.filter((b) => !b.publishedDate).map((b) => b.title)), 'then the undated');
  assert.is(text(DomUtils.findOne((x) => x.name === 'updated', feed.children, false)), `${dated[0]!.publishedDate}T00:00:00+08:00`, 'feed updated = newest');

  const ids = new Set<string>();
  for (const entry of entries) {
    const title = text(DomUtils.findOne((x) => x.name === 'title', entry.children));
    const booklet = index.find((b) => b.title === title);
    assert.ok(booklet, `entry ${title} is a booklet`);
    const links = DomUtils.getElementsByTagName('link', entry.children, false);
    const alternate = links.find((l) => l.attribs.rel === 'alternate')!.attribs.href!;
    const enclosure = links.find((l) => l.attribs.rel === 'enclosure')!;
    assert.is(alternate, booklet!.html);
    assert.ok(existsSync(join(out, alternate)), `${alternate} exists`);
    assert.is(enclosure.attribs.href, booklet!.pdf);
    assert.is(enclosure.attribs.type, 'application/pdf');
    // An undated booklet (the original printed no date) is stamped 1 January of its year: Atom requires a date.
    assert.is(text(DomUtils.findOne((x) => x.name === 'updated', entry.children)), `${booklet!.publishedDate ?? `${booklet!.year}-01-01`}T00:00:00+08:00`);
    assert.is(text(DomUtils.findOne((x) => x.name === 'name', entry.children)), booklet!.unit);
    const id = text(DomUtils.findOne((x) => x.name === 'id', entry.children));
    assert.match(id, /^tag:/);
    ids.add(id);
  }
  assert.is(ids.size, entries.length, 'ids are unique');
});

function walk(dir: string, list: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, list);
    else list.push(relative(out, p).split(sep).join('/'));
  }
  return list;
}

test('SHA256SUMS lists every published file once and sha256sum verifies them', () => {
  const sums = readFileSync(join(out, 'SHA256SUMS'), 'utf8');
  const listed = sums.trimEnd().split('\n').map((line) => {
    assert.match(line, /^[0-9a-f]{64}  \S/, `sha256sum format: ${line}`);
    return line.slice(66);
  });
  assert.equal([...listed].sort(), walk(out).filter((p) => p !== 'SHA256SUMS').sort(), 'every file but itself');
  assert.equal(listed, [...listed].sort((a, b) => (a < b ? -1 : 1)), 'sorted by path');
  assert.ok(!listed.some((p) => p.startsWith('.print/')), 'no print document is published');
  execFileSync('sha256sum', ['--check', '--strict', '--quiet', 'SHA256SUMS'], { cwd: out });
});

test.run();
