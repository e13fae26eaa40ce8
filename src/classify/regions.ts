import type { CountryCode } from '../model.js';
import { allCountries, countryInfo } from './countries.js';

// Country selections for topic queries and the editorial regions of a classification.

export interface CountrySelection {
  /** ISO codes ("RU") or common names ("Russia"). */
  countries?: string[];
  subregions?: string[];
  continents?: string[];
  /** Names of editorial regions. */
  regions?: string[];
}

const fold = (s: string) => s.trim().toLowerCase();

/** Every country the selection names, directly or through a subregion, continent or editorial region. */
export function countriesMatching(
  sel: CountrySelection,
  regions: Record<string, CountryCode[]>,
): Set<CountryCode> {
  const result = new Set<CountryCode>();
  const countries = new Set((sel.countries ?? []).map(fold));
  const subregions = new Set((sel.subregions ?? []).map(fold));
  const continents = new Set((sel.continents ?? []).map(fold));
  for (const c of allCountries()) {
    if (
      countries.has(fold(c.code)) ||
      countries.has(fold(c.name)) ||
      subregions.has(fold(c.subregion)) ||
      continents.has(fold(c.continent))
    ) {
      result.add(c.code);
    }
  }
  const wantedRegions = new Set((sel.regions ?? []).map(fold));
  for (const [name, members] of Object.entries(regions)) {
    if (!wantedRegions.has(fold(name))) continue;
    for (const code of members) {
      const info = countryInfo(code);
      if (info) result.add(info.code);
    }
  }
  return result;
}

/** Names of the editorial regions containing any of the ranked countries, in rank order. */
export function editorialRegionsOf(ranked: CountryCode[], regions: Record<string, CountryCode[]>): string[] {
  const memberSets = Object.entries(regions).map(
    ([name, members]) => [name, new Set(members.map((m) => m.toUpperCase()))] as const,
  );
  const found: string[] = [];
  for (const code of ranked) {
    for (const [name, members] of memberSets) {
      if (members.has(code) && !found.includes(name)) found.push(name);
    }
  }
  return found;
}
