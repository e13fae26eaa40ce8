import type { Classification, CountryCode } from '../model.js';
import { settleAmbiguity } from './ambiguity.js';
import { countryInfo } from './countries.js';
import type { Cue } from './cues.js';
import { ClassifyError } from './errors.js';
import type { Hit, Piece } from './hits.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { compileMatcher, type Matcher } from './matcher.js';
import { editorialRegionsOf } from './regions.js';
import { scorePlaces, titlePrefixHits } from './score.js';
import { isTitleCase, normaliseText } from './text.js';

// The classify stage: which countries an article is about, ranked, with the
// subregions, continents and editorial regions they belong to.

export { allCountries, countryInfo, isKnownContinent, isKnownSubregion } from './countries.js';
export { loadCues, type Cue } from './cues.js';
export { ClassifyError, type ClassifyErrorCode } from './errors.js';
export { countriesMatching, type CountrySelection } from './regions.js';

export interface ClassifyInput {
  title: string;
  summary?: string;
  categories?: string[];
  /** The source's country: moderate evidence on its own. */
  countryHint?: CountryCode;
}

export interface ClassifierOptions {
  /** Editorial regions: name → member countries. */
  regions?: Record<string, CountryCode[]>;
  /** Leaders, institutions and other cues (see loadCues); none by default. */
  cues?: Cue[];
}

export interface Classifier {
  classify(input: ClassifyInput): Classification;
}

/** Builds the lexicon and its matcher once; classify is then cheap per article. */
export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const cues = options.cues ?? [];
  for (const cue of cues) {
    if (!countryInfo(cue.country)) {
      throw new ClassifyError('INVALID_CUE', `cue "${cue.pattern}" names an unknown country "${cue.country}"`);
    }
  }
  const regions = options.regions ?? {};
  const lexicon = buildLexicon(cues);
  const matcher = compileMatcher(lexicon.surfaces);
  return { classify: (input) => classify(input, lexicon, matcher, regions) };
}

function classify(
  input: ClassifyInput,
  lexicon: Lexicon,
  matcher: Matcher,
  regions: Record<string, CountryCode[]>,
): Classification {
  const title = normaliseText(input.title).trim();
  const pieces: Piece[] = [
    { section: 'title', text: title, titleCase: isTitleCase(title) },
    { section: 'summary', text: normaliseText(input.summary ?? '').trim(), titleCase: false },
    // Categories are labels, not prose: a capitalised neighbour there says nothing.
    ...(input.categories ?? []).map(
      (c): Piece => ({ section: 'category', text: normaliseText(c).trim(), titleCase: true }),
    ),
  ];
  const hits = pieces.flatMap((piece) => findHits(piece, lexicon, matcher));
  const settled = settleAmbiguity(hits);
  const prefix = titlePrefixHits(title, settled.filter((h) => h.piece === pieces[0]));
  const hint = input.countryHint ? countryInfo(input.countryHint)?.code : undefined;
  const countries = scorePlaces(settled, prefix, hint);

  const infos = countries.map((p) => countryInfo(p.code)).filter((i) => i !== undefined);
  return {
    primary: countries[0]?.code ?? null,
    countries,
    subregions: distinct(infos.map((i) => i.subregion)),
    continents: distinct(infos.map((i) => i.continent)),
    regions: editorialRegionsOf(
      countries.map((p) => p.code),
      regions,
    ),
  };
}

function findHits(piece: Piece, lexicon: Lexicon, matcher: Matcher): Hit[] {
  const matches = matcher.find(piece.text);
  if (matches.length === 0 && piece.section === 'category') {
    // Tags are often lower case ("russia"); a whole tag that is a name still counts.
    const entries = lexicon.folded.get(piece.text.toLowerCase()) ?? [];
    return entries.map((entry) => ({ piece, text: piece.text, start: 0, end: piece.text.length, entry }));
  }
  return matches.flatMap((m) => m.entries.map((entry) => ({ piece, text: m.text, start: m.start, end: m.end, entry })));
}

function distinct(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}
