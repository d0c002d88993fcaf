// The baseline: Jaro-Winkler as Moov Watchman publishes its search (normalise to lower-case
// ASCII words, compare with Jaro-Winkler, best token pairs with a length-mismatch penalty).
// Written out here (30 lines) rather than taken from npm so the comparison runs in the same
// process on the same inputs. It has no transliteration: Arabic script against Latin scores ~0,
// which is exactly the failure the issue describes.

/** Longest word compared letter by letter (longer ones are cut: no real name word is this long). */
const jaroLengthMax = 256;
const aMatched = new Uint8Array(jaroLengthMax);
const bMatched = new Uint8Array(jaroLengthMax);

export function jaro(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  if (a.length === 0 || b.length === 0) return 0;
  const aLength = Math.min(a.length, jaroLengthMax);
  const bLength = Math.min(b.length, jaroLengthMax);
  const window = Math.max(0, Math.floor(Math.max(aLength, bLength) / 2) - 1);
  aMatched.fill(0, 0, aLength);
  bMatched.fill(0, 0, bLength);
  let matches = 0;
  for (let i = 0; i < aLength; i++) {
    const code = a.charCodeAt(i);
    const end = Math.min(bLength, i + window + 1);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (bMatched[j] === 1 || code !== b.charCodeAt(j)) continue;
      aMatched[i] = 1;
      bMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < aLength; i++) {
    if (aMatched[i] === 0) continue;
    while (bMatched[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++;
    j++;
  }
  return (matches / aLength + matches / bLength + (matches - transpositions / 2) / matches) / 3;
}

export function jaroWinkler(a: string, b: string): number {
  const score = jaro(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return score + prefix * 0.1 * (1 - score);
}

export function baselineWords(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

/** A name made ready for the baseline once: its words and the words joined. */
export interface BaselineName {
  readonly words: readonly string[];
  readonly joined: string;
}

export function baselineName(name: string): BaselineName {
  const words = baselineWords(name);
  return { words, joined: words.join(' ') };
}

/** Watchman-style best-pairs Jaro-Winkler of two names, in [0, 1]. */
export function jaroWinklerNameScore(query: string, listed: string): number {
  return preparedNameScore(baselineName(query), baselineName(listed));
}

export function preparedNameScore(query: BaselineName, listed: BaselineName): number {
  const queryWords = query.words;
  const listedWords = listed.words;
  if (queryWords.length === 0 || listedWords.length === 0) return 0;
  let total = 0;
  let length = 0;
  for (const word of queryWords) {
    let best = 0;
    for (const other of listedWords) best = Math.max(best, jaroWinkler(word, other));
    total += best * word.length;
    length += word.length;
  }
  const bestPairs = total / length;
  // Watchman scales down when the listed name has many more words than matched
  const lengthPenalty = Math.min(1, queryWords.length / listedWords.length);
  const whole = jaroWinkler(query.joined, listed.joined);
  return Math.max(whole, bestPairs * (0.8 + 0.2 * lengthPenalty));
}

/**
 * The baseline as a fair, fast search: listed names normalised once, and blocked by the first
 * letter of their words as OFAC's own search does — a query compares itself only with names that
 * have a word beginning with a letter one of its words begins with. Jaro-Winkler's prefix bonus
 * makes a name with no such word score low anyway. Within the blocks the search is exact (the same
 * best score as `preparedNameScore` over every name of the blocks, `referenceBaselineSearch`), but
 * cheap: each distinct listed word is compared with a query word once per query (names share
 * words), and the whole-name comparison is skipped when its length bound (Jaro is at most
 * (2 + shorter/longer) / 3) cannot beat the best score found so far.
 */
export interface BaselineIndex {
  readonly names: readonly BaselineName[];
  readonly byFirstLetter: ReadonlyMap<string, Int32Array>;
  /** distinct listed words, and each name's words as ids into them */
  readonly words: readonly string[];
  readonly nameWords: readonly Int32Array[];
}

export function buildBaselineIndex(listedNames: readonly string[]): BaselineIndex {
  const names = listedNames.map(baselineName);
  const blocks = new Map<string, number[]>();
  const wordIds = new Map<string, number>();
  const nameWords = names.map((name, id) => {
    for (const letter of new Set(name.words.map((word) => word[0]!))) {
      const ids = blocks.get(letter) ?? [];
      ids.push(id);
      blocks.set(letter, ids);
    }
    return Int32Array.from(name.words, (word) => {
      let wordId = wordIds.get(word);
      if (wordId === undefined) wordIds.set(word, (wordId = wordIds.size));
      return wordId;
    });
  });
  const byFirstLetter = new Map<string, Int32Array>();
  for (const [letter, ids] of blocks) byFirstLetter.set(letter, Int32Array.from(ids));
  return { names, byFirstLetter, words: [...wordIds.keys()], nameWords };
}

/** Query words at most (a longer query is cut: no real name has this many words). */
const baselineQueryWordsMax = 32;
let wordScores: Float64Array[] = [];
let seenStamp = new Uint32Array(0);
let stamp = 0;

/** Best baseline score of the query against every listed name in its blocks, and which name. */
export interface BaselineResult {
  readonly score: number;
  /** the best listed name, -1 when none scored above 0 */
  readonly nameId: number;
}

export function baselineSearch(index: BaselineIndex, query: string): BaselineResult {
  const prepared = baselineName(query);
  const queryWords = prepared.words.slice(0, baselineQueryWordsMax);
  if (queryWords.length === 0) return { score: 0, nameId: -1 };
  if (wordScores.length < queryWords.length || wordScores[0]!.length !== index.words.length) {
    wordScores = queryWords.map(() => new Float64Array(index.words.length));
  }
  for (let q = 0; q < queryWords.length; q++) wordScores[q]!.fill(-1);
  if (seenStamp.length !== index.names.length) seenStamp = new Uint32Array(index.names.length);
  stamp = stamp === 0xffffffff ? 1 : stamp + 1;
  if (stamp === 1) seenStamp.fill(0);
  let queryLength = 0;
  for (const word of queryWords) queryLength += word.length;
  const joined = prepared.joined;
  let bestScore = 0;
  let bestId = -1;
  for (const letter of new Set(queryWords.map((word) => word[0]!))) {
    const ids = index.byFirstLetter.get(letter);
    if (ids === undefined) continue;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (seenStamp[id] === stamp) continue;
      seenStamp[id] = stamp;
      const listedWords = index.nameWords[id]!;
      let total = 0;
      for (let q = 0; q < queryWords.length; q++) {
        const scores = wordScores[q]!;
        let best = 0;
        for (let w = 0; w < listedWords.length; w++) {
          const wordId = listedWords[w]!;
          let score = scores[wordId]!;
          if (score < 0) scores[wordId] = score = jaroWinkler(queryWords[q]!, index.words[wordId]!);
          if (score > best) best = score;
        }
        total += best * queryWords[q]!.length;
      }
      const lengthPenalty = Math.min(1, queryWords.length / listedWords.length);
      let score = (total / queryLength) * (0.8 + 0.2 * lengthPenalty);
      const listedJoined = index.names[id]!.joined;
      const shorter = Math.min(joined.length, listedJoined.length);
      const longer = Math.max(joined.length, listedJoined.length);
      const jaroBound = (2 + shorter / longer) / 3;
      // the bound with Winkler's full prefix bonus, and a margin for rounding
      if (jaroBound + 0.4 * (1 - jaroBound) + 1e-9 > Math.max(score, bestScore)) {
        score = Math.max(score, jaroWinkler(joined, listedJoined));
      }
      if (score > bestScore) {
        bestScore = score;
        bestId = id;
      }
    }
  }
  return { score: bestScore, nameId: bestId };
}

/** The same search written plainly (every name of its blocks scored in full): the reference. */
export function referenceBaselineSearch(index: BaselineIndex, query: string): BaselineResult {
  const prepared = baselineName(query);
  const seen = new Set<number>();
  let best = { score: 0, nameId: -1 };
  for (const letter of new Set(prepared.words.map((word) => word[0]!))) {
    for (const id of index.byFirstLetter.get(letter) ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      const score = preparedNameScore(prepared, index.names[id]!);
      if (score > best.score) best = { score, nameId: id };
    }
  }
  return best;
}
