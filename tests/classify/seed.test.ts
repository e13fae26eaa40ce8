import { describe, expect, it } from 'vitest';
import type { Classification } from '../../src/model.js';
import { classifierWithBundledCues, readSeedArticles } from './support.js';

const classifier = classifierWithBundledCues();
const articles = readSeedArticles();

function classifySeed(titleStart: string): Classification {
  const article = articles.find((a) => a.title.startsWith(titleStart));
  if (!article) throw new Error(`no seed article starts with "${titleStart}"`);
  return classifier.classify(article);
}

const codes = (c: Classification) => c.countries.map((p) => p.code);
const scoreOf = (c: Classification, code: string) => c.countries.find((p) => p.code === code)?.score ?? 0;

describe('seed articles, classified without a source hint', () => {
  it('reads all twelve articles, curly quotes intact', () => {
    expect(articles).toHaveLength(12);
    expect(articles.some((a) => a.title.includes('’'))).toBe(true);
  });

  it.each([
    'Russia: Who Is Boris Kagarlitsky',
    'Russia: Prigozhin’s Failed Adventure',
    'Prigozhin’s Attempted Coup',
    'Russia: Putin Declares Partial Mobilization',
    'Mikhail Gorbachev (1931–2022)',
  ])('"%s…" is primarily about Russia', (title) => {
    const result = classifySeed(title);
    expect(result.primary).toBe('RU');
    expect(result.subregions[0]).toBe('Eastern Europe');
    expect(result.continents[0]).toBe('Europe');
  });

  it('takes the "Russia:" title label as strong evidence', () => {
    const result = classifySeed('Russia: Putin Declares Partial Mobilization');
    expect(result.countries[0]!.evidence).toEqual(expect.arrayContaining(['title-prefix:Russia', 'title:Putin']));
    expect(result.countries[0]!.score).toBeGreaterThan(0.85);
    // Ukraine is mentioned in passing and ranks well below.
    expect(scoreOf(result, 'UA')).toBeLessThan(result.countries[0]!.score / 2);
  });

  it('finds Prigozhin, Wagner and Moscow in a title without a country name', () => {
    const evidence = classifySeed('Prigozhin’s Attempted Coup').countries[0]!.evidence;
    expect(evidence).toEqual(expect.arrayContaining(['title:Prigozhin', 'summary:Wagner', 'summary:Moscow']));
  });

  it('finds the Soviet Union and Gorbachev for the Gorbachev obituary', () => {
    const evidence = classifySeed('Mikhail Gorbachev').countries[0]!.evidence;
    expect(evidence).toEqual(expect.arrayContaining(['title:Gorbachev', 'summary:Soviet Union', 'summary:Russia']));
  });

  it('lists Russia for the ICC warrant against Putin; the US and Iraq, named once in the summary, do not outrank it', () => {
    const result = classifySeed('International Criminal Court Arrest Warrant against Putin');
    expect(result.primary).toBe('RU');
    expect(codes(result)[0]).toBe('RU');
  });

  it('ranks Cuba first for "Cuba: … the “Russian Road”?", Russia lower', () => {
    const result = classifySeed('Cuba: Capitalist Restoration');
    expect(result.primary).toBe('CU');
    expect(codes(result)).toEqual(['CU', 'RU']);
    expect(result.countries[0]!.evidence).toContain('title-prefix:Cuba');
    expect(result.subregions).toEqual(['Caribbean', 'Eastern Europe']);
    expect(result.continents).toEqual(['Americas', 'Europe']);
  });

  it('puts Ukraine first for the dam breach, via the title and the places in the summary', () => {
    const result = classifySeed('Ukraine Dam Breach');
    expect(result.primary).toBe('UA');
    expect(result.countries[0]!.evidence).toEqual(
      expect.arrayContaining(['title:Ukraine', 'summary:Nova Kakhovka', 'summary:Kherson Oblast']),
    );
  });

  it('finds both Russia and Ukraine for the Kharkiv front, Russia’s possessive included', () => {
    const result = classifySeed('The Implications of Russia’s Defeat');
    expect(codes(result).slice(0, 2).sort()).toEqual(['RU', 'UA']);
    expect(result.countries.find((p) => p.code === 'RU')!.evidence).toEqual(
      expect.arrayContaining(['title:Russia', 'summary:Russians']),
    );
    expect(result.countries.find((p) => p.code === 'UA')!.evidence).toContain('title:Kharkiv');
  });

  it('finds China, Russia and the US (not "us") in the world-relations piece', () => {
    const result = classifySeed('The Widening Fissures');
    expect(codes(result).sort()).toEqual(['CN', 'RU', 'US']);
    expect(result.countries.find((p) => p.code === 'US')!.evidence).toEqual(['summary:US']);
  });

  it('blames Ukraine first in the first Nord Stream piece; the passing "US and German ruling class" ranks lower', () => {
    const result = classifySeed('West Blames Ukraine for Nord Stream');
    expect(result.primary).toBe('UA');
    expect(codes(result)).toEqual(expect.arrayContaining(['UA', 'DE', 'RU']));
    expect(result.countries.find((p) => p.code === 'DE')!.evidence).toEqual(
      expect.arrayContaining(['title:Nord Stream', 'summary:German']),
    );
    expect(scoreOf(result, 'US')).toBeLessThan(scoreOf(result, 'UA') / 2);
  });

  it('puts the USA first in the second Nord Stream piece, with Russia and Germany', () => {
    const result = classifySeed('Famed Journalist Says USA');
    expect(result.primary).toBe('US');
    expect(codes(result)).toEqual(expect.arrayContaining(['US', 'RU', 'DE']));
    expect(result.countries[0]!.evidence).toEqual(expect.arrayContaining(['title:USA', 'summary:American', 'summary:US']));
  });

  it('gives every place a score in 0..1, strongest first, with evidence', () => {
    for (const article of articles) {
      const { countries } = classifier.classify(article);
      expect(countries.length).toBeGreaterThan(0);
      for (const place of countries) {
        expect(place.score).toBeGreaterThan(0);
        expect(place.score).toBeLessThanOrEqual(1);
        expect(place.evidence.length).toBeGreaterThan(0);
      }
      const scores = countries.map((p) => p.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });
});
