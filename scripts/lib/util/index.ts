/**
 * Plumbing shared by the stages, with no knowledge of budgets: file trees and hashes
 * (files.ts), whether a process lives (process.ts), TypeScript worker threads (workers.ts).
 */
export { filesUnder, sha256, writeFileAtomic } from './files.ts';
export { processAlive } from './process.ts';
export { spawnTsWorker, siblingEntry } from './workers.ts';
