/**
 * Builders of the classified and summary tables (收支总表 … 国有资本经营预算支出表), for 预算
 * and 决算 alike: the document kind and the profile's table spec choose the rows, columns
 * and wording; see docs/profiles.md for the column keys each table accepts.
 */
import type { TableId } from '../../model/profile.ts';
import type { TableBuilder } from './index.ts';
import {
  expenditureBuilder,
  gfbExpenditureBuilder,
  gpbExpenditureBuilder,
  incomeBuilder,
  scobExpenditureBuilder,
} from './ledger-function.ts';
import { economicSummaryBuilder, gpbBasicBuilder, threePublicBuilder } from './ledger-economic.ts';
import { fiscalSummaryBuilder, summaryBuilder } from './ledger-summary.ts';

export const ledgerBuilders: Partial<Record<TableId, TableBuilder>> = {
  summary: summaryBuilder,
  income: incomeBuilder,
  expenditure: expenditureBuilder,
  fiscalSummary: fiscalSummaryBuilder,
  gpbExpenditure: gpbExpenditureBuilder,
  gpbBasic: gpbBasicBuilder,
  economicSummary: economicSummaryBuilder,
  threePublic: threePublicBuilder,
  gfbExpenditure: gfbExpenditureBuilder,
  scobExpenditure: scobExpenditureBuilder,
};
