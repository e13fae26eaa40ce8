import * as cheerio from 'cheerio';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';
import { validateFeeds } from '../helpers/validate.js';

const KAGARLITSKY = 'Russia: Who Is Boris Kagarlitsky and Why Is He Being Prosecuted?';

describe('gazette classify', () => {
  it('prints the issue’s JSON shape', async () => {
    const r = await runCli(
      ['classify', '--json', 'Russia: Putin Declares Partial Mobilization', 'Russia will use all means.'],
      { cwd: ROOT },
    );
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as Record<string, unknown> & { countries: Record<string, unknown>[] };
    expect(Object.keys(result)).toEqual(['primary', 'countries', 'subregions', 'continents', 'regions']);
    expect(result.primary).toBe('RU');
    expect(Object.keys(result.countries[0]!)).toEqual(['code', 'score', 'evidence']);
    expect(result.countries[0]!.evidence).toEqual(expect.arrayContaining(['title-prefix:Russia', 'title:Putin']));
    expect(result.subregions).toEqual(['Eastern Europe']);
    expect(result.continents).toEqual(['Europe']);
    expect(result.regions).toContain('Europe');
  });

  it('prints primary null when nothing is found, and a readable summary without --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-classify-'));
    const none = await runCli(['classify', '--json', 'Workers of the world, unite'], { cwd: dir });
    expect(none.code, none.stderr).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual({ primary: null, countries: [], subregions: [], continents: [], regions: [] });
    const text = await runCli(['classify', 'Protests in Tbilisi', 'Police used water cannon.'], { cwd: dir });
    expect(text.stdout).toMatch(/^primary: +GE \(Georgia\)$/m);
    expect(text.stdout).toMatch(/^ +GE +Georgia +0\.\d+ +title:Tbilisi$/m);
    expect(text.stdout).toMatch(/^regions: +Europe$/m);
  });

  it('applies a source’s hint and rules with --source, and rejects an unknown source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-classify-'));
    const config = join(dir, 'gazette.yaml');
    writeFileSync(
      config,
      `sources:\n  - { id: cuba, url: "https://cuba.example/feed", country: CU }\nrules:\n  - { match: "congress", ignoreCase: true, sources: [cuba], remove: [US] }\n`,
    );
    const r = await runCli(['classify', '--json', '--config', config, '--source', 'cuba', 'Congress meets'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).countries).toEqual([{ code: 'CU', score: expect.any(Number), evidence: ['source-hint:CU'] }]);
    const bad = await runCli(['classify', '--config', config, '--source', 'nope', 'x'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no source has the id "nope"/);
  });
});

describe('gazette reclassify, after a real cycle', () => {
  let server: TestServer;
  let dir: string;
  let out: string;
  const configFile = () => join(dir, 'gazette.yaml');
  const writeConfig = (rules: string) =>
    writeFileSync(
      configFile(),
      `database: ${join(dir, 'gazette.db')}
output: { dir: ${out}, baseUrl: "http://feeds.example.test/" }
fetch: { allowPrivateNetworks: true, timeoutSeconds: 10 }
sources:
  - { id: seed, url: "${server.url}/seed.rss", title: "Seed sample" }
topics:
  - { id: russia, title: "Russia", countries: [RU] }
  - { id: cuba, title: "Cuba", countries: [CU] }
  - { id: latin, title: "Latin America", regions: [Latin America] }
regions:
  Former Soviet Union: [RU, UA, BY, KZ, GE, AM, AZ]
${rules}`,
    );

  beforeAll(async () => {
    server = await startServer({
      '/seed.rss': serve(readFileSync(join(ROOT, 'config', 'demo', 'seed.rss')), 'application/rss+xml'),
    });
    dir = mkdtempSync(join(tmpdir(), 'gazette-reclassify-'));
    out = join(dir, 'feeds');
    writeConfig('');
    const r = await runCli(['run', '--once', '--config', configFile()]);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(async () => {
    await server.close();
  });

  it('tags each entry with its editorial regions, default and the operator’s, in every format', async () => {
    const $ = cheerio.load(readFileSync(join(out, 'russia.atom'), 'utf8'), { xml: true });
    const entry = $('entry').filter((_, e) => $(e).children('category[term="RU"]').length > 0).first();
    const regions = entry
      .children('category[scheme="http://feeds.example.test/schemes/region"]')
      .map((_, c) => $(c).attr('term'))
      .get();
    expect(regions).toEqual(expect.arrayContaining(['Europe', 'Former Soviet Union']));
    const rss = cheerio.load(readFileSync(join(out, 'russia.rss'), 'utf8'), { xml: true });
    expect(rss('category[domain="http://feeds.example.test/schemes/region"]').first().text()).toBe('Europe');
    const json = JSON.parse(readFileSync(join(out, 'russia.json'), 'utf8')) as { items: { tags?: string[] }[] };
    expect(json.items.some((i) => i.tags?.includes('Former Soviet Union'))).toBe(true);
    const files = ['atom', 'rss', 'json'].map((ext) => join(out, `russia.${ext}`));
    const validation = await validateFeeds(files);
    expect(validation.code, validation.output).toBe(0);
  });

  it('changes nothing when the config did not change', async () => {
    const r = await runCli(['reclassify', '--json', '--config', configFile()]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.checked).toBeGreaterThanOrEqual(12);
    expect(report.changed).toBe(0);
    expect(report.feedsWritten).toEqual([]);
  });

  it('re-runs classification after a rule is added, in small batches, and rewrites the affected feeds', async () => {
    expect(readFileSync(join(out, 'cuba.atom'), 'utf8')).not.toContain('Kagarlitsky');
    writeConfig('rules:\n  - { match: "Kagarlitsky", in: title, add: [CU] }\n');
    const r = await runCli(['reclassify', '--batch', '5', '--config', configFile()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^articles: \d+ classified again, 1 changed$/m);
    expect(r.stdout).toMatch(/^feeds: +\d+ written, \d+ unchanged$/m);

    const cuba = readFileSync(join(out, 'cuba.atom'), 'utf8');
    expect(cuba).toContain(KAGARLITSKY.replace(/'/g, '&apos;').split(':')[1]!.trim().slice(0, 20));
    expect(readFileSync(join(out, 'latin.atom'), 'utf8')).toContain('Kagarlitsky');
    const files = readdirSync(out)
      .filter((f) => /^(russia|cuba|latin)\.(atom|rss|json)$/.test(f))
      .map((f) => join(out, f));
    const validation = await validateFeeds(files);
    expect(validation.output).not.toMatch(/: (?!ok)/m);
    expect(validation.code, validation.output).toBe(0);

    const again = await runCli(['reclassify', '--json', '--config', configFile()]);
    expect(JSON.parse(again.stdout)).toMatchObject({ changed: 0, feedsWritten: [] });
  });

  it('exits 1 naming the problem when a rule is invalid', async () => {
    writeConfig('rules:\n  - { match: "Kagarlitsky(", add: [CU] }\n');
    const r = await runCli(['reclassify', '--config', configFile()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/gazette\.yaml:\d+:\d+: rules\.0\.match: not a valid regular expression/);
  });
});
