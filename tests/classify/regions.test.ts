import { describe, expect, it } from 'vitest';
import {
  allCountries,
  countriesMatching,
  countryInfo,
  createClassifier,
  isKnownContinent,
  isKnownSubregion,
} from '../../src/classify/index.js';

const regions = {
  'Former Soviet Union': ['RU', 'UA', 'BY', 'GE'],
  'Latin America': ['CU', 'VE', 'AR'],
  Empty: [],
};

describe('country data', () => {
  it('maps countries to subregion and continent', () => {
    expect(countryInfo('RU')).toEqual({ code: 'RU', name: 'Russia', subregion: 'Eastern Europe', continent: 'Europe' });
    expect(countryInfo('CU')).toEqual({ code: 'CU', name: 'Cuba', subregion: 'Caribbean', continent: 'Americas' });
    expect(countryInfo('cu')?.code).toBe('CU');
    expect(countryInfo('XX')).toBeUndefined();
  });

  it('lists every country of world-countries once', () => {
    const codes = allCountries().map((c) => c.code);
    expect(codes.length).toBeGreaterThan(240);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining(['RU', 'UA', 'XK', 'AQ']));
  });

  it('knows subregion and continent names, case-insensitively', () => {
    expect(isKnownSubregion('Eastern Europe')).toBe(true);
    expect(isKnownSubregion('eastern europe')).toBe(true);
    expect(isKnownSubregion('Middle Earth')).toBe(false);
    expect(isKnownSubregion('')).toBe(false);
    expect(isKnownContinent('Americas')).toBe(true);
    expect(isKnownContinent('antarctic')).toBe(true);
    expect(isKnownContinent('Eastern Europe')).toBe(false);
  });
});

describe('countriesMatching', () => {
  it('selects countries by code or name, subregion, continent and editorial region', () => {
    expect(countriesMatching({ countries: ['ru', 'Cuba'] }, regions)).toEqual(new Set(['RU', 'CU']));
    const caribbean = countriesMatching({ subregions: ['caribbean'] }, regions);
    expect(caribbean.has('CU')).toBe(true);
    expect(caribbean.has('VE')).toBe(false);
    const europe = countriesMatching({ continents: ['EUROPE'] }, regions);
    expect(europe.has('RU')).toBe(true);
    expect(europe.has('CU')).toBe(false);
    expect(countriesMatching({ regions: ['former soviet union'] }, regions)).toEqual(new Set(['RU', 'UA', 'BY', 'GE']));
  });

  it('unites the selectors and ignores unknown names', () => {
    const result = countriesMatching({ countries: ['DE'], regions: ['Latin America', 'Atlantis'] }, regions);
    expect(result).toEqual(new Set(['DE', 'CU', 'VE', 'AR']));
    expect(countriesMatching({}, regions).size).toBe(0);
  });
});

describe('editorial regions in a classification', () => {
  const classifier = createClassifier({ regions });

  it('lists the regions containing any country, in rank order', () => {
    const result = classifier.classify({
      title: 'Cuba: Capitalist Restoration by the “Russian Road”?',
      summary: 'Russian investments in Cuba.',
    });
    expect(result.countries.map((p) => p.code)).toEqual(['CU', 'RU']);
    expect(result.regions).toEqual(['Latin America', 'Former Soviet Union']);
  });

  it('lists a region once however many of its countries appear', () => {
    expect(classifier.classify({ title: 'Russia and Ukraine talk' }).regions).toEqual(['Former Soviet Union']);
  });

  it('lists no region for countries outside all of them', () => {
    expect(classifier.classify({ title: 'France votes' }).regions).toEqual([]);
  });
});
