/**
 * The three output formats on hand-written findings, compared with exact expected strings.
 * GitHub workflow commands (docs.github.com, "Workflow commands for GitHub Actions"): in the
 * message, % → %25, CR → %0D, LF → %0A; in a property value additionally : → %3A and , → %2C.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFindings, formatGithub, formatJson, formatText } from '../../scripts/lib/check/report.ts';
import type { Finding } from '../../scripts/lib/check/findings.ts';

const schemaType: Finding = {
  file: 'data/sixian-ybj/2024.json',
  line: 36,
  column: 9,
  pointer: '/documents/budget/income/gpb',
  severity: 'error',
  rule: 'schema.type',
  message: '“一般公共预算拨款收入”应为数字，实际是文字 "2805.56万元"。',
  messageEn: 'value must be number, found "2805.56万元"',
  expected: '数字',
  found: '文字 "2805.56万元"',
};

const share: Finding = {
  file: 'data/huaibei-ybj/2023.json',
  line: 406,
  column: 13,
  pointer: '/documents/final/figures/gpb:210/stated/share',
  severity: 'notice',
  rule: 'round.percent',
  message: '占比写为 91.65%，应为 91.66%。\n（尾差）',
  messageEn: 'share stated 91.65%, computed 91.66%',
  expected: '91.66',
  found: '91.65',
};

// A file name with a comma and a colon, a rule id that needs no escaping, a pointer of '' (the root).
const odd: Finding = {
  file: 'data/a,b/c:d.json',
  line: 1,
  column: 1,
  pointer: '',
  severity: 'warning',
  rule: 'json.bom',
  message: '100% 有\r\nBOM',
  messageEn: 'BOM',
};

test('formatText: one head line per finding, then 应为/实际 (Chinese only: the English stays in JSON); a closing count', () => {
  assert.is(
    formatText([schemaType, share], 2),
    [
      'data/sixian-ybj/2024.json:36:9 /documents/budget/income/gpb 错误[schema.type] “一般公共预算拨款收入”应为数字，实际是文字 "2805.56万元"。',
      '    应为：数字；实际：文字 "2805.56万元"',
      'data/huaibei-ybj/2023.json:406:13 /documents/final/figures/gpb:210/stated/share 提示[round.percent] 占比写为 91.65%，应为 91.66%。',
      '（尾差）',
      '    应为：91.66；实际：91.65',
      '检查了 2 个文件：1 个错误，0 个警告，1 个提示。',
      '',
    ].join('\n'),
  );
});

test('formatText: the root pointer prints as "/", and no 应为/实际 line without values', () => {
  assert.is(
    formatText([odd], 1),
    'data/a,b/c:d.json:1:1 / 警告[json.bom] 100% 有\r\nBOM\n检查了 1 个文件：0 个错误，1 个警告，0 个提示。\n',
  );
  assert.is(formatText([], 4), '检查了 4 个文件：0 个错误，0 个警告，0 个提示。\n');
});

test('formatJson: an array with every field; absent expected/found are null', () => {
  const text = formatJson([schemaType, odd]);
  assert.is(
    text,
    `[
  {
    "file": "data/sixian-ybj/2024.json",
    "line": 36,
    "column": 9,
    "pointer": "/documents/budget/income/gpb",
    "severity": "error",
    "rule": "schema.type",
    "message": "“一般公共预算拨款收入”应为数字，实际是文字 \\"2805.56万元\\"。",
    "messageEn": "value must be number, found \\"2805.56万元\\"",
    "expected": "数字",
    "found": "文字 \\"2805.56万元\\""
  },
  {
    "file": "data/a,b/c:d.json",
    "line": 1,
    "column": 1,
    "pointer": "",
    "severity": "warning",
    "rule": "json.bom",
    "message": "100% 有\\r\\nBOM",
    "messageEn": "BOM",
    "expected": null,
    "found": null
  }
]
`,
  );
  assert.equal(JSON.parse(text)[1].message, odd.message);
  assert.is(formatJson([]), '[]\n');
});

test('formatJson: an acknowledged finding carries its reason', () => {
  const parsed = JSON.parse(formatJson([{ ...share, acknowledged: '原文如此' }])) as Array<Record<string, unknown>>;
  assert.is(parsed[0]!.acknowledged, '原文如此');
  assert.not.ok('acknowledged' in (JSON.parse(formatJson([share]))[0] as object));
});

test('formatGithub: one command per finding, level from severity, 应为/实际 and pointer in the message', () => {
  assert.is(
    formatGithub([schemaType, share]),
    '::error file=data/sixian-ybj/2024.json,line=36,col=9,title=schema.type::“一般公共预算拨款收入”应为数字，实际是文字 "2805.56万元"。 应为：数字 实际：文字 "2805.56万元" (/documents/budget/income/gpb)\n' +
      '::notice file=data/huaibei-ybj/2023.json,line=406,col=13,title=round.percent::占比写为 91.65%25，应为 91.66%25。%0A（尾差） 应为：91.66 实际：91.65 (/documents/final/figures/gpb:210/stated/share)\n',
  );
});

test('formatGithub: escapes % CR LF in the message, and also , : in properties', () => {
  assert.is(formatGithub([odd]), '::warning file=data/a%2Cb/c%3Ad.json,line=1,col=1,title=json.bom::100%25 有%0D%0ABOM (/)\n');
  // a rule id with a colon or comma would be escaped like any property
  assert.is(
    formatGithub([{ ...odd, file: 'x.json', rule: 'a:b,c', message: 'm' }]),
    '::warning file=x.json,line=1,col=1,title=a%3Ab%2Cc::m (/)\n',
  );
  // % is escaped first, so an existing "%2C" in a name is not mistaken for an escape
  assert.is(formatGithub([{ ...odd, file: '100%2C.json', message: 'm' }]), '::warning file=100%252C.json,line=1,col=1,title=json.bom::m (/)\n');
  assert.is(formatGithub([]), '');
});

test('formatFindings dispatches on the format', () => {
  assert.is(formatFindings([share], 'json', 1), formatJson([share]));
  assert.is(formatFindings([share], 'github', 1), formatGithub([share]));
  assert.is(formatFindings([share], 'text', 3), formatText([share], 3));
});

test.run();
