import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SYNTHETIC_BLOCK, SYNTHETIC_YEARS, syntheticDistrictFiles, syntheticFile, syntheticJson, syntheticUnitId, writeSyntheticFiles } from '../../scripts/lib/bench/synthetic.ts';
import { fromAmount } from '../../scripts/lib/model/money.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { checkFiles, listDataFiles } from '../../scripts/lib/check/check.ts';
import { CheckPool } from '../../scripts/lib/check/parallel.ts';
import { formatJson } from '../../scripts/lib/check/report.ts';

const project = resolve(import.meta.dirname, '../..');

/** A temporary project root whose data/ links to the real profiles and reference. */
function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-synthetic-test-'));
  mkdirSync(join(root, 'data'));
  for (const dir of ['_profiles', '_reference', '_schema']) symlinkSync(join(project, 'data', dir), join(root, 'data', dir), 'dir');
  return root;
}

const roots: string[] = [];
test.after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

test('a district of 60 synthetic files passes check with no finding at all, cross-file rules included', () => {
  const root = tempRoot();
  roots.push(root);
  const paths = writeSyntheticFiles(root, 60);
  assert.is(paths.length, 60);
  const result = checkFiles(root);
  assert.is(result.files.length, 60);
  const shown = result.findings.slice(0, 5).map((f) => `${f.file} ${f.pointer} ${f.rule}: ${f.message}`);
  assert.equal(shown, [], 'the generator must stay consistent with every rule, within and across files');
  for (const f of result.files) assert.ok(f.data, `${f.file} passed the schema`);
});

/** Amounts the 说明 states, in 分 (the profile's 万元 with 2 decimals). */
const stated = (f: UnitYearFile, key: string) => {
  const v = f.documents.budget!.figures[key]?.stated?.amount;
  return v === undefined ? undefined : fromAmount(v, 'wan');
};

test('the district: 部门 of 单位 over three years, each 部门 the exact sum of its 单位, each 上年数 last year’s figure', () => {
  const files = syntheticDistrictFiles(2 * SYNTHETIC_BLOCK);
  const at = new Map(files.map((e) => [`${e.file.unit.id}|${e.file.year}`, e.file]));
  const departments = files.filter((e) => e.file.unit.level === 'department' && e.file.unit.includes?.some((i) => i.id));
  assert.ok(departments.length >= 20, `${departments.length} 部门 with 单位 files`);
  const keys = ['income.total', 'income.current', 'expenditure.current', 'expenditure.basic', 'expenditure.project', 'gpb.total', 'gpb.basic', 'gpb.project', 'projects.total', 'procurement.total', 'threePublic.total', 'operatingCost'];
  for (const { file: dept } of departments) {
    const units = dept.unit.includes!.map((i) => at.get(`${i.id}|${dept.year}`));
    assert.ok(units.every((u) => u?.unit.parent?.id === dept.unit.id), `${dept.unit.id} ${dept.year}: every 单位 has its file and names its 部门`);
    for (const key of keys) {
      const parts = units.map((u) => stated(u!, key) ?? 0);
      assert.is(stated(dept, key), parts.reduce((a, b) => a + b, 0), `${dept.unit.id} ${dept.year} ${key}`);
    }
  }
  let chained = 0;
  for (const { file } of files) {
    const last = at.get(`${file.unit.id}|${file.year - 1}`);
    if (!last) continue;
    for (const [key, fig] of Object.entries(file.documents.budget!.figures)) {
      if (fig.previous === undefined || stated(last, key) === undefined) continue;
      assert.is(fromAmount(fig.previous, 'wan'), stated(last, key), `${file.unit.id} ${file.year} ${key}: 上年数`);
      chained++;
    }
  }
  assert.ok(chained > 1000, `${chained} 上年数 compared`);
  const years = new Map<string, number[]>();
  for (const { file } of files) years.set(file.unit.id, [...(years.get(file.unit.id) ?? []), file.year]);
  const full = [...years.values()].filter((y) => y.join() === SYNTHETIC_YEARS.join()).length;
  assert.ok(full >= years.size - 2 * 2, `${full} of ${years.size} units have all three years (the rest were set up in ${SYNTHETIC_YEARS.at(-1)})`);
});

test('the district in blocks: the first 100 of 200 files are the district of 100, byte for byte', () => {
  const small = syntheticDistrictFiles(SYNTHETIC_BLOCK);
  const large = syntheticDistrictFiles(2 * SYNTHETIC_BLOCK).slice(0, SYNTHETIC_BLOCK);
  assert.equal(large.map((e) => e.path), small.map((e) => e.path));
  assert.ok(large.every((e, i) => JSON.stringify(e.file) === JSON.stringify(small[i]!.file)));
});

test('generation is deterministic: the same index gives the same bytes', () => {
  for (const i of [0, 1, 7, 123, 999]) {
    assert.is(syntheticJson(i), syntheticJson(i));
    assert.equal(syntheticFile(i), syntheticFile(i));
  }
  assert.is.not(syntheticJson(1), syntheticJson(2));
});

test('synthetic files have a realistic size (≈150 expenditure rows, 5–20 projects with ~10 indicators)', () => {
  for (let i = 0; i < 20; i++) {
    const doc = syntheticFile(i).documents.budget!;
    assert.ok(doc.expenditure.length >= 100 && doc.expenditure.length <= 200, `file ${i}: ${doc.expenditure.length} rows`);
    assert.ok(doc.projects.length >= 5 && doc.projects.length <= 20, `file ${i}: ${doc.projects.length} projects`);
    for (const p of doc.projects) assert.ok(p.indicators.length >= 9, `file ${i}: ${p.name} has ${p.indicators.length} indicators`);
    assert.ok(syntheticJson(i).length > 50_000, `file ${i} is ${syntheticJson(i).length} characters`);
  }
});

test('a pool of worker threads finds exactly what checkFiles finds, in the same order', async () => {
  const root = tempRoot();
  roots.push(root);
  // Synthetic files broken in a few ways, so there is something to find and to order.
  for (let i = 0; i < 40; i++) {
    const file = syntheticFile(i);
    const doc = file.documents.budget!;
    if (i % 3 === 0) doc.expenditure[0]!.total = (doc.expenditure[0]!.total ?? 0) + 1;
    if (i % 4 === 1) doc.narrative.duties += 'XX';
    if (i % 5 === 2) doc.threePublic = null;
    let text = JSON.stringify(file, null, 2);
    if (i % 7 === 3) text = text.replace('"year": 2024,', '"year": 2024,,');
    // the last one is a second file for the unit and year of file 1
    const dir = join(root, 'data', i === 39 ? `${syntheticUnitId(1)}-copy` : syntheticUnitId(i));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '2024.json'), i === 39 ? syntheticJson(1) : text);
  }
  const serial = checkFiles(root, undefined, { keepData: false });
  const pool = new CheckPool(1);
  try {
    await pool.ready();
    const parallel = await pool.run(root, listDataFiles(root));
    assert.ok(serial.findings.some((f) => f.rule === 'ref.duplicate-unit-year'));
    assert.ok(parallel.stats.filesByThread[1]! > 0, 'the worker checked some files');
    assert.is(formatJson(parallel.findings), formatJson(serial.findings));
    assert.equal(
      parallel.files.map((f) => [f.file, f.findings.length]),
      serial.files.map((f) => [f.file, f.findings.length]),
    );
  } finally {
    await pool.close();
  }
});

test.run();
