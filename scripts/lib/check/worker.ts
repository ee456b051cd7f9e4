/**
 * A check worker thread (see check-parallel.ts): checks the files of each task it is sent and
 * posts back their findings. Loads the modules and compiles the schema first, then says 'ready'.
 */
import { parentPort } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { checkOne, type FileResult, type WorkerReply, type WorkerTask } from './parallel.ts';
import { validateSchema } from './validate-schema.ts';

const port = parentPort;
if (!port) throw new Error('check-worker.ts runs as a worker thread (CheckPool)');
const reply = (m: WorkerReply) => port.postMessage(m);

validateSchema(null); // compiles the schema now, not in the first task

port.on('message', (task: WorkerTask) => {
  try {
    const results: FileResult[] = task.paths.map((p) => checkOne(task.root, p));
    reply({ type: 'done', run: task.run, id: task.id, results, heapUsed: getHeapStatistics().used_heap_size });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply({ type: 'failed', run: task.run, id: task.id, message: err.message, ...(err.stack ? { stack: err.stack } : {}) });
  }
});
reply({ type: 'ready' });
