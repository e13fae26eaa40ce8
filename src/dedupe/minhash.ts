// MinHash signatures cut into LSH bands: two texts share a band key with
// probability 1 - (1 - J^ROWS)^BANDS for the Jaccard similarity J of their index
// shingles, so candidate lookup is a few indexed equality probes instead of a
// scan of every article.
//   J = 0.35 → 0.92, J = 0.5 → 0.997, unrelated texts (J ≈ 0.02) → 0.008.
// The keys are stored: changing these numbers or the hashes needs a migration
// that recomputes them.
import { indexShinglesOf, mix32, words } from './text.js';

const LSH_BANDS = 20;
const LSH_ROWS = 2;
const HASHES = LSH_BANDS * LSH_ROWS;

// One fixed seed per hash function: min over mix32(x ^ seed) is one random permutation each.
const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => mix32(Math.imul(i + 1, 0x9e3779b1)));

function signature(shingles: Set<number>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const x of shingles) {
    for (let i = 0; i < HASHES; i++) {
      const h = mix32(x ^ SEEDS[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** The band keys of a text (none for a text without words); the band number is part of each key. */
export const bandKeys = (text: string): number[] => bandKeysOf(words(text));

/** The band keys of a text given as its words (see `words`). */
export function bandKeysOf(textWords: string[]): number[] {
  const shingles = indexShinglesOf(textWords);
  if (shingles.size === 0) return [];
  const sig = signature(shingles);
  const keys: number[] = [];
  for (let band = 0; band < LSH_BANDS; band++) {
    let h = mix32(band + 1);
    for (let row = 0; row < LSH_ROWS; row++) h = mix32(h ^ sig[band * LSH_ROWS + row]!);
    keys.push(h);
  }
  return [...new Set(keys)];
}
