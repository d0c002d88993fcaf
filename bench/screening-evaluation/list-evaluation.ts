// Screening-level measurement on the real lists: recall on perturbed listed names, alert rate on
// non-listed names, for the engine and the Jaro-Winkler baseline, over a range of thresholds.
import type { ListEntry } from '../../src/core/screening/entry.js';
import {
  buildScreeningIndex,
  screenName,
  type ScreeningIndex,
} from '../../src/core/screening/engine.js';
import { jaroWinklerNameScore } from './jaro-winkler.js';
import type { PerturbedQuery } from './list-perturbations.js';
import type { NonListedName } from './non-listed-names.js';

export interface ListScores {
  /** per perturbed query: best score of the expected entry (0 if not retrieved) */
  readonly listed: ReadonlyArray<{ readonly query: PerturbedQuery; readonly score: number }>;
  /** per non-listed name: best score of any entry */
  readonly nonListed: ReadonlyArray<{
    readonly query: NonListedName;
    readonly score: number;
    readonly hit: string;
  }>;
}

export const evaluationFloorScore = 0.5;

export function engineListScores(
  index: ScreeningIndex,
  arabicIndex: ScreeningIndex,
  listed: readonly PerturbedQuery[],
  nonListed: readonly NonListedName[],
): ListScores {
  return {
    listed: listed.map((query) => {
      const target = query.kind.startsWith('arabic') ? arabicIndex : index;
      const hits = screenName(
        target,
        { name: query.query, kind: query.entryKind },
        { threshold: evaluationFloorScore, limit: 1000 },
      );
      return { query, score: hits.find((h) => h.entryId === query.expectedEntryId)?.score ?? 0 };
    }),
    nonListed: nonListed.map((query) => {
      const hits = screenName(
        index,
        { name: query.query, kind: query.kind },
        { threshold: evaluationFloorScore, limit: 1 },
      );
      return { query, score: hits[0]?.score ?? 0, hit: hits[0]?.matchedName ?? '' };
    }),
  };
}

/** The baseline scans every listed name per query (it has no index): run it on a sample. */
export function baselineListScores(
  entries: readonly ListEntry[],
  listed: readonly PerturbedQuery[],
  nonListed: readonly NonListedName[],
): ListScores {
  const names = entries.flatMap((entry) =>
    entry.names.map((name) => ({
      entryId: entry.entryId,
      text: name.text,
      originalScript: name.kind === 'original-script',
    })),
  );
  // like the engine, the baseline must reach an Arabic-script query through the Latin names only
  const best = (query: string, entryId?: string, latinOnly = false) => {
    let score = 0;
    let hit = '';
    for (const name of names) {
      if (entryId !== undefined && name.entryId !== entryId) continue;
      if (latinOnly && name.originalScript) continue;
      const s = jaroWinklerNameScore(query, name.text);
      if (s > score) {
        score = s;
        hit = name.text;
      }
    }
    return { score, hit };
  };
  return {
    listed: listed.map((query) => ({
      query,
      score: best(query.query, query.expectedEntryId, query.kind.startsWith('arabic')).score,
    })),
    nonListed: nonListed.map((query) => ({ query, ...best(query.query) })),
  };
}

export function recallAt(scores: ListScores, threshold: number, kind?: string): number {
  const relevant = scores.listed.filter((s) => kind === undefined || s.query.kind === kind);
  return relevant.filter((s) => s.score >= threshold).length / Math.max(1, relevant.length);
}

export function alertRateAt(scores: ListScores, threshold: number, script?: string): number {
  const relevant = scores.nonListed.filter(
    (s) => script === undefined || s.query.script === script || s.query.kind === script,
  );
  return relevant.filter((s) => s.score >= threshold).length / Math.max(1, relevant.length);
}

export { buildScreeningIndex };
