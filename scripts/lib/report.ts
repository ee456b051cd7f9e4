/** Output formats for findings: text for people, JSON for tools, GitHub annotations for CI. */
import { countBySeverity, severityZh, type Finding } from './findings.ts';

export type OutputFormat = 'text' | 'json' | 'github';

export function formatText(findings: readonly Finding[], fileCount: number): string {
  const lines = findings.map((f) => {
    const head = `${f.file}:${f.line}:${f.column} ${f.pointer || '/'} ${severityZh[f.severity]}[${f.rule}]`;
    const detail = [f.expected !== undefined ? `应为：${f.expected}` : '', f.found !== undefined ? `实际：${f.found}` : ''].filter(Boolean).join('；');
    return `${head} ${f.message}${detail ? `\n    ${detail}` : ''}\n    (${f.messageEn})`;
  });
  const c = countBySeverity(findings);
  lines.push(`检查了 ${fileCount} 个文件：${c.error} 个错误，${c.warning} 个警告，${c.notice} 个提示。`);
  return lines.join('\n') + '\n';
}

export function formatJson(findings: readonly Finding[]): string {
  return (
    JSON.stringify(
      findings.map((f) => ({
        file: f.file,
        line: f.line,
        column: f.column,
        pointer: f.pointer,
        severity: f.severity,
        rule: f.rule,
        message: f.message,
        messageEn: f.messageEn,
        expected: f.expected ?? null,
        found: f.found ?? null,
        ...(f.acknowledged ? { acknowledged: f.acknowledged } : {}),
      })),
      null,
      2,
    ) + '\n'
  );
}

/** GitHub Actions workflow commands; data is escaped as the runner requires. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(findings: readonly Finding[]): string {
  const level = { error: 'error', warning: 'warning', notice: 'notice' } as const;
  return findings
    .map(
      (f) =>
        `::${level[f.severity]} file=${escapeProperty(f.file)},line=${f.line},col=${f.column},title=${escapeProperty(f.rule)}::${escapeData(
          `${f.message}${f.expected !== undefined ? ` 应为：${f.expected}` : ''}${f.found !== undefined ? ` 实际：${f.found}` : ''} (${f.pointer || '/'})`,
        )}`,
    )
    .join('\n')
    .concat(findings.length ? '\n' : '');
}

export function formatFindings(findings: readonly Finding[], format: OutputFormat, fileCount: number): string {
  if (format === 'json') return formatJson(findings);
  if (format === 'github') return formatGithub(findings);
  return formatText(findings, fileCount);
}
