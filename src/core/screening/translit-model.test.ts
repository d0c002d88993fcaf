import { describe, expect, it } from 'vitest';
import { unifyArabicLetters } from './arabic-letters.js';
import { defaultTranslitModel } from './translit-default.js';
import { alignLengthMax, translitAlignment, translitSimilarity } from './translit-model.js';

const model = defaultTranslitModel();
const similarity = (arabic: string, latin: string) =>
  translitSimilarity(model, unifyArabicLetters(arabic), latin);

describe('learned transliteration', () => {
  it('accepts every romanisation the lists use for قاآنی and none of another name', () => {
    for (const latin of ['qaani', 'ghani', 'ghaani', 'qani'])
      expect(similarity('قاآنی', latin)).toBeGreaterThan(0.85);
    expect(similarity('قاآنی', 'soleimani')).toBeLessThan(0.5);
  });

  it('knows unwritten vowels and shadda but not invented long vowels', () => {
    expect(similarity('محمد', 'mohammad')).toBeGreaterThan(0.85);
    expect(similarity('محمد', 'mahmoud')).toBeLessThan(similarity('محمود', 'mahmoud'));
    // a word-initial Latin vowel needs an alef or ain in Arabic: AHMAD is احمد, not حماد
    expect(similarity('حماد', 'ahmad')).toBeLessThan(similarity('احمد', 'ahmad') - 0.15);
  });

  it('explains its alignment letter by letter', () => {
    const steps = translitAlignment(model, unifyArabicLetters('قاآنی'), 'ghani');
    expect(steps[0]).toMatchObject({ op: 'emit', arabic: 'ق', latin: 'gh' });
    expect(steps.map((s) => s.latin).join('')).toBe('ghani');
  });

  it('bounds the work per pair', () => {
    const long = 'ب'.repeat(alignLengthMax * 3);
    expect(similarity(long, 'b'.repeat(alignLengthMax * 3))).toBeGreaterThan(0.9);
  });
});
