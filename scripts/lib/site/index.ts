/**
 * Stage «site»: checked files → the published folder, atomically.
 *
 *   check/ (all files) ─► build-chunk.ts per chunk of files (worker threads: build-worker.ts)
 *                           booklet/ view model ─► render.ts (Eleventy: templates/) ─► pages
 *                           csv.ts, data JSON, print documents (for pdf/)
 *                       ─► site pages: home, listings, 404, sitemap, feed (render.ts)
 *                       ─► pdf/ prints every booklet ─► checksums.ts (SHA256SUMS), booklets.json
 *                       ─► staging folder swapped for _site/ (a failed build leaves _site/ as it was)
 *
 *   --shard i/n: the same for the files whose path hashes to part i (shard-record.ts), without the
 *   site pages, plus a shard record; --merge (shard.ts): the parts' files + the cross-file rules +
 *   finish.ts (site pages from the summaries) + SHA256SUMS from the recorded sums.
 *
 *   build-site.ts: the pipeline and the incremental manifest; filters.ts: Nunjucks filters
 *   (.eleventy.js registers them); fonts.ts: the local CJK fonts; model.ts: the site data contract.
 */
export { buildSite, loadSiteConfig, printJob, toolVersion, SiteError, type BuildOptions, type BuildResult } from './build-site.ts';
export { summaryOf } from './build-chunk.ts';
export { mergeShards, type MergeOptions } from './shard.ts';
export { shardOf, SHARD_RECORD } from './shard-record.ts';
export { finishSite } from './finish.ts';
export { FontError, writeFonts } from './fonts.ts';
export type { SiteConfig, BookletSummary, SiteData } from './model.ts';
