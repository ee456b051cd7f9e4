/**
 * The preview's additions to the site (`npm run serve`, scripts/serve.ts), never part of a
 * published build:
 *
 *   preview build (BuildOptions.preview) ─ each booklet view + its data file's findings
 *        → templates/_includes/components/preview-findings.njk at the top of the page
 *   failed preview build ─ errorPage(): templates/_includes/layouts/preview-errors.njk,
 *        the errors of each file that has any, shown by the server in place of the pages
 *
 * The findings are data-derived text: the templates print them autoescaped, like every
 * other text of the site.
 */
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { BookletView } from '../booklet/model.ts';
import { countBySeverity, severityZh, type Finding, type Severity } from '../check/findings.ts';
import { filters } from '../site/filters.ts';
import type { SiteConfig } from '../site/model.ts';

export interface PreviewFinding {
  severity: Severity;
  severityZh: string;
  /** "data/<unit>/<year>.json:12:7" */
  location: string;
  pointer: string;
  rule: string;
  message: string;
  expected?: string;
  found?: string;
}

/** One data file's findings, as the preview-findings component prints them. */
export interface PreviewPanel {
  /** id of the panel's heading, unique on its page. */
  id: string;
  file: string;
  /** "1 个错误，3 个警告，2 个提示" */
  summary: string;
  /** The worst severity present ("none" without findings): the panel's modifier class. */
  level: Severity | 'none';
  findings: PreviewFinding[];
}

/** A booklet view as a preview build renders it (templates/booklet.njk reads booklet.preview). */
export type PreviewedView = BookletView & { preview: PreviewPanel };

const ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

export function countsZh(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  return `${c.error} 个错误，${c.warning} 个警告，${c.notice} 个提示`;
}

/**
 * The panel of `file`: its findings, errors first, then in the order of the file; with
 * `errorsOnly`, the errors alone (the summary still counts everything).
 */
export function previewPanel(file: string, findings: readonly Finding[], id = 'preview-findings', errorsOnly = false): PreviewPanel {
  const own = findings
    .filter((f) => f.file === file)
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.line - b.line || a.column - b.column);
  const level = (['error', 'warning', 'notice'] as const).find((s) => own.some((f) => f.severity === s)) ?? 'none';
  const listed = errorsOnly ? own.filter((f) => f.severity === 'error') : own;
  return {
    id,
    file,
    summary: countsZh(own) + (errorsOnly && listed.length < own.length ? '（下面只列出错误，警告和提示在改正后的公开册页面上列出）' : ''),
    level,
    findings: listed.map((f) => ({
      severity: f.severity,
      severityZh: severityZh[f.severity],
      location: `${f.file}:${f.line}:${f.column}`,
      pointer: f.pointer || '/',
      rule: f.rule,
      message: f.message,
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      ...(f.found !== undefined ? { found: f.found } : {}),
    })),
  };
}

export function withPreview(view: BookletView, file: string, findings: readonly Finding[]): PreviewedView {
  return { ...view, preview: previewPanel(file, findings) };
}

/** What a failed preview build shows in place of the pages. */
export interface FailureReport {
  /** Why the build stopped (Chinese), e.g. "数据有 1 个错误". */
  reason: string;
  /**
   * The errors of each file that has any. Errors only: the page stands in for a long booklet
   * page whose scroll position the browser restores, so what to fix must be all there is.
   */
  panels: PreviewPanel[];
}

export function failureReport(reason: string, findings: readonly Finding[]): FailureReport {
  const files = [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.file))].sort();
  return { reason, panels: files.map((file, i) => previewPanel(file, findings, `preview-findings-${i + 1}`, true)) };
}

/** Stands in for data/_site/site.json when that file is what failed. */
const FALLBACK_SITE: SiteConfig = { siteName: '预决算公开', host: '', siteCode: '', icp: '', police: '', footer: [], baseUrl: '', regions: [] };

let env: nunjucks.Environment | undefined;

/**
 * The error page for a request of `pageUrl` ("/sixian-ybj/2024-budget.html"): the site's
 * layout, its links relative to that URL as on the page it stands in for. Rendered with
 * nunjucks configured as .eleventy.js configures Eleventy's; templates are read afresh each
 * time, so an edited template shows on the next failure without a restart.
 */
export function errorPage(root: string, report: FailureReport, pageUrl: string, site: SiteConfig | undefined): string {
  env ??= (() => {
    const e = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(root, 'templates/_includes'), { noCache: true }), {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    });
    for (const [name, fn] of Object.entries(filters)) e.addFilter(name, fn as (...args: unknown[]) => unknown);
    return e;
  })();
  return env.render('layouts/preview-errors.njk', { site: site ?? FALLBACK_SITE, page: { url: pageUrl }, failure: report });
}
