import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { validateFeeds } from '../helpers/validate.js';

/** Every file under dir, '/'-separated and relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/'))
    .sort();
}

describe('gazette demo', () => {
  it('runs a real cycle over the bundled samples offline and writes valid feeds', { timeout: 120_000 }, async () => {
    const r = await runCli(['demo']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sources: 4 polled, 4 ok, 0 failed/);
    const dir = r.stdout.match(/demo feeds written to (\S+)/)![1]!;
    const files = filesUnder(dir);
    const feeds = files.filter((f) => /\.(atom|rss|json)$/.test(f) && f !== 'manifest.json');

    // Configured topics, automatic continent and country topics, and archive pages beyond `limit`.
    for (const topic of ['russia', 'cuba', 'europe', 'former-soviet-union', 'all', 'regions/europe', 'countries/ru', 'countries/cu']) {
      for (const ext of ['atom', 'rss', 'json', 'html']) expect(files).toContain(`${topic}.${ext}`);
    }
    expect(files).toContain('archive/all/1.atom');
    expect(files).toEqual(expect.arrayContaining(['index.html', 'index.opml', 'manifest.json']));
    expect(files.some((f) => f.startsWith('.') || f.includes('/.'))).toBe(false);

    const result = await validateFeeds(feeds.map((f) => join(dir, f)));
    expect(result.code, result.output).toBe(0);
    expect(result.output.match(/^ok /gm)).toHaveLength(feeds.length);

    const russia = readFileSync(join(dir, 'russia.atom'), 'utf8');
    expect(russia).toContain('Russia: Putin Declares Partial Mobilization');
    expect(readFileSync(join(dir, 'index.opml'), 'utf8')).toContain('russia.atom');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(manifest.files).sort()).toEqual(files.filter((f) => f !== 'manifest.json'));
  });
});
