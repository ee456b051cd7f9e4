/**
 * Profiles: the per-province, per-year layout of a booklet (which tables, their
 * titles and numbering, currency, decimals, deadline rule). Profiles are data files in
 * data/_profiles/<id>.json, validated against this schema when loaded.
 */
import { Type, type Static } from '@sinclair/typebox';

export const TableId = Type.Union(
  [
    'summary',
    'income',
    'expenditure',
    'fiscalSummary',
    'gpbExpenditure',
    'gpbBasic',
    'economicSummary',
    'threePublic',
    'gfbExpenditure',
    'scobExpenditure',
    'projects',
    'procurement',
    'purchasedServices',
    'departmentPerformance',
    'projectPerformance',
    'projectEvaluation',
    'departmentEvaluation',
  ].map((id) => Type.Literal(id)),
);
export type TableId = Static<typeof TableId>;

/** wan 万元；yuan 元. */
const Currency = (options: { description: string }) => Type.Union([Type.Literal('wan'), Type.Literal('yuan')], options);
/**
 * Rows of a two-sided table (收支总表, 财政拨款收支总表) as data: see docs/profiles.md
 * "两栏表的行". One row object says exactly one of: value (a fixed item bound to a value
 * key), class (one 功能分类 类's spending), sum (the sum of rows listed by id), heading
 * (a label without amounts), classes (expand the 功能分类 类 here) or lines (the data's
 * labelled income lines). The builder checks that exactly one is given.
 */
export const LayoutRow = Type.Object(
  {
    label: Type.Optional(Type.String({ description: '所印的行名；classes 行省略' })),
    indent: Type.Optional(Type.Integer({ minimum: 0, maximum: 3, description: '缩进级数（0 顶格）' })),
    id: Type.Optional(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]*$', description: '行的名字，供 sum 引用' })),
    value: Type.Optional(Type.String({ pattern: '^[a-zA-Z]+(\\.[a-zA-Z]+)?$', description: '取值键，例如 income.gpb、carryover.total、spending（见 docs/profiles.md）' })),
    class: Type.Optional(Type.String({ pattern: '^2[0-9]{2}$', description: '右栏：该功能分类类（3 位编码）的支出' })),
    sum: Type.Optional(Type.Array(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]*$' }), { minItems: 1, description: '所列各行（按 id）之和' })),
    heading: Type.Optional(Type.Literal(true, { description: '只印行名、金额空白的行' })),
    classes: Type.Optional(
      Type.Union([Type.Literal('all'), Type.Literal('used')], {
        description: '在此展开功能分类的类：all 当年科目表所列的全部类（另加数据用到的其他类）；used 只列数据用到的类',
      }),
    ),
    numbering: Type.Optional(
      Type.Union([Type.Literal('zh'), Type.Literal('zhParen'), Type.Literal('code'), Type.Literal('none')], {
        description: 'classes 行的编号：zh 一、二、（省略时）；zhParen （一）（二）；code 类编码加名称；none 只印名称',
      }),
    ),
    lines: Type.Optional(Type.Union([Type.Literal('gpbLines'), Type.Literal('gfbLines')], { description: '在此列出数据中的收入明细行（income.gpbLines / gfbLines）' })),
    omitZero: Type.Optional(Type.Literal(true, { description: '金额为 0 时不印这一行' })),
  },
  { additionalProperties: false },
);
export type LayoutRow = Static<typeof LayoutRow>;

export const LayoutBlock = Type.Object(
  {
    left: Type.Array(LayoutRow, { description: '左栏（收入）的行' }),
    right: Type.Array(LayoutRow, { description: '右栏（支出）的行' }),
    kind: Type.Optional(Type.Union([Type.Literal('item'), Type.Literal('subtotal'), Type.Literal('total')], { description: '本段各行的样式（省略时为 item）' })),
  },
  { additionalProperties: false },
);
export type LayoutBlock = Static<typeof LayoutBlock>;

export const TwoSidedLayout = Type.Object(
  {
    blocks: Type.Array(LayoutBlock, { minItems: 1, description: '依次排列的段；同一段的左右两栏并排，行数少的一栏以空行补齐' }),
    spending: Type.Optional(
      Type.Union([Type.Literal('all'), Type.Literal('current')], {
        description: '右栏支出的口径：all 全部支出（省略时）；current 只计本年收入安排的支出（减去支出行的 fromCarryover，河南表式）',
      }),
    ),
    heads: Type.Optional(
      Type.Record(Type.String({ pattern: '^[a-zA-Z]+$' }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }), {
        description: '右栏金额列的表头（“支出”之下的各级），按列名；省略的列用默认表头',
      }),
    ),
    incomeHead: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 2, maxItems: 2, description: '左栏表头的两级，例如 ["收 入", "金额"]' })),
    spendingHead: Type.Optional(Type.String({ minLength: 1, description: '右栏表头的第一级（默认“支出”）' })),
  },
  { additionalProperties: false },
);
export type TwoSidedLayout = Static<typeof TwoSidedLayout>;

const tableFields = {
    title: Type.String({ minLength: 1, description: '标题模板：{unit} 单位名称，{year} 年度' }),
    number: Type.Optional(Type.String({ description: '表号，例如 部门公开表1、预算10表' })),
    columns: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-zA-Z]+$' }), {
        description: '金额列及其顺序（列名见 docs/profiles.md；省略时用该表的默认列）',
      }),
    ),
    codeColumns: Type.Optional(
      Type.Union([Type.Literal('combined'), Type.Literal('split')], {
        description: 'combined：科目编码一列；split：类、款、项分三列（河南表式）',
      }),
    ),
    unitRows: Type.Optional(Type.Boolean({ description: '按单位分行（单位代码、单位名称行，河南表式）' })),
    codeGroup: Type.Optional(
      Type.String({ minLength: 1, description: '按功能分类的表：科目编码、科目名称两列之上的表头。表式写出时总是印出（金额列只有一级时，金额列表头占两行）；省略时按该表的默认（“功能分类科目”，只在金额列表头有两级时印）；上海决算模板为“项目”' }),
    ),
    codeHead: Type.Optional(
      Type.String({ minLength: 1, description: '按功能分类的表：科目编码一列的表头，省略时为“科目编码”；上海决算模板为“功能分类科目编码”' }),
    ),
    amountGroup: Type.Optional(
      Type.Union([Type.String({ minLength: 1 }), Type.Null()], {
        description: '支出表、政府性基金 / 国有资本经营支出表只印合计、基本支出、项目支出时三列之上的表头，省略时按该表的默认（决算“本年支出”）；null 不印（上海决算模板的表五）',
      }),
    ),
    heads: Type.Optional(
      Type.Record(Type.String({ pattern: '^[a-zA-Z]+$' }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }), {
        description: '按功能分类的表：金额列的表头（按列名，可多级），替换该列的默认表头；上海决算模板的支出决算表 total 为“本年支出合计”',
      }),
    ),
    wide: Type.Optional(Type.Boolean({ description: '打印时横排（列多的表）' })),
    emptyNote: Type.Optional(Type.String({ minLength: 1, description: '空表说明，省略时为“本表无数据”' })),
    trimZeros: Type.Optional(Type.Boolean({ description: '本表金额是否去掉小数末尾的 0（省略时按本类文档的设置）' })),
    printZeros: Type.Optional(
      Type.Boolean({ description: '金额为 0 的格子印出 0（按本表的小数位，如“0”“0.00”）；省略时留空（各样本都这样印）。上海万里街道的表 2、3、5、8 印“0”' }),
    ),
    notes: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: '表下注（“注：本表反映……”），每条一段，可用 {unit} {year} {level} {kind}；有数无数都印' }),
    ),
    narrative: Type.Optional(
      Type.Boolean({ description: '项目绩效目标表 projectPerformance：每张表前印该项目的说明（概述、立项依据、实施主体……，标签见 wording）' }),
    ),
    currency: Type.Optional(Currency({ description: '本表金额的单位（省略时按本类文档的 currency）：表头印“单位：元”或“单位：万元”' })),
    decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 6, description: '本表金额的小数位（省略时：单位与本类文档相同则按其 decimals，否则 2）' })),
    thousands: Type.Optional(Type.Boolean({ description: '本表金额是否用千分位（省略时按本类文档的 thousands）' })),
    layout: Type.Optional(TwoSidedLayout),
    panels: Type.Optional(
      Type.Array(
        Type.Object(
          {
            codes: Type.Array(Type.String({ pattern: '^3[0-9]{2}([0-9]{2})?$' }), {
              minItems: 1,
              description: '本栏依次印出的经济分类科目（3 位类、5 位款），数据中没有的印 0（按 printZeros）或空白',
            }),
            total: Type.String({ minLength: 1, description: '本栏合计行的名称，例如 人员经费合计' }),
          },
          { additionalProperties: false },
        ),
        {
          minItems: 1,
          description: '一般公共预算基本支出表 gpbBasic：分栏并排印出（每栏“经济分类科目编码 / 科目名称 / 决算数”，最后一行为各栏合计），上海决算模板的人员经费 | 公用经费；数据中有而各栏都没有列出的科目报错',
        },
      ),
    ),
    rows: Type.Optional(
      Type.Union([Type.Literal('unit'), Type.Literal('function')], {
        description: '收入总表（预算）的行：unit 按单位一行（省略时）；function 按功能分类科目（数据的 incomeByFunction）',
      }),
    ),
};

/** The fields a table entry may set differently for one unit level (forLevel), and `omit`: not at that level. */
const TableOverride = Type.Partial(
  Type.Object(
    { ...tableFields, omit: Type.Literal(true, { description: '这一层级的文件不公开本表（只有部门或只有单位公开的表）：不印，check 也不要求' }) },
    { additionalProperties: false },
  ),
);

export const ProfileTable = Type.Object(
  {
    id: TableId,
    ...tableFields,
    forLevel: Type.Optional(
      Type.Object(
        { department: Type.Optional(TableOverride), unit: Type.Optional(TableOverride) },
        {
          additionalProperties: false,
          description: '按单位层级换用的本表字段：部门的文件用 department 中的字段、单位的文件用 unit 中的字段替换本表的同名字段（上海单位预算的表1右栏分人员经费、公用经费、项目支出）',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export const PartId = Type.Union([Type.Literal('overview'), Type.Literal('tables'), Type.Literal('explanation'), Type.Literal('glossary')]);
export type PartId = Static<typeof PartId>;

/** A sentence template of the 说明 (docs/profiles.md 说明的措辞): placeholders {unit} {year} {amount:<figure>} …, optional pieces in [ ]. */
const SentenceTemplate = Type.String({ minLength: 1, description: '句式模板：{unit} {year} {prev} {amount:数字编号} {changeAmount:…} {reason:…} …；[ ] 中的一段在其中的占位符为空时整段不印' });

const FigureKey = Type.String({ minLength: 1, description: '数字编号（docs/figures.md），例如 income.fiscal、threePublic.total' });
const joinedFields = {
  joiner: Type.Optional(Type.String({ description: '各条之间的分隔：省略时每条一段；给出时（如“；”）连成一段' })),
  lead: Type.Optional(Type.String({ minLength: 1, description: '连成一段时段首的句式模板（如“本年收入合计{amount:income.current}，其中：”）；没有一条时整段不印' })),
  end: Type.Optional(Type.String({ minLength: 1, description: '连成一段时段尾的文字（如“。”）' })),
};

/**
 * One paragraph of a `text` section: a template; one line per 功能分类 项/类 of a fund; a list of
 * figures, each left out where it is zero; or one figure's sentence with another where it is zero.
 */
export const ProfileParagraph = Type.Union([
  SentenceTemplate,
  Type.Object(
    {
      each: Type.Union([Type.Literal('expenditure'), Type.Literal('fiscal'), Type.Literal('gpb'), Type.Literal('gfb'), Type.Literal('scob')], {
        description: '按哪类资金的科目逐条印：expenditure 全部资金、fiscal 财政拨款、gpb 一般公共预算、gfb 政府性基金、scob 国有资本经营',
      }),
      level: Type.Optional(Type.Union([Type.Literal('item'), Type.Literal('class')], { description: 'item 项（7 位，省略时）；class 类（3 位）' })),
      template: Type.Optional(SentenceTemplate),
      wording: Type.Optional(
        Type.String({
          pattern: '^[a-zA-Z]+(\\.[a-zA-Z]+)*$',
          description: '代替 template：句式取自措辞表中的这个编号（在表式的 wording 中写出），数据文件可用自己的 wording 按编号替换它',
        }),
      ),
      ...joinedFields,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      items: Type.Array(Type.Object({ figure: FigureKey, template: SentenceTemplate }, { additionalProperties: false }), {
        minItems: 1,
        description: '逐条印的数字：每条的句式模板中不写编号的占位符（{amount} {percent} …）指该条的数字；数字为 0 或没有的条不印（“不涉及的不列”）',
      }),
      ...joinedFields,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      figure: FigureKey,
      template: Type.Optional(SentenceTemplate),
      zero: Type.Optional(SentenceTemplate),
    },
    { additionalProperties: false, description: '一个数字的一段：数字不为 0 时印 template（不写编号的占位符指该数字），为 0 或没有时印 zero（如“……年度无机关运行经费支出。”）' },
  ),
]);
export type ProfileParagraph = Static<typeof ProfileParagraph>;

/** The Project fields (schema.ts) an eachProject section can print, in the order they usually print. */
export const PROJECT_TEXT_FIELDS = ['summary', 'basis', 'implementer', 'scheme', 'schedule', 'annualPlan', 'content', 'necessity', 'measures', 'plan', 'goal', 'midGoal'] as const;
const ProjectField = Type.Union(
  PROJECT_TEXT_FIELDS.map((f) => Type.Literal(f)),
  { description: '所印的项目字段：summary 项目概述，basis 立项依据，implementer 实施主体，scheme 实施方案，schedule 实施周期，annualPlan 年度预算安排，content 项目内容，necessity 必要性，measures 配套措施，plan 实施计划，goal 绩效目标，midGoal 中期目标' },
);

const sectionFields = {
  id: Type.String({
    pattern: '^[a-zA-Z]+$',
    description: '节的种类：概况 duties / organisation / units / tasks / performance；说明 见 docs/profiles.md（summary、income、fiscalSummary、threePublic、operatingCost、procurement、assets、performance、other、text …）',
  }),
  heading: Type.Optional(
    Type.Union([Type.String({ minLength: 1 }), Type.Null()], {
      description: '标题模板（{unit} {year} {prev} {level} {kind} {table}），自动加序号“一、”“（一）”；null：不印标题，内容直接接在上一级之下；省略时用默认措辞',
    }),
  ),
  paragraphs: Type.Optional(Type.Array(ProfileParagraph, { description: 'text 节的各段（句式模板）' })),
  unitList: Type.Optional(
    Type.Union([Type.Literal('list'), Type.Literal('table')], {
      description: '概况 organisation / units 节中单位清单（unit.includes）的印法：list 每个单位一行（省略时）；table “序号 / 单位名称 / 备注”三列表（上海决算模板）',
    }),
  ),
  projectTitle: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'eachProject 节：每个项目的标题模板，{name} 为项目名称（上海“{name}经费情况说明”）；不含 {name} 时各项目印同一标题（万里街道“项目经费情况说明”）',
    }),
  ),
  projectSections: Type.Optional(
    Type.Array(
      Type.Object(
        {
          heading: Type.String({ minLength: 1, description: '小节标题，自动加序号“一、”“二、”' }),
          field: ProjectField,
        },
        { additionalProperties: false },
      ),
      { minItems: 1, description: 'eachProject 节：每个项目依次印的小节及其所印的项目字段；数据中该字段为空的小节不印' },
    ),
  ),
  performanceTable: Type.Optional(
    Type.Boolean({
      description: 'eachProject 节：有绩效指标（indicators）的项目在其说明之后印它的项目绩效目标表（表式 tables 中的 projectPerformance，不再印在公开表部分）',
    }),
  ),
};

export const ProfileSubsection = Type.Object(sectionFields, { additionalProperties: false });
export type ProfileSubsection = Static<typeof ProfileSubsection>;

export const ProfileSection = Type.Object(
  {
    ...sectionFields,
    sections: Type.Optional(Type.Array(ProfileSubsection, { description: 'group 节的下一级各节（例如 其他重要事项 的（一）（二）…）' })),
  },
  { additionalProperties: false },
);
export type ProfileSection = Static<typeof ProfileSection>;

export const ProfilePart = Type.Object(
  {
    id: PartId,
    number: Type.Optional(Type.String({ minLength: 1, description: '例如 第一部分、附件；省略时只印标题（标题自带“一、”之类的序号时）' })),
    title: Type.String({ minLength: 1, description: '例如 概况、公开表、情况说明、名词解释' }),
    sections: Type.Optional(
      Type.Array(ProfileSection, { description: '概况、情况说明：本部分的节及其顺序；省略时按全国通行的节（概况：主要职责、构成、任务；说明：逐表说明和其他重要事项）' }),
    ),
    tables: Type.Optional(Type.Array(TableId, { description: '公开表：本部分印哪些表（按 tables 中的顺序）；省略时印其他公开表部分没有列出的全部表' })),
    tocDepth: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 3,
        description: '目录列到本部分的第几级：1 只列本部分的标题（上海部门预算的“六、其他相关情况说明”“七、项目经费情况说明”），2 再列其中的节和表，3（省略时）再列下一级；不列的标题仍是 PDF 的书签',
      }),
    ),
    entryNumbers: Type.Optional(
      Type.String({ minLength: 1, description: '名词解释：每条前的编号模板，{n} 为 1 2 3，{cn} 为 一 二 三，例如 "{n}." 或 "（{cn}）"；省略时不编号' }),
    ),
  },
  { additionalProperties: false },
);
export type ProfilePart = Static<typeof ProfilePart>;

/** The national order (DOMAIN.md), used when a profile lists no parts. */
export const DEFAULT_PARTS: ProfilePart[] = [
  { id: 'overview', number: '第一部分', title: '概况' },
  { id: 'tables', number: '第二部分', title: '公开表' },
  { id: 'explanation', number: '第三部分', title: '情况说明' },
  { id: 'glossary', number: '第四部分', title: '名词解释' },
];

export const ProfileKind = Type.Object(
  {
    currency: Type.Union([Type.Literal('wan'), Type.Literal('yuan')]),
    decimals: Type.Integer({ minimum: 0, maximum: 2 }),
    thousands: Type.Boolean(),
    statedCurrency: Type.Optional(
      Currency({ description: '情况说明（及数据中 figures 的 stated 数字）所用的金额单位；省略时与 currency 相同（上海：表中为元，说明为万元）' }),
    ),
    statedDecimals: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 6, description: '情况说明中金额的小数位；省略时：statedCurrency 与 currency 相同则按 decimals，否则 2' }),
    ),
    statedThousands: Type.Optional(Type.Boolean({ description: '情况说明中金额是否用千分位（省略时不用）' })),
    trimZeros: Type.Optional(
      Type.Boolean({ description: '表中金额去掉小数末尾的 0，如 2140.00 印为 2140、0.60 印为 0.6（安徽表式按 Excel 常规格式印）' }),
    ),
    deadlineDays: Type.Integer({ minimum: 1, description: '公开时限：批复后多少日内公开（全国规定 20 日）；check 在公开日期晚于此时给出警告' }),
    deadlineWorkingDays: Type.Boolean({ description: 'true：时限按工作日计（周一至周五，不含节假日调休）；false：按日历日计' }),
    reasonThreshold: Type.Optional(
      Type.Object(
        {
          percent: Type.Optional(Type.Number({ minimum: 0, description: '比上年增减（或决算与年初预算之差）的幅度达到此百分数时须写原因' })),
          amount: Type.Optional(Type.Number({ minimum: 0, description: '增减额（或差额）达到此金额（按 currency 的单位）时须写原因' })),
        },
        { additionalProperties: false, description: '说明中的增减和决算与预算的差异多大时必须写原因；check 对没有原因的给出警告（省略时不检查）' },
      ),
    ),
    pageNumbers: Type.Optional(
      Type.Union([Type.Literal('outside'), Type.Literal('center')], {
        description: 'PDF 的页码位置：outside 单页居右、双页居左（GB/T 9704 7.5，省略时）；center 居中',
      }),
    ),
    title: Type.String({
      minLength: 1,
      description: '文件标题模板：含 {unit} 时单位名称印在 {unit} 处（上海：“{unit}{year}年区级{level}预算”），否则单位名称加在标题前（全国：“{year}年度{level}预算”）',
    }),
    cover: Type.Optional(
      Type.Array(
        Type.Object(
          {
            text: Type.String({ minLength: 1, description: '封面的一行（模板，占位符同 title），整行印出，不在行中断开' }),
            size: Type.Optional(
              Type.Union([Type.Literal('large'), Type.Literal('medium'), Type.Literal('small')], {
                description: '字号：large 36 磅（全国封面的标题）、medium 26 磅（全国封面的单位名称，省略时）、small 16 磅',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, description: 'PDF 封面的标题各行（按原文的断行）；省略时为单位名称一行、标题一行' },
      ),
    ),
    tableHeading: Type.Optional(
      Type.Object(
        {
          number: Type.Optional(
            Type.Boolean({ description: '公开表所在页的表名上是否印表号：true（省略时）印在表名上方；false 不印，表号只在目录中（上海的原文）' }),
          ),
          preparedBy: Type.Optional(
            Type.String({
              minLength: 1,
              description: '表名之下、与“单位：元”同一行左端印的编制单位行（模板，占位符同 title），例如 "{preparer}：{unit}"（上海预算：编制部门 / 编制单位）；省略时不印',
            }),
          ),
        },
        { additionalProperties: false, description: '公开表所在页的表头：表号印不印、有没有编制单位行（网页的表名仍含表号，读屏软件照样能区分各表）' },
      ),
    ),
    numberGap: Type.Optional(
      Type.String({ maxLength: 2, description: '各部分标题中编号与标题之间的字符：省略时为一个空格（“第一部分 概况”），上海为 ""（“一、部门主要职能”）' }),
    ),
    levelWords: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]*$' }),
        Type.Object(
          { department: Type.String(), unit: Type.String() },
          { additionalProperties: false },
        ),
        {
          description: '按单位层级取的词：{名字} 在部门的文件中印 department，在单位的文件中印 unit（上海：表名中部门“部门”、单位“预算单位”）；用在标题、封面、部分、节和表名以及说明的句式中',
        },
      ),
    ),
    parts: Type.Optional(
      Type.Array(ProfilePart, { minItems: 1, description: '各部分的顺序、编号和标题（任意多个，同一种类可出现多次）；省略时按全国通行的四部分' }),
    ),
    wording: Type.Optional(
      Type.Record(Type.String({ pattern: '^[a-zA-Z]+(\\.[a-zA-Z]+)*$' }), Type.String(), {
        description: '说明的措辞：按编号替换默认的标题和句式（编号及默认措辞见 docs/profiles.md）',
      }),
    ),
    tables: Type.Array(ProfileTable),
  },
  { additionalProperties: false },
);

export const Profile = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]+$' }),
    name: Type.String({ minLength: 1 }),
    kinds: Type.Object(
      { budget: Type.Optional(ProfileKind), final: Type.Optional(ProfileKind) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type ProfileTable = Static<typeof ProfileTable>;
export type ProfileKind = Static<typeof ProfileKind>;
export type Profile = Static<typeof Profile>;

/** The national minimum table set per document kind (DOMAIN.md), used when a profile lists none. */
export const NATIONAL_MINIMUM: Record<'budget' | 'final', TableId[]> = {
  budget: ['summary', 'income', 'expenditure', 'fiscalSummary', 'gpbExpenditure', 'gpbBasic', 'threePublic', 'gfbExpenditure'],
  final: [
    'summary',
    'income',
    'expenditure',
    'fiscalSummary',
    'gpbExpenditure',
    'gpbBasic',
    'threePublic',
    'gfbExpenditure',
    'scobExpenditure',
  ],
};

export const tableNameZh: Record<TableId, string> = {
  summary: '收支总表',
  income: '收入总表',
  expenditure: '支出总表',
  fiscalSummary: '财政拨款收支总表',
  gpbExpenditure: '一般公共预算支出表',
  gpbBasic: '一般公共预算基本支出表',
  economicSummary: '支出经济分类汇总表',
  threePublic: '“三公”经费支出表',
  gfbExpenditure: '政府性基金预算支出表',
  scobExpenditure: '国有资本经营预算支出表',
  projects: '项目支出表',
  procurement: '政府采购支出表',
  purchasedServices: '政府购买服务支出表',
  departmentPerformance: '部门整体绩效目标表',
  projectPerformance: '项目绩效目标表',
  projectEvaluation: '项目支出绩效自评表',
  departmentEvaluation: '部门整体支出绩效自评表',
};

/**
 * The kind as a file of this unit level uses it (docs/profiles.md forLevel): each table entry with its
 * forLevel fields for the level in place, the tables the level omits left out (of the parts' lists too).
 * The booklet and check both read the profile through this, so a 单位's file is neither printed with
 * nor asked for a 部门-only table.
 */
export function profileForLevel(profile: ProfileKind, level: 'department' | 'unit'): ProfileKind {
  if (!profile.tables.some((t) => t.forLevel?.[level])) return profile;
  const omitted = new Set(profile.tables.filter((t) => t.forLevel?.[level]?.omit).map((t) => t.id));
  const tables = profile.tables
    .filter((t) => !omitted.has(t.id))
    .map((t) => {
      const { forLevel: byLevel, ...table } = t;
      if (!byLevel?.[level]) return t;
      const { omit: _omit, ...fields } = byLevel[level];
      return { ...table, ...fields };
    });
  const parts = omitted.size && profile.parts ? profile.parts.map((p) => (p.tables ? { ...p, tables: p.tables.filter((id) => !omitted.has(id)) } : p)) : profile.parts;
  return { ...profile, tables, ...(parts ? { parts } : {}) };
}
