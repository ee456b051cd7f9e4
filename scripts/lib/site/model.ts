/**
 * Global data the templates receive (added by the build through Eleventy's
 * programmatic API, never read from files by Eleventy itself).
 */
import type { BookletView } from '../booklet/model.ts';
import type { Portal } from './portal.ts';

/** data/_site/site.json: the one site settings file. */
export interface SiteConfig {
  /** 网站名称, e.g. "某某市财政预决算公开平台". */
  siteName: string;
  /** 主办单位. */
  host: string;
  /** 网站标识码 (may be empty). */
  siteCode: string;
  /** ICP备案号 (may be empty). */
  icp: string;
  /** 公安备案号 (may be empty). */
  police: string;
  /** Extra footer lines (plain text). */
  footer: string[];
  /** Absolute base URL where the site is published, for sitemap.xml (e.g. "https://czj.example.gov.cn/czyjs/"); "" if unknown. */
  baseUrl: string;
  /**
   * Regions with a listing page each (按地区), in this order: a booklet is in a region when its
   * unit.region begins with one of `match` (default: the region's name). Empty: no region pages.
   */
  regions: Array<{ id: string; name: string; match: string[] }>;
}

/** What listings and booklets.json need of a booklet (its view model stays in its own page). */
export type BookletSummary = Pick<
  BookletView,
  'key' | 'unitId' | 'unitName' | 'unitCode' | 'level' | 'year' | 'kind' | 'kindZh' | 'title' | 'publishedDate' | 'publishedDateZh' | 'example' | 'paths' | 'figures' | 'family'
>;

export interface SiteData {
  site: SiteConfig;
  /** Full view models, one page each (templates/booklet.njk); none in the site pages' run. */
  booklets: BookletView[];
  /** Every booklet's summary: year descending, then unit name, 预算 before 决算 (sitemap, feed). */
  summaries: BookletSummary[];
  /** The portal's pages (portal.ts): paginated listings, the 部门 index, unit pages across years. */
  portal: Portal;
}
