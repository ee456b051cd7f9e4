/**
 * The data model read as a map: which schema node describes the value at a path in a
 * unit-year file, its Chinese title, and the key order the schema declares. `npm run new`
 * writes scaffolds in that order; `npm run diff` names changed fields by these titles, so
 * the names a reviewer reads are the ones the editor shows (schema.ts is their one source).
 */
import { UnitYearFile } from './schema.ts';

export interface SchemaNode {
  type?: string;
  title?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  const?: unknown;
}

export type Path = ReadonlyArray<string | number>;

export const ROOT: SchemaNode = UnitYearFile as unknown as SchemaNode;

function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The union branch that fits `value` (an object to the object branch, null to null …). */
export function branch(node: SchemaNode | undefined, value: unknown): SchemaNode | undefined {
  if (!node?.anyOf) return node;
  const shape = shapeOf(value);
  return (
    node.anyOf.find((b) => b.type === shape || (shape === 'number' && b.type === 'integer')) ??
    node.anyOf.find((b) => b.type !== 'null') ??
    node.anyOf[0]
  );
}

/** The node of a member (object key or array index) of a value described by `node`. */
export function child(node: SchemaNode | undefined, key: string | number, container?: unknown): SchemaNode | undefined {
  const n = branch(node, container ?? (typeof key === 'number' ? [] : {}));
  if (!n) return undefined;
  if (typeof key === 'number') return n.items;
  if (n.properties && Object.hasOwn(n.properties, key)) return n.properties[key];
  if (n.patternProperties) return Object.values(n.patternProperties)[0];
  return undefined;
}

/** The node at `path` from the root of a unit-year file; values along the path pick union branches. */
export function schemaAt(path: Path, root: unknown = undefined): SchemaNode | undefined {
  let node: SchemaNode | undefined = ROOT;
  let value: unknown = root;
  for (const key of path) {
    node = child(node, key, value);
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key as string] : undefined;
    if (!node) return undefined;
  }
  return node;
}

/** A field's title without its parenthesised notes: "基本支出小计（所印数字；可由各列推算）" → "基本支出小计". */
export function shortTitle(title: string): string {
  return title.replace(/（[^（）]*）/g, '').trim();
}

/** The title of a node (of its non-null branch for a union), short form. */
export function titleOf(node: SchemaNode | undefined): string | undefined {
  const t = node?.title ?? node?.anyOf?.find((b) => b.type !== 'null')?.title;
  return t === undefined ? undefined : shortTitle(t);
}

/**
 * A copy of `value` with every object's keys in the order the schema declares them (keys the
 * schema does not know, and the entries of a record such as `figures`, keep their order after
 * them). Deterministic output for the same data, whatever order it was built in.
 */
export function orderBySchema<T>(value: T, node: SchemaNode | undefined = ROOT): T {
  const n = branch(node, value);
  if (Array.isArray(value)) return value.map((v) => orderBySchema(v, n?.items)) as T;
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const declared = n?.properties ? Object.keys(n.properties).filter((k) => Object.hasOwn(obj, k)) : [];
  const rest = Object.keys(obj).filter((k) => !declared.includes(k));
  const out: Record<string, unknown> = {};
  for (const k of [...declared, ...rest]) {
    if (obj[k] !== undefined) out[k] = orderBySchema(obj[k], child(n, k, obj));
  }
  return out as T;
}
