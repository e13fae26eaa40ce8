// What the reading and cleaning of feeds gives in the published feeds, through a real
// `gazette run --once` over sources served on 127.0.0.1: detected languages as xml:lang,
// xml:base-resolved content, the best summary field, localized dates, no tracking pixels,
// and a repaired source's warning on its status.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument, DomUtils } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';

const fixture = (path: string) => readFileSync(resolve(ROOT, 'tests/fixtures', path));

interface JsonItem {
  url?: string;
  title: string;
  summary?: string;
  content_html: string;
  date_published: string;
  language?: string;
}

describe('feeds read and cleaned, end to end', () => {
  let server: TestServer;
  let dir: string;
  let out: string;
  let items: JsonItem[];
  const item = (url: string) => items.find((entry) => entry.url === url)!;

  beforeAll(async () => {
    server = await startServer({
      '/polyglot.rss': serve(fixture('normalize/undeclared-languages.rss'), 'application/rss+xml'),
      '/journal/atom.xml': serve(fixture('parse/xml-base.atom'), 'application/atom+xml'),
      '/cut.rss': serve(fixture('parse/truncated.rss'), 'application/rss+xml'),
    });
    dir = mkdtempSync(join(tmpdir(), 'gazette-read-'));
    out = join(dir, 'feeds');
    const config = join(dir, 'gazette.yaml');
    writeFileSync(
      config,
      `database: ${join(dir, 'gazette.db')}
output: { dir: ${out}, baseUrl: "http://feeds.example.test/" }
fetch: { allowPrivateNetworks: true, timeoutSeconds: 20 }
sources:
  - { id: polyglot, url: "${server.url}/polyglot.rss" }
  - { id: journal, url: "${server.url}/journal/atom.xml" }
  - { id: cut, url: "${server.url}/cut.rss" }
topics:
  - { id: all, title: "Everything", limit: 100 }
`,
    );
    const run = await runCli(['run', '--once', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    items = (JSON.parse(readFileSync(join(out, 'all.json'), 'utf8')) as { items: JsonItem[] }).items;
  });
  afterAll(() => server.close());

  it('gives each article the language detected from its text, as xml:lang in Atom and language in JSON Feed', () => {
    expect(item('https://polyglot.example/ru/1').language).toBe('ru');
    expect(item('https://polyglot.example/de/1').language).toBe('de');
    expect(item('https://polyglot.example/es/1').language).toBe('es');
    const atom = parseDocument(readFileSync(join(out, 'all.atom'), 'utf8'), { xmlMode: true });
    const langOf = (link: string) =>
      DomUtils.getElementsByTagName('entry', atom).find((entry) =>
        DomUtils.getElementsByTagName('link', entry).some((element) => element.attribs.href === link),
      )?.attribs['xml:lang'];
    expect(langOf('https://polyglot.example/ru/1')).toBe('ru');
    expect(langOf('https://polyglot.example/de/1')).toBe('de');
  });

  it('reads localized dates', () => {
    expect(item('https://polyglot.example/de/1').date_published).toBe('2024-06-04T07:00:00Z');
    expect(item('https://polyglot.example/es/1').date_published).toBe('2024-06-05T12:00:00Z');
  });

  it('publishes no tracking pixel, and takes the summary from media:description when that is all there is', () => {
    const russian = item('https://polyglot.example/ru/1');
    expect(russian.content_html).not.toContain('feedburner');
    expect(russian.summary).toBe('Стороны обсудили двустороннее сотрудничество в области энергетики и безопасности.');
    expect(item('https://polyglot.example/es/1').summary).toMatch(/^El presidente recorrió los puestos fronterizos/);
  });

  it('resolves entry links and content URLs against the xml:base in effect where they are', () => {
    const entry = item('https://blog.example.com/journal/2024/05/first-post.html');
    expect(entry.content_html).toContain('<img src="https://blog.example.com/media/cat.jpg" alt="Cat" />');
    expect(entry.content_html).toContain('<a href="https://blog.example.com/about/" rel="noopener noreferrer">about</a>');
    expect(item('https://other.example.org/elsewhere/second.html').content_html).toContain('src="https://cdn.example.net/img/dog.png"');
  });

  it("keeps the complete items of a cut-short source and puts the reason on the source's status", () => {
    expect(items.map((entry) => entry.url)).toEqual(expect.arrayContaining(['https://cut.example/1', 'https://cut.example/2']));
    const store = openSqliteStore(join(dir, 'gazette.db'));
    try {
      expect(store.sourceState('cut')?.lastWarning).toMatch(
        /^not well-formed XML: Unclosed root tag at line 15, column 34; read it leniently: 2 complete items, 1 incomplete dropped/,
      );
      expect(store.sourceState('polyglot')?.lastWarning).toBeUndefined();
    } finally {
      store.close();
    }
  });
});
