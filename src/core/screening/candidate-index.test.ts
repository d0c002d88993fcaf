import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { givenNameMask } from './candidate-index.js';
import { tokenizeName } from './normalize.js';

const mask = (text: string) => givenNameMask(text, tokenizeName(text));
const texts = (text: string) => tokenizeName(text).map((t) => t.text);

describe('givenNameMask: the first given name, as people say the name', () => {
  it('reads SURNAME, Given Middle as Given Middle SURNAME', () => {
    expect(texts('SAAD, Isam Ahmad')).toEqual(['saad', 'isam', 'ahmad']);
    expect(mask('SAAD, Isam Ahmad')).toBe(1 << 1);
    expect(mask('BAHENA MARTINEZ, Rogelio Antonio')).toBe(1 << 2);
  });

  it('reads a name without a comma as written, and skips titles and particles', () => {
    expect(mask('Omar Mohammed Othman')).toBe(1 << 0);
    expect(texts('Sheikh Omar Mohammed Othman')[0]).not.toBe('omar');
    expect(mask('Sheikh Omar Mohammed Othman')).toBe(
      1 << texts('Sheikh Omar Mohammed Othman').indexOf('omar'),
    );
  });

  it('marks nothing in a name of fewer than three name words', () => {
    expect(mask('HAIDAR, Ali')).toBe(0);
    expect(mask('Qasem Soleimani')).toBe(0);
  });

  it('property: at most one bit, always on a name word of the name', () => {
    const word = fc.constantFrom('ali', 'hassan', 'al', 'bin', 'omar', 'mr', 'llc', 'saad');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), fc.array(word, { maxLength: 6 }), (a, b) => {
        const text = b.length > 0 ? `${a.join(' ')}, ${b.join(' ')}` : a.join(' ');
        const tokens = tokenizeName(text);
        const bits = givenNameMask(text, tokens);
        const set = [...Array(31).keys()].filter((j) => (bits & (1 << j)) !== 0);
        expect(set.length).toBeLessThanOrEqual(1);
        for (const j of set) expect(tokens[j]!.role).toBe('name');
      }),
    );
  });
});
