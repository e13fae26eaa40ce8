import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** The shared/ folder that sits beside the repository (corpus, seed, validator). */
export const SHARED = resolve(ROOT, '../shared');

export const sharedPath = (...parts: string[]) => resolve(SHARED, ...parts);

/** The headline/excerpt pairs of ../shared/seed/articles.txt, in file order. */
export function seedArticles(): { title: string; excerpt: string }[] {
  const blocks = readFileSync(sharedPath('seed', 'articles.txt'), 'utf8')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  const pairs = [];
  for (let i = 0; i < blocks.length; i += 2) pairs.push({ title: blocks[i]!, excerpt: blocks[i + 1]! });
  return pairs;
}
