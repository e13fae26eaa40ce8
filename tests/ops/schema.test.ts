import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, knownKeys } from '../../src/config/json-schema.js';
import { ROOT } from '../helpers/shared.js';

describe('config/schema.json', () => {
  it('is what `npm run schema` generates from the zod schema (run it after changing src/config/schema.ts)', () => {
    const checkedIn = JSON.parse(readFileSync(join(ROOT, 'config/schema.json'), 'utf8')) as unknown;
    expect(checkedIn).toEqual(configJsonSchema());
  });

  it('knows every top-level key the bundled config uses, and the keys of a source', () => {
    const bundled = parse(readFileSync(join(ROOT, 'config/gazette.yaml'), 'utf8')) as Record<string, unknown>;
    expect(knownKeys([])).toEqual(expect.arrayContaining(Object.keys(bundled)));
    expect(knownKeys(['sources', 0])).toEqual(expect.arrayContaining(['id', 'url', 'title', 'country', 'categories']));
    expect(knownKeys(['fetch'])).toContain('concurrency');
    expect(knownKeys(['nope', 'deeper'])).toEqual([]);
  });
});
