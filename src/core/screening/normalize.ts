// Name normalisation: pure, total, idempotent. It defeats the cheap evasions (invisible
// characters, look-alike letters, tatweel, diacritics, letter variants) and turns a raw name into
// tokens that the keys and scores can compare. What it cannot decide alone (is "Ghani" the same
// as "قاآنی"?) is left to transliteration and scoring; nothing here guesses.
import anyAscii from 'any-ascii';
import { DomainError } from '../domain-error.js';
import { asciiDigits, hasArabicLetter, tatweel, unifyArabicLetters } from './arabic-letters.js';
import { confusableLatinLetter, foldConfusables, isAllLatinLookalike } from './confusables.js';
import {
  allahSpellings,
  abuCompound,
  allahSuffix,
  articleDin,
  assimilatedArticle,
  dinSuffix,
  rahmanSuffix,
  hyphenatedArticles,
  nameWord,
  type NameWordRole,
} from './name-words.js';
import { hasCyrillicOrGreek, romanize } from './transliterate.js';

/** Longer than any real name (the longest listed names are ~200 characters); bounds all work per query. */
export const nameLengthCharsMax = 1_000;
/** A name with more tokens than this is a sentence, not a name; the rest is ignored. */
export const nameTokensMax = 24;
/** Longest single token kept; longer runs are cut (no real name word is this long). */
export const tokenLengthCharsMax = 40;

export type TokenScript = 'latin' | 'arabic';
export type TokenRole = 'name' | NameWordRole;

export interface NameToken {
  /** normalised text: ASCII Latin for Latin/Cyrillic/Greek input, unified Arabic letters for Arabic script */
  readonly text: string;
  readonly script: TokenScript;
  readonly role: TokenRole;
  /** low for particles, honorifics and legal forms */
  readonly weightFactor: number;
  /** the word as written when `text` is its canonical form ("ben" for bin, "der" for de) */
  readonly written?: string;
}

// Invisible characters: format controls (zero-width, bidi, BOM, soft hyphen), combining marks
// (harakat, Latin accents, variation selectors) and the "blank letters" Unicode has as Lo.
const invisiblePattern = /[\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u2800\u180E]/gu;
const apostrophePattern = /['’‘ʼʻ`´ʹʾʿ′ˈ"]/gu;
const controlPattern = /\p{Cc}/gu;
const wordSeparatorPattern = /[^\p{L}\p{N}.\-]+/u;

/** Character-level clean-up (case is kept: look-alike folding needs it); exported for the property tests. */
// Letters (and their marks) of scripts the engine has no model for: Devanagari, Thai, CJK,
// Hangul, Georgian, Armenian… Romanised by any-ascii's tables before marks are stripped (their
// vowel signs are marks), so such a name is compared as the name it spells.
const unmodelledScriptRun =
  /(?:(?![\p{Script=Latin}\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Inherited}])[\p{L}\p{M}])[\p{L}\p{M}]*/gu;

// Look-alike letters of these scripts (Armenian, Cherokee… imitating Latin) are left for the
// look-alike folding: a run inside a word that also has Latin letters, or made only of look-alikes.
function romanizeUnmodelled(text: string): string {
  return text.replace(unmodelledScriptRun, (run, offset: number) => {
    if (
      /[\p{Script=Latin}\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Greek}]/u.test(run) ||
      isAllLatinLookalike(run)
    )
      return run;
    const before = text.slice(0, offset).split(/\s/).pop() ?? '';
    const after = text.slice(offset + run.length).split(/\s/)[0] ?? '';
    if (/[A-Za-z]/.test(before + after)) return run;
    // in small letters: its capitals (WangXiaoMing) are the table's, not word boundaries
    return ` ${anyAscii(run).toLowerCase()} `;
  });
}

export function cleanText(raw: string): string {
  return asciiDigits(
    romanizeUnmodelled(raw.normalize('NFKC'))
      .replace(controlPattern, ' ')
      .normalize('NFD')
      .replace(invisiblePattern, '')
      .normalize('NFC')
      .split(tatweel)
      .join('')
      .replace(apostrophePattern, ''),
  );
}

export function assertNameLength(raw: string): void {
  if (raw.length > nameLengthCharsMax) {
    throw new DomainError(
      'screening.name_too_long',
      `name is ${raw.length} characters; at most ${nameLengthCharsMax} are screened`,
      {
        field: 'name',
        details: { nameLengthChars: raw.length, nameLengthCharsMax },
      },
    );
  }
}

/** Splits a name into normalised tokens. Throws DomainError only for names longer than nameLengthCharsMax. */
export function tokenizeName(raw: string): NameToken[] {
  return tokenizeNameWords(raw).flat();
}

/**
 * The tokens grouped by the written word they come from (a word split at a dot, "Sham.khani",
 * gives two tokens in one group; a hyphen separates words), at most nameTokensMax tokens in all.
 */
export function tokenizeNameWords(raw: string): NameToken[][] {
  assertNameLength(raw);
  const words: NameToken[][] = [];
  let count = 0;
  for (const word of cleanText(raw).split(wordSeparatorPattern)) {
    let group: NameToken[] = [];
    for (const part of splitPunctuatedWord(word)) {
      for (const token of tokensOfPart(part.text, part.beforeHyphen)) {
        if (count >= nameTokensMax) break;
        group.push(token);
        count++;
      }
      // a hyphen joins two words as lists write them too (NAUCHNO-PROIZVODSTVENNOE, Yong-won);
      // only a dot inside a word ("Sham.khani") leaves the pieces in one written word
      if (part.beforeHyphen && group.length > 0) {
        words.push(group);
        group = [];
      }
    }
    if (group.length > 0) words.push(group);
    if (count >= nameTokensMax) break;
  }
  return words;
}

/** The normalised name as one string: tokens joined by single spaces. Idempotent. */
export function normalizeName(raw: string): string {
  return tokenizeName(raw)
    .map((token) => token.text)
    .join(' ');
}

interface WordPart {
  readonly text: string;
  readonly beforeHyphen: boolean;
}

// A capital after a word written in small letters starts a word written onto it ("SabriOK",
// "MohammadKazem", "MuhammadAchwan"): the pieces stay one written word, as a dot's do, so the
// engine reads them joined when the joined form is listed and apart otherwise. The word before
// must be a word in small letters (an optional capital, then 3+ small letters): a small letter
// typed into a word of capitals ("COMuANY", "MouHAMADI") and short prefixes (McKhalif, DeSantis,
// AlNasim) are not word boundaries. Letters are read through the look-alike table, so a
// disguised letter (Cyrillic О in "SabriОK") splits as the letter it imitates does.
const writtenOnWord = /^U?L{3,}$/;

// U for a capital, L for a small letter, of the Latin alphabet or a look-alike of one (whose
// case is its own: the look-alike table folds case); anything else is neither
function letterCase(char: string): string {
  const latin = /[a-z]/i.test(char) ? char : confusableLatinLetter(char);
  if (latin === undefined || !/[a-z]/i.test(latin)) return '-';
  return /\p{Lu}/u.test(char) ? 'U' : /\p{Ll}/u.test(char) ? 'L' : '-';
}

function splitAtCaseBoundaries(piece: string): string[] {
  if (/^[\x00-\x7f]*$/.test(piece) && !/[a-z][A-Z]/.test(piece)) return [piece];
  const chars = [...piece];
  const cases = chars.map(letterCase).join('');
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i < chars.length; i++) {
    if (cases[i] !== 'U' || cases[i - 1] !== 'L') continue;
    if (!writtenOnWord.test(cases.slice(start, i))) continue;
    out.push(chars.slice(start, i).join(''));
    start = i;
  }
  out.push(chars.slice(start).join(''));
  return out;
}

// Initials written onto the next word without a space ("C.A.GRUPO", "C.V.CONSORCIO",
// "J.R.Smith"): the initials are a word of their own (a legal form, a person's initials).
const leadingInitials = /^((?:\p{L}\.){2,})(\p{L}{2,}.*)$/u;

// "S.A.R.L." and "L.L.C." are one word; "Co.Ltd" and "al-Rashid" are two.
function splitPunctuatedWord(word: string): WordPart[] {
  if (word.length === 0) return [];
  if (/^(\p{L}\.)+\p{L}?\.?$/u.test(word))
    return [{ text: word.replace(/\./g, ''), beforeHyphen: false }];
  const initials = leadingInitials.exec(word);
  if (initials !== null)
    return [
      { text: initials[1]!.replace(/\./g, ''), beforeHyphen: true },
      ...splitPunctuatedWord(initials[2]!),
    ];
  const parts: WordPart[] = [];
  const hyphenParts = word.split('-');
  hyphenParts.forEach((hyphenPart, index) => {
    const dotted = hyphenPart
      .split('.')
      .flatMap(splitAtCaseBoundaries)
      .filter((piece) => piece.length > 0);
    dotted.forEach((piece, dotIndex) => {
      const beforeHyphen = index < hyphenParts.length - 1 && dotIndex === dotted.length - 1;
      parts.push({ text: piece, beforeHyphen });
    });
  });
  return parts;
}

// Digits standing in for letters inside a word ("Ig0r Sech1n") are look-alikes too. Only in
// words that also have letters, and never in ordinals ("1st") or letter-digit codes ("A320").
const digitLookalikes: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

function foldDigitLookalikes(latin: string): string {
  if (
    !/[a-z]/.test(latin) ||
    !/[0-9]/.test(latin) ||
    /^[0-9]+(st|nd|rd|th)$/.test(latin) ||
    /^[a-z]{1,3}[0-9]+$/.test(latin)
  )
    return latin;
  return latin.replace(/[0-9]/g, (digit) => digitLookalikes[digit] ?? digit);
}

function tokensOfPart(part: string, beforeHyphen: boolean): NameToken[] {
  if (part.length === 0) return [];
  if (hasArabicLetter(part)) return arabicTokens(unifyArabicLetters(part));
  const text = latinText(part);
  // a number written onto a word ("VABO2005", "ALPHA2000") is the word and the number, as
  // "VABO-2005" is; digits inside a word, or one at its end ("Sech1n", "Khamene1"), are letters
  const numbered = /^([a-z]{3,})([0-9]{2,})$/.exec(text);
  if (numbered !== null) return [...latinTokens(numbered[1]!), ...latinTokens(numbered[2]!)];
  const latin = foldDigitLookalikes(text);
  if (latin.length === 0) return [];
  if (beforeHyphen && hyphenatedArticles.has(latin)) return [wordToken('al', 'latin')];
  return latinTokens(latin);
}

// Look-alike folding runs only where it cannot hurt a genuine Cyrillic or Greek name: in tokens
// that mix scripts (the evasion case) or whose every letter could be a disguised Latin letter.
// Folding happens before lower-casing: upper-case Cyrillic Н, В, М, Т look like Latin letters,
// their lower-case forms н, в, м, т do not.
function latinText(part: string): string {
  let text = part;
  if (hasCyrillicOrGreek(text) || /[^\x00-\x7f]/.test(text)) {
    const mixed = /[A-Za-z]/.test(text);
    text = mixed || isAllLatinLookalike(text) ? foldConfusables(text) : text;
    text = romanize(text.toLowerCase());
    // scripts the engine has no model for (Devanagari, Thai, CJK, Hangul, Georgian, Armenian…)
    // are romanised by any-ascii's tables, so they are compared as the names they spell
    if (/[^\x00-\x7f]/.test(text)) text = anyAscii(text);
  }
  return text
    .toLowerCase()
    .replace(/[^a-z0-9\p{L}]/gu, '')
    .slice(0, tokenLengthCharsMax);
}

function wordToken(text: string, script: TokenScript): NameToken {
  const word = nameWord(text);
  if (word === undefined) return { text, script, role: 'name', weightFactor: 1 };
  const written = word.canonical === text ? {} : { written: text };
  return {
    text: word.canonical,
    script: 'latin',
    role: word.role,
    weightFactor: word.weightFactor,
    ...written,
  };
}

// "Abdulrahman", "Abd al-Rahman", "Abdel Rahman" are one name written three ways: split the
// compound so each becomes abd + rahman. "Abdullah"/"Abdallah" become abd + allah.
const abdCompound = /^abd(?:ul|el|ol|al|il|u|e|o|a)?(.{3,})$/;

// Compound names are written joined or apart (Hedayatullah / Hidayat Ullah / هدايت الله,
// Saifuddin / Saif al-Din / سيف الدين): split the joined forms so both have the same tokens.
function latinTokens(text: string): NameToken[] {
  if (nameWord(text) !== undefined) return [wordToken(text, 'latin')];
  if (allahSpellings.has(text)) return [wordToken('allah', 'latin')];
  const compound = abdCompound.exec(text);
  if (compound !== null) {
    // Abdarrahman: the article assimilated to the next letter (ar-Rahman) leaves it doubled
    const rest = compound[1]!.replace(/^([^aeiou])\1/, '$1');
    return [wordToken('abd', 'latin'), ...latinTokens(rest)];
  }
  if (articleDin.test(text)) return [wordToken('al', 'latin'), wordToken('din', 'latin')];
  const abu = abuCompound.exec(text);
  if (abu !== null) {
    const article = abu[1] === undefined ? [] : [wordToken('al', 'latin')];
    return [wordToken('abu', 'latin'), ...article, ...latinTokens(abu[2]!)];
  }
  const assimilated = assimilatedArticle.exec(text);
  if (assimilated !== null)
    return [wordToken('al', 'latin'), ...latinTokens(assimilated[1]! + assimilated[2]!)];
  const allah = text.length >= 7 ? allahSuffix.exec(text) : null;
  if (allah !== null) return [...latinTokens(allah[1]!), wordToken('allah', 'latin')];
  const din = text.length >= 7 ? dinSuffix.exec(text) : null;
  if (din !== null) return [...latinTokens(din[1]!), wordToken('din', 'latin')];
  const rahman = text.length >= 9 ? rahmanSuffix.exec(text) : null;
  if (rahman !== null) return [...latinTokens(rahman[1]!), wordToken(rahman[2]!, 'latin')];
  return [wordToken(text.slice(0, tokenLengthCharsMax), 'latin')];
}

const arabicAllah = 'الله';

// Arabic writes the article and "Abd" joined to the name (الرشيد, عبدالرحمن); Latin lists split
// them (AL-RASHID, ABD AL-RAHMAN). Split here so both sides have the same tokens.
// Only one article: الالوسي is al + الوسي (al-Alusi), الإلكترونية al + الكترونيه, never al + al + …
function arabicTokens(text: string, afterArticle = false): NameToken[] {
  if (text.length === 0) return [];
  if (nameWord(text) !== undefined) return [wordToken(text, 'arabic')];
  if (text === arabicAllah) return [wordToken('allah', 'latin')];
  if (text.startsWith('عبد') && text.length > 4)
    return [wordToken('عبد', 'arabic'), ...arabicTokens(text.slice(3))];
  if (text.startsWith('ابو') && text.length > 5)
    return [wordToken('ابو', 'arabic'), ...arabicTokens(text.slice(3))];
  if (text.endsWith(arabicAllah) && text.length > 5)
    return [...arabicTokens(text.slice(0, -4)), wordToken(arabicAllah, 'arabic')];
  if (!afterArticle && text.startsWith('ال') && text.length >= 4 && text !== arabicAllah) {
    const rest = arabicTokens(text.slice(2), true);
    // a honorific after the article (الشيخ, الحاج) is just the honorific
    if (rest.length === 1 && rest[0]!.role !== 'name') return rest;
    return [wordToken('ال', 'arabic'), ...rest];
  }
  return [wordToken(text.slice(0, tokenLengthCharsMax), 'arabic')];
}
