/**
 * The 万里街道办事处 2024 and 2025 部门预算 (data/putuo-wanli/) against the reference fixtures written
 * from the original booklets (test/fixtures/corpus/shanghai/wanli-*.json, docs/seeds/shanghai-wanli.md):
 * every table amount the original prints is in the built page's table, as the original prints it,
 * except what the fixture lists in notYetPrinted with a reason. And the 2025 file's previous-year
 * figures are the 2024 file's.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { buildCorpusSite, compareTables, corpusFixture as fixture } from '../helpers/corpus-tables.ts';

const root = join(import.meta.dirname, '../..');

const DOCUMENTS = [
  { fixture: 'wanli-2024-department-budget', data: 'data/putuo-wanli/2024.json', page: 'putuo-wanli/2024-budget.html' },
  { fixture: 'wanli-2025-department-budget', data: 'data/putuo-wanli/2025.json', page: 'putuo-wanli/2025-budget.html' },
];

const dataFile = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as UnitYearFile;

let site: Awaited<ReturnType<typeof buildCorpusSite>>;
test.before(async () => {
  site = await buildCorpusSite(DOCUMENTS.map((d) => d.data), 'gongkai-wanli-');
});

test.after(() => site?.dispose());

for (const d of DOCUMENTS) {
  test(`${d.fixture}: every table amount of the original is in the booklet's table, as printed`, () => {
    const fx = fixture(d.fixture);
    const { problems, checked } = compareTables(fx, site.page(d.page));
    assert.equal(problems, []);
    assert.ok(checked > 500, `checked ${checked} cells`);
  });
}

test('the comparison fails when a listed-as-printed amount is missing or printed otherwise', () => {
  const fx = fixture(DOCUMENTS[0]!.fixture);
  const html = site.page(DOCUMENTS[0]!.page);
  // 表5 2120199 其他城乡社区管理事务支出 54,212,362: printed once in 表3 and once in 表5 (the 项 row).
  const changed = html.replaceAll('>54,212,362<', '>54,212,361<');
  const { problems } = compareTables(fx, changed);
  assert.ok(problems.some((p) => p.includes('表5') && p.includes('2120199') && p.includes('54,212,362')), problems.join('\n'));
  // A two-sided table's amount: 表1 八、城乡社区支出 119,385,303.
  const { problems: p2 } = compareTables(fx, html.replace(/(id="table-summary"[\s\S]*?)>119,385,303</, '$1>119,385,304<'));
  assert.ok(p2.some((p) => p.includes('表1') && p.includes('119,385,303')), p2.join('\n'));
  // The "0" the original prints in the 三公 table (万元, printZeros), left blank, is reported.
  const { problems: p3 } = compareTables(fx, html.replace(/(id="table-threePublic"[\s\S]*?)>0</, '$1><'));
  assert.ok(p3.some((p) => p.startsWith('表9') && p.includes('“0”')), p3.join('\n'));
  // The 万元 三公 table: 机关运行经费 443.18 printed otherwise is reported.
  const { problems: p4 } = compareTables(fx, html.replace(/(id="table-threePublic"[\s\S]*?)>443\.18</, '$1>443.19<'));
  assert.ok(p4.some((p) => p.startsWith('表9') && p.includes('443.18')), p4.join('\n'));
});

test('2025: the previous-year figures are the 2024 file\'s', () => {
  const b24 = dataFile(DOCUMENTS[0]!.data).documents.budget!;
  const b25 = dataFile(DOCUMENTS[1]!.data).documents.budget!;
  const gpb24 = b24.expenditure.filter((r) => r.fund === 'gpb' && r.code.length === 7).reduce((s, r) => s + (r.total ?? 0), 0);
  const t = b24.threePublic!.amounts;
  const expected: Record<string, number> = {
    'income.fiscal': b24.income.gpb ?? 0,
    'fiscal.expenditure': gpb24,
    'gpb.total': gpb24,
    'gfb.total': 0,
    'scob.total': 0,
    'threePublic.total': (t.abroad ?? 0) + (t.vehiclePurchase ?? 0) + (t.vehicleOperation ?? 0) + (t.reception ?? 0),
    'threePublic.abroad': t.abroad ?? 0,
    'threePublic.vehicle': (t.vehiclePurchase ?? 0) + (t.vehicleOperation ?? 0),
    'threePublic.vehiclePurchase': t.vehiclePurchase ?? 0,
    'threePublic.vehicleOperation': t.vehicleOperation ?? 0,
    'threePublic.reception': t.reception ?? 0,
  };
  // The 2024 booklet prints 156,211,123 元 (表1、表5) and 47.91 万元 (表9).
  assert.is(expected['gpb.total'], 156211123);
  assert.is(expected['threePublic.total'], 479100);
  const previous = Object.fromEntries(Object.entries(b25.figures).filter(([, f]) => f.previous !== undefined).map(([k, f]) => [k, f.previous]));
  assert.equal(previous, expected);
  // 2025 states the changes in 万元, recorded as printed: −10 万元 for the 三公 (“比2024年预算减少10万元”).
  assert.is(b25.figures['threePublic.total']!.stated!.unit, '万元');
  assert.is(b25.figures['threePublic.total']!.stated!.change, -10);
});

test.run();
