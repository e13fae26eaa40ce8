import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassifyError, createClassifier, loadCues } from '../../src/classify/index.js';
import { bundledCuesFile, classifierWithBundledCues } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'gazette-cues-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cueFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function loadError(file: string): ClassifyError {
  try {
    loadCues(file);
  } catch (err) {
    if (err instanceof ClassifyError) return err;
    throw err;
  }
  throw new Error(`${file} loaded without error`);
}

describe('the bundled config/cues.yaml', () => {
  const cues = loadCues(bundledCuesFile);

  it('holds the leaders and institutions the classifier relies on', () => {
    const byPattern = new Map(cues.map((c) => [c.pattern, c.country]));
    expect(cues.length).toBeGreaterThan(40);
    const expected: [string, string][] = [
      ['Putin', 'RU'],
      ['Kremlin', 'RU'],
      ['Prigozhin', 'RU'],
      ['Gorbachev', 'RU'],
      ['Erdoğan', 'TR'],
      ['Milei', 'AR'],
      ['Bundestag', 'DE'],
      ['Knesset', 'IL'],
      ['Xi Jinping', 'CN'],
      ['Hamas', 'PS'],
      ['Downing Street', 'GB'],
    ];
    for (const [pattern, country] of expected) {
      expect(byPattern.get(pattern), pattern).toBe(country);
    }
  });

  it('places sports clubs whose home is too small to be a known city', () => {
    const classifier = classifierWithBundledCues();
    expect(classifier.classify({ title: 'Fulham 2-1 Chelsea: Potter’s side lose again' }).primary).toBe('GB');
    expect(classifier.classify({ title: 'Hines scores on Buffalo Bills’ first play' }).primary).toBe('US');
  });

  it('keeps weak cues weak', () => {
    const congress = cues.find((c) => c.pattern === 'Congress')!;
    expect(congress.weight).toBeLessThan(1);
  });
});

describe('loadCues', () => {
  it('reads block and flow entries, upper-casing the country', () => {
    const file = cueFile(
      'ok.yaml',
      '# leaders\n- pattern: Lula\n  country: br\n- { pattern: "Casa Rosada", country: AR, weight: 0.5 }\n' +
        '- { pattern: Støre, country: NO }  # YAML 1.2: NO stays a string\n',
    );
    expect(loadCues(file)).toEqual([
      { pattern: 'Lula', country: 'BR' },
      { pattern: 'Casa Rosada', country: 'AR', weight: 0.5 },
      { pattern: 'Støre', country: 'NO' },
    ]);
  });

  it('reads an empty file as no cues', () => {
    expect(loadCues(cueFile('empty.yaml', '# nothing yet\n'))).toEqual([]);
  });

  it.each([
    ['unknown country', '- { pattern: Putin, country: RU }\n- { pattern: Atlantis, country: ZZ }\n', 2, 'known two-letter'],
    ['missing pattern', '- { pattern: Putin, country: RU }\n\n- country: RU\n', 3, '"pattern"'],
    ['unknown key', '- pattern: Putin\n  country: RU\n  regex: true\n', 3, 'unknown key "regex"'],
    ['bad weight', '- pattern: Putin\n  country: RU\n  weight: heavy\n', 3, '"weight"'],
    ['zero weight', '- pattern: Putin\n  country: RU\n  weight: 0\n', 3, '"weight"'],
    ['duplicate', '- { pattern: Putin, country: RU }\n- { pattern: Putin, country: RU }\n', 2, 'listed twice'],
    ['not a list', 'pattern: Putin\ncountry: RU\n', 1, 'YAML list'],
    ['not a mapping', '- { pattern: Putin, country: RU }\n- Putin\n', 2, 'mapping'],
  ])('rejects %s with file:line:column', (_, text, line, problem) => {
    const file = cueFile('bad.yaml', text);
    const err = loadError(file);
    expect(err.code).toBe('CUES_INVALID');
    expect(err.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+: `));
    expect(err.message).toContain(problem);
  });

  it('reports YAML syntax errors with their position', () => {
    const file = cueFile('syntax.yaml', '- { pattern: Putin, country: RU }\n- { pattern: "Kremlin, country: RU }\n');
    const err = loadError(file);
    expect(err.code).toBe('CUES_INVALID');
    expect(err.message).toMatch(/syntax\.yaml:\d+:\d+: .*quote/);
  });

  it('reports a missing file as unreadable', () => {
    const err = loadError(join(dir, 'missing.yaml'));
    expect(err.code).toBe('CUES_UNREADABLE');
    expect(err.message).toContain('missing.yaml');
  });
});

describe('cues in the classifier', () => {
  it('matches cues as whole words, case-sensitively, with possessives', () => {
    const classifier = createClassifier({ cues: [{ pattern: 'Lula', country: 'BR' }] });
    expect(classifier.classify({ title: 'Lula’s reforms' }).countries[0]?.evidence).toEqual(['title:Lula']);
    expect(classifier.classify({ title: 'Tallulah sings' }).countries).toEqual([]);
    expect(classifier.classify({ title: 'lula' }).countries).toEqual([]);
  });

  it('uses the cue weight', () => {
    const classifier = createClassifier({
      cues: [
        { pattern: 'Lula', country: 'BR' },
        { pattern: 'Castro', country: 'CU', weight: 0.5 },
      ],
    });
    const strong = classifier.classify({ title: 'Lula speaks' }).countries[0]!.score;
    const weak = classifier.classify({ title: 'Castro speaks' }).countries[0]!.score;
    expect(weak).toBeLessThan(strong);
  });

  it('lets a cue override the built-in meaning of the same words', () => {
    const classifier = createClassifier({ cues: [{ pattern: 'Georgia', country: 'US' }] });
    expect(classifier.classify({ title: 'Protests in Georgia' }).primary).toBe('US');
  });

  it('rejects a cue for an unknown country', () => {
    expect(() => createClassifier({ cues: [{ pattern: 'Atlantis', country: 'ZZ' }] })).toThrow(ClassifyError);
  });
});
