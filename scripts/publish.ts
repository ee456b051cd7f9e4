/**
 * `npm run publish -- <目标文件夹> [--from _site] [--keep 5]`
 * `npm run publish -- <目标文件夹> --rollback`
 *
 * Installs a finished build (npm run build → _site/, with SHA256SUMS written last) as a new release
 * under the target and switches the live site to it atomically; --rollback returns to the release
 * before. The web server serves `<目标文件夹>/current`. How and why: scripts/lib/edit/publish.ts.
 *
 * Exit codes: 0 published, unchanged or rolled back; 1 refused or failed (the live site is as it
 * was unless the output says otherwise); 2 a usage mistake. Every message is Chinese; no stack trace.
 */
import { describeError, formatPublishResult, formatRollbackResult, publish, PublishError, rollback } from './lib/edit/index.ts';

const USAGE = [
  '用法：',
  '  npm run publish -- <目标文件夹> [--from _site] [--keep 5]   发布一次构建',
  '  npm run publish -- <目标文件夹> --rollback                   回到上一版本',
  '网站服务器请指向 <目标文件夹>/current。',
].join('\n');

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let target: string | undefined;
let from = '_site';
let keep = 5;
let rollbackMode = false;
let fromGiven = false;
let keepGiven = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
  const value = () => {
    const v = inline ?? args[++i];
    if (v === undefined || v === '') usage(`${name} 后面需要一个值。`);
    return v;
  };
  if (name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  } else if (name === '--from') {
    from = value();
    fromGiven = true;
  } else if (name === '--keep') {
    const v = value();
    if (!/^\d+$/.test(v) || Number(v) < 2) usage(`--keep 应为不小于 2 的整数（当前版本和可回退的上一版本总会保留），实际是 ${v}。`);
    keep = Number(v);
    keepGiven = true;
  } else if (name === '--rollback') {
    if (inline !== undefined) usage('--rollback 不带值。');
    rollbackMode = true;
  } else if (a.startsWith('-')) {
    usage(`不认识的选项 ${a}。`);
  } else if (target === undefined) {
    target = a;
  } else {
    usage(`只能指定一个目标文件夹，多了 ${a}。`);
  }
}
if (target === undefined) usage('缺少目标文件夹。');
if (rollbackMode && (fromGiven || keepGiven)) usage('--rollback 只切换到上一版本，不能与 --from 或 --keep 一起用。');

try {
  process.stdout.write(rollbackMode ? formatRollbackResult(rollback({ target })) : formatPublishResult(publish({ target, from, keep })));
} catch (e) {
  const message = e instanceof PublishError ? e.message : `发布失败：${describeError(e)}。网站仍是原来的版本。`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
