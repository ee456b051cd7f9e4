/**
 * What the budget system's tables look like, by title and header words (never by cell
 * position). Each sheet's first text is matched against the titles in order (a title with
 * “决算” against FINAL_TABLES, any other against TABLES); a table's header columns are matched
 * against `columns` by their header path ("项目/功能分类科目编码/类", whitespace removed,
 * full-width punctuation made half-width), the first unused spec that matches wins. A column
 * no spec names is an unknown header (an error): a number in it would otherwise be lost.
 */
export type TableKey =
  | 'fiscalSummary'
  | 'summary'
  | 'income'
  | 'expenditure'
  | 'gpbBasic'
  | 'gpbExpenditure'
  | 'gfbExpenditure'
  | 'scobExpenditure'
  | 'threePublic'
  | 'projects';

export type TextKey = 'cover' | 'toc' | 'duties' | 'organisation' | 'glossary' | 'explanation' | 'other' | 'projectNotes';

export interface ColumnSpec {
  key: string;
  match: RegExp;
}

export interface TableSpec<K extends string = TableKey> {
  key: K;
  zh: string;
  title: RegExp;
  /**
   * coded: rows of 科目 codes (a header that repeats its code column is read as side-by-side
   * panels, tables.ts); twoSided: 收入 | 支出 lines; single: one row of amounts; list: one row
   * per item, keyed by its name column (项目支出表), 合计 row top or bottom.
   */
  shape: 'coded' | 'twoSided' | 'single' | 'list';
  codes?: 'function' | 'economic';
  columns: ColumnSpec[];
  /** Column keys without which the table cannot be read. */
  required: string[];
}

const CODE_COLUMNS: ColumnSpec[] = [
  { key: 'code1', match: /编码\/类$/ },
  { key: 'code2', match: /编码\/款$/ },
  { key: 'code3', match: /编码\/项$/ },
  { key: 'code', match: /编码$/ },
  { key: 'name', match: /(名称|科目)$/ },
];

const SPENDING: ColumnSpec[] = [
  { key: 'total', match: /合计$/ },
  { key: 'basic', match: /基本支出(\/小计)?$/ },
  { key: 'personnel', match: /人员经费$/ },
  { key: 'public', match: /公用经费$/ },
  { key: 'project', match: /项目支出$/ },
  { key: 'operating', match: /经营支出$/ },
  { key: 'toSuperior', match: /上缴上级支出$/ },
  { key: 'toAffiliated', match: /对附属单位补助支出$/ },
];

/**
 * 项目支出表 (Anhui 2024 and the national 部门预算 layout): 类型 / 项目名称 / 项目单位 / 功能分类, the
 * 总计 and the fund columns of a project (ProjectFunds), 本年财政拨款 and 财政拨款结转结余 grouped
 * under their headings (the 结转 group first: its columns end in the same fund names).
 */
const PROJECT_COLUMNS: ColumnSpec[] = [
  { key: 'type', match: /(类型|项目类别)$/ },
  { key: 'projectName', match: /项目名称$/ },
  { key: 'projectUnit', match: /(项目单位|单位名称)$/ },
  { key: 'fundUse', match: /项目属性$/ },
  { key: 'functionCode', match: /功能分类(科目)?(编码)?$/ },
  { key: 'total', match: /(总计|合计)$/ },
  { key: 'carryGpb', match: /结转(结余)?\/一般公共预算(拨款)?$/ },
  { key: 'carryGfb', match: /结转(结余)?\/政府性基金(预算)?(拨款)?$/ },
  { key: 'carryScob', match: /结转(结余)?\/国有资本经营(预算)?(拨款)?$/ },
  { key: 'gpb', match: /一般公共预算(拨款)?$/ },
  { key: 'gfb', match: /政府性基金(预算)?(拨款)?$/ },
  { key: 'scob', match: /国有资本经营(预算)?(拨款)?$/ },
  { key: 'specialAccount', match: /财政专户(管理资金)?$/ },
  { key: 'unitFunds', match: /单位资金$/ },
];

/** The fund columns of a project (ProjectFunds keys). */
export const PROJECT_FUNDS = ['gpb', 'gfb', 'scob', 'carryGpb', 'carryGfb', 'carryScob', 'specialAccount', 'unitFunds'] as const;

export const TABLES: TableSpec[] = [
  {
    key: 'projects',
    zh: '项目支出表',
    title: /项目支出(预算)?表$/,
    shape: 'list',
    columns: PROJECT_COLUMNS,
    required: ['projectName'],
  },
  {
    key: 'fiscalSummary',
    zh: '财政拨款收支总表',
    title: /财政拨款收支.*总表/,
    shape: 'twoSided',
    columns: [
      { key: 'incomeLabel', match: /收入.*\/项目$/ },
      { key: 'incomeAmount', match: /收入.*\/(预算数|金额)$/ },
      { key: 'expLabel', match: /支出.*\/项目$/ },
      { key: 'total', match: /支出.*\/(合计|预算数)$/ },
      { key: 'gpb', match: /一般公共预算$/ },
      { key: 'gfb', match: /政府性基金(预算)?$/ },
      { key: 'scob', match: /国有资本经营(预算)?$/ },
    ],
    required: ['incomeLabel', 'incomeAmount', 'expLabel', 'total'],
  },
  {
    key: 'summary',
    zh: '财务收支总表',
    title: /收支.*总表/,
    shape: 'twoSided',
    columns: [
      { key: 'incomeLabel', match: /收入.*\/项目$/ },
      { key: 'incomeAmount', match: /收入.*\/(预算数|金额)$/ },
      { key: 'expLabel', match: /支出.*\/项目$/ },
      { key: 'total', match: /支出.*\/(合计|预算数)$/ },
      ...SPENDING.slice(1),
    ],
    required: ['incomeLabel', 'incomeAmount', 'expLabel', 'total'],
  },
  {
    key: 'income',
    zh: '收入总表',
    title: /收入.*总表/,
    shape: 'coded',
    codes: 'function',
    columns: [
      // Anhui prints one row per 单位 (单位名称) instead of 科目 rows: only its 合计 is compared.
      { key: 'unitName', match: /单位名称$/ },
      ...CODE_COLUMNS,
      { key: 'total', match: /合计$/ },
      { key: 'fiscal', match: /财政拨款(收入)?$/ },
      { key: 'gpb', match: /一般公共预算(拨款)?收入$/ },
      { key: 'gfb', match: /政府性基金(预算)?(拨款)?收入$/ },
      { key: 'scob', match: /国有资本经营(预算)?(拨款)?收入$/ },
      { key: 'unitFunds', match: /单位资金(收入)?$/ },
      { key: 'operating', match: /经营收入$/ },
      { key: 'business', match: /事业收入$/ },
      { key: 'superior', match: /上级补助收入$/ },
      { key: 'affiliated', match: /附属单位上缴收入$/ },
      { key: 'specialAccount', match: /财政专户.*$/ },
      { key: 'carryover', match: /上年结转.*$/ },
      { key: 'other', match: /其他收入$/ },
    ],
    required: ['total'],
  },
  { key: 'expenditure', zh: '支出总表', title: /支出.*总表/, shape: 'coded', codes: 'function', columns: [...CODE_COLUMNS, ...SPENDING], required: ['total'] },
  {
    key: 'gpbBasic',
    zh: '一般公共预算基本支出表',
    title: /一般公共预算.*基本支出/,
    shape: 'coded',
    codes: 'economic',
    columns: [...CODE_COLUMNS, { key: 'total', match: /合计$/ }, { key: 'personnel', match: /人员经费$/ }, { key: 'public', match: /公用经费$/ }],
    required: ['total'],
  },
  { key: 'gpbExpenditure', zh: '一般公共预算支出表', title: /一般公共预算.*支出/, shape: 'coded', codes: 'function', columns: [...CODE_COLUMNS, ...SPENDING], required: ['total'] },
  { key: 'gfbExpenditure', zh: '政府性基金预算支出表', title: /政府性基金.*支出/, shape: 'coded', codes: 'function', columns: [...CODE_COLUMNS, ...SPENDING], required: ['total'] },
  { key: 'scobExpenditure', zh: '国有资本经营预算支出表', title: /国有资本经营.*支出/, shape: 'coded', codes: 'function', columns: [...CODE_COLUMNS, ...SPENDING], required: ['total'] },
  {
    key: 'threePublic',
    zh: '“三公”经费和机关运行经费表',
    title: /三公/,
    shape: 'single',
    columns: [
      { key: 'total', match: /三公.*\/合计$/ },
      { key: 'abroad', match: /出国/ },
      { key: 'reception', match: /接待/ },
      { key: 'vehicle', match: /公务用车购置及运行(维护)?费(\/小计)?$/ },
      { key: 'vehiclePurchase', match: /\/(公务用车)?购置费$/ },
      { key: 'vehicleOperation', match: /\/(公务用车)?运行(维护)?费$/ },
      { key: 'operatingCost', match: /机关运行经费/ },
    ],
    required: ['total'],
  },
];

/**
 * The 决算 tables (财政部 部门决算公开表 公开01–09表 and the Shanghai 决算 template). Order
 * matters where one title contains another: 财政拨款收入支出决算总表 before 收入支出决算总表,
 * 基本支出决算表 before 一般公共预算…支出决算表, every other …支出决算表 before 支出决算表.
 */
const ROW_NUMBER: ColumnSpec[] = [
  // 行次 / 栏次 columns number the lines; they hold no amount.
  { key: 'incomeRow', match: /收入.*\/(行次|栏次)$/ },
  { key: 'expRow', match: /支出.*\/(行次|栏次)$/ },
];

const FINAL_SPENDING: ColumnSpec[] = [
  { key: 'total', match: /(合计|小计)$/ },
  { key: 'basic', match: /基本支出$/ },
  { key: 'personnel', match: /人员经费$/ },
  { key: 'public', match: /公用经费$/ },
  { key: 'project', match: /项目支出$/ },
  { key: 'toSuperior', match: /上缴上级支出$/ },
  { key: 'operating', match: /经营支出$/ },
  { key: 'toAffiliated', match: /对附属单位补助支出$/ },
];

/** 政府性基金 / 国有资本经营 决算表: 本年支出, with the 结转 columns where the template prints them. */
const FLOW_COLUMNS: ColumnSpec[] = [
  ...CODE_COLUMNS,
  { key: 'opening', match: /年初结转(和结余)?$/ },
  { key: 'income', match: /本年收入$/ },
  { key: 'closing', match: /年末结转(和结余)?$/ },
  ...FINAL_SPENDING.filter((c) => ['total', 'basic', 'project'].includes(c.key)),
];

/** “三公” 决算: 预算数 (年初), 全年预算数 and 决算数 groups of the same items. */
function threePublicGroup(prefix: string, group: string): ColumnSpec[] {
  const p = `(^|\\/)${group}\\/`;
  return [
    { key: `${prefix}total`, match: new RegExp(`${p}合计$`) },
    { key: `${prefix}abroad`, match: new RegExp(`${p}.*出国`) },
    { key: `${prefix}vehicle`, match: new RegExp(`${p}公务用车购置及运行(维护)?费(\\/小计)?$`) },
    { key: `${prefix}vehiclePurchase`, match: new RegExp(`${p}(.*\\/)?(公务用车)?购置费$`) },
    { key: `${prefix}vehicleOperation`, match: new RegExp(`${p}(.*\\/)?(公务用车)?运行(维护)?费$`) },
    { key: `${prefix}reception`, match: new RegExp(`${p}.*接待`) },
  ];
}

export const FINAL_TABLES: TableSpec[] = [
  {
    key: 'fiscalSummary',
    zh: '财政拨款收入支出决算总表',
    title: /财政拨款收入支出决算总表/,
    shape: 'twoSided',
    columns: [
      ...ROW_NUMBER,
      { key: 'incomeLabel', match: /收入.*\/项目$/ },
      { key: 'incomeAmount', match: /收入.*\/(决算数|金额)$/ },
      { key: 'expLabel', match: /支出.*\/项目$/ },
      { key: 'gpb', match: /一般公共预算(财政拨款)?$/ },
      { key: 'gfb', match: /政府性基金(预算)?(财政拨款)?$/ },
      { key: 'scob', match: /国有资本经营(预算)?(财政拨款)?$/ },
      { key: 'total', match: /支出.*\/(合计|小计|决算数|金额)$/ },
    ],
    required: ['incomeLabel', 'incomeAmount', 'expLabel', 'total'],
  },
  {
    key: 'summary',
    zh: '收入支出决算总表',
    title: /收入支出决算总表/,
    shape: 'twoSided',
    columns: [
      ...ROW_NUMBER,
      { key: 'incomeLabel', match: /收入.*\/项目$/ },
      { key: 'incomeAmount', match: /收入.*\/(决算数|金额)$/ },
      { key: 'expLabel', match: /支出.*\/项目$/ },
      { key: 'total', match: /支出.*\/(决算数|金额|合计)$/ },
    ],
    required: ['incomeLabel', 'incomeAmount', 'expLabel', 'total'],
  },
  {
    key: 'income',
    zh: '收入决算表',
    title: /收入决算表/,
    shape: 'coded',
    codes: 'function',
    columns: [
      ...CODE_COLUMNS,
      { key: 'total', match: /合计$/ },
      { key: 'fiscal', match: /财政拨款(收入)?$/ },
      { key: 'superior', match: /上级补助收入$/ },
      { key: 'business', match: /事业收入$/ },
      { key: 'operating', match: /经营收入$/ },
      { key: 'affiliated', match: /附属单位上缴收入$/ },
      { key: 'other', match: /其他收入$/ },
    ],
    required: ['total'],
  },
  {
    key: 'gpbBasic',
    zh: '一般公共预算财政拨款基本支出决算表',
    title: /基本支出决算表/,
    shape: 'coded',
    codes: 'economic',
    columns: [...CODE_COLUMNS, { key: 'total', match: /(合计|决算数)$/ }, { key: 'personnel', match: /人员经费$/ }, { key: 'public', match: /公用经费$/ }],
    required: ['total'],
  },
  {
    key: 'gpbExpenditure',
    zh: '一般公共预算财政拨款支出决算表',
    title: /一般公共预算.*支出决算表/,
    shape: 'coded',
    codes: 'function',
    columns: [
      ...CODE_COLUMNS,
      { key: 'budgetBasic', match: /年初预算(数)?\/基本支出$/ },
      { key: 'budgetProject', match: /年初预算(数)?\/项目支出$/ },
      { key: 'budget', match: /年初预算(数)?(\/(合计|小计))?$/ },
      { key: 'adjusted', match: /全年预算(数)?(\/(合计|小计))?$/ },
      ...FINAL_SPENDING.filter((c) => ['total', 'basic', 'personnel', 'public', 'project'].includes(c.key)),
    ],
    required: ['total'],
  },
  {
    key: 'threePublic',
    zh: '财政拨款“三公”经费支出决算表',
    title: /三公/,
    shape: 'single',
    columns: [...threePublicGroup('budget.', '(年初)?预算数?'), ...threePublicGroup('adjusted.', '全年预算数?'), ...threePublicGroup('', '决算数?'), { key: 'operatingCost', match: /机关运行经费/ }],
    required: ['total'],
  },
  { key: 'gfbExpenditure', zh: '政府性基金预算财政拨款收入支出决算表', title: /政府性基金.*决算表/, shape: 'coded', codes: 'function', columns: FLOW_COLUMNS, required: ['total'] },
  { key: 'scobExpenditure', zh: '国有资本经营预算财政拨款支出决算表', title: /国有资本经营.*决算表/, shape: 'coded', codes: 'function', columns: FLOW_COLUMNS, required: ['total'] },
  {
    key: 'expenditure',
    zh: '支出决算表',
    title: /支出决算表/,
    shape: 'coded',
    codes: 'function',
    columns: [...CODE_COLUMNS, ...FINAL_SPENDING],
    required: ['total'],
  },
];

/** 绩效 forms read per project: the 项目绩效目标表 (one sheet per project, header fields, indicator rows). */
export type FormKey = 'projectPerformance';

export const FORMS: Array<{ key: FormKey; title: RegExp; zh: string }> = [{ key: 'projectPerformance', title: /项目.*绩效目标表/, zh: '项目绩效目标表' }];

export const TEXTS: Array<{ key: TextKey; title: RegExp; zh: string }> = [
  { key: 'toc', title: /^目录$/, zh: '目录' },
  { key: 'duties', title: /主要职能|主要职责/, zh: '主要职能' },
  { key: 'organisation', title: /机构设置/, zh: '机构设置' },
  { key: 'glossary', title: /名词解释/, zh: '名词解释' },
  { key: 'explanation', title: /编制说明/, zh: '编制说明' },
  { key: 'other', title: /其他相关情况说明/, zh: '其他相关情况说明' },
  { key: 'projectNotes', title: /项目经费情况说明/, zh: '项目经费情况说明' },
  { key: 'cover', title: /\d{4}年.*(预算|决算)$/, zh: '封面' },
];
