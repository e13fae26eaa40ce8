import { EDITORIAL } from './editorial.js';

// Names of world regions ("Africa:", "across the Middle East", "European leaders"):
// they name no country but tell an editor which desk a story belongs to.

export interface RegionName {
  /** The default editorial region it points at (counted only if the classifier has a region of that name). */
  region: string;
  /** The dataset continent it lies in. */
  continent: string;
  /** "European", "Africans": describes rather than places, so it counts half. */
  adjective: boolean;
}

type Area = Pick<RegionName, 'region' | 'continent'>;

const AFRICA: Area = { region: EDITORIAL.africa, continent: 'Africa' };
const EUROPE: Area = { region: EDITORIAL.europe, continent: 'Europe' };
const ASIA: Area = { region: EDITORIAL.asia, continent: 'Asia' };
const MIDDLE_EAST: Area = { region: EDITORIAL.middleEast, continent: 'Asia' };
const LATIN_AMERICA: Area = { region: EDITORIAL.latinAmerica, continent: 'Americas' };
const PACIFIC: Area = { region: EDITORIAL.australia, continent: 'Oceania' };

const names = (area: Area, nouns: string[], adjectives: string[] = []): [string, RegionName][] => [
  ...nouns.map((n): [string, RegionName] => [n, { ...area, adjective: false }]),
  ...adjectives.map((a): [string, RegionName] => [a, { ...area, adjective: true }]),
];

export const REGION_NAMES: ReadonlyMap<string, RegionName> = new Map([
  ...names(
    AFRICA,
    ['Africa', 'Sub-Saharan Africa', 'sub-Saharan Africa', 'Sahel', 'Horn of Africa', 'West Africa', 'East Africa',
      'North Africa', 'Southern Africa', 'Central Africa', 'African Union', 'Afcon', 'AFCON'],
    ['African', 'Africans', 'Sub-Saharan', 'sub-Saharan', 'Pan-African'],
  ),
  ...names(
    EUROPE,
    ['Europe', 'European Union', 'EU', 'Eurozone', 'eurozone', 'Balkans', 'Baltics', 'Baltic states', 'Scandinavia',
      'Alps'],
    ['European', 'Europeans', 'Scandinavian'],
  ),
  ...names(
    ASIA,
    ['Asia', 'Southeast Asia', 'South-East Asia', 'South Asia', 'East Asia', 'Central Asia', 'ASEAN', 'Asean'],
    ['Asian', 'Southeast Asian', 'South Asian', 'East Asian', 'Central Asian'],
  ),
  ...names(
    MIDDLE_EAST,
    ['Middle East', 'Mideast', 'Persian Gulf', 'Gulf states', 'Arab world', 'Levant'],
    ['Middle Eastern'],
  ),
  ...names(
    LATIN_AMERICA,
    ['Latin America', 'South America', 'Central America', 'Caribbean', 'Andes'],
    ['Latin American', 'Latin Americans', 'South American', 'Central American'],
  ),
  ...names(PACIFIC, ['South Pacific', 'Pacific Islands', 'Pacific islands'], ['Pacific island', 'Pacific Island']),
]);
