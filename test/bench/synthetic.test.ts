import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { syntheticFile, syntheticJson, syntheticUnitId, writeSyntheticFiles } from '../../scripts/lib/bench/synthetic.ts';
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

test('synthetic files pass check with no finding at all (one of each theme, and a few more)', () => {
  const root = tempRoot();
  roots.push(root);
  writeSyntheticFiles(root, 12);
  const result = checkFiles(root);
  assert.is(result.files.length, 12);
  const shown = result.findings.slice(0, 5).map((f) => `${f.file} ${f.pointer} ${f.rule}: ${f.message}`);
  assert.equal(shown, [], 'the generator must stay consistent with every rule');
  for (const f of result.files) assert.ok(f.data, `${f.file} passed the schema`);
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
