import type { CountryCode } from '../model.js';
import type { LexiconEntry } from './lexicon.js';

// What the matcher found in an article, before and after ambiguity is settled.

export type Section = 'title' | 'summary' | 'category';

/** One text of the article: the title, the summary or one category. */
export interface Piece {
  section: Section;
  text: string;
  /** Headline style, where capitalised neighbours say nothing. */
  titleCase: boolean;
}

export interface Hit {
  piece: Piece;
  /** The spelling as found. */
  text: string;
  start: number;
  end: number;
  entry: LexiconEntry;
}

/** A hit that counts for one country. */
export interface CountryHit extends Hit {
  country: CountryCode;
  weight: number;
}
