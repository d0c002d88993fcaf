import { describe, expect, it } from 'vitest';
import { phoneticSimilarity } from './latin-distance.js';
import { tokenizeName } from './normalize.js';
import {
  arabicSkeletons,
  arabicSkeletonVariantsMax,
  latinPhonetic,
  latinSkeleton,
} from './phonetic-key.js';

const skeletonsOf = (name: string) =>
  tokenizeName(name).map((t) =>
    t.script === 'arabic' ? arabicSkeletons(t.text) : [latinSkeleton(t.text)],
  );

describe('consonant skeletons', () => {
  it('give the Latin spellings of one Arabic/Persian name and its Arabic script the same key', () => {
    const keys = ['Qaani', 'Ghani', "GHA'ANI", 'Ghaani', 'قاآنی'].map((n) => skeletonsOf(n)[0]!);
    for (const key of keys) expect(key).toContain('KN');
    for (const name of ['Soleimani', 'Sulaymani', 'Soleymani', 'سليماني'])
      expect(skeletonsOf(name)[0]).toContain('SLMN');
    for (const name of ['Mohammad', 'Muhammad', 'Mohamed', 'محمد'])
      expect(skeletonsOf(name)[0]).toContain('MHMD');
    for (const name of ['Fatemeh', 'Fatima', 'فاطمة'])
      expect(skeletonsOf(name)[0]).toContain('FTM');
  });

  it('offer the digraph reading of two Arabic letters (إسحاق = ISHAQ)', () => {
    expect(arabicSkeletons('اسحاق')).toContain(latinSkeleton('ishaq'));
    for (const [arabic, latin] of [
      ['مظهري', 'mazhari'],
      ['مزهري', 'mazhari'],
      ['ظاهر', 'zahir'],
    ] as const) {
      expect(arabicSkeletons(arabic), arabic).toContain(latinSkeleton(latin));
    }
    expect(arabicSkeletons('لكحل')).toContain(latinSkeleton('lakhal'));
  });

  it('bound the readings of ambiguous letters', () => {
    expect(arabicSkeletons('ثثثثثثثث').length).toBeLessThanOrEqual(arabicSkeletonVariantsMax);
  });
});

describe('phonetic similarity', () => {
  it('prices romanisation choices below typos and typos below different names', () => {
    const variant = phoneticSimilarity(latinPhonetic('hussein'), latinPhonetic('husayn'));
    const typo = phoneticSimilarity(latinPhonetic('soleimani'), latinPhonetic('solemani'));
    const different = phoneticSimilarity(latinPhonetic('hassan'), latinPhonetic('hussein'));
    expect(variant).toBe(1);
    expect(typo).toBeGreaterThan(0.85);
    expect(different).toBeLessThan(0.8);
    expect(phoneticSimilarity(latinPhonetic('karim'), latinPhonetic('karimi'))).toBeLessThan(0.9);
  });

  it('returns 0 once the distance is certain to be below the minimum asked for', () => {
    expect(phoneticSimilarity('abcdefgh', 'zyxwvuts', 0.7)).toBe(0);
    expect(phoneticSimilarity('soleimani', 'soleimany', 0.7)).toBeGreaterThan(0.7);
  });
});
