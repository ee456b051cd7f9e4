/** Rule family «completeness»: every table the profile requires, and the standard sections. */
import type { AnyDocument, DocumentKind } from '../../model/schema.ts';
import { messages } from '../messages.ts';
import { NATIONAL_MINIMUM, tableNameZh, type TableId } from '../../model/profile.ts';
import { push, esc, type DocContext } from './context.ts';
import { figureDef } from '../figures.ts';
import { figureFormat, statedFen } from '../tolerance.ts';
import { fenPerUnit } from '../../model/money.ts';

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

/**
 * Every change (本年 − 上年) and every 决算 − 年初预算 difference the profile's reasonThreshold
 * calls large has its reason in the data (figures.<key>.reason / budgetReason). Compared exactly:
 * |差| × 100 ≥ percent × |基数| in BigInt (percent to 4 decimals), or |差| ≥ amount.
 */
export function checkReasons(ctx: DocContext): void {
  const t = ctx.profile?.reasonThreshold;
  if (!t || (t.percent === undefined && t.amount === undefined)) return;
  const { doc, d, kind } = ctx;
  const amountFen = t.amount === undefined ? undefined : BigInt(Math.round(t.amount * fenPerUnit(ctx.currency)));
  const percent = t.percent === undefined ? undefined : BigInt(Math.round(t.percent * 10_000));
  const large = (diff: number, base: number): boolean => {
    const dd = BigInt(Math.abs(diff));
    if (dd === 0n) return false;
    if (amountFen !== undefined && dd >= amountFen) return true;
    if (percent !== undefined) return base === 0 || dd * 100n * 10_000n >= percent * BigInt(Math.abs(base));
    return false;
  };
  const blank = (s: string | undefined) => s === undefined || s.trim() === '';
  for (const [key, fig] of Object.entries(doc.figures)) {
    const def = figureDef(key);
    if (!def) continue;
    const fv = def.value(doc, d, kind);
    const current = fv.value ?? (fig.stated?.amount !== undefined ? statedFen(fig.stated.amount, figureFormat(ctx.text, fig.stated)) : null);
    if (current === null) continue;
    const label = def.label;
    if (fig.previous !== undefined && blank(fig.reason)) {
      const previous = d.money(fig.previous);
      if (large(current - previous, previous)) push(ctx, `/figures/${esc(key)}`, 'warning', 'complete.reason-missing', messages['complete.reason-missing']({ label, what: '比上年增减', field: 'reason' }), '写明原因', '（没有原因）');
    }
    if (kind === 'final' && blank(fig.budgetReason)) {
      const budget = fv.budget ?? (fig.stated?.budget !== undefined ? statedFen(fig.stated.budget, figureFormat(ctx.text, fig.stated)) : null);
      if (budget !== null && budget !== undefined && large(current - budget, budget)) {
        push(ctx, `/figures/${esc(key)}`, 'warning', 'complete.reason-missing', messages['complete.reason-missing']({ label, what: '决算数与年初预算数的差异', field: 'budgetReason' }), '写明原因', '（没有原因）');
      }
    }
  }
}
