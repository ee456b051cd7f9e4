/**
 * `npm run build -- --merge <dir>…`: the parts built by `--shard i/n` (build-site.ts) → one site,
 * byte-identical to a build of every file on one machine.
 *
 *   each <dir>/gongkai-shard.json ─ same code (tool), same files, same options, shards 1 … n once
 *        │                         each, every file in the shard its path hashes to, and each
 *        │                         file's bytes in data/ as the shard built them ─✗→ stop
 *        ├─ every shard's booklet files hard-linked (or copied) into <out>.staging
 *        ├─ the cross-file rules over all files' facts (checkAcrossFiles in build-site.ts, in build order) ─✗→ stop
 *        ├─ finishSite: listings, search, sitemap, feed, booklets.json, fonts — from the summaries
 *        ├─ SHA256SUMS: the booklets' sums from the records, only the site's own files hashed
 *        └─ swap into <out>; a manifest, so a later `npm run build` into <out> reuses every page
 *
 * Why the cross-file rules run here and not in each shard: they compare a 部门 with its 单位
 * and a file with its other years, which may be in other shards; their facts are small and in
 * the records, so running them once over all of them costs about as much as in a single build.
 * A shard stops on its own files' errors; an error between files stops the merge, and the
 * published folder stays as it was.
 */
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listDataFiles } from '../check/check.ts';
import { countBySeverity, sortFindings, type Finding } from '../check/findings.ts';
import { loadLibrary } from '../model/reference.ts';
import { sha256 } from '../util/files.ts';
import type { FileOutcome } from './build-chunk.ts';
import { carry, checkAcrossFiles, errorChain, knownSums, loadSiteConfig, manifestPathFor, relPath, SiteError, swapInto, toolVersion, writeManifest, type BuildResult } from './build-site.ts';
import { writeChecksums } from './checksums.ts';
import { finishSite, sortSummaries, type FinishResult } from './finish.ts';
import { SHARD_RECORD, SHARD_RECORD_VERSION, shardOf, type ShardRecord } from './shard-record.ts';

export interface MergeOptions {
  root: string;
  /** The shards' output folders, in any order. */
  dirs: string[];
  /** Output folder (default <root>/_site). */
  outDir?: string;
  /** Manifest for later incremental builds into outDir (default as buildSite's). */
  manifestPath?: string;
  /** The data files the shards were given (default: every file in data/), to check the records against. */
  dataPaths?: string[];
  /** The site pages' chart cache (default <root>/.cache/charts; finish.ts). */
  chartCacheDir?: string;
  /** The search index's cache (default <root>/.cache/search; search.ts). */
  searchCacheDir?: string;
}

function readRecord(dir: string): ShardRecord {
  const path = join(dir, SHARD_RECORD);
  if (!existsSync(path)) throw new SiteError(`${dir} 中没有分片记录 ${SHARD_RECORD}（应为 npm run build -- --shard i/n 的输出文件夹）`);
  let record: ShardRecord;
  try {
    record = JSON.parse(readFileSync(path, 'utf8')) as ShardRecord;
  } catch (e) {
    throw new SiteError(`${path} 不是完整的分片记录（${e instanceof Error ? e.message : String(e)}），请重新构建这个分片`);
  }
  if (record.version !== SHARD_RECORD_VERSION) throw new SiteError(`${path} 是另一版本的分片记录（${record.version}，应为 ${SHARD_RECORD_VERSION}），请用同一版本重新构建各分片`);
  return record;
}

export async function mergeShards(options: MergeOptions): Promise<BuildResult> {
  const root = resolve(options.root);
  const outDir = resolve(options.outDir ?? join(root, '_site'));
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + (now - t);
    t = now;
  };
  if (!options.dirs.length) throw new SiteError('--merge 后面要写各分片的输出文件夹');
  const dirs = options.dirs.map((d) => resolve(d));
  const records = dirs.map(readRecord);
  const tool = toolVersion(root);
  const first = records[0]!;
  const name = (i: number) => `${dirs[i]}（分片 ${records[i]!.index}/${records[i]!.count}）`;
  records.forEach((r, i) => {
    if (r.tool !== tool) throw new SiteError(`${name(i)} 是用另一版本的代码、模板或表式构建的：请用与合并时相同的提交重新构建各分片`);
    if (r.count !== first.count) throw new SiteError(`${name(i)} 与 ${name(0)} 的分片数不同`);
    if (r.charts !== first.charts || r.pdf !== first.pdf) throw new SiteError(`${name(i)} 与 ${name(0)} 的构建选项（--no-charts、--no-pdf）不同`);
    if (r.files.length !== first.files.length || r.files.some((f, k) => f !== first.files[k])) throw new SiteError(`${name(i)} 与 ${name(0)} 构建时的数据文件不同：请用同一次提交重新构建各分片`);
  });
  for (let index = 1; index <= first.count; index++) {
    const having = records.filter((r) => r.index === index).length;
    if (having === 0) throw new SiteError(`缺少分片 ${index}/${first.count}：共 ${first.count} 个分片，合并时要给出每一个的文件夹`);
    if (having > 1) throw new SiteError(`分片 ${index}/${first.count} 给出了 ${having} 次`);
  }
  const onDisk = (options.dataPaths?.length ? options.dataPaths.map((p) => resolve(p)) : listDataFiles(root)).map((p) => relPath(root, p));
  const [now, then] = [new Set(onDisk), new Set(first.files)];
  const missing = first.files.find((f) => !now.has(f)) ?? onDisk.find((f) => !then.has(f));
  if (missing !== undefined || onDisk.length !== first.files.length) {
    throw new SiteError(`分片构建时的数据文件与现在 data/ 中的不同（${missing ?? '文件数不同'}）：请用同一次提交重新构建各分片`);
  }

  // Every file exactly once, in the shard its path hashes to, with the bytes data/ has now.
  const byFile = new Map<string, { outcome: FileOutcome; dir: string }>();
  records.forEach((r, i) => {
    for (const o of r.outcomes) {
      if (shardOf(o.file, r.count) !== r.index) throw new SiteError(`${name(i)} 中有不属于它的文件 ${o.file}`);
      if (byFile.has(o.file)) throw new SiteError(`${o.file} 出现在两个分片中`);
      byFile.set(o.file, { outcome: o, dir: dirs[i]! });
    }
  });
  const all = first.files.map((file) => {
    const got = byFile.get(file);
    if (!got) throw new SiteError(`分片 ${shardOf(file, first.count)}/${first.count} 中缺少 ${file}：请重新构建这个分片`);
    if (sha256(readFileSync(join(root, file))) !== got.outcome.hash) throw new SiteError(`${file} 在分片构建之后改动过：请用同一次提交重新构建各分片`);
    return got;
  });
  lap('records');

  const staging = `${outDir}.staging`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const fail = (failure: string, findings: Finding[]): BuildResult => {
    rmSync(staging, { recursive: true, force: true });
    return { ok: false, findings: sortFindings(findings), failure, files: all.length, rebuilt: 0, summaries: [], printed: 0, printCached: 0, blocked: [], shrunk: [], timings };
  };
  for (const { outcome, dir } of all) {
    for (const o of outcome.outputs) {
      const from = join(dir, o);
      if (!existsSync(from)) return fail(`分片文件夹 ${dir} 中缺少 ${o}：请重新构建这个分片`, []);
      carry(from, join(staging, o));
    }
  }
  lap('carry');

  const lib = loadLibrary(root);
  const outcomes = all.map((a) => a.outcome);
  const findings = checkAcrossFiles(root, lib, outcomes);
  const errors = countBySeverity(findings).error;
  if (errors > 0) return fail(`数据有 ${errors} 个错误`, findings);
  lap('check');

  const site = loadSiteConfig(root);
  const summaries = sortSummaries(outcomes.flatMap((o) => o.summaries));
  let finished: FinishResult;
  try {
    finished = await finishSite(root, staging, site, summaries, {
      charts: first.charts,
      chartCacheDir: options.chartCacheDir ?? join(root, '.cache/charts'),
      searchCacheDir: options.searchCacheDir ?? join(root, '.cache/search'),
      pageSums: knownSums(outcomes),
    });
  } catch (e) {
    return fail(`生成网站页面时出错：${errorChain(e)}`, findings);
  }
  lap('site');
  writeChecksums(staging, knownSums(outcomes));
  lap('checksums');
  swapInto(staging, outDir);
  writeManifest(options.manifestPath ?? manifestPathFor(root, outDir), { tool, outDir, charts: first.charts, pdf: first.pdf, sitePages: finished.pages }, outcomes);
  lap('swap');
  return {
    ok: true,
    findings,
    files: all.length,
    rebuilt: 0,
    summaries,
    printed: 0,
    printCached: 0,
    blocked: records.flatMap((r) => r.blocked),
    shrunk: records.flatMap((r) => r.shrunk),
    timings,
    search: finished.search,
    sitePages: finished.rendered.length,
  };
}
