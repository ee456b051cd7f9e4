/**
 * The site build: data files → check → booklet view models → Eleventy → extra files
 * (data JSON, CSV, booklets.json) → swap into place.
 *
 *   data/*.json ─ check ─✗→ stop, nothing written
 *                   │ ok
 *                   ├─ buildBooklet (per document) ─→ BookletView[]
 *                   ├─ site data (summaries, listings)
 *                   ├─ Eleventy → <out>.staging/   (templates only see view models)
 *                   ├─ data JSON, schema, CSVs, booklets.json → <out>.staging/
 *                   └─ swap: <out> → <out>.previous, <out>.staging → <out>, drop previous
 *
 * Any failure before the swap removes the staging folder and leaves <out> as it was.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Eleventy from '@11ty/eleventy';
import { checkFiles, place } from '../check.ts';
import { countBySeverity, sortFindings, type Finding } from '../findings.ts';
import type { DocumentKind } from '../schema.ts';
import { readJsonBytes } from '../json.ts';
import { buildBooklet } from '../booklet/booklet.ts';
import type { BookletView } from '../booklet/model.ts';
import { tableCsv } from './csv.ts';
import type { BookletSummary, SiteConfig, SiteData } from './model.ts';

export interface BuildOptions {
  root: string;
  /** Output folder (default <root>/_site). */
  outDir?: string;
  /** Data files to build (default: every file in data/). */
  dataPaths?: string[];
  /** Render charts (default true). */
  charts?: boolean;
}

export interface BuildResult {
  ok: boolean;
  /** Check findings plus what the booklet builders corrected. */
  findings: Finding[];
  /** Chinese reason when ok is false. */
  failure?: string;
  files: number;
  booklets: BookletView[];
  timings: Record<string, number>;
}

export class SiteError extends Error {}

const KIND_ORDER: Record<DocumentKind, number> = { budget: 0, final: 1 };

export function loadSiteConfig(root: string): SiteConfig {
  const path = join(root, 'data/_site/site.json');
  const parsed = readJsonBytes(readFileSync(path));
  const bad = parsed.issues.find((i) => i.severity === 'error');
  if (bad || typeof parsed.value !== 'object' || parsed.value === null) {
    throw new SiteError(`data/_site/site.json:${bad?.line ?? 1}:${bad?.column ?? 1} 网站设置文件有误：${bad?.message ?? '应为一个对象'}`);
  }
  const v = parsed.value as Record<string, unknown>;
  const str = (k: string): string => {
    const x = v[k] ?? '';
    if (typeof x !== 'string') throw new SiteError(`data/_site/site.json /${k} 应为文字，实际是 ${JSON.stringify(x)}`);
    return x;
  };
  const footer = v.footer ?? [];
  if (!Array.isArray(footer) || footer.some((x) => typeof x !== 'string')) throw new SiteError('data/_site/site.json /footer 应为文字列表');
  const known = new Set(['siteName', 'host', 'siteCode', 'icp', 'police', 'footer', 'baseUrl']);
  const unknown = Object.keys(v).find((k) => !known.has(k));
  if (unknown) throw new SiteError(`data/_site/site.json 有不认识的设置 /${unknown}（可用：${[...known].join('、')}）`);
  const baseUrl = str('baseUrl');
  if (baseUrl && !/^https?:\/\/[^\s]+\/$/.test(baseUrl)) throw new SiteError(`data/_site/site.json /baseUrl 应为以 / 结尾的 http(s) 地址，实际是 ${baseUrl}`);
  return { siteName: str('siteName') || '预决算公开', host: str('host'), siteCode: str('siteCode'), icp: str('icp'), police: str('police'), footer: footer as string[], baseUrl };
}

export function summaryOf(b: BookletView): BookletSummary {
  return {
    key: b.key,
    unitId: b.unitId,
    unitName: b.unitName,
    level: b.level,
    year: b.year,
    kind: b.kind,
    kindZh: b.kindZh,
    title: b.title,
    publishedDate: b.publishedDate,
    publishedDateZh: b.publishedDateZh,
    example: b.example,
    paths: b.paths,
  };
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function siteData(site: SiteConfig, booklets: BookletView[]): SiteData {
  const sorted = [...booklets].sort(
    (a, b) => b.year - a.year || byCodePoint(a.unitName, b.unitName) || byCodePoint(a.unitId, b.unitId) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
  const summaries = sorted.map(summaryOf);
  const unitIds = [...new Set(summaries.map((s) => s.unitId))].sort(byCodePoint);
  const units = unitIds.map((unitId) => {
    const list = summaries.filter((s) => s.unitId === unitId);
    return { unitId, path: `${unitId}/index.html`, label: list[0]!.unitName, booklets: list };
  });
  const years = [...new Set(summaries.map((s) => s.year))]
    .sort((a, b) => b - a)
    .map((year) => ({ year, path: `years/${year}.html`, label: `${year}年`, booklets: summaries.filter((s) => s.year === year) }));
  const kinds = (['budget', 'final'] as const)
    .map((kind) => ({ kind, path: `kinds/${kind}.html`, label: kind === 'budget' ? '预算' : '决算', booklets: summaries.filter((s) => s.kind === kind) }))
    .filter((k) => k.booklets.length > 0);
  return { site, booklets: sorted, summaries, units, years, kinds };
}

function write(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** booklets.json: the machine-readable index (paths relative to the site root). */
export function bookletsJson(data: SiteData): string {
  const entries = data.summaries.map((s) => ({
    unit: s.unitName,
    unitCode: data.booklets.find((b) => b.key === s.key)?.unitCode ?? null,
    unitId: s.unitId,
    year: s.year,
    kind: s.kind,
    level: s.level,
    title: s.title,
    publishedDate: s.publishedDate,
    html: s.paths.html,
    pdf: s.paths.pdf,
    data: s.paths.data,
  }));
  return JSON.stringify(entries, null, 2) + '\n';
}

async function renderEleventy(root: string, outDir: string, data: SiteData): Promise<void> {
  const elev = new Eleventy(join(root, 'templates'), outDir, {
    quietMode: true,
    configPath: join(root, '.eleventy.js'),
    config(cfg) {
      for (const [k, v] of Object.entries(data)) cfg.addGlobalData(k, v);
    },
  });
  await elev.write();
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = resolve(options.root);
  const outDir = resolve(options.outDir ?? join(root, '_site'));
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = now - t;
    t = now;
  };

  const checked = checkFiles(root, options.dataPaths, { keepData: true });
  lap('check');
  const findings = [...checked.findings];
  const fail = (failure: string): BuildResult => ({ ok: false, findings: sortFindings(findings), failure, files: checked.files.length, booklets: [], timings });
  const errors = countBySeverity(findings).error;
  if (errors > 0) return fail(`数据有 ${errors} 个错误`);

  const site = loadSiteConfig(root);
  const booklets: BookletView[] = [];
  for (const f of checked.files) {
    if (!f.data) continue;
    const text = readFileSync(join(root, f.file), 'utf8').replace(/^\uFEFF/, '');
    for (const kind of ['budget', 'final'] as const) {
      if (!f.data.documents[kind]) continue;
      try {
        const built = await buildBooklet(f.data, kind, checked.library, { charts: options.charts !== false });
        booklets.push(built.view);
        findings.push(...built.issues.map((i) => place(f.file, text, i)));
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        return fail(`${f.file} 的${kind === 'budget' ? '预算' : '决算'}无法生成：${reason}`);
      }
    }
  }
  lap('booklets');

  const data = siteData(site, booklets);
  const staging = `${outDir}.staging`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await renderEleventy(root, staging, data);
    lap('eleventy');
    for (const f of checked.files) {
      if (!f.data) continue;
      write(join(staging, f.data.unit.id, `${f.data.year}.json`), readFileSync(join(root, f.file)));
    }
    write(join(staging, '_schema/unit-year.schema.json'), readFileSync(join(root, 'data/_schema/unit-year.schema.json')));
    for (const b of booklets) {
      for (const table of b.tables) write(join(staging, b.paths.csvDir, table.csvName), tableCsv(table));
    }
    write(join(staging, 'booklets.json'), bookletsJson(data));
    lap('files');
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    const reason = e instanceof Error ? e.message : String(e);
    return fail(`生成网页时出错：${reason}`);
  }

  // Swap: the old output stays complete until the new one is in place.
  const previous = `${outDir}.previous`;
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(staging, outDir);
  rmSync(previous, { recursive: true, force: true });
  lap('swap');
  return { ok: true, findings: sortFindings(findings), files: checked.files.length, booklets, timings };
}

