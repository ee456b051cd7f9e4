/**
 * `npm run check -- --format github` in GitHub Actions: the annotations on stdout (format and
 * escaping per "Workflow commands for GitHub Actions", docs.github.com: `::error file=…,line=…,
 * col=…,title=…::message`; % CR LF escaped in the message, and also , : in properties), then the
 * full findings appended as Markdown to the file named by GITHUB_STEP_SUMMARY (GitHub shows only
 * the first annotations of a step). Expected outputs are written out in full by hand: the
 * positions are those counted in bad-input.test.ts, the sentences those of the message catalogue.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { escapeMarkdown, formatMarkdown } from '../../scripts/lib/check/report.ts';
import type { Finding } from '../../scripts/lib/check/findings.ts';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-github-'));
const STACK = /^\s+at \S/m;

function cli(cwd: string, args: string[], summary?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.GITHUB_STEP_SUMMARY;
  if (summary !== undefined) env.GITHUB_STEP_SUMMARY = summary;
  const r = spawnSync(tsx, [join(root, 'scripts', 'check.ts'), '--format', 'github', ...args], { cwd, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixtures = ['test/fixtures/bad/wrong-type.json', 'test/fixtures/good/minimal-budget.json', 'test/fixtures/bad/negative-amount.json', 'test/fixtures/bad/missing-comma.json'];

const annotations = [
  '::error file=test/fixtures/bad/missing-comma.json,line=25,col=23,title=json.syntax::第 25 行第 23 列：这里缺少一个英文逗号 ","：前后两项之间必须用逗号隔开（下一项从第 26 行第 9 列开始）。 应为："," 或 "}" 实际：\'"\' (/documents/budget/income)',
  '::error file=test/fixtures/bad/negative-amount.json,line=51,col=11,title=schema.minimum::“公用经费”不能小于 0，实际是 -126.81。金额不能为负数；减少额请在 change 中写负数。 应为：≥ 0 实际：-126.81 (/documents/budget/expenditure/2/public)',
  '::error file=test/fixtures/bad/wrong-type.json,line=25,col=9,title=schema.type::“一般公共预算拨款收入”应为数字，实际是文字 "2805.56万元"。金额和数量只写数字，不带引号和单位（例如 2805.56，而不是 "2805.56万元"）。 应为：数字 实际：文字 "2805.56万元" (/documents/budget/income/gpb)',
];

const table = ['| 位置 | 级别 | 规则 | 说明 | JSON 指针 |', '|---|---|---|---|---|'];

const summaryOfFixtures = [
  '## 数据检查结果',
  '',
  '检查了 4 个文件：3 个错误，0 个警告，0 个提示。',
  '',
  '### test/fixtures/bad/missing-comma.json',
  '',
  '1 个错误，0 个警告，0 个提示。',
  '',
  ...table,
  '| 25:23 | 错误 | json.syntax | 第 25 行第 23 列：这里缺少一个英文逗号 ","：前后两项之间必须用逗号隔开（下一项从第 26 行第 9 列开始）。<br>应为："," 或 "}"；实际：\'"\' | /documents/budget/income |',
  '',
  '### test/fixtures/bad/negative-amount.json',
  '',
  '1 个错误，0 个警告，0 个提示。',
  '',
  ...table,
  '| 51:11 | 错误 | schema.minimum | “公用经费”不能小于 0，实际是 -126.81。金额不能为负数；减少额请在 change 中写负数。<br>应为：≥ 0；实际：-126.81 | /documents/budget/expenditure/2/public |',
  '',
  '### test/fixtures/bad/wrong-type.json',
  '',
  '1 个错误，0 个警告，0 个提示。',
  '',
  ...table,
  '| 25:9 | 错误 | schema.type | “一般公共预算拨款收入”应为数字，实际是文字 "2805.56万元"。金额和数量只写数字，不带引号和单位（例如 2805.56，而不是 "2805.56万元"）。<br>应为：数字；实际：文字 "2805.56万元" | /documents/budget/income/gpb |',
  '',
  '',
].join('\n');

test('bad fixtures: the annotations, a closing line, and the full summary appended to what the step wrote before', () => {
  const summary = join(tmp, 'summary-1.md');
  writeFileSync(summary, '# 之前的内容\n\n');
  const r = cli(root, fixtures, summary);
  assert.is(r.stdout, [...annotations, ''].join('\n'));
  assert.is(r.stderr, '检查了 4 个文件：3 个错误，0 个警告，0 个提示。全部发现见本步骤的作业摘要（Summary）。\n');
  assert.is(r.status, 1);
  assert.is(readFileSync(summary, 'utf8'), '# 之前的内容\n\n' + summaryOfFixtures);
});

test('outside GitHub Actions (no GITHUB_STEP_SUMMARY): the same annotations, no summary sentence', () => {
  const r = cli(root, fixtures);
  assert.is(r.stdout, [...annotations, ''].join('\n'));
  assert.is(r.stderr, '检查了 4 个文件：3 个错误，0 个警告，0 个提示。\n');
  assert.is(r.status, 1);
});

test('a summary that cannot be written: a Chinese line on stderr, annotations and exit code unchanged', () => {
  const dir = join(tmp, 'a-folder');
  mkdirSync(dir);
  const r = cli(root, fixtures, dir);
  assert.is(r.stdout, [...annotations, ''].join('\n'));
  assert.is(r.stderr, `无法写入 GitHub 作业摘要 ${dir}（EISDIR），检查结果只在上面的注释中。\n检查了 4 个文件：3 个错误，0 个警告，0 个提示。\n`);
  assert.not.match(r.stderr, STACK);
  assert.is(r.status, 1);
});

test('a hostile file name and field name: escaped for the workflow command and for Markdown', () => {
  // A project root of its own (the check reads data/_profiles and data/_reference from the cwd).
  const project = join(tmp, 'project');
  cpSync(join(root, 'data', '_reference'), join(project, 'data', '_reference'), { recursive: true });
  cpSync(join(root, 'data', '_profiles'), join(project, 'data', '_profiles'), { recursive: true });
  mkdirSync(join(project, 'cases'));
  const name = '100%,a:b|<c>.json';
  // test/fixtures/bad/unknown-field.json: line 48 `          "totla": 678.56,`, key at column 11.
  const text = readFileSync(join(root, 'test', 'fixtures', 'bad', 'unknown-field.json'), 'utf8').replace('"totla"', '"x|<i>*_`y\\\\"');
  writeFileSync(join(project, 'cases', name), text);
  const summary = join(tmp, 'summary-2.md');
  const r = cli(project, [join('cases', name)], summary);
  const expectedList =
    'code、fund、unitCode、name、total、basic、personnel、salaries、families、public、project、projectGeneral、projectSpecial、operating、toSuperior、toAffiliated、fromCarryover、fromAdvance、budget、adjusted、budgetBasic、budgetProject';
  assert.is(
    r.stdout,
    `::error file=cases/100%25%2Ca%3Ab|<c>.json,line=48,col=11,title=schema.unknown-field::“支出行（功能分类）”中没有字段 "x|<i>*_\`y\\"（可能拼写错误）。 应为：${expectedList} 实际：x|<i>*_\`y\\ (/documents/budget/expenditure/2/x|<i>*_\`y\\)\n`,
  );
  assert.is(r.stderr, '检查了 1 个文件：1 个错误，0 个警告，0 个提示。全部发现见本步骤的作业摘要（Summary）。\n');
  assert.is(
    readFileSync(summary, 'utf8'),
    [
      '## 数据检查结果',
      '',
      '检查了 1 个文件：1 个错误，0 个警告，0 个提示。',
      '',
      '### cases/100%,a\\:b&#124;&lt;c&gt;.json',
      '',
      '1 个错误，0 个警告，0 个提示。',
      '',
      ...table,
      `| 48:11 | 错误 | schema.unknown-field | “支出行（功能分类）”中没有字段 "x&#124;&lt;i&gt;\\*\\_\\\`y\\\\"（可能拼写错误）。<br>应为：${expectedList}；实际：x&#124;&lt;i&gt;\\*\\_\\\`y\\\\ | /documents/budget/expenditure/2/x&#124;&lt;i&gt;\\*\\_\\\`y\\\\ |`,
      '',
      '',
    ].join('\n'),
  );
  assert.is(r.status, 1);
});

// ─── the Markdown formatter on hand-written findings ─────────────────────────────────────────────

const warning: Finding = {
  file: 'data/sixian-ybj/2024.json',
  line: 27,
  column: 7,
  pointer: '/documents/budget/publishedDate',
  severity: 'warning',
  rule: 'plaus.deadline',
  message: '公开日期 2024-03-05 晚于批复日期 2024-02-01 后 20 日（最迟 2024-02-21）。',
  messageEn: 'late',
  expected: '≤ 2024-02-21',
  found: '2024-03-05',
};
const notice: Finding = {
  file: 'data/huaibei-ybj/2023.json',
  line: 406,
  column: 13,
  pointer: '/documents/final/figures/gpb:210/stated/share',
  severity: 'notice',
  rule: 'round.percent',
  message: '占比写为 91.65%，应为 91.66%。\n（尾差）',
  messageEn: 'share',
  expected: '91.66',
  found: '91.65',
};
const error: Finding = { ...warning, line: 3, column: 1, pointer: '', severity: 'error', rule: 'ref.file-path', message: 'a<b>&c', messageEn: 'x' };
delete error.expected;
delete error.found;

test('formatMarkdown: sorted by file and position whatever the input order; counts per file; the root pointer as "/"', () => {
  assert.is(
    formatMarkdown([warning, notice, error], 2),
    [
      '## 数据检查结果',
      '',
      '检查了 2 个文件：1 个错误，1 个警告，1 个提示。',
      '',
      '### data/huaibei-ybj/2023.json',
      '',
      '0 个错误，0 个警告，1 个提示。',
      '',
      ...table,
      '| 406:13 | 提示 | round.percent | 占比写为 91.65%，应为 91.66%。<br>（尾差）<br>应为：91.66；实际：91.65 | /documents/final/figures/gpb\\:210/stated/share |',
      '',
      '### data/sixian-ybj/2024.json',
      '',
      '1 个错误，1 个警告，0 个提示。',
      '',
      ...table,
      '| 3:1 | 错误 | ref.file-path | a&lt;b&gt;&amp;c | / |',
      '| 27:7 | 警告 | plaus.deadline | 公开日期 2024-03-05 晚于批复日期 2024-02-01 后 20 日（最迟 2024-02-21）。<br>应为：≤ 2024-02-21；实际：2024-03-05 | /documents/budget/publishedDate |',
      '',
      '',
    ].join('\n'),
  );
});

test('formatMarkdown: no findings is the counts only', () => {
  assert.is(formatMarkdown([], 5), '## 数据检查结果\n\n检查了 5 个文件：0 个错误，0 个警告，0 个提示。\n\n');
});

test('escapeMarkdown: every Markdown and HTML construct shows literally', () => {
  assert.is(escapeMarkdown('a|b'), 'a&#124;b');
  assert.is(escapeMarkdown('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
  assert.is(escapeMarkdown('&lt;'), '&amp;lt;', 'an existing reference is shown, not decoded');
  assert.is(escapeMarkdown('**粗** _斜_ `代码` ~~删~~ [链接](http://x) ![图](y)'), '\\*\\*粗\\*\\* \\_斜\\_ \\`代码\\` \\~\\~删\\~\\~ \\[链接\\](http\\://x) \\!\\[图\\](y)');
  assert.is(escapeMarkdown('$x$ :smile: @someone #12'), '\\$x\\$ \\:smile\\: \\@someone \\#12');
  assert.is(escapeMarkdown('a\\|b'), 'a\\\\&#124;b', 'a backslash before a pipe stays a backslash');
  assert.is(escapeMarkdown('一\r\n二\n三\r四'), '一<br>二<br>三<br>四');
});

test('formatMarkdown: over the size limit, whole rows are left out and a closing line says how many are shown', () => {
  const many: Finding[] = Array.from({ length: 50 }, (_, i) => ({ ...warning, line: i + 1 }));
  const full = formatMarkdown(many, 1);
  assert.ok(!full.includes('只列出了'), 'everything fits in 1 MiB');
  const limit = 1500;
  const cut = formatMarkdown(many, 1, limit);
  assert.ok(Buffer.byteLength(cut) <= limit, `${Buffer.byteLength(cut)} bytes`);
  const rows = cut.split('\n').filter((l) => l.startsWith('| ') && /^\| \d/.test(l));
  assert.ok(rows.length > 0 && rows.length < 50, `${rows.length} rows`);
  assert.equal(rows, full.split('\n').filter((l) => /^\| \d/.test(l)).slice(0, rows.length), 'the first rows, unchanged');
  assert.ok(
    cut.endsWith(`\n\n**只列出了前 ${rows.length} 条发现（共 50 条）**：GitHub 的作业摘要最多 1 MiB。完整结果见本步骤的日志，或在本地运行 \`npm run check\`。\n`),
    cut.slice(-200),
  );
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
