/**
 * The build folder over HTTP on the loopback interface, for the printer's pages only.
 *
 * Why not file:// URLs: Chromium does not reuse file:// responses from its memory cache, so every
 * booklet decoded its ~50 CJK font subsets again (≈ 350 ms a booklet, more than printing it);
 * served with `immutable` caching, the decoded fonts are reused from one booklet to the next
 * (measured: load + fonts 600 → 120 ms). The print documents themselves are never cached.
 *
 * Only files inside the build folder are served (the path resolved, symlinks followed and
 * checked again), only GET and HEAD, only under a random path prefix, so nothing else on the
 * machine can guess its way in during the build.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Is `path` strictly inside `root` (both absolute and resolved)? */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export class BuildServer {
  private constructor(
    private readonly server: Server,
    /** The build folder, symlinks resolved. */
    readonly root: string,
    /** "http://127.0.0.1:PORT/PREFIX/": every URL of the build folder starts with it. */
    readonly base: string,
  ) {}

  static async start(root: string): Promise<BuildServer> {
    const prefix = `/${randomBytes(16).toString('hex')}/`;
    const server = createServer((req, res) => {
      void (async () => {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          res.writeHead(405, { allow: 'GET, HEAD' }).end();
          return;
        }
        const path = await resolvePath(root, prefix, req.url ?? '');
        if (!path) {
          res.writeHead(404).end();
          return;
        }
        const info = await stat(path).catch(() => null);
        if (!info?.isFile()) {
          res.writeHead(404).end();
          return;
        }
        const ext = extname(path).toLowerCase();
        res.writeHead(200, {
          'content-type': TYPES[ext] ?? 'application/octet-stream',
          'content-length': info.size,
          'x-content-type-options': 'nosniff',
          // Print documents change between builds (and during one, when a booklet is reprinted);
          // assets do not change while a pool is open.
          'cache-control': ext === '.html' ? 'no-store' : 'max-age=31536000, immutable',
        });
        if (req.method === 'HEAD') res.end();
        else createReadStream(path).on('error', () => res.destroy()).pipe(res);
      })().catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => ok());
    });
    const { port } = server.address() as AddressInfo;
    return new BuildServer(server, root, `http://127.0.0.1:${port}${prefix}`);
  }

  /** The URL Chromium asks for a page's icon (outside the prefix, so never served). */
  get favicon(): string {
    return new URL('/favicon.ico', this.base).href;
  }

  /** URL of a file inside the build folder. */
  urlOf(path: string): string {
    const rel = relative(this.root, resolve(path));
    return this.base + rel.split(sep).map(encodeURIComponent).join('/');
  }

  /** The file a URL of ours names (resolved, inside the build folder), or null for any other URL. */
  pathOf(url: string): string | null {
    if (!url.startsWith(this.base)) return null;
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(url).pathname.slice(new URL(this.base).pathname.length));
    } catch {
      return null;
    }
    if (rel.includes('\0')) return null;
    const path = resolve(this.root, rel);
    return isInside(this.root, path) ? path : null;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((ok) => this.server.close(() => ok()));
  }
}

/** The file a request path names, if it is inside `root` also after following symlinks. */
async function resolvePath(root: string, prefix: string, url: string): Promise<string | null> {
  let pathname: string;
  try {
    pathname = new URL(url, 'http://127.0.0.1').pathname;
  } catch {
    return null;
  }
  if (!pathname.startsWith(prefix)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const path = join(root, rel);
  if (!isInside(root, path)) return null;
  try {
    return isInside(root, await realpath(path)) ? path : null;
  } catch {
    return null;
  }
}
