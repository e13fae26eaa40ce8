// Deterministic generator of a benchmark workload: N feeds x 50 items, 60% RSS 2.0,
// 30% Atom, 10% RDF, about 5% of items re-posted from another feed with tracking
// parameters (what dedupe has to catch). Same seed and revision → same bytes.

export const ITEMS_PER_FEED = 50;

/** mulberry32: small, fast, good enough for workload shapes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = [
  'Russia', 'Ukraine', 'Cuba', 'France', 'Germany', 'China', 'India', 'Brazil', 'Nigeria', 'Kenya',
  'Mexico', 'Argentina', 'Japan', 'Iran', 'Israel', 'Turkey', 'Poland', 'Canada', 'Australia', 'Egypt',
];
// A few thousand pseudo-words drawn with a Zipf-like skew: real headlines share common
// words but not whole phrases, which is what the near-duplicate detector relies on.
const SYLLABLES = 'ba ko ri te lu ma no pe si da vo ge ra mi tu le fa zo ni ka'.split(' ');
const WORDS = Array.from({ length: 4000 }, (_, i) => {
  let word = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length];
  return word;
});

export type FeedKind = 'rss' | 'atom' | 'rdf';

export function feedKind(index: number): FeedKind {
  const slot = index % 10;
  return slot < 6 ? 'rss' : slot < 9 ? 'atom' : 'rdf';
}

interface Item {
  id: string;
  link: string;
  title: string;
  summary: string;
  date: Date;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() ** 3 * WORDS.length)]!);
  return out.join(' ');
}

function makeItem(feed: number, n: number, revision: number, rand: () => number): Item {
  const place = PLACES[Math.floor(rand() * PLACES.length)]!;
  const title = `${place}: ${sentence(rand, 6)} (${feed}-${n}-r${revision})`;
  const summary = `${place} ${sentence(rand, 104)}. The post appeared first on Site ${feed}.`;
  return {
    id: `https://site${feed}.bench.test/${revision}/${n}`,
    link: `https://site${feed}.bench.test/story/${revision}/${n}`,
    title,
    summary,
    date: new Date(Date.UTC(2026, 0, 1) + (revision * 1000 + n) * 3_600_000),
  };
}

/** The items of one feed at a revision; a changed feed (revision > 0) gets new items on top. */
function itemsOf(feed: number, revision: number, seed: number, total: number): Item[] {
  const rand = prng(seed ^ (feed * 2654435761) ^ (revision * 40503));
  const items: Item[] = [];
  for (let n = 0; n < ITEMS_PER_FEED; n++) {
    if (rand() < 0.05 && total > 1) {
      // A re-post of another feed's item, reached through a tracking link.
      const other = (feed + 1 + Math.floor(rand() * (total - 1))) % total;
      const original = makeItem(other, n, 0, prng(seed ^ (other * 2654435761)));
      items.push({ ...original, id: `${original.link}?utm_source=feed${feed}&utm_medium=rss`, link: `${original.link}?utm_source=feed${feed}&utm_medium=rss` });
    } else {
      items.push(makeItem(feed, n, revision, rand));
    }
  }
  return items;
}

function rss(feed: number, items: Item[]): string {
  const body = items
    .map(
      (i) => `<item><title>${escape(i.title)}</title><link>${escape(i.link)}</link><guid isPermaLink="false">${escape(i.id)}</guid><pubDate>${i.date.toUTCString()}</pubDate><description>${escape(`<p>${i.summary}</p>`)}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench feed ${feed}</title><link>https://site${feed}.bench.test/</link><description>Benchmark feed</description><language>en</language>\n${body}\n</channel></rss>\n`;
}

function atom(feed: number, items: Item[]): string {
  const body = items
    .map(
      (i) => `<entry><id>${escape(i.id)}</id><title>${escape(i.title)}</title><link rel="alternate" href="${escape(i.link)}"/><updated>${i.date.toISOString()}</updated><summary type="html">${escape(`<p>${i.summary}</p>`)}</summary></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><id>https://site${feed}.bench.test/</id><title>Bench feed ${feed}</title><updated>${items[0]!.date.toISOString()}</updated><link href="https://site${feed}.bench.test/"/>\n${body}\n</feed>\n`;
}

function rdf(feed: number, items: Item[]): string {
  const body = items
    .map(
      (i) => `<item rdf:about="${escape(i.link)}"><title>${escape(i.title)}</title><link>${escape(i.link)}</link><description>${escape(i.summary)}</description><dc:date>${i.date.toISOString()}</dc:date></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://site${feed}.bench.test/"><title>Bench feed ${feed}</title><link>https://site${feed}.bench.test/</link><description>Benchmark feed</description></channel>\n${body}\n</rdf:RDF>\n`;
}

/** The document of feed `index` (0-based) out of `total`, at a revision (0 = initial). */
export function feedDocument(index: number, total: number, seed: number, revision = 0): string {
  const items = itemsOf(index, revision, seed, total);
  items.sort((a, b) => b.date.getTime() - a.date.getTime());
  const kind = feedKind(index);
  return kind === 'rss' ? rss(index, items) : kind === 'atom' ? atom(index, items) : rdf(index, items);
}
