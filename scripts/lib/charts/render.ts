/**
 * Chart stage: figures → vega-lite spec → vega → inline SVG, at build time (no client JavaScript).
 *
 *   ChartDatum[] ──barChart / compareChart──▶ TopLevelSpec ──renderSpec──▶ { svg, alt }
 *        │                                         │
 *        └──▶ alt: one Chinese sentence            ├─ cache: Map (this thread) → cacheDir/<sha256>.svg (shared)
 *                                                  ├─ split: shape (the spec without its inputs) + inputs (rows,
 *                                                  │  value params, height); one live View per shape, compiled once:
 *                                                  │    vega-lite compile (warnings are errors) → vega parse → View
 *                                                  │    (renderer 'none', loader that refuses every load)
 *                                                  ├─ per chart: empty run, reset size, feed inputs, view.toSVG()
 *                                                  │  with full-width CJK text metrics (same bytes as a fresh View)
 *                                                  └─ wrap: role="img", <title>/<desc>, ids prefixed by chart id
 *
 * Why a text-width estimator: vega measures text with a canvas, and Node has none, so it falls
 * back to 0.8 × length × font size — too narrow for Chinese (每个汉字占一个字宽), which clipped
 * legends and let an axis title overlap its labels. vega-scenegraph lets a caller replace
 * `textMetrics.width` (the hook vl-convert uses); ours counts CJK and full-width characters as
 * 1 em and the rest by widths measured in Chromium for Noto Sans CJK SC (regular and bold).
 *
 * Determinism: same input → byte-identical SVG. vega numbers clip paths and gradients from
 * module-level counters; renders are serialised in this thread, the counters reset before each,
 * and every id is prefixed with the chart's id so that several charts on one page cannot clash.
 *
 * Worker threads: each thread has its own module instance (metrics hook, counters, memory
 * cache, view pool); the disk cache is shared and written atomically (temporary file + rename).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import * as vega from 'vega';
import { compile, version as vegaLiteVersion } from 'vega-lite';
import type { Config, TopLevelSpec } from 'vega-lite';
import { groupThousands } from '../model/money.ts';

// ───────────────────────────── errors ─────────────────────────────

/** A chart could not be built or rendered; `chart` names it, `cause` chains the vega error. */
export class ChartError extends Error {
  constructor(
    readonly chart: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`chart ${chart}: ${message}`, options);
    this.name = 'ChartError';
  }
}

// ───────────────────────────── text metrics ─────────────────────────────

/**
 * Advance widths in em for Noto Sans CJK SC, measured with canvas measureText in Chromium
 * (regular / bold), rounded up. Characters not listed: CJK and full-width are 1 em, other
 * Latin letters by case, anything else 1 em (over-estimating only costs a little space).
 */
const NARROW: Record<string, [number, number]> = {
  ' ': [0.23, 0.23],
  '.': [0.28, 0.33],
  ',': [0.28, 0.33],
  ':': [0.28, 0.33],
  ';': [0.28, 0.33],
  '!': [0.3, 0.35],
  "'": [0.25, 0.3],
  '|': [0.25, 0.3],
  i: [0.28, 0.31],
  j: [0.28, 0.31],
  l: [0.29, 0.32],
  f: [0.33, 0.37],
  t: [0.37, 0.41],
  r: [0.36, 0.4],
  '-': [0.35, 0.37],
  '(': [0.34, 0.38],
  ')': [0.34, 0.38],
  '[': [0.34, 0.38],
  ']': [0.34, 0.38],
  '/': [0.4, 0.43],
  '%': [0.93, 0.97],
  m: [0.93, 0.97],
  w: [0.8, 0.85],
  M: [0.82, 0.86],
  W: [0.88, 0.92],
};

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) || // Hangul Jamo
    (code >= 0x2e80 && code <= 0x303f) || // CJK radicals, symbols and punctuation (、。「」)
    (code >= 0x3040 && code <= 0xa4cf) || // kana … CJK unified ideographs … Yi
    (code >= 0xac00 && code <= 0xd7a3) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility ideographs
    (code >= 0xfe30 && code <= 0xfe4f) || // CJK compatibility forms
    (code >= 0xff00 && code <= 0xff60) || // full-width forms （，：％
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000 // CJK extensions B and later
  );
}

function charEm(ch: string, bold: boolean): number {
  const narrow = NARROW[ch];
  if (narrow) return bold ? narrow[1] : narrow[0];
  const code = ch.codePointAt(0) ?? 0;
  if (isWide(code)) return 1;
  if (code >= 0x30 && code <= 0x39) return bold ? 0.6 : 0.56; // digits are tabular
  if (ch === '+' || ch === '=' || ch === '$') return bold ? 0.6 : 0.56;
  if (code >= 0x41 && code <= 0x5a) return bold ? 0.7 : 0.66;
  if (code >= 0x61 && code <= 0x7a) return bold ? 0.61 : 0.57;
  return 1;
}

/** Estimated advance width in px of one line of text in the chart font. */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch, bold);
  return Math.ceil(em * fontSize);
}

/** The fields of a vega text item that the width hook reads. */
interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

function isBold(weight: string | number | undefined): boolean {
  if (weight === undefined) return false;
  if (typeof weight === 'number') return weight >= 600;
  return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
}

/** vega's text metrics object (exported by vega-scenegraph; absent from vega's typings). */
interface VegaTextMetrics {
  width: (item: TextItem, text: unknown) => number;
}
interface VegaInternals {
  textMetrics: VegaTextMetrics;
  resetSVGDefIds: () => void;
}
const internals = vega as unknown as VegaInternals;

// Replaced once per module instance (so once per worker thread). The hook receives a single
// line (vega splits multi-line text first) and must not truncate: vega's own truncation calls
// back into it with candidate prefixes.
internals.textMetrics.width = (item: TextItem, text: unknown): number => {
  const line = text == null ? '' : String(text).trim();
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  return line && size > 0 ? estimateTextWidth(line, size, isBold(item.fontWeight)) : 0;
};

// ───────────────────────────── theme ─────────────────────────────

/** The page's font stack; charts are drawn in it so the page and the charts match. */
export const CHART_FONT = '"Noto Sans CJK SC", "Noto Sans SC", sans-serif';
/** Natural width of every chart in px (the viewBox width); the SVG scales with its container. */
export const CHART_WIDTH = 560;
const FONT_SIZE = 12;
/** Text #1a1a1a is 17.4:1 on white; axes #595959 are 7:1. */
const TEXT = '#1a1a1a';
const AXIS = '#595959';
const GRID = '#e0e0e0';
/**
 * Okabe–Ito blue (5.1:1 on white) for this year / single series; sky blue for last year, outlined
 * in the same blue so the bar edge keeps 5.1:1. One hue, two lightnesses: safe for every kind of
 * colour blindness and still distinct in greyscale print.
 */
export const CHART_COLOURS = { current: '#0072B2', previous: '#56B4E9' } as const;

const theme: Config = {
  font: CHART_FONT,
  // The outer <svg role="img"> carries the accessible name and description; vega's own
  // English aria-labels inside would only be noise on a Chinese page. This turns off the
  // items' labels; each mark also says `aria: false`, or vega gives its container a role
  // (graphics-symbol) without a name, which axe reports (svg-img-alt).
  aria: false,
  background: '#ffffff',
  padding: 8,
  view: { stroke: null },
  axis: {
    labelFontSize: FONT_SIZE,
    titleFontSize: FONT_SIZE,
    titleFontWeight: 'normal',
    labelColor: TEXT,
    titleColor: TEXT,
    domainColor: AXIS,
    tickColor: AXIS,
    gridColor: GRID,
    labelPadding: 4,
    titlePadding: 8,
    labelLimit: 0, // labels are wrapped by us, never cut with an ellipsis
  },
  legend: {
    labelFontSize: FONT_SIZE,
    titleFontSize: FONT_SIZE,
    labelColor: TEXT,
    titleColor: TEXT,
    labelLimit: 0,
    symbolType: 'square',
  },
  text: { fontSize: FONT_SIZE, fill: TEXT },
  bar: { color: CHART_COLOURS.current },
};

// ───────────────────────────── rendering ─────────────────────────────

export interface RenderOptions {
  /** Unique on the page; prefixes every id in the SVG. Letters, digits and '-', starting with a letter. */
  id: string;
  /** Accessible name: the <title>. */
  title: string;
  /** Accessible description: the <desc>, normally the chart's alt sentence. */
  desc: string;
  /** Optional shared on-disk cache, e.g. `.cache/charts`. */
  cacheDir?: string;
}

/** Renders and cache statistics of this thread, for tests and benchmarks. */
export interface ChartStats {
  renders: number;
  memoryHits: number;
  diskHits: number;
}

/**
 * This module's own source is part of every key, so a change to the metrics, the wrapping or
 * the theme can never be served from an old disk entry.
 */
const CODE_HASH = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex');
/**
 * Entries kept in this thread's memory cache. A chart is ~7,000 characters of mostly CJK text
 * (two bytes each), and in one build nearly every chart is different, so the memory cache only
 * serves repeats (concurrent requests, a rebuild in the same process); 1,000 entries ≈ 14 MB.
 */
const MEMORY_LIMIT = 1000;

const stats: ChartStats = { renders: 0, memoryHits: 0, diskHits: 0 };
const memory = new Map<string, Promise<string>>();
let queue: Promise<unknown> = Promise.resolve();

export function chartStats(): ChartStats {
  return { ...stats };
}

/** Empties this thread's memory cache and zeroes the statistics (the disk cache is left alone). */
export function clearChartCache(): void {
  memory.clear();
  stats.renders = stats.memoryHits = stats.diskHits = 0;
}

/** JSON with object keys sorted, so that equal specs hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  // The theme is in every spec and never changes: serialised once.
  if (value === theme) return (themeJson ??= canonicalJsonOf(theme));
  return canonicalJsonOf(value);
}
let themeJson: string | undefined;

function canonicalJsonOf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The cache key: everything that can change the output, and nothing else (not cacheDir). */
export function chartKey(spec: TopLevelSpec, opts: RenderOptions): string {
  const material = canonicalJson({
    code: CODE_HASH,
    vega: vega.version,
    vegaLite: vegaLiteVersion,
    spec,
    id: opts.id,
    title: opts.title,
    desc: opts.desc,
  });
  return createHash('sha256').update(material).digest('hex');
}

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Low level: a vega-lite spec → wrapped SVG, cached by content hash. The spec must carry its
 * data inline; any load is refused. vega-lite or vega warnings are errors.
 */
export function renderSpec(spec: TopLevelSpec, opts: RenderOptions): Promise<string> {
  if (!ID_PATTERN.test(opts.id)) {
    return Promise.reject(new ChartError(opts.id, 'id must be letters, digits and "-", starting with a letter'));
  }
  const key = chartKey(spec, opts);
  const cached = memory.get(key);
  if (cached) {
    stats.memoryHits++;
    return cached;
  }
  const result = fromDiskOrRender(key, spec, opts);
  remember(key, result);
  // A failure is not cached: the next call tries again.
  result.catch(() => memory.delete(key));
  return result;
}

function remember(key: string, value: Promise<string>): void {
  if (memory.size >= MEMORY_LIMIT) {
    const oldest = memory.keys().next().value;
    if (oldest !== undefined) memory.delete(oldest);
  }
  memory.set(key, value);
}

async function fromDiskOrRender(key: string, spec: TopLevelSpec, opts: RenderOptions): Promise<string> {
  const file = opts.cacheDir ? join(opts.cacheDir, `${key}.svg`) : undefined;
  if (file) {
    const hit = await readFile(file, 'utf8').catch(() => undefined);
    if (hit !== undefined) {
      stats.diskHits++;
      return hit;
    }
  }
  const svg = await serialised(() => render(spec, opts));
  if (file && opts.cacheDir) {
    await mkdir(opts.cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}-${threadId}.tmp`;
    await writeFile(tmp, svg, 'utf8');
    await rename(tmp, file);
  }
  return svg;
}

/** Runs renders one at a time: vega's clip/gradient id counters are module-global. */
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** A vega logger that collects warnings and errors instead of printing them. */
function collectingLogger(sink: string[]): vega.LoggerInterface {
  let level = vega.Warn;
  const logger: vega.LoggerInterface = {
    level(_?: number) {
      if (_ === undefined) return level;
      level = _;
      return logger;
    },
    error(...args: readonly unknown[]) {
      sink.push(args.map(String).join(' '));
      return logger;
    },
    warn(...args: readonly unknown[]) {
      sink.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  } as vega.LoggerInterface;
  return logger;
}

/** A loader that refuses everything: charts carry their data inline and load nothing. */
function refusingLoader(id: string): vega.Loader {
  const refuse = (what: string) => Promise.reject(new ChartError(id, `external load refused: ${what}`));
  return {
    load: (uri: string) => refuse(uri),
    sanitize: (uri: string) => refuse(uri),
    http: (uri: string) => refuse(uri),
    file: (name: string) => refuse(name),
  };
}

async function render(spec: TopLevelSpec, opts: RenderOptions): Promise<string> {
  stats.renders++;
  const split = splitSpec(spec);
  return wrapSvg(split ? await renderPooled(split, opts) : await renderFresh(spec, opts), opts);
}

/**
 * Renders without the cache, either through a pooled view (as renderSpec does for every spec
 * with inline data) or through a view of its own. For tests and benchmarks: both must give
 * the same bytes.
 */
export function renderDirect(spec: TopLevelSpec, opts: RenderOptions, mode: 'pooled' | 'fresh'): Promise<string> {
  return serialised(async () => {
    const split = mode === 'pooled' ? splitSpec(spec) : undefined;
    if (mode === 'pooled' && !split) throw new ChartError(opts.id, 'spec has no inline data to pool');
    return wrapSvg(split ? await renderPooled(split, opts) : await renderFresh(spec, opts), opts);
  });
}

/** vega-lite → vega spec; any warning is an error. */
function compileSpec(spec: TopLevelSpec, id: string, logger: vega.LoggerInterface, messages: string[]): vega.Spec {
  let vgSpec: vega.Spec;
  try {
    vgSpec = compile(spec, { logger }).spec;
  } catch (cause) {
    throw new ChartError(id, 'vega-lite could not compile the spec', { cause });
  }
  if (messages.length) throw new ChartError(id, `vega-lite: ${messages.join('; ')}`);
  return vgSpec;
}

/** One spec, one view, finalised after: the slow path, for specs the pool cannot take. */
async function renderFresh(spec: TopLevelSpec, opts: RenderOptions): Promise<string> {
  const messages: string[] = [];
  const logger = collectingLogger(messages);
  const vgSpec = compileSpec(spec, opts.id, logger, messages);
  internals.resetSVGDefIds();
  let view: vega.View | undefined;
  let svg: string;
  try {
    view = new vega.View(vega.parse(vgSpec), {
      renderer: 'none',
      loader: refusingLoader(opts.id),
      logger,
      logLevel: vega.Warn,
    });
    svg = await view.toSVG();
  } catch (cause) {
    throw new ChartError(opts.id, 'vega could not render the spec', { cause });
  } finally {
    view?.finalize();
  }
  if (messages.length) throw new ChartError(opts.id, `vega: ${messages.join('; ')}`);
  return svg;
}

// ───────────────────────────── view pool ─────────────────────────────
//
// Compiling (vega-lite), parsing (vega) and building the dataflow took about three quarters of
// a chart's time, and charts of one kind differ only in their rows, their wrapped labels and
// their height. So a spec is split into its shape (everything else, compiled once) and its
// inputs; one live vega View per shape is fed the inputs of each chart in turn.
//
// Same input → same bytes, whatever ran before: before each chart the view is run once with no
// rows, so every item of the previous chart exits (guide items are keyed by value and would
// otherwise keep their old place), and width and height are set back to the spec's. Tests
// compare pooled output with a fresh view's, byte for byte, after other charts.

/** The named data source that a pooled shape reads its rows from. */
const ROWS = 'rows';
const POOL_LIMIT = 32;

interface Split {
  /** The spec with its inputs taken out, and its canonical JSON (the pool key). */
  shape: TopLevelSpec;
  key: string;
  rows: unknown[];
  height: number | undefined;
  params: Array<{ name: string; value: unknown }>;
}

interface Pooled {
  view: vega.View;
  /** The logger's sink, emptied before each chart. */
  messages: string[];
  /** The width signal as the spec set it; autosize "fit-x" overwrites the signal on every run. */
  width: number;
}

const pool = new Map<string, Pooled>();

/** Only plain value params ({ name, value }) are inputs; anything bound or selecting is shape. */
function isValueParam(p: unknown): p is { name: string; value: unknown } {
  return typeof p === 'object' && p !== null && Object.keys(p).every((k) => k === 'name' || k === 'value') && typeof (p as { name?: unknown }).name === 'string';
}

/** Splits a spec with top-level inline data into shape and inputs; undefined if it has none. */
function splitSpec(spec: TopLevelSpec): Split | undefined {
  const s = spec as unknown as Record<string, unknown>;
  const data = s.data as Record<string, unknown> | undefined;
  if (!data || !Array.isArray(data.values) || Object.keys(data).length !== 1 || s.datasets !== undefined) return undefined;
  const params = s.params === undefined ? [] : s.params;
  if (!Array.isArray(params) || !params.every(isValueParam)) return undefined;
  const shape: Record<string, unknown> = { ...s, data: { name: ROWS } };
  if (params.length) shape.params = params.map((p) => ({ name: p.name, value: null }));
  const height = typeof s.height === 'number' ? s.height : undefined;
  // Any number will do for compiling: the view's height is set for each chart.
  if (height !== undefined) shape.height = 100;
  return { shape: shape as unknown as TopLevelSpec, key: canonicalJson(shape), rows: data.values, height, params };
}

function pooledView(split: Split, id: string): Pooled {
  const hit = pool.get(split.key);
  if (hit) {
    // Most recently used last, so that the first key is the one to drop.
    pool.delete(split.key);
    pool.set(split.key, hit);
    return hit;
  }
  const messages: string[] = [];
  const logger = collectingLogger(messages);
  const vgSpec = compileSpec(split.shape, id, logger, messages);
  let view: vega.View;
  try {
    view = new vega.View(vega.parse(vgSpec), { renderer: 'none', loader: refusingLoader(id), logger, logLevel: vega.Warn });
  } catch (cause) {
    throw new ChartError(id, 'vega could not parse the spec', { cause });
  }
  const entry = { view, messages, width: view.width() };
  if (pool.size >= POOL_LIMIT) {
    const [oldestKey, oldest] = pool.entries().next().value as [string, Pooled];
    pool.delete(oldestKey);
    oldest.view.finalize();
  }
  pool.set(split.key, entry);
  return entry;
}

async function renderPooled(split: Split, opts: RenderOptions): Promise<string> {
  const entry = pooledView(split, opts.id);
  const { view } = entry;
  let svg: string;
  try {
    view.data(ROWS, []);
    await view.runAsync();
    entry.messages.length = 0;
    view.width(entry.width);
    if (split.height !== undefined) view.height(split.height);
    for (const p of split.params) view.signal(p.name, p.value);
    view.data(ROWS, split.rows);
    internals.resetSVGDefIds();
    svg = await view.toSVG();
  } catch (cause) {
    // A view that failed half-way is in no known state: never reuse it.
    pool.delete(split.key);
    view.finalize();
    throw new ChartError(opts.id, 'vega could not render the spec', { cause });
  }
  if (entry.messages.length) throw new ChartError(opts.id, `vega: ${entry.messages.join('; ')}`);
  return svg;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Replaces vega's root <svg> tag with ours (viewBox only, no pixel size, role="img" named by
 * <title> and described by <desc>) and prefixes vega's generated def ids with the chart id.
 * The input is vega's own serialisation, whose shape is fixed: one root tag, then content.
 */
function wrapSvg(raw: string, opts: RenderOptions): string {
  const rootEnd = raw.indexOf('>');
  const viewBox = /viewBox="([^"]+)"/.exec(raw.slice(0, rootEnd))?.[1];
  if (!raw.startsWith('<svg ') || !raw.endsWith('</svg>') || !viewBox) {
    throw new ChartError(opts.id, 'unexpected SVG from vega');
  }
  const body = raw
    .slice(rootEnd + 1, -'</svg>'.length)
    .replace(/\bid="((?:p_)?(?:clip|gradient_)\d+)"/g, `id="${opts.id}-$1"`)
    .replace(/url\(#((?:p_)?(?:clip|gradient_)\d+)\)/g, `url(#${opts.id}-$1)`);
  const id = escapeXml(opts.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}" class="chart" role="img" ` +
    `aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeXml(opts.title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(opts.desc)}</desc>` +
    `${body}</svg>`
  );
}

// ───────────────────────────── charts ─────────────────────────────

export interface ChartDatum {
  label: string;
  /** Amount in `unit`, already rounded (half-up, see money.ts) to the chart's `decimals`. */
  value: number;
  /** Appended to this bar's item in the alt sentence, e.g. "，占82.00%" (bar charts). */
  detail?: string;
}

export type ChartUnit = '万元' | '元';

export interface Chart {
  svg: string;
  /** One Chinese sentence giving every figure: for <figcaption>/<details>, and the SVG's <desc>. */
  alt: string;
}

interface CommonOptions {
  id: string;
  title: string;
  unit: ChartUnit;
  /** Decimals shown on value labels (the profile's); default 2. */
  decimals?: number;
  /** Labels without trailing decimal zeros ("25" for 25.00), as the chart's table prints its amounts. */
  trimZeros?: boolean;
  /** Appended to the alt sentence, e.g. a total or a share computed exactly elsewhere. */
  note?: string;
  cacheDir?: string;
}

export interface BarChartOptions extends CommonOptions {
  data: ChartDatum[];
  /** Bars run left to right with labels on the left (default), or bottom to top. */
  horizontal?: boolean;
}

export interface CompareSeries {
  /** Legend label, e.g. "2023年". */
  name: string;
  data: ChartDatum[];
}

export interface CompareChartOptions extends CommonOptions {
  previous: CompareSeries;
  current: CompareSeries;
}

/** Value formatted for a label: fixed decimals (trailing zeros dropped when `trim`), thousands separators when `grouped`. */
function formatValue(chart: string, value: number, decimals: number, grouped: boolean, trim = false): string {
  const padded = Number.isFinite(value) ? value.toFixed(decimals) : '';
  const fixed = trim && padded.includes('.') ? padded.replace(/\.?0+$/, '') : padded;
  // Values arrive rounded for display; toFixed then only pads. Anything finer is a caller bug
  // (rounding twice, or float arithmetic on money) and would print a figure that was not derived.
  if (fixed === '' || Number(fixed) !== value) {
    throw new ChartError(chart, `value ${value} is not a number with at most ${decimals} decimals`);
  }
  if (!grouped) return fixed;
  const [intPart = '', frac] = fixed.split('.');
  const withCommas = groupThousands(intPart);
  return frac === undefined ? withCommas : `${withCommas}.${frac}`;
}

/** Splits a label into lines of at most `max` characters (CJK labels have no spaces to break at). */
export function wrapLabel(label: string, max: number): string[] {
  const chars = [...label];
  if (chars.length <= max) return [label];
  const count = Math.ceil(chars.length / max);
  const per = Math.ceil(chars.length / count); // balanced lines: 7 + 6, not 12 + 1
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += per) lines.push(chars.slice(i, i + per).join(''));
  return lines;
}

/**
 * The wrapped labels, as a top-level param that the category axis looks each label up in (only
 * labels that wrap are listed; the rest print as they are). The labels live in a param, not in
 * the axis expression, so that charts with different labels share one compiled dataflow
 * (see renderSpec: only data, params and height differ between them).
 */
const LINES_PARAM = 'labelLines';
const LINES_EXPR = `${LINES_PARAM}[datum.value] || datum.label`;

function linesParam(labels: readonly string[], max: number) {
  const table: Record<string, string[]> = {};
  for (const label of labels) {
    const lines = wrapLabel(label, max);
    if (lines.length > 1) table[label] = lines;
  }
  return { name: LINES_PARAM, value: table };
}

function maxLines(labels: readonly string[], max: number): number {
  return Math.max(1, ...labels.map((l) => wrapLabel(l, max).length));
}

function checkLabels(chart: string, data: readonly ChartDatum[]): void {
  if (data.length === 0) throw new ChartError(chart, 'no data');
  const seen = new Set<string>();
  for (const d of data) {
    if (!d.label.trim()) throw new ChartError(chart, 'empty label');
    if (seen.has(d.label)) throw new ChartError(chart, `label "${d.label}" appears twice`);
    seen.add(d.label);
  }
}

/** Horizontal bars: at most 12 characters (144 px at 12 px) per label line. */
const H_LABEL_CHARS = 12;
/** Vertical bars: each category's band is about (width − value axis) ÷ n; labels wrap to fit it. */
function verticalLabelChars(n: number): number {
  return Math.max(2, Math.floor((CHART_WIDTH - 80) / n / FONT_SIZE) - 1);
}
const LINE_HEIGHT = FONT_SIZE + 3;

/**
 * Value labels sit just past the end of the bar, or just past zero for a negative bar (where
 * the end of the bar is next to the category labels). `at` = max(value, 0), set per row.
 *
 * Horizontal bars: a label that would run past the plot's right edge goes inside the end of
 * its bar instead (`room` = the label's estimated width + 8 px, set per row). Without this the
 * longest bar's label overflowed: autosize "fit-x" measures the overflow once, at the first
 * width, and shrinking the plot moves the bar end but not the label's width, so labels ended
 * up to 8 px outside the view. Inside, the text is white on the current colour (5.1:1) and
 * dark on the previous year's light colour (7.6:1); `lightSeries` names that series.
 */
function valueLabels(horizontal: boolean, lightSeries?: string) {
  const position = { field: 'at', type: 'quantitative' as const };
  if (!horizontal) {
    return {
      mark: { type: 'text' as const, aria: false, align: 'center' as const, baseline: 'bottom' as const, dy: -4 },
      encoding: { text: { field: 'text' }, y: position },
    };
  }
  const inside = "scale('x', datum.at) + datum.room > width";
  const white = lightSeries === undefined ? inside : `${inside} && datum.series !== ${JSON.stringify(lightSeries)}`;
  return {
    mark: {
      type: 'text' as const,
      aria: false,
      baseline: 'middle' as const,
      align: { expr: `${inside} ? 'right' : 'left'` },
      dx: { expr: `${inside} ? -4 : 4` },
    },
    encoding: {
      text: { field: 'text' },
      x: position,
      color: { condition: { test: white, value: '#ffffff' }, value: TEXT },
    },
  };
}

/** Width a value label needs past the end of its bar: the text, its 4 px offset and a 4 px margin. */
function labelRoom(text: string): number {
  return estimateTextWidth(text, FONT_SIZE) + 8;
}

/** A chart's vega-lite spec (data inline) and its alt sentence, before rendering. */
export interface ChartSpec {
  spec: TopLevelSpec;
  alt: string;
}

/** Income by source, expenditure by 功能分类 类, 基本/项目, 三公 by item: one series of bars. */
export async function barChart(opts: BarChartOptions): Promise<Chart> {
  const { spec, alt } = barChartSpec(opts);
  const svg = await renderSpec(spec, { id: opts.id, title: opts.title, desc: alt, ...cacheOption(opts) });
  return { svg, alt };
}

export function barChartSpec(opts: BarChartOptions): ChartSpec {
  const decimals = opts.decimals ?? 2;
  checkLabels(opts.id, opts.data);
  const rows = opts.data.map((d) => ({
    label: d.label,
    value: d.value,
    text: formatValue(opts.id, d.value, decimals, true, opts.trimZeros),
    at: Math.max(d.value, 0),
    room: labelRoom(formatValue(opts.id, d.value, decimals, true, opts.trimZeros)),
  }));
  const labels = rows.map((r) => r.label);
  const horizontal = opts.horizontal ?? true;
  const items = opts.data.map((d) => `${d.label}${formatValue(opts.id, d.value, decimals, false, opts.trimZeros)}${opts.unit}${d.detail ?? ''}`);
  const alt = sentence(opts.title, items, opts.note);

  const category = {
    field: 'label',
    type: 'nominal' as const,
    sort: null,
    // Narrower bars when upright, so three or four categories do not look like blocks.
    ...(horizontal ? {} : { scale: { paddingInner: 0.4 } }),
    axis: {
      title: null,
      labelAngle: 0,
      labelLineHeight: LINE_HEIGHT,
      labelExpr: LINES_EXPR,
    },
  };
  const amount = {
    field: 'value',
    type: 'quantitative' as const,
    axis: {
      title: opts.unit,
      format: ',~f',
      tickCount: 5,
      labelFlush: true,
      // Chinese is not read sideways: the unit sits upright above the value axis.
      ...(horizontal ? {} : { titleAngle: 0, titleAnchor: 'end', titleAlign: 'right', titleBaseline: 'bottom', titleX: 0, titleY: -8 }),
    },
  };
  const lines = maxLines(labels, horizontal ? H_LABEL_CHARS : verticalLabelChars(labels.length));
  const spec = {
    config: theme,
    width: CHART_WIDTH,
    // A number, not { step }: vega-lite warns that it drops "fit-y" when height is a step,
    // even for autosize fit-x (compile.js getTopLevelProperties).
    height: horizontal ? labels.length * Math.max(28, lines * LINE_HEIGHT + 8) : 240,
    autosize: { type: 'fit-x', contains: 'padding' },
    params: [linesParam(labels, horizontal ? H_LABEL_CHARS : verticalLabelChars(labels.length))],
    data: { values: rows },
    encoding: horizontal ? { y: category, x: amount } : { x: category, y: amount },
    layer: [
      { mark: { type: 'bar', aria: false } },
      valueLabels(horizontal),
    ],
  } as TopLevelSpec;
  return { spec, alt };
}

/**
 * This year against last, grouped horizontal bars. A category missing from one year has no bar
 * for that year (not a zero bar), and the alt sentence says so.
 */
export async function compareChart(opts: CompareChartOptions): Promise<Chart> {
  const { spec, alt } = compareChartSpec(opts);
  const svg = await renderSpec(spec, { id: opts.id, title: opts.title, desc: alt, ...cacheOption(opts) });
  return { svg, alt };
}

export function compareChartSpec(opts: CompareChartOptions): ChartSpec {
  const decimals = opts.decimals ?? 2;
  const { previous, current } = opts;
  checkLabels(opts.id, current.data);
  checkLabels(opts.id, previous.data);
  if (previous.name === current.name) throw new ChartError(opts.id, 'the two series need different names');

  // Categories in this year's order, then those only last year had.
  const labels = [...current.data.map((d) => d.label)];
  for (const d of previous.data) if (!labels.includes(d.label)) labels.push(d.label);
  const prevBy = new Map(previous.data.map((d) => [d.label, d.value]));
  const curBy = new Map(current.data.map((d) => [d.label, d.value]));

  const rows: { label: string; series: string; value: number; text: string; at: number; room: number }[] = [];
  const items: string[] = [];
  for (const label of labels) {
    const parts: string[] = [];
    for (const [series, by] of [
      [current, curBy],
      [previous, prevBy],
    ] as const) {
      const value = by.get(label);
      if (value === undefined) {
        parts.push(`${series.name}无此项`);
        continue;
      }
      const text = formatValue(opts.id, value, decimals, true, opts.trimZeros);
      rows.push({ label, series: series.name, value, text, at: Math.max(value, 0), room: labelRoom(text) });
      parts.push(`${series.name}${formatValue(opts.id, value, decimals, false, opts.trimZeros)}${opts.unit}`);
    }
    items.push(`${label}，${parts.join("，")}`);
  }
  const alt = sentence(opts.title, items, opts.note);

  const order = [previous.name, current.name];
  const lines = maxLines(labels, H_LABEL_CHARS);
  const spec = {
    config: theme,
    width: CHART_WIDTH,
    height: labels.length * Math.max(48, lines * LINE_HEIGHT + 16), // a number: see barChart
    autosize: { type: 'fit-x', contains: 'padding' },
    params: [linesParam(labels, H_LABEL_CHARS)],
    data: { values: rows },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        // Rows are generated in `labels` order, so data order is the wanted order.
        sort: null,
        axis: {
          title: null,
          labelLineHeight: LINE_HEIGHT,
          labelExpr: LINES_EXPR,
        },
      },
      yOffset: { field: 'series', type: 'nominal', sort: order },
      x: {
        field: 'value',
        type: 'quantitative',
        axis: { title: opts.unit, format: ',~f', tickCount: 5, labelFlush: true },
      },
    },
    layer: [
      {
        mark: { type: 'bar', aria: false, stroke: CHART_COLOURS.current, strokeWidth: 1 },
        encoding: {
          color: {
            field: 'series',
            type: 'nominal',
            scale: { domain: order, range: [CHART_COLOURS.previous, CHART_COLOURS.current] },
            legend: { title: null, orient: 'top', direction: 'horizontal' },
          },
        },
      },
      valueLabels(true, previous.name),
    ],
  } as TopLevelSpec;
  return { spec, alt };
}

function cacheOption(opts: CommonOptions): { cacheDir?: string } {
  return opts.cacheDir === undefined ? {} : { cacheDir: opts.cacheDir };
}

/** "标题：甲100.00万元；乙20.00万元。注。" */
function sentence(title: string, items: readonly string[], note: string | undefined): string {
  const body = `${title}：${items.join('；')}。`;
  return note ? `${body}${note.replace(/[。.]?$/, '。')}` : body;
}
