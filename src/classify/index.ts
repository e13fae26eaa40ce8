import type { Classification, CountryCode } from '../model.js';
import { settleAmbiguity } from './ambiguity.js';
import { allCountries, countryInfo, isKnownContinent } from './countries.js';
import type { Cue } from './cues.js';
import { defaultEditorialRegions } from './editorial.js';
import { ClassifyError } from './errors.js';
import type { Hit, Piece } from './hits.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { compileMatcher, type Matcher } from './matcher.js';
import { rankAreas, regionsByCountry } from './regions.js';
import { applicableRules, compileRules, type ClassifyRule, type CompiledRule } from './rules.js';
import { labelHits, RULE_WEIGHT, scoreAreaMentions, scorePlaces, SOURCE_HINT_WEIGHT, type Boost } from './score.js';
import { isTitleCase, normaliseText } from './text.js';

// The classify stage: which countries an article is about, ranked, with the
// subregions, continents and editorial regions they belong to.

export { allCountries, countryInfo, isKnownContinent, isKnownSubregion } from './countries.js';
export { loadCues, type Cue } from './cues.js';
export { defaultEditorialRegions, EDITORIAL } from './editorial.js';
export { ClassifyError, type ClassifyErrorCode } from './errors.js';
export { countriesMatching, regionsByCountry, type CountrySelection } from './regions.js';
export { ruleRegexProblem, type ClassifyRule } from './rules.js';

export interface ClassifyInput {
  title: string;
  summary?: string;
  categories?: string[];
  /** The source's country: moderate evidence on its own. */
  countryHint?: CountryCode;
  /** The source's id, for rules that apply to some sources only. */
  sourceId?: string;
}

export interface ClassifierOptions {
  /** Editorial regions: name → member countries; default: the seven of defaultEditorialRegions(). */
  regions?: Record<string, CountryCode[]>;
  /** Leaders, institutions and other cues (see loadCues); none by default. */
  cues?: Cue[];
  /** Operator overrides: a pattern on the title or summary adds or removes countries. */
  rules?: ClassifyRule[];
  /** The country the Soviet Union stands for; null: none. Default RU. */
  ussrAs?: CountryCode | null;
}

export interface Classifier {
  classify(input: ClassifyInput): Classification;
}

interface Setup {
  lexicon: Lexicon;
  matcher: Matcher;
  regions: Record<string, CountryCode[]>;
  regionsOf: (code: CountryCode) => readonly string[];
  rules: CompiledRule[];
}

/** Builds the lexicon and its matcher once; classify is then cheap per article. */
export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const cues = options.cues ?? [];
  for (const cue of cues) {
    if (!countryInfo(cue.country)) {
      throw new ClassifyError('INVALID_CUE', `cue "${cue.pattern}" names an unknown country "${cue.country}"`);
    }
  }
  if (options.ussrAs && !countryInfo(options.ussrAs)) {
    throw new ClassifyError('INVALID_CUE', `ussrAs names an unknown country "${options.ussrAs}"`);
  }
  const regions = options.regions ?? defaultEditorialRegions();
  const rules = compileRules(options.rules ?? []);
  // The lexicon (cities included) takes a second or two to build: only a cycle that has new
  // or changed articles pays for it, not one where every source answered 304.
  let setup: Setup | undefined;
  const ready = (): Setup => {
    if (setup) return setup;
    const lexicon = buildLexicon(cues, { ussrAs: options.ussrAs?.toUpperCase() ?? options.ussrAs });
    setup = { lexicon, matcher: compileMatcher(lexicon.surfaces), regions, regionsOf: regionsByCountry(regions), rules };
    return setup;
  };
  return { classify: (input) => classify(input, ready()) };
}

function classify(input: ClassifyInput, setup: Setup): Classification {
  const title = normaliseText(input.title).trim();
  const summary = normaliseText(input.summary ?? '').trim();
  const hits: Hit[] = [];
  findHits({ section: 'title', text: title, titleCase: isTitleCase(title) }, setup, hits);
  findHits({ section: 'summary', text: summary, titleCase: false }, setup, hits);
  for (const category of input.categories ?? []) {
    // Categories are labels, not prose: a capitalised neighbour there says nothing.
    findHits({ section: 'category', text: normaliseText(category).trim(), titleCase: true }, setup, hits);
  }
  const rules = applicableRules(setup.rules, { title, summary, sourceId: input.sourceId });
  const removed = new Set(rules.flatMap((r) => r.remove));

  const settled = settleAmbiguity(hits).filter((h) => !removed.has(h.country));
  const areaHits = hits.filter((h) => h.entry.area !== undefined);
  const labels = labelHits<Hit>(areaHits.length === 0 ? settled : [...settled, ...areaHits]);
  const hint = input.countryHint ? countryInfo(input.countryHint)?.code : undefined;
  const boosts: Boost[] = [];
  if (hint && !removed.has(hint)) {
    boosts.push({ code: hint, weight: SOURCE_HINT_WEIGHT, evidence: `source-hint:${hint}` });
  }
  for (const rule of rules) {
    for (const code of rule.add) {
      if (!removed.has(code)) boosts.push({ code, weight: RULE_WEIGHT, evidence: rule.evidence });
    }
  }
  const countries = scorePlaces(settled, labels, boosts);
  const areas = scoreAreaMentions(areaHits, labels);

  const subregions: string[] = [];
  for (const place of countries) {
    const subregion = countryInfo(place.code)?.subregion;
    if (subregion && !subregions.includes(subregion)) subregions.push(subregion);
  }
  return {
    primary: countries[0]?.code ?? null,
    countries,
    subregions,
    continents: rankAreas(countries, continentsOf, areas, isKnownContinent),
    regions: rankAreas(countries, setup.regionsOf, areas, (name) => name in setup.regions),
  };
}

/** Each country's continent, as a list of one for rankAreas. */
const continentLists = new Map(allCountries().map((c) => [c.code, c.continent === '' ? [] : [c.continent]]));
const continentsOf = (code: CountryCode): readonly string[] => continentLists.get(code) ?? [];

/** Adds the piece's hits to `hits`. */
function findHits(piece: Piece, { lexicon, matcher }: Setup, hits: Hit[]): void {
  if (piece.text === '') return;
  const matches = matcher.find(piece.text);
  if (matches.length === 0 && piece.section === 'category') {
    // Tags are often lower case ("russia"); a whole tag that is a name still counts.
    for (const entry of lexicon.folded.get(piece.text.toLowerCase()) ?? []) {
      hits.push({ piece, text: piece.text, start: 0, end: piece.text.length, entry });
    }
    return;
  }
  for (const m of matches) {
    for (const entry of m.entries) hits.push({ piece, text: m.text, start: m.start, end: m.end, entry });
  }
}
