/**
 * Printing one print document (templates/print.njk) to a finished PDF on one pooled page.
 *
 *   load the print document over loopback HTTP (server.ts); only files inside the build folder,
 *     │  the rest refused and listed (blocked)
 *     ├─ prepare, in the page in one round trip:
 *     │    fonts ready, every font and stylesheet loaded?
 *     │    facts: headings in DOM order, the heading of every 目录 anchor, where the body starts
 *     │    predict: lay the document out on screen in CSS multi-column boxes whose columns are the
 *     │      pages' content boxes (Chromium fragments columns by the same rules as pages) and read
 *     │      each heading's column → the front-matter page count F and every anchor's page
 *     │    fill: 目录 numbers, the pad page when F is odd, @counter-style booklet-page (fixed F+1)
 *     ├─ print ─ read the outline back: every heading's real page ─ numbers and F right? ─ yes → done
 *     │    ▲                                                                               │ no
 *     │    └────────────── fill with the real pages (at most 3 prints in all) ◀────────────┘
 *     └─ Info dictionary, DOM node ids and /ID rewritten (skia.ts): the same input, the same bytes
 *
 * The prediction only saves prints; the outline of the printed file is what decides. A number
 * is never written that the outline of that very file does not confirm.
 */
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { isInside, type BuildServer } from './server.ts';
import { pdfDate, rewriteInfo, SkiaPdf, PdfFormatError } from './skia.ts';

// ─── public shapes ────────────────────────────────────────────────────────────────────────────────

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** Publication date, YYYY-MM-DD: the PDF's creation and modification date (none when null: never the clock). */
  date: string | null;
}

export interface PrintJob {
  /** The print document: absolute, inside the pool's root. */
  htmlPath: string;
  outPath: string;
  meta: PdfMeta;
  /** What errors name, e.g. the data file "data/sixian-ybj/2024.json". */
  label: string;
}

export interface PrintResult {
  label: string;
  pages: number;
  /** Body page number (as printed in the 目录 and the footers) of every 目录 anchor. */
  tocPages: Record<string, number>;
  /** Requests refused because they lead outside the build folder (URLs). */
  blocked: string[];
  /** Served from the PDF cache. */
  cached: boolean;
  /** Milliseconds this job took (not counting its wait for a free page). */
  ms: number;
  /** Prints this job took (0 when cached): 1 when the predicted page numbers held. */
  prints: number;
  /** Size of every page in points, [width, height]. */
  pageSizes: Array<[number, number]>;
  /** Milliseconds per step of this print (absent when cached), for the bench. */
  phases?: Record<string, number>;
  /** Why the page numbers could not be predicted before the first print, if so. */
  unpredicted?: string;
  /**
   * Content wider than its page makes Chromium shrink the whole booklet to fit: the factor it
   * printed at (as predicted) and the widest element (#id), when below 1. A template or
   * stylesheet matter.
   */
  shrink?: Shrink;
}

export interface Shrink {
  factor: number;
  widest: string;
}

/** A booklet that could not be printed: the label (data file) and a Chinese reason. */
export class PrintError extends Error {
  override name = 'PrintError';
  constructor(
    readonly label: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(label ? `${label}：${reason}` : reason, options);
  }
}

/** Producer of our PDFs' Info dictionary /Creator. */
export const CREATOR = 'gongkai';
/** Page numbers the footers' counter style names at least. */
const MIN_SYMBOLS = 500;
/** Prints per booklet at most (the first, then at most two corrections). */
export const MAX_PRINTS = 3;
/** Time one booklet may take, all prints included. */
export const DEFAULT_TIMEOUT_MS = 60_000;

// ─── running code in the page ─────────────────────────────────────────────────────────────────────

/**
 * Runs `fn(arg)` in the page. The function is sent as source text: it must not use anything from
 * this module's scope except the `helpers` (function declarations sent along). tsx (esbuild
 * keepNames) wraps inner functions in `__name(…)`, hence the shim.
 */
export async function inPage<A, R>(page: Page, fn: (arg: A) => R, arg: A, helpers: Array<(...args: never[]) => unknown> = []): Promise<Awaited<R>> {
  const defs = helpers.map((h) => h.toString()).join('\n');
  const source = `(() => { const __name = (f) => f;\n${defs}\nreturn (${fn.toString()})(${JSON.stringify(arg)}); })()`;
  return (await page.evaluate(source)) as Awaited<R>;
}

interface LoadStatus {
  /** Families of font faces that failed to load. */
  fontErrors: string[];
  /** Stylesheet links without a stylesheet (failed to load). */
  missingSheets: string[];
}

/** In page (fonts ready): what did not load. */
function loadStatus(): LoadStatus {
  const fontErrors: string[] = [];
  document.fonts.forEach((f) => {
    if (f.status === 'error') fontErrors.push(`${f.family} ${f.weight}`);
  });
  const links = Array.from(document.querySelectorAll('link[rel~="stylesheet"]')) as HTMLLinkElement[];
  return {
    fontErrors: [...new Set(fontErrors)],
    missingSheets: links.filter((l) => !l.sheet).map((l) => l.href),
  };
}

interface DocFacts {
  /** Text of every rendered h1–h6 in DOM order, whitespace removed. */
  headings: string[];
  /** Every 目录 number: its anchor and the index of that anchor's heading (-1: no such id, -2: no heading there). */
  anchors: Array<{ anchor: string; heading: number }>;
  hasMain: boolean;
  /** Index of the first heading inside main.print-body, -1 if none. */
  mainFirstHeading: number;
  /** Nothing printable in main.print-body before its first heading. */
  mainStartsWithHeading: boolean;
  hasPad: boolean;
}

export function docFacts(): DocFacts {
  const SEL = 'h1,h2,h3,h4,h5,h6';
  const headings = (Array.from(document.querySelectorAll(SEL)) as HTMLElement[]).filter((h) => h.getClientRects().length > 0);
  const index = new Map(headings.map((h, i) => [h as Element, i]));
  const anchors = (Array.from(document.querySelectorAll('[data-toc-anchor]')) as HTMLElement[]).map((el) => {
    const anchor = el.getAttribute('data-toc-anchor') ?? '';
    const target = anchor ? document.getElementById(anchor) : null;
    if (!target) return { anchor, heading: -1 };
    const h = target.matches(SEL) ? target : target.querySelector(SEL);
    return { anchor, heading: h && index.has(h) ? index.get(h)! : -2 };
  });
  const main = document.querySelector('main.print-body');
  let mainFirstHeading = -1;
  let mainStartsWithHeading = false;
  if (main) {
    const first = headings.find((h) => main.contains(h));
    if (first) {
      mainFirstHeading = index.get(first)!;
      const range = document.createRange();
      range.setStart(main, 0);
      range.setEndBefore(first);
      const before = range.cloneContents();
      mainStartsWithHeading = (before.textContent ?? '').trim() === '' && !before.querySelector('img,svg,table,hr,video,canvas,iframe,object,embed,input,picture');
    }
  }
  return {
    headings: headings.map((h) => (h.textContent ?? '').replace(/\s+/g, '')),
    anchors,
    hasMain: main !== null,
    mainFirstHeading,
    mainStartsWithHeading,
    hasPad: document.querySelector('.print-pad') !== null,
  };
}

type Prediction =
  | {
      ok: true;
      front: number;
      headingPages: number[];
      total: number;
      /** Chromium's shrink-to-fit factor (1: none), and the element that decides it. */
      scale: number;
      widest: string;
      ms: number;
    }
  | { ok: false; why: string };

/**
 * In page: where every heading will be printed, from a screen layout in multi-column boxes.
 *
 * The page geometry comes from the document's @page rules (served from the build folder, its
 * stylesheets are the page's own origin, so their rules can be read). Each run of consecutive
 * top-level elements with the same page name becomes one multi-column box whose column is that
 * page's content box; inside, elements with another page name (the 公开表 part, landscape tables)
 * are lifted into a box of their own page's size (see Flow). Forced page breaks become forced
 * column breaks for the time of the measurement, and Chromium's shrink-to-fit for content wider
 * than its page is reproduced. Everything is put back as it was before returning; nothing depends
 * on the pad page (F is counted without it).
 */
export function predict(arg: { /** Leave the measuring layout in place (to look at it). */ keep?: boolean } = {}): Prediction {
  const t0 = performance.now();
  const MM = 96 / 25.4;
  const UNITS: Record<string, number> = { px: 1, in: 96, cm: 96 / 2.54, mm: MM, q: MM / 4, pt: 4 / 3, pc: 16 };
  const SIZES: Record<string, [number, number]> = {
    a5: [148 * MM, 210 * MM],
    a4: [210 * MM, 297 * MM],
    a3: [297 * MM, 420 * MM],
    b5: [176 * MM, 250 * MM],
    b4: [250 * MM, 353 * MM],
    'jis-b5': [182 * MM, 257 * MM],
    'jis-b4': [257 * MM, 364 * MM],
    letter: [8.5 * 96, 11 * 96],
    legal: [8.5 * 96, 14 * 96],
    ledger: [11 * 96, 17 * 96],
  };
  const length = (v: string): number | null => {
    const m = /^(-?\d*\.?\d+)([a-z]*)$/i.exec(v.trim());
    if (!m) return null;
    const unit = m[2]!.toLowerCase();
    if (unit === '') return Number(m[1]) === 0 ? 0 : null;
    const f = UNITS[unit];
    return f === undefined ? null : Number(m[1]) * f;
  };

  // @page rules in cascade order.
  interface PageRule {
    name: string;
    pseudo: string[];
    order: number;
    style: CSSStyleDeclaration;
  }
  const rules: PageRule[] = [];
  let order = 0;
  const walk = (list: CSSRuleList) => {
    for (const r of Array.from(list)) {
      if (r instanceof CSSPageRule) {
        for (const sel of r.selectorText.split(',')) {
          const m = /^\s*([A-Za-z_][\w-]*)?((?::[a-z-]+)*)\s*$/.exec(sel);
          if (m) rules.push({ name: m[1] ?? '', pseudo: (m[2] ?? '').split(':').filter(Boolean), order: order++, style: r.style });
        }
      } else if (r instanceof CSSImportRule) {
        if (r.styleSheet && matchMedia(r.media.mediaText || 'all').matches) walkSheet(r.styleSheet);
      } else if (r instanceof CSSMediaRule) {
        if (matchMedia(r.media.mediaText).matches) walk(r.cssRules);
      } else if (r instanceof CSSSupportsRule) {
        if (CSS.supports(r.conditionText)) walk(r.cssRules);
      } else if ('cssRules' in r && !(r instanceof CSSStyleRule)) {
        walk((r as CSSGroupingRule).cssRules);
      }
    }
  };
  const walkSheet = (sheet: CSSStyleSheet) => {
    if (sheet.disabled || !matchMedia(sheet.media.mediaText || 'all').matches) return;
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      return; // another origin's sheet: the printer never lets one load
    }
    walk(list);
  };
  for (const sheet of [...Array.from(document.styleSheets), ...document.adoptedStyleSheets]) walkSheet(sheet);

  interface Box {
    /** The content box as laid out (CSS px). */
    width: number;
    height: number;
    /** The content box as the @page rules give it, before Chromium rounds it. */
    cssWidth: number;
    cssHeight: number;
  }
  /**
   * Chromium lays a printed page's content out in whole CSS pixels, rounded up, after scaling it by
   * the shrink-to-fit ratio (measured: A4 with 25 mm × 20 mm margins, 642.52 × 933.54 px in CSS
   * terms, is laid out 643 × 934; 700 px of content on it make it ⌈642.52·700/643⌉ × ⌈933.54·700/643⌉).
   */
  const laidOut = (cssWidth: number, cssHeight: number, ratio: number): Box => ({
    width: Math.ceil(cssWidth * ratio - 1e-6),
    height: Math.ceil(cssHeight * ratio - 1e-6),
    cssWidth,
    cssHeight,
  });
  const geometryCache = new Map<string, Box | string>();
  /** Content box of a page named `name` on a right or left page, or why it cannot be told. */
  const geometryOn = (name: string, side: 'right' | 'left'): Box | string => {
    const applicable = rules
      .filter((r) => (r.name === '' || r.name === name) && r.pseudo.every((p) => p === side))
      .sort((a, b) => (a.name ? 1 : 0) - (b.name ? 1 : 0) || a.pseudo.length - b.pseudo.length || a.order - b.order);
    let size = 'auto';
    const margin: Record<string, string> = { top: '0', right: '0', bottom: '0', left: '0' };
    for (const r of applicable) {
      const s = r.style.getPropertyValue('size').trim();
      if (s) size = s;
      for (const side of Object.keys(margin)) {
        const v = r.style.getPropertyValue(`margin-${side}`).trim();
        if (v) margin[side] = v;
      }
    }
    let [w, h] = SIZES.letter!;
    let orientation = '';
    const lengths: number[] = [];
    for (const token of size.toLowerCase().split(/\s+/)) {
      if (token === 'auto') continue;
      if (token === 'portrait' || token === 'landscape') orientation = token;
      else if (SIZES[token]) [w, h] = SIZES[token]!;
      else {
        const l = length(token);
        if (l === null) return `size: ${size}`;
        lengths.push(l);
      }
    }
    if (lengths.length) [w, h] = [lengths[0]!, lengths[1] ?? lengths[0]!];
    if (orientation === 'landscape' && h > w) [w, h] = [h, w];
    if (orientation === 'portrait' && w > h) [w, h] = [h, w];
    const m: Record<string, number> = {};
    for (const [k, v] of Object.entries(margin)) {
      const l = length(v);
      if (l === null) return `margin-${k}: ${v}`;
      m[k] = l;
    }
    const box = laidOut(w - m.left! - m.right!, h - m.top! - m.bottom!, 1);
    return box.width > 0 && box.height > 0 ? box : `page ${name || 'auto'} has no room`;
  };
  const geometry = (name: string): Box | string => {
    const cached = geometryCache.get(name);
    if (cached) return cached;
    const right = geometryOn(name, 'right');
    const left = geometryOn(name, 'left');
    let g: Box | string = right;
    if (typeof right !== 'string' && typeof left !== 'string' && (Math.abs(right.width - left.width) > 0.01 || Math.abs(right.height - left.height) > 0.01)) {
      g = `page ${name || 'auto'}: left and right pages differ in size`;
    } else if (typeof left === 'string') g = left;
    geometryCache.set(name, g);
    return g;
  };

  // ── measurement mode ──
  const undo: Array<() => void> = [];
  const restore = () => {
    for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
  };
  const fail = (why: string): Prediction => {
    restore();
    return { ok: false, why };
  };
  const setStyle = (el: HTMLElement, props: Record<string, string>) => {
    const hadAttr = el.hasAttribute('style');
    const saved = Object.keys(props).map((p) => [p, el.style.getPropertyValue(p), el.style.getPropertyPriority(p)] as const);
    for (const [p, v] of Object.entries(props)) el.style.setProperty(p, v, 'important');
    undo.push(() => {
      for (const [p, v, prio] of saved) {
        if (v) el.style.setProperty(p, v, prio);
        else el.style.removeProperty(p);
      }
      if (!hadAttr) el.removeAttribute('style');
    });
  };
  const styled = (tag: string, props: Record<string, string>): HTMLElement => {
    const el = document.createElement(tag);
    for (const [p, v] of Object.entries(props)) el.style.setProperty(p, v, 'important');
    return el;
  };
  /** Moves first…last (and every node between) into a new element put in their place. */
  const wrap = (first: Element, last: Element, w: HTMLElement, before?: HTMLElement) => {
    const parent = first.parentNode!;
    if (before) parent.insertBefore(before, first);
    parent.insertBefore(w, first);
    const moved: Node[] = [];
    for (let n: Node | null = first; n; ) {
      const next: Node | null = n === last ? null : n.nextSibling;
      moved.push(n);
      w.appendChild(n);
      n = next;
    }
    undo.push(() => {
      for (const n of moved) parent.insertBefore(n, w);
      w.remove();
      before?.remove();
    });
  };
  /** A multi-column box whose every column is one page's content box. */
  const pagesBox = (box: Box, extra: Record<string, string>): Record<string, string> => ({
    display: 'block',
    'column-width': `${box.width}px`,
    'column-count': 'auto',
    'column-gap': '0px',
    'column-fill': 'auto',
    'column-rule': 'none',
    width: `${box.width}px`,
    'min-width': '0px',
    'max-width': 'none',
    height: `${box.height}px`,
    'min-height': '0px',
    'max-height': 'none',
    margin: '0px',
    padding: '0px',
    border: '0px none',
    'box-sizing': 'content-box',
    overflow: 'visible',
    float: 'none',
    transform: 'none',
    ...extra,
  });

  /**
   * A flow of pages: a top-level run of body's children, or a run of elements with a page name
   * of their own inside another flow. A change of page name is a forced page break before and
   * after the run, so a run is paginated on its own: it is lifted out of the flow (a fixed box,
   * so the surrounding columns do not fragment it) and leaves a placeholder that takes one
   * column of the flow around it, the column standing for all of the run's pages.
   */
  interface Flow {
    name: string;
    els: Element[];
    box?: Box;
    el?: HTMLElement;
    placeholder?: HTMLElement;
    runs: Flow[];
    /** Column of the placeholder in the parent flow; pages of this flow (filled in when read). */
    col?: number;
    pages?: number;
  }
  const pageName = (cs: CSSStyleDeclaration) => cs.getPropertyValue('page').trim() || 'auto';
  const PAGE_BREAKS = new Set(['page', 'left', 'right', 'recto', 'verso', 'always']);
  const mapBreak = (v: string): string | null => (PAGE_BREAKS.has(v) ? 'column' : v === 'avoid-page' ? 'avoid' : v === 'column' || v === 'avoid-column' ? 'auto' : null);
  const rendered = (n: Node) => (n.nodeType === Node.ELEMENT_NODE ? getComputedStyle(n as Element).display !== 'none' : n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');

  // Top level: consecutive children of body with the same page name.
  const top: Flow[] = [];
  for (const el of Array.from(document.body.children)) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none') continue;
    const name = pageName(cs);
    const last = top[top.length - 1];
    if (last && last.name === name) last.els.push(el);
    else top.push({ name, els: [el], runs: [] });
  }
  if (top.length === 0) return fail('empty document');

  // Below: forced page breaks to remap, and runs of another page name (recursively).
  const pending: Array<{ el: HTMLElement; props: Record<string, string> }> = [];
  const allRuns: Flow[] = [];
  const visit = (el: Element, flow: Flow, isRoot: boolean) => {
    const cs = getComputedStyle(el);
    if (cs.display === 'none') return;
    const props: Record<string, string> = {};
    for (const p of ['break-before', 'break-after', 'break-inside'] as const) {
      const m = mapBreak(cs.getPropertyValue(p));
      if (m !== null) props[p] = m;
    }
    if (Object.keys(props).length && el instanceof HTMLElement) pending.push({ el, props });
    let inner = flow;
    const name = pageName(cs);
    if (!isRoot && name !== 'auto' && name !== flow.name) {
      // Consecutive siblings with the same page name share their pages: one run.
      const prev = flow.runs[flow.runs.length - 1];
      const prevEl = prev?.els[prev.els.length - 1];
      let adjacent = prev !== undefined && prev.name === name && prevEl !== undefined && prevEl.parentNode === el.parentNode;
      for (let n = adjacent ? prevEl!.nextSibling : null; n && n !== el; n = n.nextSibling) if (rendered(n)) adjacent = false;
      if (adjacent) inner = prev!;
      else {
        inner = { name, els: [], runs: [] };
        flow.runs.push(inner);
        allRuns.push(inner);
      }
      inner.els.push(el);
    }
    for (const c of Array.from(el.children)) visit(c, inner, false);
  };
  for (const g of top) for (const el of g.els) visit(el, g, true);

  // Geometry of every page name in use.
  for (const f of [...top, ...allRuns]) {
    const box = geometry(f.name === 'auto' ? '' : f.name);
    if (typeof box === 'string') return fail(box);
    f.box = box;
  }

  /**
   * The flow's one element itself when it can be the multi-column box as it is (a plain block
   * without padding, border or margins before its content): changing its style is a relayout,
   * while moving elements into a wrapper rebuilds their whole layout tree, for this measurement
   * and again for the print (measured: 34 against 94 ms, and 0 against 50 ms more to print).
   */
  const itself = (els: Element[]): HTMLElement | null => {
    const el = els.length === 1 ? els[0] : undefined;
    if (!(el instanceof HTMLElement) || el.hasAttribute('style')) return null;
    const cs = getComputedStyle(el);
    if (cs.display !== 'block') return null;
    const sides = ['top', 'right', 'bottom', 'left'];
    const zero = [...sides.map((x) => `padding-${x}`), ...sides.map((x) => `border-${x}-width`), 'margin-top', 'margin-left', 'margin-right'];
    return zero.every((p) => parseFloat(cs.getPropertyValue(p)) === 0) ? el : null;
  };
  const placeholderStyle = { display: 'block', height: '0px', margin: '0px', padding: '0px', border: '0px none', 'break-before': 'column', 'break-after': 'column', float: 'none', position: 'static' };
  // Own elements first (their computed style is read before anything moves), then wrappers.
  const own = new Map([...top, ...allRuns].map((f) => [f, itself(f.els)] as const));
  for (const p of pending) setStyle(p.el, p.props);
  for (const g of top) {
    const props = pagesBox(g.box!, { position: 'static' });
    const el = own.get(g);
    if (el) setStyle((g.el = el), props);
    else wrap(g.els[0]!, g.els[g.els.length - 1]!, (g.el = styled('div', props)));
  }
  for (const r of allRuns) {
    const props = pagesBox(r.box!, { position: 'fixed', top: '0px', left: '0px', 'z-index': '0' });
    r.placeholder = styled('div', placeholderStyle);
    const el = own.get(r);
    if (el) {
      const placeholder = r.placeholder;
      el.before(placeholder);
      undo.push(() => placeholder.remove());
      setStyle((r.el = el), props);
    } else wrap(r.els[0]!, r.els[r.els.length - 1]!, (r.el = styled('div', props)), r.placeholder);
  }

  // ── read the layout ──
  const firstRect = (el: Element) => el.getClientRects()[0] ?? el.getBoundingClientRect();
  const colOf = (f: Flow, x: number) => Math.max(0, Math.floor((x - f.el!.getBoundingClientRect().left) / f.box!.width + 1e-3));
  const runEls = new Set(allRuns.map((r) => r.el!));
  const placeholders = new Set(allRuns.map((r) => r.placeholder!));

  // Content wider than its page makes Chromium shrink the whole document to fit: every page is
  // laid out larger by the worst page's overflow ratio (at most 1.5) and printed scaled down
  // (measured: 700 px of content on a 590 px page prints everything at 590/700).
  let ratio = 1;
  let widest = '';
  const overflow = (f: Flow): void => {
    for (const c of Array.from(f.el!.children) as HTMLElement[]) {
      if (runEls.has(c) || placeholders.has(c)) continue;
      const rect = c.getClientRects()[0];
      if (!rect) continue;
      const columnLeft = f.el!.getBoundingClientRect().left + colOf(f, rect.left) * f.box!.width;
      const cs = getComputedStyle(c);
      const width = cs.overflowX !== 'visible' ? rect.width : Math.max(rect.width, c.scrollWidth + parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth));
      const r = (rect.left - columnLeft + width) / f.box!.width;
      if (r > ratio) {
        ratio = r;
        widest = c.id ? `#${c.id}` : `${c.tagName.toLowerCase()}.${Array.from(c.classList).join('.')}`;
      }
    }
    for (const r of f.runs) overflow(r);
  };
  for (const g of top) overflow(g);
  ratio = Math.min(ratio, 1.5);
  if (ratio > 1.0001) {
    for (const f of [...top, ...allRuns]) {
      f.box = laidOut(f.box!.cssWidth, f.box!.cssHeight, ratio);
      for (const [p, v] of Object.entries({ 'column-width': `${f.box.width}px`, width: `${f.box.width}px`, height: `${f.box.height}px` })) f.el!.style.setProperty(p, v, 'important');
    }
  }
  /** Pages of a flow: its columns, plus what its runs take beyond their one column each. */
  const count = (f: Flow): number => {
    let extra = 0;
    for (const r of f.runs) {
      r.col = colOf(f, firstRect(r.placeholder!).left);
      r.pages = count(r);
      extra += r.pages - 1;
    }
    let last = 0;
    const kids = Array.from(f.el!.children);
    for (let i = kids.length - 1; i >= 0; i--) {
      if (runEls.has(kids[i] as HTMLElement)) continue;
      const rects = kids[i]!.getClientRects();
      if (rects.length) {
        last = colOf(f, rects[rects.length - 1]!.left);
        break;
      }
    }
    return last + 1 + extra;
  };
  const offsets: number[] = [];
  let total = 0;
  for (const g of top) {
    offsets.push(total);
    g.pages = count(g);
    total += g.pages;
  }
  /** 0-based page of an element's first fragment within flow f. */
  const pageIn = (f: Flow, el: Element): number => {
    const run = f.runs.find((r) => r.el!.contains(el));
    const col = run ? run.col! : colOf(f, firstRect(el).left);
    const before = f.runs.filter((r) => r.col! < col).reduce((s, r) => s + r.pages! - 1, 0);
    return col + before + (run ? pageIn(run, el) : 0);
  };
  /** 1-based physical page of an element (pad hidden). */
  const pageOf = (el: Element): number => {
    const gi = top.findIndex((g) => g.el!.contains(el));
    return gi < 0 ? -1 : offsets[gi]! + pageIn(top[gi]!, el) + 1;
  };
  const SEL = 'h1,h2,h3,h4,h5,h6';
  const headings = (Array.from(document.querySelectorAll(SEL)) as HTMLElement[]).filter((h) => h.getClientRects().length > 0);
  const headingPages = headings.map(pageOf);
  const main = document.querySelector('main.print-body');
  const mainPage = main ? pageOf(main) : -1;
  if (!arg.keep) restore();
  if (!main || mainPage < 1) return { ok: false, why: 'no main.print-body' };
  return { ok: true, front: mainPage - 1, headingPages, total, scale: 1 / ratio, widest, ms: performance.now() - t0 };
}

interface Fill {
  /** Body page of each anchor; null: keep the placeholders. */
  numbers: Record<string, number> | null;
  pad: boolean;
  /** Physical page that prints "1". */
  first: number;
  /** Body pages the counter style names. */
  symbols: number;
}

/** In page: 目录 numbers, the pad page and the footers' counter style. */
function fill(arg: Fill): void {
  if (arg.numbers) {
    for (const el of Array.from(document.querySelectorAll('[data-toc-anchor]'))) {
      const n = arg.numbers[el.getAttribute('data-toc-anchor') ?? ''];
      if (n !== undefined) el.textContent = String(n);
    }
  }
  const pad = document.querySelector('.print-pad') as HTMLElement | null;
  if (pad) pad.hidden = !arg.pad;
  const w = window as unknown as { __gongkaiPageSheet?: CSSStyleSheet };
  if (!w.__gongkaiPageSheet) {
    w.__gongkaiPageSheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, w.__gongkaiPageSheet];
  }
  const symbols = Array.from({ length: arg.symbols }, (_, i) => `"${i + 1}"`).join(' ');
  w.__gongkaiPageSheet.replaceSync(`@counter-style booklet-page { system: fixed ${arg.first}; symbols: ${symbols}; }`);
}

interface Plan {
  /** Body page of every 目录 anchor. */
  numbers: Record<string, number>;
  /** Front-matter pages, pad included: always even. */
  F: number;
  pad: boolean;
}

/** Numbers, pad and F from where the headings are (predicted or printed); null when the pad is missing. */
function planFrom(facts: DocFacts, front: number, headingPages: number[]): Plan | null {
  const pad = front % 2 === 1;
  if (pad && !facts.hasPad) return null;
  const bodyStart = headingPages[facts.mainFirstHeading]!;
  const numbers: Record<string, number> = {};
  for (const a of facts.anchors) numbers[a.anchor] = headingPages[a.heading]! - bodyStart + 1;
  return { numbers, F: front + (pad ? 1 : 0), pad };
}

interface Prepared {
  status: LoadStatus;
  facts?: DocFacts;
  prediction?: Prediction;
  /** What the first print carries (filled in already); null when not predicted. */
  plan?: Plan | null;
}

/**
 * In page, in one round trip after loading: fonts ready → what failed to load → facts → predicted
 * pages → 目录, pad and counter style filled in for the first print.
 */
function prepare(arg: { symbols: number }): Promise<Prepared> {
  return document.fonts.ready.then((): Prepared => {
    const status = loadStatus();
    if (status.fontErrors.length) return { status };
    const facts = docFacts();
    const prediction = predict();
    const usable = facts.hasMain && facts.mainFirstHeading >= 0 && facts.anchors.every((a) => a.heading >= 0);
    const plan = prediction.ok && usable ? planFrom(facts, prediction.front, prediction.headingPages) : null;
    fill({ numbers: plan?.numbers ?? null, pad: plan?.pad ?? false, first: (plan?.F ?? 0) + 1, symbols: Math.max(arg.symbols, prediction.ok ? prediction.total * 2 : 0) });
    return { status, facts, prediction, plan };
  });
}

// ─── one page of the pool ─────────────────────────────────────────────────────────────────────────

export interface PrinterContext {
  /** The build folder (symlinks resolved) over loopback HTTP. */
  server: BuildServer;
  timeoutMs: number;
}

export interface PrintOutcome {
  pdf: Uint8Array;
  pages: number;
  pageSizes: Array<[number, number]>;
  tocPages: Record<string, number>;
  blocked: string[];
  prints: number;
  /** Milliseconds per step (load, fonts, predict, pdf, …), for the bench. */
  phases: Record<string, number>;
  /** Why the numbers could not be predicted, if so (for the bench and tests). */
  unpredicted?: string;
  shrink?: Shrink;
}

const norm = (s: string) => s.replace(/\s+/g, '');

/** What prepare() calls in the page. */
const PAGE_HELPERS = [loadStatus, docFacts, predict, planFrom, fill];

/**
 * A pooled page set up for printing: requests are intercepted (only files inside the build
 * folder), print media is emulated (the measuring layout sees the print styles). Every job
 * navigates to its own document, so it starts with a new document and window; a failed job
 * leaves the page on about:blank.
 */
export class PrinterPage {
  private blocked: string[] = [];
  private failed: string[] = [];
  private crashed: Error | undefined;
  private allowCache = new Map<string, Promise<boolean>>();

  private constructor(
    readonly page: Page,
    private readonly ctx: PrinterContext,
  ) {}

  static async create(page: Page, ctx: PrinterContext): Promise<PrinterPage> {
    const p = new PrinterPage(page, ctx);
    await page.emulateMediaType('print');
    await page.setRequestInterception(true);
    page.on('request', (req) => void p.onRequest(req));
    page.on('requestfailed', (req) => {
      if (!p.blocked.includes(req.url()) && req.url() !== 'about:blank' && req.url() !== ctx.server.favicon) p.failed.push(`${p.shown(req.url())}（${req.failure()?.errorText ?? '未知原因'}）`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) p.failed.push(`${p.shown(res.url())}（HTTP ${res.status()}）`);
    });
    page.on('error', (e) => {
      p.crashed = e;
    });
    return p;
  }

  /** A URL as errors show it: a path in the build folder for ours. */
  shown(url: string): string {
    const path = this.ctx.server.pathOf(url);
    return path ? path.slice(this.ctx.server.root.length + 1) : url;
  }

  /** Only files inside the build folder, also after following symlinks (and data: URLs). */
  private allowed(url: string): Promise<boolean> {
    if (url === 'about:blank' || url.startsWith('data:')) return Promise.resolve(true);
    const path = this.ctx.server.pathOf(url);
    if (!path) return Promise.resolve(false);
    let cached = this.allowCache.get(path);
    if (!cached) {
      cached = realpath(path).then(
        (real) => isInside(this.ctx.server.root, real),
        () => true, // does not exist: let it fail as a missing file
      );
      this.allowCache.set(path, cached);
    }
    return cached;
  }

  private async onRequest(req: HTTPRequest): Promise<void> {
    if (req.isInterceptResolutionHandled()) return;
    const url = req.url();
    if (await this.allowed(url)) await req.continue().catch(() => undefined);
    else {
      // Chromium asks every http page's origin for /favicon.ico by itself; not the document's doing.
      if (url !== this.ctx.server.favicon) this.blocked.push(url);
      await req.abort('blockedbyclient').catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }

  get isCrashed(): boolean {
    return this.crashed !== undefined || this.page.isClosed();
  }

  /** Prints `job` and returns the finished PDF bytes (Info dictionary and /ID rewritten). */
  async print(job: PrintJob): Promise<PrintOutcome> {
    const fail = (reason: string, cause?: unknown): never => {
      throw new PrintError(job.label, reason, cause === undefined ? undefined : { cause });
    };
    this.blocked = [];
    this.failed = [];
    const htmlPath = resolve(job.htmlPath);
    if (!isInside(this.ctx.server.root, htmlPath)) fail(`打印文档 ${job.htmlPath} 不在构建文件夹 ${this.ctx.server.root} 中`);
    let date: string | undefined;
    try {
      date = job.meta.date === null ? undefined : pdfDate(job.meta.date);
    } catch {
      return fail(`公开日期 ${JSON.stringify(job.meta.date)} 不是 YYYY-MM-DD 格式的日期`);
    }
    const page = this.page;
    const phases: Record<string, number> = {};
    let tl = performance.now();
    const lap = (name: string) => {
      phases[name] = (phases[name] ?? 0) + Math.round(performance.now() - tl);
      tl = performance.now();
    };
    try {
      try {
        await page.goto(this.ctx.server.urlOf(htmlPath), { waitUntil: 'load', timeout: this.ctx.timeoutMs });
      } catch (e) {
        return fail(`打印失败：打印文档未能打开（${(e as Error).message}）`, e);
      }
      lap('load');
      const prepared = await inPage(page, prepare, { symbols: MIN_SYMBOLS }, PAGE_HELPERS);
      lap('prepare');
      const { status } = prepared;
      if (status.fontErrors.length) fail(`打印失败：字体未能加载：${status.fontErrors.join('、')}${this.failed.length ? `（${this.failed.join('；')}）` : ''}`);
      // A stylesheet we refused is listed with the blocked requests, not an error.
      const missingSheets = status.missingSheets.filter((u) => !this.blocked.includes(u));
      if (missingSheets.length) fail(`打印失败：样式表未能加载：${missingSheets.map((u) => this.shown(u)).join('、')}`);
      if (this.failed.length) fail(`打印失败：文件未能加载：${this.failed.join('；')}`);
      const facts = prepared.facts!;
      if (!facts.hasMain) fail('打印文档中没有正文（main.print-body），这是模板的问题');
      if (facts.mainFirstHeading < 0 || !facts.mainStartsWithHeading) fail('打印文档的正文（main.print-body）不是以标题开头，无法确定正文从哪一页开始，这是模板的问题');
      const missing = facts.anchors.filter((a) => a.heading === -1).map((a) => a.anchor);
      if (missing.length) fail(`目录链接的位置在打印文档中不存在：#${missing.join('、#')}，这是模板的问题`);
      const headless = facts.anchors.filter((a) => a.heading === -2).map((a) => a.anchor);
      if (headless.length) fail(`目录链接的位置没有标题（h1–h6）：#${headless.join('、#')}，这是模板的问题`);
      const prediction = prepared.prediction!;
      const oddFront = (front: number) => fail(`封面和目录共 ${front} 页（奇数），打印文档中却没有空白页（.print-pad），这是模板的问题`);
      // No plan (not predicted, or an odd front matter predicted without a pad): the first print
      // carries placeholders and its outline decides.
      let plan: Plan | null = prepared.plan ?? null;
      let symbols = Math.max(MIN_SYMBOLS, prediction.ok ? prediction.total * 2 : 0);

      for (let prints = 1; prints <= MAX_PRINTS; prints++) {
        let raw: Uint8Array;
        try {
          raw = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, timeout: this.ctx.timeoutMs });
        } catch (e) {
          return fail(`打印失败：Chromium 未能生成 PDF（${(e as Error).message}）`, e);
        }

        lap('pdf');
        let pdf: SkiaPdf;
        try {
          pdf = SkiaPdf.parse(raw);
        } catch (e) {
          return fail(`打印失败：无法读取 Chromium 生成的 PDF（${(e as Error).message}）`, e);
        }
        const pages = pdf.pages();
        const outline = pdf.outline();
        if (outline.length !== facts.headings.length) {
          fail(`PDF 书签有 ${outline.length} 个，打印文档中的标题（h1–h6）有 ${facts.headings.length} 个，对不上，这是模板的问题`);
        }
        for (const [i, item] of outline.entries()) {
          if (norm(item.title) !== facts.headings[i]) fail(`第 ${i + 1} 个 PDF 书签“${item.title}”与打印文档的第 ${i + 1} 个标题“${facts.headings[i]}”不一致，这是模板的问题`);
          if (item.page === null) fail(`PDF 书签“${item.title}”没有指向任何一页`);
        }
        const real = outline.map((o) => o.page!);
        const bodyStart = real[facts.mainFirstHeading]!;
        const padShown = plan?.pad ?? false;
        const front = bodyStart - 1 - (padShown ? 1 : 0);
        const tocPages: Record<string, number> = {};
        for (const a of facts.anchors) {
          const n = real[a.heading]! - bodyStart + 1;
          if (n < 1) fail(`目录条目 #${a.anchor} 指向封面或目录（第 ${real[a.heading]} 页），不在正文中，这是模板的问题`);
          tocPages[a.anchor] = n;
        }
        const bodyPages = pages.length - (bodyStart - 1);
        const printed = plan;
        const right =
          printed !== null &&
          printed.F === bodyStart - 1 &&
          printed.F % 2 === 0 &&
          bodyPages <= symbols &&
          facts.anchors.every((a) => printed.numbers[a.anchor] === tocPages[a.anchor]);
        lap('outline');
        if (right) {
          const bytes = rewriteInfo(pdf, {
            title: job.meta.title,
            author: job.meta.author,
            subject: job.meta.subject,
            keywords: job.meta.keywords.join('; '),
            creator: CREATOR,
            ...(date ? { date } : {}),
          });
          lap('rewrite');
          return {
            pdf: bytes,
            pages: pages.length,
            pageSizes: pages.map((p) => [round2(p.width), round2(p.height)]),
            tocPages,
            blocked: [...new Set(this.blocked)],
            prints,
            phases,
            ...(prediction.ok ? {} : { unpredicted: prediction.why }),
            ...(prediction.ok && prediction.scale < 0.999 ? { shrink: { factor: Math.round(prediction.scale * 1000) / 1000, widest: prediction.widest } } : {}),
          };
        }
        // Fill with what this print showed and print again.
        symbols = Math.max(symbols, bodyPages * 2);
        plan = planFrom(facts, front, real);
        if (!plan) return oddFront(front);
        await inPage(page, fill, { numbers: plan.numbers, pad: plan.pad, first: plan.F + 1, symbols });
        lap('fill');
      }
      return fail(`目录页码核对失败：打印 ${MAX_PRINTS} 次后目录中的页码仍与实际页码不一致（版面随页码变化），这是样式表的问题`);
    } catch (e) {
      // Whatever the failed document was doing stops here; a successful job needs no such step,
      // as the next job's navigation gives it a new document (and window) anyway.
      await page.goto('about:blank').catch(() => undefined);
      if (e instanceof PrintError) throw e;
      if (e instanceof PdfFormatError) fail(`打印失败：PDF 格式不符合预期（${e.message}）`, e);
      if (this.crashed) fail(`打印失败：Chromium 页面崩溃（${this.crashed.message}）`, e);
      fail(`打印失败：${(e as Error).message}`, e);
    }
    throw new Error('unreachable');
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;
