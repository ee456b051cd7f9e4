/**
 * A small site built from hand-written fixtures, until the real build (scripts/build.ts)
 * produces _site/: three booklets (a full 部门预算, a 示例 单位决算 with no 公开日期, and
 * one whose every text is hostile), their summaries and listing pages, rendered through
 * Eleventy's programmatic API exactly as the build hands its data over.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Block, BookletView, ChartView, PartView, TableView, TocEntry } from '../../scripts/lib/booklet/model.ts';
import { renderMarkdown } from '../../scripts/lib/booklet/prose.ts';
import { bookletPaths } from '../../scripts/lib/booklet/booklet.ts';
import type { BookletSummary, SiteConfig, SiteData } from '../../scripts/lib/site/model.ts';
import { siteData } from '../../scripts/lib/site/finish.ts';
import { renderBooklets, renderSitePages } from '../../scripts/lib/site/render.ts';

export const root = join(import.meta.dirname, '../..');
const fixtureDir = join(root, 'test/fixtures/components');

export const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{ 7*7 }}{% raw %}';

interface FixtureFile {
  examples: Array<{ name: string; params: Record<string, unknown> }>;
}

function params(file: string, index: number): Record<string, unknown> {
  const f = JSON.parse(readFileSync(join(fixtureDir, `${file}.json`), 'utf8')) as FixtureFile;
  const ex = f.examples[index];
  if (!ex) throw new Error(`${file}.json has no example ${index}`);
  return ex.params;
}

const table = (file: string, index: number): TableView => params(file, index).table as TableView;
const chart = (index: number): ChartView => params('chart-figure', index).chart as ChartView;

const paths = bookletPaths;

/** TocEntry list from the parts: parts (1), their sections and tables (2), one level further (3). */
function tocOf(parts: PartView[]): TocEntry[] {
  const out: TocEntry[] = [];
  const walk = (blocks: Block[], level: 2 | 3): void => {
    for (const b of blocks) {
      if (b.type === 'section') {
        out.push({ anchor: b.anchor, text: b.heading, level });
        if (level === 2) walk(b.blocks, 3);
      } else if (b.type === 'table') {
        out.push({ anchor: b.table.anchor, text: `${b.table.number ? b.table.number + ' ' : ''}${b.table.title}`, level });
      }
    }
  };
  for (const p of parts) {
    out.push({ anchor: p.anchor, text: `${p.number} ${p.title}`, level: 1 });
    walk(p.blocks, 2);
  }
  return out;
}

function tablesOf(parts: PartView[]): TableView[] {
  const out: TableView[] = [];
  const walk = (blocks: Block[]): void => {
    for (const b of blocks) {
      if (b.type === 'table') out.push(b.table);
      else if (b.type === 'section') walk(b.blocks);
    }
  };
  for (const p of parts) walk(p.blocks);
  return out;
}

/** Main figures of a fixture booklet: none unless it gives them (the portal shows “—”). */
const NO_FIGURES: BookletView['figures'] = { income: null, expenditure: null, basic: null, project: null, fiscal: null, threePublic: null };

function booklet(base: Omit<BookletView, 'toc' | 'tables' | 'figures' | 'family'> & Partial<Pick<BookletView, 'figures' | 'family'>>): BookletView {
  return { figures: NO_FIGURES, family: { includeIds: [] }, ...base, toc: tocOf(base.parts), tables: tablesOf(base.parts) };
}

function sixianBudget(): BookletView {
  const summaryTable = { ...table('two-sided-table', 0), charts: [chart(0)] };
  const parts: PartView[] = [
    {
      id: 'overview',
      anchor: 'part-overview',
      number: '第一部分',
      numberGap: ' ',
      title: '部门概况',
      blocks: [
        {
          type: 'section',
          anchor: 'overview-duties',
          heading: '一、主要职责',
          blocks: [
            { type: 'prose', html: renderMarkdown('（一）贯彻中央省市医疗保障方面的法律法规和政策规定，组织实施全县医疗保险、生育保险、医疗救助等医疗保障方面的政策、计划和标准。\n\n（二）贯彻执行省、市医疗保障基金监督管理办法并组织实施，建立健全医疗保障安全防控机制，推进医疗保障基金支付方式改革。') },
          ],
        },
        {
          type: 'section',
          anchor: 'overview-units',
          heading: '二、部门预算构成',
          blocks: [
            { type: 'prose', html: renderMarkdown('泗县医疗保障局2024年度部门预算包括局本级预算和局下属单位预算，纳入部门预算编制范围的预算单位共3个。') },
            { type: 'list', items: ['泗县医疗保障局本级（行政机关）', '泗县城镇职工基本医疗保险基金管理中心（公益一类事业单位）', '泗县城乡居民基本医疗保险管理服务中心（公益一类事业单位）'] },
          ],
        },
        {
          type: 'section',
          anchor: 'overview-tasks',
          heading: '三、2024年度主要工作任务',
          blocks: [
            {
              type: 'section',
              anchor: 'overview-tasks-1',
              heading: '（一）优化医疗保障服务，建设利民医保',
              blocks: [{ type: 'prose', html: renderMarkdown('一是持续做好医保民生工作，将医保惠民政策落到实处；二是不断提升医保经办服务水平；三是持续深化医保支付方式改革。') }],
            },
          ],
        },
      ],
    },
    {
      id: 'tables',
      anchor: 'part-tables',
      number: '第二部分',
      numberGap: ' ',
      title: '2024年度部门预算表',
      blocks: [
        { type: 'table', table: summaryTable },
        { type: 'table', table: table('ledger-table', 0) },
        { type: 'table', table: table('ledger-table', 1) },
        { type: 'table', table: table('ledger-table', 2) },
        { type: 'table', table: table('list-table', 0) },
        { type: 'table', table: table('list-table', 1) },
        { type: 'table', table: table('form-table', 0) },
      ],
    },
    {
      id: 'explanation',
      anchor: 'part-explanation',
      number: '第三部分',
      numberGap: ' ',
      title: '2024年度部门预算情况说明',
      blocks: [
        {
          type: 'section',
          anchor: 'explain-summary',
          heading: '一、关于2024年收支总表的说明',
          blocks: [
            { type: 'prose', html: renderMarkdown('2024年收入总计2,805.56万元，支出总计2,805.56万元。与2023年相比，收、支总计各增加183.26万元，增长7.0%。主要原因是医疗救助支出增加。') },
            { type: 'chart', chart: chart(1) },
          ],
        },
        {
          type: 'section',
          anchor: 'explain-other',
          heading: '二、其他重要事项情况说明',
          blocks: [
            {
              type: 'section',
              anchor: 'explain-other-1',
              heading: '（一）机关运行经费',
              blocks: [{ type: 'prose', html: renderMarkdown('2024年本部门机关运行经费预算为117.81万元。') }],
            },
          ],
        },
      ],
    },
    {
      id: 'glossary',
      anchor: 'part-glossary',
      number: '第四部分',
      numberGap: ' ',
      title: '名词解释',
      blocks: [{ type: 'glossary', entries: params('glossary', 0).entries as Array<{ term: string; definition: string }> }],
    },
  ];
  return booklet({
    key: 'sixian-ybj/2024/budget',
    unitId: 'sixian-ybj',
    unitName: '泗县医疗保障局',
    level: 'department',
    year: 2024,
    kind: 'budget',
    kindZh: '预算',
    title: '泗县医疗保障局2024年度部门预算',
    coverTitle: '2024年度部门预算',
    coverLines: [
      { text: '泗县医疗保障局', size: 'medium', whole: false, heading: true },
      { text: '2024年度部门预算', size: 'large', whole: false, heading: true },
    ],
    publishedDate: '2024-02-05',
    publishedDateZh: '2024年2月5日',
    profileId: 'anhui-2024',
    pageNumbers: 'outside',
    example: false,
    paths: paths('sixian-ybj', 2024, 'budget'),
    parts,
  });
}

function exampleFinal(): BookletView {
  const parts: PartView[] = [
    {
      id: 'overview',
      anchor: 'part-overview',
      number: '第一部分',
      numberGap: ' ',
      title: '单位概况',
      blocks: [{ type: 'section', anchor: 'overview-duties', heading: '一、主要职责', blocks: [{ type: 'prose', html: renderMarkdown('示例单位负责示例工作。') }] }],
    },
    {
      id: 'tables',
      anchor: 'part-tables',
      number: '第二部分',
      numberGap: ' ',
      title: '2023年度单位决算表',
      blocks: [
        { type: 'table', table: { ...table('list-table', 2), anchor: 'table-procurement' } },
        { type: 'table', table: table('ledger-table', 2) },
      ],
    },
    {
      id: 'explanation',
      anchor: 'part-explanation',
      number: '第三部分',
      numberGap: ' ',
      title: '2023年度单位决算情况说明',
      blocks: [{ type: 'prose', html: renderMarkdown('本单位2023年度没有政府性基金预算财政拨款收入和支出。') }],
    },
    {
      id: 'glossary',
      anchor: 'part-glossary',
      number: '第四部分',
      numberGap: ' ',
      title: '名词解释',
      blocks: [{ type: 'glossary', entries: [{ term: '基本支出', definition: '指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。' }] }],
    },
  ];
  return booklet({
    key: 'shili-danwei/2023/final',
    unitId: 'shili-danwei',
    unitName: '示例单位',
    level: 'unit',
    year: 2023,
    kind: 'final',
    kindZh: '决算',
    title: '示例单位2023年度单位决算',
    coverTitle: '2023年度单位决算',
    coverLines: [
      { text: '示例单位', size: 'medium', whole: false, heading: true },
      { text: '2023年度单位决算', size: 'large', whole: false, heading: true },
    ],
    publishedDate: null,
    publishedDateZh: null,
    profileId: 'national-final',
    pageNumbers: 'outside',
    example: true,
    paths: paths('shili-danwei', 2023, 'final'),
    parts,
  });
}

/** Every text of a booklet is hostile (anchors stay distinct: ids must be unique on a page). */
function hostileBooklet(): BookletView {
  const H = HOSTILE;
  const t = (anchor: string, shape: TableView['shape'], empty = false): TableView => ({
    id: 'summary',
    anchor,
    number: H,
    title: H,
    unitLabel: H,
    shape,
    head: [
      [{ text: H, scope: 'col' }, { text: H, colspan: 2, scope: 'colgroup' }],
      [{ text: H, scope: 'col' }, { text: H, scope: 'col' }, { text: H, scope: 'col' }],
    ],
    body: empty ? [] : [{ kind: 'total', cells: [{ text: H, kind: 'text', header: true }, { text: H, kind: 'amount' }, { text: H, kind: 'code' }] }],
    empty,
    emptyNote: H,
    notes: [H],
    wide: true,
    charts: [],
    csvName: `${anchor}.csv`,
  });
  const hostileChart = params('hostile', 5).chart as ChartView;
  const parts: PartView[] = [
    {
      id: 'overview',
      anchor: 'part-overview',
      number: H,
      numberGap: ' ',
      title: H,
      blocks: [
        { type: 'section', anchor: 'h-1', heading: H, blocks: [{ type: 'prose', html: renderMarkdown(`${H}\n\n[点我](javascript:alert(1))`) }, { type: 'list', items: [H] }] },
      ],
    },
    {
      id: 'tables',
      anchor: 'part-tables',
      number: H,
      numberGap: ' ',
      title: H,
      blocks: [
        { type: 'table', table: t('table-a', 'ledger') },
        { type: 'table', table: t('table-b', 'twoSided') },
        { type: 'table', table: t('table-c', 'list', true) },
        { type: 'table', table: { ...t('table-d', 'form'), charts: [hostileChart] } },
      ],
    },
    { id: 'glossary', anchor: 'part-glossary', number: H, numberGap: H, title: H, blocks: [{ type: 'glossary', entries: [{ term: H, definition: H }] }] },
  ];
  return booklet({
    key: 'hostile-unit/2024/budget',
    unitId: 'hostile-unit',
    unitName: H,
    level: 'department',
    year: 2024,
    kind: 'budget',
    kindZh: '预算',
    title: H,
    coverTitle: H,
    coverLines: [{ text: H, size: 'large', whole: true, heading: true }, { text: H, size: 'small', whole: true, heading: false }],
    publishedDate: '2024-03-01',
    publishedDateZh: H,
    profileId: 'anhui-2024',
    pageNumbers: 'outside',
    example: false,
    paths: paths('hostile-unit', 2024, 'budget'),
    parts,
  });
}

export function summaryOf(b: BookletView): BookletSummary {
  const { key, unitId, unitName, level, year, kind, kindZh, title, publishedDate, publishedDateZh, example, paths: p, figures, family } = b;
  return { key, unitId, unitName, level, year, kind, kindZh, title, publishedDate, publishedDateZh, example, paths: p, figures, family };
}

export function fixtureSite(site: Partial<SiteConfig> = {}): SiteData {
  const booklets = [sixianBudget(), hostileBooklet(), exampleFinal()];
  const config: SiteConfig = {
    siteName: '预决算公开',
    host: '某某市财政局',
    siteCode: '3400000001',
    icp: '皖ICP备00000000号',
    police: '',
    footer: ['本站内容由 gongkai 根据各单位公开数据生成；表中金额以正式公开文件为准。'],
    baseUrl: '',
    regions: [],
    ...site,
  };
  return { ...siteData(config, booklets.map(summaryOf)), booklets };
}

/** Renders the site into `outDir` through Eleventy, with the build's own two runs (render.ts). */
export async function buildSite(outDir: string, data: SiteData): Promise<void> {
  await renderBooklets(root, outDir, data.site, data.booklets);
  await renderSitePages(root, outDir, data);
}
