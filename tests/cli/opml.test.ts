import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';

const demo = (name: string) => readFileSync(join(ROOT, 'config/demo', name));

interface SourceEntry {
  id: string;
  url: string;
  title?: string;
  categories?: string[];
}

describe('gazette opml import / export', () => {
  let server: TestServer;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    server = await startServer({
      '/a.rss': serve(demo('seed.rss'), 'application/rss+xml'),
      '/b.atom': serve(demo('tpm.atom'), 'application/atom+xml'),
      '/c.xml': serve(demo('newsru-cp1251.xml'), 'text/xml; charset=windows-1251'),
      '/gone': serve('no', 'text/plain', 410),
    });
    dir = mkdtempSync(join(tmpdir(), 'gazette-opml-'));
    file = join(dir, 'gazette.yaml');
    writeFileSync(
      file,
      `# comments survive an import
fetch: { allowPrivateNetworks: true }
sources:
  - { id: existing, url: "${server.url}/a.rss" }   # already here
topics: [{ id: all, title: Everything }]
`,
    );
    writeFileSync(
      join(dir, 'subs.opml'),
      `<?xml version="1.0"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="News">
      <outline text="World">
        <outline type="rss" text="TPM &amp; co" xmlUrl="${server.url}/b.atom" category="/Politics/US,Daily"/>
      </outline>
      <outline type="rss" text="Already" xmlUrl="${server.url}/a.rss"/>
    </outline>
    <outline type="rss" title="NEWSru" text="newsru" xmlUrl="${server.url}/c.xml"/>
    <outline type="rss" text="Dead" xmlUrl="${server.url}/gone"/>
    <outline type="rss" text="Twice" xmlUrl="${server.url}/b.atom"/>
  </body>
</opml>
`,
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it('adds the new feeds with folder and category attribute categories, skips present and dead ones', async () => {
    const r = await runCli(['opml', 'import', join(dir, 'subs.opml'), '--config', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^imported 2 sources into .*; 2 already present, 1 failed$/m);
    expect(r.stdout).toMatch(/! .*\/gone is not a usable feed: .*410/);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# comments survive an import');
    expect(text).toContain('# already here');
    const sources = (parse(text) as { sources: SourceEntry[] }).sources;
    expect(sources.map((s) => s.url)).toEqual([`${server.url}/a.rss`, `${server.url}/b.atom`, `${server.url}/c.xml`]);
    expect(sources[1]).toMatchObject({ title: 'TPM & co', categories: ['News', 'World', 'Politics/US', 'Daily'] });
    expect(sources[2]).toMatchObject({ title: 'NEWSru' });
    expect(sources[2]!.categories).toBeUndefined();
    expect(new Set(sources.map((s) => s.id)).size).toBe(3);
    const check = await runCli(['check', '--config', file]);
    expect(check.code, check.stdout).toBe(0);
  });

  it('importing again adds nothing', async () => {
    const before = readFileSync(file, 'utf8');
    const r = await runCli(['opml', 'import', join(dir, 'subs.opml'), '--config', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^imported 0 sources .*; 4 already present, 1 failed$/m);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('rejects a file that is not OPML', async () => {
    writeFileSync(join(dir, 'not.opml'), '<rss version="2.0"><channel/></rss>');
    const r = await runCli(['opml', 'import', join(dir, 'not.opml'), '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not an OPML document');
  });

  it('exports well-formed OPML 2.0 that imports back to the same sources', async () => {
    const r = await runCli(['opml', 'export', '--config', file]);
    expect(r.code, r.stderr).toBe(0);
    const exported = join(dir, 'exported.opml');
    writeFileSync(exported, r.stdout);
    // An independent, strict XML parser (Debian's Python).
    const outlines = execFileSync('/usr/bin/python3', [
      '-c',
      'import sys, xml.etree.ElementTree as ET; r = ET.parse(sys.argv[1]).getroot(); assert r.tag == "opml" and r.get("version") == "2.0"; print("\\n".join(o.get("xmlUrl") + " " + (o.get("category") or "-") for o in r.iter("outline")))',
      exported,
    ]).toString();
    expect(outlines.trim().split('\n')).toEqual([
      `${server.url}/a.rss -`,
      `${server.url}/b.atom News,World,Politics/US,Daily`,
      `${server.url}/c.xml -`,
    ]);
    const fresh = join(dir, 'fresh.yaml');
    writeFileSync(fresh, 'sources: []\n');
    const requests = server.requests.length;
    const back = await runCli(['opml', 'import', exported, '--no-check', '--config', fresh]);
    expect(back.code, back.stderr).toBe(0);
    expect(server.requests.length, '--no-check fetches nothing').toBe(requests);
    const original = (parse(readFileSync(file, 'utf8')) as { sources: SourceEntry[] }).sources;
    const again = (parse(readFileSync(fresh, 'utf8')) as { sources: SourceEntry[] }).sources;
    expect(again.map((s) => [s.url, s.categories ?? []])).toEqual(original.map((s) => [s.url, s.categories ?? []]));
  });
});
