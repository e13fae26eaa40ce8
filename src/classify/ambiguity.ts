import type { CountryCode } from '../model.js';
import type { CountryHit, Hit } from './hits.js';
import { WEIGHT } from './lexicon.js';

// Settles forms that are only sometimes a country, using the rest of the article:
// "Jordan" next to a capitalised name is a person, "Georgia" needs Caucasus or
// American context, "Punjab" is Pakistan's when the article is about Pakistan,
// "Moscow, Idaho" is in Idaho, "Brazil Congress" is not the US one. Context words,
// region names and blockers point at no country and drop out here.

/** Capitalised words that start no name: "Jordan And Egypt", "In Jordan". */
const FUNCTION_WORDS = new Set([
  'A', 'An', 'The', 'And', 'Or', 'But', 'Nor', 'In', 'On', 'At', 'To', 'From', 'Of', 'For', 'With', 'By', 'As',
  'About', 'Against', 'Between', 'Into', 'Over', 'Under', 'Near', 'After', 'Before', 'Amid', 'Via', 'Vs',
  'Is', 'Are', 'Was', 'Were', 'Has', 'Have', 'Will', 'Says', 'Said', 'Visits', 'Neighbouring', 'Neighboring',
]);

const NAME_AFTER = /^ (\p{Lu}(?:\p{Ll}+|\.))/u;
const NAME_BEFORE = /(\p{Lu}\p{Ll}+) $/u;

/** Caucasus neighbours whose mention makes "Georgia" the country. */
const GEORGIA_NEIGHBOURS = new Set<CountryCode>(['RU', 'AM', 'AZ']);

export function settleAmbiguity(hits: Hit[]): CountryHit[] {
  // Most articles have no doubtful form: the context below is worked out only when one needs it.
  const personVerdicts = new Map<Hit, 'country' | 'person' | 'unsure'>();
  let georgia: 'GE' | 'US' | null | undefined;
  let sharedChoice: Map<string, CountryCode> | undefined;
  for (const h of hits) if (h.entry.rule === 'person-name') personVerdicts.set(h, personNameVerdict(h));
  // Countries the article names beyond doubt somewhere: they make a doubtful mention count.
  const confirmed = new Set<CountryCode | null>();
  for (const h of hits) {
    if (h.entry.rule === undefined || personVerdicts.get(h) === 'country') confirmed.add(h.entry.country);
  }
  const settled: CountryHit[] = [];
  for (const hit of hits) {
    const { country, rule, weight } = hit.entry;
    if (country === null) continue;
    if (rule === 'shared') {
      sharedChoice ??= sharedPlaceChoices(hits, confirmed);
      if (sharedChoice.get(`${hit.piece.section}:${hit.start}`) === country) settled.push(countryHit(hit, country, weight));
      continue;
    }
    if (rule === 'georgia') {
      // "Athens, Georgia": after a city and a comma it is the state, whatever else the article says.
      const meaning = followsCityAndComma(hit, hits) ? 'US' : (georgia ??= georgiaMeaning(hits));
      if (meaning === 'GE') settled.push(countryHit(hit, 'GE', WEIGHT.name));
      if (meaning === 'US') settled.push(countryHit(hit, 'US', WEIGHT.place));
      continue;
    }
    const verdict = personVerdicts.get(hit) ?? 'country';
    if (verdict === 'country' || (verdict === 'unsure' && confirmed.has(country))) {
      settled.push(countryHit(hit, country, weight));
    }
  }
  return settled.filter(
    (hit) => !isClaimedByPrecedingCountry(hit, settled) && !isInNamedState(hit, settled) && !isCurrency(hit),
  );
}

function countryHit(hit: Hit, country: CountryCode, weight: number): CountryHit {
  return { piece: hit.piece, text: hit.text, start: hit.start, end: hit.end, entry: hit.entry, country, weight };
}

/** For each place several countries share: the first of them the article names elsewhere, else the first. */
function sharedPlaceChoices(hits: Hit[], confirmed: Set<CountryCode | null>): Map<string, CountryCode> {
  const choices = new Map<string, CountryCode>();
  for (const hit of hits) {
    if (hit.entry.rule !== 'shared' || hit.entry.country === null) continue;
    const key = `${hit.piece.section}:${hit.start}`;
    const known = choices.get(key);
    if (known === undefined || (!confirmed.has(known) && confirmed.has(hit.entry.country))) {
      choices.set(key, hit.entry.country);
    }
  }
  return choices;
}

/** "U.S.$3 billion", "A$50": a currency, not the country. */
function isCurrency(hit: Hit): boolean {
  return hit.piece.text[hit.end] === '$';
}

function followsCityAndComma(hit: Hit, hits: Hit[]): boolean {
  return hits.some(
    (city) => city.piece === hit.piece && city.entry.kind === 'place' && city.end + 2 === hit.start && hit.piece.text.slice(city.end, hit.start) === ', ',
  );
}

/** "Moscow, Idaho", "Paris, Texas": a place followed by a state or province of another country is in that one. */
function isInNamedState(hit: CountryHit, settled: CountryHit[]): boolean {
  if (hit.entry.kind !== 'place' && hit.entry.kind !== 'name') return false;
  return settled.some(
    (next) =>
      next.piece === hit.piece &&
      (next.entry.kind === 'place' || next.entry.rule === 'georgia') &&
      next.country !== hit.country &&
      next.start === hit.end + 2 &&
      hit.piece.text.slice(hit.end, next.start) === ', ',
  );
}

const OWNER_GAP = /^(?:'s)? $/;

/** "Brazil Congress", "Brazil's Congress": a weak cue right after another country's name is that country's. */
function isClaimedByPrecedingCountry(hit: CountryHit, settled: CountryHit[]): boolean {
  if (hit.entry.kind !== 'cue' || hit.weight >= WEIGHT.place) return false;
  return settled.some(
    (other) =>
      other.piece === hit.piece &&
      other.country !== hit.country &&
      other.end <= hit.start &&
      OWNER_GAP.test(hit.piece.text.slice(other.end, hit.start)),
  );
}

/**
 * "Jordan Peterson" and "Michael Jordan" are people. In a headline every word is
 * capitalised, so there a capitalised neighbour only makes the form doubtful.
 */
function personNameVerdict(hit: Hit): 'country' | 'person' | 'unsure' {
  const after = NAME_AFTER.exec(hit.piece.text.slice(hit.end))?.[1];
  const before = NAME_BEFORE.exec(hit.piece.text.slice(Math.max(0, hit.start - 40), hit.start))?.[1];
  const nextToName = [after, before].some((w) => w !== undefined && !FUNCTION_WORDS.has(w));
  if (!nextToName) return 'country';
  return hit.piece.titleCase ? 'unsure' : 'person';
}

function georgiaMeaning(hits: Hit[]): 'GE' | 'US' | null {
  const others = hits.filter((h) => h.entry.rule !== 'georgia');
  if (others.some((h) => h.entry.country === 'GE' || h.entry.tag === 'caucasus')) return 'GE';
  if (others.some((h) => h.entry.tag === 'us-politics')) return 'US';
  const neighbours = others.filter((h) => h.entry.country !== null && GEORGIA_NEIGHBOURS.has(h.entry.country)).length;
  const american = others.filter((h) => h.entry.country === 'US').length;
  if (neighbours > 0 && neighbours >= american) return 'GE';
  return american > 0 ? 'US' : null;
}
