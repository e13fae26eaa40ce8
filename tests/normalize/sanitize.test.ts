import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../src/normalize/index.js';

const BASE = 'https://news.example.org/world/feed/';
const clean = (html: string) => sanitizeHtml(html, BASE);

describe('sanitizeHtml removes script vectors', () => {
  it.each([
    ['<p>ok</p><script>alert(1)</script>', '<p>ok</p>'],
    ['<p>ok</p><SCRIPT SRC="https://evil.example/x.js"></SCRIPT>', '<p>ok</p>'],
    ['<img src="https://img.example/a.png" onerror="alert(1)">', '<img src="https://img.example/a.png" />'],
    ['<p onclick="alert(1)" style="color:red" class="x">text</p>', '<p>text</p>'],
    ['<a href="javascript:alert(1)">click</a>', '<a rel="noopener noreferrer">click</a>'],
    ['<a href="  JaVaScRiPt:alert(1)">click</a>', '<a rel="noopener noreferrer">click</a>'],
    ['<a href="java&#x09;script:alert(1)">click</a>', '<a rel="noopener noreferrer">click</a>'],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a rel="noopener noreferrer">x</a>'],
    ['<img src="javascript:alert(1)">', ''],
    ['<img src="data:text/html;base64,PHNjcmlwdD4=">', ''],
    ['<iframe src="https://evil.example/"><p>fallback</p></iframe><p>after</p>', '<p>after</p>'],
    ['<style>body{display:none}</style><p>text</p>', '<p>text</p>'],
    ['<object data="x.swf"></object><embed src="x.swf"><p>t</p>', '<p>t</p>'],
    ['<form action="https://evil.example/"><input name="q"><button>Go</button></form>', 'Go'],
    ['<svg><script>alert(1)</script></svg><p>t</p>', '<p>t</p>'],
    ['<math><mi xlink:href="javascript:alert(1)">x</mi></math><p>t</p>', '<p>t</p>'],
  ])('%s', (html, expected) => {
    expect(clean(html)).toBe(expected);
  });
});

describe('sanitizeHtml keeps and fixes what is allowed', () => {
  it('makes relative links and images absolute and marks links noopener noreferrer', () => {
    expect(clean('<p><a href="../story.html" title="Story">story</a> <img src="/img/a.jpg" alt="A"></p>')).toBe(
      '<p><a href="https://news.example.org/world/story.html" title="Story" rel="noopener noreferrer">story</a> ' +
        '<img src="https://news.example.org/img/a.jpg" alt="A" /></p>',
    );
  });

  it('allows mailto links and data:image sources', () => {
    expect(clean('<a href="mailto:desk@example.org">mail</a>')).toBe(
      '<a href="mailto:desk@example.org" rel="noopener noreferrer">mail</a>',
    );
    expect(clean('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe('<img src="data:image/png;base64,iVBORw0KGgo=" />');
  });

  it('keeps the allowlisted structure, renames h1, b, i and figcaption to their allowed equivalents and unwraps other tags', () => {
    expect(
      clean(
        '<h1>Head</h1><div><span>in a span</span></div><figure><img src="https://i.example/x.png"><figcaption>Cap</figcaption></figure>' +
          '<p><b>b</b> <i>i</i></p><table><caption>C</caption><tfoot><tr><td>f</td></tr></tfoot></table>' +
          '<table><thead><tr><th colspan="2">H</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>' +
          '<blockquote><p><em>e</em> <strong>s</strong> <code>c</code></p></blockquote><pre>x</pre><ul><li>a</li></ul><ol><li>b</li></ol>',
      ),
    ).toBe(
      '<h2>Head</h2>in a span<figure><img src="https://i.example/x.png" /><p>Cap</p></figure>' +
        '<p><strong>b</strong> <em>i</em></p><table><caption>C</caption><tfoot><tr><td>f</td></tr></tfoot></table>' +
        '<table><thead><tr><th colspan="2">H</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>' +
        '<blockquote><p><em>e</em> <strong>s</strong> <code>c</code></p></blockquote><pre>x</pre><ul><li>a</li></ul><ol><li>b</li></ol>',
    );
  });

  it('keeps exactly the allowlist: p, a, em, strong, ul/ol/li, blockquote, img, figure, h2-h6, br, code, pre, table parts', () => {
    const allowed = ['p', 'em', 'strong', 'ul', 'ol', 'li', 'blockquote', 'figure', 'h2', 'h3', 'h4', 'h5', 'h6', 'code', 'pre'];
    for (const tag of allowed) expect(clean(`<${tag}>x</${tag}>`), tag).toBe(`<${tag}>x</${tag}>`);
    expect(clean('a<br>b')).toBe('a<br />b');
    const dropped = ['div', 'span', 'font', 'center', 'u', 's', 'small', 'sup', 'section', 'article', 'header', 'nav', 'label', 'button', 'select', 'marquee', 'details', 'video', 'audio'];
    for (const tag of dropped) expect(clean(`<${tag}>x</${tag}>`), tag).toBe('x');
    const droppedWithContent = ['script', 'style', 'iframe', 'object', 'svg', 'math', 'noscript', 'template', 'textarea', 'title'];
    for (const tag of droppedWithContent) expect(clean(`<${tag}>x</${tag}>`), tag).toBe('');
    expect(clean('<embed src="x.swf"><form><input></form>')).toBe('');
  });

  it('allows data: URLs only for images, and only image types', () => {
    expect(clean('<img src="data:image/gif;base64,R0lGOD==">')).toBe('<img src="data:image/gif;base64,R0lGOD==" />');
    expect(clean('<img src="data:text/plain;base64,eA==">')).toBe('');
    expect(clean('<a href="data:image/png;base64,iVBORw0KGgo=">x</a>')).toBe('<a rel="noopener noreferrer">x</a>');
    expect(clean('<a href="vbscript:msgbox(1)">x</a>')).toBe('<a rel="noopener noreferrer">x</a>');
  });

  it('replaces whatever rel a link had with noopener noreferrer', () => {
    expect(clean('<a href="https://x.example/" rel="opener" target="_blank">x</a>')).toBe(
      '<a href="https://x.example/" rel="noopener noreferrer">x</a>',
    );
  });

  it('escapes text so that it cannot become markup', () => {
    expect(clean('a &lt;script&gt; b & c')).toBe('a &lt;script&gt; b &amp; c');
  });
});
