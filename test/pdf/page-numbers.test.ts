/**
 * Where the page numbers go when a profile says "center" (pageNumbers; GB/T 9704's outer
 * corner is the default, checked on every seed by booklets.test.ts): the 示例 booklet printed
 * with its view set to centred numbers, read back with poppler.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFile } from '../../scripts/lib/check/check.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import { writePrintFolder } from '../../scripts/lib/pdf/documents.ts';
import { PrintPool } from '../../scripts/lib/pdf/browser.ts';
import { loadSiteConfig, printJob } from '../../scripts/lib/site/build-site.ts';
import { summaryOf } from '../../scripts/lib/site/build-chunk.ts';
import { lines, pageTexts, textBoxes, squash } from '../helpers/poppler.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-pagenum-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

const FOOTER = /^—\d+—$/;

test('pageNumbers "center": every body page numbered "— i —" centred under the type block, none before the body', async () => {
  const lib = loadLibrary(root);
  const checked = checkFile(root, join(root, 'data/shili-danwei/2023.json'), lib);
  const built = await buildBooklet(checked.data!, 'final', lib, { charts: false });
  assert.is(built.view.pageNumbers, 'outside', 'the national profile keeps 9704 outer corners');
  const view = { ...built.view, pageNumbers: 'center' as const };
  const out = join(tmp, 'site');
  await writePrintFolder(root, out, loadSiteConfig(root), [view]);
  const pool = await PrintPool.open({ root: out, cacheDir: join(tmp, 'cache'), size: 1 });
  let pdf: string;
  try {
    const job = printJob(out, summaryOf(view));
    pdf = job.outPath;
    await pool.print(job);
  } finally {
    await pool.close();
  }
  const texts = pageTexts(pdf);
  const pages = textBoxes(pdf);
  const front = pages.findIndex((p) => p.lines.some((l) => squash(l.text) === '—1—'));
  assert.ok(front >= 2 && front % 2 === 0, `body starts after an even front matter (page ${front + 1})`);
  const problems: string[] = [];
  pages.forEach((page, index) => {
    const numbered = page.lines.filter((l) => FOOTER.test(squash(l.text)));
    if (index < front) {
      if (numbered.length || lines(texts[index] ?? '').some((l) => FOOTER.test(squash(l)))) problems.push(`第 ${index + 1} 页（正文前）印有页码`);
      return;
    }
    const want = `—${index - front + 1}—`;
    const low = [...page.lines].sort((a, b) => b.yMax - a.yMax)[0];
    if (!low || squash(low.text) !== want) return void problems.push(`第 ${index + 1} 页：最下面一行应为“${want}”，实际“${low?.text ?? '（无）'}”`);
    const centre = (low.xMin + low.xMax) / 2;
    // Centred under the type block, whose binding margin is 1–2 mm wider than the outer one.
    if (Math.abs(centre - page.width / 2) > 6) problems.push(`第 ${index + 1} 页：页码中心 x=${centre.toFixed(1)}，页面中线 ${(page.width / 2).toFixed(1)}`);
  });
  assert.equal(problems, []);
  assert.ok(pages.some((p) => p.width > p.height), 'a landscape page is among them');
});

test.run();
