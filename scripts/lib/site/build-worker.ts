/**
 * A build worker thread (see build-site.ts): builds each chunk it is sent (build-chunk.ts)
 * and posts back the outcomes.
 */
import { parentPort } from 'node:worker_threads';
import { buildChunk, type ChunkTask } from './build-chunk.ts';

const port = parentPort;
if (!port) throw new Error('build-worker.ts runs as a worker thread');

port.on('message', async (m: { id: number; task: ChunkTask }) => {
  try {
    port.postMessage({ id: m.id, outcomes: await buildChunk(m.task) });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    port.postMessage({ id: m.id, error: err.message, stack: err.stack });
  }
});
port.postMessage({ ready: true });
