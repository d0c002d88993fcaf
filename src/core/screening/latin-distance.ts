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

// Costs by character code (phonetic spellings are ASCII): array lookups, no string building in
// the inner loop of the distance.
const codeRange = 128;
const substitutionCost = new Float32Array(codeRange * codeRange).fill(1);
for (let code = 0; code < codeRange; code++) substitutionCost[code * codeRange + code] = 0;
for (const [group, cost] of closeGroups) {
  for (const a of group)
    for (const b of group)
      if (a !== b) substitutionCost[a.charCodeAt(0) * codeRange + b.charCodeAt(0)] = cost;
}

/** Inserting or deleting a vowel (romanisations add or drop short vowels) or h/y/w is cheap. */
const indelCostByCode = new Float32Array(codeRange).fill(1);
for (const char of 'aeiou') indelCostByCode[char.charCodeAt(0)] = 0.4;
for (const char of 'hYw') indelCostByCode[char.charCodeAt(0)] = 0.5;

/**
 * A vowel added or dropped at the end changes the name (Karim/Karimi, Ali/Alia,
 * Soleiman/Soleimani: the nisba and feminine endings), unlike a short vowel inside it.
 */
export const finalVowelIndelCost = 0.8;
const edgeIndelCostByCode = Float32Array.from(indelCostByCode);
for (const char of 'aeiou') edgeIndelCostByCode[char.charCodeAt(0)] = finalVowelIndelCost;

function code(text: string, index: number): number {
  const value = text.charCodeAt(index);
  return value < codeRange ? value : 0;
}

export const transpositionCost = 0.6;

// One scratch matrix, reused: every call fills what it reads, so no state survives a call.
const scratch = new Float64Array((phoneticLengthMax + 1) * (phoneticLengthMax + 1));

/**
 * Weighted optimal-string-alignment distance (Damerau with non-overlapping transpositions).
 * Stops early and returns Infinity once the distance must exceed `bound`.
 */
export function phoneticDistance(a: string, b: string, bound = Infinity): number {
  const sLength = Math.min(a.length, phoneticLengthMax);
  const tLength = Math.min(b.length, phoneticLengthMax);
  const width = tLength + 1;
  const d = scratch;
  d[0] = 0;
  for (let j = 1; j <= tLength; j++) d[j] = d[j - 1]! + indelCostByCode[code(b, j - 1)]!;
  for (let i = 1; i <= sLength; i++) {
    const si = code(a, i - 1);
    const siPrevious = i > 1 ? code(a, i - 2) : -1;
    const row = i * width;
    const above = (i - 1) * width;
    d[row] = d[above]! + indelCostByCode[si]!;
    let rowMin = d[row]!;
    const deleteHere = indelCostByCode[si]!;
    const insertCosts = i === sLength ? edgeIndelCostByCode : indelCostByCode;
    for (let j = 1; j <= tLength; j++) {
      const tj = code(b, j - 1);
      let best = d[above + j - 1]! + substitutionCost[si * codeRange + tj]!;
      const del = d[above + j]! + (j === tLength ? edgeIndelCostByCode[si]! : deleteHere);
      if (del < best) best = del;
      const ins = d[row + j - 1]! + insertCosts[tj]!;
      if (ins < best) best = ins;
      if (j > 1 && si !== tj && si === code(b, j - 2) && siPrevious === tj) {
        const tr = d[(i - 2) * width + j - 2]! + transpositionCost;
        if (tr < best) best = tr;
      }
      d[row + j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > bound) return Infinity;
  }
  return d[sLength * width + tLength]!;
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
