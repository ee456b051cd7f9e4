/**
 * One Chromium per build and a pool of pages that print booklets (printer.ts), with the PDF cache
 * (cache.ts) in front.
 *
 *   PrintPool.open ─ serve the build folder on loopback HTTP (server.ts: fonts decoded once, not
 *                    per booklet); launch Debian's chromium (GONGKAI_CHROMIUM) with a fresh profile
 *     print(job) ─ cache hit? ─ yes → copy the cached PDF                          cached: true
 *                     │ no
 *                     └─ queue ─▶ a free page (at most `size`) ─ printer.ts ─ PDF → out + cache
 *     close() ─ browser closed, server stopped, profile removed, old cache entries pruned
 *
 * The caller closes the pool in a `finally`; Ctrl-C or SIGTERM kill Chromium and remove its
 * profile at once, even while it is starting (Guard).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, readFile, realpath, rename, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { cacheKey, hashTree, PdfCache, printerVersion } from './cache.ts';
import { BuildServer } from './server.ts';
import { DEFAULT_TIMEOUT_MS, PrinterPage, PrintError, type PrinterContext, type PrintJob, type PrintResult } from './printer.ts';

export { PrintError, type PdfMeta, type PrintJob, type PrintResult } from './printer.ts';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** Flags that work on a closed network as root: no sandbox, no GPU, nothing phoning home. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

/** Chromium to use: $GONGKAI_CHROMIUM or Debian's; a Chinese error when it is not there. */
export function chromiumPath(): string {
  const path = process.env.GONGKAI_CHROMIUM || DEFAULT_CHROMIUM;
  if (!existsSync(path)) throw new PrintError('', `找不到 Chromium：${path}，请运行 bash scripts/setup.sh 或设置 GONGKAI_CHROMIUM`);
  return path;
}

export interface PoolOptions {
  /** The build folder: print documents and everything they may load are inside it. */
  root: string;
  /** PDF cache folder (e.g. <project>/.cache/pdf); no cache without it. */
  cacheDir?: string;
  /** Pages printing at once (default: the machine's cores). */
  size?: number;
  /** Time one booklet may take (default 60 s). */
  timeoutMs?: number;
}

interface Slot {
  printer: PrinterPage;
}

/**
 * Processes of the Chromium using `profileDir` (ours alone: the folder is a fresh temporary one):
 * those naming it on their command line — found also while Chromium is still starting and
 * puppeteer has not handed its process over yet — and all their descendants (the network
 * service, which would otherwise write its cache index into the folder after it was removed).
 */
function chromiumPids(profileDir: string, main: number | undefined): number[] {
  const flag = `--user-data-dir=${profileDir}\0`;
  const parent = new Map<number, number>();
  const roots = new Set<number>(main ? [main] : []);
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [...roots];
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      parent.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (pid !== process.pid && readFileSync(`/proc/${name}/cmdline`, 'latin1').includes(flag)) roots.add(pid);
    } catch {
      // gone meanwhile
    }
  }
  const ours = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 64; p = parent.get(p), hops++) if (roots.has(p)) return true;
    return false;
  };
  return [...parent.keys()].filter(ours);
}

/**
 * Chromium and its profile folder must not outlive us, not even on Ctrl-C (or a cancelled CI job)
 * while Chromium is still starting: from the moment the profile exists, a signal kills Chromium
 * and removes the profile. The handler runs before the program's own (which may exit at once)
 * and exits itself only when there are none.
 */
class Guard {
  browser: Browser | undefined;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.kill();
    this.release();
    if (process.listenerCount(signal) === 0) process.exit(signal === 'SIGINT' ? 130 : 143);
  };

  constructor(readonly profileDir: string) {
    for (const sig of SIGNALS) process.prependListener(sig, this.onSignal);
  }

  kill(): void {
    for (const pid of chromiumPids(this.profileDir, this.browser?.process()?.pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    try {
      // A killed Chromium may still be writing its profile for a moment.
      rmSync(this.profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    } catch {
      // left in the temporary folder: not worth failing for
    }
  }

  release(): void {
    for (const sig of SIGNALS) process.removeListener(sig, this.onSignal);
  }
}

export class PrintPool {
  private readonly idle: Slot[] = [];
  private readonly waiting: Array<(slot: Slot | Error) => void> = [];
  private created = 0;
  private closed = false;
  private died: string | undefined;
  private assetsHash: Promise<string> | undefined;
  private readonly ctx: PrinterContext;

  private constructor(
    private readonly browser: Browser,
    private readonly guard: Guard,
    private readonly server: BuildServer,
    readonly chromiumVersion: string,
    readonly size: number,
    private readonly timeoutMs: number,
    private readonly printer: string,
    private readonly cache: PdfCache | undefined,
  ) {
    this.ctx = { server, timeoutMs };
    browser.on('disconnected', () => {
      if (!this.closed) this.died = 'Chromium 意外退出';
    });
  }

  static async open(opts: PoolOptions): Promise<PrintPool> {
    const executablePath = chromiumPath();
    let root: string;
    try {
      root = await realpath(resolve(opts.root));
    } catch {
      throw new PrintError('', `构建文件夹 ${opts.root} 不存在`);
    }
    const size = Math.max(1, opts.size ?? availableParallelism());
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const server = await BuildServer.start(root);
    const guard = new Guard(mkdtempSync(join(tmpdir(), 'gongkai-chromium-')));
    let browser: Browser;
    try {
      browser = guard.browser = await puppeteer.launch({
        executablePath,
        headless: true,
        userDataDir: guard.profileDir,
        args: FLAGS,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        protocolTimeout: timeoutMs + 30_000,
      });
    } catch (e) {
      guard.kill();
      guard.release();
      await server.close();
      throw new PrintError('', `无法启动 Chromium（${executablePath}）：${(e as Error).message.split('\n')[0]}`, { cause: e });
    }
    try {
      const version = (await browser.version()).replace(/^[^/]*\//, '');
      const cache = opts.cacheDir ? new PdfCache(opts.cacheDir) : undefined;
      return new PrintPool(browser, guard, server, version, size, timeoutMs, await printerVersion(), cache);
    } catch (e) {
      await browser.close().catch(() => undefined);
      guard.kill();
      guard.release();
      await server.close();
      throw e;
    }
  }

  /** The build folder the pages may read (symlinks resolved). */
  get root(): string {
    return this.server.root;
  }

  /** The URL the pages load a file of the build folder from (loopback HTTP). */
  urlOf(path: string): string {
    return this.server.urlOf(path);
  }

  private async acquire(): Promise<Slot> {
    if (this.died) throw new PrintError('', this.died);
    if (this.closed) throw new PrintError('', '打印池已关闭');
    const slot = this.idle.pop();
    if (slot) return slot;
    if (this.created < this.size) {
      this.created++;
      try {
        const page = await this.browser.newPage();
        return { printer: await PrinterPage.create(page, this.ctx) };
      } catch (e) {
        this.created--;
        throw new PrintError('', `Chromium 无法打开新页面：${(e as Error).message}`, { cause: e });
      }
    }
    return new Promise<Slot>((res, rej) => this.waiting.push((s) => (s instanceof Error ? rej(s) : res(s))));
  }

  private release(slot: Slot, broken: boolean): void {
    if (broken || slot.printer.isCrashed) {
      void slot.printer.close();
      this.created--;
      const next = this.waiting.shift();
      // A waiting job gets a fresh page instead.
      if (next) this.acquire().then(next, (e: Error) => next(e));
      return;
    }
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.idle.push(slot);
  }

  /** A plain page of the pool's browser (no request filter, no print media): for comparisons (bench). The caller closes it. */
  newPlainPage(): Promise<Page> {
    return this.browser.newPage();
  }

  /** Runs `fn` on a pooled page (request filter and print media in place) — for the bench and tests. */
  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const slot = await this.acquire();
    let broken = false;
    try {
      return await fn(slot.printer.page);
    } catch (e) {
      broken = true;
      throw e;
    } finally {
      await slot.printer.page.goto('about:blank').catch(() => {
        broken = true;
      });
      this.release(slot, broken);
    }
  }

  private assets(): Promise<string> {
    this.assetsHash ??= hashTree(join(this.server.root, 'assets'));
    return this.assetsHash;
  }

  /** Prints one booklet to job.outPath (or copies it from the cache). */
  async print(job: PrintJob): Promise<PrintResult> {
    let tStart = performance.now();
    const ms = () => Math.round(performance.now() - tStart);
    let html: Buffer;
    try {
      html = await readFile(job.htmlPath);
    } catch {
      throw new PrintError(job.label, `找不到打印文档 ${job.htmlPath}`);
    }
    const key = this.cache ? cacheKey({ html, assets: await this.assets(), chromium: this.chromiumVersion, printer: this.printer, meta: job.meta }) : '';
    await mkdir(dirname(job.outPath), { recursive: true });
    if (this.cache) {
      const hit = await this.cache.get(key, job.outPath);
      if (hit) return { label: job.label, ...hit, cached: true, prints: 0, ms: ms() };
    }

    let slot: Slot;
    try {
      slot = await this.acquire();
      tStart = performance.now(); // time in the queue is not this booklet's
    } catch (e) {
      throw e instanceof PrintError ? new PrintError(job.label, e.reason, { cause: e }) : e;
    }
    let broken = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, rej) => {
        timer = setTimeout(() => {
          broken = true;
          rej(new PrintError(job.label, `打印超时（超过 ${Math.round(this.timeoutMs / 1000)} 秒）`));
        }, this.timeoutMs);
      });
      const printing = slot.printer.print(job);
      // After a timeout the page is closed under it and it fails too; that is already reported.
      printing.catch(() => undefined);
      const outcome = await Promise.race([printing, timeout]);
      const tmp = `${job.outPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(tmp, outcome.pdf);
      await rename(tmp, job.outPath);
      const info = { pages: outcome.pages, tocPages: outcome.tocPages, blocked: outcome.blocked, pageSizes: outcome.pageSizes, ...(outcome.shrink ? { shrink: outcome.shrink } : {}) };
      // A cache that cannot be written only costs a print next time.
      if (this.cache) await this.cache.put(key, outcome.pdf, info).catch(() => undefined);
      return {
        label: job.label,
        ...info,
        cached: false,
        prints: outcome.prints,
        ms: ms(),
        phases: outcome.phases,
        ...(outcome.unpredicted ? { unpredicted: outcome.unpredicted } : {}),
        ...(outcome.shrink ? { shrink: outcome.shrink } : {}),
      };
    } catch (e) {
      broken ||= slot.printer.isCrashed;
      if (this.died) throw new PrintError(job.label, this.died, { cause: e });
      if (e instanceof PrintError) throw e;
      throw new PrintError(job.label, `打印失败：${(e as Error).message}`, { cause: e });
    } finally {
      clearTimeout(timer);
      this.release(slot, broken);
    }
  }

  /** Closes the browser (always kills it if closing hangs), removes the profile, prunes the cache. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiting.splice(0)) w(new PrintError('', '打印池已关闭'));
    try {
      await Promise.race([this.browser.close(), new Promise((res) => setTimeout(res, 5000).unref())]);
    } finally {
      this.guard.kill();
      this.guard.release();
      await this.server.close();
      await this.cache?.prune().catch(() => undefined);
    }
  }
}
