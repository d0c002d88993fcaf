import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error.js';
import {
  nameLengthCharsMax,
  nameTokensMax,
  normalizeName,
  tokenizeName,
  tokenizeNameWords,
  tokenLengthCharsMax,
} from './normalize.js';

const invisibles = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u202E',
  '\u2066',
  '\u034F',
  '\uFE0F',
];
// Latin letter → look-alikes from other scripts (Cyrillic, Greek, Armenian), upper and lower case
const lookalikes: Record<string, string[]> = {
  a: ['а', 'ɑ', 'α'],
  e: ['е'],
  o: ['о', 'ο', 'օ'],
  p: ['р', 'ρ'],
  c: ['с', 'ϲ'],
  x: ['х'],
  i: ['і', 'ι'],
  y: ['у'],
  s: ['ѕ'],
  h: ['һ'],
  j: ['ј'],
  A: ['А', 'Α'],
  E: ['Е', 'Ε'],
  O: ['О', 'Ο'],
  P: ['Р', 'Ρ'],
  C: ['С'],
  H: ['Н', 'Η'],
  K: ['К', 'Κ'],
  M: ['М', 'Μ'],
  T: ['Т', 'Τ'],
  X: ['Х', 'Χ'],
  B: ['В', 'Β'],
  I: ['І', 'Ι'],
};

const latinName = fc.stringMatching(/^[A-Za-z][A-Za-z' -]{0,30}$/);
const arabicName = fc.stringMatching(
  /^[ابتثجحخدذرزسشصضطظعغفقكلمنهوي]{2,8}( [ابتثجحخدذرزسشصضطظعغفقكلمنهوي]{2,8}){0,3}$/,
);
const anyName = fc.oneof(latinName, arabicName, fc.string({ maxLength: 40 }));

describe('normalizeName', () => {
  it('folds the evasions of the issue to one spelling', () => {
    expect(normalizeName("GHA'ANI, Esma'il")).toBe('ghaani esmail');
    expect(normalizeName('Qa\u200Bani')).toBe('qaani');
    expect(normalizeName('Qааni')).toBe('qaani'); // Cyrillic а
    expect(normalizeName('SОLЕIMАNI')).toBe('soleimani'); // Cyrillic capitals
    expect(normalizeName('ΙBRAHIM')).toBe('ibrahim'); // Greek capital iota is an I, not an l
    expect(normalizeName('Ig0r Sech1n')).toBe('igor sechin');
    expect(normalizeName('ＭＯＨＡＭＭＡＤ')).toBe('mohammad'); // fullwidth, by NFKC
  });

  it('unifies Arabic and Persian letter variants, harakat, tatweel and digits', () => {
    expect(normalizeName('سلیمـــانی')).toBe(normalizeName('سليماني'));
    expect(normalizeName('مُحَمَّد')).toBe('محمد');
    expect(normalizeName('کاظم')).toBe(normalizeName('كاظم'));
    expect(normalizeName('أحمد')).toBe(normalizeName('احمد'));
    expect(normalizeName('فاطمة')).toBe(normalizeName('فاطمه'));
    expect(normalizeName('١٢٣ ۴۵۶')).toBe('123 456');
  });

  it('keeps honorifics, articles and legal forms as canonical low-weight tokens', () => {
    const tokens = tokenizeName('Sheikh Abdulrahman al-Rashid Trading Co. LLC');
    expect(tokens.map((t) => t.text)).toEqual([
      'sheikh',
      'abd',
      'rahman',
      'al',
      'rashid',
      'trading',
      'company',
      'llc',
    ]);
    expect(tokens.filter((t) => t.role !== 'name').every((t) => t.weightFactor < 1)).toBe(true);
    expect(tokenizeName('الشيخ عبدالرحمن الرشيد').map((t) => t.text)).toEqual([
      'sheikh',
      'abd',
      'al',
      'رحمن',
      'al',
      'رشيد',
    ]);
    expect(normalizeName('S.A.R.L.')).toBe('sa');
    expect(normalizeName('Abdullah')).toBe('abd allah');
    expect(normalizeName('Hedayatullah')).toBe('hedayat allah');
  });

  it('romanises Cyrillic names that are not disguised Latin', () => {
    expect(normalizeName('Владимир Путин')).toBe('vladimir putin');
  });

  it('romanises scripts it has no model for (any-ascii) instead of keeping letters no list uses', () => {
    expect(normalizeName('राम कुमार')).toBe('ram kumar');
    expect(normalizeName('สมชาย')).toMatch(/^[a-z]+$/);
    expect(normalizeName('王小明')).toMatch(/^[a-z]+$/);
  });

  it('groups the pieces of a dotted word into one written word, hyphenated words apart', () => {
    expect(tokenizeNameWords('Ali Sham.khani').map((word) => word.map((t) => t.text))).toEqual([
      ['ali'],
      ['sham', 'khani'],
    ]);
    expect(tokenizeNameWords('Yong-won').map((word) => word.map((t) => t.text))).toEqual([
      ['yong'],
      ['won'],
    ]);
  });

  it('reads initials written onto the next word, and a number onto a word, as words apart', () => {
    const words = (name: string) => tokenizeNameWords(name).map((word) => word.map((t) => t.text));
    expect(words('C.A.GRUPO SAHECT')).toEqual(words('C.A. GRUPO SAHECT'));
    expect(words('S.A. DE C.V.CONSORCIO')).toEqual(words('S.A. DE C.V. CONSORCIO'));
    expect(words('VABO2005 EOOD')).toEqual([['vabo', '2005'], ['eood']]);
    // digits inside a word, or one at its end, are still look-alike letters
    expect(normalizeName('Sech1n')).toBe('sechin');
    expect(normalizeName('A320')).toBe('a320');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyName, (name) => normalizeName(normalizeName(name)) === normalizeName(name)),
      { numRuns: 500 },
    );
  });

  it('is not changed by invisible characters inserted anywhere', () => {
    fc.assert(
      fc.property(
        fc.oneof(latinName, arabicName),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...invisibles)), { maxLength: 5 }),
        (name, inserts) => {
          let text = name;
          for (const [at, char] of inserts) {
            const position = at % (text.length + 1);
            text = text.slice(0, position) + char + text.slice(position);
          }
          return normalizeName(text) === normalizeName(name);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is not changed by look-alike letters substituted for Latin ones', () => {
    fc.assert(
      fc.property(
        latinName,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.nat(),
        (name, positions, pick) => {
          const chars = [...name];
          for (const position of positions) {
            const at = position % chars.length;
            const options = lookalikes[chars[at]!];
            if (options !== undefined) chars[at] = options[pick % options.length]!;
          }
          return normalizeName(chars.join('')) === normalizeName(name);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is not changed by tatweel or harakat in Arabic names', () => {
    fc.assert(
      fc.property(
        arabicName,
        fc.nat(),
        fc.constantFrom('\u0640', '\u064E', '\u064F', '\u0650', '\u0651', '\u0652'),
        (name, at, mark) => {
          const position = 1 + (at % Math.max(1, name.length - 1));
          return (
            normalizeName(name.slice(0, position) + mark + name.slice(position)) ===
            normalizeName(name)
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('bounds its input and its output', () => {
    expect(() => tokenizeName('a'.repeat(nameLengthCharsMax + 1))).toThrow(DomainError);
    expect(() => tokenizeName('a'.repeat(nameLengthCharsMax))).not.toThrow();
    expect(
      tokenizeName(
        Array.from(
          { length: nameTokensMax + 5 },
          (_, i) => `name${String.fromCharCode(97 + (i % 26))}`,
        ).join(' '),
      ),
    ).toHaveLength(nameTokensMax);
    expect(tokenizeName('b'.repeat(tokenLengthCharsMax + 20))[0]!.text).toHaveLength(
      tokenLengthCharsMax,
    );
  });
});
