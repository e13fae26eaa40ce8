import type { Hit } from './hits.js';

// How a mention is used in its sentence. "…kidnapping in Mexico" places the story
// there; "US journalist…" only says whose journalist it is, and the story is often
// elsewhere ("…arrested in Russia").

/** Locating the story there counts half as much again. */
const LOCATIVE_FACTOR = 1.5;
/** Naming someone's nationality counts half. */
const NATIONALITY_FACTOR = 0.5;

const COMPASS =
  'north|south|east|west|northern|southern|eastern|western|central|north-eastern|north-western|south-eastern|south-western|northeastern|northwestern|southeastern|southwestern';
/** "in Mexico", "visits Kyiv"; not "near New Caledonia", which places the story beside it. */
const LOCATIVE_BEFORE = new RegExp(
  `\\b(?:in|at|on|inside|into|across|around|throughout|outside|visits?|visited|visiting)\\s+(?:the\\s+)?(?:(?:${COMPASS})\\s+)?$`,
  'i',
);
/** "Mexico trip", "Ukrainian city", "the Ukrainian capital": the story is there. */
const PLACE_AFTER =
  /^(?:'s)?\s+(?:trip|visit|tour|city|cities|capital|town|towns|village|villages|region|regions|port|border|territory|soil|coast|island|islands|airspace|waters)\b/i;

const PEOPLE = [
  'man', 'men', 'woman', 'women', 'boy', 'boys', 'girl', 'girls', 'child', 'children', 'teen', 'teenager', 'teenagers',
  'student', 'students', 'journalist', 'journalists', 'reporter', 'reporters', 'explorer', 'tourist', 'tourists',
  'citizen', 'citizens', 'national', 'nationals', 'soldier', 'soldiers', 'troops', 'veteran', 'veterans', 'volunteer',
  'volunteers', 'worker', 'workers', 'migrant', 'migrants', 'refugee', 'refugees', 'fishermen', 'envoy', 'envoys',
  'diplomat', 'diplomats', 'ambassador', 'player', 'players', 'footballer', 'footballers', 'athlete', 'athletes', 'star',
  'stars', 'actor', 'actress', 'singer', 'rapper', 'pilot', 'pilots', 'nurse', 'nurses', 'doctor', 'doctors', 'hostage',
  'hostages', 'prisoner', 'prisoners', 'businessman', 'billionaire', 'activist', 'activists', 'mother', 'father',
  'couple', 'family', 'families', 'guards', 'climber', 'sailor', 'sailors', 'mercenaries', 'fighters', 'midfielder',
  'striker', 'forward', 'defender', 'goalkeeper', 'winger', 'captain', 'coach', 'manager', 'boss', 'skipper',
].join('|');
const PERSON_AFTER = new RegExp(`^(?:'s)?\\s+(?:(?:former|ex-|young|retired|dual)\\s+)?(?:${PEOPLE})\\b`, 'i');

/** How much a mention's usage scales its weight. */
export function usageFactor(hit: Hit): number {
  const kind = hit.entry.kind;
  const after = hit.piece.text.slice(hit.end, hit.end + 40);
  const before = hit.piece.text.slice(Math.max(0, hit.start - 40), hit.start);
  if (kind === 'cue' || kind === 'context' || kind === 'blocker') return 1;
  if (isInTopicPrefix(hit)) return TOPIC_PREFIX_FACTOR;
  if (kind !== 'place' && PERSON_AFTER.test(after)) return NATIONALITY_FACTOR;
  if (PLACE_AFTER.test(after)) return DEMONYM_AS_PLACE[kind] * LOCATIVE_FACTOR;
  if (kind !== 'demonym' && LOCATIVE_BEFORE.test(before)) return LOCATIVE_FACTOR;
  return 1;
}

/** "Ukrainian cities" places the story as firmly as "Ukraine" does: a demonym there counts double (0.5 → 1). */
const DEMONYM_AS_PLACE: Record<'name' | 'demonym' | 'place' | 'region', number> = {
  name: 1,
  demonym: 2,
  place: 1,
  region: 1,
};

/**
 * "Ukraine war: Poland pledges more jets": BBC-style running-story labels name the
 * story's backdrop; the news is after the colon. (A prefix of nothing but names,
 * "Russia:", is the article's own label and counts extra instead: see score.ts.)
 */
const TOPIC_PREFIX_FACTOR = 0.5;

function isInTopicPrefix(hit: Hit): boolean {
  if (hit.piece.section !== 'title') return false;
  const colon = hit.piece.text.indexOf(': ');
  return colon > 0 && hit.end <= colon && /\s\p{Ll}/u.test(hit.piece.text.slice(0, colon));
}
