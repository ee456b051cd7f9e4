/**
 * The editing workflow around the pipeline: how a clerk starts a file, a reviewer reads a
 * change, and a webmaster publishes the result.
 *
 *   npm run new     ─► scaffold.ts     next year's file, or a 决算 from the 预算, never overwriting
 *   npm run serve   ─► preview.ts      findings panel and error page for the local preview
 *   npm run diff    ─► diff.ts         every changed amount, moved totals, text and findings
 *                      diff-format.ts  as Markdown (job summary, PR comment) or JSON
 *   npm run publish ─► publish.ts      releases, verified against SHA256SUMS, atomic switch, rollback
 */
export { scaffold, writeScaffold, formatSummary, ScaffoldError, type ScaffoldOptions } from './scaffold.ts';
export { countsZh, errorPage, failureReport, previewPanel, withPreview, type FailureReport } from './preview.ts';
export { assertRepository, changedDataFiles, diffContents, diffFile, GitError, readAtRev, resolveBase, type DiffInput } from './diff.ts';
export { formatJson as formatDiffJson, formatMarkdown as formatDiffMarkdown } from './diff-format.ts';
export { publish, rollback, describeError, formatPublishResult, formatRollbackResult, PublishError } from './publish.ts';
