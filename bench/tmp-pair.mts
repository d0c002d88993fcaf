import { loadListPath } from '../src/adapters/lists/load-list-path.js';
import { buildScreeningIndex, scoreNamePair } from '../src/core/screening/engine.js';
import { dataPath } from '../test-support/shared-data.js';
const lists = [...(await loadListPath(dataPath('ofac'))), ...(await loadListPath(dataPath('un'))), ...(await loadListPath(dataPath('ofac-consolidated')))];
const index = buildScreeningIndex(lists.flatMap((l) => l.entries));
const args = process.argv.slice(2);
for (let i = 0; i + 1 < args.length; i += 2) {
  const r = scoreNamePair(index, args[i]!, args[i + 1]!);
  console.log(r.explanation.text ?? JSON.stringify(r.explanation, null, 1));
}
