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
 *   build-site.ts: the pipeline and the incremental manifest; filters.ts: Nunjucks filters
 *   (.eleventy.js registers them); fonts.ts: the local CJK fonts; model.ts: the site data contract.
 */
export { buildSite, loadSiteConfig, printJob, toolVersion, SiteError, type BuildOptions, type BuildResult } from './build-site.ts';
export { summaryOf } from './build-chunk.ts';
export { FontError, writeFonts } from './fonts.ts';
export type { SiteConfig, BookletSummary, SiteData } from './model.ts';
