// Reads the Dockerfile and performs its steps without a Docker engine: each
// stage's filesystem is a temp directory, absolute image paths (in COPY, ENV
// values, WORKDIR and RUN commands) are mapped into it, and RUN commands run
// with `sh -c` on this machine's Node. An instruction this file does not know
// fails the test, so the Dockerfile and its test cannot drift apart silently.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompressSync, constants as zlib } from 'node:zlib';

const execFileAsync = promisify(execFile);

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions in order, continuation lines joined, comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!pending && (line.trim() === '' || line.trimStart().startsWith('#'))) return;
    if (pending && line.trimStart().startsWith('#')) return; // comment inside a continued instruction
    const continued = line.endsWith('\\');
    const body = continued ? line.slice(0, -1) : line;
    pending = pending ? { ...pending, text: `${pending.text} ${body.trim()}` } : { text: body.trim(), line: i + 1 };
    if (!continued) {
      const [keyword = '', ...rest] = pending.text.split(/\s+/);
      out.push({ keyword: keyword.toUpperCase(), args: pending.text.slice(keyword.length).trim(), line: pending.line });
      pending = undefined;
    }
  });
  return out;
}

export interface Healthcheck {
  options: Record<string, string>;
  command: string[];
}

/** A stage after its steps ran: its root directory and the image settings it declared. */
export interface BuiltStage {
  name?: string;
  base: string;
  root: string;
  workdir: string;
  /** As written in the Dockerfile (unmapped). */
  env: Record<string, string>;
  user?: string;
  volumes: string[];
  exposed: string[];
  healthcheck?: Healthcheck;
  cmd?: string[];
}

/** Maps an absolute image path into the stage root. */
export const inImage = (stage: { root: string }, path: string) => join(stage.root, path);

/** The environment a process of the image sees, image paths mapped into the stage root. */
export function imageEnv(stage: BuiltStage): Record<string, string> {
  const mapped = Object.fromEntries(
    Object.entries(stage.env).map(([k, v]) => [k, v.startsWith('/') ? inImage(stage, v) : v]),
  );
  return { PATH: `${inImage(stage, '/usr/local/bin')}:${process.env.PATH}`, HOME: process.env.HOME ?? '/root', ...mapped };
}

/**
 * Runs every stage of the Dockerfile with `context` as the build context.
 * `buildEnv` is what the build machine adds to RUN steps (like a proxy setting
 * would in a real `docker build`), not part of the image.
 */
export async function buildImage(dockerfile: string, context: string, buildEnv: Record<string, string> = {}): Promise<BuiltStage[]> {
  const stages: BuiltStage[] = [];
  let stage: BuiltStage | undefined;
  for (const ins of parseDockerfile(dockerfile)) {
    const where = `Dockerfile:${ins.line}: ${ins.keyword}`;
    if (ins.keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      if (!m) throw new Error(`${where}: cannot read "${ins.args}"`);
      const root = mkdtempSync(join(tmpdir(), `gazette-image-${m[2] ?? 'final'}-`));
      chmodSync(root, 0o755); // the image's user must be able to reach its files
      mkdirSync(join(root, 'usr/local/bin'), { recursive: true }); // on PATH in the base image
      stage = { name: m[2], base: m[1]!, root, workdir: '/', env: {}, volumes: [], exposed: [] };
      stages.push(stage);
      continue;
    }
    if (!stage) throw new Error(`${where} before FROM`);
    const s = stage;
    const here = (p: string) => (p.startsWith('/') ? inImage(s, p) : join(inImage(s, s.workdir), p));
    switch (ins.keyword) {
      case 'WORKDIR':
        s.workdir = ins.args.startsWith('/') ? ins.args : join(s.workdir, ins.args);
        mkdirSync(inImage(s, s.workdir), { recursive: true });
        break;
      case 'ENV':
        for (const m of ins.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) s.env[m[1]!] = m[2]!.replace(/^"|"$/g, '');
        break;
      case 'COPY':
        copy(ins.args, stages, context, here, where);
        break;
      case 'RUN':
        // Asynchronous: a download the step makes may be served by this very process.
        await execFileAsync('sh', ['-c', mapPaths(ins.args, s.root)], {
          cwd: inImage(s, s.workdir),
          env: { ...imageEnv(s), ...buildEnv },
          maxBuffer: 64 << 20,
        });
        break;
      case 'USER':
        s.user = ins.args;
        break;
      case 'VOLUME':
        s.volumes.push(...(JSON.parse(ins.args) as string[]));
        break;
      case 'EXPOSE':
        s.exposed.push(...ins.args.split(/\s+/));
        break;
      case 'HEALTHCHECK': {
        const m = /^((?:--\S+=\S+\s+)*)CMD\s+(\[.*\])$/.exec(ins.args);
        if (!m) throw new Error(`${where}: expected options and an exec-form CMD`);
        const options = Object.fromEntries([...m[1]!.matchAll(/--(\S+)=(\S+)/g)].map((o) => [o[1]!, o[2]!]));
        s.healthcheck = { options, command: JSON.parse(m[2]!) as string[] };
        break;
      }
      case 'CMD':
        s.cmd = JSON.parse(ins.args) as string[];
        break;
      default:
        throw new Error(`${where}: this test does not know how to perform it; teach tests/ops/dockerfile.ts`);
    }
  }
  return stages;
}

/** Absolute paths in a RUN command name the image's files: map them into the stage root. */
export const mapPaths = (command: string, root: string) => command.replace(/(^|[\s"'=])\/(?=[\w.])/g, `$1${root}/`);

function copy(args: string, stages: BuiltStage[], context: string, here: (p: string) => string, where: string) {
  const words = args.split(/\s+/);
  const from = words[0]?.startsWith('--from=') ? words.shift()!.slice('--from='.length) : undefined;
  if (words.some((w) => w.startsWith('--'))) throw new Error(`${where}: unsupported COPY option`);
  const dest = words.pop()!;
  const source = from ? stages.find((st) => st.name === from) : undefined;
  if (from && !source) throw new Error(`${where}: no stage named ${from}`);
  const origin = (p: string) => (source ? inImage(source, p) : join(context, p));
  const intoDir = dest.endsWith('/') || words.length > 1;
  for (const src of words) {
    const from = origin(src);
    if (!existsSync(from)) throw new Error(`${where}: ${src} is not in the ${source ? `stage ${source.name}` : 'build context'}`);
    const target = intoDir && !statSync(from).isDirectory() ? join(here(dest), basename(src)) : here(dest);
    cpSync(from, target, { recursive: true, verbatimSymlinks: true });
  }
}

/** A clean copy of the repository as Docker would send it: everything but what .dockerignore names. */
export function buildContext(repo: string): string {
  const ignore = readFileSync(join(repo, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`));
  const context = mkdtempSync(join(tmpdir(), 'gazette-context-'));
  cpSync(repo, context, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => {
      const rel = relative(repo, src);
      return rel === '' || !ignore.some((re) => re.test(rel) || re.test(basename(rel)));
    },
  });
  return context;
}

/** Names of the packages directly under node_modules (scoped ones as @scope/name). */
export function installedPackages(nodeModules: string): string[] {
  return readdirSync(nodeModules).flatMap((name) =>
    name.startsWith('@') ? readdirSync(join(nodeModules, name)).map((sub) => `${name}/${sub}`) : name.startsWith('.') ? [] : [name],
  );
}

/**
 * Native addons download a prebuilt binary during `npm ci` in a real image
 * build; this machine cannot reach their download hosts and would compile them
 * from source for minutes. This serves, on 127.0.0.1, the binaries this
 * checkout's own `npm ci` built, in the formats and at the mirror settings the
 * addons' installers document. An addon not listed here is compiled as before.
 */
export const NATIVE_MIRRORS = [
  // prebuild-install: <host>/v<version>/better-sqlite3-v<version>-node-v<abi>-<platform>-<arch>.tar.gz
  { env: 'npm_config_better_sqlite3_binary_host', pkg: 'better-sqlite3', artifact: 'build/Release/better_sqlite3.node', match: /\/better-sqlite3-v[^/]+\.tar\.gz$/, format: 'tar.gz' },
  // install-artifact-from-github: <mirror>/<owner>/<repo>/releases/download/<version>/<platform>-<arch>-<abi>.br|.gz
  { env: 'RE2_DOWNLOAD_MIRROR', pkg: 're2', artifact: 'build/Release/re2.node', match: /\/node-re2\/releases\/download\/.*\.br$/, format: 'br' },
] as const;

export function nativeArtifact(repo: string, path: string): Buffer | undefined {
  const entry = NATIVE_MIRRORS.find((m) => m.match.test(path));
  const dir = entry && join(repo, 'node_modules', entry.pkg);
  if (!entry || !dir || !existsSync(join(dir, entry.artifact))) return undefined;
  if (entry.format === 'tar.gz') return execFileSync('tar', ['-czf', '-', '-C', dir, entry.artifact], { maxBuffer: 64 << 20 });
  // Fastest brotli: the default (quality 11) takes most of a minute on 20 MB.
  return brotliCompressSync(readFileSync(join(dir, entry.artifact)), { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } });
}
