/**
 * Reading a PDF back with poppler-utils (installed by scripts/setup.sh), so the PDF tests look
 * at what a reader gets — page sizes, text, fonts, outline, word positions, pixels — and never
 * at the bytes or at the code that printed them.
 *
 *   pdfinfo   → document info, page sizes      pdffonts  → fonts (per page or whole file)
 *   pdftotext → text per page (reading order or layout), word boxes      pdftohtml → outline (bookmarks) as XML
 *   pdftoppm  → a page as grey pixels → missing-glyph ("tofu") detection
 */
import { execFileSync } from 'node:child_process';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element, Node } from 'domhandler';

function run(tool: string, args: string[], env?: NodeJS.ProcessEnv): Buffer {
  return execFileSync(tool, args, { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
}

// ─── pdfinfo ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The document information as pdfinfo prints it ("Title", "Author", "Tagged", "Pages", …).
 * Dates in ISO 8601 (`-isodates`); pdfinfo shows a date in the offset it was written with, or
 * converts it to TZ, so the time zone is fixed here (China Standard Time, as the dates mean).
 */
export function pdfInfo(pdf: string, tz = 'Asia/Shanghai'): Record<string, string> {
  const out = run('pdfinfo', ['-isodates', pdf], { ...process.env, TZ: tz }).toString('utf8');
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([A-Za-z ]+?):\s*(.*)$/.exec(line);
    if (m) info[m[1]!] = m[2]!.trim();
  }
  return info;
}

export interface PageSize {
  /** 1-based. */
  page: number;
  /** Points, as displayed (after rotation). */
  width: number;
  height: number;
  rotation: number;
}

/** Size and rotation of every page (`pdfinfo -f 1 -l N`). */
export function pageSizes(pdf: string): PageSize[] {
  const pages = Number(pdfInfo(pdf).Pages);
  const out = run('pdfinfo', ['-f', '1', '-l', String(pages), pdf]).toString('utf8');
  const sizes: PageSize[] = [];
  for (const m of out.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)) {
    sizes.push({ page: Number(m[1]), width: Number(m[2]), height: Number(m[3]), rotation: 0 });
  }
  for (const m of out.matchAll(/^Page\s+(\d+) rot:\s+(\d+)/gm)) {
    const s = sizes.find((x) => x.page === Number(m[1]));
    if (s) s.rotation = Number(m[2]);
  }
  // A rotated page is shown turned: what matters to a reader is the displayed shape.
  for (const s of sizes) if (s.rotation % 180 !== 0) [s.width, s.height] = [s.height, s.width];
  return sizes;
}

/** A4 within a point of 595 × 842, either way round; undefined for anything else. */
export function a4Orientation(s: { width: number; height: number }): 'portrait' | 'landscape' | undefined {
  const near = (a: number, b: number) => Math.abs(a - b) <= 1;
  if (near(s.width, 595) && near(s.height, 842)) return 'portrait';
  if (near(s.width, 842) && near(s.height, 595)) return 'landscape';
  return undefined;
}

// ─── pdffonts ─────────────────────────────────────────────────────────────────────────────────────

export interface FontRow {
  name: string;
  type: string;
  encoding: string;
  emb: boolean;
  sub: boolean;
  uni: boolean;
}

/**
 * pdffonts' table, of the whole file or of one page. Columns are found from the dashes line
 * under the header, since a type ("CID TrueType") or a name may contain spaces.
 */
export function pdfFonts(pdf: string, page?: number): FontRow[] {
  const args = page ? ['-f', String(page), '-l', String(page), pdf] : [pdf];
  const lines = run('pdffonts', args).toString('utf8').split('\n');
  const rule = lines[1] ?? '';
  const cols: Array<[number, number]> = [];
  for (const m of rule.matchAll(/-+/g)) cols.push([m.index!, m.index! + m[0].length]);
  return lines
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const c = cols.map(([a, b], i) => (i === cols.length - 1 ? l.slice(a) : l.slice(a, b + 1)).trim());
      return { name: c[0]!, type: c[1]!, encoding: c[2]!, emb: c[3] === 'yes', sub: c[4] === 'yes', uni: c[5] === 'yes' };
    });
}

// ─── pdftotext ────────────────────────────────────────────────────────────────────────────────────

/** The text of every page (pdftotext's reading order, UTF-8), index 0 = page 1. */
export function pageTexts(pdf: string): string[] {
  const pages = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).toString('utf8').split('\f');
  pages.pop(); // pdftotext ends every page, the last one too, with a form feed
  return pages;
}

/**
 * The text of every page laid out as printed (`pdftotext -layout`): one line per row of the page,
 * top to bottom, so the last line is the lowest text, whatever the reading order of the columns.
 */
export function layoutTexts(pdf: string): string[] {
  const pages = run('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-']).toString('utf8').split('\f');
  pages.pop();
  return pages;
}

/**
 * The text of every page in the order it is drawn (`pdftotext -raw`): a table cell's lines stay
 * together (a header wrapped as “基本 / 支出” reads 基本支出), where the reading order mixes them
 * with the next cell's.
 */
export function rawTexts(pdf: string): string[] {
  const pages = run('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-']).toString('utf8').split('\f');
  pages.pop();
  return pages;
}

/** Text with every kind of white space removed (spaces, line breaks, U+3000, NBSP). */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, '');
}

/** The non-empty lines of a page's text, each with its white space runs made one space. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/[\s\u00a0\u3000]+/g, ' ').trim())
    .filter(Boolean);
}

export interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface TextLine extends Box {
  /** The line's words joined by one space. */
  text: string;
  words: Array<Box & { text: string }>;
}

export interface BoxPage {
  width: number;
  height: number;
  lines: TextLine[];
}

const num = (el: Element, k: string) => Number(el.attribs[k]);
const box = (el: Element): Box => ({ xMin: num(el, 'xmin'), yMin: num(el, 'ymin'), xMax: num(el, 'xmax'), yMax: num(el, 'ymax') });
const isEl = (n: Node): n is Element => DomUtils.isTag(n);

/** Every page's lines of words with their boxes (`pdftotext -bbox-layout`, points from the top left). */
export function textBoxes(pdf: string, first?: number, last?: number): BoxPage[] {
  const range = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : [])];
  const xml = run('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', ...range, pdf, '-']).toString('utf8');
  const doc = parseDocument(xml, { xmlMode: false, decodeEntities: true, lowerCaseAttributeNames: true });
  return DomUtils.getElementsByTagName('page', doc.children).map((p) => ({
    width: num(p, 'width'),
    height: num(p, 'height'),
    lines: DomUtils.getElementsByTagName('line', p.children).map((l) => {
      const words = DomUtils.getElementsByTagName('word', l.children).map((w) => ({ ...box(w), text: DomUtils.textContent(w) }));
      return { ...box(l), text: words.map((w) => w.text).join(' '), words };
    }),
  }));
}

// ─── pdftohtml: outline ───────────────────────────────────────────────────────────────────────────

export interface Bookmark {
  title: string;
  /** 1-based page the bookmark goes to. */
  page: number;
  children: Bookmark[];
}

/**
 * The outline (bookmarks) as pdftohtml reads it (`-xml -i -stdout`): an <outline> holds <item
 * page="N">title</item> elements, and an <outline> right after an item holds that item's children.
 */
export function outline(pdf: string): Bookmark[] {
  const xml = run('pdftohtml', ['-xml', '-i', '-q', '-stdout', pdf]).toString('utf8');
  const doc = parseDocument(xml, { xmlMode: true, decodeEntities: true });
  const root = DomUtils.findOne((el) => el.name === 'outline', doc.children, true);
  if (!root) return [];
  const read = (list: Element): Bookmark[] => {
    const items: Bookmark[] = [];
    for (const n of list.children.filter(isEl)) {
      if (n.name === 'item') items.push({ title: DomUtils.textContent(n).trim(), page: Number(n.attribs.page), children: [] });
      else if (n.name === 'outline' && items.length) items[items.length - 1]!.children.push(...read(n));
    }
    return items;
  };
  return read(root);
}

/** The outline depth first, each with its depth (1 = top level). */
export function flatOutline(items: Bookmark[], depth = 1): Array<Bookmark & { depth: number }> {
  return items.flatMap((b) => [{ ...b, depth }, ...flatOutline(b.children, depth + 1)]);
}

// ─── pdftoppm: pixels ─────────────────────────────────────────────────────────────────────────────

export interface Gray {
  width: number;
  height: number;
  /** One byte per pixel, 0 = black, 255 = white, rows top to bottom. */
  data: Uint8Array;
}

/** One page as 8-bit grey pixels (`pdftoppm -gray`, a binary PGM on stdout). */
export function rasterise(pdf: string, page: number, dpi = 100): Gray {
  const pgm = run('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), pdf]);
  // Header: "P5" width height maxval, separated by white space, then one white space byte.
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(pgm[pos]!))) pos++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(pgm[pos]!))) s += String.fromCharCode(pgm[pos++]!);
    fields.push(s);
  }
  pos++;
  if (fields[0] !== 'P5' || fields[3] !== '255') throw new Error(`pdftoppm: unexpected image header ${fields.join(' ')}`);
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, data: new Uint8Array(pgm.buffer, pgm.byteOffset + pos, width * height) };
}

export interface Blob extends Box {
  /** Dark pixels in the blob. */
  pixels: number;
  /** The blob scaled to GRID × GRID cells, true where the cell is mostly ink. */
  shape: boolean[];
}

const GRID = 12;

/**
 * Connected groups of dark pixels (8-neighbourhood) whose box could be one glyph: between
 * `min` and `max` pixels on each side. Table rules join into one large blob and drop out.
 */
export function blobs(img: Gray, min = 6, max = 80, threshold = 128): Blob[] {
  const { width, height, data } = img;
  const seen = new Uint8Array(width * height);
  const found: Blob[] = [];
  const stack: number[] = [];
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || data[start]! >= threshold) continue;
    seen[start] = 1;
    stack.push(start);
    const members: number[] = [];
    let x0 = width, y0 = height, x1 = -1, y1 = -1;
    while (stack.length) {
      const p = stack.pop()!;
      members.push(p);
      const x = p % width;
      const y = (p - x) / width;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const q = ny * width + nx;
          if (!seen[q] && data[q]! < threshold) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    if (w < min || h < min || w > max || h > max) continue;
    const ink = new Uint16Array(GRID * GRID);
    const area = new Uint16Array(GRID * GRID);
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const cell = Math.min(GRID - 1, Math.floor(((y - y0) * GRID) / h)) * GRID + Math.min(GRID - 1, Math.floor(((x - x0) * GRID) / w));
        area[cell]!++;
      }
    }
    for (const p of members) {
      const x = p % width;
      const y = (p - x) / width;
      ink[Math.min(GRID - 1, Math.floor(((y - y0) * GRID) / h)) * GRID + Math.min(GRID - 1, Math.floor(((x - x0) * GRID) / w))]!++;
    }
    const shape = Array.from(ink, (n, i) => n * 3 >= area[i]!);
    found.push({ xMin: x0, yMin: y0, xMax: x1, yMax: y1, pixels: members.length, shape });
  }
  return found;
}

/** How alike two blob shapes are: shared ink cells over all ink cells (1 = the same). */
export function likeness(a: boolean[], b: boolean[]): number {
  let both = 0;
  let either = 0;
  a.forEach((v, i) => {
    if (v && b[i]) both++;
    if (v || b[i]) either++;
  });
  return either ? both / either : 0;
}

/**
 * The blobs of `img` that look like one of `tofu` (blobs learnt from a page of nothing but
 * missing glyphs): a similar shape (likeness ≥ 0.8) and a similar width : height ratio.
 */
export function findTofu(img: Gray, tofu: Blob[], minLikeness = 0.8): Blob[] {
  const ratio = (b: Box) => (b.xMax - b.xMin + 1) / (b.yMax - b.yMin + 1);
  return blobs(img).filter((b) => tofu.some((t) => Math.abs(ratio(b) / ratio(t) - 1) < 0.2 && likeness(b.shape, t.shape) >= minLikeness));
}
