import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(
    readonly maxBytes: number,
    /** Which count passed the cap: bytes on the wire, or bytes after decompression. */
    readonly measured: 'received' | 'decompressed',
  ) {
    super(`${measured === 'received' ? 'body' : 'decompressed body'} is larger than fetch.maxBytes (${maxBytes} bytes)`);
  }
}

/** An unknown Content-Encoding, or compressed data that does not decompress. */
export class ContentEncodingError extends Error {
  override readonly name = 'ContentEncodingError';
}

// Lenient about truncated streams at the very end, as browsers are.
const LENIENT_ZLIB = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };

function decoderFor(coding: string): Transform {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(LENIENT_ZLIB);
    case 'deflate':
      return zlib.createInflate(LENIENT_ZLIB);
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new ContentEncodingError(`unsupported Content-Encoding "${coding}"`);
  }
}

/** Decoders for a Content-Encoding header, in the order they must run (the last coding applied comes off first). */
function decodersFor(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.reverse().map(decoderFor);
}

/** Passes bytes through, failing the moment more than maxBytes have gone by. */
function byteCap(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > maxBytes ? new BodyTooLargeError(maxBytes, 'received') : null, chunk);
    },
  });
}

/** Collects decoded bytes, failing the moment more than maxBytes have arrived (so a zip bomb stops inflating). */
function cappedCollector(maxBytes: number, chunks: Buffer[]): Writable {
  let seen = 0;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) return callback(new BodyTooLargeError(maxBytes, 'decompressed'));
      chunks.push(chunk);
      callback();
    },
  });
}

/**
 * Reads a whole response body, undoing its Content-Encoding, with maxBytes
 * enforced on the bytes received and on the bytes decompressed. Stops at the
 * first byte over either cap or when `signal` aborts.
 */
export async function readCappedBody(
  source: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  const decoders = decodersFor(contentEncoding);
  const chunks: Buffer[] = [];
  const streams = [source, byteCap(maxBytes), ...decoders, cappedCollector(maxBytes, chunks)];
  // A failure spreads to every stream of the pipeline; the first stream to
  // report it is where it started, which tells corrupt data from a network drop.
  let origin: unknown;
  for (const stream of streams) stream.on('error', () => (origin ??= stream));
  try {
    await pipeline(streams, { signal });
  } catch (err) {
    if (decoders.some((decoder) => decoder === origin)) {
      throw new ContentEncodingError(`cannot decompress ${contentEncoding} body: ${(err as Error).message}`, { cause: err });
    }
    throw err;
  }
  return Buffer.concat(chunks);
}
