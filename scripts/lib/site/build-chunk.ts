/**
 * One chunk of data files, start to finish: check each file, build its booklets' view
 * models (with charts), render their pages with Eleventy, and write their data JSON and
 * CSV files into the staging folder. Runs in this thread for small builds and in worker
 * threads (build-worker.ts) for large ones; only small results (findings, summaries, the
 * list of files written) go back, so memory does not grow with the number of booklets.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { checkFile, ownerOf, place, type Owner } from '../check/check.ts';
import type { Finding } from '../check/findings.ts';
import { loadLibrary } from '../model/reference.ts';
import { bookletPaths, buildBooklet, familyOf } from '../booklet/booklet.ts';
import type { BookletView, RelatedLinks, UnitFamily } from '../booklet/model.ts';
import type { UnitYearFile } from '../model/schema.ts';
import { tableCsv } from './csv.ts';
import { bookletXlsx } from './xlsx.ts';
import { sha256 } from '../util/files.ts';
import { sumsOf } from './checksums.ts';
import { cacheRecord } from './search.ts';
import { renderBooklets, renderPrintDocuments } from './render.ts';
import { withPreview } from '../edit/preview.ts';
import type { BookletSummary, SiteConfig } from './model.ts';

export interface ChunkTask {
  root: string;
  staging: string;
  site: SiteConfig;
  /** Absolute paths of the data files. */
  paths: string[];
  charts: boolean;
  /** Also render each booklet's print document (paths.print), for the PDF stage. */
  pdf: boolean;
  /** Preview build (npm run serve): each booklet page shows its file's findings (preview.ts). */
  preview?: boolean;
  /** The search index's cache: each page's record is written into it here (search.ts cacheRecord); none for a shard. */
  searchCacheDir?: string;
}

export interface FileOutcome {
  /** Path relative to the project root (as in findings). */
  file: string;
  /** sha256 of the file's bytes. */
  hash: string;
  findings: Finding[];
  owner: Owner | undefined;
  summaries: BookletSummary[];
  /** Files written for it, relative to the site root. */
  outputs: string[];
  /**
   * sha256 of each output, taken when it was written (PDFs: when printed, in build-site.ts), so
   * SHA256SUMS never re-reads a carried file (checksums.ts).
   */
  sums: Record<string, string>;
  /** Why its booklets could not be built (Chinese), if so. */
  failure?: string;
  /** relatedKey() when its pages were made: they are reused only while it is unchanged. */
  related?: string;
}

export function summaryOf(b: BookletView): BookletSummary {
  return {
    key: b.key,
    unitId: b.unitId,
    unitName: b.unitName,
    ...(b.unitCode !== undefined ? { unitCode: b.unitCode } : {}),
    level: b.level,
    year: b.year,
    kind: b.kind,
    kindZh: b.kindZh,
    title: b.title,
    publishedDate: b.publishedDate,
    publishedDateZh: b.publishedDateZh,
    example: b.example,
    paths: b.paths,
    figures: b.figures,
    family: b.family,
  };
}

const DATA_FILE = /^(\d{4})(-final)?\.json$/;

/** The data files of a unit's folder (absolute paths), sorted; [] when it has none. */
export function unitDataFiles(root: string, unitId: string): string[] {
  const dir = join(root, 'data', unitId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => DATA_FILE.test(n))
    .sort()
    .map((n) => join(dir, n));
}

/**
 * What a booklet page's links depend on besides its own file: the bytes of the unit's other
 * data files (which years and kinds exist) and which linked 部门/单位 have files. The manifest
 * keeps it, so a page is rebuilt when a sibling year is added or changed, as a full build would.
 */
export function relatedKey(root: string, self: string, family: UnitFamily, unitId: string, hashOf: (path: string) => string): string {
  const parts = unitDataFiles(root, unitId)
    .filter((p) => p !== self)
    .map((p) => `${relative(root, p)}=${hashOf(p)}`);
  for (const id of linkedIds(family)) parts.push(`${id}:${unitDataFiles(root, id).length > 0}`);
  return sha256(parts.join('\n'));
}

const linkedIds = (f: UnitFamily) => [...(f.parentId !== undefined ? [f.parentId] : []), ...f.includeIds];

const KIND_ZH = { budget: '预算', final: '决算' } as const;

/**
 * The booklet page's links to the same unit's booklets of every year and to its 部门 and 单位,
 * from its own data (unit id, parent, includes) and the files in data/: the same in any build,
 * shard or order. A sibling that is not valid JSON is left out (the check of that file fails the build).
 */
export function relatedLinks(root: string, data: UnitYearFile, selfPath: string): RelatedLinks {
  const booklets: RelatedLinks['booklets'] = [];
  for (const p of unitDataFiles(root, data.unit.id)) {
    let sibling: UnitYearFile | undefined = p === selfPath ? data : undefined;
    if (!sibling) {
      try {
        sibling = JSON.parse(readFileSync(p, 'utf8').replace(/^\uFEFF/, '')) as UnitYearFile;
      } catch {
        continue;
      }
    }
    if (typeof sibling?.year !== 'number' || typeof sibling.documents !== 'object' || sibling.documents === null) continue;
    for (const kind of ['budget', 'final'] as const) {
      if (!sibling.documents[kind]) continue;
      booklets.push({ year: sibling.year, kind, label: `${sibling.year}年${KIND_ZH[kind]}`, html: bookletPaths(data.unit.id, sibling.year, kind).html, current: false });
    }
  }
  booklets.sort((a, b) => b.year - a.year || (a.kind === b.kind ? 0 : a.kind === 'budget' ? -1 : 1));
  const family = familyOf(data);
  const units: RelatedLinks['units'] = [];
  if (family.parentId !== undefined && unitDataFiles(root, family.parentId).length) {
    units.push({ role: '所属部门', name: family.parentName ?? family.parentId, href: `${family.parentId}/index.html` });
  }
  for (const inc of data.unit.includes ?? []) {
    if (inc.id === undefined || inc.id === data.unit.id || !unitDataFiles(root, inc.id).length) continue;
    units.push({ role: '所属单位', name: inc.name, href: `${inc.id}/index.html` });
  }
  return { booklets, units };
}

function write(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

export async function buildChunk(task: ChunkTask): Promise<FileOutcome[]> {
  const lib = loadLibrary(task.root);
  const outcomes: FileOutcome[] = [];
  const views: BookletView[] = [];
  const fileOf = new Map<BookletView, FileOutcome>();
  // A second file of a unit and year would have the same pages as the first, which Eleventy
  // refuses before the check's own located message (ref.duplicate-unit-year, in finishCheck)
  // could be shown: it is checked but not built, and the build stops on that message.
  const claimed = new Set<string>();
  for (const path of task.paths) {
    const bytes = readFileSync(path);
    const checked = checkFile(task.root, path, lib);
    const outcome: FileOutcome = { file: checked.file, hash: sha256(bytes), findings: checked.findings, owner: ownerOf(checked), summaries: [], outputs: [], sums: {} };
    outcomes.push(outcome);
    const data = checked.data;
    if (!data || checked.findings.some((f) => f.severity === 'error')) continue;
    const unitYear = `${data.unit.id}|${data.year}`;
    if (claimed.has(unitYear)) continue;
    claimed.add(unitYear);
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const related = relatedLinks(task.root, data, path);
    outcome.related = relatedKey(task.root, path, familyOf(data), data.unit.id, (p) => sha256(readFileSync(p)));
    try {
      for (const kind of ['budget', 'final'] as const) {
        if (!data.documents[kind]) continue;
        const built = await buildBooklet(data, kind, lib, { charts: task.charts });
        built.view.related = { ...related, booklets: related.booklets.map((b) => ({ ...b, current: b.kind === kind && b.year === data.year })) };
        views.push(built.view);
        fileOf.set(built.view, outcome);
        outcome.summaries.push(summaryOf(built.view));
        outcome.findings.push(...built.issues.map((i) => place(checked.file, text, i)));
        for (const table of built.view.tables) {
          const rel = `${built.view.paths.csvDir}/${table.csvName}`;
          write(join(task.staging, rel), tableCsv(table));
          outcome.outputs.push(rel);
        }
        write(join(task.staging, built.view.paths.xlsx), bookletXlsx(built.view));
        outcome.outputs.push(built.view.paths.xlsx);
        outcome.outputs.push(built.view.paths.html);
        // Printed later, in the main thread, from the print document rendered below.
        if (task.pdf) outcome.outputs.push(built.view.paths.pdf);
      }
      const dataRel = `${data.unit.id}/${data.year}.json`;
      write(join(task.staging, dataRel), bytes);
      outcome.outputs.push(dataRel);
    } catch (e) {
      outcome.failure = e instanceof Error ? e.message : String(e);
    }
  }
  if (views.length) {
    // In a preview, the file's findings are complete by now (check + what building its booklets found).
    const pages = task.preview
      ? views.map((v) => {
          const o = fileOf.get(v)!;
          return withPreview(v, o.file, o.findings);
        })
      : views;
    await renderBooklets(task.root, task.staging, task.site, pages);
    if (task.pdf) await renderPrintDocuments(task.root, task.staging, task.site, views);
  }
  for (const o of outcomes) {
    if (o.failure) continue; // the build stops on it; nothing of it is published
    const pdfs = new Set(o.summaries.map((s) => s.paths.pdf));
    o.sums = sumsOf(task.staging, o.outputs.filter((p) => !pdfs.has(p)));
    if (task.searchCacheDir !== undefined) for (const s of o.summaries) cacheRecord(task.searchCacheDir, readFileSync(join(task.staging, s.paths.html)), o.sums[s.paths.html]);
  }
  return outcomes;
}
