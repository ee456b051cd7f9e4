import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Ajv2020 from 'ajv/dist/2020.js';
import { lineColumn, locate, readJsonBytes, type JsonIssue, type ParsedJson } from '../../scripts/lib/model/json.ts';

// Every expected line:column below was counted by hand from the fixture text (columns in
// characters: a Chinese character or an emoji is one column), never copied from the output.

const enc = new TextEncoder();
const read = (src: string) => readJsonBytes(enc.encode(src));
const lines = (...ls: string[]) => ls.join('\n');
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : p)));

/** The single issue of `rule` in `r`, checked for rule, line and column. */
function one(r: ParsedJson, rule: string, line: number, column: number): JsonIssue {
  const found = r.issues.filter((i) => i.rule === rule);
  assert.is(found.length, 1, `one ${rule} in ${JSON.stringify(r.issues.map((i) => i.rule))}`);
  const issue = found[0]!;
  assert.is(`${issue.line}:${issue.column}`, `${line}:${column}`, `${rule} position: ${issue.message}`);
  return issue;
}

/** A fatal syntax-level error: exactly one issue, value undefined. */
function fatal(src: string, rule: string, line: number, column: number): JsonIssue {
  const r = read(src);
  assert.is(r.value, undefined, `value of ${JSON.stringify(src)}`);
  assert.is(r.issues.length, 1, `issues of ${JSON.stringify(src)}: ${r.issues.map((i) => i.message).join(' / ')}`);
  return one(r, rule, line, column);
}

// ─── valid documents ──────────────────────────────────────────────────────────────────────────────

const VALID = [
  '{}',
  '[]',
  '0',
  '-0',
  '"x"',
  'true',
  'false',
  'null',
  ' \n\t{ "a" : [ 1 , 2 ] } \r\n',
  '{"单位":"某某县财政局","年度":2024,"说明":"一般公共预算拨款（含“三公”经费）"}',
  '"\\"\\\\\\/\\b\\f\\n\\r\\t\\u4e2d\\u0041\\u00e9"',
  '["😀", "\\ud83d\\ude00", "a😀b\\u00e9😀", "\\ud800"]',
  '[[[]],[[1,[2,[3,{"a":[[]]}]]]],{}]',
  '[0, -1, 3.14, 0.000001, 123456.789012, -999999999999.5, 1000000000000, -1000000000000, 0.1, 9007199.254740]',
  '[123456789.123456, 1234567890.123456, 999999999999.999999, 0.100000, 10, 100.5]',
  '{"b":1,"2":2,"a":3,"1":4,"":5," ":6}',
  '{"a/b":{"c~d":"e"},"toString":1,"hasOwnProperty":2,"valueOf":{"x":[null]}}',
  '{"长文本":"' + '中文'.repeat(500) + '\\n' + 'ascii'.repeat(300) + '"}',
];

test('valid documents round-trip like JSON.parse, with no issues', () => {
  for (const src of VALID) {
    const r = read(src);
    assert.equal(r.issues, [], src);
    assert.equal(r.value, JSON.parse(src), src);
    // same key order and same numbers to the last bit
    assert.is(JSON.stringify(r.value), JSON.stringify(JSON.parse(src)), src);
    assert.is(r.text, src);
  }
  assert.ok(Object.is(read('-0').value, -0));
});

test('generated documents round-trip (numbers with up to 6 decimals, Chinese, escapes, astral)', () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const chars = ['a', 'Z', '中', '财', '“', '"', '\\', '/', '\n', '\t', '\u0001', '😀', ' ', '~', 'é'];
  const str = () => Array.from({ length: Math.floor(rnd() * 8) }, () => chars[Math.floor(rnd() * chars.length)]).join('');
  const gen = (depth: number): unknown => {
    const k = rnd();
    if (depth > 4 || k < 0.3) return Math.round((rnd() - 0.3) * 1e9 * 1e6) / 1e6;
    if (k < 0.5) return str();
    if (k < 0.55) return [true, false, null][Math.floor(rnd() * 3)];
    if (k < 0.75) return Array.from({ length: Math.floor(rnd() * 5) }, () => gen(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rnd() * 5); i > 0; i--) o[`${str()}${i}`] = gen(depth + 1);
    return o;
  };
  for (let n = 0; n < 300; n++) {
    const doc = gen(0);
    const src = JSON.stringify(doc, null, n % 2 ? 2 : undefined);
    const r = read(src);
    assert.equal(r.issues, [], src);
    assert.is(JSON.stringify(r.value), JSON.stringify(JSON.parse(src)), src);
  }
});

test('values are plain objects and arrays, usable by ajv and JSON.stringify', () => {
  const r = read('{"a": {"b": [1, {"c": "x"}]}}');
  const v = r.value as { a: { b: [number, { c: string }] } };
  assert.is(Object.getPrototypeOf(v), Object.prototype);
  assert.is(Object.getPrototypeOf(v.a.b[1]), Object.prototype);
  assert.ok(Array.isArray(v.a.b));
  const ajv = new Ajv2020.default({ strict: true });
  const validate = ajv.compile({
    type: 'object',
    properties: { a: { type: 'object', properties: { b: { type: 'array' } }, required: ['b'] } },
    required: ['a'],
    additionalProperties: false,
  });
  assert.ok(validate(v));
});

// ─── structure ────────────────────────────────────────────────────────────────────────────────────

test('missing comma between members: at the end of the previous value, with the exact message', () => {
  const src = lines('{', '  "a": 1', '  "b": 2', '}');
  // line 2 `  "a": 1`: the 1 is column 8, so the comma belongs at column 9; "b" starts at 3:3
  const i = fatal(src, 'json.syntax', 2, 9);
  assert.is(i.message, '第 2 行第 9 列：这里缺少一个英文逗号 ","：前后两项之间必须用逗号隔开（下一项从第 3 行第 3 列开始）。');
  assert.is(i.expected, '"," 或 "}"');
  assert.is(i.found, `'"'`);
  assert.is(i.offset, src.indexOf('\n  "b"'));
});

test('missing comma between elements, Chinese characters counted as one column', () => {
  fatal('[1 2]', 'json.syntax', 1, 3);
  // line 3 `  "乙"`: 乙 is column 4, its closing quote column 5
  const i = fatal(lines('[', '  "甲",', '  "乙"', '  "丙"', ']'), 'json.syntax', 3, 6);
  assert.is(i.found, `'"'`);
  assert.is(i.expected, '"," 或 "]"');
});

test('trailing commas are reported, skipped, and all of them at once', () => {
  const r = read(lines('{', '  "a": [1, 2,],', '  "b": {"c": 1,},', '}'));
  assert.equal(r.value, { a: [1, 2], b: { c: 1 } });
  assert.equal(
    r.issues.map((i) => [i.rule, i.severity, i.line, i.column, i.pointer]),
    [
      ['json.trailing-comma', 'error', 2, 13, '/a'], // `  "a": [1, 2,],`: [ 8, 1 9, 2 12, ',' 13
      ['json.trailing-comma', 'error', 3, 15, '/b'], // `  "b": {"c": 1,},`: { 8, 1 14, ',' 15
      ['json.trailing-comma', 'error', 3, 17, ''], // the comma after that }
    ],
  );
  assert.is(r.issues[0]!.message, '第 2 行第 13 列：此处多了一个逗号（JSON 不允许最后一项后面有逗号），请删除这个逗号。');
  assert.is(r.issues[0]!.found, '","');
});

test('comments are reported and skipped; an unterminated block comment is fatal', () => {
  const r = read(lines('{', '  // 单位信息', '  "a": 1, /* 块注释', '  跨行 */ "b": [2,]', '}'));
  assert.equal(r.value, { a: 1, b: [2] });
  assert.equal(
    r.issues.map((i) => [i.rule, i.line, i.column, i.found]),
    [
      ['json.comment', 2, 3, '注释 //'],
      ['json.comment', 3, 11, '注释 /*'], // `  "a": 1, /*`: the comma is column 9, the / column 11
      ['json.trailing-comma', 4, 16, '","'], // `  跨行 */ "b": [2,]`: 跨 3, * 6, " 9, [ 14, 2 15, ',' 16
    ],
  );
  assert.equal(fatal('{"a": 1 /* 没有结尾', 'json.comment', 1, 9).expected, '*/');
});

test('single quotes, unquoted keys, unquoted text values', () => {
  fatal(`{"a": 'x'}`, 'json.syntax', 1, 7);
  const k = fatal(`{'a': 1}`, 'json.syntax', 1, 2);
  assert.is(k.message, `第 1 行第 2 列：文字要用英文双引号 " 括起来，不能用单引号 '。`);
  const u = fatal(lines('{', '  "a": 1,', '  名称: "x"', '}'), 'json.syntax', 3, 3);
  assert.is(u.message, '第 3 行第 3 列：字段名 名称 要用英文双引号括起来，写成 "名称"。');
  assert.is(u.found, '名称');
  const v = fatal('{"单位": 财政局}', 'json.syntax', 1, 8); // { " 单 位 " : ␠ → 财 is the 8th
  assert.is(v.message, '第 1 行第 8 列：财政局 不是合法的值：文字要用英文双引号括起来，写成 "财政局"。');
  assert.is(fatal('[True]', 'json.syntax', 1, 2).expected, 'true');
  assert.is(fatal('[undefined]', 'json.syntax', 1, 2).expected, 'null');
});

test('unterminated strings: at end of file, and across a line break', () => {
  const eof = fatal('{"a": "abc', 'json.syntax', 1, 7); // the string starts at column 7
  assert.is(eof.pointer, '/a');
  // line 2 `  "名称": "财政局,`: the string opens at column 9, the line ends after column 13
  const nl = fatal(lines('{', '  "名称": "财政局,', '  "b": 1', '}'), 'json.syntax', 2, 14);
  assert.is(
    nl.message,
    '第 2 行第 14 列：文字缺少结尾的英文双引号 "（这段文字从第 2 行第 9 列开始）。文字中间不能直接换行，需要换行请写 \\n。',
  );
  assert.is(nl.pointer, '/名称');
});

test('control characters and bad escapes inside strings', () => {
  const tab = fatal('{"a": "x\ty"}', 'json.syntax', 1, 9);
  assert.is(tab.found, '制表符 Tab');
  assert.is(fatal('["\u0001"]', 'json.syntax', 1, 3).found, 'U+0001');
  const esc = fatal('["C:\\data"]', 'json.syntax', 1, 5); // [ " C : \ → the backslash is column 5
  assert.is(esc.found, '\\d');
  assert.is(fatal('["\\u12"]', 'json.syntax', 1, 3).found, '\\u12');
  assert.is(fatal('["\\u00G1"]', 'json.syntax', 1, 3).found, '\\u00G1');
});

test('NaN and Infinity', () => {
  const n = fatal('{"a": NaN}', 'json.nan', 1, 7);
  assert.is(n.message, '第 1 行第 7 列：NaN 不是具体的数字，JSON 里不能使用，请改为具体的数值。');
  assert.is(n.pointer, '/a');
  assert.is(fatal('[1, -Infinity]', 'json.nan', 1, 5).found, '-Infinity');
  assert.is(fatal('[Infinity]', 'json.nan', 1, 2).pointer, '/0');
});

test('malformed numbers are fatal, with the corrected form when there is one', () => {
  const cases: [string, string | undefined][] = [
    ['012', '12'],
    ['-007.5', '-7.5'],
    ['+1', '1'],
    ['1.', '1'],
    ['.5', '0.5'],
    ['-.5', '-0.5'],
    ['0x1F', undefined],
    ['-', undefined],
    ['100万', undefined],
    ['1.2.3', undefined],
    ['1e', undefined],
  ];
  for (const [lit, fixed] of cases) {
    const i = fatal(`[${lit}]`, 'json.number-format', 1, 2);
    assert.is(i.found, lit);
    assert.is(i.expected, fixed, lit);
  }
  assert.is(
    fatal('[012]', 'json.number-format', 1, 2).message,
    '第 1 行第 2 列：数字 012 不能以 0 开头（应写成 12）；如果这是编码，请用英文双引号括起来，写成 "012"。',
  );
});

test('exponents are reported but the value is kept', () => {
  // line 2 `  "金额": 1e5`: 金 4 额 5 " 6 : 7 ␠ 8 → the number is column 9
  const r = read(lines('{', '  "金额": 1e5,', '  "b": 1.5E-7', '}'));
  assert.equal(r.value, { 金额: 100000, b: 1.5e-7 });
  const [a, b] = r.issues;
  assert.equal([a?.rule, a?.line, a?.column, a?.expected, a?.pointer], ['json.number-format', 2, 9, '100000', '/金额']);
  assert.equal([b?.rule, b?.line, b?.column, b?.expected], ['json.number-format', 3, 8, '0.00000015']);
});

test('precision: more than 6 decimals, or beyond 1e12', () => {
  const r = read('[1.1234567, 1.123456, 1000000000001, 1000000000000, -1000000000000.5, 0.12345670]');
  assert.equal(r.value, [1.1234567, 1.123456, 1000000000001, 1000000000000, -1000000000000.5, 0.1234567]);
  assert.equal(
    r.issues.map((i) => [i.rule, i.column, i.found, i.pointer]),
    [
      ['json.precision', 2, '1.1234567', '/0'],
      ['json.precision', 23, '1000000000001', '/2'],
      ['json.precision', 53, '-1000000000000.5', '/4'],
      ['json.precision', 71, '0.12345670', '/5'],
    ],
  );
  assert.is(
    r.issues[0]!.message,
    '第 1 行第 2 列：金额最多保留 6 位小数（万元到分），1.1234567 有 7 位小数，请四舍五入到 6 位以内。',
  );
});

test('missing values', () => {
  const m = fatal('{"a": , "b": 1}', 'json.syntax', 1, 7);
  assert.ok(m.message.includes('字段 "a" 缺少值'));
  fatal('{"a": }', 'json.syntax', 1, 7);
  fatal('[1,,2]', 'json.syntax', 1, 4);
  fatal('[,1]', 'json.syntax', 1, 2);
  const colon = fatal('{"a" 1}', 'json.syntax', 1, 5); // where the colon belongs: right after "a"
  assert.is(colon.expected, '":"');
});

test('extra content after the root value', () => {
  const two = fatal(lines('{"a": 1}', '{"b": 2}'), 'json.syntax', 2, 1);
  assert.ok(two.message.includes('数据在第 1 行第 8 列已经完整结束'), two.message);
  const brace = fatal('{"a": {"b": 1}}}', 'json.syntax', 1, 16);
  assert.is(brace.found, '"}"');
});

test('unexpected end of file names the innermost unclosed bracket and where it opened', () => {
  // line 3 `    "b": [1, 2`: [ is column 10, the 2 column 14, so the file ends at column 15
  const i = fatal(lines('{', '  "a": {', '    "b": [1, 2'), 'json.syntax', 3, 15);
  assert.is(i.message, '第 3 行第 15 列：文件在这里意外结束：第 3 行第 10 列的 "[" 没有对应的 "]"（共有 3 层括号没有闭合）。');
  assert.is(i.pointer, '/a/b');
  assert.is(fatal('{"a": 1', 'json.syntax', 1, 8).message, '第 1 行第 8 列：文件在这里意外结束：第 1 行第 1 列的 "{" 没有对应的 "}"。');
  fatal('{"a":', 'json.syntax', 1, 6);
  fatal('[', 'json.syntax', 1, 2);
});

test('mismatched brackets', () => {
  const i = fatal('{"a": [1, 2}', 'json.syntax', 1, 12);
  assert.is(i.message, '第 1 行第 12 列：这里的 "}" 与第 1 行第 7 列的 "[" 不配对，应为 "]"。');
});

test('Chinese punctuation, full-width space, invisible characters, unescaped quotes', () => {
  assert.is(fatal('{"a"：1}', 'json.syntax', 1, 5).expected, '":"');
  const comma = fatal('{"a": 1，"b": 2}', 'json.syntax', 1, 8);
  assert.is(comma.message, '第 1 行第 8 列：这里的 "，" 是中文（全角）符号，JSON 的符号必须是英文（半角）的 ","。');
  assert.is(fatal('{"a": “x”}', 'json.syntax', 1, 7).expected, `'"'`);
  assert.is(fatal('{"a": 1,\u3000"b": 2}', 'json.syntax', 1, 9).found, '全角空格');
  assert.is(fatal('{"a":\u00a01}', 'json.syntax', 1, 6).found, '不换行空格 U+00A0');
  const quote = fatal('{"说明": "他说"好"的"}', 'json.syntax', 1, 11); // { " 说 明 " : ␠ " 他 说 " → 11
  assert.ok(quote.message.includes('要写成 \\"'), quote.message);
  const thousands = fatal('{"a": 1,234.5}', 'json.syntax', 1, 9);
  assert.ok(thousands.message.includes('千分位'), thousands.message);
});

test('duplicate keys: at the second occurrence, naming the first; nested objects are separate', () => {
  const src = lines('{', '  "a": 1,', '  "b": {"a": 2, "c": 3},', '  "a": 4,', '  "b": 5', '}');
  const r = read(src);
  assert.equal(r.value, { a: 4, b: 5 });
  assert.equal(
    r.issues.map((i) => [i.rule, i.line, i.column, i.pointer]),
    [
      ['json.duplicate-key', 4, 3, '/a'],
      ['json.duplicate-key', 5, 3, '/b'],
    ],
  );
  assert.is(r.issues[0]!.message, '第 4 行第 3 列：字段 "a" 重复了：同一个对象里在第 2 行第 3 列已经有这个字段，请删除其中一个。');
  assert.ok(r.issues[1]!.message.includes('在第 3 行第 3 列已经有'));
});

test('__proto__, constructor and prototype keys are rejected and cannot pollute', () => {
  const r = read('{"__proto__": {"polluted": true}, "a": {"constructor": {"prototype": 1}}, "b": [{"\\u005f_proto__": 1}]}');
  const v = r.value as Record<string, unknown>;
  assert.is(Object.getPrototypeOf(v), Object.prototype);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.is((v as { polluted?: unknown }).polluted, undefined);
  assert.not.ok(Object.hasOwn(v, '__proto__'));
  assert.equal(v, { a: {}, b: [{}] });
  assert.is(JSON.stringify(v), '{"a":{},"b":[{}]}');
  assert.equal(
    r.issues.map((i) => [i.rule, i.column, i.pointer]),
    [
      ['json.proto-key', 2, '/__proto__'],
      ['json.proto-key', 41, '/a/constructor'],
      ['json.proto-key', 57, '/a/constructor/prototype'],
      ['json.proto-key', 82, '/b/0/__proto__'],
    ],
  );
  assert.is(r.issues[0]!.message, '第 1 行第 2 列：不允许用 "__proto__" 作为字段名（这是系统保留的名称），这一项已被忽略，请删除或改名。');
});

// ─── bytes ────────────────────────────────────────────────────────────────────────────────────────

test('a UTF-8 BOM is a warning and is stripped; offsets count from after it', () => {
  const r = readJsonBytes(bytes([0xef, 0xbb, 0xbf], '{"a": [1,]}'));
  assert.equal(r.value, { a: [1] });
  assert.is(r.text, '{"a": [1,]}');
  assert.equal(r.issues.map((i) => [i.rule, i.severity, i.line, i.column, i.offset]), [
    ['json.bom', 'warning', 1, 1, 0],
    ['json.trailing-comma', 'error', 1, 9, 8],
  ]);
  const twice = readJsonBytes(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], '{}'));
  assert.is(twice.value, undefined);
  assert.equal(twice.issues.map((i) => [i.rule, i.line, i.column]), [
    ['json.bom', 1, 1],
    ['json.syntax', 1, 1],
  ]);
});

test('invalid UTF-8 is located; GBK is recognised', () => {
  const bad = readJsonBytes(bytes('{"a": "', [0xc3, 0x28], '"}'));
  assert.is(bad.value, undefined);
  const i = one(bad, 'json.encoding', 1, 8);
  assert.is(i.found, '0xC3 0x28');
  // 中文 in GBK is D6 D0 CE C4; line 2 `  "名称": "` ends at column 9
  const gbk = readJsonBytes(bytes('{\n  "名称": "', [0xd6, 0xd0, 0xce, 0xc4], '"\n}'));
  const g = one(gbk, 'json.encoding', 2, 10);
  assert.ok(g.message.includes('GBK'), g.message);
  assert.ok(g.message.startsWith('第 2 行第 10 列：文件不是有效的 UTF-8 编码'), g.message);
  for (const seq of [[0xe4, 0xb8], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff]]) {
    one(readJsonBytes(bytes('["', seq)), 'json.encoding', 1, 3);
  }
});

test('UTF-16 files are rejected with a save-as-UTF-8 message', () => {
  for (const b of [
    bytes([0xff, 0xfe], [...Buffer.from('{"a":1}', 'utf16le')]),
    bytes([0xfe, 0xff], [...Buffer.from('{"a":1}', 'utf16le').swap16()]),
    Uint8Array.from(Buffer.from('{"a":1}', 'utf16le')),
  ]) {
    const r = readJsonBytes(b);
    assert.is(r.value, undefined);
    const i = one(r, 'json.encoding', 1, 1);
    assert.ok(i.message.includes('另存为 UTF-8'), i.message);
  }
});

test('too large: a 20 MB file is rejected without parsing', () => {
  const big = new Uint8Array(20 * 1024 * 1024).fill(0x5b); // 20 MiB of "[": parsed, it would be a syntax error
  const r = readJsonBytes(big);
  assert.is(r.value, undefined);
  const i = one(r, 'json.too-large', 1, 1);
  assert.is(i.message, '文件太大（20 MB），超过了 10 MB 的上限，没有进行检查。请确认选择的是正确的数据文件。');
  assert.is(readJsonBytes(enc.encode('[1,2,3,4,5]'), { maxBytes: 10 }).issues[0]?.rule, 'json.too-large');
  assert.equal(readJsonBytes(enc.encode('[1,2,3,4]'), { maxBytes: 9 }).value, [1, 2, 3, 4]);
});

test('empty files', () => {
  for (const src of ['', ' \n\t\r\n ']) {
    const r = read(src);
    assert.is(r.value, undefined);
    assert.is(one(r, 'json.empty', 1, 1).message, '文件是空的，没有任何数据。数据文件应以 { 开头、以 } 结尾。');
  }
  const c = read('// 只有注释\n');
  assert.equal(c.issues.map((i) => i.rule), ['json.comment', 'json.empty']);
});

// ─── positions ────────────────────────────────────────────────────────────────────────────────────

const LOCATE_SRC = lines(
  '{',
  '  "a/b": {',
  '    "c~d": [10, {"e": 1}],',
  '    "名称": "财政局"',
  '  },',
  '  "x": 2',
  '}',
);

test('locate: keys of members, array elements, ~0 and ~1, missing pointers fall back to an ancestor', () => {
  const at = (p: string) => {
    const l = locate(LOCATE_SRC, p);
    return l && `${l.line}:${l.column}`;
  };
  assert.is(at(''), '1:1');
  assert.is(at('/a~1b'), '2:3');
  assert.is(at('/a~1b/c~0d'), '3:5');
  assert.is(at('/a~1b/c~0d/0'), '3:13'); // `    "c~d": [10, {"e": 1}],`: [ 12, 10 at 13
  assert.is(at('/a~1b/c~0d/1'), '3:17');
  assert.is(at('/a~1b/c~0d/1/e'), '3:18');
  assert.is(at('/a~1b/名称'), '4:5');
  assert.is(at('/x'), '6:3');
  assert.is(at('/a~1b/c~0d/7'), '3:5');
  assert.is(at('/a~1b/c~0d/1/e/deeper'), '3:18');
  assert.is(at('/nope/deeper'), '1:1');
  assert.is(at('/a/b'), '1:1'); // "a/b" must be escaped as a~1b
  assert.is(locate(LOCATE_SRC, 'no-slash'), undefined);
  const l = locate(LOCATE_SRC, '/x');
  assert.is(l?.offset, LOCATE_SRC.indexOf('"x"'));
});

test('locate: columns after Chinese and astral characters, escaped keys, broken text', () => {
  const cn = '{"名称": "财政局", "x": 1}'; // { " 名 称 " : ␠ " 财 政 局 " , ␠ " → 15
  assert.equal(locate(cn, '/x'), { offset: 14, line: 1, column: 15 });
  const emoji = '{"😀": 1, "y": 2}'; // the emoji is one column but two UTF-16 units
  assert.equal(locate(emoji, '/y'), { offset: 10, line: 1, column: 10 });
  assert.is(locate('{"a\\/b": 1, "~1": 2}', '/a~1b')?.column, 2);
  assert.is(locate('{"a\\/b": 1, "~1": 2}', '/~01')?.column, 13);
  const broken = '{"a": {"b": [1, ';
  assert.is(locate(broken, '/a/b/0')?.column, 14);
  assert.is(locate(broken, '/a/b/1')?.column, 8);
  assert.is(locate('', ''), undefined);
});

test('locate finds each of a few hundred pointers in a 1 MB text (speed belongs to npm run bench, not to a test)', () => {
  const rows = Array.from({ length: 6000 }, (_, i) => ({ code: String(2010101 + i), name: '一般公共服务支出', amount: i * 1.25, items: [i, i + 1] }));
  const text = JSON.stringify({ rows }, null, 2);
  assert.ok(text.length > 1e6 / 2);
  for (let k = 0; k < 300; k++) {
    const i = (k * 97) % rows.length;
    const l = locate(text, `/rows/${i}/amount`);
    assert.is(l?.offset, text.indexOf('"amount"', text.indexOf(`"code": "${2010101 + i}"`)));
  }
});

test('lineColumn: LF, CRLF and lone CR; code-point columns; tabs are one column; clamped', () => {
  assert.equal(lineColumn('abc\ndef', 5), { line: 2, column: 2 });
  assert.equal(lineColumn('ab\r\ncd\ref', 8), { line: 3, column: 2 });
  assert.equal(lineColumn('ab\r\ncd', 4), { line: 2, column: 1 });
  assert.equal(lineColumn('中文\n😀x', 5), { line: 2, column: 2 });
  assert.equal(lineColumn('\t\tx', 2), { line: 1, column: 3 });
  assert.equal(lineColumn('ab', 99), { line: 1, column: 3 });
  const i = read('{\r\n  "a": 1,\r\n}').issues[0];
  assert.equal([i?.line, i?.column], [2, 9]);
});

// ─── robustness ───────────────────────────────────────────────────────────────────────────────────

test('never throws on damaged input; rejects everything JSON.parse rejects', () => {
  const base = read(LOCATE_SRC).text + '\n';
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  const junk = ['', ',', '}', ']', '"', ':', '/', '*', '\n', '1', '-', '.', 'e', '\\', '，', '\u3000', '{', '['];
  for (let n = 0; n < 2000; n++) {
    let s = base;
    for (let k = rnd(3) + 1; k > 0; k--) {
      const at = rnd(s.length);
      s = s.slice(0, at) + junk[rnd(junk.length)] + s.slice(at + rnd(3));
    }
    let r: ParsedJson;
    try {
      r = read(s);
    } catch (e) {
      assert.unreachable(`threw on ${JSON.stringify(s)}: ${String(e)}`);
      return;
    }
    let strictOk = true;
    try {
      JSON.parse(s);
    } catch {
      strictOk = false;
    }
    const errors = r.issues.filter((i) => i.severity === 'error');
    if (!strictOk) assert.ok(errors.length > 0, `accepted invalid ${JSON.stringify(s)}`);
    if (errors.length === 0) assert.equal(r.value, JSON.parse(s));
    for (const i of r.issues) {
      assert.equal({ line: i.line, column: i.column }, lineColumn(r.text, i.offset));
      assert.ok(i.message.startsWith(`第 ${i.line} 行第 ${i.column} 列：`), i.message);
    }
  }
});

test('Chinese messages carry no English sentences', () => {
  const allowed = /JSON|UTF|BOM|GBK|GB2312|Windows|Word|Tab|true|false|null/g;
  const samples = [
    '{"a": 1 "b": 2}', '[1,]', '{"a": 1 // x\n}', `{'a': 1}`, '{a: 1}', '{"a": "x', '{"a": "x\n"}', '["\t"]', '["\\q"]',
    '["\\u12"]', '[NaN]', '[012]', '[+1]', '[1.]', '[.5]', '[0x1]', '[1e5]', '[1.1234567]', '[1e13]', '{"a": }', '[1] 2',
    '{"a": [', '{"a"：1}', '{"a": 1, "a": 2}', '{"__proto__": 1}', '[True]', '[张三]', '{"a" 1}', '[1 /]', '/* x',
  ];
  for (const src of samples) {
    for (const i of read(src).issues) {
      const words = i.message.replace(i.found ?? '\0', '').replace(i.expected ?? '\0', '').replace(allowed, '');
      assert.not.match(words, /[A-Za-z]{3,}/, `${src}: ${i.message}`);
      assert.ok(i.messageEn.startsWith(`Line ${i.line}, column ${i.column}: `), i.messageEn);
    }
  }
});

test.run();
