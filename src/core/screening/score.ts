// Whole-name score from token matches. Token order is free (pairs are chosen by similarity, not
// position). Rare tokens count more than common ones through their weights. A listed token the
// query simply lacks (a middle name, a second family name) costs little; a query token that
// stands where the listed name has a DIFFERENT token costs fully — "Hassan Soleimani" is not
// "Qasem Soleimani" although they share the rare token.
import type { MatchMethod } from './token-similarity.js';
import { distinctArabicLatinNames } from './distinct-names.js';
import { latinPhonetic } from './phonetic-key.js';

/** Token pairs less similar than this are not a match at all (calibrated in docs/screening.md). */
export const tokenSimilarityMin = 0.72;
/** Share of a listed token's weight charged when the query lacks it and has nothing in its place. */
export const missingListedTokenPenalty = 0.3;
/** Share of a query token's weight charged when the listed name lacks it and has nothing in its place. */
export const extraQueryTokenPenalty = 0.5;
/**
 * A name must be matched on at least this much token weight (≈ one uncommon token, or two common
 * ones such as MOHAMMAD + ALI) before it can score high: "Ahmad" alone is not evidence against
 * the hundreds of listed names containing it.
 */
export const matchedWeightMin = 0.55;
/** Matched token pairs needed before a missing or extra token is charged at the reduced rate. */
export const omissionExcusePairsMin = 2;
/**
 * Token similarities below this are stretched downwards (twice the distance) before they count:
 * two spellings of one name sit above it, distinct but related names (Anton/Antonio,
 * Abraham/Ibrahim) below it, and those must not add up to an alert.
 */
export const similarityKnee = 0.9;
/**
 * Share of its (already low) weight that a title, particle, article or legal form without a
 * counterpart is charged. Such words are how a document writes a name ("Mr", "Seyed", "al-",
 * "LLC"), not who it is: they neither make a conflict nor push a true match under the bar.
 */
export const nameWordLeftoverCharge = 0.5;
/**
 * A listed name of one name token (an alias such as "HOCINE") against a query with two or more
 * name tokens proves only that one word is shared: its score is scaled by this. An exact word
 * still reaches 0.85: the query's other word may be a misspelling or a word the lists never use,
 * and the one-word alias may be all a document wrote of that party.
 */
export const singleListedTokenFactor = 0.85;
/**
 * The same when the query's other name word is itself a word of the lists (Nasri beside
 * SHAMSUDDIN): a second, known name says the query is someone with a name of two words, not a
 * document that wrote the one-word alias with a misspelt or unknown word: × this, below the bar
 * even for an exact word (1 × 0.75 < 0.78).
 */
export const singleListedOtherNameFactor = 0.75;

/**
 * One shared name beside look-alikes is not a match. When a query and a listed name of two or
 * more name words agree at spelling level on exactly one name word, and every other name pair is
 * a mere resemblance (below `corroboratingSimilarityMin`) between Latin words of which the query's
 * is itself a word the lists use (Ali against Vali 0.75: both are names, so they are two names),
 * the score is scaled by this. A resemblance of a word the lists never use is a misspelling
 * (Sechev/Sechin) or a joined word (Mashhural/Mashhur) and still corroborates, as does a typing
 * error (0.88), a second spelling (0.97) or an Arabic–Latin pair, whose similarities the
 * transliteration model calibrates differently — unless that pair is two known names (see
 * knownOtherName below: محمود against MUHAMMAD).
 */
export const oneSharedNameFactor = 0.85;

// An Arabic–Latin pair of two known names (محمود against MUHAMMAD: the Arabic word is the usual
// spelling of other names, the Latin one a known name it does not spell) is a look-alike as a
// Latin pair of two listed words is: it does not corroborate one other shared name.
function knownOtherName(query: ScoredToken, listed: ScoredToken): boolean {
  const queryText = query.token?.text ?? query.text;
  const listedText = listed.text;
  if (queryText === undefined || listedText === undefined) return false;
  if (query.script === 'arabic' && listed.script === 'latin')
    return distinctArabicLatinNames(queryText, latinPhonetic(listedText));
  if (query.script === 'latin' && listed.script === 'arabic')
    return distinctArabicLatinNames(listedText, latinPhonetic(queryText));
  return false;
}
export const corroboratingSimilarityMin = 0.8;

/**
 * What a translated organisation word (بانک → BANK, سجن → PRISON; translations.ts) weighs as
 * evidence, on each side of its pair at most: about a common given name's weight. A translation
 * says the two names have the same KIND of organisation, not that they are the same one.
 */
export const translatedWeightMax = 0.35;
/**
 * A match whose only agreeing name words are organisation words — translated, or organisation
 * words of the lists agreeing in Latin (BANK, NATIONAL) — is scaled by this (always below the
 * bar: 0.95 × 0.7 < 0.78) when the query has a name word left over, or when a single such word
 * agrees beside listed words the query lacks. The whole of a name agreeing still matches (an
 * exact "BANK X CO" has nothing left over): "شركة نور للطيران" (Noor Aviation Co.) is not every
 * "... AVIATION" of the lists, while وزارة الاستخبارات والأمن (ministry, intelligence, security)
 * is the ministry of that name. Distinctive words — a spelling or transliteration at or above the
 * knee — carry a match; organisation words alone never do.
 */
export const translationOnlyFactor = 0.7;
/**
 * An organisation word of the lists agreeing in Latin is generic (not distinctive) only when it
 * is common in the lists: weight under this (in more than ~15 listed names: BANK, INDUSTRIES,
 * HOLDINGS, AGENCY). A rare one (DELIGHT, CIGARS, COBALT: the dictionary translates them, but
 * few names use them) tells names apart like any other rare word.
 */
export const genericOrgWordWeightMax = 0.75;
/**
 * A match in which no distinctive name word agrees at spelling level (at or above the knee) and
 * a short listed name word only resembles a query word ("Bank Audi" / DAY BANK: BANK is generic,
 * audi/day 0.80; سایپا / SEP 0.86) rests on resemblance alone: its score is scaled by this,
 * below the bar. Short words only: a short word that differs is another word, while a long one
 * with a typing error (INFxORION / INFORION 0.88) is still that word.
 */
export const resemblanceOnlyFactor = 0.8;
/** Listed name words of at most this many letters are short in that sense. */
export const shortWordLettersMax = 4;
export const translatedPairsMin = 2;

export function effectiveSimilarity(similarity: number): number {
  return similarity >= similarityKnee
    ? similarity
    : Math.max(0, similarityKnee - 2 * (similarityKnee - similarity));
}

export interface ScoredToken {
  readonly weight: number;
  /** the normalised word, where the caller has it (listed vocabulary tokens do) */
  readonly text?: string;
  /** particles, honorifics and legal forms do not corroborate a name */
  readonly role?: string;
  /** 'latin' | 'arabic'; absent = unknown (treated as not Latin) */
  readonly script?: string;
  /**
   * A piece of one written word the engine split ("Khanzadeh" read as khan + zadeh): left without
   * a counterpart it is charged in full, never excused as an omitted word, since a split that
   * only half matches is a coincidence, not a name written together.
   */
  readonly piece?: boolean;
  /** a query token that is itself a word of the lists: what it resembles is another name */
  readonly listedWord?: boolean;
  /** the query token as normalised, where the caller has it (the engine's query tokens do) */
  readonly token?: { readonly text: string };
  /**
   * A word of the organisation vocabulary (an Arabic word it translates, an English word it
   * translates to): left over against a translated name, it is charged at most
   * translatedWeightMax, as it would weigh had it matched.
   */
  readonly orgWord?: boolean;
}

export interface TokenMatchCell {
  readonly similarity: number;
  readonly method: MatchMethod;
}

export interface TokenPair {
  readonly queryIndex: number;
  readonly listedIndex: number;
  readonly similarity: number;
  readonly method: MatchMethod;
}

export interface NameScore {
  readonly score: number;
  readonly pairs: readonly TokenPair[];
  readonly unmatchedQuery: readonly number[];
  readonly unmatchedListed: readonly number[];
  /** weight-based penalty notes, for the explanation */
  readonly penalties: readonly string[];
}

/** Tokens per side that the scorer considers (normalize.ts caps names at nameTokensMax = 24). */
export const scoredTokensMax = 32;

// Scratch space for the hot path; every call overwrites what it reads.
const similarityGrid = new Float64Array(scoredTokensMax * scoredTokensMax);
// 1 where the pair's similarity is a translation of an organisation word
const translatedGrid = new Uint8Array(scoredTokensMax * scoredTokensMax);
const queryUsed = new Uint8Array(scoredTokensMax);
const listedUsed = new Uint8Array(scoredTokensMax);
// how many tokens of the other side each token is similar to (ties of the assignment)
const queryDegree = new Uint8Array(scoredTokensMax);
const listedDegree = new Uint8Array(scoredTokensMax);

/**
 * Scores one listed name against the query. `cell(i, j)` gives the similarity of query token i
 * and listed token j (undefined = not similar). With `detailed` false only `score` is meaningful
 * (no allocation: this runs for every candidate name); with true, pairs and penalties are filled.
 */
export function scoreName(
  queryTokens: readonly ScoredToken[],
  listedTokens: readonly ScoredToken[],
  cell: (queryIndex: number, listedIndex: number) => TokenMatchCell | undefined,
  detailed = true,
  /** candidate-index.ts givenNameMask: the listed person's first given name */
  listedGivenNameMask = 0,
): NameScore {
  const queryCount = Math.min(queryTokens.length, scoredTokensMax);
  const listedCount = Math.min(listedTokens.length, scoredTokensMax);
  let any = false;
  for (let i = 0; i < queryCount; i++) {
    for (let j = 0; j < listedCount; j++) {
      const match = cell(i, j);
      const similarity =
        match !== undefined && match.similarity >= tokenSimilarityMin ? match.similarity : 0;
      similarityGrid[i * scoredTokensMax + j] = similarity;
      translatedGrid[i * scoredTokensMax + j] =
        similarity > 0 && match!.method === 'translation' ? 1 : 0;
      if (similarity > 0) any = true;
    }
  }
  if (!any) return detailed ? emptyScore(queryCount, listedCount) : noMatch;
  return scoreGrid(
    queryTokens,
    listedTokens,
    queryCount,
    listedCount,
    detailed ? cell : undefined,
    listedGivenNameMask,
  );
}

/**
 * The hot path of screening: the score only, with similarities given per listed token as one
 * vector over the query tokens (`column(j)[i]`, 0 or absent = not similar). Same rules as scoreName.
 */
export function scoreNameValue(
  queryTokens: readonly ScoredToken[],
  listedTokens: readonly ScoredToken[],
  column: (listedIndex: number) => Float64Array | undefined,
  /** per listed token, 1 for each query token whose similarity to it is a translation */
  translatedColumn: (listedIndex: number) => Uint8Array | undefined = () => undefined,
  listedGivenNameMask = 0,
): number {
  const queryCount = Math.min(queryTokens.length, scoredTokensMax);
  const listedCount = Math.min(listedTokens.length, scoredTokensMax);
  let any = false;
  for (let j = 0; j < listedCount; j++) {
    const similarities = column(j);
    const translated = translatedColumn(j);
    for (let i = 0; i < queryCount; i++) {
      const similarity = similarities === undefined ? 0 : similarities[i]!;
      similarityGrid[i * scoredTokensMax + j] = similarity;
      translatedGrid[i * scoredTokensMax + j] = translated === undefined ? 0 : translated[i]!;
      if (similarity > 0) any = true;
    }
  }
  return any
    ? scoreGrid(queryTokens, listedTokens, queryCount, listedCount, undefined, listedGivenNameMask)
        .score
    : 0;
}

function scoreGrid(
  queryTokens: readonly ScoredToken[],
  listedTokens: readonly ScoredToken[],
  queryCount: number,
  listedCount: number,
  cell: ((queryIndex: number, listedIndex: number) => TokenMatchCell | undefined) | undefined,
  listedGivenNameMask: number,
): NameScore {
  const detailed = cell !== undefined;
  for (let i = 0; i < queryCount; i++) queryUsed[i] = queryDegree[i] = 0;
  for (let j = 0; j < listedCount; j++) listedUsed[j] = listedDegree[j] = 0;
  for (let i = 0; i < queryCount; i++)
    for (let j = 0; j < listedCount; j++)
      if (similarityGrid[i * scoredTokensMax + j]! > 0) {
        queryDegree[i] = queryDegree[i]! + 1;
        listedDegree[j] = listedDegree[j]! + 1;
      }

  // greedy one-to-one assignment: best pair first; heavier tokens win ties, then the pair of
  // tokens with fewer alternatives: a word of several senses (كهرباء: electricity, power) leaves
  // POWER to the word that has only that sense (نیروگاه), whatever order the words come in
  const pairs: TokenPair[] = [];
  let matched = 0;
  let matchedTotal = 0;
  let matchedQueryWeight = 0;
  let pairCount = 0;
  let namePairs = 0;
  // name pairs that corroborate a single shared name: anything but a weak Latin resemblance
  let corroboratingPairs = 0;
  let weakLatinPairs = 0;
  let translatedPairs = 0;
  // name pairs at spelling level that are not translations: the words that tell names apart
  let distinctivePairs = 0;
  // name pairs on an organisation word of the lists, in Latin (translated ones count apart)
  let genericPairs = 0;
  // name pairs below the knee that are not translations: resemblances, not agreements
  let resemblancePairs = 0;
  for (;;) {
    let bestI = -1;
    let bestJ = -1;
    let bestSimilarity = 0;
    let bestWeight = -1;
    let bestDegree = Infinity;
    for (let i = 0; i < queryCount; i++) {
      if (queryUsed[i]) continue;
      for (let j = 0; j < listedCount; j++) {
        if (listedUsed[j]) continue;
        const similarity = similarityGrid[i * scoredTokensMax + j]!;
        if (similarity === 0 || similarity < bestSimilarity) continue;
        const weight = queryTokens[i]!.weight + listedTokens[j]!.weight;
        if (similarity === bestSimilarity && weight < bestWeight) continue;
        const degree = queryDegree[i]! + listedDegree[j]!;
        if (similarity > bestSimilarity || weight > bestWeight || degree < bestDegree) {
          bestI = i;
          bestJ = j;
          bestSimilarity = similarity;
          bestWeight = weight;
          bestDegree = degree;
        }
      }
    }
    if (bestI < 0) break;
    queryUsed[bestI] = 1;
    listedUsed[bestJ] = 1;
    pairCount++;
    const translated = translatedGrid[bestI * scoredTokensMax + bestJ] === 1;
    const queryWeight = translated
      ? Math.min(translatedWeightMax, queryTokens[bestI]!.weight)
      : queryTokens[bestI]!.weight;
    const pairWeight = translated
      ? queryWeight + Math.min(translatedWeightMax, listedTokens[bestJ]!.weight)
      : bestWeight;
    if (translated) translatedPairs++;
    // only a spelling-level agreement of two names corroborates (Jafari/Safari is another name)
    if ((listedTokens[bestJ]!.role ?? 'name') === 'name') {
      if (bestSimilarity >= similarityKnee) namePairs++;
      // an organisation word of the lists (BANK, AGENCY) agreeing in Latin is no more distinctive
      const generic =
        listedTokens[bestJ]!.orgWord === true &&
        listedTokens[bestJ]!.weight < genericOrgWordWeightMax;
      if (bestSimilarity >= similarityKnee && !translated && !generic) distinctivePairs++;
      if (bestSimilarity >= similarityKnee && !translated && generic) genericPairs++;
      const short = (listedTokens[bestJ]!.text?.length ?? Infinity) <= shortWordLettersMax;
      if (bestSimilarity < similarityKnee && !translated && short) resemblancePairs++;
      const query = queryTokens[bestI]!;
      const lookAlike =
        (query.listedWord === true &&
          query.script === 'latin' &&
          listedTokens[bestJ]!.script === 'latin') ||
        (bestSimilarity < corroboratingSimilarityMin &&
          knownOtherName(query, listedTokens[bestJ]!));
      if (bestSimilarity >= corroboratingSimilarityMin || !lookAlike) corroboratingPairs++;
      else weakLatinPairs++;
    }
    const effective = effectiveSimilarity(bestSimilarity);
    matched += effective * pairWeight;
    matchedTotal += pairWeight;
    matchedQueryWeight += effective * queryWeight;
    if (cell !== undefined)
      pairs.push({
        queryIndex: bestI,
        listedIndex: bestJ,
        similarity: bestSimilarity,
        method: cell(bestI, bestJ)!.method,
      });
  }
  let unmatchedQueryWeight = 0;
  // extra query words that are themselves words of the lists: another name, never excused
  let unmatchedOtherNameWeight = 0;
  let unmatchedListedWeight = 0;
  let heaviestUnmatchedQuery = 0;
  let heaviestUnmatchedListed = 0;
  let givenNameLeftOut = false;
  // name words (titles, particles, legal forms) left over are charged apart, at a low rate
  let nameWordLeftoverWeight = 0;
  let unmatchedPieceWeight = 0;
  let queryNameTokens = 0;
  let listedNameTokens = 0;
  // a query name word left over that is not an organisation word beside translated ones
  let nameLeftover = false;
  for (let i = 0; i < queryCount; i++) {
    const isName = (queryTokens[i]!.role ?? 'name') === 'name';
    if (isName) queryNameTokens++;
    if (queryUsed[i]) continue;
    if (!isName) {
      nameWordLeftoverWeight += queryTokens[i]!.weight;
      continue;
    }
    if (queryTokens[i]!.piece === true) {
      unmatchedPieceWeight += queryTokens[i]!.weight;
      continue;
    }
    const describing = translatedPairs > 0 && queryTokens[i]!.orgWord === true;
    if (!describing) nameLeftover = true;
    const weight = describing
      ? Math.min(translatedWeightMax, queryTokens[i]!.weight)
      : queryTokens[i]!.weight;
    if (
      queryTokens[i]!.listedWord === true &&
      translatedPairs === 0 &&
      !repeatsMatchedWord(queryTokens, queryCount, i)
    ) {
      unmatchedOtherNameWeight += weight;
      continue;
    }
    unmatchedQueryWeight += weight;
    if (weight > heaviestUnmatchedQuery) heaviestUnmatchedQuery = weight;
  }
  // a common organisation word of the listed name (HOLDINGS, SHIPPING) that the query leaves out
  // beside an agreeing distinctive word is how a document shortens a name (IRONHILL LIMITED for
  // IRONHILL HOLDINGS LIMITED): charged as a legal form is, when the query has nothing left over
  let queryLeftover = false;
  for (let i = 0; i < queryCount; i++)
    if (!queryUsed[i] && (queryTokens[i]!.role ?? 'name') === 'name') queryLeftover = true;
  const shortened = distinctivePairs > 0 && !queryLeftover;
  for (let j = 0; j < listedCount; j++) {
    const isName = (listedTokens[j]!.role ?? 'name') === 'name';
    if (isName) listedNameTokens++;
    if (listedUsed[j]) continue;
    const genericLeftover =
      shortened &&
      listedTokens[j]!.orgWord === true &&
      listedTokens[j]!.weight < genericOrgWordWeightMax;
    if (!isName || genericLeftover) {
      nameWordLeftoverWeight += listedTokens[j]!.weight;
      continue;
    }
    const weight =
      translatedPairs > 0 && listedTokens[j]!.orgWord === true
        ? Math.min(translatedWeightMax, listedTokens[j]!.weight)
        : listedTokens[j]!.weight;
    unmatchedListedWeight += weight;
    // a person's first given name left out is not an omitted middle name: the rest is another
    // person's name (candidate-index.ts givenNameMask)
    const givenName = j < 31 && (listedGivenNameMask & (1 << j)) !== 0;
    if (givenName) givenNameLeftOut = true;
    else if (weight > heaviestUnmatchedListed) heaviestUnmatchedListed = weight;
  }

  // A conflict (both sides have tokens the other lacks) is charged in full. A mere omission is
  // excused in part, but only when at least two name tokens agree: one shared token (OSCAR in
  // "Maria Oscar") is too little to assume the rest of the name was just left out.
  const conflict =
    (unmatchedQueryWeight > 0 || unmatchedPieceWeight > 0 || unmatchedOtherNameWeight > 0) &&
    unmatchedListedWeight > 0;
  // and only when a distinctive word is among them: organisation words that agree (ministry,
  // defence) say what kind of body both are, so the listed name's own word that the query lacks
  // (the ZARGHAMI of "ZARGHAMI DEFENCE MINISTRY") is what tells them apart, charged in full
  const corroborated = namePairs >= omissionExcusePairsMin && distinctivePairs > 0;
  const queryCharge = conflict || !corroborated ? 1 : extraQueryTokenPenalty;
  const listedCharge = conflict || !corroborated ? 1 : missingListedTokenPenalty;
  // one omitted token is a middle name; the rest of a long name left out is a different name
  // ("Maria Garcia" is not "Maria del Rosario Garcia Duran"): only the heaviest one is excused
  const queryCharged = unmatchedQueryWeight - (1 - queryCharge) * heaviestUnmatchedQuery;
  const listedCharged = unmatchedListedWeight - (1 - listedCharge) * heaviestUnmatchedListed;
  const denominator =
    matchedTotal +
    queryCharged +
    listedCharged +
    unmatchedOtherNameWeight +
    unmatchedPieceWeight +
    nameWordLeftoverCharge * nameWordLeftoverWeight;
  let score = denominator > 0 ? matched / denominator : 0;
  const evidenceFactor =
    pairCount > 0 && matchedQueryWeight < matchedWeightMin
      ? Math.sqrt(matchedQueryWeight / matchedWeightMin)
      : 1;
  score *= evidenceFactor;
  const singleListed = listedNameTokens === 1 && queryNameTokens >= 2;
  if (singleListed)
    score *= unmatchedOtherNameWeight > 0 ? singleListedOtherNameFactor : singleListedTokenFactor;
  const oneShared =
    !singleListed && namePairs === 1 && corroboratingPairs === 1 && weakLatinPairs > 0;
  if (oneShared) score *= oneSharedNameFactor;
  const organisationPairs = translatedPairs + genericPairs;
  // an organisation word of the query left over beside translated ones (الجوي of "aerospace",
  // written as two words) describes the organisation as the others do: it is charged, capped,
  // but it is not the unexplained name word that makes a match rest on organisation words
  const leftover = nameLeftover || unmatchedPieceWeight > 0;
  const translationOnly =
    organisationPairs > 0 &&
    distinctivePairs === 0 &&
    (leftover || (organisationPairs < translatedPairsMin && unmatchedListedWeight > 0));
  if (translationOnly) score *= translationOnlyFactor;
  const resemblanceOnly = distinctivePairs === 0 && resemblancePairs > 0;
  if (resemblanceOnly) score *= resemblanceOnlyFactor;
  if (!detailed)
    return {
      score,
      pairs: noPairs,
      unmatchedQuery: noIndexes,
      unmatchedListed: noIndexes,
      penalties: noPenalties,
    };

  const unmatchedQuery: number[] = [];
  const unmatchedListed: number[] = [];
  for (let i = 0; i < queryCount; i++) if (!queryUsed[i]) unmatchedQuery.push(i);
  for (let j = 0; j < listedCount; j++) if (!listedUsed[j]) unmatchedListed.push(j);
  const penalties: string[] = [];
  if (unmatchedQuery.length > 0)
    penalties.push(
      `query tokens without a listed counterpart charged at ${queryCharge * 100}% of their weight${queryCharge < 1 && unmatchedQuery.length > 1 ? ' (the heaviest; the others in full)' : ''}`,
    );
  if (unmatchedOtherNameWeight > 0)
    penalties.push(
      'query words that are other names of the lists, without a listed counterpart, charged in full',
    );
  if (unmatchedListed.length > 0)
    penalties.push(
      `listed tokens absent from the query charged at ${listedCharge * 100}% of their weight${listedCharge < 1 && unmatchedListed.length > 1 ? ' (the heaviest; the others in full)' : ''}`,
    );
  if (givenNameLeftOut)
    penalties.push('the listed first given name, absent from the query, charged in full');
  if (pairs.some((pair) => pair.similarity < similarityKnee))
    penalties.push(`token similarities below ${similarityKnee} counted at twice their shortfall`);
  if (singleListed)
    penalties.push(
      `a one-word listed name against a query of ${queryNameTokens} name words (score × ${unmatchedOtherNameWeight > 0 ? singleListedOtherNameFactor : singleListedTokenFactor})`,
    );
  if (oneShared)
    penalties.push(
      `one name word shared, the others only look alike (score × ${oneSharedNameFactor})`,
    );
  if (translatedPairs > 0)
    penalties.push(`translated organisation words weigh at most ${translatedWeightMax} a side`);
  if (resemblanceOnly)
    penalties.push(
      `no distinctive name word agrees, some only look alike (score × ${resemblanceOnlyFactor})`,
    );
  if (translationOnly)
    penalties.push(`only organisation words agree (score × ${translationOnlyFactor})`);
  if (unmatchedPieceWeight > 0)
    penalties.push('a piece of a split word without a counterpart charged in full');
  if (nameWordLeftoverWeight > 0)
    penalties.push(
      `titles, particles and legal forms without a counterpart charged at ${nameWordLeftoverCharge * 100}% of their weight`,
    );
  if (evidenceFactor < 1)
    penalties.push(
      `little evidence: matched tokens are common (score × ${evidenceFactor.toFixed(2)})`,
    );
  return { score, pairs, unmatchedQuery, unmatchedListed, penalties };
}

/** A word written twice ("Shoigu Shoigu Sergey") is one name, not a second one. */
function repeatsMatchedWord(
  queryTokens: readonly ScoredToken[],
  queryCount: number,
  index: number,
): boolean {
  const text = queryTokens[index]!.text;
  if (text === undefined) return false;
  for (let i = 0; i < queryCount; i++)
    if (queryUsed[i] && queryTokens[i]!.text === text) return true;
  return false;
}

const noPairs: readonly TokenPair[] = [];
const noIndexes: readonly number[] = [];
const noPenalties: readonly string[] = [];
const noMatch: NameScore = {
  score: 0,
  pairs: noPairs,
  unmatchedQuery: noIndexes,
  unmatchedListed: noIndexes,
  penalties: noPenalties,
};

function emptyScore(queryCount: number, listedCount: number): NameScore {
  return {
    score: 0,
    pairs: [],
    unmatchedQuery: Array.from({ length: queryCount }, (_, i) => i),
    unmatchedListed: Array.from({ length: listedCount }, (_, j) => j),
    penalties: [],
  };
}
