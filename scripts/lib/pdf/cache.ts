/**
 * The PDF cache (.cache/pdf/ under the project, outside the published folder): a booklet whose
 * print document, assets, Chromium, printer code and metadata are all unchanged is not printed
 * again. Each entry is `<key>.pdf` plus `<key>.json` (what the print reported); the JSON is
 * written last, so an entry without it is incomplete and never used. Writes go to a temporary
 * file first and are renamed into place, so a crash never leaves a half-written entry.
 * Entries not used for `maxAgeDays` go, and beyond `maxEntries` the least recently used.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { filesUnder } from '../util/files.ts';
import type { PdfMeta, Shrink } from './printer.ts';

export interface CachedPrint {
  pages: number;
  tocPages: Record<string, number>;
  blocked: string[];
  pageSizes: Array<[number, number]>;
  shrink?: Shrink;
}

export interface CacheKeyParts {
  html: Uint8Array;
  /** hashTree() of the build folder's assets/. */
  assets: string;
  chromium: string;
  printer: string;
  meta: PdfMeta;
}

const sha256 = () => createHash('sha256');

/** One key for everything the printed bytes depend on. */
export function cacheKey(parts: CacheKeyParts): string {
  const h = sha256();
  const field = (name: string, value: string | Uint8Array) => {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    h.update(`${name}\0${bytes.length}\0`).update(bytes);
  };
  field('format', '1');
  field('printer', parts.printer);
  field('chromium', parts.chromium);
  field('assets', parts.assets);
  field('meta', JSON.stringify([parts.meta.title, parts.meta.author, parts.meta.subject, parts.meta.keywords, parts.meta.date]));
  field('html', parts.html);
  return h.digest('hex');
}

/** Hash of every file under `dir` (paths and bytes, in sorted order); "" when there is none. */
export async function hashTree(dir: string): Promise<string> {
  const files = filesUnder(dir);
  if (!files.length) return '';
  const h = sha256();
  for (const f of files) {
    const bytes = await readFile(join(dir, f));
    h.update(`${f}\0${bytes.length}\0`).update(bytes);
  }
  return h.digest('hex');
}

/** Hash of the printer's own code (scripts/lib/pdf/*.ts): a change to it invalidates every entry. */
export async function printerVersion(): Promise<string> {
  const dir = import.meta.dirname;
  const names = (await readdir(dir)).filter((n) => n.endsWith('.ts')).sort();
  const h = sha256();
  for (const n of names) h.update(`${n}\0`).update(await readFile(join(dir, n)));
  return h.digest('hex').slice(0, 16);
}

export interface PdfCacheOptions {
  /** Entries not used for this many days are removed (default 30). */
  maxAgeDays?: number;
  /** At most this many entries are kept (default 5000). */
  maxEntries?: number;
  /** At most this many bytes of PDFs are kept (default 2 GiB). */
  maxBytes?: number;
}

export class PdfCache {
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(
    readonly dir: string,
    options: PdfCacheOptions = {},
  ) {
    this.maxAgeMs = (options.maxAgeDays ?? 30) * 86_400_000;
    this.maxEntries = options.maxEntries ?? 5000;
    this.maxBytes = options.maxBytes ?? 2 * 1024 ** 3;
  }

  private paths(key: string) {
    return { pdf: join(this.dir, `${key}.pdf`), json: join(this.dir, `${key}.json`) };
  }

  /** On a hit: the PDF copied to `dest` (atomically) and what its print reported; null on a miss. */
  async get(key: string, dest: string): Promise<CachedPrint | null> {
    const p = this.paths(key);
    let info: CachedPrint;
    try {
      info = JSON.parse(await readFile(p.json, 'utf8')) as CachedPrint;
    } catch {
      return null;
    }
    const tmp = `${dest}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await copyFile(p.pdf, tmp);
      await rename(tmp, dest);
    } catch {
      await rm(tmp, { force: true });
      return null;
    }
    const now = new Date();
    await utimes(p.json, now, now).catch(() => undefined);
    return info;
  }

  async put(key: string, pdf: Uint8Array, info: CachedPrint): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const p = this.paths(key);
    const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(p.pdf + suffix, pdf);
    await rename(p.pdf + suffix, p.pdf);
    await writeFile(p.json + suffix, JSON.stringify(info));
    await rename(p.json + suffix, p.json);
  }

  /**
   * Drops entries unused for too long, then the least recently used beyond maxEntries or
   * maxBytes, and stale temporary files. Returns how many entries went.
   */
  async prune(now = Date.now()): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    const entries: Array<{ key: string; used: number; bytes: number }> = [];
    let removed = 0;
    for (const n of names) {
      const path = join(this.dir, n);
      if (n.endsWith('.tmp')) {
        const s = await stat(path).catch(() => null);
        if (s && now - s.mtimeMs > 86_400_000) await rm(path, { force: true });
        continue;
      }
      if (!n.endsWith('.json')) continue;
      const key = n.slice(0, -'.json'.length);
      const s = await stat(path).catch(() => null);
      const pdf = await stat(this.paths(key).pdf).catch(() => null);
      if (s) entries.push({ key, used: s.mtimeMs, bytes: pdf?.size ?? 0 });
    }
    entries.sort((a, b) => b.used - a.used);
    let bytes = 0;
    for (const [i, e] of entries.entries()) {
      bytes += e.bytes;
      if (i < this.maxEntries && bytes <= this.maxBytes && now - e.used <= this.maxAgeMs) continue;
      const p = this.paths(e.key);
      await rm(p.json, { force: true });
      await rm(p.pdf, { force: true });
      removed++;
    }
    // A PDF whose JSON is gone (interrupted put or prune) is garbage.
    const keys = new Set(entries.map((e) => e.key));
    for (const n of names) {
      if (!n.endsWith('.pdf') || keys.has(n.slice(0, -'.pdf'.length))) continue;
      // …unless another build is between writing the two files of the entry right now.
      const s = await stat(join(this.dir, n)).catch(() => null);
      if (s && now - s.mtimeMs > 3_600_000) await rm(join(this.dir, n), { force: true });
    }
    return removed;
  }
}
