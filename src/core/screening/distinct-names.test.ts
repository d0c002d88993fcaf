import { describe, expect, it } from 'vitest';
import { distinctArabicNames } from './distinct-names.js';
import { latinPhonetic } from './phonetic-key.js';
import { tokenSimilarityValue } from './token-similarity.js';
import { defaultTranslitModel } from './translit-default.js';

const distinct = (a: string, b: string) => distinctArabicNames(latinPhonetic(a), latinPhonetic(b));
const latin = (text: string) => ({ text, script: 'latin' as const, phonetic: latinPhonetic(text) });

describe('distinctArabicNames (Arabic spellings of the TRAIN split)', () => {
  it('tells apart names that differ in Arabic by a long-vowel letter', () => {
    expect(distinct('hossein', 'hassan')).toBe(true);
    expect(distinct('nasser', 'nasr')).toBe(true);
  });

  it('leaves spellings of one name alone, and names it has never seen', () => {
    expect(distinct('hossein', 'hussein')).toBe(false);
    expect(distinct('mohammad', 'mohammed')).toBe(false);
    expect(distinct('qwzxv', 'qwzxva')).toBe(false);
  });

  it('caps the Latin similarity of two distinct names under the match floor', () => {
    const model = defaultTranslitModel();
    expect(tokenSimilarityValue(model, latin('hossein'), latin('hassan'))).toBeLessThanOrEqual(0.7);
    expect(tokenSimilarityValue(model, latin('hossein'), latin('hussein'))).toBeGreaterThan(0.85);
  });
});
