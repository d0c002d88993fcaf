// The lists every quality report screens against: OFAC SDN, the UN list and the OFAC
// consolidated list, as shipped in data/ (their token weights set the reports' figures).
import { loadListPath } from '../../src/adapters/lists/load-list-path.js';
import type { ListEntry } from '../../src/core/screening/entry.js';
import { dataPath } from '../../test-support/shared-data.js';

export async function evaluationEntries(): Promise<ListEntry[]> {
  const lists = [
    ...(await loadListPath(dataPath('ofac'))),
    ...(await loadListPath(dataPath('un'))),
    ...(await loadListPath(dataPath('ofac-consolidated'))),
  ];
  return lists.flatMap((list) => list.entries);
}
