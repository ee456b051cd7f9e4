/**
 * What reviewers check by hand and gongkai guarantees by construction (issue 13, 完整性): in
 * every bundled booklet, whatever a user adds to data/, the 目录 lists exactly the parts, sections
 * and tables that are printed, in the printed order and with the printed titles — no table listed
 * but missing, none printed but not listed — and every empty table prints its note instead of an
 * empty body.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import type { Block, BookletView } from '../../scripts/lib/booklet/model.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { bundledDocuments } from '../helpers/bundled.ts';

const root = join(import.meta.dirname, '../..');
const lib = loadLibrary(root);

/** Every anchor the booklet prints, in order, with the heading text it prints there. */
function printed(view: BookletView): Array<{ anchor: string; kind: 'part' | 'section' | 'table'; text: string }> {
  const out: Array<{ anchor: string; kind: 'part' | 'section' | 'table'; text: string }> = [];
  const walk = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === 'section') {
        out.push({ anchor: b.anchor, kind: 'section', text: b.heading });
        walk(b.blocks);
      } else if (b.type === 'table') out.push({ anchor: b.table.anchor, kind: 'table', text: b.table.title });
    }
  };
  for (const p of view.parts) {
    out.push({ anchor: p.anchor, kind: 'part', text: p.title });
    walk(p.blocks);
  }
  return out;
}

const views: BookletView[] = [];
test.before(async () => {
  for (const key of bundledDocuments(root)) {
    const [unit, year, kind] = key.split('/') as [string, string, DocumentKind];
    const file = JSON.parse(readFileSync(join(root, 'data', unit, `${year}.json`), 'utf8')) as UnitYearFile;
    views.push((await buildBooklet(file, kind, lib, { charts: false })).view);
  }
});

test('the 目录 lists every printed table, and only printed parts, sections and tables, in order', () => {
  assert.ok(views.length > 0);
  for (const v of views) {
    const shown = printed(v);
    const anchors = new Map(shown.map((s, i) => [s.anchor, i]));
    // Every entry of the 目录 points at something printed, in the printed order.
    let last = -1;
    for (const e of v.toc) {
      const at = anchors.get(e.anchor);
      assert.ok(at !== undefined, `${v.key}: 目录 lists “${e.text}” (#${e.anchor}), which is not printed`);
      assert.ok(at! > last, `${v.key}: 目录 entry “${e.text}” is out of the printed order`);
      last = at!;
      assert.ok(e.text.includes(shown[at!]!.text) || shown[at!]!.text.includes(e.text.replace(/^[^\s]+\s/, '')), `${v.key}: 目录 “${e.text}” ≠ printed “${shown[at!]!.text}”`);
    }
    // Every printed table is listed.
    const listed = new Set(v.toc.map((e) => e.anchor));
    for (const t of v.tables) assert.ok(listed.has(t.anchor), `${v.key}: table “${t.title}” is printed but not in the 目录`);
    // And every printed table is one of the booklet's tables (CSV downloads list the same set).
    assert.equal(shown.filter((s) => s.kind === 'table').map((s) => s.anchor).sort(), v.tables.map((t) => t.anchor).sort(), `${v.key}: tables in parts ≠ tables listed for download`);
  }
});

test('every empty table prints its note', () => {
  for (const v of views) {
    for (const t of v.tables) {
      if (!t.empty) continue;
      assert.ok(t.emptyNote && t.emptyNote.trim().length > 0, `${v.key}: empty table “${t.title}” has no note`);
      assert.is(t.body.length, 0, `${v.key}: empty table “${t.title}” has rows`);
    }
  }
});

test.run();
