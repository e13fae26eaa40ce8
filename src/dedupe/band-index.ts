/** Stored articles' LSH band keys, by publication time. */
export interface BandSource {
  /** Articles published in [from, to) with their band keys. */
  bandsBetween(from: number, to: number): Iterable<{ id: number; bands: ArrayLike<number> }>;
}

/** A key shared by more articles than this is boilerplate (a common phrase): its first ones are enough. */
const MAX_PER_KEY = 64;
/** The candidates an article is compared with: those sharing the most keys, which near-duplicates do. */
const MAX_CANDIDATES = 8;
const INITIAL_CAPACITY = 1 << 16;
/** Linear probing stays short below three quarters full. */
const tooFull = (keys: number, capacity: number) => keys * 4 > capacity * 3;

/**
 * Article ids by LSH band key, for the articles one cycle can match: those
 * stored before it, loaded by publication time as the cycle's articles need
 * them, and those it adds. Candidate lookup in memory, instead of an SQL index
 * of twenty random keys per article that cost more to write than everything
 * else stored with the article. An open-addressing multimap in two typed
 * arrays: eight bytes a key, so even a cold 10,000-feed cycle (ten million
 * keys) stays compact. The slot is the top bits of the key times the golden
 * ratio (Fibonacci hashing), so that even keys alike in their low bits spread.
 */
export class BandIndex {
  private keys = new Uint32Array(INITIAL_CAPACITY);
  /** 0 marks an empty slot: article ids start at 1. */
  private ids = new Int32Array(INITIAL_CAPACITY);
  /** log2 of the capacity. */
  private bits = Math.log2(INITIAL_CAPACITY);
  private size = 0;
  private loadedFrom = Number.POSITIVE_INFINITY;
  private loadedTo = Number.NEGATIVE_INFINITY;

  constructor(private readonly source: BandSource) {}

  /**
   * Ids of articles sharing a band key with `bands`, among those published in [from, to] (and
   * some others): at most MAX_CANDIDATES, those sharing the most keys first. A near-duplicate
   * shares many of its 20 keys; a text that only has common phrases in common shares one or two,
   * and in a large window there can be thousands of those.
   */
  candidates(bands: readonly number[], from: number, to: number): number[] {
    this.load(from, to + 1);
    const shared = new Map<number, number>();
    const mask = this.keys.length - 1;
    for (const key of bands) {
      let found = 0;
      for (let i = this.slot(key); this.ids[i] !== 0 && found < MAX_PER_KEY; i = (i + 1) & mask) {
        if (this.keys[i] !== key) continue;
        found++;
        shared.set(this.ids[i]!, (shared.get(this.ids[i]!) ?? 0) + 1);
      }
    }
    if (shared.size <= MAX_CANDIDATES) return [...shared.keys()];
    return [...shared]
      .sort((a, b) => b[1] - a[1] || b[0] - a[0])
      .slice(0, MAX_CANDIDATES)
      .map(([id]) => id);
  }

  /** A new article of this cycle, or new keys of a changed one (its old keys stay: candidates are checked anyway). */
  add(id: number, bands: ArrayLike<number>): void {
    if (tooFull(this.size + bands.length, this.keys.length)) this.grow(this.size + bands.length);
    const mask = this.keys.length - 1;
    for (let b = 0; b < bands.length; b++) {
      const key = bands[b]! >>> 0;
      let i = this.slot(key);
      while (this.ids[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = key;
      this.ids[i] = id;
    }
    this.size += bands.length;
  }

  private slot(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
  }

  /** Loads what [from, to) adds to the time span already loaded. */
  private load(from: number, to: number): void {
    if (this.loadedFrom > this.loadedTo) {
      this.addAll(from, to);
      [this.loadedFrom, this.loadedTo] = [from, to];
      return;
    }
    if (from < this.loadedFrom) {
      this.addAll(from, this.loadedFrom);
      this.loadedFrom = from;
    }
    if (to > this.loadedTo) {
      this.addAll(this.loadedTo, to);
      this.loadedTo = to;
    }
  }

  private addAll(from: number, to: number): void {
    for (const { id, bands } of this.source.bandsBetween(from, to)) this.add(id, bands);
  }

  private grow(needed: number): void {
    while (tooFull(needed, 1 << this.bits)) this.bits++;
    const { keys, ids } = this;
    this.keys = new Uint32Array(1 << this.bits);
    this.ids = new Int32Array(1 << this.bits);
    this.size = 0;
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      if (ids[j] === 0) continue;
      let i = this.slot(keys[j]!);
      while (this.ids[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = keys[j]!;
      this.ids[i] = ids[j]!;
      this.size++;
    }
  }
}
