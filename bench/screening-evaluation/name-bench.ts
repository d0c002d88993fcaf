// The labelled name pairs of nomenklatura's name_bench (826 pairs: people and companies, a few
// in Arabic and Cyrillic script), scored by the engine and by the Jaro-Winkler baseline.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { scoreNamePair, type ScreeningIndex } from '../../src/core/screening/engine.js';
import { jaroWinklerNameScore } from './jaro-winkler.js';
import type { LabelledScore } from './metrics.js';

export interface NamePairCase {
  readonly schema: string;
  readonly name1: string;
  readonly name2: string;
  readonly isMatch: boolean;
}

export function readNameBench(path: string): NamePairCase[] {
  const rows = parse(readFileSync(path, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Array<Record<string, string>>;
  return rows.map((row) => ({
    schema: row.schema ?? '',
    name1: row.name1 ?? '',
    name2: row.name2 ?? '',
    isMatch: row.is_match === 'true',
  }));
}

export function scoreNameBench(
  index: ScreeningIndex,
  cases: readonly NamePairCase[],
): { engine: LabelledScore[]; baseline: LabelledScore[] } {
  return {
    engine: cases.map((c) => ({
      score: scoreNamePair(index, c.name1, c.name2).score,
      isMatch: c.isMatch,
    })),
    baseline: cases.map((c) => ({
      score: jaroWinklerNameScore(c.name1, c.name2),
      isMatch: c.isMatch,
    })),
  };
}
