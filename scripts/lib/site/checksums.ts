/**
 * SHA256SUMS at the root of every build: "<sha256>  <path>" for every published file, sorted
 * by path — sha256sum's own format, so `sha256sum -c SHA256SUMS` verifies a copy of the site,
 * and `npm run publish` (../publish.ts) refuses a build that does not match it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CHECKSUMS = 'SHA256SUMS';

/** Relative paths (forward slashes) of every file under `dir`. */
function walk(dir: string, prefix = '', out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, name)).isDirectory()) walk(join(dir, name), rel, out);
    else out.push(rel);
  }
  return out;
}

/** Writes `dir`/SHA256SUMS; written last, after every other file of the build. */
export function writeChecksums(dir: string): void {
  const lines = walk(dir)
    .filter((p) => p !== CHECKSUMS)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((p) => `${createHash('sha256').update(readFileSync(join(dir, p))).digest('hex')}  ${p}\n`);
  writeFileSync(join(dir, CHECKSUMS), lines.join(''));
}
