import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/index.js';
import { classifierWithBundledCues } from './support.js';

const classifier = classifierWithBundledCues();
const place = (input: Parameters<typeof classifier.classify>[0], code: string) =>
  classifier.classify(input).countries.find((p) => p.code === code);

describe('scoring', () => {
  it('weighs a title mention more than a summary mention', () => {
    const inTitle = place({ title: 'Strike in France', summary: 'Workers walked out.' }, 'FR')!;
    const inSummary = place({ title: 'Workers walk out', summary: 'A strike in France.' }, 'FR')!;
    expect(inTitle.evidence).toEqual(['title:France']);
    expect(inSummary.evidence).toEqual(['summary:France']);
    expect(inTitle.score).toBeGreaterThan(inSummary.score);
  });

  it('adds for repeated mentions, less each time', () => {
    const once = place({ title: 'News', summary: 'Cuba.' }, 'CU')!.score;
    const twice = place({ title: 'News', summary: 'Cuba. Cuba.' }, 'CU')!.score;
    const thrice = place({ title: 'News', summary: 'Cuba. Cuba. Cuba.' }, 'CU')!.score;
    expect(twice).toBeGreaterThan(once);
    expect(thrice).toBeGreaterThan(twice);
    expect(thrice - twice).toBeLessThan(twice - once);
  });

  it('treats a leading "Country:" label in the title as strong evidence', () => {
    const labelled = place({ title: 'Cuba: Capitalist Restoration' }, 'CU')!;
    const mentioned = place({ title: 'Capitalist Restoration in Cuba' }, 'CU')!;
    expect(labelled.evidence).toEqual(['title-prefix:Cuba']);
    expect(mentioned.evidence).toEqual(['title:Cuba']);
    expect(labelled.score).toBeGreaterThan(mentioned.score);
  });

  it('accepts several countries in a title label, but not a label with other words', () => {
    const both = classifier.classify({ title: 'Russia/Ukraine: Talks Resume' }).countries;
    expect(both.map((p) => p.evidence[0])).toEqual(['title-prefix:Russia', 'title-prefix:Ukraine']);
    const notALabel = place({ title: 'Why Russia Matters: An Essay' }, 'RU')!;
    expect(notALabel.evidence).toEqual(['title:Russia']);
  });

  it('reads a label of several countries as a running story when the headline names another country', () => {
    const result = classifier.classify({
      title: 'Israel Gaza: US rejects global calls for ceasefire',
      summary: 'The American decision comes amid loud calls for a humanitarian truce at the United Nations.',
    });
    expect(result.primary).toBe('US');
    expect(result.countries.find((p) => p.code === 'IL')?.evidence).toEqual(['title:Israel']);
    // A one-country label stays the article's own, whatever the headline names after it.
    expect(classifier.classify({ title: 'Cuba: Talks With the US Resume' }).primary).toBe('CU');
  });

  it('counts a story located "in" a country more than one "near" it', () => {
    const inFiji = place({ title: 'Earthquake strikes', summary: 'A strong earthquake struck in Fiji.' }, 'FJ')!;
    const nearFiji = place({ title: 'Earthquake strikes', summary: 'A strong earthquake struck near Fiji.' }, 'FJ')!;
    const plain = place({ title: 'Earthquake strikes', summary: 'A strong earthquake struck Fiji.' }, 'FJ')!;
    expect(inFiji.score).toBeGreaterThan(nearFiji.score);
    expect(nearFiji.score).toBe(plain.score);
    const result = classifier.classify({
      title: 'Tsunami warning',
      summary: 'Waves could hit Vanuatu after an earthquake was recorded near New Caledonia.',
    });
    expect(result.primary).toBe('VU');
  });

  it('counts cues like names in the title', () => {
    const cue = place({ title: 'Putin speaks' }, 'RU')!;
    const name = place({ title: 'Russia speaks' }, 'RU')!;
    expect(cue.evidence).toEqual(['title:Putin']);
    expect(cue.score).toBe(name.score);
  });

  it('classifies by the source hint alone, as moderate evidence', () => {
    const result = classifier.classify({ title: 'Pension reform passes', countryHint: 'ru' });
    expect(result.primary).toBe('RU');
    expect(result.countries).toEqual([{ code: 'RU', score: expect.any(Number), evidence: ['source-hint:RU'] }]);
    const hintScore = result.countries[0]!.score;
    expect(hintScore).toBeLessThan(place({ title: 'Russia passes pension reform' }, 'RU')!.score);
  });

  it('lets the text outweigh the source hint', () => {
    const result = classifier.classify({ title: 'Cuba: Elections Called', summary: 'Havana announced a vote.', countryHint: 'US' });
    expect(result.primary).toBe('CU');
    expect(result.countries.find((p) => p.code === 'US')?.evidence).toEqual(['source-hint:US']);
  });

  it('ignores an unknown source hint', () => {
    expect(classifier.classify({ title: 'Pension reform passes', countryHint: 'XX' }).countries).toEqual([]);
  });

  it('adds evidence from categories, in any letter case', () => {
    const result = classifier.classify({ title: 'Pension reform passes', categories: ['Russia', 'economy', 'ukraine'] });
    expect(result.countries.map((p) => [p.code, p.evidence])).toEqual([
      ['RU', ['category:Russia']],
      ['UA', ['category:ukraine']],
    ]);
  });

  it('drops passing mentions far below a strong top country', () => {
    const result = classifier.classify({
      title: 'Russia: Putin Declares Mobilization',
      summary: 'Russia will use all means. Putin spoke in Moscow. A Peruvian observer was present.',
    });
    expect(result.primary).toBe('RU');
    expect(result.countries.map((p) => p.code)).not.toContain('PE');
  });

  it('keeps a weak country when nothing stronger is found', () => {
    const result = classifier.classify({ title: 'Tourists return', summary: 'A Peruvian observer was present.' });
    expect(result.primary).toBe('PE');
  });

  it('returns an empty classification when nothing is found', () => {
    expect(classifier.classify({ title: 'Workers of the world, unite' })).toEqual({
      primary: null,
      countries: [],
      subregions: [],
      continents: [],
      regions: [],
    });
  });

  it('does not depend on cues for names', () => {
    expect(createClassifier().classify({ title: 'Putin speaks' }).primary).toBeNull();
  });
});
