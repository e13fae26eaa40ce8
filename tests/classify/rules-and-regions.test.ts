import { describe, expect, it } from 'vitest';
import {
  allCountries,
  ClassifyError,
  countriesMatching,
  createClassifier,
  defaultEditorialRegions,
  EDITORIAL,
} from '../../src/classify/index.js';
import { ConfigError, parseConfig } from '../../src/config/load.js';

describe('default editorial regions', () => {
  const regions = defaultEditorialRegions();

  it('are the seven BBC/NYT world sections, every country but Antarctica’s in exactly one', () => {
    expect(Object.keys(regions)).toEqual(Object.values(EDITORIAL));
    const members = Object.values(regions).flat();
    expect(new Set(members).size).toBe(members.length);
    const antarctic = allCountries().filter((c) => c.continent === 'Antarctic').length;
    expect(members.length).toBe(allCountries().length - antarctic);
  });

  it('file countries the way those desks do', () => {
    const regionOf = (code: string) => Object.entries(regions).find(([, m]) => m.includes(code))?.[0];
    expect(regionOf('EG')).toBe('Middle East');
    expect(regionOf('IR')).toBe('Middle East');
    expect(regionOf('TR')).toBe('Europe');
    expect(regionOf('GE')).toBe('Europe');
    expect(regionOf('AF')).toBe('Asia');
    expect(regionOf('MX')).toBe('Latin America');
    expect(regionOf('CA')).toBe('US & Canada');
    expect(regionOf('NZ')).toBe('Australia & Pacific');
    expect(regionOf('SD')).toBe('Africa');
  });

  it('are what a classifier without regions of its own reports', () => {
    expect(createClassifier().classify({ title: 'Cairo protests' }).regions).toEqual(['Middle East']);
  });

  it('are selected by name in topic queries', () => {
    const me = countriesMatching({ regions: ['middle east'] }, regions);
    expect(me.has('EG') && me.has('IL') && !me.has('TR')).toBe(true);
  });
});

describe('config: regions and classify options', () => {
  const load = (yaml: string) => parseConfig(yaml, 'gazette.yaml');

  it('starts from the default regions; the operator’s override by name and add new ones', () => {
    const config = load(`regions:\n  Europe: [FR, DE]\n  Former Soviet Union: [RU, UA]\ntopics:\n  - { id: me, title: ME, regions: [Middle East] }\n  - { id: eu, title: EU, regions: [Europe] }\n`);
    expect(config.regions['Europe']).toEqual(['FR', 'DE']);
    expect(config.regions['Former Soviet Union']).toEqual(['RU', 'UA']);
    expect(config.regions['Middle East']).toContain('EG');
    expect(config.topics.map((t) => t.regions)).toEqual([['Middle East'], ['Europe']]);
  });

  it('leaves the defaults out with defaultRegions: false, so names fall back to continents', () => {
    const config = load(`classify: { defaultRegions: false }\ntopics:\n  - { id: eu, title: EU, regions: [Europe] }\n`);
    expect(config.regions).toEqual({});
    expect(config.topics[0]!.continents).toEqual(['Europe']);
    expect(config.topics[0]!.regions).toEqual([]);
  });

  it('defaults ussrAs to RU and accepts null', () => {
    expect(load('{}').classify.ussrAs).toBe('RU');
    expect(load('classify: { ussrAs: null }').classify.ussrAs).toBeNull();
  });

  it('reports a bad rule regex, unknown countries and sources with line and column', () => {
    const yaml = `sources:\n  - { id: a, url: "https://a.example/feed" }\nrules:\n  - { match: "Kremlin(", add: [RU] }\n  - { match: "x", add: [XX], sources: [nope] }\n  - { match: "y" }\n`;
    let error: ConfigError | undefined;
    try {
      load(yaml);
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toMatch(/gazette\.yaml:6:\d+: rules\.2: a rule needs countries to "add" or "remove"/);
  });

  it('reports semantic rule problems with line and column', () => {
    const yaml = `sources:\n  - { id: a, url: "https://a.example/feed" }\nrules:\n  - { match: "Kremlin(", add: [RU] }\n  - { match: "x", add: [XX], sources: [nope] }\n`;
    expect(() => load(yaml)).toThrow(/gazette\.yaml:4:\d+: rules\.0\.match: not a valid regular expression/);
    expect(() => load(yaml)).toThrow(/gazette\.yaml:5:\d+: rules\.1\.add\.0: unknown country code "XX"/);
    expect(() => load(yaml)).toThrow(/gazette\.yaml:5:\d+: rules\.1\.sources\.0: no source has the id "nope"/);
  });
});

describe('rules', () => {
  it('add a country when the pattern matches, with the rule as evidence', () => {
    const classifier = createClassifier({ rules: [{ match: '\\bIMT\\b', add: ['GB'] }] });
    const result = classifier.classify({ title: 'IMT congress opens' });
    expect(result.countries).toEqual([{ code: 'GB', score: expect.any(Number), evidence: ['rule:\\bIMT\\b'] }]);
    expect(classifier.classify({ title: 'Congress opens' }).primary).toBeNull();
  });

  it('remove a country wherever its evidence came from', () => {
    const classifier = createClassifier({ rules: [{ match: 'Georgia Tech', remove: ['US', 'GE'] }] });
    expect(classifier.classify({ title: 'Georgia Tech wins in Atlanta' }).countries).toEqual([]);
    expect(classifier.classify({ title: 'Atlanta votes' }).primary).toBe('US');
  });

  it('look only where told, case-insensitively when asked', () => {
    const rule = { match: 'kremlinology', in: 'summary' as const, ignoreCase: true, add: ['RU'] };
    const classifier = createClassifier({ rules: [rule] });
    expect(classifier.classify({ title: 'Kremlinology today' }).primary).toBeNull();
    expect(classifier.classify({ title: 'Essays', summary: 'On KREMLINOLOGY.' }).primary).toBe('RU');
  });

  it('apply to the sources they name only', () => {
    const classifier = createClassifier({ rules: [{ match: 'party', sources: ['imt-cuba'], add: ['CU'] }] });
    expect(classifier.classify({ title: 'The party meets', sourceId: 'imt-cuba' }).primary).toBe('CU');
    expect(classifier.classify({ title: 'The party meets', sourceId: 'other' }).primary).toBeNull();
    expect(classifier.classify({ title: 'The party meets' }).primary).toBeNull();
  });

  it('are refused when the regex or a country is invalid', () => {
    expect(() => createClassifier({ rules: [{ match: '(', add: ['RU'] }] })).toThrow(ClassifyError);
    expect(() => createClassifier({ rules: [{ match: 'x', add: ['XX'] }] })).toThrow(/unknown country "XX"/);
  });
});
