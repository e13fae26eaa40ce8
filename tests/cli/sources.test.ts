import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';

const demo = (name: string) => readFileSync(join(ROOT, 'config/demo', name));

describe('gazette sources add / remove / list', () => {
  let server: TestServer;
  let file: string;
  let original: string;

  beforeAll(async () => {
    server = await startServer({
      '/feed.rss': serve(demo('seed.rss'), 'application/rss+xml'),
      '/other.atom': serve(demo('tpm.atom'), 'application/atom+xml'),
      '/blog': serve(
        '<!doctype html><html><head><title>Blog</title><link rel="alternate" type="application/atom+xml" href="/other.atom"></head><body></body></html>',
        'text/html; charset=utf-8',
      ),
      '/plain': serve('just text', 'text/plain'),
    });
    file = join(mkdtempSync(join(tmpdir(), 'gazette-sources-')), 'gazette.yaml');
    original = `# Operator's notes stay where they are.
database: g.db                     # aligned comment
fetch: { allowPrivateNetworks: true }

sources:
  - id: first                      # the first one
    url: "${server.url}/feed.rss"
# ---- topics below ----
topics:
  - { id: all, title: Everything }
  - { id: first-only, title: First, sources: [first] }
`;
    writeFileSync(file, original);
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a URL that is already configured, before fetching anything', async () => {
    const before = server.requests.length;
    const r = await runCli(['sources', 'add', `${server.url}/feed.rss`, '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is already configured as source "first"');
    expect(server.requests.length).toBe(before);
  });

  it('refuses a URL that is not a feed, naming the problem, and leaves the file alone', async () => {
    const r = await runCli(['sources', 'add', `${server.url}/plain`, '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/plain is not a usable feed: .*neither XML nor JSON/);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('follows a web page to the feed it announces, derives an id from the host, keeps every other byte', async () => {
    const r = await runCli(['sources', 'add', `${server.url}/blog`, '--country', 'us', '--config', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`added source "127-0-0-1": ${server.url}/other.atom (the feed announced by ${server.url}/blog)`);
    const text = readFileSync(file, 'utf8');
    const added = `  - id: 127-0-0-1\n    url: "${server.url}/other.atom"\n    country: US\n`;
    expect(text).toBe(original.replace('# ---- topics below', `${added}# ---- topics below`));
  });

  it('takes --id and --title, and refuses a duplicate id', async () => {
    const dup = await runCli(['sources', 'add', `${server.url}/other.atom?x=1`, '--id', 'first', '--config', file]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('a source with the id "first" already exists');
    const r = await runCli(['sources', 'add', `${server.url}/other.atom?x=1`, '--id', 'tpm', '--title', 'TPM: news', '--config', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(`  - id: tpm\n    url: "${server.url}/other.atom?x=1"\n    title: "TPM: news"\n# ---- topics`);
  });

  it('lists the sources', async () => {
    const r = await runCli(['sources', 'list', '--config', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => l.split('\t')[0])).toEqual(['first', '127-0-0-1', 'tpm']);
    const json = await runCli(['sources', 'list', '--json', '--config', file]);
    expect(JSON.parse(json.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'tpm', title: 'TPM: news' })]));
  });

  it('removes a source, but not one a topic still selects', async () => {
    const used = await runCli(['sources', 'remove', 'first', '--config', file]);
    expect(used.code).toBe(1);
    expect(used.stderr).toContain('topic first-only select source "first"; remove it there first');
    const missing = await runCli(['sources', 'remove', 'nope', '--config', file]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no source has the id "nope"');
    for (const id of ['127-0-0-1', 'tpm']) {
      const r = await runCli(['sources', 'remove', id, '--config', file]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});
