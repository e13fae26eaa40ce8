import { resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** The shared/ folder that sits beside the repository (corpus, seed, validator). */
export const SHARED = resolve(ROOT, '../shared');

export const sharedPath = (...parts: string[]) => resolve(SHARED, ...parts);
