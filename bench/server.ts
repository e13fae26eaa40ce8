// Loopback feed server for benchmarks: N generated feeds with ETag/Last-Modified
// and 304s. Run as its own process so it does not share a core with what is measured.
//   node dist-bench/bench/server.js --size 1000 --seed 42
// Prints "listening <port>" when ready. POST /_change?fraction=0.1 gives a tenth of
// the feeds a new revision (new items on top), as publishers do between polls.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { feedDocument, feedKind } from './generate.js';

const { values } = parseArgs({ options: { size: { type: 'string' }, seed: { type: 'string', default: '42' } } });
const size = Number(values.size);
const seed = Number(values.seed);

interface Doc {
  body: Buffer;
  etag: string;
  lastModified: string;
  revision: number;
}

const CONTENT_TYPES = { rss: 'application/rss+xml', atom: 'application/atom+xml', rdf: 'application/rdf+xml' };

function build(index: number, revision: number): Doc {
  const body = Buffer.from(feedDocument(index, size, seed, revision));
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  const lastModified = new Date(Date.UTC(2026, 0, 1) + revision * 86_400_000).toUTCString();
  return { body, etag, lastModified, revision };
}

const docs = Array.from({ length: size }, (_, i) => build(i, 0));
let changes = 0;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'POST' && url.pathname === '/_change') {
    // Each call changes the next slice of feeds, so repeated runs change different ones.
    const count = Math.round(size * Number(url.searchParams.get('fraction') ?? '0.1'));
    for (let k = 0; k < count; k++) {
      const i = (changes * count + k) % size;
      docs[i] = build(i, docs[i]!.revision + 1);
    }
    changes++;
    res.end(`changed ${count}\n`);
    return;
  }
  const m = url.pathname.match(/^\/f\/(\d+)\.xml$/);
  const doc = m ? docs[Number(m[1])] : undefined;
  if (!doc) {
    res.writeHead(404).end();
    return;
  }
  const headers = { ETag: doc.etag, 'Last-Modified': doc.lastModified };
  if (req.headers['if-none-match'] === doc.etag || req.headers['if-modified-since'] === doc.lastModified) {
    res.writeHead(304, headers).end();
    return;
  }
  res
    .writeHead(200, { ...headers, 'Content-Type': CONTENT_TYPES[feedKind(Number(m![1]))], 'Content-Length': doc.body.length })
    .end(doc.body);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
