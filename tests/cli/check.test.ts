import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/shared.js';

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gazette-check-')), 'gazette.yaml');
  writeFileSync(file, text);
  return file;
}

describe('gazette check', () => {
  it('passes the bundled config with counts', async () => {
    const r = await runCli(['check', '--config', join(ROOT, 'config/gazette.yaml')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^config OK: \d+ sources, \d+ topics$/m);
  });

  it('prints every schema problem with file:line:column and a "did you mean" for misspelt keys', async () => {
    const file = configFile(`fetch:
  concurency: 3
  zzz: 1
sources:
  - { id: a, url: "ftp://a.test/feed", contry: RU }
  - { id: b, url: "not a url" }
`);
    const r = await runCli(['check', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${file}:2:3: fetch: unknown key "concurency" (did you mean "concurrency"?)`,
      `${file}:3:3: fetch: unknown key "zzz"`,
      `${file}:5:19: sources.0.url: must be an absolute http:// or https:// URL`,
      `${file}:5:40: sources.0: unknown key "contry" (did you mean "country"?)`,
      `${file}:6:19: sources.1.url: must be an absolute http:// or https:// URL`,
    ]);
    expect(r.stderr).toContain(`5 problems in ${file}`);
  });

  it('finds duplicate ids and URLs, empty regions and topics that can never match, all at once', async () => {
    const file = configFile(`regions:
  Nowhere: []
sources:
  - { id: a, url: "https://a.test/feed" }
  - { id: a, url: "https://b.test/feed" }
  - { id: c, url: "https://a.test/feed" }
topics:
  - { id: lost, title: Lost, regions: [Nowhere] }
  - { id: fine, title: Fine, countries: [RU] }
  - { id: ghost, title: Ghost, sources: [zz] }
`);
    const r = await runCli(['check', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${file}:2:12: regions.Nowhere: region "Nowhere" has no countries`,
      `${file}:5:11: sources.1.id: duplicate id "a"`,
      `${file}:6:19: sources.2.url: the same URL as source "a"`,
      `${file}:8:5: topics.0: topic "lost" can never match: its places select no country`,
      `${file}:10:42: topics.2.sources.0: no source has the id "zz"`,
    ]);
  });

  it('says when no topic can match because there are no sources', async () => {
    const r = await runCli(['check', '--config', configFile('topics: [{ id: all, title: All }]\n')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/:1:9: topics: no sources are configured, so no topic can ever match/);
  });

  it('reports YAML syntax errors with their position', async () => {
    const file = configFile('sources: [\n  { id: a\n');
    const r = await runCli(['check', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: YAML: `, 'm'));
  });
});
