import type { CountryCode } from '../model.js';
import type { Cue } from './cues.js';
import { generatedBuiltinForms } from './builtin-forms.js';
import { majorCities, type City } from './cities.js';
import { datasetCountries, type DatasetCountry } from './countries.js';
import {
  CONTEXT_WORDS,
  EXTRA_FORMS,
  GEORGIA_FORM,
  NOT_A_COUNTRY,
  PERSON_NAME_FORMS,
  SHARED_FORM_OWNER,
  SOVIET_FORMS,
  UNUSABLE_CAPITALS,
  UNUSABLE_FORMS,
  WEAK_CAPITALS,
  type ContextTag,
} from './extras.js';
import { NOTABLE_PLACES, SHARED_PLACES } from './places.js';
import { REGION_NAMES, type RegionName } from './region-names.js';
import { russianCaseForms } from './russian.js';
import { capitaliseWords, normaliseText } from './text.js';

// Every word and phrase that points at a country or a world region, with how
// strongly it does, built from world-countries, GeoNames cities, the hand-kept
// extras and places, and the operator's cues.

export type EntryKind = 'name' | 'demonym' | 'place' | 'cue' | 'context' | 'blocker' | 'region';

/** How an ambiguous form is settled against the rest of the article. */
export type AmbiguityRule = 'person-name' | 'georgia' | 'shared';

export interface LexiconEntry {
  form: string;
  /** Null for context words and blockers, which point at no country themselves. */
  country: CountryCode | null;
  kind: EntryKind;
  weight: number;
  rule?: AmbiguityRule;
  tag?: ContextTag;
  /** For region names: the world region meant. */
  area?: RegionName;
}

export const WEIGHT = { name: 1, weakName: 0.5, demonym: 0.5, capital: 1, place: 0.8, weakPlace: 0.4, city: 0.6 } as const;

/** Besides English: the languages whose country names are used. */
const TRANSLATION_LANGUAGES = ['spa', 'fra', 'deu', 'por', 'ita', 'rus', 'nld'];

export interface Lexicon {
  /** Every spelling to match (as written, UPPER CASE, Capitalised Words) → what it means. */
  surfaces: Map<string, LexiconEntry[]>;
  /** Lower-cased forms, for category tags that are exactly a name ("russia"). */
  folded: Map<string, LexiconEntry[]>;
}

export interface LexiconOptions {
  /** The country "Soviet Union", "USSR" and "Soviet" stand for; null: none. Default RU. */
  ussrAs?: CountryCode | null;
}

/** Which kind of list a form comes from; when lists disagree about a form, the higher one decides. */
const SOURCE_RANK = { city: 0, dataset: 1, extra: 2, cue: 3 } as const;

interface Candidate extends LexiconEntry {
  source: keyof typeof SOURCE_RANK;
}

/** One spelling and what it means once settled (nothing, when no candidate survived). */
export interface FormGroup {
  form: string;
  entries: LexiconEntry[];
  /** variants[i]: the further spellings of entries[i] (UPPER CASE, Capitalised, accent-less). */
  variants: string[][];
}

/** The Soviet Union's default stand-in, for which builtinForms is generated ahead (lexicon-data.ts). */
export const DEFAULT_USSR_AS = 'RU';

export function buildLexicon(cues: readonly Cue[], options: LexiconOptions = {}): Lexicon {
  const ussrAs = options.ussrAs === undefined ? DEFAULT_USSR_AS : options.ussrAs;
  // Settling the 25,000 built-in candidates is the bulk of the work: for the default it was done
  // when lexicon-data.ts was generated, and only the operator's cues are settled here.
  const builtin = ussrAs === DEFAULT_USSR_AS ? generatedBuiltinForms() : builtinForms(ussrAs);
  const groups = withCues(builtin, cues);
  return { surfaces: surfacesOf(groups), folded: foldedOf(groups) };
}

/** The spellings of world-countries, the cities and the hand-kept lists, settled, in the order first met. */
export function builtinForms(ussrAs: CountryCode | null, cities: readonly City[] = majorCities()): FormGroup[] {
  const candidates = [...datasetCandidates(), ...cityCandidates(cities), ...extraCandidates(ussrAs)];
  return [...byForm(candidates).values()].map((list) => formGroup(list[0]!.form, settleForm(list)));
}

function byForm(candidates: Candidate[]): Map<string, Candidate[]> {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (c.form === '') continue;
    const list = groups.get(c.form);
    if (list) list.push(c);
    else groups.set(c.form, [c]);
  }
  return groups;
}

function formGroup(form: string, entries: LexiconEntry[]): FormGroup {
  return { form, entries, variants: entries.map((entry) => [...variantsOf(entry)]) };
}

/**
 * The operator's cues outrank every built-in meaning of their spelling but a blocker; a
 * spelling only cues have comes after the built-in ones. The same as settling the built-in
 * candidates and the cues together.
 */
function withCues(builtin: readonly FormGroup[], cues: readonly Cue[]): FormGroup[] {
  const cueForms = byForm(cueCandidates(cues));
  const groups = builtin.map((group) => {
    const candidates = cueForms.get(group.form);
    if (!candidates) return group;
    cueForms.delete(group.form);
    if (group.entries.some((e) => e.kind === 'blocker')) return group;
    // Settling keeps a context tag of the spelling (Georgia's "Caucasus"), so it is passed on.
    const tag = group.entries[0]?.tag;
    const context: Candidate[] = tag ? [{ form: group.form, country: null, kind: 'context', weight: 0, tag, source: 'extra' }] : [];
    return formGroup(group.form, settleForm([...context, ...candidates]));
  });
  for (const candidates of cueForms.values()) groups.push(formGroup(candidates[0]!.form, settleForm(candidates)));
  return groups;
}

function datasetCandidates(): Candidate[] {
  return datasetCountries.flatMap((country) => {
    const code = country.cca2;
    const make = (form: string, kind: EntryKind, weight: number): Candidate => ({
      form: normaliseText(form).trim(),
      country: code,
      kind,
      weight,
      source: 'dataset',
    });
    const names = datasetNames(country).filter(isUsableName);
    const declined = russianNominatives(country).flatMap(russianCaseForms);
    const demonyms = datasetDemonyms(country).flatMap((d) => [d, pluralOf(d)]).filter(isUsableName);
    const capitals = country.capital.filter((c) => !UNUSABLE_CAPITALS.has(c));
    return [
      ...[...names, ...declined].map((n) => make(n, 'name', WEIGHT.name)),
      ...demonyms.map((d) => make(d, 'demonym', WEIGHT.demonym)),
      // "Moscow warns…": a capital also stands for its government, as strongly as the country's name.
      ...capitals.map((c) => make(c, 'place', WEAK_CAPITALS.has(c) ? WEIGHT.weakPlace : WEIGHT.capital)),
    ];
  });
}

function datasetNames(country: DatasetCountry): string[] {
  const translations = TRANSLATION_LANGUAGES.map((lang) => country.translations[lang]);
  return [
    country.name.common,
    country.name.official,
    ...country.altSpellings,
    ...Object.values(country.name.native).flatMap((n) => [n.common, n.official]),
    ...translations.flatMap((t) => (t ? [t.common, t.official] : [])),
  ];
}

function russianNominatives(country: DatasetCountry): string[] {
  return [country.name.native['rus']?.common, country.translations['rus']?.common].filter(
    (n): n is string => n !== undefined,
  );
}

/** "Antiguan, Barbudan" and "Kittitian or Nevisian" are two demonyms each. */
function datasetDemonyms(country: DatasetCountry): string[] {
  const eng = country.demonyms['eng'];
  if (!eng) return [];
  return [eng.m, eng.f].flatMap((d) => d.split(/, | or /)).filter((d) => d !== '');
}

/** "Russians", "Israelis", "Czechs"; no plural for "Chinese", "British", "French", "Swiss", "Malagasy". */
function pluralOf(demonym: string): string {
  return /(?:ese|sh|nch|tch|s|x|z|y)$/.test(demonym) ? demonym : `${demonym}s`;
}

/**
 * Two-letter codes collide with words ("RU", "IN", "US" as a pronoun), catalogue forms
 * ("Korea, Republic of") and parenthesised ones never appear in prose.
 */
function isUsableName(form: string): boolean {
  return codePoints(form) >= 3 && !form.includes(', ') && !/[()]/.test(form) && !UNUSABLE_FORMS.has(form);
}

function cityCandidates(cities: readonly City[]): Candidate[] {
  const unusable = (name: string) => UNUSABLE_CAPITALS.has(name) || UNUSABLE_FORMS.has(name);
  return cities.filter((city) => !unusable(city.name)).map((city) => ({
    form: normaliseText(city.name).trim(),
    country: city.country,
    kind: 'place',
    weight: WEIGHT.city,
    source: 'city',
  }));
}

function extraCandidates(ussrAs: CountryCode | null): Candidate[] {
  const countryForms = Object.entries(EXTRA_FORMS).flatMap(([code, extra]) => {
    const make = (kind: EntryKind, weight: number) => (form: string): Candidate => ({
      form,
      country: code,
      kind,
      weight,
      source: 'extra',
    });
    return [
      ...(extra.names ?? []).map(make('name', WEIGHT.name)),
      ...(extra.weakNames ?? []).map(make('name', WEIGHT.weakName)),
      ...(extra.demonyms ?? []).map(make('demonym', WEIGHT.demonym)),
      ...(extra.places ?? []).map(make('place', WEIGHT.place)),
      ...(extra.weakPlaces ?? []).map(make('place', WEIGHT.weakPlace)),
    ];
  });
  const pointsNowhere = (kind: EntryKind, tag?: ContextTag) => (form: string): Candidate => ({
    form,
    country: null,
    kind,
    weight: 0,
    ...(tag ? { tag } : {}),
    source: 'extra',
  });
  const context = Object.entries(CONTEXT_WORDS).flatMap(([tag, words]) =>
    words.map(pointsNowhere('context', tag as ContextTag)),
  );
  const blockers = NOT_A_COUNTRY.map(pointsNowhere('blocker'));
  const places = Object.entries(NOTABLE_PLACES).flatMap(([code, forms]) =>
    forms.map((form): Candidate => ({ form, country: code, kind: 'place', weight: WEIGHT.place, source: 'extra' })),
  );
  const shared = Object.entries(SHARED_PLACES).flatMap(([form, codes]) =>
    codes.map((code): Candidate => ({ form, country: code, kind: 'place', weight: WEIGHT.place, source: 'extra' })),
  );
  const soviet = SOVIET_FORMS.map(
    ({ form, kind }): Candidate =>
      ussrAs === null
        ? { form, country: null, kind: 'blocker', weight: 0, source: 'extra' }
        : { form, country: ussrAs, kind, weight: kind === 'name' ? WEIGHT.name : WEIGHT.demonym, source: 'extra' },
  );
  const regions = [...REGION_NAMES].map(
    ([form, area]): Candidate => ({
      form,
      country: null,
      kind: 'region',
      weight: area.adjective ? WEIGHT.demonym : WEIGHT.name,
      area,
      source: 'extra',
    }),
  );
  return [...countryForms, ...places, ...shared, ...soviet, ...regions, ...context, ...blockers];
}

function cueCandidates(cues: readonly Cue[]): Candidate[] {
  return cues.map((cue) => ({
    form: normaliseText(cue.pattern).trim(),
    country: cue.country.toUpperCase(),
    kind: 'cue',
    weight: cue.weight ?? WEIGHT.name,
    source: 'cue',
  }));
}

/**
 * Decide what one spelling means. A blocker silences the form; the operator's cues
 * beat the built-in forms, hand-kept extras beat the dataset; a dataset form shared
 * by several countries goes to the one independent country or is dropped.
 */
function settleForm(candidates: Candidate[]): LexiconEntry[] {
  const form = candidates[0]!.form;
  let tag: ContextTag | undefined;
  let blocker: Candidate | undefined;
  let topRank = -Infinity;
  for (const c of candidates) {
    tag ??= c.tag;
    if (c.kind === 'context') continue;
    if (c.kind === 'blocker') blocker ??= c;
    topRank = Math.max(topRank, SOURCE_RANK[c.source]);
  }
  let chosen: Candidate[];
  if (blocker) chosen = [blocker];
  else {
    const top = candidates.filter((c) => c.kind !== 'context' && SOURCE_RANK[c.source] === topRank);
    chosen = top[0]?.source === 'dataset' ? ownersOfDatasetForm(form, top) : top;
  }

  const strongestPerCountry = new Map<CountryCode | null, Candidate>();
  for (const c of chosen) {
    const known = strongestPerCountry.get(c.country);
    if (!known || c.weight > known.weight) strongestPerCountry.set(c.country, c);
  }
  const entries: LexiconEntry[] = [];
  for (const c of strongestPerCountry.values()) {
    const entry: LexiconEntry = { form: c.form, country: c.country, kind: c.kind, weight: c.weight };
    if (c.area) entry.area = c.area;
    // An operator's cue means what it says: no built-in doubt applies to it.
    const rule = c.source === 'cue' ? undefined : ruleFor(form);
    if (rule) entry.rule = rule;
    if (tag) entry.tag = tag;
    entries.push(entry);
  }
  if (entries.length === 0 && tag) return [{ form, country: null, kind: 'context', weight: 0, tag }];
  return entries;
}

function ownersOfDatasetForm(form: string, candidates: Candidate[]): Candidate[] {
  const countries = new Set(candidates.map((c) => c.country));
  if (countries.size <= 1) return candidates;
  const owner = SHARED_FORM_OWNER[form] ?? soleIndependent(countries);
  return owner ? candidates.filter((c) => c.country === owner) : [];
}

function soleIndependent(countries: Set<CountryCode | null>): CountryCode | undefined {
  const independent = datasetCountries.filter((c) => countries.has(c.cca2) && c.independent);
  return independent.length === 1 ? independent[0]!.cca2 : undefined;
}

const SHARED_FORMS: ReadonlySet<string> = new Set(Object.keys(SHARED_PLACES));

function ruleFor(form: string): AmbiguityRule | undefined {
  if (form === GEORGIA_FORM) return 'georgia';
  if (SHARED_FORMS.has(form)) return 'shared';
  if (PERSON_NAME_FORMS.has(form)) return 'person-name';
  return undefined;
}

/**
 * Matching is case-sensitive ("US" is not "us", "Chad" not "chad"), so headline
 * spellings are added explicitly: UPPER CASE for firm forms, Capitalised Words for phrases.
 */
function surfacesOf(groups: readonly FormGroup[]): Map<string, LexiconEntry[]> {
  const surfaces = new Map<string, LexiconEntry[]>();
  const add = (surface: string, entry: LexiconEntry) => {
    const list = surfaces.get(surface);
    if (list) list.push(entry);
    else surfaces.set(surface, [entry]);
  };
  for (const { entries } of groups) for (const entry of entries) add(entry.form, entry);
  const exactForms = new Set(surfaces.keys());
  for (const { entries, variants } of groups) {
    entries.forEach((entry, i) => {
      for (const variant of variants[i]!) if (!exactForms.has(variant)) add(variant, entry);
    });
  }
  return surfaces;
}

const LATIN_ONLY = /^[\p{Script=Latin}\p{M}\p{P}\p{Zs}]+$/u;

function variantsOf(entry: LexiconEntry): Set<string> {
  const variants = new Set<string>();
  const letters = entry.form.replace(/[^\p{L}]/gu, '').length;
  if (letters >= 4 && entry.weight >= WEIGHT.place && !entry.rule) variants.add(entry.form.toUpperCase());
  if (/[ -]/.test(entry.form)) variants.add(capitaliseWords(entry.form));
  // News in English often drops accents: "Bogota", "Cote d'Ivoire". Short forms would become words ("Malé" → "Male").
  if (letters >= 5 && LATIN_ONLY.test(entry.form)) {
    for (const v of [...variants, entry.form]) variants.add(v.normalize('NFD').replace(/\p{M}/gu, ''));
  }
  variants.delete(entry.form);
  return variants;
}

function foldedOf(groups: readonly FormGroup[]): Map<string, LexiconEntry[]> {
  const folded = new Map<string, LexiconEntry[]>();
  for (const entry of groups.flatMap((g) => g.entries)) {
    // Short forms ("usa", "uk") are too easily other tags once case is ignored.
    if ((entry.country === null && entry.kind !== 'region') || entry.rule || codePoints(entry.form) < 4) continue;
    const key = entry.form.toLowerCase();
    const list = folded.get(key);
    if (list) list.push(entry);
    else folded.set(key, [entry]);
  }
  return folded;
}

/** Length in characters (code points), not UTF-16 units. */
function codePoints(text: string): number {
  return /[\uD800-\uDFFF]/.test(text) ? [...text].length : text.length;
}
