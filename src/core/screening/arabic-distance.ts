// Distance between two Arabic-script tokens (after letter unification). Spelling variants
// inside the script: long-vowel letters (ا و ي) written or not, Persian letters written with
// their Arabic neighbours (گ/ك, چ/ج, پ/ب, ژ/ز), and letters that sound alike (ث/س, ذ/ز, ص/س,
// ط/ت, ح/ه, ق/غ, ع/ا) cost less than a full edit.

const matresLectionis = new Set(['ا', 'و', 'ي', 'ع', 'ه']);

const closeLetters: ReadonlyArray<readonly [string, string, number]> = [
  ['گ', 'ك', 0.2],
  ['چ', 'ج', 0.2],
  ['پ', 'ب', 0.2],
  ['ژ', 'ز', 0.2],
  ['ژ', 'ج', 0.3],
  ['ث', 'س', 0.3],
  ['ذ', 'ز', 0.3],
  ['ض', 'ظ', 0.3],
  ['ذ', 'د', 0.4],
  ['ض', 'د', 0.4],
  ['ظ', 'ز', 0.3],
  ['ض', 'ز', 0.3],
  ['ص', 'س', 0.3],
  ['ط', 'ت', 0.3],
  ['ح', 'ه', 0.3],
  ['ق', 'غ', 0.3],
  ['ق', 'ك', 0.4],
  ['ع', 'ا', 0.3],
  ['ه', 'ا', 0.4],
  ['و', 'ي', 0.6],
];

const substitution = new Map<string, number>();
for (const [a, b, cost] of closeLetters) {
  substitution.set(a + b, cost);
  substitution.set(b + a, cost);
}

export const arabicLengthMax = 40;

function indel(letter: string): number {
  return matresLectionis.has(letter) ? 0.5 : 1;
}

export function arabicDistance(a: string, b: string): number {
  const s = [...a].slice(0, arabicLengthMax);
  const t = [...b].slice(0, arabicLengthMax);
  const width = t.length + 1;
  const d = new Float64Array((s.length + 1) * width);
  for (let j = 1; j <= t.length; j++) d[j] = d[j - 1]! + indel(t[j - 1]!);
  for (let i = 1; i <= s.length; i++) {
    d[i * width] = d[(i - 1) * width]! + indel(s[i - 1]!);
    for (let j = 1; j <= t.length; j++) {
      const si = s[i - 1]!;
      const tj = t[j - 1]!;
      const sub = si === tj ? 0 : (substitution.get(si + tj) ?? 1);
      let best = d[(i - 1) * width + j - 1]! + sub;
      best = Math.min(best, d[(i - 1) * width + j]! + indel(si), d[i * width + j - 1]! + indel(tj));
      if (i > 1 && j > 1 && si === t[j - 2] && s[i - 2] === tj && si !== tj)
        best = Math.min(best, d[(i - 2) * width + j - 2]! + 0.6);
      d[i * width + j] = best;
    }
  }
  return d[s.length * width + t.length]!;
}

export function arabicSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const length = Math.max([...a].length, [...b].length, 1);
  return Math.max(0, 1 - arabicDistance(a, b) / length);
}
