/**
 * 第一部分 概况, as the seeds print it: 一、主要职责; 二、预算（决算）构成 / 机构设置 with the
 * list of units included; 三、年度主要工作任务 (预算) or 年度绩效情况 (决算), where the data has them.
 */
import type { UnitYearFile } from '../model/schema.ts';
import type { BuildContext } from './context.ts';
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

export function buildOverview(ctx: BuildContext): Block[] {
  const { doc, file } = ctx;
  const n = doc.narrative;
  const parts: Array<{ heading: string; blocks: Block[] }> = [];

  parts.push({ heading: '主要职责', blocks: [{ type: 'prose', html: renderMarkdown(n.duties) }] });

  const organisation: Block[] = [];
  if (n.organisation.trim()) organisation.push({ type: 'prose', html: renderMarkdown(n.organisation) });
  const units = file.unit.includes ?? [];
  if (units.length && !listedInText(n.organisation, units)) {
    organisation.push({ type: 'list', items: units.map((u) => (u.nature ? `${u.name}（${u.nature}）` : u.name)) });
  }
  // Seeds 000/002 title it 单位预算构成 / 部门预算构成; the 决算 (seed 001) 机构设置.
  parts.push({ heading: ctx.kind === 'budget' ? `${ctx.levelZh}预算构成` : '机构设置', blocks: organisation });

  if (ctx.kind === 'budget' && n.tasks?.trim()) {
    parts.push({ heading: `${file.year}年度主要工作任务`, blocks: [{ type: 'prose', html: renderMarkdown(n.tasks) }] });
  }
  if (ctx.kind === 'final' && n.performance?.trim()) {
    parts.push({ heading: `${file.year}年度绩效情况`, blocks: [{ type: 'prose', html: renderMarkdown(n.performance) }] });
  }

  return parts.map((p, i) => ({
    type: 'section',
    anchor: `overview-${i + 1}`,
    heading: `${chineseNumeral(i + 1)}、${p.heading}`,
    blocks: p.blocks,
  }));
}
