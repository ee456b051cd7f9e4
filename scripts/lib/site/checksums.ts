/**
 * SHA256SUMS at the root of every build: "<sha256>  <path>" for every published file, sorted
 * by path — sha256sum's own format, so `sha256sum -c SHA256SUMS` verifies a copy of the site,
 * and `npm run publish` (../publish.ts) refuses a build that does not match it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder, sha256 } from '../util/files.ts';

export const CHECKSUMS = 'SHA256SUMS';

/** Writes `dir`/SHA256SUMS; written last, after every other file of the build. */
export function writeChecksums(dir: string): void {
  const lines = filesUnder(dir)
    .filter((p) => p !== CHECKSUMS)
    .map((p) => `${sha256(readFileSync(join(dir, p)))}  ${p}\n`);
  writeFileSync(join(dir, CHECKSUMS), lines.join(''));
}
