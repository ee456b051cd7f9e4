/**
 * Seed 004's 财政拨款收支总体情况表 (henan-2021, 预算4表) in the booklet's HTML against the seed
 * text: every row as printed in /work/shared/seeds/004_*.txt (income composition on the left,
 * the 34-numbered class rows on the right, the 其中：财政拨款 column, 收入合计 | 支出合计). The
 * expected rows are parsed from the seed text itself, never from the code under test.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';
import { pageText, renderBookletHtml, tableByCaption } from '../helpers/render-booklet.ts';

const root = join(import.meta.dirname, '../..');
const seeds = join(root, '../shared/seeds');
const seedText = readFileSync(join(seeds, readdirSync(seeds).find((f) => f.startsWith('004_'))!), 'utf8');

const TITLE = '2021年财政拨款收支总体情况表';
const RIGHT_LABEL = /^[一二三四五六七八九十]+、/;
const AMOUNT = /^-?[\d,]+\.\d$/;

interface SeedTable {
  /** Left side in print order: [label, amount] (a group label alone with ''). */
  left: Array<[string, string]>;
  /** Right side: label → the five amounts (合计, 一般公共预算 小计, 其中：财政拨款, 政府性基金, 国有资本经营预算). */
  right: Map<string, string[]>;
  totals: string[];
}

/** The table's body lines of both printed pages, between the header and the next table. */
function parseSeed(): SeedTable {
  const lines = seedText.split('\n');
  const body: string[] = [];
  lines.forEach((l, n) => {
    if (l.trim() !== TITLE) return;
    // Header: 收 入 / 项目 / two group rows, then the body up to a blank line.
    let k = lines.findIndex((x, j) => j > n && x.startsWith('\t\t\t\t小计')) + 1;
    for (; k < lines.length && lines[k]!.trim() !== ''; k++) body.push(lines[k]!);
  });
  const left: Array<[string, string]> = [];
  const right = new Map<string, string[]>();
  let totals: string[] = [];
  for (const l of body) {
    const cells = l.split('\t');
    if (cells[0] === '收入合计') {
      totals = cells.filter((c) => AMOUNT.test(c));
      continue;
    }
    const r = cells.findIndex((c) => RIGHT_LABEL.test(c));
    const leftCells = (r < 0 ? cells : cells.slice(0, r)).map((c) => c.trim());
    if (r >= 0) {
      const amounts = cells.slice(r + 1, r + 6).map((c) => c.trim());
      while (amounts.length < 5) amounts.push('');
      right.set(cells[r]!.trim(), amounts);
    }
    const [group, item, amount] = leftCells.length === 3 ? leftCells : [leftCells[0], '', leftCells[1]];
    if (group) left.push([group.replace(/\s+/g, ''), item ? '' : (amount ?? '')]);
    if (item) left.push([item, amount ?? '']);
  }
  return { left, right, totals };
}

const seed = parseSeed();
const file = JSON.parse(readFileSync(join(root, 'data/jiyuan-ybj/2021.json'), 'utf8')) as UnitYearFile;
let html = '';

test.before(async () => {
  html = await renderBookletHtml(root, loadLibrary(root), file, 'budget');
});

test('the seed text parses into the table the booklet must print (30 class rows through 三十四, 20 left rows)', () => {
  assert.is(seed.right.size, 30);
  assert.equal([...seed.right.keys()].at(-1), '三十四、抗议特别国债安排的支出');
  assert.equal(seed.right.get('十、卫生健康'), ['5,860.7', '5,860.7', '5,437.7', '', '']);
  assert.equal(seed.left.slice(0, 3), [['一般公共预算收入', ''], ['小计', '7,117.1'], ['财政拨款', '6,694.1']]);
  assert.is(seed.left.length, 21);
  assert.equal(seed.totals, ['7,672.7', '7,672.7', '7,117.1', '6,694.1', '555.6']);
});

test('004 财政拨款收支总体情况表: every right row and amount as the seed prints it', () => {
  const t = tableByCaption(html, TITLE);
  const printed = new Map(t.body.filter((r) => r[2]).map((r) => [r[2]!, r.slice(3)]));
  for (const [label, amounts] of seed.right) assert.equal(printed.get(label), amounts, label);
  const classRows = t.body.filter((r) => RIGHT_LABEL.test(r[2] ?? '')).map((r) => r[2]);
  assert.equal(classRows, [...seed.right.keys()], 'the class rows in the seed’s order, none added');
});

test('004 财政拨款收支总体情况表: the income composition rows in order, with their amounts', () => {
  const t = tableByCaption(html, TITLE);
  const left = t.body.slice(0, -1).filter((r) => r[0]).map((r) => [r[0], r[1]]);
  assert.equal(left, seed.left);
});

test('004 财政拨款收支总体情况表: 收入合计 | 支出合计 and the 其中：财政拨款 column head', () => {
  const t = tableByCaption(html, TITLE);
  const last = t.body.at(-1)!;
  assert.equal(last[0], '收入合计');
  assert.equal(last[2], '支出合计');
  assert.equal([last[1], ...last.slice(3, 7)], seed.totals);
  assert.ok(t.head.flat().includes('其中：财政拨款'));
  assert.ok(t.head.flat().includes('本年支出小计'));
});

test('004: 5,437.7 and 423.0 appear in the booklet', () => {
  const text = pageText(html);
  assert.ok(text.includes('5,437.7'));
  assert.ok(text.includes('423.0'));
});

test.run();
