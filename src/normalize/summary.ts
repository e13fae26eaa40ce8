const ELLIPSIS = '…';
const SUMMARY_LENGTH = 500;
const TITLE_LENGTH = 160;

// Text that feed generators append to excerpts, matched at the very end of the text.
// A "read more" phrase counts when it starts a sentence ("… where she wanted to read
// more" is left alone) or when it is shaped like a link label: bracketed or ending in an
// ellipsis or arrow, as in "… the latest news Continue reading...".
const READ_MORE = 'read more|read on|continue reading|keep reading';
const SENTENCE_START = String.raw`(?:^|(?<=[.!?…:»›"”')\]]))\s*`;
const TRAILING_BOILERPLATE: ReadonlyArray<[RegExp, string]> = [
  [/\s*The post (?:(?!The post ).)+ appeared first on .+$/su, ''],
  [
    new RegExp(
      `${SENTENCE_START}(?:${READ_MORE}|read the (?:full|whole|rest of the|complete) (?:article|story|post|entry)|read full (?:article|story|post)|view (?:the )?(?:full )?(?:article|post)|click here to read more)\\b.{0,200}$`,
      'isu',
    ),
    '',
  ],
  [new RegExp(String.raw`\s*(?:[[(]\s*(?:${READ_MORE}|more\b)[^\])]*[\])]|(?:${READ_MORE})\s*(?:\.\.\.|…|→|»|›|>>))$`, 'iu'), ''],
  // WordPress cuts excerpts with "[…]"; an ellipsis still says the text goes on.
  [/\s*\[\s*(?:…|\.\.\.|&#8230;|&hellip;)\s*\]$/u, ELLIPSIS],
];

/** Removes "[…]", "Read more", "The post … appeared first on …" and the like from the end of plain text. */
export function stripBoilerplate(text: string): string {
  let current = text.trim();
  for (;;) {
    const next = TRAILING_BOILERPLATE.reduce((value, [pattern, replacement]) => value.replace(pattern, replacement), current).trim();
    if (next === current) return current;
    current = next;
  }
}

/**
 * Shortens text to at most `max` characters (UTF-16 code units), cutting at a word
 * boundary, never inside a surrogate pair or a grapheme, and ending with "…" when cut.
 */
export function summarize(text: string, max = SUMMARY_LENGTH): string {
  if (text.length <= max) return text;
  const limit = max - ELLIPSIS.length;
  const cut =
    whitespaceBefore(text, limit) ??
    boundaryBefore(text, limit, 'word', limit / 2) ??
    boundaryBefore(text, limit, 'grapheme', 0) ??
    0;
  return text.slice(0, cut).replace(/[\s,;:.\-–—]+$/u, '') + ELLIPSIS;
}

/** A title for an item that has none: the first sentence of its summary, shortened. */
export function firstSentence(text: string): string {
  const sentence = /^.{20,}?[.!?…](?=\s|$)/su.exec(text)?.[0] ?? text;
  return summarize(sentence, TITLE_LENGTH);
}

// Below half the limit a cut at a space loses too much; other boundaries are tried instead.
function whitespaceBefore(text: string, limit: number): number | undefined {
  for (let index = limit; index > limit / 2; index -= 1) {
    if (/\s/.test(text[index]!)) return index;
  }
  return undefined;
}

function boundaryBefore(
  text: string,
  limit: number,
  granularity: 'word' | 'grapheme',
  minimum: number,
): number | undefined {
  // Boundaries up to the limit depend only on nearby text, so a little past it is enough.
  const window = text.slice(0, limit + 16);
  let last: number | undefined;
  for (const { index, segment } of new Intl.Segmenter(undefined, { granularity }).segment(window)) {
    const end = index + segment.length;
    if (end > limit) break;
    last = end;
  }
  return last !== undefined && last > minimum ? last : undefined;
}
