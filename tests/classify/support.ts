import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClassifier, loadCues, type Classifier, type ClassifierOptions } from '../../src/classify/index.js';

export const bundledCuesFile = fileURLToPath(new URL('../../config/cues.yaml', import.meta.url));

/** A classifier with the cues operators get by default (config/cues.yaml). */
export function classifierWithBundledCues(options: Omit<ClassifierOptions, 'cues'> = {}): Classifier {
  return createClassifier({ ...options, cues: loadCues(bundledCuesFile) });
}

export interface SeedArticle {
  title: string;
  summary: string;
}

/** The seed file: title line, blank line, summary, blank line, … */
export function readSeedArticles(): SeedArticle[] {
  const text = readFileSync(new URL('../fixtures/classify/seed-articles.txt', import.meta.url), 'utf8');
  const blocks = text
    .split(/\r?\n\s*\r?\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const articles: SeedArticle[] = [];
  for (let i = 0; i + 1 < blocks.length; i += 2) articles.push({ title: blocks[i]!, summary: blocks[i + 1]! });
  return articles;
}
