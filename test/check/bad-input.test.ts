/**
 * Bad input through the whole check pipeline (checkFiles), one fixture per mistake. Each fixture in
 * test/fixtures/bad/ is test/fixtures/good/minimal-budget.json with exactly one change, so each must
 * produce exactly one finding. Every line:column below was counted by hand from the fixture text
 * (columns in characters: a Chinese character is one column), never copied from the output.
 * The 20 MB file, the GBK file and the duplicate unit/year pair are generated into a temp folder.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { checkFiles, type CheckResult } from '../../scripts/lib/check/check.ts';
import type { Finding } from '../../scripts/lib/check/findings.ts';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures');
const goodPath = join(fixtures, 'good', 'minimal-budget.json');
const goodText = readFileSync(goodPath, 'utf8');
const CJK = /[\u4e00-\u9fff]/;
const STACK = /^\s+at \S/m;

const tmp = mkdtempSync(join(tmpdir(), 'gongkai-bad-'));

/** Runs the pipeline; a throw fails the test with the error, as a user would see it. */
function check(...paths: string[]): CheckResult {
  let result: CheckResult | undefined;
  try {
    result = checkFiles(root, paths);
  } catch (e) {
    assert.unreachable(`checkFiles threw for ${paths.join(', ')}: ${e instanceof Error ? e.stack : String(e)}`);
  }
  return result!;
}

const bad = (name: string) => join(fixtures, 'bad', name);

interface Expect {
  rule: string;
  severity?: Finding['severity'];
  line: number;
  column: number;
  pointer: string;
  /** Substrings the Chinese message must contain (expected / found values, the fix). */
  says: string[];
  expected?: string;
  found?: string;
}

/** The file's one finding, checked field by field. */
function sole(result: CheckResult, e: Expect): Finding {
  const all = result.findings;
  assert.is(all.length, 1, `one finding, got: ${all.map((f) => `${f.rule} ${f.pointer}`).join(' / ')}`);
  return matches(all[0]!, e);
}

function matches(f: Finding, e: Expect): Finding {
  assert.is(f.rule, e.rule);
  assert.is(f.severity, e.severity ?? 'error');
  assert.is(`${f.line}:${f.column}`, `${e.line}:${e.column}`, `position of ${f.rule}: ${f.message}`);
  assert.is(f.pointer, e.pointer);
  assert.ok(CJK.test(f.message), `Chinese message: ${f.message}`);
  for (const s of e.says) assert.ok(f.message.includes(s), `message has ${JSON.stringify(s)}: ${f.message}`);
  if (e.expected !== undefined) assert.is(f.expected, e.expected);
  if (e.found !== undefined) assert.is(f.found, e.found);
  assert.not.match(f.message, STACK);
  assert.not.match(f.messageEn, STACK);
  return f;
}

// ─── the good fixture ────────────────────────────────────────────────────────────────────────────

test('good: the minimal budget checks with no finding at all', () => {
  const r = check(goodPath);
  assert.equal(r.findings, [], r.findings.map((f) => `${f.rule} ${f.pointer} ${f.message}`).join('\n'));
  assert.is(r.files.length, 1);
  assert.ok(r.files[0]!.data, 'the validated data is returned');
  assert.is(r.files[0]!.file, 'test/fixtures/good/minimal-budget.json');
});

// ─── JSON syntax ─────────────────────────────────────────────────────────────────────────────────

test('missing comma: at the end of the item, naming where the next one starts', () => {
  // line 25 `        "gpb": 2805.56` — the value ends after column 22; "carryover" starts at 26:9
  const f = sole(check(bad('missing-comma.json')), {
    rule: 'json.syntax',
    line: 25,
    column: 23,
    pointer: '/documents/budget/income',
    says: ['第 25 行第 23 列', '缺少一个英文逗号', '第 26 行第 9 列'],
    expected: '"," 或 "}"',
  });
  assert.ok(f.message.includes(','), f.message);
});

test('trailing comma: at the comma itself', () => {
  // line 26 `        "carryover": {},` — the comma is column 24
  sole(check(bad('trailing-comma.json')), {
    rule: 'json.trailing-comma',
    line: 26,
    column: 24,
    pointer: '/documents/budget/income',
    says: ['第 26 行第 24 列', '逗号', '删除'],
    found: '","',
  });
});

test('a // comment: at the two slashes', () => {
  // line 25 `        "gpb": 2805.56, // 一般公共预算拨款` — the comma is column 23, "//" column 25
  sole(check(bad('comment.json')), {
    rule: 'json.comment',
    line: 25,
    column: 25,
    pointer: '',
    says: ['第 25 行第 25 列', '注释', '//'],
    found: '注释 //',
  });
});

test('an empty file', () => {
  const r = check(bad('empty.json'));
  sole(r, { rule: 'json.empty', line: 1, column: 1, pointer: '', says: ['文件是空的', '{'] });
  assert.is(r.files[0]!.data, undefined);
});

test('a UTF-8 BOM is a warning only; the file is otherwise fine and its data is used', () => {
  const r = check(bad('bom.json'));
  sole(r, { rule: 'json.bom', severity: 'warning', line: 1, column: 1, pointer: '', says: ['BOM', 'UTF-8'], found: 'BOM' });
  const data = r.files[0]!.data;
  assert.ok(data, 'BOM file still validated');
  assert.is(data!.unit.id, 'shili-ybj');
});

test('BOM: positions of later findings are counted without the BOM', () => {
  // the BOM fixture with the project-unit change as well: still line 65, column 11
  const path = join(tmp, 'bom-unit.json');
  const text = '\uFEFF' + goodText.replace('"unit": "示例县医疗保险服务中心"', '"unit": "示例县卫生健康委员会"');
  writeFileSync(path, text);
  const r = check(path);
  const unit = r.findings.find((f) => f.rule === 'ref.project-unit');
  assert.ok(unit);
  assert.is(`${unit!.line}:${unit!.column}`, '65:11');
});

// ─── values ──────────────────────────────────────────────────────────────────────────────────────

test('wrong type: "2805.56万元" where a number belongs', () => {
  // line 25 `        "gpb": "2805.56万元",` — located at the field name, column 9
  const r = check(bad('wrong-type.json'));
  sole(r, {
    rule: 'schema.type',
    line: 25,
    column: 9,
    pointer: '/documents/budget/income/gpb',
    says: ['一般公共预算拨款收入', '应为数字', '2805.56万元', '不带引号和单位'],
    expected: '数字',
    found: '文字 "2805.56万元"',
  });
  assert.is(r.files[0]!.data, undefined, 'an invalid file is not handed on');
});

test('NaN: at the value', () => {
  // line 25 `        "gpb": NaN,` — the value starts at column 16
  sole(check(bad('nan.json')), {
    rule: 'json.nan',
    line: 25,
    column: 16,
    pointer: '/documents/budget/income/gpb',
    says: ['NaN', '不是具体的数字'],
    expected: '具体数值',
    found: 'NaN',
  });
});

test('Infinity: at the value', () => {
  sole(check(bad('infinity.json')), {
    rule: 'json.nan',
    line: 25,
    column: 16,
    pointer: '/documents/budget/income/gpb',
    says: ['Infinity', '不是具体的数字'],
    expected: '具体数值',
    found: 'Infinity',
  });
});

test('a negative amount', () => {
  // line 51 `          "public": -126.81,` (the 2101501 row, expenditure/2)
  sole(check(bad('negative-amount.json')), {
    rule: 'schema.minimum',
    line: 51,
    column: 11,
    pointer: '/documents/budget/expenditure/2/public',
    says: ['公用经费', '不能小于 0', '-126.81', '负数'],
    expected: '≥ 0',
    found: '-126.81',
  });
});

test('more than 6 decimals', () => {
  sole(check(bad('too-many-decimals.json')), {
    rule: 'json.precision',
    line: 25,
    column: 16,
    pointer: '/documents/budget/income/gpb',
    says: ['6 位小数', '2805.5600001', '7 位小数'],
    expected: '最多 6 位小数',
    found: '2805.5600001',
  });
});

// ─── keys ────────────────────────────────────────────────────────────────────────────────────────

test('an unknown field "totla" suggests "total"', () => {
  // line 48 `          "totla": 678.56,`
  const f = sole(check(bad('unknown-field.json')), {
    rule: 'schema.unknown-field',
    line: 48,
    column: 11,
    pointer: '/documents/budget/expenditure/2/totla',
    says: ['"totla"', '是否应为 "total"'],
    found: 'totla',
  });
  assert.ok(f.expected?.split('、').includes('total'), `allowed fields listed: ${f.expected}`);
  assert.ok(f.messageEn.includes('did you mean "total"'), f.messageEn);
});

test('a duplicate key: at the second one, naming the first', () => {
  // lines 25 and 26 both `        "gpb": 2805.56,`
  sole(check(bad('duplicate-key.json')), {
    rule: 'json.duplicate-key',
    line: 26,
    column: 9,
    pointer: '/documents/budget/income/gpb',
    says: ['"gpb"', '重复', '第 25 行第 9 列'],
    found: '"gpb"',
  });
});

test('a __proto__ key is reported and dropped, polluting nothing', () => {
  // line 26 `        "__proto__": { "polluted": true },`
  const r = check(bad('proto-key.json'));
  sole(r, {
    rule: 'json.proto-key',
    line: 26,
    column: 9,
    pointer: '/documents/budget/income/__proto__',
    says: ['"__proto__"', '保留'],
    found: '"__proto__"',
  });
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.is(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
});

test('a constructor key is reported too', () => {
  sole(check(bad('constructor-key.json')), {
    rule: 'json.proto-key',
    line: 26,
    column: 9,
    pointer: '/documents/budget/income/constructor',
    says: ['"constructor"', '保留'],
    found: '"constructor"',
  });
});

// ─── references ──────────────────────────────────────────────────────────────────────────────────

test('a 功能分类 code unknown for the year', () => {
  // line 46 `          "code": "2101509",` (expenditure/2)
  sole(check(bad('unknown-code.json')), {
    rule: 'ref.unknown-code',
    line: 46,
    column: 11,
    pointer: '/documents/budget/expenditure/2/code',
    says: ['2101509', '2024 年', '功能分类'],
    found: '2101509',
  });
});

test('a code valid in 2021 but not in 2024 is unknown for 2024', () => {
  // 2010308 信访事务 is in the 2021 reference only. (Moving the line out of 类 210 also breaks the 210 row's
  // sums; only the code finding matters here.)
  const path = join(tmp, 'code-2021.json');
  writeFileSync(path, goodText.replace('"code": "2101501"', '"code": "2010308"'));
  const r = check(path);
  const f = r.findings.find((x) => x.rule === 'ref.unknown-code');
  assert.ok(f, r.findings.map((x) => x.rule).join(' '));
  assert.is(f!.pointer, '/documents/budget/expenditure/2/code');
  assert.ok(f!.message.includes('2010308') && f!.message.includes('2024'), f!.message);
});

test('a project whose unit is not in the department', () => {
  // line 65 `          "unit": "示例县卫生健康委员会",`
  sole(check(bad('project-unit.json')), {
    rule: 'ref.project-unit',
    line: 65,
    column: 11,
    pointer: '/documents/budget/projects/0/unit',
    says: ['示例县卫生健康委员会', '示例县医疗保障局本级', '示例县医疗保险服务中心'],
    expected: '示例县医疗保障局、示例县医疗保障局本级、示例县医疗保险服务中心',
    found: '示例县卫生健康委员会',
  });
});

test('two files for one unit and year: the second is an error naming the first', () => {
  // A data folder of its own, with the real profiles and references linked in.
  const dataRoot = join(tmp, 'root');
  mkdirSync(join(dataRoot, 'data', 'shili-ybj'), { recursive: true });
  symlinkSync(join(root, 'data', '_profiles'), join(dataRoot, 'data', '_profiles'));
  symlinkSync(join(root, 'data', '_reference'), join(dataRoot, 'data', '_reference'));
  const text = goodText.replace('"../../../data/_schema/unit-year.schema.json"', '"../_schema/unit-year.schema.json"');
  const first = join(dataRoot, 'data', 'shili-ybj', '2024.json');
  const second = join(dataRoot, 'data', 'shili-ybj', '2024-copy.json');
  writeFileSync(first, text);
  writeFileSync(second, text);
  let r: CheckResult | undefined;
  try {
    r = checkFiles(dataRoot, [first, second]);
  } catch (e) {
    assert.unreachable(`checkFiles threw: ${String(e)}`);
  }
  const byFile = (file: string) => r!.findings.filter((f) => f.file === file);
  assert.equal(byFile('data/shili-ybj/2024.json'), []);
  const dup = byFile('data/shili-ybj/2024-copy.json').filter((f) => f.rule === 'ref.duplicate-unit-year');
  assert.is(dup.length, 1);
  // line 4 `    "id": "shili-ybj",`
  matches(dup[0]!, {
    rule: 'ref.duplicate-unit-year',
    line: 4,
    column: 5,
    pointer: '/unit/id',
    says: ['shili-ybj', '2024', 'data/shili-ybj/2024.json', '只能有一个文件'],
    expected: 'data/shili-ybj/2024.json',
    found: 'data/shili-ybj/2024-copy.json',
  });
  // The copy is also in the wrong place for its content.
  const path = byFile('data/shili-ybj/2024-copy.json').find((f) => f.rule === 'ref.file-path');
  assert.ok(path, 'ref.file-path for the copy');
  assert.is(path!.expected, 'data/shili-ybj/2024.json');
});

// ─── bytes ───────────────────────────────────────────────────────────────────────────────────────

test('a 20 MB file is refused unread, with its size', () => {
  const path = join(tmp, 'big.json');
  const size = 20 * 1024 * 1024;
  const buf = Buffer.alloc(size, 0x20);
  buf.write(goodText, 0, 'utf8');
  writeFileSync(path, buf);
  const r = check(path);
  sole(r, {
    rule: 'json.too-large',
    line: 1,
    column: 1,
    pointer: '',
    says: ['20 MB', '10 MB', '太大'],
    expected: '不超过 10 MB',
    found: '20 MB',
  });
  assert.is(r.files[0]!.data, undefined);
});

/** A GBK encoder built from the platform's GBK decoder (Node ships full ICU). */
function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk', { fatal: true });
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (!table.has(ch)) table.set(ch, [lead, trail]);
      } catch {
        // not a GBK pair
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      out.push(...pair);
    }
  }
  return Buffer.from(out);
}

test('a GBK-encoded file: at the first byte that is not UTF-8, saying it looks like GBK', () => {
  const gbk = encodeGbk(goodText);
  // 示 is CA BE in GBK, which happens to be valid UTF-8 (U+02BE); 例 is C0 FD, and C0 is never UTF-8.
  assert.equal([...gbk.subarray(gbk.indexOf(0xca), gbk.indexOf(0xca) + 4)], [0xca, 0xbe, 0xc0, 0xfd]);
  const path = join(tmp, 'gbk.json');
  writeFileSync(path, gbk);
  const r = check(path);
  // line 5 `    "name": "示例县…`: 示 is column 14 (decoded as one character), 例 column 15
  sole(r, {
    rule: 'json.encoding',
    line: 5,
    column: 15,
    pointer: '',
    says: ['UTF-8', '0xC0 0xFD', 'GBK'],
    expected: 'UTF-8',
    found: '0xC0 0xFD',
  });
  assert.is(r.files[0]!.data, undefined);
});

// ─── several files at once ───────────────────────────────────────────────────────────────────────

test('every finding of every file is reported together, sorted by file', () => {
  const r = check(bad('wrong-type.json'), bad('nan.json'), goodPath, bad('empty.json'));
  assert.equal(
    r.findings.map((f) => `${f.file} ${f.rule}`),
    [
      'test/fixtures/bad/empty.json json.empty',
      'test/fixtures/bad/nan.json json.nan',
      'test/fixtures/bad/wrong-type.json schema.type',
    ],
  );
  assert.is(r.files.length, 4);
});

// ─── the command line ────────────────────────────────────────────────────────────────────────────

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/check.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI: exit 1 on an error file, plain text, no stack trace', () => {
  const r = cli('test/fixtures/bad/wrong-type.json');
  assert.is(r.status, 1, r.stderr);
  assert.not.match(r.stderr, STACK);
  assert.not.match(r.stdout, STACK);
  assert.ok(
    r.stdout.startsWith('test/fixtures/bad/wrong-type.json:25:9 /documents/budget/income/gpb 错误[schema.type] “一般公共预算拨款收入”应为数字'),
    r.stdout,
  );
  assert.ok(r.stdout.includes('应为：数字；实际：文字 "2805.56万元"'), r.stdout);
  assert.ok(r.stdout.endsWith('检查了 1 个文件：1 个错误，0 个警告，0 个提示。\n'), r.stdout);
});

test('CLI: exit 0 on the good file', () => {
  const r = cli('test/fixtures/good/minimal-budget.json');
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(r.stdout, '检查了 1 个文件：0 个错误，0 个警告，0 个提示。\n');
  assert.not.match(r.stderr, STACK);
});

test('CLI: a BOM warning alone exits 0; a non-UTF-8 file exits 1 without a stack trace', () => {
  assert.is(cli('test/fixtures/bad/bom.json').status, 0);
  const path = join(tmp, 'gbk-cli.json');
  writeFileSync(path, encodeGbk(goodText));
  const r = cli(path);
  assert.is(r.status, 1);
  assert.not.match(r.stderr, STACK);
  assert.ok(r.stdout.includes('错误[json.encoding]'), r.stdout);
});

test('CLI: --format json is an array of findings with every field', () => {
  const r = cli('--format', 'json', 'test/fixtures/bad/negative-amount.json', 'test/fixtures/bad/comment.json');
  assert.is(r.status, 1);
  assert.not.match(r.stderr, STACK);
  const parsed = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
  assert.ok(Array.isArray(parsed));
  assert.is(parsed.length, 2);
  for (const f of parsed) {
    for (const key of ['file', 'line', 'column', 'pointer', 'severity', 'rule', 'message', 'expected', 'found']) {
      assert.ok(key in f, `${key} in ${JSON.stringify(f)}`);
    }
    assert.type(f.line, 'number');
    assert.type(f.column, 'number');
  }
  assert.equal(
    parsed.map((f) => [f.file, f.line, f.column, f.pointer, f.severity, f.rule, f.expected, f.found]),
    [
      ['test/fixtures/bad/comment.json', 25, 25, '', 'error', 'json.comment', null, '注释 //'],
      ['test/fixtures/bad/negative-amount.json', 51, 11, '/documents/budget/expenditure/2/public', 'error', 'schema.minimum', '≥ 0', '-126.81'],
    ],
  );
  // --format=json works too, and a clean file gives an empty array
  const clean = cli('--format=json', 'test/fixtures/good/minimal-budget.json');
  assert.is(clean.status, 0);
  assert.equal(JSON.parse(clean.stdout), []);
});

test('CLI: --out writes only the report to the file (valid JSON even through npm), the count on stderr', () => {
  const path = join(tmp, 'findings.json');
  const r = spawnSync('npm', ['run', 'check', '--', '--format', 'json', '--out', path, 'test/fixtures/bad/negative-amount.json'], { cwd: root, encoding: 'utf8' });
  assert.is(r.status, 1, r.stderr);
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Array<Record<string, unknown>>;
  assert.equal(parsed.map((f) => [f.rule, f.line, f.column]), [['schema.minimum', 51, 11]]);
  assert.not.ok(r.stdout.includes('schema.minimum'), 'the findings are not printed as well');
  assert.ok(r.stderr.includes(`检查了 1 个文件：1 个错误，0 个警告，0 个提示。结果已写入 ${path}。`), r.stderr);
  const bad = cli('--out', join(tmp, 'no-such-folder', 'f.json'), 'test/fixtures/good/minimal-budget.json');
  assert.is(bad.status, 2);
  assert.ok(bad.stderr.includes('无法写入'), bad.stderr);
  assert.not.match(bad.stderr, STACK);
  assert.is(cli('--out').status, 2);
});

test('CLI: --format github prints workflow commands', () => {
  const r = cli('--format', 'github', 'test/fixtures/bad/unknown-field.json', 'test/fixtures/bad/bom.json');
  assert.is(r.status, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.is(lines.length, 2);
  assert.ok(lines[0]!.startsWith('::warning file=test/fixtures/bad/bom.json,line=1,col=1,title=json.bom::'), lines[0]);
  assert.ok(lines[1]!.startsWith('::error file=test/fixtures/bad/unknown-field.json,line=48,col=11,title=schema.unknown-field::'), lines[1]);
  assert.ok(lines[1]!.includes('是否应为 "total"'), lines[1]);
});

test('CLI: a usage mistake exits 2 with a Chinese message, no stack trace', () => {
  const r = cli('--format', 'xml', 'test/fixtures/good/minimal-budget.json');
  assert.is(r.status, 2);
  assert.ok(r.stderr.includes('--format 只能是 text、json 或 github'), r.stderr);
  assert.not.match(r.stderr, STACK);
  const missing = cli('test/fixtures/bad/no-such-file.json');
  assert.is(missing.status, 2);
  assert.ok(missing.stderr.includes('找不到文件 test/fixtures/bad/no-such-file.json'), missing.stderr);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
