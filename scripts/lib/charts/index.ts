/**
 * Stage «charts»: the figures beside the tables, drawn at build time — no script on the page.
 *
 *   BookletView tables ─► booklet.ts (which charts a booklet gets, their data and text)
 *                       ─► render.ts  (vega-lite spec → vega view → SVG string, CJK text widths,
 *                                      deterministic ids, content-hash cache)
 *                       ─► ChartView in the booklet; the same SVG on the page and in the PDF
 */
export { buildCharts, planCharts, type ChartPlan, type ChartsOptions } from './booklet.ts';
export { renderSpec, clearChartCache, chartStats, ChartError, CHART_FONT } from './render.ts';
