/** Rule family «references»: profile, classification codes and names, figure keys, project units. */
import { messages, type Tentative } from '../messages.ts';
import { figureCode, figureDef } from '../figures.ts';
import type { Library } from '../../model/reference.ts';
import { FUND_ZH, esc, push, knownUnitNames, type DocContext } from './context.ts';
import { documentWordingKeys, TABLE_SECTION_IDS, templateProblem } from '../../booklet/wording.ts';

export function checkReferences(ctx: DocContext, lib: Library): void {
  const { doc, file } = ctx;
  if (!ctx.profile) {
    push(ctx, '/profile', 'error', 'ref.profile-unknown', messages['ref.profile-unknown']({
      profile: doc.profile,
      kind: ctx.kind === 'budget' ? '预算' : '决算',
      known: [...lib.profiles.values()].filter((p) => p.kinds[ctx.kind]).map((p) => p.id).join('、'),
    }), undefined, doc.profile);
  }
  if (ctx.profile) {
    // A file's own sentences replace the profile's by key: a key the profile lacks would never print.
    const allowed = documentWordingKeys(ctx.profile, ctx.kind, TABLE_SECTION_IDS);
    const words = Object.keys(ctx.profile.levelWords ?? {});
    for (const [key, template] of Object.entries(doc.wording ?? {})) {
      const at = `/wording/${esc(key)}`;
      if (!allowed.has(key)) {
        push(ctx, at, 'error', 'ref.wording-key', messages['ref.wording-key']({ key, profile: doc.profile, known: Object.keys(ctx.profile.wording ?? {}).sort().join('、') }), undefined, key);
        continue;
      }
      const problem = templateProblem(template, words);
      if (problem) push(ctx, at, 'error', 'ref.wording-template', messages['ref.wording-template']({ key, problem }), undefined, template);
    }
  }
  const ref = ctx.reference;
  const choice = ctx.referenceChoice;
  if (!ref) {
    push(ctx, '', 'warning', 'ref.reference-year', messages['ref.reference-year']({ year: file.year }));
  } else if (choice.fallback) {
    push(ctx, '', 'warning', 'ref.reference-fallback', messages['ref.reference-fallback']({ year: file.year, used: choice.usedYear! }));
  }
  if (ref && choice.provisional) {
    push(ctx, '', 'notice', 'ref.reference-provisional', messages['ref.reference-provisional']({ used: choice.usedYear!, basis: ref.basis }));
  }
  // Against an earlier year's table or a provisional one, an unknown code may be a new one of the
  // year: a warning that says so, not an error that stops the build.
  const refYear = choice.usedYear ?? file.year;
  const tentative: Tentative | undefined =
    ref && (choice.fallback || choice.provisional) ? { docYear: file.year, used: refYear, provisional: choice.provisional } : undefined;
  const unknownSeverity = tentative ? 'warning' : 'error';
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
      push(ctx, `/expenditure/${i}/code`, unknownSeverity, 'ref.unknown-code', messages['ref.unknown-code']({ code: row.code, year: refYear, what: '功能分类', tentative }), undefined, row.code);
    } else if (row.name !== undefined && normaliseName(row.name) !== normaliseName(official)) {
      push(ctx, `/expenditure/${i}/name`, 'warning', 'ref.name-mismatch', messages['ref.name-mismatch']({ code: row.code, printed: row.name, official, year: refYear, tentative }), official, row.name);
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
      push(ctx, `/economic/${i}/code`, unknownSeverity, 'ref.unknown-code', messages['ref.unknown-code']({ code: row.code, year: refYear, what: '经济分类', tentative }), undefined, row.code);
    } else if (row.name !== undefined && normaliseName(row.name) !== normaliseName(official)) {
      push(ctx, `/economic/${i}/name`, 'warning', 'ref.name-mismatch', messages['ref.name-mismatch']({ code: row.code, printed: row.name, official, year: refYear, tentative }), official, row.name);
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
        push(ctx, ptr, unknownSeverity, 'ref.unknown-code', messages['ref.unknown-code']({ code, year: refYear, what: key.startsWith('economic:') ? '经济分类' : '功能分类', tentative }), undefined, code);
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
