/**
 * Stage «check»: every problem of every data file, located, in Chinese; nothing here throws
 * for bad input.
 *
 *   file ─► model/json.ts ─► validate-schema.ts ─► derive.ts ─► rules/ (one module per family)
 *                                                  figures.ts      │
 *                                                  tolerance.ts    ▼
 *                                    acknowledgements ─► findings.ts ─► report.ts (text/json/github)
 *                                                                         messages.ts: every message
 *
 *   check.ts      the pipeline for one file or a folder (checkFiles), validated data returned
 *   parallel.ts   the same over worker threads (worker.ts) when there are many files
 *   derive.ts     subtotals, totals and shares computed from the 项 rows (also used by booklet/)
 *   figures.ts    the figure keys the 说明 states (docs/figures.md)
 *
 *   ▼ booklet/ builds only from files that passed.
 */
export { checkFile, checkFiles, checkBytes, listDataFiles, type CheckResult, type CheckedFile } from './check.ts';
export { checkFilesParallel, CheckPool } from './parallel.ts';
export { sortFindings, countBySeverity, severityZh, type Finding, type Issue, type Severity } from './findings.ts';
export { formatFindings, formatText, formatJson, formatGithub, formatMarkdown, SUMMARY_MAX_BYTES, type OutputFormat } from './report.ts';
export { RULE_FAMILIES, checkDocument, type RuleFamily } from './rules/index.ts';
export { derive, type Derived } from './derive.ts';
export { figureDef, FIXED_FIGURE_KEYS } from './figures.ts';
