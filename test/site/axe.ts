/**
 * axe-core in a test page (WCAG 2.0/2.1 A and AA): the page's violations, and a Chinese
 * description of them for the failure message. axe is served by the test server at AXE_URL
 * (same origin, so the page's Content-Security-Policy allows it; it is not part of the site).
 */
import type { Page } from 'puppeteer-core';

export const AXE_URL = '/__test__/axe.min.js';

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** Runs axe on the page as it is now (results already shown, etc.). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ url: AXE_URL });
  return (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations;
  })) as AxeViolation[];
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) =>
      [
        `规则：${v.id}（严重程度：${v.impact ?? '未知'}）`,
        `说明：${v.help}`,
        `参考：${v.helpUrl}`,
        ...v.nodes.slice(0, 5).map((n) => `  元素：${n.target.join(' ')}\n  代码：${n.html.slice(0, 200)}\n  问题：${(n.failureSummary ?? '').replace(/\n/g, '；')}`),
      ].join('\n'),
    )
    .join('\n\n');
}
