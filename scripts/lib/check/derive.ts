/**
 * Derive stage: every subtotal, total and cross-table figure of a document, computed
 * exactly (integer 分) from the data rows. The booklet prints these (or the stated
 * figure where the original printed one), and `check` compares the stated with the
 * derived. A value is `null` where the data does not allow deriving it (e.g. a 项 line
 * recorded only with its total, so its 基本/项目 split is unknown).
 */
import type {
  AnyDocument,
  DocumentKind,
  EconomicRow,
  ExpenditureRow,
  FinalDocument,
  BudgetDocument,
  FundSource,
  Project,
  ProcurementItem,
} from '../model/schema.ts';
import { fenPerUnit, fromAmount, type Currency, type Fen } from '../model/money.ts';

export type Maybe = Fen | null;

export interface Money {
  /** Decodes an optional amount; absent → 0. */
  (value: number | undefined): Fen;
}

export function moneyDecoder(currency: Currency): Money {
  return (value) => (value === undefined ? 0 : (fromAmount(value, currency) ?? Math.round(value * (currency === 'wan' ? 1e6 : 100))));
}

const add = (a: Maybe, b: Maybe): Maybe => (a === null || b === null ? null : a + b);

/** The values of one 项 row, with the split known or not. */
export interface LeafValues {
  total: Fen;
  basic: Maybe;
  personnel: Maybe;
  public: Maybe;
  project: Maybe;
  operating: Maybe;
  toSuperior: Maybe;
  toAffiliated: Maybe;
  budget: Maybe;
  /** 全年预算 (决算, the adjusted budget), where the row gives it. */
  adjusted: Maybe;
  /** True when the row gives any column beyond 合计 (so blanks mean 0). */
  split: boolean;
  /** 合计 and 基本支出 as the sums of the row's columns (what `check` compares the printed ones with). */
  sumTotal: Fen;
  sumBasic: Maybe;
}

const COMPONENT_FIELDS = [
  'personnel',
  'salaries',
  'families',
  'public',
  'project',
  'projectGeneral',
  'projectSpecial',
  'operating',
  'toSuperior',
  'toAffiliated',
  'basic',
] as const;

export function isLeafCode(code: string): boolean {
  return code.length === 7;
}

/** Personnel from its parts where the layout splits it (Henan: 工资福利 + 对个人和家庭). */
/**
 * A printed row total is kept where it is within rounding of its columns' sum (one unit of the
 * last printed decimal per summand): the printed figure was rounded from the unrounded sum, so it
 * is the better one, and 类/款 subtotals built on it match the original (seed 002: 2101501 行政运行
 * prints 合计 224.41 = 149.15 + 75.27 rounded). Beyond rounding the sum wins (and check reports it).
 */
function preferPrinted(printed: Fen | null, sum: Fen, summands: number, unit: Fen): Fen {
  if (printed === null) return sum;
  return Math.abs(printed - sum) <= unit * Math.max(1, summands - 1) ? printed : sum;
}

export function leafValues(row: ExpenditureRow, m: Money, unit = 0): LeafValues {
  const split = COMPONENT_FIELDS.some((f) => row[f] !== undefined);
  const budget = row.budget === undefined ? null : m(row.budget);
  const adjusted = row.adjusted === undefined ? null : m(row.adjusted);
  if (!split) {
    return {
      total: m(row.total),
      basic: null,
      personnel: null,
      public: null,
      project: null,
      operating: null,
      toSuperior: null,
      toAffiliated: null,
      budget,
      adjusted,
      split,
      sumTotal: m(row.total),
      sumBasic: null,
    };
  }
  const hasPersonnelParts = row.salaries !== undefined || row.families !== undefined;
  const personnel = hasPersonnelParts ? m(row.salaries) + m(row.families) : m(row.personnel);
  const hasBasicParts = hasPersonnelParts || row.personnel !== undefined || row.public !== undefined;
  const sumBasic = hasBasicParts ? personnel + m(row.public) : m(row.basic);
  const basicParts = hasBasicParts ? (hasPersonnelParts ? 3 : 2) : 1;
  const basic = hasBasicParts ? preferPrinted(row.basic === undefined ? null : m(row.basic), sumBasic, basicParts, unit) : sumBasic;
  const hasProjectParts = row.projectGeneral !== undefined || row.projectSpecial !== undefined;
  const project = hasProjectParts ? m(row.projectGeneral) + m(row.projectSpecial) : m(row.project);
  const operating = m(row.operating);
  const toSuperior = m(row.toSuperior);
  const toAffiliated = m(row.toAffiliated);
  const sumTotal = sumBasic + project + operating + toSuperior + toAffiliated;
  const parts = [basic, project, operating, toSuperior, toAffiliated].filter((x) => x !== 0).length + (hasBasicParts ? basicParts - 1 : 0);
  const total = preferPrinted(row.total === undefined ? null : m(row.total), basic + project + operating + toSuperior + toAffiliated, parts, unit);
  return {
    total,
    sumTotal,
    sumBasic,
    basic,
    // Where only 基本支出小计 is known, its 人员/公用 split is unknown; where the row has no
    // basic expenditure at all (e.g. a project-only line), both are 0.
    personnel: hasBasicParts || basic === 0 ? personnel : null,
    public: hasBasicParts || basic === 0 ? m(row.public) : null,
    project,
    operating,
    toSuperior,
    toAffiliated,
    budget,
    adjusted,
    split,
  };
}

/** The same columns summed over 项 rows (null where any row's split is unknown). */
export interface Aggregate extends Omit<LeafValues, 'split' | 'sumTotal' | 'sumBasic'> {
  /** Number of 项 rows summed (for the rounding tolerance). */
  count: number;
}

function emptyAggregate(): Aggregate {
  return { total: 0, basic: 0, personnel: 0, public: 0, project: 0, operating: 0, toSuperior: 0, toAffiliated: 0, budget: 0, adjusted: 0, count: 0 };
}

function accumulate(into: Aggregate, v: LeafValues): void {
  into.total += v.total;
  into.basic = add(into.basic, v.basic);
  into.personnel = add(into.personnel, v.personnel);
  into.public = add(into.public, v.public);
  into.project = add(into.project, v.project);
  into.operating = add(into.operating, v.operating);
  into.toSuperior = add(into.toSuperior, v.toSuperior);
  into.toAffiliated = add(into.toAffiliated, v.toAffiliated);
  into.budget = add(into.budget, v.budget);
  into.adjusted = add(into.adjusted, v.adjusted);
  into.count++;
}

/** Fund groups a figure can be asked for: one source, all financial allocations, or everything. */
export type FundGroup = FundSource | 'fiscal' | 'all';
const FISCAL: ReadonlySet<FundSource> = new Set(['gpb', 'gfb', 'scob']);

export interface EconomicAggregate {
  total: Fen;
  personnel: Fen;
  public: Fen;
  count: number;
}

export interface Derived {
  kind: DocumentKind;
  money: Money;
  currency: Currency;
  /** Leaf row values by index in doc.expenditure (undefined for 类/款 rows). */
  leaves: Array<LeafValues | undefined>;
  /** `${fundGroup}|${codePrefix}` → aggregate over 项 rows ('' prefix = table total). */
  expenditure: Map<string, Aggregate>;
  /** `${fund}|${scheme}|${codePrefix}` → aggregate over 款 rows. */
  economic: Map<string, EconomicAggregate>;
  projectTotals: Fen[];
  procurementItemTotals: Fen[];
}

export function expenditureAggregate(d: Derived, group: FundGroup, prefix = ''): Aggregate {
  return d.expenditure.get(`${group}|${prefix}`) ?? emptyAggregate();
}

export function economicAggregate(d: Derived, fund: FundSource, prefix = '', scheme = 'department'): EconomicAggregate {
  return d.economic.get(`${fund}|${scheme}|${prefix}`) ?? { total: 0, personnel: 0, public: 0, count: 0 };
}

/** Leaf values of a 5-digit economic row: total from 人员 + 公用 where given. */
export function economicLeafTotal(row: EconomicRow, m: Money): Fen {
  return row.personnel !== undefined || row.public !== undefined ? m(row.personnel) + m(row.public) : m(row.total);
}

/** Σ of the project's funds by source; where the layout prints no sources, its total. */
export function projectTotal(p: Project, m: Money): Fen {
  const f = p.funds;
  if (!projectHasFunds(p)) return m(p.total);
  return (
    m(f.gpb) + m(f.gfb) + m(f.scob) + m(f.carryGpb) + m(f.carryGfb) + m(f.carryScob) + m(f.specialAccount) + m(f.unitFunds)
  );
}

export function projectHasFunds(p: Project): boolean {
  return Object.values(p.funds).some((v) => v !== undefined);
}

/** A project with an amount (funds by source or a printed 总计); one recorded for its narrative only has none. */
export function projectHasAmounts(p: Project): boolean {
  return projectHasFunds(p) || p.total !== undefined;
}

export function procurementItemTotal(i: ProcurementItem, m: Money): Fen {
  return m(i.gpb) + m(i.gfb) + m(i.scob) + m(i.specialAccount) + m(i.unitFunds);
}

/** `decimals`: of the printed figures, for the rounding tolerance of printed row totals (leafValues). */
export function derive(doc: AnyDocument, kind: DocumentKind, currency: Currency, decimals = 2): Derived {
  const m = moneyDecoder(currency);
  const unit = Number(fenPerUnit(currency)) / 10 ** decimals;
  const expenditure = new Map<string, Aggregate>();
  const bump = (key: string, v: LeafValues) => {
    let agg = expenditure.get(key);
    if (!agg) expenditure.set(key, (agg = emptyAggregate()));
    accumulate(agg, v);
  };
  const leaves = doc.expenditure.map((row) => {
    if (!isLeafCode(row.code)) return undefined;
    const v = leafValues(row, m, unit);
    const groups: FundGroup[] = [row.fund, 'all'];
    if (FISCAL.has(row.fund)) groups.push('fiscal');
    for (const g of groups) {
      for (const prefix of ['', row.code.slice(0, 3), row.code.slice(0, 5), row.code]) bump(`${g}|${prefix}`, v);
    }
    return v;
  });
  const economic = new Map<string, EconomicAggregate>();
  for (const row of doc.economic) {
    if (row.code.length !== 5) continue;
    const total = economicLeafTotal(row, m);
    const scheme = row.scheme ?? 'department';
    for (const prefix of ['', row.code.slice(0, 3), row.code]) {
      const key = `${row.fund}|${scheme}|${prefix}`;
      const agg = economic.get(key) ?? { total: 0, personnel: 0, public: 0, count: 0 };
      agg.total += total;
      agg.personnel += m(row.personnel);
      agg.public += m(row.public);
      agg.count++;
      economic.set(key, agg);
    }
  }
  return {
    kind,
    money: m,
    currency,
    leaves,
    expenditure,
    economic,
    projectTotals: doc.projects.map((p) => projectTotal(p, m)),
    procurementItemTotals: doc.procurement?.items.map((i) => procurementItemTotal(i, m)) ?? [],
  };
}

export function isFinal(doc: AnyDocument, kind: DocumentKind): doc is FinalDocument {
  return kind === 'final';
}

export function isBudget(doc: AnyDocument, kind: DocumentKind): doc is BudgetDocument {
  return kind === 'budget';
}
