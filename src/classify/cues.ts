import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { CountryCode } from '../model.js';
import { isKnownCountry } from './countries.js';
import { ClassifyError } from './errors.js';

/** A word or phrase that names no place but points at a country: a leader, an institution. */
export interface Cue {
  /** Literal text, matched case-sensitively as a whole word or phrase ("Putin", "White House"). */
  pattern: string;
  country: CountryCode;
  /** Relative to a country's name (1); default 1. */
  weight?: number;
}

const MAX_WEIGHT = 3;
const CUE_KEYS = new Set(['pattern', 'country', 'weight']);

/** Reads a cue file: a YAML list of `{ pattern, country, weight? }`. */
export function loadCues(file: string): Cue[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ClassifyError('CUES_UNREADABLE', `${file}: cannot read the cue file: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return parseCues(text, file);
}

/** Parses cue file text; `file` only names the source in error messages. */
function parseCues(text: string, file: string): Cue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  const fail = (node: Node | null | undefined, problem: string): never => {
    throw new ClassifyError('CUES_INVALID', `${at(node?.range?.[0] ?? 0)}: ${problem}`);
  };

  const syntaxError = doc.errors[0];
  if (syntaxError) throw new ClassifyError('CUES_INVALID', `${at(syntaxError.pos[0])}: ${syntaxError.message}`);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return [];
  if (!isSeq(root)) return fail(root, 'the cue file must be a YAML list of { pattern, country, weight? } entries');

  const cues: Cue[] = [];
  const seen = new Set<string>();
  for (const item of root.items) {
    if (!isMap(item)) return fail(item as Node, 'each cue must be a mapping such as { pattern: Putin, country: RU }');
    const fields = new Map<string, Node | null>();
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!CUE_KEYS.has(key)) {
        return fail(pair.key as Node, `unknown key "${key}" (a cue has only pattern, country and weight)`);
      }
      fields.set(key, pair.value as Node | null);
    }
    const patternNode = fields.get('pattern');
    const pattern = isScalar(patternNode) && typeof patternNode.value === 'string' ? patternNode.value.trim() : '';
    if (!/\p{L}/u.test(pattern)) {
      return fail(patternNode ?? item, 'the cue needs a "pattern": the word or phrase to look for');
    }

    const countryNode = fields.get('country');
    const country = isScalar(countryNode) && typeof countryNode.value === 'string' ? countryNode.value.trim() : '';
    if (!/^[A-Za-z]{2}$/.test(country) || !isKnownCountry(country)) {
      return fail(countryNode ?? item, `cue "${pattern}" needs a known two-letter ISO 3166-1 "country" such as RU`);
    }

    const cue: Cue = { pattern, country: country.toUpperCase() };
    const weightNode = fields.get('weight');
    if (weightNode !== undefined) {
      const weight = isScalar(weightNode) ? weightNode.value : undefined;
      if (typeof weight !== 'number' || !(weight > 0 && weight <= MAX_WEIGHT)) {
        return fail(weightNode, `cue "${pattern}" needs a "weight" above 0 and at most ${MAX_WEIGHT}`);
      }
      cue.weight = weight;
    }

    const key = `${cue.pattern}\u0000${cue.country}`;
    if (seen.has(key)) return fail(item, `cue "${pattern}" for ${cue.country} is listed twice`);
    seen.add(key);
    cues.push(cue);
  }
  return cues;
}
