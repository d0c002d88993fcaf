// The fast baseline search is exact: the same best score (and name) as scoring every listed name
// of the query's first-letter blocks in full, on real list names and perturbed queries.
import { describe, expect, it } from 'vitest';
import { loadListPath } from '../../src/adapters/lists/load-list-path.js';
import { dataPath } from '../../test-support/shared-data.js';
import {
  baselineSearch,
  buildBaselineIndex,
  jaroWinkler,
  referenceBaselineSearch,
} from './jaro-winkler.js';
import { latinPerturbations } from './list-perturbations.js';

describe('Jaro-Winkler baseline search', () => {
  it('finds what the plain search over the same blocks finds', async () => {
    const entries = (await loadListPath(dataPath('un'))).flatMap((list) => list.entries);
    const listed = entries.flatMap((entry) => entry.names.map((name) => name.text));
    const index = buildBaselineIndex(listed);
    const perturbed = latinPerturbations(entries, 30, 5).map((q) => q.query);
    const queries = [...perturbed, 'Hossein Jafari', 'x', '', 'محمد علي'];
    let found = 0;
    for (const query of queries) {
      const fast = baselineSearch(index, query);
      const plain = referenceBaselineSearch(index, query);
      expect(fast.score, query).toBeCloseTo(plain.score, 12);
      if (plain.nameId < 0) continue;
      const fastName = index.names[fast.nameId]!.joined;
      expect(fastName, query).toBe(index.names[plain.nameId]!.joined);
      if (fast.score >= 0.9) found++;
    }
    expect(found).toBeGreaterThan(queries.length / 2);
  }, 120_000);

  it('scores Jaro-Winkler as published (MARTHA/MARHTA 0.961, DIXON/DICKSONX 0.813)', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });
});
