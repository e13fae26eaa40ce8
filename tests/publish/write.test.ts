import { watch } from 'node:fs';
import { mkdir, open, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { PublishError, writeFileIfChanged } from '../../src/publish/index.js';
import { makeTempDir, removeTempDirs } from './helpers.js';

let dir: string;
afterAll(removeTempDirs);
beforeEach(async () => {
  dir = await makeTempDir();
});

const PAST = new Date('2020-01-01T00:00:00Z');

describe('writeFileIfChanged', () => {
  it('creates missing parent directories and writes the content as UTF-8', async () => {
    const file = join(dir, 'countries', 'ru', 'feed.atom');
    expect(await writeFileIfChanged(file, 'Кагарлицкий “é”\n')).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('Кагарлицкий “é”\n');
  });

  it('does not touch a file that already holds the same bytes', async () => {
    const file = join(dir, 'same.rss');
    expect(await writeFileIfChanged(file, 'same ✓')).toBe(true);
    await utimes(file, PAST, PAST);
    const before = await stat(file);
    expect(await writeFileIfChanged(file, 'same ✓')).toBe(false);
    const after = await stat(file);
    expect(after.mtimeMs).toBe(PAST.getTime());
    expect(after.ino).toBe(before.ino);
  });

  it('replaces a file whose bytes differ, by rename: an open reader keeps the whole old file', async () => {
    const file = join(dir, 'feed.json');
    await writeFileIfChanged(file, 'old content');
    await utimes(file, PAST, PAST);
    const reader = await open(file, 'r');
    try {
      expect(await writeFileIfChanged(file, 'new content, longer than the old')).toBe(true);
      expect(await readFile(file, 'utf8')).toBe('new content, longer than the old');
      expect((await reader.readFile()).toString('utf8')).toBe('old content');
      expect((await stat(file)).mtimeMs).not.toBe(PAST.getTime());
    } finally {
      await reader.close();
    }
  });

  it('a file written by someone else with different bytes is replaced', async () => {
    const file = join(dir, 'foreign.atom');
    await writeFile(file, 'hand edited');
    expect(await writeFileIfChanged(file, 'generated')).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('generated');
  });

  it('writes through a hidden temp file in the same directory, named after the target and this process', async () => {
    const seen: string[] = [];
    const watcher = watch(dir, (_event, name) => {
      if (name !== null) seen.push(name);
    });
    try {
      const tempSeen = new Promise<void>((resolve) => watcher.on('change', (_e, name) => String(name).endsWith('.tmp') && resolve()));
      await writeFileIfChanged(join(dir, 'feed.atom'), 'content');
      await tempSeen;
    } finally {
      watcher.close();
    }
    const temp = seen.find((name) => name.endsWith('.tmp'));
    expect(temp).toMatch(new RegExp(`^\\.feed\\.atom\\.${process.pid}\\.[0-9a-f]+\\.tmp$`));
  });

  it('leaves no temp files behind', async () => {
    for (const content of ['a', 'b', 'b', 'c']) await writeFileIfChanged(join(dir, 'x.atom'), content);
    expect(await readdir(dir)).toEqual(['x.atom']);
  });

  it('concurrent writers of one file each replace it whole and leave no temp files', async () => {
    const file = join(dir, 'race.json');
    const contents = Array.from({ length: 8 }, (_, i) => `writer ${i} `.repeat(1000));
    await Promise.all(contents.map((c) => writeFileIfChanged(file, c)));
    expect(contents).toContain(await readFile(file, 'utf8'));
    expect(await readdir(dir)).toEqual(['race.json']);
  });

  it('when the rename fails the temp file is removed and a PublishError names the file', async () => {
    const target = join(dir, 'occupied.atom');
    await mkdir(join(target, 'child'), { recursive: true });
    const error = await writeFileIfChanged(target, 'content').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ code: 'WRITE_FAILED' });
    expect((error as Error).message).toContain(`cannot write ${target}`);
    expect((error as Error).message).toMatch(/rename/);
    expect(await readdir(dir)).toEqual(['occupied.atom']);
  });

  it('when the parent cannot be created the error says so and nothing is left', async () => {
    await writeFile(join(dir, 'not-a-dir'), 'file');
    const target = join(dir, 'not-a-dir', 'feed.atom');
    await expect(writeFileIfChanged(target, 'content')).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      message: expect.stringContaining(target),
    });
    expect(await readdir(dir)).toEqual(['not-a-dir']);
  });
});
