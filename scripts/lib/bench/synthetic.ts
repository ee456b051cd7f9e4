/**
 * Synthetic unit-year files for the benchmark (`npm run bench`) and the tests.
 *
 *   syntheticDistrict(N) ─▶ blocks of 100 files ─▶ 部门 of 1–3 单位 (groupFiles), each unit a plan:
 *        name, code, 科目 rows per fund (data/_reference, codes valid in 2023–2025), projects
 *     ─▶ per year: each 单位's amounts (yearData, within −8 … +12 % of its plan) ─▶ the 部门's,
 *        their sum 科目 by 科目 (sumYearData) ─▶ the file (compose): 类/款 subtotals, income,
 *        procurement, 三公, assets, performance, figures with last year's amounts as 上年数
 *   syntheticFile(i): one standalone 部门's 2024 budget, the same way (a plan, a year, no 上年 file)
 *
 * A generated file is a budget in profile anhui-2024 of realistic size (≈150 expenditure rows,
 * 5–20 projects with ~10 绩效 indicators each) that `check` passes with no finding at all, also
 * across files (部门 = Σ 单位, 上年数, links): every subtotal, share, change and rate is computed
 * from the rows in integer units of 0.01 万元, and percentages are rounded half-up by money.ts,
 * as the booklet would print them.
 *
 * Deterministic: the same index, or the same count, gives the same files, byte for byte (no
 * Math.random, no clock).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  Assets,
  DepartmentPerformance,
  EconomicRow,
  ExpenditureRow,
  Figure,
  FundSource,
  Income,
  Indicator,
  ProcurementItem,
  Project,
  PurchasedService,
  ThreePublic,
  UnitYearFile,
} from '../model/schema.ts';
import { formatPercent } from '../model/money.ts';
import { addDays } from '../model/dates.ts';

export const SYNTHETIC_YEAR = 2024;
/** The district's years (syntheticDistrict): every unit has a file for each, unless it was set up in the last. */
export const SYNTHETIC_YEARS = [2023, 2024, 2025] as const;
export const SYNTHETIC_PROFILE = 'anhui-2024';

// ─── PRNG ─────────────────────────────────────────────────────────────────────────────────────────

/** mulberry32: small, fast, and good enough to vary test data; seeded per file index. */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** [0, 1) */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** k distinct items, in their original order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const idx = items.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    return idx
      .slice(0, Math.min(k, items.length))
      .sort((a, b) => a - b)
      .map((i) => items[i]!);
  }
}

function seedOf(index: number): number {
  // splitmix-style scramble so that neighbouring indexes start far apart
  let h = Math.imul((index + 1) ^ 0x5bd1e995, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

// ─── Amounts ──────────────────────────────────────────────────────────────────────────────────────
// Amounts are integers of 0.01 万元 (the profile prints 2 decimals); the JSON number is c / 100,
// whose shortest form is the 2-decimal literal. Ratios cancel the unit, so formatPercent takes them
// as they are.

type Cents = number;

const wan = (c: Cents): number => c / 100;
const pct = (part: Cents, whole: Cents): number => Number(formatPercent(part, whole, 2));

/** Splits `total` into parts proportional to `weights`, each at least 1 when total allows, summing exactly. */
function split(total: Cents, weights: number[]): Cents[] {
  const n = weights.length;
  if (n === 0) return [];
  const floor = total >= n ? 1 : 0;
  const rest = total - floor * n;
  const w = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((x) => floor + Math.floor((rest * x) / w));
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % n, left--) parts[i]! += 1;
  return parts;
}

// ─── Reference codes ──────────────────────────────────────────────────────────────────────────────

interface Reference {
  function: Record<string, string>;
  economicDepartment: Record<string, string>;
}

let reference: { names: Record<string, string>; leavesOf: Map<string, string[]>; kuans: string[]; economic: Record<string, string> } | undefined;

function ref() {
  if (!reference) {
    const load = (year: number) => JSON.parse(readFileSync(new URL(`../../../data/_reference/${year}.json`, import.meta.url), 'utf8')) as Reference;
    const [raw, ...others] = [load(SYNTHETIC_YEAR), ...SYNTHETIC_YEARS.filter((y) => y !== SYNTHETIC_YEAR).map(load)];
    // A unit keeps its 科目 from year to year: only codes every synthetic year's reference has, under the same name.
    const everyYear = (code: string) => others.every((o) => o.function[code] === raw!.function[code]);
    const leavesOf = new Map<string, string[]>();
    for (const code of Object.keys(raw!.function).sort()) {
      if (code.length !== 7 || !everyYear(code) || !everyYear(code.slice(0, 5)) || !everyYear(code.slice(0, 3))) continue;
      const k = code.slice(0, 5);
      const list = leavesOf.get(k) ?? [];
      list.push(code);
      leavesOf.set(k, list);
    }
    reference = { names: raw!.function, leavesOf, kuans: [...leavesOf.keys()], economic: raw!.economicDepartment };
  }
  return reference;
}

// ─── Themes and wording ───────────────────────────────────────────────────────────────────────────

interface Theme {
  dept: string;
  /** 款 whose 项 the department's own work is booked under. */
  main: string[];
  /** 款 for 政府性基金 rows, if the department has any. */
  gfb: string[];
  subunits: string[];
  projects: string[];
  duties: string[];
}

const THEMES: Theme[] = [
  {
    dept: '医疗保障局',
    main: ['21015', '21013', '21011'],
    gfb: ['22960'],
    subunits: ['医疗保险基金管理中心', '城乡居民医疗保险管理服务中心', '医疗保障信息中心'],
    projects: ['城乡医疗救助', '医保基金监管专项经费', '医保经办服务能力提升', '欺诈骗保举报奖励', '离休人员医疗费补助', '医保信息平台运行维护'],
    duties: ['贯彻执行医疗保险、生育保险、医疗救助等医疗保障方面的法律法规和政策', '组织实施医疗保障基金监督管理办法，建立健全医疗保障基金安全防控机制', '组织制定医保目录和支付标准，推进医保支付方式改革'],
  },
  {
    dept: '财政局',
    main: ['20106', '20103'],
    gfb: ['21208'],
    subunits: ['财政国库支付中心', '政府采购中心', '财政投资评审中心'],
    projects: ['预算管理一体化系统运维', '财政投资评审委托业务', '政府采购监督管理', '国库集中支付业务', '财政监督检查专项', '会计人员继续教育'],
    duties: ['拟订全市财政发展规划和财税政策，编制年度预决算草案并组织执行', '负责政府非税收入管理，管理财政专户', '负责政府采购监督管理，组织实施国库集中收付制度'],
  },
  {
    dept: '审计局',
    main: ['20108', '20103'],
    gfb: [],
    subunits: ['审计信息中心', '经济责任审计服务中心'],
    projects: ['审计业务专项经费', '审计信息化建设', '政府投资项目审计委托', '经济责任审计专项', '审计人员业务培训'],
    duties: ['主管本地区审计工作，组织实施预算执行情况审计和其他财政收支审计', '对国有企业和金融机构的资产、负债、损益进行审计监督', '组织实施领导干部经济责任审计和自然资源资产离任审计'],
  },
  {
    dept: '统计局',
    main: ['20105'],
    gfb: [],
    subunits: ['统计调查队', '统计信息服务中心', '普查中心'],
    projects: ['全国经济普查', '农业统计调查', '统计数据质量核查', '统计信息化运维', '人口变动抽样调查', '统计执法检查'],
    duties: ['组织领导和协调本地区统计工作，监督检查统计法律法规的实施', '组织实施各项统计调查和普查，收集、汇总、整理统计数据', '依法发布统计信息，开展统计分析和预测'],
  },
  {
    dept: '人力资源和社会保障局',
    main: ['20801', '20807'],
    gfb: [],
    subunits: ['社会保险事业管理中心', '公共就业人才服务中心', '劳动人事争议仲裁院'],
    projects: ['就业创业服务补贴', '职业技能培训补贴', '公益性岗位补贴', '社会保险经办业务经费', '劳动保障监察专项', '高层次人才引进'],
    duties: ['贯彻执行人力资源和社会保障事业发展规划和政策', '统筹建立覆盖城乡的多层次社会保障体系', '负责促进就业工作，完善职业资格制度和职业技能培训体系'],
  },
  {
    dept: '民政局',
    main: ['20802', '20810'],
    gfb: ['22960'],
    subunits: ['社会福利院', '救助管理站', '殡仪馆'],
    projects: ['困难群众救助', '养老服务体系建设', '儿童福利保障', '殡葬改革补助', '社区治理能力提升', '地名普查成果转化'],
    duties: ['贯彻执行民政工作的法律法规和政策，拟订社会救助规划和标准', '负责养老服务体系建设，统筹推进、督促指导养老服务工作', '负责社会组织登记管理和殡葬管理工作'],
  },
  {
    dept: '卫生健康委员会',
    main: ['21001', '21004', '21007'],
    gfb: [],
    subunits: ['疾病预防控制中心', '卫生健康综合监督执法支队', '妇幼保健院'],
    projects: ['基本公共卫生服务', '重大公共卫生服务', '计划生育家庭奖励扶助', '突发公共卫生事件应急处置', '卫生健康监督执法', '家庭医生签约服务'],
    duties: ['贯彻执行卫生健康工作的法律法规和政策，拟订卫生健康事业发展规划', '负责疾病预防控制工作，组织实施免疫规划和重大疾病防控', '负责计划生育管理和服务工作，完善生育政策'],
  },
  {
    dept: '住房和城乡建设局',
    main: ['21201', '22101'],
    gfb: ['21208'],
    subunits: ['住房保障服务中心', '建设工程质量安全监督站', '房地产市场服务中心'],
    projects: ['老旧小区改造', '公共租赁住房运营管理', '建筑市场监督检查', '城市更新规划编制', '住房租赁市场发展', '农村危房改造'],
    duties: ['贯彻执行住房和城乡建设的法律法规和政策，拟订住房和城乡建设发展规划', '承担保障城镇低收入家庭住房的责任，推进棚户区和老旧小区改造', '负责建筑市场、房地产市场监督管理'],
  },
  {
    dept: '退役军人事务局',
    main: ['20828', '20808'],
    gfb: [],
    subunits: ['退役军人服务中心', '军供站'],
    projects: ['退役军人就业创业扶持', '优抚对象生活补助', '拥军优属慰问', '烈士纪念设施维护', '退役军人服务站建设'],
    duties: ['贯彻执行退役军人工作的法律法规和政策', '负责军队转业干部、退役士兵的移交安置和自主就业退役士兵的就业创业扶持', '组织开展拥军优属工作，负责烈士褒扬和纪念设施保护管理'],
  },
];

const CITIES = ['合肥市', '芜湖市', '蚌埠市', '淮南市', '马鞍山市', '淮北市', '铜陵市', '安庆市', '黄山市', '滁州市', '阜阳市', '宿州市', '六安市', '亳州市', '池州市', '宣城市'];
const COUNTIES = ['', '', '', '泗县', '灵璧县', '砀山县', '萧县', '怀远县', '五河县', '固镇县', '凤台县', '寿县', '定远县', '凤阳县', '全椒县', '来安县', '太和县', '临泉县', '颍上县', '霍邱县', '舒城县', '金寨县'];

/** 养老、医疗、住房: every unit with staff pays these. */
const COMMON_LEAVES = ['2080501', '2080502', '2080505', '2080506', '2101101', '2101102', '2101103', '2210201', '2210202', '2210203'];

const GENERIC_PROJECTS = [
  '信息化建设运行维护',
  '办公楼维修改造',
  '公务用车更新配备',
  '业务工作经费',
  '政策宣传和培训',
  '档案数字化整理',
  '法律顾问服务',
  '网络安全等级保护测评',
  '专项业务督查',
  '政务服务窗口运行',
  '安全生产专项检查',
  '机关党建工作经费',
  '数据资源整合共享',
  '业务用房物业管理',
  '第三方绩效评价',
  '应急物资储备',
  '基层站所规范化建设',
  '业务骨干能力提升培训',
];

const PROCUREMENT_GOODS = ['台式计算机', '便携式计算机', '多功能一体机', '空调机', '复印纸', '打印设备', '办公家具', '服务器', '网络交换设备', '档案密集柜'];
const PROCUREMENT_SERVICES = ['物业管理服务', '印刷服务', '信息系统运行维护服务', '法律咨询服务', '审计服务', '会议服务'];
const PROCUREMENT_WORKS = ['办公用房维修工程', '消防设施改造工程', '机房改造工程'];

const TASK_LEADS = ['持续深化改革', '提升服务效能', '强化监督管理', '推进数字化建设', '加强队伍建设', '防范化解风险', '优化营商环境'];
const TASK_BODIES = [
  '坚持以人民为中心的发展思想，聚焦群众急难愁盼问题，进一步优化办事流程，压缩办理时限，提升群众获得感和满意度。',
  '健全内部控制制度，加强预算绩效管理，强化资金使用监管，确保财政资金安全、规范、高效运行。',
  '加快推进信息系统整合共享，完善数据标准，提高业务办理的信息化水平，推动更多事项网上办、掌上办。',
  '深入开展政策宣传解读，及时回应社会关切，提升政务公开的规范化、标准化水平。',
  '加强干部教育培训，深化作风建设，打造忠诚干净担当的高素质干部队伍。',
  '建立健全风险防控机制，定期开展风险排查和分析研判，坚决守住不发生系统性风险的底线。',
];

const GLOSSARY = [
  ['财政拨款收入', '指单位从同级财政部门取得的财政预算资金。'],
  ['事业收入', '指事业单位开展专业业务活动及辅助活动所取得的收入。'],
  ['其他收入', '指单位取得的除上述收入以外的各项收入。'],
  ['上年结转', '指以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。'],
  ['基本支出', '指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。'],
  ['项目支出', '指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。'],
  ['机关运行经费', '指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。'],
  ['“三公”经费', '指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。'],
] as const;

// ─── Rows ─────────────────────────────────────────────────────────────────────────────────────────

interface Leaf {
  code: string;
  fund: FundSource;
  personnel: Cents;
  public: Cents;
  project: Cents;
}

interface ProjectDraft {
  name: string;
  leaf: Leaf;
  amount: Cents;
  unit: string;
}

const FUND_ORDER: FundSource[] = ['gpb', 'gfb', 'scob', 'specialAccount', 'unitFunds'];

function leafCodesFor(rng: Rng, theme: Theme): string[] {
  const { leavesOf, kuans } = ref();
  const chosen = new Set<string>();
  for (const code of COMMON_LEAVES) if (leavesOf.get(code.slice(0, 5))?.includes(code) && rng.chance(0.85)) chosen.add(code);
  for (const k of theme.main) {
    const leaves = leavesOf.get(k) ?? [];
    for (const code of rng.sample(leaves, Math.max(2, Math.ceil(leaves.length * (0.6 + rng.next() * 0.4))))) chosen.add(code);
  }
  const target = rng.int(62, 74);
  const classes = new Set([...theme.main.map((k) => k.slice(0, 3)), '201', '208']);
  const near = kuans.filter((k) => classes.has(k.slice(0, 3)) && !k.startsWith('21208') && !k.startsWith('2296'));
  for (let guard = 0; chosen.size < target && guard < 200; guard++) {
    const leaves = leavesOf.get(rng.pick(near)) ?? [];
    for (const code of rng.sample(leaves, rng.int(1, 4))) if (chosen.size < target) chosen.add(code);
  }
  return [...chosen].sort();
}

/** 类 row, 款 rows and 项 rows of one fund, in code order, subtotals equal to the sums. */
function expenditureRows(leaves: Leaf[]): ExpenditureRow[] {
  const rows: ExpenditureRow[] = [];
  const row = (code: string, fund: FundSource, ls: Leaf[]): ExpenditureRow => {
    const personnel = ls.reduce((a, l) => a + l.personnel, 0);
    const pub = ls.reduce((a, l) => a + l.public, 0);
    const project = ls.reduce((a, l) => a + l.project, 0);
    return { code, fund, total: wan(personnel + pub + project), basic: wan(personnel + pub), personnel: wan(personnel), public: wan(pub), project: wan(project) };
  };
  for (const fund of FUND_ORDER) {
    const mine = leaves.filter((l) => l.fund === fund).sort((a, b) => (a.code < b.code ? -1 : 1));
    const classes = [...new Set(mine.map((l) => l.code.slice(0, 3)))];
    for (const c of classes) {
      const inClass = mine.filter((l) => l.code.startsWith(c));
      rows.push(row(c, fund, inClass));
      for (const k of [...new Set(inClass.map((l) => l.code.slice(0, 5)))]) {
        const inKuan = inClass.filter((l) => l.code.startsWith(k));
        rows.push(row(k, fund, inKuan));
        for (const l of inKuan) rows.push(row(l.code, fund, [l]));
      }
    }
  }
  return rows;
}

const PERSONNEL_CODES: Array<[string, number]> = [
  ['30101', 30], ['30102', 22], ['30103', 8], ['30107', 14], ['30108', 10], ['30109', 4], ['30110', 6], ['30111', 1], ['30112', 1], ['30113', 8], ['30199', 1],
  ['30302', 6], ['30305', 1], ['30307', 1], ['30399', 1],
];
const PUBLIC_CODES: Array<[string, number]> = [
  ['30201', 14], ['30202', 3], ['30205', 2], ['30206', 5], ['30207', 4], ['30209', 8], ['30211', 7], ['30213', 6], ['30215', 2], ['30216', 3],
  ['30217', 2], ['30226', 4], ['30228', 6], ['30229', 4], ['30231', 5], ['30239', 9], ['30299', 4], ['31002', 3],
];

/** 一般公共预算基本支出 by economic code: 301/303 take 人员经费, 302/310 公用经费. */
function economicSplit(rng: Rng, personnel: Cents, pub: Cents, vehiclePurchase: Cents): Map<string, Cents> {
  const byCode = new Map<string, Cents>();
  const pParts = split(personnel, PERSONNEL_CODES.map(([, w]) => w * (50 + rng.int(0, 100))));
  PERSONNEL_CODES.forEach(([code], i) => byCode.set(code, pParts[i]!));
  const uParts = split(pub - vehiclePurchase, PUBLIC_CODES.map(([, w]) => w * (50 + rng.int(0, 100))));
  PUBLIC_CODES.forEach(([code], i) => byCode.set(code, uParts[i]!));
  if (vehiclePurchase > 0) byCode.set('31013', vehiclePurchase);
  return byCode;
}

/** The economic table: each class row the sum of its codes. */
function economicRows(byCode: ReadonlyMap<string, Cents>): EconomicRow[] {
  const rows: EconomicRow[] = [];
  for (const cls of ['301', '302', '303', '310']) {
    const codes = [...byCode.keys()].filter((c) => c.startsWith(cls)).sort();
    const side = cls === '301' || cls === '303' ? 'personnel' : 'public';
    const sum = codes.reduce((a, c) => a + byCode.get(c)!, 0);
    rows.push({ code: cls, fund: 'gpb', total: wan(sum), [side]: wan(sum) });
    for (const c of codes) rows.push({ code: c, fund: 'gpb', total: wan(byCode.get(c)!), [side]: wan(byCode.get(c)!) });
  }
  return rows;
}

// ─── Projects ─────────────────────────────────────────────────────────────────────────────────────

function indicators(rng: Rng, name: string, amount: Cents): Indicator[] {
  const count = rng.int(20, 300);
  const list: Indicator[] = [
    { level1: '产出指标', level2: '数量指标', level3: `${name}覆盖对象数量`, value: `≥${count}个`, note: '按年度工作计划确定' },
    { level1: '产出指标', level2: '数量指标', level3: '开展专项工作次数', value: `≥${rng.int(2, 12)}次` },
    { level1: '产出指标', level2: '质量指标', level3: '经费支出合规性', value: '严格执行相关财经法规、制度' },
    { level1: '产出指标', level2: '质量指标', level3: '任务完成合格率', value: `≥${rng.int(90, 100)}%` },
    { level1: '产出指标', level2: '时效指标', level3: '资金支付及时性', value: '按时支付' },
    { level1: '产出指标', level2: '成本指标', level3: '项目总成本', value: `≤${wan(amount)}万元` },
    { level1: '效益指标', level2: '经济效益指标' },
    { level1: '效益指标', level2: '社会效益指标', level3: `${name}对相关工作的促进作用`, value: rng.pick(['显著', '明显提升', '有效促进']) },
    { level1: '效益指标', level2: '生态效益指标' },
    { level1: '效益指标', level2: '可持续影响指标', level3: '对单位履职的持续影响程度', value: rng.pick(['影响程度较高', '长期有效']) },
    { level1: '满意度指标', level2: '满意度指标', level3: '服务对象满意度', value: `≥${rng.int(85, 95)}%` },
  ];
  return rng.chance(0.3) ? list.filter((_, i) => i !== 1) : list;
}

function projectRecord(rng: Rng, p: ProjectDraft, deptName: string, code: string, year: number): Project {
  const lead = rng.pick(['为保障', '为进一步做好', '为切实推进', '为全面完成']);
  return {
    name: p.name,
    type: rng.pick(['特定目标类', '其他运转类']),
    unit: p.unit,
    fundUse: rng.pick(['业务类', '常年项目', '一次性项目']),
    source: '本级申报项目',
    period: '1年',
    start: `${year}年1月`,
    end: `${year}年12月`,
    functionCode: p.leaf.code,
    funds: { [p.leaf.fund]: wan(p.amount) },
    total: wan(p.amount),
    otherFunds: 0,
    summary: `${lead}${p.name}工作，按照年度工作计划和相关政策要求安排本项目资金，用于${p.name}相关的业务开展、设备运行和服务保障等支出。`,
    basis: `依据国家和省有关政策规定及${deptName}${year}年度工作要点设立本项目。`,
    implementer: p.unit,
    content: `${p.name}：组织实施年度工作任务，规范资金使用，按进度拨付资金，确保项目按期完成并达到预期绩效目标。`,
    goal: `按时完成${p.name}各项任务，资金使用规范、支付及时，服务对象满意度达到预期，推动相关工作提质增效。`,
    attributes: [{ label: '主管部门及代码', value: `[${code}]${deptName}` }],
    indicators: indicators(rng, p.name, p.amount),
  };
}

// ─── Figures ──────────────────────────────────────────────────────────────────────────────────────

interface FigureSpec {
  amount: Cents;
  /** the 占比's denominator, when the text states a share */
  shareOf?: Cents;
  previous?: Cents;
  table?: boolean;
  reason?: string;
  purpose?: string;
}

function figure(s: FigureSpec): Figure {
  const stated: NonNullable<Figure['stated']> = { amount: wan(s.amount) };
  if (s.shareOf !== undefined && s.shareOf > 0) stated.share = pct(s.amount, s.shareOf);
  const out: Figure = {};
  if (s.previous !== undefined && s.previous > 0) {
    const change = s.amount - s.previous;
    out.previous = wan(s.previous);
    stated.change = wan(change);
    stated.changeRate = pct(change, s.previous);
    stated.changeWord = change > 0 ? '增加' : change < 0 ? '减少' : '持平';
  }
  if (s.table) out.table = wan(s.amount);
  out.stated = stated;
  if (s.reason) out.reason = s.reason;
  if (s.purpose) out.purpose = s.purpose;
  return out;
}

/** A previous-year figure within ±30 % of this year's, sometimes the same. */
function previousOf(rng: Rng, current: Cents): Cents {
  if (rng.chance(0.1)) return Math.max(1, current);
  return Math.max(1, Math.round(current * (0.7 + rng.next() * 0.6)));
}

function reasonFor(rng: Rng, current: Cents, previous: Cents): string {
  if (current === previous) return '与上年持平，无重大变化。';
  return current > previous
    ? rng.pick(['主要是人员调资及新增业务工作任务。', '主要是新增项目支出安排。', '主要是社会保障缴费基数调整。'])
    : rng.pick(['主要是厉行节约，压缩一般性支出。', '主要是部分一次性项目到期不再安排。', '主要是人员退休，相应人员经费下降。']);
}

// ─── The file ─────────────────────────────────────────────────────────────────────────────────────

export function syntheticUnitId(index: number): string {
  return `synth-${String(index).padStart(5, '0')}`;
}

/** What a unit-year file is made from: who the unit is, and its 科目 and projects (the same every year). */
interface UnitPlan {
  id: string;
  name: string;
  code: string;
  level: 'department' | 'unit';
  /** The place in the unit names (城市 or 城市+县), and `安徽省…` as unit.region. */
  place: string;
  region: string;
  /** The 部门 (a 单位's), for unit.parent and the projects' 主管部门. */
  parent?: { id: string; name: string; code: string };
  /** A 部门's 单位 (unit.includes); for a 部门 without 单位 files, names only. */
  includes: Array<{ name: string; nature: string; id?: string }>;
  theme: Theme;
  /** This unit's amounts each year come from it (with the year): a 部门 of 单位 has none of its own. */
  seed: number;
  leaves: Array<{ code: string; fund: FundSource; projectOnly: boolean; running: boolean; personnel: Cents; ratio: number }>;
  projects: Array<{ name: string; leaf: number; amount: Cents; unit: string }>;
  buysVehicles: boolean;
  carries: boolean;
}

/** One unit's amounts and lists in one year: what its file prints. A 部门's is the sum of its 单位's. */
interface YearData {
  leaves: Leaf[];
  /** In table order (fund, then code), each with its project record. */
  drafts: Array<ProjectDraft & { record: Project }>;
  eco: Map<string, Cents>;
  vehiclePurchase: Cents;
  carryGpb: Cents;
  business: Cents;
  operatingCost: Cents;
  items: ProcurementItem[];
  services: PurchasedService[];
  vehiclesHeld: number;
  vehiclesPurchased: number;
  receptionBatches: number;
  receptionPersons: number;
  equipmentOver50: number;
}

/** The amounts a file's figures state, per figure key: the next year's file gives them as its 上年数. */
type KeyAmounts = Map<string, Cents>;

function plan(rng: Rng, p: Omit<UnitPlan, 'leaves' | 'projects' | 'buysVehicles' | 'carries' | 'seed'>, projectNames: string[], seed: number): UnitPlan {
  const unitNames = p.level === 'department' ? p.includes.map((u) => u.name) : [p.name];
  const gpbCodes = leafCodesFor(rng, p.theme);
  const leaves: UnitPlan['leaves'] = gpbCodes.map((c) => ({ code: c, fund: 'gpb', projectOnly: false, running: false, personnel: 0, ratio: 0 }));
  for (const c of rng.sample(gpbCodes, rng.int(22, 32))) leaves.push({ code: c, fund: 'unitFunds', projectOnly: false, running: false, personnel: 0, ratio: 0 });
  if (rng.chance(0.6)) for (const c of rng.sample(gpbCodes, rng.int(4, 8))) leaves.push({ code: c, fund: 'specialAccount', projectOnly: false, running: false, personnel: 0, ratio: 0 });
  if (p.theme.gfb.length && rng.chance(0.7)) {
    const pool = p.theme.gfb.flatMap((k) => ref().leavesOf.get(k) ?? []);
    for (const c of rng.sample(pool, rng.int(1, 3))) leaves.push({ code: c, fund: 'gfb', projectOnly: false, running: false, personnel: 0, ratio: 0 });
  }
  // Which rows carry only project money: all 政府性基金 rows, and some 一般公共预算 business rows.
  const nProjects = projectNames.length;
  const gfbIdx = leaves.flatMap((l, i) => (l.fund === 'gfb' ? [i] : []));
  const businessIdx = leaves.flatMap((l, i) => (l.fund === 'gpb' && !COMMON_LEAVES.includes(l.code) && !/(01|50)$/.test(l.code) ? [i] : []));
  const onlyIdx = [...gfbIdx, ...rng.sample(businessIdx, Math.max(0, Math.min(businessIdx.length, rng.int(2, nProjects) - gfbIdx.length)))];
  for (const i of onlyIdx) leaves[i]!.projectOnly = true;
  for (const l of leaves) {
    if (l.projectOnly) continue;
    l.running = /(01|50)$/.test(l.code) && !COMMON_LEAVES.includes(l.code);
    const scale = l.fund === 'gpb' ? 1 : 0.3;
    l.personnel = Math.round(rng.int(l.running ? 8000 : 500, l.running ? 90000 : 12000) * scale) + 1;
    l.ratio = COMMON_LEAVES.includes(l.code) ? 0 : 0.08 + rng.next() * 0.25;
  }
  // Projects: one for every project-only row first, the rest on any 一般公共预算 or 单位资金 row.
  const gpbHosts = leaves.flatMap((l, i) => (l.fund === 'gpb' ? [i] : []));
  const hosts = leaves.flatMap((l, i) => (l.fund === 'gpb' || l.fund === 'unitFunds' ? [i] : []));
  const projects = projectNames.map((name, i) => {
    const leaf = onlyIdx[i] ?? (rng.chance(0.8) ? rng.pick(gpbHosts) : rng.pick(hosts));
    const big = i < 2 && rng.chance(0.5);
    return { name, leaf, amount: big ? rng.int(50000, 400000) : rng.int(300, 40000), unit: rng.pick(unitNames) };
  });
  return { ...p, seed, leaves, projects, buysVehicles: rng.chance(0.25), carries: rng.chance(0.25) };
}

/** A year's amount of a base amount: within −8 % … +12 % of it, so 上年 and 本年 stay close. */
const yearly = (rng: Rng, base: Cents) => Math.max(1, Math.round(base * (0.92 + rng.next() * 0.2)));

function yearData(p: UnitPlan, year: number): YearData {
  const rng = new Rng(seedOf(p.seed * 31 + year));
  const leaves: Leaf[] = p.leaves.map((l) => {
    const personnel = l.projectOnly ? 0 : yearly(rng, l.personnel);
    return { code: l.code, fund: l.fund, personnel, public: l.projectOnly ? 0 : Math.round(personnel * l.ratio), project: 0 };
  });
  const draftList: ProjectDraft[] = p.projects.map((pr) => {
    const leaf = leaves[pr.leaf]!;
    const amount = yearly(rng, pr.amount);
    leaf.project += amount;
    return { name: pr.name, leaf, amount, unit: pr.unit };
  });
  draftList.sort((a, b) => FUND_ORDER.indexOf(a.leaf.fund) - FUND_ORDER.indexOf(b.leaf.fund) || (a.leaf.code < b.leaf.code ? -1 : a.leaf.code > b.leaf.code ? 1 : 0));
  const deptName = p.parent?.name ?? p.name;
  const deptCode = p.parent?.code ?? p.code;
  const drafts = draftList.map((d) => ({ ...d, record: projectRecord(rng, d, deptName, deptCode, year) }));
  const sum = (fund: FundSource, f: (l: Leaf) => Cents) => leaves.filter((l) => l.fund === fund).reduce((a, l) => a + f(l), 0);
  const gpbPersonnel = sum('gpb', (l) => l.personnel);
  const gpbPublic = sum('gpb', (l) => l.public);
  const gpbTotal = gpbPersonnel + gpbPublic + sum('gpb', (l) => l.project);
  const unitFundsTotal = sum('unitFunds', (l) => l.personnel + l.public + l.project);
  const vehiclePurchase = p.buysVehicles ? Math.min(rng.int(1200, 2500), Math.floor(gpbPublic / 4)) : 0;
  const eco = economicSplit(rng, gpbPersonnel, gpbPublic, vehiclePurchase);
  const items: ProcurementItem[] = [];
  const nItems = rng.int(3, 12);
  for (let i = 0; i < nItems; i++) {
    const r = rng.next();
    const category = r < 0.6 ? 'goods' : r < 0.9 ? 'services' : 'works';
    const item = rng.pick(category === 'goods' ? PROCUREMENT_GOODS : category === 'services' ? PROCUREMENT_SERVICES : PROCUREMENT_WORKS);
    const unitName = p.level === 'unit' ? p.name : rng.pick(p.includes).name;
    const project = category === 'goods' && rng.chance(0.5) ? `${unitName}-综合定额（${rng.pick(['行政', '事业'])}）` : rng.pick(drafts).name;
    const amount = category === 'goods' ? rng.int(20, 3000) : rng.int(500, 9000);
    items.push({ project, item, category, gpb: wan(amount), total: wan(amount) });
  }
  const services: PurchasedService[] = rng.sample(drafts, rng.int(0, 3)).map((d) => ({
    project: d.name,
    level1: '政府履职辅助性服务',
    level2: rng.pick(['法律服务', '评估和绩效评价服务', '信息化服务', '咨询服务']),
    content: `${d.name}相关的辅助性服务`,
    quantity: '1项',
    amount: wan(Math.min(d.amount, rng.int(100, 3000))),
  }));
  return {
    leaves,
    drafts,
    eco,
    vehiclePurchase,
    carryGpb: p.carries ? Math.floor((gpbTotal * rng.int(1, 5)) / 100) : 0,
    business: Math.floor((unitFundsTotal * rng.int(50, 90)) / 100),
    operatingCost: Math.floor((gpbPublic * rng.int(60, 95)) / 100),
    items,
    services,
    vehiclesHeld: rng.int(1, 6),
    vehiclesPurchased: vehiclePurchase > 0 ? 1 : 0,
    receptionBatches: rng.int(5, 60),
    receptionPersons: rng.int(40, 400),
    equipmentOver50: rng.int(0, 2),
  };
}

/** A 部门's year: its 单位's rows added up 科目 by 科目, their lists one after another. */
function sumYearData(parts: YearData[]): YearData {
  const byKey = new Map<string, Leaf>();
  const leafOf = (l: Leaf) => {
    const key = `${l.fund}|${l.code}`;
    let mine = byKey.get(key);
    if (!mine) byKey.set(key, (mine = { code: l.code, fund: l.fund, personnel: 0, public: 0, project: 0 }));
    return mine;
  };
  for (const part of parts) {
    for (const l of part.leaves) {
      const mine = leafOf(l);
      mine.personnel += l.personnel;
      mine.public += l.public;
      mine.project += l.project;
    }
  }
  const drafts = parts.flatMap((part) => part.drafts.map((d) => ({ ...d, leaf: leafOf(d.leaf) })));
  drafts.sort((a, b) => FUND_ORDER.indexOf(a.leaf.fund) - FUND_ORDER.indexOf(b.leaf.fund) || (a.leaf.code < b.leaf.code ? -1 : a.leaf.code > b.leaf.code ? 1 : 0));
  const eco = new Map<string, Cents>();
  for (const part of parts) for (const [c, v] of part.eco) eco.set(c, (eco.get(c) ?? 0) + v);
  const total = (f: (y: YearData) => number) => parts.reduce((a, y) => a + f(y), 0);
  return {
    leaves: [...byKey.values()],
    drafts,
    eco,
    vehiclePurchase: total((y) => y.vehiclePurchase),
    carryGpb: total((y) => y.carryGpb),
    business: total((y) => y.business),
    operatingCost: total((y) => y.operatingCost),
    items: parts.flatMap((y) => y.items),
    services: parts.flatMap((y) => y.services),
    vehiclesHeld: total((y) => y.vehiclesHeld),
    vehiclesPurchased: total((y) => y.vehiclesPurchased),
    receptionBatches: total((y) => y.receptionBatches),
    receptionPersons: total((y) => y.receptionPersons),
    equipmentOver50: total((y) => y.equipmentOver50),
  };
}

/**
 * The file of a unit in a year, from its year's data. `previous` holds last year's file's stated
 * amounts (its KeyAmounts): each figure's 上年数 is taken from it, so cross.previous holds; without
 * it (the first year) the 上年数 are made up. Returns the file and its own KeyAmounts.
 */
function compose(p: UnitPlan, year: number, y: YearData, previous: KeyAmounts | undefined): { file: UnitYearFile; amounts: KeyAmounts } {
  const rng = new Rng(seedOf(p.seed * 31 + year) ^ 0x2545f491);
  const { leaves, drafts, eco } = y;
  const name = p.name;
  const isUnit = p.level === 'unit';
  const levelWord = isUnit ? '单位' : '部门';
  const expenditure = expenditureRows(leaves);
  const sumOf = (fund: FundSource | 'all', f: (l: Leaf) => Cents) => leaves.filter((l) => fund === 'all' || l.fund === fund).reduce((a, l) => a + f(l), 0);
  const totalOf = (l: Leaf) => l.personnel + l.public + l.project;
  const gpb = { personnel: sumOf('gpb', (l) => l.personnel), public: sumOf('gpb', (l) => l.public), project: sumOf('gpb', (l) => l.project) };
  const gpbBasic = gpb.personnel + gpb.public;
  const gpbTotal = gpbBasic + gpb.project;
  const gfbTotal = sumOf('gfb', totalOf);
  const specialTotal = sumOf('specialAccount', totalOf);
  const unitFundsTotal = sumOf('unitFunds', totalOf);
  const all = { personnel: sumOf('all', (l) => l.personnel), public: sumOf('all', (l) => l.public), project: sumOf('all', (l) => l.project) };
  const allBasic = all.personnel + all.public;
  const allTotal = allBasic + all.project;
  const { vehiclePurchase, carryGpb, business, operatingCost } = y;
  const buysVehicle = y.vehiclesPurchased > 0;
  const reception = eco.get('30217') ?? 0;
  const vehicleOperation = eco.get('30231') ?? 0;
  const threeTotal = reception + vehicleOperation + vehiclePurchase;

  const income: Income = {
    gpb: wan(gpbTotal - carryGpb),
    ...(gfbTotal ? { gfb: wan(gfbTotal) } : {}),
    ...(specialTotal ? { specialAccount: wan(specialTotal) } : {}),
    business: wan(business),
    other: wan(unitFundsTotal - business),
    carryover: carryGpb ? { gpb: wan(carryGpb) } : {},
  };
  const incomeCurrent = allTotal - carryGpb;
  const fiscalCurrent = gpbTotal - carryGpb + gfbTotal;
  const fiscalTotal = gpbTotal + gfbTotal;

  const byCategory = (c: string) => y.items.filter((i) => i.category === c).reduce((a, i) => a + Math.round((i.total ?? 0) * 100), 0);
  const procurementTotal = y.items.reduce((a, i) => a + Math.round((i.total ?? 0) * 100), 0);
  const procurement = {
    items: y.items,
    ...(byCategory('goods') ? { goods: wan(byCategory('goods')) } : {}),
    ...(byCategory('works') ? { works: wan(byCategory('works')) } : {}),
    ...(byCategory('services') ? { services: wan(byCategory('services')) } : {}),
  };
  const servicesTotal = y.services.reduce((a, s) => a + Math.round(s.amount * 100), 0);

  const threePublic: ThreePublic = {
    amounts: {
      ...(vehiclePurchase ? { vehiclePurchase: wan(vehiclePurchase) } : {}),
      vehicleOperation: wan(vehicleOperation),
      reception: wan(reception),
    },
    abroadGroups: 0,
    abroadPersons: 0,
    vehiclesPurchased: y.vehiclesPurchased,
    vehiclesHeld: y.vehiclesHeld,
    receptionBatches: y.receptionBatches,
    receptionPersons: y.receptionPersons,
  };
  const assets: Assets = {
    asOf: `${year - 1}-12-31`,
    vehicles: [
      { kind: '一般公务用车', count: Math.max(0, y.vehiclesHeld - 1) },
      { kind: '执法执勤用车', count: y.vehiclesHeld > 0 ? 1 : 0 },
    ],
    equipmentOver50: y.equipmentOver50,
    equipmentOver100: 0,
    planned: {
      vehicles: [{ kind: '一般公务用车', count: y.vehiclesPurchased }],
      vehicleAmount: wan(vehiclePurchase),
      equipmentOver50: { count: 0, amount: 0 },
      equipmentOver100: { count: 0, amount: 0 },
    },
  };

  const departmentPerformance: DepartmentPerformance = {
    dutyGoal: `围绕${name}年度重点工作，保障机构正常运转，完成各项业务工作任务，提升公共服务水平。`,
    tasks: drafts.slice(0, Math.min(5, drafts.length)).map((d) => ({ name: d.name, content: `组织实施${d.name}，按计划完成年度任务。`, amount: wan(d.amount) })),
    totalStated: wan(allTotal),
    fiscalStated: wan(fiscalTotal),
    otherStated: wan(allTotal - fiscalTotal),
    basicStated: wan(allBasic),
    projectStated: wan(all.project),
    indicators: [
      { level1: '产出指标', level2: '数量指标', level3: '重点工作任务完成数', value: `≥${rng.int(5, 20)}项` },
      { level1: '产出指标', level2: '质量指标', level3: '重点工作任务完成率', value: '100%' },
      { level1: '产出指标', level2: '时效指标', level3: '任务完成及时率', value: '≥95%' },
      { level1: '产出指标', level2: '成本指标', level3: `${levelWord}预算总额`, value: `≤${wan(allTotal)}万元` },
      { level1: '效益指标', level2: '社会效益指标', level3: '履职效能', value: '明显提升' },
      { level1: '效益指标', level2: '可持续影响指标', level3: '制度建设完善程度', value: '持续完善' },
      { level1: '满意度指标', level2: '满意度指标', level3: '社会公众满意度', value: '≥90%' },
    ],
  };

  // ─── figures: what the 说明 text states, each exact ───────────────────────────────────────────
  const figures: Record<string, Figure> = {};
  const amounts: KeyAmounts = new Map();
  // Last year's stated amount of the key when there is a file for it, else one made up.
  const prior = (key: string, current: Cents) => previous?.get(key) ?? previousOf(rng, current);
  const put = (key: string, spec: FigureSpec) => {
    figures[key] = figure(spec);
    amounts.set(key, spec.amount);
  };
  const prevTotal = prior('expenditure.current', allTotal);
  const prevIncome = prior('income.current', incomeCurrent);
  put('income.total', { amount: allTotal, table: true });
  put('income.current', { amount: incomeCurrent, previous: prevIncome, table: true, reason: reasonFor(rng, incomeCurrent, prevIncome) });
  put('income.gpb', { amount: gpbTotal - carryGpb, shareOf: incomeCurrent });
  if (gfbTotal) put('income.gfb', { amount: gfbTotal, shareOf: incomeCurrent });
  if (specialTotal) put('income.specialAccount', { amount: specialTotal, shareOf: incomeCurrent });
  put('income.unitFunds', { amount: unitFundsTotal, shareOf: incomeCurrent });
  put('income.business', { amount: business, shareOf: incomeCurrent });
  if (carryGpb) put('income.carryover', { amount: carryGpb, shareOf: allTotal, table: true });
  put('expenditure.total', { amount: allTotal, table: true });
  put('expenditure.current', { amount: allTotal, previous: prevTotal, table: true, reason: reasonFor(rng, allTotal, prevTotal) });
  put('expenditure.basic', { amount: allBasic, shareOf: allTotal, previous: prior('expenditure.basic', allBasic), purpose: '保障机构正常运转、完成日常工作任务' });
  put('expenditure.project', { amount: all.project, shareOf: allTotal, previous: prior('expenditure.project', all.project), purpose: drafts.slice(0, 4).map((d) => d.name).join('、') });
  put('expenditure.personnel', { amount: all.personnel, shareOf: allBasic });
  put('expenditure.public', { amount: all.public, shareOf: allBasic });
  put('fiscal.total', { amount: fiscalTotal, table: true });
  put('fiscal.current', { amount: fiscalCurrent, shareOf: fiscalTotal, table: true });
  const fiscalLeaves = leaves.filter((l) => l.fund === 'gpb' || l.fund === 'gfb');
  for (const cls of [...new Set(fiscalLeaves.map((l) => l.code.slice(0, 3)))].sort()) {
    put(`fiscal:${cls}`, { amount: fiscalLeaves.filter((l) => l.code.startsWith(cls)).reduce((a, l) => a + totalOf(l), 0), shareOf: fiscalCurrent });
  }
  // 一般公共预算: every 项 with its 上年 figure, so the 类 and the total 上年 figures are their sums.
  const gpbLeaves = leaves.filter((l) => l.fund === 'gpb').sort((a, b) => (a.code < b.code ? -1 : 1));
  const prevByLeaf = new Map(gpbLeaves.map((l) => [l.code, prior(`gpb:${l.code}`, totalOf(l))]));
  const gpbPrev = [...prevByLeaf.values()].reduce((a, b) => a + b, 0);
  put('gpb.total', { amount: gpbTotal, shareOf: allTotal, previous: gpbPrev, table: true, reason: reasonFor(rng, gpbTotal, gpbPrev) });
  put('gpb.basic', { amount: gpbBasic, shareOf: gpbTotal, table: true });
  put('gpb.project', { amount: gpb.project, shareOf: gpbTotal, table: true });
  put('gpb.personnel', { amount: gpb.personnel, shareOf: gpbBasic, purpose: '基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、住房公积金、退休费等。' });
  put('gpb.public', { amount: gpb.public, shareOf: gpbBasic, purpose: '办公费、印刷费、水电费、邮电费、物业管理费、差旅费、维修（护）费、会议费、培训费、公务接待费、工会经费、福利费、公务用车运行维护费等。' });
  for (const cls of [...new Set(gpbLeaves.map((l) => l.code.slice(0, 3)))]) {
    const inClass = gpbLeaves.filter((l) => l.code.startsWith(cls));
    put(`gpb:${cls}`, { amount: inClass.reduce((a, l) => a + totalOf(l), 0), shareOf: gpbTotal, previous: inClass.reduce((a, l) => a + prevByLeaf.get(l.code)!, 0) });
  }
  for (const l of gpbLeaves) {
    const prev = prevByLeaf.get(l.code)!;
    put(`gpb:${l.code}`, { amount: totalOf(l), previous: prev, reason: reasonFor(rng, totalOf(l), prev) });
  }
  for (const cls of ['301', '302', '303', '310']) {
    const amount = [...eco].filter(([c]) => c.startsWith(cls)).reduce((a, [, v]) => a + v, 0);
    put(`economic:${cls}`, { amount, shareOf: gpbBasic });
  }
  const projectsTotal = drafts.reduce((a, d) => a + d.amount, 0);
  put('projects.total', { amount: projectsTotal, table: true });
  put('projects.gpb', { amount: drafts.filter((d) => d.leaf.fund === 'gpb').reduce((a, d) => a + d.amount, 0), shareOf: projectsTotal });
  put('procurement.total', { amount: procurementTotal, previous: prior('procurement.total', procurementTotal), table: true });
  for (const c of ['goods', 'works', 'services'] as const) {
    if (byCategory(c)) put(`procurement.${c}`, { amount: byCategory(c), shareOf: procurementTotal });
  }
  if (y.services.length) put('purchasedServices.total', { amount: servicesTotal, table: true });
  const threePrev = prior('threePublic.total', threeTotal);
  put('threePublic.total', { amount: threeTotal, previous: threePrev, table: true, reason: reasonFor(rng, threeTotal, threePrev) });
  put('threePublic.reception', { amount: reception, shareOf: threeTotal, previous: prior('threePublic.reception', reception) });
  put('threePublic.vehicle', { amount: vehiclePurchase + vehicleOperation, shareOf: threeTotal });
  put('threePublic.vehicleOperation', { amount: vehicleOperation, shareOf: vehiclePurchase + vehicleOperation, previous: prior('threePublic.vehicleOperation', vehicleOperation) });
  if (vehiclePurchase) put('threePublic.vehiclePurchase', { amount: vehiclePurchase, shareOf: vehiclePurchase + vehicleOperation });
  put('operatingCost', { amount: operatingCost, previous: prior('operatingCost', operatingCost), reason: '主要用于办公费、水电费、差旅费、公务用车运行维护费等。' });

  // ─── dates and text ───────────────────────────────────────────────────────────────────────────
  const approvedDate = `${year}-01-${String(rng.int(5, 20)).padStart(2, '0')}`;
  const publishedDate = addDays(approvedDate, rng.int(1, 19));
  const gpbProjects = drafts.filter((d) => d.leaf.fund === 'gpb').reduce((a, d) => a + d.amount, 0);
  const duties = p.theme.duties.map((d, i) => `（${'一二三四五六七'[i]}）${d}。`);
  duties.push(`（${'一二三四五六七'[duties.length]}）完成${p.place}党委、政府交办的其他任务。`);
  const organisation = isUnit
    ? `${name}是${p.parent!.name}所属的预算单位，${year}年度单位预算为本单位的收支预算。`
    : `${name}${year}年度部门预算包括局本级预算和所属单位预算，纳入部门预算编制范围的预算单位共${p.includes.length}个。`;

  const file: UnitYearFile = {
    $schema: '../_schema/unit-year.schema.json',
    unit: {
      id: p.id,
      name,
      code: p.code,
      level: p.level,
      region: p.region,
      ...(p.parent ? { parent: { id: p.parent.id, name: p.parent.name } } : {}),
      ...(p.includes.length ? { includes: p.includes } : {}),
    },
    year,
    documents: {
      budget: {
        profile: SYNTHETIC_PROFILE,
        approvedDate,
        publishedDate,
        narrative: {
          duties: duties.join('\n\n'),
          organisation,
          tasks: rng
            .sample(TASK_LEADS, 4)
            .map((lead, i) => `（${'一二三四'[i]}）${lead}。\n\n${rng.pick(TASK_BODIES)}${rng.pick(TASK_BODIES)}`)
            .join('\n\n'),
          performanceTargets: `${year}年，${name}${drafts.length}个项目实行了绩效目标管理，涉及一般公共预算当年财政拨款${wan(gpbProjects)}万元。`,
        },
        income,
        carryforward: {},
        expenditure,
        economic: economicRows(eco),
        projects: drafts.map((d) => d.record),
        procurement,
        purchasedServices: y.services,
        threePublic,
        operatingCost: wan(operatingCost),
        assets,
        departmentPerformance,
        figures,
        glossary: {
          includeDefault: rng.chance(0.5),
          entries: rng.sample(GLOSSARY, rng.int(3, GLOSSARY.length)).map(([term, definition]) => ({ term, definition })),
        },
      },
    },
  };
  return { file, amounts };
}

/** Places for the district's 部门 names: each city, and each city with a county. */
const PLACES: Array<{ short: string; place: string }> = [
  ...CITIES.map((c) => ({ short: c, place: c })),
  ...CITIES.flatMap((c) => COUNTIES.filter((k) => k).map((k) => ({ short: k, place: `${c.replace(/市$/, '')}${k}` }))),
];

/** One standalone 部门's 2024 budget (no 单位 files), consistent in every figure; the same index always gives the same file. */
export function syntheticFile(index: number): UnitYearFile {
  const rng = new Rng(seedOf(index));
  const theme = THEMES[index % THEMES.length]!;
  const city = rng.pick(CITIES);
  const county = rng.pick(COUNTIES);
  const place = county ? `${city.replace(/市$/, '')}${county}` : city;
  const name = `${county || city}${theme.dept}`;
  const code = String(rng.int(1, 899)).padStart(3, '0');
  const subunits = rng.sample(theme.subunits, rng.int(1, theme.subunits.length)).map((s) => `${county || city}${s}`);
  const includes = [{ name: `${name}本级`, nature: '行政机关' }, ...subunits.map((s) => ({ name: s, nature: '公益一类事业单位' }))];
  const projectNames = rng.sample([...theme.projects, ...GENERIC_PROJECTS], rng.int(5, 20));
  const p = plan(rng, { id: syntheticUnitId(index), name, code, level: 'department', place, region: `安徽省${place}`, includes, theme }, projectNames, seedOf(index));
  return compose(p, SYNTHETIC_YEAR, yearData(p, SYNTHETIC_YEAR), undefined).file;
}

/** The file as it is written: two-space JSON with a final newline, like the seed files. */
export function syntheticJson(index: number): string {
  return JSON.stringify(syntheticFile(index), null, 2) + '\n';
}

// ─── The district ─────────────────────────────────────────────────────────────────────────────────

/** Files per block: a 部门's files never straddle a multiple of it, so the first 100, 1,000 … files are a whole district. */
export const SYNTHETIC_BLOCK = 100;

export interface SyntheticEntry {
  /** data/<unit id>/<year>.json */
  path: string;
  file: UnitYearFile;
}

/**
 * 单位 per 部门 (本级 included) for a block of `series` units (a 部门 and each of its 单位 is one
 * series of yearly files): 1 to 3 单位 each, from the block's seed, using up `series` exactly
 * (a last single series is a 部门 without 单位 files, 0).
 */
function groupSizes(rng: Rng, series: number): number[] {
  const sizes: number[] = [];
  let left = series;
  while (left > 0) {
    const k = left === 1 ? 0 : Math.min(left - 1, rng.int(1, 3));
    sizes.push(k);
    left -= k + 1;
  }
  return sizes;
}

/**
 * The files of one 部门 and its 单位 over the years, the 部门 the exact sum of its 单位 each year,
 * each year's 上年数 last year's figures. `units` 0 is a 部门 without 单位 files.
 */
function groupFiles(g: number, units: number, years: readonly number[]): SyntheticEntry[] {
  const rng = new Rng(seedOf(1_000_003 + g));
  const theme = THEMES[g % THEMES.length]!;
  const where = PLACES[Math.floor(g / THEMES.length) % PLACES.length]!;
  // Past the places × themes, the same names come again as 第N分局: names stay unique.
  const round = Math.floor(g / (THEMES.length * PLACES.length));
  const name = `${where.short}${theme.dept}${round ? `第${round + 1}分局` : ''}`;
  const id = `synth-${String(g).padStart(4, '0')}`;
  const code = String(101 + g).padStart(3, '0');
  const region = `安徽省${where.place}`;
  const subNames = [`${name}本级`, ...rng.sample(theme.subunits, theme.subunits.length).map((s) => `${where.short}${s}${round ? `第${round + 1}分部` : ''}`)];
  const unitCount = Math.min(units, subNames.length);
  const includes = subNames.slice(0, Math.max(unitCount, 1)).map((n, i) => ({ name: n, nature: i === 0 ? '行政机关' : '公益一类事业单位', ...(unitCount ? { id: `${id}-u${i + 1}` } : {}) }));
  // Each 单位 its own projects: no name twice in the 部门's project table.
  const pool = rng.sample([...theme.projects, ...GENERIC_PROJECTS], theme.projects.length + GENERIC_PROJECTS.length);
  const shuffled = pool.map((n) => ({ n, k: rng.next() })).sort((a, b) => a.k - b.k).map((x) => x.n);
  const per = Math.max(5, Math.min(20, Math.floor(shuffled.length / Math.max(unitCount, 1))));
  const base = { place: where.place, region, theme };
  const unitPlans = includes.slice(0, unitCount).map((inc, i) =>
    plan(rng, { ...base, id: inc.id!, name: inc.name, code: `${code}${String(i + 1).padStart(3, '0')}`, level: 'unit', parent: { id, name, code }, includes: [] }, shuffled.slice(i * per, i * per + rng.int(5, per)), seedOf(g * 8 + i + 1)),
  );
  const deptPlan: UnitPlan = unitCount
    ? { ...base, id, name, code, level: 'department', includes, seed: seedOf(g * 8), leaves: [], projects: [], buysVehicles: false, carries: false }
    : plan(rng, { ...base, id, name, code, level: 'department', includes }, shuffled.slice(0, rng.int(5, 20)), seedOf(g * 8));
  const out: SyntheticEntry[] = [];
  const last = new Map<string, KeyAmounts>();
  for (const year of years) {
    const parts = unitPlans.map((u) => ({ u, y: yearData(u, year) }));
    const deptYear = unitCount ? sumYearData(parts.map((x) => x.y)) : yearData(deptPlan, year);
    for (const { u, y } of [{ u: deptPlan, y: deptYear }, ...parts]) {
      const made = compose(u, year, y, last.get(u.id));
      last.set(u.id, made.amounts);
      out.push({ path: `data/${u.id}/${year}.json`, file: made.file });
    }
  }
  return out;
}

/**
 * A district of `count` unit-year files (预算 in profile anhui-2024) that `check` passes with no
 * finding: 部门 of 1–3 单位, three years each (2023–2025), every 部门 the exact sum of its 单位
 * (cross.sum), every 上年数 the previous year's figure (cross.previous), links both ways
 * (cross.link). In blocks of SYNTHETIC_BLOCK files: 33 units × 3 years and one 部门 set up in
 * 2025 (one file); a last, shorter block the same way. Yields a 部门's files at a time, so
 * memory does not grow with `count`. Deterministic.
 */
export function* syntheticDistrict(count: number): Generator<SyntheticEntry[]> {
  let g = 0;
  for (let b = 0; b * SYNTHETIC_BLOCK < count; b++) {
    const files = Math.min(SYNTHETIC_BLOCK, count - b * SYNTHETIC_BLOCK);
    const years = SYNTHETIC_YEARS.length;
    const rng = new Rng(seedOf(7_000_001 + b));
    for (const units of groupSizes(rng, Math.floor(files / years))) yield groupFiles(g++, units, SYNTHETIC_YEARS);
    // The remainder (1 or 2 files): 部门 without 单位 set up in the last year.
    for (let r = 0; r < files % years; r++) yield groupFiles(g++, 0, SYNTHETIC_YEARS.slice(-1));
  }
}

/** The district's files as a list (small counts: tests and tools). */
export function syntheticDistrictFiles(count: number): SyntheticEntry[] {
  return [...syntheticDistrict(count)].flat();
}

/**
 * Writes the district's `count` files under `root` (data/<unit id>/<year>.json); returns their
 * absolute paths, in the district's order (the first k × SYNTHETIC_BLOCK are a whole district).
 */
export function writeSyntheticFiles(root: string, count: number): string[] {
  const paths: string[] = [];
  for (const group of syntheticDistrict(count)) {
    for (const e of group) {
      const path = join(root, e.path);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, JSON.stringify(e.file, null, 2) + '\n');
      paths.push(path);
    }
  }
  return paths;
}
