/**
 * The assembler: one checked document → its BookletView. The profile decides the
 * parts (order, numbering, titles) and the tables (order, titles, layout); each part
 * comes from its builder module; charts attach to the table they summarise.
 *
 *   file ─ makeBuildContext ─┬─ overview.ts     → 概况 blocks
 *                            ├─ tables/*.ts     → TableViews ─┐
 *                            ├─ charts.ts       → ChartViews ─┴→ 公开表 blocks
 *                            ├─ explanation.ts  → 情况说明 blocks (+ corrections)
 *                            └─ glossary.ts     → 名词解释 block
 */
import type { Issue } from '../check/findings.ts';
import type { Library } from '../model/reference.ts';
import type { DocumentKind, UnitYearFile } from '../model/schema.ts';
import { BookletError, fillTitle, makeBuildContext, type BuildContext } from './context.ts';
import type { Block, BookletPaths, BookletView, ChartView, CoverLine, PartView, TableView, TocEntry, UnitFamily } from './model.ts';
import { mainFigures } from './main-figures.ts';
import { tableBuilder } from './tables/index.ts';
import { buildOverview } from './overview.ts';
import { buildExplanation, makeWriter, narratedProjects, projectParagraphs } from './explanation.ts';
import { joinHtml } from './html.ts';
import { buildGlossary } from './glossary.ts';
import { buildCharts } from '../charts/booklet.ts';
import type { ProfilePart, ProfileTable, TableId } from '../model/profile.ts';
import { numbered } from './numbering.ts';

export interface BuiltBooklet {
  view: BookletView;
  /** What the builders corrected or could not print (reported with the check findings). */
  issues: Issue[];
}

export interface BookletOptions {
  /** Render charts (default true); the component tests leave them out. */
  charts?: boolean;
}

export function bookletPaths(unitId: string, year: number, kind: DocumentKind): BookletPaths {
  const stem = `${unitId}/${year}-${kind}`;
  return { html: `${stem}.html`, pdf: `${stem}.pdf`, print: `.print/${stem}.html`, data: `${unitId}/${year}.json`, csvDir: `${stem}-csv`, xlsx: `${stem}-tables.xlsx`, unit: `${unitId}/index.html` };
}

/** The unit's 部门 and 单位 as its data file names them. */
export function familyOf(file: UnitYearFile): UnitFamily {
  const u = file.unit;
  return {
    ...(u.parent?.id !== undefined ? { parentId: u.parent.id } : {}),
    ...(u.parent ? { parentName: u.parent.name } : {}),
    ...(u.parent?.code !== undefined ? { parentCode: u.parent.code } : {}),
    includeIds: (u.includes ?? []).flatMap((i) => (i.id !== undefined && i.id !== u.id ? [i.id] : [])),
    ...(u.region !== undefined ? { region: u.region } : {}),
  };
}

/** "2024年2月5日" from "2024-02-05". */
export function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Every table of the booklet in the profile's order, with the profile entry each came from. */
function buildTables(ctx: BuildContext, specs: Map<TableView, ProfileTable>): TableView[] {
  const out: TableView[] = [];
  const form = ctx.profile.tableHeading;
  const heading = { ...(form?.number === false ? { numberHidden: true } : {}), ...(form?.preparedBy ? { preparedBy: fillTitle(ctx, form.preparedBy) } : {}) };
  ctx.profile.tables.forEach((spec, index) => {
    const builder = tableBuilder(spec.id);
    if (!builder) throw new BookletError(`表式 ${ctx.profileId} 列出的表 ${spec.id} 还没有生成程序`);
    const drafts = builder(ctx, spec);
    const seq = String(index + 1).padStart(2, '0');
    drafts.forEach((draft, n) => {
      const suffix = drafts.length > 1 ? `-${n + 1}` : '';
      const notes = spec.notes ? [...draft.notes, ...spec.notes.map((n) => fillTitle(ctx, n))] : draft.notes;
      const view: TableView = { ...draft, notes, ...heading, anchor: `table-${spec.id}${suffix}`, csvName: `${seq}-${spec.id}${suffix}.csv`, charts: [] };
      specs.set(view, spec);
      out.push(view);
    });
  });
  return out;
}

function attachCharts(tables: TableView[], charts: Partial<Record<TableId, ChartView[]>>): void {
  for (const [id, views] of Object.entries(charts) as Array<[TableId, ChartView[]]>) {
    const table = tables.find((t) => t.id === id);
    if (table) table.charts.push(...views);
  }
}

/** Every heading of the body, in order (the PDF's bookmarks); those below a part's tocDepth are bookmarkOnly. */
function tocOf(parts: PartView[]): TocEntry[] {
  const toc: TocEntry[] = [];
  const walk = (blocks: Block[], level: 2 | 3, depth: number) => {
    const listed = level <= depth ? {} : { bookmarkOnly: true as const };
    for (const b of blocks) {
      if (b.type === 'section') {
        toc.push({ anchor: b.anchor, text: b.heading, level, ...listed });
        if (level === 2) walk(b.blocks, 3, depth);
      } else if (b.type === 'table') {
        const t = b.table;
        const title = t.subtitle ? `${t.title}（${t.subtitle}）` : t.title;
        const text = numbered(t.number, title);
        toc.push({ anchor: t.anchor, text, ...(t.numberHidden && text !== title ? { heading: title } : {}), level, ...listed });
      }
    }
  };
  for (const p of parts) {
    toc.push({ anchor: p.anchor, text: p.number ? `${p.number}${p.numberGap}${p.title}` : p.title, level: 1 });
    walk(p.blocks, 2, p.tocDepth ?? 3);
  }
  return toc;
}

/**
 * Which tables each tables part holds: those it lists (in its order); the first part that lists none
 * holds every table no part lists. A table listed twice, or listed but not in the profile's
 * `tables`, is an error (its anchor would repeat, or the list has a typo).
 */
function tablesByPart(ctx: BuildContext, tables: TableView[]): Map<ProfilePart, TableView[]> {
  const out = new Map<ProfilePart, TableView[]>();
  const listedBy = new Map<TableId, number>();
  ctx.parts.forEach((p, i) => {
    if (p.id !== 'tables' || !p.tables) return;
    for (const id of p.tables) {
      if (listedBy.has(id)) throw new BookletError(`表式 ${ctx.profileId} 的表 ${id} 列在两个公开表部分中（第 ${listedBy.get(id)! + 1} 和第 ${i + 1} 部分），一张表只能印一次`);
      if (!ctx.profile.tables.some((t) => t.id === id)) throw new BookletError(`表式 ${ctx.profileId} 第 ${i + 1} 部分列出的表 ${id} 不在该表式的 tables 中`);
      listedBy.set(id, i);
    }
  });
  let restGiven = false;
  for (const p of ctx.parts) {
    if (p.id !== 'tables') continue;
    if (p.tables) out.set(p, p.tables.flatMap((id) => tables.filter((t) => t.id === id)));
    else {
      out.set(p, restGiven ? [] : tables.filter((t) => !listedBy.has(t.id)));
      restGiven = true;
    }
  }
  return out;
}

/** The 项目绩效目标表 of each project an eachProject section with performanceTable narrates, by project index. */
function projectTablesInText(ctx: BuildContext, tables: TableView[]): Map<number, TableView> {
  const out = new Map<number, TableView>();
  const sections = ctx.parts.flatMap((p) => (p.id === 'explanation' ? (p.sections ?? []).flatMap((s) => [s, ...(s.sections ?? [])]) : []));
  for (const s of sections) {
    if (s.id !== 'eachProject' || !s.performanceTable || !s.projectSections) continue;
    for (const i of narratedProjects(ctx.doc, s.projectSections.map((f) => f.field))) {
      const table = tables.find((t) => t.id === 'projectPerformance' && t.project === i);
      if (table && ctx.doc.projects[i]!.indicators.length) out.set(i, table);
    }
  }
  return out;
}

/** A field a part of this kind does not use is an error, not silently ignored (it is a misplaced line). */
function checkPartFields(ctx: BuildContext): void {
  const uses: Record<string, ProfilePart['id'][]> = { sections: ['overview', 'explanation'], tables: ['tables'], entryNumbers: ['glossary'] };
  ctx.parts.forEach((p, i) => {
    for (const [field, kinds] of Object.entries(uses)) {
      if (p[field as keyof ProfilePart] !== undefined && !kinds.includes(p.id)) {
        throw new BookletError(`表式 ${ctx.profileId} 第 ${i + 1} 部分（${p.id}）不能有 ${field}：只有 ${kinds.join('、')} 部分用它`);
      }
    }
  });
}

/** The blocks of one tables part. A 项目绩效目标表 whose profile entry has `narrative` is preceded by its project's description. */
function partTables(ctx: BuildContext, chosen: TableView[], specs: Map<TableView, ProfileTable>): Block[] {
  let writer: ReturnType<typeof makeWriter> | undefined;
  const blocks: Block[] = [];
  let described = 0;
  for (const table of chosen) {
    if (specs.get(table)?.narrative && table.project !== undefined) {
      writer ??= makeWriter(ctx);
      blocks.push({ type: 'prose', html: joinHtml(projectParagraphs(writer, table.project, ++described)) });
    }
    blocks.push({ type: 'table', table });
  }
  return blocks;
}

/**
 * A profile's cover lines: the large and medium ones are the cover's heading (the PDF's first
 * bookmark), a small one ("预算主管部门：…") prints under it; a cover of small lines only is all heading.
 */
function coverOf(lines: Array<Pick<CoverLine, 'text' | 'size'>>): CoverLine[] {
  const anyLarge = lines.some((l) => l.size !== 'small');
  return lines.map((l) => ({ ...l, whole: true, heading: !anyLarge || l.size !== 'small' }));
}

export async function buildBooklet(
  file: UnitYearFile,
  kind: DocumentKind,
  lib: Library,
  options: BookletOptions = {},
): Promise<BuiltBooklet> {
  const ctx = makeBuildContext(file, kind, lib);
  const doc = ctx.doc;
  const specs = new Map<TableView, ProfileTable>();
  const tables = buildTables(ctx, specs);
  if (options.charts !== false) attachCharts(tables, await buildCharts(ctx));
  // One writer for every 说明 part, so a figure corrected in two parts is reported once.
  const writer = makeWriter(ctx);
  checkPartFields(ctx);
  // A 项目绩效目标表 an eachProject section prints after its project's narrative is not printed again in a tables part.
  writer.projectTables = projectTablesInText(ctx, tables);
  const inText = new Set(writer.projectTables.values());
  const byPart = tablesByPart(ctx, tables.filter((t) => !inText.has(t)));
  const seen = new Map<string, number>();
  const parts: PartView[] = ctx.parts.map((p) => {
    // The first part of a kind keeps the plain anchors (part-overview, overview-1 …); later ones are numbered.
    const k = (seen.get(p.id) ?? 0) + 1;
    seen.set(p.id, k);
    const base = k === 1 ? p.id : `${p.id}${k}`;
    let blocks: Block[];
    switch (p.id) {
      case 'overview':
        blocks = buildOverview(ctx, p.sections, base);
        break;
      case 'tables':
        blocks = partTables(ctx, byPart.get(p)!, specs);
        break;
      case 'explanation':
        blocks = buildExplanation(ctx, p.sections, base, writer);
        break;
      case 'glossary':
        blocks = buildGlossary(ctx, lib.root, p.entryNumbers);
        break;
    }
    return {
      id: p.id,
      anchor: k === 1 ? `part-${p.id}` : `part-${p.id}-${k}`,
      ...(p.number !== undefined ? { number: p.number } : {}),
      numberGap: ctx.profile.numberGap ?? ' ',
      title: fillTitle(ctx, p.title),
      ...(p.tocDepth !== undefined ? { tocDepth: p.tocDepth as 1 | 2 | 3 } : {}),
      blocks,
    };
  });
  const unit = file.unit;
  // A profile title that places {unit} itself (Shanghai's already names the district) gets no
  // unit-name prefix; the national title is the unit name followed by the document title.
  const placesUnit = doc.title === undefined && ctx.profile.title.includes('{unit}');
  const coverTitle = doc.title ?? fillTitle(ctx, placesUnit ? ctx.profile.title.replaceAll('{unit}', '') : ctx.profile.title);
  const title = placesUnit ? fillTitle(ctx, ctx.profile.title) : `${unit.name}${coverTitle}`;
  const coverLines: CoverLine[] = ctx.profile.cover
    ? coverOf(ctx.profile.cover.map((l) => ({ text: fillTitle(ctx, l.text), size: l.size ?? 'medium' })))
    : [
        { text: unit.name, size: 'medium', whole: false, heading: true },
        { text: coverTitle, size: 'large', whole: false, heading: true },
      ];
  const view: BookletView = {
    key: `${unit.id}/${file.year}/${kind}`,
    unitId: unit.id,
    unitName: unit.name,
    ...(unit.code !== undefined ? { unitCode: unit.code } : {}),
    level: unit.level,
    year: file.year,
    kind,
    kindZh: ctx.kindZh,
    title,
    coverTitle,
    coverLines,
    publishedDate: doc.publishedDate,
    publishedDateZh: doc.publishedDate ? dateZh(doc.publishedDate) : null,
    profileId: ctx.profileId,
    pageNumbers: ctx.profile.pageNumbers ?? 'outside',
    example: unit.example === true,
    paths: bookletPaths(unit.id, file.year, kind),
    parts,
    toc: tocOf(parts),
    tables,
    figures: mainFigures(ctx),
    family: familyOf(file),
  };
  return { view, issues: ctx.issues };
}
