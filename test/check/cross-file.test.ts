/**
 * The cross-file rules (scripts/lib/check/rules/cross-file.ts) on the bundled Shanghai files, which
 * link 部门 and 单位 by id (data/putuo-shangwu ↔ putuo-shangwu-benbu, putuo-quzhengfu ↔
 * putuo-quzhengfu-benbu) and give two years of one 部门 (data/putuo-wanli 2024 and 2025): what they
 * find as published, what they find when one link or one 上年数 is changed in memory, and the same
 * findings from the worker threads (CheckPool), which carry only each file's facts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBytes, checkFiles, finishCheck, ownerOf } from '../../scripts/lib/check/check.ts';
import { CheckPool } from '../../scripts/lib/check/parallel.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import type { Finding } from '../../scripts/lib/check/findings.ts';

const root = join(import.meta.dirname, '../..');
const lib = loadLibrary(root);
const rel = (unit: string, year: number) => `data/${unit}/${year}.json`;
const text = (file: string) => readFileSync(join(root, file), 'utf8');

/** Checks the files (name → JSON text) together; returns the cross-file findings, compactly. */
function together(files: Record<string, string>): Finding[] {
  const checked = Object.entries(files).map(([name, t]) => checkBytes(name, Buffer.from(t), lib));
  const result = finishCheck(root, lib, checked, checked.map(ownerOf), { read: (f) => files[f]! });
  return result.findings.filter((f) => f.rule.startsWith('cross.'));
}
const brief = (f: Finding) => `${f.file} ${f.severity} ${f.rule} ${f.pointer}`;

test('the 商务委 部门 with its 本部: only the notice that its 中小企业服务中心 has no data file', () => {
  const found = together({ [rel('putuo-shangwu', 2025)]: text(rel('putuo-shangwu', 2025)), [rel('putuo-shangwu-benbu', 2025)]: text(rel('putuo-shangwu-benbu', 2025)) });
  assert.equal(found.map(brief), ['data/putuo-shangwu/2025.json notice cross.units-missing /unit/includes']);
  assert.ok(found[0]!.message.includes('上海市普陀区中小企业服务中心（未填标识）'), found[0]!.message);
  assert.is(found[0]!.line, 8, 'located at unit.includes in the file');
});

test('the 区政府办 部门 with its 本部: only the notice naming the 交流服务中心', () => {
  const found = together({ [rel('putuo-quzhengfu', 2025)]: text(rel('putuo-quzhengfu', 2025)), [rel('putuo-quzhengfu-benbu', 2025)]: text(rel('putuo-quzhengfu-benbu', 2025)) });
  assert.equal(found.map(brief), ['data/putuo-quzhengfu/2025.json notice cross.units-missing /unit/includes']);
  assert.ok(found[0]!.message.includes('上海市普陀区交流服务中心'));
});

test('a 部门 that stops naming its 本部: the 本部, which still names the 部门, gets the error', () => {
  const dept = JSON.parse(text(rel('putuo-shangwu', 2025))) as { unit: { includes: Array<{ id?: string }> } };
  delete dept.unit.includes[0]!.id;
  const found = together({ [rel('putuo-shangwu', 2025)]: JSON.stringify(dept, null, 2), [rel('putuo-shangwu-benbu', 2025)]: text(rel('putuo-shangwu-benbu', 2025)) });
  assert.equal(found.map(brief), ['data/putuo-shangwu-benbu/2025.json error cross.link /unit/parent/id']);
  assert.is(found[0]!.expected, 'putuo-shangwu-benbu');
});

test('万里街道 2025 gives the same 上年数 as its 2024 file; one 200 元 off is a warning naming the 2024 file', () => {
  const y2024 = text(rel('putuo-wanli', 2024));
  const y2025 = text(rel('putuo-wanli', 2025));
  assert.equal(together({ [rel('putuo-wanli', 2024)]: y2024, [rel('putuo-wanli', 2025)]: y2025 }), []);
  const changed = JSON.parse(y2025) as { documents: { budget: { figures: Record<string, { previous?: number }> } } };
  const fig = changed.documents.budget.figures['threePublic.reception']!;
  // Both years' tables are in 元 at 2 decimals: 13,500 元 last year; 200 元 more is beyond rounding.
  fig.previous = fig.previous! + 200;
  const found = together({ [rel('putuo-wanli', 2024)]: y2024, [rel('putuo-wanli', 2025)]: JSON.stringify(changed, null, 2) });
  assert.equal(found.map(brief), ['data/putuo-wanli/2025.json warning cross.previous /documents/budget/figures/threePublic.reception/previous']);
  assert.ok(found[0]!.expected!.includes('data/putuo-wanli/2024.json'), found[0]!.expected);
});

test('worker threads give the cross-file findings of the single-thread check', async () => {
  const paths = ['putuo-shangwu', 'putuo-shangwu-benbu', 'putuo-wanli'].flatMap((u) => (u === 'putuo-wanli' ? [2024, 2025] : [2025]).map((y) => join(root, rel(u, y))));
  const serial = checkFiles(root, paths, { keepData: false }).findings.filter((f) => f.rule.startsWith('cross.'));
  const pool = new CheckPool(1);
  try {
    const parallel = (await pool.run(root, paths)).findings.filter((f) => f.rule.startsWith('cross.'));
    assert.equal(parallel, serial);
    assert.equal(serial.map(brief), ['data/putuo-shangwu/2025.json notice cross.units-missing /unit/includes']);
  } finally {
    await pool.close();
  }
});

test.run();
