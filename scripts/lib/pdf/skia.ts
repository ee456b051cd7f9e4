/**
 * A small reader and rewriter for the PDFs that Chromium's Skia backend writes: PDF 1.4, one
 * classic cross-reference table (no xref streams, no object streams, no incremental updates),
 * object dictionaries in plain text and every stream Flate-compressed. We never need a stream's
 * content: the outline (to find on which page each heading landed), the page tree (page count,
 * sizes) and the document information dictionary are all plain dictionaries.
 *
 *   bytes ─▶ trailer + xref table ─▶ objects parsed on demand (dictionaries, arrays, strings …)
 *         ├─▶ pages(): page objects in page-tree order, with their MediaBox
 *         ├─▶ outline(): items in pre-order (= heading order), title and page index
 *         └─▶ rewriteInfo(): DOM node ids renumbered (normalizeNodeIds), a new Info dictionary in
 *             place of the old one, every later offset in the xref table and startxref shifted, the
 *             trailer rewritten with a deterministic /ID
 *
 * Anything outside that subset (an xref stream, /Prev, /Encrypt, a damaged table) is a
 * PdfFormatError, never a silently wrong file.
 */
import { createHash } from 'node:crypto';

export class PdfFormatError extends Error {
  override name = 'PdfFormatError';
}

// ─── values ───────────────────────────────────────────────────────────────────────────────────────

export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
  ) {}
  /** The text: UTF-16BE after a BOM, else PDFDocEncoding (read as Latin-1, which agrees for printable ASCII). */
  get text(): string {
    return decodeText(this.bytes);
  }
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class PdfDict {
  constructor(readonly entries: Map<string, PdfValue> = new Map()) {}
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
}
export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfDict | PdfValue[];

export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return s;
  }
  return Buffer.from(bytes).toString('latin1');
}

/** A text string as `<FEFF…>`: UTF-16BE, upper-case hex (what Skia writes for the title). */
export function textString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** A byte string (ASCII, e.g. a date) as a literal `( … )`, escaping what must be escaped. */
export function literalString(ascii: string): string {
  return `(${ascii.replace(/[\\()]/g, (c) => '\\' + c)})`;
}

// ─── tokenizer and parser ─────────────────────────────────────────────────────────────────────────

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

class Parser {
  pos: number;
  constructor(
    readonly b: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos;
  }

  fail(what: string): never {
    throw new PdfFormatError(`${what} at byte ${this.pos}`);
  }

  skipSpace(): void {
    const b = this.b;
    for (;;) {
      const c = b[this.pos];
      if (c === undefined) return;
      if (WHITESPACE.has(c)) this.pos++;
      else if (c === 0x25) {
        // comment to end of line
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  /** A bare word (keyword, number, true/false/null). */
  word(): string {
    this.skipSpace();
    const b = this.b;
    let s = '';
    while (this.pos < b.length && !WHITESPACE.has(b[this.pos]!) && !DELIMITERS.has(b[this.pos]!)) s += String.fromCharCode(b[this.pos++]!);
    return s;
  }

  expectWord(w: string): void {
    const got = this.word();
    if (got !== w) this.fail(`expected "${w}", found "${got}"`);
  }

  value(): PdfValue {
    this.skipSpace();
    const c = this.b[this.pos];
    if (c === undefined) this.fail('unexpected end of file');
    if (c === 0x2f) return this.name();
    if (c === 0x28) return this.literal();
    if (c === 0x3c) {
      if (this.b[this.pos + 1] === 0x3c) return this.dict();
      return this.hexString();
    }
    if (c === 0x5b) {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (this.b[this.pos] === 0x5d) {
          this.pos++;
          return arr;
        }
        arr.push(this.value());
      }
    }
    const w = this.word();
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) this.fail(`unexpected token "${w}"`);
    const n = Number(w);
    // An integer may start an indirect reference "n g R".
    if (/^\d+$/.test(w)) {
      const save = this.pos;
      const g = this.word();
      if (/^\d+$/.test(g)) {
        const r = this.word();
        if (r === 'R') return new PdfRef(n, Number(g));
      }
      this.pos = save;
    }
    return n;
  }

  name(): PdfName {
    this.pos++; // '/'
    const start = this.pos;
    while (this.pos < this.b.length && !WHITESPACE.has(this.b[this.pos]!) && !DELIMITERS.has(this.b[this.pos]!)) this.pos++;
    const raw = Buffer.from(this.b.subarray(start, this.pos)).toString('latin1');
    return new PdfName(raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  }

  dict(): PdfDict {
    this.pos += 2; // '<<'
    const d = new PdfDict();
    for (;;) {
      this.skipSpace();
      if (this.b[this.pos] === 0x3e && this.b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return d;
      }
      if (this.b[this.pos] !== 0x2f) this.fail('expected a name as dictionary key');
      const key = this.name().name;
      d.entries.set(key, this.value());
    }
  }

  hexString(): PdfString {
    this.pos++; // '<'
    let digits = '';
    for (;;) {
      const c = this.b[this.pos++];
      if (c === undefined) this.fail('unterminated hex string');
      if (c === 0x3e) break;
      if (WHITESPACE.has(c)) continue;
      const ch = String.fromCharCode(c);
      if (!/[0-9A-Fa-f]/.test(ch)) this.fail('bad hex string');
      digits += ch;
    }
    if (digits.length % 2) digits += '0';
    return new PdfString(Uint8Array.from(Buffer.from(digits, 'hex')), true);
  }

  literal(): PdfString {
    this.pos++; // '('
    const out: number[] = [];
    let depth = 1;
    const b = this.b;
    for (;;) {
      const c = b[this.pos++];
      if (c === undefined) this.fail('unterminated string');
      if (c === 0x5c) {
        const e = b[this.pos++];
        if (e === undefined) this.fail('unterminated string');
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (simple[e] !== undefined) out.push(simple[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; k++) v = v * 8 + (b[this.pos++]! - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && --depth === 0) break;
      out.push(c);
    }
    return new PdfString(Uint8Array.from(out), false);
  }
}

// ─── the file ─────────────────────────────────────────────────────────────────────────────────────

interface XrefEntry {
  offset: number;
  gen: number;
  inUse: boolean;
}

interface XrefSection {
  first: number;
  entries: XrefEntry[];
}

export interface PdfPage {
  /** Object number of the page. */
  ref: number;
  /** Width and height in points (from the inherited MediaBox). */
  width: number;
  height: number;
}

export interface OutlineItem {
  title: string;
  /** 1-based index of the destination page, or null when the item has no page destination. */
  page: number | null;
  /** 0 for top-level items. */
  depth: number;
}

const ascii = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

function findLast(b: Uint8Array, needle: string): number {
  const n = ascii(needle);
  outer: for (let i = b.length - n.length; i >= 0; i--) {
    for (let k = 0; k < n.length; k++) if (b[i + k] !== n[k]) continue outer;
    return i;
  }
  return -1;
}

export class SkiaPdf {
  readonly trailer: PdfDict;
  /** Byte offset of the "xref" keyword. */
  readonly xrefOffset: number;
  readonly sections: XrefSection[];
  private readonly cache = new Map<number, PdfValue>();
  /** End of each parsed object's text (after its value), by object number. */
  private readonly textEnd = new Map<number, number>();
  /** In-use objects by byte offset, ascending: [offset, object number]. */
  private byOffset: Array<[number, number]> | undefined;

  private constructor(readonly bytes: Uint8Array) {
    const sx = findLast(bytes, 'startxref');
    if (sx < 0) throw new PdfFormatError('no startxref');
    const p = new Parser(bytes, sx + 'startxref'.length);
    const off = Number(p.word());
    if (!Number.isInteger(off) || off <= 0 || off >= bytes.length) throw new PdfFormatError('bad startxref offset');
    this.xrefOffset = off;
    const x = new Parser(bytes, off);
    if (x.word() !== 'xref') throw new PdfFormatError('startxref does not point to a classic xref table (xref streams are not supported)');
    this.sections = [];
    for (;;) {
      const w = x.word();
      if (w === 'trailer') break;
      if (w === '') x.fail('the xref table has no trailer');
      const first = Number(w);
      const count = Number(x.word());
      if (!Number.isInteger(first) || !Number.isInteger(count) || count < 0) x.fail('bad xref subsection header');
      const entries: XrefEntry[] = [];
      for (let i = 0; i < count; i++) {
        const o = Number(x.word());
        const g = Number(x.word());
        const t = x.word();
        if (!Number.isInteger(o) || !Number.isInteger(g) || (t !== 'n' && t !== 'f')) x.fail('bad xref entry');
        entries.push({ offset: o, gen: g, inUse: t === 'n' });
      }
      this.sections.push({ first, entries });
    }
    x.skipSpace();
    if (x.b[x.pos] !== 0x3c || x.b[x.pos + 1] !== 0x3c) x.fail('expected trailer dictionary');
    this.trailer = x.dict();
    if (this.trailer.get('Prev') !== undefined) throw new PdfFormatError('incremental updates (/Prev) are not supported');
    if (this.trailer.get('Encrypt') !== undefined) throw new PdfFormatError('encrypted files are not supported');
    for (const s of this.sections) for (const e of s.entries) if (e.inUse && (e.offset <= 0 || e.offset >= this.xrefOffset)) throw new PdfFormatError('xref entry points outside the body');
  }

  static parse(bytes: Uint8Array): SkiaPdf {
    return new SkiaPdf(bytes);
  }

  entry(num: number): XrefEntry | undefined {
    for (const s of this.sections) if (num >= s.first && num < s.first + s.entries.length) return s.entries[num - s.first];
    return undefined;
  }

  /** The object `num` (its dictionary or value; a stream's dictionary without its data). */
  object(num: number): PdfValue {
    if (this.cache.has(num)) return this.cache.get(num)!;
    const e = this.entry(num);
    if (!e || !e.inUse) return null;
    const p = new Parser(this.bytes, e.offset);
    const n = Number(p.word());
    const g = Number(p.word());
    if (n !== num || g !== e.gen) p.fail(`xref entry of object ${num} points to object ${n} ${g}`);
    p.expectWord('obj');
    const v = p.value();
    this.cache.set(num, v);
    return v;
  }

  /** Byte range [start, end) of object `num`: "n g obj … endobj" and the end-of-line after it. */
  objectSpan(num: number): [number, number] {
    const e = this.entry(num);
    if (!e || !e.inUse) throw new PdfFormatError(`object ${num} is not in the xref table`);
    const p = new Parser(this.bytes, e.offset);
    p.word();
    p.word();
    p.expectWord('obj');
    p.value();
    p.skipSpace();
    const save = p.pos;
    const w = p.word();
    if (w === 'stream') throw new PdfFormatError(`object ${num} is a stream`);
    if (w !== 'endobj') {
      p.pos = save;
      p.fail(`expected endobj after object ${num}`);
    }
    let end = p.pos;
    if (this.bytes[end] === 0x0d) end++;
    if (this.bytes[end] === 0x0a) end++;
    return [e.offset, end];
  }

  /**
   * Is byte `at` in an object's text ("n g obj <value>"), not in stream data or between objects?
   * A rewrite only ever touches such bytes; binary stream data is never looked at.
   */
  inObjectText(at: number): boolean {
    if (!this.byOffset) {
      this.byOffset = [];
      for (const s of this.sections) for (const [i, e] of s.entries.entries()) if (e.inUse) this.byOffset.push([e.offset, s.first + i]);
      this.byOffset.sort((a, b) => a[0] - b[0]);
    }
    let lo = 0;
    let hi = this.byOffset.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.byOffset[mid]![0] <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return false;
    const [offset, num] = this.byOffset[found]!;
    let end = this.textEnd.get(num);
    if (end === undefined) {
      const p = new Parser(this.bytes, offset);
      p.word();
      p.word();
      p.expectWord('obj');
      this.cache.set(num, p.value());
      end = p.pos;
      this.textEnd.set(num, end);
    }
    return at < end;
  }

  resolve(v: PdfValue | undefined): PdfValue | undefined {
    let cur = v;
    for (let hops = 0; cur instanceof PdfRef; hops++) {
      if (hops > 32) throw new PdfFormatError('reference loop');
      cur = this.object(cur.num);
    }
    return cur;
  }

  dict(v: PdfValue | undefined): PdfDict | undefined {
    const r = this.resolve(v);
    return r instanceof PdfDict ? r : undefined;
  }

  catalog(): PdfDict {
    const c = this.dict(this.trailer.get('Root'));
    if (!c) throw new PdfFormatError('no document catalog');
    return c;
  }

  /** Pages in page-tree order. */
  pages(): PdfPage[] {
    const out: PdfPage[] = [];
    const seen = new Set<number>();
    const walk = (ref: PdfValue | undefined, inheritedBox: number[] | undefined) => {
      if (!(ref instanceof PdfRef)) throw new PdfFormatError('page tree node is not an indirect reference');
      if (seen.has(ref.num)) throw new PdfFormatError('page tree loop');
      seen.add(ref.num);
      const node = this.dict(ref);
      if (!node) throw new PdfFormatError(`page tree node ${ref.num} is not a dictionary`);
      const boxValue = this.resolve(node.get('MediaBox'));
      const box = Array.isArray(boxValue) && boxValue.every((x) => typeof x === 'number') ? (boxValue as number[]) : inheritedBox;
      const type = node.get('Type');
      if (type instanceof PdfName && type.name === 'Pages') {
        const kids = this.resolve(node.get('Kids'));
        if (!Array.isArray(kids)) throw new PdfFormatError('page tree node without /Kids');
        for (const k of kids) walk(k, box);
      } else {
        if (!box || box.length !== 4) throw new PdfFormatError(`page ${ref.num} has no MediaBox`);
        out.push({ ref: ref.num, width: Math.abs(box[2]! - box[0]!), height: Math.abs(box[3]! - box[1]!) });
      }
    };
    walk(this.catalog().get('Pages'), undefined);
    return out;
  }

  /** Outline items in pre-order (a parent before its children, siblings in order). */
  outline(): OutlineItem[] {
    const root = this.dict(this.catalog().get('Outlines'));
    if (!root) return [];
    const pageIndex = new Map(this.pages().map((p, i) => [p.ref, i + 1]));
    const out: OutlineItem[] = [];
    const seen = new Set<number>();
    const walk = (first: PdfValue | undefined, depth: number) => {
      let cur = first;
      while (cur instanceof PdfRef) {
        if (seen.has(cur.num)) throw new PdfFormatError('outline loop');
        seen.add(cur.num);
        const item = this.dict(cur);
        if (!item) throw new PdfFormatError(`outline item ${cur.num} is not a dictionary`);
        const title = this.resolve(item.get('Title'));
        const dest = this.resolve(item.get('Dest'));
        const target = Array.isArray(dest) ? dest[0] : undefined;
        out.push({
          title: title instanceof PdfString ? title.text : '',
          page: target instanceof PdfRef ? (pageIndex.get(target.num) ?? null) : null,
          depth,
        });
        walk(item.get('First'), depth + 1);
        cur = item.get('Next');
      }
    };
    walk(root.get('First'), 0);
    return out;
  }

  /** The Info dictionary's entries as text (strings decoded; other values serialised). */
  info(): Record<string, string> {
    const d = this.dict(this.trailer.get('Info'));
    const out: Record<string, string> = {};
    if (!d) return out;
    for (const [k, v] of d.entries) out[k] = v instanceof PdfString ? v.text : serialize(v);
    return out;
  }
}

// ─── writing ──────────────────────────────────────────────────────────────────────────────────────

export function serialize(v: PdfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(6)));
  if (v instanceof PdfName) return '/' + v.name.replace(/[^!-~]|[#()<>[\]{}/%]/g, (c) => '#' + c.charCodeAt(0).toString(16).padStart(2, '0'));
  if (v instanceof PdfString) return '<' + Buffer.from(v.bytes).toString('hex').toUpperCase() + '>';
  if (v instanceof PdfRef) return `${v.num} ${v.gen} R`;
  if (v instanceof PdfDict) return '<<' + [...v.entries].map(([k, x]) => `${serialize(new PdfName(k))} ${serialize(x)}`).join('\n') + '>>';
  return '[' + v.map(serialize).join(' ') + ']';
}

/**
 * Chromium names the structure elements of table header cells after their DOM nodes —
 * "(node00004780)" in /ID, /Headers and the /IDTree — and DOM node ids count every node the
 * renderer ever made, so they differ from print to print. Each id is replaced by its rank among
 * the file's ids, written with as many digits: the order is kept (the /IDTree stays sorted),
 * the length too (no offset moves), and the same document always gets the same ids.
 */
export function normalizeNodeIds(pdf: SkiaPdf): Uint8Array {
  const out = Uint8Array.from(pdf.bytes);
  const text = Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength).toString('latin1', 0, pdf.xrefOffset);
  const found: Array<{ at: number; digits: string }> = [];
  for (const m of text.matchAll(/\(node(\d+)\)/g)) {
    if (pdf.inObjectText(m.index)) found.push({ at: m.index + '(node'.length, digits: m[1]! });
  }
  const ids = [...new Set(found.map((f) => Number(f.digits)))].sort((a, b) => a - b);
  const rank = new Map(ids.map((id, i) => [id, i + 1]));
  for (const f of found) {
    const renumbered = String(rank.get(Number(f.digits))).padStart(f.digits.length, '0');
    for (let k = 0; k < renumbered.length; k++) out[f.at + k] = renumbered.charCodeAt(k);
  }
  return out;
}

export interface InfoFields {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creator: string;
  /** Kept from the input when absent. */
  producer?: string;
  /** PDF date, e.g. "D:20240201000000+08'00'"; without one the file has no dates. */
  date?: string;
}

/** "2024-02-01" → "D:20240201000000+08'00'" (midnight, China Standard Time). */
export function pdfDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new PdfFormatError(`not a date: ${isoDate}`);
  return `D:${m[1]}${m[2]}${m[3]}000000+08'00'`;
}

/**
 * The file with DOM node ids normalised, a new Info dictionary and a deterministic /ID: the Info
 * object is rewritten in place (or appended before the xref table when there is none), every
 * later xref offset and startxref shift by the change in length, and the /ID is two copies of a
 * hash of everything else, so the same content always gives the same bytes.
 */
export function rewriteInfo(input: Uint8Array | SkiaPdf, fields: InfoFields): Uint8Array {
  const pdf = input instanceof SkiaPdf ? input : SkiaPdf.parse(input);
  // Same length, same offsets: the parsed tables stay valid for the normalised bytes.
  const bytes = normalizeNodeIds(pdf);
  const infoRef = pdf.trailer.get('Info');
  const oldInfo = pdf.dict(infoRef);
  const producerValue = oldInfo?.get('Producer');
  const producer = fields.producer ?? (producerValue instanceof PdfString ? producerValue.text : undefined);
  const size = pdf.trailer.get('Size');
  if (typeof size !== 'number') throw new PdfFormatError('trailer without /Size');

  const infoNum = infoRef instanceof PdfRef ? infoRef.num : size;
  const infoGen = infoRef instanceof PdfRef ? infoRef.gen : 0;
  const entries =
    `${infoNum} ${infoGen} obj\n` +
    `<</Title ${textString(fields.title)}\n` +
    `/Author ${textString(fields.author)}\n` +
    `/Subject ${textString(fields.subject)}\n` +
    `/Keywords ${textString(fields.keywords)}\n` +
    `/Creator ${textString(fields.creator)}\n` +
    (producer !== undefined ? `/Producer ${textString(producer)}\n` : '') +
    (fields.date !== undefined ? `/CreationDate ${literalString(fields.date)}\n/ModDate ${literalString(fields.date)}\n` : '');
  const body = `${entries.slice(0, -1)}>>\nendobj\n`;
  const newInfo = ascii(body);

  // Where the new object goes, what it replaces.
  const [start, end] = infoRef instanceof PdfRef ? pdf.objectSpan(infoRef.num) : [pdf.xrefOffset, pdf.xrefOffset];
  const delta = newInfo.length - (end - start);
  const shift = (o: number) => (o >= end ? o + delta : o);

  const lines: string[] = ['xref'];
  for (const s of pdf.sections) {
    lines.push(`${s.first} ${s.entries.length}`);
    for (const [i, e] of s.entries.entries()) {
      const offset = !e.inUse ? e.offset : s.first + i === infoNum ? start : shift(e.offset);
      lines.push(`${String(offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} ${e.inUse ? 'n' : 'f'} `);
    }
  }
  if (!(infoRef instanceof PdfRef)) {
    lines.push(`${infoNum} 1`, `${String(start).padStart(10, '0')} 00000 n `);
  }
  const xref = ascii(lines.join('\n') + '\n');

  const head = bytes.subarray(0, start);
  const middle = bytes.subarray(end, pdf.xrefOffset);
  const newXrefOffset = head.length + newInfo.length + middle.length;

  const trailer = new PdfDict(new Map(pdf.trailer.entries));
  trailer.entries.delete('ID');
  trailer.entries.set('Size', infoRef instanceof PdfRef ? size : size + 1);
  trailer.entries.set('Info', new PdfRef(infoNum, infoGen));
  const hash = createHash('sha256').update(head).update(newInfo).update(middle).update(xref).update(serialize(trailer)).digest().subarray(0, 16);
  const id = new PdfString(Uint8Array.from(hash), true);
  trailer.entries.set('ID', [id, id]);

  const tail = ascii(`trailer\n${serialize(trailer)}\nstartxref\n${newXrefOffset}\n%%EOF\n`);
  return Buffer.concat([head, newInfo, middle, xref, tail]);
}
