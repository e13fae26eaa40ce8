import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/index.js';
import { parseConfig } from '../../src/config/load.js';
import { runCycle } from '../../src/schedule/cycle.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { validateFeeds } from '../helpers/validate.js';

// One wire story run by three outlets, through real cycles: feeds served on
// 127.0.0.1, a SQLite file, the topic feeds written to disk and read back.

const T1 = Date.UTC(2024, 4, 2, 10);
const T2 = T1 + 3600_000;
const WIRE =
  'Rescuers pulled 14 survivors from the rubble of a collapsed apartment block in the port city overnight, ' +
  'the regional governor said on Tuesday, as the search for dozens still missing went on in freezing rain.';

interface Item {
  guid: string;
  title: string;
  summary: string;
  hoursBefore: number;
}

const rss = (site: string, items: Item[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${site}</title><link>https://${site}.test/</link><description>${site}</description>
${items
  .map(
    (i) => `<item><guid isPermaLink="false">${i.guid}</guid><link>https://${site}.test/news/${i.guid}?utm_source=rss</link>
<title>${i.title}</title><description>${i.summary}</description><pubDate>${new Date(T1 - i.hoursBefore * 3600_000).toUTCString()}</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>`;

const agency = rss('agency', [
  { guid: 'a-1', title: 'Apartment block collapses in port city, dozens missing', summary: WIRE, hoursBefore: 6 },
  { guid: 'a-2', title: 'Central bank leaves interest rates unchanged', summary: 'The bank kept its main rate at 4.5 percent, citing slowing inflation.', hoursBefore: 5 },
]);
const daily = rss('daily', [
  { guid: 'd-1', title: 'Port city building collapse: 14 survivors found', summary: `${WIRE} Our correspondent reports from the scene.`, hoursBefore: 4 },
  { guid: 'd-2', title: 'Central bank raises interest rates to fight inflation', summary: 'Rates rose by a quarter point on Thursday in another country, the fifth rise this year.', hoursBefore: 3 },
]);
const radioLater = rss('radio', [{ guid: 'r-1', title: 'Survivors pulled from rubble after collapse', summary: WIRE, hoursBefore: 1 }]);

describe('a wire story from three sources in the topic feeds', () => {
  let server: TestServer;
  let store: Store;
  let out: string;
  let radio = rss('radio', []);
  const cycles: Record<string, string>[] = [];

  beforeAll(async () => {
    server = await startServer({
      '/agency.rss': (_q, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(agency),
      '/daily.rss': (_q, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(daily),
      '/radio.rss': (_q, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(radio),
    });
    const dir = mkdtempSync(join(tmpdir(), 'gazette-dedupe-cycle-'));
    out = join(dir, 'feeds');
    const config = parseConfig(
      `database: ${join(dir, 'gazette.db')}
output: { dir: ${out}, baseUrl: "http://feeds.example.test/" }
fetch: { allowPrivateNetworks: true, timeoutSeconds: 10 }
sources:
  - { id: agency, url: "${server.url}/agency.rss", title: "Agency", priority: 1 }
  - { id: daily, url: "${server.url}/daily.rss", title: "Daily" }
  - { id: radio, url: "${server.url}/radio.rss", title: "Radio" }
topics:
  - { id: all, title: "Everything" }
  - { id: raw, title: "Every article", dedupe: off }
`,
      join(dir, 'gazette.yaml'),
    );
    store = openSqliteStore(config.database);
    const deps = { config, store, classifier: createClassifier(), log: pino({ level: 'silent' }) };
    const snapshot = () => Object.fromEntries(['all.atom', 'raw.atom'].map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    await runCycle({ ...deps, now: () => T1 });
    cycles.push(snapshot());
    radio = radioLater;
    await runCycle({ ...deps, now: () => T2 }, { force: true });
    cycles.push(snapshot());
  });
  afterAll(async () => {
    store.close();
    await server.close();
  });

  const entries = (xml: string) => {
    const $: CheerioAPI = load(xml, { xml: true });
    return $('entry')
      .toArray()
      .map((e) => ({
        id: $(e).children('id').text(),
        title: $(e).children('title').text(),
        updated: $(e).children('updated').text(),
        related: $(e).children('link[rel="related"]').toArray().map((l) => $(l).attr('href')),
        // the HTML of the content, as a reader shows it: tags dropped
        text: load($(e).children('content').text()).text(),
      }));
  };
  const wireEntry = (cycle: number) => {
    const found = entries(cycles[cycle]!['all.atom']!).filter((e) => e.text.includes('Rescuers pulled 14 survivors'));
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('shows the story once, led by the higher-priority source, with the others as related links', () => {
    const entry = wireEntry(1);
    expect(entry.title).toBe('Apartment block collapses in port city, dozens missing');
    expect(entry.text).toContain('Also reported by: Daily, Radio');
    expect(entry.related).toEqual(['https://daily.test/news/d-1?utm_source=rss', 'https://radio.test/news/r-1?utm_source=rss']);
    // the two central-bank stories are different events: two entries
    expect(entries(cycles[1]!['all.atom']!).filter((e) => e.title.startsWith('Central bank'))).toHaveLength(2);
  });

  it('keeps the entry id when a member joins in a later cycle, and moves its updated time', () => {
    const [before, after] = [wireEntry(0), wireEntry(1)];
    expect(before.text).toContain('Also reported by: Daily');
    expect(before.text).not.toContain('Radio');
    expect(after.id).toBe(before.id);
    expect(Date.parse(after.updated)).toBeGreaterThan(Date.parse(before.updated));
  });

  it('a topic with dedupe: off lists every article as its own entry', () => {
    const raw = entries(cycles[1]!['raw.atom']!);
    expect(raw.filter((e) => e.text.includes('Rescuers pulled 14 survivors'))).toHaveLength(3);
    expect(raw.every((e) => !e.text.includes('Also reported by'))).toBe(true);
  });

  it('writes feeds that pass validate-feed', async () => {
    const files = ['all', 'raw'].flatMap((topic) => ['atom', 'rss', 'json'].map((ext) => join(out, `${topic}.${ext}`)));
    const { code, output } = await validateFeeds(files);
    expect(output).not.toMatch(/: (?!ok)/m);
    expect(code).toBe(0);
  });
});
