/**
 * Every amount of a document's imported fields, keyed by where it sits (a zero and an absent
 * amount are the same number). `columns` keeps, per field and fund, only the amount names the
 * workbook's tables have as columns: an amount the data holds in a column the booklet does not
 * print (e.g. 人员经费 on a 功能分类 row of a table with 合计/基本支出/项目支出 only) is not in the workbook.
 */
export const ROW_FIELDS = ['expenditure', 'economic', 'incomeByFunction', 'gfbFlows', 'scobFlows'] as const;

export function amountsOf(doc: Record<string, unknown>, columns?: Map<string, Set<string>>): Map<string, number> {
  const out = new Map<string, number>();
  const put = (k: string, v: unknown) => {
    if (typeof v === 'number' && v !== 0) out.set(k, v);
  };
  for (const field of ROW_FIELDS) {
    const rows = (doc[field] as Array<Record<string, unknown> & { code: string }> | undefined) ?? [];
    for (const row of rows) {
      // A 类 or 款 row is a printed subtotal (the booklet derives it when the data has none, and
      // the tables above compare it): the 项 rows are the data.
      if (rows.some((o) => o.fund === row.fund && o.code.length > row.code.length && o.code.startsWith(row.code))) continue;
      for (const [k, v] of Object.entries(row)) {
        if (columns && !columns.get(`${field}/${row.fund}`)?.has(k)) continue;
        put(`${field}/${row.fund}/${row.code}/${k}`, v);
      }
    }
  }
  const sources = (prefix: string, v: unknown) => {
    for (const [k, a] of Object.entries((v ?? {}) as Record<string, unknown>)) put(`${prefix}/${k}`, a);
  };
  for (const [k, v] of Object.entries((doc.income ?? {}) as Record<string, unknown>)) {
    if (k === 'carryover') sources('income/carryover', v);
    else put(`income/${k}`, v);
  }
  const balances = doc.balances as { surplusAllocation?: number; closing?: object } | undefined;
  put('balances/surplusAllocation', balances?.surplusAllocation);
  sources('balances/closing', balances?.closing);
  const tp = doc.threePublic as Record<string, unknown> | null | undefined;
  for (const series of ['amounts', 'budget', 'adjusted']) sources(`threePublic/${series}`, tp?.[series]);
  put('operatingCost', doc.operatingCost);
  return out;
}

/** Per field and fund, the amount names the import's rows have (the workbook's columns). */
export function columnsOf(mapped: Record<string, unknown>): Map<string, Set<string>> {
  const columns = new Map<string, Set<string>>();
  for (const field of ROW_FIELDS) {
    for (const row of (mapped[field] ?? []) as Array<Record<string, unknown>>) {
      const set = columns.get(`${field}/${row.fund}`) ?? new Set(['code', 'fund']);
      for (const k of Object.keys(row)) set.add(k);
      columns.set(`${field}/${row.fund}`, set);
    }
  }
  return columns;
}

/** "field/fund/code/key = amount" lines, sorted: a failure shows which amounts differ. */
export const amountLines = (m: Map<string, number>) => [...m].map(([k, v]) => `${k} = ${v}`).sort();

interface ProjectLike {
  name: string;
  printedName?: string;
  funds?: Record<string, number | undefined>;
  total?: number;
  indicators?: Array<Record<string, unknown>>;
}

/**
 * A project's amounts and indicator rows as "name: …" lines, the name as printed (printedName,
 * else name): the data file's projects and the import's give the same lines when every amount and
 * every indicator came back. `withIndicators` false leaves the indicators out (a project without a
 * 绩效目标表 in the workbook).
 */
export function projectLines(projects: readonly ProjectLike[], withIndicators: (name: string) => boolean = () => true): string[] {
  const lines: string[] = [];
  for (const p of projects) {
    const name = p.printedName ?? p.name;
    for (const [k, v] of Object.entries(p.funds ?? {})) if (typeof v === 'number' && v !== 0) lines.push(`${name}: funds.${k} = ${v}`);
    if (p.total) lines.push(`${name}: total = ${p.total}`);
    if (!withIndicators(name)) continue;
    for (const i of p.indicators ?? []) {
      const cells = ['level1', 'level2', 'level3', 'midValue', 'value', 'note'].map((k) => (i[k] === undefined ? '' : String(i[k])));
      lines.push(`${name}: ${cells.join(' / ')}`);
    }
  }
  return lines.sort();
}
