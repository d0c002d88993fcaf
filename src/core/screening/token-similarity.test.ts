import { describe, expect, it } from 'vitest';
import { latinPhonetic } from './phonetic-key.js';
import { defaultTranslitModel } from './translit-default.js';
import {
  tokenSimilarityValue,
  writtenTypoLengthMin,
  writtenTypoSimilarity,
  writtenTypoSimilarityMax,
} from './token-similarity.js';

const latin = (text: string) => ({ text, script: 'latin' as const, phonetic: latinPhonetic(text) });
const model = defaultTranslitModel();

describe('token similarity', () => {
  it('counts one typing error in the written form even when it breaks a digraph', () => {
    expect(tokenSimilarityValue(model, latin('makbhluf'), latin('makhluf'))).toBe(
      writtenTypoSimilarityMax,
    );
    expect(writtenTypoSimilarity('soleimani', 'soleimnai')).toBe(writtenTypoSimilarityMax); // swap
    expect(writtenTypoSimilarity('soleimani', 'soleiman')).toBe(writtenTypoSimilarityMax); // deletion
  });

  it('does not call short or two-edit differences typos', () => {
    expect(writtenTypoSimilarity('ahmad', 'ahmed')).toBe(0);
    expect('ahmad'.length).toBeLessThan(writtenTypoLengthMin);
    expect(writtenTypoSimilarity('soleimani', 'salaimeni')).toBe(0);
  });

  it('keeps a nisba family name apart from its stem, but not vowel-ending spellings of one name', () => {
    for (const [nisba, stem] of [
      ['hashemi', 'hashim'],
      ['ebrahimi', 'ibrahim'],
      ['hosseini', 'husayn'],
      ['mohammadi', 'muhammad'],
      ['karimi', 'karim'],
    ] as const) {
      expect(
        tokenSimilarityValue(model, latin(nisba), latin(stem)),
        `${nisba}/${stem}`,
      ).toBeLessThan(0.72);
      expect(
        tokenSimilarityValue(model, latin(stem), latin(nisba)),
        `${stem}/${nisba}`,
      ).toBeLessThan(0.72);
    }
    expect(tokenSimilarityValue(model, latin('soleimani'), latin('sulaymani'))).toBeGreaterThan(
      0.8,
    );
    expect(tokenSimilarityValue(model, latin('hosseini'), latin('husseini'))).toBeGreaterThan(0.8);
  });

  it('ranks spellings of one name above different names', () => {
    expect(tokenSimilarityValue(model, latin('ghaani'), latin('qani'))).toBeGreaterThan(0.9);
    expect(tokenSimilarityValue(model, latin('hassan'), latin('hussein'))).toBeLessThan(0.8);
  });
});
