/** Rule family «references»: profile, classification codes and names, figure keys, project units. */
import { messages } from '../messages.ts';
import { figureCode, figureDef } from '../figures.ts';
import type { Library } from '../../model/reference.ts';
import { FUND_ZH, esc, push, knownUnitNames, type DocContext } from './context.ts';

export function checkReferences(ctx: DocContext, lib: Library): void {
  const { doc, file } = ctx;
  if (!ctx.profile) {
    push(ctx, '/profile', 'error', 'ref.profile-unknown', messages['ref.profile-unknown']({
      profile: doc.profile,
      kind: ctx.kind === 'budget' ? '预算' : '决算',
      known: [...lib.profiles.values()].filter((p) => p.kinds[ctx.kind]).map((p) => p.id).join('、'),
    }), undefined, doc.profile);
  }
  const ref = ctx.reference;
  if (!ref) {
    push(ctx, '', 'warning', 'ref.reference-year', messages['ref.reference-year']({ year: file.year }));
  }
  const seen = new Map<string, number>();
  doc.expenditure.forEach((row, i) => {
    const key = `${row.code}|${row.fund}|${row.unitCode ?? ''}`;
    if (seen.has(key)) {
      push(ctx, `/expenditure/${i}/code`, 'error', 'ref.duplicate-row', messages['ref.duplicate-row']({ code: row.code, fund: FUND_ZH[row.fund] ?? row.fund }));
    }
    seen.set(key, i);
    if (!ref) return;
    const official = ref.function[row.code];
    if (official === undefined) {
      push(ctx, `/expenditure/${i}/code`, 'error', 'ref.unknown-code', messages['ref.unknown-code']({ code: row.code, year: file.year, what: '功能分类' }), undefined, row.code);
    } else if (row.name !== undefined && normaliseName(row.name) !== normaliseName(official)) {
      push(ctx, `/expenditure/${i}/name`, 'warning', 'ref.name-mismatch', messages['ref.name-mismatch']({ code: row.code, printed: row.name, official, year: file.year }), official, row.name);
    }
  });
  const seenEco = new Set<string>();
  doc.economic.forEach((row, i) => {
    const scheme = row.scheme ?? 'department';
    const key = `${row.code}|${row.fund}|${scheme}`;
    if (seenEco.has(key)) {
      push(ctx, `/economic/${i}/code`, 'error', 'ref.duplicate-row', messages['ref.duplicate-row']({ code: row.code, fund: FUND_ZH[row.fund] ?? row.fund }));
    }
    seenEco.add(key);
    if (!ref) return;
    const table = scheme === 'government' ? ref.economicGovernment : ref.economicDepartment;
    const official = table[row.code];
    if (official === undefined) {
      push(ctx, `/economic/${i}/code`, 'error', 'ref.unknown-code', messages['ref.unknown-code']({ code: row.code, year: file.year, what: '经济分类' }), undefined, row.code);
    } else if (row.name !== undefined && normaliseName(row.name) !== normaliseName(official)) {
      push(ctx, `/economic/${i}/name`, 'warning', 'ref.name-mismatch', messages['ref.name-mismatch']({ code: row.code, printed: row.name, official, year: file.year }), official, row.name);
    }
  });
  for (const key of Object.keys(doc.figures)) {
    const def = figureDef(key);
    const ptr = `/figures/${esc(key)}`;
    if (!def) {
      push(ctx, ptr, 'error', 'ref.figure-key', messages['ref.figure-key']({ key }), undefined, key);
      continue;
    }
    const code = figureCode(key);
    if (code && ref) {
      const table = key.startsWith('economic:') ? ref.economicDepartment : ref.function;
      if (table[code] === undefined) {
        push(ctx, ptr, 'error', 'ref.unknown-code', messages['ref.unknown-code']({ code, year: file.year, what: key.startsWith('economic:') ? '经济分类' : '功能分类' }), undefined, code);
      }
    }
  }
  // A project's unit must be one of the department's units (or the unit itself).
  const names = knownUnitNames(file);
  doc.projects.forEach((p, i) => {
    if (!names.includes(p.unit)) {
      push(ctx, `/projects/${i}/unit`, 'error', 'ref.project-unit', messages['ref.project-unit']({ unit: p.unit, known: names.join('、') }), names.join('、'), p.unit);
    }
  });
}

/** Full-width and half-width brackets and spaces are the same name. */
function normaliseName(name: string): string {
  return name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}
