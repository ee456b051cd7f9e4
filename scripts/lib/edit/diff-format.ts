/**
 * The diff report (diff.ts) as a pull-request comment (GitHub-flavoured Markdown) or as JSON.
 *
 * Markdown safety: every string that comes from the data or from git (names, texts, file paths,
 * check messages) goes through `e` (check's escapeMarkdown), so it shows as typed and cannot open a
 * link, an image, HTML, a table cell, a code span or formula. Only the fixed layout (headings,
 * tables, <details>) is written unescaped.
 */
import type { DiffReport, DocumentDiff, FileDiff, FindingChange, ItemChange } from './diff.ts';
import { escapeMarkdown } from '../check/report.ts';

/** Tables longer than this fold into a <details> block. */
export const FOLD_ROWS = 10;

/**
 * Data text for a table cell or a line: check's Markdown escaping (report.ts), after control and
 * bidirectional-override characters are made visible, so a value cannot reorder what a reviewer
 * reads around it.
 */
function e(text: string): string {
  return escapeMarkdown(text.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ').replace(/[\u202a-\u202e\u2066-\u2069]/g, '\ufffd'));
}

const cell = (v: string | null) => (v === null ? '—' : e(v));

function table(head: string[], align: Array<'l' | 'r'>, rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** A table, folded when long; `what` names the rows in the fold's summary. */
function block(lines: string[], rows: number, what: string): string[] {
  if (rows <= FOLD_ROWS) return [...lines, ''];
  return ['<details>', `<summary>展开 ${rows} ${what}</summary>`, '', ...lines, '', '</details>', ''];
}

const STATUS_ZH: Record<FileDiff['status'], string> = { added: '新增', removed: '删除', modified: '修改', unchanged: '没有改动' };

function amountsSection(d: DocumentDiff): string[] {
  const out: string[] = [];
  if (d.amounts.length) {
    out.push(`#### 金额改动（${d.amounts.length} 处，单位：${d.unit}）`, '');
    const rows = d.amounts.map((a) => [e(a.table), e(a.row), e(a.column), cell(a.old), cell(a.new), a.change]);
    out.push(...block(table(['表', '行', '列', '原数', '新数', '增减'], ['l', 'l', 'l', 'r', 'r', 'r'], rows), rows.length, '行'));
  }
  if (d.derivedCells.length) {
    out.push(`#### 公开表中随之变化的合计和小计（${d.derivedCells.length} 处，单位：${d.unit}）`, '');
    const rows = d.derivedCells.map((a) => [e(a.table), e(a.row), e(a.column), cell(a.old), cell(a.new), a.change]);
    out.push(...block(table(['表', '行', '列', '原数', '新数', '增减'], ['l', 'l', 'l', 'r', 'r', 'r'], rows), rows.length, '行'));
  }
  if (d.derivedFigures.length) {
    out.push(`#### 情况说明中${d.status === 'modified' ? '随之变化' : ''}的数字和占比（${d.derivedFigures.length} 处）`, '');
    const rows = d.derivedFigures.map((f) => [e(f.label), cell(f.old), cell(f.new), f.change]);
    out.push(...block(table(['数字', '原数', '新数', '增减'], ['l', 'r', 'r', 'r'], rows), rows.length, '行'));
  }
  return out;
}

function itemLines(items: ItemChange[]): string[] {
  if (!items.length) return [];
  const out = [`#### 新增和删除（${items.length} 处）`, ''];
  for (const it of items) {
    out.push(`- ${it.change === 'added' ? '新增' : '删除'} ${e(it.what)}「${e(it.label)}」`);
  }
  out.push('');
  for (const it of items) {
    if (!it.fields.length && !it.indicators.length) continue;
    out.push('<details>', `<summary>${it.change === 'added' ? '新增' : '删除'}的${e(it.what)}「${e(it.label)}」的内容</summary>`, '');
    if (it.fields.length) out.push(...table(['字段', '内容'], ['l', 'l'], it.fields.map((f) => [e(f.field), e(f.value)])), '');
    if (it.indicators.length) {
      out.push(`绩效指标 ${it.indicators.length} 条：`, '');
      out.push(...table(['一级指标', '二级指标', '三级指标', '指标值'], ['l', 'l', 'l', 'l'], it.indicators.map((i) => [e(i.level1), e(i.level2), e(i.level3), e(i.value)])), '');
    }
    out.push('</details>', '');
  }
  return out;
}

function textLines(d: { texts: FileDiff['texts']; values: FileDiff['values'] }): string[] {
  const out: string[] = [];
  if (d.texts.length) {
    out.push(`#### 文字改动（${d.texts.length} 处）`, '');
    const rows = d.texts.map((t) => [e(t.field), cell(t.old), cell(t.new)]);
    out.push(...block(table(['字段', '原文', '新文'], ['l', 'l', 'l'], rows), rows.length, '行'));
  }
  if (d.values.length) {
    out.push(`#### 其他改动（${d.values.length} 处）`, '');
    const rows = d.values.map((v) => [e(v.field), cell(v.old), cell(v.new)]);
    out.push(...block(table(['字段', '原值', '新值'], ['l', 'l', 'l'], rows), rows.length, '行'));
  }
  return out;
}

function documentLines(d: DocumentDiff): string[] {
  const head = d.status === 'added' ? `### 新增${d.kindZh}` : d.status === 'removed' ? `### 删除${d.kindZh}` : `### ${d.kindZh}`;
  const out = [head, ''];
  for (const n of d.notes) out.push(`> ${e(n)}`, '');
  if (d.status === 'unchanged') {
    out.push('没有改动。', '');
    return out;
  }
  if (d.status !== 'modified') out.push(`表式：${e(d.profile)}。`, '');
  out.push(...amountsSection(d), ...itemLines(d.items), ...textLines(d));
  return out;
}

function counts(list: FindingChange[]): string {
  const n = { error: 0, warning: 0, notice: 0 };
  for (const f of list) n[f.severity]++;
  const parts = [n.error ? `错误 ${n.error}` : '', n.warning ? `警告 ${n.warning}` : '', n.notice ? `提示 ${n.notice}` : ''].filter(Boolean);
  return parts.length ? `（${parts.join('，')}）` : '';
}

function findingTable(list: FindingChange[], title: string, side: string): string[] {
  if (!list.length) return [];
  const rows = list.map((f) => [f.severityZh, e(f.rule), `${side}第 ${f.line} 行 ${e(f.pointer || '/')}`, e(f.message)]);
  return [
    '<details>',
    `<summary>${title} ${list.length} 条${counts(list)}</summary>`,
    '',
    ...table(['严重程度', '规则', '位置', '说明'], ['l', 'l', 'l', 'l'], rows),
    '',
    '</details>',
    '',
  ];
}

function fileLines(f: FileDiff): string[] {
  const out = [`## ${e(f.file)}（${STATUS_ZH[f.status]}）`, ''];
  for (const n of f.notes) out.push(`> ${e(n)}`, '');
  if (f.items.length || f.texts.length || f.values.length) out.push('### 单位和年度', '', ...itemLines(f.items), ...textLines(f));
  for (const d of f.documents) out.push(...documentLines(d));
  const { appeared, disappeared } = f.findings;
  out.push('### 检查结果的变化', '');
  if (!appeared.length && !disappeared.length) {
    out.push('检查结果没有变化。', '');
  } else {
    out.push(`新出现 ${appeared.length} 条${counts(appeared)}，消失 ${disappeared.length} 条${counts(disappeared)}。`, '');
    out.push(...findingTable(appeared, '新出现的', '新文件'), ...findingTable(disappeared, '消失的', '原文件'));
  }
  return out;
}

export function formatMarkdown(report: DiffReport, maxChars = MAX_COMMENT_CHARS): string {
  const by = (s: FileDiff['status']) => report.files.filter((f) => f.status === s).length;
  const out = [`# 数据改动（与 ${e(report.base)} 相比）`, ''];
  if (!report.files.length) {
    out.push('没有改动的数据文件。');
    return out.join('\n') + '\n';
  }
  const parts = [by('modified') ? `修改 ${by('modified')} 个` : '', by('added') ? `新增 ${by('added')} 个` : '', by('removed') ? `删除 ${by('removed')} 个` : '', by('unchanged') ? `没有改动 ${by('unchanged')} 个` : ''].filter(Boolean);
  out.push(`数据文件 ${report.files.length} 个：${parts.join('，')}。`, '');
  for (const f of report.files) {
    out.push(...(f.status === 'unchanged' ? [`## ${e(f.file)}（没有改动）`, ''] : fileLines(f)));
  }
  while (out[out.length - 1] === '') out.pop();
  return fit(out, maxChars);
}

/**
 * GitHub rejects a comment body over 65,536 characters. A longer report keeps its first lines
 * (whole lines, open <details> closed) and says where the rest is.
 */
export const MAX_COMMENT_CHARS = 65_536;

function fit(lines: string[], maxChars: number): string {
  const full = lines.join('\n') + '\n';
  if (full.length <= maxChars) return full;
  const note = '\n**内容太长，只列出了前一部分。** 完整的结果请在本地运行 `npm run diff`（或加 `--format json`）。\n';
  const kept: string[] = [];
  let size = 0;
  let open = 0;
  for (const line of lines) {
    const opens = open + (line === '<details>' ? 1 : line === '</details>' ? -1 : 0);
    // Room for this line, the closing tags still owed and the note.
    if (size + line.length + 1 + (opens * '\n</details>\n'.length) + note.length > maxChars) break;
    kept.push(line);
    size += line.length + 1;
    open = opens;
  }
  for (; open > 0; open--) kept.push('', '</details>');
  return kept.join('\n') + '\n' + note;
}

export function formatJson(report: DiffReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
