/**
 * Open data at portal level (docs/门户.md): the main figures of every booklet in one table, so a
 * journalist or an auditor can load a whole district in a spreadsheet. CSV in UTF-8 with a BOM
 * (Excel opens it as it is), amounts in 元 with two decimals (exact: 分 written out, no float);
 * JSON with the same rows and amounts in 分 (integers). Rows in the clerk's order (部门 code).
 */
import { MAIN_FIGURES } from '../booklet/main-figures.ts';
import { formatMoney } from '../model/money.ts';
import { csvLine } from './csv.ts';
import type { BookletSummary } from './model.ts';
import { clerkOrder } from './portal.ts';

/** Column heads of main-figures.csv, in order (documented in docs/门户.md). */
export const OPEN_DATA_COLUMNS = [
  '单位标识',
  '单位名称',
  '单位代码',
  '层级',
  '所属部门标识',
  '所属部门',
  '地区',
  '年度',
  '类型',
  '标题',
  '公开日期',
  ...MAIN_FIGURES.map((f) => `${f.label}（元）`),
  '网页',
  'PDF',
  '数据',
] as const;

const LEVEL_ZH = { department: '部门', unit: '单位' } as const;

export function openDataCsv(summaries: BookletSummary[]): string {
  const lines = [csvLine([...OPEN_DATA_COLUMNS])];
  for (const s of clerkOrder(summaries)) {
    lines.push(
      csvLine([
        s.unitId,
        s.unitName,
        s.unitCode ?? '',
        LEVEL_ZH[s.level],
        s.family.parentId ?? '',
        s.family.parentName ?? '',
        s.family.region ?? '',
        String(s.year),
        s.kindZh,
        s.title,
        s.publishedDate ?? '',
        ...MAIN_FIGURES.map((f) => {
          const v = s.figures[f.id];
          return v === null ? '' : formatMoney(v, 'yuan', 2);
        }),
        s.paths.html,
        s.paths.pdf,
        s.paths.data,
      ]),
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function openDataJson(summaries: BookletSummary[]): string {
  const rows = clerkOrder(summaries).map((s) => ({
    unitId: s.unitId,
    unit: s.unitName,
    unitCode: s.unitCode ?? null,
    level: s.level,
    parentId: s.family.parentId ?? null,
    parent: s.family.parentName ?? null,
    region: s.family.region ?? null,
    year: s.year,
    kind: s.kind,
    title: s.title,
    publishedDate: s.publishedDate,
    currency: 'fen',
    figures: Object.fromEntries(MAIN_FIGURES.map((f) => [f.id, s.figures[f.id]])),
    html: s.paths.html,
    pdf: s.paths.pdf,
    data: s.paths.data,
  }));
  return JSON.stringify(rows, null, 2) + '\n';
}
