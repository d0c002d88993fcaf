// Names as documents write them (issue 13): a legal form written onto a name ("HOLDINGSLTD"),
// a word rejoined into the tokens the lists hold it as (عبدالح ی → abd + al + حی), a Persian
// suffix spaced off (only the suffixes, never a short name such as كل), and two good words that
// the lists hold as one (Vladimir ovich → VLADIMIROVICH). Invented names on a small list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScreeningIndex, defaultAlertThreshold, screenName } from './engine.js';
import type { ListEntry } from './entry.js';
import { nameWord } from './name-words.js';
import { tokenizeName } from './normalize.js';
import { genericOrgWordWeightMax, scoreName, similarityKnee, tokenSimilarityMin } from './score.js';

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
const filler = [
  'DORANI, Kamal',
  'MIRAZIZI, Behrouz',
  'TALEBPOUR, Farid',
  'OSKOUI, Nima',
  'ELI, Baruch',
  'ANDRE, Louis',
];
const fillers = filler.map((name, i) => entry(`f${i}`, 'person', name));
const hitIds = (
  index: ReturnType<typeof buildScreeningIndex>,
  name: string,
  kind: 'person' | 'entity' | 'unknown' = 'unknown',
) => screenName(index, { name, kind }).map((hit) => hit.entryId);

// invented company words: consonant-vowel syllables (never a legal form by themselves)
const syllable = fc
  .tuple(fc.constantFrom(...'bdfgkmnprstvz'), fc.constantFrom(...'aeiou'))
  .map(([c, v]) => c + v);
const companyWord = fc.array(syllable, { minLength: 3, maxLength: 4 }).map((s) => s.join('') + 'n');

describe('a legal form written onto a name', () => {
  it('is split off, whichever side it is joined to', () => {
    fc.assert(
      fc.property(
        companyWord,
        companyWord,
        fc.constantFrom('LTD', 'LLC', 'LIMITED', 'FZCO', 'CORP'),
        (first, second, form) => {
          fc.pre(first !== second);
          const index = buildScreeningIndex([
            entry('c', 'entity', `${first} ${second} ${form}`.toUpperCase()),
            ...fillers,
          ]);
          expect(hitIds(index, `${first} ${second}${form}`), 'trailing').toContain('c');
          expect(hitIds(index, `${form}${first} ${second}`), 'leading').toContain('c');
        },
      ),
      { numRuns: 25 },
    );
  });

  it('is not split where a name only ends like a short legal form (Elias is not ELI + AS)', () => {
    const index = buildScreeningIndex([entry('k', 'person', 'KHOURANI, Eli'), ...fillers]);
    expect(hitIds(index, 'Elias Khourani', 'person')).not.toContain('k');
    expect(hitIds(index, 'Eli Khourani', 'person')).toContain('k');
  });
});

describe('a word split where the lists have one', () => {
  const index = buildScreeningIndex([
    entry('h', 'person', 'عبدالحی سالک'),
    entry('g', 'person', 'كُل آغا اسحاقزی'),
    entry('q', 'person', 'KALAGHA, Rahim'),
    entry('v', 'person', 'PETRAKOV, Ivan Sergeyevich'),
    entry('s', 'person', 'SERGEY, Mark'),
    entry('e', 'person', 'EVICH, Tom'),
    ...fillers,
  ]);

  it('is read the way the lists read the joined word (article and compound split)', () => {
    expect(hitIds(index, 'عبدالح ی سالک')).toContain('h');
  });

  it('rejoins a spaced Persian suffix, but never a short name to the next word', () => {
    // كل (Gul) is a name of two letters, not a suffix: كل + اغا must not become one word
    expect(hitIds(index, 'كل آغا اسحاقز ی')).toContain('g');
    expect(hitIds(index, 'كل آغا اسحاقزی')).toContain('g');
  });

  it('joins two listed words when the lists hold the joined word (a split patronymic)', () => {
    expect(hitIds(index, 'Ivan Sergey evich Petrakov', 'person')).toContain('v');
    expect(hitIds(index, 'Ivan Sergeyevich Petrakov', 'person')).toContain('v');
  });
});

// Organisation words of the lists (the dictionary's English side) on the scorer: a rare one is as
// distinctive as any rare word; a common one left out beside a distinctive word shortens a name.
describe('organisation words of the lists, by how common they are', () => {
  const word = (text: string, weight: number, orgWord = false) => ({
    text,
    weight,
    role: 'name',
    script: 'latin',
    orgWord,
  });
  const legal = (text: string) => ({ text, weight: 0.026, role: 'legal-form', script: 'latin' });
  const scored = (
    query: ReturnType<typeof word | typeof legal>[],
    listed: ReturnType<typeof word | typeof legal>[],
  ) =>
    scoreName(query, listed, (i, j) =>
      query[i]!.text === listed[j]!.text ? { similarity: 1, method: 'exact' } : undefined,
    ).score;

  it('a common organisation word left out beside an agreeing distinctive word costs what a legal form does', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: genericOrgWordWeightMax - 0.01, noNaN: true }),
        fc.double({ min: 0.8, max: 1, noNaN: true }),
        (common, rare) => {
          const listed = [word('ironvale', rare), word('holdings', common, true), legal('limited')];
          expect(scored([word('ironvale', rare), legal('limited')], listed)).toBeGreaterThanOrEqual(
            defaultAlertThreshold,
          );
          // the query's own word left over is a conflict: nothing is excused
          expect(
            scored([word('ironvale', rare), word('tarvo', 1), legal('limited')], listed),
          ).toBeLessThan(defaultAlertThreshold);
        },
      ),
    );
  });

  it('a rare organisation word agreeing is distinctive: not scaled as "only organisation words agree"', () => {
    const listed = [word('delightly', 1, true), word('shipping', 0.46, true), legal('company')];
    const rare = scoreName([word('delightly', 1, true), legal('company')], listed, (i, j) =>
      (i === 0 && j === 0) || (i === 1 && j === 2) ? { similarity: 1, method: 'exact' } : undefined,
    );
    expect(rare.penalties.join(' ')).not.toMatch(/only organisation words/);
    const commonOnly = [word('national', 0.5, true), word('bank', 0.4, true), word('kuwaiti', 1)];
    const common = scoreName(
      [word('national', 0.5, true), word('bank', 0.4, true), word('qatari', 1)],
      commonOnly,
      (i, j) => (i === j && i < 2 ? { similarity: 1, method: 'exact' } : undefined),
    );
    expect(common.penalties.join(' ')).toMatch(/only organisation words/);
  });
});

describe('a match on resemblance alone', () => {
  const token = (text: string, weight: number, orgWord = false) => ({
    text,
    weight,
    role: 'name',
    script: 'latin',
    orgWord,
  });

  it('is scaled below the bar when a short listed word only looks like the query word', () => {
    fc.assert(
      fc.property(
        fc.double({ min: tokenSimilarityMin, max: similarityKnee - 0.001, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        (similarity, weight) => {
          const query = [token('bank', 0.4, true), token('audo', weight)];
          const listed = [token('day', weight), token('bank', 0.4, true)];
          const cells = (i: number, j: number) =>
            i === 0 && j === 1
              ? { similarity: 1, method: 'exact' as const }
              : i === 1 && j === 0
                ? { similarity, method: 'spelling-distance' as const }
                : undefined;
          const scored = scoreName(query, listed, cells);
          expect(scored.score).toBeLessThan(defaultAlertThreshold);
          expect(scored.penalties.join(' ')).toMatch(/only look alike/);
        },
      ),
    );
  });

  it('is not scaled when the listed word is long (a typing error in it is still that word)', () => {
    const query = [token('infxorion', 1)];
    const listed = [token('inforion', 1)];
    const scored = scoreName(query, listed, () => ({
      similarity: 0.88,
      method: 'spelling-distance',
    }));
    expect(scored.penalties.join(' ')).not.toMatch(/only look alike/);
  });
});

describe('two words run together, one of them a particle', () => {
  const index = buildScreeningIndex([
    entry('t', 'person', 'TORKAMANI, Behzad Abdul Rahim'),
    entry('s', 'person', 'سيف بن حسين التاجري'),
    ...fillers,
  ]);

  it('reads each half as the lists read it (TorkamaniAbdul is torkamani + abd)', () => {
    expect(hitIds(index, 'Behzad TorkamaniAbdul Rahim', 'person')).toContain('t');
  });

  it('splits a joined بن off the name it stands before', () => {
    expect(hitIds(index, 'سيف بنحسين التاجري', 'person')).toContain('s');
  });

  it('reads حجي as the honorific Hajji', () => {
    expect(nameWord('حجي')).toMatchObject({ canonical: 'hajji', role: 'honorific' });
  });
});

describe('a name split where one piece reads as a particle', () => {
  const index = buildScreeningIndex([
    entry('b', 'person', 'VARDANYAN, Benjamin Ilyich'),
    entry('x', 'person', 'KORNILOV, Alexander'),
    ...fillers,
  ]);

  it('is rejoined as written (Ben jamin → BENJAMIN, Alexan der → ALEXANDER)', () => {
    expect(hitIds(index, 'Ben jamin Ilyich Vardanyan', 'person')).toContain('b');
    expect(hitIds(index, 'Alexan der Kornilov', 'person')).toContain('x');
  });

  it('keeps the canonical particle and its written form apart', () => {
    expect(tokenizeName('Ben')).toEqual([
      expect.objectContaining({ text: 'bin', role: 'particle', written: 'ben' }),
    ]);
    expect(tokenizeName('bin')[0]!.written).toBeUndefined();
  });
});

describe('a particle joined to a short name', () => {
  const index = buildScreeningIndex([
    entry('o', 'entity', 'MONTEVAL DE ORO'),
    entry('m', 'entity', 'KARLINA DEL MAR'),
    ...fillers,
  ]);

  it('is split off when the rest is a word of the lists (DEORO → de + oro)', () => {
    expect(hitIds(index, 'MONTEVAL DEORO', 'entity')).toContain('o');
    expect(hitIds(index, 'KARLINA DELMAR', 'entity')).toContain('m');
  });

  it('is not split when the rest is no word of the lists', () => {
    // "delmor": del + mor, and MOR is not a word of this list
    expect(hitIds(index, 'KARLINA DELMOR', 'entity')).not.toContain('m');
  });
});
