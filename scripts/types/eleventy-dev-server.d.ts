// The parts of @11ty/eleventy-dev-server 2 (shipped with Eleventy 3; no types) and of its file
// watcher that scripts/serve.ts uses.
declare module '@11ty/eleventy-dev-server' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http';

  interface DevServerOptions {
    port?: number;
    liveReload?: boolean;
    domDiff?: boolean;
    showAllHosts?: boolean;
    portReassignmentRetryCount?: number;
    headers?: Record<string, string>;
    messageOnStart?: () => string | false;
    logger?: { info(...args: unknown[]): void; log(...args: unknown[]): void; error(...args: unknown[]): void };
    middleware?: Array<(req: IncomingMessage, res: ServerResponse, next: () => void) => void | Promise<void>>;
  }

  export default class EleventyDevServer {
    constructor(name: string, dir: string, options?: DevServerOptions);
    readonly server: Server;
    /** Internal: listens on `port` (retrying the next ports when in use). */
    _serverListen(port: number): void;
    serve(port: number): void;
    ready(): Promise<void>;
    close(): Promise<void>;
    /** Tells the open pages to reload: CSS in place, HTML files by DOM diff when one is the page shown. */
    reloadFiles(files: string[], useDomDiffingForHtml?: boolean): void;
    reload(event?: { files?: string[]; subtype?: string; build?: { templates?: unknown[] } }): void;
  }
}

declare module '@11ty/chokidar-with-glob-support' {
  import type { EventEmitter } from 'node:events';

  interface WatchOptions {
    ignoreInitial?: boolean;
    awaitWriteFinish?: { stabilityThreshold: number; pollInterval: number } | boolean;
  }
  interface FSWatcher extends EventEmitter {
    on(event: 'add' | 'change' | 'unlink', listener: (path: string) => void): this;
    on(event: 'ready', listener: () => void): this;
    on(event: 'error', listener: (error: unknown) => void): this;
    close(): Promise<void>;
  }
  export function watch(paths: string | string[], options?: WatchOptions): FSWatcher;
}
