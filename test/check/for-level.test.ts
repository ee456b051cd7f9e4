/**
 * A table entry's forLevel `omit` (docs/profiles.md 表的选项): a table only a 部门's file publishes is
 * neither printed in nor asked of a 单位's file under the same profile, and still asked of the 部门's.
 * Fixture: the bundled shanghai-putuo-2025 profile with a 部门整体绩效目标表 entry that 单位 omit, and
 * the 区人民政府办公室 2025 部门 and 单位 files, neither of which records a 部门整体绩效目标.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary, type Library } from '../../scripts/lib/model/reference.ts';
import type { Profile } from '../../scripts/lib/model/profile.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { checkBytes } from '../../scripts/lib/check/check.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';

const root = join(import.meta.dirname, '../..');

function library(): Library {
  // A copy: loadLibrary's library is shared by every test of the process.
  const shared = loadLibrary(root);
  const profile = structuredClone(shared.profiles.get('shanghai-putuo-2025')!) as Profile;
  profile.kinds.budget!.tables.push({ id: 'departmentPerformance', title: '{year}年部门整体绩效目标表', number: '10.', forLevel: { unit: { omit: true } } });
  return { ...shared, profiles: new Map(shared.profiles).set('shanghai-putuo-2025', profile) };
}

const missing = (path: string, lib: Library) =>
  checkBytes(path, readFileSync(join(root, path)), lib).findings.filter((f) => f.rule === 'complete.table-missing').map((f) => f.message);

test('a 单位 file is not asked for a table its level omits; the 部门 file under the same profile is', () => {
  const lib = library();
  assert.equal(missing('data/putuo-quzhengfu-benbu/2025.json', lib), []);
  const asked = missing('data/putuo-quzhengfu/2025.json', lib);
  assert.is(asked.length, 1, asked.join('\n'));
  assert.ok(asked[0]!.includes('部门整体绩效目标表'), asked[0]);
});

test('the 单位 booklet prints the other tables and not the omitted one', async () => {
  const file = JSON.parse(readFileSync(join(root, 'data/putuo-quzhengfu-benbu/2025.json'), 'utf8')) as UnitYearFile;
  const { view } = await buildBooklet(file, 'budget', library(), { charts: false });
  assert.equal(view.tables.map((t) => t.id), ['summary', 'income', 'expenditure', 'fiscalSummary', 'gpbExpenditure', 'gfbExpenditure', 'scobExpenditure', 'gpbBasic', 'threePublic']);
});

test.run();
