/**
 * 第一部分 概况, as the seeds print it: 一、主要职责; 二、预算（决算）构成 / 机构设置 with the
 * list of units included; 三、年度主要工作任务 (预算) or 年度绩效情况 (决算), where the data has them.
 */
import type { DocumentKind, UnitYearFile } from '../model/schema.ts';
import type { ProfileSection } from '../model/profile.ts';
import { BookletError, fillTitle, type BuildContext } from './context.ts';
import { resolveWording } from './wording.ts';
import type { Block } from './model.ts';
import { renderMarkdown } from './prose.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一、二、… for section headings (the overview never has more than ten). */
export function chineseNumeral(n: number): string {
  if (n <= 10) return NUMERALS[n - 1]!;
  if (n < 20) return `十${NUMERALS[n - 11]!}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${NUMERALS[tens - 1]!}十${ones ? NUMERALS[ones - 1]! : ''}`;
}

const LIST_LINE = /^\s*(\d+[.、．]|[-*+]|（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\))\s*/;

/**
 * The organisation text of some seeds already lists the units (seed 004: "1. …局机关本级；2. …").
 * The list is then not printed a second time.
 */
function listedInText(text: string, units: NonNullable<UnitYearFile['unit']['includes']>): boolean {
  const lines = text.split('\n').filter((l) => LIST_LINE.test(l));
  return units.every((u) => lines.some((l) => l.includes(u.name)));
}

/** The overview sections the national layout prints, by kind (one profile part lists its own instead). */
export function defaultOverviewSections(kind: DocumentKind): ProfileSection[] {
  return kind === 'budget' ? [{ id: 'duties' }, { id: 'organisation' }, { id: 'tasks' }] : [{ id: 'duties' }, { id: 'organisation' }, { id: 'performance' }];
}

export const OVERVIEW_SECTIONS = ['duties', 'organisation', 'units', 'tasks', 'performance'] as const;

/**
 * The blocks of one overview section, or null where the data has nothing for it (tasks,
 * performance: left out; duties and organisation are always printed, as the seeds do).
 */
function sectionBlocks(ctx: BuildContext, section: ProfileSection): Block[] | null {
  const { file } = ctx;
  const n = ctx.doc.narrative;
  const units = file.unit.includes ?? [];
  // The template's 单位构成 table names each unit as included (its nature is not a column there).
  const unitList: Block =
    section.unitList === 'table'
      ? { type: 'roster', caption: '单位构成', head: ['序号', '单位名称', '备注'], rows: units.map((u, i) => [String(i + 1), u.name, u.note ?? '']) }
      : { type: 'list', items: units.map((u) => (u.nature ? `${u.name}（${u.nature}）` : u.name)) };
  const id = section.id;
  switch (id) {
    case 'duties':
      return [{ type: 'prose', html: renderMarkdown(n.duties) }];
    case 'organisation': {
      const organisation: Block[] = [];
      if (n.organisation.trim()) organisation.push({ type: 'prose', html: renderMarkdown(n.organisation) });
      if (units.length && !listedInText(n.organisation, units)) organisation.push(unitList);
      return organisation;
    }
    case 'units':
      return units.length ? [unitList] : null;
    case 'tasks':
      return n.tasks?.trim() ? [{ type: 'prose', html: renderMarkdown(n.tasks) }] : null;
    case 'performance':
      return n.performance?.trim() ? [{ type: 'prose', html: renderMarkdown(n.performance) }] : null;
    default:
      throw new BookletError(`表式 ${ctx.profileId} 的概况中有不认识的节“${id}”，应为 ${OVERVIEW_SECTIONS.join('、')} 之一`);
  }
}

/**
 * 概况: the listed sections (or the national ones) in order, numbered 一、二、… as printed; a
 * section with `heading: null` prints its text straight under the part (Shanghai's 一、主要职能).
 * `anchorBase` keeps anchors unique where a booklet has two overview parts.
 */
export function buildOverview(ctx: BuildContext, sections: readonly ProfileSection[] = defaultOverviewSections(ctx.kind), anchorBase = 'overview'): Block[] {
  const wording = resolveWording(ctx, []);
  const out: Block[] = [];
  let numbered = 0;
  for (const s of sections) {
    const blocks = sectionBlocks(ctx, s);
    if (blocks === null) continue;
    if (s.heading === null) {
      out.push(...blocks);
      continue;
    }
    const template = s.heading ?? wording[`overview.${s.id}`]!;
    numbered++;
    out.push({ type: 'section', anchor: `${anchorBase}-${numbered}`, heading: `${chineseNumeral(numbered)}、${fillTitle(ctx, template)}`, blocks });
  }
  return out;
}
