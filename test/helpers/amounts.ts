/**
 * The amounts a booklet must print, for the corpus tests of the HTML pages (test/site/build.test.ts)
 * and of the PDFs (test/pdf/booklets.test.ts): every money field of the data rows its profile's
 * tables are made of, each with the forms it may be printed in.
 */
import type { Library } from '../../scripts/lib/model/reference.ts';
import { formatMoney, fromAmount } from '../../scripts/lib/model/money.ts';
import type { DocumentKind, UnitYearFile } from '../../scripts/lib/model/schema.ts';

/**
 * The amounts a booklet must print: every money field of the rows the tables are made of (项 rows,
 * 经济分类 款 rows, income, projects, procurement, services, 三公, 机关运行经费, 决算 flows). Printed
 * 类/款 subtotals and the 说明's stated figures are not data of their own (the booklet prints the
 * derived ones). Zero prints as a blank cell, so it is left out.
 */
const AMOUNT_PATHS = [
  /^\/income\/(gpb|gpbCentral|gfb|gfbCentral|scob|scobCentral|specialAccount|business|operating|superior|affiliated|other|nonFiscalBalanceUsed)$/,
  /^\/income\/carryover\/\w+$/,
  /^\/expenditure\/\d+\/(total|personnel|salaries|families|public|project|projectGeneral|projectSpecial|operating|toSuperior|toAffiliated)$/,
  /^\/economic\/\d+\/(total|personnel|public)$/,
  /^\/projects\/\d+\/funds\/\w+$/,
  /^\/procurement\/items\/\d+\/(gpb|gfb|scob|specialAccount|unitFunds)$/,
  /^\/purchasedServices\/\d+\/amount$/,
  /^\/threePublic\/amounts\/\w+$/,
  /^\/operatingCost$/,
  /^\/incomeByFunction\/\d+\/(fiscal|superior|business|operating|affiliated|other)$/,
  /^\/gfbFlows\/\d+\/(opening|income|basic|project|closing)$/,
  /^\/scobFlows\/\d+\/(opening|income|basic|project|closing)$/,
];

function amounts(doc: Record<string, unknown>): Array<{ pointer: string; value: number }> {
  const found: Array<{ pointer: string; value: number }> = [];
  const walk = (v: unknown, pointer: string) => {
    if (typeof v === 'number') {
      if (AMOUNT_PATHS.some((re) => re.test(pointer))) found.push({ pointer, value: v });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${pointer}/${i}`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${pointer}/${k}`);
  };
  walk(doc, '');
  // 类/款 rows of doc.expenditure are printed subtotals, not data.
  return found.filter((a) => {
    const m = /^\/expenditure\/(\d+)\//.exec(a.pointer);
    return !m || ((doc.expenditure as Array<{ code: string }>)[Number(m[1])]!.code.length === 7);
  });
}

/**
 * Where an amount must show: data that no table of the document's profile prints (a 决算 has no
 * 项目支出表 or 政府采购支出表; its tables print 年初结转和结余 as one line, and no 人员/公用 split
 * by 功能分类) is used for the 说明 and the checks only.
 */
function required(pointer: string, tables: Map<string, string[] | undefined>, kind: DocumentKind): boolean {
  const has = (id: string) => tables.has(id);
  const column = (col: string) =>
    ['expenditure', 'gpbExpenditure', 'gfbExpenditure', 'scobExpenditure'].some((id) => tables.get(id)?.includes(col) ?? false);
  if (pointer.startsWith('/projects/')) return has('projects');
  if (pointer.startsWith('/procurement/')) return has('procurement');
  if (pointer.startsWith('/purchasedServices/')) return has('purchasedServices');
  if (pointer.startsWith('/threePublic/')) return has('threePublic');
  if (pointer.startsWith('/income/carryover/')) return kind === 'budget';
  const m = /^\/expenditure\/\d+\/(\w+)$/.exec(pointer);
  if (m) return m[1] === 'total' || column(m[1]!);
  return true;
}

export interface RequiredAmount {
  /** JSON pointer into the document (documents.<kind>). */
  pointer: string;
  /** As written in the data file. */
  value: number;
  /**
   * The forms it may be printed in, the profile's own first: formatted as the profile prints it;
   * Anhui's tables drop trailing decimal zeros (profile trimZeros), its forms keep them; a 项 line
   * paid from several sources prints once in the all-sources tables, summed.
   */
  printed: string[];
}

/** Every non-zero amount of one document that its booklet must print, with its printed forms. */
export function requiredAmounts(lib: Library, data: UnitYearFile, kind: DocumentKind): RequiredAmount[] {
  const doc = data.documents[kind];
  if (!doc) return [];
  const profile = lib.profiles.get(doc.profile)!.kinds[kind]!;
  const tables = new Map(profile.tables.map((t) => [t.id as string, t.columns]));
  const fmt = (fen: number) => formatMoney(fen, profile.currency, profile.decimals, profile.thousands);
  const trimmed = (shown: string) => (shown.includes('.') ? shown.replace(/\.?0+$/, '') : shown);
  const forms = (shown: string) => (profile.trimZeros === true ? [shown, trimmed(shown)] : [shown]);
  const out: RequiredAmount[] = [];
  for (const a of amounts(doc as unknown as Record<string, unknown>)) {
    if (a.value === 0 || !required(a.pointer, tables, kind)) continue;
    const printed = forms(fmt(fromAmount(a.value, profile.currency)!));
    // No table prints 机关运行经费: the 说明 does, and the 说明 writes amounts without thousands
    // separators (booklet/context.ts textMoney), whatever the tables' setting.
    if (a.pointer === '/operatingCost') printed.push(formatMoney(fromAmount(a.value, profile.currency)!, profile.currency, profile.decimals, false));
    // A table in its own unit (docs/profiles.md 表的选项 currency/decimals/thousands: the Shanghai 三公 table
    // in 万元 over 元 data, with its 机关运行经费 column), and the 说明 in its own unit (statedCurrency…).
    const own = a.pointer.startsWith('/threePublic/') || a.pointer === '/operatingCost' ? profile.tables.find((t) => t.id === 'threePublic') : undefined;
    const fen = fromAmount(a.value, profile.currency)!;
    if (own && own.currency !== undefined) {
      const decimals = own.decimals ?? (own.currency === profile.currency ? profile.decimals : 2);
      const shown = formatMoney(fen, own.currency, decimals, own.thousands ?? profile.thousands);
      printed.push(shown);
      if ((own.trimZeros ?? profile.trimZeros) === true) printed.push(trimmed(shown));
    }
    if (a.pointer === '/operatingCost' && profile.statedCurrency !== undefined) {
      const decimals = profile.statedDecimals ?? (profile.statedCurrency === profile.currency ? profile.decimals : 2);
      printed.push(formatMoney(fen, profile.statedCurrency, decimals, profile.statedThousands ?? false));
    }
    const row = /^\/expenditure\/(\d+)\/(\w+)$/.exec(a.pointer);
    if (row) {
      const code = doc.expenditure[Number(row[1])]!.code;
      const col = row[2] as keyof (typeof doc.expenditure)[number];
      const sum = doc.expenditure.filter((r) => r.code === code).reduce((acc, r) => acc + (fromAmount(Number(r[col] ?? 0), profile.currency) ?? 0), 0);
      printed.push(...forms(fmt(sum)));
    }
    out.push({ ...a, printed });
  }
  return out;
}
