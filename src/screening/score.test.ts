import { describe, expect, it } from 'vitest';
import { effectiveSimilarity, matchedWeightMin, scoreName, similarityKnee, type TokenMatchCell } from './score.js';

// token i of the query matches token j of the listed name when both have the same letter
const tokens = (text: string, weight = 0.8) => text.split(' ').map((t) => ({ t, weight }));
function score(query: string, listed: string, similarity = 1, weights?: Record<string, number>) {
  const q = tokens(query).map((x) => ({ ...x, weight: weights?.[x.t] ?? x.weight }));
  const l = tokens(listed).map((x) => ({ ...x, weight: weights?.[x.t] ?? x.weight }));
  const cell = (i: number, j: number): TokenMatchCell | undefined => (q[i]!.t === l[j]!.t ? { similarity, method: 'exact' } : undefined);
  return scoreName(q, l, cell);
}

describe('scoreName', () => {
  it('is free of token order', () => {
    expect(score('esmail ghani', 'ghani esmail').score).toBe(1);
  });

  it('tolerates a missing middle name but not a different first name', () => {
    const missing = score('qasem soleimani', 'qasem mohammad soleimani').score;
    const different = score('hassan soleimani', 'qasem soleimani').score;
    expect(missing).toBeGreaterThan(0.85);
    expect(different).toBeLessThan(0.6);
  });

  it('does not excuse omissions on one shared token', () => {
    expect(score('maria oscar', 'oscar').score).toBeLessThan(0.7);
    expect(score('oscar', 'oscar').score).toBe(1);
  });

  it('weighs rare tokens over common ones', () => {
    const weights = { mohammad: 0.3, soleimani: 0.95, ali: 0.3, rezaei: 0.95 };
    const rareShared = score('mohammad soleimani', 'ali soleimani', 1, weights).score;
    const commonShared = score('mohammad soleimani', 'mohammad rezaei', 1, weights).score;
    expect(rareShared).toBeGreaterThan(commonShared);
  });

  it('discounts a match made only of common tokens', () => {
    const result = score('ahmad', 'ahmad', 1, { ahmad: matchedWeightMin / 2 });
    expect(result.score).toBeLessThan(0.75);
    expect(result.penalties.join(' ')).toMatch(/little evidence/);
  });

  it('stretches weak token similarities downwards', () => {
    expect(effectiveSimilarity(0.95)).toBe(0.95);
    expect(effectiveSimilarity(similarityKnee - 0.1)).toBeCloseTo(similarityKnee - 0.2);
    expect(score('anton rodriguez', 'anton rodriguez', 0.8).score).toBeLessThan(0.75);
  });

  it('reports pairs and unmatched tokens for the explanation', () => {
    const result = score('esmail qaani tehrani', 'qaani esmail');
    expect(result.pairs).toHaveLength(2);
    expect(result.unmatchedQuery).toEqual([2]);
    expect(result.unmatchedListed).toEqual([]);
  });
});
