// Names that Latin spelling distance confuses but Arabic writes as different words: Hossein
// (حسين) and Hasan (حسن), Nasser (ناصر) and Nasr (نصر), Saeed (سعيد) and Sayyid (سيد). In
// Latin they differ by a vowel or two; in Arabic by a long-vowel letter, which makes another
// name. The evidence is general, not a hand list: the dominant Arabic spellings of each Latin
// spelling in the transliteration TRAIN split (data/name-spellings.ts, generated).
import { arabicSimilarity } from './arabic-distance.js';
import { nameSpellingRows } from './data/name-spellings.js';

// the engine reads the article as a word of its own (الدين is al + دين, Eddin is ed + din),
// so spellings are compared without it: Eddin الدين and Din دين are one name
function withoutArticle(spelling: string): string {
  return spelling.length > 4 && spelling.startsWith('ال') ? spelling.slice(2) : spelling;
}

const spellingsByPhonetic: ReadonlyMap<string, readonly string[]> = new Map(
  nameSpellingRows.split(';').map((row) => {
    const [key, spellings] = row.split(':');
    return [key!, [...new Set(spellings!.split(',').map(withoutArticle))]] as const;
  }),
);

const longVowelLetters = /[اوي]/g;

// the Arabic-spelling comparison is the costly part of a cold token comparison: kept per pair
// (a pure function of two generated tables, so a process-wide memo is safe), bounded
const farSpellingsMemoMax = 100_000;
const farSpellingsMemo = new Map<string, boolean>();

/**
 * Two known names whose Arabic spellings never coincide and are further apart than a spelling
 * variant (one sound-alike letter, a long vowel written or not: سلطان/صلطان 0.94, اليسا/اليزا 0.80)
 * are two names however close their romanisations look: Ali علي / Vali ولي (0.67), Mohanad
 * مهند / Mohammad محمد (0.68), Jafari جعفري / Safari صفري (0.70).
 */
export const distinctSpellingSimilarityMax = 0.8;
/** ... applied only to Latin pairs less similar than this (the knee of score.ts: one name above it). */
export const distinctSpellingLatinMax = 0.9;

/**
 * True when both Latin tokens (by phonetic spelling) are known names whose Arabic spellings
 * never coincide and either agree once long-vowel letters are removed (Hossein حسين / Hasan حسن)
 * or differ by more than a spelling variant: two names, not two spellings.
 */
export function distinctArabicNames(
  phoneticA: string,
  phoneticB: string,
  latinSimilarity = 0,
): boolean {
  if (phoneticA === phoneticB) return false;
  const a = spellingsByPhonetic.get(phoneticA);
  const b = spellingsByPhonetic.get(phoneticB);
  if (a === undefined || b === undefined) return false;
  if (a.some((spelling) => b.includes(spelling))) return false;
  if (
    a.some((x) =>
      b.some((y) => x.replace(longVowelLetters, '') === y.replace(longVowelLetters, '')),
    )
  )
    return true;
  // the TRAIN split holds few spellings of rare names, some of them foreign (KANI as Kanai):
  // two romanisations the Latin model already calls one name (QANI / GHANI) are not overruled
  if (latinSimilarity >= distinctSpellingLatinMax) return false;
  const key = phoneticA < phoneticB ? `${phoneticA}|${phoneticB}` : `${phoneticB}|${phoneticA}`;
  let far = farSpellingsMemo.get(key);
  if (far === undefined) {
    far = !a.some((x) => b.some((y) => arabicSimilarity(x, y) >= distinctSpellingSimilarityMax));
    if (farSpellingsMemo.size >= farSpellingsMemoMax) farSpellingsMemo.clear();
    farSpellingsMemo.set(key, far);
  }
  return far;
}

// the same evidence read the other way: Arabic spelling → the Latin names it is dominant for
const phoneticsBySpelling = new Map<string, Set<string>>();
for (const [key, spellings] of spellingsByPhonetic) {
  for (const spelling of spellings) {
    let keys = phoneticsBySpelling.get(spelling);
    if (keys === undefined) phoneticsBySpelling.set(spelling, (keys = new Set()));
    keys.add(key);
  }
}

/**
 * Two Arabic-script tokens that are each the usual spelling of known names, never of the same
 * one, and that differ by a long-vowel letter (محمود Mahmoud / محمد Mohammad, حسين / حسن): two
 * names, although one letter apart. Unknown tokens and shared names are left to spelling distance.
 */
export function distinctArabicSpellings(a: string, b: string): boolean {
  if (a === b) return false;
  const aKeys = phoneticsBySpelling.get(withoutArticle(a));
  const bKeys = phoneticsBySpelling.get(withoutArticle(b));
  if (aKeys === undefined || bKeys === undefined) return false;
  for (const key of aKeys) if (bKeys.has(key)) return false;
  return (
    withoutArticle(a).replace(longVowelLetters, '') ===
    withoutArticle(b).replace(longVowelLetters, '')
  );
}

// Not applied between Arabic script and Latin as a cap: a Latin spelling collapses long vowels
// (HAMID renders حامد and حميد, SALIM سالم and سليم), so the dominant spellings of a Latin name do
// not say which Arabic names it may stand for. Tried and backed out: Arabic-script recall fell
// 1.3 points (docs/screening.md). What the same evidence does say is used more weakly below.

/**
 * An Arabic-script token that is the usual spelling of known names, and a known Latin name (by
 * phonetic spelling) of which it is not a usual spelling, while none of the names it spells is
 * that Latin name: محمود (Mahmoud) against MUHAMMAD. Two known names, not one name written two
 * ways; score.ts reads such a pair, when it is only a resemblance, as a look-alike that does not
 * corroborate one other shared name. It never caps a similarity.
 */
export function distinctArabicLatinNames(arabic: string, latinPhonetic: string): boolean {
  const spelling = withoutArticle(arabic);
  const names = phoneticsBySpelling.get(spelling);
  if (names === undefined || names.has(latinPhonetic)) return false;
  const spellings = spellingsByPhonetic.get(latinPhonetic);
  return spellings !== undefined && !spellings.includes(spelling);
}
