/**
 * `npm run serve`: the preview command as a child process on a copy of the project (the seeds'
 * data), fetched over HTTP. A booklet page opens with its file's findings (those `check` reports,
 * at their file:line:column); a saved error replaces the pages by the error page listing it at
 * its line:column while the last good pages stay on disk; fixing it brings the page back; the
 * server answers on 127.0.0.1 only; a second preview of the project refuses to start; a normal
 * build of the same data has no panel. The child's
 * process group is killed after the suite, and at exit if the suite fails half-way.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBytes, checkFile } from '../../scripts/lib/check/check.ts';
import { loadLibrary } from '../../scripts/lib/model/reference.ts';
import { buildSite } from '../../scripts/lib/site/build-site.ts';
import { errorPage, failureReport, previewPanel } from '../../scripts/lib/edit/preview.ts';
import type { Finding } from '../../scripts/lib/check/findings.ts';
import { all, byClass, byTag, parse, text } from '../templates/dom.ts';

const root = join(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-serve-'));
const FILE = 'data/sixian-ybj/2024.json';
const PAGE = 'sixian-ybj/2024-budget.html';
const dataPath = join(tmp, FILE);
const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{ 7*7 }}{% raw %}';

// A project of its own: the preview writes .cache/ into it and the test edits its data.
for (const d of ['data', 'scripts', 'templates', 'styles']) cpSync(join(root, d), join(tmp, d), { recursive: true });
for (const f of ['.eleventy.js', 'package.json', 'package-lock.json']) cpSync(join(root, f), join(tmp, f));
symlinkSync(join(root, 'node_modules'), join(tmp, 'node_modules'), 'dir');
const original = readFileSync(dataPath, 'utf8');

let child: ChildProcess | undefined;
let stdout = '';
let base = '';

function kill(): void {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL'); // the whole group: tsx and the node process it starts
  } catch {
    // already gone
  }
}
process.on('exit', kill);

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    // A request that meets the preview while it swaps in a rebuilt site may be reset ("socket
    // hang up"): that is "not yet", like a page without the awaited text.
    const v = await Promise.resolve(probe()).catch((e: unknown) => {
      last = e;
      return undefined;
    });
    if (v !== undefined) return v;
    if (child && child.exitCode !== null) throw new Error(`npm run serve exited (${child.exitCode}) waiting for ${what}:\n${stdout}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}; output so far:\n${stdout}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** GET as a browser navigates (node:http: fetch would send `Sec-Fetch-Mode: cors`, and the dev server adds its reload script to navigations only). */
function get(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((done, fail) => {
    httpGet(base + path, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }));
    }).on('error', fail);
  });
}

/** Where a finding is printed: "data/…json:line:column". */
const at = (f: Finding) => `${f.file}:${f.line}:${f.column}`;

test.before(async () => {
  child = spawn(tsx, [join(tmp, 'scripts/serve.ts'), '--port', '0'], { cwd: tmp, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stdout += d.toString()));
  base = await until('the preview address', () => /预览地址：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1]);
});

test.after(() => {
  kill();
  rmSync(tmp, { recursive: true, force: true });
});

test('a booklet page opens with its data file’s findings, as check reports them', async () => {
  const page = await get(PAGE);
  assert.is(page.status, 200);
  const doc = parse(page.body);
  const panels = byClass(doc, 'preview-findings');
  assert.is(panels.length, 1, 'one findings panel');
  const panel = panels[0]!;
  const main = byTag(doc, 'main')[0]!;
  assert.is(all(main, () => true)[0], panel, 'the panel is the first thing of the page’s content');
  const items = byClass(panel, 'preview-findings__item');
  const checked = checkFile(tmp, dataPath, loadLibrary(tmp)).findings;
  assert.ok(checked.some((f) => f.severity === 'warning') && checked.some((f) => f.severity === 'notice'), 'the seed has warnings and notices');
  assert.ok(items.length >= checked.length, 'every finding of check (and what building the booklet found)');
  for (const f of checked) {
    const item = items.find((el) => text(el).includes(at(f)) && text(el).includes(f.message));
    assert.ok(item, `${at(f)} ${f.message} is listed`);
    assert.ok(text(item!).includes(f.pointer), `${at(f)}: its JSON pointer`);
    if (f.expected !== undefined) assert.ok(text(item!).includes(`应为${f.expected}`), `${at(f)}: expected value`);
    if (f.found !== undefined) assert.ok(text(item!).includes(`实际${f.found}`), `${at(f)}: found value`);
  }
  assert.match(text(panel), /0 个错误，\d+ 个警告，\d+ 个提示/);
  // The dev server's reload script is added when serving; the file on disk has none.
  assert.ok(byTag(doc, 'script').some((s) => s.attribs.src?.startsWith('/.11ty/reload-client.js')), 'live-reload script');
  const onDisk = readFileSync(join(tmp, '.cache/preview/site', PAGE), 'utf8');
  assert.not.match(onDisk, /<script/);
  assert.match(onDisk, /preview-findings/);
  assert.match(stdout, /全部数据文件：已生成 \d+ 本公开册（\d+ 个数据文件，用时 [\d.]+ 秒）/);
  assert.not.ok(existsSync(join(tmp, '_site')), 'the published folder is not written');
});

test('the server answers on 127.0.0.1 only', async () => {
  const port = Number(new URL(base).port);
  const other = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  if (!other) return; // no other interface to try on this machine
  const refused = await new Promise<boolean>((done) => {
    const s = connect({ host: other, port }, () => {
      s.destroy();
      done(false);
    });
    s.on('error', () => done(true));
  });
  assert.ok(refused, `nothing answers on ${other}:${port}`);
});

test('one preview per project: a second one refuses, naming the first', () => {
  const second = spawnSync(tsx, [join(tmp, 'scripts/serve.ts'), '--port', '0'], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
  assert.is(second.status, 1, second.stdout + second.stderr);
  assert.match(second.stderr, /另一个预览（进程 \d+）正在使用 \.cache\/preview\/，请先在它的窗口按 Ctrl\+C 结束它。/);
});

test('a saved error: every page shows it at its line:column; fixed, the page comes back', async () => {
  const broken = original.replace('"total": 5,', '"total": 6,');
  assert.is.not(broken, original);
  const expected = checkBytes(FILE, Buffer.from(broken), loadLibrary(tmp)).findings.filter((f) => f.severity === 'error');
  assert.is(expected.length, 1, 'one error: 类 208 ≠ Σ款');
  const error = expected[0]!;
  // Worked out from the text: the first `"total": 5,` of the file, at its key.
  const offset = original.indexOf('"total": 5,');
  assert.is(at(error), `${FILE}:${original.slice(0, offset).split('\n').length}:${offset - original.lastIndexOf('\n', offset - 1)}`);
  const lines = stdout.split('\n').length;
  writeFileSync(dataPath, broken);
  try {
    await brokenThenFixed(error, lines);
  } finally {
    if (readFileSync(dataPath, 'utf8') !== original) writeFileSync(dataPath, original);
  }
});

async function brokenThenFixed(error: Finding, lines: number): Promise<void> {

  const failed = await until('the error page', async () => {
    const p = await get(PAGE);
    return p.body.includes(at(error)) ? p : undefined;
  });
  const doc = parse(failed.body);
  assert.is(text(byTag(doc, 'h1')[0]!), '预览：有错误，未能生成');
  const panel = byClass(doc, 'preview-findings')[0]!;
  assert.ok(panel.attribs.class!.includes('preview-findings--error'));
  const listed = byClass(panel, 'preview-findings__item');
  assert.is(listed.length, 1, 'the errors only: the warnings wait for the booklet page');
  const first = listed[0]!;
  assert.ok(text(first).includes(at(error)) && text(first).includes(error.message) && text(first).includes('错误'), 'the error comes first, with its place and message');
  assert.ok(text(first).includes(`应为${error.expected}`) && text(first).includes(`实际${error.found}`));
  assert.ok(byTag(doc, 'script').some((s) => s.attribs.src?.startsWith('/.11ty/reload-client.js')), 'the error page reloads itself too');
  assert.is(byTag(doc, 'link').find((l) => l.attribs.rel === 'stylesheet')?.attribs.href, '../assets/site.css', 'links relative to the address shown');
  // Every page shows it; the files are served as before.
  assert.ok((await get('index.html')).body.includes(at(error)));
  const css = await get('assets/site.css');
  assert.is(css.status, 200);
  assert.match(css.type, /text\/css/);
  // The last good pages stay on disk.
  const onDisk = readFileSync(join(tmp, '.cache/preview/site', PAGE), 'utf8');
  assert.match(onDisk, /class="cover"/);
  assert.not.ok(onDisk.includes(at(error)));
  const printed = await until('the printed line', () => stdout.split('\n').slice(lines - 1).find((l) => l.includes(`${FILE}：有问题`)));
  assert.match(printed, /用时 [\d.]+ 秒/);
  assert.match(printed, /1 个错误/);
  assert.ok(stdout.includes(`${at(error)} /documents/budget/expenditure/0/total 错误[arith.subtotal]`), 'the error is printed as check prints it');

  writeFileSync(dataPath, original);
  const fixed = await until('the page again', async () => {
    const p = await get(PAGE);
    return p.body.includes('class="cover"') ? p : undefined;
  });
  assert.not.ok(fixed.body.includes(at(error)));
  const again = byClass(parse(fixed.body), 'preview-findings')[0]!;
  assert.match(text(again), /0 个错误/);
  const redone = await until('the rebuilt line', () => stdout.split('\n').slice(lines - 1).find((l) => l.includes(`${FILE}：已重新生成`)));
  assert.match(redone, /已重新生成（用时 [\d.]+ 秒）；0 个错误，\d+ 个警告，\d+ 个提示。/);
}

test('an edit that clears a warning: only that file is rebuilt, its panel updated', async () => {
  const checked = checkFile(tmp, dataPath, loadLibrary(tmp)).findings;
  const warning = checked.find((f) => f.rule === 'plaus.unit-name');
  assert.ok(warning, 'the seed prints a unit name unlike its list of units');
  assert.ok((await get(PAGE)).body.includes(at(warning!)));
  const lines = stdout.split('\n').length;
  writeFileSync(dataPath, original.replace(`"printedUnit": "${warning!.found}"`, `"printedUnit": "${warning!.expected}"`));
  try {
    const page = await until('the panel without the warning', async () => {
      const p = await get(PAGE);
      return p.body.includes('class="cover"') && !p.body.includes(at(warning!)) ? p : undefined;
    });
    assert.is(byClass(parse(page.body), 'preview-findings').length, 1);
    await until('the rebuilt line', () => stdout.split('\n').slice(lines - 1).find((l) => l.includes(`${FILE}：已重新生成`)));
    const manifest = JSON.parse(readFileSync(join(tmp, '.cache/preview/build-manifest.json'), 'utf8')) as { files: Record<string, { findings: Finding[] }> };
    assert.not.ok(manifest.files[FILE]!.findings.some((f) => f.rule === 'plaus.unit-name'), 'the preview’s own manifest has the new findings');
  } finally {
    writeFileSync(dataPath, original);
  }
  await until('the warning back', async () => ((await get(PAGE)).body.includes(at(warning!)) ? true : undefined));
});

test('the error page: data-derived text escaped, never run', () => {
  const f: Finding = { file: HOSTILE, line: 1, column: 2, pointer: HOSTILE, severity: 'error', rule: HOSTILE, message: HOSTILE, messageEn: HOSTILE, expected: HOSTILE, found: HOSTILE };
  const html = errorPage(tmp, failureReport(HOSTILE, [f]), '/a/b.html', undefined);
  const doc = parse(html);
  assert.is(byTag(doc, 'script').length, 0);
  assert.is(byTag(doc, 'img').length, 0);
  assert.ok(text(doc).includes(`${HOSTILE}:1:2`));
  assert.ok(text(doc).includes('{{ 7*7 }}'));
  assert.is(byTag(doc, 'link').find((l) => l.attribs.rel === 'stylesheet')?.attribs.href, '../assets/site.css');
});

test('a panel lists errors first, then the file’s order; only that file’s findings (or its errors)', () => {
  const f = (file: string, line: number, severity: Finding['severity']): Finding => ({ file, line, column: 1, pointer: '/x', severity, rule: 'r', message: `${severity}@${line}`, messageEn: '' });
  const panel = previewPanel('data/a/2024.json', [f('data/a/2024.json', 9, 'notice'), f('data/b/2024.json', 1, 'error'), f('data/a/2024.json', 7, 'warning'), f('data/a/2024.json', 8, 'error')]);
  assert.equal(panel.findings.map((x) => x.message), ['error@8', 'warning@7', 'notice@9']);
  assert.is(panel.level, 'error');
  assert.is(panel.summary, '1 个错误，1 个警告，1 个提示');
  const errors = previewPanel('data/a/2024.json', [f('data/a/2024.json', 9, 'notice'), f('data/a/2024.json', 8, 'error')], 'x', true);
  assert.equal(errors.findings.map((x) => x.message), ['error@8']);
  assert.match(errors.summary, /^1 个错误，0 个警告，1 个提示（下面只列出错误/);
});

test('a normal build of the same data has no panel', async () => {
  const out = join(tmp, '_site');
  const r = await buildSite({ root: tmp, outDir: out, pdf: false, threads: 1 });
  assert.ok(r.ok, r.failure);
  const html: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.html')) html.push(p);
    }
  };
  walk(out);
  assert.ok(html.length > 5);
  for (const p of html) assert.not.ok(readFileSync(p, 'utf8').includes('preview-findings'), `${p} has no findings panel`);
});

test.run();
