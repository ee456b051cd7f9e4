/**
 * The 绩效 forms: 部门整体绩效目标表, 项目绩效目标表 (one per project with indicators),
 * 项目支出绩效自评表 (one per project with an `evaluation`) and 部门整体支出绩效自评表.
 *
 * A form is a grid: header fields (label/value cells, labelled blocks such as 项目资金),
 * then the indicator rows. Which header fields, in which order, is the profile's
 * `columns` (layout keys, see docs/profiles-lists.md); the defaults print the Anhui 2024
 * layouts (seeds 002, 000) for targets and the national layout for self-evaluations.
 * Indicator columns follow the data: 中期指标值 when any indicator has one, 指标解释 when
 * any has a note, and for self-evaluations 上年实际完成值 / 分值 / 得分 / 偏差原因 when any
 * indicator carries them (seed 001 prints no 分值, the national form does).
 */
import type { ProfileTable, TableId } from '../../model/profile.ts';
import type { DepartmentPerformance, Indicator, Project } from '../../model/schema.ts';
import { expenditureAggregate, projectHasFunds } from '../../check/derive.ts';
import type { Fen } from '../../model/money.ts';
import { BookletError, fillTitle, type BuildContext } from '../context.ts';
import type { Cell, Row } from '../model.ts';
import type { TableBuilder, TableDraft } from './index.ts';
import {
  block,
  indicatorHeadRow,
  indicatorRows,
  label,
  money,
  pairCells,
  pairRow,
  row,
  scoreSum,
  sectionRow,
  spanned,
  spreadCells,
  text,
  type IndicatorColumn,
} from './forms-grid.ts';

const DEFAULT_EMPTY_NOTE = '本表无数据';

// ─── common: the indicator part and the form draft ────────────────────────────────────────────

/** How a form lays out: its width and the indicator columns. */
interface Grid {
  width: number;
  columns: IndicatorColumn[];
  /** "绩效指标" label column left of the indicators (Anhui); false: indicators span the width (Henan). */
  side: boolean;
  headings: Partial<Record<IndicatorColumn, string>>;
}

const has = (indicators: Indicator[], field: keyof Indicator) => indicators.some((i) => i[field] !== undefined);

function targetColumns(indicators: Indicator[]): IndicatorColumn[] {
  if (has(indicators, 'midValue')) return ['level1', 'level2', 'level3', 'midValue', 'level2', 'level3', 'value'];
  return ['level1', 'level2', 'level3', 'value', ...(has(indicators, 'note') ? (['note'] as const) : [])];
}

function evaluationColumns(indicators: Indicator[]): IndicatorColumn[] {
  const optional = (field: IndicatorColumn & keyof Indicator): IndicatorColumn[] => (has(indicators, field) ? [field] : []);
  return [
    'level1',
    'level2',
    'level3',
    ...optional('previousActual'),
    'value',
    'actual',
    ...optional('weight'),
    ...optional('score'),
    ...optional('deviation'),
  ];
}

function grid(ctx: BuildContext, keys: string[], columns: IndicatorColumn[], evaluation: boolean): Grid {
  const side = keys.includes('sideIndicators');
  const headings: Partial<Record<IndicatorColumn, string>> = evaluation
    ? { previousActual: `${ctx.file.year - 1}年实际完成值`, value: '年度指标值' }
    : columns.includes('midValue')
      ? { value: '年度指标值' }
      : {};
  // Header fields need at least label | value | label | value.
  return { width: Math.max(4, columns.length + (side ? 1 : 0)), columns, side, headings };
}

function indicatorPart(g: Grid, indicators: Indicator[]): Row[] {
  const head = row('section', indicatorHeadRow(g.columns, g.headings));
  const rows = indicatorRows(indicators, g.columns);
  if (!g.side) return [head, ...rows];
  const [first, ...rest] = [head, ...rows];
  return [row(first!.kind, [spanned(label('绩效指标'), 1, rows.length + 1), ...first!.cells]), ...rest];
}

/** Number printed in a text field ("10", "9.92"), or undefined. */
function numeric(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The 合计 row under self-evaluation indicators: Σ 分值 and the total 得分 (`score` when
 * stated, else Σ), each with the 预算执行率 分值/得分 where the form has them.
 */
function totalRow(g: Grid, indicators: Indicator[], extraWeight: number | undefined, extraScore: number | undefined, statedScore: number | undefined): Row[] {
  const offset = g.side ? 1 : 0;
  const first = g.columns.findIndex((c) => c === 'weight' || c === 'score');
  if (first < 0) return [];
  const cells: Cell[] = [spanned(label('合计'), first + offset)];
  for (const column of g.columns.slice(first)) {
    if (column === 'weight') cells.push({ text: scoreSum([...indicators.map((i) => i.weight), extraWeight]), kind: 'count' });
    else if (column === 'score') {
      const total = statedScore !== undefined ? scoreSum([statedScore]) : scoreSum([...indicators.map((i) => i.score), extraScore]);
      cells.push({ text: total, kind: 'count' });
    } else cells.push(text(''));
  }
  return [row('total', cells)];
}

function draft(ctx: BuildContext, spec: ProfileTable, title: string, body: Row[], emptyNote?: string): TableDraft {
  const empty = body.length === 0;
  return {
    id: spec.id,
    ...(spec.number ? { number: spec.number } : {}),
    title,
    unitLabel: ctx.unitLabel,
    shape: 'form',
    head: [],
    body,
    empty,
    ...(empty ? { emptyNote: fillTitle(ctx, spec.emptyNote ?? emptyNote ?? DEFAULT_EMPTY_NOTE) } : {}),
    notes: [],
    wide: spec.wide ?? false,
  };
}

function checkKeys(spec: ProfileTable, keys: string[], known: readonly string[]): void {
  for (const key of keys) {
    if (!known.includes(key)) {
      throw new BookletError(`表式中 ${spec.id} 表的栏目名“${key}”无效，可用的栏目名：${known.join('、')}（见 docs/profiles-lists.md）`);
    }
  }
}

// ─── per-project forms ────────────────────────────────────────────────────────────────────────

interface ProjectForm {
  ctx: BuildContext;
  p: Project;
  index: number;
  g: Grid;
  evaluation: boolean;
  mid: boolean;
  attr: (label: string) => string | undefined;
}

interface FieldKey {
  /** `attributes` labels this key prints, so the `attributes` key leaves them out. */
  labels: string[];
  rows: (f: ProjectForm) => Row[];
}

/** Attribute labels a project form reads by name (docs/profiles-lists.md). */
const A = {
  headingUnit: '表头单位名称',
  supervisorCode: '主管部门及代码',
  supervisor: '主管部门',
  implementer: '实施单位',
  midFiscal: '中期资金：其中：财政拨款（万元）',
  midOther: '中期资金：其他资金（万元）',
  midPeriod: '中期目标期间',
  central: '其中：中央补助',
  local: '地方资金',
  actualDone: '全年实际完成情况',
  budgetStart: '年初预算数（万元）',
  budgetYear: '全年预算数（万元）',
  executed: '全年执行数（万元）',
  executionRate: '预算执行率',
  executionWeight: '预算执行率分值',
  executionScore: '预算执行率得分',
  unitCode: '单位编码',
  leader: '项目负责人',
  contact: '联系人',
  phone: '联系电话',
  projectTotal: '项目总金额',
  previousTotal: '上年度项目总金额',
  previousAmount: '项目上年度金额',
  remark: '备注',
} as const;

function fundParts(f: ProjectForm): { fiscal: Fen | null; carry: Fen | null; other: Fen | null } {
  const m = f.ctx.d.money;
  const funds = f.p.funds;
  if (!projectHasFunds(f.p)) return { fiscal: null, carry: null, other: f.p.otherFunds === undefined ? null : m(f.p.otherFunds) };
  return {
    fiscal: m(funds.gpb) + m(funds.gfb) + m(funds.scob),
    carry: m(funds.carryGpb) + m(funds.carryGfb) + m(funds.carryScob),
    other: m(funds.specialAccount) + m(funds.unitFunds),
  };
}

const fullRow = (f: ProjectForm, name: string, value: Cell) => pairRow(f.g.width, [[name, value]]);
const projectName = (p: Project) => p.printedName ?? p.name;
const total = (f: ProjectForm) => money(f.ctx, f.ctx.d.projectTotals[f.index]);

const PROJECT_KEYS: Record<string, FieldKey> = {
  name: { labels: [], rows: (f) => [fullRow(f, '项目名称', text(projectName(f.p)))] },
  transferName: { labels: [], rows: (f) => [fullRow(f, '转移支付项目名称', text(projectName(f.p)))] },
  units: {
    labels: [A.supervisorCode, A.supervisor, A.implementer],
    rows: (f) => {
      const coded = f.attr(A.supervisorCode);
      const supervisor = coded ?? f.attr(A.supervisor) ?? f.ctx.file.unit.parent?.name ?? f.ctx.file.unit.name;
      const implementer = f.attr(A.implementer) ?? f.p.implementer ?? f.p.unit;
      return [pairRow(f.g.width, [[coded !== undefined ? A.supervisorCode : A.supervisor, text(supervisor)], [A.implementer, text(implementer)]])];
    },
  },
  sourcePeriod: {
    labels: [],
    rows: (f) => [
      pairRow(f.g.width, [
        f.p.source !== undefined ? ['项目来源', text(f.p.source)] : ['项目属性', text(f.p.fundUse)],
        ['项目期', text(f.p.period)],
      ]),
    ],
  },
  funds: {
    labels: [A.midFiscal, A.midOther],
    rows: (f) => {
      const { fiscal, carry, other } = fundParts(f);
      const inner = f.g.width - 1;
      const name = `项目资金（${f.ctx.currencyZh}）`;
      if (f.mid) {
        return block(name, [
          pairCells(inner, [['中期资金总额：', money(f.ctx, f.p.midTotal === undefined ? null : f.ctx.d.money(f.p.midTotal))], ['年度资金总额：', total(f)]]),
          pairCells(inner, [['其中：财政拨款', text(f.attr(A.midFiscal))], ['其中：财政拨款', money(f.ctx, fiscal)]]),
          pairCells(inner, [['其他资金', text(f.attr(A.midOther))], ['其他资金', money(f.ctx, other)]]),
        ]);
      }
      return block(name, [
        pairCells(inner, [['年度资金总额：', total(f)]]),
        pairCells(inner, [['其中：财政拨款', money(f.ctx, fiscal)]]),
        pairCells(inner, [['上年结转', money(f.ctx, carry)]]),
        pairCells(inner, [['其他资金', money(f.ctx, other)]]),
      ]);
    },
  },
  transferFunds: {
    labels: [A.central, A.local],
    rows: (f) => {
      const inner = f.g.width - 1;
      const other = f.p.otherFunds === undefined ? null : f.ctx.d.money(f.p.otherFunds);
      return block(`资金情况（${f.ctx.currencyZh}）`, [
        pairCells(inner, [['年度资金总额', total(f)]]),
        pairCells(inner, [[A.central, text(f.attr(A.central))]]),
        pairCells(inner, [[A.local, text(f.attr(A.local))]]),
        pairCells(inner, [['其他资金', money(f.ctx, other)]]),
      ]);
    },
  },
  execution: {
    labels: [A.budgetStart, A.budgetYear, A.executed, A.executionRate, A.executionWeight, A.executionScore],
    rows: (f) => {
      const inner = f.g.width - 1;
      const actual = f.p.evaluation?.actualAmount;
      const executed = actual !== undefined ? money(f.ctx, f.ctx.d.money(actual)) : text(f.attr(A.executed));
      return block(`项目资金（${f.ctx.currencyZh}）`, [
        pairCells(inner, [['年初预算数', text(f.attr(A.budgetStart))], ['全年预算数', text(f.attr(A.budgetYear))]]),
        pairCells(inner, [['全年执行数', executed], ['执行率', text(f.attr(A.executionRate))]]),
        pairCells(inner, [['分值', text(f.attr(A.executionWeight))], ['得分', text(f.attr(A.executionScore))]]),
      ]);
    },
  },
  goal: {
    labels: [A.midPeriod, A.actualDone],
    rows: (f) => {
      const inner = f.g.width - 1;
      if (f.evaluation) {
        const actual = f.attr(A.actualDone) ?? f.p.evaluation?.summary;
        return block('年度总体目标', [
          spreadCells(inner, [label('年初设定目标'), label('全年实际完成情况')]),
          spreadCells(inner, [text(f.p.goal), text(actual)]),
        ]);
      }
      if (f.mid) {
        const period = f.attr(A.midPeriod);
        return block('总体目标', [
          spreadCells(inner, [label(period ? `中期目标（${period}）` : '中期目标'), label('年度目标')]),
          spreadCells(inner, [text(f.p.midGoal), text(f.p.goal)]),
        ]);
      }
      return [fullRow(f, '年度目标', text(f.p.goal))];
    },
  },
  codeUse: { labels: [A.unitCode], rows: (f) => [pairRow(f.g.width, [[A.unitCode, text(f.attr(A.unitCode))], ['资金用途', text(f.p.fundUse)]])] },
  contacts: {
    labels: [A.leader, A.contact],
    rows: (f) => [pairRow(f.g.width, [[A.leader, text(f.attr(A.leader))], [A.contact, text(f.attr(A.contact))]])],
  },
  phone: { labels: [A.phone], rows: (f) => [fullRow(f, A.phone, text(f.attr(A.phone)))] },
  startEnd: { labels: [], rows: (f) => [pairRow(f.g.width, [['开始时间', text(f.p.start)], ['结束时间', text(f.p.end)]])] },
  amounts: {
    labels: [A.projectTotal],
    rows: (f) => [pairRow(f.g.width, [[A.projectTotal, text(f.attr(A.projectTotal))], ['项目本年度金额', total(f)]])],
  },
  previousAmounts: {
    labels: [A.previousTotal, A.previousAmount],
    rows: (f) => [pairRow(f.g.width, [[A.previousTotal, text(f.attr(A.previousTotal))], [A.previousAmount, text(f.attr(A.previousAmount))]])],
  },
  details: {
    labels: [A.remark],
    rows: (f) => [
      sectionRow(f.g.width, '项目详细信息'),
      fullRow(f, '项目概况', text(f.p.summary)),
      fullRow(f, '立项依据', text(f.p.basis)),
      fullRow(f, '项目设立的必要性', text(f.p.necessity)),
      fullRow(f, '项目配套制度措施', text(f.p.measures)),
      fullRow(f, '项目实施计划', text(f.p.plan)),
      fullRow(f, A.remark, text(f.attr(A.remark))),
    ],
  },
  goals: {
    labels: [],
    rows: (f) => [sectionRow(f.g.width, '项目绩效目标'), fullRow(f, '项目总目标', text(f.p.midGoal)), fullRow(f, '年度绩效目标', text(f.p.goal))],
  },
  // Filled in projectForm: they need the whole key list.
  attributes: { labels: [], rows: () => [] },
  indicators: { labels: [], rows: (f) => indicatorPart(f.g, f.p.indicators) },
  sideIndicators: { labels: [], rows: (f) => indicatorPart(f.g, f.p.indicators) },
  total: {
    labels: [],
    rows: (f) =>
      totalRow(f.g, f.p.indicators, numeric(f.attr(A.executionWeight)), numeric(f.attr(A.executionScore)), f.p.evaluation?.score),
  },
};

const TARGET_DEFAULT = ['name', 'units', 'sourcePeriod', 'funds', 'goal', 'attributes', 'sideIndicators'];
const EVALUATION_DEFAULT = ['name', 'units', 'execution', 'goal', 'attributes', 'sideIndicators', 'total'];

function projectForm(ctx: BuildContext, spec: ProfileTable, p: Project, index: number, evaluation: boolean, keys: string[]): TableDraft {
  const attributes = p.attributes ?? [];
  const attr = (name: string) => attributes.find((a) => a.label === name)?.value;
  const columns = evaluation ? evaluationColumns(p.indicators) : targetColumns(p.indicators);
  const f: ProjectForm = { ctx, p, index, g: grid(ctx, keys, columns, evaluation), evaluation, mid: columns.includes('midValue'), attr };
  const used = new Set<string>([A.headingUnit, ...keys.flatMap((k) => PROJECT_KEYS[k]!.labels)]);
  const body = keys.flatMap((key) =>
    key === 'attributes'
      ? attributes.filter((a) => !used.has(a.label)).map((a) => fullRow(f, a.label, text(a.value)))
      : PROJECT_KEYS[key]!.rows(f),
  );
  // Henan prints the project's own unit in the title ("济源市社会医疗保险中心（参照）支出项目绩效目标表").
  const heading = attr(A.headingUnit);
  const title = fillTitle(ctx, heading === undefined ? spec.title : spec.title.replaceAll('{unit}', heading));
  return { ...draft(ctx, spec, title, body), subtitle: p.printedName ?? p.name, project: index };
}

function perProject(evaluation: boolean): TableBuilder {
  return (ctx, spec) => {
    const keys = spec.columns ?? (evaluation ? EVALUATION_DEFAULT : TARGET_DEFAULT);
    checkKeys(spec, keys, Object.keys(PROJECT_KEYS));
    const tables = ctx.doc.projects.flatMap((p, index) => {
      const included = evaluation ? p.evaluation !== undefined : p.indicators.length > 0;
      return included ? [projectForm(ctx, spec, p, index, evaluation, keys)] : [];
    });
    return tables.length ? tables : [draft(ctx, spec, fillTitle(ctx, spec.title), [])];
  };
}

// ─── department forms ─────────────────────────────────────────────────────────────────────────

interface DepartmentForm {
  ctx: BuildContext;
  dp: DepartmentPerformance;
  g: Grid;
}

/** 部门预算总额, 财政性资金/其他资金, 基本/项目支出: derived from the expenditure rows; the stated figure where the split is unknown. */
function departmentAmounts(f: DepartmentForm): Array<[string, Fen | null]> {
  const m = f.ctx.d.money;
  const all = expenditureAggregate(f.ctx.d, 'all');
  const fiscal = expenditureAggregate(f.ctx.d, 'fiscal').total;
  const stated = (v: number | undefined) => (v === undefined ? null : m(v));
  return [
    [`${f.ctx.levelZh}${f.ctx.kindZh}总额（${f.ctx.currencyZh}）`, all.total],
    ['1、资金来源：（1）财政性资金', fiscal],
    ['（2）其他资金', all.total - fiscal],
    ['2、资金结构：（1）基本支出', all.basic ?? stated(f.dp.basicStated)],
    ['（2）项目支出', all.project ?? stated(f.dp.projectStated)],
  ];
}

const DEPARTMENT_KEYS: Record<string, (f: DepartmentForm) => Row[]> = {
  unitName: (f) => [pairRow(f.g.width, [['部门（单位）名称', text(f.ctx.file.unit.name)]])],
  dutyGoal: (f) => [pairRow(f.g.width, [['年度履职目标', text(f.dp.dutyGoal)]])],
  tasks: (f) => {
    const tasks = f.dp.tasks;
    if (!tasks.length) return [];
    const withAmount = tasks.some((t) => t.amount !== undefined);
    const contentSpan = f.g.width - 2 - (withAmount ? 1 : 0);
    const line = (name: Cell, content: Cell, amount: Cell) => [name, spanned(content, contentSpan), ...(withAmount ? [amount] : [])];
    return block('年度主要任务', [
      line(label('任务名称'), label('主要内容'), label(`预算金额（${f.ctx.currencyZh}）`)),
      ...tasks.map((t) => line(text(t.name), text(t.content), money(f.ctx, t.amount === undefined ? null : f.ctx.d.money(t.amount)))),
    ]);
  },
  budget: (f) =>
    block(
      `${f.ctx.kindZh}情况`,
      departmentAmounts(f).map(([name, fen]) => pairCells(f.g.width - 1, [[name, money(f.ctx, fen)]])),
    ),
  indicators: (f) => indicatorPart(f.g, f.dp.indicators),
  sideIndicators: (f) => indicatorPart(f.g, f.dp.indicators),
  total: (f) => totalRow(f.g, f.dp.indicators, undefined, undefined, undefined),
};

const DEPARTMENT_TARGET_DEFAULT = ['unitName', 'dutyGoal', 'tasks', 'budget', 'indicators'];
const DEPARTMENT_EVALUATION_DEFAULT = ['unitName', 'dutyGoal', 'tasks', 'budget', 'indicators', 'total'];

function department(evaluation: boolean): TableBuilder {
  return (ctx, spec) => {
    const keys = spec.columns ?? (evaluation ? DEPARTMENT_EVALUATION_DEFAULT : DEPARTMENT_TARGET_DEFAULT);
    checkKeys(spec, keys, Object.keys(DEPARTMENT_KEYS));
    const title = fillTitle(ctx, spec.title);
    const dp = ctx.doc.departmentPerformance;
    if (!dp) return [draft(ctx, spec, title, [])];
    const columns = evaluation ? evaluationColumns(dp.indicators) : targetColumns(dp.indicators);
    const f: DepartmentForm = { ctx, dp, g: grid(ctx, keys, columns, evaluation) };
    return [draft(ctx, spec, title, keys.flatMap((key) => DEPARTMENT_KEYS[key]!(f)))];
  };
}

export const performanceBuilders: Partial<Record<TableId, TableBuilder>> = {
  departmentPerformance: department(false),
  projectPerformance: perProject(false),
  projectEvaluation: perProject(true),
  departmentEvaluation: department(true),
};
