// Which script a listed name is written in, as far as the importers need to know: Latin, or
// something else (Arabic, Persian, Cyrillic, Greek, Hebrew, CJK, Korean…), which is what makes a
// name "original script" for the matcher.
const nonLatinLetter =
  /[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u10a0-\u10ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\ufb50-\ufdff\ufe70-\ufeff]/;
const latinLetter = /[A-Za-z\u00c0-\u024f]/;

export function hasNonLatinLetter(text: string): boolean {
  return nonLatinLetter.test(text);
}

export function hasLatinLetter(text: string): boolean {
  return latinLetter.test(text);
}

/**
 * "Agha Jan Alizai اغا جان عالیزی" → ["Agha Jan Alizai", "اغا جان عالیزی"]: splits a name at the
 * points where it changes between Latin and another script. Punctuation and digits stay with the run
 * they are in.
 */
export function splitByScript(text: string): string[] {
  const runs: string[] = [];
  let current = '';
  let currentIsLatin: boolean | null = null;
  for (const character of text) {
    const isLatin = latinLetter.test(character)
      ? true
      : nonLatinLetter.test(character)
        ? false
        : null;
    if (isLatin !== null && currentIsLatin !== null && isLatin !== currentIsLatin) {
      runs.push(current);
      current = '';
    }
    if (isLatin !== null) currentIsLatin = isLatin;
    current += character;
  }
  runs.push(current);
  return runs.map((run) => run.trim()).filter((run) => run.length > 0);
}
