// Word shingles of an article's title and summary: the text that "near-duplicate"
// is measured on. Pure functions over strings; hashes are 32-bit and stable
// across processes, because their band keys are stored.

/** Lower-case words only: titles that differ in case, quotes or punctuation compare equal. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    // Marks belong to their word: Devanagari and Thai vowel signs are marks.
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

// Scripts written without spaces between words. A character bigram of these is
// about as specific as one English word, so a run of them is cut into overlapping
// character bigrams that count as its words (their bigrams are character trigrams).
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;

function characterBigrams(word: string): string[] {
  const chars = [...word];
  return chars.length < 3 ? [word] : chars.slice(1).map((c, i) => chars[i] + c);
}

export function words(text: string): string[] {
  const key = titleKey(text);
  if (key === '') return [];
  const split = key.split(' ');
  // Most texts have no unspaced script at all: one test of the whole text spares one per word.
  return UNSPACED.test(key) ? split.flatMap((word) => (UNSPACED.test(word) ? characterBigrams(word) : [word])) : split;
}

/** murmur3's 32-bit finaliser: a bijection that spreads every input bit. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(s: string): number {
  // FNV-1a over UTF-16 code units, then mixed.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}

function bigrams(w: string[], keep: (a: string, b: string) => boolean): Set<number> {
  const out = new Set<number>();
  if (w.length === 1) out.add(hashString(w[0]!));
  for (let i = 0; i + 1 < w.length; i++) if (keep(w[i]!, w[i + 1]!)) out.add(hashString(`${w[i]} ${w[i + 1]}`));
  return out;
}

/** Hashes of the word bigrams of a text (its single word when it has one), from its words. */
export const shinglesOf = (w: string[]): Set<number> => bigrams(w, () => true);

export const shingles = (text: string): Set<number> => shinglesOf(words(text));

const long = (word: string) => [...word].length > 3;

/**
 * The bigrams a text's LSH signature is built from: those with a word longer than
 * three characters. "of the", "in a", "to be" say nothing about the story, yet
 * would make unrelated texts share band keys. All bigrams when no bigram has one.
 */
export function indexShinglesOf(w: string[]): Set<number> {
  const content = bigrams(w, (a, b) => long(a) || long(b));
  return content.size > 0 ? content : bigrams(w, () => true);
}

/** The text an article is compared on. */
export const storyText = (title: string, summary: string) => `${title}\n${summary}`;

export function overlap(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared;
}

/** |A∩B| / |A∪B|: how much of both texts is shared. */
export function jaccard(a: Set<number>, b: Set<number>): number {
  const shared = overlap(a, b);
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** |A∩B| / min(|A|,|B|): how much of the shorter text the longer one repeats (excerpts, quotes). */
export function containment(a: Set<number>, b: Set<number>): number {
  const smaller = Math.min(a.size, b.size);
  return smaller === 0 ? 0 : overlap(a, b) / smaller;
}
