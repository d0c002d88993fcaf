// Whole-name score from token matches. Token order is free (pairs are chosen by similarity, not
// position). Rare tokens count more than common ones through their weights. A listed token the
// query simply lacks (a middle name, a second family name) costs little; a query token that
// stands where the listed name has a DIFFERENT token costs fully — "Hassan Soleimani" is not
// "Qasem Soleimani" although they share the rare token.
import type { MatchMethod } from './token-similarity.js';

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

export function effectiveSimilarity(similarity: number): number {
  return similarity >= similarityKnee ? similarity : Math.max(0, similarityKnee - 2 * (similarityKnee - similarity));
}

export interface ScoredToken {
  readonly weight: number;
  /** particles, honorifics and legal forms do not corroborate a name */
  readonly role?: string;
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

/**
 * Scores one listed name against the query. `cell(i, j)` gives the similarity of query token i
 * and listed token j (undefined = not similar).
 */
export function scoreName(
  queryTokens: readonly ScoredToken[],
  listedTokens: readonly ScoredToken[],
  cell: (queryIndex: number, listedIndex: number) => TokenMatchCell | undefined,
): NameScore {
  const candidates: TokenPair[] = [];
  for (let i = 0; i < queryTokens.length; i++) {
    for (let j = 0; j < listedTokens.length; j++) {
      const match = cell(i, j);
      if (match !== undefined && match.similarity >= tokenSimilarityMin) {
        candidates.push({ queryIndex: i, listedIndex: j, similarity: match.similarity, method: match.method });
      }
    }
  }
  // greedy one-to-one assignment, best pairs first; heavier tokens win ties
  candidates.sort(
    (a, b) =>
      b.similarity - a.similarity ||
      listedTokens[b.listedIndex]!.weight + queryTokens[b.queryIndex]!.weight -
        (listedTokens[a.listedIndex]!.weight + queryTokens[a.queryIndex]!.weight),
  );
  const queryUsed = new Array<boolean>(queryTokens.length).fill(false);
  const listedUsed = new Array<boolean>(listedTokens.length).fill(false);
  const pairs: TokenPair[] = [];
  for (const pair of candidates) {
    if (queryUsed[pair.queryIndex] || listedUsed[pair.listedIndex]) continue;
    queryUsed[pair.queryIndex] = true;
    listedUsed[pair.listedIndex] = true;
    pairs.push(pair);
  }
  const unmatchedQuery = queryTokens.map((_, i) => i).filter((i) => !queryUsed[i]);
  const unmatchedListed = listedTokens.map((_, j) => j).filter((j) => !listedUsed[j]);

  let matched = 0;
  let matchedTotal = 0;
  let matchedQueryWeight = 0;
  for (const pair of pairs) {
    const weight = queryTokens[pair.queryIndex]!.weight + listedTokens[pair.listedIndex]!.weight;
    const similarity = effectiveSimilarity(pair.similarity);
    matched += similarity * weight;
    matchedTotal += weight;
    matchedQueryWeight += similarity * queryTokens[pair.queryIndex]!.weight;
  }
  const unmatchedQueryWeight = unmatchedQuery.reduce((sum, i) => sum + queryTokens[i]!.weight, 0);
  const unmatchedListedWeight = unmatchedListed.reduce((sum, j) => sum + listedTokens[j]!.weight, 0);
  const penalties: string[] = [];
  // A conflict (both sides have tokens the other lacks) is charged in full. A mere omission is
  // excused in part, but only when at least two tokens agree: one shared token (OSCAR in "Maria
  // Oscar") is too little to assume the rest of the name was just left out.
  const conflict = unmatchedQueryWeight > 0 && unmatchedListedWeight > 0;
  const namePairs = pairs.filter((p) => (listedTokens[p.listedIndex]!.role ?? 'name') === 'name').length;
  const corroborated = namePairs >= omissionExcusePairsMin;
  const queryCharge = conflict || !corroborated ? 1 : extraQueryTokenPenalty;
  const listedCharge = conflict || !corroborated ? 1 : missingListedTokenPenalty;
  if (unmatchedQuery.length > 0) penalties.push(`query tokens without a listed counterpart charged at ${queryCharge * 100}% of their weight`);
  if (unmatchedListed.length > 0) penalties.push(`listed tokens absent from the query charged at ${listedCharge * 100}% of their weight`);
  const denominator = matchedTotal + queryCharge * unmatchedQueryWeight + listedCharge * unmatchedListedWeight;
  let score = denominator > 0 ? matched / denominator : 0;
  if (pairs.length > 0 && matchedQueryWeight < matchedWeightMin) {
    const factor = Math.sqrt(matchedQueryWeight / matchedWeightMin);
    score *= factor;
    penalties.push(`little evidence: matched tokens are common (score × ${factor.toFixed(2)})`);
  }
  return { score, pairs, unmatchedQuery, unmatchedListed, penalties };
}
