/**
 * A build sharded over workers (`--shard i/n`, then `--merge`): on the bundled data, the merge of
 * the parts is the single build, byte for byte (every file, PDFs included), SHA256SUMS included
 * although the merge hashes only the site's own pages; the parts are disjoint and stable; bad
 * sets of parts are refused with a Chinese reason and leave the published folder as it was.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { buildSite, type BuildResult } from '../../scripts/lib/site/build-site.ts';
import { mergeShards } from '../../scripts/lib/site/shard.ts';
import { SHARD_RECORD, shardOf } from '../../scripts/lib/site/shard-record.ts';
import { listDataFiles } from '../../scripts/lib/check/check.ts';
import { tempFolders } from '../helpers/temps.ts';
import { sitePaths } from './serve.ts';

const root = join(import.meta.dirname, '../..');
const temp = tempFolders(test);
const tmp = temp('gongkai-shard-');
const N = 3;

function sameTree(a: string, b: string): void {
  const fa = sitePaths(a);
  assert.equal(sitePaths(b), fa, 'the same files');
  for (const f of fa) {
    if (!readFileSync(join(a, f)).equals(readFileSync(join(b, f)))) assert.unreachable(`${f} differs between the single build and the merge`);
  }
}

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const single = join(tmp, 'single');
const shardDir = (i: number) => join(tmp, `shard-${i}`);
const merged = join(tmp, 'merged');
let singleResult: BuildResult;
const shardResults: BuildResult[] = [];
let mergeResult: BuildResult;

const buildShard = (i: number, extra: Record<string, unknown> = {}) =>
  buildSite({ root, outDir: shardDir(i), shard: { index: i, count: N }, threads: 1, pdf: true, pdfCacheDir: join(tmp, 'cache-shards'), manifestPath: join(tmp, `manifest-shard-${i}.json`), ...extra });

test.before(async () => {
  // Separate PDF caches: the shards print their own PDFs, they are not copies of the single build's.
  singleResult = await buildSite({ root, outDir: single, threads: 1, pdf: true, pdfCacheDir: join(tmp, 'cache-single'), searchCacheDir: join(tmp, 'search-single'), manifestPath: join(tmp, 'manifest-single.json'), incremental: false });
  assert.ok(singleResult.ok, `单机构建失败：${singleResult.failure}`);
  for (let i = 1; i <= N; i++) {
    const r = await buildShard(i, { incremental: false });
    assert.ok(r.ok, `分片 ${i} 构建失败：${r.failure}`);
    shardResults.push(r);
  }
  mergeResult = await mergeShards({ root, dirs: [shardDir(3), shardDir(1), shardDir(2)], outDir: merged, manifestPath: join(tmp, 'manifest-merged.json'), searchCacheDir: join(tmp, 'search-merge') });
  assert.ok(mergeResult.ok, `合并失败：${mergeResult.failure}`);
});

test('shard + merge = the single build, byte for byte (every file, PDFs and SHA256SUMS included)', () => {
  assert.ok(sitePaths(single).some((f) => f.endsWith('.pdf')), 'the single build printed PDFs');
  sameTree(single, merged);
  assert.equal(mergeResult.summaries, singleResult.summaries);
});

test('the merge indexes for search into the cache it is given, every bucket anew there; a shard writes no index', () => {
  const search = mergeResult.search;
  assert.ok(search, 'the merge reports its search index');
  assert.is(search.pages, singleResult.summaries.length);
  assert.is(search.indexed, search.buckets, 'an empty cache: every bucket indexed');
  assert.is(readdirSync(join(tmp, 'search-merge', 'buckets')).length, search.buckets, 'each bucket kept in the given cache');
  assert.equal(singleResult.search && { ...singleResult.search, ms: 0 }, { ...search, ms: 0 }, 'the same index as the single build');
  assert.ok(shardResults.every((r) => r.search === undefined && !existsSync(join(shardDir(1), 'pagefind'))));
});

test('the merge has the cross-file findings of a single build, which no shard reports', () => {
  const cross = (r: BuildResult) => r.findings.filter((f) => f.rule.startsWith('cross.'));
  assert.ok(cross(singleResult).length > 0, 'the bundled 部门 and 单位 have cross-file findings');
  assert.equal(mergeResult.findings, singleResult.findings);
  for (const r of shardResults) assert.equal(cross(r), []);
});

test('SHA256SUMS of the merge (booklets\' sums carried from the records) matches every file as it is', () => {
  const lines = readFileSync(join(merged, 'SHA256SUMS'), 'utf8').trimEnd().split('\n');
  const listed = lines.map((l) => l.slice(66));
  // sha256sum's order: whole paths by code point ("a-b/…" before "a/…").
  assert.equal(listed, sitePaths(merged).filter((f) => f !== 'SHA256SUMS').sort());
  for (const l of lines) assert.is(l.slice(0, 64), sha(readFileSync(join(merged, l.slice(66)))), l.slice(66));
});

test('the parts are disjoint, cover every file, and each holds the files its path hashes to', () => {
  const all = listDataFiles(root).map((p) => relative(root, p).split(sep).join('/'));
  const owned = shardResults.flatMap((r, i) => {
    const record = JSON.parse(readFileSync(join(shardDir(i + 1), SHARD_RECORD), 'utf8')) as { outcomes: Array<{ file: string }>; files: string[] };
    assert.equal(record.files, all, 'each record lists every file of the build');
    for (const o of record.outcomes) assert.is(shardOf(o.file, N), i + 1, o.file);
    return record.outcomes.map((o) => o.file);
  });
  assert.equal([...owned].sort(), [...all].sort());
  // A shard publishes only its own booklets: no site pages, no SHA256SUMS.
  for (let i = 1; i <= N; i++) {
    assert.not.ok(existsSync(join(shardDir(i), 'index.html')), `shard ${i} has no home page`);
    assert.not.ok(existsSync(join(shardDir(i), 'SHA256SUMS')), `shard ${i} has no SHA256SUMS`);
  }
});

test('shardOf: sha256 of the path, first 32 bits mod n, plus one (values from sha256sum)', () => {
  // printf '%s' data/sixian-ybj/2024.json | sha256sum → 21438067…; 0x21438067 = 557023335
  assert.is(shardOf('data/sixian-ybj/2024.json', 4), (0x21438067 % 4) + 1);
  assert.is(shardOf('data/sixian-ybj/2024.json', 4), 4);
  assert.is(shardOf('data/putuo-wanli/2025.json', 4), 2); // 2f1f66b5…
  assert.is(shardOf('data/jiyuan-ybj/2021.json', 3), 2); // 6993cde4…
  assert.is(shardOf('data/jiyuan-ybj/2021.json', 1), 1);
});

test('shardOf spreads 10,000 unit-year paths evenly over 4 and 16 workers', () => {
  const paths = Array.from({ length: 10000 }, (_, i) => `data/dept-${String(Math.floor(i / 30)).padStart(3, '0')}-unit-${i % 10}/${2023 + (i % 3)}.json`);
  for (const n of [4, 16]) {
    const counts = new Array(n).fill(0);
    for (const p of paths) counts[shardOf(p, n) - 1]++;
    const ideal = paths.length / n;
    for (const c of counts) assert.ok(Math.abs(c - ideal) < ideal * 0.15, `${n} 个分片：${counts.join('、')}`);
  }
});

test('a shard rebuilt with nothing changed reuses every page and writes the same part', async () => {
  const before = readFileSync(join(shardDir(2), SHARD_RECORD));
  const r = await buildShard(2);
  assert.ok(r.ok, r.failure);
  assert.is(r.rebuilt, 0);
  assert.ok(readFileSync(join(shardDir(2), SHARD_RECORD)).equals(before));
});

test('after the merge, a build into the same folder reuses every page (the merge leaves a manifest)', async () => {
  const r = await buildSite({ root, outDir: merged, threads: 1, pdf: true, pdfCacheDir: join(tmp, 'cache-single'), manifestPath: join(tmp, 'manifest-merged.json') });
  assert.ok(r.ok, r.failure);
  assert.is(r.rebuilt, 0);
  sameTree(single, merged);
});

// ─── refused sets of parts: a reason, and the published folder untouched ──────────────────────────

async function refused(dirs: string[], says: string[]): Promise<void> {
  const out = join(tmp, 'published');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  writeFileSync(join(out, 'index.html'), 'old');
  try {
    const r = await mergeShards({ root, dirs, outDir: out, manifestPath: join(tmp, 'manifest-refused.json') });
    assert.not.ok(r.ok, 'the merge should fail');
    for (const s of says) assert.ok(r.failure!.includes(s), `${r.failure} should say ${s}`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    for (const s of says) assert.ok(message.includes(s), `${message} should say ${s}`);
  }
  assert.equal(sitePaths(out), ['index.html']);
  assert.is(readFileSync(join(out, 'index.html'), 'utf8'), 'old');
  assert.not.ok(existsSync(`${out}.staging`));
}

test('refused: a missing shard, a shard given twice, a folder that is not a shard', async () => {
  await refused([shardDir(1), shardDir(2)], ['缺少分片 3/3']);
  await refused([shardDir(1), shardDir(2), shardDir(2), shardDir(3)], ['分片 2/3 给出了 2 次']);
  await refused([shardDir(1), shardDir(2), single], [single, '没有分片记录']);
});

test('refused: parts built by other code, or a data file changed since', async () => {
  const fake = join(tmp, 'shard-other');
  rmSync(fake, { recursive: true, force: true });
  mkdirSync(fake);
  const record = JSON.parse(readFileSync(join(shardDir(3), SHARD_RECORD), 'utf8')) as { tool: string; outcomes: Array<{ hash: string; file: string }> };
  writeFileSync(join(fake, SHARD_RECORD), JSON.stringify({ ...record, tool: 'another' }));
  await refused([shardDir(1), shardDir(2), fake], ['另一版本的代码']);
  const changed = { ...record, outcomes: record.outcomes.map((o, i) => (i === 0 ? { ...o, hash: sha('earlier bytes') } : o)) };
  writeFileSync(join(fake, SHARD_RECORD), JSON.stringify(changed));
  await refused([shardDir(1), shardDir(2), fake], [record.outcomes[0]!.file, '改动过']);
});

test('an error only the cross-file step sees (two files for one unit and year) passes the shards and stops the merge', async () => {
  const data = join(tmp, 'dup', 'data');
  const first = join(data, 'sixian-ybj', '2024.json');
  // In the other shard from the first (two files for one booklet in one shard collide on its pages).
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  let k = 0;
  while (shardOf(rel(join(data, `sixian-copy${k}`, '2024.json')), 2) === shardOf(rel(first), 2)) k++;
  const second = join(data, `sixian-copy${k}`, '2024.json');
  mkdirSync(dirname(first), { recursive: true });
  mkdirSync(dirname(second), { recursive: true });
  copyFileSync(join(root, 'data/sixian-ybj/2024.json'), first);
  copyFileSync(join(root, 'data/sixian-ybj/2024.json'), second);
  const dirs = [1, 2].map((i) => join(tmp, `dup-shard-${i}`));
  for (const [k, dir] of dirs.entries()) {
    const r = await buildSite({ root, dataPaths: [first, second], outDir: dir, shard: { index: k + 1, count: 2 }, threads: 1, pdf: false, manifestPath: join(tmp, `manifest-dup-${k}.json`) });
    assert.ok(r.ok, r.failure);
  }
  const out = join(tmp, 'dup-site');
  mkdirSync(out);
  writeFileSync(join(out, 'index.html'), 'old');
  const r = await mergeShards({ root, dirs, dataPaths: [first, second], outDir: out, manifestPath: join(tmp, 'manifest-dup.json') });
  assert.not.ok(r.ok);
  assert.ok(r.failure!.includes('1 个错误'), r.failure);
  assert.ok(r.findings.some((f) => f.rule === 'ref.duplicate-unit-year' && f.file === rel(second)));
  assert.equal(sitePaths(out), ['index.html']);
});

test.run();
