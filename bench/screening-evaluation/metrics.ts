// Precision, recall and F1 of scored, labelled pairs at a threshold; and a sweep to pick one.

export interface LabelledScore {
  readonly score: number;
  readonly isMatch: boolean;
}

export interface Quality {
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
}

export function qualityAt(scores: readonly LabelledScore[], threshold: number): Quality {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const { score, isMatch } of scores) {
    const alert = score >= threshold;
    if (alert && isMatch) truePositives++;
    else if (alert) falsePositives++;
    else if (isMatch) falseNegatives++;
  }
  const precision =
    truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall =
    truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, precision, recall, f1, truePositives, falsePositives, falseNegatives };
}

/** The threshold (on a 0.01 grid) with the best F1, and the quality there. */
export function bestF1(scores: readonly LabelledScore[]): Quality {
  let best = qualityAt(scores, 0);
  for (let step = 1; step <= 100; step++) {
    const quality = qualityAt(scores, step / 100);
    if (quality.f1 > best.f1) best = quality;
  }
  return best;
}

/** Deterministic PRNG (mulberry32) so generated evaluation sets are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
