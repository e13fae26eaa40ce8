import type { CountryCode, Place } from '../model.js';
import type { CountryHit, Hit, Section } from './hits.js';
import { usageFactor } from './usage.js';

// Turns settled hits into ranked places: where a mention stands (title, summary,
// category, a "Country:" label, a dateline) and what it is (name, demonym, cue)
// decide its weight; repeated mentions add less and less; a raw total is squashed
// into 0..1.

const SECTION_WEIGHT: Record<Section, number> = { title: 3, summary: 1, category: 1.5 };
/** Extra weight of a mention that labels the whole article. */
const LABEL_BONUS = {
  /** "Russia: Putin Declares…": the headline's own label for its country. */
  'title-prefix': 3,
  /** "Harare -- The World Health…": where the report was filed. */
  dateline: 2,
} as const;

export type LabelKind = keyof typeof LABEL_BONUS;
/** A source's country hint: moderate, enough on its own, outweighed by the text. */
export const SOURCE_HINT_WEIGHT = 1.5;
/** An operator's rule that adds a country: as strong as its name in the title. */
export const RULE_WEIGHT = 3;

/** Evidence from outside the text: the source's hint, an operator's rule. */
export interface Boost {
  code: CountryCode;
  weight: number;
  evidence: string;
}
/** Raw total at which a score reaches 1 - 1/e (a single name in the title). */
const SATURATION = 3;
/** The weakest evidence still reported: one nationality named once in the summary. */
const MIN_SCORE = 0.07;
/** When the top country is this clear, much weaker ones are passing mentions. */
const STRONG_TOP = 0.5;
const RELATIVE_FLOOR = 0.25;

const LABEL_KINDS = new Set(['name', 'place', 'region']);
const LABEL_JOINERS = /^(?:[\s,/&+–—-]|\band\b|\bor\b)*$/u;
/** "[allAfrica] Harare -- ", "WASHINGTON — ": a place, then a dash, at the very start. */
const DATELINE = /^(?:\[[^\]]{1,30}\]\s*)?([^\s].{0,40}?)\s(?:--|—|–)\s/u;

/**
 * The mentions that label the whole article: a "Country:" (or "Russia/Ukraine:")
 * prefix of the title, and the dateline opening the summary.
 */
export function labelHits<H extends Hit>(hits: H[]): Map<H, LabelKind> {
  const labels = new Map<H, LabelKind>();
  const title = hits.find((h) => h.piece.section === 'title')?.piece.text ?? '';
  const colon = title.indexOf(':');
  if (colon > 0) {
    const prefix = labelOf(hits, 'title', 0, colon);
    if (!isRunningStoryName(prefix, hits, colon)) for (const h of prefix) labels.set(h, 'title-prefix');
  }
  const summary = hits.find((h) => h.piece.section === 'summary')?.piece.text ?? '';
  const dateline = DATELINE.exec(summary);
  if (dateline) {
    const start = dateline[0].indexOf(dateline[1]!);
    for (const h of labelOf(hits, 'summary', start, start + dateline[1]!.length)) labels.set(h, 'dateline');
  }
  return labels;
}

/**
 * "Israel Gaza: US rejects calls for a ceasefire": a label of several countries names a
 * running story, and a country the headline then names on its own is the news.
 */
function isRunningStoryName(prefix: Hit[], hits: Hit[], colon: number): boolean {
  const named = new Set(prefix.map((h) => h.entry.country));
  if (named.size < 2) return false;
  return hits.some(
    (h) => h.piece.section === 'title' && h.start > colon && h.entry.country !== null && !named.has(h.entry.country),
  );
}

/** The hits covering text[from, to) of a piece when nothing but joiners lies between them. */
function labelOf<H extends Hit>(hits: H[], section: Section, from: number, to: number): H[] {
  const inside = hits.filter((h) => h.piece.section === section && h.start >= from && h.end <= to);
  if (inside.length === 0 || inside.some((h) => !LABEL_KINDS.has(h.entry.kind))) return [];
  const text = inside[0]!.piece.text;
  let rest = '';
  let at = from;
  for (const h of [...inside].sort((a, b) => a.start - b.start)) {
    rest += text.slice(at, Math.max(at, h.start));
    at = Math.max(at, h.end);
  }
  rest += text.slice(at, to);
  return LABEL_JOINERS.test(rest) ? inside : [];
}

interface Tally {
  code: CountryCode;
  mentions: number[];
  bonus: number;
  evidence: Set<string>;
  firstSeen: number;
  /** Named only once, in the summary, with nothing else for it. */
  summaryOnce: boolean;
}

/**
 * "…since Russia invaded" under a headline about Britain's tanks: a country named
 * once in the summary when the title names others is a passing mention.
 */
function isPassing(t: Tally, titleNamesACountry: boolean): boolean {
  return titleNamesACountry && t.summaryOnce && t.bonus === 0;
}

export function scorePlaces(hits: CountryHit[], labels: Map<Hit, LabelKind>, boosts: Boost[]): Place[] {
  const tallies = new Map<CountryCode, Tally>();
  const tallyOf = (code: CountryCode) => {
    let t = tallies.get(code);
    if (!t) {
      t = { code, mentions: [], bonus: 0, evidence: new Set(), firstSeen: tallies.size, summaryOnce: false };
      tallies.set(code, t);
    }
    return t;
  };
  for (const hit of hits) {
    const t = tallyOf(hit.country);
    const label = labels.get(hit);
    t.summaryOnce = t.mentions.length === 0 && hit.piece.section === 'summary';
    t.mentions.push(hit.weight * SECTION_WEIGHT[hit.piece.section] * usageFactor(hit));
    if (label) t.bonus += LABEL_BONUS[label];
    t.evidence.add(`${label ?? hit.piece.section}:${hit.text}`);
  }
  for (const boost of boosts) {
    const t = tallyOf(boost.code);
    t.bonus += boost.weight;
    t.evidence.add(boost.evidence);
  }

  const titleNamesACountry = hits.some((h) => h.piece.section === 'title');
  const ranked: { t: Tally; score: number }[] = [];
  for (const t of tallies.values()) {
    if (!isPassing(t, titleNamesACountry)) ranked.push({ t, score: squash(diminishingSum(t.mentions) + t.bonus) });
  }
  ranked.sort((a, b) => b.score - a.score || a.t.firstSeen - b.t.firstSeen);
  const floor = floorUnder(ranked[0]?.score ?? 0);
  const places: Place[] = [];
  for (const { t, score } of ranked) if (score >= floor) places.push({ code: t.code, score, evidence: [...t.evidence] });
  return places;
}

/** The lowest score still worth listing next to the strongest one: below it a mention is in passing. */
export function floorUnder(top: number): number {
  return top >= STRONG_TOP ? Math.max(MIN_SCORE, top * RELATIVE_FLOOR) : MIN_SCORE;
}

/** Scores of the world regions and continents named in the article ("Africa:", "European leaders"). */
export function scoreAreaMentions(hits: Hit[], labels: Map<Hit, LabelKind>): Map<string, number> {
  if (hits.length === 0) return new Map();
  const mentions = new Map<string, { values: number[]; bonus: number }>();
  for (const hit of hits) {
    const area = hit.entry.area;
    if (!area) continue;
    const label = labels.get(hit);
    for (const name of new Set([area.region, area.continent])) {
      let m = mentions.get(name);
      if (!m) mentions.set(name, (m = { values: [], bonus: 0 }));
      m.values.push(hit.entry.weight * SECTION_WEIGHT[hit.piece.section] * usageFactor(hit));
      if (label) m.bonus += LABEL_BONUS[label];
    }
  }
  return new Map([...mentions].map(([name, m]) => [name, squash(diminishingSum(m.values) + m.bonus)]));
}

/** The strongest mention counts fully, the second half, the third a third… (sorts `values`). */
function diminishingSum(values: number[]): number {
  if (values.length > 1) values.sort((a, b) => b - a);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! / (i + 1);
  return sum;
}

function squash(raw: number): number {
  return Math.round((1 - Math.exp(-raw / SATURATION)) * 1000) / 1000;
}
