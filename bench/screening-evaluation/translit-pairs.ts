// Reads the Wikidata Latin↔Arabic token pairs (TSV: Latin token, Arabic letters separated by
// spaces, count) into normalised pairs. Used to train on wd_arabic_80 and measure on wd_arabic_20.
import { readFileSync } from 'node:fs';
import { unifyArabicLetters } from '../../src/core/screening/arabic-letters.js';
import { cleanText } from '../../src/core/screening/normalize.js';
import { romanize } from '../../src/core/screening/transliterate.js';

export interface TranslitPair {
  readonly latin: string;
  readonly arabic: string;
  readonly count: number;
}

export function readTranslitPairs(path: string): TranslitPair[] {
  const pairs: TranslitPair[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [latinRaw, arabicRaw, countRaw] = line.split('\t');
    if (latinRaw === undefined || arabicRaw === undefined) continue;
    const latin = romanize(cleanText(latinRaw)).replace(/[^a-z]/g, '');
    const arabic = unifyArabicLetters(cleanText(arabicRaw.replace(/ /g, '')));
    if (latin.length === 0 || arabic.length === 0) continue;
    pairs.push({ latin, arabic, count: Number(countRaw ?? '1') || 1 });
  }
  return pairs;
}
