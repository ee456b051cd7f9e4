/**
 * Checks data/_reference/<year>.json (政府收支分类科目).
 *
 *   npx tsx scripts/reference/verify-reference.ts [dir]
 *
 * Prints "reference OK" or every problem found, then exits 1.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIR = process.argv[2] ?? join(ROOT, 'data/_reference');
const EXPECTED_YEARS = [2021, 2022, 2023, 2024, 2025, 2026, 2027];

const FUNCTION_CODE = /^\d{3}(\d{2}(\d{2})?)?$/;
const ECONOMIC_CODE = /^\d{3}(\d{2})?$/;
const TOP_KEYS = ['year', 'source', 'function', 'summaryClasses', 'economicDepartment', 'economicGovernment'];
/** A provisional file: the Ministry's table for the year not found, an earlier year's carried forward. */
const PROVISIONAL_KEYS = ['year', 'status', 'source', 'basis', 'function', 'summaryClasses', 'economicDepartment', 'economicGovernment'];
/** The Shanghai corpus as fixtures: every table row printed with a code, and its printed name. */
const CORPUS_DIR = join(ROOT, 'test/fixtures/corpus/shanghai');
/** Codes of the district's 2024 部门决算 template (shared/corpus/shanghai-putuo/final-template-2024.txt), not in a fixture. */
const SHANGHAI_FINAL_TEMPLATE_2024: Record<string, string> = {
  '205': '教育支出', '20502': '普通教育', '2050205': '高等教育', '207': '文化旅游体育与传媒支出',
  '20799': '其他文化旅游体育与传媒支出', '30311': '代缴社会保险费', '30399': '其他对个人和家庭的补助',
};

/** Codes the seed booklets use (shared/seeds), with the names they must carry. */
const SEED_FUNCTION: Record<number, Record<string, string>> = {
  // seed 004: 济源 2021 部门预算 (Henan layout, codes printed as 类/款/项 columns)
  2021: {
    '208': '社会保障和就业支出', '20801': '人力资源和社会保障管理事务', '2080107': '社会保险业务管理事务',
    '2080108': '信息化建设', '2080109': '社会保险经办机构', '20805': '行政事业单位养老支出',
    '2080501': '行政单位离退休', '2080502': '事业单位离退休', '2080505': '机关事业单位基本养老保险缴费支出',
    '20899': '其他社会保障和就业支出', '2089999': '其他社会保障和就业支出', '210': '卫生健康支出',
    '21011': '行政事业单位医疗', '2101103': '公务员医疗补助', '2101199': '其他行政事业单位医疗支出',
    '21013': '医疗救助', '2101301': '城乡医疗救助', '21014': '优抚对象医疗', '2101401': '优抚对象医疗补助',
    '21015': '医疗保障管理事务', '2101501': '行政运行', '2101502': '一般行政管理事务', '2101504': '信息化建设',
    '2101505': '医疗保障政策管理', '2101550': '事业运行', '2101599': '其他医疗保障管理事务支出',
    '212': '城乡社区支出', '21208': '国有土地使用权出让收入安排的支出', '2120809': '支付破产或改制企业职工安置费',
    '221': '住房保障支出', '22102': '住房改革支出', '2210201': '住房公积金', '229': '其他支出',
    '22960': '彩票公益金安排的支出', '2296013': '用于城乡医疗救助的彩票公益金支出',
  },
  // seed 001: 淮北市医疗保障局本级 2023 决算 (text references 类/款/项)
  2023: {
    '201': '一般公共服务支出', '20113': '商贸事务', '2011308': '招商引资', '2080501': '行政单位离退休',
    '2080505': '机关事业单位基本养老保险缴费支出', '2080506': '机关事业单位职业年金缴费支出',
    '2089999': '其他社会保障和就业支出', '2101101': '行政单位医疗', '2101103': '公务员医疗补助',
    '2101501': '行政运行', '2101505': '医疗保障政策管理', '2210201': '住房公积金', '2210202': '提租补贴',
    '2210203': '购房补贴',
  },
  // seed 002: 泗县医疗保障局 2024 预算 (tables); seed 000: 淮北 医保中心 2024 预算 (text)
  2024: {
    '208': '社会保障和就业支出', '20801': '人力资源和社会保障管理事务', '2080109': '社会保险经办机构',
    '20805': '行政事业单位养老支出', '2080502': '事业单位离退休', '2080505': '机关事业单位基本养老保险缴费支出',
    '2080506': '机关事业单位职业年金缴费支出', '2089999': '其他社会保障和就业支出',
    '210': '卫生健康支出', '21011': '行政事业单位医疗', '2101101': '行政单位医疗', '2101102': '事业单位医疗',
    '2101103': '公务员医疗补助', '21012': '财政对基本医疗保险基金的补助',
    '2101202': '财政对城乡居民基本医疗保险基金的补助', '21013': '医疗救助', '2101301': '城乡医疗救助',
    '21014': '优抚对象医疗', '2101499': '其他优抚对象医疗支出', '21015': '医疗保障管理事务',
    '2101501': '行政运行', '2101506': '医疗保障经办事务', '2101550': '事业运行',
    '2101599': '其他医疗保障管理事务支出', '221': '住房保障支出', '22102': '住房改革支出',
    '2210201': '住房公积金', '2210202': '提租补贴', '2210203': '购房补贴',
  },
};
/** seed 002's 一般公共预算基本支出表 (2024), names as officially written. */
const SEED_ECONOMIC_2024: Record<string, string> = {
  '301': '工资福利支出', '30101': '基本工资', '30102': '津贴补贴', '30103': '奖金', '30106': '伙食补助费',
  '30107': '绩效工资', '30108': '机关事业单位基本养老保险缴费', '30109': '职业年金缴费',
  '30110': '职工基本医疗保险缴费', '30111': '公务员医疗补助缴费', '30112': '其他社会保障缴费',
  '302': '商品和服务支出', '30201': '办公费', '30202': '印刷费', '30203': '咨询费', '30206': '电费',
  '30207': '邮电费', '30209': '物业管理费', '30211': '差旅费', '30213': '维修（护）费', '30217': '公务接待费',
  '30228': '工会经费', '30229': '福利费', '30231': '公务用车运行维护费', '30239': '其他交通费用',
  '30299': '其他商品和服务支出', '303': '对个人和家庭的补助', '30302': '退休费', '30307': '医疗费补助',
  '30399': '其他对个人和家庭的补助', '310': '资本性支出', '31002': '办公设备购置',
};
/** seed 002's 收支总表 (2024): 27 rows, 一般公共服务支出 … 债务发行费用支出. */
const SEED_SUMMARY_2024 = [
  '一般公共服务支出', '外交支出', '国防支出', '公共安全支出', '教育支出', '科学技术支出', '文化旅游体育与传媒支出',
  '社会保障和就业支出', '卫生健康支出', '节能环保支出', '城乡社区支出', '农林水支出', '交通运输支出',
  '资源勘探工业信息等支出', '商业服务业等支出', '金融支出', '援助其他地区支出', '自然资源海洋气象等支出',
  '住房保障支出', '粮油物资储备支出', '灾害防治及应急管理支出', '预备费', '其他支出', '转移性支出',
  '债务还本支出', '债务付息支出', '债务发行费用支出',
];

const problems: string[] = [];
const report = (file: string, msg: string) => problems.push(`${file}: ${msg}`);

/** Keys of one top-level code map, in the order they are written in the file. */
function writtenKeyOrder(text: string, section: string): string[] {
  const start = text.indexOf(`"${section}": {`);
  if (start < 0) return [];
  const end = text.indexOf('}', start);
  return [...text.slice(start, end).matchAll(/^\s*"(\d+)"\s*:/gm)].map((m) => m[1]!);
}

function checkMap(
  file: string,
  text: string,
  section: string,
  map: unknown,
  codeRe: RegExp,
): Record<string, string> {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    report(file, `${section} is not an object`);
    return {};
  }
  const m = map as Record<string, unknown>;
  for (const [code, name] of Object.entries(m)) {
    if (!codeRe.test(code)) report(file, `${section}: bad code "${code}"`);
    if (typeof name !== 'string' || name.trim() === '') report(file, `${section}: ${code} has an empty name`);
    else if (name !== name.trim()) report(file, `${section}: ${code} name has surrounding spaces: "${name}"`);
    if (code.length === 5 && !(code.slice(0, 3) in m)) report(file, `${section}: 款 ${code} has no 类 ${code.slice(0, 3)}`);
    if (code.length === 7 && !(code.slice(0, 5) in m)) report(file, `${section}: 项 ${code} has no 款 ${code.slice(0, 5)}`);
  }
  const order = writtenKeyOrder(text, section);
  const sorted = [...order].sort();
  if (order.join() !== sorted.join()) report(file, `${section}: keys not written in code order`);
  return m as Record<string, string>;
}

if (!existsSync(DIR)) {
  console.error(`no reference directory: ${DIR}`);
  process.exit(1);
}
const files = readdirSync(DIR).filter((n) => /^\d{4}\.json$/.test(n)).sort();
for (const y of EXPECTED_YEARS) if (!files.includes(`${y}.json`)) problems.push(`${y}.json: missing`);

for (const name of files) {
  const path = join(DIR, name);
  const text = readFileSync(path, 'utf8');
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text);
  } catch (e) {
    report(name, `not JSON: ${(e as Error).message}`);
    continue;
  }
  const keys = Object.keys(data);
  const provisional = 'status' in data;
  const expectedKeys = provisional ? PROVISIONAL_KEYS : TOP_KEYS;
  if (keys.join() !== expectedKeys.join()) report(name, `top-level keys must be ${expectedKeys.join(', ')} (found ${keys.join(', ')})`);
  if (provisional) {
    if (data.status !== 'provisional') report(name, `status must be "provisional" (found ${JSON.stringify(data.status)})`);
    const basis = data.basis;
    if (typeof basis !== 'number' || typeof data.year !== 'number' || basis >= data.year) report(name, `basis ${String(basis)} must be an earlier year`);
    else if (!files.includes(`${basis}.json`)) report(name, `basis ${basis}.json does not exist`);
    else if ('status' in (JSON.parse(readFileSync(join(DIR, `${basis}.json`), 'utf8')) as object)) report(name, `basis ${basis} is itself provisional`);
    if (typeof data.source !== 'string' || !data.source.startsWith('暂定') || !data.source.includes(`${String(basis)}年政府收支分类科目`)) {
      report(name, `a provisional source must start with 暂定 and name the basis year's table`);
    }
  }
  if (!text.startsWith('{\n  "year": ') || !text.endsWith('}\n')) report(name, 'not pretty-printed with 2-space indent and a final newline');
  const year = data.year;
  if (typeof year !== 'number' || `${year}.json` !== basename(name)) report(name, `year ${String(year)} does not match the file name`);
  if (typeof data.source !== 'string' || !data.source.includes(`${String(year)}年政府收支分类科目`)) report(name, `source should name 《${String(year)}年政府收支分类科目》`);

  const fn = checkMap(name, text, 'function', data.function, FUNCTION_CODE);
  const dep = checkMap(name, text, 'economicDepartment', data.economicDepartment, ECONOMIC_CODE);
  const gov = checkMap(name, text, 'economicGovernment', data.economicGovernment, ECONOMIC_CODE);
  for (const c of Object.keys(dep)) if (!/^3/.test(c)) report(name, `economicDepartment: ${c} is not a 3xx code`);
  for (const c of Object.keys(gov)) if (!/^5/.test(c)) report(name, `economicGovernment: ${c} is not a 5xx code`);
  for (const c of Object.keys(fn)) if (!/^2/.test(c)) report(name, `function: ${c} is not a 2xx code`);
  for (const [c, n] of Object.entries(fn)) if (c.length === 3 && c !== '227' && !n.endsWith('支出')) report(name, `function: 类 ${c} "${n}" lacks the 支出 suffix`);

  const sc = data.summaryClasses;
  if (!Array.isArray(sc) || sc.length === 0) report(name, 'summaryClasses is not a non-empty array');
  else {
    const seen = new Set<string>();
    let prev = '';
    for (const c of sc) {
      if (typeof c !== 'string' || !/^\d{3}$/.test(c)) report(name, `summaryClasses: "${String(c)}" is not a 类 code`);
      else if (!(c in fn)) report(name, `summaryClasses: ${c} is not in function`);
      if (seen.has(c)) report(name, `summaryClasses: ${c} twice`);
      if (typeof c === 'string' && c <= prev) report(name, `summaryClasses: ${c} out of national order`);
      seen.add(c);
      prev = String(c);
    }
  }

  if (typeof year === 'number') {
    for (const [c, n] of Object.entries(SEED_FUNCTION[year] ?? {})) {
      if (fn[c] === undefined) report(name, `function: seed code ${c} ${n} missing`);
      else if (fn[c] !== n) report(name, `function: ${c} is "${fn[c]}", seed has "${n}"`);
    }
    if (year === 2024) {
      for (const [c, n] of Object.entries(SEED_ECONOMIC_2024)) {
        if (dep[c] === undefined) report(name, `economicDepartment: seed code ${c} ${n} missing`);
        else if (dep[c] !== n) report(name, `economicDepartment: ${c} is "${dep[c]}", seed has "${n}"`);
      }
      const names = Array.isArray(sc) ? sc.map((c) => fn[String(c)]) : [];
      if (names.join() !== SEED_SUMMARY_2024.join()) report(name, `summaryClasses do not match seed 002's 27 rows: ${names.join('、')}`);
      for (const [c, n] of Object.entries(SHANGHAI_FINAL_TEMPLATE_2024)) {
        const have = c.startsWith('3') ? dep[c] : fn[c];
        if (have === undefined) report(name, `Shanghai 2024 决算 template code ${c} ${n} missing`);
        else if (have !== n) report(name, `${c} is "${have}", the Shanghai 2024 决算 template has "${n}"`);
      }
    }
    for (const [c, n, where] of unique(corpusCodes(year))) {
      const have = c.startsWith('3') ? dep[c] : fn[c];
      if (have === undefined) report(name, `Shanghai corpus code ${c} ${n} (${where}) missing`);
      else if (sameName(have) !== sameName(n)) report(name, `${c} is "${have}", ${where} prints "${n}"`);
    }
  }
}

function unique(rows: Array<[string, string, string]>): Array<[string, string, string]> {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.join('|')) && seen.add(r.join('|')) !== undefined);
}

/** Half- and full-width brackets print alike. */
function sameName(n: string): string {
  return n.replace(/\(/g, '（').replace(/\)/g, '）');
}

/** Every [code, printed name, fixture] of the Shanghai corpus fixtures of a year. */
function corpusCodes(year: number): Array<[string, string, string]> {
  if (!existsSync(CORPUS_DIR)) return [];
  const out: Array<[string, string, string]> = [];
  for (const f of readdirSync(CORPUS_DIR).filter((n) => n.endsWith('.json')).sort()) {
    const doc = JSON.parse(readFileSync(join(CORPUS_DIR, f), 'utf8')) as { year: number; tables: Array<{ rows?: Array<{ code: string | null; label: string }> }> };
    if (doc.year !== year) continue;
    for (const t of doc.tables) for (const r of t.rows ?? []) if (r.code) out.push([r.code, r.label, f]);
  }
  return out;
}

if (problems.length) {
  for (const p of problems) console.log(p);
  console.log(`${problems.length} problem(s)`);
  process.exit(1);
}
console.log('reference OK');
