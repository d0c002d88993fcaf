// Weighted edit distance between two phonetic spellings (phonetic-key.ts). Substitutions that
// romanisations of one Arabic/Persian letter make (q/k/g for ق غ گ, e/i, o/u, s/z, w/v) cost
// little; unrelated letters cost a full edit; adjacent transpositions (typing errors) cost less
// than two edits. The result is what the explanation reports as "spelling distance".

/** Tokens longer than this are compared on their first tokenLengthCharsMax characters only (bounded work). */
export const phoneticLengthMax = 40;

const closeGroups: ReadonlyArray<readonly [string, number]> = [
  ['kgq', 0.25],
  ['ei', 0.25],
  ['ou', 0.2],
  ['ae', 0.3],
  ['wv', 0.2],
  ['bp', 0.35],
  ['sz', 0.45],
  ['dz', 0.45],
  ['td', 0.5],
  ['xk', 0.45],
  ['xh', 0.45],
  ['jg', 0.5],
  ['jY', 0.45],
  ['iY', 0.4],
  ['Ss', 0.45],
  ['ia', 0.55],
  ['ao', 0.55],
  ['au', 0.55],
  ['eo', 0.6],
  ['iu', 0.6],
  ['io', 0.6],
  ['eu', 0.6],
  ['uw', 0.4],
  ['fv', 0.5],
];

const substitutionCost = new Map<string, number>();
for (const [group, cost] of closeGroups) {
  for (const a of group) for (const b of group) if (a !== b) substitutionCost.set(a + b, cost);
}

/** Inserting or deleting a vowel (romanisations add or drop short vowels) or h/y/w is cheap. */
function indelCost(char: string): number {
  if ('aeiou'.includes(char)) return 0.4;
  if ('hYw'.includes(char)) return 0.5;
  return 1;
}

/**
 * A vowel added or dropped at the end changes the name (Karim/Karimi, Ali/Alia,
 * Soleiman/Soleimani: the nisba and feminine endings), unlike a short vowel inside it.
 */
export const finalVowelIndelCost = 0.8;

function edgeIndelCost(char: string): number {
  return 'aeiou'.includes(char) ? finalVowelIndelCost : indelCost(char);
}

function subCost(a: string, b: string): number {
  if (a === b) return 0;
  return substitutionCost.get(a + b) ?? 1;
}

export const transpositionCost = 0.6;

// One scratch matrix, reused: every call fills what it reads, so no state survives a call.
const scratch = new Float64Array((phoneticLengthMax + 1) * (phoneticLengthMax + 1));

/**
 * Weighted optimal-string-alignment distance (Damerau with non-overlapping transpositions).
 * Stops early and returns Infinity once the distance must exceed `bound`.
 */
export function phoneticDistance(a: string, b: string, bound = Infinity): number {
  const s = a.length > phoneticLengthMax ? a.slice(0, phoneticLengthMax) : a;
  const t = b.length > phoneticLengthMax ? b.slice(0, phoneticLengthMax) : b;
  const width = t.length + 1;
  const d = scratch;
  d[0] = 0;
  for (let j = 1; j <= t.length; j++) d[j] = d[j - 1]! + indelCost(t[j - 1]!);
  for (let i = 1; i <= s.length; i++) {
    const si = s[i - 1]!;
    d[i * width] = d[(i - 1) * width]! + indelCost(si);
    let rowMin = d[i * width]!;
    for (let j = 1; j <= t.length; j++) {
      const tj = t[j - 1]!;
      let best = d[(i - 1) * width + j - 1]! + subCost(si, tj);
      const del = d[(i - 1) * width + j]! + (j === t.length ? edgeIndelCost(si) : indelCost(si));
      if (del < best) best = del;
      const ins = d[i * width + j - 1]! + (i === s.length ? edgeIndelCost(tj) : indelCost(tj));
      if (ins < best) best = ins;
      if (i > 1 && j > 1 && si === t[j - 2] && s[i - 2] === tj && si !== tj) {
        const tr = d[(i - 2) * width + j - 2]! + transpositionCost;
        if (tr < best) best = tr;
      }
      d[i * width + j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > bound) return Infinity;
  }
  return d[s.length * width + t.length]!;
}

/** Similarity in [0, 1]: 1 − distance / length of the longer spelling; 0 below `similarityMin`. */
export function phoneticSimilarity(a: string, b: string, similarityMin = 0): number {
  if (a === b) return 1;
  const length = Math.max(a.length, b.length, 1);
  const bound = (1 - similarityMin) * length;
  // every extra letter costs at least the cheapest indel
  if (Math.abs(a.length - b.length) * 0.4 > bound) return 0;
  const distance = phoneticDistance(a, b, bound);
  return Math.max(0, 1 - distance / length);
}
