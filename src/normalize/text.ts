import { Parser } from 'htmlparser2';

// Elements whose text is not prose.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math']);
// Elements that separate words: their text must not run into the neighbours'.
const BLOCKS = new Set(
  'address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li ol p pre section table td th tr ul'.split(' '),
);
const ENTITY = /&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});/;
// A closing tag, a tag with attributes or a <br>: what a title looks like when its markup was escaped twice.
const MARKUP = /<\/[a-z][a-z0-9]*\s*>|<[a-z][a-z0-9]*\s+[a-z-]+\s*=|<br\s*\/?>/i;

/**
 * HTML → one line of text: tags removed, entities decoded, whitespace collapsed.
 * Read as a stream of parser events rather than a document tree: it runs on
 * every title and summary of every poll.
 */
export function plainText(html: string): string {
  if (!/[<&]/.test(html)) return collapseWhitespace(html);
  let text = '';
  // Depth inside skipped elements (they nest: <svg> in <noscript>).
  let skipped = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED.has(name)) skipped++;
        else if (BLOCKS.has(name)) text += ' ';
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipped = Math.max(0, skipped - 1);
        else if (BLOCKS.has(name)) text += ' ';
      },
      ontext(data) {
        if (skipped === 0) text += data;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return collapseWhitespace(text);
}

/** Decodes entities but leaves anything that looks like a tag as text. */
export function decodeEntities(text: string): string {
  return ENTITY.test(text) ? plainText(text.replace(/</g, '&lt;')) : collapseWhitespace(text);
}

/**
 * Title text. Feeds that escape twice ("Q&amp;amp;A", "&amp;lt;em&amp;gt;") still show
 * entities or markup after the XML and HTML decoding, so such a title is cleaned once more.
 * A lone "<script>" is not markup enough: titles about HTML may say that literally.
 * A title the feed declares plain text (`isText`) is taken literally.
 */
export function cleanTitle(html: string, isText = false): string {
  const text = plainText(html);
  if (isText) return text;
  if (MARKUP.test(text)) return plainText(text);
  return ENTITY.test(text) ? decodeEntities(text) : text;
}

/** Runs of whitespace become one space; a lone no-break space between words is kept, as its author meant it. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, (run) => (run === '\u00a0' || run === '\u202f' ? run : ' ')).trim();
}

// Some readers render RSS titles and descriptions as HTML whatever the feed says, so
// plain text must hold nothing an HTML parser would take for a tag: a "<" that would
// open one becomes "‹" (and its ">" "›"), which reads the same.
const TAG_OPENING = /<(?=[A-Za-z/!?])([^<>]*)(>?)/g;

/** Plain text that stays text even where it is mistaken for HTML. */
export function inertText(text: string): string {
  return text.includes('<') ? text.replace(TAG_OPENING, (_, inside: string, close: string) => `‹${inside}${close ? '›' : ''}`) : text;
}
