/**
 * Helper process for publish.test.ts (not a test itself): publishes a build and, after the Nth file
 * is copied, writes a marker file with its pid and stops dead, so that the test can kill it in the
 * middle of the copy. Arguments: <target> <build> <marker> <N>.
 */
import { writeFileSync } from 'node:fs';
import { publish } from '../../scripts/lib/edit/publish.ts';

const [target, from, marker, after] = process.argv.slice(2) as [string, string, string, string];
publish({
  target,
  from,
  hooks: {
    afterCopy: (_path, count) => {
      if (count !== Number(after)) return;
      writeFileSync(marker, String(process.pid));
      // Block this thread for good (no event loop turn, no cleanup) until the test kills it.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    },
  },
});
