import type { CountryCode, Place } from '../model.js';
import type { CountryHit, Section } from './hits.js';

// Turns settled hits into ranked places: where a mention stands (title, summary,
// category) and what it is (name, demonym, cue) decide its weight; repeated
// mentions add less and less; a raw total is squashed into 0..1.

const SECTION_WEIGHT: Record<Section, number> = { title: 3, summary: 1, category: 1.5 };
/** "Russia: Putin Declares…": the headline's own label for its country. */
const TITLE_PREFIX_BONUS = 3;
/** A source's country hint: moderate, enough on its own, outweighed by the text. */
const SOURCE_HINT_WEIGHT = 1.5;
/** Raw total at which a score reaches 1 - 1/e (a single name in the title). */
const SATURATION = 3;
const MIN_SCORE = 0.1;
/** When the top country is this clear, much weaker ones are passing mentions. */
const STRONG_TOP = 0.5;
const RELATIVE_FLOOR = 0.25;

const PREFIX_KINDS = new Set(['name', 'place']);
const PREFIX_JOINERS = /^(?:[\s,/&+–—-]|\band\b|\bor\b)*$/u;

/** The hits that make up a "Country:" (or "Russia/Ukraine:") label at the start of the title. */
export function titlePrefixHits(title: string, titleHits: CountryHit[]): Set<CountryHit> {
  const colon = title.indexOf(':');
  if (colon <= 0) return new Set();
  const inPrefix = titleHits.filter((h) => h.end <= colon);
  if (inPrefix.length === 0 || inPrefix.some((h) => !PREFIX_KINDS.has(h.entry.kind))) return new Set();
  let rest = '';
  let from = 0;
  for (const h of [...inPrefix].sort((a, b) => a.start - b.start)) {
    rest += title.slice(from, h.start);
    from = Math.max(from, h.end);
  }
  rest += title.slice(from, colon);
  return PREFIX_JOINERS.test(rest) ? new Set(inPrefix) : new Set();
}

interface Tally {
  code: CountryCode;
  mentions: number[];
  bonus: number;
  evidence: Set<string>;
  firstSeen: number;
}

export function scorePlaces(hits: CountryHit[], prefix: Set<CountryHit>, hint: CountryCode | undefined): Place[] {
  const tallies = new Map<CountryCode, Tally>();
  const tallyOf = (code: CountryCode) => {
    let t = tallies.get(code);
    if (!t) {
      t = { code, mentions: [], bonus: 0, evidence: new Set(), firstSeen: tallies.size };
      tallies.set(code, t);
    }
    return t;
  };
  for (const hit of hits) {
    const t = tallyOf(hit.country);
    const isPrefix = prefix.has(hit);
    t.mentions.push(hit.weight * SECTION_WEIGHT[hit.piece.section]);
    if (isPrefix) t.bonus += TITLE_PREFIX_BONUS;
    t.evidence.add(`${isPrefix ? 'title-prefix' : hit.piece.section}:${hit.text}`);
  }
  if (hint !== undefined) {
    const t = tallyOf(hint);
    t.bonus += SOURCE_HINT_WEIGHT;
    t.evidence.add(`source-hint:${hint}`);
  }

  const ranked = [...tallies.values()]
    .map((t) => ({ t, score: squash(diminishingSum(t.mentions) + t.bonus) }))
    .sort((a, b) => b.score - a.score || a.t.firstSeen - b.t.firstSeen);
  const top = ranked[0]?.score ?? 0;
  const floor = top >= STRONG_TOP ? Math.max(MIN_SCORE, top * RELATIVE_FLOOR) : MIN_SCORE;
  return ranked
    .filter(({ score }) => score >= floor)
    .map(({ t, score }) => ({ code: t.code, score, evidence: [...t.evidence] }));
}

/** The strongest mention counts fully, the second half, the third a third… */
function diminishingSum(values: number[]): number {
  return [...values].sort((a, b) => b - a).reduce((sum, v, i) => sum + v / (i + 1), 0);
}

function squash(raw: number): number {
  return Math.round((1 - Math.exp(-raw / SATURATION)) * 1000) / 1000;
}
