import { describe, expect, it } from 'vitest';
import { cleanText, escapeXmlAttr, escapeXmlText, stripXmlForbidden } from '../../src/publish/xml-text.js';

describe('stripXmlForbidden', () => {
  it('removes C0 controls except tab, LF and CR', () => {
    const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
    expect(stripXmlForbidden(`a${controls}b`)).toBe('a\t\n\rb');
  });

  it('removes the noncharacters U+FFFE and U+FFFF', () => {
    expect(stripXmlForbidden('x\uFFFEy\uFFFFz')).toBe('xyz');
  });

  it('removes unpaired surrogates but keeps surrogate pairs', () => {
    expect(stripXmlForbidden('a\uD800b\uDC00c😀d')).toBe('abc😀d');
  });

  it('keeps characters XML allows, including DEL, C1 controls and non-Latin text', () => {
    const allowed = 'Кагарлицкий \u007F\u0085 “quotes” 中文 \uFFFD';
    expect(stripXmlForbidden(allowed)).toBe(allowed);
  });
});

describe('escaping', () => {
  it('escapes markup characters in text and strips forbidden ones', () => {
    expect(escapeXmlText('R&D <lab>\u000C "q"')).toBe('R&amp;D &lt;lab&gt; "q"');
  });

  it('escapes quotes and white space that attribute normalisation would lose', () => {
    expect(escapeXmlAttr('a"b&c<d>\te\nf\rg')).toBe('a&quot;b&amp;c&lt;d&gt;&#9;e&#10;f&#13;g');
  });

  it('does not treat existing entity references as already escaped', () => {
    expect(escapeXmlText('AT&amp;T')).toBe('AT&amp;amp;T');
  });

  it('cleanText trims and strips, and maps undefined to the empty string', () => {
    expect(cleanText('  \u0001 title \u0000 ')).toBe('title');
    expect(cleanText(undefined)).toBe('');
  });
});
