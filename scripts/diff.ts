/**
 * `npm run diff -- [--base <git-rev>] [--format markdown|json] [paths…]`
 * What the data changes of a pull request do to the booklets (diff.ts): each changed data file
 * (default: the files under data/ changed between the base and the working tree; or the given
 * paths) against its version at the base. Exit 0 with or without differences; 2 on a usage mistake.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { assertRepository, changedDataFiles, diffContents, GitError, readAtRev, resolveBase, type DiffInput, formatDiffJson as formatJson, formatDiffMarkdown as formatMarkdown } from './lib/edit/index.ts';
import { loadLibrary } from './lib/model/index.ts';

const USAGE = `用法：npm run diff -- [--base <git 版本>] [--format markdown|json] [文件…]
  --base    与哪个版本比较；默认为与 origin/main 的分叉点（没有 origin/main 时为 HEAD）
  --format  markdown（默认，可直接贴到拉取请求的评论中）或 json
  文件      只比较这些数据文件；默认为 data/ 下与该版本相比有改动的全部数据文件`;

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let base: string | undefined;
let format: 'markdown' | 'json' = 'markdown';
const paths: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const eq = a.indexOf('=');
  const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
  const value = () => (a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : args[++i]);
  if (name === '--base') {
    const v = value();
    if (!v) usage('--base 后面要写 git 版本（例如 origin/main、HEAD~1 或提交号）。');
    base = v;
  } else if (name === '--format') {
    const v = value();
    if (v !== 'markdown' && v !== 'json') usage(`--format 只能是 markdown 或 json，实际是 ${v ?? '（空）'}。`);
    format = v;
  } else if (a.startsWith('-')) {
    usage(`不认识的选项 ${a}。`);
  } else {
    paths.push(a);
  }
}

try {
  // The project root, as for npm run check: data/ and the library are here; git paths are relative to it.
  const root = process.cwd();
  await assertRepository(root);
  const { rev, label } = await resolveBase(root, base);
  let files: string[];
  if (paths.length) {
    files = [];
    for (const p of paths) {
      const rel = relative(root, resolve(root, p)).split(sep).join('/');
      if (rel.startsWith('..')) usage(`${p} 不在本项目的文件夹中。`);
      if (!existsSync(resolve(root, p)) && (await readAtRev(root, rev, rel)) === undefined) usage(`找不到文件 ${p}（工作区和 ${label}中都没有）。`);
      files.push(rel);
    }
  } else {
    files = await changedDataFiles(root, rev);
  }
  const inputs: DiffInput[] = [];
  for (const file of files) {
    const path = resolve(root, file);
    inputs.push({ file, old: await readAtRev(root, rev, file), new: existsSync(path) ? new Uint8Array(readFileSync(path)) : undefined });
  }
  const report = await diffContents(inputs, loadLibrary(root), label);
  process.stdout.write(format === 'json' ? formatJson(report) : formatMarkdown(report));
} catch (e) {
  if (e instanceof GitError) usage(e.message);
  throw e;
}
