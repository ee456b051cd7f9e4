/**
 * The eachProject section (docs/profiles.md 项目经费情况说明): per project a title from the profile's
 * template and numbered sections, each one Project field; with performanceTable, the project's
 * 绩效目标表 right after its narrative and no longer in the tables part; a part's tocDepth keeps its
 * headings out of the 目录 but in the bookmarks. Over the Shanghai-order fixture profile
 * (test/fixtures/profiles/shanghai-district-budget.json) with its 七、 part changed here, and the
 * fixture data test/fixtures/parts/shanghai-budget.json (two projects with 绩效目标表, the first
 * with a narrative, the second without).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary, type Library } from '../../scripts/lib/model/reference.ts';
import type { Profile, ProfileSection } from '../../scripts/lib/model/profile.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import type { Block } from '../../scripts/lib/booklet/model.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

const EACH: ProfileSection = {
  id: 'eachProject',
  projectTitle: '{name}项目经费情况说明',
  projectSections: [
    { heading: '项目概述', field: 'summary' },
    { heading: '立项依据', field: 'basis' },
    { heading: '实施主体', field: 'implementer' },
    { heading: '实施方案', field: 'scheme' },
    { heading: '{year}年绩效目标', field: 'goal' },
  ],
  performanceTable: true,
};

function library(section: ProfileSection, tocDepth?: number): Library {
  const lib = loadLibrary(root);
  const profile = readJson<Profile>('test/fixtures/profiles/shanghai-district-budget.json');
  const seven = profile.kinds.budget!.parts!.find((p) => p.title === '七、项目经费情况说明')!;
  seven.sections = [section];
  if (tocDepth !== undefined) seven.tocDepth = tocDepth;
  lib.profiles.set(profile.id, profile);
  return lib;
}

const data = () => readJson<UnitYearFile>('test/fixtures/parts/shanghai-budget.json');
const outline = (blocks: Block[]): unknown[] =>
  blocks.map((b) => (b.type === 'section' ? [b.heading, outline(b.blocks)] : b.type === 'table' ? b.table.anchor : b.type === 'prose' ? b.html.__html : b.type));

test('a narrated project: its title, its non-empty fields numbered 一、二、…, then its 绩效目标表; the other project’s table stays in the annex', async () => {
  const { view } = await buildBooklet(data(), 'budget', library(EACH), { charts: false });
  const seven = view.parts.find((p) => p.title === '七、项目经费情况说明')!;
  assert.equal(outline(seven.blocks), [
    [
      '城乡医疗救助项目经费情况说明',
      [
        ['一、项目概述', ['<p>对困难群众的医疗费用给予救助</p>\n']],
        ['二、立项依据', ['<p>《示例区医疗救助办法》</p>\n']],
        ['三、实施主体', ['<p>示例县医疗保险服务中心</p>\n']],
        ['四、2024年绩效目标', ['<p>减轻困难群众就医负担。</p>\n']],
        'table-projectPerformance-1',
      ],
    ],
  ]);
  // Marked as a project's own section: print.css starts each on a new page under a centred title.
  assert.equal(seven.blocks.map((b) => (b.type === 'section' ? b.modifier : null)), ['project']);
  const annex = view.parts.find((p) => p.title === '附：项目绩效目标表')!;
  assert.equal(annex.blocks.map((b) => (b.type === 'table' ? b.table.anchor : b.type)), ['prose', 'table-projectPerformance-2']);
  // Without tocDepth every heading is listed in the 目录.
  assert.ok(view.toc.some((e) => e.text === '一、项目概述' && !e.bookmarkOnly));
});

test('without performanceTable both tables stay in the annex; tocDepth 1 lists the part only, its headings stay bookmarks', async () => {
  const { view } = await buildBooklet(data(), 'budget', library({ ...EACH, performanceTable: false }, 1), { charts: false });
  const seven = view.parts.find((p) => p.title === '七、项目经费情况说明')!;
  assert.ok(!JSON.stringify(seven.blocks).includes('"type":"table"'));
  const annex = view.parts.find((p) => p.title === '附：项目绩效目标表')!;
  assert.equal(annex.blocks.filter((b) => b.type === 'table').length, 2);
  const at = view.toc.findIndex((e) => e.text === '七、项目经费情况说明');
  assert.equal(
    view.toc.slice(at, at + 3).map((e) => [e.text, e.level, e.bookmarkOnly ?? false]),
    [
      ['七、项目经费情况说明', 1, false],
      ['城乡医疗救助项目经费情况说明', 2, true],
      ['一、项目概述', 3, true],
    ],
  );
});

test('profile mistakes: eachProject without its fields, with a heading, and its fields on another section', async () => {
  const message = async (section: ProfileSection) => {
    try {
      await buildBooklet(data(), 'budget', library(section), { charts: false });
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };
  assert.match(await message({ id: 'eachProject', projectTitle: '{name}' }), /eachProject 节（sections\/0）要写 projectTitle 和 projectSections/);
  assert.match(await message({ ...EACH, heading: '项目' }), /eachProject 节（sections\/0）不能有 heading/);
  assert.match(await message({ id: 'performance', projectTitle: '{name}' }), /节“performance”（sections\/0）不能有 projectTitle：只有 eachProject 节用它/);
});

test.run();
