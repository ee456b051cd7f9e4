/**
 * docs/rules.md, generated: every rule of every family with its severity, what it checks
 * (catalogue.ts), a failing example and the family's passing examples, both taken from the
 * family's fixture file (test/fixtures/rules/<family>.json), which the tests run. Nothing on the
 * page is typed twice, so the page cannot say what the code does not do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { RULE_FAMILIES } from './index.ts';
import { RULE_DOCS } from './catalogue.ts';

/** A rule family's fixture file (test/fixtures/rules/<family>.json), as the tests read it too. */
export interface Expected {
  rule: string;
  severity: string;
  pointer: string;
  /** The file the finding is in, for a fixture of several files (default: the base file). */
  file?: string;
}
/** Changes to one of the other files of a fixture of several files. */
export interface FileChange {
  set?: Record<string, unknown>;
  remove?: string[];
  /** Leave the file out of the check. */
  omit?: boolean;
}
export interface Case {
  /** What the case is about, for the test report. */
  name: string;
  /** The rule this case is about; absent for a silent case. */
  rule?: string;
  /** JSON pointer → new value (null included); "…/-" appends to an array. */
  set: Record<string, unknown>;
  remove?: string[];
  /** Another base file for this case (relative to the fixture file), e.g. a 决算 for the 决算-only rules. */
  base?: string;
  /** Changes to (a copy of) the document's profile for this case: JSON pointer in the profile → value. */
  profile?: Record<string, unknown>;
  /** Other files of a fixture of several files: name → changes. */
  files?: Record<string, FileChange>;
  expect: Expected[];
}
export interface FixtureFile {
  family: string;
  base: string;
  /** For rules over several files: the base file's name in the check (e.g. data/<unit>/<year>.json)… */
  file?: string;
  /** …and the other files checked with it: name → fixture path (relative to the fixture file). */
  others?: Record<string, string>;
  cases: Case[];
  /** Rules of the family without a case yet, each with the reason. */
  notCovered?: Record<string, string>;
}

const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告', notice: '提示' };
const ORDER = ['error', 'warning', 'notice'];

const code = (text: string) => {
  const clean = text.replace(/\r?\n/g, '↵');
  const ticks = clean.includes('`') ? '`` ' : '`';
  return `${ticks}${clean}${ticks === '`` ' ? ' ``' : '`'}`;
};
const value = (v: unknown) => (typeof v === 'string' ? `“${v}”` : JSON.stringify(v));

function changeLines(c: Case): string[] {
  const out = Object.entries(c.set).map(([p, v]) => `把 ${code(p)} 改为 ${code(value(v))}`);
  for (const p of c.remove ?? []) out.push(`删去 ${code(p)}`);
  for (const [p, v] of Object.entries(c.profile ?? {})) out.push(`在所用表式中把 ${code(p)} 设为 ${code(value(v))}`);
  for (const [file, ch] of Object.entries(c.files ?? {})) {
    if (ch.omit) out.push(`不检查 ${code(file)}`);
    for (const [p, v] of Object.entries(ch.set ?? {})) out.push(`在 ${code(file)} 中把 ${code(p)} 改为 ${code(value(v))}`);
    for (const p of ch.remove ?? []) out.push(`在 ${code(file)} 中删去 ${code(p)}`);
  }
  return out;
}

const where = (e: Expected) => `${e.file ? `${code(e.file)} ` : ''}${code(e.pointer)}`;

/** Rules outside the families: reported by the JSON, schema and cross-file stages. */
const STAGE_RULES = 'JSON 语法（json.*）、数据格式（schema.*）、文件位置（ref.file-path、ref.duplicate-unit-year）、已知问题记录（ack.unused）和表式、科目表文件本身（library.*）由读入文件的各步检查，见 docs/编辑指南.md。跨文件核对（cross.*）在一次检查多个文件（或整个 data/，以及 npm run build）时进行。目录与所印部分、节和表的一致（不会列出未公开的表，也不会漏列已公开的表），以及空表印出“本表无数据”一类说明，由生成公开册的步骤保证，不另设规则（test/booklet/contents.test.ts 对 data/ 中每本公开册核对）。';

export function renderRulesDoc(root: string): string {
  const fixtures = join(root, 'test/fixtures/rules');
  const files = new Map<string, FixtureFile>();
  for (const f of RULE_FAMILIES) {
    const path = join(fixtures, `${f.id}.json`);
    if (existsSync(path)) files.set(f.id, JSON.parse(readFileSync(path, 'utf8')) as FixtureFile);
  }
  const severities = new Map<string, Set<string>>();
  for (const fx of files.values()) for (const c of fx.cases) for (const e of c.expect) (severities.get(e.rule) ?? severities.set(e.rule, new Set()).get(e.rule)!).add(e.severity);

  const out: string[] = [
    '# 检查规则一览',
    '',
    '<!-- 由 `npm run rules` 根据 scripts/lib/check/rules/ 和 test/fixtures/rules/ 生成，请勿手工修改。 -->',
    '',
    '`npm run check` 的每条发现都带规则编号。下面按规则族列出每条规则：严重程度、检查什么，以及一个会报出该规则的例子和',
    '该规则族必须保持沉默的例子。例子就是测试用例（test/fixtures/rules/<规则族>.json）：在一份一致的示例文件上改动所列字段，',
    '`check` 报出的发现与所列完全相同。错误必须改正（或在数据文件中作为已知问题记录原因）；警告是很可能有误、需要人工判断的地方；',
    '提示是尾差等不影响公开的情况。',
    '',
    STAGE_RULES,
    '',
  ];
  for (const family of RULE_FAMILIES) {
    const fx = files.get(family.id);
    out.push(`## ${family.title}（${family.id}）`, '');
    if (fx) {
      const base = relative(root, join(fixtures, dirname(`${family.id}.json`), fx.base)).split('\\').join('/');
      out.push(`例子的基础文件：${code(base)}${fx.file ? `（作为 ${code(fx.file)}）` : ''}。`, '');
      if (fx.others) {
        const list = Object.entries(fx.others).map(([name, path]) => `${code(relative(root, join(fixtures, path)).split('\\').join('/'))}（作为 ${code(name)}）`);
        out.push(`与它一起检查：${list.join('、')}。`, '');
      }
      const silent = fx.cases.filter((c) => c.rule === undefined && c.expect.length === 0);
      out.push('本规则族不报任何发现的例子：', '');
      for (const c of silent) {
        const lines = changeLines(c);
        const other = c.base ? code(relative(root, join(fixtures, c.base)).split('\\').join('/')) : '基础文件';
        out.push(`- ${c.base ? `${other}${lines.length ? `，${lines.join('；')}` : '本身'}` : lines.length ? lines.join('；') : '基础文件本身'}`);
      }
      out.push('');
    }
    for (const rule of family.rules) {
      const doc = RULE_DOCS[rule] ?? '';
      const sev = [...(severities.get(rule) ?? [])].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)).map((s) => SEVERITY_ZH[s] ?? s);
      out.push(`### ${code(rule)}`, '', `${doc}${sev.length ? `（${sev.join('、')}）` : ''}`, '');
      const example = fx?.cases.find((c) => c.rule === rule) ?? fx?.cases.find((c) => c.expect.some((e) => e.rule === rule));
      if (example) {
        const found = example.expect.filter((e) => e.rule === rule).map((e) => `${SEVERITY_ZH[e.severity] ?? e.severity} ${where(e)}`);
        const other = example.base ? `在 ${code(relative(root, join(fixtures, example.base)).split('\\').join('/'))} 中` : '';
        out.push(`- 报出的例子：${other}${changeLines(example).join('；') || '基础文件本身'} → ${found.join('，')}`, '');
      } else if (fx?.notCovered?.[rule]) {
        out.push(`- 尚无例子：${fx.notCovered[rule]}`, '');
      } else if (family.rules.indexOf(rule) !== family.rules.lastIndexOf(rule)) {
        out.push('');
      } else {
        out.push('- 例子见报出该规则的其他规则族。', '');
      }
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
