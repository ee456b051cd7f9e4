/**
 * `npm run publish` (scripts/lib/edit/publish.ts) on small fake builds: a few files and a SHA256SUMS
 * computed here with node:crypto, independently of the code under test. Release ids are computed
 * here too, from a fixed clock: `YYYYMMDD-HHMMSS-<first 8 hex of sha256(SHA256SUMS)>`.
 * "Nothing changed" is checked on a full snapshot of the target: every path, every file's bytes,
 * every symlink's text.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatPublishResult,
  formatRollbackResult,
  publish,
  PublishError,
  rollback,
  type PublishLog,
  type PublishOptions,
} from '../../scripts/lib/edit/publish.ts';

const root = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-publish-'));
const STACK = /^\s+at \S/m;
let serial = 0;
const fresh = (name: string) => join(tmp, `${name}-${++serial}`);

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

interface Build {
  dir: string;
  files: Record<string, string>;
  sums: string;
}

/** A build folder: the files, then SHA256SUMS ("<sha256>  <path>", sorted by path) written last. */
function makeBuild(files: Record<string, string>, options: { sums?: boolean } = {}): Build {
  const dir = fresh('build');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const sums = Object.keys(files)
    .sort()
    .map((p) => `${sha256(files[p]!)}  ${p}\n`)
    .join('');
  if (options.sums !== false) writeFileSync(join(dir, 'SHA256SUMS'), sums);
  return { dir, files, sums };
}

/** Build number n: distinct content in a few folders, a Chinese file name. */
const version = (n: number) =>
  makeBuild({
    'index.html': `<h1>版本 ${n}</h1>\n`,
    'assets/site.css': 'body { margin: 0 }\n',
    'sixian-ybj/2024-budget.html': `<p>泗县 ${n}</p>\n`,
    '泗县/说明.txt': `第 ${n} 版\n`,
  });

/** A clock that advances one minute per call from 2025-03-01 08:00:00 UTC. */
function clock(): () => Date {
  let minute = 0;
  return () => new Date(Date.UTC(2025, 2, 1, 8, minute++, 0));
}
const idAt = (minute: number, b: Build) => `20250301-08${String(minute).padStart(2, '0')}00-${sha256(b.sums).slice(0, 8)}`;

/** Every path under a folder with its bytes (files) or link text (symlinks), in sorted order. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, path));
      if (st.isSymbolicLink()) out[path] = `-> ${readlinkSync(join(dir, path))}`;
      else if (st.isDirectory()) {
        out[path + '/'] = '';
        walk(path);
      } else out[path] = readFileSync(join(dir, path)).toString('base64');
    }
  };
  if (existsSync(dir)) walk('');
  return out;
}

/** The files of the live site, read through current, as text. */
function live(target: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(target, 'current', rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(target, 'current', path)).isDirectory()) walk(path);
      else out[path] = readFileSync(join(target, 'current', path), 'utf8');
    }
  };
  walk('');
  return out;
}

/** What a release must hold: the build's files and its SHA256SUMS. */
const contentOf = (b: Build) => ({ ...b.files, SHA256SUMS: b.sums });

const releases = (target: string) => readdirSync(join(target, 'releases')).sort();
const currentLink = (target: string) => readlinkSync(join(target, 'current'));
const readLog = (target: string) => JSON.parse(readFileSync(join(target, 'publish-log.json'), 'utf8')) as PublishLog;

/** Runs fn and returns the PublishError message it throws. */
function refused(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.instance(e, PublishError, String(e));
    assert.not.match((e as Error).message, STACK);
    return (e as Error).message;
  }
  assert.unreachable('expected a PublishError');
  return '';
}

const opts = (target: string, b: Build, now: () => Date, extra: Partial<PublishOptions> = {}): PublishOptions => ({ target, from: b.dir, now, ...extra });

// ─── publish ────────────────────────────────────────────────────────────────────────────────────

test('publish twice: current points at the second release, the first is kept, the log lists both', () => {
  const target = fresh('site');
  const now = clock();
  const [a, b] = [version(1), version(2)];
  const r1 = publish(opts(target, a, now));
  assert.is(r1.status, 'published');
  assert.is(r1.release.id, idAt(0, a));
  assert.is(r1.previous, null);
  assert.is(currentLink(target), `releases/${idAt(0, a)}`, 'a relative link');
  assert.equal(live(target), contentOf(a));

  const r2 = publish(opts(target, b, now));
  assert.is(r2.release.id, idAt(1, b));
  assert.is(r2.previous, idAt(0, a));
  assert.is(r2.rollbackTo, idAt(0, a));
  assert.is(currentLink(target), `releases/${idAt(1, b)}`);
  assert.equal(live(target), contentOf(b));
  assert.equal(releases(target), [idAt(0, a), idAt(1, b)].sort());
  assert.equal(snapshot(join(target, 'releases', idAt(0, a))), snapshot(a.dir), 'the first release is intact');

  const log = readLog(target);
  assert.equal(log.releases, [
    { id: idAt(0, a), publishedAt: '2025-03-01T08:00:00.000Z', source: a.dir, files: 5, bytes: Buffer.byteLength(Object.values(contentOf(a)).join('')), sha256: sha256(a.sums) },
    { id: idAt(1, b), publishedAt: '2025-03-01T08:01:00.000Z', source: b.dir, files: 5, bytes: Buffer.byteLength(Object.values(contentOf(b)).join('')), sha256: sha256(b.sums) },
  ]);
  assert.equal(log.history, [
    { at: '2025-03-01T08:00:00.000Z', action: 'publish', release: idAt(0, a), previous: null },
    { at: '2025-03-01T08:01:00.000Z', action: 'publish', release: idAt(1, b), previous: idAt(0, a) },
  ]);
  assert.equal(readdirSync(target).sort(), ['current', 'publish-log.json', 'releases'], 'no lock, no temporary link left');
});

test('the Chinese report names the live folder, the release folder for hosts without symlinks, and the rollback', () => {
  const target = fresh('site');
  const now = clock();
  const [a, b] = [version(1), version(2)];
  publish(opts(target, a, now));
  const r = publish(opts(target, b, now));
  const [ida, idb] = [idAt(0, a), idAt(1, b)];
  assert.is(
    formatPublishResult(r),
    [
      `已发布版本 ${idb}：5 个文件，已按 SHA256SUMS 逐一校验。上一版本是 ${ida}。`,
      `网站目录：${target}/current → releases/${idb}`,
      `  网站服务器（例如 nginx 的 root）请指向 ${target}/current，以后每次发布都会自动切换。`,
      `  主机不能使用符号链接时（例如用 FTP 上传），请上传 ${target}/releases/${idb}/ 中的全部文件。`,
      `如需回退到 ${ida}：npm run publish -- ${target} --rollback`,
      '',
    ].join('\n'),
  );
});

test('publishing the live build again changes nothing', () => {
  const target = fresh('site');
  const now = clock();
  const a = version(1);
  publish(opts(target, a, now));
  const before = snapshot(target);
  const r = publish(opts(target, a, now));
  assert.is(r.status, 'unchanged');
  assert.is(r.release.id, idAt(0, a));
  assert.equal(snapshot(target), before);
  assert.match(formatPublishResult(r), `当前上线的版本 ${idAt(0, a)} 就是这个构建（SHA256SUMS 相同），没有改动。`);
});

test('seven publishes keep the last five; the log lists the same five', () => {
  const target = fresh('site');
  const now = clock();
  const builds = Array.from({ length: 7 }, (_, i) => version(i + 1));
  const removed = builds.map((b) => publish(opts(target, b, now)).removed);
  const ids = builds.map((b, i) => idAt(i, b));
  assert.equal(removed, [[], [], [], [], [], [ids[0]], [ids[1]]]);
  assert.equal(releases(target), ids.slice(2).sort());
  assert.equal(readLog(target).releases.map((r) => r.id), ids.slice(2));
  assert.is(currentLink(target), `releases/${ids[6]}`);
  assert.equal(live(target), contentOf(builds[6]!));
});

test('--keep: pruning never removes the live release or the one a rollback returns to', () => {
  const target = fresh('site');
  const now = clock();
  const [a, b, c, d] = [version(1), version(2), version(3), version(4)];
  publish(opts(target, a, now, { keep: 2 }));
  publish(opts(target, b, now, { keep: 2 }));
  assert.equal(publish(opts(target, c, now, { keep: 2 })).removed, [idAt(0, a)]);
  rollback({ target, now }); // minute 3: c is rolled back, b is live
  const r = publish(opts(target, d, now, { keep: 2 })); // minute 4
  assert.is(r.rollbackTo, idAt(1, b), 'the rollback target skips the rolled-back c');
  assert.equal(r.removed, [], 'b is protected although it is not among the last two');
  assert.equal(releases(target), [idAt(1, b), idAt(2, c), idAt(4, d)].sort());
  assert.throws(() => publish(opts(target, version(5), now, { keep: 1 })), /--keep 至少为 2/);
});

// ─── rollback ───────────────────────────────────────────────────────────────────────────────────

test('rollback: one step back, byte for byte; the rolled-back release is skipped afterwards', () => {
  const target = fresh('site');
  const now = clock();
  const [a, b, c] = [version(1), version(2), version(3)];
  publish(opts(target, a, now));
  publish(opts(target, b, now));
  const r = rollback({ target, now }); // minute 2
  assert.equal([r.from, r.to, r.rollbackTo], [idAt(1, b), idAt(0, a), null]);
  assert.is(currentLink(target), `releases/${idAt(0, a)}`);
  assert.equal(live(target), contentOf(a));
  assert.equal(releases(target), [idAt(0, a), idAt(1, b)].sort(), 'nothing deleted');
  const log = readLog(target);
  assert.is(log.releases[1]!.rolledBackAt, '2025-03-01T08:02:00.000Z');
  assert.equal(log.history.at(-1), { at: '2025-03-01T08:02:00.000Z', action: 'rollback', release: idAt(0, a), previous: idAt(1, b) });
  assert.is(
    formatRollbackResult(r),
    [
      `已回退：网站从 ${idAt(1, b)} 回到 ${idAt(0, a)}。`,
      `网站目录：${target}/current → releases/${idAt(0, a)}`,
      `  网站服务器（例如 nginx 的 root）请指向 ${target}/current，以后每次发布都会自动切换。`,
      `  主机不能使用符号链接时（例如用 FTP 上传），请上传 ${target}/releases/${idAt(0, a)}/ 中的全部文件。`,
      '这是最早的可用版本，不能再回退。',
      '',
    ].join('\n'),
  );
  // a new publish after a rollback: rolling it back returns to a, not to the bad b
  const r3 = publish(opts(target, c, now)); // minute 3
  assert.is(r3.rollbackTo, idAt(0, a));
  assert.is(rollback({ target, now }).to, idAt(0, a));
  assert.equal(live(target), contentOf(a));
});

test('rollback with nothing to roll back: a Chinese refusal and no change', () => {
  const missing = fresh('site');
  assert.is(refused(() => rollback({ target: missing })), `发布目标 ${missing} 不存在，还没有发布过，无法回退。`);
  assert.not.ok(existsSync(missing));

  const empty = fresh('site');
  mkdirSync(empty);
  assert.is(refused(() => rollback({ target: empty })), `${empty} 还没有发布过任何版本，无法回退。`);
  assert.equal(snapshot(empty), {});

  const once = fresh('site');
  const now = clock();
  const a = version(1);
  publish(opts(once, a, now));
  const before = snapshot(once);
  assert.is(
    refused(() => rollback({ target: once, now })),
    `没有可回退的版本：当前版本 ${idAt(0, a)} 之前没有其他版本（或都已回退过）。网站保持不变。`,
  );
  assert.equal(snapshot(once), before);
});

// ─── interruptions and refusals ─────────────────────────────────────────────────────────────────

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a publish killed in the middle of the copy leaves the live site byte-identical; the next publish cleans up', async () => {
  const target = fresh('site');
  const [a, b] = [version(1), version(2)];
  publish(opts(target, a, clock()));
  const before = snapshot(target);
  const marker = join(fresh('marker'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test', 'edit', 'interrupt-child.ts'), target, b.dir, marker, '2'], {
    cwd: root,
    stdio: 'ignore',
  });
  try {
    await waitFor(() => existsSync(marker), 30_000);
  } finally {
    child.kill('SIGKILL');
  }
  await once(child, 'exit');
  const pid = Number(readFileSync(marker, 'utf8'));

  // The live site: same link, same files, same log; the half-copied folder and the lock remain.
  assert.is(currentLink(target), before['current']!.slice(3));
  assert.equal(live(target), contentOf(a));
  const after = snapshot(target);
  const leftovers = Object.keys(after).filter((p) => !(p in before));
  const tmpName = releases(target).find((n) => n.endsWith(`.tmp-${pid}`));
  assert.ok(tmpName, `a temporary folder of process ${pid}: ${releases(target).join(', ')}`);
  // stopped after two files (copied in sorted order, folders first): a real mid-copy state
  assert.equal(leftovers, [
    '.publish-lock',
    `releases/${tmpName}/`,
    `releases/${tmpName}/SHA256SUMS`,
    `releases/${tmpName}/assets/`,
    `releases/${tmpName}/assets/site.css`,
    `releases/${tmpName}/sixian-ybj/`,
    `releases/${tmpName}/泗县/`,
  ]);
  assert.is(readFileSync(join(target, '.publish-lock'), 'utf8').split('\n')[0], String(pid));
  for (const p of Object.keys(before)) assert.is(after[p], before[p], p);

  // The next publish takes over the dead process's lock and removes its folder.
  const r = publish(opts(target, b, clock()));
  assert.is(r.status, 'published');
  assert.equal(r.notes, [`删除了上次中断的发布留下的临时文件夹 releases/${tmpName}。`]);
  assert.equal(releases(target), [idAt(0, a), r.release.id].sort());
  assert.not.ok(existsSync(join(target, '.publish-lock')));
  assert.equal(live(target), contentOf(b));
});

test('a failure after the copy and before the switch leaves everything as it was', () => {
  const target = fresh('site');
  const [a, b] = [version(1), version(2)];
  const now = clock();
  publish(opts(target, a, now));
  const before = snapshot(target);
  let seen = false;
  assert.throws(
    () =>
      publish(
        opts(target, b, now, {
          hooks: {
            beforeSwitch: (dir) => {
              // the release is complete and in place, the site still the old one
              assert.equal(snapshot(dir), snapshot(b.dir));
              assert.equal(live(target), contentOf(a));
              seen = true;
              throw new Error('断电');
            },
          },
        }),
      ),
    /断电/,
  );
  assert.ok(seen);
  assert.equal(snapshot(target), before);
});

test('a corrupted build (a file that does not match SHA256SUMS) is refused and nothing changes', () => {
  const target = fresh('site');
  const now = clock();
  publish(opts(target, version(1), now));
  const before = snapshot(target);
  const bad = version(2);
  writeFileSync(join(bad.dir, '泗县', '说明.txt'), '改过了\n');
  assert.is(
    refused(() => publish(opts(target, bad, now))),
    '构建已损坏：泗县/说明.txt 的内容与 SHA256SUMS 不符（共 1 个文件）。没有发布，网站仍是原来的版本。请重新运行 npm run build。',
  );
  assert.equal(snapshot(target), before);

  // the same into a new folder leaves no folder behind
  const newTarget = fresh('site');
  refused(() => publish(opts(newTarget, bad, now)));
  assert.not.ok(existsSync(newTarget));
});

test('a build without the PDFs its booklets.json lists (a --no-pdf preview) is refused', () => {
  const target = fresh('site');
  const index = JSON.stringify([{ unit: '泗县医疗保障局', html: 'sixian/2024-budget.html', pdf: 'sixian/2024-budget.pdf' }]);
  const preview = makeBuild({ 'booklets.json': index, 'sixian/2024-budget.html': '<h1>预算</h1>\n' });
  assert.is(
    refused(() => publish(opts(target, preview, clock()))),
    '这个构建缺少 1 本公开册的 PDF（sixian/2024-budget.pdf），可能是用 --no-pdf 生成的预览。请运行 npm run build 后再发布。',
  );
  assert.not.ok(existsSync(target), 'nothing created');
  const full = makeBuild({ 'booklets.json': index, 'sixian/2024-budget.html': '<h1>预算</h1>\n', 'sixian/2024-budget.pdf': '%PDF-1.4\n' });
  publish(opts(target, full, clock()));
  assert.ok(existsSync(join(target, 'current', 'sixian/2024-budget.pdf')));
});

test('a build that is incomplete or has extra files is refused before anything is copied', () => {
  const target = fresh('site');
  const now = clock();
  publish(opts(target, version(1), now));
  const before = snapshot(target);

  const noSums = makeBuild({ 'index.html': 'x' }, { sums: false });
  assert.is(refused(() => publish(opts(target, noSums, now))), '这不是一个完整的构建（缺少 SHA256SUMS），请先运行 npm run build。');

  const extra = version(2);
  writeFileSync(join(extra.dir, 'assets', 'new.js'), 'alert(1)');
  assert.is(
    refused(() => publish(opts(target, extra, now))),
    '构建中的 assets/new.js 不在 SHA256SUMS 中：构建不完整或被改动过。请重新运行 npm run build。',
  );

  const missing = version(3);
  rmSync(join(missing.dir, 'index.html'));
  assert.is(refused(() => publish(opts(target, missing, now))), '构建不完整：SHA256SUMS 列出的 index.html 不存在。请重新运行 npm run build。');

  const escape = makeBuild({ 'index.html': 'x' });
  writeFileSync(join(escape.dir, 'SHA256SUMS'), `${sha256('x')}  ../index.html\n`);
  assert.is(refused(() => publish(opts(target, escape, now))), 'SHA256SUMS 第 1 行的路径 "../index.html" 不在构建文件夹之内或写法不对。');

  const linked = version(4);
  symlinkSync('/etc/passwd', join(linked.dir, 'passwd'));
  assert.is(refused(() => publish(opts(target, linked, now))), '构建中有符号链接 passwd：发布只复制普通文件，请检查构建文件夹。');

  assert.is(refused(() => publish({ target, from: join(tmp, 'no-such-build'), now })), `找不到构建文件夹 ${join(tmp, 'no-such-build')}，请先运行 npm run build。`);
  assert.equal(snapshot(target), before);
});

test('a target that is not ours is refused unless empty; a current that is not a link too', () => {
  const foreign = fresh('site');
  mkdirSync(foreign);
  writeFileSync(join(foreign, 'index.html'), '别人的网站');
  assert.is(
    refused(() => publish(opts(foreign, version(1), clock()))),
    `发布目标 ${foreign} 不是空文件夹，也不是发布用的文件夹（没有 releases/ 和 current）。为免覆盖其中的文件，请指定一个新的或空的文件夹。`,
  );
  assert.equal(snapshot(foreign), { 'index.html': Buffer.from('别人的网站').toString('base64') });

  const empty = fresh('site');
  mkdirSync(empty);
  assert.is(publish(opts(empty, version(1), clock())).status, 'published');

  const odd = fresh('site');
  mkdirSync(join(odd, 'current'), { recursive: true });
  assert.is(refused(() => publish(opts(odd, version(1), clock()))), `${join(odd, 'current')} 不是符号链接：它不是由发布建立的，请移走它后再发布。`);

  const b = version(1);
  assert.is(refused(() => publish({ target: join(b.dir, 'out'), from: b.dir })), `发布目标 ${join(b.dir, 'out')} 不能在构建文件夹 ${b.dir} 之中。`);
});

test('a publish already running holds the lock; a lock left by a dead process is taken over', () => {
  const target = fresh('site');
  const now = clock();
  publish(opts(target, version(1), now));
  writeFileSync(join(target, '.publish-lock'), `${process.pid}\n${hostname()}\n2025-03-01T00:00:00.000Z\n`);
  const before = snapshot(target);
  assert.is(
    refused(() => publish(opts(target, version(2), now))),
    `另一个发布或回退正在进行（进程 ${process.pid}），请等它结束。如果确定没有，请删除 ${join(target, '.publish-lock')} 后重试。`,
  );
  assert.equal(snapshot(target), before);

  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(join(target, '.publish-lock'), `${dead.stdout}\n${hostname()}\n2025-03-01T00:00:00.000Z\n`);
  assert.is(publish(opts(target, version(2), now)).status, 'published');
  assert.not.ok(existsSync(join(target, '.publish-lock')));
});

test('the release is a real copy: no hard links to the build, times kept, and a target on another filesystem works', () => {
  const b = version(1);
  // /dev/shm is usually a tmpfs, another filesystem than the temp folder of the builds.
  const other = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(b.dir).dev ? mkdtempSync('/dev/shm/gongkai-publish-') : fresh('same-fs');
  try {
    const target = join(other, 'site');
    const r = publish(opts(target, b, clock()));
    for (const path of Object.keys(contentOf(b))) {
      const src = statSync(join(b.dir, path));
      const dst = statSync(join(target, 'releases', r.release.id, path));
      assert.ok(src.ino !== dst.ino || src.dev !== dst.dev, `${path} is not the same inode`);
      assert.is(dst.nlink, 1, `${path} has no other link`);
      assert.ok(Math.abs(dst.mtimeMs - src.mtimeMs) < 0.001, `${path} keeps its modification time: ${dst.mtimeMs} / ${src.mtimeMs}`);
    }
    assert.equal(live(target), contentOf(b));
  } finally {
    rmSync(other, { recursive: true, force: true });
  }
});

test('an interrupted switch bookkeeping: a release missing from the log is added back, a deleted one dropped', () => {
  const target = fresh('site');
  const now = clock();
  const [a, b, c] = [version(1), version(2), version(3)];
  publish(opts(target, a, now));
  publish(opts(target, b, now));
  // as if the log write after b's switch never happened, and someone deleted a by hand
  const log = readLog(target);
  log.releases = log.releases.slice(0, 1);
  writeFileSync(join(target, 'publish-log.json'), JSON.stringify(log));
  rmSync(join(target, 'releases', idAt(0, a)), { recursive: true });
  const r = publish(opts(target, c, now));
  assert.equal(r.notes, [
    `发布记录中的 ${idAt(0, a)} 的文件夹已不存在，已从记录中删除。`,
    `releases/${idAt(1, b)} 不在发布记录中（上次发布在切换后中断），已补入记录。`,
  ]);
  assert.equal(readLog(target).releases.map((x) => x.id), [idAt(1, b), idAt(2, c)]);
  assert.is(r.rollbackTo, idAt(1, b));

  // a log that cannot be read is not guessed at; without it the releases are read back from releases/
  writeFileSync(join(target, 'publish-log.json'), '{"format": 1, "releases": [');
  const before = snapshot(target);
  const message = refused(() => rollback({ target, now }));
  assert.ok(message.startsWith(`发布记录 ${join(target, 'publish-log.json')} 无法读取（`), message);
  assert.ok(message.endsWith('）。可以删除它：下次发布会按 releases/ 中的文件夹重建记录。'), message);
  assert.equal(snapshot(target), before);
  rmSync(join(target, 'publish-log.json'));
  const back = rollback({ target, now });
  assert.equal([back.from, back.to], [idAt(2, c), idAt(1, b)]);
  assert.equal(readLog(target).releases.map((x) => [x.id, x.publishedAt, x.files, x.sha256]), [
    [idAt(1, b), '2025-03-01T08:01:00.000Z', 5, sha256(b.sums)],
    [idAt(2, c), '2025-03-01T08:02:00.000Z', 5, sha256(c.sums)],
  ]);
});

// ─── the command line ───────────────────────────────────────────────────────────────────────────

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'publish.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI: publish and rollback print Chinese reports; exit 0', () => {
  const target = fresh('site');
  const [a, b] = [version(1), version(2)];
  const r1 = cli([target, '--from', a.dir]);
  assert.is(r1.status, 0, r1.stderr);
  const ida = currentLink(target).slice('releases/'.length);
  assert.match(ida, new RegExp(`^\\d{8}-\\d{6}-${sha256(a.sums).slice(0, 8)}$`));
  assert.is(
    r1.stdout,
    [
      `已发布版本 ${ida}：5 个文件，已按 SHA256SUMS 逐一校验。`,
      `网站目录：${target}/current → releases/${ida}`,
      `  网站服务器（例如 nginx 的 root）请指向 ${target}/current，以后每次发布都会自动切换。`,
      `  主机不能使用符号链接时（例如用 FTP 上传），请上传 ${target}/releases/${ida}/ 中的全部文件。`,
      '',
    ].join('\n'),
  );
  const r2 = cli([target, `--from=${b.dir}`, '--keep', '3']);
  assert.is(r2.status, 0, r2.stderr);
  const r3 = cli([target, '--rollback']);
  assert.is(r3.status, 0, r3.stderr);
  assert.match(r3.stdout, `回到 ${ida}。`);
  assert.is(currentLink(target), `releases/${ida}`);
});

test('CLI: refusals exit 1 with the Chinese message only; usage mistakes exit 2', () => {
  const target = fresh('site');
  const noSums = makeBuild({ 'index.html': 'x' }, { sums: false });
  const r = cli([target, '--from', noSums.dir]);
  assert.is(r.status, 1);
  assert.is(r.stdout, '');
  assert.is(r.stderr, '这不是一个完整的构建（缺少 SHA256SUMS），请先运行 npm run build。\n');

  const nothing = cli([target, '--rollback']);
  assert.is(nothing.status, 1);
  assert.is(nothing.stderr, `发布目标 ${target} 不存在，还没有发布过，无法回退。\n`);

  for (const [args, says] of [
    [[], '缺少目标文件夹。'],
    [[target, '--keep', '1'], '--keep 应为不小于 2 的整数'],
    [[target, '--keep'], '--keep 后面需要一个值。'],
    [[target, '--rollback', '--from', 'x'], '--rollback 只切换到上一版本'],
    [[target, 'other'], '只能指定一个目标文件夹，多了 other。'],
    [[target, '--force'], '不认识的选项 --force。'],
  ] as Array<[string[], string]>) {
    const u = cli(args);
    assert.is(u.status, 2, args.join(' '));
    assert.ok(u.stderr.startsWith(says), u.stderr);
    assert.match(u.stderr, '用法：');
    assert.not.match(u.stderr, STACK);
  }
  assert.not.ok(existsSync(target));
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
