// Romanisation of scripts whose names are compared in Latin: Cyrillic (BGN/PCGN-like, simplified
// to what lists print) and Greek (ELOT-like). Arabic script is NOT romanised here: a single
// romanisation throws away the ambiguity (q/gh/k, e/i, o/u) that the learned transliteration
// model in translit-model.ts scores directly.

const cyrillicToLatin: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
  ђ: 'dj',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ҳ: 'h',
  қ: 'q',
  ғ: 'gh',
  ӯ: 'u',
  ҷ: 'j',
  ә: 'a',
  ө: 'o',
  ү: 'u',
  ң: 'n',
  һ: 'h',
  ѕ: 'dz',
  ӏ: '',
};

const greekToLatin: Readonly<Record<string, string>> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

/** Latin letters without a canonical decomposition, folded to what an ASCII keyboard writes. */
const latinSpecials: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ŋ: 'n',
  ı: 'i',
  ħ: 'h',
  ə: 'e',
  ɨ: 'i',
  ŧ: 't',
  ƒ: 'f',
  ĸ: 'k',
};

/** Romanises Cyrillic and Greek letters and folds special Latin letters; other characters pass through. */
export function romanize(token: string): string {
  let out = '';
  for (const char of token)
    out += cyrillicToLatin[char] ?? greekToLatin[char] ?? latinSpecials[char] ?? char;
  return out;
}

export function hasCyrillicOrGreek(token: string): boolean {
  return /[\u0370-\u03FF\u0400-\u052F]/u.test(token);
}
