import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/index.js';

// The built-in lexicon alone: no cues.
const classifier = createClassifier();
const primaryOf = (title: string) => classifier.classify({ title }).primary;
const evidenceOf = (title: string) => classifier.classify({ title }).countries[0]?.evidence;

describe('names from world-countries', () => {
  it('knows common and official names and alternative spellings', () => {
    expect(primaryOf('Elections in the Russian Federation')).toBe('RU');
    expect(primaryOf('Talks with the United States of America')).toBe('US');
    expect(primaryOf('Strikes in Côte d’Ivoire')).toBe('CI');
    expect(primaryOf('Strikes in Ivory Coast')).toBe('CI');
    expect(primaryOf('Swaziland renamed')).toBe('SZ');
  });

  it('knows Spanish, French, German, Portuguese and Italian names', () => {
    expect(primaryOf('Rusia anuncia una movilización')).toBe('RU');
    expect(primaryOf('L’Allemagne en récession')).toBe('DE');
    expect(primaryOf('Deutschland streikt')).toBe('DE');
    expect(primaryOf('Greve geral no Brasil')).toBe('BR');
    expect(primaryOf('Sciopero in Germania')).toBe('DE');
    expect(evidenceOf('Les États-Unis et la Chine')).toEqual(['title:États-Unis']);
  });

  it('knows native names', () => {
    expect(primaryOf('Україна')).toBe('UA');
    expect(primaryOf('Suomi')).toBe('FI');
    expect(primaryOf('Éire')).toBe('IE');
  });

  it('never uses two-letter codes that are words', () => {
    expect(classifier.classify({ title: 'Go IN and SO ON, said the AI' }).countries).toEqual([]);
  });
});

describe('Russian case forms', () => {
  it.each([
    ['Россия', 'RU'],
    ['В России объявлена мобилизация', 'RU'],
    ['Визит в Россию', 'RU'],
    ['Переговоры с Россией', 'RU'],
    ['Украина', 'UA'],
    ['Война против Украины', 'UA'],
    ['Помощь Украине', 'UA'],
    ['Вторжение в Украину', 'UA'],
    ['Переговоры с Украиной', 'UA'],
    ['Выборы в Германии', 'DE'],
  ])('"%s" → %s', (title, code) => {
    expect(primaryOf(title)).toBe(code);
  });

  it('matches Cyrillic only at word boundaries', () => {
    expect(classifier.classify({ title: 'Предроссиянин' }).countries).toEqual([]);
  });
});

describe('demonyms, possessives and extra forms', () => {
  it('matches possessives with straight and curly apostrophes', () => {
    expect(evidenceOf("Russia's war")).toEqual(['title:Russia']);
    expect(evidenceOf('Russia’s war')).toEqual(['title:Russia']);
    expect(evidenceOf('Ukraine’s counteroffensive')).toEqual(['title:Ukraine']);
  });

  it('matches demonyms and their plurals, more weakly than names', () => {
    expect(evidenceOf('Russians flee the draft')).toEqual(['title:Russians']);
    expect(evidenceOf('Ukrainians return home')).toEqual(['title:Ukrainians']);
    expect(evidenceOf('Czechs protest')).toEqual(['title:Czechs']);
    const demonym = classifier.classify({ title: 'Russian troops advance' }).countries[0]!.score;
    const name = classifier.classify({ title: 'Russia’s troops advance' }).countries[0]!.score;
    expect(demonym).toBeLessThan(name);
  });

  it('knows the short, historical and regional forms the dataset lacks', () => {
    expect(primaryOf('U.S. troops withdraw')).toBe('US');
    expect(primaryOf('USA and UK sign deal')).toBe('US');
    expect(primaryOf('Britain votes')).toBe('GB');
    expect(primaryOf('Collapse of the USSR')).toBe('RU');
    expect(primaryOf('Soviet Union dissolved')).toBe('RU');
    expect(primaryOf('Protests in Burma')).toBe('MM');
    expect(primaryOf('Fighting in Donbas')).toBe('UA');
    expect(primaryOf('Crimea bridge attacked')).toBe('UA');
    expect(primaryOf('Kharkiv shelled')).toBe('UA');
  });

  it('reads "America" as the US, but weakly', () => {
    const weak = classifier.classify({ title: 'America votes' }).countries[0]!;
    const firm = classifier.classify({ title: 'United States votes' }).countries[0]!;
    expect(weak.code).toBe('US');
    expect(weak.score).toBeLessThan(firm.score);
  });

  it('does not use capitals that are common words or names', () => {
    expect(classifier.classify({ title: 'Victoria and Hamilton meet in Kingston' }).countries).toEqual([]);
  });

  it('matches accented names whole, not inside longer words', () => {
    expect(primaryOf('Reykjavik summit')).toBe('IS');
    expect(classifier.classify({ title: 'Omanis and Omanische' }).countries.map((p) => p.code)).toEqual(['OM']);
  });
});
