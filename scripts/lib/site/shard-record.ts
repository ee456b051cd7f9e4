/**
 * What a shard of the build (`npm run build -- --shard i/n`) hands to the merge: which files are
 * its own, and everything the merge needs of them without rebuilding anything.
 *
 *   data file path ─ sha256 ─ first 8 hex digits mod n ─▶ its shard (1 … n): the same on every
 *   machine and in every run, independent of how many files there are or of their order
 *
 * The record (gongkai-shard.json at the top of the shard's folder, never published) holds each
 * own file's outcome: its hash, findings, the facts the cross-file rules compare, its booklets'
 * summaries (for the listings), the files written and their sha256 (for SHA256SUMS).
 */
import { createHash } from 'node:crypto';
import type { FileOutcome } from './build-chunk.ts';

export const SHARD_RECORD = 'gongkai-shard.json';
export const SHARD_RECORD_VERSION = 1;

/** The shard (1 … count) a data file (path relative to the project root, forward slashes) belongs to. */
export function shardOf(file: string, count: number): number {
  const h = createHash('sha256').update(file).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

export interface ShardRecord {
  version: number;
  /** toolVersion() of the build: the merge refuses parts built from other code, templates or profiles. */
  tool: string;
  index: number;
  count: number;
  charts: boolean;
  pdf: boolean;
  /** Every data file of the build (not only this shard's), in build order. */
  files: string[];
  /** This shard's files, in build order. */
  outcomes: FileOutcome[];
  /** As in BuildResult: requests blocked while printing, booklets printed smaller. */
  blocked: string[];
  shrunk: string[];
}
