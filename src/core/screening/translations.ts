// Words of organisation names that Arabic and Persian TRANSLATE rather than transliterate: the
// lists print "NATIONAL IRANIAN OIL COMPANY", a payment from Tehran says شرکت ملی نفت ایران.
// Transliteration cannot bridge a translation, so these common words carry their English
// counterparts. Small on purpose: only words of state bodies, banks, industry and armed groups
// that recur in sanctioned names; proper names are never translated.
import { unifyArabicLetters } from './arabic-letters.js';

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

const englishOf: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [english, words] of Object.entries(dictionary)) {
    for (const word of words) {
      const key = unifyArabicLetters(word);
      // the article is split off by normalisation: index the bare word
      const bare = key.startsWith('ال') && key.length > 4 ? key.slice(2) : key;
      map.set(bare, [...(map.get(bare) ?? []), english]);
    }
  }
  return map;
})();

/** English words a normalised Arabic-script token translates to (empty when it is not in the dictionary). */
export function englishTranslations(arabicToken: string): readonly string[] {
  return englishOf.get(arabicToken) ?? [];
}

/** A translated word is strong evidence of the same word, but less than a spelling of it. */
export const translationSimilarity = 0.95;
