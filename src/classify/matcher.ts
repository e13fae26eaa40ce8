import type { LexiconEntry } from './lexicon.js';

// Finds every lexicon spelling in a text. Spellings are indexed by their first
// word, so at each word start only the few spellings beginning with that word
// are tried, longest first ("Guinea-Bissau" before "Guinea"). The text is walked
// by character code and a word is looked up by a hash of its characters, only when
// its first letter starts some spelling: no substring or match object per word.

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
const FIRST_WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/u;
const STARTS_WORD = /^[\p{L}\p{N}]$/u;
const IN_WORD = /^[\p{L}\p{M}\p{N}]$/u;

/** What a character is to a word: 0 no part, 1 can start one, 2 can only continue one (a combining mark). */
type Role = 0 | 1 | 2;
/** Roles of the characters of the Basic Multilingual Plane, filled in as they are met; 3 = not yet known. */
const roles = new Uint8Array(0x10000).fill(3);

function roleOf(code: number): Role {
  let role = code < 0x10000 ? roles[code]! : 3;
  if (role === 3) {
    const char = String.fromCodePoint(code);
    role = STARTS_WORD.test(char) ? 1 : IN_WORD.test(char) ? 2 : 0;
    if (code < 0x10000) roles[code] = role;
  }
  return role as Role;
}

/** The code point at i: one UTF-16 unit unless it starts a surrogate pair. */
function codeAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  return unit >= 0xd800 && unit <= 0xdbff ? text.codePointAt(i)! : unit;
}

/** Width in UTF-16 units of a code point. */
const widthOf = (code: number) => (code > 0xffff ? 2 : 1);

/** Where the word that starts at i ends. */
function wordEnd(text: string, i: number): number {
  let end = i + widthOf(codeAt(text, i));
  while (end < text.length) {
    const next = codeAt(text, end);
    if (roleOf(next) === 0) break;
    end += widthOf(next);
  }
  return end;
}

/**
 * A hash of text[from, to) (FNV-1a over UTF-16 units, cut to a small integer): words are
 * looked up by it without being cut out of the text. Two words with one hash share a list;
 * a spelling only matches where the text really has it.
 */
function hashOf(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h & 0x3fffffff;
}

export function compileMatcher(surfaces: ReadonlyMap<string, readonly LexiconEntry[]>): Matcher {
  /** Spellings by the hash of their first word, longest first. */
  const byFirstWord = new Map<number, string[]>();
  /** The first UTF-16 unit of every first word: a cheaper test still. */
  const firstUnits = new Uint8Array(0x10000);
  for (const surface of surfaces.keys()) {
    const first = FIRST_WORD.exec(surface)?.[0];
    if (!first || !surface.startsWith(first)) continue;
    const key = hashOf(first, 0, first.length);
    const list = byFirstWord.get(key);
    if (list) list.push(surface);
    else byFirstWord.set(key, [surface]);
    firstUnits[first.charCodeAt(0)] = 1;
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.length - a.length);

  // One UTF-16 unit, as String#charAt gives it: half of a surrogate pair ends a word. A
  // spelling that starts at a word and ends at a word edge has that word as its first.
  const endsWord = (text: string, at: number) => at >= text.length || roleOf(text.charCodeAt(at)) === 0;
  const longestAt = (text: string, start: number, candidates: readonly string[]) => {
    for (const s of candidates) if (text.startsWith(s, start) && endsWord(text, start + s.length)) return s;
    return undefined;
  };

  return {
    find(text) {
      const matches: Match[] = [];
      let i = 0;
      let afterWordChar = false;
      while (i < text.length) {
        const code = codeAt(text, i);
        const role = roleOf(code);
        if (role !== 1 || afterWordChar) {
          afterWordChar = role !== 0;
          i += widthOf(code);
          continue;
        }
        const end = wordEnd(text, i);
        const candidates = firstUnits[text.charCodeAt(i)] === 1 ? byFirstWord.get(hashOf(text, i, end)) : undefined;
        const surface = candidates && longestAt(text, i, candidates);
        if (surface) {
          matches.push({ text: surface, start: i, end: i + surface.length, entries: surfaces.get(surface)! });
          // Words that start inside the match are part of it.
          i += surface.length;
          afterWordChar = roleOf(text.charCodeAt(i - 1)) !== 0;
          continue;
        }
        i = end;
        afterWordChar = true;
      }
      return matches;
    },
  };
}
