/**
 * A booklet's main figures (收入, 支出, 基本/项目, 财政拨款, “三公”), in exact 分, derived from
 * its rows by the figure registry that `check` and the 说明 use (check/figures.ts). They travel
 * in the booklet's summary, so the portal's pages across years, the 部门 sums and the open data
 * are made from summaries alone, never by reading a data file again.
 */
import type { Fen } from '../model/money.ts';
import { figureDef } from '../check/figures.ts';
import type { BuildContext } from './context.ts';

/** Figure name in summaries and open data → the registry key it is derived by, and its label. */
export const MAIN_FIGURES = [
  { id: 'income', key: 'income.total', label: '收入总计' },
  { id: 'expenditure', key: 'expenditure.total', label: '支出总计' },
  { id: 'basic', key: 'expenditure.basic', label: '基本支出' },
  { id: 'project', key: 'expenditure.project', label: '项目支出' },
  { id: 'fiscal', key: 'fiscal.current', label: '财政拨款收入' },
  { id: 'threePublic', key: 'threePublic.total', label: '“三公”经费' },
] as const;

export type MainFigureId = (typeof MAIN_FIGURES)[number]['id'];

/** Each main figure in 分; null where the data does not give it (a 基本/项目 split not recorded, no “三公” table). */
export type MainFigures = Record<MainFigureId, Fen | null>;

export function mainFigures(ctx: BuildContext): MainFigures {
  const out = {} as MainFigures;
  for (const f of MAIN_FIGURES) out[f.id] = figureDef(f.key)!.value(ctx.doc, ctx.d, ctx.kind).value;
  return out;
}
