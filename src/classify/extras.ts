import type { CountryCode } from '../model.js';

// Hand-kept additions to the world-countries names: the short and historical forms
// news uses, places that mark a country as clearly as its name, and the phrases that
// look like a country but are not one. Leaders and institutions live in config/cues.yaml.

export interface ExtraForms {
  /** As strong as the country's name. */
  names?: string[];
  /** Usually the country, but often something else too. */
  weakNames?: string[];
  demonyms?: string[];
  /** Cities and regions that point at one country. */
  places?: string[];
  weakPlaces?: string[];
}

export const EXTRA_FORMS: Record<CountryCode, ExtraForms> = {
  US: {
    names: ['US', 'U.S.', 'U.S', 'USA', 'U.S.A.', 'U.S.A', 'United States'],
    weakNames: ['America'],
    demonyms: ['American', 'Americans', 'Texan', 'Texans', 'Californian', 'Californians', 'New Mexican'],
    places: [
      'Washington, D.C.', 'Washington DC', 'Washington D.C.', 'New York', 'California', 'Texas', 'Florida', 'Atlanta',
      'New England',
    ],
    weakPlaces: ['Washington'],
  },
  GB: {
    names: ['UK', 'U.K.', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland'],
    weakNames: ['NI'],
    demonyms: ['British', 'Briton', 'Britons', 'Brits', 'Scottish', 'Welsh', 'Scots'],
    places: ['Westminster', 'Edinburgh', 'Belfast', 'Manchester'],
  },
  RU: {
    places: ['St Petersburg', 'St. Petersburg', 'Saint Petersburg'],
    demonyms: ['Chechen', 'Chechens'],
  },
  UA: { demonyms: ['Crimean'] },
  MM: { names: ['Burma', 'Rangoon'], demonyms: ['Burmese', 'Rohingya'] },
  CD: { names: ['Zaire', 'DR Congo', 'DRC', 'D.R.C.', 'Democratic Republic of Congo'], weakNames: ['Congo'] },
  CG: { names: ['Republic of Congo', 'Congo-Brazzaville'] },
  CZ: { names: ['Czech Republic', 'Czechoslovakia'], demonyms: ['Czechoslovak'] },
  SK: { weakNames: ['Czechoslovakia'] },
  RS: { weakNames: ['Yugoslavia'], demonyms: ['Yugoslav'] },
  DE: { names: ['East Germany', 'West Germany', 'GDR', 'FRG'], demonyms: ['East German', 'West German', 'Bavarian'] },
  ZW: { names: ['Rhodesia'] },
  TH: { names: ['Siam'], demonyms: ['Thai', 'Thais'] },
  BJ: { names: ['Dahomey'] },
  BF: { names: ['Upper Volta'] },
  KH: { names: ['Kampuchea'] },
  ET: { names: ['Abyssinia'] },
  TW: { weakNames: ['Formosa'] },
  IN: { places: ['Bombay', 'Calcutta', 'Madras'] },
  CN: { places: ['Peking'], demonyms: ['Uyghur', 'Uyghurs', 'Uighur', 'Uighurs', 'Tibetan', 'Tibetans'] },
  VN: { places: ['Saigon', 'Ho Chi Minh City'] },
  TR: { names: ['Turkey', 'Türkiye', 'Turkiye', 'Constantinople'], weakNames: ['Ottoman'] },
  NL: { weakNames: ['Holland'] },
  KR: { weakNames: ['Korea'] },
  SA: { demonyms: ['Saudi', 'Saudis'] },
  AE: { names: ['U.A.E.'], weakNames: ['Emirates'], places: ['Dubai', 'Abu Dhabi'], demonyms: ['Emirati', 'Emiratis'] },
  CA: { places: ['Toronto', 'Montreal', 'Quebec', 'Québec', 'Ontario', 'Vancouver'], demonyms: ['Québécois'] },
  BA: { names: ['Bosnia'], demonyms: ['Bosnian', 'Bosnians', 'Bosnian Serb', 'Bosnian Serbs'] },
  VA: { names: ['Holy See', 'Vatican'] },
  IR: { weakNames: ['Persia'] },
  LK: { weakNames: ['Ceylon'] },
  PS: { demonyms: ['Gazan', 'Gazans'] },
  ES: { demonyms: ['Catalan', 'Catalans', 'Basque'] },
  IT: { demonyms: ['Sicilian'] },
  FR: { weakPlaces: ['Nice'], demonyms: ['Corsican'] },
  BE: { demonyms: ['Flemish'] },
  KP: { names: ['North Korea', 'N. Korea'] },
};

/** What the Soviet Union, gone since 1991, stands for: Russia unless the operator says otherwise. */
export const SOVIET_FORMS: readonly { form: string; kind: 'name' | 'demonym' }[] = [
  ...['Soviet Union', 'USSR', 'U.S.S.R.', 'СССР', 'Советский Союз', 'Советского Союза', 'Sowjetunion',
    'Union soviétique', 'Unión Soviética', 'União Soviética', 'Unione Sovietica'].map((form) => ({
    form,
    kind: 'name' as const,
  })),
  { form: 'Soviet', kind: 'demonym' },
  { form: 'Soviets', kind: 'demonym' },
];

/** Capitals that are also common words, people's names or towns elsewhere: never used. */
export const UNUSABLE_CAPITALS: ReadonlySet<string> = new Set([
  'Victoria', 'City of Victoria', 'Hamilton', 'Douglas', 'Stanley', 'Kingston', 'Kingstown', 'Georgetown',
  'George Town', 'Jamestown', 'Plymouth', 'The Valley', 'The Bottom', 'West Island', "Saint John's",
  'Saint-Denis', 'Saint-Pierre', 'Sucre', 'Praia', 'Washington D.C.',
]);

/** Capitals shared with well-known places elsewhere: kept, but weak. */
export const WEAK_CAPITALS: ReadonlySet<string> = new Set([
  'Athens', 'Rome', 'Lima', 'Santiago', 'San José', 'San Juan', 'Nassau', 'Tripoli', 'Sofia', 'Bern',
]);

/** Dataset names, alternative spellings and translations that are ordinary words or people's names. */
export const UNUSABLE_FORMS: ReadonlySet<string> = new Set([
  'Island', 'Mann', 'Prathet', 'Dominique', 'Maurice', 'Mauricio', 'Maurício', 'Chili', 'Salvador', 'Granada',
  'Guadalupe', 'Togolese', 'the Abode of Peace',
]);

/** A form the dataset gives to several countries, settled by hand. */
export const SHARED_FORM_OWNER: Readonly<Record<string, CountryCode>> = {
  Congolese: 'CD',
  Dominican: 'DO',
  Dominicans: 'DO',
};

export type ContextTag = 'caucasus' | 'us-politics';

/** Words that name no country but tell which "Georgia" an article means. */
export const CONTEXT_WORDS: Readonly<Record<ContextTag, string[]>> = {
  caucasus: ['Caucasus', 'South Caucasus', 'Black Sea'],
  'us-politics': [
    'Atlanta', 'Savannah', 'governor', 'Governor', 'county', 'County', 'senator', 'Senator', 'Republican',
    'Republicans', 'Democrat', 'Democrats', 'GOP', 'Peach State', 'state legislature',
  ],
};

/** Phrases containing a country's name that are about somewhere else, or nowhere in particular. */
export const NOT_A_COUNTRY: readonly string[] = [
  'Gulf of Mexico', 'New Guinea', 'Moscow Mule', 'Paris Hilton', 'Indian Ocean', 'American Indian', 'American Indians',
  'West Indies', 'West Indian', 'North America', 'North American', 'North Americans', 'Americas', 'Pan-American',
  'Pan American', 'French fries', 'Guinea pig', 'Guinea pigs', 'Pacific Ocean', 'Atlantic Ocean', 'Turkish delight',
  'Swiss cheese', 'Brussels sprouts', 'Dutch courage', 'Russian roulette', 'Russian doll', 'Russian dolls',
  'River Niger', 'Niger River', 'Congo River', 'River Congo', 'Lebanese cedar', 'American bully', 'American bulldog',
  'American bulldogs', 'US dollar', 'US dollars', 'U.S. dollar', 'U.S. dollars',
];

/** Forms that also work as a person's first name or surname ("Jordan Peterson", "Michael Jordan"). */
export const PERSON_NAME_FORMS: ReadonlySet<string> = new Set([
  'Jordan', 'Chad', 'Holland', 'Washington', 'Sofia', 'Victoria', 'Virginia', 'Austin',
]);

/** "Georgia": the country only with Caucasus context, the US state with American context. */
export const GEORGIA_FORM = 'Georgia';
