import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { validateFeeds } from '../helpers/validate.js';

describe('gazette demo', () => {
  it('runs a real cycle over the bundled samples offline and writes valid feeds', async () => {
    const r = await runCli(['demo']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sources: 4 polled, 4 ok, 0 failed/);
    const dir = r.stdout.match(/demo feeds written to (\S+)/)![1]!;
    const files = readdirSync(dir).filter((f) => /\.(atom|rss|json)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(15);
    const result = await validateFeeds(files.map((f) => join(dir, f)));
    expect(result.code, result.output).toBe(0);
    const russia = readFileSync(join(dir, 'russia.atom'), 'utf8');
    expect(russia).toContain('Russia: Putin Declares Partial Mobilization');
    expect(readFileSync(join(dir, 'index.opml'), 'utf8')).toContain('russia.atom');
  });
});
