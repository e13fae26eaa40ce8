import { describe, expect, it } from 'vitest';
import { plainText, stripBoilerplate, summarize } from '../../src/normalize/index.js';

describe('plainText', () => {
  it.each([
    ['<p>One</p><p>Two</p>', 'One Two'],
    ['line<br>break<br/>again', 'line break again'],
    ['<b>bold</b>text', 'boldtext'],
    ['AT&amp;T &mdash; &#8220;quoted&#8221; &hellip;', 'AT&T — “quoted” …'],
    ['  lots \n\n of\t space ', 'lots of space'],
    ['no-break&nbsp;space kept, &nbsp;&nbsp; runs collapsed', 'no-break\u00a0space kept, runs collapsed'],
    ['<script>alert(1)</script><style>p{}</style>visible', 'visible'],
    ['<ul><li>a</li><li>b</li></ul>', 'a b'],
    ['plain text, no markup', 'plain text, no markup'],
  ])('%j → %j', (html, text) => {
    expect(plainText(html)).toBe(text);
  });
});

describe('stripBoilerplate', () => {
  it.each([
    ['The state of things [&#8230;]', 'The state of things…'],
    ['The state of things […]', 'The state of things…'],
    ['The state of things [...]', 'The state of things…'],
    ['A story. Read more', 'A story.'],
    ['A story. Read More »', 'A story.'],
    ['A story… Continue reading →', 'A story…'],
    ['A story [&#8230;] Continue reading “The full title” →', 'A story…'],
    ['A story. Read the full article', 'A story.'],
    ['A story. The post A story appeared first on Example News.', 'A story.'],
    ['A story [&#8230;] The post A story appeared first on Example News.', 'A story…'],
    ['The post office closed early. The post Closures appeared first on Example News.', 'The post office closed early.'],
    ['A story (more…)', 'A story'],
    ['Related: another story Continue reading...', 'Related: another story'],
    ['I took two steps... [read more]', 'I took two steps...'],
    ['Des nouvelles. Read more →', 'Des nouvelles.'],
  ])('%j → %j', (text, expected) => {
    expect(stripBoilerplate(text)).toBe(expected);
  });

  it('leaves "read more" inside a sentence alone', () => {
    expect(stripBoilerplate('Officials told residents they wanted to read more')).toBe(
      'Officials told residents they wanted to read more',
    );
  });
});

describe('summarize', () => {
  it('returns short text unchanged', () => {
    expect(summarize('Short text.')).toBe('Short text.');
  });

  it('cuts long text at a word boundary near 500 characters and ends with "…"', () => {
    const text = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const summary = summarize(text);
    expect(summary.length).toBeLessThanOrEqual(500);
    expect(summary.length).toBeGreaterThan(400);
    expect(summary.endsWith('…')).toBe(true);
    expect(text.startsWith(summary.slice(0, -1))).toBe(true);
    expect(text[summary.length - 1]).toBe(' '); // the cut fell on a space
  });

  it('honours a custom maximum and drops trailing punctuation before the ellipsis', () => {
    expect(summarize('alpha beta, gamma delta epsilon', 13)).toBe('alpha beta…');
  });

  it('never splits a surrogate pair', () => {
    const text = '𝐀'.repeat(400); // each is two UTF-16 code units, no spaces
    const summary = summarize(text, 101);
    expect(summary.endsWith('…')).toBe(true);
    const kept = summary.slice(0, -1);
    expect(kept).toBe('𝐀'.repeat(kept.length / 2));
    expect(kept.length).toBe(100);
    expect(() => encodeURIComponent(summary)).not.toThrow(); // throws on a lone surrogate
  });

  it('never splits an emoji sequence in text without spaces', () => {
    const family = '👨‍👩‍👧';
    const summary = summarize(family.repeat(100), 50);
    expect(summary.slice(0, -1)).toBe(family.repeat(summary.slice(0, -1).length / family.length));
  });

  it('cuts text without spaces (Chinese) at a word boundary', () => {
    const text = '中华人民共和国国务院新闻办公室今天举行新闻发布会'.repeat(30);
    const summary = summarize(text, 100);
    expect(summary.length).toBeLessThanOrEqual(100);
    expect(summary.endsWith('…')).toBe(true);
    expect(text.startsWith(summary.slice(0, -1))).toBe(true);
  });
});
