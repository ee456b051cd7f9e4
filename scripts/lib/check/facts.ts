/**
 * A checked file's "facts": the few numbers and names the cross-file rules (rules/cross-file.ts)
 * compare between files, computed where the file is checked (this thread, a check worker or a
 * build worker) and carried with its owner record. Only these cross threads and the build manifest,
 * never the data, so a check of 10,000 files stays cheap: a few dozen amounts per document.
 *
 * Amounts are integer 分 (money.ts), derived exactly from the document's rows (figures.ts).
 */
import type { DocumentKind, UnitYearFile } from '../model/schema.ts';
import type { DocContext } from './rules/context.ts';
import { roundingUnit } from './rules/context.ts';
import { figureDef } from './figures.ts';
import { figureFormat, statedFen } from './tolerance.ts';
import type { Currency } from '../model/money.ts';

/** The amounts a 部门 must have as the sum of its 单位 (one per table), and where they are printed. */
export const SUM_KEYS: ReadonlyArray<readonly [key: string, pointer: string]> = [
  ['income.total', '/income'],
  ['income.current', '/income'],
  ['fiscal.current', '/income'],
  ['expenditure.current', '/expenditure'],
  ['expenditure.basic', '/expenditure'],
  ['expenditure.project', '/expenditure'],
  ['gpb.total', '/expenditure'],
  ['gpb.basic', '/expenditure'],
  ['gpb.project', '/expenditure'],
  ['gfb.total', '/expenditure'],
  ['scob.total', '/expenditure'],
  ['projects.total', '/projects'],
  ['procurement.total', '/procurement'],
  ['purchasedServices.total', '/purchasedServices'],
  ['threePublic.total', '/threePublic'],
  ['operatingCost', '/operatingCost'],
];

export interface AckFact {
  rule: string;
  /** Absolute pointer the acknowledgement covers (the document itself when it names none). */
  scope: string;
  reason: string;
}

export interface DocFacts {
  /** The tables' currency (how amounts are shown in messages). */
  currency: Currency;
  /** One unit of the tables' printed last decimal, in 分 (rounding tolerance). */
  unit: number;
  /** Derived amount per figure key: the SUM_KEYS and every key the document's figures name. */
  values: Record<string, number>;
  /** Printed summands behind a value, where more than one (rounding tolerance). */
  counts: Record<string, number>;
  /** The figures' previous-year amounts (上年可比数), per key. */
  previous: Record<string, number>;
  /** 决算: the 年初预算 per key (from the tables' 年初预算 columns, else the 说明's), and where it is. */
  budget: Record<string, { value: number; pointer: string }>;
  /** The document's acknowledgements of cross-file rules (cross.*). */
  acks: AckFact[];
}

export interface FileFacts {
  name: string;
  code?: string;
  level: 'department' | 'unit';
  parentId?: string;
  /** unit.includes: name and data-folder id. */
  includes: Array<{ name: string; id?: string }>;
  docs: Partial<Record<DocumentKind, DocFacts>>;
}

const BUDGET_POINTER: Record<string, string> = {
  'threePublic.total': '/threePublic/budget',
};

export function docFacts(ctx: DocContext): DocFacts {
  const { doc, d, kind } = ctx;
  const values: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const previous: Record<string, number> = {};
  const budget: Record<string, { value: number; pointer: string }> = {};
  const keys = new Set<string>(SUM_KEYS.map(([k]) => k));
  for (const k of Object.keys(doc.figures)) keys.add(k);
  for (const key of keys) {
    const def = figureDef(key);
    if (!def) continue;
    const fv = def.value(doc, d, kind);
    if (fv.value !== null) values[key] = fv.value;
    if (fv.value !== null && fv.count > 1) counts[key] = fv.count;
    const fig = doc.figures[key];
    if (fig?.previous !== undefined) previous[key] = d.money(fig.previous);
    if (kind === 'final') {
      const s = fig?.stated;
      // The tables' 年初预算 columns are those of the 财政拨款 tables (一般公共预算, “三公”): other
      // keys' table budgets may cover only some funds, so for them only the 说明's own figure counts.
      const tableBudget = /^(gpb|threePublic)[.:]/.test(key) && fv.budget !== undefined && fv.budget !== null && (fv.budget !== 0 || s?.budget !== undefined);
      if (tableBudget) {
        budget[key] = { value: fv.budget!, pointer: BUDGET_POINTER[key] ?? (s?.budget !== undefined ? `/figures/${esc(key)}/stated/budget` : '/expenditure') };
      } else if (s?.budget !== undefined) {
        budget[key] = { value: statedFen(s.budget, figureFormat(ctx.text, s)), pointer: `/figures/${esc(key)}/stated/budget` };
      }
    }
  }
  const acks: AckFact[] = [];
  for (const a of doc.acknowledged ?? []) {
    if (!a.rule.startsWith('cross.')) continue;
    // A link's findings are on /unit/…, outside every document: such a pointer is taken as it is.
    const scope = a.pointer ? (a.pointer.startsWith('/documents/') || a.pointer.startsWith('/unit/') ? a.pointer : ctx.base + a.pointer) : ctx.base;
    acks.push({ rule: a.rule, scope, reason: a.reason });
  }
  return { currency: ctx.currency, unit: roundingUnit(ctx), values, counts, previous, budget, acks };
}

const esc = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The file's facts, with each document's values cut to what another file may ask for: the
 * SUM_KEYS (部门 = Σ 单位), the keys without a 科目 code that the 说明 states, the 科目 keys with a
 * previous-year figure (next year's file gives its 上年数 for the lines its 说明 repeats) and the
 * keys a 决算 gives a 年初预算 for (the same year's 预算).
 */
export function fileFacts(file: UnitYearFile, docs: Partial<Record<DocumentKind, DocFacts>>): FileFacts {
  const keep = new Set<string>(SUM_KEYS.map(([k]) => k));
  for (const doc of Object.values(docs)) for (const k of Object.keys(doc.previous)) keep.add(k);
  // A key without a 科目 code (收入总计, “三公”经费…) is kept whenever the 说明 states it.
  for (const doc of Object.values(docs)) for (const k of Object.keys(doc.values)) if (!k.includes(':')) keep.add(k);
  for (const k of Object.keys(docs.final?.budget ?? {})) keep.add(k);
  for (const doc of Object.values(docs)) {
    for (const k of Object.keys(doc.values)) if (!keep.has(k)) delete doc.values[k];
    for (const k of Object.keys(doc.counts)) if (!keep.has(k)) delete doc.counts[k];
  }
  const u = file.unit;
  return {
    name: u.name,
    ...(u.code !== undefined ? { code: u.code } : {}),
    level: u.level,
    ...(u.parent?.id !== undefined ? { parentId: u.parent.id } : {}),
    includes: (u.includes ?? []).map((i) => ({ name: i.name, ...(i.id !== undefined ? { id: i.id } : {}) })),
    docs,
  };
}
