import { sharedPath } from '../helpers/shared.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/fetch/index.js';

const CORPUS = sharedPath('corpus', 'feeds');
const corpus = (path: string) => readFileSync(`${CORPUS}/${path}`);

describe('decodeBody with legacy Cyrillic feeds', () => {
  it.each([
    ['chardet/KOI8-R__newsru.com.xml', 'koi8-r', 'Новости'],
    ['chardet/KOI8-R__aviaport.ru.xml', 'koi8-r', 'Найдены тела двух погибших'],
    ['chardet/windows-1251-russian__newsru.com.xml', 'windows-1251', 'Новости'],
    ['chardet/windows-1251-russian__aviaport.ru.xml', 'windows-1251', 'Харьковом'],
    ['chardet/windows-1251-bulgarian__linux-bg.org.xml', 'windows-1251', 'Линукс за българи'],
    ['node-feedparser/iconv.xml', 'windows-1251', 'Новости Оренбурга и области'],
  ])('%s decodes by its XML declaration alone', (path, charset, word) => {
    const decoded = decodeBody(corpus(path));
    expect(decoded.charset).toBe(charset);
    expect(decoded.text).toContain(word);
  });

  it('uses the header charset when the body does not declare one', () => {
    const withoutDeclaration = Buffer.from(
      corpus('chardet/KOI8-R__newsru.com.xml').toString('latin1').replace(/^<\?xml[^>]*\?>/, ''),
      'latin1',
    );
    expect(decodeBody(withoutDeclaration).text).not.toContain('Новости');
    const decoded = decodeBody(withoutDeclaration, 'application/rss+xml; charset=KOI8-R');
    expect(decoded).toMatchObject({ charset: 'koi8-r' });
    expect(decoded.text).toContain('Новости');
  });

  it('falls back to iconv-lite for labels TextDecoder lacks (IBM855, MacCyrillic)', () => {
    const ibm855 = decodeBody(corpus('chardet/IBM855__kapranoff.ru.xml'));
    expect(ibm855.charset).toBe('ibm855');
    expect(ibm855.text).toContain('пулюм-пулюм');
    const mac = decodeBody(corpus('chardet/MacCyrillic__music.peeps.ru.xml'));
    expect(mac.charset).toBe('maccyrillic');
    expect(mac.text).toContain('Музыка на PeePs.ru: рецензии');
  });
});

describe('decodeBody precedence', () => {
  const latin1Declared = (body: string) => Buffer.from(`<?xml version="1.0" encoding="iso-8859-1"?><t>${body}</t>`, 'utf8');

  it('prefers the header charset over the XML declaration', () => {
    const decoded = decodeBody(latin1Declared('Müller'), 'text/xml; charset="utf-8"');
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text).toContain('<t>Müller</t>');
  });

  it('uses the XML declaration when the header has no charset', () => {
    const decoded = decodeBody(latin1Declared('Müller'), 'text/xml');
    expect(decoded.charset).toBe('windows-1252'); // WHATWG's name for iso-8859-1
    expect(decoded.text).toContain('<t>MÃ¼ller</t>');
  });

  it('lets a UTF-8 BOM win over a header charset, and strips it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss>Привет</rss>')]);
    const decoded = decodeBody(bytes, 'text/xml; charset=windows-1251');
    expect(decoded).toEqual({ charset: 'utf-8', text: '<rss>Привет</rss>', warnings: [] });
  });

  it.each([
    ['feedparser/utf-16le-bom.xml', 'utf-16le'],
    ['feedparser/utf-16be-bom.xml', 'utf-16be'],
    ['feedparser/utf-32be-bom.xml', 'utf-32be'],
    ['feedparser/utf-8-bom.xml', 'utf-8'],
  ])('%s is decoded by its BOM, which is not in the text', (path, charset) => {
    const decoded = decodeBody(corpus(path), 'text/xml; charset=iso-8859-1');
    expect(decoded.charset).toBe(charset);
    expect(decoded.text.startsWith('<?xml version="1.0"')).toBe(true);
    expect(decoded.text).toContain('<rss>');
  });

  it('reads a UTF-16 XML declaration without BOM by its byte order', () => {
    const le = decodeBody(corpus('feedparser/utf-16le-autodetect.xml'));
    expect(le.charset).toBe('utf-16le');
    expect(le.text).toContain('Wellformed UTF-16 (autodetected as Little Endian)');
    const be = decodeBody(Buffer.from('\ufeff<?xml version="1.0" encoding="UTF-16"?><rss>Δ</rss>', 'utf16le').swap16().subarray(2));
    expect(be).toEqual({ charset: 'utf-16be', text: '<?xml version="1.0" encoding="UTF-16"?><rss>Δ</rss>', warnings: [] });
  });

  it('treats a UTF-16 declaration in ASCII-compatible bytes as UTF-8', () => {
    const decoded = decodeBody(Buffer.from('<?xml version="1.0" encoding="utf-16"?><rss>é</rss>'));
    expect(decoded).toEqual({ charset: 'utf-8', text: '<?xml version="1.0" encoding="utf-16"?><rss>é</rss>', warnings: [] });
  });

  it('skips unknown labels instead of throwing, and says so', () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="x-no-such-charset"?><rss>é</rss>');
    expect(decodeBody(bytes, 'text/xml; charset=bogus-42')).toEqual({
      charset: 'utf-8',
      text: bytes.toString('utf8'),
      warnings: [
        'unknown charset "bogus-42" in the Content-Type header, unknown charset "x-no-such-charset" in the XML declaration; decoded as utf-8',
      ],
    });
    const cp1251 = decodeBody(corpus('chardet/windows-1251-russian__newsru.com.xml'), 'text/xml; charset=bogus-42');
    expect(cp1251.text).toContain('Новости');
    expect(cp1251.warnings).toEqual(['unknown charset "bogus-42" in the Content-Type header; decoded as windows-1251']);
  });

  it('decodes bytes that are invalid in the declared charset as U+FFFD, and says where', () => {
    const bytes = Buffer.concat([Buffer.from('<rss>\n<t>caf'), Buffer.from([0xe9]), Buffer.from(' ok</t></rss>')]);
    const decoded = decodeBody(bytes, 'text/xml; charset=utf-8');
    expect(decoded.text).toBe('<rss>\n<t>caf\ufffd ok</t></rss>');
    expect(decoded.warnings).toEqual(['the body is not valid utf-8: invalid bytes were replaced by U+FFFD (first on line 2)']);
  });

  it('defaults to UTF-8 with nothing declared', () => {
    expect(decodeBody(Buffer.from('<rss>日本語</rss>'))).toEqual({ charset: 'utf-8', text: '<rss>日本語</rss>', warnings: [] });
  });
});
