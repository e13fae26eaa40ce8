import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { addSourceText, deriveSourceId, removeSourceText } from '../../src/ops/index.js';
import { ROOT } from '../helpers/shared.js';

const entry = { id: 'new-one', url: 'https://news.example/feed?a=1&b=2', title: 'News: daily', country: 'FR', categories: ['world', 'daily news'] };

describe('editing the sources of a config file', () => {
  it('appends to the bundled config without touching any other byte, and removes back to the same text', () => {
    const original = readFileSync(join(ROOT, 'config/gazette.yaml'), 'utf8');
    const added = addSourceText(original, entry);
    const config = parseConfig(added, 'g.yaml');
    expect(config.sources.at(-1)).toMatchObject({ ...entry, categories: ['world', 'daily news'] });
    // Only new lines: dropping them gives the original back.
    const newLines = added.split('\n').filter((l) => !original.split('\n').includes(l));
    expect(newLines.length).toBeGreaterThanOrEqual(5);
    expect(added.split('\n').filter((l) => !newLines.includes(l)).join('\n')).toBe(original);
    expect(removeSourceText(added, 'new-one')).toBe(original);
  });

  it('follows the flow style and URL quoting of the entries already there', () => {
    const text = 'sources:\n  - { id: a, url: "https://a.test/" }   # keep me\n# tail comment\ntopics: []\n';
    expect(addSourceText(text, { id: 'b', url: 'https://b.test/' })).toBe(
      'sources:\n  - { id: a, url: "https://a.test/" }   # keep me\n  - { id: b, url: "https://b.test/" }\n# tail comment\ntopics: []\n',
    );
  });

  it('starts the list when there is none, an empty one, or no key at all', () => {
    const block = '  - id: b\n    url: https://b.test/\n';
    expect(addSourceText('database: x.db\nsources: []\ntopics: []\n', { id: 'b', url: 'https://b.test/' })).toBe(
      `database: x.db\nsources:\n${block}topics: []\n`,
    );
    expect(addSourceText('database: x.db\nsources:\ntopics: []\n', { id: 'b', url: 'https://b.test/' })).toBe(
      `database: x.db\nsources:\n${block}topics: []\n`,
    );
    expect(addSourceText('database: x.db', { id: 'b', url: 'https://b.test/' })).toBe(`database: x.db\nsources:\n${block}`);
  });

  it('keeps indentation of unindented block lists, and handles a one-line flow list', () => {
    expect(addSourceText('sources:\n- id: a\n  url: https://a.test/\n', { id: 'b', url: 'https://b.test/' })).toBe(
      'sources:\n- id: a\n  url: https://a.test/\n- id: b\n  url: https://b.test/\n',
    );
    const flow = addSourceText('sources: [{ id: a, url: "https://a.test/" }]\n', { id: 'b', url: 'https://b.test/' });
    expect(parseConfig(flow, 'g.yaml').sources.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('removes only the named entry; unknown ids give undefined', () => {
    const text = 'sources:\n  - id: a # first\n    url: https://a.test/\n  - id: b\n    url: https://b.test/\n# end\n';
    expect(removeSourceText(text, 'a')).toBe('sources:\n  - id: b\n    url: https://b.test/\n# end\n');
    expect(removeSourceText(text, 'b')).toBe('sources:\n  - id: a # first\n    url: https://a.test/\n# end\n');
    expect(removeSourceText(text, 'zz')).toBeUndefined();
  });

  it('derives ids from the host, unique among the taken ones', () => {
    expect(deriveSourceId('https://www.Example.co.uk/feed', new Set())).toBe('example-co-uk');
    expect(deriveSourceId('https://example.co.uk/other', new Set(['example-co-uk', 'example-co-uk-2']))).toBe('example-co-uk-3');
    expect(deriveSourceId('http://127.0.0.1:8080/x', new Set())).toBe('127-0-0-1');
  });
});
