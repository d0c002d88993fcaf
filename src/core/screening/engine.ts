// The screening engine: pure functions over plain list data. Build an index once per list
// snapshot; screen names against it. No clock, file system or environment is touched here.
import { DomainError } from '../domain-error.js';
import {
  buildCandidateIndex,
  phoneticDeletions,
  skeletonDeletions,
  tokenSkeletons,
  vocabKey,
  type CandidateIndex,
} from './candidate-index.js';
import type { ListEntry, ListSource, PartyKind } from './entry.js';
import {
  birthYearMatchBonus,
  identifierMatchBonus,
  nationalityMatchBonus,
  weighEvidence,
  type QueryFacts,
} from './evidence.js';
import { explainHit, type HitExplanation } from './explain.js';
import { tokenizeName, tokenizeNameWords, type NameToken } from './normalize.js';
import { latinPhonetic } from './phonetic-key.js';
import { extraQueryTokenPenalty, scoreName, scoreNameValue, tokenSimilarityMin } from './score.js';
import { defaultTranslitModel } from './translit-default.js';
import { encodeLatin, prepareArabic, type TranslitModel } from './translit-model.js';
import {
  englishTranslations,
  isArabicOrgWord,
  isEnglishOrgWord,
  isPlaceWord,
  placeTranslations,
  translationSimilarity,
} from './translations.js';
import {
  matchMethod,
  tokenSimilarity,
  tokenSimilarityValue,
  type TokenSimilarity,
} from './token-similarity.js';

/**
 * Score at and above which a hit raises an alert. Chosen on the measurements in
 * docs/screening.md ("Choosing the threshold"): the lowest value that keeps the alert rate on
 * generated non-listed names under 1% while finding ≥ 95% of perturbed listed names.
 */
export const defaultAlertThreshold = 0.78;
/** Most that supporting evidence (identifier, birth year, nationality) can add to a name score. */
const evidenceBonusMax = identifierMatchBonus + birthYearMatchBonus + nationalityMatchBonus;
/** Hits returned at most per query, best first. */
export const hitsLimitDefault = 20;
export const hitsLimitMax = 1_000;
/** Vocabulary tokens compared with one query token at most (bounds work on very short keys). */
export const vocabCandidatesPerTokenMax = 3_000;
/** A query token whose matches are used by more names than this seeds candidates only if no query token is more selective. */
export const postingsScanMax = 600;
/** Candidate names scored per query at most. */
export const candidateNamesMax = 20_000;

export interface ScreeningIndex {
  readonly candidates: CandidateIndex;
  readonly model: TranslitModel;
  /**
   * Memo of query-token matches. Names repeat tokens endlessly (Mohammad, Ali, Hassan), and a
   * token's matches depend only on the index, so results are reused; cleared when full. It never
   * changes a result, only how fast it comes.
   */
  readonly tokenMatchMemo: Map<string, TokenMatches>;
}

/** Memoised query tokens at most before the memo is cleared (bounds memory). */
export const tokenMatchMemoMax = 50_000;

export interface TokenMatches {
  readonly matches: ReadonlyMap<number, TokenSimilarity>;
  readonly best: { readonly similarity: number; readonly weight: number } | undefined;
}

export interface ScreeningQuery extends QueryFacts {
  readonly name: string;
}

export interface ScreeningOptions {
  readonly threshold?: number;
  readonly limit?: number;
}

export interface ScreeningHit {
  readonly source: ListSource;
  readonly entryId: string;
  readonly entryKind: PartyKind;
  readonly matchedName: string;
  readonly score: number;
  readonly explanation: HitExplanation;
}

export function buildScreeningIndex(entries: readonly ListEntry[]): ScreeningIndex {
  return screeningIndexOf(buildCandidateIndex(entries));
}

/** The index around a candidate index built earlier (read back from a cache, for example). */
export function screeningIndexOf(candidates: CandidateIndex): ScreeningIndex {
  // organisation words are weighed apart when a translated name meets them (score.ts)
  for (const token of candidates.vocab)
    if (token.script === 'latin' && isEnglishOrgWord(token.text)) token.orgWord = true;
  return { candidates, model: defaultTranslitModel(), tokenMatchMemo: new Map() };
}

interface QueryToken {
  readonly role: NameToken['role'];
  readonly token: NameToken;
  readonly weight: number;
  readonly matches: ReadonlyMap<number, TokenSimilarity>;
  readonly script: NameToken['script'];
  /** the token is itself a word the lists use (score.ts: a look-alike of it is another name) */
  readonly listedWord: boolean;
  /** half of a word the engine split (score.ts: charged in full when left over) */
  readonly piece?: boolean;
  /** an Arabic-script word the organisation vocabulary translates (score.ts) */
  readonly orgWord?: boolean;
}

// Two reaches. Narrow: the exact vocabulary token, the phonetic spelling one edit away
// (SymSpell), the same consonant skeleton (spelling variants such as Mohammed/Muhammad, two vowels
// apart). Wide, only for a token the narrow reach found nothing close to (typically a typo, or an
// Arabic-script token): skeletons with a consonant more or less, and replaced in long skeletons.
function candidateVocab(index: CandidateIndex, token: NameToken, wide: boolean): Set<number> {
  const ids = new Set<number>();
  const exact = index.vocabByKey.get(vocabKey(token.script, token.text));
  if (exact !== undefined) ids.add(exact);
  if (token.role !== 'name') return ids;
  const add = (list: readonly number[] | undefined) => {
    if (list === undefined) return;
    for (const id of list) {
      if (ids.size >= vocabCandidatesPerTokenMax) return;
      ids.add(id);
    }
  };
  if (token.script === 'latin')
    for (const variant of phoneticDeletions(latinPhonetic(token.text)))
      add(index.byPhoneticDeletion.get(variant));
  if (wide && token.script === 'latin')
    for (const variant of phoneticDeletions(token.text)) add(index.byTextDeletion.get(variant));
  for (const skeleton of tokenSkeletons(token)) {
    add(index.bySkeleton.get(skeleton));
    if (!wide) continue;
    add(index.bySkeletonDeletion.get(skeleton));
    if (skeleton.length < skeletonTypoLengthMin) continue;
    for (const deletion of skeletonDeletions(skeleton)) {
      add(index.bySkeleton.get(deletion));
      // a replaced consonant only in long skeletons: in a short one it makes another real name
      // (Rami/Rafi) and floods the comparison with candidates
      if (skeleton.length >= skeletonSubstitutionLengthMin)
        add(index.bySkeletonDeletion.get(deletion));
    }
  }
  return ids;
}

/** A narrow reach whose best match is below this similarity is widened. */
export const wideReachBelowSimilarity = 0.9;

/** A name token is taken for a misspelt legal form or honorific only when this similar to it. */
export const crossRoleSimilarityMin = 0.8;

/** Skeletons at least this long are also searched with one consonant deleted or replaced. */
export const skeletonTypoLengthMin = 3;
/** Skeletons at least this long are also searched with one consonant replaced. */
export const skeletonSubstitutionLengthMin = 4;

function findTokenMatches(index: ScreeningIndex, token: NameToken): TokenMatches {
  const comparable = {
    text: token.text,
    script: token.script,
    phonetic: token.script === 'latin' ? latinPhonetic(token.text) : '',
    latinCodes: token.script === 'latin' ? encodeLatin(token.text) : undefined,
    arabicRows: token.script === 'arabic' ? prepareArabic(index.model, token.text) : undefined,
  };
  const matches = new Map<number, TokenSimilarity>();
  let best: { similarity: number; weight: number } | undefined;
  const narrow = candidateVocab(index.candidates, token, false);
  const compare = (ids: Iterable<number>) => {
    for (const id of ids) {
      const listed = index.candidates.vocab[id]!;
      // a misspelt legal form or honorific ("COMuANY") is still that word; the reverse is not tried
      if (listed.role !== token.role && token.role !== 'name') continue;
      // a name is never taken for a title or particle (Saeed is not Sayyid, Abo not Abu-the-word)
      if (listed.role !== token.role && listed.role !== 'legal-form') continue;
      const value = tokenSimilarityValue(index.model, comparable, listed, tokenSimilarityMin);
      if (value < (listed.role === token.role ? tokenSimilarityMin : crossRoleSimilarityMin))
        continue;
      matches.set(id, { similarity: value, method: matchMethod(comparable, listed) });
      if (best === undefined || value > best.similarity)
        best = { similarity: value, weight: listed.weight };
    }
  };
  compare(narrow);
  // an Arabic-script token is always widened: its listed renderings differ in more than spelling
  if (
    token.role === 'name' &&
    (token.script === 'arabic' || best === undefined || best.similarity < wideReachBelowSimilarity)
  ) {
    compare([...candidateVocab(index.candidates, token, true)].filter((id) => !narrow.has(id)));
  }
  // translations last: a loanword's weak transliteration (اسلامي → ISLAMIC 0.78) gives way to it
  if (token.script === 'arabic') {
    const translations = [
      // the hand list holds a few place names (ایران): those are weighed as places
      ...englishTranslations(token.text).map(
        (english) => [english, isPlaceWord(english) ? 'place-translation' : 'translation'] as const,
      ),
      ...placeTranslations(token.text).map((english) => [english, 'place-translation'] as const),
    ];
    for (const [english, method] of translations) {
      const id = index.candidates.vocabByKey.get(vocabKey('latin', english));
      if (id === undefined || (matches.get(id)?.similarity ?? 0) >= translationSimilarity) continue;
      matches.set(id, { similarity: translationSimilarity, method });
      const listed = index.candidates.vocab[id]!;
      if (best === undefined || translationSimilarity > best.similarity)
        best = { similarity: translationSimilarity, weight: listed.weight };
    }
  }
  return { matches, best };
}

/** Memo key of a query token (its matches do not depend on its weight factor). */
export const tokenMatchKey = (token: Pick<NameToken, 'role' | 'script' | 'text'>) =>
  `${token.role}:${token.script}:${token.text}`;

/** The token's matches, computed and memoised when new (token-match-cache.ts precomputes them). */
export function tokenMatchesOf(index: ScreeningIndex, token: NameToken): TokenMatches {
  const key = tokenMatchKey(token);
  let found = index.tokenMatchMemo.get(key);
  if (found === undefined) {
    found = findTokenMatches(index, token);
    if (index.tokenMatchMemo.size >= tokenMatchMemoMax) index.tokenMatchMemo.clear();
    index.tokenMatchMemo.set(key, found);
  }
  return found;
}

function matchQueryToken(index: ScreeningIndex, token: NameToken): QueryToken {
  const { best, matches } = tokenMatchesOf(index, token);
  // a token the lists do not use is rare for them; one they use weighs what it weighs there
  const rarity =
    best === undefined
      ? 1
      : (best.similarity * best.weight) / token.weightFactor + (1 - best.similarity);
  const listedWord = index.candidates.vocabByKey.has(vocabKey(token.script, token.text));
  const orgWord = token.script === 'arabic' && token.role === 'name' && isArabicOrgWord(token.text);
  return {
    role: token.role,
    token,
    weight: token.weightFactor * Math.min(1, rarity),
    matches,
    script: token.script,
    listedWord,
    orgWord,
  };
}

/** A Latin token this long that matches nothing is tried as two names written together. */
export const concatenatedTokenLengthMin = 7;
/**
 * The same for an Arabic-script token, in the looser reading only: Arabic writes short vowels
 * not at all, so two names run together (ظاهرعويس, خدايرحيم) are shorter than in Latin.
 */
export const concatenatedArabicLengthMin = 6;
/** Each half of a split token must match a listed token at least this well. */
export const splitHalfSimilarityMin = 0.9;

// "RamiMakhlouf", "SergeiLavrov": names run together (by a form, or to dodge screening). Tried only
// for a long token that matches nothing, and kept only when both halves match listed tokens well.
// Each half is read as the lists' words are (normalize.ts): محمدعبد is محمد + abd, بنحسين is
// bin + حسين, so a half may be a particle, which then needs no match of its own. A two-letter
// half only as a leading particle (بن, al).
function splitConcatenated(index: ScreeningIndex, token: NameToken): QueryToken[] | undefined {
  let best: { parts: QueryToken[]; similarity: number } | undefined;
  for (let at = 2; at <= token.text.length - 3; at++) {
    // the second half is read only when the first is good enough (most splits stop here)
    const first = halfTokens(index, token.text.slice(0, at), token.script);
    if (first === undefined) continue;
    if (at === 2 && first.some((t) => t.role === 'name')) continue;
    if (first.some((t) => t.role === 'name' && bestSimilarity(t) < splitHalfSimilarityMin))
      continue;
    const second = halfTokens(index, token.text.slice(at), token.script);
    if (second === undefined) continue;
    const halves = [first, second];
    const names = halves.flatMap((half) => half.filter((t) => t.role === 'name'));
    const similarities = names.map(bestSimilarity);
    if (names.length === 0 || similarities.some((s) => s < splitHalfSimilarityMin)) continue;
    const similarity = similarities.reduce((sum, s) => sum + s, 0) / names.length;
    if (best === undefined || similarity > best.similarity)
      best = { parts: halves.flat(), similarity };
  }
  return best?.parts.map((part) => (part.role === 'name' ? { ...part, piece: true } : part));
}

// a half as tokens: one name token, or the tokens normalisation reads it as (particle + name)
function halfTokens(
  index: ScreeningIndex,
  text: string,
  script: NameToken['script'],
): QueryToken[] | undefined {
  const tokens = tokenizeName(text);
  if (tokens.length === 0 || tokens.some((t) => t.role === 'name' && t.script !== script))
    return undefined;
  // legal forms joined on are splitJoinedLegalForm's, with its stricter rule on short forms
  if (tokens.some((t) => t.role === 'legal-form')) return undefined;
  if (tokens.length === 1 && tokens[0]!.role === 'name')
    return [matchQueryToken(index, { text, script, role: 'name', weightFactor: 1 })];
  return tokens.map((t) => matchQueryToken(index, t));
}

/** A shorter Latin token is tried, in the looser reading, as a particle joined to a name. */
export const particleJoinedLengthMin = 5;

// "DEORO" (DE ORO), "DELMAR" (DEL MAR), "ELHASSAN": a particle of 2–4 letters before a name of
// three letters or more that is a word of the lists exactly (a near match is another word).
function splitLeadingParticle(index: ScreeningIndex, token: NameToken): QueryToken[] | undefined {
  for (let at = 2; at <= Math.min(4, token.text.length - 3); at++) {
    const particle = tokenizeName(token.text.slice(0, at));
    if (particle.length !== 1 || particle[0]!.role !== 'particle') continue;
    const rest = token.text.slice(at);
    const id = index.candidates.vocabByKey.get(vocabKey('latin', rest));
    if (id === undefined || index.candidates.vocab[id]!.role !== 'name') continue;
    return [
      matchQueryToken(index, particle[0]!),
      {
        ...matchQueryToken(index, { text: rest, script: 'latin', role: 'name', weightFactor: 1 }),
        piece: true,
      },
    ];
  }
  return undefined;
}

/** A Latin token this long that matches nothing is tried as a name with a legal form joined on. */
export const joinedLegalFormTokenLengthMin = 5;
/**
 * A legal form is split off a joined word only when no name ends or starts so: four letters or
 * more (corp, fzco, cjsc, limited), or three without a vowel among consonants (ltd, llc, jsc).
 * Shorter or vowelled forms are how names end (Eli+as, Ern+est, Mat+too, Mou+sa).
 */
const splittableLegalForm = (form: string) =>
  form.length >= 4 || /^(?:[^aeiouy]{3}|[aeiou]{3})$/.test(form);

// "HOLDINGSLTD", "CJSCAKUTA", "LUMINOROY", "PTELTD": a legal form written onto a name. Tried for
// a Latin token that matches nothing; kept when what remains reads as listed words (each name
// word matching a listed token at splitHalfSimilarityMin) or as legal forms itself.
function splitJoinedLegalForm(index: ScreeningIndex, token: NameToken): QueryToken[] | undefined {
  if (token.script !== 'latin' || token.role !== 'name') return undefined;
  const text = token.text;
  let best: { parts: QueryToken[]; similarity: number } | undefined;
  for (let at = 2; at <= text.length - 2; at++) {
    for (const formFirst of [false, true]) {
      const [form, rest] = formFirst
        ? [text.slice(0, at), text.slice(at)]
        : [text.slice(at), text.slice(0, at)];
      if (!splittableLegalForm(form)) continue;
      const formTokens = tokenizeName(form);
      if (formTokens.length !== 1 || formTokens[0]!.role !== 'legal-form') continue;
      const restTokens = tokenizeName(rest).map((t) => matchQueryToken(index, t));
      const names = restTokens.filter((t) => t.role === 'name');
      const similarity = Math.min(1, ...names.map(bestSimilarity));
      if (restTokens.length === 0 || similarity < splitHalfSimilarityMin) continue;
      const formToken = matchQueryToken(index, formTokens[0]!);
      const pieces = restTokens.map((t) => (t.role === 'name' ? { ...t, piece: true } : t));
      const parts = formFirst ? [formToken, ...pieces] : [...pieces, formToken];
      if (best === undefined || similarity > best.similarity) best = { parts, similarity };
    }
  }
  return best?.parts;
}

/** A word written in two pieces is rejoined only when the joined form matches a listed token this well. */
export const rejoinedSimilarityMin = 0.9;
/** Joined pieces are at least this long (shorter joins make new short names, not old ones). */
export const rejoinedLengthMin = 5;
/** The same in Arabic script, which leaves short vowels unwritten (عمری is Omari, نوری Nouri). */
export const rejoinedArabicLengthMin = 4;

/**
 * Persian suffixes a space splits off a word (ی, ای, یی; the plural ها, های), as normalised
 * (ی unified to ي). Only these are no word by themselves: a short name (كل, Gul) is a word.
 */
export const persianSuffixes: ReadonlySet<string> = new Set(['ي', 'اي', 'يي', 'ها', 'هاي']);
/** In the looser reading any Arabic-script piece this short may be a suffix (صدیق مل, Siddiqmal). */
export const arabicSuffixLengthMax = 2;
// how good a word a piece is by itself: a lone Persian suffix after a word is none; the looser
// reading also takes any two-letter piece for one (the strict one keeps كل اغا, Gul Agha)
const pieceStrength = (token: QueryToken, second: boolean, loose: boolean) => {
  if (token.token.script !== 'arabic') return bestSimilarity(token);
  if (second && persianSuffixes.has(token.token.text)) return 0;
  return loose && [...token.token.text].length <= arabicSuffixLengthMax ? 0 : bestSimilarity(token);
};

// a loop, not Math.max over a spread copy: this runs for every split and rejoin tried
const bestSimilarity = (token: QueryToken) => {
  let best = 0;
  for (const match of token.matches.values()) if (match.similarity > best) best = match.similarity;
  return best;
};

// "Khame nei", "Khame-nei", "Sham.khani", خامنه ای (a Persian compound typed with a space instead
// of the zero-width non-joiner, which normalisation removes, so the joined spelling is the ZWNJ
// one): two adjacent name pieces of one script are read as one word when the joined form matches
// a listed token well. Across a space or hyphen only when one piece is no good word by itself;
// pieces of one dotted word even when each is a listed word, if the joined form does as well.
const isParticleAndName = (a: QueryToken, b: QueryToken) =>
  a.token.script === 'latin' &&
  b.token.script === 'latin' &&
  ((a.role === 'particle' && b.role === 'name') || (a.role === 'name' && b.role === 'particle'));

function rejoinPieces(
  index: ScreeningIndex,
  tokens: QueryToken[],
  wordOf: readonly number[],
  loose: boolean,
): QueryToken[] {
  const out: QueryToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1];
    // the looser reading also rejoins a name split where a piece reads as a particle ("Ben jamin",
    // "Alexan der"), as written, when the joined word is a word of the lists
    if (loose && b !== undefined && isParticleAndName(a, b)) {
      const text = (a.token.written ?? a.token.text) + (b.token.written ?? b.token.text);
      const listed =
        text.length >= rejoinedLengthMin &&
        index.candidates.vocabByKey.has(vocabKey('latin', text));
      const joined = listed ? rejoinedTokens(index, text, 'latin') : [];
      if (joined.length === 1 && joined[0]!.role === 'name' && bestSimilarity(joined[0]!) === 1) {
        out.push(joined[0]!);
        i++;
        continue;
      }
    }
    if (
      b !== undefined &&
      a.role === 'name' &&
      b.role === 'name' &&
      a.token.script === b.token.script
    ) {
      const text = a.token.text + b.token.text;
      const [bestA, bestB] = [pieceStrength(a, false, loose), pieceStrength(b, true, loose)];
      // within one written word the joined form must do as well as the better piece; across a
      // space, one piece must be no good word by itself (نفت ایران stays two words)
      const listedJoined = loose && index.candidates.vocabByKey.has(vocabKey(a.token.script, text));
      const worthTrying =
        wordOf[i] === wordOf[i + 1] ||
        listedJoined ||
        Math.min(bestA, bestB) < (loose ? 1 : rejoinedSimilarityMin);
      const lengthMin = a.token.script === 'arabic' ? rejoinedArabicLengthMin : rejoinedLengthMin;
      if (text.length >= lengthMin && worthTrying) {
        // pieces of one written word are that word (the tokenizer already split it as it must)
        const joined =
          wordOf[i] === wordOf[i + 1]
            ? [
                matchQueryToken(index, {
                  text,
                  script: a.token.script,
                  role: 'name',
                  weightFactor: 1,
                }),
              ]
            : rejoinedTokens(index, text, a.token.script);
        const similarity = Math.min(...joined.filter((t) => t.role === 'name').map(bestSimilarity));
        const better =
          wordOf[i] === wordOf[i + 1]
            ? Math.max(bestA, bestB)
            : loose
              ? Math.min(bestA, bestB) + 1e-9
              : 0;
        // the looser reading also joins two good words into a word the lists hold as one
        // (Vladimir ovich → VLADIMIROVICH): that reading is tried beside the strict one
        const exact = listedJoined && similarity === 1;
        if (
          joined.length > 0 &&
          similarity >= rejoinedSimilarityMin &&
          (similarity >= better || exact)
        ) {
          out.push(...joined);
          i++;
          continue;
        }
      }
    }
    out.push(a);
  }
  return out;
}

// The joined word read as the lists' names are read: عبدالح + ی is عبدالحی, which the lists
// hold as abd + al + حی (normalize.ts splits article and compounds), never as one token.
function rejoinedTokens(
  index: ScreeningIndex,
  text: string,
  script: NameToken['script'],
): QueryToken[] {
  const tokens = tokenizeName(text);
  // particles come back canonical Latin ("al"); the name words must keep the pieces' script
  if (tokens.length <= 1 || tokens.some((t) => t.role === 'name' && t.script !== script)) {
    return [matchQueryToken(index, { text, script, role: 'name', weightFactor: 1 })];
  }
  return tokens.some((t) => t.role === 'name') ? tokens.map((t) => matchQueryToken(index, t)) : [];
}

function queryTokensOf(index: ScreeningIndex, name: string, loose = false): QueryToken[] {
  const out: QueryToken[] = [];
  const wordOf: number[] = [];
  tokenizeNameWords(name).forEach((word, wordIndex) => {
    for (const token of word) {
      const matched = matchQueryToken(index, token);
      const unmatched = loose
        ? bestSimilarity(matched) < rejoinedSimilarityMin
        : matched.matches.size === 0;
      const lengthMin =
        token.script === 'latin'
          ? concatenatedTokenLengthMin
          : loose
            ? concatenatedArabicLengthMin
            : Infinity;
      const joined = unmatched && token.role === 'name' && [...token.text].length >= lengthMin;
      const formJoined = unmatched && [...token.text].length >= joinedLegalFormTokenLengthMin;
      const legal = formJoined ? splitJoinedLegalForm(index, token) : undefined;
      // a short Latin word with an article or particle joined on (DEORO, DELMAR): looser reading
      const particled =
        loose &&
        unmatched &&
        !joined &&
        token.script === 'latin' &&
        token.role === 'name' &&
        token.text.length >= particleJoinedLengthMin;
      const parts =
        legal ??
        (joined
          ? splitConcatenated(index, token)
          : particled
            ? splitLeadingParticle(index, token)
            : undefined);
      for (const part of parts ?? [matched]) {
        out.push(part);
        // halves of a split token never rejoin (they were split because the whole matched nothing)
        wordOf.push(parts === undefined ? wordIndex : -1 - out.length);
      }
    }
  });
  return out.length > 1 ? rejoinPieces(index, out, wordOf, loose) : out;
}

// Names are seeded from the postings of the query's selective tokens only. A listed name that
// shares nothing but common tokens with a query that also has a selective token cannot score
// high (the unmatched selective token is charged in full), so skipping it loses no alert.
// Each candidate carries the bit set of the seeding query tokens that reached it.
interface Candidates {
  readonly hitMasks: Map<number, number>;
  /** bit set of the query tokens whose matches seeded candidates */
  readonly seededMask: number;
}

function candidateNames(index: CandidateIndex, queryTokens: readonly QueryToken[]): Candidates {
  const seeds: Array<{ postingsCount: number; ids: number[]; queryIndex: number }> = [];
  queryTokens.forEach((query, queryIndex) => {
    if (query.token.role !== 'name' || query.matches.size === 0 || queryIndex >= 31) return;
    const ids = [...query.matches.keys()];
    seeds.push({
      postingsCount: ids.reduce((sum, id) => sum + index.vocab[id]!.postings.length, 0),
      ids,
      queryIndex,
    });
  });
  const hitMasks = new Map<number, number>();
  if (seeds.length === 0) return { hitMasks, seededMask: 0 };
  seeds.sort((a, b) => a.postingsCount - b.postingsCount);
  const selective = seeds.filter((seed) => seed.postingsCount <= postingsScanMax);
  const chosen = selective.length > 0 ? selective : [seeds[0]!];
  let seededMask = 0;
  for (const seed of chosen) {
    const bit = 1 << seed.queryIndex;
    seededMask |= bit;
    for (const id of seed.ids) {
      for (const nameId of index.vocab[id]!.postings) {
        const mask = hitMasks.get(nameId);
        if (mask === undefined && hitMasks.size >= candidateNamesMax)
          return { hitMasks, seededMask };
        hitMasks.set(nameId, (mask ?? 0) | bit);
      }
    }
  }
  return { hitMasks, seededMask };
}

// The best a candidate could score given which seeding tokens reached it: query tokens that were
// seeded but did not reach it stay unmatched; all others are assumed to match perfectly.
function candidateUpperBound(
  queryTokens: readonly QueryToken[],
  hitMask: number,
  seededMask: number,
): number {
  let matchable = 0;
  let unmatched = 0;
  for (let i = 0; i < queryTokens.length; i++) {
    const bit = i < 31 ? 1 << i : 0;
    const missed = (seededMask & bit) !== 0 && (hitMask & bit) === 0;
    if (missed || queryTokens[i]!.matches.size === 0) unmatched += queryTokens[i]!.weight;
    else matchable += queryTokens[i]!.weight + 1;
  }
  return matchable === 0 ? 0 : matchable / (matchable + extraQueryTokenPenalty * unmatched);
}

// The best any listed name could do: every query token that matches something matches
// perfectly a token of weight 1, nothing listed is left over, and the tokens that match nothing
// at all are charged at the lowest rate. A query whose bound is under the threshold (a stranger
// who shares one common first name with the lists) needs no candidate scored at all.
function scoreUpperBound(queryTokens: readonly QueryToken[]): number {
  let matchable = 0;
  let unmatchable = 0;
  for (const query of queryTokens) {
    if (query.matches.size > 0) matchable += query.weight + 1;
    else unmatchable += query.weight;
  }
  if (matchable === 0) return 0;
  return matchable / (matchable + extraQueryTokenPenalty * unmatchable);
}

function queryEvidenceBonusMax(query: QueryFacts): number {
  return (
    ((query.identifiers?.length ?? 0) > 0 ? identifierMatchBonus : 0) +
    (query.birthDate !== undefined ? birthYearMatchBonus : 0) +
    (query.nationality !== undefined ? nationalityMatchBonus : 0)
  );
}

function validateOptions(options: ScreeningOptions): { threshold: number; limit: number } {
  const threshold = options.threshold ?? defaultAlertThreshold;
  const limit = options.limit ?? hitsLimitDefault;
  if (!(threshold >= 0 && threshold <= 1))
    throw new DomainError(
      'screening.threshold_invalid',
      `threshold must be within 0..1, got ${threshold}`,
      { field: 'threshold' },
    );
  if (!Number.isInteger(limit) || limit < 1 || limit > hitsLimitMax) {
    throw new DomainError(
      'screening.limit_invalid',
      `limit must be an integer within 1..${hitsLimitMax}, got ${limit}`,
      { field: 'limit' },
    );
  }
  return { threshold, limit };
}

/**
 * Screens one name; returns the hits at or above the threshold, best first, each explained.
 * A name whose pieces can also be read joined or split another way ("Khame nei", "AliKhamenei":
 * a word split or two words joined, as documents write them) is screened both ways; each entry
 * keeps its better reading. Both readings are names the query plausibly is.
 */
export function screenName(
  index: ScreeningIndex,
  query: ScreeningQuery,
  options: ScreeningOptions = {},
): ScreeningHit[] {
  const { threshold, limit } = validateOptions(options);
  const strict = queryTokensOf(index, query.name);
  const hits = screenTokens(index, query, strict, threshold, limit);
  const loose = queryTokensOf(index, query.name, true);
  if (loose.map((t) => t.token.text).join(' ') === strict.map((t) => t.token.text).join(' '))
    return hits;
  const best = new Map<string, ScreeningHit>();
  for (const hit of [...hits, ...screenTokens(index, query, loose, threshold, limit)]) {
    const key = `${hit.source}:${hit.entryId}`;
    const seen = best.get(key);
    if (seen === undefined || hit.score > seen.score) best.set(key, hit);
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.entryId.localeCompare(b.entryId))
    .slice(0, limit);
}

function screenTokens(
  index: ScreeningIndex,
  query: ScreeningQuery,
  queryTokens: QueryToken[],
  threshold: number,
  limit: number,
): ScreeningHit[] {
  if (queryTokens.length === 0) return [];
  const evidenceMax = queryEvidenceBonusMax(query);
  if (scoreUpperBound(queryTokens) + evidenceMax < threshold) return [];
  const { candidates } = index;
  const bestPerEntry = new Map<number, { nameId: number; score: number }>();
  let tokenIds: readonly number[] = [];
  const cell = (i: number, j: number) => queryTokens[i]!.matches.get(tokenIds[j]!);
  // per matched listed token, its similarity to each query token: one lookup per listed token
  const columns = new Map<number, Float64Array>();
  queryTokens.forEach((query, i) => {
    for (const [id, match] of query.matches) {
      let column = columns.get(id);
      if (column === undefined) columns.set(id, (column = new Float64Array(queryTokens.length)));
      column[i] = match.similarity >= tokenSimilarityMin ? match.similarity : 0;
    }
  });
  const column = (j: number) => columns.get(tokenIds[j]!);
  // which of those similarities are translations of organisation words (score.ts weighs them apart)
  const translatedColumns = new Map<number, Uint8Array>();
  queryTokens.forEach((query, i) => {
    for (const [id, match] of query.matches) {
      if (match.method !== 'translation') continue;
      let flags = translatedColumns.get(id);
      if (flags === undefined)
        translatedColumns.set(id, (flags = new Uint8Array(queryTokens.length)));
      flags[i] = 1;
    }
  });
  const translatedColumn =
    translatedColumns.size === 0 ? undefined : (j: number) => translatedColumns.get(tokenIds[j]!);
  const { hitMasks, seededMask } = candidateNames(candidates, queryTokens);
  for (const [nameId, hitMask] of hitMasks) {
    if (candidateUpperBound(queryTokens, hitMask, seededMask) + evidenceMax < threshold) continue;
    const name = candidates.names[nameId]!;
    tokenIds = name.tokenIds;
    const score = scoreNameValue(queryTokens, name.listedTokens, column, translatedColumn);
    const seen = bestPerEntry.get(name.entryIndex);
    if (seen === undefined || score > seen.score)
      bestPerEntry.set(name.entryIndex, { nameId, score });
  }
  const hits: ScreeningHit[] = [];
  for (const [entryIndex, { nameId, score: nameScoreValue }] of bestPerEntry) {
    // evidence can add at most identifierMatchBonus + a few points; skip what cannot reach the bar
    if (nameScoreValue + evidenceBonusMax < threshold) continue;
    const entry = candidates.entries[entryIndex]!;
    const evidence = weighEvidence(query, entry);
    const score = Math.max(
      0,
      Math.min(1, nameScoreValue + evidence.reduce((sum, note) => sum + note.delta, 0)),
    );
    if (score < threshold) continue;
    tokenIds = candidates.names[nameId]!.tokenIds;
    const nameScore = scoreName(queryTokens, candidates.names[nameId]!.listedTokens, cell, true);
    const name = candidates.names[nameId]!;
    hits.push({
      source: entry.source,
      entryId: entry.entryId,
      entryKind: entry.kind,
      matchedName: name.text,
      score,
      explanation: explainHit({
        matchedName: name.text,
        matchedNameKind: name.kind,
        queryTokens: queryTokens.map((q) => ({ text: q.token.text, weight: q.weight })),
        listedTokens: name.tokenIds.map((id) => candidates.vocab[id]!),
        nameScore,
        evidence,
        finalScore: score,
      }),
    });
  }
  hits.sort((a, b) => b.score - a.score || a.entryId.localeCompare(b.entryId));
  return hits.slice(0, limit);
}

/**
 * Scores two names directly, without retrieval: the query against one listed name, with the
 * token weights of `index` (its lists' rarity). Used for pairwise evaluation and for showing a
 * reviewer why a given pair scores what it does.
 */
export function scoreNamePair(
  index: ScreeningIndex,
  queryName: string,
  listedName: string,
): { score: number; explanation: HitExplanation } {
  const queryTokens = queryTokensOf(index, queryName);
  const listed = tokenizeName(listedName).map((token) => {
    const known = index.candidates.vocabByKey.get(vocabKey(token.script, token.text));
    const weight =
      known === undefined
        ? matchQueryToken(index, token).weight
        : index.candidates.vocab[known]!.weight;
    return {
      known,
      token,
      role: token.role,
      script: token.script,
      weight,
      comparable: {
        text: token.text,
        script: token.script,
        phonetic: token.script === 'latin' ? latinPhonetic(token.text) : '',
      },
    };
  });
  const nameScore = scoreName(queryTokens, listed, (i, j) => {
    const query = queryTokens[i]!.token;
    // what screening found for this pair (translations included) comes first
    const found =
      listed[j]!.known === undefined ? undefined : queryTokens[i]!.matches.get(listed[j]!.known!);
    if (found !== undefined) return found;
    if (query.role !== listed[j]!.token.role) return undefined;
    const comparable = {
      text: query.text,
      script: query.script,
      phonetic: query.script === 'latin' ? latinPhonetic(query.text) : '',
    };
    return tokenSimilarity(index.model, comparable, listed[j]!.comparable, tokenSimilarityMin);
  });
  const explanation = explainHit({
    matchedName: listedName,
    matchedNameKind: 'primary',
    queryTokens: queryTokens.map((q) => ({ text: q.token.text, weight: q.weight })),
    listedTokens: listed.map((l) => ({ text: l.token.text, weight: l.weight })),
    nameScore,
    evidence: [],
    finalScore: nameScore.score,
  });
  return { score: nameScore.score, explanation };
}
