/**
 * Stage «import»: the budget system's exported workbook (.xlsx / .xls) → a data file.
 *
 *   workbook bytes ─► open.ts     size / magic bytes / zip bomb / password / corrupt → Chinese error
 *                     ▼
 *                  tables.ts    each sheet's title → layouts.ts (tables, narrative sheets);
 *                     │          header block → column keys; rows → codes + exact amounts (values.ts)
 *                     ▼
 *                  map.ts       → income, expenditure, economic, “三公”, 机关运行经费, narrative,
 *                     │          glossary; codes against data/_reference/<year>.json; 元 ↔ 万元
 *                     ▼
 *   new file:      edit/scaffold.ts skeleton (unit, profile, history) + the imported fields
 *   --update:      the existing file with only the numbers replaced (narrative, figures,
 *                  reasons, acknowledgements kept) + the change list of `npm run diff`
 *                     ▼
 *                  atomic write (temporary name, then link/rename; never over a file silently)
 *                  ─► check/ on the result: what is left to fill
 *
 * Any ImportError (errors.ts) means nothing was written.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { checkBytes } from '../check/check.ts';
import type { Finding } from '../check/findings.ts';
import { formatText } from '../check/report.ts';
import { diffContents } from '../edit/diff.ts';
import { formatMarkdown } from '../edit/diff-format.ts';
import { formatJson, insertDocument, scaffold, ScaffoldError } from '../edit/scaffold.ts';
import type { Library } from '../model/reference.ts';
import { orderBySchema } from '../model/schema-path.ts';
import { tableNameZh } from '../model/profile.ts';
import type { AnyDocument, DocumentKind, Project, UnitYearFile } from '../model/schema.ts';
import { ImportError } from './errors.ts';
import { mapWorkbook, type Mapped } from './map.ts';
import { openWorkbook } from './open.ts';
import { readWorkbookTables, type WorkbookRead } from './tables.ts';

export { ImportError } from './errors.ts';
export { openWorkbook, MAX_FILE_BYTES, MAX_UNZIPPED_BYTES } from './open.ts';
export { readWorkbookTables, type WorkbookRead, type TableRead } from './tables.ts';
export { mapWorkbook, type Mapped } from './map.ts';

export interface ImportOptions {
  /** The workbook's path. */
  workbook: string;
  unit: string;
  year?: number;
  kind: DocumentKind;
  profile?: string;
  /** Output path (default data/<unit>/<year>.json), relative to root or absolute. */
  out?: string;
  update: boolean;
}

export interface ImportPlan {
  /** Output path relative to root (forward slashes) when inside it, else absolute. */
  file: string;
  path: string;
  text: string;
  /** The file's content when it was read (update), to refuse a concurrent change. */
  original?: string;
  read: WorkbookRead;
  mapped: Mapped;
  /** create: a new file; update: --update of the kind's numbers; add: the kind's document added to the year's file (which has the other kind). */
  mode: 'create' | 'update' | 'add';
}

const KIND_ZH: Record<DocumentKind, string> = { budget: '预算', final: '决算' };

/**
 * `next` without the zeros where `before` had no value: an export prints 0 in a blank cell, and
 * 0 and no amount are the same number, so an update does not list “— → 0.00” as a change.
 */
function zerosAsBefore<T extends object>(next: T, before: object | undefined): T {
  const was = (before ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (v === 0 && was[k] === undefined) continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? zerosAsBefore(v, was[k] as object | undefined) : v;
  }
  return out as T;
}

/**
 * The workbook's rows of a fund replace the file's rows of that fund when the workbook has the
 * fund's table (`columns`: the fund → the row fields its table carries). A row the table lacks is
 * gone (the clerk emptied it, or the table says 本表无数据); a field the table does not carry for
 * that fund (a 决算 支出决算表 has no 人员经费/公用经费 split, the 年初预算数 is printed for
 * 一般公共预算 only) keeps the file's value, row by row (科目 and fund), also on a row the table
 * lacks; a fund whose table the
 * workbook does not have keeps its rows: an update replaces only what it read.
 */
export function mergeRows<R extends { code: string; fund?: string }>(old: R[], read: R[], columns: Record<string, string[]>): R[] {
  const fundOf = (r: R) => r.fund ?? '';
  const before = new Map(old.map((r) => [`${fundOf(r)} ${r.code}`, r]));
  const merged = read.map((r) => {
    const was = before.get(`${fundOf(r)} ${r.code}`);
    if (!was) return r;
    const carried = new Set(columns[fundOf(r)] ?? Object.keys(r));
    const kept = Object.fromEntries(Object.entries(was).filter(([k]) => !carried.has(k) && k !== 'name'));
    return { ...kept, ...zerosAsBefore(r, was) } as R;
  });
  const readCodes = new Set(read.map((r) => `${fundOf(r)} ${r.code}`));
  const rest = old.flatMap((r) => {
    const carried = columns[fundOf(r)];
    if (carried === undefined) return [r];
    if (readCodes.has(`${fundOf(r)} ${r.code}`)) return [];
    // A row the table lacks: what the table cannot say (a field it does not carry) stays.
    const kept = Object.entries(r).filter(([k]) => k !== 'code' && k !== 'fund' && k !== 'name' && !carried.includes(k));
    return kept.length ? [{ code: r.code, ...(r.fund !== undefined ? { fund: r.fund } : {}), ...Object.fromEntries(kept) } as R] : [];
  });
  return [...merged, ...rest];
}

/** The project of `list` that an imported one is: same printed name (printedName, else name), not yet taken. */
function sameProject(list: readonly Project[], taken: Set<number>, name: string): number {
  return list.findIndex((p, i) => !taken.has(i) && (p.printedName ?? p.name) === name);
}

/**
 * The workbook's projects into the file's, matched by name: a matched project's funds (the
 * columns the 项目支出表 carries), 总计 and, where the workbook has its 绩效目标表, indicators are
 * replaced, its texts (概述, 立项依据, 年度目标 …) kept unless `keepText` is false; a new one is
 * added with all it has; a project of the file the 项目支出表 does not list is kept and reported.
 */
function mergeProjects(old: Project[], m: Mapped, keepText: boolean): Project[] {
  const taken = new Set<number>();
  const out = [...old];
  const added: Project[] = [];
  const columns = new Set(m.projectColumns ?? []);
  for (const p of m.projects ?? []) {
    const i = sameProject(old, taken, p.name);
    const texts = {
      ...(p.type ? { type: p.type } : {}),
      ...(p.fundUse ? { fundUse: p.fundUse } : {}),
      ...(p.functionCode ? { functionCode: p.functionCode } : {}),
      ...(p.source ? { source: p.source } : {}),
      ...(p.period ? { period: p.period } : {}),
      ...(p.goal ? { goal: p.goal } : {}),
      ...(p.implementer ? { implementer: p.implementer } : {}),
      ...(p.attributes ? { attributes: p.attributes } : {}),
    };
    if (i < 0) {
      added.push({ name: p.name, ...texts, unit: p.unit ?? p.implementer ?? '【待填】', funds: p.funds, ...(p.total !== undefined ? { total: p.total } : {}), indicators: p.indicators ?? [] });
      continue;
    }
    taken.add(i);
    const was = old[i]!;
    const next: Project = { ...was, ...(keepText ? {} : texts) };
    if (p.listed) {
      const funds = Object.fromEntries(Object.entries(was.funds).filter(([k]) => !columns.has(k)));
      next.funds = { ...funds, ...p.funds };
      if (p.total !== undefined) next.total = p.total;
      else if (columns.has('total')) delete next.total;
      if (!keepText && p.unit && p.unit !== (was.printedUnit ?? was.unit)) next.printedUnit = p.unit;
    }
    if (p.indicators) next.indicators = p.indicators;
    out[i] = next;
  }
  if (m.projectColumns) {
    const missing = old.filter((_, i) => !taken.has(i)).map((p) => `“${p.printedName ?? p.name}”`);
    if (missing.length) m.notes.push(`数据文件中的项目 ${missing.join('、')} 不在工作簿的项目支出表中：已原样保留，请核对（不再安排的项目请从数据文件中删除）。`);
  }
  return [...out, ...added];
}

export function applyNumbers(doc: AnyDocument, m: Mapped, keepText: boolean): void {
  if (m.income) doc.income = keepText ? zerosAsBefore(m.income, doc.income) : m.income;
  if (m.expenditure) doc.expenditure = mergeRows(doc.expenditure, m.expenditure, m.expenditureColumns ?? {});
  if (m.economic) doc.economic = mergeRows(doc.economic, m.economic, m.economicColumns ?? {});
  if (m.projects) doc.projects = mergeProjects(doc.projects, m, keepText);
  // The counts (团组数, 车辆数 …) are not in the table: an existing file keeps them.
  if (m.threePublic === null) doc.threePublic = null;
  else if (m.threePublic) doc.threePublic = doc.threePublic ? { ...doc.threePublic, ...m.threePublic } : m.threePublic;
  if (m.operatingCost !== undefined) doc.operatingCost = m.operatingCost;
  if ('balances' in doc) {
    if (m.balances) doc.balances = m.balances;
    if (m.incomeByFunction) doc.incomeByFunction = m.incomeByFunction;
    if (m.gfbFlows) doc.gfbFlows = m.gfbFlows;
    if (m.scobFlows) doc.scobFlows = m.scobFlows;
  }
  if (doc.missingTables) {
    const left = doc.missingTables.filter((t) => !m.filled.some((id) => id === t || tableNameZh[id] === t));
    if (left.length) doc.missingTables = left;
    else delete doc.missingTables;
  }
  if (!keepText) {
    if (m.duties) doc.narrative.duties = m.duties;
    if (m.organisation) doc.narrative.organisation = m.organisation;
    if (m.glossary?.length) doc.glossary = { includeDefault: false, entries: m.glossary };
  }
}

/** True when the file at `path` is a data file that has a document, but not one of `kind`. */
function otherKindOnly(path: string, kind: DocumentKind): boolean {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as Partial<UnitYearFile>;
    return !!data.documents && !data.documents[kind] && Object.keys(data.documents).length > 0;
  } catch {
    return false;
  }
}

function outPath(root: string, o: ImportOptions, year: number): { file: string; path: string } {
  const path = o.out ? (isAbsolute(o.out) ? o.out : join(root, o.out)) : join(root, 'data', o.unit, `${year}.json`);
  const rel = relative(root, path);
  return { path, file: rel.startsWith('..') || isAbsolute(rel) ? path : rel.split('\\').join('/') };
}

/** A workbook opened and read (the folder import reads each one once, before planning any). */
export interface ReadBook {
  sheetNames: string[];
  read: WorkbookRead;
}

export function readBook(path: string): ReadBook {
  const { book } = openWorkbook(path, readFileSync(path));
  return { sheetNames: book.SheetNames, read: readWorkbookTables(path, book) };
}

/** The unit's name as the workbook prints it (封面 or 编制单位). */
export function unitNameOf(read: WorkbookRead): string | undefined {
  return read.unitLine?.replace(/^(预算单位|预算主管部门|编制单位|编制部门)[:：]?/, '');
}

/** 部门 or 单位, by the cover's wording or the first table's title. */
export function levelOf(read: WorkbookRead): 'department' | 'unit' {
  return read.texts.some((t) => t.key === 'cover' && /预算主管部门|部门预算|部门决算/.test(t.title + t.body)) || /部门/.test([...read.tables.values()][0]?.title ?? '') ? 'department' : 'unit';
}

export function planImport(root: string, o: ImportOptions, lib: Library, pre?: ReadBook): ImportPlan {
  const { read, sheetNames } = pre ?? readBook(o.workbook);
  if (read.tables.size === 0) {
    throw new ImportError({ file: o.workbook }, '工作簿中找不到任何公开表（按表名和表头识别）', '例如“2025年预算单位财务收支预算总表”', `工作表：${sheetNames.join('、')}`);
  }
  if (read.kind !== o.kind) {
    const first = [...read.tables.values()][0]!;
    const [is, was] = read.kind === 'final' ? ['决算', '预算'] : ['预算', '决算'];
    throw new ImportError(
      { file: o.workbook, sheet: first.sheet },
      `这是${is}工作簿（表名“${first.title}”），却按${was}导入。请改用 --kind ${read.kind}`,
      `${was}表（--kind ${o.kind}）`,
      `${is}表`,
    );
  }
  if (!read.tables.has('summary')) {
    const [zh, title] = o.kind === 'final' ? ['收入支出决算总表', '收入支出决算总表'] : ['财务收支预算总表', '收支预算总表'];
    throw new ImportError({ file: o.workbook }, `缺少工作表：${zh}（收入按来源取自此表）`, `标题含“${title}”的工作表`, `工作表：${sheetNames.join('、')}`);
  }
  const year = o.year ?? read.year;
  if (year === undefined) throw new ImportError({ file: o.workbook }, '表名中没有年度，请用 --year 指定', '例如 2025', '没有');
  if (o.year !== undefined && read.year !== undefined && o.year !== read.year) {
    throw new ImportError({ file: o.workbook }, `--year ${o.year} 与工作簿表名中的年度不符`, String(read.year), String(o.year));
  }
  const { file, path } = outPath(root, o, year);
  const exists = existsSync(path);
  // The year's file with only the other document (a 预算 when the 决算 comes in): the document is added.
  const adding = exists && !o.update && file === `data/${o.unit}/${year}.json` && otherKindOnly(path, o.kind);
  if (exists && !o.update && !adding) {
    throw new ImportError({ file: o.workbook }, `${file} 已存在，不会覆盖。只更新其中的金额请加 --update；另存为新文件请用 --out <文件>`, '不存在的文件或 --update', '文件已存在');
  }
  if (!exists && o.update) {
    throw new ImportError({ file: o.workbook }, `${file} 不存在，无法 --update。第一次导入请去掉 --update`, '已有的数据文件', '没有该文件');
  }

  let data: UnitYearFile;
  let original: string | undefined;
  let currency: 'wan' | 'yuan';
  if (exists && !adding) {
    original = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const checked = checkBytes(file, Buffer.from(original), lib);
    if (!checked.data) throw new ImportError({ file: o.workbook }, `${file} 没有通过 JSON 或 Schema 检查，无法更新。请先修正：npm run check -- ${file}`);
    data = structuredClone(checked.data);
    const doc = data.documents[o.kind];
    if (!doc) throw new ImportError({ file: o.workbook }, `${file} 中没有${year}年度${KIND_ZH[o.kind]}，无法 --update`, `documents.${o.kind}`, '没有');
    const profile = lib.profiles.get(o.profile ?? doc.profile)?.kinds[o.kind];
    if (!profile) throw new ImportError({ file: o.workbook }, `表式“${o.profile ?? doc.profile}”不存在或没有${KIND_ZH[o.kind]}部分`);
    currency = profile.currency;
    const mapped = mapWorkbook(o.workbook, read, year, currency, lib.references.get(year));
    applyNumbers(doc, mapped, true);
    return { file, path, text: formatJson(orderBySchema(data)), original, read, mapped, mode: 'update' };
  }

  // A new file (or document): the scaffold (unit, profile, carried narrative) filled with the workbook.
  const name = unitNameOf(read);
  const level = levelOf(read);
  let s;
  try {
    s = scaffold(root, o.unit, year, { kind: o.kind, ...(o.profile ? { profile: o.profile } : {}), ...(name ? { name } : {}), level }, lib);
  } catch (e) {
    if (e instanceof ScaffoldError) throw new ImportError({ file: o.workbook }, e.message);
    throw e;
  }
  data = JSON.parse(s.text) as UnitYearFile;
  const doc = data.documents[o.kind]!;
  currency = lib.profiles.get(doc.profile)!.kinds[o.kind]!.currency;
  const mapped = mapWorkbook(o.workbook, read, year, currency, lib.references.get(year));
  applyNumbers(doc, mapped, false);
  if (s.mode === 'add') {
    // Only the new document goes in: the other one stays byte for byte as the clerk left it.
    return { file, path, text: insertDocument(s.original!, o.kind, orderBySchema(data).documents[o.kind]!), original: s.original!, read, mapped, mode: 'add' };
  }
  return { file, path, text: formatJson(orderBySchema(data)), read, mapped, mode: 'create' };
}

/**
 * Writes the plans atomically, all or none: every text goes to a temporary name beside its
 * target first; only when every target is as it was read (a new file still absent, an updated
 * one unchanged) are they linked to their new names (fails if one appeared meanwhile) or renamed
 * over the files read. A new file that cannot be linked takes back the ones already linked.
 */
export function writePlans(plans: readonly ImportPlan[]): void {
  const tmps = plans.map((p) => `${p.path}.import-${process.pid}.tmp`);
  const linked: string[] = [];
  try {
    plans.forEach((p, i) => {
      mkdirSync(dirname(p.path), { recursive: true });
      writeFileSync(tmps[i]!, p.text);
    });
    for (const p of plans) {
      if (p.mode === 'create' && existsSync(p.path)) throw new ImportError({ file: p.file }, `${p.file} 在导入期间出现，不会覆盖`);
      if (p.mode !== 'create' && readFileSync(p.path, 'utf8').replace(/^\uFEFF/, '') !== p.original) throw new ImportError({ file: p.file }, `${p.file} 在导入期间被改动，未写入。请重新运行`);
    }
    plans.forEach((p, i) => {
      if (p.mode !== 'create') return;
      try {
        linkSync(tmps[i]!, p.path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new ImportError({ file: p.file }, `${p.file} 在导入期间出现，不会覆盖`);
        throw e;
      }
      linked.push(p.path);
    });
    plans.forEach((p, i) => {
      if (p.mode !== 'create') renameSync(tmps[i]!, p.path);
    });
    linked.length = 0;
  } finally {
    for (const path of linked) unlinkSync(path);
    for (const tmp of tmps) if (existsSync(tmp)) unlinkSync(tmp);
  }
}

export function writePlan(plan: ImportPlan): void {
  writePlans([plan]);
}

/** The Chinese change list of `npm run diff` between the files before and after an update (the updated plans only). */
export async function changeList(plans: ImportPlan | readonly ImportPlan[], lib: Library): Promise<string> {
  const updated = (Array.isArray(plans) ? plans : [plans as ImportPlan]).filter((p) => p.mode === 'update');
  if (!updated.length) return '';
  const report = await diffContents(
    updated.map((p) => ({ file: p.file, old: p.original === undefined ? undefined : Buffer.from(p.original), new: Buffer.from(p.text) })),
    lib,
    '导入前的文件',
  );
  return formatMarkdown(report);
}

/** What `check` says about the written document. */
export function checkPlan(plan: ImportPlan, kind: DocumentKind, lib: Library): Finding[] {
  const base = `/documents/${kind}`;
  return checkBytes(plan.file, Buffer.from(plan.text), lib).findings.filter((f) => f.pointer === '' || f.pointer === base || f.pointer.startsWith(`${base}/`) || !f.pointer.startsWith('/documents/'));
}

export function formatImportSummary(plan: ImportPlan, findings: Finding[], workbook: string): string {
  const lines: string[] = [];
  const { read, mapped } = plan;
  const doc = (JSON.parse(plan.text) as UnitYearFile).documents;
  const added = `${(JSON.parse(plan.text) as UnitYearFile).year}年度${doc.final && doc.budget && plan.mode === 'add' ? (read.kind === 'final' ? '决算' : '预算') : ''}`;
  lines.push(
    plan.mode === 'create'
      ? `已由 ${workbook} 生成 ${plan.file}。`
      : plan.mode === 'add'
        ? `已由 ${workbook} 在 ${plan.file} 中加入${added}（文件中原有的内容一字未改）。`
        : `已用 ${workbook} 更新 ${plan.file} 中的金额（文字、原因、已知问题原样保留）。`,
  );
  lines.push(`读到的表（${read.tables.size} 张）：`);
  for (const t of read.tables.values()) {
    lines.push(`  - ${t.spec.zh}：工作表“${t.sheet}”，${t.empty ? '空表' : `${t.rows.length || t.items.length || t.income.length + t.spending.length || 1} 行`}，单位 ${t.currency === 'wan' ? '万元' : '元'}`);
  }
  if (read.forms.length) lines.push(`读到的绩效目标表（${read.forms.length} 张）：${read.forms.map((f) => `“${f.name}”${f.indicators.length} 行指标`).join('、')}`);
  const texts = read.texts.filter((t) => ['duties', 'organisation', 'glossary'].includes(t.key));
  if (texts.length) lines.push(`读到的文字：${texts.map((t) => `工作表“${t.sheet}”`).join('、')}${plan.mode === 'update' ? '（--update 不改文字）' : ''}`);
  const skipped = read.texts.filter((t) => ['explanation', 'other', 'projectNotes'].includes(t.key));
  if (skipped.length) lines.push(`没有导入的文字（由数据生成，或请写入数据文件）：${skipped.map((t) => `“${t.sheet}”`).join('、')}`);
  if (read.unknown.length) lines.push(`没有识别的工作表：${read.unknown.map((n) => `“${n}”`).join('、')}`);
  for (const n of mapped.notes) lines.push(`注意：${n}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  lines.push(`还要填写或核对的（npm run check 的结果：${errors} 个错误，${findings.length - errors} 个警告或提示）：`);
  lines.push(findings.length ? formatText(findings, 1).trimEnd() : '  没有。');
  lines.push(`下一步：补齐以上各项（原因、日期、说明文字等）后运行 npm run check -- ${plan.file}。`);
  return lines.join('\n') + '\n';
}
