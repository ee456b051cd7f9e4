/**
 * 第四部分 名词解释: the national default glossary (data/_glossary/national.json, validated
 * on load) when the document asks for it, with the unit's own entries replacing defaults of
 * the same term in place and the rest appended in the unit's order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import { Type, type Static } from '@sinclair/typebox';
import { readJsonBytes } from '../model/json.ts';
import type { DocumentKind } from '../model/schema.ts';
import { BookletError, type BuildContext } from './context.ts';
import type { Block } from './model.ts';
import { chineseNumeral } from './overview.ts';

export const GLOSSARY_PATH = 'data/_glossary/national.json';

export const GlossaryFile = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    title: Type.String({ minLength: 1 }),
    source: Type.Optional(Type.String()),
    entries: Type.Array(
      Type.Object(
        {
          term: Type.String({ minLength: 1 }),
          definition: Type.String({ minLength: 1 }),
          /** Document kinds the term belongs to (上年结转 is a 预算 word, 年初结转和结余 its 决算 one); absent = both. */
          kinds: Type.Optional(Type.Array(Type.Union([Type.Literal('budget'), Type.Literal('final')]), { minItems: 1, uniqueItems: true })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
export type GlossaryFile = Static<typeof GlossaryFile>;

export interface GlossaryEntry {
  term: string;
  definition: string;
}

/** A broken default glossary file: names the file and what is wrong, in Chinese. */
export class GlossaryError extends BookletError {
  constructor(
    readonly file: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`名词解释文件 ${file} 有误：${detail}`, options);
    this.name = 'GlossaryError';
  }
}

let validator: ReturnType<InstanceType<typeof Ajv2020.default>['compile']> | undefined;

function describe(e: ErrorObject): string {
  const at = e.instancePath || '/';
  switch (e.keyword) {
    case 'required':
      return `${at} 缺少“${String(e.params.missingProperty)}”`;
    case 'additionalProperties':
      return `${at} 有多余的字段“${String(e.params.additionalProperty)}”`;
    case 'minLength':
      return `${at} 不能为空`;
    case 'minItems':
      return `${at} 至少要有一项`;
    case 'uniqueItems':
      return `${at} 有重复项`;
    case 'type':
      return `${at} 类型不对，应为 ${String(e.params.type)}`;
    case 'const':
    case 'anyOf':
      return `${at} 只能是 budget 或 final`;
    default:
      return `${at} ${e.message ?? '格式不对'}`;
  }
}

const cache = new Map<string, GlossaryFile>();

/** Reads and validates the national glossary under `root` (once per root). Throws GlossaryError. */
export function loadDefaultGlossary(root: string): GlossaryFile {
  const cached = cache.get(root);
  if (cached) return cached;
  const path = join(root, GLOSSARY_PATH);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new GlossaryError(GLOSSARY_PATH, '无法读取文件', { cause });
  }
  const value = parseGlossary(bytes, GLOSSARY_PATH);
  cache.set(root, value);
  return value;
}

/** Parses and validates glossary file bytes; `file` names it in errors. */
export function parseGlossary(bytes: Uint8Array, file: string): GlossaryFile {
  const parsed = readJsonBytes(bytes);
  const fatal = parsed.issues.find((i) => i.severity === 'error');
  if (fatal || parsed.value === undefined) {
    throw new GlossaryError(file, fatal ? `第 ${fatal.line} 行第 ${fatal.column} 列：${fatal.message}` : '文件为空');
  }
  validator ??= new Ajv2020.default({ strict: true, allErrors: true }).compile(GlossaryFile);
  if (!validator(parsed.value)) {
    throw new GlossaryError(file, (validator.errors ?? []).map(describe).join('；'));
  }
  return parsed.value as GlossaryFile;
}

/** Terms compare with straight and curly quotes alike (“三公”经费 = "三公"经费). */
function termKey(term: string): string {
  return term.trim().replace(/[“”"]/g, '"');
}

/**
 * Defaults (for this kind) with the unit's entries merged: a unit entry whose term is a
 * default term replaces that default where it stands; the others follow in the unit's order.
 */
export function mergeGlossary(defaults: readonly GlossaryEntry[], own: readonly GlossaryEntry[]): GlossaryEntry[] {
  const out = defaults.map((e) => ({ term: e.term, definition: e.definition }));
  const index = new Map(out.map((e, i) => [termKey(e.term), i]));
  for (const e of own) {
    const at = index.get(termKey(e.term));
    if (at !== undefined) out[at] = { term: e.term, definition: e.definition };
    else {
      index.set(termKey(e.term), out.length);
      out.push({ term: e.term, definition: e.definition });
    }
  }
  return out;
}

export function defaultEntries(file: GlossaryFile, kind: DocumentKind): GlossaryEntry[] {
  return file.entries.filter((e) => !e.kinds || e.kinds.includes(kind)).map(({ term, definition }) => ({ term, definition }));
}

/**
 * The glossary block; `entryNumbers` (a profile part's, e.g. "{n}." or "（{cn}）") numbers the entries
 * as Shanghai prints them ("1. 财政拨款收入：…").
 */
export function buildGlossary(ctx: BuildContext, root: string, entryNumbers?: string): Block[] {
  const g = ctx.doc.glossary;
  const defaults = g.includeDefault ? defaultEntries(loadDefaultGlossary(root), ctx.kind) : [];
  const merged = mergeGlossary(defaults, g.entries);
  const entries = entryNumbers
    ? merged.map((e, i) => ({ ...e, number: entryNumbers.replaceAll('{n}', String(i + 1)).replaceAll('{cn}', chineseNumeral(i + 1)) }))
    : merged;
  return entries.length ? [{ type: 'glossary', entries }] : [];
}
