/**
 * Table builders by table id. Each builder turns the checked document into one or
 * more TableViews (项目绩效目标表 gives one per project) for the profile's spec of the
 * table; the assembler (booklet.ts) adds anchors, CSV names and charts.
 */
import type { ProfileTable, TableId } from '../../model/profile.ts';
import { tableContext, type BuildContext } from '../context.ts';
import type { TableView } from '../model.ts';
import { ledgerBuilders } from './ledger.ts';
import { listBuilders } from './lists.ts';

export type TableDraft = Omit<TableView, 'anchor' | 'csvName' | 'charts'>;
export type TableBuilder = (ctx: BuildContext, spec: ProfileTable) => TableDraft[];

const builders: Partial<Record<TableId, TableBuilder>> = { ...ledgerBuilders, ...listBuilders };

export function tableBuilder(id: TableId): TableBuilder | undefined {
  const build = builders[id];
  if (!build) return undefined;
  // A table may override the document's number format: unit, decimals, separators (Shanghai's 三公
  // table in 万元 among 元 tables), trailing zeros (Anhui prints its 绩效 forms with "5.00").
  return (ctx, spec) => build(tableContext(ctx, spec), spec);
}
