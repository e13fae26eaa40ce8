// eld (Efficient Language Detector) with its smallest n-gram set: it was the most
// accurate of eld, tinyld and franc-min on the corpus' titles and summaries, gives
// ISO 639-1 codes that are BCP 47 tags as they are, and detects in microseconds. Its
// table costs about 0.2 s and 30 MB once per process.
import { eld } from 'eld/extrasmall';

// A primary language subtag of 2-3 letters, then subtags; not "English", "x-default" or "*".
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** A declared language ("en_us", "EN-gb", " ru ") as a canonical BCP 47 tag; undefined when it is not one. */
export function languageTag(declared: string | undefined): string | undefined {
  const tag = declared?.trim().replace(/_/g, '-');
  if (!tag || !LANGUAGE_TAG.test(tag)) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** The language of a text, when the detector is confident; short or mixed texts often give none. */
export function detectLanguage(text: string): string | undefined {
  const result = eld.detect(text);
  return result.language !== '' && result.isReliable() ? result.language : undefined;
}
