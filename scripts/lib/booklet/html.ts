/**
 * Safe HTML: the one way HTML is made from data. A `SafeHtml` is a plain object (so
 * it survives JSON caching and worker messages) whose `__html` was produced here, by
 * prose.ts or by charts.ts; templates print it with the `html` filter, which refuses
 * anything else. Every other value is text and gets escaped.
 */
export interface SafeHtml {
  readonly __html: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && typeof (value as SafeHtml).__html === 'string';
}

/** Wraps markup produced by trusted code (markdown-it output, chart SVG). */
export function trusted(markup: string): SafeHtml {
  return { __html: markup };
}

type Interpolation = string | number | SafeHtml | null | undefined | ReadonlyArray<string | number | SafeHtml>;

function part(value: Interpolation): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => part(v)).join('');
  if (isSafeHtml(value)) return value.__html;
  return escapeHtml(String(value));
}

/** Tagged template: html`<p>${text}</p>` escapes every interpolation that is not SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1]!;
  return { __html: out };
}

export function joinHtml(items: readonly SafeHtml[], separator = ''): SafeHtml {
  return { __html: items.map((i) => i.__html).join(separator) };
}
