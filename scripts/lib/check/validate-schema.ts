/**
 * Schema stage: ajv (JSON Schema 2020-12, strict, all errors) over the parsed value,
 * with messages a finance clerk understands. The common keywords get our own wording
 * that names the field by its Chinese title and says expected vs found; anything else
 * falls back to ajv-i18n's Chinese text.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import type { Issue } from './findings.ts';
import { renderSchema } from '../model/schema.ts';

// ajv-i18n is CommonJS: its default import is the function itself at run time,
// while its typings describe an ES default export; accept both shapes.
type Localize = (errors?: ErrorObject[] | null) => void;
const localizeZh: Localize =
  typeof localizeZhModule === 'function'
    ? (localizeZhModule as unknown as Localize)
    : (localizeZhModule as unknown as { default: Localize }).default;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020.default({ strict: true, allErrors: true, verbose: true, messages: true });
    compiled = ajv.compile(renderSchema());
  }
  return compiled;
}

const typeZh: Record<string, string> = {
  number: '数字',
  integer: '整数',
  string: '文字（带引号）',
  object: '对象 { … }',
  array: '数组 [ … ]',
  boolean: 'true 或 false',
  null: 'null',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '数组';
  if (typeof value === 'object') return '对象';
  if (typeof value === 'string') return `文字 ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value === 'number' ? '数字' : typeof value} ${String(value)}`;
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function titleOf(schema: unknown): string | undefined {
  return schema && typeof schema === 'object' && 'title' in schema ? String((schema as { title: unknown }).title) : undefined;
}

/** Edit distance, for "did you mean" on unknown field names. */
function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

function toIssue(e: ErrorObject): Issue | undefined {
  const field = titleOf(e.parentSchema);
  const named = field ? `“${field}”` : '此处';
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(((e.parentSchema as { properties?: object }).properties ?? {}) as object);
      const best = allowed
        .map((a) => ({ a, d: distance(prop.toLowerCase(), a.toLowerCase()) }))
        .sort((x, y) => x.d - y.d)[0];
      const hint = best && best.d <= Math.max(2, Math.floor(prop.length / 3)) ? `，是否应为 "${best.a}"？` : '。';
      return {
        pointer: `${e.instancePath}/${escapePointerToken(prop)}`,
        severity: 'error',
        rule: 'schema.unknown-field',
        message: `${named}中没有字段 "${prop}"（可能拼写错误）${hint}`,
        messageEn: `unknown field "${prop}"${best && hint !== '。' ? `; did you mean "${best.a}"?` : ''}`,
        expected: allowed.join('、'),
        found: prop,
      };
    }
    case 'required': {
      const prop = String((e.params as { missingProperty: string }).missingProperty);
      const propSchema = ((e.parentSchema as { properties?: Record<string, unknown> }).properties ?? {})[prop];
      const title = titleOf(propSchema);
      return {
        pointer: e.instancePath,
        severity: 'error',
        rule: 'schema.required',
        message: `${named}缺少必填字段 "${prop}"${title ? `（${title}）` : ''}。没有数据的表请写空数组 []，没有的部分写 null。`,
        messageEn: `missing required field "${prop}"`,
        expected: prop,
        found: '（缺少）',
      };
    }
    case 'type': {
      const expected = String((e.params as { type: string }).type);
      const hint =
        (expected === 'number' || expected === 'integer') && typeof e.data === 'string'
          ? '金额和数量只写数字，不带引号和单位（例如 2805.56，而不是 "2805.56万元"）。'
          : '';
      return {
        pointer: e.instancePath,
        severity: 'error',
        rule: 'schema.type',
        message: `${named}应为${typeZh[expected] ?? expected}，实际是${describeValue(e.data)}。${hint}`,
        messageEn: `${field ?? 'value'} must be ${expected}, found ${JSON.stringify(e.data)}`,
        expected: typeZh[expected] ?? expected,
        found: describeValue(e.data),
      };
    }
    case 'minimum': {
      const limit = (e.params as { limit: number }).limit;
      return {
        pointer: e.instancePath,
        severity: 'error',
        rule: 'schema.minimum',
        message: `${named}不能小于 ${limit}，实际是 ${String(e.data)}。${limit === 0 ? '金额不能为负数；减少额请在 change 中写负数。' : ''}`,
        messageEn: `${field ?? 'value'} must be >= ${limit}, found ${String(e.data)}`,
        expected: `≥ ${limit}`,
        found: String(e.data),
      };
    }
    case 'pattern':
      return {
        pointer: e.instancePath,
        severity: 'error',
        rule: 'schema.pattern',
        message: `${named}的格式不对：${JSON.stringify(e.data)}。${(e.parentSchema as { description?: string }).description ?? ''}`,
        messageEn: `${field ?? 'value'} has the wrong format: ${JSON.stringify(e.data)}`,
        expected: String((e.params as { pattern: string }).pattern),
        found: String(e.data),
      };
    case 'anyOf': {
      const branches = ((e.parentSchema as { anyOf?: Array<{ const?: unknown; type?: string }> }).anyOf ?? []);
      const consts = branches.filter((b) => 'const' in b).map((b) => String(b.const));
      const types = branches.filter((b) => !('const' in b)).map((b) => typeZh[b.type ?? ''] ?? b.type ?? '对象');
      const options = [...consts, ...types].join('、');
      return {
        pointer: e.instancePath,
        severity: 'error',
        rule: 'schema.one-of',
        message: `${named}只能是以下之一：${options}；实际是${describeValue(e.data)}。`,
        messageEn: `${field ?? 'value'} must be one of: ${options}`,
        expected: options,
        found: describeValue(e.data),
      };
    }
    case 'minLength':
      return {
        pointer: e.instancePath,
        severity: 'error',
        rule: 'schema.empty-text',
        message: `${named}不能为空文字。`,
        messageEn: `${field ?? 'value'} must not be empty`,
        expected: '非空文字',
        found: '""',
      };
    default:
      return undefined;
  }
}

/**
 * Validates a parsed data file. Unions (anyOf) are resolved so a clerk reads one
 * sentence: where the value is an object or array and one branch has that shape
 * (e.g. "object or null"), only that branch's errors are kept; otherwise (e.g. an
 * enumeration of names) the branch errors collapse into one "must be one of" message.
 */
export function validateSchema(value: unknown): Issue[] {
  const validate = validator();
  if (validate(value)) return [];
  let errors = [...(validate.errors ?? [])];
  // Innermost unions first, so an outer union sees the already-resolved inner errors.
  const unions = errors.filter((e) => e.keyword === 'anyOf').sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const union of unions) {
    const prefix = union.schemaPath + '/';
    const inBranch = (e: ErrorObject) => e !== union && e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(union.instancePath);
    const branches = (union.parentSchema as { anyOf?: Array<{ type?: string }> }).anyOf ?? [];
    const data = union.data;
    const shape = Array.isArray(data) ? 'array' : data !== null && typeof data === 'object' ? 'object' : undefined;
    const match = shape ? branches.findIndex((b) => b.type === shape) : -1;
    if (match >= 0) {
      const keep = prefix + match + '/';
      errors = errors.filter((e) => e !== union && (!inBranch(e) || e.schemaPath.startsWith(keep)));
    } else {
      errors = errors.filter((e) => !inBranch(e));
    }
  }
  const fallback = errors.filter((e) => !toIssue(e));
  if (fallback.length) localizeZh(fallback);
  const issues = errors.map(
    (e): Issue =>
      toIssue(e) ?? {
        pointer: e.instancePath,
        severity: 'error',
        rule: `schema.${e.keyword}`,
        message: `${titleOf(e.parentSchema) ? `“${titleOf(e.parentSchema)}”` : '此处'}${e.message ?? '不符合格式要求'}。`,
        messageEn: `${e.keyword} failed at ${e.instancePath || '/'}`,
        found: describeValue(e.data),
      },
  );
  // ajv may report the same problem through several schema paths; keep one of each.
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.rule}|${i.pointer}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
