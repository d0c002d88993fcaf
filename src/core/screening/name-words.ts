// Words that are part of how a name is written but say little about who it is: articles and
// kinship particles (al-, bin, abu), honorifics (Sheikh, Hajji, Sayyed, Dr) and legal forms
// (LLC, Co., شركة). They are kept as tokens with a low weight — dropping them blindly would let
// "Bank Melli" match "Melli" as well as "Bank Melli" — and each variant spelling is mapped to
// one canonical word so that "Shaykh", "Sheikh" and "شيخ" are the same token.

export type NameWordRole = 'particle' | 'honorific' | 'legal-form';

export interface NameWord {
  readonly canonical: string;
  readonly role: NameWordRole;
  /** multiplies the token's rarity weight: small for words that rarely tell people apart */
  readonly weightFactor: number;
}

function words(
  role: NameWordRole,
  weightFactor: number,
  groups: Record<string, readonly string[]>,
) {
  const out: Array<[string, NameWord]> = [];
  for (const [canonical, spellings] of Object.entries(groups)) {
    for (const spelling of [canonical, ...spellings])
      out.push([spelling, { canonical, role, weightFactor }]);
  }
  return out;
}

// Arabic spellings are given after letter unification (ة → ه, ی → ي, أ → ا).
const table = new Map<string, NameWord>([
  ...words('particle', 0.15, {
    al: ['el', 'ul', 'il', 'ال'],
    bin: ['ibn', 'ben', 'bn', 'ebn', 'bin', 'بن', 'ابن'],
    bint: ['binti', 'bent', 'بنت'],
    ould: ['wuld', 'walad', 'ولد'],
    // function words of organisation names, one low-weight token whatever the language
    and: ['wa', 'و', 'et', 'und'],
    of: ['for', 'the', 'in', 'on', 'at', 'to', 'fi', 'في'],
    // the Persian ezafe written as a word (SEPAH-E PASDARAN, MELLI-YE)
    e: ['ye', 'yi'],
    de: ['da', 'di', 'do', 'du', 'van', 'von', 'der', 'del', 'la', 'le'],
  }),
  ...words('particle', 0.5, {
    abu: ['abou', 'abo', 'ابو', 'ابي'],
    umm: ['um', 'om', 'omm', 'ام'],
    abd: ['abdul', 'abdel', 'abdol', 'abdal', 'عبد'],
  }),
  ...words('honorific', 0.1, {
    sheikh: ['shaikh', 'sheik', 'shaykh', 'shaik', 'cheikh', 'sheykh', 'shekh', 'شيخ'],
    hajji: ['haj', 'hajj', 'haji', 'hadji', 'hadj', 'alhaj', 'alhajj', 'حاج', 'حاجي', 'حجي'],
    sayyid: ['sayed', 'sayyed', 'seyed', 'seyyed', 'sayid', 'syed', 'seyyid', 'سيد'],
    mr: ['mister', 'mrs', 'ms', 'miss', 'sir', 'madam'],
    dr: ['doctor', 'prof', 'professor', 'دكتور', 'الدكتور'],
    mullah: ['mulla', 'mollah', 'molla', 'ملا'],
    mawlawi: ['maulawi', 'maulvi', 'maulavi', 'mawlavi', 'molavi', 'مولوي'],
    qari: ['قاري'],
    ayatollah: ['ayatullah', 'ايتالله'],
    hojatoleslam: ['hojjatoleslam', 'حجتالاسلام'],
    general: ['gen', 'brigadier', 'colonel', 'col', 'major', 'captain', 'capt', 'sardar', 'سردار'],
  }),
  ...words('legal-form', 0.1, {
    company: ['co', 'comp', 'cie', 'شركه', 'شركت'],
    llc: ['llp', 'lp', 'pllc', 'ooo', 'tov', 'too'],
    limited: ['ltd', 'محدوده'],
    incorporated: ['inc'],
    corporation: ['corp'],
    plc: ['pte', 'pty', 'bhd', 'sdn'],
    ag: [],
    gmbh: ['gesellschaft'],
    sa: ['sarl', 'sas', 'spa', 'srl', 'sl', 'sac', 'sae'],
    bv: ['nv', 'ab', 'as', 'oy', 'kg', 'aps'],
    jsc: ['ojsc', 'pjsc', 'cjsc', 'oao', 'zao', 'pao', 'ao', 'jscb', 'ojsc'],
    fze: ['fzco', 'fzc', 'fzllc', 'dmcc'],
    establishment: ['est', 'etablissement', 'موسسه'],
    group: ['مجموعه'],
  }),
  // Words of legal forms written out ("LIMITED LIABILITY COMPANY X", "OPEN JOINT STOCK COMPANY",
  // "AKTSIONERNOE OBSHCHESTVO", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU"): each word is a
  // low-weight token of its own, so the long form, the abbreviation (LLC, OAO) and a misspelt or
  // reordered long form all leave only low-weight tokens unmatched.
  ...words('legal-form', 0.1, {
    liability: [],
    joint: [],
    stock: [],
    open: ['otkrytoe'],
    closed: ['zakrytoe'],
    public: ['publichnoe'],
    obshchestvo: ['obshestvo'],
    aktsionernoe: ['aktsionernoye'],
    ogranichennoi: ['ogranichennoy'],
    otvetstvennostyu: [],
    aktiengesellschaft: [],
    anonyme: ['anonima'],
    societe: ['sociedad', 'societatea'],
  }),
]);

export function nameWord(token: string): NameWord | undefined {
  return table.get(token);
}

/** Articles written hyphenated before a name in romanised Arabic ("ash-Shater", "ad-Din"). */
export const hyphenatedArticles = new Set([
  'al',
  'el',
  'ul',
  'il',
  'ud',
  'ar',
  'as',
  'ash',
  'ad',
  'an',
  'at',
  'az',
  'adh',
  'ath',
  'ed',
  'es',
  'er',
  'en',
  'et',
]);

/** Standalone spellings of "Allah" in compound names (Hidayat Ullah, Abd Allah), one canonical token. */
export const allahSpellings = new Set([
  'allah',
  'ullah',
  'ollah',
  'illah',
  'alla',
  'ulla',
  'olla',
  'lah',
  'llah',
]);

/** Spellings of word-final "-ullah" (Hedayatullah, Ruhollah) split off into a separate "allah" token. */
export const allahSuffix = /^(.{2,}?)(?:u|o|a|i|e)?llah?$/;
/** Spellings of word-final "-uddin" (Saifuddin, Nooruddin, Alaeddine) split into name + "din". */
export const dinSuffix = /^(.{3,}?)(?:ud|ed|od|ad|id|ul|el|al)-?d[iy]ne?$/;
/** "Eddin", "Eldin", "Uddin" written as a word of their own (NOR ELDIN): the article and din. */
export const articleDin = /^(?:ud|ed|od|ad|id|ul|el|al)d[iy]ne?$/;
/**
 * Abu written onto the name (ABUBAKAR, ABOUTALEB, ABUZAID), as Arabic writes ابوبكر: abu + a
 * name of 4+ letters that starts with a consonant (ABOUD and ABUKAR are names of their own).
 * Abu + article (ABOLFAZL, ABULGHASEM) is abu + al + name, read so only before a consonant: a
 * vowel after the l leaves it the name's (ABULAIL is Abu Lail).
 */
export const abuCompound = /^(?:abu|abou|abo)(?:(l)(?=[^aeiouy]))?([^aeiouy].{3,})$/;
/**
 * The article joined with its l and the sun letter it assimilates to written double (ELSSEID for
 * الصيد, ALRRAFIDAYN): al + the name with one letter. ALL-/ELL- are names (Allen, Ellis).
 */
export const assimilatedArticle = /^(?:al|el)(sh|th|dh|[tdrzsn])\1(.{2,})$/;
/**
 * Word-final "-urrahman" of South Asian and Afghan compounds (Azizurrahman, Ataurrahman,
 * Habiburrehman) split into name + "rahman", as عزيز الرحمن is عزيز + al + رحمن; the article's
 * vowel and assimilated r go with it. Abd compounds are read first (abd + rahman).
 */
export const rahmanSuffix = /^(.{3,}?)(?:ur|ul|ir|ar|u|i|e|o|a)r?(r[ae]hm[ae]n)$/;
