// Listed names written the way payment documents write them (issue 13): a title added, a long
// word split in two, two words joined, the middle word dropped, a Persian word spaced instead
// of joined. Made from the lists with fixed seeds, so regional-report.ts and query-dump.ts
// measure the same queries on every run.
import type { ListEntry } from '../../src/core/screening/entry.js';
import { naturalOrder } from './list-perturbations.js';

export type DocumentSubset =
  'title' | 'split-word' | 'joined-words' | 'dropped-middle' | 'persian-spacing';
export const documentSubsets: readonly DocumentSubset[] = [
  'title',
  'split-word',
  'joined-words',
  'dropped-middle',
  'persian-spacing',
];
const titles = ['Mr', 'Mr.', 'Dr', 'Sheikh', 'Seyed', 'Haji', 'Sayyid', 'Hajj'];
/** Draws per subset before giving up on finding more names the subset applies to. */
const triesMax = 50_000;

// a linear congruential generator: the sets' seeds were fixed with it (metrics.ts has another)
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function documentForm(
  random: () => number,
  subset: DocumentSubset,
  name: string,
): string | undefined {
  const words = naturalOrder(name)
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length < 2) return undefined;
  switch (subset) {
    case 'title':
      return `${titles[Math.floor(random() * titles.length)]} ${words.join(' ')}`;
    case 'split-word': {
      const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z]{8,}$/.test(w));
      if (long.length === 0) return undefined;
      const [word, at] = long[Math.floor(random() * long.length)]!;
      const cut = 3 + Math.floor(random() * (word.length - 5));
      return [
        ...words.slice(0, at),
        word.slice(0, cut),
        word.slice(cut),
        ...words.slice(at + 1),
      ].join(' ');
    }
    case 'joined-words': {
      const at = Math.floor(random() * (words.length - 1));
      return [...words.slice(0, at), words[at]! + words[at + 1]!, ...words.slice(at + 2)].join(' ');
    }
    case 'dropped-middle':
      if (words.length < 3) return undefined;
      return [words[0]!, ...words.slice(2)].join(' ');
    case 'persian-spacing': {
      // a Persian word ending in ی/ای or with a ZWNJ, written with a space instead
      if (!/[\u0600-\u06FF]/.test(name)) return undefined;
      const spaced = name
        .replace(/\u200C/g, ' ')
        .replace(/([\u0600-\u06FF]{3,})(ای|ی)(?=\s|$)/u, '$1 $2');
      return spaced === name ? undefined : spaced;
    }
  }
}

export interface DocumentQuery {
  readonly query: string;
  readonly entry: ListEntry;
}

/** Up to `perSubset` queries of one subset, from persons and entities of the lists. */
export function documentFormQueries(
  entries: readonly ListEntry[],
  subset: DocumentSubset,
  perSubset: number,
): DocumentQuery[] {
  const pool = entries.filter((e) => e.kind === 'person' || e.kind === 'entity');
  const random = seededRandom(29 + documentSubsets.indexOf(subset));
  const queries: DocumentQuery[] = [];
  for (let tries = 0; queries.length < perSubset && tries < triesMax; tries++) {
    const entry = pool[Math.floor(random() * pool.length)]!;
    const names =
      subset === 'persian-spacing'
        ? entry.names.filter((n) => /[\u0600-\u06FF]/.test(n.text))
        : entry.names.filter((n) => !/[\u0600-\u06FF]/.test(n.text));
    if (names.length === 0) continue;
    const query = documentForm(random, subset, names[Math.floor(random() * names.length)]!.text);
    if (query !== undefined) queries.push({ query, entry });
  }
  return queries;
}
