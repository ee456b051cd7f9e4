/**
 * The check of many files over the machine's cores: the same findings, in the same order, as
 * checkFiles (check.ts), with the files shared out in chunks.
 *
 *   paths ─▶ chunks of CHUNK files ─┬─▶ this thread, from the start (while the workers boot, and after)
 *                                   └─▶ worker threads (check-worker.ts), CHUNK files per message
 *         ─▶ findings back, put in path order ─▶ cross-file rules (finishCheck) ─▶ sorted findings
 *
 * Only findings cross between threads; the checked data stays where it was checked, so memory does
 * not grow with the number of files (CheckResult.files[].data is always undefined here: the build,
 * which needs the data, uses checkFiles).
 *
 * Why this thread works too: a worker takes ~0.5 s to load the modules and compile the schema,
 * during which this thread has already checked a few hundred files; and on a 2-core machine one
 * worker plus this thread keep both cores busy.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { siblingEntry, spawnTsWorker } from '../util/workers.ts';
import { checkFile, checkFiles, finishCheck, listDataFiles, ownerOf, type CheckedFile, type CheckResult, type Owner } from './check.ts';
import { loadLibrary } from '../model/reference.ts';
import type { Finding } from './findings.ts';

/** Files per message: large enough that messaging costs nothing, small enough to share out evenly. */
const CHUNK = 16;
/** Below this many files a worker would not finish booting before this thread finished alone. */
export const PARALLEL_THRESHOLD = 300;

export interface FileResult {
  file: string;
  findings: Finding[];
  owner: Owner | undefined;
}

/** Worker → pool messages. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; run: number; id: number; results: FileResult[]; heapUsed: number }
  | { type: 'failed'; run: number; id: number; message: string; stack?: string };

/** Pool → worker messages: check paths (chunk `id` of run `run`). */
export interface WorkerTask {
  run: number;
  id: number;
  root: string;
  paths: string[];
}

export function checkOne(root: string, path: string): FileResult {
  const f: CheckedFile = checkFile(root, path, loadLibrary(root));
  return { file: f.file, findings: f.findings, owner: ownerOf(f) };
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** set when the worker failed (to boot, or later); it is given no more work */
  error?: Error;
  /** chunks sent and not yet answered (of this run or of an earlier, failed one) */
  inFlight: number;
  /** largest heap the worker reported in this run */
  heapPeak: number;
}

export interface PoolStats {
  /** files checked by this thread and by each worker, in this run */
  filesByThread: number[];
  /** largest heap each worker reported in this run (bytes, measured after each chunk) */
  workerHeapPeaks: number[];
}

/** The run in progress: what the workers' replies are delivered to. */
interface ActiveRun {
  id: number;
  feed(slot: Slot): void;
  reply(slot: Slot, k: number, m: Extract<WorkerReply, { run: number }>): void;
  failed(slot: Slot): void;
}

/**
 * Worker threads for check runs. A pool outlives a run, so a second run (the bench's timed run,
 * or a watch mode) starts warm. One run at a time; close() ends the workers.
 */
export class CheckPool {
  private readonly slots: Slot[] = [];
  private readonly booted: Promise<void>;
  private active: ActiveRun | undefined;
  private runs = 0;
  private closed = false;

  constructor(readonly workers: number) {
    const boots: Array<Promise<void>> = [];
    for (let k = 0; k < workers; k++) {
      const worker = spawnWorker();
      const slot: Slot = { worker, ready: false, inFlight: 0, heapPeak: 0 };
      this.slots.push(slot);
      boots.push(
        new Promise((resolve, reject) => {
          worker.on('message', (m: WorkerReply) => {
            if (m.type === 'ready') {
              slot.ready = true;
              resolve();
            } else {
              slot.inFlight--;
              // A reply to an earlier run (one that failed while this chunk was out) is dropped.
              if (m.run === this.active?.id) this.active.reply(slot, k, m);
            }
            this.active?.feed(slot);
          });
          // Listened to for good: an unheard worker error would end the process. A failed worker
          // gets no more work; the run fails only if the worker had chunks in hand.
          const fail = (e: Error) => {
            slot.error ??= e;
            reject(slot.error);
            this.active?.failed(slot);
          };
          worker.on('error', fail);
          worker.on('exit', (code) => fail(new Error(`检查线程意外退出（worker exited with code ${code}）`)));
        }),
      );
    }
    this.booted = Promise.all(boots).then(() => undefined);
    // Awaited by ready(); unawaited, a failed boot must not end the process: run() copes without it.
    this.booted.catch(() => undefined);
  }

  /** Resolves when every worker has loaded the modules and compiled the schema. */
  ready(): Promise<void> {
    return this.booted;
  }

  /**
   * Checks `paths` with this thread and the workers; resolves with what checkFiles(root, paths,
   * { keepData: false }) returns. `onProgress` is called between chunks (to sample memory, say).
   */
  async run(root: string, paths: string[], onProgress?: () => void): Promise<CheckResult & { stats: PoolStats }> {
    if (this.closed) throw new Error('CheckPool is closed');
    if (this.active) throw new Error('CheckPool runs one check at a time');
    const lib = loadLibrary(root);
    const results: Array<FileResult | undefined> = new Array(paths.length);
    const chunks: Array<[number, number]> = [];
    for (let i = 0; i < paths.length; i += CHUNK) chunks.push([i, Math.min(paths.length, i + CHUNK)]);
    let next = 0;
    let remaining = chunks.length;
    const filesByThread = new Array<number>(this.slots.length + 1).fill(0);
    for (const slot of this.slots) slot.heapPeak = 0;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const settle = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    const id = ++this.runs;
    this.active = {
      id,
      // Two chunks in flight per worker, so it never waits for this thread to hand out the next.
      feed: (slot) => {
        while (slot.ready && !slot.error && slot.inFlight < 2 && next < chunks.length) {
          const chunk = next++;
          const [from, to] = chunks[chunk]!;
          const task: WorkerTask = { run: id, id: chunk, root, paths: paths.slice(from, to) };
          slot.worker.postMessage(task);
          slot.inFlight++;
        }
      },
      reply: (slot, k, m) => {
        if (m.type === 'done') {
          const [from] = chunks[m.id]!;
          m.results.forEach((r, j) => (results[from + j] = r));
          filesByThread[k + 1]! += m.results.length;
          slot.heapPeak = Math.max(slot.heapPeak, m.heapUsed);
          remaining--;
        } else {
          const e = new Error(`检查线程出错（worker failed）：${m.message}`);
          if (m.stack) e.stack = m.stack;
          failure ??= e;
        }
        onProgress?.();
        settle();
      },
      failed: (slot) => {
        if (slot.inFlight > 0) failure ??= slot.error;
        settle();
      },
    };

    try {
      for (const slot of this.slots) this.active.feed(slot);
      while (remaining > 0 && !failure) {
        if (next < chunks.length) {
          const [from, to] = chunks[next++]!;
          for (let i = from; i < to; i++) results[i] = checkOne(root, paths[i]!);
          filesByThread[0]! += to - from;
          remaining--;
          onProgress?.();
          // Let the workers' replies in (and hand them more) before the next chunk.
          await new Promise<void>((resolve) => setImmediate(resolve));
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
        }
      }
    } finally {
      this.active = undefined;
    }
    if (failure) throw failure;

    const files: CheckedFile[] = [];
    const owners: Array<Owner | undefined> = [];
    for (const r of results) {
      files.push({ file: r!.file, data: undefined, findings: r!.findings });
      owners.push(r!.owner);
    }
    return { ...finishCheck(root, lib, files, owners), stats: { filesByThread, workerHeapPeaks: this.slots.map((s) => s.heapPeak) } };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

function spawnWorker(): Worker {
  return spawnTsWorker(siblingEntry(import.meta.url, 'worker'));
}

export interface ParallelOptions {
  /** Threads in all, this one included (default: the machine's cores). 1 = this thread only. */
  threads?: number;
  /** A pool to use (and leave open); otherwise one is started for the run and closed after it. */
  pool?: CheckPool;
}

/**
 * checkFiles(root, paths, { keepData: false }) over several threads. Small runs (under
 * PARALLEL_THRESHOLD files, without a pool given) stay in this thread.
 */
export async function checkFilesParallel(root: string, paths?: string[], options: ParallelOptions = {}): Promise<CheckResult> {
  const targets = paths?.length ? paths : listDataFiles(root);
  if (options.pool) return options.pool.run(root, targets);
  const threads = options.threads ?? availableParallelism();
  if (threads <= 1 || targets.length < PARALLEL_THRESHOLD) return checkFiles(root, targets, { keepData: false });
  const pool = new CheckPool(threads - 1);
  try {
    return await pool.run(root, targets);
  } finally {
    await pool.close();
  }
}
