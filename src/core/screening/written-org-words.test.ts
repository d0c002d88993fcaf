// The written Persian and Arabic organisation words (data/org-vocabulary/fa-ar-org-words.tsv):
// the engine's copy is the table, every word reaches its senses as a document writes it, and a
// word carries all of its senses.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repoDataDir } from '../../../test-support/shared-data.js';
import { faArOrgWordsTable } from './data/fa-ar-org-words.js';
import { tokenizeName } from './normalize.js';
import { latinPhonetic } from './phonetic-key.js';
import { similarityKnee } from './score.js';
import { tokenSimilarityValue } from './token-similarity.js';
import { defaultTranslitModel } from './translit-default.js';
import {
  englishTranslations,
  isArabicOrgWord,
  placeTranslations,
  withNumber,
} from './translations.js';

const rows = faArOrgWordsTable
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .slice(1)
  .map((line) => line.split('\t') as [string, string, string, string]);

describe('the written Persian and Arabic organisation words', () => {
  it('is the data file, byte for byte (scripts/embed-fa-ar-org-words.ts)', () => {
    const table = readFileSync(`${repoDataDir}/org-vocabulary/fa-ar-org-words.tsv`, 'utf8');
    expect(faArOrgWordsTable).toEqual(table);
  });

  it('holds several hundred words of every category, each with a language and senses', () => {
    expect(rows.length).toBeGreaterThan(500);
    const categories = new Set(rows.map(([category]) => category));
    for (const category of ['legal', 'institution', 'government', 'military', 'media'])
      expect(categories).toContain(category);
    for (const category of ['education', 'finance', 'trade', 'industry', 'energy'])
      expect(categories).toContain(category);
    for (const category of ['transport', 'religious', 'geography', 'place'])
      expect(categories).toContain(category);
    for (const [, language, word, senses] of rows) {
      expect(['fa', 'ar', 'fa+ar']).toContain(language);
      expect(word).toMatch(/^[\u0600-\u06FF]{3,}$/);
      expect(senses).toMatch(/^[a-z-]+(?:,[a-z-]+)*$/);
    }
  });

  it('reaches every sense of every word as a document writes it: alone, with the article, Persian plural (all rows)', () => {
    const wrong: string[] = [];
    for (const [, language, word, senses] of rows) {
      const forms = [word, ...(language === 'fa' ? [`${word}ها`] : [`ال${word}`, `لل${word}`])];
      for (const form of forms) {
        // the article is read off as a particle (الكترونيات too, as documents will read it)
        const tokens = tokenizeName(form).filter((token) => token.role === 'name');
        if (tokens.length !== 1) {
          wrong.push(`${form}: ${tokens.length} name tokens`);
          continue;
        }
        const found = [
          ...englishTranslations(tokens[0]!.text),
          ...placeTranslations(tokens[0]!.text),
        ];
        for (const sense of senses.split(','))
          if (!found.includes(sense)) wrong.push(`${form} lacks ${sense}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // a loanword the lists spell (حواله HAWALA, بانک BANK) is found by transliteration at spelling
  // level and weighed as a spelling; as a "translation" it would be weighed down to a kind word
  it('gives no word a sense it is a spelling of (transliteration under the knee; all rows)', () => {
    const model = defaultTranslitModel();
    const spelled: string[] = [];
    for (const [category, , word, senses] of rows) {
      if (category === 'place') continue;
      const text = tokenizeName(word).find((token) => token.role === 'name')!.text;
      for (const english of senses.split(',').flatMap(withNumber)) {
        const latin = { text: english, script: 'latin' as const, phonetic: latinPhonetic(english) };
        const arabic = { text, script: 'arabic' as const, phonetic: '' };
        if (tokenSimilarityValue(model, arabic, latin) >= similarityKnee)
          spelled.push(`${word} ${english}`);
      }
    }
    expect(spelled).toEqual([]);
  });

  it('lets a word carry several senses: aviation, air and airline for طيران; prison for زندان', () => {
    const [tayaran] = tokenizeName('طيران');
    expect(englishTranslations(tayaran!.text)).toEqual(
      expect.arrayContaining(['aviation', 'air', 'airline', 'airlines']),
    );
    const [zendan] = tokenizeName('زندان');
    expect(englishTranslations(zendan!.text)).toContain('prison');
    expect(isArabicOrgWord(zendan!.text)).toBe(true);
  });

  it('gives each sense its other number, and nothing else (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3,12}$/), (sense) => {
        const forms = withNumber(sense);
        expect(forms[0]).toBe(sense);
        expect(forms).toHaveLength(2);
        const other = forms[1]!;
        expect(other).not.toBe(sense);
        // the other number is the same word up to its last three letters
        expect(other.slice(0, sense.length - 3)).toBe(sense.slice(0, sense.length - 3));
      }),
    );
    expect(withNumber('industries')).toEqual(['industries', 'industry']);
    expect(withNumber('tanker')).toEqual(['tanker', 'tankers']);
    expect(withNumber('press')).toEqual(['press', 'presses']);
  });
});
