/**
 * What `npm run bench` (scripts/bench.ts) measures with: synthetic unit-year files, consistent
 * by construction (0 errors, 0 warnings), in any number.
 */
export { writeSyntheticFiles } from './synthetic.ts';
