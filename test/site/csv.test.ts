import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expandGrid, tableCsv } from '../../scripts/lib/site/csv.ts';
import type { TableView } from '../../scripts/lib/booklet/model.ts';

const table: TableView = {
  id: 'expenditure',
  anchor: 'table-expenditure',
  number: '部门公开表3',
  title: '泗县医疗保障局2024年支出总表',
  unitLabel: '单位：万元',
  shape: 'ledger',
  head: [
    [
      { text: '科目编码', rowspan: 2, scope: 'col' },
      { text: '科目名称', rowspan: 2, scope: 'col' },
      { text: '合计', rowspan: 2, scope: 'col' },
      { text: '基本支出', colspan: 2, scope: 'colgroup' },
    ],
    [
      { text: '人员经费', scope: 'col' },
      { text: '公用经费', scope: 'col' },
    ],
  ],
  body: [
    { kind: 'total', cells: [{ text: '合计', kind: 'text', colspan: 2, header: true }, { text: '1,234.50', csv: '1234.50', kind: 'amount' }, { text: '1.00', kind: 'amount' }, { text: '', kind: 'amount' }] },
    { kind: 'item', cells: [{ text: '2080505', kind: 'code' }, { text: '机关事业单位基本养老保险缴费支出, "其他"', kind: 'text', header: true }, { text: '=1+1', kind: 'amount' }, { text: '-3.20', kind: 'amount' }, { text: '0.10', kind: 'amount' }] },
  ],
  empty: false,
  notes: ['注：本表金额保留两位小数。'],
  wide: false,
  charts: [],
  csvName: '03-expenditure.csv',
};

test('expandGrid: rowspan and colspan fill a rectangle, text in the first cell of each span', () => {
  const grid = expandGrid(table.head, (h) => h.text);
  assert.equal(grid, [
    ['科目编码', '科目名称', '合计', '基本支出', ''],
    ['', '', '', '人员经费', '公用经费'],
  ]);
});

test('tableCsv: BOM, CRLF, title and unit lines, quoting, csv values, formula guard', () => {
  const csv = tableCsv(table);
  assert.ok(csv.startsWith('\uFEFF'), 'UTF-8 BOM so Excel reads it as UTF-8');
  const lines = csv.slice(1).split('\r\n');
  assert.is(lines[0], '部门公开表3 泗县医疗保障局2024年支出总表');
  assert.is(lines[1], '单位：万元');
  assert.is(lines[2], '科目编码,科目名称,合计,基本支出,');
  assert.is(lines[3], ',,,人员经费,公用经费');
  assert.is(lines[4], '合计,,1234.50,1.00,', 'csv value without the thousands separator');
  assert.is(lines[5], `2080505,"机关事业单位基本养老保险缴费支出, ""其他""",'=1+1,-3.20,0.10`);
  assert.is(lines[6], '注：本表金额保留两位小数。');
  assert.is(lines[7], '', 'file ends with CRLF');
  assert.is(lines.length, 8);
});

test('tableCsv: an empty table prints its note', () => {
  const csv = tableCsv({ ...table, body: [], empty: true, emptyNote: '本单位无政府性基金预算支出，故本表为空', notes: [] });
  const lines = csv.slice(1).split('\r\n');
  assert.is(lines[4], '本单位无政府性基金预算支出，故本表为空');
});

test.run();
