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
    demonyms: ['American', 'Americans'],
    places: [
      'Washington, D.C.', 'Washington DC', 'Washington D.C.', 'New York', 'California', 'Texas', 'Florida', 'Atlanta',
    ],
    weakPlaces: ['Washington'],
  },
  GB: {
    names: ['UK', 'U.K.', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland'],
    demonyms: ['British', 'Briton', 'Britons', 'Brits', 'Scottish', 'Welsh'],
    places: ['Westminster', 'Edinburgh', 'Belfast', 'Manchester'],
  },
  RU: {
    names: ['Soviet Union', 'USSR', 'U.S.S.R.'],
    demonyms: ['Soviet', 'Soviets'],
    places: ['St Petersburg', 'St. Petersburg', 'Saint Petersburg', 'Siberia', 'Chechnya', 'Belgorod', 'Kursk'],
  },
  UA: {
    places: [
      'Kherson Oblast', 'Kherson', 'Kharkiv', 'Kharkov', 'Donbas', 'Donbass', 'Donetsk', 'Luhansk', 'Crimea',
      'Nova Kakhovka', 'Kakhovka', 'Kiev', 'Odesa', 'Odessa', 'Mariupol', 'Bakhmut', 'Zaporizhzhia', 'Lviv',
    ],
  },
  MM: { names: ['Burma'] },
  CD: { names: ['Zaire', 'DR Congo', 'DRC', 'Democratic Republic of Congo'], weakNames: ['Congo'] },
  CG: { names: ['Republic of Congo', 'Congo-Brazzaville'] },
  CZ: { names: ['Czech Republic'] },
  TR: { names: ['Turkey', 'Türkiye'] },
  NL: { weakNames: ['Holland'] },
  KR: { weakNames: ['Korea'] },
  SA: { demonyms: ['Saudi', 'Saudis'] },
  TH: { demonyms: ['Thai', 'Thais'] },
  AE: { names: ['U.A.E.'], weakNames: ['Emirates'], places: ['Dubai'] },
  CA: { places: ['Toronto', 'Montreal', 'Quebec', 'Québec', 'Ontario', 'Vancouver'] },
  BA: { names: ['Bosnia'] },
  VA: { names: ['Holy See'] },
  IR: { weakNames: ['Persia'] },
  LK: { weakNames: ['Ceylon'] },
  PS: { places: ['Gaza', 'Gaza Strip', 'West Bank'] },
  IL: { places: ['Tel Aviv'] },
  GE: { places: ['Abkhazia', 'South Ossetia', 'Batumi'] },
  CN: { places: ['Shanghai', 'Xinjiang'] },
  IN: { places: ['Mumbai', 'Delhi'] },
  FR: { weakPlaces: ['Nice', 'Marseille'] },
};

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

/** Phrases containing a country's name that are about somewhere else. */
export const NOT_A_COUNTRY: readonly string[] = [
  'New Mexico', 'New Mexican', 'Gulf of Mexico', 'New Jersey', 'Jersey City', 'New Guinea', 'New South Wales',
  'Moscow, Idaho', 'Moscow, ID', 'Moscow Mule', 'Paris Hilton', 'Paris, Texas', 'Indian Ocean', 'American Indian',
  'American Indians', 'West Indies', 'West Indian', 'Latin America', 'Latin American', 'Latin Americans',
  'South America', 'South American', 'South Americans', 'North America', 'North American', 'North Americans',
  'Central America', 'Central American', 'Central Americans', 'Americas', 'Pan-American', 'Pan American',
  'French fries',
];

/** Forms that also work as a person's first name or surname ("Jordan Peterson", "Michael Jordan"). */
export const PERSON_NAME_FORMS: ReadonlySet<string> = new Set([
  'Jordan', 'Chad', 'Holland', 'Washington', 'Sofia',
]);

/** "Georgia": the country only with Caucasus context, the US state with American context. */
export const GEORGIA_FORM = 'Georgia';
