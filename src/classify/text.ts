// Text preparation shared by the lexicon (forms) and the classifier (articles),
// so both sides spell apostrophes, hyphens and spaces the same way.

/** Anything but printable ASCII with single spaces, which is already normal (most English headlines). */
const NOT_PLAIN = /[^ -~]| {2}/;

/** NFC, straight apostrophes, ASCII hyphens, single spaces. */
export function normaliseText(text: string): string {
  if (!NOT_PLAIN.test(text)) return text;
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02BC\u2032]/g, "'")
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/\s+/g, ' ');
}

const WORD = /\p{L}[\p{L}\p{M}'-]*/gu;
const STARTS_UPPER = /^\p{Lu}/u;

/**
 * Headline style ("Prigozhin's Failed Adventure"): most longer words start upper case,
 * so a capitalised neighbour says nothing about a word being part of a person's name.
 */
export function isTitleCase(text: string): boolean {
  const words = (text.match(WORD) ?? []).slice(1).filter((w) => w.length >= 4);
  if (words.length < 2) return false;
  const capitalised = words.filter((w) => STARTS_UPPER.test(w)).length;
  return capitalised / words.length >= 0.7;
}

/** "Democratic Republic Of The Congo": how a multi-word name looks in a headline. */
export function capitaliseWords(phrase: string): string {
  return phrase.replace(/(^|[\s-])(\p{Ll})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}
