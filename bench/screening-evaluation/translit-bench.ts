// Cross-script token matching on the transliteration TEST split (wd_arabic_20), never used in
// training: each Arabic token against its own Latin token (a match) and against Latin tokens of
// other pairs (distractors, non-matches), scored by the engine's token similarity and by
// Jaro-Winkler on the raw strings.
import { tokenSimilarity } from '../../src/core/screening/token-similarity.js';
import { latinPhonetic } from '../../src/core/screening/phonetic-key.js';
import type { TranslitModel } from '../../src/core/screening/translit-model.js';
import { jaroWinkler } from './jaro-winkler.js';
import { seededRandom, type LabelledScore } from './metrics.js';
import type { TranslitPair } from './translit-pairs.js';

export function scoreTranslitTest(
  model: TranslitModel,
  pairs: readonly TranslitPair[],
  distractorsPerPair: number,
  seed = 20,
): { engine: LabelledScore[]; baseline: LabelledScore[]; top1Accuracy: number } {
  const random = seededRandom(seed);
  const engine: LabelledScore[] = [];
  const baseline: LabelledScore[] = [];
  let top1 = 0;
  const similarity = (arabic: string, latin: string) =>
    tokenSimilarity(
      model,
      { text: arabic, script: 'arabic', phonetic: '' },
      { text: latin, script: 'latin', phonetic: latinPhonetic(latin) },
    ).similarity;
  for (const pair of pairs) {
    const own = similarity(pair.arabic, pair.latin);
    engine.push({ score: own, isMatch: true });
    baseline.push({ score: jaroWinkler(pair.arabic, pair.latin), isMatch: true });
    let beaten = false;
    for (let k = 0; k < distractorsPerPair; k++) {
      const other = pairs[Math.floor(random() * pairs.length)]!;
      if (other.latin === pair.latin) continue;
      const score = similarity(pair.arabic, other.latin);
      if (score > own) beaten = true;
      engine.push({ score, isMatch: false });
      baseline.push({ score: jaroWinkler(pair.arabic, other.latin), isMatch: false });
    }
    if (!beaten) top1++;
  }
  return { engine, baseline, top1Accuracy: top1 / pairs.length };
}
