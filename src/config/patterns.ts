import RE2 from 're2';

// Topic include/exclude patterns. Operators write them in the config, so a regular expression
// runs in RE2 (linear time, no backtracking): no pattern can hang a cycle, whatever the text.

/** Tests one article text; built once per topic, run on many articles. */
export type TextTest = (text: string) => boolean;

/** "/…/flags" is a regular expression; anything else is a keyword or phrase. */
const REGEX_LITERAL = /^\/(.+)\/([a-z]*)$/s;
const ALLOWED_FLAGS = new Set(['i', 'm', 's']);

/** Thrown for a pattern that cannot be compiled; the message says why, for the config error. */
export class PatternError extends Error {
  override name = 'PatternError';
}

/**
 * Lower-case words separated by single spaces: a keyword matches whole words in any case,
 * whatever the punctuation between them ("wal-mart" matches "Wal Mart").
 */
export function wordsOf(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A keyword as its words (" wal mart "), or a compiled regular expression. */
type Compiled = { words: string } | { re: RE2 };

function compile(pattern: string): Compiled {
  const literal = REGEX_LITERAL.exec(pattern);
  if (!literal) {
    const words = wordsOf(pattern);
    if (words === '') throw new PatternError(`keyword "${pattern}" has no letters or digits`);
    return { words: ` ${words} ` };
  }
  const [, source, flags] = literal as unknown as [string, string, string];
  const bad = [...flags].filter((f) => !ALLOWED_FLAGS.has(f));
  if (bad.length > 0) throw new PatternError(`regular expression ${pattern}: unsupported flag "${bad.join('')}" (allowed: i, m, s)`);
  try {
    return { re: new RE2(source, `${flags}u`) };
  } catch (err) {
    throw new PatternError(
      `regular expression ${pattern} is not valid in RE2 syntax (no backreferences or lookaround): ${(err as Error).message}`,
    );
  }
}

/** Throws PatternError when the pattern cannot be used; config validation calls this for every pattern. */
export function checkPattern(pattern: string): void {
  compile(pattern);
}

/** True when any pattern matches the text; false for an empty list. The text is split into words once. */
export function anyPattern(patterns: string[]): TextTest {
  const compiled = patterns.map(compile);
  const keywords = compiled.flatMap((c) => ('words' in c ? [c.words] : []));
  const regexes = compiled.flatMap((c) => ('re' in c ? [c.re] : []));
  return (text) => {
    if (regexes.some((re) => re.test(text))) return true;
    if (keywords.length === 0) return false;
    const words = ` ${wordsOf(text)} `;
    return keywords.some((k) => words.includes(k));
  };
}
