import { resolve } from 'node:path';
import { evaluatePairs, loadPairs, type Evaluation } from './dedupe-evaluation.js';

// Prints the "same story" evaluation of docs/DEDUPE.md; run from the repository root:
//   npx tsc -p bench/tsconfig.json && node dist-bench/bench/dedupe-eval.js [--errors]

const root = process.cwd();
const pairs = loadPairs(resolve(root, 'tests/fixtures/dedupe/pairs.json'));
const corpus = resolve(root, '../shared/corpus');
const showErrors = process.argv.includes('--errors');

function report(name: string, e: Evaluation): void {
  const scored = e.truePositives + e.falsePositives + e.falseNegatives + e.trueNegatives;
  console.log(`${name}: ${scored} pairs (${e.truePositives + e.falseNegatives} same story, ${e.falsePositives + e.trueNegatives} different)`);
  console.log(`  precision ${e.precision.toFixed(3)} (${e.truePositives}/${e.truePositives + e.falsePositives})`);
  console.log(`  recall    ${e.recall.toFixed(3)} (${e.truePositives}/${e.truePositives + e.falseNegatives})`);
  console.log(`  related (one event, written separately, not scored): ${e.relatedJoined}/${e.related} joined`);
  if (!showErrors) return;
  for (const { pair, joined } of e.results) {
    const wrong = (pair.label === 'same' && !joined) || (pair.label === 'different' && joined);
    if (wrong) console.log(`  ${joined ? 'false join' : 'missed    '} [${pair.kind}] ${pair.ta} || ${pair.tb}`);
  }
}

report('with links', await evaluatePairs(corpus, pairs));
report('links and guids removed', await evaluatePairs(corpus, pairs, { withoutLinks: true }));
