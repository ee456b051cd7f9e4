/**
 * The 说明 of the six Shanghai 预算 booklets against the originals' text (../shared/corpus/
 * shanghai-putuo/<doc>.txt, read as printed: a paragraph starts at an indented line): the sections
 * listed here print paragraph for paragraph what the original prints. The differences that remain
 * elsewhere in the 说明 are listed in docs/seeds/shanghai-*.md.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { buildBooklet } from '../../scripts/lib/booklet/booklet.ts';
import type { Block } from '../../scripts/lib/booklet/model.ts';
import type { UnitYearFile } from '../../scripts/lib/model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const corpus = join(root, '../shared/corpus/shanghai-putuo');
const lib = loadLibrary(root);

const DOCUMENTS = [
  { text: 'wanli-2024-department-budget', data: 'putuo-wanli/2024' },
  { text: 'wanli-2025-department-budget', data: 'putuo-wanli/2025' },
  { text: 'shangwu-2025-department-budget', data: 'putuo-shangwu/2025' },
  { text: 'shangwu-2025-unit-budget', data: 'putuo-shangwu-benbu/2025' },
  { text: 'quzhengfu-2025-department-budget', data: 'putuo-quzhengfu/2025' },
  { text: 'quzhengfu-2025-unit-budget', data: 'putuo-quzhengfu-benbu/2025' },
];

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');
const HEADING = /^\s*[一二三四五六七八九十]+、\S/;

/**
 * The paragraphs of the original's section whose heading line (white space removed) is `heading`,
 * up to the next heading or page break: an indented line starts a paragraph, the lines under it
 * continue it.
 */
function originalSection(doc: string, heading: string): string[] {
  const lines = readFileSync(join(corpus, `${doc}.txt`), 'utf8').split('\n');
  const start = lines.findIndex((l, i) => i > 40 && squeeze(l) === heading);
  if (start < 0) throw new Error(`${doc}: no heading ${heading}`);
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.includes('\f') || HEADING.test(l) || (l.trim() === '' && out.length)) break;
    if (l.trim() === '') continue;
    if (/^\s{2,}/.test(l) || !out.length) out.push(squeeze(l));
    else out[out.length - 1] += squeeze(l);
  }
  return out;
}

/** The paragraphs (text, white space removed) of the booklet's 说明 section headed `heading`. */
function bookletSection(blocks: Block[], heading: string): string[] | undefined {
  for (const b of blocks) {
    if (b.type !== 'section') continue;
    if (squeeze(b.heading).endsWith(heading)) {
      return b.blocks.flatMap((x) => (x.type === 'prose' ? x.html.__html.split('</p>').map((p) => squeeze(p.replace(/<[^>]+>/g, ''))).filter(Boolean) : []));
    }
    const inner = bookletSection(b.blocks, heading);
    if (inner) return inner;
  }
  return undefined;
}

const views = new Map<string, Block[]>();
test.before(async () => {
  for (const d of DOCUMENTS) {
    const file = JSON.parse(readFileSync(join(root, 'data', `${d.data}.json`), 'utf8')) as UnitYearFile;
    views.set(d.text, (await buildBooklet(file, 'budget', lib, { charts: false })).view.parts.flatMap((p) => p.blocks));
  }
});

/**
 * The sections that print paragraph for paragraph as the original; `only` limits one to the originals it
 * matches today (the rest are listed in docs/seeds/shanghai-*.md); `paragraphs`, where given, is how many
 * paragraphs every original prints there (so a misread original cannot pass as an empty match).
 */
const SECTIONS: Array<{ heading: string; only?: string[]; paragraphs?: number }> = [
  { heading: '五、国有资产占有使用情况', paragraphs: 2 },
  { heading: '四、绩效目标设置情况' },
  { heading: '二、机关运行经费预算', only: ['shangwu-2025-department-budget', 'shangwu-2025-unit-budget'] },
];

for (const d of DOCUMENTS) {
  for (const s of SECTIONS.filter((x) => !x.only || x.only.includes(d.text))) {
    test(`${d.text}: ${s.heading.replace(/^[一二三四五六七八九十]+、/, '')} as the original prints it`, () => {
      const original = originalSection(d.text, s.heading);
      if (s.paragraphs !== undefined) assert.is(original.length, s.paragraphs);
      else assert.ok(original.length > 0);
      assert.equal(bookletSection(views.get(d.text)!, s.heading.replace(/^[一二三四五六七八九十]+、/, '')), original);
    });
  }
}

test.run();
