// Floor: plain undici GETs of every feed with 16 connections, bodies read and dropped.
//   node dist-bench/bench/floor-fetch.js <baseUrl> <count> [--save-etags F | --etags F]
// --save-etags writes the validators a poller would store; --etags sends them, so
// the measured process sees nothing but 304s.
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'undici';

const [base, countArg, mode, file] = process.argv.slice(2);
const count = Number(countArg);
const agent = new Agent({ connections: 16 });
const etags: string[] = mode === '--etags' ? (JSON.parse(readFileSync(file!, 'utf8')) as string[]) : [];

let next = 0;
const worker = async () => {
  while (next < count) {
    const i = next++;
    const headers: Record<string, string> = etags[i] ? { 'if-none-match': etags[i]! } : {};
    const res = await request(`${base}/f/${i}.xml`, { dispatcher: agent, headers });
    await res.body.arrayBuffer();
    const etag = res.headers.etag;
    if (typeof etag === 'string') etags[i] = etag;
  }
};
await Promise.all(Array.from({ length: 16 }, worker));
if (mode === '--save-etags') writeFileSync(file!, JSON.stringify(etags));
await agent.close();
