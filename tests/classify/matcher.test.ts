import { describe, expect, it } from 'vitest';
import type { LexiconEntry } from '../../src/classify/lexicon.js';
import { compileMatcher } from '../../src/classify/matcher.js';

// The matcher on a small hand-made lexicon: word edges, longest spelling, scripts.

const entry = (form: string, country: string): LexiconEntry => ({ form, country, kind: 'name', weight: 1 });
const lexicon = new Map(
  [
    entry('Guinea', 'GN'),
    entry('Guinea-Bissau', 'GW'),
    entry('Papua New Guinea', 'PG'),
    entry('U.S.', 'US'),
    entry('Россия', 'RU'),
    entry('Éire', 'IE'),
    entry('Niger', 'NE'),
    entry('São Tomé', 'ST'),
    entry('1MDB', 'MY'),
  ].map((e) => [e.form, [e]]),
);
const matcher = compileMatcher(lexicon);
const found = (text: string) => matcher.find(text).map((m) => [m.text, m.start, m.end]);

describe('compileMatcher', () => {
  it('takes the longest spelling at a word start and skips the words inside it', () => {
    expect(found('Guinea-Bissau and Papua New Guinea, not Guinea.')).toEqual([
      ['Guinea-Bissau', 0, 13],
      ['Papua New Guinea', 18, 34],
      ['Guinea', 40, 46],
    ]);
  });

  it('matches whole words only, in any script, possessives included', () => {
    expect(found('Nigeria and Niger’s Nigerien')).toEqual([['Niger', 12, 17]]);
    expect(found("Niger's")).toEqual([['Niger', 0, 5]]);
    expect(found('Россия и Россией; в Éire')).toEqual([
      ['Россия', 0, 6],
      ['Éire', 20, 24],
    ]);
    expect(found('xГвинея NigerX 1MDB2 1MDB')).toEqual([['1MDB', 21, 25]]);
  });

  it('ends a spelling at punctuation, and needs it whole', () => {
    expect(found('U.S. aid; U.S')).toEqual([['U.S.', 0, 4]]);
    expect(found('(São Tomé)')).toEqual([['São Tomé', 1, 9]]);
  });

  it('treats a combining accent as part of the word before it', () => {
    // "Niger" followed by a combining acute is another word; so is a word after an accent.
    expect(found('Niger\u0301 \u0301Niger Niger')).toEqual([['Niger', 14, 19]]);
  });

  it('is case-sensitive and finds nothing in an empty text', () => {
    expect(found('niger NIGER')).toEqual([]);
    expect(found('')).toEqual([]);
  });
});
