/**
 * The 财务收支总表's spending side prints, per 类, 基本支出 split into 人员经费 and 公用经费 —
 * the only table of the district's export that does (the 支出 tables print 基本支出 whole). The
 * split is kept on the 类 row of `expenditure` (as a hand-encoded file records it), so the
 * booklet prints the same 收支总表 and `check` can add it up against the 基本支出.
 */
import type { Fen } from '../model/money.ts';
import type { ReferenceFile } from '../model/reference.ts';
import type { ExpenditureRow } from '../model/schema.ts';
import { norm, stripNumbering } from './grid.ts';
import type { TableRead } from './tables.ts';

export function applyClassSplit(summary: TableRead, rows: ExpenditureRow[], ref: ReferenceFile | undefined, amount: (fen: Fen) => number, notes: string[]): void {
  if (!ref) return;
  const classes = new Map<string, string>();
  for (const [code, name] of Object.entries(ref.function)) if (code.length === 3) classes.set(norm(name), code);
  for (const line of summary.spending) {
    const { personnel, public: pub } = line.amounts;
    if (personnel === undefined && pub === undefined) continue;
    const code = classes.get(norm(stripNumbering(line.label)));
    if (!code) continue;
    const targets = rows.filter((r) => r.code === code);
    if (targets.length !== 1) {
      // Several fund sources share the 类: the split cannot be placed on one row.
      notes.push(`${summary.sheet}!${line.cell}：“${line.label}”的人员经费、公用经费没有导入（该类有 ${targets.length} 行支出，无法确定属于哪一行），请在数据文件中按资金来源填写。`);
      continue;
    }
    if (personnel !== undefined) targets[0]!.personnel = amount(personnel);
    if (pub !== undefined) targets[0]!.public = amount(pub);
  }
}
