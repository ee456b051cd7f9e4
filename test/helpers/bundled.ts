/**
 * What the bundled data/ folder holds, read straight from the files (not through the code under
 * test), so that tests over data/ hold whatever units and years a user adds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** "unit/year/kind" for every document of every data/<unit>/<year>.json, sorted. */
export function bundledDocuments(root: string): string[] {
  const data = join(root, 'data');
  const keys: string[] = [];
  for (const unit of readdirSync(data)) {
    if (unit.startsWith('_') || unit.startsWith('.') || !statSync(join(data, unit)).isDirectory()) continue;
    for (const name of readdirSync(join(data, unit))) {
      const m = /^(\d{4})\.json$/.exec(name);
      if (!m) continue;
      const file = JSON.parse(readFileSync(join(data, unit, name), 'utf8')) as { documents?: Record<string, unknown> };
      for (const kind of Object.keys(file.documents ?? {})) keys.push(`${unit}/${m[1]}/${kind}`);
    }
  }
  return keys.sort();
}

/** The five booklets every test over the bundled data may rely on (the seeds and the 示例). */
export const SEED_DOCUMENTS = ['huaibei-ybj/2023/final', 'huaibei-ylsy/2024/budget', 'jiyuan-ybj/2021/budget', 'shili-danwei/2023/final', 'sixian-ybj/2024/budget'];
