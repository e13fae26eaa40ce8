// The output directory as HTTP representations: safe path resolution, the bytes with their
// strong ETag, and gzip/brotli variants made once per file version and kept in memory.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { contentHash, MANIFEST_FILE } from '../publish/index.js';

export const CONTENT_TYPES: Record<string, string> = {
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
  '.opml': 'text/x-opml; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

export type Coding = 'br' | 'gzip' | 'identity';

const compressors: Record<Exclude<Coding, 'identity'>, (body: Buffer) => Promise<Buffer>> = {
  // Quality 9 of 11: nearly the best ratio for text at a fraction of the time.
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

/** Bodies this small are sent as they are: compression would save less than its headers cost. */
export const MIN_COMPRESS_BYTES = 256;

export interface FileVersion {
  /** '/'-separated path inside the output directory. */
  path: string;
  type: string;
  body: Buffer;
  /** contentHash(body): the identity ETag without quotes, as manifest.json lists it. */
  hash: string;
  mtime: Date;
}

interface CacheEntry {
  version: FileVersion;
  /** What stat() said when the bytes were read: a change means a new version. */
  key: string;
  encoded: Map<Coding, Promise<Buffer>>;
  bytes: number;
}

/**
 * Resolves a decoded URL path to a file of the output directory, or undefined. Refuses '..',
 * hidden names (the writer's temp files), backslashes and NUL, unknown extensions, and
 * anything whose real path (symbolic links followed) is outside the directory.
 */
export async function resolveFile(root: string, realRoot: string, pathname: string): Promise<{ file: string; path: string; type: string } | undefined> {
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.length === 0 || segments.some((s) => s === '..' || s.startsWith('.'))) return undefined;
  const file = resolve(root, ...segments);
  if (!file.startsWith(root + sep)) return undefined;
  const type = segments.join('/') === MANIFEST_FILE ? 'application/json; charset=utf-8' : CONTENT_TYPES[extname(file)];
  if (!type) return undefined;
  const real = await realpath(file).catch(() => undefined);
  if (real === undefined || !real.startsWith(realRoot + sep)) return undefined;
  return { file: real, path: segments.join('/'), type };
}

/** File versions with their compressed variants, least recently used dropped past `maxBytes`. */
export class RepresentationCache {
  private readonly entries = new Map<string, CacheEntry>();
  private total = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** The current version of the file, read again only when its size, mtime or inode changed. */
  async version(file: string, path: string, type: string): Promise<FileVersion | undefined> {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const key = `${info.ino}:${info.size}:${info.mtimeMs}`;
    const cached = this.entries.get(file);
    if (cached?.key === key) {
      this.touch(file, cached);
      return cached.version;
    }
    const body = await readFile(file);
    const version: FileVersion = { path, type, body, hash: contentHash(body), mtime: info.mtime };
    this.store(file, { version, key, encoded: new Map(), bytes: body.length });
    return version;
  }

  /** The body in the given coding; compressed once per version. */
  encoded(file: string, version: FileVersion, coding: Coding): Promise<Buffer> {
    if (coding === 'identity') return Promise.resolve(version.body);
    const entry = this.entries.get(file);
    if (entry?.version !== version) return compressors[coding](version.body);
    let pending = entry.encoded.get(coding);
    if (!pending) {
      pending = compressors[coding](version.body);
      entry.encoded.set(coding, pending);
      void pending.then((buf) => {
        if (this.entries.get(file) !== entry) return;
        entry.bytes += buf.length;
        this.total += buf.length;
        this.evict();
      }, () => entry.encoded.delete(coding));
    }
    return pending;
  }

  private touch(file: string, entry: CacheEntry): void {
    this.entries.delete(file);
    this.entries.set(file, entry);
  }

  private store(file: string, entry: CacheEntry): void {
    const old = this.entries.get(file);
    if (old) {
      this.total -= old.bytes;
      this.entries.delete(file);
    }
    this.entries.set(file, entry);
    this.total += entry.bytes;
    this.evict();
  }

  private evict(): void {
    for (const [file, entry] of this.entries) {
      if (this.total <= this.maxBytes || this.entries.size === 1) break;
      this.entries.delete(file);
      this.total -= entry.bytes;
    }
  }
}
