import { resolve } from 'node:path';
import { createClassifier, loadCues } from '../src/classify/index.js';
import { evaluateLabelled, evaluateRegional, loadLabelledSet, loadRegionalItems } from './classify-evaluation.js';

// Prints the two evaluations of docs/CLASSIFY.md; run from the repository root:
//   npx tsc -p bench/tsconfig.json && node dist-bench/bench/classify-eval.js [--misses]

const root = process.cwd();
const classifier = createClassifier({ cues: loadCues(resolve(root, 'config/cues.yaml')) });
const showMisses = process.argv.includes('--misses');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const regional = evaluateRegional(classifier, loadRegionalItems(resolve(root, '../shared/corpus')));
console.log(`REGIONAL_ITEMS.tsv: ${regional.items} unique items`);
console.log(`  article region correct: ${regional.correct} (${pct(regional.accuracy)})`);
console.log(`  no region at all:       ${regional.unclassified} (${pct(regional.unclassifiedShare)})`);
for (const [label, s] of Object.entries(regional.byLabel)) {
  console.log(`  ${label.padEnd(14)} ${String(s.correct).padStart(4)}/${String(s.items).padEnd(4)} ${pct(s.correct / s.items)}`);
}
if (showMisses) for (const m of regional.misses) console.log(`  miss ${m.label} → ${m.got ?? '-'} (${m.primary ?? '-'}): ${m.title}`);

const labelled = evaluateLabelled(classifier, loadLabelledSet(resolve(root, 'tests/fixtures/regions/labelled.tsv')));
console.log(`\ntests/fixtures/regions/labelled.tsv: ${labelled.items} hand-labelled items`);
console.log(`  primary country correct: ${pct(labelled.primaryAccuracy)}`);
console.log(`  continent correct:       ${pct(labelled.continentAccuracy)}`);
console.log(`  country set precision:   ${labelled.precision.toFixed(3)}`);
console.log(`  country set recall:      ${labelled.recall.toFixed(3)}`);
if (showMisses) for (const m of labelled.misses) console.log(`  miss want ${m.want.join(' ') || '-'} got ${m.got.join(' ') || '-'}: ${m.title}`);
