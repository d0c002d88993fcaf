// Queries made from REAL listed names by the perturbations a screening engine must survive:
// typing errors, reordered names, invisible characters, look-alike letters, other romanisations,
// a missing middle name, and Arabic script for entries listed in Latin (the UN list's
// NAME_ORIGINAL_SCRIPT, screened against an index that does not contain it). Each query knows the
// entry it came from; recall is the share of queries whose entry is among the alerts.
import type { ListEntry } from '../../src/core/screening/entry.js';
import { tokenizeName } from '../../src/core/screening/normalize.js';
import { seededRandom } from './metrics.js';

export type PerturbationKind =
  | 'exact'
  | 'typo'
  | 'reorder'
  | 'zero-width'
  | 'confusable'
  | 'romanisation'
  | 'drop-middle'
  | 'arabic-script'
  | 'arabic-script-evasion'
  | 'arabic-test-rendering';

export interface PerturbedQuery {
  readonly kind: PerturbationKind;
  readonly query: string;
  readonly source: string;
  readonly expectedEntryId: string;
  readonly entryKind: 'person' | 'entity' | 'unknown';
}

const invisibles = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u202E', '\u2066'];
const lookalikes: Record<string, string[]> = {
  a: ['а', 'ɑ', 'α'],
  e: ['е', 'ҽ'],
  o: ['о', 'ο', 'օ'],
  p: ['р', 'ρ'],
  c: ['с', 'ϲ'],
  x: ['х', 'χ'],
  i: ['і', 'ι'],
  y: ['у', 'γ'],
  s: ['ѕ'],
  h: ['һ'],
  j: ['ј'],
  k: ['κ'],
  n: ['ո'],
  u: ['υ', 'ս'],
  A: ['А', 'Α'],
  E: ['Е', 'Ε'],
  O: ['О', 'Ο'],
  P: ['Р', 'Ρ'],
  C: ['С'],
  H: ['Н', 'Η'],
  K: ['К', 'Κ'],
  M: ['М', 'Μ'],
  T: ['Т', 'Τ'],
  X: ['Х', 'Χ'],
  B: ['В', 'Β'],
  I: ['І', 'Ι'],
  S: ['Ѕ'],
};
// Romanisation choices lists and payment messages actually disagree on.
const romanisations: Array<[RegExp, string]> = [
  [/q/i, 'gh'],
  [/gh/i, 'q'],
  [/ou/i, 'u'],
  [/u/i, 'ou'],
  [/ee/i, 'i'],
  [/i/i, 'ee'],
  [/e/i, 'i'],
  [/o/i, 'u'],
  [/mm/i, 'm'],
  [/ss/i, 's'],
  [/y/i, 'i'],
  [/w/i, 'v'],
  [/v/i, 'w'],
  [/dh/i, 'z'],
  [/kh/i, 'h'],
  [/aa/i, 'a'],
  [/a(?=[^aeiou])/i, 'e'],
  [/sh/i, 'ch'],
];

/** "LAST, First Middle" as lists print it → "First Middle LAST" as people write it. */
export function naturalOrder(listed: string): string {
  const comma = listed.indexOf(',');
  if (comma < 0) return listed;
  return `${listed.slice(comma + 1).trim()} ${listed.slice(0, comma).trim()}`;
}

function words(name: string): string[] {
  return naturalOrder(name)
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function typo(random: () => number, word: string): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + word[at + 1]! + word[at]! + word.slice(at + 2);
    case 2:
      return word.slice(0, at) + pick(random, [...letters]) + word.slice(at + 1);
    default:
      return word.slice(0, at) + pick(random, [...letters]) + word.slice(at);
  }
}

function perturb(random: () => number, kind: PerturbationKind, name: string): string | undefined {
  const parts = words(name);
  switch (kind) {
    case 'exact':
      return naturalOrder(name);
    case 'typo': {
      const long = parts.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z]{5,}$/.test(w));
      if (long.length === 0) return undefined;
      const [word, i] = pick(random, long);
      parts[i] = typo(random, word);
      return parts.join(' ');
    }
    case 'reorder':
      if (parts.length < 2) return undefined;
      return [...parts.slice(1), parts[0]!].join(' ');
    case 'zero-width': {
      let text = naturalOrder(name);
      for (let n = 0; n < 3; n++) {
        const at = 1 + Math.floor(random() * (text.length - 1));
        text = text.slice(0, at) + pick(random, invisibles) + text.slice(at);
      }
      return text;
    }
    case 'confusable': {
      const chars = [...naturalOrder(name)];
      const positions = chars
        .map((c, i) => [c, i] as const)
        .filter(([c]) => lookalikes[c] !== undefined);
      if (positions.length === 0) return undefined;
      for (let n = 0; n < Math.min(3, positions.length); n++) {
        const [c, i] = pick(random, positions);
        chars[i] = pick(random, lookalikes[c]!);
      }
      return chars.join('');
    }
    case 'romanisation': {
      const order = parts.map((_, i) => i).sort(() => random() - 0.5);
      for (const i of order) {
        const rules = romanisations.filter(([pattern]) => pattern.test(parts[i]!.slice(1)));
        if (rules.length === 0 || parts[i]!.length < 4) continue;
        const [pattern, replacement] = pick(random, rules);
        parts[i] = parts[i]![0] + parts[i]!.slice(1).replace(pattern, replacement);
        return parts.join(' ');
      }
      return undefined;
    }
    case 'drop-middle':
      if (parts.length < 3) return undefined;
      return [parts[0]!, ...parts.slice(2)].join(' ');
    default:
      return undefined;
  }
}

function queryKind(entry: ListEntry): 'person' | 'entity' | 'unknown' {
  return entry.kind === 'person' ? 'person' : entry.kind === 'entity' ? 'entity' : 'unknown';
}

/** Latin-script perturbations of primary and alias names of person and entity entries. */
export function latinPerturbations(
  entries: readonly ListEntry[],
  perKind: number,
  seed = 7,
): PerturbedQuery[] {
  const random = seededRandom(seed);
  const pool = entries.filter((e) => e.kind === 'person' || e.kind === 'entity');
  const kinds: PerturbationKind[] = [
    'exact',
    'typo',
    'reorder',
    'zero-width',
    'confusable',
    'romanisation',
    'drop-middle',
  ];
  const out: PerturbedQuery[] = [];
  for (const kind of kinds) {
    let made = 0;
    for (let attempt = 0; made < perKind && attempt < perKind * 50; attempt++) {
      const entry = pick(random, pool);
      // middle names are a person's; a company without one of its words is another company
      if (kind === 'drop-middle' && entry.kind !== 'person') continue;
      const latinNames = entry.names.filter(
        (n) => n.kind !== 'original-script' && n.kind !== 'weak-alias' && /[A-Za-z]/.test(n.text),
      );
      if (latinNames.length === 0) continue;
      const name = pick(random, latinNames).text;
      // two-word names at least: one listed word alone is not a name a payment would carry
      if (words(name).length < 2) continue;
      const query = perturb(random, kind, name);
      if (query === undefined) continue;
      out.push({
        kind,
        query,
        source: name,
        expectedEntryId: entry.entryId,
        entryKind: queryKind(entry),
      });
      made++;
    }
  }
  return out;
}

/** Arabic-script names of UN entries (their NAME_ORIGINAL_SCRIPT), plainly and with evasion. */
export function arabicScriptQueries(entries: readonly ListEntry[], seed = 11): PerturbedQuery[] {
  const random = seededRandom(seed);
  const out: PerturbedQuery[] = [];
  for (const entry of entries) {
    for (const name of entry.names) {
      if (name.kind !== 'original-script' || !/[\u0600-\u06FF]/.test(name.text)) continue;
      out.push({
        kind: 'arabic-script',
        query: name.text,
        source: name.text,
        expectedEntryId: entry.entryId,
        entryKind: queryKind(entry),
      });
      // tatweel stretches, a zero-width joiner and Persian letter forms: looks the same, is not the same string
      const chars = [...name.text];
      const at = 1 + Math.floor(random() * Math.max(1, chars.length - 2));
      chars.splice(at, 0, 'ـــ');
      const evasive = chars.join('').replace(/ي/g, 'ی').replace(/ك/g, 'ک').replace(' ', ' \u200C');
      out.push({
        kind: 'arabic-script-evasion',
        query: evasive,
        source: name.text,
        expectedEntryId: entry.entryId,
        entryKind: queryKind(entry),
      });
    }
  }
  return out;
}

/**
 * Arabic-script renderings of Latin-only listed person names, word by word from the
 * transliteration TEST split (never used in training): for every listed name whose words all have
 * a TEST pair, the commonest Arabic spelling of each word.
 */
export function testSplitRenderings(
  entries: readonly ListEntry[],
  testPairs: ReadonlyArray<{ latin: string; arabic: string; count: number }>,
): PerturbedQuery[] {
  const arabicOf = new Map<string, { arabic: string; count: number }>();
  for (const pair of testPairs) {
    const seen = arabicOf.get(pair.latin);
    if (seen === undefined || pair.count > seen.count) arabicOf.set(pair.latin, pair);
  }
  const out: PerturbedQuery[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'person') continue;
    for (const name of entry.names.filter((n) => n.kind === 'primary' || n.kind === 'alias')) {
      const tokens = tokenizeName(name.text).filter((t) => t.role === 'name');
      if (tokens.length < 2 || !tokens.every((t) => t.script === 'latin' && arabicOf.has(t.text)))
        continue;
      const query = tokens.map((t) => arabicOf.get(t.text)!.arabic).join(' ');
      out.push({
        kind: 'arabic-test-rendering',
        query,
        source: name.text,
        expectedEntryId: entry.entryId,
        entryKind: 'person',
      });
      break;
    }
  }
  return out;
}

/** The entries with their original-script names removed: what an Arabic query must reach through transliteration. */
export function withoutOriginalScript(entries: readonly ListEntry[]): ListEntry[] {
  return entries.map((entry) => ({
    ...entry,
    names: entry.names.filter((n) => n.kind !== 'original-script'),
  }));
}
