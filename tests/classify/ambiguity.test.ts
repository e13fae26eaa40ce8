import { describe, expect, it } from 'vitest';
import type { ClassifyInput } from '../../src/classify/index.js';
import { classifierWithBundledCues } from './support.js';

const classifier = classifierWithBundledCues();
const codesOf = (input: ClassifyInput | string) =>
  classifier.classify(typeof input === 'string' ? { title: input } : input).countries.map((p) => p.code);

describe('case-sensitive short forms', () => {
  it('reads "US" as the country and "us" as a pronoun', () => {
    expect(codesOf('US sanctions target banks')).toEqual(['US']);
    expect(codesOf('Let us build a new party')).toEqual([]);
  });

  it('reads "Nice" as the French city, "nice" as a word', () => {
    expect(codesOf('Truck attack in Nice')).toEqual(['FR']);
    expect(codesOf('It was a nice day for a march')).toEqual([]);
  });

  it('reads capitalised "Turkey" as the country, "turkey" as a bird', () => {
    expect(codesOf('Turkey hit by earthquake')).toEqual(['TR']);
    expect(codesOf('Workers could not afford a turkey this year')).toEqual([]);
  });

  it('reads an all-caps headline', () => {
    expect(codesOf('RUSSIA INVADES UKRAINE')).toEqual(['RU', 'UA']);
  });
});

describe('Georgia', () => {
  it('is the country with Caucasus context', () => {
    expect(codesOf({ title: 'Protests grow in Georgia', summary: 'Police in Tbilisi used water cannon.' })).toContain('GE');
    expect(codesOf('Georgia and the Caucasus after the war')).toEqual(['GE']);
    expect(codesOf('Russia threatens Georgia')).toEqual(['RU', 'GE']);
  });

  it('is the US state with American context', () => {
    const result = classifier.classify({ title: 'Georgia recount ordered', summary: 'Officials in Atlanta began counting.' });
    expect(result.primary).toBe('US');
    expect(result.countries.map((p) => p.code)).not.toContain('GE');
    expect(codesOf('Georgia governor signs abortion ban')).toEqual(['US']);
  });

  it('is nothing without context', () => {
    expect(codesOf('Protests in Georgia')).toEqual([]);
  });
});

describe('Jordan and Chad as people’s names', () => {
  it('reads Jordan as the country on its own', () => {
    expect(codesOf('Jordan rejects the plan')).toEqual(['JO']);
    expect(codesOf({ title: 'King meets protesters', summary: 'In Jordan, thousands marched.' })).toEqual(['JO']);
  });

  it('reads "Jordan Peterson" and "Michael Jordan" as people', () => {
    expect(codesOf({ title: 'A lecture tour', summary: 'Jordan Peterson spoke to students.' })).toEqual([]);
    expect(codesOf({ title: 'A documentary', summary: 'Michael Jordan retired in 2003.' })).toEqual([]);
  });

  it('in a headline, counts "Jordan Rejects…" only when the article confirms the country', () => {
    expect(codesOf({ title: 'Jordan Rejects Plan', summary: 'Amman said the proposal was unacceptable.' })).toEqual([
      'JO',
    ]);
    expect(codesOf({ title: 'Jordan Peterson Slams Critics', summary: 'The psychologist answered.' })).toEqual([]);
  });

  it('reads Chad the country, not Chad the drummer', () => {
    expect(codesOf('Chad’s president killed at the front')).toEqual(['TD']);
    expect(codesOf({ title: 'Concert review', summary: 'Chad Smith played the drums.' })).toEqual([]);
  });
});

describe('longest match wins', () => {
  it('does not find Guinea inside Guinea-Bissau, Papua New Guinea or Equatorial Guinea', () => {
    expect(codesOf('Coup in Guinea-Bissau')).toEqual(['GW']);
    expect(codesOf('Papua New Guinea earthquake')).toEqual(['PG']);
    expect(codesOf('Equatorial Guinea oil deal')).toEqual(['GQ']);
    expect(codesOf('Guinea junta sets election date')).toEqual(['GN']);
  });

  it('does not find Niger inside Nigeria', () => {
    expect(codesOf('Nigeria elects a president')).toEqual(['NG']);
    expect(codesOf('Niger junta expels French troops')).toContain('NE');
  });

  it('reads US states and towns that share a country’s name as the US, people as nobody', () => {
    expect(codesOf('New Mexico wildfire spreads')).toEqual(['US']);
    expect(codesOf('Mexico wildfire spreads')).toEqual(['MX']);
    expect(codesOf('Trial over the Moscow, Idaho murders')).toEqual(['US']);
    expect(codesOf('Paris, Texas, floods')).toEqual(['US']);
    expect(codesOf('Moscow responds to sanctions')).toEqual(['RU']);
    expect(codesOf('Paris Hilton launches a perfume')).toEqual([]);
    expect(codesOf('Strikes paralyse Paris')).toEqual(['FR']);
  });

  it('keeps Latin America and the Indian Ocean from counting as the US or India', () => {
    expect(codesOf('Latin America turns left')).toEqual([]);
    expect(codesOf('Storm over the Indian Ocean')).toEqual([]);
    expect(codesOf('Indian farmers strike')).toEqual(['IN']);
  });
});

describe('the two Congos', () => {
  it('reads the Democratic Republic, DR Congo, DRC and Kinshasa as CD', () => {
    for (const title of [
      'Democratic Republic of the Congo votes',
      'DR Congo votes',
      'DRC votes',
      'Protests in Kinshasa',
      'Zaire remembered',
    ]) {
      expect(codesOf(title), title).toEqual(['CD']);
    }
  });

  it('reads the Republic of the Congo and Brazzaville as CG', () => {
    expect(codesOf('Republic of the Congo votes')).toEqual(['CG']);
    expect(codesOf('Protests in Brazzaville')).toEqual(['CG']);
  });

  it('reads a bare "Congo" as CD, weakly', () => {
    const bare = classifier.classify({ title: 'Fighting in Congo' }).countries;
    const full = classifier.classify({ title: 'Fighting in DR Congo' }).countries;
    expect(bare.map((p) => p.code)).toEqual(['CD']);
    expect(bare[0]!.score).toBeLessThan(full[0]!.score);
  });
});

describe('weak cues qualified by another country', () => {
  it('reads "Congress" as the US Congress only when no other country owns it', () => {
    expect(codesOf('Congress passes the budget')).toEqual(['US']);
    expect(codesOf('Bolsonaro supporters storm Brazil Congress')).toEqual(['BR']);
    expect(codesOf('Protesters storm Brazil’s Congress')).toEqual(['BR']);
  });
});
