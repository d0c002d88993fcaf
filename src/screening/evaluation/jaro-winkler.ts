// The baseline: Jaro-Winkler as Moov Watchman publishes its search (normalise to lower-case
// ASCII words, compare with Jaro-Winkler, best token pairs with a length-mismatch penalty).
// Written out here (30 lines) rather than taken from npm so the comparison runs in the same
// process on the same inputs. It has no transliteration: Arabic script against Latin scores ~0,
// which is exactly the failure the issue describes.

export function jaro(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  return (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
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

/** Watchman-style best-pairs Jaro-Winkler of two names, in [0, 1]. */
export function jaroWinklerNameScore(query: string, listed: string): number {
  const queryWords = baselineWords(query);
  const listedWords = baselineWords(listed);
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
  const whole = jaroWinkler(queryWords.join(' '), listedWords.join(' '));
  return Math.max(whole, bestPairs * (0.8 + 0.2 * lengthPenalty));
}
