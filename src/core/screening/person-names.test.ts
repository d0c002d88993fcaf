// Person names as documents and other lists write them (issue 13, h/scrppl): words written onto
// each other with a capital ("SabriOK"), and the retrieval and tokenizer rules that let an
// Arabic-script name reach a Latin listed spelling. Invented names on a small list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScreeningIndex, screenName } from './engine.js';
import type { ListEntry } from './entry.js';
import { tokenizeName } from './normalize.js';

const entry = (entryId: string, kind: ListEntry['kind'], ...names: string[]): ListEntry => ({
  source: 'un',
  entryId,
  kind,
  names: names.map((text, i) => ({ text, kind: i === 0 ? 'primary' : 'alias' })),
  birthDates: [],
  nationalities: [],
  identifiers: [],
  programmes: [],
});
const fillers = ['DORANI, Kamal', 'MIRAZIZI, Behrouz', 'TALEBPOUR, Farid', 'OSKOUI, Nima'].map(
  (name, i) => entry(`f${i}`, 'person', name),
);
const hitIds = (index: ReturnType<typeof buildScreeningIndex>, name: string) =>
  screenName(index, { name, kind: 'person' }).map((hit) => hit.entryId);
const texts = (name: string) => tokenizeName(name).map((t) => t.text);

// invented name words: consonant-vowel syllables
const syllable = fc
  .tuple(fc.constantFrom(...'bdfgkmnprstvz'), fc.constantFrom(...'aeiou'))
  .map(([c, v]) => c + v);
const nameWord = fc.array(syllable, { minLength: 2, maxLength: 4 }).map((s) => s.join('') + 'n');
const titleCase = (word: string) => word[0]!.toUpperCase() + word.slice(1);

describe('a word written onto another with a capital', () => {
  it('is read as two words after a word in small letters', () => {
    expect(texts('SabriOK')).toEqual(['sabri', 'ok']);
    expect(texts('MuhammadAchwan')).toEqual(['muhammad', 'achwan']);
    expect(texts('Muhammad AbdallahAL AMIN')).toEqual(['muhammad', 'abd', 'allah', 'al', 'amin']);
  });

  it('is no boundary after a short prefix or inside a word of capitals', () => {
    expect(texts('McKhalif')).toEqual(['mckhalif']);
    expect(texts('DeSantis')).toEqual(['desantis']);
    expect(texts('COMuANY')).toEqual(['comuany']);
    expect(texts('MouHAMADI')).toEqual(['mouhamadi']);
  });

  it('finds the listed name written apart, and the one written as one word', () => {
    const index = buildScreeningIndex([
      entry('ok', 'person', 'OK, Sabri'),
      entry('bk', 'entity', 'BLACKROCK'),
      ...fillers,
    ]);
    expect(hitIds(index, 'SabriOK')).toContain('ok');
    expect(hitIds(index, 'BlackRock')).toContain('bk');
  });

  it('finds two invented listed words written onto each other, either way the list has them', () => {
    fc.assert(
      fc.property(nameWord, nameWord, (first, second) => {
        fc.pre(first !== second);
        const query = titleCase(first) + titleCase(second);
        const apart = buildScreeningIndex([
          entry('apart', 'person', `${second.toUpperCase()}, ${first.toUpperCase()}`),
          ...fillers,
        ]);
        const joined = buildScreeningIndex([
          entry('joined', 'person', `${(first + second).toUpperCase()}`),
          ...fillers,
        ]);
        expect(hitIds(apart, query)).toContain('apart');
        expect(hitIds(joined, query)).toContain('joined');
      }),
      { numRuns: 40 },
    );
  });

  it('never splits a word of capitals with one small letter typed into it', () => {
    fc.assert(
      fc.property(
        nameWord,
        fc.nat(),
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
        (w, at, c) => {
          const word = w.toUpperCase();
          const position = 1 + (at % (word.length - 1));
          const typed = word.slice(0, position) + c + word.slice(position);
          expect(tokenizeName(typed)).toHaveLength(1);
        },
      ),
    );
  });
});
