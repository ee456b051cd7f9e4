/**
 * Worker threads for TypeScript entries. Under tsx (how every script here runs) a worker does
 * not inherit the TypeScript loader (Node 20: nodejs/node#47747, privatenumber/tsx#354), so the
 * worker's entry registers it first. Compiled to JavaScript, the entry is imported directly.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';

export function spawnTsWorker(entry: URL, resourceLimits?: ResourceLimits): Worker {
  const options = resourceLimits ? { resourceLimits } : {};
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options);
}

/** The sibling module of `base` named `name`, with the extension `base` has (.ts under tsx). */
export function siblingEntry(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}
