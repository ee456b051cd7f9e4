/** Temporary developer aid until `npm run check` lands: schema-only validation of data files. */
import Ajv2020 from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { renderSchema } from './lib/schema.ts';

const ajv = new Ajv2020.default({ strict: true, allErrors: true });
const validate = ajv.compile(renderSchema());
let bad = 0;
for (const file of process.argv.slice(2)) {
  const ok = validate(JSON.parse(readFileSync(file, 'utf8')));
  if (!ok) bad++;
  console.log(file, ok ? 'schema OK' : JSON.stringify(validate.errors, null, 1));
}
process.exit(bad ? 1 : 0);
