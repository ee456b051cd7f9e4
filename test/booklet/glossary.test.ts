/**
 * 第四部分 名词解释: the national default (data/_glossary/national.json) in the seeds' wording, the
 * unit's own entries replacing same-term defaults in place and the rest appended in order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { makeBuildContext } from '../../scripts/lib/booklet/context.ts';
import { buildGlossary, GlossaryError, loadDefaultGlossary, mergeGlossary, parseGlossary } from '../../scripts/lib/booklet/glossary.ts';
import type { Block } from '../../scripts/lib/booklet/model.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const lib = loadLibrary(root);
const load = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as UnitYearFile;
const seed = (name: string) => readFileSync(join(root, '..', 'shared', 'seeds', name), 'utf8');

function entries(file: UnitYearFile, kind: DocumentKind): Array<{ term: string; definition: string }> {
  const blocks: Block[] = buildGlossary(makeBuildContext(file, kind, lib), root);
  assert.is(blocks.length, 1);
  const b = blocks[0]!;
  assert.is(b.type, 'glossary');
  return b.type === 'glossary' ? b.entries : [];
}

test('the national file validates and words its terms as the seeds print them', () => {
  const g = loadDefaultGlossary(root);
  const def = (term: string) => g.entries.find((e) => e.term === term)?.definition;
  const s002 = seed('002_aca33df6c8a48681.txt');
  const s001 = seed('001_74d23415cb2c6801.txt');
  for (const term of ['财政拨款收入', '事业收入', '上年结转', '结转下年', '基本支出']) {
    assert.ok(s002.includes(`${term}：${def(term)}`), term);
  }
  for (const term of ['“三公”经费', '机关运行经费']) assert.ok(s001.includes(`${term}：${def(term)}`), term);
});

test('示例 (includeDefault, no own entries): the 决算 defaults in file order', () => {
  const list = entries(load('data/shili-danwei/2023.json'), 'final');
  const terms = list.map((e) => e.term);
  assert.is(terms[0], '财政拨款收入');
  assert.ok(terms.includes('年初结转和结余'));
  assert.ok(terms.includes('经营收入'));
  assert.not.ok(terms.includes('上年结转'), '上年结转 is a 预算 term');
  assert.not.ok(terms.includes('事业单位经营收入'));
  assert.is(terms[terms.length - 1], '机关运行经费');
});

test('002 (no defaults): exactly the seed’s ten entries in its order', () => {
  const list = entries(load('data/sixian-ybj/2024.json'), 'budget');
  assert.is(list.length, 10);
  assert.is(list[0]!.term, '财政拨款收入');
  assert.is(list[7]!.term, '机关运行经费');
  assert.is(list[9]!.term, '卫生健康支出(类)行政事业单位医疗(款)事业单位医疗');
});

test('own entries replace same-term defaults in place; the others are appended in order', () => {
  const file = load('data/sixian-ybj/2024.json');
  file.documents.budget!.glossary = {
    includeDefault: true,
    entries: [
      { term: '新名词甲', definition: '甲的解释。' },
      { term: '基本支出', definition: '本单位的基本支出解释。' },
      { term: '"三公"经费', definition: '直引号写法也替换默认条目。' },
      { term: '新名词乙', definition: '乙的解释。' },
    ],
  };
  const list = entries(file, 'budget');
  const defaults = loadDefaultGlossary(root).entries.filter((e) => !e.kinds || e.kinds.includes('budget'));
  assert.is(list.length, defaults.length + 2);
  const at = (term: string) => list.findIndex((e) => e.term === term);
  assert.is(at('基本支出'), defaults.findIndex((e) => e.term === '基本支出'));
  assert.is(list[at('基本支出')]!.definition, '本单位的基本支出解释。');
  assert.is(at('"三公"经费'), defaults.findIndex((e) => e.term === '“三公”经费'));
  assert.is(at('“三公”经费'), -1);
  assert.equal(list.slice(-2).map((e) => e.term), ['新名词甲', '新名词乙']);
});

test('mergeGlossary: a repeated own term replaces its earlier own entry', () => {
  const merged = mergeGlossary([{ term: 'A', definition: '1' }], [{ term: 'B', definition: '2' }, { term: 'B', definition: '3' }]);
  assert.equal(merged, [{ term: 'A', definition: '1' }, { term: 'B', definition: '3' }]);
});

test('a broken glossary file fails with a Chinese message naming the file and the place', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  try {
    parseGlossary(enc('{"title":"x","entries":[{"term":"基本支出"}]}'), 'data/_glossary/national.json');
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, GlossaryError);
    assert.is((e as Error).message, '名词解释文件 data/_glossary/national.json 有误：/entries/0 缺少“definition”');
  }
  assert.throws(() => parseGlossary(enc('{"title":"x","entries":[{"term":"a","definition":"b","kinds":["draft"]}]}'), 'g.json'), (e: Error) => e instanceof GlossaryError && e.message.includes('/entries/0/kinds/0'));
  assert.throws(() => parseGlossary(enc('{"title": "x",'), 'g.json'), (e: Error) => e instanceof GlossaryError && e.message.startsWith('名词解释文件 g.json 有误：第 1 行'));
});

test.run();
