/**
 * A data file's own wording (documents.<kind>.wording, docs/profiles.md 说明的措辞): 区人民政府办公室
 * names its 科目 “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行” where its profile
 * (shanghai-putuo-2025, text.item) prints the （类）（款）（项） form. The expected lines are the
 * originals' (test/fixtures/corpus/shanghai/quzhengfu-*.json, statedFigures written from the text in
 * ../shared/corpus). Then: without the file's wording the profile's prints; an unknown key, an
 * unknown placeholder and a key a profile paragraph names but does not give are Chinese errors,
 * located in the data file by check (file:line:column, pointer).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import { BookletError } from '../../scripts/lib/booklet/context.ts';
import type { Block } from '../../scripts/lib/booklet/model.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { checkBytes } from '../../scripts/lib/check/check.ts';
import { corpusFixture } from '../helpers/corpus-tables.ts';

const root = join(import.meta.dirname, '..', '..');
const lib = loadLibrary(root);
const read = (unit: string): UnitYearFile => JSON.parse(readFileSync(join(root, 'data', unit, '2025.json'), 'utf8')) as UnitYearFile;

const proseOf = (blocks: Block[]): string =>
  blocks.map((b) => (b.type === 'prose' ? b.html.__html : b.type === 'section' ? proseOf(b.blocks) : '')).join('');

async function explanation(file: UnitYearFile): Promise<string> {
  const { view } = await buildBooklet(file, 'budget', lib, { charts: false });
  return view.parts.filter((p) => p.id === 'explanation').map((p) => proseOf(p.blocks)).join('');
}

for (const [unit, fixture] of [
  ['putuo-quzhengfu', 'quzhengfu-2025-department-budget'],
  ['putuo-quzhengfu-benbu', 'quzhengfu-2025-unit-budget'],
] as const) {
  test(`${unit}: each 项 line names its 科目 as the original does`, async () => {
    const prose = await explanation(read(unit));
    const lines = (corpusFixture(fixture) as unknown as { explanation: { statedFigures: Array<{ subject: string; text: string }> } }).explanation.statedFigures
      .filter((f) => f.subject.startsWith('item '))
      .map((f) => f.text);
    assert.is(lines.length, 12);
    assert.equal(lines.filter((l) => !prose.includes(l)), []);
    assert.not.ok(prose.includes('（类）'));
  });
}

test("without the file's wording the profile's sentence prints (the （类）（款）（项） form)", async () => {
  const file = read('putuo-quzhengfu');
  delete file.documents.budget!.wording;
  const prose = await explanation(file);
  assert.ok(prose.includes('1. “一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）”科目1,202.95万元'), prose.slice(0, 2000));
});

async function failure(edit: (f: UnitYearFile) => void): Promise<string> {
  const file = read('putuo-quzhengfu');
  edit(file);
  try {
    await buildBooklet(file, 'budget', lib, { charts: false });
  } catch (e) {
    assert.instance(e, BookletError);
    return (e as Error).message;
  }
  throw new Error('expected a BookletError');
}

test('bad wording in a data file: the key or the placeholder named, with the pointer', async () => {
  assert.is(
    await failure((f) => (f.documents.budget!.wording = { 'text.itme': '{n}. {name}{amount}。' })),
    '/documents/budget/wording 中有表式 shanghai-putuo-2025 没有的措辞编号：text.itme（见 docs/profiles.md“说明的措辞”）',
  );
  assert.is(
    await failure((f) => (f.documents.budget!.wording = { 'text.item': '{n}. “{classNmae}”科目{amount}。' })),
    '/documents/budget/wording/text.item 的句式有误：不认识的占位符 {classNmae}',
  );
});

test('a profile paragraph naming a wording key the profile does not give is an error', async () => {
  const file = read('putuo-quzhengfu');
  const copy = structuredClone(lib);
  const profile = structuredClone(copy.profiles.get('shanghai-putuo-2025')!);
  delete profile.kinds.budget!.wording!['text.item'];
  copy.profiles.set(profile.id, profile);
  delete file.documents.budget!.wording;
  try {
    await buildBooklet(file, 'budget', copy, { charts: false });
    assert.unreachable('expected a BookletError');
  } catch (e) {
    assert.instance(e, BookletError);
    assert.is((e as Error).message, '表式 shanghai-putuo-2025 的预算说明中的段落用了措辞编号 text.item，但表式的 wording 中没有写出它的句式');
  }
});

test('check locates a bad key and a bad sentence in the data file (line:column of the key)', () => {
  const text = readFileSync(join(root, 'data/putuo-quzhengfu/2025.json'), 'utf8').replace(
    '"text.item": "{n}. “{className}',
    '"gpb.item": "{n}. [{amount}",\n        "text.itme": "{n}. “{className}',
  );
  const { findings } = checkBytes('data/putuo-quzhengfu/2025.json', Buffer.from(text), lib);
  const lines = text.split('\n');
  const wording = findings.filter((f) => f.rule.startsWith('ref.wording')).sort((a, b) => a.line - b.line);
  assert.equal(
    wording.map((f) => [f.rule, f.pointer, f.severity]),
    [
      ['ref.wording-template', '/documents/budget/wording/gpb.item', 'error'],
      ['ref.wording-key', '/documents/budget/wording/text.itme', 'error'],
    ],
  );
  for (const f of wording) assert.ok(lines[f.line - 1]!.includes(`"${f.pointer.split('/').pop()!}"`), `${f.pointer} at line ${f.line}: ${lines[f.line - 1]}`);
  assert.match(wording[0]!.message, '有“[”没有对应的“]”');
  assert.match(wording[1]!.message, '措辞编号“text.itme”不是表式“shanghai-putuo-2025”的句式');
});

test.run();
