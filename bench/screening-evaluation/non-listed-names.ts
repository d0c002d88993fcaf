// Names of people and companies that are NOT listed, for the false-positive rate. Built from
// real name tokens (the commonest Latin and Arabic-script tokens of the transliteration TRAIN
// split: personal names from everywhere), combined at random, and kept only when no listed name
// contains all of their tokens.
import type { CandidateIndex } from '../../src/core/screening/candidate-index.js';
import { vocabKey } from '../../src/core/screening/candidate-index.js';
import { tokenizeName } from '../../src/core/screening/normalize.js';
import { latinPhonetic } from '../../src/core/screening/phonetic-key.js';
import { seededRandom } from './metrics.js';
import type { TranslitPair } from './translit-pairs.js';

export interface NonListedName {
  readonly query: string;
  readonly kind: 'person' | 'entity';
  readonly script: 'latin' | 'arabic';
}

/** Sector words of ordinary company names (none of them a sanctions signal). */
const sectorWords = [
  'Trading',
  'Logistics',
  'Pharma',
  'Foods',
  'Construction',
  'Textiles',
  'Electronics',
  'Consulting',
  'Medical Supplies',
  'Engineering',
  'Travel',
  'Furniture',
  'Software',
  'Dairy',
  'Printing',
];
const legalForms = ['LLC', 'Ltd', 'Co.', 'GmbH', 'S.A.', 'Inc.', 'Company'];

// "Not listed" is decided without the engine: a generated name is rejected when one listed name
// holds, for every one of its tokens, a token with the same phonetic spelling (so "Mohamed Aly"
// counts as the listed "MUHAMMAD, Ali"); Arabic-script tokens are checked through the Latin
// spellings the TRAIN pairs give them.
class ListedCheck {
  private readonly byPhonetic = new Map<string, number[]>();
  private readonly latinOfArabic = new Map<string, Set<string>>();

  constructor(
    private readonly index: CandidateIndex,
    trainPairs: readonly TranslitPair[],
  ) {
    for (const token of index.vocab) {
      if (token.script !== 'latin' || token.role !== 'name') continue;
      const list = this.byPhonetic.get(token.phonetic) ?? [];
      list.push(token.id);
      this.byPhonetic.set(token.phonetic, list);
    }
    for (const pair of trainPairs) {
      const set = this.latinOfArabic.get(pair.arabic) ?? new Set<string>();
      set.add(pair.latin);
      this.latinOfArabic.set(pair.arabic, set);
    }
  }

  private namesOf(token: { text: string; script: 'latin' | 'arabic' }): Set<number> {
    const names = new Set<number>();
    const exact = this.index.vocabByKey.get(vocabKey(token.script, token.text));
    if (exact !== undefined) for (const n of this.index.vocab[exact]!.postings) names.add(n);
    const spellings =
      token.script === 'latin' ? [token.text] : [...(this.latinOfArabic.get(token.text) ?? [])];
    for (const spelling of spellings) {
      for (const id of this.byPhonetic.get(latinPhonetic(spelling)) ?? [])
        for (const n of this.index.vocab[id]!.postings) names.add(n);
    }
    return names;
  }

  isListed(name: string): boolean {
    let common: Set<number> | undefined;
    for (const token of tokenizeName(name).filter((t) => t.role === 'name')) {
      const names = this.namesOf(token);
      common = common === undefined ? names : new Set([...common].filter((n) => names.has(n)));
      if (common.size === 0) return false;
    }
    return common !== undefined && common.size > 0;
  }
}

export function commonTokens(
  pairs: readonly TranslitPair[],
  script: 'latin' | 'arabic',
  count: number,
): string[] {
  const totals = new Map<string, number>();
  for (const pair of pairs) {
    const token = script === 'latin' ? pair.latin : pair.arabic;
    if (token.length < 3) continue;
    totals.set(token, (totals.get(token) ?? 0) + pair.count);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([token]) => token);
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function nonListedNames(
  index: CandidateIndex,
  trainPairs: readonly TranslitPair[],
  count: number,
  seed = 3,
): NonListedName[] {
  const random = seededRandom(seed);
  const latin = commonTokens(trainPairs, 'latin', 1500);
  const arabic = commonTokens(trainPairs, 'arabic', 1500);
  const pick = (items: readonly string[]) => items[Math.floor(random() * items.length)]!;
  const check = new ListedCheck(index, trainPairs);
  const out: NonListedName[] = [];
  for (let attempt = 0; out.length < count && attempt < count * 20; attempt++) {
    const roll = random();
    let candidate: NonListedName;
    if (roll < 0.55) {
      const size = random() < 0.75 ? 2 : 3;
      candidate = {
        query: Array.from({ length: size }, () => capitalise(pick(latin))).join(' '),
        kind: 'person',
        script: 'latin',
      };
    } else if (roll < 0.8) {
      const size = random() < 0.75 ? 2 : 3;
      candidate = {
        query: Array.from({ length: size }, () => pick(arabic)).join(' '),
        kind: 'person',
        script: 'arabic',
      };
    } else {
      candidate = {
        query: `${capitalise(pick(latin))} ${pick(sectorWords)} ${pick(legalForms)}`,
        kind: 'entity',
        script: 'latin',
      };
    }
    if (new Set(candidate.query.split(' ')).size < candidate.query.split(' ').length) continue;
    if (check.isListed(candidate.query)) continue;
    out.push(candidate);
  }
  return out;
}
