/**
 * The site's own fonts: TrueType-outline CJK faces from the pinned @fontsource packages,
 * served from <out>/assets/fonts/ so the web pages and the print document (the PDF) use
 * the very same faces. Debian's Noto CJK fonts are CFF-based and come out of Chromium's
 * PDF as Type 3 fonts; these come out as CID TrueType (issue #4, docs/印刷.md).
 *
 *   node_modules/@fontsource/<pkg>/<weight>.css ─ parse @font-face rules ─┬─ link each woff2 → assets/fonts/
 *                                                                          └─ one fonts.css (woff2 only, relative urls)
 *
 * Only the faces the stylesheets use are published: every bold text needs a real bold face,
 * or Chromium synthesises one and prints it as a Type 3 font.
 */
import { copyFile, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** 黑体 substitute: headings of parts and 一、, table headers, the web pages' text. */
export const SANS_FAMILY = 'Noto Sans SC';
/** 宋体/仿宋/小标宋 substitute: body text of the print document, the cover title (700). */
export const SERIF_FAMILY = 'Noto Serif SC';
/** 楷体 substitute: （一） headings. */
export const KAI_FAMILY = 'LXGW WenKai';

/** Where the fonts go, relative to the site root. */
export const FONTS_DIR = 'assets/fonts';
export const FONTS_CSS = `${FONTS_DIR}/fonts.css`;

interface FaceSource {
  pkg: string;
  family: string;
  /** The package's stylesheet of the face. */
  css: string;
  /** Weight the face is declared with in fonts.css. */
  weight: 400 | 700;
}

const FACES: FaceSource[] = [
  { pkg: 'noto-sans-sc', family: SANS_FAMILY, css: '400.css', weight: 400 },
  { pkg: 'noto-sans-sc', family: SANS_FAMILY, css: '700.css', weight: 700 },
  { pkg: 'noto-serif-sc', family: SERIF_FAMILY, css: '400.css', weight: 400 },
  { pkg: 'noto-serif-sc', family: SERIF_FAMILY, css: '700.css', weight: 700 },
  // The package publishes LXGW WenKai's Light as 300 and its Regular as 500 (the font's own
  // weight class says Regular); declared 400 here so normal text uses it as it is.
  { pkg: 'lxgw-wenkai', family: KAI_FAMILY, css: '500.css', weight: 400 },
];

export class FontError extends Error {}

interface Face {
  family: string;
  weight: number;
  file: string;
  unicodeRange?: string;
}

/** The @font-face rules of one package stylesheet, checked against what we expect of it. */
function parseFaces(cssText: string, source: FaceSource, cssPath: string): Face[] {
  const faces: Face[] = [];
  for (const m of cssText.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const decl = new Map<string, string>();
    for (const part of m[1]!.split(';')) {
      const i = part.indexOf(':');
      if (i > 0) decl.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
    }
    const family = decl.get('font-family')?.replace(/^['"]|['"]$/g, '');
    const file = /url\(\.\/files\/([a-z0-9-]+\.woff2)\)/.exec(decl.get('src') ?? '')?.[1];
    if (family !== source.family || decl.get('font-style') !== 'normal' || !file) {
      throw new FontError(`字体包的样式表 ${cssPath} 不是预期的格式（应为 ${source.family} 的 woff2 字体），请检查 package-lock.json 中的版本`);
    }
    const range = decl.get('unicode-range');
    faces.push({ family, weight: source.weight, file, ...(range ? { unicodeRange: range } : {}) });
  }
  if (faces.length === 0) throw new FontError(`字体包的样式表 ${cssPath} 中没有字体`);
  return faces;
}

function fontFace(f: Face): string {
  return [
    '@font-face {',
    `  font-family: "${f.family}";`,
    '  font-style: normal;',
    `  font-weight: ${f.weight};`,
    '  font-display: swap;',
    `  src: url("${f.file}") format("woff2");`,
    ...(f.unicodeRange ? [`  unicode-range: ${f.unicodeRange};`] : []),
    '}',
  ].join('\n');
}

/** A hard link (no copy of ~40 MB on every build); a copy where linking is not possible (another file system). */
async function place(src: string, dest: string): Promise<void> {
  await rm(dest, { force: true });
  try {
    await link(src, dest);
  } catch {
    await copyFile(src, dest);
  }
}

/**
 * Writes <outDir>/assets/fonts/: the woff2 files of the faces in FACES, each package's
 * licence (OFL-1.1 asks for it to travel with the fonts) and fonts.css. Same packages →
 * byte-identical fonts.css.
 */
export async function writeFonts(root: string, outDir: string): Promise<void> {
  const dest = join(outDir, FONTS_DIR);
  await mkdir(dest, { recursive: true });
  const rules: string[] = [];
  const versions = new Map<string, string>();
  const files: Array<[string, string]> = [];
  for (const source of FACES) {
    const dir = join(root, 'node_modules/@fontsource', source.pkg);
    const cssPath = join(dir, source.css);
    if (!existsSync(cssPath)) throw new FontError(`缺少字体包 @fontsource/${source.pkg}（${source.css}），请先运行 npm ci`);
    if (!versions.has(source.pkg)) {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version?: string };
      versions.set(source.pkg, pkg.version ?? '?');
      files.push([join(dir, 'LICENSE'), join(dest, `LICENSE-${source.pkg}.txt`)]);
    }
    for (const face of parseFaces(await readFile(cssPath, 'utf8'), source, `node_modules/@fontsource/${source.pkg}/${source.css}`)) {
      const src = join(dir, 'files', face.file);
      if (!existsSync(src)) throw new FontError(`缺少字体文件 node_modules/@fontsource/${source.pkg}/files/${face.file}，请先运行 npm ci`);
      files.push([src, join(dest, face.file)]);
      rules.push(fontFace(face));
    }
  }
  await Promise.all(files.map(([src, to]) => place(src, to)));
  const header = [
    '/*',
    ' * Generated by gongkai (scripts/lib/site/fonts.ts) from',
    ...[...versions].map(([pkg, v]) => ` *   @fontsource/${pkg} ${v}`),
    ' * Fonts under the SIL Open Font License 1.1 (LICENSE-*.txt beside this file).',
    ' */',
  ].join('\n');
  await writeFile(join(dest, 'fonts.css'), `${header}\n\n${rules.join('\n\n')}\n`);
}
