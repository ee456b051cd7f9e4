/** Rule family «arithmetic»: inside one table, 类 = Σ款 = Σ项 and each row's columns add up. */
import { messages } from '../messages.ts';
import { economicAggregate, economicLeafTotal, expenditureAggregate, isLeafCode, leafValues, type FundGroup } from '../derive.ts';
import { compareAmount, type DocContext } from './context.ts';

const COLUMN_ZH: Record<string, string> = {
  total: '合计',
  basic: '基本支出',
  personnel: '人员经费',
  public: '公用经费',
  project: '项目支出',
  operating: '事业单位经营支出',
  toSuperior: '上缴上级支出',
  toAffiliated: '对附属单位补助支出',
  budget: '年初预算数',
};

export function checkExpenditureRows(ctx: DocContext): void {
  const { doc, d } = ctx;
  const m = d.money;
  doc.expenditure.forEach((row, i) => {
    const at = `/expenditure/${i}`;
    if (isLeafCode(row.code)) {
      const v = leafValues(row, m);
      if (!v.split) return;
      const rowText = (what: string) => (p: { printed: string; derived: string; diff: string }) =>
        messages['arith.row']({ what, code: row.code, ...p });
      if (row.total !== undefined) compareAmount(ctx, `${at}/total`, 'arith.row', m(row.total), v.sumTotal, 1, rowText('合计'));
      const hasBasicParts = row.personnel !== undefined || row.public !== undefined || row.salaries !== undefined || row.families !== undefined;
      if (row.basic !== undefined && hasBasicParts && v.sumBasic !== null) {
        compareAmount(ctx, `${at}/basic`, 'arith.row', m(row.basic), v.sumBasic, 1, rowText('基本支出小计'));
      }
      if (row.personnel !== undefined && (row.salaries !== undefined || row.families !== undefined)) {
        compareAmount(ctx, `${at}/personnel`, 'arith.row', m(row.personnel), m(row.salaries) + m(row.families), 1, rowText('人员经费'));
      }
      if (row.project !== undefined && (row.projectGeneral !== undefined || row.projectSpecial !== undefined)) {
        compareAmount(ctx, `${at}/project`, 'arith.row', m(row.project), m(row.projectGeneral) + m(row.projectSpecial), 1, rowText('项目支出'));
      }
      return;
    }
    // 类 or 款 row: every printed column against the sum of the 项 rows below it.
    const agg = expenditureAggregate(d, row.fund as FundGroup, row.code);
    const level = row.code.length === 3 ? '类' : '款';
    for (const col of ['total', 'basic', 'personnel', 'public', 'project', 'operating', 'toSuperior', 'toAffiliated', 'budget'] as const) {
      const printed = row[col];
      if (printed === undefined) continue;
      const derived = agg[col];
      if (derived === null) continue;
      compareAmount(ctx, `${at}/${col}`, 'arith.subtotal', m(printed), derived, agg.count, (p) =>
        messages['arith.subtotal']({ what: COLUMN_ZH[col] ?? col, code: row.code, level, ...p }),
      );
    }
    const basicParts = row.salaries !== undefined || row.families !== undefined;
    if (basicParts && agg.personnel !== null) {
      compareAmount(ctx, `${at}/salaries`, 'arith.subtotal', m(row.salaries) + m(row.families), agg.personnel, agg.count, (p) =>
        messages['arith.subtotal']({ what: '人员经费', code: row.code, level, ...p }),
      );
    }
  });
}

export function checkEconomicRows(ctx: DocContext): void {
  const { doc, d } = ctx;
  const m = d.money;
  doc.economic.forEach((row, i) => {
    const at = `/economic/${i}`;
    const scheme = row.scheme ?? 'department';
    if (row.code.length === 5) {
      if (row.total !== undefined && (row.personnel !== undefined || row.public !== undefined)) {
        compareAmount(ctx, `${at}/total`, 'arith.row', m(row.total), economicLeafTotal(row, m), 1, (p) =>
          messages['arith.row']({ what: '合计', code: row.code, ...p }),
        );
      }
      return;
    }
    const agg = economicAggregate(d, row.fund, row.code, scheme);
    for (const col of ['total', 'personnel', 'public'] as const) {
      const printed = row[col];
      if (printed === undefined) continue;
      compareAmount(ctx, `${at}/${col}`, 'arith.subtotal', m(printed), agg[col], agg.count, (p) =>
        messages['arith.subtotal']({ what: COLUMN_ZH[col] ?? col, code: row.code, level: '类', ...p }),
      );
    }
  });
}
