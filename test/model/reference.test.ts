/**
 * The bundled 科目表 (data/_reference/): the structural check of scripts/reference/verify-reference.ts,
 * 2026 and 2027 present (provisional ones saying what they carry forward), and the codes the
 * Shanghai corpus prints, looked up by the functions the booklet uses. The expected names are the
 * ones the corpus text prints (../shared/corpus/shanghai-putuo/), and the test first finds each
 * printed line there.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { economicName, functionName, loadLibrary, referenceFor } from '../../scripts/lib/model/reference.ts';

const root = join(import.meta.dirname, '../..');
const corpus = join(root, '../shared/corpus/shanghai-putuo');
const lib = loadLibrary(root);

test('verify-reference passes over data/_reference', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/reference/verify-reference.ts')], { cwd: root, encoding: 'utf8' });
  assert.is(out.trim(), 'reference OK');
});

test('2026 and 2027 have a reference; a provisional one names a confirmed earlier basis year', () => {
  for (const year of [2026, 2027]) {
    const ref = lib.references.get(year);
    assert.ok(ref, `no data/_reference/${year}.json`);
    if (ref!.status !== 'provisional') continue;
    assert.ok(ref!.basis !== undefined && ref!.basis < year, `${year}: basis ${String(ref!.basis)}`);
    const basis = lib.references.get(ref!.basis!);
    assert.ok(basis && basis.status === undefined, `${year}: basis ${ref!.basis} missing or provisional`);
    assert.ok(ref!.source.startsWith('暂定') && ref!.source.includes(`《${ref!.basis}年政府收支分类科目》`), ref!.source);
    assert.is(referenceFor(lib, year).provisional, true);
  }
});

/**
 * Codes the Shanghai corpus prints that the 2024/2025 references lacked: [year, code, name, corpus
 * file, the printed line's code as written (类 款 项 columns, or one code)].
 */
const CORPUS_CODES: Array<[number, string, string, string, string]> = [
  [2024, '2040607', '公共法律服务', 'wanli-2024-department-budget.txt', '204 06 07'],
  [2024, '2049999', '其他公共安全支出', 'wanli-2024-department-budget.txt', '204 99 99'],
  [2024, '2059999', '其他教育支出', 'wanli-2024-department-budget.txt', '205 99 99'],
  [2024, '2060702', '科普活动', 'wanli-2024-department-budget.txt', '206 07 02'],
  [2024, '2070308', '群众体育', 'wanli-2024-department-budget.txt', '207 03 08'],
  [2024, '2129999', '其他城乡社区支出', 'wanli-2024-department-budget.txt', '212 99 99'],
  [2024, '2050205', '高等教育', 'final-template-2024.txt', '2050205'],
  [2024, '30311', '代缴社会保险费', 'final-template-2024.txt', '30311'],
  [2025, '2040607', '公共法律服务', 'wanli-2025-department-budget.txt', '204 06 07'],
  [2025, '2049999', '其他公共安全支出', 'wanli-2025-department-budget.txt', '204 99 99'],
  [2025, '2059999', '其他教育支出', 'wanli-2025-department-budget.txt', '205 99 99'],
  [2025, '2060702', '科普活动', 'wanli-2025-department-budget.txt', '206 07 02'],
  [2025, '2070308', '群众体育', 'wanli-2025-department-budget.txt', '207 03 08'],
  [2025, '2129999', '其他城乡社区支出', 'wanli-2025-department-budget.txt', '212 99 99'],
  [2025, '2060503', '科技条件专项', 'shangwu-2025-department-budget.txt', '206 05 03'],
  [2025, '2150899', '其他支持中小企业发展和管理支出', 'shangwu-2025-department-budget.txt', '215 08 99'],
  [2025, '2169999', '其他商业服务业等支出', 'shangwu-2025-department-budget.txt', '216 99 99'],
  [2025, '2060503', '科技条件专项', 'shangwu-2025-unit-budget.txt', '206 05 03'],
  [2025, '2150899', '其他支持中小企业发展和管理支出', 'shangwu-2025-unit-budget.txt', '215 08 99'],
  [2025, '2169999', '其他商业服务业等支出', 'shangwu-2025-unit-budget.txt', '216 99 99'],
];

const nameOf = (year: number, code: string) => {
  const ref = lib.references.get(year);
  return code.startsWith('3') ? economicName(ref, code) : functionName(ref, code);
};

test('the codes the Shanghai corpus adds: printed there, and named so by the year’s reference', () => {
  for (const [year, code, name, file, printed] of CORPUS_CODES) {
    const lines = readFileSync(join(corpus, file), 'utf8').split('\n');
    const pattern = new RegExp(`(^|\\s)${printed.replace(/ /g, '\\s+')}\\s+${name}(\\s|$)`);
    assert.ok(lines.some((l) => pattern.test(l)), `${file} does not print ${printed} ${name}`);
    assert.is(nameOf(year, code), name, `${year} ${code}`);
  }
});

test('the years after the corpus carry the added codes forward', () => {
  for (const [, code, name] of CORPUS_CODES) for (const year of [2026, 2027]) assert.is(nameOf(year, code), name, `${year} ${code}`);
});

/** Full- and half-width brackets print alike. */
const same = (n: string) => n.replace(/\(/g, '（').replace(/\)/g, '）');

test('every code a Shanghai corpus fixture prints is in its year’s reference, under the printed name', () => {
  const dir = join(root, 'test/fixtures/corpus/shanghai');
  let rows = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { year: number; tables: Array<{ rows?: Array<{ code: string | null; label: string }> }> };
    for (const t of doc.tables) {
      for (const r of t.rows ?? []) {
        if (!r.code) continue;
        rows++;
        const have = nameOf(doc.year, r.code);
        assert.ok(have !== undefined, `${f}: ${r.code} ${r.label} not in the ${doc.year} reference`);
        assert.is(same(have!), same(r.label), `${f}: ${r.code}`);
      }
    }
  }
  assert.ok(rows > 500, `only ${rows} coded rows read`);
});

test.run();
