/**
 * Every page of the site in Chromium: axe-core (WCAG 2.0/2.1 A and AA) finds nothing,
 * the page fits a 360 px screen without sideways scrolling, body text is ≥ 18 px there
 * and ≥ 16 px at 1280 px, the Content-Security-Policy is never violated, and no request
 * leaves the site.
 *
 * The site is the real build of every data file in data/ (the four seeds and the 示例);
 * `GONGKAI_SITE_DIR=_site npx tsx test/run.ts a11y` checks an existing build instead.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { root } from './fixture-site.ts';
import { buildSite as buildRealSite } from '../../scripts/lib/site/build-site.ts';
import { serve, sitePaths, type Served } from './serve.ts';
import { AXE_URL, axeViolations, describeViolations } from './axe.ts';

async function buildUnderTest(outDir: string): Promise<void> {
  const result = await buildRealSite({ root, outDir, threads: 1, incremental: false, pdf: false });
  assert.ok(result.ok, `构建失败：${result.failure}`);
}

let outDir = '';
let server: Served | undefined;
let browser: Browser | undefined;
let pages: string[] = [];

const givenDir = process.env.GONGKAI_SITE_DIR;

test.before(async () => {
  if (givenDir) outDir = join(root, givenDir);
  else {
    outDir = mkdtempSync(join(tmpdir(), 'gongkai-a11y-'));
    await buildUnderTest(outDir);
  }
  pages = sitePaths(outDir, '.html');
  server = await serve(outDir, { [AXE_URL]: join(root, 'node_modules/axe-core/axe.min.js') });
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--font-render-hinting=none'],
    headless: true,
  });
});

test.after(async () => {
  await browser?.close();
  await server?.close();
  if (outDir && !givenDir) rmSync(outDir, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  csp: string[];
  blocked: string[];
  errors: string[];
}

/** A page that records CSP violations, page errors, and blocks (and records) requests leaving the site. */
async function openPage(width: number): Promise<Watched> {
  const page = await browser!.newPage();
  const w: Watched = { page, csp: [], blocked: [], errors: [] };
  await page.setViewport({ width, height: 900 });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (msg) => {
    const text = msg.text();
    if (/CSP violation|Content Security Policy/i.test(text)) w.csp.push(text);
  });
  page.on('pageerror', (err) => w.errors.push(String(err)));
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith(server!.origin + '/')) void req.continue();
    else {
      w.blocked.push(url);
      void req.abort('blockedbyclient');
    }
  });
  return w;
}

test('the site has pages to check', () => {
  assert.ok(pages.length >= 5, `only ${pages.length} pages`);
  assert.ok(pages.includes('index.html'));
  assert.ok(pages.includes('404.html'));
});

test('axe (WCAG 2.1 A/AA): no violations on any page; no CSP violation; nothing requested from elsewhere', async () => {
  const w = await openPage(1280);
  const failures: string[] = [];
  try {
    for (const path of pages) {
      w.csp.length = 0;
      w.blocked.length = 0;
      w.errors.length = 0;
      await w.page.goto(`${server!.origin}/${path}`, { waitUntil: 'load' });
      const csp = [...w.csp];
      const violations = await axeViolations(w.page);
      if (violations.length) failures.push(`页面 ${path} 有 ${violations.length} 类无障碍问题：\n${describeViolations(violations)}`);
      if (csp.length || w.csp.length) failures.push(`页面 ${path} 违反内容安全策略：\n${[...csp, ...w.csp].join('\n')}`);
      if (w.blocked.length) failures.push(`页面 ${path} 请求了站外资源：\n${w.blocked.join('\n')}`);
      if (w.errors.length) failures.push(`页面 ${path} 有脚本错误：\n${w.errors.join('\n')}`);
    }
  } finally {
    await w.page.close();
  }
  assert.ok(failures.length === 0, '\n' + failures.join('\n\n'));
});

test('360 px wide: no sideways scrolling, body text ≥ 18 px; 1280 px: body text ≥ 16 px', async () => {
  const failures: string[] = [];
  for (const [width, minFont] of [
    [360, 18],
    [1280, 16],
  ] as const) {
    const w = await openPage(width);
    try {
      for (const path of pages) {
        await w.page.goto(`${server!.origin}/${path}`, { waitUntil: 'load' });
        const m = await w.page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          font: parseFloat(getComputedStyle(document.body).fontSize),
          stylesheet: getComputedStyle(document.body).fontFamily,
        }));
        if (!m.stylesheet.includes('Noto Sans CJK SC')) failures.push(`页面 ${path}：样式表没有生效（字体 ${m.stylesheet}）`);
        if (m.scrollWidth > width) failures.push(`页面 ${path} 在 ${width}px 宽时可横向滚动（内容宽 ${m.scrollWidth}px）`);
        if (m.font < minFont) failures.push(`页面 ${path} 在 ${width}px 宽时正文字号 ${m.font}px，小于 ${minFont}px`);
      }
    } finally {
      await w.page.close();
    }
  }
  assert.ok(failures.length === 0, '\n' + failures.join('\n'));
});

test('wide tables scroll inside their own focusable box at 360 px', async () => {
  const w = await openPage(360);
  try {
    await w.page.goto(`${server!.origin}/${pages.find((p) => p.startsWith('sixian-ybj/2024-budget')) ?? pages[0]}`, { waitUntil: 'load' });
    const boxes = await w.page.$$eval('.table-wrap', (els) =>
      els.map((el) => ({ scrolls: el.scrollWidth > el.clientWidth, tabindex: el.getAttribute('tabindex'), right: el.getBoundingClientRect().right })),
    );
    assert.ok(boxes.length > 0);
    assert.ok(boxes.some((b) => b.scrolls), 'at least one table is wider than the screen and scrolls');
    for (const b of boxes) {
      assert.is(b.tabindex, '0');
      assert.ok(b.right <= 360, 'the box itself stays on screen');
    }
  } finally {
    await w.page.close();
  }
});

test('keyboard: the skip link is the first stop and is visible when focused', async () => {
  const w = await openPage(1280);
  try {
    await w.page.goto(`${server!.origin}/index.html`, { waitUntil: 'load' });
    await w.page.keyboard.press('Tab');
    const focused = await w.page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const r = el.getBoundingClientRect();
      return { text: el.textContent, top: r.top, bottom: r.bottom, outline: getComputedStyle(el).backgroundColor };
    });
    assert.is(focused.text, '跳到正文');
    assert.ok(focused.top >= 0 && focused.bottom > 0, 'on screen when focused');
  } finally {
    await w.page.close();
  }
});

test.run();
