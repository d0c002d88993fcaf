// The flat cache layout gives back exactly the index it was given, over the real UN list: every
// vocabulary token, name, entry, key map and precomputed token match, and the same hits for a few
// hundred varied queries as the index it was encoded from.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  arabicScriptQueries,
  latinPerturbations,
} from '../../../../bench/screening-evaluation/list-perturbations.js';
import { dataPath } from '../../../../test-support/shared-data.js';
import { loadListPath } from '../../../adapters/lists/load-list-path.js';
import {
  buildScreeningIndex,
  hitsLimitMax,
  screenName,
  screeningIndexOf,
} from '../../../core/screening/engine.js';
import type { ListEntry } from '../../../core/screening/entry.js';
import {
  precomputeVocabTokenMatches,
  seedTokenMatches,
} from '../../../core/screening/token-match-precompute.js';
import { decodeFlatIndex, encodeFlatIndex } from './flat-screening-index.js';

let entries: ListEntry[];

beforeAll(async () => {
  entries = (await loadListPath(dataPath('un'))).flatMap((list) => list.entries);
}, 60_000);

// the payload as the cache reads it: in a shared buffer, after a header
function roundTrip(payload: Buffer): { buffer: SharedArrayBuffer; base: number } {
  const base = 16;
  const buffer = new SharedArrayBuffer(base + payload.length);
  new Uint8Array(buffer).set(payload, base);
  return { buffer, base };
}

describe('flat screening index', () => {
  it('decodes to a deep-equal index, maps and token matches included', () => {
    const index = buildScreeningIndex(entries);
    const tokenMatches = precomputeVocabTokenMatches(index);
    const sources = ['un (1003)'];
    const { candidates } = index;
    const { layout, payload } = encodeFlatIndex({ candidates, sources, tokenMatches });
    const { buffer, base } = roundTrip(payload);
    const decoded = decodeFlatIndex(buffer, base, layout);
    const original = index.candidates;
    const got = decoded.candidates;
    expect(decoded.sources).toEqual(['un (1003)']);
    expect(got.vocab).toEqual(original.vocab);
    expect(got.names).toEqual(original.names);
    expect([...got.entries]).toEqual(original.entries);
    expect(got.entries.length).toBe(original.entries.length);
    const maps = [
      'vocabByKey',
      'bySkeleton',
      'bySkeletonDeletion',
      'byPhoneticDeletion',
      'byTextDeletion',
    ] as const;
    for (const map of maps) {
      expect(got[map].size, map).toBe(original[map].size);
      const asMap = new Map<string, unknown>(got[map] as ReadonlyMap<string, unknown>);
      expect(asMap, map).toEqual(original[map]);
      for (const key of [...original[map].keys()].slice(0, 500)) {
        expect(got[map].get(key), `${map} ${key}`).toEqual(original[map].get(key));
      }
      expect(got[map].get('no such key'), map).toBeUndefined();
      expect(got[map].has('no such key'), map).toBe(false);
    }
    expect(decoded.tokenMatches.length).toBe(tokenMatches.length);
    decoded.tokenMatches.forEach(([key, matches], i) => {
      expect(key).toBe(tokenMatches[i]![0]);
      expect(matches.best).toEqual(tokenMatches[i]![1].best);
      expect(new Map(matches.matches)).toEqual(tokenMatches[i]![1].matches);
    });
  }, 120_000);

  it('screens a few hundred varied queries exactly as the index it was encoded from', () => {
    const fresh = buildScreeningIndex(entries);
    const { layout, payload } = encodeFlatIndex({
      candidates: buildScreeningIndex(entries).candidates,
      sources: [],
      tokenMatches: precomputeVocabTokenMatches(buildScreeningIndex(entries)),
    });
    const { buffer, base } = roundTrip(payload);
    const decoded = decodeFlatIndex(buffer, base, layout);
    const loaded = screeningIndexOf(decoded.candidates);
    seedTokenMatches(loaded, decoded.tokenMatches);
    const queries = [
      ...latinPerturbations(entries, 40, 9).map((q) => q.query),
      ...arabicScriptQueries(entries, 9)
        .map((q) => q.query)
        .slice(0, 120),
      'Hossein Jafari',
      'Maria Gonzalez Ortega',
      'Qorbanali Zzyxq',
      'شركة النفط الوطنية',
      'Khame nei',
      'AliKhamenei',
    ];
    let withHits = 0;
    for (const name of queries) {
      const expected = screenName(fresh, { name, kind: 'unknown' }, { limit: hitsLimitMax });
      if (expected.length > 0) withHits++;
      const got = screenName(loaded, { name, kind: 'unknown' }, { limit: hitsLimitMax });
      expect(got, name).toEqual(expected);
    }
    expect(queries.length).toBeGreaterThan(250);
    expect(withHits).toBeGreaterThan(queries.length / 2);
  }, 180_000);

  it('refuses to encode a field it does not store, rather than drop it', () => {
    const index = buildScreeningIndex(entries.slice(0, 20));
    type Token = (typeof index.candidates.vocab)[number];
    const withField = (token: Token) => ({ ...token, newField: 1 });
    const vocab = index.candidates.vocab.map((token, i) => (i === 0 ? withField(token) : token));
    const candidates = { ...index.candidates, vocab };
    const encode = () => encodeFlatIndex({ candidates, sources: [], tokenMatches: [] });
    expect(encode).toThrow(/newField/);
  });
});
