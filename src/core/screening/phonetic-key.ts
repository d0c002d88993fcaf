// Two keys per token, shared by Latin and Arabic script:
//  - the phonetic spelling (Latin only): the token rewritten so that the spelling choices
//    romanisations make freely (kh/x, sh/ch, ou/u, doubled letters, final h) are one spelling;
//    weighted edit distance on it (latin-distance.ts) then prices what is left (q/gh/k, e/i, o/u).
//  - the consonant skeleton: consonant classes only, no vowels, no semivowels inside the word.
//    Arabic script does not write short vowels, and romanisations disagree on them, so the
//    skeleton is the part on which an Arabic spelling and its Latin renderings agree. It is the
//    retrieval key of the candidate index; the score never rests on it alone.

const vowels = new Set(['a', 'e', 'i', 'o', 'u']);

const digraphs: ReadonlyArray<readonly [RegExp, string]> = [
  [/sch|tch|sh|ch/g, 'S'],
  [/kh/g, 'x'],
  [/gh/g, 'g'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/zh|dj|dzh/g, 'j'],
  [/ck/g, 'k'],
  [/ou|oo|uu/g, 'u'],
  [/ee|ii/g, 'i'],
  [/q/g, 'k'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
];

/** Phonetic spelling of a normalised Latin token (lower-case ASCII letters and digits). */
export function latinPhonetic(token: string): string {
  let text = token;
  for (const [pattern, replacement] of digraphs) text = text.replace(pattern, replacement);
  // y is a vowel except at the start or between vowels (Yasin, Sayed); ai/ay/ei/ey before a
  // consonant are the one diphthong Arabic writes ي (Husain, Husayn, Hussein).
  text = text.replace(/(?<=[aeiou])y(?=[aeiou])|^y/g, 'Y').replace(/y/g, 'i');
  text = text.replace(/[ae]i(?![aeiou])/g, 'i');
  text = text.replace(/(?<=[aeiou])h$/, '');
  let out = '';
  for (const char of text) if (out[out.length - 1] !== char) out += char;
  return out;
}

const latinSkeletonClass: Readonly<Record<string, string>> = {
  b: 'B',
  p: 'B',
  t: 'T',
  d: 'D',
  z: 'D',
  j: 'J',
  x: 'X',
  r: 'R',
  s: 'S',
  S: 'C',
  f: 'F',
  k: 'K',
  g: 'K',
  l: 'L',
  m: 'M',
  n: 'N',
  h: 'H',
};

/** Consonant skeleton of a Latin token, from its phonetic spelling. */
export function latinSkeleton(token: string): string {
  const phonetic = latinPhonetic(token);
  let classes = '';
  for (let i = 0; i < phonetic.length; i++) {
    const char = phonetic[i]!;
    if (i === 0 && (char === 'w' || char === 'v')) classes += 'W';
    else if (i === 0 && char === 'Y') classes += 'Y';
    else if (/[0-9]/.test(char)) classes += char;
    else classes += latinSkeletonClass[char] ?? '';
  }
  return collapseSkeleton(classes);
}

// Arabic letters (after unification) to skeleton classes; letters romanised two ways give both.
const arabicSkeletonClasses: Readonly<Record<string, readonly string[]>> = {
  // ج is G in Egyptian and in foreign names (Sergei, Georges); ف stands for the V that Latin
  // keys drop inside a word (Ivan / ايفان)
  ب: ['B'],
  پ: ['B'],
  ت: ['T'],
  ط: ['T'],
  ث: ['T', 'S'],
  ج: ['J', 'K'],
  چ: ['C', 'J'],
  ح: ['H'],
  // خ is CH in German and older romanisations (CHALID for خالد); Latin keys ch as sh
  خ: ['X', 'C'],
  د: ['D'],
  // ذ and ظ are TH in Iraqi and Gulf romanisations (KATHIM for كاظم, THAKIR for ذاكر)
  ذ: ['D', 'T'],
  ر: ['R'],
  ز: ['D'],
  ژ: ['J', 'D'],
  س: ['S'],
  ص: ['S'],
  ش: ['C'],
  ض: ['D'],
  ظ: ['D', 'T'],
  غ: ['K'],
  ف: ['F', ''],
  ق: ['K'],
  ك: ['K'],
  گ: ['K'],
  ل: ['L'],
  م: ['M'],
  ن: ['N'],
  ه: ['H'],
};

/** A token with more ambiguous letters than this keeps only the first readings (bounds key count). */
export const arabicSkeletonVariantsMax = 6;

/** Consonant skeletons of an Arabic-script token (unified letters), one per reading of ambiguous letters. */
export function arabicSkeletons(token: string): string[] {
  const letters = [...token];
  let variants: Array<{ key: string; skipNext: boolean }> = [{ key: '', skipNext: false }];
  letters.forEach((letter, index) => {
    let classes: readonly string[];
    if (index === 0 && letter === 'و') classes = ['W'];
    else if (index === 0 && letter === 'ي') classes = ['Y'];
    else if (/[0-9]/.test(letter)) classes = [letter];
    else classes = arabicSkeletonClasses[letter] ?? [''];
    const merged =
      index + 1 < letters.length ? falseDigraphs[letter + letters[index + 1]!] : undefined;
    const next: Array<{ key: string; skipNext: boolean }> = [];
    for (const variant of variants) {
      if (variant.skipNext) {
        next.push({ key: variant.key, skipNext: false });
        continue;
      }
      for (const cls of classes) next.push({ key: variant.key + cls, skipNext: false });
      if (merged !== undefined) next.push({ key: variant.key + merged, skipNext: true });
    }
    variants = next.slice(0, arabicSkeletonVariantsMax);
  });
  return [...new Set(variants.map((variant) => collapseSkeleton(variant.key)))];
}

// Two Arabic letters whose plain romanisation reads as a Latin digraph: إسحاق is ISHAQ, لكحل is
// LAKHAL; the Latin side keys "sh"/"kh" as one consonant, so the Arabic side offers that reading too.
const falseDigraphs: Readonly<Record<string, string>> = {
  سح: 'C',
  سه: 'C',
  كح: 'X',
  كه: 'X',
  ته: 'T',
  ده: 'D',
  غه: 'K',
  زه: 'J',
  // every letter Persian reads z (ظ ض ذ, as ز) before ه: مظهری is MAZHARI, keyed "zh" → J
  ظه: 'J',
  ضه: 'J',
  ذه: 'J',
};

// Doubled consonants (shadda, "mm") are one; a final H is the unwritten or silent h of
// Fatemeh/Fatima, Abdullah/Abdulla, ة.
function collapseSkeleton(classes: string): string {
  let out = '';
  for (const cls of classes) if (out[out.length - 1] !== cls) out += cls;
  if (out.length > 1 && out.endsWith('H')) out = out.slice(0, -1);
  return out;
}

export function isVowel(char: string): boolean {
  return vowels.has(char);
}
