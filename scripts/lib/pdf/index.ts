/**
 * Stage «pdf»: print documents → PDF booklets, in Debian's Chromium.
 *
 *   print pages (site/render.ts, documents.ts) ─► server.ts (loopback, build folder only)
 *                                              ─► browser.ts (one Chromium, a pool of pages)
 *                                              ─► printer.ts (目录 page numbers predicted, printed,
 *                                                 read back and verified; ≤ 3 prints)
 *                                              ─► skia.ts (fixed metadata and ids: same bytes)
 *                                              ─► cache.ts (content hash → PDF, .cache/pdf/)
 */
export { PrintPool, chromiumPath, DEFAULT_CHROMIUM } from './browser.ts';
export { PrintError, type PrintJob, type PrintResult } from './printer.ts';
export { writePrintFolder } from './documents.ts';
