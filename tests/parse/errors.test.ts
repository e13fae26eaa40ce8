import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError, parseFeed } from '../../src/parse/index.js';
import { ROOT } from '../helpers/shared.js';

const fixture = (name: string) => readFileSync(resolve(ROOT, 'tests/fixtures/parse', name), 'utf8');
const ctx = { url: 'https://www.example.com/news/' };

async function parseError(text: string, url = ctx.url): Promise<ParseError> {
  const outcome = await parseFeed(text, { url }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ParseError);
  return outcome as ParseError;
}

describe('an HTML page instead of a feed', () => {
  it('is not-a-feed and lists the feeds the page announces as absolute URLs', async () => {
    const error = await parseError(fixture('html-page.html'));
    expect(error.code).toBe('not-a-feed');
    expect(error.discovered).toEqual([
      'https://www.example.com/feed/',
      'https://cdn.example.com/atom.xml',
      'https://www.example.com/news/feed.json',
    ]);
    expect(error.message).toContain('HTML page');
    expect(error.message).toContain('https://cdn.example.com/atom.xml');
  });

  it('is recognised without a doctype, and says when the page announces no feed', async () => {
    const error = await parseError('<html><head><title>Login</title></head><body>Sign in</body></html>');
    expect(error).toMatchObject({ code: 'not-a-feed', discovered: [] });
    expect(error.message).toMatch(/HTML page.*announces no feed/);
  });
});

describe('documents that are not feeds', () => {
  it('rejects an empty body as empty', async () => {
    for (const text of ['', '   \n\t', '\uFEFF']) expect((await parseError(text)).code).toBe('empty');
  });

  it('rejects text without markup as not-a-feed', async () => {
    expect((await parseError('Service temporarily unavailable')).code).toBe('not-a-feed');
  });

  it('rejects XML with another root element as unsupported, naming the element', async () => {
    const error = await parseError('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>');
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain('<urlset>');
  });

  it('rejects <rss> without a channel with a ParseError, not a TypeError', async () => {
    expect((await parseError('<rss version="2.0"></rss>')).code).toBe('unsupported');
  });

  it('rejects broken input of every kind with ParseError only', async () => {
    const inputs = ['<', '<rss', '{', '{"version": 1}', '[1, 2]', '<?xml version="1.0"?>', '<!DOCTYPE html>', '\u0000\u0001',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link/></entry></feed>', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'];
    for (const text of inputs) {
      const outcome = await parseFeed(text, ctx).then(
        () => 'parsed',
        (error: unknown) => (error instanceof ParseError ? 'parse-error' : `other: ${String(error)}`),
      );
      expect(outcome, JSON.stringify(text)).not.toMatch(/^other/);
    }
  });
});

describe('XML that is not well-formed', () => {
  it('is malformed with the line and column of the first error', async () => {
    const error = await parseError(fixture('malformed.xml'));
    expect(error).toMatchObject({ code: 'malformed', line: 6, column: 37 });
    expect(error.message).toMatch(/not well-formed XML: .* at line 6, column 37/);
  });

  it('is read from a repaired copy when junk, HTML entities or bare "&" are the only problems', async () => {
    const feed = await parseFeed(fixture('needs-repair.rss'), ctx);
    expect(feed.title).toBe('Tom & Jerry\u00a0News');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      title: 'Cats & mice … an ‘uneasy’ truce ★',
      link: 'https://cartoons.example.com/a?x=1&y=2',
      // CDATA is literal: the repair leaves it alone.
      summaryHtml: '<p>Kept as is: &nbsp; & bare</p>',
    });
    expect(feed.warnings).toHaveLength(1);
    expect(feed.warnings[0]).toMatch(/^document was not well-formed XML; read a repaired copy \(removed \d+ characters of junk/);
    expect(feed.warnings[0]).toContain("escaped 2 bare '&'");
  });
});

describe('what looks like junk but is not', () => {
  it('does not mistake "<?xml" in a CDATA code sample for the start of the document', async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>Code & Co</title><item><title>How to start a feed</title>
       <description><![CDATA[<pre>&lt;?xml version="1.0"?&gt;</pre> <?xml version="1.0"?><rss/>]]></description></item></channel></rss>`,
      ctx,
    );
    expect(feed.title).toBe('Code & Co');
    expect(feed.items[0]!.summaryHtml).toContain('<?xml version="1.0"?><rss/>');
  });
});

describe('concurrent parses', () => {
  it('do not mix up documents', async () => {
    const documents = Array.from({ length: 20 }, (_, index) =>
      index % 3 === 0
        ? `<rss version="2.0"><channel><title>T${index}</title><item><title>bad & ${index}</title></item></channel></rss>`
        : `<rss version="2.0"><channel><title>T${index}</title><item><title>item ${index}</title></item></channel></rss>`,
    );
    const feeds = await Promise.all(documents.map((text) => parseFeed(text, ctx)));
    feeds.forEach((feed, index) => {
      expect(feed.title).toBe(`T${index}`);
      expect(feed.items[0]!.title).toBe(index % 3 === 0 ? `bad & ${index}` : `item ${index}`);
    });
  });
});
