// Russian declines country names ("в России", "против Украины"); a name only in the
// nominative would miss most Russian-language mentions. Only single capitalised
// words are declined: abbreviations (США) and multi-word names are left alone.

const DECLINABLE = /^[А-ЯЁ][а-яё]{3,}$/;

/** Genitive, dative, accusative, instrumental and prepositional forms of a nominative name. */
export function russianCaseForms(nominative: string): string[] {
  if (!DECLINABLE.test(nominative)) return [];
  const stemOf = (ending: string) => nominative.slice(0, -ending.length);
  if (nominative.endsWith('ия')) {
    const stem = stemOf('ия');
    return [`${stem}ии`, `${stem}ию`, `${stem}ией`];
  }
  if (nominative.endsWith('я')) {
    const stem = stemOf('я');
    return [`${stem}и`, `${stem}е`, `${stem}ю`, `${stem}ей`];
  }
  if (nominative.endsWith('а')) {
    const stem = stemOf('а');
    // Spelling rules: no ы after г к х ж ш ч щ, unstressed -ей after hushing consonants.
    const genitive = /[гкхжшчщ]$/.test(stem) ? 'и' : 'ы';
    const instrumental = /[жшчщц]$/.test(stem) ? 'ей' : 'ой';
    return [`${stem}${genitive}`, `${stem}е`, `${stem}у`, `${stem}${instrumental}`];
  }
  if (nominative.endsWith('й')) {
    const stem = stemOf('й');
    return [`${stem}я`, `${stem}ю`, `${stem}е`, `${stem}ем`];
  }
  if (/[бвгдзклмнпрстфх]$/.test(nominative)) {
    return ['а', 'у', 'е', 'ом'].map((ending) => nominative + ending);
  }
  return [];
}
