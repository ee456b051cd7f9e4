/**
 * Reference fixtures of real booklets (test/fixtures/corpus/<region>/<doc>.json: every table amount
 * as the original prints it, written from the text in ../shared/corpus, not by the code under test)
 * compared with the built booklet page: each table found by its printed title, each amount found in
 * that table as the original prints it.
 *
 * What today's code cannot print like the original is listed in the fixture's `notYetPrinted`, each
 * entry with a Chinese reason: a whole table, some rows (by code), or printed values (e.g. "0") that
 * the booklet leaves blank. Listed values must then really be blank, so the list stays true when the
 * code learns to print them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../scripts/lib/site/build-site.ts';

export interface FixtureRow {
  side?: 'income' | 'expenditure';
  code: string | null;
  label: string | null;
  amounts: Array<string | null>;
}

export interface FixtureTable {
  number: string;
  title: string;
  /** The line the original prints under the title, left of the unit ("编制部门：…"), if any. */
  preparedBy?: string;
  unit: string;
  columns: string[];
  note: string | null;
  rows: FixtureRow[];
}

export interface NotYetPrinted {
  table: string;
  reason: string;
  /** Rows (by code) the booklet prints differently; without rows and amounts: the whole table. */
  rows?: string[];
  /** Printed values the booklet leaves blank (e.g. "0"). */
  amounts?: string[];
  /**
   * The title the booklet prints instead of the original's (e.g. a 单位预算's “预算单位” where the
   * profile can only say 单位): the table is found by this title and compared as usual.
   */
  title?: string;
}

export interface CorpusFixture {
  source: string;
  unit: string;
  year: number;
  kind: 'budget' | 'final';
  tables: FixtureTable[];
  notYetPrinted?: NotYetPrinted[];
}

interface Cell {
  kind: 'code' | 'text' | 'amount' | 'other';
  text: string;
}

export interface PageTable {
  number: string;
  title: string;
  unit: string;
  rows: Cell[][];
  emptyText: string | null;
  /** The table's footnotes (div.data-table__notes, after the table), printed with or without data. */
  notes: string[];
}

function decode(s: string): string {
  return s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** The data tables of a booklet page (templates/_includes: div.data-table > table). */
export function pageTables(html: string): PageTable[] {
  const out: PageTable[] = [];
  for (const m of html.matchAll(/<div class="data-table[^"]*" id="table-[^"]+">([\s\S]*?)<\/table>/g)) {
    const block = m[1]!;
    const span = (cls: string) => {
      const s = new RegExp(`<span class="${cls}">([\\s\\S]*?)</span>`).exec(block);
      return s ? decode(s[1]!) : '';
    };
    const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(block)?.[1] ?? '';
    const rows: Cell[][] = [];
    for (const r of body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)) {
      const cells: Cell[] = [];
      for (const c of r[1]!.matchAll(/<t([dh])[^>]*class="([^"]*)"[^>]*>([\s\S]*?)<\/t\1>/g)) {
        const cls = c[2]!;
        const kind = cls.includes('--amount') ? 'amount' : cls.includes('--code') ? 'code' : cls.includes('--text') ? 'text' : 'other';
        cells.push({ kind, text: decode(c[3]!) });
      }
      rows.push(cells);
    }
    const empty = /<span class="data-table__empty-text">([\s\S]*?)<\/span>/.exec(block);
    const after = html.slice(m.index! + m[0].length);
    const next = after.search(/<div class="data-table[ "]/);
    const tail = next < 0 ? after : after.slice(0, next);
    const notesBlock = /^\s*<\/div>\s*<div class="data-table__notes">([\s\S]*?)<\/div>/.exec(tail)?.[1] ?? '';
    const notes = [...notesBlock.matchAll(/<p class="data-table__note">([\s\S]*?)<\/p>/g)].map((n) => decode(n[1]!));
    out.push({ number: span('data-table__number'), title: span('data-table__title'), unit: span('data-table__unit'), rows, emptyText: empty ? decode(empty[1]!) : null, notes });
  }
  return out;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/**
 * Every difference between the fixture's tables and the page, in Chinese (empty when the page
 * prints every listed-as-printed amount as the original does).
 */
export function compareTables(fixture: CorpusFixture, html: string): { problems: string[]; checked: number } {
  const page = pageTables(html);
  const problems: string[] = [];
  let checked = 0;
  const listed = fixture.notYetPrinted ?? [];
  for (const entry of listed) {
    if (!/[\u4e00-\u9fff]/.test(entry.reason)) problems.push(`notYetPrinted 表${entry.table}：原因须用中文写明`);
    if (!fixture.tables.some((t) => t.number === entry.table)) problems.push(`notYetPrinted 表${entry.table}：夹具中没有此表`);
  }
  for (const t of fixture.tables) {
    const where = `表${t.number}“${t.title}”`;
    const entries = listed.filter((e) => e.table === t.number);
    const printedTitle = entries.find((e) => e.title !== undefined)?.title;
    if (printedTitle !== undefined && page.some((p) => p.title === t.title)) problems.push(`${where}：公开册已印出原文的表题，notYetPrinted 中的 title 应删去`);
    const found = page.filter((p) => p.title === (printedTitle ?? t.title));
    if (found.length !== 1) {
      problems.push(`${where}：公开册中${found.length ? '有多张' : '没有'}此标题的表`);
      continue;
    }
    const p = found[0]!;
    if (!new RegExp(`^${t.number}[.．]`).test(p.number)) problems.push(`${where}：表号印为“${p.number}”`);
    if (entries.some((e) => !e.rows && !e.amounts && e.title === undefined)) continue;
    if (p.unit !== `单位：${t.unit}`) problems.push(`${where}：单位印为“${p.unit}”，原文为“单位：${t.unit}”`);
    const skipRows = new Set(entries.flatMap((e) => e.rows ?? []));
    const blankValues = new Set(entries.flatMap((e) => e.amounts ?? []));
    const expectCell = (what: string, want: string | null, got: string | undefined) => {
      checked++;
      if (got === undefined) problems.push(`${what}：公开册中没有这一格`);
      else if (want === null || blankValues.has(want)) {
        if (got !== '') problems.push(`${what}：原文${want === null ? '空白' : `印“${want}”（列为尚不能印出）`}，公开册印“${got}”`);
      } else if (got !== want) problems.push(`${what}：原文印“${want}”，公开册印“${got || '（空白）'}”`);
    };
    const amountsOf = (cells: Cell[]) => cells.filter((c) => c.kind === 'amount').map((c) => c.text);
    if (t.note !== null) {
      const printed = [...(p.emptyText === null ? [] : [p.emptyText]), ...p.notes];
      if (printed.length === 0) problems.push(`${where}：原文表下有注“${t.note}”，公开册没有`);
      else if (!printed.some((n) => squeeze(n) === squeeze(t.note!))) problems.push(`${where}：注印为“${printed.join('／')}”，原文为“${t.note}”`);
    }
    // Rows the original prints with a code, and single-sided 合计 rows: the same row, cell by cell.
    const pool = p.rows.flatMap(amountsOf).filter((a) => a !== '');
    for (const r of t.rows) {
      const label = `${where} ${r.code ?? r.label ?? '（无标签行）'}`;
      if (r.code !== null) {
        if (skipRows.has(r.code)) continue;
        const row = p.rows.find((cells) => cells.some((c) => c.kind === 'code' && c.text === r.code));
        if (!row) {
          problems.push(`${label}：公开册中没有此科目行`);
          continue;
        }
        const got = amountsOf(row);
        if (got.length !== r.amounts.length) problems.push(`${label}：公开册印 ${got.length} 个金额格，原文 ${r.amounts.length} 个`);
        r.amounts.forEach((a, i) => expectCell(`${label} 第${i + 1}列`, a, got[i]));
      } else if (!r.side && r.label === '合计') {
        const row = p.rows.find((cells) => cells.some((c) => c.kind === 'text' && c.text === '合计'));
        if (!row) {
          if (r.amounts.some((a) => a !== null)) problems.push(`${label}：公开册中没有合计行`);
          continue;
        }
        const got = amountsOf(row);
        r.amounts.forEach((a, i) => expectCell(`${label} 第${i + 1}列`, a, got[i]));
      } else {
        // Two-sided tables and rows without a label: each printed amount somewhere in the table.
        for (const a of r.amounts) {
          if (a === null || blankValues.has(a)) continue;
          checked++;
          const i = pool.indexOf(a);
          if (i < 0) problems.push(`${label}：原文印“${a}”，公开册此表中没有（或不够次数）`);
          else pool.splice(i, 1);
        }
      }
    }
  }
  return { problems, checked };
}

const corpusRoot = join(import.meta.dirname, '../..');

/** test/fixtures/corpus/shanghai/<name>.json. */
export function corpusFixture(name: string): CorpusFixture {
  return JSON.parse(readFileSync(join(corpusRoot, 'test/fixtures/corpus/shanghai', `${name}.json`), 'utf8')) as CorpusFixture;
}

/**
 * Builds the given data files (HTML; with `pdf`, the PDFs too, printed afresh; no charts, so that no
 * chart label can stand in for a table's amount) into a temporary folder; `page` reads a built page
 * by its path under the site, `path` gives a built file's absolute path, `dispose` removes the folder.
 */
export async function buildCorpusSite(
  dataPaths: string[],
  prefix: string,
  options: { pdf?: boolean } = {},
): Promise<{ page(path: string): string; path(path: string): string; dispose(): void }> {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  const out = join(tmp, 'site');
  const r = await buildSite({
    root: corpusRoot,
    outDir: out,
    dataPaths: dataPaths.map((d) => join(corpusRoot, d)),
    threads: 1,
    pdf: options.pdf ?? false,
    pdfCacheDir: join(tmp, 'pdf-cache'),
    charts: false,
    incremental: false,
    manifestPath: join(tmp, 'manifest.json'),
  });
  if (!r.ok) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`构建失败：${r.failure}`);
  }
  return {
    page: (path) => readFileSync(join(out, path), 'utf8'),
    path: (path) => join(out, path),
    dispose: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

/** A page footer as the booklet prints it ("— 12 —"): not part of any table. */
const PAGE_FOOTER = /^—\s*\d+\s*—$/;

/**
 * Numbers as a reader of the PDF text sees them: runs of digits with thousands separators and
 * decimals, not part of a longer run (a 科目 code "2010301" is one token, never "201").
 */
const NUMBER = /(?<![\d,.])\d[\d,]*(?:\.\d+)?(?![\d,.])/g;

/**
 * Where a heading starts among the lines: the first line at or after `from` that begins a run of
 * whole lines whose text, white space removed, is one of `forms` (a long heading wraps; a heading
 * quoted in a sentence or followed by its 目录 page number is not a run of whole lines).
 */
function findHeading(lines: string[], forms: string[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    let acc = '';
    for (let j = i; j < lines.length; j++) {
      acc += lines[j];
      if (forms.includes(acc)) return i;
      if (!forms.some((f) => f.startsWith(acc))) break;
    }
  }
  return -1;
}

/**
 * Every difference between the fixture's tables and a booklet's PDF text (pdftotext, one string per
 * page; `front` pages of cover and 目录 are skipped, `after` is the heading that follows the last
 * table, e.g. the next part's, null when the tables end the booklet): each table is found by its printed title (alone, or after its
 * number), and every amount the original prints in it must be in the text between that title and
 * the next table's (or `after`), as often as the original prints it. What the fixture lists in
 * notYetPrinted is left out as compareTables leaves it out.
 */
export function comparePdfTables(fixture: CorpusFixture, pages: string[], front: number, after: string | null): { problems: string[]; checked: number } {
  // Each line as printed (words apart: two amounts of a row are two numbers) and squeezed (headings).
  const printedLines = pages
    .slice(front)
    .flatMap((p) => p.split('\n'))
    .filter((l) => squeeze(l) !== '' && !PAGE_FOOTER.test(squeeze(l)));
  const lines = printedLines.map(squeeze);
  const problems: string[] = [];
  let checked = 0;
  const listed = fixture.notYetPrinted ?? [];
  let cursor = 0;
  const starts: Array<{ table: FixtureTable; start: number }> = [];
  for (const t of fixture.tables) {
    const title = squeeze(listed.find((e) => e.table === t.number && e.title !== undefined)?.title ?? t.title);
    const start = findHeading(lines, [title, `${t.number}.${title}`, `${t.number}．${title}`], cursor);
    if (start < 0) {
      problems.push(`表${t.number}“${t.title}”：PDF 正文中（第 ${front + 1} 页起，前一张表之后）找不到此表题`);
      continue;
    }
    starts.push({ table: t, start });
    cursor = start + 1;
  }
  const end = after === null ? lines.length : findHeading(lines, [squeeze(after)], cursor);
  if (end < 0) problems.push(`PDF 正文中最后一张表之后找不到“${after}”`);
  starts.forEach(({ table: t, start }, k) => {
    const where = `表${t.number}“${t.title}”`;
    const stop = starts[k + 1]?.start ?? (end < 0 ? lines.length : end);
    const text = printedLines.slice(start, stop).join('\n');
    const entries = listed.filter((e) => e.table === t.number);
    if (entries.some((e) => !e.rows && !e.amounts && e.title === undefined)) return;
    if (!squeeze(text).includes(`单位：${t.unit}`)) problems.push(`${where}：PDF 中此表没有“单位：${t.unit}”`);
    const skipRows = new Set(entries.flatMap((e) => e.rows ?? []));
    const blankValues = new Set(entries.flatMap((e) => e.amounts ?? []));
    const pool = [...text.matchAll(NUMBER)].map((m) => m[0]);
    for (const r of t.rows) {
      if (r.code !== null && skipRows.has(r.code)) continue;
      for (const a of r.amounts) {
        if (a === null || blankValues.has(a)) continue;
        checked++;
        const i = pool.indexOf(a);
        if (i < 0) problems.push(`${where} ${r.code ?? r.label ?? '（无标签行）'}：原文印“${a}”，PDF 中此表的页面上没有（或不够次数）`);
        else pool.splice(i, 1);
      }
    }
  });
  return { problems, checked };
}

/** The body lines of a booklet's PDF text, white space removed, without page footers. */
function bodyLines(pages: string[], front: number): string[] {
  return pages
    .slice(front)
    .flatMap((p) => p.split('\n'))
    .map(squeeze)
    .filter((l) => l !== '' && !PAGE_FOOTER.test(l));
}

/**
 * How each table's page heads it, against the original: the title alone (the original prints the
 * number only in the 目录), directly followed by its "编制部门：…" line and "单位：元" (fixture
 * `preparedBy` and `unit`, in whichever lines pdftotext gives them); a number printed on the line
 * above the title is reported. Empty when every table is headed as the original heads it.
 */
export function comparePdfHeadings(fixture: CorpusFixture, pages: string[], front: number): string[] {
  const lines = bodyLines(pages, front);
  const problems: string[] = [];
  const listed = fixture.notYetPrinted ?? [];
  let cursor = 0;
  for (const t of fixture.tables) {
    const title = listed.find((e) => e.table === t.number && e.title !== undefined)?.title ?? t.title;
    const expected = `${title}${t.preparedBy ?? ''}单位：${t.unit}`;
    const start = findHeading(lines, [squeeze(expected)], cursor);
    if (start < 0) {
      problems.push(`表${t.number}：PDF 中找不到表名“${title}”之后紧接“${t.preparedBy ? `${t.preparedBy} ` : ''}单位：${t.unit}”`);
      continue;
    }
    const above = lines[start - 1];
    if (above !== undefined && [t.number, `${t.number}.`, `${t.number}．`].includes(above)) problems.push(`表${t.number}：表名上方印了表号“${above}”，原文只在目录中印表号`);
    cursor = start + 1;
  }
  return problems;
}

/** A table heading as a fixture lists it: its lines in order; `notAbove`, a number that must not be printed on the line above. */
export interface HeadingLines {
  lines: string[];
  notAbove?: string;
}

/** Each listed heading in a booklet's PDF text: its lines in a run of whole lines (white space aside), with `notAbove` not right before it. */
export function comparePdfHeadingLines(headings: HeadingLines[], pages: string[], front: number): string[] {
  const lines = bodyLines(pages, front);
  const problems: string[] = [];
  for (const h of headings) {
    const start = findHeading(lines, [squeeze(h.lines.join(''))], 0);
    if (start < 0) problems.push(`PDF 中找不到依次印出的“${h.lines.join(' / ')}”`);
    else if (h.notAbove !== undefined && lines[start - 1] === squeeze(h.notAbove)) problems.push(`“${h.lines[0]}”上方印了“${h.notAbove}”`);
  }
  return problems;
}
