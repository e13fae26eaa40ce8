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
  it('is malformed, with the line and column of the first error, when not one complete item can be read', async () => {
    const error = await parseError(fixture('truncated-early.rss'));
    expect(error).toMatchObject({ code: 'malformed', line: 7, column: 26 });
    expect(error.message).toBe('not well-formed XML: Unclosed root tag at line 7, column 26');
  });

  it('is malformed when it is not XML at all past its first tag', async () => {
    const error = await parseError('<rss version="2.0"><channel><title>x</title>\n<<<>>> ]]> &&& <item');
    expect(error).toMatchObject({ code: 'malformed', line: 2 });
    expect(error.message).toMatch(/^not well-formed XML: .* at line 2, column \d+$/);
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
    expect(feed.warnings[0]).toMatch(
      /^not well-formed XML: .+ at line 2, column 4; read a repaired copy \(removed 132 characters of junk before the document, /,
    );
    expect(feed.warnings[0]).toContain('replaced 5 HTML entities');
    expect(feed.warnings[0]).toContain("escaped 2 bare '&'");
  });

  it('keeps the complete items of a document cut short, drops the cut one, and says so', async () => {
    const feed = await parseFeed(fixture('truncated.rss'), ctx);
    expect(feed.items.map((item) => item.title)).toEqual(['First', 'Second']);
    expect(feed.warnings).toEqual([
      'not well-formed XML: Unclosed root tag at line 15, column 34; read it leniently: 2 complete items, 1 incomplete dropped (the document is cut short or its tags do not match)',
    ]);
  });

  it('reads a document with a stray or mismatched tag leniently, as a forgiving reader does', async () => {
    const feed = await parseFeed(fixture('malformed.xml'), ctx);
    expect(feed.items).toEqual([expect.objectContaining({ title: 'Unclosed <b>bold</b>' })]);
    expect(feed.warnings[0]).toMatch(/^not well-formed XML: Unexpected close tag at line 6, column 37; read it leniently: 1 complete items$/);
  });

  it('removes control characters and junk after the document, and reads past a byte order mark', async () => {
    const feed = await parseFeed(
      '\uFEFF<?xml version="1.0"?><rss version="2.0"><channel><title>Bell\u0007 and\u0000 null</title>' +
        '<item><title>One\u001B</title></item></channel></rss>\n<script>evil()</script>',
      ctx,
    );
    expect(feed.title).toBe('Bell and null');
    expect(feed.items.map((item) => item.title)).toEqual(['One']);
    expect(feed.warnings).toEqual([
      'not well-formed XML: character U+0007 is not allowed in XML at line 1, column 61; read a repaired copy ' +
        '(removed 24 characters of junk after the document, removed 3 control characters XML does not allow)',
    ]);
  });

  it('reads a well-formed document with a byte order mark without a warning', async () => {
    const feed = await parseFeed('\uFEFF<rss version="2.0"><channel><title>T</title><item><title>a</title></item></channel></rss>', ctx);
    expect(feed).toMatchObject({ title: 'T', warnings: [] });
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
