/**
 * The rule catalogue docs/rules.md: generated from the families, their descriptions and their
 * fixtures, and committed. It must be what `npm run rules` writes now, and every rule must be
 * described — a new rule without a description, or a page not regenerated, fails here.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_FAMILIES } from '../../../scripts/lib/check/rules/index.ts';
import { RULE_DOCS } from '../../../scripts/lib/check/rules/catalogue.ts';
import { renderRulesDoc } from '../../../scripts/lib/check/rules/rules-doc.ts';

const root = join(import.meta.dirname, '../../..');

test('every rule of every family is described in Chinese, and nothing else is', () => {
  const rules = new Set(RULE_FAMILIES.flatMap((f) => f.rules));
  for (const r of rules) assert.ok(/[\u4e00-\u9fff]/.test(RULE_DOCS[r] ?? ''), `${r}: no description in catalogue.ts`);
  for (const r of Object.keys(RULE_DOCS)) assert.ok(rules.has(r), `catalogue.ts describes ${r}, which no family reports`);
});

test('docs/rules.md is what npm run rules writes', () => {
  assert.fixture(readFileSync(join(root, 'docs/rules.md'), 'utf8'), renderRulesDoc(root), 'docs/rules.md is out of date: run npm run rules');
});

test('the page shows each rule with the example that reports it, from the fixtures', () => {
  const page = renderRulesDoc(root);
  const text = page.slice(page.indexOf('### `text.doubled`'), page.indexOf('### `text.punctuation`'));
  assert.ok(text.includes('（警告）'), 'severity from the fixture expectations');
  assert.ok(text.includes('“城乡医疗救助资金增加增加。”'), 'the failing example of test/fixtures/rules/text.json');
  assert.ok(page.includes('## 文字（text）'));
});

test.run();
