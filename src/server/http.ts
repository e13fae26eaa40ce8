import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
  '.opml': 'text/x-opml; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

export interface Health {
  ok: boolean;
  detail: Record<string, unknown>;
}

export interface FeedServerOptions {
  dir: string;
  /** Reports whether the service is healthy, for /healthz. */
  health: () => Health;
}

/** Serves the output directory read-only, with validators for cheap conditional polling. */
export function createFeedServer(options: FeedServerOptions): Server {
  const root = resolve(options.dir);
  return createServer((req, res) => {
    handle(req, res, root, options).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `internal error: ${(err as Error).message}\n`);
      else res.destroy();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, root: string, options: FeedServerOptions) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', 'bad request path\n');
  }
  if (pathname === '/healthz') {
    const health = options.health();
    return send(res, health.ok ? 200 : 503, 'application/json', `${JSON.stringify(health.detail)}\n`, req);
  }
  const file = resolve(root, `.${pathname === '/' ? '/index.opml' : pathname}`);
  // No way out of the output dir, and no dot files (temp files of writes in progress).
  if ((file !== root && !file.startsWith(root + sep)) || /[/\\]\./.test(file.slice(root.length))) {
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  }
  const type = CONTENT_TYPES[extname(file)];
  const info = await stat(file).catch(() => undefined);
  if (!type || !info?.isFile()) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');

  const body = await readFile(join(file));
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', info.mtime.toUTCString());
  if (extname(file) === '.json') res.setHeader('Access-Control-Allow-Origin', '*');
  if (notModified(req, etag, info.mtime)) {
    res.statusCode = 304;
    return res.end();
  }
  send(res, 200, type, body, req);
}

function notModified(req: IncomingMessage, etag: string, mtime: Date): boolean {
  const inm = req.headers['if-none-match'];
  if (inm) return inm.split(',').some((t) => t.trim() === etag || t.trim() === '*');
  const ims = req.headers['if-modified-since'];
  return ims !== undefined && Math.floor(mtime.getTime() / 1000) <= Math.floor(Date.parse(ims) / 1000);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, req?: IncomingMessage) {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(req?.method === 'HEAD' ? undefined : body);
}
