// `npm run bench [-- --sizes 200,1000,10000 --runs 3 --no-newsboat --no-write --smoke]`
// Measures, side by side on one machine: Gazette's cold, warm (all 304) and
// 10%-changed cycles, the floors (fetch only, 304 only, parse only, insert only)
// and newsboat on the same generated feeds served from 127.0.0.1. Writes the
// table into docs/BENCHMARKS.md between the bench markers (not with --smoke).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { feedDocument } from './generate.js';
import { measure, median, type Measurement } from './measure.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BENCH_JS = join(ROOT, 'dist-bench', 'bench');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const SEED = 42;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '200,1000,10000' },
    runs: { type: 'string', default: '3' },
    'no-newsboat': { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const smoke = values.smoke;
const sizes = smoke ? [20] : values.sizes.split(',').map(Number);
const runs = smoke ? 1 : Number(values.runs);

interface Row {
  what: string;
  wallMs: number;
  peakRssMb: number;
}

async function series(what: string, times: number, once: (run: number) => Promise<Measurement>): Promise<Row> {
  const results: Measurement[] = [];
  for (let r = 0; r < times; r++) results.push(await once(r));
  return { what, wallMs: median(results.map((m) => m.wallMs)), peakRssMb: median(results.map((m) => m.peakRssMb)) };
}

function startFeedServer(size: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(BENCH_JS, 'server.js'), '--size', String(size), '--seed', String(SEED)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveStart, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = d.toString().match(/listening (\d+)/);
      if (m) resolveStart({ url: `http://127.0.0.1:${m[1]}`, child });
    });
    child.on('exit', (code) => reject(new Error(`feed server exited ${code}`)));
  });
}

function gazetteConfig(dir: string, url: string, size: number): string {
  const file = join(dir, 'gazette.yaml');
  const sources = Array.from({ length: size }, (_, i) => `  - { id: f${i}, url: "${url}/f/${i}.xml" }`).join('\n');
  writeFileSync(
    file,
    `database: ${join(dir, 'gazette.db')}
output: { dir: ${join(dir, 'feeds')} }
fetch: { allowPrivateNetworks: true, concurrency: 16, perHost: 16 }
sources:
${sources}
topics:
  - { id: russia, title: Russia, countries: [RU] }
  - { id: europe, title: Europe, regions: [Europe] }
  - { id: latin-america, title: Latin America, regions: [Americas] }
  - { id: all, title: Everything }
`,
  );
  return file;
}

/** newsboat from Debian, installed on demand; undefined (with the reason) when it cannot be had. */
function newsboat(): string | { skipped: string } {
  const find = () => {
    try {
      return execFileSync('sh', ['-c', 'command -v newsboat'], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  if (find()) return find();
  try {
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq newsboat'], {
      stdio: 'ignore',
    });
  } catch (err) {
    return { skipped: `apt-get install newsboat failed: ${(err as Error).message.split('\n')[0]}` };
  }
  return find() || { skipped: 'newsboat not on PATH after apt-get install' };
}

async function benchSize(size: number, newsboatBin: string | { skipped: string }) {
  const dir = mkdtempSync(join(tmpdir(), `gazette-bench-${size}-`));
  const server = await startFeedServer(size);
  const rows: Row[] = [];
  try {
    const files = join(dir, 'files');
    mkdirSync(files);
    for (let i = 0; i < size; i++) writeFileSync(join(files, `${i}.xml`), feedDocument(i, size, SEED));
    const node = (script: string, ...args: string[]) => measure(process.execPath, [join(BENCH_JS, script), ...args]);

    rows.push(await series('floor: undici GETs, 16 connections', runs, () => node('floor-fetch.js', server.url, String(size))));
    const etags = join(dir, 'etags.json');
    await node('floor-fetch.js', server.url, String(size), '--save-etags', etags);
    rows.push(await series('floor: same, all 304', runs, () => node('floor-fetch.js', server.url, String(size), '--etags', etags)));
    rows.push(await series('floor: rss-parser, no network', runs, () => node('floor-parse.js', files)));
    rows.push(
      await series(`floor: better-sqlite3, ${size * 50} rows in one transaction`, runs, (r) =>
        node('floor-insert.js', join(dir, `floor-${r}.db`), String(size * 50)),
      ),
    );

    const cold: Measurement[] = [];
    const warm: Measurement[] = [];
    const changed: Measurement[] = [];
    let timings = '';
    for (let r = 0; r < runs; r++) {
      const runDir = join(dir, `gazette-${r}`);
      mkdirSync(runDir);
      const config = gazetteConfig(runDir, server.url, size);
      const gazette = () => measure(process.execPath, [CLI, 'run', '--once', '--force', '--timings', '--config', config], { ...process.env, GAZETTE_LOG_LEVEL: 'warn' });
      cold.push(await gazette());
      warm.push(await gazette());
      await fetch(`${server.url}/_change?fraction=0.1`, { method: 'POST' });
      changed.push(await gazette());
      timings = cold.at(-1)!.stdout;
      rmSync(runDir, { recursive: true, force: true });
    }
    const summary = (what: string, ms: Measurement[]): Row => ({
      what,
      wallMs: median(ms.map((m) => m.wallMs)),
      peakRssMb: median(ms.map((m) => m.peakRssMb)),
    });
    rows.push(summary('Gazette cold cycle (run --once --force, empty DB)', cold));
    rows.push(summary('Gazette warm cycle (all 304)', warm));
    rows.push(summary('Gazette cycle after 10% of feeds changed', changed));

    if (typeof newsboatBin === 'string') {
      const nbDir = join(dir, 'newsboat');
      mkdirSync(nbDir);
      writeFileSync(join(nbDir, 'urls'), Array.from({ length: size }, (_, i) => `${server.url}/f/${i}.xml`).join('\n'));
      writeFileSync(join(nbDir, 'config'), '');
      const nbCold: Measurement[] = [];
      const nbWarm: Measurement[] = [];
      for (let r = 0; r < runs; r++) {
        const cache = join(nbDir, `cache-${r}.db`);
        const args = ['-x', 'reload', '-u', join(nbDir, 'urls'), '-c', cache, '-C', join(nbDir, 'config')];
        const env = { ...process.env, HOME: nbDir, XDG_CONFIG_HOME: nbDir, XDG_DATA_HOME: nbDir };
        nbCold.push(await measure(newsboatBin, args, env));
        nbWarm.push(await measure(newsboatBin, args, env));
      }
      rows.push(summary('newsboat cold reload', nbCold));
      rows.push(summary('newsboat reload, all 304', nbWarm));
    }
    return { size, rows, timings };
  } finally {
    server.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const find = (rows: Row[], prefix: string) => rows.find((r) => r.what.startsWith(prefix));

function report(results: Awaited<ReturnType<typeof benchSize>>[], newsboatNote: string, command: string): string {
  const lines: string[] = [];
  lines.push(`Command: \`${command}\` — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}, median of ${runs} run(s); each figure is a whole process, start-up included.`);
  if (newsboatNote) lines.push('', newsboatNote);
  for (const { size, rows, timings } of results) {
    lines.push('', `### N = ${size} feeds × 50 items`, '', '| what | median wall | peak RSS |', '|---|---|---|');
    for (const r of rows) lines.push(`| ${r.what} | ${fmtS(r.wallMs)} | ${r.peakRssMb.toFixed(0)} MB |`);
    const get = (p: string) => find(rows, p)?.wallMs;
    const floor = (get('floor: undici GETs') ?? 0) + (get('floor: rss-parser') ?? 0) + (get('floor: better-sqlite3') ?? 0);
    const ratios: string[] = [];
    const cold = get('Gazette cold');
    const warm = get('Gazette warm');
    if (cold) ratios.push(`cold / (fetch + parse + insert floors) = ${(cold / floor).toFixed(2)}`);
    if (warm) ratios.push(`warm / 304 floor = ${(warm / get('floor: same, all 304')!).toFixed(2)}`);
    const nbCold = get('newsboat cold');
    const nbWarm = get('newsboat reload');
    if (nbCold && cold) ratios.push(`newsboat cold / Gazette cold = ${(nbCold / cold).toFixed(1)}`);
    if (nbWarm && warm) ratios.push(`newsboat 304 / Gazette warm = ${(nbWarm / warm).toFixed(1)}`);
    lines.push('', `Ratios: ${ratios.join('; ')}.`);
    if (timings.includes('stage')) lines.push('', 'Per-stage timings of the last cold cycle (`run --once --timings`):', '', '```', timings.trim(), '```');
  }
  const coldOf = (n: number) => find(results.find((r) => r.size === n)?.rows ?? [], 'Gazette cold')?.wallMs;
  const c1k = coldOf(1000);
  const c10k = coldOf(10000);
  if (c1k && c10k) lines.push('', `Scaling: cold cycle N = 10,000 / N = 1,000 = ${(c10k / c1k).toFixed(2)} (target <= 11).`);
  return lines.join('\n');
}

const newsboatBin = smoke || values['no-newsboat'] ? { skipped: 'newsboat not run (--no-newsboat or --smoke)' } : newsboat();
const results = [];
for (const size of sizes) {
  process.stderr.write(`bench: N = ${size}…\n`);
  results.push(await benchSize(size, newsboatBin));
}
const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
const text = report(results, typeof newsboatBin === 'string' ? '' : `newsboat: skipped (${newsboatBin.skipped}).`, command);
process.stdout.write(`${text}\n`);
if (!smoke && !values['no-write']) {
  const file = join(ROOT, 'docs', 'BENCHMARKS.md');
  const doc = readFileSync(file, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  writeFileSync(file, `${doc.slice(0, doc.indexOf(start) + start.length)}\n${text}\n${doc.slice(doc.indexOf(end))}`);
}
