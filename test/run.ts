/**
 * Test entry: runs every test/**\/*.test.ts through uvu in one process (as uvu's CLI
 * does, with UVU_DEFER), then prints the plain closing line "N passed, N failed".
 * Optional arguments filter test files by substring.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const g = globalThis as unknown as { UVU_DEFER: number; UVU_QUEUE: unknown[][]; UVU_INDEX: number };
g.UVU_DEFER = 1;
g.UVU_QUEUE = [];

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const root = join(import.meta.dirname, '..');
const filters = process.argv.slice(2);
const files = findTests(join(root, 'test')).filter((f) => !filters.length || filters.some((x) => f.includes(x)));

// Capture uvu's summary to restate it as the plain closing line.
let captured = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;

const { exec } = await import('uvu');
for (const [index, file] of files.entries()) {
  g.UVU_QUEUE.push([relative(root, file)]);
  g.UVU_INDEX = index;
  await import(pathToFileURL(file).href);
}
await exec();
process.stdout.write = write;
// eslint-disable-next-line no-control-regex
const plain = captured.replace(/\x1b\[[0-9;]*m/g, '');
const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
console.log(`\n${passed} passed, ${total - passed - skipped} failed`);
// A suite whose before-hook throws counts its tests as not passed without uvu setting the exit code.
if (total === 0 || passed + skipped < total) process.exitCode = 1;
