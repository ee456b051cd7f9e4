/**
 * SHA256SUMS at the root of every build: "<sha256>  <path>" for every published file, sorted
 * by path — sha256sum's own format, so `sha256sum -c SHA256SUMS` verifies a copy of the site,
 * and `npm run publish` (../publish.ts) refuses a build that does not match it.
 *
 * A booklet's files are hashed once, where they are written (build-chunk.ts, the PDF stage), and
 * the sums travel with the file's outcome (the manifest, a shard's record): at 10,000 booklets an
 * incremental build or a merge hashes only what it wrote itself, not the 150,000 files it carried.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder, sha256 } from '../util/files.ts';

export const CHECKSUMS = 'SHA256SUMS';

/** The sums of `outputs` (paths relative to `dir`), as they are on disk now. */
export function sumsOf(dir: string, outputs: readonly string[]): Record<string, string> {
  const sums: Record<string, string> = {};
  for (const o of outputs) sums[o] = sha256(readFileSync(join(dir, o)));
  return sums;
}

/**
 * Writes `dir`/SHA256SUMS; written last, after every other file of the build. `known` holds the
 * sums of files hashed when they were written (and carried unchanged since); the rest are read.
 */
export function writeChecksums(dir: string, known: ReadonlyMap<string, string> = new Map()): void {
  const lines = filesUnder(dir)
    .filter((p) => p !== CHECKSUMS)
    .map((p) => `${known.get(p) ?? sha256(readFileSync(join(dir, p)))}  ${p}\n`);
  writeFileSync(join(dir, CHECKSUMS), lines.join(''));
}
