/**
 * Reference data: 政府收支分类科目 per year (data/_reference/<year>.json) and the
 * profiles (data/_profiles/<id>.json). Loaded once per process and validated; a broken
 * reference or profile file is reported like any data file.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { Type, type Static } from '@sinclair/typebox';
import { Profile } from './profile.ts';
import { readJsonBytes } from './json.ts';
import type { Finding } from '../check/findings.ts';

export const ReferenceFile = Type.Object(
  {
    year: Type.Integer(),
    /**
     * "provisional": the Ministry's table for the year has not been found; the file is the
     * `basis` year's table carried forward (and any change that was found), to be checked
     * against 《<year>年政府收支分类科目》 when it is. Absent: taken from the year's own table.
     */
    status: Type.Optional(Type.Literal('provisional')),
    /** Chinese: the table it follows, or for a provisional file what it is made from and why. */
    source: Type.String(),
    /** A provisional file: the year whose table it carries forward. */
    basis: Type.Optional(Type.Integer()),
    function: Type.Record(Type.String({ pattern: '^\\d{3}(\\d{2}(\\d{2})?)?$' }), Type.String({ minLength: 1 })),
    summaryClasses: Type.Array(Type.String({ pattern: '^\\d{3}$' })),
    economicDepartment: Type.Record(Type.String({ pattern: '^\\d{3}(\\d{2})?$' }), Type.String({ minLength: 1 })),
    economicGovernment: Type.Record(Type.String({ pattern: '^\\d{3}(\\d{2})?$' }), Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);
export type ReferenceFile = Static<typeof ReferenceFile>;

/** data/_reference/renames.json: 功能分类 names the Ministry changed, for the text rules. */
export const RenamesFile = Type.Object(
  {
    source: Type.String({ minLength: 1 }),
    renames: Type.Array(
      Type.Object(
        {
          code: Type.String({ pattern: '^\\d{3}(\\d{2}(\\d{2})?)?$' }),
          from: Type.String({ minLength: 2, description: '旧名称（在文字中查找的部分）' }),
          to: Type.String({ minLength: 2, description: '新名称' }),
          since: Type.Integer({ minimum: 2000, description: '新名称起用的年度' }),
          source: Type.String({ minLength: 1, description: '依据' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Rename = Static<typeof RenamesFile>['renames'][number];

export interface Library {
  root: string;
  profiles: Map<string, Profile>;
  references: Map<number, ReferenceFile>;
  /** Renamed 功能分类 names (data/_reference/renames.json), oldest first. */
  renames: Rename[];
  /** Problems in the reference or profile files themselves. */
  findings: Finding[];
}

function loadDir<T>(dir: string, schema: object, what: string, findings: Finding[], names = /\.json$/): Array<{ name: string; value: T }> {
  if (!existsSync(dir)) return [];
  const ajv = new Ajv2020.default({ strict: true, allErrors: true });
  const validate = ajv.compile(schema);
  const out: Array<{ name: string; value: T }> = [];
  for (const name of readdirSync(dir).filter((n) => names.test(n)).sort()) {
    const file = join(dir, name);
    const parsed = readJsonBytes(readFileSync(file));
    const fatal = parsed.issues.filter((i) => i.severity === 'error');
    for (const i of parsed.issues) {
      findings.push({ file, line: i.line, column: i.column, pointer: i.pointer, severity: i.severity, rule: i.rule, message: i.message, messageEn: i.messageEn });
    }
    if (fatal.length || parsed.value === undefined) continue;
    if (!validate(parsed.value)) {
      for (const e of validate.errors ?? []) {
        findings.push({
          file,
          line: 1,
          column: 1,
          pointer: e.instancePath,
          severity: 'error',
          rule: 'library.invalid',
          message: `${what}文件格式不对：${e.instancePath || '/'} ${e.message ?? ''}`,
          messageEn: `invalid ${what} file: ${e.instancePath} ${e.message ?? ''}`,
        });
      }
      continue;
    }
    out.push({ name, value: parsed.value as T });
  }
  return out;
}

const cache = new Map<string, Library>();

export function loadLibrary(root: string): Library {
  const cached = cache.get(root);
  if (cached) return cached;
  const findings: Finding[] = [];
  const profiles = new Map<string, Profile>();
  for (const { name, value } of loadDir<Profile>(join(root, 'data/_profiles'), Profile, '表式', findings)) {
    if (`${value.id}.json` !== name) {
      findings.push({
        file: join(root, 'data/_profiles', name),
        line: 1,
        column: 1,
        pointer: '/id',
        severity: 'error',
        rule: 'library.profile-id',
        message: `表式文件名 ${name} 与其 id "${value.id}" 不一致。`,
        messageEn: `profile file ${name} does not match its id ${value.id}`,
      });
      continue;
    }
    profiles.set(value.id, value);
  }
  const references = loadReferences(join(root, 'data/_reference'), findings);
  const renames: Rename[] = [];
  for (const { value } of loadDir<Static<typeof RenamesFile>>(join(root, 'data/_reference'), RenamesFile, '科目更名表', findings, /^renames\.json$/)) {
    renames.push(...[...value.renames].sort((a, b) => a.since - b.since || a.code.localeCompare(b.code)));
  }
  const lib = { root, profiles, references, renames, findings };
  cache.set(root, lib);
  return lib;
}

/** The reference files of a folder (data/_reference, or a test's own), validated, by year. */
export function loadReferences(dir: string, findings: Finding[]): Map<number, ReferenceFile> {
  const references = new Map<number, ReferenceFile>();
  for (const { value } of loadDir<ReferenceFile>(dir, ReferenceFile, '科目表', findings, /^\d{4}\.json$/)) references.set(value.year, value);
  return references;
}

/**
 * The reference a document of `year` is checked and built with: the year's own file, else the
 * nearest earlier year's (a named fallback, which `check` reports), else none.
 */
export interface ReferenceChoice {
  /** The year of the document. */
  year: number;
  reference: ReferenceFile | undefined;
  /** The year of the file used; undefined when there is none. */
  usedYear: number | undefined;
  /** True when the file used is an earlier year's. */
  fallback: boolean;
  /** True when the file used is marked provisional. */
  provisional: boolean;
}

export function referenceFor(lib: Pick<Library, 'references'>, year: number): ReferenceChoice {
  const own = lib.references.get(year);
  let usedYear: number | undefined = own ? year : undefined;
  if (!own) {
    for (const y of lib.references.keys()) if (y < year && (usedYear === undefined || y > usedYear)) usedYear = y;
  }
  const reference = usedYear === undefined ? undefined : lib.references.get(usedYear);
  return { year, reference, usedYear, fallback: !own && reference !== undefined, provisional: reference?.status === 'provisional' };
}

/** Path of a year's reference file as messages name it. */
export const referencePath = (year: number) => `data/_reference/${year}.json`;

/** Name of a function code for the year, or undefined if the code is unknown. */
export function functionName(ref: ReferenceFile | undefined, code: string): string | undefined {
  return ref?.function[code];
}

export function economicName(ref: ReferenceFile | undefined, code: string, scheme: 'department' | 'government' = 'department'): string | undefined {
  return scheme === 'government' ? ref?.economicGovernment[code] : ref?.economicDepartment[code];
}
