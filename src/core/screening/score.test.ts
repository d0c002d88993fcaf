import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  effectiveSimilarity,
  matchedWeightMin,
  scoreName,
  similarityKnee,
  type TokenMatchCell,
} from './score.js';

// token i of the query matches token j of the listed name when both have the same letter
const tokens = (text: string, weight = 0.8) => text.split(' ').map((t) => ({ t, weight }));
function score(query: string, listed: string, similarity = 1, weights?: Record<string, number>) {
  const q = tokens(query).map((x) => ({ ...x, weight: weights?.[x.t] ?? x.weight }));
  const l = tokens(listed).map((x) => ({ ...x, weight: weights?.[x.t] ?? x.weight }));
  const cell = (i: number, j: number): TokenMatchCell | undefined =>
    q[i]!.t === l[j]!.t ? { similarity, method: 'exact' } : undefined;
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

describe('scoreName: titles, particles and one-word aliases', () => {
  const roles: Record<string, string> = { mr: 'honorific', al: 'particle', llc: 'legal-form' };
  function scored(query: string, listed: string, weights: Record<string, number>) {
    const side = (text: string) =>
      text.split(' ').map((t) => ({ t, weight: weights[t] ?? 0.8, role: roles[t] ?? 'name' }));
    const q = side(query);
    const l = side(listed);
    return scoreName(q, l, (i, j) =>
      q[i]!.t === l[j]!.t ? { similarity: 1, method: 'exact' } : undefined,
    );
  }
  const weights = {
    mr: 0.1,
    al: 0.15,
    llc: 0.1,
    ramzan: 0.8,
    kadyrov: 1,
    akhmatovich: 1,
    ali: 0.4,
    hosseini: 0.9,
  };

  it('a title or particle on either side does not turn an omission into a conflict', () => {
    const bare = scored('ramzan kadyrov', 'kadyrov ramzan akhmatovich', weights).score;
    const titled = scored('mr ramzan kadyrov', 'kadyrov ramzan akhmatovich', weights).score;
    const listedParticle = scored('ramzan kadyrov', 'al kadyrov ramzan akhmatovich', weights).score;
    expect(titled).toBeGreaterThan(bare - 0.05);
    expect(listedParticle).toBeGreaterThan(bare - 0.05);
    expect(titled).toBeGreaterThan(0.85);
  });

  it('a title alone never makes a match: different names stay apart with or without it', () => {
    expect(scored('mr ali hosseini', 'mr ramzan kadyrov', weights).score).toBeLessThan(0.3);
  });

  it('a one-word listed name against a two-word query is scaled below the bar', () => {
    const result = scored('ali hosseini', 'hosseini', weights);
    expect(result.score).toBeLessThan(0.78);
    expect(result.penalties.join(' ')).toMatch(/one-word listed name/);
    expect(scored('hosseini', 'hosseini', weights).score).toBe(1);
  });
});

describe('scoreName: corroboration needs spelling-level agreement', () => {
  it('a related-but-different name does not excuse a missing listed token', () => {
    const q = [{ weight: 1 }, { weight: 0.6 }];
    const l = [{ weight: 1 }, { weight: 0.6 }, { weight: 0.9 }];
    const spelling = scoreName(q, l, (i, j) =>
      i === j ? { similarity: 0.97, method: 'phonetic-variant' } : undefined,
    ).score;
    const related = scoreName(q, l, (i, j) =>
      i === j ? { similarity: i === 0 ? 0.85 : 1, method: 'spelling-distance' } : undefined,
    ).score;
    expect(spelling).toBeGreaterThan(0.85);
    expect(related).toBeLessThan(0.78);
  });
});

describe('scoreName: an extra query word that is another name of the lists', () => {
  type Side = { t: string; weight: number; listedWord?: boolean; text: string };
  const side = (text: string, known: readonly string[] = []): Side[] =>
    text.split(' ').map((t) => ({
      t,
      text: t,
      weight: ({ khalil: 0.8, mohammad: 0.4 } as Record<string, number>)[t] ?? 0.7,
      listedWord: known.includes(t),
    }));
  const run = (q: Side[], l: Side[]) =>
    scoreName(q, l, (i, j) =>
      q[i]!.t === l[j]!.t ? { similarity: 1, method: 'exact' } : undefined,
    );

  it('is charged in full: Khalil Mohammad Ismail is not ISMAIL, Mohammed', () => {
    const unknownWord = run(side('khalil mohammad ismail'), side('mohammad ismail')).score;
    const knownName = run(side('khalil mohammad ismail', ['khalil']), side('mohammad ismail'));
    expect(unknownWord).toBeGreaterThan(0.78);
    expect(knownName.score).toBeLessThan(0.78);
    expect(knownName.penalties.join(' ')).toMatch(/other names of the lists/);
  });

  it('a one-word listed name beside another known name stays under the bar, exact or not', () => {
    expect(run(side('nasri shamsuddin', ['nasri']), side('shamsuddin')).score).toBeLessThan(0.78);
    expect(run(side('shamsuddin'), side('shamsuddin')).score).toBe(1);
  });

  it('a word written twice is one name', () => {
    const twice = run(side('shoigu shoigu sergey', ['shoigu']), side('sergey shoigu')).score;
    expect(twice).toBeGreaterThan(0.78);
  });

  it('property: knowing that an extra query word is a listed name never raises a score', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 5 }),
        fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.constantFrom('a', 'b', 'c', 'd', 'e'),
        (query, listed, weights, known) => {
          const weightOf = (t: string) => weights['abcde'.indexOf(t)]!;
          const make = (words: string[], knownWords: string[]): Side[] =>
            words.map((t) => ({
              t,
              text: t,
              weight: weightOf(t),
              listedWord: knownWords.includes(t),
            }));
          const plain = run(make(query, []), make(listed, [])).score;
          const informed = run(make(query, [known]), make(listed, [])).score;
          expect(informed).toBeLessThanOrEqual(plain + 1e-12);
        },
      ),
    );
  });
});

describe('scoreName: a person whose first given name is left out', () => {
  const weights: Record<string, number> = { saad: 0.68, isam: 0.8, ahmad: 0.45 };
  const side = (text: string) => text.split(' ').map((t) => ({ t, weight: weights[t] ?? 0.7 }));
  const run = (query: string, listed: string, givenNameMask: number) => {
    const q = side(query);
    const l = side(listed);
    return scoreName(
      q,
      l,
      (i, j) => (q[i]!.t === l[j]!.t ? { similarity: 1, method: 'exact' } : undefined),
      true,
      givenNameMask,
    );
  };
  // SAAD, Isam Ahmad: the given name is ISAM (token 1)
  const isamGiven = 1 << 1;

  it('is another person: Saad Ahmed is not Isam Ahmad SAAD', () => {
    const unknownPositions = run('saad ahmad', 'saad isam ahmad', 0).score;
    const known = run('saad ahmad', 'saad isam ahmad', isamGiven);
    expect(unknownPositions).toBeGreaterThan(0.78);
    expect(known.score).toBeLessThan(0.78);
    expect(known.penalties.join(' ')).toMatch(/first given name/);
  });

  it('a middle name left out is still excused', () => {
    expect(run('isam saad', 'saad isam ahmad', isamGiven).score).toBeGreaterThan(0.85);
  });
});
