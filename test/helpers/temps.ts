/**
 * Temporary folders for a test suite, all removed after it: `const temp = tempFolders(test)`,
 * then `temp('gongkai-x-')` gives a fresh folder under the system's temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'uvu';

export function tempFolders(suite: Test): (prefix: string) => string {
  const made: string[] = [];
  suite.after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
