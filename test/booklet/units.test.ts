/**
 * Amount units per table and for the 说明 (profile currency/decimals/thousands per table,
 * statedCurrency/statedDecimals), stated figures in their own printed unit, and a change stated
 * without a previous-year amount — on test/fixtures/units: a profile with tables in 元 (two
 * decimals, thousands separators), the 说明 in 万元 and the “三公” table in 万元, and a 元 data
 * file. Every expected figure is worked out by hand from the fixture (shown beside it).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { loadLibrary, type Library } from '../../scripts/lib/model/reference.ts';
import { Profile } from '../../scripts/lib/model/profile.ts';
import { checkBytes } from '../../scripts/lib/check/check.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import { makeBuildContext } from '../../scripts/lib/booklet/context.ts';
import { buildExplanation } from '../../scripts/lib/booklet/explanation.ts';
import { tableCsv } from '../../scripts/lib/site/csv.ts';
import type { Block, TableView } from '../../scripts/lib/booklet/model.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = join(root, 'test/fixtures/units');
const profile = JSON.parse(readFileSync(join(dir, 'profile-yuan-wan.json'), 'utf8')) as Profile;
const dataText = readFileSync(join(dir, 'yuan-budget.json'), 'utf8');

function library(): Library {
  const lib = loadLibrary(root);
  lib.profiles.set(profile.id, profile);
  return lib;
}
const lib = library();
const data = (): UnitYearFile => JSON.parse(dataText) as UnitYearFile;

function check(file: UnitYearFile) {
  return checkBytes('test/fixtures/units/yuan-budget.json', Buffer.from(JSON.stringify(file, null, 2)), lib).findings.map((f) => `${f.severity} ${f.rule} ${f.pointer}`);
}

function explanationText(file: UnitYearFile): string {
  const parts: string[] = [];
  const walk = (bs: Block[]) => {
    for (const b of bs) {
      if (b.type === 'section') walk(b.blocks);
      else if (b.type === 'prose') parts.push(b.html.__html);
    }
  };
  walk(buildExplanation(makeBuildContext(file, 'budget', lib)));
  return parts.join('\n').replace(/<[^>]+>/g, '');
}

async function tables(file: UnitYearFile): Promise<TableView[]> {
  const built = await buildBooklet(file, 'budget', lib, { charts: false });
  const out: TableView[] = [];
  for (const part of built.view.parts) for (const b of part.blocks as Block[]) if (b.type === 'table') out.push(b.table);
  return out;
}

const F = '/documents/budget/figures/';

test('the fixture profile is a valid profile', () => {
  assert.ok(Value.Check(Profile, profile), JSON.stringify([...Value.Errors(Profile, profile)].slice(0, 3)));
});

test('check: 万元 figures of the 说明 over 元 tables are silent when correctly rounded', () => {
  // 47,483,458元 → 4748.3458 → 4748.35万元; 2,614,680元 → 261.468 → 261.47; 44,868,778元 → 4486.8778 → 4486.88;
  // 三公 80,000 + 12,250 = 92,250元 → 9.225 → 9.23 (half-up). The change 减少19.79万元 has no previous: a notice only.
  assert.equal(check(data()), [`notice figure.no-previous ${F}expenditure.project`]);
});

test('check: 261.46万元 for 2,614,680元 (261.468) is an error, not rounding', () => {
  const file = data();
  file.documents.budget!.figures['expenditure.basic'] = { stated: { amount: 261.46 } };
  assert.equal(check(file).sort(), [`error figure.amount ${F}expenditure.basic/stated/amount`, `notice figure.no-previous ${F}expenditure.project`]);
});

test('check: a figure recorded in 元 (unit) is compared to the 分', () => {
  const file = data();
  file.documents.budget!.figures['expenditure.basic'] = { stated: { amount: 2614680, unit: '元' } };
  assert.equal(check(file), [`notice figure.no-previous ${F}expenditure.project`]);
  file.documents.budget!.figures['expenditure.basic'] = { stated: { amount: 2614680.01, unit: '元' } };
  // 1 分 off with one summand: rounding.
  assert.ok(check(file).includes(`notice round.amount ${F}expenditure.basic/stated/amount`));
  file.documents.budget!.figures['expenditure.basic'] = { stated: { amount: 2614690, unit: '元' } };
  assert.ok(check(file).includes(`error figure.amount ${F}expenditure.basic/stated/amount`));
});

test('check: a stated increase with a decrease word, no previous year: the word is an error', () => {
  const file = data();
  file.documents.budget!.figures['expenditure.project'] = { stated: { amount: 4486.88, change: 19.79, changeWord: '减少' } };
  assert.equal(check(file).sort(), [`error text.change-word ${F}expenditure.project/stated/changeWord`, `notice figure.no-previous ${F}expenditure.project`]);
});

test('说明: amounts in 万元 with two decimals, never the 元 of the tables', () => {
  const text = explanationText(data());
  assert.ok(text.includes('4748.35万元'), text);
  assert.ok(text.includes('261.47万元'), text);
  assert.not.ok(/47483458|47,483,458|元(?<!万元)/.test(text.replace(/万元/g, '')), text);
});

test('说明: the change stated without a previous year is printed as stated, no previous figure made up', () => {
  const text = explanationText(data());
  assert.ok(text.includes('4486.88万元') && text.includes('比2024年预算减少19.79万元'), text);
  // 4506.67 = 4486.88 + 19.79 would be an invented previous-year figure.
  assert.not.ok(text.includes('4506.67'), text);
});

test('tables: 元 with thousands separators; the 三公 table in 万元 with its own heading; CSV exact', async () => {
  const all = await tables(data());
  const gpb = all.find((t) => t.id === 'gpbExpenditure')!;
  assert.is(gpb.unitLabel, '单位：元');
  const gpbCells = gpb.body.flatMap((r) => r.cells.map((c) => c.text));
  assert.ok(gpbCells.includes('47,483,458.00'), gpbCells.join(' '));
  assert.ok(gpbCells.includes('2,614,680.00'));
  const three = all.find((t) => t.id === 'threePublic')!;
  assert.is(three.unitLabel, '单位：万元');
  const cells = three.body.flatMap((r) => r.cells.map((c) => c.text));
  // 92,250元 → 9.23; 12,250元 → 1.23 (1.225 half-up); 80,000元 → 8.00.
  for (const v of ['9.23', '1.23', '8.00']) assert.ok(cells.includes(v), `${v} in ${cells.join(' ')}`);
  const csv = tableCsv(three);
  assert.ok(csv.split('\r\n')[1] === '单位：万元', csv);
  // The CSV keeps the exact values: 9.225 and 1.225 万元, 8.00 at the table's decimals.
  assert.ok(csv.includes('9.225') && csv.includes('1.225') && csv.includes('8.00'), csv);
  const gpbCsv = tableCsv(gpb);
  assert.ok(gpbCsv.split('\r\n')[1] === '单位：元' && gpbCsv.includes('47483458.00'), gpbCsv);
});

test('说明: {versusAmount} without a previous year prints the stated change, and nothing when none is stated', () => {
  // One templated section (the Shanghai wording): "[，{versusAmount:…}]", and the bare {changeAmount} after its own "比".
  const sections = [
    {
      id: 'text',
      heading: null,
      paragraphs: [
        '项目支出{amount:expenditure.project}[，{versusAmount:expenditure.project}]。',
        '基本支出{amount:expenditure.basic}[，{versusAmount:expenditure.basic}]。',
        '基本支出变动：{changeAmount:expenditure.basic}。',
      ],
    },
  ] as unknown as Parameters<typeof buildExplanation>[1];
  const text = (f: UnitYearFile) => {
    const out: string[] = [];
    const walk = (bs: Block[]) => {
      for (const b of bs) {
        if (b.type === 'section') walk(b.blocks);
        else if (b.type === 'prose') out.push(b.html.__html);
      }
    };
    walk(buildExplanation(makeBuildContext(f, 'budget', lib), sections));
    return out.join('\n').replace(/<[^>]+>/g, '');
  };
  const file = data();
  const t = text(file);
  // expenditure.project: stated 减少19.79万元, no previous → as stated (not 减少4486.88万元, the amount itself).
  assert.ok(t.includes('项目支出4486.88万元，比2024年预算减少19.79万元。'), t);
  // expenditure.basic: no change stated, no previous → the bracketed clause is left out, the bare sentence too.
  assert.ok(t.includes('基本支出261.47万元。'), t);
  assert.not.ok(t.includes('基本支出变动'), t);
  // A stated 持平 (change 0) reads “与…持平”, never the ungrammatical “比…持平”.
  file.documents.budget!.figures['expenditure.basic'] = { stated: { amount: 261.47, change: 0, changeWord: '持平' } };
  const flat = text(file);
  assert.ok(flat.includes('基本支出261.47万元，与2024年预算持平。'), flat);
  assert.not.ok(flat.includes('比2024年预算持平'), flat);
  assert.ok(flat.includes('基本支出变动：持平。'), flat);
  // A stated increase: “比…增加”.
  file.documents.budget!.figures['expenditure.basic'] = { stated: { amount: 261.47, change: 12.5, changeWord: '增加' } };
  const up = text(file);
  assert.ok(up.includes('基本支出261.47万元，比2024年预算增加12.50万元。'), up);
  assert.ok(up.includes('基本支出变动：增加12.50万元。'), up);
});

test.run();
