// Names that Latin spelling distance confuses but Arabic writes as different words: Hossein
// (حسين) and Hasan (حسن), Nasser (ناصر) and Nasr (نصر), Saeed (سعيد) and Sayyid (سيد). In
// Latin they differ by a vowel or two; in Arabic by a long-vowel letter, which makes another
// name. The evidence is general, not a hand list: the dominant Arabic spellings of each Latin
// spelling in the transliteration TRAIN split (data/name-spellings.ts, generated).
import { arabicSimilarity } from './arabic-distance.js';
import { nameSpellingRows } from './data/name-spellings.js';

const spellingsByPhonetic: ReadonlyMap<string, readonly string[]> = new Map(
  nameSpellingRows.split(';').map((row) => {
    const [key, spellings] = row.split(':');
    return [key!, spellings!.split(',')] as const;
  }),
);

const longVowelLetters = /[اوي]/g;

/**
 * Two known names whose Arabic spellings never coincide and are further apart than a spelling
 * variant (one sound-alike letter, a long vowel written or not: سلطان/صلطان 0.94, اليسا/اليزا 0.80)
 * are two names however close their romanisations look: Ali علي / Vali ولي (0.67), Mohanad
 * مهند / Mohammad محمد (0.68), Jafari جعفري / Safari صفري (0.70).
 */
export const distinctSpellingSimilarityMax = 0.8;

/**
 * True when both Latin tokens (by phonetic spelling) are known names whose Arabic spellings
 * never coincide and either agree once long-vowel letters are removed (Hossein حسين / Hasan حسن)
 * or differ by more than a spelling variant: two names, not two spellings.
 */
export function distinctArabicNames(phoneticA: string, phoneticB: string): boolean {
  if (phoneticA === phoneticB) return false;
  const a = spellingsByPhonetic.get(phoneticA);
  const b = spellingsByPhonetic.get(phoneticB);
  if (a === undefined || b === undefined) return false;
  if (a.some((spelling) => b.includes(spelling))) return false;
  if (a.some((x) => b.some((y) => x.replace(longVowelLetters, '') === y.replace(longVowelLetters, '')))) return true;
  return !a.some((x) => b.some((y) => arabicSimilarity(x, y) >= distinctSpellingSimilarityMax));
}
