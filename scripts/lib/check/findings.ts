/**
 * Findings: what `check` reports. One shape for every stage (JSON reader, schema,
 * references, arithmetic, plausibility, completeness), so the CLI can print them in
 * text, JSON or GitHub form and tests can compare them exactly.
 */
export type Severity = 'error' | 'warning' | 'notice';

/** A finding before it is placed in a file: rules produce these. */
export interface Issue {
  /** JSON pointer of the value concerned. */
  pointer: string;
  severity: Severity;
  rule: string;
  /** Chinese sentence for the finance clerk. */
  message: string;
  /** English alongside, for developers and logs. */
  messageEn: string;
  expected?: string;
  found?: string;
  /** Set when the unit acknowledged this finding in its data file (`acknowledged`). */
  acknowledged?: string;
}

/** An issue placed at file:line:column. */
export interface Finding extends Issue {
  file: string;
  line: number;
  column: number;
}

const order: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** Stable order: file, position, severity, rule, pointer. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      order[a.severity] - order[b.severity] ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export const severityZh: Record<Severity, string> = { error: '错误', warning: '警告', notice: '提示' };
