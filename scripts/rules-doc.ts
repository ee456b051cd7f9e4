/** npm run rules: writes docs/rules.md from the rule families, their catalogue and their fixtures. */
import { join } from 'node:path';
import { renderRulesDoc } from './lib/check/rules/rules-doc.ts';
import { writeFileAtomic } from './lib/util/index.ts';

const root = join(import.meta.dirname, '..');
writeFileAtomic(join(root, 'docs/rules.md'), renderRulesDoc(root));
console.log('已写出 docs/rules.md');
