/**
 * Strict, position-aware JSON reader for the data files that finance staff edit by hand.
 *
 *   bytes ─► size limit ─► encoding (UTF-16? BOM? valid UTF-8?) ─► empty? ─► parse ─► { value, issues, text }
 *                                                                              │
 *   locate(text, pointer) ◄── pointer → offset map, one re-parse per text, cached (LRU)
 *   lineColumn(text, offset) ◄── line-start index, one scan per text, cached (same LRU)
 *
 * Why not JSON.parse: it stops with one English message and a bare character offset, keeps the last
 * of two duplicate keys without a word, and cannot say where a value is. A clerk needs
 * "第 12 行第 5 列" and a sentence that says what to change.
 *
 * Recovery: a trailing comma and a comment are reported and skipped, so a clerk sees all of them at
 * once; duplicate and reserved keys, and number-policy findings (exponent, too many decimals, too
 * large), are reported and parsing goes on. Any other syntax error stops the parse (value
 * undefined): one precise message is better than a cascade of guesses.
 *
 * Speed: one pass over charCodeAt; strings are sliced between escapes, never built char by char;
 * short numbers are converted without a substring; pointer strings are built only for an issue
 * or by locate(). Positions (line, column) are computed only when an issue is reported.
 */

export interface JsonIssue {
  severity: 'error' | 'warning';
  /** Stable id, one of the Rule type below (json.syntax, json.trailing-comma, …). */
  rule: string;
  /** UTF-16 offset into the decoded text. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in code points of that line (a Chinese character or a tab is one column). */
  column: number;
  /** RFC 6901 pointer of the value concerned ('' for the root or when unknown). */
  pointer: string;
  /** Chinese, for the clerk. */
  message: string;
  messageEn: string;
  expected?: string;
  found?: string;
}

export interface ParsedJson {
  /** undefined after a fatal issue */
  value: unknown;
  issues: JsonIssue[];
  /** decoded text, BOM stripped ('' when the bytes could not be decoded) */
  text: string;
}

type Rule =
  | 'json.syntax'
  | 'json.trailing-comma'
  | 'json.comment'
  | 'json.duplicate-key'
  | 'json.proto-key'
  | 'json.bom'
  | 'json.encoding'
  | 'json.empty'
  | 'json.too-large'
  | 'json.too-deep'
  | 'json.nan'
  | 'json.precision'
  | 'json.number-format';

const MiB = 1024 * 1024;
const DEFAULT_MAX_BYTES = 10 * MiB;
/** Our data nests about 6 deep; the limit only keeps recursion far from the stack's end. */
const MAX_DEPTH = 512;
/** 万元 with 6 decimals is exact to the 分 (see schema.ts). */
const MAX_DECIMALS = 6;
/** Above 1 万亿 no amount is plausible, and 6 decimals of it no longer fit a double exactly. */
const MAX_MAGNITUDE = 1e12;
const LRU_SIZE = 4;

// ─── Message catalogue ────────────────────────────────────────────────────────────────────────────
// Every clerk-facing sentence is here; tests compare some of them exactly. Positions inside a
// sentence are passed as Pos and spelled per language.

interface Pos {
  line: number;
  column: number;
}
type Msg = readonly [zh: string, en: string];

const zhAt = (p: Pos) => `第 ${p.line} 行第 ${p.column} 列`;
const enAt = (p: Pos) => `line ${p.line}, column ${p.column}`;

const MSG = {
  tooLarge: (size: string, limit: string): Msg => [
    `文件太大（${size} MB），超过了 ${limit} MB 的上限，没有进行检查。请确认选择的是正确的数据文件。`,
    `The file is too large (${size} MB, limit ${limit} MB) and was not checked. Make sure this is the right data file.`,
  ],
  empty: (): Msg => [
    '文件是空的，没有任何数据。数据文件应以 { 开头、以 } 结尾。',
    'The file is empty. A data file starts with { and ends with }.',
  ],
  onlyComments: (): Msg => ['文件里除了注释以外没有任何数据。', 'The file contains nothing but comments.'],
  bom: (): Msg => [
    '文件开头有一个看不见的字节顺序标记（BOM），已自动忽略；建议保存为不带 BOM 的 UTF-8 编码。',
    'The file starts with a UTF-8 byte order mark (BOM); it was ignored. Prefer saving as UTF-8 without BOM.',
  ],
  utf16: (variant: string): Msg => [
    '文件是用 UTF-16 编码保存的，无法读取；请另存为 UTF-8 编码（例如记事本：文件 → 另存为 → 编码选“UTF-8”）。',
    `The file is saved as UTF-16 (${variant}); save it as UTF-8.`,
  ],
  badUtf8: (bytes: string, gbk: boolean): Msg => [
    `文件不是有效的 UTF-8 编码，这里的字节 ${bytes} 无法识别${
      gbk ? '（文件看起来是用 GBK/GB2312 编码保存的，这是中文 Windows 的默认编码）' : ''
    }。请把文件另存为 UTF-8 编码。`,
    `The file is not valid UTF-8: bytes ${bytes} cannot be decoded${
      gbk ? ' (it looks like GBK/GB2312, the default encoding of Chinese Windows)' : ''
    }. Save the file as UTF-8.`,
  ],
  trailingComma: (close: string): Msg => [
    '此处多了一个逗号（JSON 不允许最后一项后面有逗号），请删除这个逗号。',
    `Extra comma: JSON allows no comma after the last item before "${close}"; delete it.`,
  ],
  comment: (kind: string): Msg => [
    `JSON 文件里不能写注释，请删除这段以 ${kind} 开头的注释。`,
    `Comments are not allowed in JSON; delete this ${kind} comment.`,
  ],
  unterminatedComment: (): Msg => [
    '以 /* 开头的注释一直没有结束（缺少 */），而且 JSON 文件里不能写注释，请删除这段注释。',
    'This /* comment is never closed (no */), and JSON allows no comments; delete it.',
  ],
  straySlash: (): Msg => [
    '这里的 "/" 是多余的：JSON 里的 "/" 只能出现在英文双引号括起来的文字里面。',
    'Stray "/": outside a string JSON has no use for it.',
  ],
  missingComma: (next: Pos): Msg => [
    `这里缺少一个英文逗号 ","：前后两项之间必须用逗号隔开（下一项从${zhAt(next)}开始）。`,
    `Missing comma: items must be separated by "," (the next item starts at ${enAt(next)}).`,
  ],
  strayQuote: (found: string): Msg => [
    `文字在这个英文双引号处提前结束了，后面又出现了 ${found}。如果文字里本身含有英文双引号 "，要写成 \\"，或改用中文引号“”。`,
    `The string ends at this double quote but ${found} follows. A double quote inside text must be written \\" (or use Chinese quotes “”).`,
  ],
  mismatch: (found: string, open: string, openAt: Pos, want: string): Msg => [
    `这里的 "${found}" 与${zhAt(openAt)}的 "${open}" 不配对，应为 "${want}"。`,
    `"${found}" does not match the "${open}" at ${enAt(openAt)}; expected "${want}".`,
  ],
  unexpected: (found: string, expected: string): Msg => [
    `这里不应出现 ${found}，应为 ${expected}。`,
    `Unexpected ${found}; expected ${expected}.`,
  ],
  fullwidth: (found: string, ascii: string): Msg => [
    `这里的 ${found} 是中文（全角）符号，JSON 的符号必须是英文（半角）的 ${ascii}。`,
    `${found} is a full-width (Chinese) character; JSON needs the ASCII ${ascii}.`,
  ],
  fullwidthSpace: (): Msg => [
    '这里有一个全角空格，请删除它或改成英文空格。',
    'A full-width space (U+3000) is not allowed here; delete it or use an ASCII space.',
  ],
  invisible: (found: string): Msg => [
    `这里有一个看不见的特殊字符（${found}），通常是从网页或 Word 复制带来的，请删除它。`,
    `An invisible character (${found}) is here, usually pasted from a web page or Word; delete it.`,
  ],
  unclosed: (open: string, openAt: Pos, close: string, count: number): Msg => [
    `文件在这里意外结束：${zhAt(openAt)}的 "${open}" 没有对应的 "${close}"${
      count > 1 ? `（共有 ${count} 层括号没有闭合）` : ''
    }。`,
    `Unexpected end of file: the "${open}" at ${enAt(openAt)} has no matching "${close}"${
      count > 1 ? ` (${count} brackets are unclosed)` : ''
    }.`,
  ],
  keyExpected: (found: string): Msg => [
    `这里应是用英文双引号括起来的字段名，但出现了 ${found}。`,
    `Expected a field name in double quotes, found ${found}.`,
  ],
  keyUnquoted: (word: string): Msg => [
    `字段名 ${word} 要用英文双引号括起来，写成 "${word}"。`,
    `The field name ${word} must be in double quotes: "${word}".`,
  ],
  keyIsNumber: (found: string): Msg => [
    `逗号后面应是字段名，但出现了数字 ${found}。如果这是一个金额，数字里不能有千分位逗号（例如 1,234.5 要写成 1234.5）。`,
    `Expected a field name after the comma, found the number ${found}. Numbers must not contain thousands separators (write 1234.5, not 1,234.5).`,
  ],
  doubleComma: (): Msg => [
    '这里多了一个逗号（逗号前面没有内容），请删除它。',
    'Extra comma: there is nothing before it; delete it.',
  ],
  singleQuote: (): Msg => [
    "文字要用英文双引号 \" 括起来，不能用单引号 '。",
    "Strings must be in double quotes (\"), not single quotes (').",
  ],
  missingColon: (key: string, found: string): Msg => [
    `字段名 "${key}" 后面缺少英文冒号 ":"（这里出现的是 ${found}）。`,
    `Missing ":" after the field name "${key}" (found ${found}).`,
  ],
  missingMemberValue: (key: string): Msg => [
    `字段 "${key}" 缺少值：冒号后面应有一个值（数字、用英文双引号括起来的文字、true、false 或 null）。`,
    `The field "${key}" has no value after the colon.`,
  ],
  missingElement: (): Msg => [
    '这里缺少一个值：逗号前面没有内容（多写了一个逗号，或漏填了一项）。',
    'Missing value: nothing before this comma (an extra comma, or an item left out).',
  ],
  valueExpected: (found: string): Msg => [
    `这里应是一个值（数字、用英文双引号括起来的文字、{ }、[ ]、true、false 或 null），但出现了 ${found}。`,
    `Expected a value (number, "string", { }, [ ], true, false or null), found ${found}.`,
  ],
  unquotedText: (word: string): Msg => [
    `${word} 不是合法的值：文字要用英文双引号括起来，写成 "${word}"。`,
    `${word} is not a valid value: text must be in double quotes, "${word}".`,
  ],
  wrongLiteral: (word: string, right: string): Msg => [
    `${word} 不是合法的值，应写成小写的 ${right}。`,
    `${word} is not a valid value; write ${right} in lower case.`,
  ],
  nan: (word: string): Msg => [
    `${word} 不是具体的数字，JSON 里不能使用，请改为具体的数值。`,
    `${word} is not a number JSON can hold; write an actual value.`,
  ],
  leadingZero: (lit: string, fixed: string): Msg => [
    `数字 ${lit} 不能以 0 开头（应写成 ${fixed}）；如果这是编码，请用英文双引号括起来，写成 "${lit}"。`,
    `The number ${lit} must not start with 0 (write ${fixed}); if it is a code, quote it: "${lit}".`,
  ],
  plusSign: (lit: string, fixed: string): Msg => [
    `数字 ${lit} 前面不能加 "+" 号，应写成 ${fixed}。`,
    `The number ${lit} must not start with "+"; write ${fixed}.`,
  ],
  leadingDot: (lit: string, fixed: string): Msg => [
    `数字 ${lit} 的小数点前面必须有数字，应写成 ${fixed}。`,
    `The number ${lit} needs a digit before the decimal point; write ${fixed}.`,
  ],
  trailingDot: (lit: string, fixed: string): Msg => [
    `数字 ${lit} 的小数点后面必须有数字，应写成 ${fixed}。`,
    `The number ${lit} needs a digit after the decimal point; write ${fixed}.`,
  ],
  hex: (lit: string): Msg => [
    `不能使用十六进制数字 ${lit}，请写成普通的十进制数字。`,
    `Hexadecimal ${lit} is not allowed; write a decimal number.`,
  ],
  minusAlone: (): Msg => ['负号 "-" 后面必须紧跟数字。', 'A minus sign must be followed by digits.'],
  badNumber: (lit: string): Msg => [
    `${lit} 不是合法的数字：数字只能由 0–9、开头的负号和一个小数点组成，不能带单位、千分位或其他文字。`,
    `${lit} is not a valid number: only digits, a leading minus and one decimal point; no units, separators or text.`,
  ],
  exponent: (lit: string, plain: string | undefined): Msg => [
    `数字 ${lit} 用了科学计数法，金额必须直接写出完整的数字${plain === undefined ? '' : `（应写成 ${plain}）`}。`,
    `The number ${lit} uses an exponent; amounts must be written out plainly${plain === undefined ? '' : ` (${plain})`}.`,
  ],
  decimals: (lit: string, n: number): Msg => [
    `金额最多保留 ${MAX_DECIMALS} 位小数（万元到分），${lit} 有 ${n} 位小数，请四舍五入到 ${MAX_DECIMALS} 位以内。`,
    `Amounts have at most ${MAX_DECIMALS} decimals (万元 to the fen); ${lit} has ${n}. Round it.`,
  ],
  magnitude: (lit: string): Msg => [
    `数字 ${lit} 太大（绝对值超过 1 万亿），不是合理的金额，也无法精确计算；请检查是否多写了数字或填错了单位。`,
    `The number ${lit} exceeds 1e12 in magnitude: not a plausible amount, and not exact; check digits and unit.`,
  ],
  stringEof: (): Msg => [
    '这段文字缺少结尾的英文双引号 "，一直到文件末尾都没有结束。',
    'This string has no closing double quote before the end of the file.',
  ],
  stringNewline: (startAt: Pos): Msg => [
    `文字缺少结尾的英文双引号 "（这段文字从${zhAt(startAt)}开始）。文字中间不能直接换行，需要换行请写 \\n。`,
    `Missing closing double quote (the string starts at ${enAt(startAt)}). A string cannot span lines; write \\n for a line break.`,
  ],
  controlChar: (name: string, tab: boolean): Msg => [
    `文字里有一个看不见的控制字符（${name}），JSON 不允许；请删除它${tab ? '，或写成 \\t' : ''}。`,
    `A control character (${name}) is not allowed inside a string; delete it${tab ? ' or write \\t' : ''}.`,
  ],
  badEscape: (esc: string): Msg => [
    `文字里的 ${esc} 不是合法的转义写法。反斜杠 \\ 本身要写成 \\\\；合法的转义只有 \\" \\\\ \\/ \\b \\f \\n \\r \\t 和 \\u 加 4 位十六进制数字。`,
    `${esc} is not a valid escape. Write a backslash as \\\\; valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\u with 4 hex digits.`,
  ],
  badUnicodeEscape: (esc: string): Msg => [
    `文字里的 ${esc} 不是合法的转义：\\u 后面必须是 4 位十六进制数字（0–9、A–F）。`,
    `${esc} is not a valid escape: \\u needs 4 hex digits.`,
  ],
  duplicateKey: (key: string, first: Pos): Msg => [
    `字段 "${key}" 重复了：同一个对象里在${zhAt(first)}已经有这个字段，请删除其中一个。`,
    `Duplicate field "${key}": this object already has it at ${enAt(first)}; delete one.`,
  ],
  protoKey: (key: string): Msg => [
    `不允许用 "${key}" 作为字段名（这是系统保留的名称），这一项已被忽略，请删除或改名。`,
    `"${key}" is not allowed as a field name (reserved); the member was dropped. Delete or rename it.`,
  ],
  tooDeep: (): Msg => [
    `括号嵌套超过了 ${MAX_DEPTH} 层，数据结构不正常，请检查是否多写了括号。`,
    `Brackets are nested more than ${MAX_DEPTH} deep; check for extra brackets.`,
  ],
  extraContent: (found: string, endAt: Pos): Msg => [
    `数据在${zhAt(endAt)}已经完整结束，后面不应再有内容，但出现了 ${found}。`,
    `The data ends at ${enAt(endAt)}, but ${found} follows.`,
  ],
  extraClose: (found: string, endAt: Pos): Msg => [
    `这里多了一个 ${found}：前面的括号已经全部配对，数据在${zhAt(endAt)}已经结束。`,
    `Extra ${found}: every bracket is already closed; the data ends at ${enAt(endAt)}.`,
  ],
} as const;

// ─── Positions ────────────────────────────────────────────────────────────────────────────────────

interface TextIndex {
  /** offsets where lines start; a line ends at \n, \r\n or a lone \r */
  lineStarts: number[];
  /** offsets of the low halves of surrogate pairs, which take no column of their own */
  lowHalves: number[];
  /** locate(): pointer → offset, built on first use */
  pointers?: Map<string, number>;
}

// Keyed by the text itself: V8 hashes a long string by its length, and an identical string object
// compares by reference, so a hit costs O(1) for the texts readJsonBytes returns.
const cache = new Map<string, TextIndex>();

function buildIndex(text: string): TextIndex {
  const lineStarts = [0];
  const lowHalves: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) lineStarts.push(i + 1);
    else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) !== 0x0a) lineStarts.push(i + 1);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) lowHalves.push(++i);
    }
  }
  return { lineStarts, lowHalves };
}

function indexFor(text: string): TextIndex {
  const hit = cache.get(text);
  if (hit !== undefined) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const index = buildIndex(text);
  cache.set(text, index);
  if (cache.size > LRU_SIZE) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return index;
}

/** Number of entries of a sorted array that are < x. */
function countBelow(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] ?? Infinity) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lookup(index: TextIndex, textLength: number, offset: number): Pos {
  const o = Math.max(0, Math.min(offset, textLength));
  const line = countBelow(index.lineStarts, o + 1); // lines starting at or before o
  const start = index.lineStarts[line - 1] ?? 0;
  const pairs = countBelow(index.lowHalves, o) - countBelow(index.lowHalves, start);
  return { line, column: o - start - pairs + 1 };
}

/** 1-based line and code-point column of a UTF-16 offset (clamped to the text). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return lookup(indexFor(text), text.length, offset);
}

/**
 * Position of the value at `pointer` (of its key, for an object member); for a pointer that does
 * not exist, of its deepest existing ancestor. undefined for a malformed pointer (not '' and not
 * starting with '/') or a text with no value at all.
 */
export function locate(text: string, pointer: string): { offset: number; line: number; column: number } | undefined {
  if (pointer !== '' && pointer.charCodeAt(0) !== 0x2f) return undefined;
  const index = indexFor(text);
  const map = (index.pointers ??= pointerMap(text));
  let p = pointer;
  for (;;) {
    const offset = map.get(p);
    if (offset !== undefined) return { offset, ...lookup(index, text.length, offset) };
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

function pointerMap(text: string): Map<string, number> {
  const map = new Map<string, number>();
  const parser = new Parser(text, [], map);
  if (text.charCodeAt(0) === 0xfeff) parser.pos = 1;
  parser.document(); // a broken text still yields every pointer before the break
  return map;
}

function escapeToken(key: string): string {
  return key.indexOf('~') < 0 && key.indexOf('/') < 0 ? key : key.replace(/~/g, '~0').replace(/\//g, '~1');
}

// ─── Characters ───────────────────────────────────────────────────────────────────────────────────

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** The ASCII character a full-width / Chinese punctuation mark stands in for, or -1. */
function asciiTwin(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  switch (c) {
    case 0x201c: // “
    case 0x201d: // ”
      return 0x22;
    case 0x2018: // ‘
    case 0x2019: // ’
      return 0x27;
    case 0x3001: // 、
      return 0x2c;
    case 0x3010: // 【
      return 0x5b;
    case 0x3011: // 】
      return 0x5d;
  }
  return -1;
}

/** Characters that look like nothing (or like a space) and arrive by copy and paste. */
function isInvisible(c: number): boolean {
  return (
    c < 0x20 ||
    c === 0x7f ||
    c === 0xa0 ||
    c === 0xad ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202f) ||
    (c >= 0x205f && c <= 0x2064)
  );
}

/** Could start a bare word (an unquoted key or value) — letters, _, $, any non-ASCII. */
const isWordStart = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24 || c > 0x7f;

/** Ends a bare word or a malformed number when reading it for a message. */
function isStop(c: number): boolean {
  if (c !== c || c <= 0x20) return true; // NaN = end of text
  switch (c) {
    case 0x2c: // ,
    case 0x3a: // :
    case 0x7b: // {
    case 0x7d: // }
    case 0x5b: // [
    case 0x5d: // ]
    case 0x22: // "
    case 0x27: // '
    case 0x2f: // /
      return true;
  }
  if (c === 0x3000 || isInvisible(c)) return true;
  const twin = asciiTwin(c);
  return twin >= 0 && !isWordStart(twin) && !isDigit(twin);
}

const hex = (c: number) => c.toString(16).toUpperCase().padStart(4, '0');

function charName(c: number): string {
  if (c === 0x09) return '制表符 Tab';
  if (c === 0x3000) return '全角空格';
  if (c === 0xa0) return '不换行空格 U+00A0';
  return `U+${hex(c)}`;
}

/** How a character at `pos` is shown in `found` and in messages. */
function describeAt(text: string, pos: number): string {
  if (pos >= text.length) return '文件结尾';
  const c = text.codePointAt(pos) ?? 0;
  if (c === 0x3000 || isInvisible(c)) return charName(c);
  if (c === 0x22) return "'\"'";
  return `"${String.fromCodePoint(c)}"`;
}

/** The bare word or malformed token starting at `pos`, shortened for display. */
function wordAt(text: string, pos: number, stop: (c: number) => boolean = isStop): string {
  let p = pos;
  while (p < text.length && !stop(text.charCodeAt(p))) p++;
  const word = text.slice(pos, p);
  const chars = Array.from(word);
  return chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : word;
}

const isNumberChar = (c: number) =>
  isDigit(c) || c === 0x2e || c === 0x2b || c === 0x2d || c === 0x5f || (isWordStart(c) && !isStop(c));

const VALID_PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** 1.5e-7 → 0.00000015, exactly, by moving the decimal point in the literal. */
function plainDecimal(lit: string): string | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(lit);
  if (m === null) return undefined;
  const [, sign = '', int = '', frac = '', e = '0'] = m;
  const exp = Number(e);
  if (Math.abs(exp) > 40) return undefined;
  let digits = int + frac;
  let point = int.length + exp;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(point).replace(/0+$/, '');
  return sign + whole + (fraction === '' ? '' : `.${fraction}`);
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

// ─── Issues ───────────────────────────────────────────────────────────────────────────────────────

function makeIssue(
  severity: JsonIssue['severity'],
  rule: Rule,
  offset: number,
  pos: Pos | undefined,
  pointer: string,
  msg: Msg,
  extra: { expected?: string; found?: string } = {},
): JsonIssue {
  const { line, column } = pos ?? { line: 1, column: 1 };
  const issue: JsonIssue = {
    severity,
    rule,
    offset,
    line,
    column,
    pointer,
    // A located sentence names its place, so it reads well on its own (also in a dialog or a mail).
    message: pos === undefined ? msg[0] : `${zhAt(pos)}：${msg[0]}`,
    messageEn: pos === undefined ? msg[1] : `Line ${line}, column ${column}: ${msg[1]}`,
  };
  if (extra.expected !== undefined) issue.expected = extra.expected;
  if (extra.found !== undefined) issue.found = extra.found;
  return issue;
}

// ─── Parser ───────────────────────────────────────────────────────────────────────────────────────

/** Thrown to unwind after a fatal issue has been recorded; never leaves this module. */
class Stop {}
const STOP = new Stop();

class Parser {
  pos = 0;
  private readonly len: number;
  /** path[d]: key or index of the value at depth d + 1; read only to build an issue's pointer. */
  private readonly path: (string | number)[] = [];
  /** opens[d]: offset of the bracket that opened the container at depth d. */
  private readonly opens: number[] = [];
  /** locate() mode: pointer strings per depth, and the map they go to. */
  private readonly ptrs: string[] = [''];
  private readonly quiet: boolean;

  constructor(
    private readonly text: string,
    private readonly issues: JsonIssue[],
    private readonly record: Map<string, number> | null = null,
    quiet = record !== null,
  ) {
    this.len = text.length;
    this.quiet = quiet;
  }

  /** The whole text: one value, nothing after it. undefined after a fatal issue. */
  document(): unknown {
    try {
      const c = this.ws();
      if (c < 0) this.fail('json.empty', this.pos, 0, MSG.onlyComments());
      this.record?.set('', this.pos);
      const value = this.value(0, c);
      const end = this.pos;
      const after = this.ws();
      if (after >= 0) this.extraContent(end, after);
      return value;
    } catch (e) {
      if (e === STOP) return undefined;
      throw e;
    }
  }

  // ── issues ──

  private pointer(depth: number): string {
    let s = '';
    for (let i = 0; i < depth; i++) s += `/${escapeToken(String(this.path[i]))}`;
    return s;
  }

  private at(offset: number): Pos {
    return lineColumn(this.text, offset);
  }

  private issue(
    rule: Rule,
    offset: number,
    depth: number,
    msg: Msg,
    extra?: { expected?: string; found?: string },
    severity: JsonIssue['severity'] = 'error',
  ): void {
    if (this.quiet) return;
    this.issues.push(makeIssue(severity, rule, offset, this.at(offset), this.pointer(depth), msg, extra));
  }

  private fail(
    rule: Rule,
    offset: number,
    depth: number,
    msg: Msg,
    extra?: { expected?: string; found?: string },
  ): never {
    this.issue(rule, offset, depth, msg, extra);
    throw STOP;
  }

  // ── whitespace and comments ──

  /** Skips whitespace and comments; returns the next char code, or -1 at the end. */
  private ws(): number {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c > 0x20) {
        if (c !== 0x2f) {
          this.pos = p;
          return c;
        }
        p = this.comment(p);
      } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        p++;
      } else {
        this.pos = p;
        return p < this.len ? c : -1;
      }
    }
  }

  /** Reports the comment at p (non-fatal) and returns the offset after it. */
  private comment(p: number): number {
    const t = this.text;
    const next = t.charCodeAt(p + 1);
    if (next === 0x2f) {
      this.issue('json.comment', p, 0, MSG.comment('//'), { found: '注释 //' });
      let q = p + 2;
      while (q < this.len) {
        const c = t.charCodeAt(q);
        if (c === 0x0a || c === 0x0d) break;
        q++;
      }
      return q;
    }
    if (next === 0x2a) {
      const end = t.indexOf('*/', p + 2);
      if (end < 0) this.fail('json.comment', p, 0, MSG.unterminatedComment(), { expected: '*/', found: '注释 /*' });
      this.issue('json.comment', p, 0, MSG.comment('/*'), { found: '注释 /*' });
      return end + 2;
    }
    this.fail('json.syntax', p, 0, MSG.straySlash(), { found: '"/"' });
  }

  // ── values ──

  /** The value starting at this.pos, whose first char `c` (already past whitespace) is given. */
  private value(depth: number, c: number): unknown {
    switch (c) {
      case 0x22:
        return this.string(depth);
      case 0x7b:
        return this.object(depth);
      case 0x5b:
        return this.array(depth);
      case 0x2d:
      case 0x30:
      case 0x31:
      case 0x32:
      case 0x33:
      case 0x34:
      case 0x35:
      case 0x36:
      case 0x37:
      case 0x38:
      case 0x39:
        return this.number(depth);
      case 0x74:
        if (this.literal('true')) return true;
        break;
      case 0x66:
        if (this.literal('false')) return false;
        break;
      case 0x6e:
        if (this.literal('null')) return null;
        break;
    }
    return this.badValue(depth, c);
  }

  private literal(word: string): boolean {
    const end = this.pos + word.length;
    if (!this.text.startsWith(word, this.pos) || !isStop(this.text.charCodeAt(end))) return false;
    this.pos = end;
    return true;
  }

  private object(depth: number): Record<string, unknown> {
    if (depth >= MAX_DEPTH) this.fail('json.too-deep', this.pos, depth, MSG.tooDeep());
    const open = this.pos++;
    this.opens[depth] = open;
    const obj: Record<string, unknown> = {};
    let c = this.ws();
    if (c === 0x7d) {
      this.pos++;
      return obj;
    }
    /** first offset of each key, built only when this object has a duplicate */
    let firstAt: Map<string, number> | undefined;
    let commaAt = -1;
    for (;;) {
      if (c !== 0x22) this.badKey(depth, c, commaAt);
      const keyAt = this.pos;
      const key = this.string(depth);
      const keyEnd = this.pos;
      this.path[depth] = key;
      if (this.record !== null) {
        const p = `${this.ptrs[depth] ?? ''}/${escapeToken(key)}`;
        this.ptrs[depth + 1] = p;
        this.record.set(p, keyAt);
      }
      c = this.ws();
      if (c !== 0x3a) this.badColon(depth, c, key, keyEnd);
      this.pos++;
      c = this.ws();
      const isString = c === 0x22;
      const v = this.value(depth + 1, c);
      const valueEnd = this.pos;
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
        // Dropped, so no member can reach a prototype: with these three gone, plain assignment below
        // only ever creates own data properties (Object.prototype's one setter is __proto__).
        this.issue('json.proto-key', keyAt, depth + 1, MSG.protoKey(key), { found: `"${key}"` });
      } else if (Object.hasOwn(obj, key)) {
        if (!this.quiet) {
          firstAt ??= this.keyOffsets(open, keyAt);
          const first = this.at(firstAt.get(key) ?? open);
          this.issue('json.duplicate-key', keyAt, depth + 1, MSG.duplicateKey(key, first), { found: `"${key}"` });
        }
        obj[key] = v; // the last one wins, as in JSON.parse
      } else {
        obj[key] = v;
        firstAt?.set(key, keyAt);
      }
      c = this.ws();
      if (c === 0x2c) {
        commaAt = this.pos++;
        c = this.ws();
        if (c === 0x7d) {
          this.issue('json.trailing-comma', commaAt, depth, MSG.trailingComma('}'), { found: '","' });
          this.pos++;
          return obj;
        }
        continue;
      }
      if (c === 0x7d) {
        this.pos++;
        return obj;
      }
      this.badAfterItem(depth, c, valueEnd, isString);
    }
  }

  private array(depth: number): unknown[] {
    if (depth >= MAX_DEPTH) this.fail('json.too-deep', this.pos, depth, MSG.tooDeep());
    this.opens[depth] = this.pos++;
    const arr: unknown[] = [];
    let c = this.ws();
    if (c === 0x5d) {
      this.pos++;
      return arr;
    }
    for (let i = 0; ; i++) {
      this.path[depth] = i;
      const at = this.pos;
      if (this.record !== null) this.ptrs[depth + 1] = `${this.ptrs[depth] ?? ''}/${i}`;
      const isString = c === 0x22;
      arr.push(this.value(depth + 1, c));
      // recorded once the element exists, so a text cut off after "[1, " has no /1
      if (this.record !== null) this.record.set(this.ptrs[depth + 1] ?? '', at);
      const valueEnd = this.pos;
      c = this.ws();
      if (c === 0x2c) {
        const comma = this.pos++;
        c = this.ws();
        if (c === 0x5d) {
          this.issue('json.trailing-comma', comma, depth, MSG.trailingComma(']'), { found: '","' });
          this.pos++;
          return arr;
        }
        continue;
      }
      if (c === 0x5d) {
        this.pos++;
        return arr;
      }
      this.badAfterItem(depth, c, valueEnd, isString);
    }
  }

  private string(depth: number): string {
    const t = this.text;
    const start = this.pos;
    let p = start + 1;
    let run = p;
    let out = '';
    for (;;) {
      const c = t.charCodeAt(p);
      if (c >= 0x23 && c !== 0x5c) {
        p++;
      } else if (c === 0x22) {
        this.pos = p + 1;
        return out + t.slice(run, p);
      } else if (c === 0x20 || c === 0x21) {
        p++;
      } else if (c === 0x5c) {
        out += t.slice(run, p);
        switch (t.charCodeAt(p + 1)) {
          case 0x22:
            out += '"';
            break;
          case 0x5c:
            out += '\\';
            break;
          case 0x2f:
            out += '/';
            break;
          case 0x62:
            out += '\b';
            break;
          case 0x66:
            out += '\f';
            break;
          case 0x6e:
            out += '\n';
            break;
          case 0x72:
            out += '\r';
            break;
          case 0x74:
            out += '\t';
            break;
          case 0x75: {
            const u = hex4(t, p + 2);
            if (u < 0) {
              const esc = wordAt(t, p, (x) => x !== x || x <= 0x20 || x === 0x22).slice(0, 6);
              this.fail('json.syntax', p, depth, MSG.badUnicodeEscape(esc), { expected: '\\u 加 4 位十六进制数字', found: esc });
            }
            out += String.fromCharCode(u); // a surrogate pair arrives as two escapes and joins up here
            p += 4;
            break;
          }
          default: {
            const esc = p + 1 < this.len ? t.slice(p, p + 1) + String.fromCodePoint(t.codePointAt(p + 1) ?? 0) : '\\';
            this.fail('json.syntax', p, depth, MSG.badEscape(esc), { found: esc });
          }
        }
        p += 2;
        run = p;
      } else {
        this.badStringChar(depth, start, p, c);
      }
    }
  }

  private number(depth: number): number {
    const t = this.text;
    const start = this.pos;
    let p = start;
    let c = t.charCodeAt(p);
    const negative = c === 0x2d;
    if (negative) c = t.charCodeAt(++p);
    let m = 0; // the digits as an integer, exact while digits ≤ 15
    let digits = 0;
    if (c === 0x30) {
      c = t.charCodeAt(++p);
      digits = 1;
    } else if (c >= 0x31 && c <= 0x39) {
      do {
        m = m * 10 + (c - 0x30);
        digits++;
        c = t.charCodeAt(++p);
      } while (c >= 0x30 && c <= 0x39);
    } else if (c === 0x49 && t.startsWith('Infinity', p) && isStop(t.charCodeAt(p + 8))) {
      this.fail('json.nan', start, depth, MSG.nan('-Infinity'), { expected: '具体数值', found: '-Infinity' });
    } else {
      this.badNumber(depth, start);
    }
    let decimals = 0;
    if (c === 0x2e) {
      c = t.charCodeAt(++p);
      if (!isDigit(c)) this.badNumber(depth, start);
      do {
        m = m * 10 + (c - 0x30);
        decimals++;
        c = t.charCodeAt(++p);
      } while (c >= 0x30 && c <= 0x39);
    }
    let exponent = false;
    if (c === 0x65 || c === 0x45) {
      exponent = true;
      c = t.charCodeAt(++p);
      if (c === 0x2b || c === 0x2d) c = t.charCodeAt(++p);
      if (!isDigit(c)) this.badNumber(depth, start);
      do c = t.charCodeAt(++p);
      while (c >= 0x30 && c <= 0x39);
    }
    // 012, 0x1F, 1.2.3, 100万: one malformed token, not a number followed by a syntax error
    if (p < this.len && isNumberChar(c)) this.badNumber(depth, start);
    this.pos = p;

    let v: number;
    if (!exponent && digits + decimals <= 15) {
      // Both operands are exact doubles, so the one rounding of the division gives the same
      // double as Number(literal) (Clinger's fast path).
      v = decimals === 0 ? m : m / (POW10[decimals] ?? 1);
      if (negative) v = -v;
    } else {
      v = Number(t.slice(start, p));
    }
    if (exponent) {
      const lit = t.slice(start, p);
      const plain = plainDecimal(lit);
      this.issue('json.number-format', start, depth, MSG.exponent(lit, plain), {
        ...(plain === undefined ? {} : { expected: plain }),
        found: lit,
      });
    } else if (decimals > MAX_DECIMALS) {
      const lit = t.slice(start, p);
      this.issue('json.precision', start, depth, MSG.decimals(lit, decimals), {
        expected: `最多 ${MAX_DECIMALS} 位小数`,
        found: lit,
      });
    } else if (v > MAX_MAGNITUDE || v < -MAX_MAGNITUDE) {
      const lit = t.slice(start, p);
      this.issue('json.precision', start, depth, MSG.magnitude(lit), { expected: '绝对值不超过 1 万亿', found: lit });
    }
    return v;
  }

  /** Keys of the object opened at `open`, with their first offsets, up to `stop`. */
  private keyOffsets(open: number, stop: number): Map<string, number> {
    // The main parse already got past all of this, so a quiet re-read cannot fail.
    const sub = new Parser(this.text, [], null, true);
    sub.pos = open + 1;
    const seen = new Map<string, number>();
    for (let c = sub.ws(); c === 0x22 && sub.pos < stop; c = sub.ws()) {
      const at = sub.pos;
      const key = sub.string(0);
      if (!seen.has(key)) seen.set(key, at);
      sub.ws();
      sub.pos++; // ':'
      sub.value(1, sub.ws());
      if (sub.ws() === 0x2c) sub.pos++;
    }
    return seen;
  }

  // ── errors (all fatal) ──

  /** End of text inside the container at `depth`. */
  private eof(depth: number): never {
    const open = this.opens[depth] ?? 0;
    const openChar = this.text.charAt(open);
    const close = openChar === '{' ? '}' : ']';
    this.fail('json.syntax', this.len, depth, MSG.unclosed(openChar, this.at(open), close, depth + 1), {
      expected: `"${close}"`,
      found: '文件结尾',
    });
  }

  /** Full-width punctuation, full-width space, invisible and control characters anywhere outside strings. */
  private oddChar(depth: number, c: number): void {
    const found = describeAt(this.text, this.pos);
    if (c === 0x3000) this.fail('json.syntax', this.pos, depth, MSG.fullwidthSpace(), { found });
    if (isInvisible(c)) this.fail('json.syntax', this.pos, depth, MSG.invisible(found), { found });
    const twin = asciiTwin(c);
    if (twin >= 0) {
      const ascii = twin === 0x22 ? "'\"'" : `"${String.fromCharCode(twin)}"`;
      this.fail('json.syntax', this.pos, depth, MSG.fullwidth(found, ascii), { expected: ascii, found });
    }
  }

  private badValue(depth: number, c: number): never {
    const t = this.text;
    const at = this.pos;
    if (c < 0) this.eof(depth - 1);
    this.oddChar(depth, c);
    const found = describeAt(t, at);
    const parentOpen = depth > 0 ? t.charCodeAt(this.opens[depth - 1] ?? 0) : -1;
    if (parentOpen === 0x7b && (c === 0x2c || c === 0x7d || c === 0x5d)) {
      this.fail('json.syntax', at, depth, MSG.missingMemberValue(String(this.path[depth - 1])), {
        expected: '一个值',
        found,
      });
    }
    if (parentOpen === 0x5b && c === 0x2c) {
      this.fail('json.syntax', at, depth, MSG.missingElement(), { expected: '一个值', found });
    }
    if (parentOpen === 0x5b && c === 0x7d) this.mismatch(depth - 1, c);
    if (c === 0x27) this.fail('json.syntax', at, depth, MSG.singleQuote(), { expected: "'\"'", found: '"\'"' });
    if (c === 0x2b || c === 0x2e) this.badNumber(depth, at);
    if (isWordStart(c)) {
      const word = wordAt(t, at);
      if (word === 'NaN' || word === 'Infinity') {
        this.fail('json.nan', at, depth, MSG.nan(word), { expected: '具体数值', found: word });
      }
      const lower = word.toLowerCase();
      if (lower === 'true' || lower === 'false' || lower === 'null') {
        this.fail('json.syntax', at, depth, MSG.wrongLiteral(word, lower), { expected: lower, found: word });
      }
      if (lower === 'none' || lower === 'nil' || lower === 'undefined') {
        this.fail('json.syntax', at, depth, MSG.wrongLiteral(word, 'null'), { expected: 'null', found: word });
      }
      this.fail('json.syntax', at, depth, MSG.unquotedText(word), { expected: `"${word}"`, found: word });
    }
    this.fail('json.syntax', at, depth, MSG.valueExpected(found), { expected: '一个值', found });
  }

  private badKey(depth: number, c: number, commaAt: number): never {
    const t = this.text;
    const at = this.pos;
    if (c < 0) this.eof(depth);
    this.oddChar(depth, c);
    const found = describeAt(t, at);
    const expected = '用英文双引号括起来的字段名';
    if (c === 0x27) this.fail('json.syntax', at, depth, MSG.singleQuote(), { expected: "'\"'", found: '"\'"' });
    if (c === 0x2c) this.fail('json.syntax', at, depth, MSG.doubleComma(), { expected, found });
    if (c === 0x5d) this.mismatch(depth, c);
    if (commaAt >= 0 && isDigit(c) && isDigit(t.charCodeAt(commaAt - 1))) {
      const digits = wordAt(t, at);
      this.fail('json.syntax', at, depth, MSG.keyIsNumber(digits), { expected, found: digits });
    }
    if (isWordStart(c)) {
      const word = wordAt(t, at);
      this.fail('json.syntax', at, depth, MSG.keyUnquoted(word), { expected: `"${word}"`, found: word });
    }
    this.fail('json.syntax', at, depth, MSG.keyExpected(found), { expected, found });
  }

  private badColon(depth: number, c: number, key: string, keyEnd: number): never {
    if (c < 0) this.eof(depth);
    this.oddChar(depth, c);
    const found = describeAt(this.text, this.pos);
    if (this.pos === keyEnd && c !== 0x22 && !isStop(c)) this.strayQuote(depth, keyEnd, found);
    this.fail('json.syntax', keyEnd, depth, MSG.missingColon(key, found), { expected: '":"', found });
  }

  private badAfterItem(depth: number, c: number, valueEnd: number, afterString: boolean): never {
    const inObject = this.text.charCodeAt(this.opens[depth] ?? 0) === 0x7b;
    const close = inObject ? '}' : ']';
    if (c < 0) this.eof(depth);
    this.oddChar(depth, c);
    const found = describeAt(this.text, this.pos);
    if (afterString && this.pos === valueEnd && c !== 0x22 && !isStop(c)) this.strayQuote(depth, valueEnd, found);
    if (c === 0x7d || c === 0x5d) this.mismatch(depth, c);
    const startsItem = inObject
      ? c === 0x22 || c === 0x27 || isWordStart(c)
      : c === 0x22 || c === 0x27 || c === 0x7b || c === 0x5b || c === 0x2d || isDigit(c) || isWordStart(c);
    const expected = `"," 或 "${close}"`;
    if (startsItem) {
      this.fail('json.syntax', valueEnd, depth, MSG.missingComma(this.at(this.pos)), { expected, found });
    }
    this.fail('json.syntax', this.pos, depth, MSG.unexpected(found, expected), { expected, found });
  }

  /** A string ended at the quote before `afterQuote`, and text follows directly: an unescaped quote. */
  private strayQuote(depth: number, afterQuote: number, found: string): never {
    this.fail('json.syntax', afterQuote - 1, depth, MSG.strayQuote(found), { expected: '\\"', found });
  }

  /** `c` closes the container at `depth` with the wrong bracket. */
  private mismatch(depth: number, c: number): never {
    const open = this.opens[depth] ?? 0;
    const openChar = this.text.charAt(open);
    const want = openChar === '{' ? '}' : ']';
    const found = String.fromCharCode(c);
    this.fail('json.syntax', this.pos, depth, MSG.mismatch(found, openChar, this.at(open), want), {
      expected: `"${want}"`,
      found: `"${found}"`,
    });
  }

  private badNumber(depth: number, start: number): never {
    const t = this.text;
    let end = start + 1;
    while (end < this.len && isNumberChar(t.charCodeAt(end))) end++;
    const lit = t.slice(start, end);
    const sign = lit.startsWith('-') ? '-' : '';
    const body = lit.slice(sign.length);
    const fix = (candidate: string, msg: (lit: string, fixed: string) => Msg) => {
      if (VALID_PLAIN_NUMBER.test(candidate)) {
        this.fail('json.number-format', start, depth, msg(lit, candidate), { expected: candidate, found: lit });
      }
    };
    if (lit === '-') this.fail('json.number-format', start, depth, MSG.minusAlone(), { found: lit });
    if (/^0[xX]/.test(body)) this.fail('json.number-format', start, depth, MSG.hex(lit), { found: lit });
    if (lit.startsWith('+')) fix(lit.slice(1), MSG.plusSign);
    if (/^0\d/.test(body)) fix(sign + body.replace(/^0+(?=\d)/, ''), MSG.leadingZero);
    if (body.startsWith('.')) fix(`${sign}0${body}`, MSG.leadingDot);
    if (body.endsWith('.')) fix(lit.slice(0, -1), MSG.trailingDot);
    this.fail('json.number-format', start, depth, MSG.badNumber(lit), { found: lit });
  }

  private badStringChar(depth: number, start: number, p: number, c: number): never {
    if (p >= this.len) this.fail('json.syntax', start, depth, MSG.stringEof(), { expected: "'\"'", found: '文件结尾' });
    if (c === 0x0a || c === 0x0d) {
      this.fail('json.syntax', p, depth, MSG.stringNewline(this.at(start)), { expected: "'\"'", found: '换行' });
    }
    const name = charName(c);
    this.fail('json.syntax', p, depth, MSG.controlChar(name, c === 0x09), { found: name });
  }

  private extraContent(end: number, c: number): never {
    this.oddChar(0, c);
    const found = describeAt(this.text, this.pos);
    const endAt = this.at(end - 1);
    if (c === 0x7d || c === 0x5d) this.fail('json.syntax', this.pos, 0, MSG.extraClose(found, endAt), { found });
    this.fail('json.syntax', this.pos, 0, MSG.extraContent(found, endAt), { expected: '文件结尾', found });
  }
}

function hex4(t: string, p: number): number {
  let v = 0;
  for (let i = 0; i < 4; i++) {
    const c = t.charCodeAt(p + i);
    let d: number;
    if (c >= 0x30 && c <= 0x39) d = c - 0x30;
    else if (c >= 0x61 && c <= 0x66) d = c - 0x57;
    else if (c >= 0x41 && c <= 0x46) d = c - 0x37;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

// ─── Bytes ────────────────────────────────────────────────────────────────────────────────────────

// ignoreBOM: we strip one BOM ourselves (with a warning); a second one must reach the parser.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Offset of the first byte that starts an invalid UTF-8 sequence (WHATWG rules), or -1. */
function firstBadUtf8(b: Uint8Array): number {
  const n = b.length;
  for (let i = 0; i < n; ) {
    const x = b[i] ?? 0;
    if (x < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (x >= 0xc2 && x <= 0xdf) need = 1;
    else if (x >= 0xe0 && x <= 0xef) {
      need = 2;
      if (x === 0xe0) lo = 0xa0;
      else if (x === 0xed) hi = 0x9f; // no encoded surrogates
    } else if (x >= 0xf0 && x <= 0xf4) {
      need = 3;
      if (x === 0xf0) lo = 0x90;
      else if (x === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    if (i + need >= n) return i;
    const y = b[i + 1] ?? 0;
    if (y < lo || y > hi) return i;
    for (let k = 2; k <= need; k++) {
      const z = b[i + k] ?? 0;
      if (z < 0x80 || z > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

function looksLikeGbk(b: Uint8Array): boolean {
  try {
    new TextDecoder('gbk', { fatal: true }).decode(b);
    return true;
  } catch {
    return false; // not GBK either, or this Node has no GBK decoder
  }
}

function encodingIssue(body: Uint8Array): JsonIssue {
  const bad = Math.max(0, firstBadUtf8(body));
  const prefix = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body.subarray(0, bad));
  const pos = lookup(buildIndex(prefix), prefix.length, prefix.length);
  const bytes = Array.from(body.subarray(bad, bad + 2), (x) => `0x${x.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
  return makeIssue('error', 'json.encoding', prefix.length, pos, '', MSG.badUtf8(bytes, looksLikeGbk(body)), {
    expected: 'UTF-8',
    found: bytes,
  });
}

const fileIssue = (rule: Rule, msg: Msg, extra?: { expected?: string; found?: string }, severity: JsonIssue['severity'] = 'error') =>
  makeIssue(severity, rule, 0, undefined, '', msg, extra);

/** Size in MB with one decimal, rounded up so that a file just over the limit never shows as equal to it. */
const sizeMB = (n: number) => String(Math.ceil((n * 10) / MiB) / 10);

/**
 * Decodes and parses one data file. Never throws for anything in the bytes: every problem is an
 * issue, and `value` is undefined when one of them was fatal.
 */
export function readJsonBytes(bytes: Uint8Array, opts: { maxBytes?: number } = {}): ParsedJson {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    const size = sizeMB(bytes.length);
    const limit = String(Math.round((maxBytes * 10) / MiB) / 10);
    return {
      value: undefined,
      text: '',
      issues: [fileIssue('json.too-large', MSG.tooLarge(size, limit), { expected: `不超过 ${limit} MB`, found: `${size} MB` })],
    };
  }
  const b0 = bytes[0];
  const b1 = bytes[1];
  const issues: JsonIssue[] = [];
  const utf16 = (variant: string): ParsedJson => ({
    value: undefined,
    text: '',
    issues: [...issues, fileIssue('json.encoding', MSG.utf16(variant), { expected: 'UTF-8', found: variant })],
  });
  if (b0 === 0xff && b1 === 0xfe) return utf16('UTF-16 LE');
  if (b0 === 0xfe && b1 === 0xff) return utf16('UTF-16 BE');
  let body = bytes;
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    body = bytes.subarray(3);
    issues.push(fileIssue('json.bom', MSG.bom(), { found: 'BOM' }, 'warning'));
  }
  // JSON text starts with ASCII; a NUL byte next to it means UTF-16 saved without a BOM.
  if (body.length >= 2 && (body[0] === 0 || body[1] === 0)) return utf16(body[0] === 0 ? 'UTF-16 BE' : 'UTF-16 LE');

  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    return { value: undefined, text: '', issues: [...issues, encodingIssue(body)] };
  }
  if (/^[ \t\r\n]*$/.test(text)) {
    return { value: undefined, text, issues: [...issues, fileIssue('json.empty', MSG.empty())] };
  }
  const value = new Parser(text, issues).document();
  // An issue inside a member's value is found before the member's own (duplicate, reserved key);
  // a clerk reads top to bottom. The sort is stable, so the BOM warning stays first.
  issues.sort((a, b) => a.offset - b.offset);
  return { value, issues, text };
}
