import { describe, expect, it } from 'vitest';
import { createClassifier, type ClassifyInput } from '../../src/classify/index.js';
import { selectCities } from '../../src/classify/cities.js';
import { classifierWithBundledCues } from './support.js';

const classifier = classifierWithBundledCues();
const codesOf = (input: ClassifyInput | string) =>
  classifier.classify(typeof input === 'string' ? { title: input } : input).countries.map((p) => p.code);
const primaryOf = (input: ClassifyInput | string) =>
  classifier.classify(typeof input === 'string' ? { title: input } : input).primary;

describe('names in seven languages', () => {
  it.each([
    ['Protestas en México por la reforma', 'MX'],
    ['Élections en Allemagne', 'DE'],
    ['Wahlen in Frankreich', 'FR'],
    ['Eleições no Brasil', 'BR'],
    ['Elezioni in Giappone', 'JP'],
    ['Выборы в Казахстане', 'KZ'],
    ['Elections in Kazakhstan', 'KZ'],
  ])('"%s" → %s', (title, code) => {
    expect(primaryOf(title)).toBe(code);
  });

  it('declines Russian names: Россия, России, Россию, Россией; Украина, Украины, Украине', () => {
    for (const form of ['Россия', 'России', 'Россию', 'Россией']) expect(codesOf(`${form} и мир`), form).toEqual(['RU']);
    for (const form of ['Украина', 'Украины', 'Украине']) expect(codesOf(`${form} и мир`), form).toEqual(['UA']);
  });

  it('reads names without their accents, as English news often writes them', () => {
    expect(primaryOf('Cote d’Ivoire hosts the Africa Cup of Nations')).toBe('CI');
    expect(primaryOf('Riots in Brasilia')).toBe('BR');
    expect(primaryOf('Turkiye earthquake')).toBe('TR');
  });
});

describe('cities, provinces and regions', () => {
  it('finds GeoNames cities of 100,000 people or more', () => {
    expect(primaryOf('Floods in Porto Alegre leave thousands homeless')).toBe('BR');
    expect(primaryOf('Heatwave grips Phoenix')).toBe('US');
    expect(primaryOf('Blast in Karachi kills four')).toBe('PK');
    expect(primaryOf('Mayor of Kharkiv speaks')).toBe('UA');
  });

  it('leaves out city names that are words, people or shared by big cities of several countries', () => {
    expect(codesOf({ title: 'Reading the news', summary: 'Mobile phones and a Surprise party.' })).toEqual([]);
    expect(codesOf({ title: 'A lecture', summary: 'Charlotte and Madison spoke about Hamilton.' })).toEqual([]);
    expect(codesOf('Valencia heat')).toEqual([]);
  });

  it('selects cities by population, district status and dominance', () => {
    const city = (name: string, country: string, population: number, featureCode = 'PPL') => ({
      name,
      country,
      population,
      featureCode,
    });
    const selected = selectCities([
      city('Bigtown', 'AA', 2_000_000),
      city('Bigtown', 'BB', 150_000),
      city('Twin', 'AA', 300_000),
      city('Twin', 'BB', 200_000),
      city('Small', 'AA', 90_000),
      city('Quarter', 'AA', 500_000, 'PPLX'),
      city('Oslo', 'NO', 700_000),
      city('Ivo', 'CC', 200_000),
    ]);
    expect(selected).toEqual([
      { name: 'Bigtown', country: 'AA' },
      { name: 'Oslo', country: 'NO' },
    ]);
  });

  it.each([
    ['Shelling in Donbas', 'UA'],
    ['Flooding in the Kherson Oblast', 'UA'],
    ['Drones strike Crimea', 'UA'],
    ['Darfur violence displaces thousands', 'SD'],
    ['Tigray ceasefire holds', 'ET'],
    ['Xinjiang cotton ban widens', 'CN'],
    ['West Bank raid', 'PS'],
    ['Aid reaches Gaza', 'PS'],
    ['Wildfires in Alberta', 'CA'],
    ['Drought in Queensland', 'AU'],
    ['Storm hits Wisconsin', 'US'],
  ])('"%s" → %s', (title, code) => {
    expect(primaryOf(title)).toBe(code);
  });

  it('reads Punjab and Kashmir as the country the article names elsewhere, else India', () => {
    expect(primaryOf({ title: 'Floods in Punjab', summary: 'Pakistan asked for aid for Lahore.' })).toBe('PK');
    expect(primaryOf({ title: 'Floods in Punjab', summary: 'Rescue teams were sent.' })).toBe('IN');
    expect(codesOf({ title: 'Gunfight in Kashmir', summary: 'Two soldiers died.' })).toEqual(['IN']);
  });
});

describe('cues from config/cues.yaml', () => {
  it.each([
    ['Milei wins the run-off', 'AR'],
    ['Erdoğan calls early elections', 'TR'],
    ['Bundestag votes on budget', 'DE'],
    ['Knesset passes judicial bill', 'IL'],
    ['Wagner Group fighters withdraw', 'RU'],
    ['Zelensky visits the front', 'UA'],
    ['Trudeau names new cabinet', 'CA'],
  ])('"%s" → %s', (title, code) => {
    expect(primaryOf(title)).toBe(code);
  });
});

describe('historical names', () => {
  it('maps Burma, Zaire, Rhodesia, East Germany and the Soviet Union to today’s countries', () => {
    expect(primaryOf('Burma’s junta extends emergency')).toBe('MM');
    expect(primaryOf('Zaire remembered')).toBe('CD');
    expect(primaryOf('Life in East Germany recalled')).toBe('DE');
    expect(primaryOf('Rhodesia’s last years')).toBe('ZW');
    expect(primaryOf('USSR collapse remembered')).toBe('RU');
  });

  it('reads Czechoslovakia as Czechia first and Slovakia second', () => {
    expect(codesOf('Czechoslovakia’s Velvet Revolution at 30')).toEqual(['CZ', 'SK']);
  });

  it('maps the Soviet Union as configured: another country, or none', () => {
    expect(createClassifier({ ussrAs: 'UA' }).classify({ title: 'Soviet Union collapse' }).primary).toBe('UA');
    expect(createClassifier({ ussrAs: null }).classify({ title: 'Soviet Union collapse' }).countries).toEqual([]);
  });
});

describe('the ambiguity list', () => {
  it('reads "Athens, Georgia" as the US state, whatever else is said', () => {
    expect(codesOf({ title: 'Athens, Georgia, mourns student', summary: 'A vigil was held.' })).toEqual(['US']);
  });

  it('reads Amazon the company as nowhere, the rainforest as Brazil', () => {
    expect(codesOf({ title: 'Amazon workers strike', summary: 'Warehouse staff walked out.' })).toEqual([]);
    expect(codesOf('Amazon rainforest fires surge')).toEqual(['BR']);
  });

  it('does not read the River Niger as Niger, nor a US$ amount as the US', () => {
    expect(codesOf({ title: 'Boat capsizes', summary: 'It sank in the River Niger in Nigeria.' })).toEqual(['NG']);
    expect(codesOf('Africa: Scientists Make U.S.$3 Billion Plea')).toEqual([]);
  });
});

describe('world regions named without a country', () => {
  it('lists the region and continent of "Africa:" with no primary country', () => {
    const result = classifier.classify({ title: 'Africa: COP28 Mobilizes Record Funds', summary: 'Delegates met.' });
    expect(result).toEqual({ primary: null, countries: [], subregions: [], continents: ['Africa'], regions: ['Africa'] });
  });

  it('ranks a labelled region above a country named in the same headline', () => {
    const result = classifier.classify({ title: 'Africa: China, U.S. Blamed for Slow Debt Relief to Africa' });
    expect(result.regions[0]).toBe('Africa');
  });
});

describe('how a mention is used', () => {
  it('places the story where it happened, not where a person comes from', () => {
    expect(primaryOf('US journalist arrested in Russia')).toBe('RU');
    expect(primaryOf('British tourists killed in Egypt')).toBe('EG');
    expect(primaryOf('Russia launches attacks on the Ukrainian capital')).toBe('UA');
  });

  it('takes the dateline that opens a summary as strong evidence', () => {
    const result = classifier.classify({ title: 'Health conference ends', summary: '[allAfrica] Lusaka -- Delegates agreed.' });
    expect(result.primary).toBe('ZM');
    expect(result.countries[0]!.evidence).toEqual(['dateline:Lusaka']);
  });

  it('drops a country named once in passing in the summary when the title names another', () => {
    expect(codesOf({ title: 'Britain weighs sending tanks to Ukraine', summary: 'It is a year since Russia invaded.' })).toEqual(
      ['GB', 'UA'],
    );
    // Without a country in the title the same mention is all there is, and it counts.
    expect(codesOf({ title: 'Tanks debated', summary: 'It is a year since Russia invaded.' })).toEqual(['RU']);
  });
});
