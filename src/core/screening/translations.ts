// Words of organisation names that Arabic and Persian TRANSLATE rather than transliterate: the
// lists print "NATIONAL IRANIAN OIL COMPANY", a payment from Tehran says شرکت ملی نفت ایران.
// Transliteration cannot bridge a translation, so these common words carry their English
// counterparts. Three sources: the organisation vocabulary derived from a general dictionary
// (data/org-vocabulary, ~1,400 English words of the lists' entity names with their FreeDict
// Arabic translations; scripts/derive-org-vocabulary.ts); the written Persian and Arabic table
// (data/org-vocabulary/fa-ar-org-words.tsv, ~830 words by category with all their senses), for
// Persian, which no Debian or npm dictionary covers, and for the senses FreeDict lacks (طيران is
// also AIR); and the hand-picked words below (سازمان, کشتیرانی, هواپیمایی, سپاه).
// What a translated word is worth as evidence is score.ts's business (translatedWeightMax).
import { unifyArabicLetters } from './arabic-letters.js';
import { faArOrgWordsTable } from './data/fa-ar-org-words.js';
import { orgVocabularyRows } from './data/org-vocabulary.js';
import { orgWordKey, orgWordStemLettersMin } from './org-word-key.js';

const dictionary: Record<string, readonly string[]> = {
  bank: ['بانک', 'بنك', 'مصرف'],
  national: ['ملی', 'وطنی', 'وطنية', 'قومی'],
  iran: ['ایران', 'ایرانی'],
  iranian: ['ایرانی', 'ایرانیه', 'ایران'],
  oil: ['نفت', 'نفط'],
  gas: ['گاز', 'غاز'],
  petrochemical: ['پتروشیمی', 'بتروكيماويات'],
  shipping: ['کشتیرانی', 'ملاحة', 'شحن'],
  lines: ['خطوط'],
  islamic: ['اسلامی', 'اسلامية', 'الاسلامية'],
  revolution: ['انقلاب', 'ثورة'],
  revolutionary: ['انقلابی', 'ثوري', 'ثورية'],
  guard: ['پاسداران', 'حرس', 'پاسدار'],
  corps: ['سپاه', 'فيلق'],
  army: ['ارتش', 'جيش'],
  organization: ['سازمان', 'منظمة', 'هيئة'],
  foundation: ['بنیاد'],
  group: ['گروه', 'جماعة'],
  front: ['جبهه', 'جبهة'],
  movement: ['جنبش', 'حركة', 'حرکت'],
  party: ['حزب'],
  brigades: ['كتائب', 'تیپ', 'الوية'],
  state: ['دولت', 'دولة'],
  ministry: ['وزارت', 'وزارة'],
  defense: ['دفاع'],
  intelligence: ['اطلاعات', 'مخابرات', 'استخبارات'],
  security: ['امنیت', 'امن'],
  industries: ['صنایع', 'صناعات'],
  industrial: ['صنعتی', 'صناعية'],
  aviation: ['هواپیمایی', 'طيران'],
  trading: ['بازرگانی', 'تجارة', 'تجاری'],
  exchange: ['صرافی', 'صرافة'],
  engineering: ['مهندسی', 'هندسة'],
  development: ['توسعه', 'تنمية'],
  construction: ['ساختمانی', 'انشاءات', 'مقاولات'],
  electronics: ['الکترونیک', 'الكترونيات'],
  holding: ['هلدینگ', 'قابضة'],
  mines: ['معادن'],
  steel: ['فولاد'],
  metals: ['فلزات'],
  republic: ['جمهوری', 'جمهورية'],
  central: ['مرکزی', 'مركزي', 'مركزية'],
  martyrs: ['شهدا', 'شهداء'],
  relief: ['امداد', 'اغاثة'],
  committee: ['کمیته', 'لجنة'],
  council: ['شورای', 'شورا', 'مجلس'],
  charity: ['خیریه', 'خيرية'],
  fighting: ['مقاتلة'],
  union: ['اتحاد'],
  office: ['دفتر', 'مكتب'],
  institute: ['موسسه', 'معهد'],
};

// Both vocabularies are indexed under the same key as the query's word (org-word-key.ts), so
// للنفط, النفط and نفط all find "oil", and علمية finds what علمي finds.
function keyed(pairs: Iterable<readonly [string, string]>): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, Set<string>>();
  for (const [arabic, english] of pairs) {
    const key = orgWordKey(arabic);
    map.set(key, (map.get(key) ?? new Set()).add(english));
  }
  return new Map([...map].map(([key, english]) => [key, [...english]] as const));
}
const rowPairs = (place: boolean) =>
  orgVocabularyRows.split(';').flatMap((row) => {
    const [english, forms] = row.split(':');
    if (english === undefined || forms === undefined) return [];
    if (english.startsWith('@') !== place) return [];
    return forms.split(',').map((form) => [form, english.replace(/^@/, '')] as const);
  });
/**
 * An English sense with its other number: Arabic and Persian put a plural where the English
 * name has a singular and the reverse (الشركة الوطنية للناقلات, "tankers", is the TANKER
 * COMPANY; صنایع, "industries", is also INDUSTRY), so a sense covers both.
 */
export function withNumber(sense: string): readonly string[] {
  if (/ies$/.test(sense)) return [sense, `${sense.slice(0, -3)}y`];
  if (/[^s]s$/.test(sense)) return [sense, sense.slice(0, -1)];
  if (/[^aeiou]y$/.test(sense)) return [sense, `${sense.slice(0, -1)}ies`];
  if (/(?:s|x|ch|sh)$/.test(sense)) return [sense, `${sense}es`];
  return [sense, `${sense}s`];
}

/**
 * The written Persian and Arabic organisation words (data/org-vocabulary/fa-ar-org-words.tsv):
 * each word with every English sense it has (طيران: aviation, air, airline…), so a document's
 * word finds the listed word whichever sense the list's English name uses. Rows of category
 * "place" (nationalities, regions: سوري, خليج) are weighed as the lists' country names are.
 */
function writtenPairs(
  place: boolean,
  placeWordsOf?: ReadonlySet<string>,
): (readonly [string, string])[] {
  return faArOrgWordsTable
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('category\t'))
    .flatMap((line) => {
      const [category, , word, senses] = line.split('\t');
      if (word === undefined || senses === undefined || (category === 'place') !== place) return [];
      const arabic = unifyArabicLetters(word);
      // a place name has no other number (IRAN, SYRIAN, REPUBLIC)
      const forms = (sense: string) =>
        place || placeWordsOf?.has(sense) === true ? [sense] : withNumber(sense);
      return senses.split(',').flatMap((sense) => forms(sense).map((e) => [arabic, e] as const));
    });
}
const placePairs = [...rowPairs(true), ...writtenPairs(true)];
const placeOf = keyed(placePairs);
const placeWords: ReadonlySet<string> = new Set(placePairs.map(([, english]) => english));
const vocabularyPairs = [...rowPairs(false), ...writtenPairs(false, placeWords)];
const handPairs = Object.entries(dictionary).flatMap(([english, words]) =>
  words.map((word) => [unifyArabicLetters(word), english] as const),
);
const englishOf = keyed([...handPairs, ...vocabularyPairs]);
// organisation words only: the place rows are apart, and the hand list holds place names
// too (ایران); a place name or nationality (ايراني, which the derived rows hold as an
// organisation word) tells organisations apart and is not weighed down
const vocabularyOf = keyed(vocabularyPairs.filter(([, english]) => !placeWords.has(english)));

// the lists' own organisation words (the derived vocabulary's English side); the written
// table's senses are not added, since flagging a Latin word changes how Latin names score
const englishWords: ReadonlySet<string> = new Set(rowPairs(false).map(([, english]) => english));

/** The English word is one the organisation vocabulary translates (BANK, PRISON, AGENCY…). */
export function isEnglishOrgWord(latinToken: string): boolean {
  return englishWords.has(latinToken);
}

// Tried only when the word's own key is not in the vocabulary (لجنة stays لجنة): a bare
// preposition or "and" joined to the word (لتحرير, وزارة stays), an adjective's nisba ending
// (دفاعية → دفاع), and Persian's ت for the Arabic ta marbuta (وزارت → وزارة).
function fallbackKeys(key: string): string[] {
  const out: string[] = [];
  const long = (text: string) => [...text].length >= orgWordStemLettersMin;
  const unprefixed = /^[ولب]/.test(key) && long(key.slice(1)) ? key.slice(1) : undefined;
  for (const base of unprefixed === undefined ? [key] : [key, unprefixed]) {
    if (base !== key) out.push(base);
    if (/[يت]$/.test(base) && long(base.slice(0, -1))) out.push(base.slice(0, -1));
  }
  return out;
}

type Vocabulary = ReadonlyMap<string, readonly string[]>;

function lookUp(map: Vocabulary, arabicToken: string): readonly string[] {
  const key = orgWordKey(arabicToken);
  const own = map.get(key);
  if (own !== undefined) return own;
  for (const fallback of fallbackKeys(key)) {
    const found = map.get(fallback);
    if (found !== undefined) return found;
  }
  return [];
}

/** English words a normalised Arabic-script token translates to (none when it is not listed). */
export function englishTranslations(arabicToken: string): readonly string[] {
  return lookUp(englishOf, arabicToken);
}

/** Place names a normalised Arabic-script token translates to (كويت → kuwait): full weight. */
export function placeTranslations(arabicToken: string): readonly string[] {
  return lookUp(placeOf, arabicToken);
}

/** The English word is a place name of the lists (a country), not an organisation word. */
export function isPlaceWord(latinToken: string): boolean {
  return placeWords.has(latinToken);
}

/** The Arabic-script token is a word of the derived organisation vocabulary (weighed apart). */
export function isArabicOrgWord(arabicToken: string): boolean {
  return lookUp(vocabularyOf, arabicToken).length > 0;
}

/** A translated word is strong evidence of the same word, but less than a spelling of it. */
export const translationSimilarity = 0.95;
