/**
 * Hostile data: a copy of a real data file where every free-text string field (a
 * schema string with no pattern, enum or const) is replaced by markup, a javascript:
 * link and template syntax. Patterned fields (ids, codes, dates) keep their values so
 * the file still passes the schema, as a malicious pull request would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const HOSTILE =
  '<script>alert(1)</script>"><img src=x onerror=alert(1)>[点我](javascript:alert(1)){{ 7*7 }}{% raw %}{% endraw %}{{ site }}';

type Schema = { type?: string; pattern?: string; const?: unknown; enum?: unknown[]; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; additionalProperties?: Schema | boolean; patternProperties?: Record<string, Schema> };

function isFreeText(s: Schema | undefined): boolean {
  if (!s) return false;
  if (s.anyOf) return s.anyOf.some(isFreeText);
  return s.type === 'string' && s.pattern === undefined && s.const === undefined && s.enum === undefined;
}

function pick(s: Schema | undefined, value: unknown): Schema | undefined {
  if (!s?.anyOf) return s;
  // The branch whose type matches the value (objects: the one with properties).
  const t = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  return s.anyOf.find((b) => b.type === (t === 'number' ? b.type : t) || (t === 'number' && (b.type === 'number' || b.type === 'integer'))) ?? s.anyOf[0];
}

/** Stated wording the check compares with the numbers (a hostile word is a check error, by design). */
const WORD_FIELDS = new Set(['changeWord', 'compareWord']);

function walk(value: unknown, schema: Schema | undefined, count: { n: number }, key = ''): unknown {
  const s = pick(schema, value);
  if (typeof value === 'string') {
    if (isFreeText(schema) && !WORD_FIELDS.has(key)) {
      count.n++;
      return HOSTILE;
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => walk(v, s?.items, count, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      let child = s?.properties?.[k];
      if (!child && s?.patternProperties) child = Object.values(s.patternProperties)[0];
      if (!child && typeof s?.additionalProperties === 'object') child = s.additionalProperties;
      out[k] = walk(v, child, count, k);
    }
    return out;
  }
  return value;
}

export function hostileCopy(root: string, dataFile: string): { data: unknown; replaced: number } {
  const schema = JSON.parse(readFileSync(join(root, 'data/_schema/unit-year.schema.json'), 'utf8')) as Schema;
  const data = JSON.parse(readFileSync(join(root, dataFile), 'utf8'));
  const count = { n: 0 };
  const out = walk(data, schema, count) as Record<string, unknown>;
  delete out.$schema;
  return { data: out, replaced: count.n };
}
