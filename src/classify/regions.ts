import type { CountryCode, Place } from '../model.js';
import { allCountries, countryInfo } from './countries.js';
import { floorUnder } from './score.js';

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

/**
 * Names of the areas (editorial regions, or continents) an article is about, strongest
 * first: an area scores as its strongest country, or as the mention of its own name
 * ("Africa:") when that is stronger. Areas far below the strongest are left out.
 */
export function rankAreas(
  countries: readonly Place[],
  areasOf: (code: CountryCode) => readonly string[],
  mentioned: ReadonlyMap<string, number>,
  isArea: (name: string) => boolean,
): string[] {
  const scores = new Map<string, number>();
  const raise = (name: string, score: number) => scores.set(name, Math.max(scores.get(name) ?? 0, score));
  for (const place of countries) for (const name of areasOf(place.code)) raise(name, place.score);
  for (const [name, score] of mentioned) if (isArea(name)) raise(name, score);
  let top = 0;
  for (const score of scores.values()) top = Math.max(top, score);
  const floor = floorUnder(top);
  // A stable sort keeps the order of first appearance between equal scores.
  return [...scores]
    .filter(([, score]) => score >= floor)
    .sort((a, b) => b[1] - a[1])
    .map(([name]) => name);
}

/** Editorial region name → the regions each country belongs to. */
export function regionsByCountry(regions: Record<string, CountryCode[]>): (code: CountryCode) => readonly string[] {
  const byCountry = new Map<CountryCode, string[]>();
  for (const [name, members] of Object.entries(regions)) {
    for (const code of members) {
      const key = code.toUpperCase();
      const list = byCountry.get(key);
      if (!list) byCountry.set(key, [name]);
      else if (!list.includes(name)) list.push(name);
    }
  }
  return (code) => byCountry.get(code) ?? [];
}
