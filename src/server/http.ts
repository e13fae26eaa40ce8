import fresh from 'fresh';
import Negotiator from 'negotiator';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { MANIFEST_FILE, readManifest, type Manifest } from '../publish/index.js';
import type { SourceState } from '../store/index.js';
import { MIN_COMPRESS_BYTES, RepresentationCache, resolveFile, type Coding, type FileVersion } from './files.js';
import type { Health } from './health.js';
import type { MetricsEndpoint } from './metrics.js';
import { renderStatusPage } from './status-page.js';

export type { Health } from './health.js';

export interface FeedServerOptions {
  dir: string;
  /** Reports whether the service is healthy, for /healthz and /status. */
  health: () => Health;
  /** Feed files may be cached this long: the schedule period. */
  maxAgeSeconds: number;
  /** Source rows for /status; without it there is no /status. */
  sources?: () => SourceState[];
  /** /metrics; without it there is none. */
  metrics?: MetricsEndpoint;
  siteTitle?: string;
  /** Public URL of the output directory and the WebSub hub: current feeds get Link: rel="hub" and rel="self". */
  baseUrl?: string;
  hub?: string;
}

const TEXT = 'text/plain; charset=utf-8';
/** Full archive pages never change (see the publisher); a year is the conventional "forever". */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'";
const CODINGS: Coding[] = ['br', 'gzip', 'identity'];

/**
 * Serves the output directory read-only, with validators and compression for cheap polling,
 * plus /healthz, /metrics and /status.
 */
export function createFeedServer(options: FeedServerOptions): Server {
  const root = resolve(options.dir);
  const cache = new RepresentationCache();
  const manifest = new ManifestCache(root);
  return createServer((req, res) => {
    handle(req, res, root, options, cache, manifest).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, TEXT, `internal error: ${(err as Error).message}\n`, req);
      else res.destroy();
    });
  });
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  options: FeedServerOptions,
  cache: RepresentationCache,
  manifest: ManifestCache,
): Promise<void> {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.method === 'OPTIONS') {
    res.setHeader('Allow', 'GET, HEAD, OPTIONS');
    corsHeaders(res);
    res.statusCode = 204;
    return void res.end();
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD, OPTIONS');
    return send(res, 405, TEXT, 'method not allowed\n', req);
  }
  let pathname: string;
  try {
    // Origin-form ("/a/b") taken as a path even when it starts with "//"; absolute-form as a URL.
    const target = req.url ?? '/';
    pathname = decodeURIComponent(new URL(target.startsWith('/') ? `http://localhost${target}` : target).pathname);
  } catch {
    return send(res, 400, TEXT, 'bad request path\n', req);
  }
  if (pathname === '/healthz') {
    const health = options.health();
    res.setHeader('Cache-Control', 'no-store');
    return send(res, health.ok ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify({ ok: health.ok, ...health.detail })}\n`, req);
  }
  if (pathname === '/metrics' && options.metrics) {
    res.setHeader('Cache-Control', 'no-store');
    return send(res, 200, options.metrics.contentType, await options.metrics.render(), req);
  }
  if (pathname === '/status' && options.sources) {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', HTML_POLICY);
    const page = renderStatusPage(options.sources(), options.health(), options.siteTitle ?? 'Gazette');
    return send(res, 200, 'text/html; charset=utf-8', page, req);
  }
  const realRoot = await realpath(root).catch(() => undefined);
  const target = realRoot && (await resolveFile(root, realRoot, pathname === '/' ? '/index.html' : pathname));
  const version = target && (await cache.version(target.file, target.path, target.type));
  if (!target || !version) {
    const message = pathname === '/' ? 'no feeds published yet: the first cycle has not finished\n' : 'not found\n';
    return send(res, 404, TEXT, message, req);
  }
  await sendFile(req, res, target.file, version, options, cache, await manifest.get());
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  version: FileVersion,
  options: FeedServerOptions,
  cache: RepresentationCache,
  manifest: Manifest | undefined,
): Promise<void> {
  const negotiator = new Negotiator(req) as Negotiator & { encoding(available: string[], opts: { preferred: string[] }): string | undefined };
  const wanted = version.body.length < MIN_COMPRESS_BYTES ? 'identity' : negotiator.encoding(CODINGS, { preferred: CODINGS });
  if (wanted === undefined) return send(res, 406, TEXT, 'no acceptable content coding (identity, gzip and br are offered)\n', req);
  const coding = wanted as Coding;
  // One strong ETag per representation: the identity one is the manifest's hash.
  const etag = coding === 'identity' ? `"${version.hash}"` : `"${version.hash}-${coding}"`;
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', version.mtime.toUTCString());
  res.setHeader('Cache-Control', manifest?.files[version.path]?.sealed ? IMMUTABLE : `public, max-age=${options.maxAgeSeconds}`);
  if (extname(version.path) === '.json') corsHeaders(res);
  if (extname(version.path) === '.html') res.setHeader('Content-Security-Policy', HTML_POLICY);
  const link = feedLinks(version.path, options);
  if (link) res.setHeader('Link', link);
  // Only the validators: a request's Cache-Control: no-cache speaks to caches, and an origin
  // server still answers its conditional request (fetch() adds it to every conditional request).
  const conditional = { 'if-none-match': req.headers['if-none-match'], 'if-modified-since': req.headers['if-modified-since'] };
  if (fresh(conditional, { etag, 'last-modified': version.mtime.toUTCString() })) {
    res.statusCode = 304;
    return void res.end();
  }
  const body = await cache.encoded(file, version, coding);
  if (coding !== 'identity') res.setHeader('Content-Encoding', coding);
  send(res, 200, version.type, body, req);
}

/** WebSub discovery in headers (the spec's preferred way) for the current topic feeds. */
function feedLinks(path: string, options: FeedServerOptions): string | undefined {
  if (!options.hub || !options.baseUrl || path.startsWith('archive/') || path === MANIFEST_FILE) return undefined;
  if (!['.atom', '.rss', '.json'].includes(extname(path))) return undefined;
  const self = new URL(path.split('/').map(encodeURIComponent).join('/'), options.baseUrl).href;
  return `<${options.hub}>; rel="hub", <${self}>; rel="self"`;
}

function corsHeaders(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, If-Modified-Since');
  res.setHeader('Access-Control-Expose-Headers', 'ETag, Link');
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, req: IncomingMessage): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** manifest.json, read again only when it changes: which archive pages are sealed. */
class ManifestCache {
  private key = '';
  private value: Manifest | undefined;

  constructor(private readonly root: string) {}

  async get(): Promise<Manifest | undefined> {
    const info = await stat(join(this.root, MANIFEST_FILE)).catch(() => undefined);
    const key = info ? `${info.ino}:${info.size}:${info.mtimeMs}` : '';
    if (key !== this.key) {
      this.value = info ? await readManifest(this.root) : undefined;
      this.key = key;
    }
    return this.value;
  }
}
