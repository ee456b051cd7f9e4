/**
 * The 说明's (and 概况's) wording as data: headings and sentence templates by key, the national
 * wording (what the seeds print) as the default for each document kind. A profile's `wording`
 * replaces single keys, and adds the keys its `text` paragraphs name (`"wording": "<key>"`); a data
 * file's own `wording` then replaces keys of those (one unit's way of naming a 科目, say). An unknown
 * key is an error naming it (a typo must not silently fall back).
 *
 * Templates are filled by explanation.ts (fillTemplate): {unit} {year} {prev} {level} {kind} {table}
 * {fund} and figure placeholders such as {amount:income.total}; see docs/profiles.md 说明的措辞.
 */
import type { DocumentKind } from '../model/schema.ts';
import { DEFAULT_PARTS, type ProfileKind } from '../model/profile.ts';
import type { BuildContext } from './context.ts';
import { BookletError } from './context.ts';
import { figureDef } from '../check/figures.ts';

type Wording = Record<string, string>;

/** The 说明 sections that explain one table (explanation.ts TABLE_SECTIONS has one writer for each). */
export const TABLE_SECTION_IDS = [
  'summary', 'income', 'expenditure', 'fiscalSummary', 'gpbExpenditure', 'gpbBasic', 'economicSummary', 'threePublic',
  'gfbExpenditure', 'scobExpenditure', 'projects', 'procurementTable', 'purchasedServices',
] as const;

/** Placeholders that speak of a figure (docs/profiles.md). */
export const FIGURE_PLACEHOLDERS = [
  'amount', 'share', 'percent', 'change', 'changeAmount', 'changeWord', 'versus', 'versusAmount', 'reason', 'reasonText', 'purpose', 'previous', 'budget', 'completion', 'outturn',
  'adjusted', 'budgetRate', 'adjustedRate', 'budgetVersus', 'adjustedVersus', 'budgetCompare', 'budgetReason',
];

/**
 * Placeholders without a key that some sentence has: the booklet's ({unit} {year} …) and those a
 * sentence gets from where it is used ({n} {name} of a line per 科目, {table} {fund} of a table's).
 */
const NAMED_PLACEHOLDERS = [
  'unit', 'year', 'prev', 'level', 'kind', 'currency', 'purposeLead',
  'n', 'name', 'code', 'itemName', 'className', 'subclassName', 'table', 'fund', 'classes', 'current', 'funds', 'count',
  'holder', 'asOf', 'vehicles', 'vehicleKinds', 'equipment', 'equipmentOver50', 'equipmentOver100',
];

/**
 * What is wrong with a sentence template, in Chinese, or null: brackets that do not pair, braces not
 * closed, a placeholder no sentence has, a figure key that does not exist. `levelWords` are the
 * profile's own {names}. The booklet checks again where the sentence is used (explanation.ts).
 */
export function templateProblem(src: string, levelWords: readonly string[] = []): string | null {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '[') depth++;
    else if (c === ']') {
      if (depth === 0) return `第 ${i + 1} 个字符的“]”没有对应的“[”`;
      depth--;
    } else if (c === '{') {
      const end = src.indexOf('}', i);
      if (end < 0) return `第 ${i + 1} 个字符的“{”没有对应的“}”`;
      const body = src.slice(i + 1, end);
      const colon = body.indexOf(':');
      const name = colon < 0 ? body : body.slice(0, colon);
      const key = colon < 0 ? undefined : body.slice(colon + 1);
      if (name === 'money' || name === 'data') {
        if (key === undefined || !key.startsWith('/')) return `{${name}} 要写成 {${name}:/JSON指针}`;
      } else if (FIGURE_PLACEHOLDERS.includes(name)) {
        if (key !== undefined && !figureDef(key)) return `{${body}} 中的数字编号 ${key} 不存在（见 docs/figures.md）`;
      } else if (key !== undefined || !(NAMED_PLACEHOLDERS.includes(name) || levelWords.includes(name))) {
        return `不认识的占位符 {${body}}`;
      }
      i = end;
    }
  }
  return depth > 0 ? '有“[”没有对应的“]”' : null;
}

const COMMON: Wording = {
  // 概况 headings (overview.ts)
  'overview.duties': '主要职责',
  'overview.units': '单位构成',
  'overview.tasks': '{year}年度主要工作任务',
  'overview.performance': '{year}年度绩效情况',
  // 情况说明: group and 其他重要事项 headings
  'heading.matters': '其他重要事项情况说明',
  'heading.projectNarratives': '项目及绩效目标情况',
  'heading.assets': '国有资产占用情况',
  'heading.threePublic': '“三公”经费情况',
  // sentence pieces
  'purpose.lead': '主要用于',
  // 国有资产: whose vehicles and equipment ("{unit}共有车辆…")
  'assets.holder': '{unit}',
  'economicSummary.text':
    '按照《财政部关于印发〈支出经济分类科目改革方案〉的通知》（财预〔2017〕98号）要求，从2018年起全面实施支出经济分类科目改革，根据政府预算管理和部门预算管理的特点，分设部门预算支出经济分类科目和政府预算支出经济分类科目，两套科目之间保持对应关系。为适应改革要求，本表按两套经济分类科目分别反映不同资金来源的全部预算支出。',
  // project descriptions (项目及绩效目标情况, and beside a 项目绩效目标表 with `narrative`)
  'project.title': '{n}.“{name}”项目。',
  'project.summary': '项目概述',
  'project.basis': '立项依据',
  'project.implementer': '实施主体',
  'project.period': '起止时间',
  'project.content': '项目内容',
  'project.budget': '年度预算安排',
  'project.funds': '项目预算安排资金{amount}',
  'project.goal': '绩效目标',
};

const BUDGET: Wording = {
  // 国有资产: the lead of the planned equipment purchase ("；安排购置单价100万元（含）以上设备…")
  'assets.plannedEquipment': '安排购置',
  ...COMMON,
  'overview.organisation': '{level}预算构成',
  'heading.table': '关于{year}年{table}的说明',
  'heading.operatingCost': '机关运行经费',
  'heading.procurement': '政府采购情况',
  'heading.performance': '绩效目标设置情况',
  'heading.gpb.scale': '一般公共预算支出规模变化情况',
  'heading.gpb.structure': '一般公共预算支出结构情况',
  'heading.gpb.detail': '一般公共预算支出具体情况',
  'reason.up': '增长原因主要是',
  'reason.down': '下降原因主要是',
  'reason.flat': '原因主要是',
  'versus.reference': '{prev}年预算',
  'gpb.item': '{n}. {name}{year}年预算{amount}[，{purposeLead}{purpose}][，{versus}[，{reason}]]。',
  'operatingCost.text': '{unit}{year}年机关运行经费财政拨款预算{amount}[，{purposeLead}{purpose}][，{versus}[，{reason}]]。',
  'assets.text': '截至{asOf}，{holder}共有车辆{vehicles}辆[，其中：{vehicleKinds}][；{equipment}]。',
  'procurement.none': '{unit}{year}年没有安排政府采购预算。',
  'procurement.reserved':
    '{year}年本{level}面向中小企业预留政府采购项目预算金额{amount:procurement.smeReserved}[，其中，预留给小型和微型企业的政府采购项目预算为{amount:procurement.smeReservedSmallMicro}]。',
  'empty.fund': '{unit}{year}年没有{fund}拨款收入，也没有使用{fund}拨款安排的支出，故{table}为空表。',
  'fund.text': '{unit}{year}年{fund}支出{amount}[，{purposeLead}{purpose}][，{versus}[，{reason}]]。[按功能分类：{classes}。]',
  'projects.text':
    '{unit}{year}年预算共安排项目支出{amount}[，{versus}[，{reason}]]。主要包括：本年财政拨款安排{current}（其中，一般公共预算拨款安排{amount:projects.gpb}，政府性基金预算拨款安排{amount:projects.gfb}，国有资本经营预算拨款安排{amount:projects.scob}），财政拨款上年结转安排{amount:projects.carryover}、财政专户管理资金安排{amount:projects.specialAccount}和单位资金安排{amount:projects.unitFunds}。',
  'procurementTable.text': '{unit}{year}年预算安排政府采购支出{amount}[，{versus}[，{reason}]]。[其中，{funds}。]',
  'purchasedServices.text': '{unit}{year}年安排政府购买服务支出{amount}[，{versus}[，{reason}]]，共{count}项。',
  'gpbBasic.text': '{unit}{year}年一般公共预算基本支出{amount:gpb.basic}，其中，人员经费{amount:gpb.personnel}，公用经费{amount:gpb.public}。',
  'gpbBasic.personnel': '（一）人员经费{amount:gpb.personnel}，主要包括：{purpose:gpb.personnel}。',
  'gpbBasic.public': '（二）公用经费{amount:gpb.public}，主要包括：{purpose:gpb.public}。',
  'threePublic.none': '{unit}{year}年“三公”经费预算为{amount}，没有安排因公出国（境）费、公务用车购置及运行费和公务接待费。',
  'empty.projects': '{unit}{year}年没有安排项目支出，故{table}为空表。',
  'empty.procurementTable':
    '{unit}{year}年没有使用一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款、财政专户管理资金和单位资金安排的政府采购支出，故{table}为空表。',
  'empty.purchasedServices': '{unit}{year}年没有安排政府购买服务支出，故{table}为空表。',
};

const FINAL: Wording = {
  ...COMMON,
  'overview.organisation': '机构设置',
  'heading.table.summary': '收入支出决算总体情况说明',
  'heading.table.income': '收入决算情况说明',
  'heading.table.expenditure': '支出决算情况说明',
  'heading.table.fiscalSummary': '财政拨款收入支出决算总体情况说明',
  'heading.table.gpbExpenditure': '一般公共预算财政拨款支出决算情况说明',
  'heading.table.gpbBasic': '一般公共预算财政拨款基本支出决算情况说明',
  'heading.table.threePublic': '“三公”经费财政拨款支出决算情况说明',
  'heading.table.gfbExpenditure': '政府性基金预算财政拨款收入支出决算情况说明',
  'heading.table.scobExpenditure': '国有资本经营预算财政拨款支出决算情况说明',
  'heading.table.projects': '项目支出决算情况说明',
  'heading.table.procurementTable': '政府采购支出决算情况说明',
  'heading.table.purchasedServices': '政府购买服务支出决算情况说明',
  'heading.table.economicSummary': '支出经济分类决算情况说明',
  'heading.operatingCost': '机关运行经费支出情况',
  'heading.procurement': '政府采购支出情况',
  'heading.performance': '绩效评价情况',
  'heading.gpb.scale': '一般公共预算财政拨款支出决算总体情况',
  'heading.gpb.structure': '一般公共预算财政拨款支出决算结构情况',
  'heading.gpb.detail': '一般公共预算财政拨款支出决算具体情况',
  'reason.up': '主要原因是',
  'reason.down': '主要原因是',
  'reason.flat': '主要原因是',
  'versus.reference': '{prev}年',
  'gpb.item': '{n}.{name}。{outturn}[，{purposeLead}{purpose}][，{versus}[，{reason}]]。',
  'operatingCost.text': '{year}年度，{unit}机关运行经费支出{amount}[，{purposeLead}{purpose}][，{versus}[，{reason}]]。',
  'assets.text': '截至{asOf}，{holder}共有车辆{vehicles}辆[，其中：{vehicleKinds}][；{equipment}]。',
  'procurement.none': '{year}年度，{unit}没有政府采购支出。',
  'procurement.reserved': '',
  'empty.fund': '{year}年度{unit}没有{fund}财政拨款收入，也没有使用{fund}财政拨款安排的支出，故{table}为空表。',
  'fund.text': '{year}年度{fund}财政拨款支出{amount}[，{purposeLead}{purpose}][，{completion}][，{versus}[，{reason}]]。[按功能分类：{classes}。]',
  'projects.text':
    '{unit}{year}年共安排项目支出{amount}[，{versus}[，{reason}]]。主要包括：本年财政拨款安排{current}（其中，一般公共预算拨款安排{amount:projects.gpb}，政府性基金预算拨款安排{amount:projects.gfb}，国有资本经营预算拨款安排{amount:projects.scob}），财政拨款上年结转安排{amount:projects.carryover}、财政专户管理资金安排{amount:projects.specialAccount}和单位资金安排{amount:projects.unitFunds}。',
  'procurementTable.text': '{unit}{year}年安排政府采购支出{amount}[，{versus}[，{reason}]]。[其中，{funds}。]',
  'purchasedServices.text': '{unit}{year}年安排政府购买服务支出{amount}[，{versus}[，{reason}]]，共{count}项。',
  'gpbBasic.text':
    '{year}年度一般公共预算财政拨款基本支出{amount:gpb.basic}[，{versus:gpb.basic}[，{reason:gpb.basic}]]，其中：人员经费{amount:gpb.personnel}[，主要包括：{purpose:gpb.personnel}]；公用经费{amount:gpb.public}[，主要包括：{purpose:gpb.public}]。',
  'gpbBasic.personnel': '',
  'gpbBasic.public': '',
  'threePublic.none': '{unit}{year}年“三公”经费支出决算为{amount}，没有安排因公出国（境）费、公务用车购置及运行费和公务接待费。',
  'threePublic.completion': '完成年初预算的',
  'empty.projects': '{unit}{year}年没有安排项目支出，故{table}为空表。',
  'empty.procurementTable':
    '{unit}{year}年没有使用一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款、财政专户管理资金和单位资金安排的政府采购支出，故{table}为空表。',
  'empty.purchasedServices': '{unit}{year}年没有安排政府购买服务支出，故{table}为空表。',
};

/** The national wording of one document kind (a copy: callers may not change the defaults). */
export function defaultWording(kind: DocumentKind): Wording {
  return { ...(kind === 'budget' ? BUDGET : FINAL) };
}

/** Every key a profile may set for this kind (heading.table.<section> included for each table section). */
export function wordingKeys(kind: DocumentKind, tableSections: readonly string[]): Set<string> {
  const keys = new Set(Object.keys(kind === 'budget' ? BUDGET : FINAL));
  for (const id of tableSections) keys.add(`heading.table.${id}`);
  return keys;
}

/** The keys a profile's `text` paragraphs name (`{ "each": …, "wording": "<key>" }`), which its `wording` must give. */
export function paragraphWordingKeys(profile: ProfileKind): Set<string> {
  const keys = new Set<string>();
  for (const part of profile.parts ?? DEFAULT_PARTS) {
    for (const s of [...(part.sections ?? []), ...(part.sections ?? []).flatMap((x) => x.sections ?? [])]) {
      for (const p of s.paragraphs ?? []) if (typeof p !== 'string' && 'each' in p && p.wording !== undefined) keys.add(p.wording);
    }
  }
  return keys;
}

/** Every key a data file's `wording` may replace: the defaults' and the profile's own. */
export function documentWordingKeys(profile: ProfileKind, kind: DocumentKind, tableSections: readonly string[]): Set<string> {
  return new Set([...wordingKeys(kind, tableSections), ...paragraphWordingKeys(profile), ...Object.keys(profile.wording ?? {})]);
}

/**
 * The wording of this booklet: defaults, then the profile's keys, then the data file's. Unknown keys
 * are reported (Chinese, with the profile or the file's pointer and the key) rather than ignored;
 * a key a paragraph names that the profile does not give is reported too.
 */
export function resolveWording(ctx: BuildContext, tableSections: readonly string[]): Wording {
  const own = ctx.profile.wording ?? {};
  const named = paragraphWordingKeys(ctx.profile);
  const known = new Set([...wordingKeys(ctx.kind, tableSections), ...named]);
  const unknown = Object.keys(own).filter((k) => !known.has(k));
  if (unknown.length) {
    throw new BookletError(
      `表式 ${ctx.profileId} 的${ctx.kindZh} wording 中有不认识的编号：${unknown.join('、')}（可用的编号见 docs/profiles.md“说明的措辞”）`,
    );
  }
  const missing = [...named].filter((k) => own[k] === undefined && !wordingKeys(ctx.kind, tableSections).has(k));
  if (missing.length) {
    throw new BookletError(`表式 ${ctx.profileId} 的${ctx.kindZh}说明中的段落用了措辞编号 ${missing.join('、')}，但表式的 wording 中没有写出它的句式`);
  }
  const mine = ctx.doc.wording ?? {};
  const allowed = new Set([...known, ...Object.keys(own)]);
  const foreign = Object.keys(mine).filter((k) => !allowed.has(k));
  if (foreign.length) {
    throw new BookletError(`${ctx.base}/wording 中有表式 ${ctx.profileId} 没有的措辞编号：${foreign.join('、')}（见 docs/profiles.md“说明的措辞”）`);
  }
  return { ...defaultWording(ctx.kind), ...own, ...mine };
}

/** A table section's default heading: its own key where the kind has one, else the shared "关于…的说明". */
export function tableHeading(wording: Wording, section: string): string | undefined {
  return wording[`heading.table.${section}`] ?? wording['heading.table'];
}
