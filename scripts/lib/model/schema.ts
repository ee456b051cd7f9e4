/**
 * The data model: one file per unit and year, `data/<unit-id>/<year>.json`.
 *
 * This module is the single source of truth. The JSON Schema published at
 * `data/_schema/unit-year.schema.json` is generated from it (`npm run schema`),
 * and the TypeScript types below are `Static<>` of the same values, so the two
 * cannot drift; a test compares the committed schema file with a fresh render.
 *
 * Conventions that every field follows:
 * - Amounts are JSON numbers in the document's currency unit (万元 with at most
 *   6 decimals, or 元 with at most 2, as the profile says). They are decoded into
 *   integer 分 before any arithmetic (see money.ts); no float is ever added.
 * - An absent amount means 0 / blank cell; a table with no data is an explicit
 *   empty list (or null for a section), never a missing key.
 * - Subtotals, shares, changes and completion rates are derived. Where a
 *   published booklet prints such a figure it is recorded as stated (a 类/款 row
 *   in a table, a `figures` entry for the 说明 text) and `check` compares it.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const d = (title: string, description?: string) => (description ? { title, description } : { title });

const Money = (title: string, description?: string) =>
  Type.Number({ minimum: 0, ...d(title, description) });
const SignedMoney = (title: string, description?: string) => Type.Number(d(title, description));
const Percent = (title: string) => Type.Number(d(title, '百分数，不带 % 号，例如 23.54 表示 23.54%'));
const Text = (title: string, description?: string) => Type.String({ minLength: 1, ...d(title, description) });
const Markdown = (title: string) =>
  Type.String(d(title, 'Markdown 文本：空行分段；原样显示，不能包含 HTML'));
const IsoDate = (title: string) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', ...d(title, '日期，格式 YYYY-MM-DD') });
const Count = (title: string) => Type.Integer({ minimum: 0, ...d(title) });
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const Obj = <P extends Record<string, TSchema>>(props: P, title: string, description?: string) =>
  Type.Object(props, { additionalProperties: false, ...d(title, description) });

/** 功能分类 code: 类 3 digits, 款 5, 项 7. */
export const FunctionCode = Type.String({
  pattern: '^(\\d{3}|\\d{5}|\\d{7})$',
  ...d('功能分类科目编码', '类 3 位、款 5 位、项 7 位，例如 208、20805、2080505'),
});
/** 经济分类 code: 类 3 digits, 款 5. */
export const EconomicCode = Type.String({
  pattern: '^(\\d{3}|\\d{5})$',
  ...d('经济分类科目编码', '类 3 位、款 5 位，例如 301、30101'),
});

/** Fund sources of expenditure (资金来源). */
export const FundSource = Type.Union(
  [
    Type.Literal('gpb'),
    Type.Literal('gfb'),
    Type.Literal('scob'),
    Type.Literal('specialAccount'),
    Type.Literal('unitFunds'),
  ],
  d(
    '资金来源',
    'gpb 一般公共预算拨款；gfb 政府性基金预算拨款；scob 国有资本经营预算拨款；specialAccount 财政专户管理资金；unitFunds 单位资金',
  ),
);
export type FundSource = Static<typeof FundSource>;

const LabelledAmount = Obj(
  { label: Text('项目名称'), amount: Money('金额') },
  '明细行',
  '表中“其中”明细，例如河南表式一般公共预算收入下的“财政拨款”“上级预拨”',
);

// ---------------------------------------------------------------- unit

const UnitNature = Text('单位性质', '例如 行政机关、参照公务员法管理事业单位、公益一类事业单位');

export const IncludedUnit = Obj(
  {
    name: Text('单位名称'),
    code: Opt(Text('单位代码')),
    nature: Opt(UnitNature),
    note: Opt(Text('备注', '单位构成表（表式 unitList: "table"）“备注”栏所印的文字')),
    id: Opt(
      Type.String({
        pattern: '^[a-z0-9][a-z0-9-]*$',
        ...d('单位标识', '该单位自己的数据文件夹名（有单位预决算文件时填写），用于部门与单位互相核对、网站互相链接'),
      }),
    ),
  },
  '纳入预算编制范围的单位',
);

export const Unit = Obj(
  {
    id: Type.String({
      pattern: '^[a-z0-9][a-z0-9-]*$',
      ...d('单位标识', '小写字母、数字和连字符，与 data/ 下的文件夹同名'),
    }),
    name: Text('单位全称', '封面、表头和说明中使用的名称'),
    shortName: Opt(Text('简称')),
    code: Opt(Type.String({ pattern: '^\\d{1,9}$', ...d('单位代码', '例如 066（不含方括号）') })),
    level: Type.Union([Type.Literal('department'), Type.Literal('unit')], d('层级', 'department 部门；unit 单位')),
    nature: Opt(UnitNature),
    parent: Opt(
      Obj(
        {
          name: Text('主管部门名称'),
          code: Opt(Text('主管部门代码')),
          id: Opt(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', ...d('主管部门标识', '主管部门的数据文件夹名（部门预决算文件在 data/ 中时填写）') })),
        },
        '主管部门',
      ),
    ),
    region: Opt(Text('地区', '例如 安徽省宿州市泗县')),
    example: Opt(Type.Boolean(d('示例数据', '合成的示例数字（不是真实公开文件）；每页标注“示例”'))),
    includes: Opt(Type.Array(IncludedUnit, d('部门所属单位', '部门预决算包括的单位（含本级），按公开顺序'))),
  },
  '单位',
);

// ---------------------------------------------------------------- narrative

const Section = Obj({ title: Text('标题'), body: Markdown('正文') }, '段落');

export const Narrative = Obj(
  {
    duties: Markdown('主要职责'),
    organisation: Markdown('机构设置 / 预算构成（说明文字；单位清单取自 unit.includes）'),
    tasks: Opt(Markdown('年度主要工作任务（预算）')),
    performance: Opt(Markdown('绩效情况概述（决算）')),
    performanceTargets: Opt(Markdown('绩效目标设置情况（预算，其他重要事项）')),
    evaluation: Opt(Markdown('绩效评价 / 绩效自评情况（决算，其他重要事项）')),
    otherMatters: Opt(Type.Array(Section, d('其他重要事项中的其他段落', '例如 专项转移支付项目情况'))),
  },
  '文字部分',
);

// ---------------------------------------------------------------- income

const SourceAmounts = (title: string) =>
  Obj(
    {
      gpb: Opt(Money('一般公共预算')),
      gfb: Opt(Money('政府性基金预算')),
      scob: Opt(Money('国有资本经营预算')),
      specialAccount: Opt(Money('财政专户管理资金')),
      unitFunds: Opt(Money('单位资金')),
    },
    title,
  );

export const Income = Obj(
  {
    gpb: Opt(Money('一般公共预算拨款收入')),
    gpbCentral: Opt(Money('其中：中央转移支付收入（一般公共预算）')),
    gpbLines: Opt(Type.Array(LabelledAmount, d('一般公共预算收入明细', '各行之和应等于 gpb'))),
    gfb: Opt(Money('政府性基金预算拨款收入')),
    gfbCentral: Opt(Money('其中：中央转移支付收入（政府性基金）')),
    gfbLines: Opt(Type.Array(LabelledAmount, d('政府性基金收入明细', '各行之和应等于 gfb'))),
    scob: Opt(Money('国有资本经营预算拨款收入')),
    scobCentral: Opt(Money('其中：中央转移支付收入（国有资本经营）')),
    specialAccount: Opt(Money('财政专户管理资金收入')),
    business: Opt(Money('事业收入')),
    operating: Opt(Money('事业单位经营收入')),
    superior: Opt(Money('上级补助收入')),
    affiliated: Opt(Money('附属单位上缴收入')),
    other: Opt(Money('其他收入')),
    nonFiscalBalanceUsed: Opt(Money('使用非财政拨款结余（决算）')),
    carryover: SourceAmounts('上年结转（预算）/ 年初结转和结余（决算），按资金来源'),
  },
  '收入',
  '按来源的收入；单位资金 = 事业收入 + 事业单位经营收入 + 上级补助收入 + 附属单位上缴收入 + 其他收入',
);

// ---------------------------------------------------------------- expenditure

const ExpenditureColumns = {
  total: Opt(Money('合计', '项行：只填合计表示未分列；与各列之和不同即为错误。类、款行：所印数字')),
  basic: Opt(Money('基本支出小计（所印数字；可由各列推算）')),
  personnel: Opt(Money('人员经费')),
  salaries: Opt(Money('工资福利支出（河南表式）')),
  families: Opt(Money('对个人和家庭的补助（河南表式）')),
  public: Opt(Money('公用经费')),
  project: Opt(Money('项目支出')),
  projectGeneral: Opt(Money('一般性项目（河南表式）')),
  projectSpecial: Opt(Money('专项资金（河南表式）')),
  operating: Opt(Money('事业单位经营支出')),
  toSuperior: Opt(Money('上缴上级支出')),
  toAffiliated: Opt(Money('对附属单位补助支出')),
};

export const ExpenditureRow = Obj(
  {
    code: FunctionCode,
    fund: FundSource,
    unitCode: Opt(Text('单位代码（河南表式按单位分行）')),
    name: Opt(Text('科目名称（所印名称，仅当与当年科目表不同时填写）')),
    ...ExpenditureColumns,
    fromCarryover: Opt(Money('其中：上年结转安排的支出', '合计中用上年结转资金安排的部分（河南财政拨款收支总体情况表只印本年收入安排的支出）')),
    fromAdvance: Opt(Money('其中：上级预拨安排的支出', '合计中用上级提前下达（预拨）资金安排的部分（河南表“其中：财政拨款”列 = 合计 − 上级预拨）')),
    budget: Opt(Money('年初预算数（决算）')),
    adjusted: Opt(Money('全年预算数（决算）', '年初预算加上年中追加、调整后的全年预算（调整预算）；上海的说明写“完成全年预算数的x%”')),
    budgetBasic: Opt(Money('年初预算基本支出（决算）')),
    budgetProject: Opt(Money('年初预算项目支出（决算）')),
  },
  '支出行（功能分类）',
  '一行 = 一个科目 × 一个资金来源。项（7 位）行是数据；类、款行可选，只记录原表所印的小计，供核对',
);

export const EconomicRow = Obj(
  {
    code: EconomicCode,
    fund: FundSource,
    scheme: Opt(
      Type.Union([Type.Literal('department'), Type.Literal('government')], d('经济分类体系', 'department 部门预算支出经济分类（默认）；government 政府预算支出经济分类')),
    ),
    name: Opt(Text('科目名称（所印名称，仅当与当年科目表不同时填写）')),
    total: Opt(Money('合计')),
    personnel: Opt(Money('人员经费')),
    public: Opt(Money('公用经费')),
  },
  '基本支出行（经济分类）',
);

// ---------------------------------------------------------------- final accounts

export const IncomeByFunctionRow = Obj(
  {
    code: FunctionCode,
    name: Opt(Text('科目名称（所印名称，仅当与当年科目表不同时填写）')),
    total: Opt(Money('本年收入合计（所印数字）')),
    fiscal: Opt(Money('财政拨款收入')),
    superior: Opt(Money('上级补助收入')),
    business: Opt(Money('事业收入')),
    operating: Opt(Money('经营收入')),
    affiliated: Opt(Money('附属单位上缴收入')),
    other: Opt(Money('其他收入')),
  },
  '收入决算行（功能分类）',
);

export const FundFlowRow = Obj(
  {
    code: FunctionCode,
    opening: Opt(Money('年初结转和结余')),
    income: Opt(Money('本年收入')),
    basic: Opt(Money('本年支出：基本支出')),
    project: Opt(Money('本年支出：项目支出')),
    spending: Opt(Money('本年支出合计（所印数字）')),
    closing: Opt(Money('年末结转和结余')),
  },
  '政府性基金收入支出决算行',
);

export const FinalBalances = Obj(
  {
    surplusAllocation: Opt(Money('结余分配')),
    closing: SourceAmounts('年末结转和结余，按资金来源'),
  },
  '结余（决算）',
);

// ---------------------------------------------------------------- projects and performance

export const Indicator = Obj(
  {
    level1: Text('一级指标'),
    level2: Opt(Type.String(d('二级指标'))),
    level3: Opt(Type.String(d('三级指标'))),
    value: Opt(Type.String(d('指标值（年度）'))),
    midValue: Opt(Type.String(d('中期指标值'))),
    note: Opt(Type.String(d('指标解释 / 评价标准'))),
    previousActual: Opt(Type.String(d('上年实际完成值（决算自评）'))),
    actual: Opt(Type.String(d('实际完成值（决算自评）'))),
    weight: Opt(Type.Number({ minimum: 0, ...d('分值') })),
    score: Opt(Type.Number({ minimum: 0, ...d('得分') })),
    deviation: Opt(Type.String(d('偏差原因分析及改进措施'))),
  },
  '绩效指标',
  '按原表自上而下逐行填写；一级、二级指标相同的相邻行合并显示',
);

const ProjectFunds = Obj(
  {
    gpb: Opt(Money('本年财政拨款：一般公共预算')),
    gfb: Opt(Money('本年财政拨款：政府性基金预算')),
    scob: Opt(Money('本年财政拨款：国有资本经营预算')),
    carryGpb: Opt(Money('财政拨款结转结余：一般公共预算')),
    carryGfb: Opt(Money('财政拨款结转结余：政府性基金预算')),
    carryScob: Opt(Money('财政拨款结转结余：国有资本经营预算')),
    specialAccount: Opt(Money('财政专户管理资金')),
    unitFunds: Opt(Money('单位资金')),
  },
  '项目资金（按来源）',
);

const Attribute = Obj({ label: Text('栏目'), value: Type.String(d('内容')) }, '表头栏目', '各省绩效表表头的其他栏目，按原表顺序');

export const Project = Obj(
  {
    name: Text('项目名称'),
    printedName: Opt(Text('所印名称（与项目名称不同时，例如“2024_城乡医疗救助”）')),
    type: Opt(Text('项目类型', '例如 特定目标类、其他运转类')),
    unit: Text('项目单位', '必须是本部门（unit.includes）中的单位名称'),
    printedUnit: Opt(Text('所印项目单位', '原文项目支出表所印的单位名称，与单位清单不同时填写（check 给出警告）')),
    fundUse: Opt(Text('资金用途 / 项目属性，例如 业务类、常年项目')),
    source: Opt(Text('项目来源，例如 本级申报项目')),
    period: Opt(Text('项目期，例如 1年')),
    start: Opt(Text('开始时间')),
    end: Opt(Text('结束时间')),
    functionCode: Opt(FunctionCode),
    funds: ProjectFunds,
    total: Opt(Money('总计（所印数字）')),
    midTotal: Opt(Money('中期资金总额')),
    otherFunds: Opt(Money('其他资金（绩效表）')),
    summary: Opt(Markdown('项目概述')),
    basis: Opt(Markdown('立项依据')),
    implementer: Opt(Text('实施主体')),
    scheme: Opt(Markdown('实施方案（上海的项目经费情况说明）')),
    schedule: Opt(Markdown('实施周期（上海的项目经费情况说明，照原文，例如“2025.1.1-2025.12.31”）')),
    annualPlan: Opt(Markdown('年度预算安排（上海的项目经费情况说明，照原文）')),
    annualPlanFigures: Opt(
      Obj(
        {
          unit: Type.Union([Type.Literal('元'), Type.Literal('万元')], d('所印金额单位', '原文写“万”的也填 万元')),
          decimals: Type.Integer({ minimum: 0, maximum: 6, ...d('所印金额小数位', '例如 1720.00万 为 2；核对的容差随之而定') }),
          total: Opt(Type.Number({ minimum: 0, ...d('项目总预算', '按所印单位，照原文；项目有金额（funds 或 total）时与之核对') })),
          parts: Opt(
            Type.Array(Obj({ label: Text('所写的名目', '例如 支持外贸发展、第一季度用款计划'), amount: Type.Number({ minimum: 0, ...d('金额', '按所印单位，照原文') }) }, '其中一项'), {
              minItems: 1,
              ...d('其中各项（或各季度用款计划）', '按原文顺序；与总预算（没有总预算时与项目的金额）核对其和'),
            }),
          ),
          sum: Opt(Type.Number({ minimum: 0, ...d('所写的合计', '例如“合计1170.00万”；与各项之和核对') })),
        },
        '年度预算安排中所写的金额',
        '每个金额须照所印的样子（小数位）出现在 annualPlan 的文字中',
      ),
    ),
    content: Opt(Markdown('项目内容')),
    necessity: Opt(Markdown('项目设立的必要性')),
    measures: Opt(Markdown('项目配套制度措施')),
    plan: Opt(Markdown('项目实施计划')),
    goal: Opt(Markdown('年度绩效目标（上海的项目经费情况说明“七、绩效目标”照原文，例如“详见单位的项目绩效目标表”）')),
    midGoal: Opt(Markdown('中期目标 / 项目总目标')),
    attributes: Opt(Type.Array(Attribute, d('其他表头栏目'))),
    indicators: Type.Array(Indicator, d('绩效指标', '没有绩效目标表时为空数组')),
    evaluation: Opt(
      Obj(
        {
          score: Opt(Type.Number({ minimum: 0, ...d('自评得分') })),
          grade: Opt(Text('自评等级')),
          actualAmount: Opt(Money('全年执行数')),
          summary: Opt(Markdown('自评综述')),
        },
        '绩效自评（决算）',
      ),
    ),
  },
  '项目',
);

export const ProcurementItem = Obj(
  {
    project: Type.String(d('项目名称')),
    item: Text('政府采购品目'),
    category: Type.Union([Type.Literal('goods'), Type.Literal('works'), Type.Literal('services')], d('采购类别', 'goods 货物；works 工程；services 服务')),
    gpb: Opt(Money('一般公共预算')),
    gfb: Opt(Money('政府性基金预算')),
    scob: Opt(Money('国有资本经营预算')),
    specialAccount: Opt(Money('财政专户管理资金')),
    unitFunds: Opt(Money('单位资金')),
    total: Opt(Money('合计（所印数字）')),
  },
  '政府采购明细',
);

export const Procurement = Obj(
  {
    items: Type.Array(ProcurementItem, d('政府采购支出表明细', '没有政府采购时为空数组')),
    goods: Opt(Money('政府采购货物（只有说明文字、没有明细表时填写）')),
    works: Opt(Money('政府采购工程（同上）')),
    services: Opt(Money('政府采购服务（同上）')),
    smeReserved: Opt(Money('面向中小企业预留政府采购项目预算金额（预算；上海决算模板也印）')),
    smeReservedSmallMicro: Opt(Money('其中：预留给小型和微型企业的政府采购项目预算金额（预算；上海决算模板也印）')),
    reservedSmeAwarded: Opt(Money('面向中小企业预留的项目中由中小企业供应商中标或成交的采购金额（决算，上海决算模板）')),
    reservedSmallMicroAwarded: Opt(Money('面向小微企业预留的项目中由小微企业供应商中标或成交的采购金额（决算，上海决算模板）')),
    otherSmeAwarded: Opt(Money('其他政府采购项目中由中小企业供应商中标或成交的采购金额（决算，上海决算模板）')),
    sme: Opt(Money('授予中小企业合同金额（决算）')),
    smallMicro: Opt(Money('其中：授予小微企业合同金额（决算）')),
    smeGoods: Opt(Money('货物采购授予中小企业合同金额（决算）')),
    smeWorks: Opt(Money('工程采购授予中小企业合同金额（决算）')),
    smeServices: Opt(Money('服务采购授予中小企业合同金额（决算）')),
  },
  '政府采购',
);

export const PurchasedService = Obj(
  {
    project: Text('项目名称'),
    level1: Text('一级目录名称'),
    level2: Opt(Type.String(d('二级目录名称'))),
    level3: Opt(Type.String(d('三级目录名称'))),
    content: Opt(Type.String(d('政府购买服务内容'))),
    quantity: Opt(Type.String(d('购买数量'))),
    amount: Money('购买金额'),
  },
  '政府购买服务明细',
);

const ThreePublicAmounts = (title: string) =>
  Obj(
    {
      abroad: Opt(Money('因公出国（境）费')),
      vehiclePurchase: Opt(Money('公务用车购置费')),
      vehicleOperation: Opt(Money('公务用车运行维护费')),
      reception: Opt(Money('公务接待费')),
    },
    title,
  );

export const ThreePublic = Obj(
  {
    amounts: ThreePublicAmounts('“三公”经费（预算数或决算数）'),
    budget: Opt(ThreePublicAmounts('年初预算数（决算）')),
    adjusted: Opt(ThreePublicAmounts('全年预算数（决算，年中调整后的预算）')),
    abroadGroups: Opt(Count('因公出国（境）团组数')),
    abroadPersons: Opt(Count('因公出国（境）人次')),
    vehiclesPurchased: Opt(Count('公务用车购置数')),
    vehiclesHeld: Opt(Count('公务用车保有量')),
    receptionBatches: Opt(Count('国内公务接待批次')),
    receptionPersons: Opt(Count('国内公务接待人次')),
    foreignReception: Opt(Money('国内公务接待费中的外宾接待支出（上海决算模板“含外宾接待支出…万元”）')),
    foreignBatches: Opt(Count('接待外宾批次')),
    foreignPersons: Opt(Count('接待外宾人次')),
  },
  '“三公”经费',
);

const VehicleCount = Obj({ kind: Text('车辆类别', '例如 一般公务用车、机要通信用车、其他用车'), count: Count('数量') }, '车辆');
const EquipmentCount = Obj({ count: Count('台（套）'), amount: Opt(Money('购置费')) }, '设备');

export const Assets = Obj(
  {
    asOf: IsoDate('统计截止日期'),
    vehicles: Type.Array(VehicleCount, d('车辆（按类别）', '按原文列出的类别，数量为 0 的类别也可列出')),
    equipmentOver50: Opt(Count('单价 50 万元以上通用设备（台套）')),
    equipmentOver100: Opt(Count('单价 100 万元（含）以上设备（不含车辆，台套）')),
    planned: Opt(
      Obj(
        {
          vehicles: Type.Array(Obj({ kind: Text('车辆类别'), count: Count('数量') }, '拟购车辆')),
          vehicleAmount: Opt(Money('车辆购置费')),
          equipmentOver50: Opt(EquipmentCount),
          equipmentOver100: Opt(EquipmentCount),
        },
        '本年拟购置（预算）',
      ),
    ),
  },
  '国有资产占用情况',
);

export const DepartmentPerformance = Obj(
  {
    dutyGoal: Markdown('年度履职目标'),
    tasks: Type.Array(Obj({ name: Text('任务名称'), content: Type.String(d('主要内容')), amount: Opt(Money('预算金额')) }, '年度主要任务')),
    totalStated: Opt(Money('部门预算总额（所印数字）')),
    fiscalStated: Opt(Money('财政性资金（所印数字）')),
    otherStated: Opt(Money('其他资金（所印数字）')),
    basicStated: Opt(Money('基本支出（所印数字）')),
    projectStated: Opt(Money('项目支出（所印数字）')),
    indicators: Type.Array(Indicator, d('绩效指标')),
  },
  '部门整体绩效目标 / 自评',
);

// ---------------------------------------------------------------- stated figures

export const StatedFigure = Obj(
  {
    amount: Opt(SignedMoney('金额', '按所印单位（unit）填写，照原文')),
    share: Opt(Percent('占比 %')),
    change: Opt(SignedMoney('比上年增减额（减少为负数）', '按所印单位（unit）填写；没有上年数（previous）时照原文记录，只核对是否自相一致')),
    changeRate: Opt(Type.Number(d('比上年增减 %（下降为负数）'))),
    changeWord: Opt(Type.String(d('原文增减用词', '例如 增加、减少、持平、增加减少；与符号不符时报错'))),
    budget: Opt(Money('年初预算数（决算）', '按所印单位（unit）填写')),
    completionRate: Opt(Percent('完成年初预算 %')),
    adjusted: Opt(Money('全年预算数（决算）', '按所印单位（unit）填写')),
    adjustedRate: Opt(Percent('完成全年预算 %')),
    compareWord: Opt(Type.String(d('原文比较用词', '决算与预算比较：大于、小于、持平'))),
    unit: Opt(
      Type.Union([Type.Literal('元'), Type.Literal('万元')], d('所印金额单位', 'amount、change、budget 所印的单位；省略时按表式的 statedCurrency（再省略则与表中金额相同）')),
    ),
    decimals: Opt(Type.Integer({ minimum: 0, maximum: 6, ...d('所印金额小数位', '例如 261.47万元 为 2；省略时按表式的 statedDecimals；核对的容差随之而定') })),
    percentDecimals: Opt(Type.Integer({ minimum: 0, maximum: 4, ...d('所印百分数小数位', 'share、changeRate、completionRate 所印的小数位，例如 23.50% 为 2；省略时按所填数字的小数位') })),
  },
  '说明中所写的数字',
);

export const Figure = Obj(
  {
    previous: Opt(SignedMoney('上年可比数', '上年预算数（预算）或上年决算数（决算）')),
    table: Opt(SignedMoney('表中所印的合计数')),
    stated: Opt(StatedFigure),
    reason: Opt(Markdown('比上年增减的原因')),
    budgetReason: Opt(Markdown('决算数与年初预算数差异的原因（决算）')),
    purpose: Opt(Markdown('主要用途 / 主要构成（说明中“主要用于……”）')),
    trimZeros: Opt(
      Type.Boolean(d('所印金额去掉小数末尾的 0', '原文在说明中印“4,614万元”“0万元”而不是“4,614.00万元”时为 true：本数字的金额和增减额照此印出；核对的容差仍按 stated.decimals')),
    ),
  },
  '数字及其说明',
);

export const Acknowledgement = Obj(
  {
    rule: Type.String({ pattern: '^[a-z]+(\\.[a-z0-9-]+)+$', ...d('规则编号', '例如 arith.sum') }),
    pointer: Opt(Type.String({ pattern: '^/', ...d('JSON 指针', '以 / 开头；省略时适用于本文档该规则的全部发现') })),
    reason: Text('原因', '为什么原样公开（例如 原公开文件如此，已报主管部门）'),
  },
  '已知问题',
);

export const GlossaryEntry = Obj({ term: Text('名词'), definition: Text('解释') }, '名词解释');

// ---------------------------------------------------------------- documents

const DocumentBase = {
  profile: Type.String({ pattern: '^[a-z0-9-]+$', ...d('表式', '印制所用的表式，对应 data/_profiles/<名称>.json') }),
  title: Opt(Text('标题', '省略时按表式生成，例如“2024年度部门预算”')),
  approvedDate: Type.Union([IsoDate('批复日期'), Type.Null()], d('批复日期', '未知时填 null（无法检查公开时限）')),
  publishedDate: Type.Union([IsoDate('公开日期'), Type.Null()], d('公开日期', '原文没有印日期时填 null（check 给出警告）')),
  narrative: Narrative,
  wording: Opt(
    Type.Record(
      Type.String({ pattern: '^[a-zA-Z]+(\\.[a-zA-Z]+)*$' }),
      Type.String({ minLength: 1 }),
      d('措辞', '本文件替换表式措辞中的句式（按编号，编号须是表式或默认措辞已有的，见 docs/profiles.md“说明的措辞”），例如原文逐项说明中科目名称的写法'),
    ),
  ),
  income: Income,
  expenditure: Type.Array(ExpenditureRow, d('支出（功能分类）')),
  economic: Type.Array(EconomicRow, d('基本支出（经济分类）')),
  projects: Type.Array(Project, d('项目')),
  procurement: Type.Union([Procurement, Type.Null()], d('政府采购', '没有政府采购支出时 items 为空数组')),
  purchasedServices: Type.Union([Type.Array(PurchasedService), Type.Null()], d('政府购买服务', '没有时为空数组；原文未涉及时为 null')),
  threePublic: Type.Union([ThreePublic, Type.Null()], d('“三公”经费', '原文没有此部分时为 null')),
  operatingCost: Type.Union([Money('机关运行经费'), Type.Null()], d('机关运行经费', '原文没有此部分时为 null')),
  assets: Type.Union([Assets, Type.Null()], d('国有资产占用情况')),
  departmentPerformance: Type.Union([DepartmentPerformance, Type.Null()], d('部门整体绩效')),
  figures: Type.Record(Type.String({ pattern: '^[a-zA-Z]+(\\.[a-zA-Z]+)?(:\\d{3,7})?$' }), Figure, d('数字及其说明', '键为数字编号，见 docs/figures.md')),
  glossary: Obj(
    {
      includeDefault: Type.Boolean(d('包含全国通用名词解释')),
      entries: Type.Array(GlossaryEntry, d('本单位的名词解释', '与通用名词同名时替换之；其余按顺序追加')),
    },
    '名词解释',
  ),
  missingTables: Opt(Type.Array(Text('表名'), d('原文缺少的表', '表式要求而原文没有的表（如实记录，check 报错）'))),
  acknowledged: Opt(Type.Array(Acknowledgement, d('已知问题'))),
};

export const BudgetDocument = Obj(
  {
    ...DocumentBase,
    carryforward: Opt(SourceAmounts('结转下年（收支总表支出方），按资金来源')),
    incomeByFunction: Opt(Type.Array(IncomeByFunctionRow, d('收入预算（功能分类）', '收入总表按功能分类科目分行时（表式 rows: "function"）的各行'))),
  },
  '预算',
);

export const FinalDocument = Obj(
  {
    ...DocumentBase,
    balances: FinalBalances,
    incomeByFunction: Type.Array(IncomeByFunctionRow, d('收入决算表（功能分类）')),
    gfbFlows: Type.Array(FundFlowRow, d('政府性基金预算财政拨款收入支出决算表')),
    scobFlows: Opt(
      Type.Array(
        FundFlowRow,
        d('国有资本经营预算财政拨款收入支出决算表（按结转和结余）', '表式的国有资本经营表印年初结转和结余、本年收入、年末结转和结余各列时填写（上海决算模板），行与 gfbFlows 相同'),
      ),
    ),
  },
  '决算',
);

export const UnitYearFile = Type.Object(
  {
    $schema: Opt(Type.String(d('JSON Schema 路径'))),
    unit: Unit,
    year: Type.Integer({ minimum: 2000, maximum: 2100, ...d('年度') }),
    documents: Obj(
      { budget: Opt(BudgetDocument), final: Opt(FinalDocument) },
      '本年度文档',
      '预算和/或决算，至少一个',
    ),
  },
  {
    additionalProperties: false,
    title: 'gongkai 预决算公开数据文件',
    description: '一个单位一个年度的预算和/或决算数据',
  },
);

export type Unit = Static<typeof Unit>;
export type Narrative = Static<typeof Narrative>;
export type Income = Static<typeof Income>;
export type ExpenditureRow = Static<typeof ExpenditureRow>;
export type EconomicRow = Static<typeof EconomicRow>;
export type IncomeByFunctionRow = Static<typeof IncomeByFunctionRow>;
export type FundFlowRow = Static<typeof FundFlowRow>;
export type Indicator = Static<typeof Indicator>;
export type Project = Static<typeof Project>;
export type ProcurementItem = Static<typeof ProcurementItem>;
export type Procurement = Static<typeof Procurement>;
export type PurchasedService = Static<typeof PurchasedService>;
export type ThreePublic = Static<typeof ThreePublic>;
export type Assets = Static<typeof Assets>;
export type DepartmentPerformance = Static<typeof DepartmentPerformance>;
export type StatedFigure = Static<typeof StatedFigure>;
export type Figure = Static<typeof Figure>;
export type Acknowledgement = Static<typeof Acknowledgement>;
export type BudgetDocument = Static<typeof BudgetDocument>;
export type FinalDocument = Static<typeof FinalDocument>;
export type AnyDocument = BudgetDocument | FinalDocument;
export type UnitYearFile = Static<typeof UnitYearFile>;
export type DocumentKind = 'budget' | 'final';

export const SCHEMA_PATH = 'data/_schema/unit-year.schema.json';
export const SCHEMA_ID = 'urn:gongkai:schema:unit-year';

/** The published JSON Schema document (2020-12), generated from the TypeBox values above. */
export function renderSchema(): object {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    ...JSON.parse(JSON.stringify(UnitYearFile)),
  };
}
