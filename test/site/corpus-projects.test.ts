/**
 * 七、项目经费情况说明 of the four Shanghai 部门预算 (data/putuo-wanli 2024 and 2025, putuo-shangwu,
 * putuo-quzhengfu) against the original text: the fixtures in test/fixtures/corpus/shanghai/projects/
 * hold, copied from ../shared/corpus/shanghai-putuo/*-department-budget.txt, the 目录 lines and each
 * project's title, seven section headings and their text. The built page prints every one of them,
 * in the original's order, and its 目录 lists what the original's lists (no project entries).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpusSite } from '../helpers/corpus-tables.ts';
import { checkBytes } from '../../scripts/lib/check/check.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { byClass, kids, parse, text, type El } from '../templates/dom.ts';

const root = join(import.meta.dirname, '../..');

interface ProjectsFixture {
  toc: string[];
  projects: Array<{ title: string; sections: Array<{ heading: string; text: string }> }>;
}

const DOCUMENTS = [
  { fixture: 'wanli-2024-department-budget', data: 'data/putuo-wanli/2024.json', page: 'putuo-wanli/2024-budget.html' },
  { fixture: 'wanli-2025-department-budget', data: 'data/putuo-wanli/2025.json', page: 'putuo-wanli/2025-budget.html' },
  { fixture: 'shangwu-2025-department-budget', data: 'data/putuo-shangwu/2025.json', page: 'putuo-shangwu/2025-budget.html' },
  { fixture: 'quzhengfu-2025-department-budget', data: 'data/putuo-quzhengfu/2025.json', page: 'putuo-quzhengfu/2025-budget.html' },
];

const fixture = (name: string) => JSON.parse(readFileSync(join(root, 'test/fixtures/corpus/shanghai/projects', `${name}.json`), 'utf8')) as ProjectsFixture;
/**
 * Text without whitespace: the corpus text is pdftotext's, wrapped at the page width and with a space
 * before some full-width punctuation in the 2025 万里 booklet (docs/seeds/shanghai-wanli.md), neither of
 * which the data keeps.
 */
const squeeze = (s: string) => s.replace(/\s+/g, '');
const heading = (section: El) => squeeze(text(kids(section).find((k) => /^h[2-6]$/.test(k.name))!));
const subsections = (section: El) => kids(section, 'section');

/** The part whose heading is 七、项目经费情况说明, and each project's section in it. */
function projectSections(html: string): El[] {
  const parts = byClass(parse(html), 'section--part');
  const part = parts.find((p) => heading(p) === '七、项目经费情况说明');
  assert.ok(part, 'the page has the part 七、项目经费情况说明');
  return subsections(part!);
}

/** What the fixture's project says and the page's project section prints, as comparable lines. */
export function compareProjects(fx: ProjectsFixture, html: string): string[] {
  const problems: string[] = [];
  const printed = projectSections(html);
  if (printed.length !== fx.projects.length) problems.push(`原文有 ${fx.projects.length} 个项目，网页印了 ${printed.length} 个`);
  fx.projects.forEach((p, i) => {
    const s = printed[i];
    if (!s) return;
    if (heading(s) !== squeeze(p.title)) problems.push(`第 ${i + 1} 个项目的标题：原文“${p.title}”，网页“${heading(s)}”`);
    const subs = subsections(s);
    if (subs.length !== p.sections.length) problems.push(`“${p.title}”：原文 ${p.sections.length} 节，网页 ${subs.length} 节`);
    p.sections.forEach((x, j) => {
      const sub = subs[j];
      if (!sub) return;
      if (heading(sub) !== squeeze(x.heading)) problems.push(`“${p.title}”第 ${j + 1} 节的标题：原文“${x.heading}”，网页“${heading(sub)}”`);
      const body = squeeze(kids(sub).filter((k) => !/^h[2-6]$/.test(k.name)).map((k) => text(k)).join(''));
      if (body !== squeeze(x.text)) problems.push(`“${p.title}”${x.heading}的正文：原文“${squeeze(x.text)}”，网页“${body}”`);
    });
  });
  return problems;
}

let site: Awaited<ReturnType<typeof buildCorpusSite>>;
test.before(async () => {
  site = await buildCorpusSite(DOCUMENTS.map((d) => d.data), 'gongkai-projects-');
});

test.after(() => site?.dispose());

for (const d of DOCUMENTS) {
  test(`${d.fixture}: every project title, section heading and section text of the original, in its order`, () => {
    const fx = fixture(d.fixture);
    assert.ok(fx.projects.length > 0 && fx.projects.every((p) => p.sections.length === 7));
    assert.equal(compareProjects(fx, site.page(d.page)), []);
  });

  test(`${d.fixture}: the 目录 lists what the original's 目录 lists`, () => {
    const nav = byClass(parse(site.page(d.page)), 'toc')[0]!;
    const entries = byClass(nav, 'toc__link').map((a) => squeeze(text(a)));
    assert.equal(entries, fixture(d.fixture).toc.map(squeeze));
  });
}

test('the comparison fails when a project title, a heading or a sentence differs, or a project is missing', () => {
  const fx = fixture('shangwu-2025-department-budget');
  const html = site.page('putuo-shangwu/2025-budget.html');
  const p1 = compareProjects(fx, html.replace('>科技创新专项经费情况说明<', '>科技创新专项情况说明<'));
  assert.ok(p1.some((p) => p.includes('第 1 个项目的标题')), p1.join('\n'));
  const p2 = compareProjects(fx, html.replace('2025年度项目总预算2921.00万', '2025年度项目总预算2922.00万'));
  assert.ok(p2.some((p) => p.includes('贸易高质量发展专项') && p.includes('六、年度预算安排')), p2.join('\n'));
  const p3 = compareProjects({ ...fx, projects: [...fx.projects, fx.projects[0]!] }, html);
  assert.ok(p3.some((p) => p.includes('原文有 5 个项目')), p3.join('\n'));
});

test('商务委 贸易高质量发展专项: its “其中” parts add up to the stated 2921.00万; a copy with one part changed gets a located warning', () => {
  const path = 'data/putuo-shangwu/2025.json';
  const lib = loadLibrary(root);
  const findings = (file: UnitYearFile) => checkBytes(path, Buffer.from(JSON.stringify(file, null, 2)), lib).findings.filter((f) => f.rule.startsWith('figure.project-plan'));
  const file = JSON.parse(readFileSync(join(root, path), 'utf8')) as UnitYearFile;
  const i = file.documents.budget!.projects.findIndex((p) => p.name === '贸易高质量发展专项（政策资金）');
  const trade = file.documents.budget!.projects[i]!;
  assert.equal(trade.annualPlanFigures!.parts!.map((x) => x.amount), [370, 30, 1106, 1262, 153]);
  assert.equal(findings(file), []);
  trade.annualPlanFigures!.parts![0]!.amount = 371;
  trade.annualPlan = trade.annualPlan!.replace('支持外贸发展370.00万', '支持外贸发展371.00万');
  const found = findings(file);
  assert.equal(
    found.map((f) => [f.severity, f.pointer]),
    [
      ['warning', `/documents/budget/projects/${i}/annualPlanFigures/parts`],
      ['warning', `/documents/budget/projects/${i}/annualPlanFigures/sum`],
    ],
  );
  assert.ok(found.every((f) => f.line > 0 && f.message.includes('贸易高质量发展专项')), JSON.stringify(found));
  assert.match(found[0]!.message, /2922\.00万元.*2921\.00万元/);
});

test.run();
