/** Writes the published JSON Schema from the TypeBox model (scripts/lib/model/schema.ts). */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderSchema, SCHEMA_PATH } from './lib/model/index.ts';

mkdirSync(dirname(SCHEMA_PATH), { recursive: true });
writeFileSync(SCHEMA_PATH, JSON.stringify(renderSchema(), null, 2) + '\n');
console.log(`已写入 ${SCHEMA_PATH}`);
