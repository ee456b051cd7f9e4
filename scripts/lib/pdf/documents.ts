/**
 * A folder the printer can print from without a whole site build: the booklets' print
 * documents (<out>/.print/…, templates/print.njk), the fonts (<out>/assets/fonts/) and the
 * stylesheets (styles/*.css → <out>/assets/), laid out as the build lays them out. For
 * `npm run print`, the bench and the PDF tests.
 */
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BookletView } from '../booklet/model.ts';
import type { SiteConfig } from '../site/model.ts';
import { renderPrintDocuments } from '../site/render.ts';
import { writeFonts } from '../site/fonts.ts';
import { PrintError } from './printer.ts';

export async function writePrintFolder(root: string, outDir: string, site: SiteConfig, views: BookletView[]): Promise<void> {
  const styles = (await readdir(join(root, 'styles'))).filter((n) => n.endsWith('.css'));
  if (!styles.includes('print.css')) throw new PrintError('', '缺少 styles/print.css（打印文档的样式表）');
  await renderPrintDocuments(root, outDir, site, views);
  await writeFonts(root, outDir);
  await mkdir(join(outDir, 'assets'), { recursive: true });
  for (const n of styles) await copyFile(join(root, 'styles', n), join(outDir, 'assets', n));
}
