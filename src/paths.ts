import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The installed package's root (dist/.. or src/..), for bundled data files. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export const bundledFile = (...parts: string[]) => join(packageRoot, ...parts);
