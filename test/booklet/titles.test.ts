/**
 * Titles, covers and level words as profile data (docs/profiles.md 文档级的设置: title, cover,
 * numberGap, levelWords), the way Shanghai's 区级 booklets print them:
 *
 * - a title that places {unit} itself gets no unit-name prefix ("上海市普陀区…2025年区级部门预算",
 *   not "…办事处上海市普陀区2025年…"); a title without {unit} keeps the national prefix;
 * - the PDF cover prints the profile's lines whole ("上海市普陀区2024年区级部门预算" /
 *   "预算主管部门：示例区万里街道办事处"), the national cover its unit line and title;
 * - numberGap "" prints "一、部门主要职能" in the page, the print document and the contents;
 * - levelWords: "部门" in a 部门 booklet and "预算单位" in a 单位 one, in table titles and the cover.
 *
 * Over the Shanghai fixture profile and data (test/fixtures/profiles/shanghai-district-budget.json,
 * test/fixtures/parts/shanghai-budget.json) with these settings added here; expectations by hand.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { loadLibrary, type Library } from '../../scripts/lib/model/reference.ts';
import { Profile } from '../../scripts/lib/model/profile.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import type { BookletView } from '../../scripts/lib/booklet/model.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { renderBooklets, renderPrintDocuments } from '../../scripts/lib/site/render.ts';
import { byClass, byTag, parse, text } from '../templates/dom.ts';

const root = join(import.meta.dirname, '..', '..');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
const site = { siteName: '预决算公开', host: '', siteCode: '', icp: '', police: '', footer: [], baseUrl: '', regions: [] };

/** The fixture profile, its parts numbered "一、" apart from their titles, with the settings under test. */
function shanghaiProfile(): Profile {
  const profile = readJson<Profile>('test/fixtures/profiles/shanghai-district-budget.json');
  const kind = profile.kinds.budget!;
  kind.title = '{unit}{year}年区级{level}预算';
  kind.cover = [
    { text: '上海市普陀区{year}年区级{level}预算', size: 'medium' },
    { text: '{coverRole}：{unit}', size: 'small' },
  ];
  kind.numberGap = '';
  kind.levelWords = { coverRole: { department: '预算主管部门', unit: '预算单位' }, tableLevel: { department: '部门', unit: '预算单位' } };
  kind.parts = kind.parts!.map((p) => {
    const m = /^([一二三四五六七]、)(.*)$/.exec(p.title);
    return m ? { ...p, number: m[1]!, title: m[2]! } : p;
  });
  kind.tables = kind.tables.map((t) => (t.id === 'summary' || t.id === 'income' ? { ...t, title: t.title.replace('{level}', '{tableLevel}') } : t));
  return profile;
}

function library(profile: Profile): Library {
  const validate = new Ajv2020.default({ strict: false, allErrors: true }).compile(Profile);
  assert.ok(validate(profile), JSON.stringify(validate.errors));
  const lib = loadLibrary(root);
  lib.profiles.set(profile.id, profile);
  return lib;
}

async function booklet(level: 'department' | 'unit', profile = shanghaiProfile()): Promise<BookletView> {
  const file = readJson<UnitYearFile>('test/fixtures/parts/shanghai-budget.json');
  file.unit.level = level;
  return (await buildBooklet(file, 'budget', library(profile), { charts: false })).view;
}

test('a title placing {unit} gets no prefix; the cover lines are the profile’s, filled, printed whole', async () => {
  const v = await booklet('department');
  assert.is(v.title, '示例区万里街道办事处2024年区级部门预算');
  assert.is(v.coverTitle, '2024年区级部门预算');
  assert.equal(v.coverLines, [
    { text: '上海市普陀区2024年区级部门预算', size: 'medium', whole: true, heading: true },
    { text: '预算主管部门：示例区万里街道办事处', size: 'small', whole: true, heading: false },
  ]);
});

test('levelWords: 部门 and 预算单位 by the unit’s level, in table titles and the cover; {level} unchanged', async () => {
  const dept = await booklet('department');
  const unit = await booklet('unit');
  const titles = (v: BookletView) => v.tables.filter((t) => ['summary', 'income', 'expenditure'].includes(t.id)).map((t) => t.title);
  assert.equal(titles(dept), ['2024年部门财务收支预算总表', '2024年部门收入预算总表', '2024年部门支出预算总表']);
  assert.equal(titles(unit), ['2024年预算单位财务收支预算总表', '2024年预算单位收入预算总表', '2024年单位支出预算总表']);
  assert.equal(unit.coverLines.map((l) => l.text), ['上海市普陀区2024年区级单位预算', '预算单位：示例区万里街道办事处']);
  assert.is(unit.title, '示例区万里街道办事处2024年区级单位预算');
});

test('a title without {unit} keeps the national unit-name prefix and the two-line national cover', async () => {
  const profile = shanghaiProfile();
  const kind = profile.kinds.budget!;
  kind.title = '上海市普陀区{year}年区级{level}预算';
  delete kind.cover;
  const v = await booklet('department', profile);
  assert.is(v.title, '示例区万里街道办事处上海市普陀区2024年区级部门预算');
  assert.equal(v.coverLines, [
    { text: '示例区万里街道办事处', size: 'medium', whole: false, heading: true },
    { text: '上海市普陀区2024年区级部门预算', size: 'large', whole: false, heading: true },
  ]);
});

test('numberGap "": "一、部门主要职能" in the page, the contents and the print document; its cover lines whole', async () => {
  const v = await booklet('department');
  assert.equal(v.toc.filter((e) => e.level === 1).slice(0, 3).map((e) => e.text), ['一、部门主要职能', '二、部门机构设置', '三、名词解释']);
  const tmp = mkdtempSync(join(tmpdir(), 'gongkai-titles-'));
  try {
    await renderBooklets(root, tmp, site, [v]);
    const page = parse(readFileSync(join(tmp, v.paths.html), 'utf8'));
    const h2 = byTag(page, 'h2').filter((h) => (h.attribs.class ?? '').includes('section__heading'));
    assert.equal(h2.slice(0, 3).map((h) => text(h)), ['一、部门主要职能', '二、部门机构设置', '三、名词解释']);
    assert.is(text(byTag(page, 'title')[0]!), '示例区万里街道办事处2024年区级部门预算 - 预决算公开');
    await renderPrintDocuments(root, tmp, site, [v]);
    const print = parse(readFileSync(join(tmp, v.paths.print), 'utf8'));
    assert.equal(byClass(print, 'print-part__heading').slice(0, 2).map((h) => text(h)), ['一、部门主要职能', '二、部门机构设置']);
    assert.equal(byClass(print, 'print-cover__line').map((e) => [text(e), e.attribs.class]), [
      ['上海市普陀区2024年区级部门预算', 'print-cover__line print-cover__line--medium'],
      ['预算主管部门：示例区万里街道办事处', 'print-cover__line print-cover__line--small'],
    ]);
    // The small line prints under the heading, so the PDF's first bookmark is the original's title line.
    assert.equal(byTag(byClass(print, 'print-cover')[0]!, 'h1').map((h) => text(h)), ['上海市普陀区2024年区级部门预算']);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a table number ending in full-width punctuation takes no space ("4．2025年…", "（一）财政拨款收入"), "1." one', async () => {
  const profile = shanghaiProfile();
  const tables = profile.kinds.budget!.tables;
  tables.find((t) => t.id === 'fiscalSummary')!.number = '4．';
  const v = await booklet('department', profile);
  const entries = v.toc.filter((e) => e.level > 1).map((e) => e.text);
  assert.ok(entries.includes('1. 2024年部门财务收支预算总表'), entries.join(' / '));
  assert.ok(entries.includes('4．2024年部门财政拨款收支预算总表'), entries.join(' / '));
  const tmp = mkdtempSync(join(tmpdir(), 'gongkai-titles-'));
  try {
    await renderBooklets(root, tmp, site, [v]);
    const page = parse(readFileSync(join(tmp, v.paths.html), 'utf8'));
    const terms = byClass(page, 'glossary__term').map((e) => text(e));
    assert.ok(terms.length > 0 && terms.every((t) => /^（[一二三四五六七八九十]+）\S/.test(t)), terms.join(' / '));
    await renderPrintDocuments(root, tmp, site, [v]);
    const print = parse(readFileSync(join(tmp, v.paths.print), 'utf8'));
    const headings = byClass(print, 'print-table__heading').map((h) => text(h).trim());
    assert.ok(headings.includes('4．2024年部门财政拨款收支预算总表'), headings.join(' / '));
    assert.ok(headings.includes('1. 2024年部门财务收支预算总表'), headings.join(' / '));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a national profile keeps the space after the part number and its cover classes', async () => {
  const file = readJson<UnitYearFile>('data/sixian-ybj/2024.json');
  const v = (await buildBooklet(file, 'budget', loadLibrary(root), { charts: false })).view;
  assert.is(v.toc[0]!.text.startsWith('第一部分 '), true);
  assert.equal(v.coverLines.map((l) => [l.size, l.whole]), [
    ['medium', false],
    ['large', false],
  ]);
  assert.is(v.coverLines[0]!.text, v.unitName);
  assert.is(v.title, `${v.unitName}${v.coverTitle}`);
});

test.run();
