/**
 * Opening an untrusted workbook safely, before and around SheetJS:
 *
 *   bytes ─► size limit (50 MB) ─► magic bytes: PK (zip → .xlsx) or D0CF11E0 (OLE → .xls)
 *            │                      anything else: .csv / text / .docx / … rejected by name
 *            ├─ zip: every entry inflated here with an output cap (zip bomb), [Content_Types]
 *            │       and xl/workbook.xml required (a .docx or .pptx is named as such)
 *            └─ OLE: EncryptionInfo/EncryptedPackage streams = a password-protected .xlsx
 *            ▼
 *   SheetJS read (dense, formulas kept, no HTML/CSV sniffing) ─► errors mapped to Chinese
 */
import { inflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { ImportError } from './errors.ts';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Total decompressed size of an .xlsx's entries. */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

export type WorkbookFormat = 'xlsx' | 'xls';

export interface OpenedWorkbook {
  file: string;
  format: WorkbookFormat;
  book: XLSX.WorkBook;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function hex(bytes: Uint8Array): string {
  return [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ').toUpperCase();
}

/** What a non-workbook file looks like, for the message. */
function guess(file: string, bytes: Uint8Array): string {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt') return `${ext} 文本文件`;
  if (bytes.length >= 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'PDF 文件';
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8');
  if (/^\uFEFF?\s*</.test(head)) return 'HTML 或 XML 文本（有的系统把网页存成 .xls）';
  if (/^[\uFEFF]?[^\0]*$/.test(head)) return '文本文件（例如 CSV）';
  return `未知格式（开头字节 ${hex(bytes)}）`;
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  declared: number;
  localOffset: number;
}

/** The zip's central directory; a damaged one is a corrupt file. */
function zipEntries(file: string, bytes: Buffer): ZipEntry[] {
  const corrupt = (why: string) => new ImportError({ file }, `文件已损坏，无法作为 .xlsx 打开：${why}`, '完整的 Excel 工作簿（.xlsx）');
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('找不到 zip 目录（文件可能没有下载完整）');
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw corrupt('zip 目录不完整');
    const nameLen = bytes.readUInt16LE(at + 28);
    const extraLen = bytes.readUInt16LE(at + 30);
    const commentLen = bytes.readUInt16LE(at + 32);
    entries.push({
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      compressed: bytes.readUInt32LE(at + 20),
      declared: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.subarray(at + 46, at + 46 + nameLen).toString('utf8'),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Inflates every entry with a cap on the output, so that neither a lying size field nor a
 * highly compressed entry can make the parser allocate more than MAX_UNZIPPED_BYTES.
 */
function checkZip(file: string, bytes: Buffer): void {
  const entries = zipEntries(file, bytes);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml') && !names.has('xl/workbook.bin')) {
    const what = names.has('word/document.xml') ? 'Word 文档（.docx）' : names.has('ppt/presentation.xml') ? 'PowerPoint 演示文稿（.pptx）' : names.has('content.xml') ? 'OpenDocument 文件（.ods/.odt）' : 'zip 压缩包';
    throw new ImportError({ file }, `这不是 Excel 工作簿`, '.xlsx 或 .xls 工作簿', what);
  }
  let total = 0;
  for (const e of entries) {
    if (e.flags & 1) throw new ImportError({ file }, '工作簿已加密（设有打开密码），无法读取。请在 Excel 或 WPS 中取消密码后另存再导入', '没有密码的工作簿', '加密的 zip 条目');
    const at = e.localOffset;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) throw new ImportError({ file }, `文件已损坏：找不到条目 ${e.name}`, '完整的 .xlsx');
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const data = bytes.subarray(start, start + e.compressed);
    const room = MAX_UNZIPPED_BYTES - total;
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, room) }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
          throw new ImportError({ file }, `解压后过大（可能是“zip 炸弹”），拒绝读取`, `解压后合计不超过 ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB`, `条目 ${e.name} 解压到 ${Math.round((total + room) / 1024 / 1024)} MB 仍未结束`);
        }
        throw new ImportError({ file }, `文件已损坏：条目 ${e.name} 无法解压`, '完整的 .xlsx');
      }
    } else throw new ImportError({ file }, `不支持的压缩方式（条目 ${e.name}）`, 'deflate 或不压缩', `方式 ${e.method}`);
    total += size;
    if (total > MAX_UNZIPPED_BYTES) {
      throw new ImportError({ file }, '解压后过大（可能是“zip 炸弹”），拒绝读取', `解压后合计不超过 ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB`, `超过 ${Math.round(total / 1024 / 1024)} MB`);
    }
  }
}

/** An OLE container holding an encrypted OOXML package is a password-protected .xlsx. */
function checkOle(file: string, bytes: Buffer): void {
  let cfb: ReturnType<typeof XLSX.CFB.read>;
  try {
    cfb = XLSX.CFB.read(bytes, { type: 'buffer' });
  } catch {
    throw new ImportError({ file }, '文件已损坏，无法作为 .xls 打开', '完整的 Excel 97-2003 工作簿（.xls）');
  }
  const names = new Set(cfb.FullPaths.map((p: string) => p.replace(/^.*\//, '').replace(/\/$/, '')));
  const paths = cfb.FullPaths.map((p: string) => p.replace(/\/$/, '').replace(/^.*\//, ''));
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) {
    throw new ImportError({ file }, '工作簿设有打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存再导入', '没有密码的工作簿', '加密的工作簿');
  }
  if (!paths.includes('Workbook') && !paths.includes('Book')) {
    const what = paths.includes('WordDocument') ? 'Word 97-2003 文档（.doc）' : paths.includes('PowerPoint Document') ? 'PowerPoint 演示文稿（.ppt）' : 'OLE 文件';
    throw new ImportError({ file }, '这不是 Excel 工作簿', '.xlsx 或 .xls 工作簿', what);
  }
}

function sheetJsError(file: string, e: unknown): ImportError {
  const text = e instanceof Error ? e.message : String(e);
  if (/password|encrypt/i.test(text)) {
    return new ImportError({ file }, '工作簿设有密码（加密），无法读取。请在 Excel 或 WPS 中取消密码后另存再导入', '没有密码的工作簿', '加密的工作簿');
  }
  return new ImportError({ file }, '文件已损坏或不是受支持的工作簿，无法读取', '完整的 .xlsx 或 .xls 工作簿', `读取失败（${text.slice(0, 80)}）`);
}

export function openWorkbook(file: string, bytes: Buffer): OpenedWorkbook {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ImportError({ file }, '文件太大，拒绝读取', `不超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`, `${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
  }
  if (bytes.length === 0) throw new ImportError({ file }, '文件是空的', '.xlsx 或 .xls 工作簿', '0 字节');
  let format: WorkbookFormat;
  if (startsWith(bytes, ZIP)) {
    checkZip(file, bytes);
    format = 'xlsx';
  } else if (startsWith(bytes, OLE)) {
    checkOle(file, bytes);
    format = 'xls';
  } else {
    throw new ImportError({ file }, '这不是 Excel 工作簿（请导入预算系统导出的 .xlsx 或 .xls，不要用另存的 CSV）', '.xlsx 或 .xls 工作簿', guess(file, bytes));
  }
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, { type: 'buffer', dense: true, cellFormula: true, cellHTML: false, cellText: false, cellDates: false, sheetStubs: false, WTF: false });
  } catch (e) {
    throw sheetJsError(file, e);
  }
  if (!book.SheetNames.length) throw new ImportError({ file }, '工作簿中没有工作表', '至少一张工作表', '0 张');
  return { file, format, book };
}
