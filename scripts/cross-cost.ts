/**
 * `npx tsx scripts/cross-cost.ts [N]`: what the cross-file rules (rules/cross-file.ts) cost, on N
 * (default 1,000) synthetic files made into 部门 of 20 单位 with 3 years each: the synthetic files
 * (bench/synthetic.ts) with their unit ids, years and links rewritten. Not a test and not the
 * benchmark (npm run bench): it prints the time of the check with and without the cross-file step,
 * the facts' size, and the time of the cross-file step alone on 10 × N entries.
 *
 * The files are not consistent across each other (the 部门 is not the sum of its 单位), so the
 * cross-file step reports findings here: that is what it costs at its most expensive.
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { syntheticFile } from './lib/bench/synthetic.ts';
import { CheckPool } from './lib/check/parallel.ts';
import { checkAcrossFiles, type CrossEntry } from './lib/check/rules/cross-file.ts';
import { checkFile } from './lib/check/check.ts';
import { loadLibrary } from './lib/model/reference.ts';

const projectRoot = join(import.meta.dirname, '..');
const n = Number(process.argv[2] ?? 1000);
const root = mkdtempSync(join(tmpdir(), 'gongkai-cross-'));
try {
  mkdirSync(join(root, 'data'));
  for (const dir of ['_profiles', '_reference', '_schema', '_glossary', '_site']) symlinkSync(join(projectRoot, 'data', dir), join(root, 'data', dir), 'dir');
  const paths: string[] = [];
  // File i: unit u = ⌊i / 3⌋, year 2022 + i mod 3; every 21st unit is a 部门 of the next 20.
  for (let i = 0; i < n; i++) {
    const f = syntheticFile(i);
    const u = Math.floor(i / 3);
    const group = Math.floor(u / 21);
    const dept = `bm-${group}`;
    const isDept = u % 21 === 0;
    f.year = 2022 + (i % 3);
    f.unit.id = isDept ? dept : `bm-${group}-dw-${u % 21}`;
    if (isDept) {
      f.unit.level = 'department';
      f.unit.includes = Array.from({ length: 20 }, (_, k) => ({ name: `单位${k + 1}`, id: `bm-${group}-dw-${k + 1}` }));
    } else {
      f.unit.level = 'unit';
      delete f.unit.includes;
      f.unit.parent = { name: '部门', id: dept };
    }
    const dir = join(root, 'data', f.unit.id);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${f.year}.json`);
    writeFileSync(path, JSON.stringify(f, null, 2));
    paths.push(path);
  }
  const pool = new CheckPool(1);
  await pool.ready();
  await pool.run(root, paths.slice(0, 200));
  const t0 = process.hrtime.bigint();
  const result = await pool.run(root, paths);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await pool.close();
  const cross = result.findings.filter((f) => f.rule.startsWith('cross.')).length;
  console.log(`检查 ${n} 个文件（含跨文件核对）：${seconds.toFixed(2)} 秒；跨文件发现 ${cross} 条。`);

  // The cross-file step alone, on the facts of the files repeated to 10 × N entries.
  const lib = loadLibrary(root);
  const entries: CrossEntry[] = [];
  let bytes = 0;
  for (const p of paths.slice(0, 300)) {
    const f = checkFile(root, p, lib);
    if (!f.facts || !f.data) continue;
    bytes += JSON.stringify(f.facts).length;
    entries.push({ file: f.file, unit: f.data.unit.id, year: f.data.year, facts: f.facts });
  }
  console.log(`每个文件的 facts 平均 ${(bytes / entries.length / 1024).toFixed(1)} KB（JSON）。`);
  const many: CrossEntry[] = [];
  for (let r = 0; many.length < 10 * n; r++) for (const e of entries) many.push({ ...e, unit: `${e.unit}-r${r}`, facts: { ...e.facts, ...(e.facts.parentId ? { parentId: `${e.facts.parentId}-r${r}` } : {}), includes: e.facts.includes.map((i) => ({ ...i, ...(i.id ? { id: `${i.id}-r${r}` } : {}) })) } });
  const t1 = process.hrtime.bigint();
  const found = checkAcrossFiles(many.slice(0, 10 * n), () => true);
  console.log(`跨文件核对单独（${10 * n} 个文件的 facts）：${(Number(process.hrtime.bigint() - t1) / 1e6).toFixed(0)} 毫秒，${found.length} 条发现。`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
