/**
 * The site phase after a change (finish.ts, options.previous): a listing, 部门 index or unit
 * page is written again only when its model changed; the rest are kept from the previous build.
 * On a synthetic district large enough for listings of several pages: after a changed title, a
 * new year's booklet and a removed booklet, the folder is byte for byte the one a build from
 * scratch writes, and the pages written are exactly those whose bytes differ from the previous
 * build (every page that shows the change, those a moved booklet left and joined, no other).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadSiteConfig } from '../../scripts/lib/site/build-site.ts';
import { finishSite, type FinishResult } from '../../scripts/lib/site/finish.ts';
import { syntheticSummaries } from '../../scripts/lib/bench/synthetic-summaries.ts';
import { bookletPaths } from '../../scripts/lib/booklet/booklet.ts';
import type { BookletSummary } from '../../scripts/lib/site/model.ts';
import { filesUnder } from '../../scripts/lib/util/files.ts';
import { tempFolders } from '../helpers/temps.ts';

const root = join(import.meta.dirname, '../..');
const temp = tempFolders(test);
const tmp = temp('gongkai-finish-incremental-');
const site = loadSiteConfig(root);
/** Enough booklets for several pages per listing (100 a page, portal.ts PAGE_SIZE). */
const BOOKLETS = 720;
const base = syntheticSummaries(BOOKLETS);
let runs = 0;

/** A staging folder with a small page per booklet, as the booklets' phase leaves it (the search index reads them). */
function staging(summaries: BookletSummary[]): string {
  const dir = join(tmp, `run-${++runs}`);
  for (const s of summaries) {
    const path = join(dir, s.paths.html);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `<!doctype html><html lang="zh-CN"><body><main data-pagefind-body><h1>${s.title}</h1></main></body></html>\n`);
  }
  return dir;
}

async function finish(summaries: BookletSummary[], previous?: { dir: string; result: FinishResult }): Promise<{ dir: string; result: FinishResult }> {
  const dir = staging(summaries);
  const result = await finishSite(root, dir, site, summaries, {
    charts: false,
    searchCacheDir: join(tmp, 'search'),
    ...(previous ? { previous: { dir: previous.dir, pages: previous.result.pages } } : {}),
  });
  return { dir, result };
}

const bytes = (dir: string, f: string) => readFileSync(join(dir, f));

/**
 * The change from `before` to `after` built both ways: incrementally from `before`'s folder and
 * from scratch. Returns the pages the incremental run wrote.
 */
async function compare(before: BookletSummary[], after: BookletSummary[]): Promise<{ rendered: string[]; differing: string[]; paginated: number }> {
  const previous = await finish(before);
  assert.is(previous.result.rendered.length, Object.keys(previous.result.pages).length, 'without a previous build every page is written');
  const incremental = await finish(after, previous);
  const scratch = await finish(after);
  const files = filesUnder(scratch.dir);
  assert.equal(filesUnder(incremental.dir), files, 'the same files as a build from scratch');
  for (const f of files) if (!bytes(incremental.dir, f).equals(bytes(scratch.dir, f))) assert.unreachable(`${f} differs from a build from scratch`);
  const paginated = Object.keys(scratch.result.pages).sort();
  const before_ = new Set(filesUnder(previous.dir));
  const differing = paginated.filter((p) => !before_.has(p) || !bytes(previous.dir, p).equals(bytes(scratch.dir, p)));
  return { rendered: [...incremental.result.rendered].sort(), differing, paginated: paginated.length };
}

test('a changed title: only the pages that show that booklet are written again, the site the same as from scratch', async () => {
  const k = 350;
  const title = `${base[k]!.title}（修订）`;
  const after = base.map((s, i) => (i === k ? { ...s, title } : s));
  const { rendered, differing, paginated } = await compare(base, after);
  assert.ok(differing.length > 0);
  assert.equal(rendered, differing, 'the pages written are the pages whose bytes changed');
  assert.ok(rendered.length < paginated / 10, `a few pages of ${paginated} (${rendered.join(', ')})`);
  const scratch = join(tmp, `run-${runs}`);
  for (const p of rendered) assert.ok(readFileSync(join(scratch, p), 'utf8').includes(title), `${p} shows the booklet`);
});

test('a new year and a removed booklet: the pages a booklet joined or left, and those whose filter counts changed, are written again', async () => {
  const first = base[0]!;
  const added: BookletSummary = { ...first, key: `${first.unitId}/2026/budget`, year: 2026, title: first.title.replace('2023', '2026'), publishedDate: '2026-02-15', publishedDateZh: '2026年2月15日', paths: bookletPaths(first.unitId, 2026, 'budget') };
  const grown = await compare(base, [...base, added]);
  assert.equal(grown.rendered, grown.differing);
  assert.ok(grown.rendered.includes('years/2026.html'), 'the new year listing');
  assert.ok(grown.rendered.includes(`${first.unitId}/index.html`), 'the unit page of the booklet');
  const removed = base.filter((_, i) => i !== 400);
  const shrunk = await compare(base, removed);
  assert.equal(shrunk.rendered, shrunk.differing);
  assert.ok(shrunk.rendered.includes(`${base[400]!.unitId}/index.html`), 'the unit page of the removed booklet');
});

test.run();
