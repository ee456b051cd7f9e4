/**
 * The check pipeline for data files:
 *
 *   bytes ─▶ read (json.ts: UTF-8, syntax, duplicate/forbidden keys, precision)
 *         ─▶ schema (validate-schema.ts: ajv 2020-12, Chinese messages)
 *         ─▶ rules (rules.ts: references, arithmetic, stated figures, plausibility, completeness)
 *         ─▶ acknowledgements (errors the unit published knowingly become warnings)
 *         ─▶ findings located at file:line:column (json.ts locate), and the file's facts (facts.ts)
 *   all files ─▶ finishCheck: one file per unit and year, the cross-file rules over the facts
 *              (rules/cross-file.ts: 部门 = Σ 单位, links, 上年数, 年初预算, name and code by year)
 *
 * Nothing here throws for bad input: every problem becomes a finding. The loaded,
 * validated files are returned too, so the build renders exactly what was checked.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { readJsonBytes, locate } from '../model/json.ts';
import { validateSchema } from './validate-schema.ts';
import { runDocument } from './rules/index.ts';
import { docFacts, fileFacts, type DocFacts, type FileFacts } from './facts.ts';
import { checkAcrossFiles, CROSS_RULES } from './rules/cross-file.ts';
import { loadLibrary, type Library } from '../model/reference.ts';
import { messages } from './messages.ts';
import type { Finding, Issue } from './findings.ts';
import { sortFindings } from './findings.ts';
import type { DocumentKind, UnitYearFile } from '../model/schema.ts';

export interface CheckedFile {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** undefined when the file did not pass the JSON or schema stage (or with keepData: false) */
  data: UnitYearFile | undefined;
  findings: Finding[];
  /** What the cross-file rules need of it (facts.ts); undefined when data is. */
  facts?: FileFacts;
}

export interface CheckResult {
  files: CheckedFile[];
  findings: Finding[];
  library: Library;
}

const MAX_BYTES = 10 * 1024 * 1024;

/** data/<unit-id>/<year>.json, skipping the reserved folders (_schema, _profiles, _reference). */
export function listDataFiles(root: string): string[] {
  const dataDir = join(root, 'data');
  if (!existsSync(dataDir)) return [];
  const out: string[] = [];
  for (const unit of readdirSync(dataDir).sort()) {
    if (unit.startsWith('_') || unit.startsWith('.')) continue;
    const dir = join(dataDir, unit);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.json')) out.push(join(dir, name));
    }
  }
  return out;
}

function toRel(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

export function place(file: string, text: string, issue: Issue): Finding {
  const pos = text ? locate(text, issue.pointer) : undefined;
  return {
    file,
    line: pos?.line ?? 1,
    column: pos?.column ?? 1,
    pointer: issue.pointer,
    severity: issue.severity,
    rule: issue.rule,
    message: issue.message,
    messageEn: issue.messageEn,
    ...(issue.expected !== undefined ? { expected: issue.expected } : {}),
    ...(issue.found !== undefined ? { found: issue.found } : {}),
    ...(issue.acknowledged !== undefined ? { acknowledged: issue.acknowledged } : {}),
  };
}

/** Applies the file's `acknowledged` entries: matching errors become warnings, with the reason. */
function acknowledge(data: UnitYearFile, issues: Issue[]): Issue[] {
  const out = [...issues];
  for (const kind of ['budget', 'final'] as const) {
    const doc = data.documents[kind];
    if (!doc?.acknowledged) continue;
    const base = `/documents/${kind}`;
    doc.acknowledged.forEach((ack, i) => {
      const scope = ack.pointer ? (ack.pointer.startsWith('/documents/') ? ack.pointer : base + ack.pointer) : base;
      let used = false;
      for (let j = 0; j < out.length; j++) {
        const f = out[j]!;
        if (f.rule !== ack.rule) continue;
        if (f.pointer !== scope && !f.pointer.startsWith(scope + '/')) continue;
        used = true;
        if (f.severity === 'error') {
          out[j] = {
            ...f,
            severity: 'warning',
            message: `${f.message}（已确认原样公开：${ack.reason}）`,
            messageEn: `${f.messageEn} (acknowledged: ${ack.reason})`,
            acknowledged: ack.reason,
          };
        }
      }
      // Cross-file findings are acknowledged where they arise (finishCheck), in a check of several files.
      if (!used && !CROSS_RULES.includes(ack.rule)) {
        const t = messages['ack.unused']({ rule: ack.rule, pointer: ack.pointer ?? '' });
        out.push({ pointer: `${base}/acknowledged/${i}`, severity: 'warning', rule: 'ack.unused', message: t.zh, messageEn: t.en });
      }
    });
  }
  return out;
}

export function checkFile(root: string, path: string, lib: Library): CheckedFile {
  return checkBytes(toRel(root, path), readFileSync(path), lib);
}

/**
 * Checks a data file's content under the name `file` (relative to the project root, forward
 * slashes): what checkFile does once the bytes are read. `npm run diff` checks a file's content
 * at a git revision this way, without writing it to disk.
 */
export function checkBytes(file: string, bytes: Uint8Array, lib: Library): CheckedFile {
  const parsed = readJsonBytes(bytes, { maxBytes: MAX_BYTES });
  const findings: Finding[] = parsed.issues.map((i) => ({
    file,
    line: i.line,
    column: i.column,
    pointer: i.pointer,
    severity: i.severity,
    rule: i.rule,
    message: i.message,
    messageEn: i.messageEn,
    ...(i.expected !== undefined ? { expected: i.expected } : {}),
    ...(i.found !== undefined ? { found: i.found } : {}),
  }));
  if (parsed.value === undefined || parsed.issues.some((i) => i.severity === 'error')) {
    return { file, data: undefined, findings };
  }
  const schemaIssues = validateSchema(parsed.value);
  if (schemaIssues.length) {
    findings.push(...schemaIssues.map((i) => place(file, parsed.text, i)));
    return { file, data: undefined, findings };
  }
  const data = parsed.value as UnitYearFile;
  let issues: Issue[] = [];
  const expected = `data/${data.unit.id}/${data.year}.json`;
  if (file !== expected && file.startsWith('data/')) {
    const t = messages['ref.file-path']({ expected, found: file });
    issues.push({ pointer: '/unit/id', severity: 'error', rule: 'ref.file-path', message: t.zh, messageEn: t.en, expected, found: file });
  }
  if (!data.documents.budget && !data.documents.final) {
    issues.push({ pointer: '/documents', severity: 'error', rule: 'schema.required', message: '“本年度文档”至少要有预算（budget）或决算（final）之一。', messageEn: 'documents needs budget or final', expected: 'budget 或 final', found: '（都没有）' });
  }
  const docs: Partial<Record<DocumentKind, DocFacts>> = {};
  for (const kind of ['budget', 'final'] as DocumentKind[]) {
    if (!data.documents[kind]) continue;
    const ctx = runDocument(data, kind, lib);
    issues.push(...ctx.issues);
    docs[kind] = docFacts(ctx);
  }
  issues = acknowledge(data, issues);
  findings.push(...issues.map((i) => place(file, parsed.text, i)));
  return { file, data, findings, facts: fileFacts(data, docs) };
}

export interface CheckOptions {
  /**
   * Keep each file's validated data in the result (default true: the build renders exactly what
   * was checked). Without it only the findings are kept, so a check of many files runs in memory
   * that does not grow with their number (npm run check, npm run bench).
   */
  keepData?: boolean;
}

/** The unit and year a file's data claims; undefined for a file that failed the JSON or schema stage. */
export interface Owner {
  unit: string;
  year: number;
  /** What the cross-file rules compare (facts.ts). */
  facts?: FileFacts;
}

export function ownerOf(f: CheckedFile): Owner | undefined {
  return f.data ? { unit: f.data.unit.id, year: f.data.year, ...(f.facts ? { facts: f.facts } : {}) } : undefined;
}

/** Checks the given files (default: every data file) and the cross-file rules. */
export function checkFiles(root: string, paths?: string[], options: CheckOptions = {}): CheckResult {
  const lib = loadLibrary(root);
  const keepData = options.keepData ?? true;
  const targets = paths?.length ? paths : listDataFiles(root);
  const files: CheckedFile[] = [];
  const owners: Array<Owner | undefined> = [];
  for (const path of targets) {
    const f = checkFile(root, path, lib);
    owners.push(ownerOf(f));
    files.push(keepData ? f : { file: f.file, data: undefined, findings: f.findings });
  }
  return finishCheck(root, lib, files, owners);
}

/**
 * The cross-file rules over files checked one by one (here or in worker threads, see
 * check-parallel.ts), and the final order. One file per unit and year: the first file, in the
 * given order, owns the pair.
 */
export interface FinishOptions {
  /** The text of a checked file, to locate findings in (default: read from root). */
  read?: (file: string) => string;
}

export function finishCheck(root: string, lib: Library, files: CheckedFile[], owners: ReadonlyArray<Owner | undefined>, options: FinishOptions = {}): CheckResult {
  const texts = new Map<string, string>();
  const textOf = (file: string) => {
    let t = texts.get(file);
    if (t === undefined) {
      t = (options.read ? options.read(file) : readFileSync(join(root, file), 'utf8')).replace(/^\uFEFF/, '');
      texts.set(file, t);
    }
    return t;
  };
  const seen = new Map<string, string>();
  const firsts: Array<{ index: number; owner: Owner }> = [];
  files.forEach((f, i) => {
    const owner = owners[i];
    if (!owner) return;
    const key = `${owner.unit}|${owner.year}`;
    const other = seen.get(key);
    if (other) {
      const t = messages['ref.duplicate-unit-year']({ unit: owner.unit, year: owner.year, other });
      const pos = locate(textOf(f.file), '/unit/id');
      f.findings.push({ file: f.file, line: pos?.line ?? 1, column: pos?.column ?? 1, pointer: '/unit/id', severity: 'error', rule: 'ref.duplicate-unit-year', message: t.zh, messageEn: t.en, expected: other, found: f.file });
    } else {
      seen.set(key, f.file);
      firsts.push({ index: i, owner });
    }
  });
  const entries = firsts.filter((e) => e.owner.facts).map((e) => ({ file: files[e.index]!.file, unit: e.owner.unit, year: e.owner.year, facts: e.owner.facts!, index: e.index }));
  // A folder of a file in this check (even one that failed its own checks), else one on disk.
  const folders = new Set(files.map((f) => /^data\/([^/]+)\//.exec(f.file)?.[1]).filter((x): x is string => x !== undefined));
  const folderExists = (id: string) => folders.has(id) || existsSync(join(root, 'data', id));
  for (const { entry, issue } of checkAcrossFiles(entries, folderExists)) {
    files[entry.index]!.findings.push(place(entry.file, textOf(entry.file), issue));
  }
  const libFindings = lib.findings.map((f) => ({ ...f, file: toRel(root, f.file) }));
  return { files, findings: sortFindings([...libFindings, ...files.flatMap((f) => f.findings)]), library: lib };
}
