/**
 * The check rules over one validated document, one module per rule family:
 *
 *   validated file ──► makeContext (derive, profile, reference)
 *                        │
 *                        ├─ references    科目编码和名称、表式、数字编号、项目单位
 *                        ├─ arithmetic    表内：类 = Σ款 = Σ项，行内各列之和
 *                        ├─ cross-table   表间：两表的基本支出、收支平衡、项目、采购、决算表、绩效表
 *                        ├─ stated        说明和表中写出的数字：金额、占比、增减、完成率、用词
 *                        ├─ plausibility  算术不错但很可能有误：残留文字、机关运行经费、成本指标、单位名称
 *                        ├─ text          文字：重复、标点、括号、半句话、年份、旧科目名、部门/单位用词
 *                        ├─ deadline      公开时限
 *                        └─ completeness  表式要求的公开表和标准的说明部分
 *                        ▼
 *                      Issue[] (stable rule ids, messages from messages.ts)
 *
 * The family cross-file has no per-document check: finishCheck (check.ts) runs its rules over
 * every file's facts (facts.ts) once all files are checked (cross-file.ts).
 *
 * Each family lists the rule ids it can report, so a rule catalogue can be generated from
 * this list and the fixtures named after each family (test/fixtures/rules/<family>.json).
 * The families run in this order; their findings keep it.
 */
import type { DocumentKind, UnitYearFile } from '../../model/schema.ts';
import type { Issue } from '../findings.ts';
import type { Library } from '../../model/reference.ts';
import { judgeTruncation, makeContext, type DocContext } from './context.ts';
import { checkReferences } from './references.ts';
import { checkEconomicRows, checkExpenditureRows } from './arithmetic.ts';
import { checkCrossTables, checkFinalAndPerformance } from './cross-table.ts';
import { checkFigures, checkPreviousSums, checkProjectPlans, checkStatedRelations } from './stated.ts';
import { checkPlausibility } from './plausibility.ts';
import { checkDeadline } from './deadline.ts';
import { checkCompleteness, checkReasons } from './completeness.ts';
import { checkText } from './text.ts';
import { CROSS_RULES } from './cross-file.ts';

export interface RuleFamily {
  /** The module's name and the fixture file's: test/fixtures/rules/<id>.json. */
  id: string;
  title: string;
  /** Every rule id the family can report (round.* when it compares printed figures). */
  rules: readonly string[];
  check(ctx: DocContext, lib: Library): void;
}

export const RULE_FAMILIES: readonly RuleFamily[] = [
  {
    id: 'references',
    title: '科目与引用',
    rules: ['ref.profile-unknown', 'ref.reference-year', 'ref.reference-fallback', 'ref.reference-provisional', 'ref.duplicate-row', 'ref.unknown-code', 'ref.name-mismatch', 'ref.wording-key', 'ref.wording-template', 'ref.figure-key', 'ref.project-unit'],
    check: checkReferences,
  },
  {
    id: 'arithmetic',
    title: '表内算术',
    rules: ['arith.row', 'arith.subtotal', 'round.amount'],
    check: (ctx) => {
      checkExpenditureRows(ctx);
      checkEconomicRows(ctx);
    },
  },
  {
    id: 'cross-table',
    title: '表间核对',
    rules: ['arith.cross-table', 'arith.parts', 'arith.part-exceeds', 'arith.balance', 'arith.fund-balance', 'arith.row', 'figure.amount', 'round.amount'],
    check: (ctx) => {
      checkCrossTables(ctx);
      checkFinalAndPerformance(ctx);
    },
  },
  {
    id: 'stated',
    title: '说明中的数字',
    rules: ['figure.amount', 'figure.share', 'figure.change', 'figure.change-rate', 'figure.completion', 'figure.no-previous', 'figure.previous-sum', 'figure.change-sum', 'figure.twin-change', 'figure.project-plan', 'figure.project-plan-text', 'plaus.operating-cost', 'text.change-word', 'text.compare-word', 'plaus.share-over-100', 'plaus.zero-base', 'plaus.placeholder', 'round.amount', 'round.percent', 'round.truncated'],
    check: (ctx) => {
      checkFigures(ctx);
      checkProjectPlans(ctx);
      checkPreviousSums(ctx);
      checkStatedRelations(ctx);
      judgeTruncation(ctx);
    },
  },
  {
    id: 'plausibility',
    title: '合理性',
    rules: ['plaus.placeholder', 'plaus.operating-cost', 'plaus.three-public-missing', 'plaus.cost-indicator', 'plaus.unit-name'],
    check: checkPlausibility,
  },
  {
    id: 'text',
    title: '文字',
    rules: ['text.doubled', 'text.punctuation', 'text.brackets', 'text.dangling', 'text.percent-sign', 'text.year', 'text.old-name', 'text.class-name', 'text.level', 'text.reason-empty', 'text.purpose-subject', 'text.amount-twice'],
    check: checkText,
  },
  {
    id: 'deadline',
    title: '公开时限',
    rules: ['schema.date', 'plaus.no-published-date', 'plaus.no-approval-date', 'plaus.published-before-approval', 'plaus.deadline'],
    check: checkDeadline,
  },
  {
    id: 'completeness',
    title: '完整性',
    rules: ['complete.table-missing', 'complete.section-missing', 'complete.reason-missing'],
    check: (ctx) => {
      checkCompleteness(ctx);
      checkReasons(ctx);
    },
  },
  {
    // Rules over several files: nothing per document; finishCheck (check.ts) runs them over every
    // file's facts (facts.ts, cross-file.ts). Its fixture checks several files together.
    id: 'cross-file',
    title: '跨文件核对',
    rules: [...CROSS_RULES, 'round.amount'],
    check: () => undefined,
  },
];

/** Runs every family over one document; the context keeps the issues and the derived values. */
export function runDocument(file: UnitYearFile, kind: DocumentKind, lib: Library): DocContext {
  const ctx = makeContext(file, kind, lib);
  for (const family of RULE_FAMILIES) family.check(ctx, lib);
  return ctx;
}

export function checkDocument(file: UnitYearFile, kind: DocumentKind, lib: Library): Issue[] {
  return runDocument(file, kind, lib).issues;
}
