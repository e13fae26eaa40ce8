// The OWASP filter-evasion vectors, fed through the titles, summaries, content, links,
// authors and categories of real RSS, Atom and JSON feeds served on 127.0.0.1, through a
// real `gazette run --once`: no vector may survive into any published file, read as a
// feed reader would read it, or as a careless one would (every text taken for HTML).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load } from 'cheerio';
import { isTag, isText, type AnyNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';
import { validateFeeds } from '../helpers/validate.js';

const VECTORS = readFileSync(resolve(ROOT, 'tests/fixtures/normalize/owasp-xss-vectors.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => line.replace(/\{\{U\+([0-9A-F]{4})\}\}/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16))));

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const date = (index: number) => new Date(Date.UTC(2024, 0, 1) + index * 60_000);
// Words of its own for every article, so that no two are taken for the same story and each is published as a lead.
const words = (tag: string) => Array.from({ length: 16 }, (_, k) => `${tag}w${k}`).join(' ');

function rssDocument(): string {
  const items = VECTORS.map(
    (vector, i) => `<item><title>${xml(`rss ${i} ${vector}`)}</title><link>${xml(`https://xss.example/rss/${i}`)}</link>
      <guid isPermaLink="false">rss-${i}</guid><pubDate>${date(i).toUTCString()}</pubDate>
      <author>${xml(vector)}</author><category>${xml(vector)}</category>
      <description>${xml(`${vector} ${words(`rss${i}`)}`)}</description><content:encoded>${xml(`<p>rss body ${i}</p>${vector}`)}</content:encoded></item>
    <item><title>rss link ${i}</title><link>${xml(vector)}</link><guid isPermaLink="false">rss-link-${i}</guid>
      <pubDate>${date(i).toUTCString()}</pubDate><description>${xml(`<a href="${vector}">link ${i}</a> ${words(`rsslink${i}`)}`)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>XSS RSS</title>
<link>https://xss.example/</link><language>en</language>${items.join('\n')}</channel></rss>`;
}

function atomDocument(): string {
  const entries = VECTORS.map(
    (vector, i) => `<entry><id>urn:xss:atom:${i}</id><title type="html">${xml(`atom ${i} ${vector}`)}</title>
      <link href="https://xss.example/atom/${i}"/><updated>${date(i).toISOString()}</updated>
      <author><name>${xml(vector)}</name></author><category term="${xml(vector)}"/>
      <summary type="html">${xml(`${vector} ${words(`atom${i}`)}`)}</summary><content type="html">${xml(`<p>atom body ${i}</p>${vector}`)}</content></entry>
    <entry><id>urn:xss:atom-text:${i}</id><title type="text">${xml(`atom text ${i} ${vector}`)}</title>
      <link href="${xml(vector)}"/><updated>${date(i).toISOString()}</updated>
      <summary type="text">${xml(`${vector} ${words(`atomtext${i}`)}`)}</summary></entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>XSS Atom</title><id>urn:xss:atom</id>
<updated>2024-01-01T00:00:00Z</updated>${entries.join('\n')}</feed>`;
}

function jsonDocument(): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'XSS JSON',
    language: 'en',
    items: VECTORS.flatMap((vector, i) => [
      {
        id: `json-${i}`,
        url: `https://xss.example/json/${i}`,
        title: `json ${i} ${vector}`,
        summary: `${vector} ${words(`json${i}`)}`,
        content_html: `<p>json body ${i}</p>${vector}`,
        image: vector,
        date_published: date(i).toISOString(),
        authors: [{ name: vector }],
        tags: [vector],
      },
      { id: `json-link-${i}`, external_url: vector, title: `json link ${i}`, content_text: `${vector} ${words(`jsonlink${i}`)}`, date_published: date(i).toISOString() },
    ]),
  });
}

// Elements that run script, load active content or submit data, whatever their attributes.
const ACTIVE_ELEMENTS = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'textarea',
  'select', 'svg', 'math', 'meta', 'link', 'base', 'bgsound', 'video', 'audio', 'source', 'template', 'noscript', 'xml',
  'isindex', 'marquee', 'body', 'html', 'head', 'title', 'xss', 'xmp', 'plaintext', 'noembed', 'details',
]);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'data', 'background', 'poster', 'cite', 'dynsrc', 'lowsrc', 'xlink:href', 'srcset']);
// Keys and attributes whose whole value is a URL in the published files.
const URL_FIELDS = new Set(['href', 'src', 'url', 'external_url', 'home_page_url', 'feed_url', 'next_url', 'image', 'banner_image', 'icon', 'favicon', 'avatar', 'link', 'uri', 'domain', 'scheme']);

/** A URL as a browser reads it: surrounding space and control characters, and tabs and newlines inside, ignored. */
function scheme(url: string): string {
  return url.replace(/[\u0000-\u0020]/g, '').toLowerCase().split(':')[0]!;
}

/** What in `text`, read as HTML, could run script or load active content. */
function activeMarkup(text: string): string[] {
  if (!/[<&]/.test(text)) return [];
  const $ = load(text, null, false);
  const found: string[] = [];
  for (const element of $('*').toArray()) {
    const name = element.tagName.toLowerCase();
    if (ACTIVE_ELEMENTS.has(name)) found.push(`<${name}>`);
    for (const [attribute, value] of Object.entries(element.attribs)) {
      const lower = attribute.toLowerCase();
      if (lower.startsWith('on') || lower === 'style' || lower === 'srcdoc') found.push(`<${name} ${attribute}>`);
      if (URL_ATTRIBUTES.has(lower) && /^(?:javascript|vbscript|data)$/.test(scheme(value))) {
        if (!(name === 'img' && lower === 'src' && /^data:image\//i.test(value.trim()))) found.push(`<${name} ${attribute}="${value}">`);
      }
    }
  }
  return found;
}

/** Problems with one published value: active markup in it, or a URL field that is not a web URL. */
function problems(where: string, key: string, value: string): string[] {
  const found = activeMarkup(value).map((problem) => `${where}: ${problem}`);
  if (URL_FIELDS.has(key.toLowerCase()) && value.trim() !== '' && !/^(?:https?|urn|mailto)$/.test(scheme(value))) {
    found.push(`${where}: ${key}=${value}`);
  }
  return found;
}

function xmlProblems(file: string, text: string): string[] {
  const found: string[] = [];
  const visit = (nodes: AnyNode[], path: string) => {
    for (const node of nodes) {
      if (isText(node)) found.push(...problems(`${file} ${path}`, path.split('/').pop()!, node.data));
      if (!isTag(node)) continue;
      const here = `${path}/${node.name}`;
      for (const [attribute, value] of Object.entries(node.attribs)) found.push(...problems(`${file} ${here}@${attribute}`, attribute, value));
      visit(node.children, here);
    }
  };
  visit(parseDocument(text, { xmlMode: true }).children, '');
  return found;
}

function jsonProblems(file: string, value: unknown, key = '', path = ''): string[] {
  if (typeof value === 'string') return problems(`${file} ${path}`, key, value);
  if (Array.isArray(value)) return value.flatMap((entry, index) => jsonProblems(file, entry, key, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([name, entry]) => jsonProblems(file, entry, name, `${path}.${name}`));
  }
  return [];
}

describe('XSS vectors in every field of RSS, Atom and JSON sources', () => {
  let server: TestServer;
  let out: string;
  let files: string[];

  beforeAll(async () => {
    expect(VECTORS.length).toBeGreaterThan(100);
    server = await startServer({
      '/feeds/rss.xml': serve(rssDocument(), 'application/rss+xml; charset=utf-8'),
      '/feeds/atom.xml': serve(atomDocument(), 'application/atom+xml; charset=utf-8'),
      '/feeds/feed.json': serve(jsonDocument(), 'application/feed+json; charset=utf-8'),
    });
    const dir = mkdtempSync(join(tmpdir(), 'gazette-xss-'));
    out = join(dir, 'feeds');
    const config = join(dir, 'gazette.yaml');
    writeFileSync(
      config,
      `database: ${join(dir, 'gazette.db')}
output: { dir: ${out}, baseUrl: "http://feeds.example.test/" }
fetch: { allowPrivateNetworks: true, timeoutSeconds: 20 }
sources:
  - { id: xss-rss, url: "${server.url}/feeds/rss.xml", title: "XSS RSS" }
  - { id: xss-atom, url: "${server.url}/feeds/atom.xml", title: "XSS Atom" }
  - { id: xss-json, url: "${server.url}/feeds/feed.json", title: "XSS JSON" }
topics:
  - { id: all, title: "Everything", limit: 2000 }
`,
    );
    const run = await runCli(['run', '--once', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/3 ok, 0 failed/);
    files = readdirSync(out, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(atom|rss|json)$/.test(file) && file !== 'manifest.json')
      .map((file) => join(out, file));
  });
  afterAll(() => server.close());

  it('publishes every article, with the harmless text around the vectors', () => {
    const all = readFileSync(join(out, 'all.json'), 'utf8');
    const items = (JSON.parse(all) as { items: unknown[] }).items;
    // Six articles per vector; the three whose link is the vector join one story when it resolves to one URL.
    expect(items.length).toBeGreaterThanOrEqual(VECTORS.length * 4);
    for (const source of ['rss', 'atom', 'json']) {
      expect(new Set(all.match(new RegExp(`${source} body \\d+`, 'g'))).size, source).toBe(VECTORS.length);
    }
    for (const text of ['MOVE HERE', 'CLICKME', 'reverse tabnabbing']) expect(all).toContain(text);
    expect(all).toContain('<a href=\\"https://ok.example/\\" rel=\\"noopener noreferrer\\">reverse tabnabbing</a>');
  });

  it('has a checker that finds what it looks for', () => {
    expect(problems('t', 'title', '<script>alert(1)</script>')).toEqual(['t: <script>']);
    expect(problems('t', 'content', '<img src="x" onerror="alert(1)">')).toEqual(['t: <img onerror>']);
    expect(problems('t', 'content', '<a href=" jav&#x09;ascript:alert(1)">x</a>')).toHaveLength(1);
    expect(problems('t', 'content', '<img src="data:text/html,x">')).toHaveLength(1);
    expect(problems('t', 'url', 'javascript:alert(1)')).toHaveLength(1);
    expect(problems('t', 'url', 'https://ok.example/')).toEqual([]);
    expect(problems('t', 'content', '<p><img src="data:image/png;base64,iVBORw0KGgo="> &lt;script&gt; ‹script›</p>')).toEqual([]);
  });

  it('lets no executable element, event handler, style or script URL into any .atom, .rss or .json file', () => {
    expect(files.map((file) => file.slice(out.length + 1))).toEqual(expect.arrayContaining(['all.atom', 'all.rss', 'all.json']));
    const found = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const name = file.slice(out.length + 1);
      return file.endsWith('.json') ? jsonProblems(name, JSON.parse(text)) : xmlProblems(name, text);
    });
    expect(found).toEqual([]);
  });

  it('still writes feeds that pass validate-feed', async () => {
    const result = await validateFeeds(files.filter((file) => !file.endsWith('manifest.json')));
    expect(result.code, result.output).toBe(0);
  });
});
