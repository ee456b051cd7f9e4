/** Walking a document's strings with the path to each, shared by the families that read text. */
import { esc } from './context.ts';

export type Path = Array<string | number>;

/**
 * Visits every string under `value` with the path to it. The path is one shared array, and a
 * pointer is built from it only for a string that has a finding: a document holds thousands of
 * strings, and building every pointer was most of a text rule's time (npm run bench).
 */
export function walkStrings(value: unknown, path: Path, visit: (text: string, path: Path) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walkStrings(value[i], path, visit);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      path.push(k);
      walkStrings(obj[k], path, visit);
      path.pop();
    }
  }
}

export const pointerOf = (path: Path) => path.map((t) => `/${typeof t === 'number' ? t : esc(t)}`).join('');
