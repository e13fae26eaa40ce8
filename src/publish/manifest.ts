// manifest.json: every file Gazette wrote in the output directory with its hash. It is how a
// later run knows which files are its own to remove, and the hash is the file's HTTP ETag.
import { createHash } from 'node:crypto';
import { readFile, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkOutputPath } from './urls.js';

export const MANIFEST_FILE = 'manifest.json';

export interface ManifestEntry {
  /** contentHash() of the bytes written. */
  sha256: string;
  bytes: number;
  /** The topic the file belongs to; absent for the site-wide files. */
  topic?: string;
  /** A full archive page: written once, never rewritten. */
  sealed?: true;
}

export interface Manifest {
  generator: string;
  files: Record<string, ManifestEntry>;
}

/** SHA-256 as base64url: the manifest's `sha256` and, in quotes, the server's strong ETag. */
export function contentHash(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

export function renderManifest(files: Map<string, ManifestEntry>): string {
  const sorted = [...files.keys()].sort();
  const manifest: Manifest = { generator: 'Gazette', files: Object.fromEntries(sorted.map((path) => [path, files.get(path)!])) };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The manifest of the last run, or undefined when there is none (or it is not one of ours). */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<Manifest>;
    return parsed.generator === 'Gazette' && typeof parsed.files === 'object' && parsed.files !== null
      ? (parsed as Manifest)
      : undefined;
  } catch {
    return undefined;
  }
}

async function hashOf(file: string): Promise<string | undefined> {
  try {
    return contentHash(await readFile(file));
  } catch {
    return undefined;
  }
}

export interface Removal {
  removed: string[];
  /** Listed in the old manifest but changed since Gazette wrote them: someone else's now, left alone. */
  kept: string[];
}

/**
 * Removes the files the previous manifest lists and `current` does not, but only those that
 * still hold the bytes Gazette wrote; then the directories that this left empty.
 */
export async function removeStaleFiles(dir: string, previous: Manifest | undefined, current: Set<string>): Promise<Removal> {
  const result: Removal = { removed: [], kept: [] };
  if (!previous) return result;
  const emptied = new Set<string>();
  for (const [path, entry] of Object.entries(previous.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (current.has(path) || path === MANIFEST_FILE) continue;
    try {
      checkOutputPath(path);
    } catch {
      continue; // a manifest edited to point outside the directory gets no say
    }
    const file = join(dir, ...path.split('/'));
    const hash = await hashOf(file);
    if (hash === undefined) continue;
    if (hash !== entry.sha256) {
      result.kept.push(path);
      continue;
    }
    await rm(file, { force: true });
    result.removed.push(path);
    for (let parent = dirname(path); parent !== '.'; parent = dirname(parent)) emptied.add(parent);
  }
  // Deepest first, so a parent is tried after its children; a directory with anything left stays.
  for (const parent of [...emptied].sort((a, b) => b.length - a.length)) {
    await rmdir(join(dir, ...parent.split('/'))).catch(() => undefined);
  }
  return result;
}
