// Prints the quality report of docs/screening.md: engine and Jaro-Winkler baseline, same run,
// same inputs.   npx tsx bench/screening-evaluation/report.ts (reads the repository's data/)
import { dataPath } from '../../test-support/shared-data.js';
import { buildScreeningIndex, defaultAlertThreshold } from '../../src/core/screening/engine.js';
import { loadListPath } from '../../src/adapters/lists/load-list-path.js';
import {
  arabicScriptQueries,
  latinPerturbations,
  testSplitRenderings,
  withoutOriginalScript,
} from './list-perturbations.js';
import { alertRateAt, baselineListScores, engineListScores, recallAt } from './list-evaluation.js';
import { bestF1, percent, qualityAt, type Quality } from './metrics.js';
import { readNameBench, scoreNameBench } from './name-bench.js';
import { nonListedNames } from './non-listed-names.js';
import { scoreTranslitTest } from './translit-bench.js';
import { readTranslitPairs } from './translit-pairs.js';

const row = (label: string, q: Quality) =>
  `| ${label} | ${q.threshold.toFixed(2)} | ${percent(q.precision)} | ${percent(q.recall)} | ${q.f1.toFixed(3)} |`;

const lists = [
  ...(await loadListPath(dataPath('ofac'))),
  ...(await loadListPath(dataPath('un'))),
  ...(await loadListPath(dataPath('ofac-consolidated'))),
];
const entries = lists.flatMap((list) => list.entries);
const index = buildScreeningIndex(entries);
const threshold = defaultAlertThreshold;

console.log(
  `## Name pairs (name_bench_cases.csv, ${readNameBench(dataPath('name-pairs', 'name_bench_cases.csv')).length} pairs)\n`,
);
const bench = scoreNameBench(index, readNameBench(dataPath('name-pairs', 'name_bench_cases.csv')));
console.log('| matcher | threshold | precision | recall | F1 |\n|---|---|---|---|---|');
console.log(row('engine at default threshold', qualityAt(bench.engine, threshold)));
console.log(row('engine at its best-F1 threshold', bestF1(bench.engine)));
console.log(row('Jaro-Winkler at the same threshold', qualityAt(bench.baseline, threshold)));
console.log(row('Jaro-Winkler at its best-F1 threshold', bestF1(bench.baseline)));

const test = readTranslitPairs(dataPath('translit', 'wd_arabic_20'));
const translit = scoreTranslitTest(index.model, test, 5);
console.log(
  `\n## Transliteration TEST split (wd_arabic_20: ${test.length} Arabic tokens, each vs its Latin token and 5 distractors)\n`,
);
console.log('| matcher | threshold | precision | recall | F1 |\n|---|---|---|---|---|');
for (const t of [0.72, 0.8])
  console.log(row(`engine token similarity at ${t}`, qualityAt(translit.engine, t)));
console.log(row('engine at its best-F1 threshold', bestF1(translit.engine)));
console.log(row('Jaro-Winkler at its best-F1 threshold', bestF1(translit.baseline)));
console.log(
  `\nTop-1 (own Latin token ranked above all 5 distractors): ${percent(translit.top1Accuracy)}`,
);

const arabicIndex = buildScreeningIndex(withoutOriginalScript(entries));
const train = readTranslitPairs(dataPath('translit', 'wd_arabic_80'));
const listed = [
  ...latinPerturbations(entries, 300),
  ...arabicScriptQueries(entries),
  ...testSplitRenderings(entries, test),
];
const nonListed = nonListedNames(index.candidates, train, 3000);
const scores = engineListScores(index, arabicIndex, listed, nonListed);
const kinds = [...new Set(listed.map((q) => q.kind))];
console.log(
  `\n## Screening real lists (${entries.length} entries): ${listed.length} perturbed listed names, ${nonListed.length} generated non-listed names\n`,
);
console.log(
  `| threshold | recall (all) | ${kinds.join(' | ')} | alert rate non-listed | Latin persons | Arabic-script persons | companies |`,
);
console.log(`|---|---|${kinds.map(() => '---').join('|')}|---|---|---|---|`);
for (const t of [0.7, 0.75, 0.78, 0.8, 0.82, 0.85, 0.9]) {
  console.log(
    `| ${t.toFixed(2)}${t === threshold ? ' (default)' : ''} | ${percent(recallAt(scores, t))} | ${kinds.map((k) => percent(recallAt(scores, t, k))).join(' | ')} | ${percent(alertRateAt(scores, t))} | ${percent(alertRateAt(scores, t, 'latin'))} | ${percent(alertRateAt(scores, t, 'arabic'))} | ${percent(alertRateAt(scores, t, 'entity'))} |`,
  );
}
// the baseline scans every name per query: a sample keeps the run short
const sampleListed = listed.filter((_, i) => i % 10 === 0);
const sampleNonListed = nonListed.filter((_, i) => i % 10 === 0);
const baseline = baselineListScores(entries, sampleListed, sampleNonListed);
console.log(
  `\nJaro-Winkler baseline on a 1-in-10 sample (${sampleListed.length} listed, ${sampleNonListed.length} non-listed), scanning every listed name:\n`,
);
console.log(
  '| threshold | recall | Arabic-script recall | alert rate non-listed |\n|---|---|---|---|',
);
for (const t of [0.8, 0.85, 0.9, 0.92, 0.95]) {
  console.log(
    `| ${t.toFixed(2)} | ${percent(recallAt(baseline, t))} | ${percent(recallAt(baseline, t, 'arabic-script'))} | ${percent(alertRateAt(baseline, t))} |`,
  );
}
