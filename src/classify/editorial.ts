import type { CountryCode } from '../model.js';
import { datasetCountries } from './countries.js';

// The default editorial regions: the seven world-news sections BBC News and the
// New York Times file stories under. They differ from continents the way those
// desks do: Egypt and Iran go to the Middle East, Turkey and the Caucasus to
// Europe, New Zealand and the Pacific islands to Australia.

export const EDITORIAL = {
  africa: 'Africa',
  asia: 'Asia',
  europe: 'Europe',
  middleEast: 'Middle East',
  latinAmerica: 'Latin America',
  usCanada: 'US & Canada',
  australia: 'Australia & Pacific',
} as const;

const MIDDLE_EAST_EXTRA = new Set(['EG', 'IR']);
/** In Western Asia by the dataset, covered by the Europe desks. */
const EUROPE_EXTRA = new Set(['TR', 'CY', 'GE', 'AM', 'AZ', 'GL']);
const US_CANADA = new Set(['US', 'CA', 'UM', 'PM', 'BM']);

function sectionOf(code: CountryCode, continent: string, subregion: string): string | undefined {
  if (US_CANADA.has(code)) return EDITORIAL.usCanada;
  if (EUROPE_EXTRA.has(code)) return EDITORIAL.europe;
  if (MIDDLE_EAST_EXTRA.has(code) || subregion === 'Western Asia') return EDITORIAL.middleEast;
  switch (continent) {
    case 'Africa':
      return EDITORIAL.africa;
    case 'Asia':
      return EDITORIAL.asia;
    case 'Europe':
      return EDITORIAL.europe;
    case 'Americas':
      return EDITORIAL.latinAmerica;
    case 'Oceania':
      return EDITORIAL.australia;
    default:
      return undefined;
  }
}

/** Name → member countries, every country of the dataset but Antarctica's in exactly one. */
export function defaultEditorialRegions(): Record<string, CountryCode[]> {
  const regions: Record<string, CountryCode[]> = Object.fromEntries(Object.values(EDITORIAL).map((n) => [n, []]));
  for (const c of datasetCountries) {
    const section = sectionOf(c.cca2, c.region, c.subregion);
    if (section) regions[section]!.push(c.cca2);
  }
  return regions;
}
