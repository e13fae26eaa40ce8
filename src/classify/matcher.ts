import type { LexiconEntry } from './lexicon.js';

// Finds every lexicon spelling in a text. Spellings are indexed by their first
// word, so at each word start only the few spellings beginning with that word
// are tried, longest first ("Guinea-Bissau" before "Guinea"). Building the index
// is a single pass over the lexicon: no large regular expression to compile.

export interface Match {
  /** The spelling as found. */
  text: string;
  start: number;
  end: number;
  entries: readonly LexiconEntry[];
}

export interface Matcher {
  /** Non-overlapping matches, left to right, longest at each position. */
  find(text: string): Match[];
}

// \b only knows ASCII: "Россия" or "Éire" need Unicode-aware word edges.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

export function compileMatcher(surfaces: ReadonlyMap<string, readonly LexiconEntry[]>): Matcher {
  const byFirstWord = new Map<string, string[]>();
  for (const surface of surfaces.keys()) {
    const first = surface.match(WORD)?.[0];
    if (!first || !surface.startsWith(first)) continue;
    const list = byFirstWord.get(first);
    if (list) list.push(surface);
    else byFirstWord.set(first, [surface]);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.length - a.length);

  return {
    find(text) {
      const matches: Match[] = [];
      let end = 0;
      for (const word of text.matchAll(WORD)) {
        const start = word.index;
        if (start < end || (start > 0 && WORD_CHAR.test(text[start - 1]!))) continue;
        const surface = byFirstWord
          .get(word[0])
          ?.find((s) => text.startsWith(s, start) && !WORD_CHAR.test(text.charAt(start + s.length)));
        if (!surface) continue;
        end = start + surface.length;
        matches.push({ text: surface, start, end, entries: surfaces.get(surface)! });
      }
      return matches;
    },
  };
}
