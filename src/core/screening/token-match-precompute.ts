// Each vocabulary token's matches against the rest of the vocabulary, computed once per index.
// The first time a query token is seen it is compared with up to a few hundred vocabulary tokens;
// most query tokens are themselves words of the lists, so computing their matches at index build
// (and caching them on disk beside the index) turns that cost into one lookup. The matches are the
// ones the engine would compute on demand (same function, same index): results never change.
import {
  tokenMatchesOf,
  tokenMatchKey,
  tokenMatchMemoMax,
  type ScreeningIndex,
  type TokenMatches,
} from './engine.js';

export type TokenMatchEntries = ReadonlyArray<readonly [string, TokenMatches]>;

/** The matches of every vocabulary token of the index, as memo entries. */
export function precomputeVocabTokenMatches(index: ScreeningIndex): TokenMatchEntries {
  const out: Array<readonly [string, TokenMatches]> = [];
  for (const listed of index.candidates.vocab) {
    const token = { text: listed.text, script: listed.script, role: listed.role, weightFactor: 1 };
    out.push([tokenMatchKey(token), tokenMatchesOf(index, token)]);
  }
  return out;
}

/** Puts precomputed matches into the index's memo (as many as the memo holds). */
export function seedTokenMatches(index: ScreeningIndex, entries: TokenMatchEntries): void {
  for (const [key, matches] of entries) {
    if (index.tokenMatchMemo.size >= tokenMatchMemoMax) return;
    index.tokenMatchMemo.set(key, matches);
  }
}
