import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import type { CountryCode, CountryInfo } from '../model.js';

// Access to the world-countries dataset: the one source of country names,
// codes, subregions and continents.

export type DatasetCountry = Country;

// The package is CommonJS whose typings declare an ES default export; loading it
// through require gives the array both at run time and in the types.
export const datasetCountries: readonly DatasetCountry[] = createRequire(import.meta.url)(
  'world-countries',
) as Country[];

const byCode = new Map<CountryCode, CountryInfo>(
  datasetCountries.map((c) => [
    c.cca2,
    { code: c.cca2, name: c.name.common, subregion: c.subregion, continent: c.region },
  ]),
);

const fold = (s: string) => s.trim().toLowerCase();

const knownSubregions = new Set(datasetCountries.map((c) => fold(c.subregion)).filter((s) => s !== ''));
const knownContinents = new Set(datasetCountries.map((c) => fold(c.region)));

export function countryInfo(code: CountryCode): CountryInfo | undefined {
  return byCode.get(code.toUpperCase());
}

export function allCountries(): CountryInfo[] {
  return [...byCode.values()];
}

/** Subregion names as in world-countries ("Eastern Europe"), compared case-insensitively. */
export function isKnownSubregion(name: string): boolean {
  return knownSubregions.has(fold(name));
}

/** Continent names as in world-countries' `region` ("Europe", "Americas"), compared case-insensitively. */
export function isKnownContinent(name: string): boolean {
  return knownContinents.has(fold(name));
}

export function isKnownCountry(code: string): boolean {
  return byCode.has(code.toUpperCase());
}
