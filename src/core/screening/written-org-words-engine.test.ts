// The written organisation words inside the engine (fast-check over the table's own words):
// translated organisation words never carry a match by themselves, and the order of a
// translated name's words does not matter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { faArOrgWordsTable } from './data/fa-ar-org-words.js';
import type { ListEntry } from './entry.js';
import { buildScreeningIndex, defaultAlertThreshold, screenName } from './engine.js';
import { tokenizeName } from './normalize.js';
import { englishTranslations, isArabicOrgWord, isPlaceWord } from './translations.js';

// organisation words of the table (not places) that a document's tokenizer reads as one word
const words = faArOrgWordsTable
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('category\t'))
  .map((line) => line.split('\t') as [string, string, string, string])
  .filter(([category, , word]) => {
    const tokens = tokenizeName(word);
    return category !== 'place' && tokens.length === 1 && tokens[0]!.role === 'name';
  })
  // organisation words, not places: a place (جمهوری, republic) tells bodies apart by design
  .filter(([, , word]) => {
    const text = tokenizeName(word)[0]!.text;
    return isArabicOrgWord(text) && !englishTranslations(text).some(isPlaceWord);
  })
  .map(([, , word, senses]) => ({ word, sense: senses.split(',')[0]! }));

// family names in Latin (as a list writes them) and in Persian (as a document does), distinct
const families: readonly (readonly [string, string])[] = [
  ['ZARGHAMI', 'ضرغامی'],
  ['ROSTAMI', 'رستمی'],
  ['SHARIFI', 'شریفی'],
  ['MOHSENI', 'محسنی'],
  ['NAZARI', 'نظری'],
];

const entity = (id: number, name: string): ListEntry => ({
  source: 'ofac-sdn',
  entryId: String(id),
  kind: 'entity',
  names: [{ text: name, kind: 'primary' }],
  birthDates: [],
  nationalities: [],
  identifiers: [],
  programmes: [],
});

// every family name beside senses of the table: 5 × 60 entities, the same for every run
const listed = families.flatMap(([latin], f) =>
  Array.from({ length: 60 }, (_, k) => {
    const a = words[(f * 131 + k * 7) % words.length]!;
    const b = words[(f * 17 + k * 13 + 5) % words.length]!;
    return { latin, a, b, entry: entity(f * 100 + k, `${latin} ${a.sense} ${b.sense}`) };
  }),
);
// and 300 entities of one made-up proper name each (as rare as most listed names) beside three
// senses: KARONEMI firm administration network…
const syllables = ['ka', 'ro', 'ne', 'mi', 'zu', 'ta', 'le', 'bo'];
const proper = Array.from({ length: 300 }, (_, k) => {
  const name = [k % 8, Math.floor(k / 8) % 8, Math.floor(k / 64) % 8, 3]
    .map((i) => syllables[i])
    .join('')
    .toUpperCase();
  const three = [0, 1, 2].map((n) => words[(k * 31 + n * 101 + 3) % words.length]!);
  const entry = entity(1000 + k, `${name} ${three.map((w) => w.sense).join(' ')}`);
  return { three, entry };
});
const index = buildScreeningIndex([
  ...listed.map((row) => row.entry),
  ...proper.map((row) => row.entry),
]);
const hitOf = (name: string, entryId: string) =>
  screenName(index, { name, kind: 'entity' }, { threshold: 0.01, limit: 1000 }).find(
    (hit) => hit.entryId === entryId,
  );

describe('written organisation words in the engine', () => {
  it('are several hundred, each translating to its first sense', () => {
    expect(words.length).toBeGreaterThan(400);
    for (const { word, sense } of words.slice(0, 50))
      expect(englishTranslations(tokenizeName(word)[0]!.text)).toContain(sense);
  });

  it('never make a match beside a family name the listed name does not have (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: listed.length - 1 }),
        fc.integer({ min: 1, max: families.length - 1 }),
        (row, shift) => {
          const { latin, a, b, entry } = listed[row]!;
          const other = families[(families.findIndex(([l]) => l === latin) + shift) % 5]!;
          const hit = hitOf(`${other[1]} ${a.word} ${b.word}`, entry.entryId);
          // only translations agree (a word spelling a listed word is a spelling: see below)
          fc.pre(hit?.explanation.tokens.every((t) => t.method === 'translation') ?? true);
          expect(hit?.score ?? 0).toBeLessThan(defaultAlertThreshold);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never make a match alone against a listed name with a proper name the query lacks (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: proper.length - 1 }),
        fc.subarray([0, 1, 2], { minLength: 1 }),
        (row, which) => {
          const { three, entry } = proper[row]!;
          const hit = hitOf(which.map((n) => three[n]!.word).join(' '), entry.entryId);
          // a loanword the list spells (فيلم / FILM, مجاهدين / MUJAHIDEEN) agrees as a spelling
          // does, and spellings carry matches: the claim is about translations
          fc.pre(hit?.explanation.tokens.every((t) => t.method === 'translation') ?? true);
          expect(hit?.score ?? 0).toBeLessThan(defaultAlertThreshold);
        },
      ),
      { numRuns: 200 },
    );
  });

  // every row in every order, not a sample: the ties that made order matter (كهرباء, two senses,
  // taking POWER from نیروگاه when it came first) are a handful of the 1,800 cases
  it('score a translated name the same in every word order (all rows, all orders)', () => {
    const orders = [
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    const differ: string[] = [];
    for (const { latin, a, b, entry } of listed) {
      const parts = [families.find(([l]) => l === latin)![1], a.word, b.word];
      const written = hitOf(parts.join(' '), entry.entryId)?.score ?? 0;
      for (const order of orders) {
        const query = order.map((i) => parts[i]).join(' ');
        const score = hitOf(query, entry.entryId)?.score ?? 0;
        if (Math.abs(score - written) > 1e-9) differ.push(`${query}: ${score} vs ${written}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('leaves a sense to the word that has only that sense, in either order', () => {
    // كهرباء is electricity and power, نیروگاه (power plant) only power
    const small = buildScreeningIndex([entity(1, 'SHARIFI POWER ELECTRICITY')]);
    const score = (name: string) =>
      screenName(small, { name, kind: 'entity' }, { threshold: 0.01 })[0]?.score ?? 0;
    const first = score('شریفی نیروگاه كهرباء');
    expect(first).toBeGreaterThan(0.9);
    expect(score('شریفی كهرباء نیروگاه')).toBeCloseTo(first, 9);
    expect(score('كهرباء نیروگاه شریفی')).toBeCloseTo(first, 9);
  });

  it('find the listed name when the family name and both words agree, in any order', () => {
    let found = 0;
    for (const { latin, a, b, entry } of listed) {
      const family = families.find(([l]) => l === latin)![1];
      if ((hitOf(`${a.word} ${b.word} ${family}`, entry.entryId)?.score ?? 0) >= 0.78) found++;
    }
    // not every pair of senses is distinct (two words of one sense pair with one listed word)
    expect(found / listed.length).toBeGreaterThan(0.9);
  });
});
