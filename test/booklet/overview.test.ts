/**
 * 第一部分 概况 from the seed data: the sections, headings and unit lists the seeds print.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { makeBuildContext } from '../../scripts/lib/booklet/context.ts';
import { buildOverview } from '../../scripts/lib/booklet/overview.ts';
import type { Block } from '../../scripts/lib/booklet/model.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const lib = loadLibrary(root);
const load = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as UnitYearFile;
const overview = (file: UnitYearFile, kind: DocumentKind) => buildOverview(makeBuildContext(file, kind, lib));
type Section = Extract<Block, { type: 'section' }>;
const sections = (blocks: Block[]) => blocks.filter((b): b is Section => b.type === 'section');

test('002: 主要职责, 部门预算构成 with the three units and their 性质, 2024年度主要工作任务', () => {
  const s = sections(overview(load('data/sixian-ybj/2024.json'), 'budget'));
  assert.equal(s.map((x) => x.heading), ['一、主要职责', '二、部门预算构成', '三、2024年度主要工作任务']);
  assert.equal(s.map((x) => x.anchor), ['overview-1', 'overview-2', 'overview-3']);
  const list = s[1]!.blocks.find((b) => b.type === 'list');
  // The seed's table: 序号 / 单位名称 / 单位性质.
  assert.equal(list, {
    type: 'list',
    items: ['泗县医疗保障局本级（行政机关）', '泗县城镇职工基本医疗保险基金管理中心（公益一类事业单位）', '泗县城乡居民基本医疗保险管理服务中心（公益一类事业单位）'],
  });
  const duties = s[0]!.blocks[0]!;
  assert.ok(duties.type === 'prose' && duties.html.__html.startsWith('<p>（一）贯彻中央省市医疗保障方面的法律法规和政策规定'));
  // Paragraphs stay paragraphs: seven duties, seven <p>.
  assert.is(duties.type === 'prose' ? duties.html.__html.split('<p>').length - 1 : 0, 7);
});

test('004: the organisation text already lists the units, so no second list; no tasks section', () => {
  const s = sections(overview(load('data/jiyuan-ybj/2021.json'), 'budget'));
  assert.equal(s.map((x) => x.heading), ['一、主要职责', '二、部门预算构成']);
  assert.not.ok(s[1]!.blocks.some((b) => b.type === 'list'));
});

test('001 (决算): 机构设置 lists the one unit as the seed’s table does', () => {
  const s = sections(overview(load('data/huaibei-ybj/2023.json'), 'final'));
  assert.is(s[1]!.heading, '二、机构设置');
  assert.equal(s[1]!.blocks.find((b) => b.type === 'list'), { type: 'list', items: ['淮北市医疗保障局本级'] });
});

test('000: a 单位 budget is titled 单位预算构成', () => {
  const s = sections(overview(load('data/huaibei-ylsy/2024.json'), 'budget'));
  assert.is(s[1]!.heading, '二、单位预算构成');
  assert.is(s[2]!.heading, '三、2024年度主要工作任务');
});

test('hostile narrative text is escaped by the Markdown renderer', () => {
  const file = load('data/sixian-ybj/2024.json');
  file.documents.budget!.narrative.duties = '<script>alert(1)</script> {{ 7*7 }}';
  const s = sections(overview(file, 'budget'));
  const b = s[0]!.blocks[0]!;
  assert.ok(b.type === 'prose');
  if (b.type === 'prose') {
    assert.is(b.html.__html, '<p>&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}</p>\n');
  }
});

test.run();
