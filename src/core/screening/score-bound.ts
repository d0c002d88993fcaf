// An upper bound on scoreNameValue (score.ts), cheap enough to run for every candidate name so
// that the names which cannot reach the alert bar are never scored. It reads the same inputs (the
// similarity column of each listed token over the query tokens, the translation flags) but skips
// the greedy one-to-one assignment: each token is credited its best partner on its own.
//
// Why it is ≥ the score (real arithmetic; `boundSlack` covers rounding). scoreGrid computes
// raw = M / (M + D), then multiplies raw by factors that are all ≤ 1. Here
//   M = Σ over chosen pairs p = (i, j) of eff(s_p)·(wq'_p + wl'_p)          (the numerator)
//   D = Σ_p (1 − eff(s_p))·(wq'_p + wl'_p) + the charges of unmatched tokens (denominator − M)
// with eff = effectiveSimilarity, wq' / wl' the weights (capped at translatedWeightMax when the
// pair is a translation). Split each pair's terms between its two tokens: token k, if matched,
// adds eff·w'_k to M and (1 − eff)·w'_k to D; if unmatched, adds 0 to M and its charge to D.
// - gain_k = max over k's partners in this name of eff·w'_k ≥ what k adds to M, so M ≤ Σ gain_k.
// - A matched token adds ≥ min over partners of (1 − eff)·w'_k to D; an unmatched one adds at
//   least its lowest possible charge (`chargeMin` below: every rule that lowers a leftover's
//   charge — titles and legal forms at nameWordLeftoverCharge, the translated-word cap, generic
//   organisation words of a shortened name — taken at its most lenient). So each token adds
//   ≥ m_k = min(both) to D, except that on each side at most one token (the heaviest leftover)
//   may be excused to missingListedTokenPenalty / extraQueryTokenPenalty of its charge, and only
//   when at least omissionExcusePairsMin name pairs reach the knee; so D ≥ Σ m_k − the largest
//   possible excuse per side (none when too few tokens have a partner at the knee).
// - M / (M + D) is non-decreasing in M and non-increasing in D (M, D ≥ 0), so
//   raw ≤ Σ gain / (Σ gain + max(0, Σ m − excuses)).
// - Of the factors, two are bounded without the assignment: the little-evidence factor
//   sqrt(matchedQueryWeight / matchedWeightMin) with matchedQueryWeight ≤ Σ query gains, and the
//   one-word listed name factor, which depends only on the tokens' roles. Every other factor is
//   taken as 1 (they only lower a score).
// score-bound.test.ts checks the bound against scoreNameValue on random names (fast-check) and
// screens names from the lists with pruning on and off: a rule of score.ts that ever lifts a
// score above this bound fails those tests.
import {
  effectiveSimilarity,
  extraQueryTokenPenalty,
  genericOrgWordWeightMax,
  matchedWeightMin,
  missingListedTokenPenalty,
  nameWordLeftoverCharge,
  omissionExcusePairsMin,
  scoredTokensMax,
  similarityKnee,
  singleListedTokenFactor,
  translatedWeightMax,
  type ScoredToken,
} from './score.js';

/** Added to the bound so that summing in another order than scoreGrid never puts it under. */
export const boundSlack = 1e-9;

// scratch space (the bound runs for every candidate name and must not allocate)
const queryGain = new Float64Array(scoredTokensMax);
const queryDeficit = new Float64Array(scoredTokensMax);
const queryStrong = new Uint8Array(scoredTokensMax);

/**
 * What the bound reads of a set of tokens, as flat arrays (one slot per token): its weight, the
 * least it is charged left over, the least when it is the excused one, and whether it is a name
 * word. Read from the tokens once (per query; per index for the vocabulary), not per candidate.
 */
export interface BoundTokens {
  readonly weight: Float64Array;
  readonly chargeMin: Float64Array;
  readonly excusedMin: Float64Array;
  /** 1 = a name word (role 'name'), 0 = a title, particle or legal form */
  readonly name: Uint8Array;
}

/** The weight a leftover name token is charged at least (the translated-word cap, if it is one). */
const nameChargeMin = (token: ScoredToken) =>
  token.orgWord === true ? Math.min(translatedWeightMax, token.weight) : token.weight;

/** The listed side's arrays: leftover charges of score.ts for listed tokens, at their lowest. */
export function listedBoundTokens(tokens: readonly ScoredToken[]): BoundTokens {
  const out = emptyBoundTokens(tokens.length);
  tokens.forEach((token, j) => {
    const isName = (token.role ?? 'name') === 'name';
    // a title or legal form, or a generic organisation word of a shortened name, is charged at
    // nameWordLeftoverCharge; a name word at its (capped) weight, or excused to a share of it
    let chargeMin = nameWordLeftoverCharge * token.weight;
    let excusedMin = chargeMin;
    if (isName) {
      const full = nameChargeMin(token);
      const generic = token.orgWord === true && token.weight < genericOrgWordWeightMax;
      chargeMin = generic ? Math.min(full, chargeMin) : full;
      excusedMin = Math.min(chargeMin, missingListedTokenPenalty * full);
    }
    setBoundToken(out, j, token.weight, chargeMin, excusedMin, isName);
  });
  return out;
}

/** The query side's arrays: leftover charges of score.ts for query tokens, at their lowest. */
export function queryBoundTokens(tokens: readonly ScoredToken[]): BoundTokens {
  const out = emptyBoundTokens(tokens.length);
  tokens.forEach((token, i) => {
    const isName = (token.role ?? 'name') === 'name';
    let chargeMin = nameWordLeftoverCharge * token.weight;
    let excusedMin = chargeMin;
    if (isName && token.piece === true) {
      // a piece of a split word left over is charged in full, never excused
      chargeMin = token.weight;
      excusedMin = chargeMin;
    } else if (isName) {
      chargeMin = nameChargeMin(token);
      excusedMin = extraQueryTokenPenalty * chargeMin;
    }
    setBoundToken(out, i, token.weight, chargeMin, excusedMin, isName);
  });
  return out;
}

function emptyBoundTokens(count: number): BoundTokens {
  return {
    weight: new Float64Array(count),
    chargeMin: new Float64Array(count),
    excusedMin: new Float64Array(count),
    name: new Uint8Array(count),
  };
}

function setBoundToken(
  tokens: BoundTokens,
  at: number,
  weight: number,
  chargeMin: number,
  excusedMin: number,
  isName: boolean,
): void {
  tokens.weight[at] = weight;
  tokens.chargeMin[at] = chargeMin;
  tokens.excusedMin[at] = excusedMin;
  tokens.name[at] = isName ? 1 : 0;
}

/**
 * ≥ scoreNameValue(queryTokens, listedTokens, column, translatedColumn) for every input, the
 * columns laid out flat (see the proof above). 0 when no pair is similar at all.
 */
export function scoreNameBound(
  queryTokens: readonly ScoredToken[],
  listedTokens: readonly ScoredToken[],
  /**
   * Where listed token j's column starts in `similarities` (its similarity to query token i is
   * at columnAt(j) + i; < 0 = similar to none): what scoreNameValue's `column(j)` returns.
   */
  columnAt: (listedIndex: number) => number,
  similarities: Float64Array,
  /** 1 where a similarity is a translation, at the same places; absent = none is */
  translated?: Uint8Array,
): number {
  const listedCount = Math.min(listedTokens.length, scoredTokensMax);
  const ids = Array.from({ length: listedCount }, (_, j) => j);
  return preparedScoreNameBound(
    queryBoundTokens(queryTokens.slice(0, scoredTokensMax)),
    listedBoundTokens(listedTokens.slice(0, scoredTokensMax)),
    ids,
    0,
    listedCount,
    columnAt,
    similarities,
    translated,
  );
}

/**
 * scoreNameBound on prepared tokens: the query's, and the listed side's by id
 * (`listedIds[listedFrom + j]` is listed token j's slot in `listed`; the engine passes the
 * vocabulary's arrays and the names' token ids laid end to end, which it reads in order without
 * visiting each name's object). Only the first scoredTokensMax tokens of each side count.
 */
export function preparedScoreNameBound(
  query: BoundTokens,
  listed: BoundTokens,
  /** the name's token ids are listedIds[listedFrom .. listedTo) (a flat array of all names) */
  listedIds: ArrayLike<number>,
  listedFrom: number,
  listedTo: number,
  columnAt: (listedIndex: number) => number,
  similarities: Float64Array,
  translated?: Uint8Array,
): number {
  const queryCount = Math.min(query.weight.length, scoredTokensMax);
  const listedCount = Math.min(listedTo - listedFrom, scoredTokensMax);
  for (let i = 0; i < queryCount; i++) {
    queryGain[i] = 0;
    queryDeficit[i] = Infinity;
    queryStrong[i] = 0;
  }
  let gain = 0;
  let deficit = 0;
  let listedExcuse = 0;
  let strongListed = 0;
  let listedNameTokens = 0;
  for (let j = 0; j < listedCount; j++) {
    const id = listedIds[listedFrom + j]!;
    const isName = listed.name[id] === 1;
    if (isName) listedNameTokens++;
    const listedFull = listed.weight[id]!;
    const at = columnAt(j);
    let bestGain = 0;
    let bestDeficit = Infinity;
    let strong = false;
    if (at >= 0) {
      for (let i = 0; i < queryCount; i++) {
        const similarity = similarities[at + i]!;
        if (!(similarity > 0)) continue;
        const capped = translated !== undefined && translated[at + i] === 1;
        const effective = effectiveSimilarity(similarity);
        const listedWeight = capped ? Math.min(translatedWeightMax, listedFull) : listedFull;
        const queryFull = query.weight[i]!;
        const queryWeight = capped ? Math.min(translatedWeightMax, queryFull) : queryFull;
        if (effective * listedWeight > bestGain) bestGain = effective * listedWeight;
        if ((1 - effective) * listedWeight < bestDeficit)
          bestDeficit = (1 - effective) * listedWeight;
        if (effective * queryWeight > queryGain[i]!) queryGain[i] = effective * queryWeight;
        if ((1 - effective) * queryWeight < queryDeficit[i]!)
          queryDeficit[i] = (1 - effective) * queryWeight;
        if (isName && similarity >= similarityKnee) {
          strong = true;
          queryStrong[i] = 1;
        }
      }
    }
    if (strong) strongListed++;
    gain += bestGain;
    const least = Math.min(bestDeficit, listed.chargeMin[id]!);
    deficit += least;
    const excuse = least - Math.min(bestDeficit, listed.excusedMin[id]!);
    if (excuse > listedExcuse) listedExcuse = excuse;
  }
  let matchedQueryGain = 0;
  let queryExcuse = 0;
  let strongQuery = 0;
  let queryNameTokens = 0;
  for (let i = 0; i < queryCount; i++) {
    if (query.name[i] === 1) queryNameTokens++;
    if (queryStrong[i]) strongQuery++;
    matchedQueryGain += queryGain[i]!;
    const least = Math.min(queryDeficit[i]!, query.chargeMin[i]!);
    deficit += least;
    const excuse = least - Math.min(queryDeficit[i]!, query.excusedMin[i]!);
    if (excuse > queryExcuse) queryExcuse = excuse;
  }
  gain += matchedQueryGain;
  if (!(gain > 0)) return 0;
  const excusable = Math.min(strongListed, strongQuery) >= omissionExcusePairsMin;
  if (excusable) deficit -= listedExcuse + queryExcuse;
  let bound = gain / (gain + Math.max(0, deficit));
  if (matchedQueryGain < matchedWeightMin) bound *= Math.sqrt(matchedQueryGain / matchedWeightMin);
  if (listedNameTokens === 1 && queryNameTokens >= 2) bound *= singleListedTokenFactor;
  return Math.min(1, bound) + boundSlack;
}
