// A `qanat screen batch` input made from the repository's own data, for timing the CLI
// (bench/screen-batch.ts; docs/performance.md): every k-th of the screening bench's queries
// (perturbed listed names in Latin and Arabic script, and generated non-listed names), so the mix
// is the bench's and the same on every machine. As a script:
// `npx tsx bench/screening-batch-input.ts OUT.jsonl [COUNT]`.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildScreeningIndex } from '../src/core/screening/engine.js';
import { loadListPath } from '../src/adapters/lists/load-list-path.js';
import { dataPath } from '../test-support/shared-data.js';
import {
  arabicScriptQueries,
  latinPerturbations,
} from './screening-evaluation/list-perturbations.js';
import { nonListedNames } from './screening-evaluation/non-listed-names.js';
import { readTranslitPairs } from './screening-evaluation/translit-pairs.js';

/** `count` JSONL lines {"id","name","kind"} spread evenly over the bench's 9,980 queries. */
export async function batchInputLines(count: number): Promise<string[]> {
  const lists = [
    ...(await loadListPath(dataPath('ofac'))),
    ...(await loadListPath(dataPath('un'))),
  ];
  const entries = lists.flatMap((list) => list.entries);
  const index = buildScreeningIndex(entries);
  const train = readTranslitPairs(dataPath('translit', 'wd_arabic_80'));
  const queries = [
    ...latinPerturbations(entries, 600, 5).map((q) => q.query),
    ...arabicScriptQueries(entries, 5).map((q) => q.query),
    ...nonListedNames(index.candidates, train, 5000, 5).map((q) => q.query),
  ];
  const step = queries.length / count;
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ id: `q${i}`, name: queries[Math.floor(i * step)]!, kind: 'unknown' }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out, countText = '2000'] = process.argv.slice(2);
  if (out === undefined) {
    console.error('usage: tsx bench/screening-batch-input.ts OUT.jsonl [COUNT]');
    process.exit(2);
  }
  const lines = await batchInputLines(Number(countText));
  writeFileSync(out, `${lines.join('\n')}\n`);
  console.error(`${lines.length} queries written to ${out}`);
}
