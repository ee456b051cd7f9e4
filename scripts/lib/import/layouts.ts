/**
 * What the budget system's tables look like, by title and header words (never by cell
 * position). Each sheet's first text is matched against the titles in order; a table's header
 * columns are matched against `columns` by their header path ("项目/功能分类科目编码/类",
 * whitespace removed, full-width punctuation made half-width). A column no spec names is an
 * unknown header (an error): a number in it would otherwise be lost.
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
  | 'threePublic';

export type TextKey = 'cover' | 'toc' | 'duties' | 'organisation' | 'glossary' | 'explanation' | 'other' | 'projectNotes';

export interface ColumnSpec {
  key: string;
  match: RegExp;
}

export interface TableSpec<K extends string = TableKey> {
  key: K;
  zh: string;
  title: RegExp;
  shape: 'coded' | 'twoSided' | 'single';
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

export const TABLES: TableSpec[] = [
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
      ...CODE_COLUMNS,
      { key: 'total', match: /合计$/ },
      { key: 'fiscal', match: /财政拨款(收入)?$/ },
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
