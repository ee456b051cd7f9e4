/**
 * Publishing a finished build: each build becomes a release folder under the target, and one
 * symbolic link says which release is live. The web server serves `<target>/current`.
 *
 *   <target>/
 *     current -> releases/<id>      the live site (a relative symlink; switched by rename(2))
 *     releases/<id>/                one complete, verified copy of a build per release
 *     releases/<id>.tmp-<pid>/      a copy in progress (removed by the next publish if left over)
 *     publish-log.json              the releases in publication order, and every switch
 *     .publish-lock                 held while a publish or rollback runs (pid, host)
 *
 *   publish:  lock ─▶ tidy (stale temp folders; log ⇄ releases/) ─▶ read SHA256SUMS of the build
 *             ─▶ list the build (every file listed, nothing else, no symlinks)
 *             ─▶ copy to releases/<id>.tmp-<pid> (plain copies, so another filesystem is fine;
 *                never hard links), each copy read back, hashed and fsynced
 *             ─▶ compare with SHA256SUMS ─▶ rename to releases/<id>
 *             ─▶ current.tmp -> releases/<id>, rename over current (atomic) ─▶ log ─▶ prune
 *   rollback: lock ─▶ tidy ─▶ current := the release before it in the log (atomic the same way)
 *
 * Release id: `YYYYMMDD-HHMMSS-<first 8 hex of the SHA-256 of the build's SHA256SUMS>`, the time
 * in UTC from the clock (the moment of publication, not part of the build). The hash names the
 * build: publishing the build that is already live changes nothing.
 *
 * Until the rename over `current`, the live site is untouched: a publish that fails or is killed
 * leaves `current`, the live release and the log as they were, and its temporary folder is removed
 * (or, after a kill, by the next publish). After the switch only bookkeeping remains; a crash there
 * leaves a release the log does not know, which the next publish or rollback adds back to the log
 * (ordered by the time in its id). Files and folders are fsynced before the switch, so a power
 * failure cannot make `current` point at a partly written release.
 *
 * "The release before" is the newest earlier release in the log that was not itself rolled back:
 * after A, B, C, a rollback to B, then D, rolling back D returns to B, not to the bad C. Pruning
 * keeps the last N releases and never removes the live one or the one a rollback would return to.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  constants as fsConstants,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { CHECKSUMS } from '../site/checksums.ts';
import { sha256 } from '../util/files.ts';
import { processAlive } from '../util/process.ts';

/** Written last by the build (build-site.ts writeChecksums): "<sha256>  <path>" per file. */
export { CHECKSUMS } from '../site/checksums.ts';
/** The build's index of booklets (build-site.ts bookletsJson). */
const INDEX = 'booklets.json';
export const RELEASES = 'releases';
export const CURRENT = 'current';
export const LOG = 'publish-log.json';
const LOCK = '.publish-lock';
const CURRENT_TMP = 'current.tmp';
const DEFAULT_KEEP = 5;
/** The switches kept in the log: enough to see what was live when, without growing forever. */
const HISTORY_KEPT = 100;

const ID = /^\d{8}-\d{6}-[0-9a-f]{8}(?:-\d+)?$/;
const TMP = /\.tmp-\d+$/;

/** A user-facing failure: the message is Chinese and complete; no stack trace is shown. */
export class PublishError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PublishError';
  }
}

export interface ReleaseEntry {
  id: string;
  /** ISO time (UTC) of publication. */
  publishedAt: string;
  /** Absolute path of the build folder it was copied from (its own folder, for a release added back by tidying). */
  source: string;
  /** Files in the release, SHA256SUMS included. */
  files: number;
  bytes: number;
  /** SHA-256 of the build's SHA256SUMS: the identity of the build. */
  sha256: string;
  /** Set when a rollback left this release; a later rollback does not return to it. */
  rolledBackAt?: string;
}

export interface SwitchEntry {
  at: string;
  action: 'publish' | 'rollback';
  release: string;
  /** The release that was live before, or null. */
  previous: string | null;
}

export interface PublishLog {
  format: 1;
  releases: ReleaseEntry[];
  history: SwitchEntry[];
}

export interface PublishHooks {
  /** After each file is copied into the temporary folder (tests interrupt a publish here). */
  afterCopy?: (path: string, count: number) => void;
  /** After the release is complete, verified and renamed, before `current` is switched. */
  beforeSwitch?: (releaseDir: string) => void;
}

export interface PublishOptions {
  target: string;
  /** The build folder (npm run build writes _site/). */
  from: string;
  /** Releases kept (at least 2); the live one and the rollback target are always kept. */
  keep?: number;
  now?: () => Date;
  hooks?: PublishHooks;
}

export interface PublishResult {
  status: 'published' | 'unchanged';
  target: string;
  release: ReleaseEntry;
  /** The release that was live before, if any. */
  previous: string | null;
  /** Where a rollback would go now. */
  rollbackTo: string | null;
  removed: string[];
  /** What tidying did: stale temporary folders, releases added back to or dropped from the log. */
  notes: string[];
  /** Problems after the switch (the new release is live regardless). */
  warnings: string[];
}

export interface RollbackResult {
  target: string;
  from: string;
  to: string;
  rollbackTo: string | null;
  notes: string[];
  warnings: string[];
}

// ─── small fs helpers ───────────────────────────────────────────────────────────────────────────

/** SHA-256 and size of a file, read in chunks; with `sync`, fsynced through the same descriptor. */
function hashFile(path: string, sync = false): { hash: string; bytes: number } {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1 << 20);
    let bytes = 0;
    for (let n: number; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; bytes += n) hash.update(buffer.subarray(0, n));
    if (sync) fsyncSync(fd);
    return { hash: hash.digest('hex'), bytes };
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a file whole or not at all: a temporary file, fsynced, renamed over the old one. */
function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text);
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The real path of a path that may not exist yet (its nearest existing ancestor resolved). */
function realPath(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(realPath(parent), basename(path));
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Points `<target>/current` at a release: a new symlink renamed over the old one (atomic). */
function switchCurrent(target: string, id: string): void {
  const tmp = join(target, CURRENT_TMP);
  rmSync(tmp, { force: true });
  symlinkSync(`${RELEASES}/${id}`, tmp);
  renameSync(tmp, join(target, CURRENT));
  fsyncDir(target);
}

// ─── the build ──────────────────────────────────────────────────────────────────────────────────

interface Listed {
  path: string;
  hash: string;
}

/** Parses SHA256SUMS (sha256sum's text or binary line format); paths must stay inside the build. */
export function parseChecksums(text: string): Listed[] {
  const out: Listed[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    const where = `${CHECKSUMS} 第 ${i + 1} 行`;
    if (!m) throw new PublishError(`${where}格式不对（应为“64 位十六进制 SHA-256、两个空格、文件路径”）：${JSON.stringify(line.slice(0, 120))}。请重新运行 npm run build。`);
    const path = m[2]!;
    const parts = path.split('/');
    if (path.startsWith('/') || path.includes('\\') || path.includes('\r') || parts.some((p) => p === '' || p === '.' || p === '..')) {
      throw new PublishError(`${where}的路径 ${JSON.stringify(path)} 不在构建文件夹之内或写法不对。`);
    }
    if (path === CHECKSUMS) throw new PublishError(`${where}列出了 ${CHECKSUMS} 自己。`);
    if (seen.has(path)) throw new PublishError(`${where}重复列出了 ${path}。`);
    seen.add(path);
    out.push({ path, hash: m[1]! });
  });
  if (!out.length) throw new PublishError(`${CHECKSUMS} 是空的：这不是一个完整的构建，请先运行 npm run build。`);
  return out;
}

function corrupted(files: string[]): PublishError {
  return new PublishError(
    `构建已损坏：${listShort(files)} 的内容与 ${CHECKSUMS} 不符（共 ${files.length} 个文件）。没有发布，网站仍是原来的版本。请重新运行 npm run build。`,
  );
}

/** Every file and folder under a build (paths with /), refusing links and special files. */
function listBuild(dir: string): { files: string[]; dirs: string[] } {
  const files: string[] = [];
  const dirs: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, path));
      if (st.isSymbolicLink()) throw new PublishError(`构建中有符号链接 ${path}：发布只复制普通文件，请检查构建文件夹。`);
      if (st.isDirectory()) {
        dirs.push(path);
        walk(path);
      } else if (st.isFile()) files.push(path);
      else throw new PublishError(`构建中有不是普通文件的 ${path}，无法发布。`);
    }
  };
  walk('');
  return { files, dirs };
}

function listShort(items: string[], max = 10): string {
  return items.slice(0, max).join('、') + (items.length > max ? ` 等 ${items.length} 个` : '');
}

// ─── the target ─────────────────────────────────────────────────────────────────────────────────

function checkTarget(target: string): void {
  if (existsSync(target) && !isDir(target)) throw new PublishError(`发布目标 ${target} 不是文件夹。`);
  if (!existsSync(target)) {
    mkdirSync(target, { recursive: true });
    return;
  }
  const entries = readdirSync(target);
  const ours = [RELEASES, CURRENT, LOG, LOCK].some((name) => entries.includes(name));
  if (!ours && entries.length) {
    throw new PublishError(
      `发布目标 ${target} 不是空文件夹，也不是发布用的文件夹（没有 ${RELEASES}/ 和 ${CURRENT}）。为免覆盖其中的文件，请指定一个新的或空的文件夹。`,
    );
  }
  const current = lstatOrUndefined(join(target, CURRENT));
  if (current && !current.isSymbolicLink()) {
    throw new PublishError(`${join(target, CURRENT)} 不是符号链接：它不是由发布建立的，请移走它后再发布。`);
  }
  if (entries.includes(RELEASES) && !isDir(join(target, RELEASES))) throw new PublishError(`${join(target, RELEASES)} 不是文件夹。`);
}

/** The live release id, or null when nothing was published yet. */
export function currentRelease(target: string): string | null {
  const link = lstatOrUndefined(join(target, CURRENT));
  if (!link) return null;
  if (!link.isSymbolicLink()) throw new PublishError(`${join(target, CURRENT)} 不是符号链接。`);
  const to = readlinkSync(join(target, CURRENT));
  const m = new RegExp(`^(?:\\./)?${RELEASES}/([^/]+)/?$`).exec(to);
  if (!m || !ID.test(m[1]!)) throw new PublishError(`${join(target, CURRENT)} 指向 ${to}，不是由发布建立的链接（应指向 ${RELEASES}/<版本>）。`);
  return m[1]!;
}

function readLog(target: string): PublishLog {
  const path = join(target, LOG);
  if (!existsSync(path)) return { format: 1, releases: [], history: [] };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new PublishError(
      `发布记录 ${path} 无法读取（不是有效的 JSON：${e instanceof Error ? e.message : String(e)}）。可以删除它：下次发布会按 ${RELEASES}/ 中的文件夹重建记录。`,
    );
  }
  const log = value as Partial<PublishLog>;
  if (!log || log.format !== 1 || !Array.isArray(log.releases) || !Array.isArray(log.history)) {
    throw new PublishError(`发布记录 ${path} 的格式不对。可以删除它：下次发布会按 ${RELEASES}/ 中的文件夹重建记录。`);
  }
  return log as PublishLog;
}

/** The time in a release id, as ISO. */
function idTime(id: string): string {
  return `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}T${id.slice(9, 11)}:${id.slice(11, 13)}:${id.slice(13, 15)}.000Z`;
}

function releaseId(now: Date, sumsHash: string): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${sumsHash.slice(0, 8)}`;
}

/**
 * Removes what an interrupted run left (temporary release folders, current.tmp, a half-written
 * log) and makes the log agree with releases/: entries whose folder is gone are dropped; complete
 * release folders the log does not know (a crash after the rename) are added in time order.
 */
function tidy(target: string): { log: PublishLog; notes: string[] } {
  const notes: string[] = [];
  const releases = join(target, RELEASES);
  rmSync(join(target, CURRENT_TMP), { force: true });
  rmSync(join(target, `${LOG}.tmp`), { force: true });
  const names = isDir(releases) ? readdirSync(releases).sort() : [];
  for (const name of names.filter((n) => TMP.test(n))) {
    rmSync(join(releases, name), { recursive: true, force: true });
    notes.push(`删除了上次中断的发布留下的临时文件夹 ${RELEASES}/${name}。`);
  }
  const log = readLog(target);
  const present = new Set(names.filter((n) => ID.test(n) && isDir(join(releases, n))));
  const gone = log.releases.filter((r) => !present.has(r.id));
  if (gone.length) {
    log.releases = log.releases.filter((r) => present.has(r.id));
    notes.push(`发布记录中的 ${listShort(gone.map((r) => r.id))} 的文件夹已不存在，已从记录中删除。`);
  }
  const known = new Set(log.releases.map((r) => r.id));
  for (const id of [...present].filter((n) => !known.has(n))) {
    const dir = join(releases, id);
    const sums = join(dir, CHECKSUMS);
    const { files } = listBuild(dir);
    const entry: ReleaseEntry = {
      id,
      publishedAt: idTime(id),
      source: dir,
      files: files.length,
      bytes: files.reduce((sum, f) => sum + statSync(join(dir, ...f.split('/'))).size, 0),
      sha256: existsSync(sums) ? sha256(readFileSync(sums)) : '',
    };
    const at = log.releases.findIndex((r) => r.publishedAt > entry.publishedAt);
    log.releases.splice(at < 0 ? log.releases.length : at, 0, entry);
    notes.push(`${RELEASES}/${id} 不在发布记录中（上次发布在切换后中断），已补入记录。`);
  }
  return { log, notes };
}

/** The release a rollback from `id` returns to: the newest earlier one not itself rolled back. */
function releaseBefore(log: PublishLog, id: string | null): string | null {
  if (id === null) return null;
  const i = log.releases.findIndex((r) => r.id === id);
  for (let j = i - 1; j >= 0; j--) {
    if (!log.releases[j]!.rolledBackAt) return log.releases[j]!.id;
  }
  return null;
}

// ─── the lock ───────────────────────────────────────────────────────────────────────────────────


/** Holds `<target>/.publish-lock` while `fn` runs; a lock whose process is gone is taken over. */
function withLock<T>(target: string, fn: () => T): T {
  const path = join(target, LOCK);
  const text = `${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, text, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      const [pidText = '', host] = readFileSync(path, 'utf8').split('\n');
      const pid = Number(pidText);
      const dead = host === hostname() && Number.isInteger(pid) && pid > 0 && !processAlive(pid);
      // A lock without a pid was cut short between its creation and its one write: stale once old.
      const unreadable = !/^\d+$/.test(pidText) && Date.now() - statSync(path).mtimeMs > 10_000;
      if (dead || unreadable) {
        unlinkSync(path);
        continue;
      }
      throw new PublishError(
        `另一个发布或回退正在进行（进程 ${pidText}${host && host !== hostname() ? `，主机 ${host}` : ''}），请等它结束。如果确定没有，请删除 ${path} 后重试。`,
      );
    }
  }
  try {
    return fn();
  } finally {
    rmSync(path, { force: true });
  }
}

// ─── publish and rollback ──────────────────────────────────────────────────────────────────────

interface Build {
  /** path → SHA-256 listed in SHA256SUMS */
  hashes: Map<string, string>;
  sumsHash: string;
  files: string[];
  dirs: string[];
}

function readBuild(from: string): Build {
  if (!isDir(from)) throw new PublishError(`找不到构建文件夹 ${from}，请先运行 npm run build。`);
  const sumsPath = join(from, CHECKSUMS);
  if (!existsSync(sumsPath)) throw new PublishError(`这不是一个完整的构建（缺少 ${CHECKSUMS}），请先运行 npm run build。`);
  const sumsBytes = readFileSync(sumsPath);
  const listed = parseChecksums(sumsBytes.toString('utf8'));
  const { files, dirs } = listBuild(from);
  const inBuild = new Set(files);
  const inSums = new Set(listed.map((l) => l.path));
  const missing = listed.filter((l) => !inBuild.has(l.path)).map((l) => l.path);
  const extra = files.filter((f) => f !== CHECKSUMS && !inSums.has(f));
  if (missing.length) throw new PublishError(`构建不完整：${CHECKSUMS} 列出的 ${listShort(missing)} 不存在。请重新运行 npm run build。`);
  if (extra.length) throw new PublishError(`构建中的 ${listShort(extra)} 不在 ${CHECKSUMS} 中：构建不完整或被改动过。请重新运行 npm run build。`);
  // Every booklet's PDF must be there: a preview built with --no-pdf would publish dead links.
  if (inSums.has(INDEX)) {
    let index: Array<{ pdf?: unknown }> = [];
    try {
      index = JSON.parse(readFileSync(join(from, INDEX), 'utf8')) as Array<{ pdf?: unknown }>;
    } catch {
      throw new PublishError(`构建中的 ${INDEX} 无法读取，请重新运行 npm run build。`);
    }
    const noPdf = index.flatMap((b) => (typeof b.pdf === 'string' && !inSums.has(b.pdf) ? [b.pdf] : []));
    if (noPdf.length) {
      throw new PublishError(`这个构建缺少 ${noPdf.length} 本公开册的 PDF（${listShort(noPdf)}），可能是用 --no-pdf 生成的预览。请运行 npm run build 后再发布。`);
    }
  }
  return { hashes: new Map(listed.map((l) => [l.path, l.hash])), sumsHash: sha256(sumsBytes), files, dirs };
}

/** Installs the build as a new release and makes it live; see the module comment. */
export function publish(options: PublishOptions): PublishResult {
  const keep = options.keep ?? DEFAULT_KEEP;
  if (!Number.isInteger(keep) || keep < 2) throw new PublishError(`--keep 至少为 2（当前版本和可回退的上一版本），实际是 ${keep}。`);
  const now = options.now ?? (() => new Date());
  const hooks = options.hooks ?? {};
  const target = resolve(options.target);
  const from = resolve(options.from);
  if (isDir(from)) {
    const [f, t] = [realpathSync(from), realPath(target)];
    if (t === f || t.startsWith(f + sep)) throw new PublishError(`发布目标 ${target} 不能在构建文件夹 ${from} 之中。`);
  }
  // Read the build before touching the target: a build that cannot be published changes nothing.
  const build = readBuild(from);
  const targetExisted = existsSync(target);
  checkTarget(target);
  try {
    return withLock(target, () => install(target, from, build, keep, now, hooks));
  } catch (e) {
    // A refused publish into a folder it created leaves no empty folder behind.
    if (!targetExisted) rmEmpty(join(target, RELEASES), target);
    throw e;
  }
}

function rmEmpty(...dirs: string[]): void {
  for (const dir of dirs) {
    try {
      if (isDir(dir) && !readdirSync(dir).length) rmSync(dir, { recursive: true });
    } catch {
      // best effort: an empty folder left behind is harmless
    }
  }
}

/** Under the lock: tidy, copy, verify, switch, log, prune. */
function install(target: string, from: string, build: Build, keep: number, now: () => Date, hooks: PublishHooks): PublishResult {
  const { log, notes } = tidy(target);
  const live = currentRelease(target);
  const liveEntry = log.releases.find((r) => r.id === live);
  if (liveEntry && liveEntry.sha256 === build.sumsHash) {
    // The same SHA256SUMS as the live release: nothing to copy, but a file edited in the build
    // since is still a corrupted build, not "unchanged".
    const mismatched = build.files.filter((f) => f !== CHECKSUMS && hashFile(join(from, ...f.split('/'))).hash !== build.hashes.get(f));
    if (mismatched.length) throw corrupted(mismatched);
    if (notes.length) writeAtomic(join(target, LOG), JSON.stringify(log, null, 2) + '\n');
    return { status: 'unchanged', target, release: liveEntry, previous: live, rollbackTo: releaseBefore(log, live), removed: [], notes, warnings: [] };
  }
  const time = now();
  let id = releaseId(time, build.sumsHash);
  for (let n = 2; existsSync(join(target, RELEASES, id)); n++) id = `${releaseId(time, build.sumsHash)}-${n}`;
  const releases = join(target, RELEASES);
  mkdirSync(releases, { recursive: true });
  const tmp = join(releases, `${id}.tmp-${process.pid}`);
  const final = join(releases, id);
  let finalCreated = false;
  let bytes = 0;
  try {
    mkdirSync(tmp);
    for (const d of build.dirs) mkdirSync(join(tmp, ...d.split('/')));
    const mismatched: string[] = [];
    build.files.forEach((f, i) => {
      const src = join(from, ...f.split('/'));
      const dst = join(tmp, ...f.split('/'));
      // A plain copy (copy_file_range or read/write): works across filesystems, never a hard link.
      copyFileSync(src, dst, fsConstants.COPYFILE_EXCL);
      // Keep the build's times (web servers send them as Last-Modified); seconds, to the microsecond.
      const st = statSync(src);
      utimesSync(dst, st.atimeMs / 1000, st.mtimeMs / 1000);
      const got = hashFile(dst, true);
      bytes += got.bytes;
      if (f !== CHECKSUMS && got.hash !== build.hashes.get(f)) mismatched.push(f);
      hooks.afterCopy?.(f, i + 1);
    });
    if (mismatched.length) throw corrupted(mismatched);
    for (const d of [...build.dirs].reverse()) fsyncDir(join(tmp, ...d.split('/')));
    fsyncDir(tmp);
    renameSync(tmp, final);
    finalCreated = true;
    fsyncDir(releases);
    hooks.beforeSwitch?.(final);
    switchCurrent(target, id);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (finalCreated) rmSync(final, { recursive: true, force: true });
    throw e;
  }
  // Live from here on: what follows is bookkeeping, and its failures are warnings.
  const warnings: string[] = [];
  const entry: ReleaseEntry = { id, publishedAt: time.toISOString(), source: from, files: build.files.length, bytes, sha256: build.sumsHash };
  log.releases.push(entry);
  log.history.push({ at: entry.publishedAt, action: 'publish', release: id, previous: live });
  log.history = log.history.slice(-HISTORY_KEPT);
  const rollbackTo = releaseBefore(log, id);
  const protectedIds = new Set([id, rollbackTo, ...log.releases.slice(-keep).map((r) => r.id)]);
  const removed = log.releases.filter((r) => !protectedIds.has(r.id)).map((r) => r.id);
  log.releases = log.releases.filter((r) => protectedIds.has(r.id));
  try {
    writeAtomic(join(target, LOG), JSON.stringify(log, null, 2) + '\n');
  } catch (e) {
    warnings.push(`发布记录 ${join(target, LOG)} 未能写入（${describeError(e)}）；下次发布会按 ${RELEASES}/ 补全记录。`);
  }
  for (const r of removed) {
    try {
      rmSync(join(releases, r), { recursive: true, force: true });
    } catch (e) {
      warnings.push(`旧版本 ${RELEASES}/${r} 未能删除（${describeError(e)}）。`);
    }
  }
  return { status: 'published', target, release: entry, previous: live, rollbackTo, removed, notes, warnings };
}

/** Makes the release before the live one live again; see the module comment. */
export function rollback(options: { target: string; now?: () => Date }): RollbackResult {
  const now = options.now ?? (() => new Date());
  const target = resolve(options.target);
  if (!isDir(target)) throw new PublishError(`发布目标 ${target} 不存在，还没有发布过，无法回退。`);
  checkTarget(target);
  return withLock(target, () => {
    const { log, notes } = tidy(target);
    const live = currentRelease(target);
    if (live === null) throw new PublishError(`${target} 还没有发布过任何版本，无法回退。`);
    if (!log.releases.some((r) => r.id === live)) throw new PublishError(`${join(target, CURRENT)} 指向的 ${live} 不在发布记录中，无法确定上一版本。`);
    const to = releaseBefore(log, live);
    if (to === null) throw new PublishError(`没有可回退的版本：当前版本 ${live} 之前没有其他版本（或都已回退过）。网站保持不变。`);
    switchCurrent(target, to);
    const warnings: string[] = [];
    const at = now().toISOString();
    log.releases.find((r) => r.id === live)!.rolledBackAt = at;
    log.history.push({ at, action: 'rollback', release: to, previous: live });
    log.history = log.history.slice(-HISTORY_KEPT);
    try {
      writeAtomic(join(target, LOG), JSON.stringify(log, null, 2) + '\n');
    } catch (e) {
      warnings.push(`发布记录 ${join(target, LOG)} 未能写入（${describeError(e)}）。`);
    }
    return { target, from: live, to, rollbackTo: releaseBefore(log, to), notes, warnings };
  });
}

// ─── messages ───────────────────────────────────────────────────────────────────────────────────

const ERRNO_ZH: Record<string, string> = {
  EACCES: '没有权限',
  EPERM: '没有权限',
  ENOSPC: '磁盘空间不足',
  EDQUOT: '超出磁盘配额',
  EROFS: '文件系统只读',
  ENOENT: '文件或文件夹不存在',
  ENOTDIR: '路径中有一项不是文件夹',
  EIO: '读写出错',
  EMFILE: '打开的文件太多',
};

/** A system error as one Chinese phrase with its code and path. */
export function describeError(e: unknown): string {
  if (e instanceof PublishError) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') return `${ERRNO_ZH[err.code] ?? '系统错误'}：${err.code}${err.path ? ` ${err.path}` : ''}`;
  return e instanceof Error ? e.message : String(e);
}

function liveLines(target: string, id: string): string[] {
  const current = join(target, CURRENT);
  return [
    `网站目录：${current} → ${RELEASES}/${id}`,
    `  网站服务器（例如 nginx 的 root）请指向 ${current}，以后每次发布都会自动切换。`,
    `  主机不能使用符号链接时（例如用 FTP 上传），请上传 ${join(target, RELEASES, id)}${sep} 中的全部文件。`,
  ];
}

export function formatPublishResult(r: PublishResult): string {
  const lines = [...r.notes];
  if (r.status === 'unchanged') {
    lines.push(`当前上线的版本 ${r.release.id} 就是这个构建（${CHECKSUMS} 相同），没有改动。`);
    lines.push(...liveLines(r.target, r.release.id));
  } else {
    lines.push(`已发布版本 ${r.release.id}：${r.release.files} 个文件，已按 ${CHECKSUMS} 逐一校验。${r.previous ? `上一版本是 ${r.previous}。` : ''}`);
    lines.push(...liveLines(r.target, r.release.id));
    if (r.removed.length) lines.push(`删除了旧版本 ${r.removed.join('、')}。`);
  }
  if (r.rollbackTo) lines.push(`如需回退到 ${r.rollbackTo}：npm run publish -- ${r.target} --rollback`);
  lines.push(...r.warnings.map((w) => `注意：${w}`));
  return lines.join('\n') + '\n';
}

export function formatRollbackResult(r: RollbackResult): string {
  const lines = [...r.notes, `已回退：网站从 ${r.from} 回到 ${r.to}。`, ...liveLines(r.target, r.to)];
  lines.push(r.rollbackTo ? `再次回退将回到 ${r.rollbackTo}。` : '这是最早的可用版本，不能再回退。');
  lines.push(...r.warnings.map((w) => `注意：${w}`));
  return lines.join('\n') + '\n';
}

/** For tests and tools: the release folders present under a target. */
export function listReleases(target: string): string[] {
  const dir = join(target, RELEASES);
  return isDir(dir) ? readdirSync(dir).sort() : [];
}
