import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderSchema, SCHEMA_ID, SCHEMA_PATH } from '../../scripts/lib/model/schema.ts';
import { listDataFiles } from '../../scripts/lib/check/check.ts';

const root = join(import.meta.dirname, '..', '..');

test('the committed JSON Schema is exactly what the TypeBox model renders (run `npm run schema` after a model change)', () => {
  const committed = readFileSync(join(root, SCHEMA_PATH), 'utf8');
  const fresh = JSON.stringify(renderSchema(), null, 2) + '\n';
  // Compare the parsed documents first for a readable diff, then the bytes (formatting, final newline).
  assert.equal(JSON.parse(committed), JSON.parse(fresh));
  assert.is(committed, fresh);
});

test('the rendered schema is a 2020-12 document with our id and closed objects', () => {
  const schema = renderSchema() as Record<string, unknown>;
  assert.is(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.is(schema.$id, SCHEMA_ID);
  assert.is(schema.type, 'object');
  assert.is(schema.additionalProperties, false);
  const props = schema.properties as Record<string, unknown>;
  assert.equal(Object.keys(props).sort(), ['$schema', 'documents', 'unit', 'year']);
});

test('every data file points its "$schema" at ../_schema/unit-year.schema.json', () => {
  const files = listDataFiles(root);
  assert.ok(files.length >= 4, `data files: ${files.length}`);
  for (const file of files) {
    const data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as { $schema?: unknown };
    assert.is(data.$schema, '../_schema/unit-year.schema.json', relative(root, file));
  }
});

test.run();
