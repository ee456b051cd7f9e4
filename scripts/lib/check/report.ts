/**
 * Output formats for findings: text for people, JSON for tools, GitHub annotations for CI, and a
 * Markdown report for the GitHub job summary (GitHub shows only the first annotations of a step,
 * the summary lists every finding).
 */
import { countBySeverity, severityZh, sortFindings, type Finding } from './findings.ts';

export type OutputFormat = 'text' | 'json' | 'github';

export function formatText(findings: readonly Finding[], fileCount: number): string {
  const lines = findings.map((f) => {
    const head = `${f.file}:${f.line}:${f.column} ${f.pointer || '/'} ${severityZh[f.severity]}[${f.rule}]`;
    const detail = [f.expected !== undefined ? `应为：${f.expected}` : '', f.found !== undefined ? `实际：${f.found}` : ''].filter(Boolean).join('；');
    return `${head} ${f.message}${detail ? `\n    ${detail}` : ''}`;
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

/**
 * GitHub Actions workflow commands ("Workflow commands for GitHub Actions", docs.github.com):
 * `::error file={name},line={line},col={col},title={title}::{message}`. Escaping as in
 * @actions/core (command.ts): in the message % → %25, CR → %0D, LF → %0A; in a property value
 * additionally : → %3A and , → %2C.
 */
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

/**
 * GitHub fails the upload of a step's summary larger than 1 MiB ("Step isolation and limits",
 * docs.github.com); rows beyond the budget are left out, with a line that says so.
 */
export const SUMMARY_MAX_BYTES = 1024 * 1024;

/** Characters that start inline Markdown (emphasis, code, links, strikethrough, math, emoji, mentions, references). */
const MARKDOWN_INLINE = /[\\`*_[\]~$:@#!]/g;

/**
 * Text for a Markdown table cell or heading, shown literally: Markdown punctuation is
 * backslash-escaped, then & < > | become character references (a pipe would end the cell; a
 * reference is not a cell delimiter and shows as |), and line breaks become <br>.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(MARKDOWN_INLINE, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/\r\n|\r|\n/g, '<br>');
}

function countsZh(c: Record<'error' | 'warning' | 'notice', number>): string {
  return `${c.error} 个错误，${c.warning} 个警告，${c.notice} 个提示`;
}

/**
 * The job summary: the counts, then per file (in the order of the text output) a table of
 * 位置 (line:column), 级别, 规则, 说明 (with 应为/实际), JSON 指针. Every value is escaped, so a
 * message shows exactly as in the text output. `maxBytes` bounds the UTF-8 size (GitHub's limit
 * less what the step's summary file already holds).
 */
export function formatMarkdown(findings: readonly Finding[], fileCount: number, maxBytes = SUMMARY_MAX_BYTES): string {
  const sorted = sortFindings([...findings]);
  const c = countBySeverity(sorted);
  const head = ['## 数据检查结果', '', `检查了 ${fileCount} 个文件：${countsZh(c)}。`, ''];
  if (!sorted.length) return head.join('\n') + '\n';
  const byFile = new Map<string, Finding[]>();
  for (const f of sorted) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  // The closing note is reserved up front, so the summary with it stays within maxBytes.
  const note = (shown: number) =>
    `\n**只列出了前 ${shown} 条发现（共 ${sorted.length} 条）**：GitHub 的作业摘要最多 1 MiB。完整结果见本步骤的日志，或在本地运行 \`npm run check\`。\n`;
  const out: string[] = [head.join('\n') + '\n'];
  let budget = maxBytes - Buffer.byteLength(out[0]!) - Buffer.byteLength(note(sorted.length));
  const add = (lines: string[]): boolean => {
    const block = lines.join('\n') + '\n';
    const size = Buffer.byteLength(block);
    if (size > budget) return false;
    budget -= size;
    out.push(block);
    return true;
  };
  let shown = 0;
  files: for (const [file, list] of byFile) {
    const fc = countBySeverity(list);
    // A file's heading goes with its first row: no heading over an empty table.
    let lines = [`### ${escapeMarkdown(file)}`, '', `${countsZh(fc)}。`, '', '| 位置 | 级别 | 规则 | 说明 | JSON 指针 |', '|---|---|---|---|---|'];
    for (const f of list) {
      const detail = [f.expected !== undefined ? `应为：${f.expected}` : '', f.found !== undefined ? `实际：${f.found}` : ''].filter(Boolean).join('；');
      const message = escapeMarkdown(f.message) + (detail ? `<br>${escapeMarkdown(detail)}` : '');
      lines.push(`| ${f.line}:${f.column} | ${severityZh[f.severity]} | ${escapeMarkdown(f.rule)} | ${message} | ${escapeMarkdown(f.pointer || '/')} |`);
      if (!add(lines)) break files;
      lines = [];
      shown++;
    }
    add(['']);
  }
  if (shown < sorted.length) out.push(note(shown));
  return out.join('');
}
