/**
 * One booklet's HTML page, rendered as the build renders it (buildBooklet, then the booklet
 * template through Eleventy) into a temporary folder, for tests that compare a table of a
 * real booklet with its original. Charts are left out (they are not table text).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBooklet, bookletPaths } from '../../scripts/lib/booklet/booklet.ts';
import type { Library } from '../../scripts/lib/model/reference.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { loadSiteConfig } from '../../scripts/lib/site/build-site.ts';
import { renderBooklets } from '../../scripts/lib/site/render.ts';
import { byTag, kids, parse, text, type El } from '../templates/dom.ts';

export async function renderBookletHtml(root: string, lib: Library, file: UnitYearFile, kind: DocumentKind): Promise<string> {
  const { view } = await buildBooklet(file, kind, lib, { charts: false });
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-booklet-'));
  try {
    await renderBooklets(root, dir, loadSiteConfig(root), [view]);
    return readFileSync(join(dir, bookletPaths(file.unit.id, file.year, kind).html), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The HTML table whose caption contains `title`: its header and body rows as cell texts. */
export function tableByCaption(html: string, title: string): { head: string[][]; body: string[][] } {
  const doc = parse(html);
  const table = byTag(doc, 'table').find((t) => byTag(t, 'caption').some((c) => text(c).includes(title)));
  if (!table) throw new Error(`no table captioned ${title}`);
  const rows = (section: El | undefined) => (section ? kids(section, 'tr').map((tr) => kids(tr).filter((c) => c.name === 'td' || c.name === 'th').map((c) => squash(text(c)))) : []);
  return { head: rows(kids(table, 'thead')[0]), body: rows(kids(table, 'tbody')[0]) };
}

/** The page's text without tags. */
export function pageText(html: string): string {
  return squash(text(parse(html.replace(/<svg[\s\S]*?<\/svg>/g, ' '))));
}
