import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PublishError } from './errors.js';

/**
 * Writes `content` (UTF-8) to `file` unless the file already holds exactly these bytes,
 * so readers polling with If-Modified-Since see a change only when there is one.
 * The bytes go to a temp file in the same directory, are fsynced, then renamed over
 * `file`: a reader sees the old file or the new one, never half of one.
 * Returns true when the file was written.
 */
export async function writeFileIfChanged(file: string, content: string): Promise<boolean> {
  const staged = await stageFile(file, content);
  if (!staged) return false;
  await commitFile(staged);
  await syncDirectory(dirname(file));
  return true;
}

/** A document in a fsynced temp file beside its path, waiting to be renamed over it. */
export interface StagedFile {
  file: string;
  temp: string;
}

/**
 * The first half of writeFileIfChanged(): the bytes go to a fsynced temp file beside `file`,
 * unless `file` already holds exactly them (then undefined; `compare: false` when the caller
 * knows they differ; `makeDirectory: false` when it made the directory). Many documents can be
 * staged while others are still being rendered, and committed (or discarded) once all are.
 */
export async function stageFile(
  file: string,
  content: string | Buffer,
  options: { compare?: boolean; makeDirectory?: boolean } = {},
): Promise<StagedFile | undefined> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const existing = options.compare === false ? undefined : await readExisting(file);
  if (existing !== undefined && existing.equals(bytes)) return undefined;

  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  // (TEMP_FILE below must keep matching this name.)
  try {
    if (options.makeDirectory !== false) await mkdir(dir, { recursive: true });
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    await rm(temp, { force: true });
    throw new PublishError('WRITE_FAILED', `cannot write ${file}: ${(err as Error).message}`, { cause: err });
  }
  return { file, temp };
}

/** Renames a staged file over its path; syncDirectory() then makes that durable. */
export async function commitFile(staged: StagedFile): Promise<void> {
  try {
    await rename(staged.temp, staged.file);
  } catch (err) {
    await rm(staged.temp, { force: true });
    throw new PublishError('WRITE_FAILED', `cannot write ${staged.file}: ${(err as Error).message}`, { cause: err });
  }
}

/** Drops a staged file that is not to be committed. */
export async function discardFile(staged: StagedFile): Promise<void> {
  await rm(staged.temp, { force: true });
}

const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;

/**
 * Removes temp files that a writer killed between open and rename left behind, anywhere
 * under the output dir. Only one process publishes into a dir at a time (the cycle lock),
 * so every such file is an orphan when publishing starts. Returns the paths removed.
 */
export async function sweepTempFiles(outputDir: string): Promise<string[]> {
  const entries = await readdir(outputDir, { recursive: true, withFileTypes: true }).catch(() => []);
  const orphans = entries
    .filter((e) => e.isFile() && TEMP_FILE.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name));
  await Promise.all(orphans.map((f) => rm(f, { force: true })));
  return orphans;
}

async function readExisting(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Nothing comparable there; a directory in the way is then reported by the rename, with the path.
    if (code === 'ENOENT' || code === 'EISDIR') return undefined;
    throw new PublishError('WRITE_FAILED', `cannot read ${file} to compare it: ${(err as Error).message}`, { cause: err });
  }
}

/** Makes the rename itself durable. Some platforms cannot open or fsync a directory; there the rename is as good as it gets. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort, see above
  }
}
