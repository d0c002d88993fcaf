// Folding of look-alike letters (Unicode confusables) into the ASCII letter they imitate, so that
// a Latin name typed with a Cyrillic "а" or a Greek "ο" is the same name. The table is derived
// from Unicode's confusables.txt (see data/derive-confusables.ts for which part and why).
import { confusableToLatinPairs } from './data/confusables-latin.js';

const confusableToLatin: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const chars = [...confusableToLatinPairs];
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i]!, chars[i + 1]!);
  return map;
})();

export function confusableLatinLetter(char: string): string | undefined {
  return confusableToLatin.get(char);
}

/** Replaces every look-alike letter by its ASCII prototype; other characters are left alone. */
export function foldConfusables(token: string): string {
  let out = '';
  for (const char of token) out += confusableToLatin.get(char) ?? char;
  return out;
}

/** True when every letter of the token could be a disguised Latin letter (ASCII or look-alike). */
export function isAllLatinLookalike(token: string): boolean {
  for (const char of token) {
    if (/[A-Za-z0-9]/.test(char)) continue;
    if (!confusableToLatin.has(char)) return false;
  }
  return true;
}
