/** Rule family «completeness»: every table the profile requires, and the standard sections. */
import type { AnyDocument, DocumentKind } from '../../model/schema.ts';
import { messages } from '../messages.ts';
import { NATIONAL_MINIMUM, tableNameZh, type TableId } from '../../model/profile.ts';
import { push, type DocContext } from './context.ts';

/** Whether the data behind a table is present (possibly empty) or absent. */
function tablePresent(doc: AnyDocument, kind: DocumentKind, id: TableId): boolean {
  if (doc.missingTables?.includes(id)) return false;
  switch (id) {
    case 'threePublic':
      return doc.threePublic !== null;
    case 'procurement':
      return doc.procurement !== null;
    case 'purchasedServices':
      return doc.purchasedServices !== null;
    case 'departmentPerformance':
    case 'departmentEvaluation':
      return doc.departmentPerformance !== null;
    default:
      return true;
  }
}

export function checkCompleteness(ctx: DocContext): void {
  const { doc, kind } = ctx;
  const required: TableId[] = ctx.profile?.tables.length ? ctx.profile.tables.map((t) => t.id) : NATIONAL_MINIMUM[kind];
  for (const id of required) {
    if (!tablePresent(doc, kind, id)) {
      const table = ctx.profile?.tables.find((t) => t.id === id);
      const idx = doc.missingTables?.indexOf(id) ?? -1;
      push(ctx, idx >= 0 ? `/missingTables/${idx}` : `/${id === 'departmentEvaluation' ? 'departmentPerformance' : id}`, 'error', 'complete.table-missing', messages['complete.table-missing']({ table: `${table?.number ? table.number + ' ' : ''}${tableNameZh[id]}`, profile: ctx.profileId }));
    }
  }
  for (const [field, section] of [['operatingCost', '机关运行经费'], ['assets', '国有资产占用情况'], ['threePublic', '“三公”经费']] as const) {
    if (doc[field] === null && !(field === 'threePublic' && required.includes('threePublic'))) {
      push(ctx, `/${field}`, 'warning', 'complete.section-missing', messages['complete.section-missing']({ section }));
    }
  }
}
