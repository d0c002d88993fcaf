// Quality floors the engine really meets, measured in the same run as the Jaro-Winkler baseline.
// Samples are smaller than the full report (evaluation/report.ts, docs/screening.md) to stay fast;
// floors sit a little under the measured values so that noise in sampling does not flap them.
import { beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../../test-support/shared-data.js';
import {
  buildScreeningIndex,
  defaultAlertThreshold,
  type ScreeningIndex,
} from '../../src/core/screening/engine.js';
import type { ListEntry } from '../../src/core/screening/entry.js';
import { loadListPath } from '../../src/adapters/lists/load-list-path.js';
import { jaroWinklerNameScore } from './jaro-winkler.js';
import { alertRateAt, engineListScores, recallAt } from './list-evaluation.js';
import {
  arabicScriptQueries,
  latinPerturbations,
  withoutOriginalScript,
} from './list-perturbations.js';
import { bestF1, qualityAt } from './metrics.js';
import { readNameBench, scoreNameBench } from './name-bench.js';
import { nonListedNames } from './non-listed-names.js';
import { scoreTranslitTest } from './translit-bench.js';
import { readTranslitPairs } from './translit-pairs.js';

let entries: ListEntry[];
let index: ScreeningIndex;

beforeAll(async () => {
  const lists = [
    ...(await loadListPath(dataPath('ofac'))),
    ...(await loadListPath(dataPath('un'))),
  ];
  entries = lists.flatMap((list) => list.entries);
  index = buildScreeningIndex(entries);
}, 300_000);

describe('quality against the Jaro-Winkler baseline', () => {
  it('beats the baseline on the labelled name pairs', () => {
    const { engine, baseline } = scoreNameBench(
      index,
      readNameBench(dataPath('name-pairs', 'name_bench_cases.csv')),
    );
    const engineQuality = qualityAt(engine, defaultAlertThreshold);
    expect(engineQuality.f1).toBeGreaterThan(0.74);
    expect(engineQuality.precision).toBeGreaterThan(0.8);
    expect(engineQuality.f1).toBeGreaterThan(bestF1(baseline).f1);
  });

  it('matches Arabic-script tokens to their Latin spelling on the TEST split, where the baseline cannot', () => {
    const test = readTranslitPairs(dataPath('translit', 'wd_arabic_20')).filter(
      (_, i) => i % 4 === 0,
    );
    const { engine, baseline, top1Accuracy } = scoreTranslitTest(index.model, test, 5);
    const quality = qualityAt(engine, 0.72);
    expect(quality.recall).toBeGreaterThan(0.93);
    expect(quality.precision).toBeGreaterThan(0.97);
    expect(top1Accuracy).toBeGreaterThan(0.96);
    expect(bestF1(baseline).f1).toBeLessThan(0.5);
  });

  it('finds perturbed real listed names and leaves generated non-listed names alone', () => {
    const listed = [
      ...latinPerturbations(entries, 40, 101),
      ...arabicScriptQueries(entries).filter((_, i) => i % 3 === 0),
    ];
    const nonListed = nonListedNames(
      index.candidates,
      readTranslitPairs(dataPath('translit', 'wd_arabic_80')),
      600,
      17,
    );
    const scores = engineListScores(
      index,
      buildScreeningIndex(withoutOriginalScript(entries)),
      listed,
      nonListed,
    );
    expect(recallAt(scores, defaultAlertThreshold)).toBeGreaterThan(0.9);
    const latin = scores.listed.filter((s) => !s.query.kind.startsWith('arabic'));
    expect(
      latin.filter((s) => s.score >= defaultAlertThreshold).length / latin.length,
    ).toBeGreaterThan(0.95);
    for (const kind of ['exact', 'reorder', 'zero-width', 'confusable'])
      expect(recallAt(scores, defaultAlertThreshold, kind)).toBeGreaterThan(0.97);
    expect(recallAt(scores, defaultAlertThreshold, 'arabic-script')).toBeGreaterThan(0.75);
    expect(alertRateAt(scores, defaultAlertThreshold)).toBeLessThan(0.02);
    // the baseline, on the same Arabic-script queries, finds nothing: it has no transliteration
    const arabic = listed.filter((q) => q.kind === 'arabic-script').slice(0, 10);
    const latinOnly = withoutOriginalScript(entries);
    for (const query of arabic) {
      const entry = latinOnly.find((e) => e.entryId === query.expectedEntryId)!;
      expect(
        Math.max(...entry.names.map((n) => jaroWinklerNameScore(query.query, n.text))),
      ).toBeLessThan(0.5);
    }
  }, 300_000);
});
