import { loadListPath } from '../src/adapters/lists/load-list-path.js';
import { buildScreeningIndex, screenName } from '../src/core/screening/engine.js';
import { dataPath } from '../test-support/shared-data.js';
const lists = [...(await loadListPath(dataPath('ofac'))), ...(await loadListPath(dataPath('un'))), ...(await loadListPath(dataPath('ofac-consolidated')))];
const index = buildScreeningIndex(lists.flatMap((l) => l.entries));
for (const q of process.argv.slice(2)) {
  const hits = screenName(index, { name: q, kind: 'entity' }, { threshold: 0.5, limit: 5 });
  console.log(q, hits.map((h) => `${h.matchedName} ${h.score.toFixed(3)}`).join(' | '));
}
