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
  givenNameMask,
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
import {
  listedBoundTokens,
  preparedScoreNameBound,
  queryBoundTokens,
  type BoundTokens,
} from './score-bound.js';
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
  type MatchMethod,
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
  /** Memo of hasMatchAtLeast for tokens not in tokenMatchMemo (same bound, same guarantee). */
  readonly strongMatchMemo: Map<string, boolean>;
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
  /**
   * Internal, for tests and benches: false scores every candidate name (no upper bound skips
   * any). The hits are the same either way; only the work differs.
   */
  readonly prune?: boolean;
  /** Internal, for benches: work counters, incremented by every query screened with it. */
  readonly work?: ScreeningWork;
}

/** What screening did, counted (deterministic, unlike time). */
export interface ScreeningWork {
  /** candidate names reached through the query tokens' postings */
  candidatesReached: number;
  /** candidate names whose score was computed (the others were skipped by an upper bound) */
  candidatesScored: number;
  /**
   * With `prune` false, the bound is computed beside every score and each name it puts under
   * the score is counted here (tests require 0: score-bound.ts must stay an upper bound).
   */
  boundViolations?: number;
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
  return {
    candidates,
    model: defaultTranslitModel(),
    tokenMatchMemo: new Map(),
    strongMatchMemo: new Map(),
  };
}

interface QueryToken {
  readonly role: NameToken['role'];
  readonly token: NameToken;
  /** the token's text again, as score.ts reads it (a word written twice is one name) */
  readonly text: string;
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

function comparableOf(index: ScreeningIndex, token: NameToken) {
  return {
    text: token.text,
    script: token.script,
    phonetic: token.script === 'latin' ? latinPhonetic(token.text) : '',
    latinCodes: token.script === 'latin' ? encodeLatin(token.text) : undefined,
    arabicRows: token.script === 'arabic' ? prepareArabic(index.model, token.text) : undefined,
  };
}

// the translations of an Arabic-script word that the vocabulary holds, with their method
function translationsOf(index: ScreeningIndex, token: NameToken) {
  if (token.script !== 'arabic') return [];
  const translations = [
    // the hand list holds a few place names (ایران): those are weighed as places
    ...englishTranslations(token.text).map(
      (english) => [english, isPlaceWord(english) ? 'place-translation' : 'translation'] as const,
    ),
    ...placeTranslations(token.text).map((english) => [english, 'place-translation'] as const),
  ];
  const out: Array<readonly [number, MatchMethod]> = [];
  for (const [english, method] of translations) {
    const id = index.candidates.vocabByKey.get(vocabKey('latin', english));
    if (id !== undefined) out.push([id, method]);
  }
  return out;
}

function findTokenMatches(index: ScreeningIndex, token: NameToken): TokenMatches {
  const comparable = comparableOf(index, token);
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
  for (const [id, method] of translationsOf(index, token)) {
    if ((matches.get(id)?.similarity ?? 0) >= translationSimilarity) continue;
    matches.set(id, { similarity: translationSimilarity, method });
    const listed = index.candidates.vocab[id]!;
    if (best === undefined || translationSimilarity > best.similarity)
      best = { similarity: translationSimilarity, weight: listed.weight };
  }
  return { matches, best };
}

/**
 * Whether the token's best match (findTokenMatches) is at least `similarityMin`, without
 * computing its matches: splits and rejoins try many pieces and joined words, and keep one only
 * when it matches a listed token this well, which most do not. The same vocabulary tokens are
 * compared as findTokenMatches compares, with the higher floor (each alignment stops as soon as
 * it cannot reach it) and only until one reaches it. Exact only for floors at or above
 * wideReachBelowSimilarity, since below it findTokenMatches widens on what it found.
 */
function hasMatchAtLeast(index: ScreeningIndex, token: NameToken, similarityMin: number): boolean {
  const key = tokenMatchKey(token);
  const known = index.tokenMatchMemo.get(key);
  if (known !== undefined || similarityMin < wideReachBelowSimilarity)
    return ((known ?? tokenMatchesOf(index, token)).best?.similarity ?? 0) >= similarityMin;
  const probeKey = `${similarityMin}:${key}`;
  const probed = index.strongMatchMemo.get(probeKey);
  if (probed !== undefined) return probed;
  const found = probeTokenMatches(index, token, similarityMin);
  if (index.strongMatchMemo.size >= tokenMatchMemoMax) index.strongMatchMemo.clear();
  index.strongMatchMemo.set(probeKey, found);
  return found;
}

function probeTokenMatches(index: ScreeningIndex, token: NameToken, similarityMin: number) {
  const comparable = comparableOf(index, token);
  const reaches = (ids: Iterable<number>) => {
    for (const id of ids) {
      const listed = index.candidates.vocab[id]!;
      // the role rules of findTokenMatches (their floors are under similarityMin)
      if (listed.role !== token.role && token.role !== 'name') continue;
      if (listed.role !== token.role && listed.role !== 'legal-form') continue;
      if (tokenSimilarityValue(index.model, comparable, listed, similarityMin) >= similarityMin)
        return true;
    }
    return false;
  };
  const narrow = candidateVocab(index.candidates, token, false);
  if (reaches(narrow)) return true;
  // nothing at the floor in the narrow reach: findTokenMatches widens (its best is under 0.9)
  if (
    token.role === 'name' &&
    reaches([...candidateVocab(index.candidates, token, true)].filter((id) => !narrow.has(id)))
  )
    return true;
  return translationSimilarity >= similarityMin && translationsOf(index, token).length > 0;
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
    text: token.text,
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
    // the second half is read only when the first is good enough (most splits stop here); a
    // half's matches are computed only once both are (hasMatchAtLeast answers the test first)
    const first = halfReading(token.text.slice(0, at), token.script);
    if (first === undefined) continue;
    if (at === 2 && first.some((t) => t.role === 'name')) continue;
    if (!strongNames(index, first, splitHalfSimilarityMin)) continue;
    const second = halfReading(token.text.slice(at), token.script);
    if (second === undefined || !strongNames(index, second, splitHalfSimilarityMin)) continue;
    const halves = [first, second].map((half) => half.map((t) => matchQueryToken(index, t)));
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
function halfReading(text: string, script: NameToken['script']): NameToken[] | undefined {
  const tokens = tokenizeName(text);
  if (tokens.length === 0 || tokens.some((t) => t.role === 'name' && t.script !== script))
    return undefined;
  // legal forms joined on are splitJoinedLegalForm's, with its stricter rule on short forms
  if (tokens.some((t) => t.role === 'legal-form')) return undefined;
  if (tokens.length === 1 && tokens[0]!.role === 'name')
    return [{ text, script, role: 'name', weightFactor: 1 }];
  return tokens;
}

// every name token of a reading matches a listed token at least this well
const strongNames = (index: ScreeningIndex, tokens: readonly NameToken[], similarityMin: number) =>
  tokens.every((t) => t.role !== 'name' || hasMatchAtLeast(index, t, similarityMin));

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
      const restReading = tokenizeName(rest);
      if (!strongNames(index, restReading, splitHalfSimilarityMin)) continue;
      const restTokens = restReading.map((t) => matchQueryToken(index, t));
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
        const reading: NameToken[] =
          wordOf[i] === wordOf[i + 1]
            ? [{ text, script: a.token.script, role: 'name', weightFactor: 1 }]
            : rejoinedReading(text, a.token.script);
        // a joined word is kept only when it matches at rejoinedSimilarityMin (below): most do not
        const joined = strongNames(index, reading, rejoinedSimilarityMin)
          ? reading.map((t) => matchQueryToken(index, t))
          : [];
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
  return rejoinedReading(text, script).map((t) => matchQueryToken(index, t));
}

function rejoinedReading(text: string, script: NameToken['script']): NameToken[] {
  const tokens = tokenizeName(text);
  // particles come back canonical Latin ("al"); the name words must keep the pieces' script
  if (tokens.length <= 1 || tokens.some((t) => t.role === 'name' && t.script !== script)) {
    return [{ text, script, role: 'name', weightFactor: 1 }];
  }
  return tokens.some((t) => t.role === 'name') ? tokens : [];
}

function queryTokensOf(
  index: ScreeningIndex,
  name: string,
  loose = false,
  // both readings start from the same words: normalisation runs once per query
  words: ReturnType<typeof tokenizeNameWords> = tokenizeNameWords(name),
): QueryToken[] {
  const out: QueryToken[] = [];
  const wordOf: number[] = [];
  words.forEach((word, wordIndex) => {
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
  /** how many names `reachedNames` holds, in the order they were reached */
  readonly count: number;
  /** bit set of the query tokens whose matches seeded candidates */
  readonly seededMask: number;
}

// Scratch space of screenTokens (one query at a time, never re-entered; grown to the index):
// per listed name the bit set of the seeding query tokens that reached it (0 = not reached), the
// names reached in order, and per vocabulary token 1 + its column slot (0 = no column). Typed
// arrays instead of maps: a query reaches up to candidateNamesMax names.
let nameMasks = new Int32Array(0);
const reachedNames = new Int32Array(candidateNamesMax);
let vocabSlots = new Int32Array(0);
let columnSimilarities = new Float64Array(0);
let columnTranslated = new Uint8Array(0);

// the vocabulary as score-bound.ts reads it, and every name's token ids end to end (name n's
// are nameTokenIds[nameTokenStarts[n] .. nameTokenStarts[n + 1])), once per index: weights and
// roles are final once screeningIndexOf has marked the organisation words
interface BoundIndex {
  readonly vocab: BoundTokens;
  readonly nameTokenStarts: Int32Array;
  readonly nameTokenIds: Int32Array;
}
const boundIndexMemo = new WeakMap<CandidateIndex, BoundIndex>();
function boundIndexOf(index: CandidateIndex): BoundIndex {
  let found = boundIndexMemo.get(index);
  if (found !== undefined) return found;
  const nameTokenStarts = new Int32Array(index.names.length + 1);
  index.names.forEach((name, n) => {
    nameTokenStarts[n + 1] = nameTokenStarts[n]! + name.tokenIds.length;
  });
  const nameTokenIds = new Int32Array(nameTokenStarts[index.names.length]!);
  index.names.forEach((name, n) => nameTokenIds.set(name.tokenIds, nameTokenStarts[n]));
  found = { vocab: listedBoundTokens(index.vocab), nameTokenStarts, nameTokenIds };
  boundIndexMemo.set(index, found);
  return found;
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
  if (seeds.length === 0) return { count: 0, seededMask: 0 };
  if (nameMasks.length < index.names.length) nameMasks = new Int32Array(index.names.length);
  seeds.sort((a, b) => a.postingsCount - b.postingsCount);
  const selective = seeds.filter((seed) => seed.postingsCount <= postingsScanMax);
  const chosen = selective.length > 0 ? selective : [seeds[0]!];
  let seededMask = 0;
  let count = 0;
  for (const seed of chosen) {
    const bit = 1 << seed.queryIndex;
    seededMask |= bit;
    for (const id of seed.ids) {
      for (const nameId of index.vocab[id]!.postings) {
        const mask = nameMasks[nameId]!;
        if (mask === 0) {
          if (count >= candidateNamesMax) return { count, seededMask };
          reachedNames[count++] = nameId;
        }
        nameMasks[nameId] = mask | bit;
      }
    }
  }
  return { count, seededMask };
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
  const run = { threshold, limit, prune: options.prune ?? true, work: options.work };
  const words = tokenizeNameWords(query.name);
  const strict = queryTokensOf(index, query.name, false, words);
  const hits = screenTokens(index, query, strict, run);
  const loose = queryTokensOf(index, query.name, true, words);
  if (loose.map((t) => t.token.text).join(' ') === strict.map((t) => t.token.text).join(' '))
    return hits;
  const best = new Map<string, ScreeningHit>();
  for (const hit of [...hits, ...screenTokens(index, query, loose, run)]) {
    const key = `${hit.source}:${hit.entryId}`;
    const seen = best.get(key);
    if (seen === undefined || hit.score > seen.score) best.set(key, hit);
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.entryId.localeCompare(b.entryId))
    .slice(0, limit);
}

interface ScreeningRun {
  readonly threshold: number;
  readonly limit: number;
  readonly prune: boolean;
  readonly work: ScreeningWork | undefined;
}

function screenTokens(
  index: ScreeningIndex,
  query: ScreeningQuery,
  queryTokens: QueryToken[],
  { threshold, limit, prune, work }: ScreeningRun,
): ScreeningHit[] {
  if (queryTokens.length === 0) return [];
  const evidenceMax = queryEvidenceBonusMax(query);
  if (prune && scoreUpperBound(queryTokens) + evidenceMax < threshold) return [];
  const { candidates } = index;
  const bestPerEntry = new Map<number, { nameId: number; score: number }>();
  let tokenIds: readonly number[] = [];
  const cell = (i: number, j: number) => queryTokens[i]!.matches.get(tokenIds[j]!);
  // per matched listed token, its similarity to each query token (a column of queryCount
  // values in columnSimilarities) and which of them are translations of organisation words
  // (score.ts weighs those apart): one lookup per listed token
  const queryCount = queryTokens.length;
  if (vocabSlots.length < candidates.vocab.length)
    vocabSlots = new Int32Array(candidates.vocab.length);
  const slotted: number[] = [];
  for (const query of queryTokens)
    for (const id of query.matches.keys())
      if (vocabSlots[id] === 0) {
        slotted.push(id);
        vocabSlots[id] = slotted.length;
      }
  if (columnSimilarities.length < slotted.length * queryCount) {
    columnSimilarities = new Float64Array(2 * slotted.length * queryCount);
    columnTranslated = new Uint8Array(2 * slotted.length * queryCount);
  }
  columnSimilarities.fill(0, 0, slotted.length * queryCount);
  columnTranslated.fill(0, 0, slotted.length * queryCount);
  let anyTranslated = false;
  queryTokens.forEach((query, i) => {
    for (const [id, match] of query.matches) {
      const at = (vocabSlots[id]! - 1) * queryCount + i;
      columnSimilarities[at] = match.similarity >= tokenSimilarityMin ? match.similarity : 0;
      if (match.method === 'translation') {
        columnTranslated[at] = 1;
        anyTranslated = true;
      }
    }
  });
  const columnAt = (j: number) => (vocabSlots[tokenIds[j]!]! - 1) * queryCount;
  const column = (j: number) => {
    const at = columnAt(j);
    return at < 0 ? undefined : columnSimilarities.subarray(at, at + queryCount);
  };
  const translatedColumn = anyTranslated
    ? (j: number) => {
        const at = columnAt(j);
        return at < 0 ? undefined : columnTranslated.subarray(at, at + queryCount);
      }
    : undefined;
  const translatedFlags = anyTranslated ? columnTranslated : undefined;
  const queryBound = queryBoundTokens(queryTokens);
  const { vocab: vocabBound, nameTokenStarts, nameTokenIds } = boundIndexOf(candidates);
  let boundFrom = 0;
  const boundColumnAt = (j: number) => (vocabSlots[nameTokenIds[boundFrom + j]!]! - 1) * queryCount;
  const bound = (nameId: number) => {
    boundFrom = nameTokenStarts[nameId]!;
    return preparedScoreNameBound(
      queryBound,
      vocabBound,
      nameTokenIds,
      boundFrom,
      nameTokenStarts[nameId + 1]!,
      boundColumnAt,
      columnSimilarities,
      translatedFlags,
    );
  };
  const { count, seededMask } = candidateNames(candidates, queryTokens);
  if (work !== undefined) work.candidatesReached += count;
  try {
    for (let reached = 0; reached < count; reached++) {
      const nameId = reachedNames[reached]!;
      const hitMask = nameMasks[nameId]!;
      if (prune && candidateUpperBound(queryTokens, hitMask, seededMask) + evidenceMax < threshold)
        continue;
      // evidence can lift a name score by evidenceMax at most: a name whose bound is under the
      // bar by more cannot be a hit, nor the best name of an entry that is one (score-bound.ts)
      if (prune && bound(nameId) + evidenceMax < threshold) continue;
      const name = candidates.names[nameId]!;
      tokenIds = name.tokenIds;
      if (work !== undefined) work.candidatesScored++;
      const score = scoreNameValue(
        queryTokens,
        name.listedTokens,
        column,
        translatedColumn,
        name.givenNameMask,
      );
      if (!prune && work?.boundViolations !== undefined && bound(nameId) < score)
        work.boundViolations++;
      const seen = bestPerEntry.get(name.entryIndex);
      if (seen === undefined || score > seen.score)
        bestPerEntry.set(name.entryIndex, { nameId, score });
    }
  } finally {
    // the scratch is left clean for the next query
    for (let reached = 0; reached < count; reached++) nameMasks[reachedNames[reached]!] = 0;
    for (const id of slotted) vocabSlots[id] = 0;
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
    const name = candidates.names[nameId]!;
    const nameScore = scoreName(queryTokens, name.listedTokens, cell, true, name.givenNameMask);
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
  const nameScore = scoreName(
    queryTokens,
    listed,
    (i, j) => {
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
    },
    true,
    givenNameMask(
      listedName,
      listed.map((l) => l.token),
    ),
  );
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
