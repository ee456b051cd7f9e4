/**
 * `npm run new`: the next year's data file, scaffolded from the unit's history.
 *
 *   data/<unit>/<Y-1>.json ─┬─ identity (unit), narrative, projects, glossary   → carried for editing
 *                           └─ same-kind document, derived (figures.ts)        → figures.*.previous
 *   data/<unit>/<Y>.json   ─── (决算 only) its 预算                             → 年初预算 columns, projects
 *   data/_profiles/<id>    ─── (no history) the profile                        → skeleton
 *                           ▼
 *   one document, keys in schema order ─▶ new file, or added to the Y file (nothing existing changes)
 *
 * "Left to fill" in the data model's own terms, so the scaffold passes the schema and `check`
 * names each thing still to do:
 * - every public table of the profile is listed in `missingTables` (complete.table-missing, an error:
 *   the file cannot be published until the table is filled and its entry removed);
 * - this year's amounts are simply absent (an absent amount is a blank cell), tables are empty lists;
 * - the sections check asks for by name are null: 机关运行经费, 国有资产, “三公”经费
 *   (complete.section-missing);
 * - dates are null (plaus.no-published-date, plaus.no-approval-date);
 * - text that must be rewritten for the year carries the marker 【待填】 (plaus.placeholder).
 * Nothing is filled with zeros that would publish as real figures.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkBytes, type CheckedFile } from '../check/check.ts';
import { locate } from '../model/json.ts';
import { derive } from '../check/derive.ts';
import { figureDef } from '../check/figures.ts';
import { formatMoney, formatMoneyPlain, fromAmount, type Currency, type Fen } from '../model/money.ts';
import { orderBySchema } from '../model/schema-path.ts';
import { tableNameZh, type ProfileKind, type TableId } from '../model/profile.ts';
import type { Library } from '../model/reference.ts';
import type {
  AnyDocument,
  BudgetDocument,
  DepartmentPerformance,
  DocumentKind,
  ExpenditureRow,
  Figure,
  FinalDocument,
  Indicator,
  Narrative,
  Project,
  ThreePublic,
  Unit,
  UnitYearFile,
} from '../model/schema.ts';

/** The marker `check` reports as text still to write (check/rules/plausibility.ts PLACEHOLDER). */
export const TO_FILL = '【待填】';

export const SCHEMA_REF = '../_schema/unit-year.schema.json';

/** A user mistake or a refusal: a Chinese message and the exit code (1, or 2 for a usage mistake). */
export class ScaffoldError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

export interface ScaffoldOptions {
  kind: DocumentKind;
  /** Profile id; required without history, otherwise overrides the carried one. */
  profile?: string;
  /** Unit's full name, for a unit without history. */
  name?: string;
  /** Unit level, for a unit without history (default department). */
  level?: 'department' | 'unit';
}

export interface ScaffoldSummary {
  /** The document created ("2025年度预算"). */
  title: string;
  /** Files read, relative to the root. */
  sources: string[];
  carried: string[];
  toFill: string[];
  notes: string[];
}

export interface Scaffold {
  /** data/<unit>/<year>.json */
  file: string;
  /** create: a new file; add: the document is added to the existing file of the year. */
  mode: 'create' | 'add';
  /** The existing file's text (mode add), checked again just before writing. */
  original?: string;
  text: string;
  summary: ScaffoldSummary;
}

const KIND_ZH: Record<DocumentKind, string> = { budget: '预算', final: '决算' };
const OTHER: Record<DocumentKind, DocumentKind> = { budget: 'final', final: 'budget' };

interface Loaded {
  file: string;
  text: string;
  data: UnitYearFile;
}

function load(root: string, file: string, lib: Library): Loaded | undefined {
  const path = join(root, file);
  if (!existsSync(path)) return undefined;
  const bytes = readFileSync(path);
  const checked: CheckedFile = checkBytes(file, bytes, lib);
  if (!checked.data) {
    throw new ScaffoldError(`${file} 没有通过 JSON 或 Schema 检查，无法沿用。请先修正：npm run check -- ${file}`);
  }
  return { file, text: bytes.toString('utf8').replace(/^\uFEFF/, ''), data: checked.data };
}

/** Years with a data file for the unit, below `year`, newest first. */
function earlierYears(root: string, unitId: string, year: number): number[] {
  const dir = join(root, 'data', unitId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((n) => /^(\d{4})\.json$/.exec(n)?.[1])
    .filter((y): y is string => y !== undefined)
    .map(Number)
    .filter((y) => y < year)
    .sort((a, b) => b - a);
}

// ------------------------------------------------------------------ money

/** 分 as a JSON amount in `currency`, exactly (checked by decoding it back). */
export function toAmount(fen: Fen, currency: Currency): number {
  const value = Number(formatMoneyPlain(fen, currency));
  if (fromAmount(value, currency) !== fen) throw new Error(`amount ${fen} 分 has no exact ${currency} literal`);
  return value;
}

function profileOf(lib: Library, id: string, kind: DocumentKind): ProfileKind | undefined {
  return lib.profiles.get(id)?.kinds[kind];
}

function knownProfiles(lib: Library, kind: DocumentKind): string {
  return [...lib.profiles.values()].filter((p) => p.kinds[kind]).map((p) => p.id).sort().join('、') || '（无）';
}

// ------------------------------------------------------------------ carried parts

/**
 * Previous-year comparables: every figure the unit's last document of this kind recorded, with the
 * value that document gives it (derived from its tables as the booklet printed it; the stated or
 * table figure where the tables do not give it). Reasons are last year's and are not carried; the
 * 主要用途 text is.
 */
function previousFigures(prev: AnyDocument, kind: DocumentKind, lib: Library, currency: Currency): Record<string, Figure> {
  const p = profileOf(lib, prev.profile, kind);
  const prevCurrency = p?.currency ?? 'wan';
  const d = derive(prev, kind, prevCurrency, p?.decimals ?? 2);
  const out: Record<string, Figure> = {};
  for (const [key, fig] of Object.entries(prev.figures)) {
    const def = figureDef(key);
    if (!def) continue;
    let value = def.value(prev, d, kind).value;
    if (value === null && fig.stated?.amount !== undefined) value = d.money(fig.stated.amount);
    if (value === null && fig.table !== undefined) value = d.money(fig.table);
    if (value === null) continue;
    out[key] = { previous: toAmount(value, currency), ...(fig.purpose !== undefined ? { purpose: fig.purpose } : {}) };
  }
  return out;
}

function markToFill(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text.startsWith(TO_FILL) ? text : `${TO_FILL}${text}`;
}

/** Narrative: the unit's standing text as it was; the year's own text marked 【待填】. */
function carryNarrative(from: AnyDocument | undefined, sameKind: boolean, kind: DocumentKind): { narrative: Narrative; marked: string[] } {
  if (!from) return { narrative: { duties: TO_FILL, organisation: TO_FILL }, marked: ['主要职责', '机构设置'] };
  const n = from.narrative;
  const out: Narrative = { duties: n.duties, organisation: n.organisation };
  if (n.otherMatters) out.otherMatters = n.otherMatters;
  const marked: string[] = [];
  if (sameKind) {
    const own: Array<[keyof Narrative, string]> =
      kind === 'budget' ? [['tasks', '年度主要工作任务'], ['performanceTargets', '绩效目标设置情况']] : [['performance', '绩效情况概述'], ['evaluation', '绩效自评情况']];
    for (const [field, zh] of own) {
      const text = n[field];
      if (typeof text === 'string') {
        (out as Record<string, unknown>)[field] = markToFill(text);
        marked.push(zh);
      }
    }
  }
  return { narrative: out, marked };
}

const indicatorKey = (i: Indicator) => `${i.level1}|${i.level2 ?? ''}|${i.level3 ?? ''}`;

/**
 * An indicator as a target for the new year: the row and its target value stay; results of a
 * self-evaluation go. For a 决算, last year's 实际完成值 becomes the 上年实际完成值.
 */
function carryIndicators(list: Indicator[], kind: DocumentKind, lastYear: Indicator[] | undefined): Indicator[] {
  const actuals = new Map<string, string>();
  for (const i of lastYear ?? []) if (i.actual !== undefined && !actuals.has(indicatorKey(i))) actuals.set(indicatorKey(i), i.actual);
  return list.map((i) => {
    const { previousActual: _p, actual: _a, score: _s, deviation: _d, ...target } = i;
    const previous = kind === 'final' ? actuals.get(indicatorKey(i)) : undefined;
    return previous !== undefined ? { ...target, previousActual: previous } : target;
  });
}

/** Henan 绩效表 header items holding amounts (forms-performance.ts labels). */
const ATTR_THIS_YEAR = '项目总金额';
const ATTR_LAST_YEAR = ['上年度项目总金额', '项目上年度金额'];

/**
 * Projects to budget again: name, unit, texts and 绩效目标 for editing; funds empty (to fill),
 * printed totals and self-evaluation dropped. Amounts in the header items of a 绩效表 move down a
 * year: this year's is to fill, last year's is last year's project total.
 */
function carryProjects(projects: Project[], kind: DocumentKind, lastYear: { doc: AnyDocument; kind: DocumentKind; lib: Library } | undefined): Project[] {
  let lastTotals: Map<string, string> | undefined;
  let lastProjects: Map<string, Project> | undefined;
  if (lastYear) {
    const p = profileOf(lastYear.lib, lastYear.doc.profile, lastYear.kind);
    const currency = p?.currency ?? 'wan';
    const d = derive(lastYear.doc, lastYear.kind, currency, p?.decimals ?? 2);
    lastTotals = new Map(lastYear.doc.projects.map((proj, i) => [proj.name, formatMoney(d.projectTotals[i]!, currency, 2)]));
    lastProjects = new Map(lastYear.doc.projects.map((proj) => [proj.name, proj]));
  }
  return projects.map((p) => {
    // printedName / printedUnit record how last year's original printed them; a new booklet prints the names.
    const { funds: _f, total: _t, midTotal: _m, otherFunds: _o, evaluation: _e, printedName: _n, printedUnit: _u, attributes, indicators, ...rest } = p;
    const out: Project = { ...rest, funds: {}, indicators: carryIndicators(indicators, kind, kind === 'final' ? lastProjects?.get(p.name)?.indicators : undefined) };
    if (attributes) {
      out.attributes = attributes.map((a) => {
        if (a.label === ATTR_THIS_YEAR) return { ...a, value: TO_FILL };
        if (ATTR_LAST_YEAR.includes(a.label)) {
          const last = lastTotals?.get(p.name);
          return { ...a, value: last ?? TO_FILL };
        }
        return a;
      });
    }
    return out;
  });
}

function carryDepartmentPerformance(dp: DepartmentPerformance, kind: DocumentKind, lastYear: DepartmentPerformance | null | undefined): DepartmentPerformance {
  return {
    dutyGoal: dp.dutyGoal,
    tasks: dp.tasks.map(({ amount: _a, ...t }) => t),
    indicators: carryIndicators(dp.indicators, kind, kind === 'final' ? lastYear?.indicators : undefined),
  };
}

/** The profile's public tables, in its order, each once. */
function profileTables(p: ProfileKind): TableId[] {
  return [...new Set(p.tables.map((t) => t.id))];
}

// ------------------------------------------------------------------ the document

interface Sources {
  year: number;
  kind: DocumentKind;
  profileId: string;
  profile: ProfileKind;
  /** The same kind of document of Y-1: previous-year comparables. */
  prevSame: Loaded | undefined;
  /** The other document of year Y (决算: its 预算, for 年初预算 and projects). */
  sibling: AnyDocument | undefined;
  /** Where the narrative and the rest of the standing content come from. */
  narrativeFrom: AnyDocument | undefined;
  narrativeSameKind: boolean;
  lib: Library;
}

function buildDocument(s: Sources, summary: ScaffoldSummary): AnyDocument {
  const { kind, year, profile, lib } = s;
  const prev = s.prevSame?.data.documents[kind];
  const from = s.narrativeFrom;
  const currency = profile.currency;
  const tables = profileTables(profile);

  const { narrative, marked } = carryNarrative(from, s.narrativeSameKind, kind);
  if (from) {
    summary.carried.push(`文字部分：主要职责、机构设置${narrative.otherMatters ? `、其他重要事项（${narrative.otherMatters.length} 段）` : ''}`);
  }
  if (marked.length) summary.toFill.push(`文字部分：${marked.join('、')}（已加“${TO_FILL}”，请按本年度改写后删去标记）`);

  const doc: Record<string, unknown> = { profile: s.profileId };
  const title = prev?.title;
  if (title !== undefined) {
    doc.title = title.replaceAll(String(year - 1), String(year));
    summary.carried.push(`标题：${doc.title as string}`);
  }
  doc.approvedDate = null;
  doc.publishedDate = null;
  summary.toFill.push('批复日期 approvedDate、公开日期 publishedDate（现为 null）');
  doc.narrative = narrative;
  doc.income = { carryover: {} };
  doc.economic = [];

  // Expenditure: a 决算 prints its 年初预算 beside each line, known from the year's 预算.
  const budget = kind === 'final' && s.sibling ? (s.sibling as BudgetDocument) : undefined;
  if (budget) {
    const bp = profileOf(lib, budget.profile, 'budget');
    const d = derive(budget, 'budget', bp?.currency ?? 'wan', bp?.decimals ?? 2);
    const rows: ExpenditureRow[] = [];
    budget.expenditure.forEach((row, i) => {
      const v = d.leaves[i];
      if (!v) return;
      const out: ExpenditureRow = { code: row.code, fund: row.fund };
      if (row.unitCode !== undefined) out.unitCode = row.unitCode;
      out.budget = toAmount(v.total, currency);
      if (v.basic !== null && v.project !== null) {
        out.budgetBasic = toAmount(v.basic, currency);
        out.budgetProject = toAmount(v.project, currency);
      }
      rows.push(out);
    });
    doc.expenditure = rows;
    if (rows.length) summary.carried.push(`支出行 ${rows.length} 行：科目和年初预算数（取自本年预算），决算数待填`);
  } else {
    doc.expenditure = [];
  }

  // Projects: this year's (决算: those of the year's 预算), else last year's.
  const projectSource = budget ?? prev ?? (from && s.narrativeSameKind ? from : undefined);
  const projects = projectSource
    ? carryProjects(projectSource.projects, kind, prev ? { doc: prev, kind, lib } : undefined)
    : [];
  doc.projects = projects;
  if (projects.length) {
    summary.carried.push(`项目 ${projects.length} 个（名称、单位、说明文字和绩效指标${kind === 'final' && prev ? '；上年实际完成值取自上年决算' : ''}）`);
    summary.toFill.push(`项目资金 funds（${projects.length} 个项目；已结束的项目请删除，新项目请添加）`);
  }

  doc.procurement = from?.procurement === null ? null : { items: [] };
  doc.purchasedServices = from?.purchasedServices === null ? null : [];

  // “三公”经费: a 决算 table prints 年初预算数 beside 决算数.
  const tp = budget?.threePublic;
  if (budget && tp && tables.includes('threePublic')) {
    const bp = profileOf(lib, budget.profile, 'budget');
    const m = derive(budget, 'budget', bp?.currency ?? 'wan', bp?.decimals ?? 2).money;
    const b: ThreePublic['amounts'] = {};
    for (const k of ['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const) {
      if (tp.amounts[k] !== undefined) b[k] = toAmount(m(tp.amounts[k]), currency);
    }
    doc.threePublic = { amounts: {}, budget: b };
    summary.carried.push('“三公”经费的年初预算数（取自本年预算），决算数待填');
  } else {
    doc.threePublic = null;
  }
  doc.operatingCost = null;
  doc.assets = null;
  const nullSections = ['机关运行经费 operatingCost', '国有资产占用情况 assets', ...(doc.threePublic === null ? ['“三公”经费 threePublic'] : [])];
  summary.toFill.push(`${nullSections.join('、')}（现为 null；没有的写 0 或空表，不要留 null）`);

  const dpSource = (budget ?? prev ?? from)?.departmentPerformance;
  const dpTable = tables.includes('departmentPerformance') || tables.includes('departmentEvaluation');
  if (dpSource) {
    doc.departmentPerformance = carryDepartmentPerformance(dpSource, kind, prev?.departmentPerformance);
    summary.carried.push('部门整体绩效：年度履职目标、任务和绩效指标（金额待填）');
  } else if (dpTable) {
    doc.departmentPerformance = { dutyGoal: TO_FILL, tasks: [], indicators: [] };
    summary.toFill.push('部门整体绩效：年度履职目标、任务和绩效指标');
  } else {
    doc.departmentPerformance = null;
  }

  if (prev) {
    const figures = previousFigures(prev, kind, lib, currency);
    doc.figures = figures;
    summary.carried.push(`上年可比数 ${Object.keys(figures).length} 个（figures 中的 previous，取自 ${s.prevSame!.file} 的${KIND_ZH[kind]}）`);
  } else {
    doc.figures = {};
    summary.notes.push(`没有 ${year - 1} 年的${KIND_ZH[kind]}，说明中的上年可比数（figures 中的 previous）需要手工填写。`);
  }
  doc.glossary = from?.glossary ?? { includeDefault: true, entries: [] };
  if (from) summary.carried.push(`名词解释：${from.glossary.includeDefault ? '全国通用名词，' : ''}本单位 ${from.glossary.entries.length} 条`);

  // A 预算's carryforward (结转下年) is optional: absent is a blank line. A 决算's tables are required.
  if (kind === 'final') {
    doc.balances = { closing: {} };
    doc.incomeByFunction = [];
    doc.gfbFlows = [];
  }
  doc.missingTables = tables;
  summary.toFill.push(
    `公开表 ${tables.length} 张：${tables.map((t) => tableNameZh[t]).join('、')}（列在 missingTables 中；填好一张表，就从 missingTables 中删去它）`,
  );
  return doc as unknown as AnyDocument;
}

// ------------------------------------------------------------------ text

/** The seeds' format: 2-space JSON, one trailing newline. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Index just after the JSON value that starts at `start` (an object or array; strings skipped). */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error('unbalanced JSON');
}

/**
 * The existing file's text with `document` added as `documents.<kind>`, every existing byte kept:
 * 预算 goes first in `documents`, 决算 last (the schema's order).
 */
export function insertDocument(text: string, kind: DocumentKind, document: AnyDocument): string {
  const at = locate(text, '/documents');
  if (!at) throw new Error('no documents member');
  const open = text.indexOf('{', text.indexOf(':', text.indexOf('"', at.offset + 1) + 1));
  const close = valueEnd(text, open) - 1;
  const lineStart = text.lastIndexOf('\n', at.offset) + 1;
  const indent = text.slice(lineStart, at.offset).replace(/\S.*$/, '');
  const inner = indent + '  ';
  const body = JSON.stringify(document, null, 2).replace(/\n/g, `\n${inner}`);
  const member = `"${kind}": ${body}`;
  if (kind === 'budget') {
    return `${text.slice(0, open + 1)}\n${inner}${member},${text.slice(open + 1)}`;
  }
  let end = close;
  while (end > open && /\s/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end)},\n${inner}${member}${text.slice(end)}`;
}

/** The added document is the only difference: every other value reads back the same. */
function assertOnlyAdded(before: string, after: string, kind: DocumentKind): void {
  const a = JSON.parse(before) as UnitYearFile;
  const b = JSON.parse(after) as UnitYearFile;
  const { [kind]: added, ...rest } = b.documents;
  if (!added || JSON.stringify({ ...b, documents: rest }) !== JSON.stringify(a)) throw new Error('adding the document changed the file');
}

// ------------------------------------------------------------------ entry

const UNIT_ID = /^[a-z0-9][a-z0-9-]*$/;

export function scaffold(root: string, unitId: string, year: number, options: ScaffoldOptions, lib: Library): Scaffold {
  const { kind } = options;
  if (!UNIT_ID.test(unitId)) throw new ScaffoldError(`单位标识“${unitId}”不对：只能用小写字母、数字和连字符，与 data/ 下的文件夹同名。`, 2);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ScaffoldError(`年度应为 2000–2100 之间的四位数，实际是 ${year}。`, 2);
  const file = `data/${unitId}/${year}.json`;
  const existing = load(root, file, lib);
  if (existing?.data.documents[kind]) {
    throw new ScaffoldError(`${file} 已有${year}年度${KIND_ZH[kind]}，不会覆盖。要重新生成，请先自行删除或改名该文件。`);
  }
  if (existing && existing.data.unit.id !== unitId) {
    throw new ScaffoldError(`${file} 中的单位标识是“${existing.data.unit.id}”，与“${unitId}”不符，请先修正该文件。`);
  }
  const years = earlierYears(root, unitId, year);
  const prevFile = years[0] === year - 1 ? load(root, `data/${unitId}/${year - 1}.json`, lib) : undefined;
  const latest = prevFile ?? (years[0] !== undefined ? load(root, `data/${unitId}/${years[0]}.json`, lib) : undefined);
  const prevSame = prevFile?.data.documents[kind] ? prevFile : undefined;
  const sibling = existing?.data.documents[OTHER[kind]];

  const summary: ScaffoldSummary = { title: `${year}年度${KIND_ZH[kind]}`, sources: [], carried: [], toFill: [], notes: [] };

  // Standing content (narrative, glossary): the nearest document, the same kind first.
  const candidates: Array<[AnyDocument | undefined, boolean]> = [
    [prevSame?.data.documents[kind], true],
    [sibling, false],
    [latest?.data.documents[kind], true],
    [latest?.data.documents[OTHER[kind]], false],
  ];
  const [narrativeFrom, narrativeSameKind] = candidates.find(([d]) => d !== undefined) ?? [undefined, false];

  const profileId =
    options.profile ??
    [prevSame?.data.documents[kind], sibling, latest?.data.documents[kind], latest?.data.documents[OTHER[kind]]]
      .map((d) => d?.profile)
      .find((id) => id !== undefined && profileOf(lib, id, kind) !== undefined);
  if (profileId === undefined) {
    if (!latest && !existing) {
      throw new ScaffoldError(
        `单位“${unitId}”在 data/${unitId}/ 中没有 ${year} 年以前的数据文件，请用 --profile <表式> 指定表式，用 --name <单位全称> 指定单位名称。可用的表式：${knownProfiles(lib, kind)}。`,
        2,
      );
    }
    throw new ScaffoldError(`没有可以沿用的${KIND_ZH[kind]}表式，请用 --profile <表式> 指定。可用的表式：${knownProfiles(lib, kind)}。`, 2);
  }
  const profile = profileOf(lib, profileId, kind);
  if (!profile) throw new ScaffoldError(`表式“${profileId}”不存在或没有${KIND_ZH[kind]}部分。可用的表式：${knownProfiles(lib, kind)}。`, 2);

  let unit: Unit;
  if (existing) unit = existing.data.unit;
  else if (latest) unit = latest.data.unit;
  else {
    if (options.name === undefined) {
      throw new ScaffoldError(`单位“${unitId}”没有历史数据文件，请用 --name <单位全称> 指定单位名称。`, 2);
    }
    unit = { id: unitId, name: options.name, level: options.level ?? 'department' };
  }

  for (const f of [prevSame, existing, latest]) if (f && !summary.sources.includes(f.file)) summary.sources.push(f.file);
  if (!existing) {
    summary.carried.push(
      latest
        ? `单位信息：${unit.name}${unit.includes?.length ? `（含 ${unit.includes.length} 个单位）` : ''}`
        : `单位信息：${unit.name}，层级 ${unit.level}${options.level === undefined ? '（默认 department 部门；单位请改为 unit）' : ''}`,
    );
  }
  summary.carried.push(`表式：${profileId}${options.profile === undefined ? '（沿用；本年表式不同时请修改 profile）' : ''}`);

  const document = buildDocument(
    { year, kind, profileId, profile, prevSame, sibling, narrativeFrom, narrativeSameKind, lib },
    summary,
  );
  const data = orderBySchema({ $schema: SCHEMA_REF, unit, year, documents: { [kind]: document } } as UnitYearFile);
  if (existing) {
    const text = insertDocument(existing.text, kind, data.documents[kind]!);
    assertOnlyAdded(existing.text, text, kind);
    return { file, mode: 'add', original: existing.text, text, summary };
  }
  return { file, mode: 'create', text: formatJson(data), summary };
}

/**
 * Writes the scaffold, never over anything: a new file is created exclusively (fails if it
 * appeared meanwhile); an added document goes in only if the file is still the one read.
 */
export function writeScaffold(root: string, s: Scaffold): void {
  const path = join(root, s.file);
  if (s.mode === 'create') {
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, s.text, { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new ScaffoldError(`${s.file} 已存在，不会覆盖。`);
      throw e;
    }
    return;
  }
  const now = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  if (now !== s.original) throw new ScaffoldError(`${s.file} 在生成期间被改动，未写入。请重新运行。`);
  writeFileSync(path, s.text);
}

/** The Chinese report printed after writing. */
export function formatSummary(s: Scaffold): string {
  const { summary } = s;
  const lines: string[] = [];
  lines.push(
    s.mode === 'create'
      ? `已生成 ${s.file}（${summary.title}）。`
      : `已在 ${s.file} 中加入${summary.title}（文件中原有的内容一字未改）。`,
  );
  lines.push(summary.sources.length ? `依据：${summary.sources.join('、')}` : '依据：表式（没有历史数据）');
  lines.push('沿用的内容（请核对）：');
  for (const c of summary.carried) lines.push(`  - ${c}`);
  lines.push('待填：');
  for (const t of summary.toFill) lines.push(`  - ${t}`);
  for (const n of summary.notes) lines.push(`注意：${n}`);
  lines.push(`下一步：填写后运行 npm run check -- ${s.file}，直到没有错误。`);
  return lines.join('\n') + '\n';
}
