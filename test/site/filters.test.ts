import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { absUrl, columnCount, pathJoin, rel, siteUrl, tocTree } from '../../scripts/lib/site/filters.ts';

test('rel: from a page to a site path', () => {
  assert.is(rel('assets/site.css', '/index.html'), 'assets/site.css');
  assert.is(rel('assets/site.css', '/sixian-ybj/2024-budget.html'), '../assets/site.css');
  assert.is(rel('index.html', '/years/2024.html'), '../index.html');
  assert.is(rel('sixian-ybj/2024-budget-csv', '/sixian-ybj/2024-budget.html'), '2024-budget-csv');
});

test('rel: Eleventy gives "/dir/" for a page written to dir/index.html; the base is that directory', () => {
  assert.is(rel('index.html', '/'), 'index.html');
  assert.is(rel('assets/site.css', '/sixian-ybj/'), '../assets/site.css');
  assert.is(rel('sixian-ybj/2024-budget.html', '/sixian-ybj/'), '2024-budget.html');
});

test('siteUrl and absUrl: absolute under a base URL, relative without one', () => {
  assert.is(siteUrl('index.html', '/404.html', ''), 'index.html');
  assert.is(siteUrl('index.html', '/404.html', 'https://x.example/yjs'), 'https://x.example/yjs/index.html');
  assert.is(absUrl('/years/2024.html', 'https://x.example/yjs/'), 'https://x.example/yjs/years/2024.html');
});

test('pathJoin: one slash between', () => {
  assert.is(pathJoin('a/b-csv', '01.csv'), 'a/b-csv/01.csv');
  assert.is(pathJoin('a/b-csv/', '/01.csv'), 'a/b-csv/01.csv');
  assert.is(pathJoin('', '01.csv'), '01.csv');
});

test('columnCount: spans of the first header row', () => {
  assert.is(columnCount([[{ text: 'a', scope: 'col', rowspan: 2 }, { text: 'b', scope: 'colgroup', colspan: 3 }], [{ text: 'c', scope: 'col' }]]), 4);
  assert.is(columnCount([]), 1);
  assert.is(columnCount(undefined), 1);
});

test('tocTree: levels become nesting; a skipped level attaches to the nearest shallower entry', () => {
  const tree = tocTree([
    { anchor: 'p1', text: 'P1', level: 1 },
    { anchor: 's1', text: 'S1', level: 2 },
    { anchor: 't1', text: 'T1', level: 3 },
    { anchor: 'p2', text: 'P2', level: 1 },
    { anchor: 'x', text: 'X', level: 3 },
  ]);
  assert.equal(
    tree.map((n) => [n.anchor, n.children.map((c) => [c.anchor, c.children.map((d) => d.anchor)])]),
    [
      ['p1', [['s1', ['t1']]]],
      ['p2', [['x', []]]],
    ],
  );
});

test.run();
