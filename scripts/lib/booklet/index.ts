/**
 * Stage «booklet»: one checked document → its view model, the only thing templates see.
 *
 *   checked file + profile ─► context.ts (money formats, titles, labels)
 *                               ├─ overview.ts     第一部分 概况
 *                               ├─ tables/         公开表 by table id and shape (ledger, lists, forms)
 *                               ├─ explanation.ts  情况说明: generated sentences + the clerk's reasons
 *                               ├─ glossary.ts     名词解释
 *                               └─ charts/booklet.ts  the charts beside each table (charts/ stage)
 *                             ─► booklet.ts ─► BookletView (model.ts), parts in the profile's order
 *
 *   html.ts / prose.ts: the only ways HTML reaches a page (SafeHtml; markdown-it without HTML).
 *   ▼ site/ renders BookletView with Eleventy; pdf/ prints it.
 */
export { buildBooklet, bookletPaths, dateZh, type BuiltBooklet, type BookletOptions } from './booklet.ts';
export { BookletError, makeBuildContext, type BuildContext } from './context.ts';
export type { BookletView, BookletPaths, TableView, Block, PartView } from './model.ts';
