// Similarity of two normalised tokens in [0, 1], and how it was established — the words the
// explanation shows a compliance officer. One comparison per pair of scripts:
// Latin–Latin on phonetic spellings, Arabic–Latin through the learned transliteration model,
// Arabic–Arabic on unified letters.
import { arabicSimilarity } from './arabic-distance.js';
import { distinctArabicNames, distinctArabicSpellings } from './distinct-names.js';
import { phoneticSimilarity } from './latin-distance.js';
import type { TokenScript } from './normalize.js';
import {
  encodeLatin,
  prepareArabic,
  preparedTranslitSimilarity,
  type PreparedArabic,
  type TranslitModel,
} from './translit-model.js';

export type MatchMethod =
  | 'exact'
  | 'phonetic-variant'
  | 'spelling-distance'
  | 'transliteration'
  | 'arabic-spelling'
  | 'translation'
  | 'place-translation';

export interface ComparableToken {
  readonly text: string;
  readonly script: TokenScript;
  /** phonetic spelling for Latin tokens, '' for Arabic ones */
  readonly phonetic: string;
  /** precomputed for speed: Latin letter codes / Arabic cost-table rows (computed on demand if absent) */
  readonly latinCodes?: Uint8Array;
  readonly arabicRows?: PreparedArabic;
}

export interface TokenSimilarity {
  readonly similarity: number;
  readonly method: MatchMethod;
}

/** The similarity alone (no allocation): what candidate filtering runs for every vocabulary token it reaches. */
export function tokenSimilarityValue(
  model: TranslitModel,
  query: ComparableToken,
  listed: ComparableToken,
  similarityMin = 0,
): number {
  if (query.text === listed.text) return 1;
  if (query.script === 'latin' && listed.script === 'latin') {
    const value = latinValue(query, listed, similarityMin);
    // a pair already at or under the cap needs no name evidence (the costly part of a cold query)
    if (value <= nisbaSimilarityMax) return value;
    const distinct =
      nisbaMismatch(query.text, listed.text) ||
      distinctArabicNames(query.phonetic, listed.phonetic, value);
    return distinct ? Math.min(nisbaSimilarityMax, value) : value;
  }
  if (query.script === 'arabic' && listed.script === 'arabic')
    return arabicValue(query.text, listed.text);
  const [arabic, latin] = query.script === 'arabic' ? [query, listed] : [listed, query];
  return preparedTranslitSimilarity(
    model,
    arabic.arabicRows ?? prepareArabic(model, arabic.text),
    latin.latinCodes ?? encodeLatin(latin.text),
    similarityMin,
  );
}

function arabicValue(query: string, listed: string): number {
  const similarity = arabicSimilarity(query, listed);
  return similarity > nisbaSimilarityMax && distinctArabicSpellings(query, listed)
    ? nisbaSimilarityMax
    : similarity;
}

function latinValue(
  query: ComparableToken,
  listed: ComparableToken,
  similarityMin: number,
): number {
  if (query.phonetic === listed.phonetic) return phoneticVariantSimilarity;
  const phonetic = phoneticSimilarity(query.phonetic, listed.phonetic, similarityMin);
  // one typing error in the written form can break a digraph and look like several sounds
  // changed (MAKbHLUF / MAKHLUF): the written form, one edit apart, is the better measure then
  return phonetic >= writtenTypoSimilarityMax
    ? phonetic
    : Math.max(phonetic, writtenTypoSimilarity(query.text, listed.text));
}

/**
 * A nisba ending (-i, -y, -ee, -ie after a consonant: Hashemi, Ebrahimi, Hosseini, Mohammadi) makes
 * a different name from its stem (Hashim, Ibrahim, Husayn, Muhammad): the family name of the
 * Ebrahimis is not a spelling of Ibrahim. Spelling distance alone scores them as near-identical and
 * raised false alerts on common Persian and Iraqi names; a pair where only one side carries the
 * ending is capped below the match floor.
 */
export const nisbaSimilarityMax = 0.7;
const nisbaLengthMin = 5;
const nisbaEnding = /[^aeiouy](?:i|y|ee|ie)$/;
const consonantEnding = /[^aeiouy]$/;

/** One side ends in a nisba, the other in a consonant (Hashemi / Hashim). Two vowel endings (Ghaani / Qani) are spellings, not this. */
export function nisbaMismatch(a: string, b: string): boolean {
  const aNisba = a.length >= nisbaLengthMin && nisbaEnding.test(a);
  const bNisba = b.length >= nisbaLengthMin && nisbaEnding.test(b);
  return (aNisba && consonantEnding.test(b)) || (bNisba && consonantEnding.test(a));
}

export function matchMethod(query: ComparableToken, listed: ComparableToken): MatchMethod {
  if (query.text === listed.text) return 'exact';
  if (query.script === 'latin' && listed.script === 'latin')
    return query.phonetic === listed.phonetic ? 'phonetic-variant' : 'spelling-distance';
  if (query.script === 'arabic' && listed.script === 'arabic') return 'arabic-spelling';
  return 'transliteration';
}

export function tokenSimilarity(
  model: TranslitModel,
  query: ComparableToken,
  listed: ComparableToken,
  similarityMin = 0,
): TokenSimilarity {
  if (query.text === listed.text) return { similarity: 1, method: 'exact' };
  if (query.script === 'latin' && listed.script === 'latin') {
    const plain =
      query.phonetic === listed.phonetic
        ? phoneticVariantSimilarity
        : phoneticSimilarity(query.phonetic, listed.phonetic, similarityMin);
    const distinct =
      plain > nisbaSimilarityMax &&
      (nisbaMismatch(query.text, listed.text) ||
        distinctArabicNames(query.phonetic, listed.phonetic, plain));
    const capMax = distinct ? nisbaSimilarityMax : 1;
    if (query.phonetic === listed.phonetic)
      return {
        similarity: Math.min(capMax, phoneticVariantSimilarity),
        method: 'phonetic-variant',
      };
    return { similarity: Math.min(capMax, plain), method: 'spelling-distance' };
  }
  if (query.script === 'arabic' && listed.script === 'arabic') {
    return { similarity: arabicValue(query.text, listed.text), method: 'arabic-spelling' };
  }
  const [arabic, latin] = query.script === 'arabic' ? [query, listed] : [listed, query];
  const rows = arabic.arabicRows ?? prepareArabic(model, arabic.text);
  const codes = latin.latinCodes ?? encodeLatin(latin.text);
  return {
    similarity: preparedTranslitSimilarity(model, rows, codes, similarityMin),
    method: 'transliteration',
  };
}

/** Written forms one edit apart (insert, delete, replace or swap one letter) in tokens of 6+ letters. */
export const writtenTypoLengthMin = 6;
/** What such a one-letter typo is worth: below a phonetic variant, above the match floor. */
export const writtenTypoSimilarityMax = 0.88;

export function writtenTypoSimilarity(a: string, b: string): number {
  if (Math.min(a.length, b.length) < writtenTypoLengthMin || Math.abs(a.length - b.length) > 1)
    return 0;
  return isOneEditApart(a, b) ? writtenTypoSimilarityMax : 0;
}

function isOneEditApart(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one replaced
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // one swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Two spellings of one pronunciation (GHAANI / QANI) are nearly, not exactly, the same token. */
export const phoneticVariantSimilarity = 0.97;
