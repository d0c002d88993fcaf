// Arabic-script letter facts shared by normalisation, keys and transliteration. Arabic and Persian
// write the same sounds with different code points (ي/ی, ك/ک, ه/ة/ۀ); sanctions lists and payment
// messages mix them freely, so every Arabic-script token is reduced to one spelling first.

/** Letter variants that are the same letter for matching, mapped to one representative. */
const unifiedLetter: Readonly<Record<string, string>> = {
  ی: 'ي',
  ى: 'ي',
  ې: 'ي',
  ۍ: 'ي',
  ے: 'ي',
  ێ: 'ي',
  ٸ: 'ي',
  ئ: 'ي',
  ک: 'ك',
  ڪ: 'ك',
  ڭ: 'ك',
  ة: 'ه',
  ۀ: 'ه',
  ۂ: 'ه',
  ہ: 'ه',
  ە: 'ه',
  ھ: 'ه',
  ۃ: 'ه',
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ؤ: 'و',
  ۆ: 'و',
  ۇ: 'و',
  ۈ: 'و',
  ۋ: 'و',
  ۏ: 'و',
  ٹ: 'ت',
  ڈ: 'د',
  ڑ: 'ر',
  ں: 'ن',
  ڤ: 'ف',
  ڨ: 'ق',
  ݣ: 'ك',
};

/** Letters dropped entirely: the standalone hamza is not written in any romanisation. */
const droppedLetters = new Set(['ء']);

export const tatweel = '\u0640';

const arabicLetterPattern =
  /[\u0620-\u064A\u066E-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF]/u;

export function isArabicLetter(char: string): boolean {
  return arabicLetterPattern.test(char);
}

export function hasArabicLetter(token: string): boolean {
  for (const char of token) if (isArabicLetter(char)) return true;
  return false;
}

/** One spelling per letter; characters that are not Arabic letters are removed. */
export function unifyArabicLetters(token: string): string {
  let out = '';
  for (const char of token) {
    if (droppedLetters.has(char) || !isArabicLetter(char)) continue;
    out += unifiedLetter[char] ?? char;
  }
  return out;
}

/** Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII, so "۱۲۳" and "123" are one identifier. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}
