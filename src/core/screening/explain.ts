// The explanation attached to every hit: which query token met which listed token, how, with
// what weight, and every penalty or supporting fact — enough for a compliance officer to agree
// or disagree with the engine without reading its code.
import type { ListedName } from './entry.js';
import type { EvidenceNote } from './evidence.js';
import type { NameScore } from './score.js';
import type { MatchMethod } from './token-similarity.js';

export interface ExplainedTokenMatch {
  readonly query: string;
  readonly listed: string;
  readonly method: MatchMethod;
  readonly similarity: number;
  readonly queryWeight: number;
  readonly listedWeight: number;
}

export interface ExplainedToken {
  readonly token: string;
  readonly weight: number;
}

export interface HitExplanation {
  readonly matchedName: string;
  readonly matchedNameKind: ListedName['kind'];
  readonly nameScore: number;
  readonly tokens: readonly ExplainedTokenMatch[];
  readonly unmatchedQuery: readonly ExplainedToken[];
  readonly unmatchedListed: readonly ExplainedToken[];
  readonly penalties: readonly string[];
  readonly evidence: readonly EvidenceNote[];
  /** the same, as sentences */
  readonly text: string;
}

export interface ExplainInput {
  readonly matchedName: string;
  readonly matchedNameKind: ListedName['kind'];
  readonly queryTokens: ReadonlyArray<{ readonly text: string; readonly weight: number }>;
  readonly listedTokens: ReadonlyArray<{ readonly text: string; readonly weight: number }>;
  readonly nameScore: NameScore;
  readonly evidence: readonly EvidenceNote[];
  readonly finalScore: number;
}

const methodWords: Record<MatchMethod, string> = {
  exact: 'identical after normalisation',
  'phonetic-variant': 'same pronunciation, different spelling',
  'spelling-distance': 'spelling distance',
  transliteration: 'transliteration between Arabic script and Latin',
  'arabic-spelling': 'Arabic-script spelling variant',
  translation: 'translation of a common word of organisation names',
  'place-translation': 'translation of a place name',
};

const round = (value: number) => Math.round(value * 1000) / 1000;

export function explainHit(input: ExplainInput): HitExplanation {
  const { nameScore } = input;
  const tokens = nameScore.pairs.map((pair) => ({
    query: input.queryTokens[pair.queryIndex]!.text,
    listed: input.listedTokens[pair.listedIndex]!.text,
    method: pair.method,
    similarity: round(pair.similarity),
    queryWeight: round(input.queryTokens[pair.queryIndex]!.weight),
    listedWeight: round(input.listedTokens[pair.listedIndex]!.weight),
  }));
  const unmatchedQuery = nameScore.unmatchedQuery.map((i) => ({
    token: input.queryTokens[i]!.text,
    weight: round(input.queryTokens[i]!.weight),
  }));
  const unmatchedListed = nameScore.unmatchedListed.map((j) => ({
    token: input.listedTokens[j]!.text,
    weight: round(input.listedTokens[j]!.weight),
  }));
  const lines = [
    `Matched listed ${input.matchedNameKind} name "${input.matchedName}" with score ${round(input.finalScore)} (name score ${round(nameScore.score)}).`,
    ...tokens.map(
      (t) =>
        `"${t.query}" → "${t.listed}": ${methodWords[t.method]}, similarity ${t.similarity}, weights ${t.queryWeight} / ${t.listedWeight}.`,
    ),
    ...unmatchedQuery.map(
      (t) => `Query token "${t.token}" (weight ${t.weight}) has no counterpart in the listed name.`,
    ),
    ...unmatchedListed.map(
      (t) => `Listed token "${t.token}" (weight ${t.weight}) is absent from the query.`,
    ),
    ...nameScore.penalties.map((p) => `Penalty: ${p}.`),
    ...input.evidence.map(
      (e) => `${e.fact} ${e.effect} the match (${e.delta >= 0 ? '+' : ''}${e.delta}): ${e.detail}.`,
    ),
  ];
  return {
    matchedName: input.matchedName,
    matchedNameKind: input.matchedNameKind,
    nameScore: round(nameScore.score),
    tokens,
    unmatchedQuery,
    unmatchedListed,
    penalties: nameScore.penalties,
    evidence: input.evidence,
    text: lines.join('\n'),
  };
}
