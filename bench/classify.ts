import { resolve } from 'node:path';
import { createClassifier, loadCues } from '../src/classify/index.js';
import { loadRegionalItems } from './classify-evaluation.js';

// Classification speed over the regional corpus (title + summary of ~1,000 real
// BBC, NYT and AllAfrica items), run from the repository root:
//   npx tsc -p bench/tsconfig.json && node dist-bench/bench/classify.js [rounds]

const root = process.cwd();
const rounds = Number(process.argv[2] ?? 20);
const items = loadRegionalItems(resolve(root, '../shared/corpus'));

const built = performance.now();
const cues = loadCues(resolve(root, 'config/cues.yaml'));
const cuesMs = performance.now() - built;
const classifier = createClassifier({ cues });
classifier.classify({ title: '' }); // the lexicon and its matcher are built on first use
const buildMs = performance.now() - built;

for (const item of items) classifier.classify(item); // warm-up: JIT

const started = performance.now();
let found = 0;
for (let r = 0; r < rounds; r++) {
  for (const item of items) found += classifier.classify(item).countries.length;
}
const elapsedMs = performance.now() - started;
const articles = rounds * items.length;

console.log(
  `classifier build: ${buildMs.toFixed(0)} ms (cue file ${cuesMs.toFixed(0)} ms, then lexicon with cities and matcher ${(buildMs - cuesMs).toFixed(0)} ms)`,
);
console.log(`${articles} classifications (${items.length} articles × ${rounds}) in ${elapsedMs.toFixed(0)} ms`);
console.log(`${Math.round(articles / (elapsedMs / 1000))} articles/second, ${((elapsedMs * 1000) / articles).toFixed(1)} µs per article`);
console.log(`(${(found / articles).toFixed(2)} countries per article)`);
