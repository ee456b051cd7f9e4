/**
 * Rule family «text»: the clerk's own words. Every string of the document is read the way a
 * reviewer reads it: doubled words and punctuation, brackets and quotes left open, a sentence
 * that stops after 是, a percentage without its sign, a comparison with the wrong year, the old
 * name of a 功能分类 class, a class named differently in the text and the 科目表, 部门 wording in
 * a 单位 booklet, and a reason that says nothing. Each is a guess about language, so each is a
 * warning, never an error.
 */
import { messages, type Text } from '../messages.ts';
import { figureDef, figureCode } from '../figures.ts';
import { push, type DocContext } from './context.ts';
import { walkStrings, pointerOf, type Path } from './strings.ts';
import type { Library, Rename } from '../../model/reference.ts';

interface LanguageFinding {
  rule: string;
  text: Text;
  expected: string | undefined;
  found: string;
}

/**
 * The findings that depend on the string alone, cached by the string: booklets repeat their
 * wording from file to file and year to year, and a district's check reads the same sentences
 * thousands of times (npm run bench). The cache is dropped when it grows past its bound.
 */
const languageCache = new Map<string, readonly LanguageFinding[]>();
const NONE: readonly LanguageFinding[] = [];
const BRACKET_CHARS = /[（()）“”‘’《》【】"]/;

function languageFindings(text: string): readonly LanguageFinding[] {
  const cached = languageCache.get(text);
  if (cached !== undefined) return cached;
  const out: LanguageFinding[] = [];
  const doubled = DOUBLED.exec(text);
  if (doubled) out.push({ rule: 'text.doubled', text: messages['text.doubled']({ word: doubled[0], text: excerpt(text, doubled.index, doubled[0].length) }), expected: doubled[1] ?? doubled[2] ?? doubled[0].slice(0, 1), found: doubled[0] });
  const punct = PUNCTUATION.exec(text);
  if (punct) out.push({ rule: 'text.punctuation', text: messages['text.punctuation']({ marks: punct[0], text: excerpt(text, punct.index, punct[0].length) }), expected: undefined, found: punct[0] });
  if (BRACKET_CHARS.test(text)) {
    const plain = text.replace(ENUMERATION, '$1').replace(/\]\([^)]*\)/g, ']');
    for (const [open, close, what] of PAIRS) {
      const opened = count(plain, open);
      const closed = count(plain, close);
      if (opened !== closed) {
        out.push({ rule: 'text.brackets', text: messages['text.brackets']({ what, opened, closed, text: excerpt(text, 0, 24) }), expected: `${opened} 个左、${opened} 个右`, found: `${opened} 个左、${closed} 个右` });
        break;
      }
    }
    const quotes = count(plain, /"/g);
    if (quotes % 2 === 1) out.push({ rule: 'text.brackets', text: messages['text.brackets']({ what: '英文引号 "', opened: quotes, closed: 0, text: excerpt(text, text.indexOf('"'), 1) }), expected: '成对', found: '单个' });
  }
  const dangling = DANGLING.exec(text);
  if (dangling) out.push({ rule: 'text.dangling', text: messages['text.dangling']({ text: excerpt(text, dangling.index, dangling[0].length) }), expected: `${dangling[1]}……（内容）`, found: dangling[0] });
  const noPercent = NO_PERCENT.exec(text);
  if (noPercent) out.push({ rule: 'text.percent-sign', text: messages['text.percent-sign']({ text: excerpt(text, noPercent.index, noPercent[0].length) }), expected: `${noPercent[2]}%`, found: noPercent[2]! });
  const twice = amountGivenTwice(text);
  if (twice) out.push({ rule: 'text.amount-twice', text: messages['text.amount-twice'](twice), expected: twice.first, found: twice.second });
  const result = out.length ? out : NONE;
  if (languageCache.size > 50_000) languageCache.clear();
  // The key is a copy: the text may be a slice of its whole data file (V8 keeps the file's text
  // alive for it), and 50,000 keys would then hold thousands of files (a build worker ran out of
  // memory at 10,000 booklets).
  languageCache.set(Buffer.from(text, 'utf16le').toString('utf16le'), result);
  return result;
}

/**
 * "名称 + 金额" in a paragraph: the words since the last pause mark, then the amount and its unit
 * ("……一般公共预算拨款收入1,234.56万元"). A name that starts with a comparison or ends with a
 * change word ("比上年增加12万元") names a change, not the amount, and is left out.
 */
const NAMED_AMOUNT = /([\u4e00-\u9fff“”"（）()]{4,30})(\d[\d,]*(?:\.\d+)?)(万元|亿元|元)/g;
/** Only the names of budget amounts (收入总计, 一般公共预算财政拨款支出, 机关运行经费): generic words
 * such as "支出资金" repeat in enumerations of different things ("住院救助…支出资金…；门诊救助…支出资金…"). */
const AMOUNT_NAME = /(?:收入|支出|经费|拨款|总计|合计|总额|费用|运行费)$/;
/** Who and when, in front of the name: "本单位收入总计" and "收入总计" name one amount. */
const SUBJECT_PREFIX = /^(?:本单位|本部门|我单位|我部门|本级|本年度|本年|今年|全年|当年)+/;
const CHANGE_NAME = /^(?:比|较|与|同|其中|增|减)|(?:增加|减少|增长|下降|增|减|节约|超支|相比|持平|降低|上升|差额|结余|结转)$/;

/** The first name of a paragraph given two different amounts in it, e.g. 收入总计 1,000 and 1,100 万元. */
function amountGivenTwice(text: string): { name: string; first: string; second: string; text: string } | undefined {
  if (!/\d/.test(text)) return undefined;
  for (const paragraph of text.split(/\n\s*\n/)) {
    const seen = new Map<string, string>();
    for (const m of paragraph.matchAll(NAMED_AMOUNT)) {
      const name = m[1]!.replace(/^[“”"（）()]+/, '').replace(SUBJECT_PREFIX, '').replace(/(?:为|是|达|约)$/, '');
      // A name right after a number ("2024年基本支出", "……万元基本支出") is a different year's or a phrase's tail.
      if (name.length < 4 || CHANGE_NAME.test(name) || !AMOUNT_NAME.test(name) || /\d/.test(paragraph[m.index! - 1] ?? '')) continue;
      const amount = `${m[2]!.replace(/,/g, '')}${m[3]}`;
      const before = seen.get(name);
      if (before === undefined) seen.set(name, amount);
      else if (before !== amount) return { name, first: before, second: amount, text: excerpt(paragraph, m.index!, m[0].length) };
    }
  }
  return undefined;
}

/** Keys whose strings are identifiers or recorded words, not the clerk's prose. */
const NOT_PROSE = new Set(['profile', 'approvedDate', 'publishedDate', 'code', 'unitCode', 'changeWord', 'compareWord', 'rule', 'pointer']);

/**
 * A word or phrase written twice in a row ("资金资金", "医疗保险医疗保险"), or a clause twice
 * ("从评价情况看，从评价情况看，"); a single character only where Chinese never doubles it
 * (实实在在, 的的确确 and 常常 are words, and "……医疗救助，医疗救助对象……" is a clause that picks up
 * where the last one ended, so a phrase before one comma only is not a finding).
 */
const DOUBLED = /([\u4e00-\u9fff]{2,12})\1|([\u4e00-\u9fff]{2,12})，\2，|元元|和和|与与/;
/** Sentence punctuation twice, or a pause mark right before or after a full stop. */
const PUNCTUATION = /。。|，，|；；|：：|、、|！！|？？|[，、；：][。！？]|[。！？][，、；：]/;
/** A sentence that ends right after the word that should introduce its content. */
const DANGLING = /(原因是|原因为|主要用于|用于|包括|因为|由于|主要是|具体为|分别为|主要为|如下)[。；！]/;
/** A share or rate written without its % sign: "占76.23，". */
const NO_PERCENT = /(占[^\d，。；%％]{0,12}?|增长|下降|增幅|降幅|完成[^\d，。；]{0,8}?)(\d{1,3}\.\d{1,2})(?=[，。；、）)]|$)/;
/** "比2025年" / "与2025年度…相比" / "较2025年": the year a comparison is made with. */
const COMPARED_YEAR = /(?:比|较|与|同)(\d{4})年/g;
/** A class named with its code in the text: "卫生健康支出（210类）". */
const NAMED_CLASS = /([\u4e00-\u9fff]+?)（(\d{3})类）/g;
/** Enumerations such as "1）" or "（一）" close a bracket they never opened. */
const ENUMERATION = /(^|[\s。；：，、])[\d一二三四五六七八九十]{1,3}[）)]/gm;

const PAIRS: Array<[RegExp, RegExp, string]> = [
  [/[（(]/g, /[）)]/g, '括号“（）”'],
  [/“/g, /”/g, '引号“”'],
  [/‘/g, /’/g, '引号‘’'],
  [/《/g, /》/g, '书名号《》'],
  [/【/g, /】/g, '方括号【】'],
];

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

const excerpt = (text: string, at: number, length: number) => {
  const from = Math.max(0, at - 8);
  return text.slice(from, at + length + 8).replace(/\s+/g, ' ');
};

export function checkText(ctx: DocContext, lib: Library): void {
  const { doc, file } = ctx;
  const year = file.year;
  const renames = lib.renames.filter((r) => r.since <= year);
  const classes = ctx.reference?.function ?? {};
  const unitLevel = file.unit.level === 'unit';
  const comparedYears = ctx.kind === 'budget' ? [year - 1] : [year - 1, year];

  walkStrings(doc, [], (text, path) => {
    const key = path[path.length - 1];
    if (path[0] === 'acknowledged' || (typeof key === 'string' && NOT_PROSE.has(key))) return;
    if (!/[\u4e00-\u9fff]/.test(text)) return;
    const pointer = () => pointerOf(path);

    for (const f of languageFindings(text)) push(ctx, pointer(), 'warning', f.rule, f.text, f.expected, f.found);

    if (isExplanation(path) && text.includes('年')) {
      for (const m of text.matchAll(COMPARED_YEAR)) {
        const y = Number(m[1]);
        if (!comparedYears.includes(y)) {
          push(ctx, pointer(), 'warning', 'text.year', messages['text.year']({ year, kind: ctx.kind === 'budget' ? '预算' : '决算', stated: y, expected: comparedYears.join('或'), text: excerpt(text, m.index, m[0].length) }), comparedYears.map((c) => `${c}年`).join('或'), `${y}年`);
          break;
        }
      }
    }

    for (const r of renames) {
      const at = text.indexOf(r.from);
      if (at >= 0) {
        push(ctx, pointer(), 'warning', 'text.old-name', messages['text.old-name']({ old: r.from, current: r.to, code: r.code, since: r.since, year, text: excerpt(text, at, r.from.length) }), r.to, r.from);
        break;
      }
    }

    if (text.includes('类）')) for (const m of text.matchAll(NAMED_CLASS)) {
      const name = classes[m[2]!];
      if (name === undefined || m[1]!.endsWith(name) || renames.some((r) => m[1]!.includes(r.from))) continue;
      push(ctx, pointer(), 'warning', 'text.class-name', messages['text.class-name']({ code: m[2]!, printed: m[0], official: name, year }), `${name}（${m[2]}类）`, m[0]);
      break;
    }

    if (unitLevel && path[0] !== 'glossary' && text.includes('部门')) {
      const level = /(本部门|部门预算|部门决算)(?!支出)(?!经济分类)/.exec(text);
      if (level) push(ctx, pointer(), 'warning', 'text.level', messages['text.level']({ word: level[1]!, text: excerpt(text, level.index, level[0].length) }), level[1]!.replace('部门', '单位'), level[1]!);
    }
  });

  checkPurposeSubjects(ctx);

  // A reason that is empty or only repeats the name of its line.
  for (const [key, figure] of Object.entries(doc.figures)) {
    for (const field of ['reason', 'budgetReason'] as const) {
      const reason = figure[field];
      if (reason === undefined) continue;
      const bare = reason.replace(/[\s。，；：、！？“”"（）()]/g, '');
      const code = figureCode(key);
      const names = [figureDef(key)?.label, code ? classes[code] : undefined].filter((n): n is string => !!n).map((n) => n.replace(/[\s“”"（）()]/g, ''));
      if (bare === '' || names.includes(bare)) {
        push(ctx, `/figures/${key.replace(/~/g, '~0').replace(/\//g, '~1')}/${field}`, 'warning', 'text.reason-empty', messages['text.reason-empty']({ key, reason: reason.trim() }), '写明增减的具体原因', reason.trim() || '（空）');
      }
    }
  }
}

/** The reference's distinctive 类 and 款 names ("卫生健康支出", "行政事业单位养老支出"), per reference. */
const subjectNames = new WeakMap<object, Array<[code: string, name: string]>>();
function namesOf(table: Record<string, string>): Array<[string, string]> {
  let list = subjectNames.get(table);
  if (!list) {
    list = Object.entries(table).filter(([code, name]) => code.length <= 5 && name.endsWith('支出') && name.length >= 5);
    subjectNames.set(table, list);
  }
  return list;
}

/**
 * A purpose text ("主要用于……") of a 功能分类 line that names a 类 or 款 the line does not belong
 * to: the sentence was probably copied from another line's. Related codes (the line's class and
 * 款, or those under it) are its own; a name that is also a related code's name, or part of one,
 * is not counted.
 */
export function checkPurposeSubjects(ctx: DocContext): void {
  const table = ctx.reference?.function;
  if (!table) return;
  const names = namesOf(table);
  for (const [key, figure] of Object.entries(ctx.doc.figures)) {
    const text = figure.purpose;
    const code = figureCode(key);
    if (!text || !code || key.startsWith('economic:') || !/支出/.test(text)) continue;
    const related = (c: string) => c.startsWith(code) || code.startsWith(c);
    const own = names.filter(([c]) => related(c)).map(([, n]) => n);
    own.push(table[code] ?? '');
    const hit = names.find(([c, n]) => !related(c) && text.includes(n) && !own.some((o) => o.includes(n)));
    if (!hit) continue;
    const at = text.indexOf(hit[1]);
    push(ctx, `/figures/${key.replace(/~/g, '~0').replace(/\//g, '~1')}/purpose`, 'warning', 'text.purpose-subject',
      messages['text.purpose-subject']({ code, name: table[code] ?? code, other: hit[1], otherCode: hit[0], text: excerpt(text, at, hit[1].length) }), table[code] ?? code, `${hit[1]}（${hit[0]}）`);
  }
}

/** The 说明: the stated figures' reasons and purposes, and the explanation's free sections. */
function isExplanation(path: Path): boolean {
  return path[0] === 'figures' || (path[0] === 'narrative' && path[1] === 'otherMatters');
}

export type { Rename };
