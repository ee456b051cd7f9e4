/**
 * Helpers for the site tests: the built site served on a loopback port (so the page's
 * Content-Security-Policy 'self' means that server, as it will on the real host), and
 * the list of pages.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { extname, join, normalize, relative, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
};

export interface Served {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` on 127.0.0.1 (a free port). `extra` maps URL paths to files outside the
 * site (the test's copy of axe-core, loaded as a same-origin script so the CSP allows it).
 */
export async function serve(dir: string, extra: Record<string, string> = {}): Promise<Served> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = extra[path] ?? join(dir, normalize(path).replace(/^([/\\])+/, ''));
    const inside = extra[path] !== undefined || !relative(dir, file).startsWith('..');
    if (!inside || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every file under `dir` (with the extension, if one is given), as site paths with forward slashes, sorted. */
export function sitePaths(dir: string, ext = ''): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(ext)) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}
