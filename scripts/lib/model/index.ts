/**
 * Stage «model»: the data model and its readers — what every later stage takes as given.
 *
 *   data/<unit>/<year>.json ─► json.ts       bytes → value with line:column for every pointer
 *                              schema.ts     TypeBox types = data/_schema/unit-year.schema.json
 *                              money.ts      amounts as integer 分; half-up rounding for display
 *   data/_reference/<year>  ─► reference.ts  科目 by year, with the profiles: the Library
 *   data/_profiles/*.json   ─► profile.ts    a province's layout as data (tables, parts, units)
 *                              dates.ts      whole-day ISO dates (deadlines)
 *                              schema-path.ts titles and order of fields, from the schema
 *                                   │
 *                                   ▼  check/  (then booklet/ → site/ → pdf/)
 *
 * import/ (workbooks → data files) will sit beside this stage and write what it reads.
 */
export { readJsonBytes, locate, lineColumn, type ParsedJson, type JsonIssue } from './json.ts';
export { renderSchema, SCHEMA_PATH, SCHEMA_ID } from './schema.ts';
export type { UnitYearFile, AnyDocument, BudgetDocument, FinalDocument, DocumentKind } from './schema.ts';
export { fromAmount, sum, formatMoney, formatMoneyPlain, formatPercent, type Fen, type Currency } from './money.ts';
export { loadLibrary, functionName, economicName, type Library, type ReferenceFile } from './reference.ts';
export { DEFAULT_PARTS, NATIONAL_MINIMUM, tableNameZh, type Profile, type ProfileKind, type ProfileTable, type TableId } from './profile.ts';
export { addDays, addWorkingDays, isRealDate } from './dates.ts';
