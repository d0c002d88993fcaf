// Translated organisation words (issue 13): what a translation weighs as evidence (score.ts)
// and how a document's Arabic or Persian word reaches its entry of the vocabulary.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repoDataDir } from '../../../test-support/shared-data.js';
import { orgVocabularyRows } from './data/org-vocabulary.js';
import { defaultAlertThreshold } from './engine.js';
import { orgWordKey } from './org-word-key.js';
import {
  scoreName,
  translatedWeightMax,
  translationOnlyFactor,
  type ScoredToken,
  type TokenMatchCell,
} from './score.js';
import { englishTranslations, isArabicOrgWord, placeTranslations } from './translations.js';
import { translationSimilarity } from './translations.js';

type Kind = 'translated' | 'spelled';
interface Pair {
  readonly kind: Kind;
  readonly queryWeight: number;
  readonly listedWeight: number;
}

// query token i pairs with listed token i (a translation or a spelling); extra tokens pair with nothing
function scorePairs(
  pairs: readonly Pair[],
  extraQuery: readonly number[] = [],
  extraListed: readonly number[] = [],
  orgWords = false,
) {
  const query: ScoredToken[] = [
    ...pairs.map((p) => ({
      weight: p.queryWeight,
      script: 'arabic' as const,
      orgWord: p.kind === 'translated',
    })),
    ...extraQuery.map((weight) => ({ weight, script: 'arabic', orgWord: orgWords })),
  ];
  const listed: ScoredToken[] = [
    ...pairs.map((p) => ({
      weight: p.listedWeight,
      script: 'latin' as const,
      orgWord: p.kind === 'translated',
    })),
    ...extraListed.map((weight) => ({ weight, script: 'latin', orgWord: orgWords })),
  ];
  const cell = (i: number, j: number): TokenMatchCell | undefined => {
    if (i !== j || i >= pairs.length) return undefined;
    return pairs[i]!.kind === 'translated'
      ? { similarity: translationSimilarity, method: 'translation' }
      : { similarity: 1, method: 'transliteration' };
  };
  return scoreName(query, listed, cell);
}

const weight = fc.double({ min: 0.05, max: 1, noNaN: true });
const pair = (kind: Kind) =>
  fc.record({ kind: fc.constant(kind), queryWeight: weight, listedWeight: weight });

describe('what a translated organisation word weighs', () => {
  it('never makes a match alone, beside an unexplained name word (property)', () => {
    fc.assert(
      fc.property(
        fc.array(pair('translated'), { minLength: 1, maxLength: 4 }),
        fc.array(weight, { minLength: 1, maxLength: 2 }),
        fc.array(weight, { maxLength: 2 }),
        (pairs, extraQuery, extraListed) => {
          expect(scorePairs(pairs, extraQuery, extraListed).score).toBeLessThan(
            defaultAlertThreshold,
          );
        },
      ),
    );
  });

  it('never makes a match as a single translated word beside listed words the query lacks (property)', () => {
    fc.assert(
      fc.property(
        pair('translated'),
        fc.array(weight, { minLength: 1, maxLength: 2 }),
        (one, extraListed) => {
          expect(scorePairs([one], [], extraListed).score).toBeLessThanOrEqual(
            translationSimilarity * translationOnlyFactor,
          );
        },
      ),
    );
  });

  it('weighs at most translatedWeightMax a side: heavier weights change nothing (property)', () => {
    fc.assert(
      fc.property(
        pair('spelled'),
        fc.double({ min: translatedWeightMax, max: 1, noNaN: true }),
        fc.double({ min: translatedWeightMax, max: 1, noNaN: true }),
        (spelled, a, b) => {
          const light = scorePairs([
            spelled,
            {
              kind: 'translated',
              queryWeight: translatedWeightMax,
              listedWeight: translatedWeightMax,
            },
          ]).score;
          const heavy = scorePairs([
            spelled,
            { kind: 'translated', queryWeight: a, listedWeight: b },
          ]).score;
          expect(heavy).toBeCloseTo(light, 12);
        },
      ),
    );
  });

  it('lets a distinctive word carry the match (tasnim + agency) and charges organisation leftovers lightly', () => {
    const distinctive = { kind: 'spelled' as const, queryWeight: 0.9, listedWeight: 0.9 };
    const agency = { kind: 'translated' as const, queryWeight: 0.66, listedWeight: 0.64 };
    expect(scorePairs([distinctive, agency]).score).toBeGreaterThan(0.95);
    // an organisation word of the query without counterpart is charged as it would weigh matched
    const lightly = scorePairs([distinctive, agency], [0.9], [], true).score;
    const fully = scorePairs([distinctive, agency], [0.9], [], false).score;
    expect(lightly).toBeGreaterThan(fully);
    expect(lightly).toBeGreaterThanOrEqual(defaultAlertThreshold);
  });

  it('lets a name made only of organisation words match when all of it agrees', () => {
    const words = [0.6, 0.5, 0.7].map((w) => ({
      kind: 'translated' as const,
      queryWeight: w,
      listedWeight: w,
    }));
    expect(scorePairs(words).score).toBeCloseTo(translationSimilarity, 6);
    expect(scorePairs(words, [0.3]).score).toBeLessThan(defaultAlertThreshold);
  });
});

describe('the organisation vocabulary', () => {
  const rows = orgVocabularyRows.split(';').map((row) => row.split(':') as [string, string]);
  const forms = rows.flatMap(([, arabic]) => arabic.split(','));

  it('is the generated data file, row for row', () => {
    const tsv = readFileSync(`${repoDataDir}/org-vocabulary/org-words.tsv`, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0 && !line.startsWith('#'));
    expect(tsv.map((line) => line.split('\t').slice(0, 2).join(':'))).toEqual(
      rows.map((row) => row.join(':')),
    );
    expect(rows.length).toBeGreaterThan(1_000);
  });

  // every combination, not a sample: the domain is finite (about 15,000 words), and a sample
  // made this test fail one run in twenty on the one word the key gets wrong. نهاي (final) after
  // an article reads as الن + the plural هاي: telling ال + نهاي from it needs the vocabulary,
  // which orgWordKey does not have (the short forms الفا, الكل + ها need the opposite reading).
  const ambiguousWithArticle = new Set(['نهاي']);
  it('keys every form to itself, and each form with an article, clitic or Persian plural to the same key (all combinations)', () => {
    const wrong: string[] = [];
    for (const form of forms.filter((candidate) => !ambiguousWithArticle.has(candidate))) {
      if (orgWordKey(form) !== form) wrong.push(`${form} → ${orgWordKey(form)}`);
      for (const prefix of ['', 'ال', 'لل', 'وال', 'بال']) {
        for (const suffix of ['', 'ها']) {
          const key = orgWordKey(prefix + form + suffix);
          if (orgWordKey(key) !== key)
            wrong.push(`${prefix}${form}${suffix}: ${key} → ${orgWordKey(key)}`);
          if (!form.endsWith('ه') && key !== form)
            wrong.push(`${prefix}${form}${suffix} → ${key}, not ${form}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('translates words as documents inflect them', () => {
    expect(englishTranslations('سجن')).toContain('prison');
    expect(englishTranslations('للنفط')).toContain('oil'); // li + al + naft
    expect(englishTranslations('وكاله')).toContain('agency'); // ta marbuta, normalised to ه
    expect(englishTranslations('دفاعيه')).toContain('defense'); // the feminine adjective
    expect(englishTranslations('وزارت')).toContain('ministry'); // Persian ت for the ta marbuta
    expect(englishTranslations('لجنه')).toContain('committee'); // its own ل stays
    expect(placeTranslations('كويت')).toContain('kuwait');
    expect(isArabicOrgWord('كويت')).toBe(false); // a place name is weighed in full
    expect(englishTranslations('زززز')).toEqual([]);
  });
});
