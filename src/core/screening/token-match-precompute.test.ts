// Precomputed vocabulary-token matches change how fast a result comes, never the result: the
// same queries give the same hits, scores and explanations on a fresh index and on one seeded
// with matches that went through v8 serialisation (the on-disk index cache's own flat layout is
// tested the same way in src/edges/cli/commands/flat-screening-index.test.ts).
import { deserialize, serialize } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  arabicScriptQueries,
  latinPerturbations,
} from '../../../bench/screening-evaluation/list-perturbations.js';
import { dataPath } from '../../../test-support/shared-data.js';
import { loadListPath } from '../../adapters/lists/load-list-path.js';
import { buildScreeningIndex, hitsLimitMax, screenName } from './engine.js';
import type { ListEntry } from './entry.js';
import {
  precomputeVocabTokenMatches,
  seedTokenMatches,
  type TokenMatchEntries,
} from './token-match-precompute.js';

let entries: ListEntry[];
let queries: string[];

beforeAll(async () => {
  entries = (await loadListPath(dataPath('un'))).flatMap((list) => list.entries);
  queries = [
    ...latinPerturbations(entries, 40, 3).map((q) => q.query),
    ...arabicScriptQueries(entries, 3)
      .map((q) => q.query)
      .slice(0, 80),
    // not listed, and tokens the vocabulary does not hold
    'Hossein Jafari',
    'Maria Gonzalez Ortega',
    'Qorbanali Zzyxq',
    'شركة النفط الوطنية',
  ];
}, 60_000);

describe('precomputed vocabulary-token matches', () => {
  it('leave every hit of a fixed query set unchanged', () => {
    const fresh = buildScreeningIndex(entries);
    const seeded = buildScreeningIndex(entries);
    const computed = precomputeVocabTokenMatches(buildScreeningIndex(entries));
    seedTokenMatches(seeded, deserialize(serialize(computed)) as TokenMatchEntries);
    expect(seeded.tokenMatchMemo.size).toBe(seeded.candidates.vocab.length);
    let withHits = 0;
    for (const name of queries) {
      const expected = screenName(fresh, { name, kind: 'unknown' }, { limit: hitsLimitMax });
      if (expected.length > 0) withHits++;
      const got = screenName(seeded, { name, kind: 'unknown' }, { limit: hitsLimitMax });
      expect(got, name).toEqual(expected);
    }
    // the set exercises real hits, and the seeded memo served most query tokens
    expect(withHits).toBeGreaterThan(queries.length / 2);
    const computedOnDemand = seeded.tokenMatchMemo.size - seeded.candidates.vocab.length;
    expect(computedOnDemand).toBeLessThan(fresh.tokenMatchMemo.size);
  }, 120_000);

  it('are the matches the engine computes on demand for each vocabulary token', () => {
    const index = buildScreeningIndex(entries);
    const computed = precomputeVocabTokenMatches(index);
    expect(computed.length).toBe(index.candidates.vocab.length);
    const onDemand = buildScreeningIndex(entries);
    const probe = index.candidates.vocab.filter((_, i) => i % 97 === 0);
    for (const listed of probe) screenName(onDemand, { name: listed.text, kind: 'unknown' });
    const byKey = new Map(computed);
    let compared = 0;
    for (const listed of probe) {
      const key = `${listed.role}:${listed.script}:${listed.text}`;
      const expected = onDemand.tokenMatchMemo.get(key);
      if (expected === undefined) continue; // read as another role or split in a whole name
      compared++;
      expect(byKey.get(key), key).toEqual(expected);
    }
    expect(compared).toBeGreaterThan(probe.length / 2);
  }, 120_000);
});
