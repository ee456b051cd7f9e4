// Eleventy only renders (STYLE.md §1-2): the build (scripts/build.ts) checks the data,
// builds the view models and hands them over as global data through the programmatic
// API; no data file is ever inside templates/. This file wires directories, filters
// and the static assets, nothing else.
import { filters, NUNJUCKS_OPTIONS } from './scripts/lib/site/filters.ts';

export default function (eleventyConfig) {
  for (const [name, fn] of Object.entries(filters)) eleventyConfig.addFilter(name, fn);
  eleventyConfig.addPassthroughCopy({ styles: 'assets' });
  // The one script of the site: the search page's (templates/search.njk).
  eleventyConfig.addPassthroughCopy({ 'scripts/browser/search.js': 'assets/search.js' });
  eleventyConfig.setNunjucksEnvironmentOptions({ ...NUNJUCKS_OPTIONS });
  eleventyConfig.setQuietMode(true);
  // Booklet pages and print documents are rendered by scripts/lib/site/render.ts with the same
  // options and filters (one compiled environment per build thread), never as Eleventy pages.
  eleventyConfig.ignores.add('**/templates/booklet.njk');
  eleventyConfig.ignores.add('**/templates/print.njk');
}

export const config = {
  dir: { input: 'templates', includes: '_includes', data: '_data' },
  templateFormats: ['njk'],
  htmlTemplateEngine: 'njk',
};
