/**
 * Shared by the import tests: a workbook written to a temporary folder, and a refusal that must be
 * an ImportError with a located Chinese message (never a stack trace).
 */
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError } from '../../scripts/lib/import/index.ts';

export function writeTemp(dir: string, name: string, bytes: Buffer | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

export function rejects(fn: () => unknown, pattern: RegExp): ImportError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, ImportError, `not an ImportError: ${String(e)}`);
    assert.match((e as Error).message, pattern, (e as Error).message);
    assert.not.match((e as Error).message, /^\s+at \S/m);
    return e as ImportError;
  }
  assert.unreachable(`expected an ImportError matching ${pattern}`);
  throw new Error('unreachable');
}
