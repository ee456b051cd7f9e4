/**
 * Global data the templates receive (added by the build through Eleventy's
 * programmatic API, never read from files by Eleventy itself).
 */
import type { BookletView } from '../booklet/model.ts';
import type { DocumentKind } from '../model/schema.ts';

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
}

/** What listings and booklets.json need of a booklet (its view model stays in its own page). */
export type BookletSummary = Pick<
  BookletView,
  'key' | 'unitId' | 'unitName' | 'unitCode' | 'level' | 'year' | 'kind' | 'kindZh' | 'title' | 'publishedDate' | 'publishedDateZh' | 'example' | 'paths'
>;

export interface Listing {
  /** Page path relative to the site root, e.g. "years/2024.html", "sixian-ybj/index.html". */
  path: string;
  /** Heading / link text, e.g. "2024年", "决算", "泗县医疗保障局". */
  label: string;
  booklets: BookletSummary[];
}

export interface SiteData {
  site: SiteConfig;
  /** Full view models, one page each (templates/booklet.njk). */
  booklets: BookletView[];
  /** Every booklet's summary: year descending, then unit name, 预算 before 决算. */
  summaries: BookletSummary[];
  /** One listing page per unit, per year and per kind (the no-JavaScript filters). */
  units: Array<Listing & { unitId: string }>;
  years: Array<Listing & { year: number }>;
  kinds: Array<Listing & { kind: DocumentKind }>;
}
